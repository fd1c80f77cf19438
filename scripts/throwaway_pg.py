"""A throwaway PostgreSQL cluster for tests, CI and benchmarks: initdb + pg_ctl in a temp directory, on a free
port, listening on 127.0.0.1 only, gone when stopped.

As a library:

    from scripts.throwaway_pg import start_cluster

    cluster = start_cluster()          # Cluster(url=..., stop=..., data_dir=..., port=...)
    os.environ["CODEDESK_DATABASE_URL"] = cluster.url
    ...
    cluster.stop()                     # stops the server and deletes the directory (safe to call twice)

As a command (what `.ci/run` does):

    eval "$(python scripts/throwaway_pg.py start)"   # prints `export CODEDESK_DATABASE_URL=...; export
                                                     # THROWAWAY_PG_DIR=...`
    python scripts/throwaway_pg.py stop "$THROWAWAY_PG_DIR"

The server binaries are found in PG_BINDIR, `pg_config --bindir`, /usr/lib/postgresql/*/bin, then PATH. initdb
refuses to run as root, so as root the cluster runs as an unprivileged user (`nobody`, or THROWAWAY_PG_USER) that
owns the directory. The cluster trusts local connections for its one user (`codedesk`) but the URL carries a
password anyway, so code that needs one (and redacts it) is exercised. fsync is off: a throwaway cluster trades
durability for speed.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

USER = "codedesk"
PASSWORD = "throwaway"
DATABASE = "codedesk"


@dataclass(frozen=True)
class Cluster:
    url: str  # postgresql://codedesk:throwaway@127.0.0.1:PORT/codedesk
    port: int
    data_dir: Path  # the temp directory holding the cluster (its `data` folder) and its log
    stop: Callable[[], None]


def find_bindir() -> Path:
    """The folder holding initdb, pg_ctl and postgres; FileNotFoundError saying what to install otherwise."""
    candidates: list[Path] = []
    if os.environ.get("PG_BINDIR"):
        candidates.append(Path(os.environ["PG_BINDIR"]))
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=True).stdout
            candidates.append(Path(out.strip()))
        except (OSError, subprocess.CalledProcessError):
            pass
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).parent)
    for folder in candidates:
        if all((folder / name).exists() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    raise FileNotFoundError(
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found: install them (apt-get install "
        "postgresql-15) or set PG_BINDIR"
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run_as() -> tuple[int, int] | None:
    """(uid, gid) to run the server as when this process is root; None otherwise."""
    if os.geteuid() != 0:
        return None
    entry = pwd.getpwnam(os.environ.get("THROWAWAY_PG_USER", "nobody"))
    return entry.pw_uid, entry.pw_gid


def _demote(ids: tuple[int, int] | None) -> Callable[[], None] | None:
    if ids is None:
        return None
    uid, gid = ids

    def demote() -> None:
        os.setgid(gid)
        os.setuid(uid)

    return demote


def _chown_tree(path: Path, ids: tuple[int, int] | None) -> None:
    if ids is None:
        return
    for root, dirs, files in os.walk(path):
        for name in [*dirs, *files]:
            os.chown(os.path.join(root, name), *ids)
    os.chown(path, *ids)


def start_cluster(*, port: int | None = None, timeout: float = 60.0) -> Cluster:
    """initdb + pg_ctl start in a new temp directory; returns when the server accepts connections and the
    `codedesk` database exists. Raises RuntimeError (with the server log's tail) when it does not start."""
    bindir = find_bindir()
    port = port or free_port()
    ids = _run_as()
    base = Path(tempfile.mkdtemp(prefix="codedesk-pg-"))
    os.chmod(base, 0o755)
    data = base / "data"
    log_file = base / "server.log"
    pwfile = base / "pw"
    pwfile.write_text(PASSWORD + "\n")
    _chown_tree(base, ids)
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    demote = _demote(ids)

    def run(args: list[str]) -> None:
        done = subprocess.run(args, capture_output=True, text=True, env=env, preexec_fn=demote, cwd=base)
        if done.returncode != 0:
            raise RuntimeError(f"{Path(args[0]).name} failed: {(done.stderr or done.stdout).strip()[-800:]}")

    run(
        [
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            USER,
            "--pwfile",
            str(pwfile),
            "--auth",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
        ]
    )
    options = (
        f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={base} -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    run([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log_file), "-o", options, "-w", "start"])

    def stop() -> None:
        stop_cluster(base)

    try:
        _wait_ready(bindir, port, base, demote, env, timeout)
        run([str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", USER, DATABASE])
    except BaseException:
        stop()
        raise
    return Cluster(f"postgresql://{USER}:{PASSWORD}@127.0.0.1:{port}/{DATABASE}", port, base, stop)


def _wait_ready(
    bindir: Path,
    port: int,
    base: Path,
    demote: Callable[[], None] | None,
    env: dict[str, str],
    timeout: float,
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready = subprocess.run(
            [str(bindir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
            capture_output=True,
            preexec_fn=demote,
            env=env,
        )
        if ready.returncode == 0:
            return
        time.sleep(0.2)
    tail = (base / "server.log").read_text(errors="replace")[-800:] if (base / "server.log").exists() else ""
    raise RuntimeError(f"PostgreSQL did not start on port {port} within {timeout:.0f}s: {tail}")


def stop_cluster(base: str | Path) -> None:
    """Stop the server of the cluster in `base` (the temp directory) and delete the directory."""
    base = Path(base)
    data = base / "data"
    pid_file = data / "postmaster.pid"
    if pid_file.exists():
        try:
            bindir: Path | None = find_bindir()
        except FileNotFoundError:
            bindir = None
        stopped = False
        if bindir is not None:
            done = subprocess.run(
                [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                capture_output=True,
                preexec_fn=_demote(_run_as()),
            )
            stopped = done.returncode == 0
        if not stopped and pid_file.exists():
            with contextlib.suppress(OSError, ValueError):
                os.kill(int(pid_file.read_text().split()[0]), signal.SIGQUIT)
    shutil.rmtree(base, ignore_errors=True)


def main(argv: list[str]) -> int:
    if len(argv) >= 1 and argv[0] == "start":
        cluster = start_cluster()
        print(f"export CODEDESK_DATABASE_URL={cluster.url}")
        print(f"export THROWAWAY_PG_DIR={cluster.data_dir}")
        return 0
    if len(argv) == 2 and argv[0] == "stop":
        stop_cluster(argv[1])
        return 0
    print("usage: throwaway_pg.py start | stop DIR", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
