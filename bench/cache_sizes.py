"""Where a long-running process's memory goes: answer the queries of some eval sets in one process, print the
peak RSS every `--every` queries, then the largest caches the lookups keep (deep size, in MB): the searcher's
own tables, its thread's index tree and document sizes, module-level dictionaries and every `functools.lru_cache`
of the `bot` package (its entries, as `cache_info` counts them). Speed work bounds caches from these figures.

    python bench/cache_sizes.py --codes-db /tmp/codes.sqlite --sets holdout19,holdout20,dev

Sizes are `sys.getsizeof` summed over what each cache reaches (an object reached by two caches counts once,
for the first), so they are a lower bound of what the allocator holds; the RSS beyond them is the interpreter,
the modules, SQLite's page cache and the allocator's free lists. An lru_cache's results are out of the
sizer's reach: `--freed` then clears each lru_cache and lists the allocator blocks that freed (results too).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib.util
import resource
import sys
import types
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.lookups.codebook import CodeBook  # noqa: E402
from bot.lookups.errors import QueryError  # noqa: E402
from bot.lookups.search import find_codes, searcher_for  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Sizer:
    """Deep sizes, each object counted once over every call."""

    def __init__(self) -> None:
        self.seen: set[int] = set()

    def size(self, root: object) -> int:
        stack: list[Any] = [root]
        total = 0
        while stack:
            item = stack.pop()
            if id(item) in self.seen or isinstance(item, types.ModuleType | types.FunctionType | type):
                continue
            self.seen.add(id(item))
            total += sys.getsizeof(item)
            if isinstance(item, dict):
                stack.extend(item.keys())
                stack.extend(item.values())
            elif isinstance(item, list | tuple | set | frozenset):
                stack.extend(item)
            elif hasattr(item, "__dict__") and not isinstance(item, CodeBook):
                stack.append(vars(item))
            for slot in getattr(type(item), "__slots__", ()):
                if not isinstance(item, str | bytes | int | float) and hasattr(item, slot):
                    stack.append(getattr(item, slot))
        return total


def largest(book: CodeBook) -> list[tuple[int, str]]:
    """(bytes, name) of the caches, largest first."""
    sizer = Sizer()
    found: list[tuple[int, str]] = []
    searcher = searcher_for(book)
    for name, local in vars(searcher._local).items():  # this thread's index tree, document sizes
        for attr, value in vars(local).items() if hasattr(local, "__dict__") else ():
            count = len(value) if hasattr(value, "__len__") else "-"
            found.append((sizer.size(value), f"thread {name}.{attr} ({count})"))
    for attr, value in vars(searcher).items():
        found.append((sizer.size(value), f"searcher.{attr}"))
    wrappers: set[int] = set()
    for module_name, module in list(sys.modules.items()):
        if not module_name.startswith("bot"):
            continue
        for attr, value in list(vars(module).items()):
            if hasattr(value, "cache_info") and getattr(value, "__module__", "") == module_name:
                if id(value) in wrappers:
                    continue
                wrappers.add(id(value))
                info = value.cache_info()
                held = sum(sizer.size(r) for r in gc.get_referents(value) if isinstance(r, dict))
                found.append((held, f"lru {module_name}.{attr} ({info.currsize}/{info.maxsize})"))
            elif isinstance(value, dict | list | set) and len(value) > 100:
                found.append((sizer.size(value), f"module {module_name}.{attr} ({len(value)})"))
    return sorted(found, reverse=True)


def freed_blocks() -> list[tuple[int, str]]:
    """(blocks, name) of what clearing each `functools.lru_cache` of the `bot` package frees, largest first:
    the allocator's blocks (`sys.getallocatedblocks`, ~80 bytes each) before and after clearing it. `largest`
    sees an lru_cache's dict and keys but not its results (its entries are C objects the sizer cannot walk),
    so it shows the biggest such caches as small (round 32: the matcher's `_term`, 16,384 Index terms' facts,
    as 2 MB; it held ~150,000 blocks). Clears the caches: run it last."""
    found: list[tuple[int, str]] = []
    for module_name, module in list(sys.modules.items()):
        if not module_name.startswith("bot"):
            continue
        for attr, value in list(vars(module).items()):
            if hasattr(value, "cache_clear") and getattr(value, "__module__", "") == module_name:
                info = value.cache_info()
                gc.collect()
                before = sys.getallocatedblocks()
                value.cache_clear()
                gc.collect()
                found.append(
                    (
                        before - sys.getallocatedblocks(),
                        f"lru {module_name}.{attr} ({info.currsize}/{info.maxsize}, hits {info.hits}, "
                        f"misses {info.misses})",
                    )
                )
    return sorted(found, reverse=True)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--codes-db", type=Path, required=True)
    parser.add_argument("--sets", default="holdout19,holdout20,dev", help="eval_lookup set names")
    parser.add_argument("--every", type=int, default=1000, help="print the peak RSS every N queries")
    parser.add_argument("--top", type=int, default=30, help="how many caches to list")
    parser.add_argument(
        "--freed", action="store_true", help="then clear each lru_cache and list the blocks it freed"
    )
    args = parser.parse_args()
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    if {"holdout21", "holdout22", "holdout23", "holdout24", "holdout25", "holdout26"} & set(sets):
        print("cache_sizes: holdout21-holdout26 are unseen sets; leave them out", file=sys.stderr)
        return 2
    spec = importlib.util.spec_from_file_location("eval_lookup", ROOT / "bench" / "eval_lookup.py")
    assert spec and spec.loader
    eval_lookup = importlib.util.module_from_spec(spec)
    sys.modules["eval_lookup"] = eval_lookup  # its dataclasses look their module up
    spec.loader.exec_module(eval_lookup)
    book = CodeBook.open(args.codes_db)
    texts = [q.text for queries in eval_lookup.query_sets(sets).values() for q in queries]
    print(f"opened: peak RSS {peak_mb():.0f} MB")
    for n, text in enumerate(texts, start=1):
        with contextlib.suppress(QueryError):
            find_codes(book, text, limit=5)
        if n % args.every == 0 or n == len(texts):
            print(f"{n:>6} queries: peak RSS {peak_mb():.0f} MB")
    for size, name in largest(book)[: args.top]:
        print(f"{size / 1e6:8.1f} MB  {name}")
    if args.freed:
        print("\nblocks freed by clearing each lru_cache (results included):")
        for blocks, name in freed_blocks()[: args.top]:
            print(f"{blocks / 1e3:8.1f} K  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
