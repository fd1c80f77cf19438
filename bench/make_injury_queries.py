"""Generate a seeded check of injury queries from the Tabular's S-chapter (and burn / frostbite) structure.

    python bench/make_injury_queries.py [--seed 20] [--total 800] [--out PATH]
    python bench/make_injury_queries.py --score --codes-db /tmp/NAME/codes.sqlite [--misses]

A check no vocabulary can game: the injuries are drawn at random from the official Tabular
(`bot/lookups/data/cm_codes.tsv.gz`), each is said the way ED staff, coders and patients say it, and the
expected answer is the complete code the title comes from.

- Pool: billable, current codes of S00-S99, T20-T25 (burns and corrosions) and T33 (superficial frostbite) whose
  title names one nature and one site: no "other", "specified", "multiple", "unspecified part", "unspecified
  site" or "not elsewhere classified" (a query cannot say them).
- Draw: a code stem (the code without its 7th character) uniformly among the pool's stems, then an encounter
  7th character: initial (A / B) about half the time, the rest evenly among the stem's other characters.
- Words: the title's nature, site, side and encounter, each said one of several ways drawn from the same seed:
  the nature clinically or in lay words ("contusion" / "bruised", "fracture" / "fx" / "broken", "open bite" /
  "bite wound", "superficial foreign body" / "splinter"), the bones by their names ("distal radius" for "lower
  end of radius", the scaphoid, "pinky" for the little finger, "big toe" for the great toe), the side as
  "right", "R", "rt" before or after the site (no side word when the title's side is unspecified), the
  encounter as office words ("f/u", "recheck", "healing well", "slow to heal", "nonunion", "healed crooked",
  "sequela", "late effect of"); the initial encounter is said or not.
- Scoring: right first / in the top 5 when the complete code is (the same rules as bench/eval_lookup.py).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODES = ROOT / "bot" / "lookups" / "data" / "cm_codes.tsv.gz"
OUT = Path("/tmp") / "injury_queries.tsv"

_POOL = re.compile(r"^(S|T2[0-5]|T33)")
_SKIP = re.compile(
    r"(?i)\bother\b|\bspecified\b|multiple|unspecified (part|site|body region|degree|injury of (?!\w+ \w+ of))"
    r"|elsewhere|\bNEC\b|\bsites?\b|\bregions\b|\band\b.*\band\b|blast|primary|secondary|contiguous|sites"
)
_ENCOUNTER = re.compile(r", (initial encounter.*|subsequent encounter.*|sequela)$")


def _pick(rng: random.Random, *options: str) -> str:
    return rng.choice(options)


def _side(rng: random.Random, side: str) -> str:
    if side == "right":
        return _pick(rng, "right", "right", "R", "rt")
    return _pick(rng, "left", "left", "L", "lt")


def _encounter(rng: random.Random, encounter: str, fracture: bool, wound: bool) -> tuple[str, bool]:
    """(words for the encounter, whether they go in front) - "" for an initial encounter said by nothing."""
    e = encounter
    if e.startswith("initial encounter for open fracture type IIIA"):
        return _pick(rng, "open type IIIB", "open type IIIA", "open grade IIIC"), True
    if e.startswith("initial encounter for open fracture"):
        return _pick(rng, "open", "open type II", "open type I"), True
    if e.startswith("initial"):
        return _pick(rng, "", "", "", "initial encounter", "initial visit", "ED visit", "new injury"), False
    if e == "sequela":
        return _pick(rng, "sequela", "sequela of", "late effect of"), False
    opened = "open fracture" in e
    type3 = "IIIA" in e
    if "routine healing" in e:
        words = _pick(
            rng,
            "routine healing",
            "f/u, healing well",
            "follow-up visit, healing normally",
            "recheck, healing fine",
        )
    elif "delayed healing" in e:
        words = _pick(rng, "delayed healing", "slow to heal", "f/u delayed healing")
    elif "nonunion" in e:
        words = _pick(rng, "nonunion", "with nonunion", "nonunion visit")
    elif "malunion" in e:
        words = _pick(rng, "malunion", "healed crooked, malunion")
    else:
        words = _pick(rng, "subsequent encounter", "follow-up visit", "recheck", "f/u")
    if opened:
        words = ("open type IIIB fx, " if type3 else "open type II fx, ") + words
    return words, False


_SIDE = re.compile(r"\b(right|left)\b")
_UNSPEC_SIDE = re.compile(
    r"\bunspecified (?=(arm|leg|hand|foot|eye|ear|wrist|shoulder|hip|knee|ankle|elbow|"
    r"thigh|femur|tibia|fibula|humerus|radius|ulna|side|lower leg|forearm|upper arm|"
    r"thumb|finger|toe|great toe|lesser toe|clavicle|scapula|calcaneus|talus|"
    r"patella|kidney|lung|orbit|mandible|front wall|back wall|breast|buttock|"
    r"ischium|ilium|pubis|acetabulum|[a-z]+ (bone|finger|toe|joint|vein|artery)))"
)


def _site_words(rng: random.Random, text: str) -> str:
    t = text
    t = re.sub(r"lower end of (\w+)", lambda m: _pick(rng, f"distal {m[1]}", f"lower end of {m[1]}"), t)
    t = re.sub(r"upper end of (\w+)", lambda m: _pick(rng, f"proximal {m[1]}", f"upper end of {m[1]}"), t)
    t = re.sub(
        r"navicular \[scaphoid\] bone of (\w+ )?wrist",
        lambda m: _pick(rng, "scaphoid", f"{m[1] or ''}wrist scaphoid", "navicular bone of wrist"),
        t,
    )
    t = re.sub(r"\[([^\]]+)\]", lambda m: "", t)
    t = re.sub(
        r"little finger", lambda m: _pick(rng, "little finger", "pinky", "pinky finger", "5th finger"), t
    )
    t = re.sub(r"index finger", lambda m: _pick(rng, "index finger", "pointer finger", "index finger"), t)
    t = re.sub(r"ring finger", lambda m: _pick(rng, "ring finger", "ring finger", "4th finger"), t)
    t = re.sub(r"great toe", lambda m: _pick(rng, "great toe", "big toe"), t)
    t = re.sub(r"lesser toe\(s\)", lambda m: _pick(rng, "little toe", "second toe", "lesser toe"), t)
    t = re.sub(r"\s+", " ", t).strip(" ,")
    return t


def _nature_words(rng: random.Random, title: str, closed: bool) -> str:
    """The title's nature said clinically or in lay words (the site words follow 'of')."""
    t = title
    t = re.sub(
        r"^Unspecified (?=(fracture|dislocation|subluxation|sprain|strain|open wound|physeal|superficial injury|injury of))",
        "",
        t,
    )
    lay: list[tuple[str, tuple[str, ...]]] = [
        (r"^Contusion of (.+)$", ("contusion of {}", "bruised {}", "bruise on {}", "{} contusion")),
        (r"^Abrasion of (.+)$", ("abrasion of {}", "scraped {}", "{} abrasion")),
        (r"^Laceration without foreign body of (.+)$", ("laceration of {}", "cut on {}", "{} laceration")),
        (
            r"^Laceration with foreign body of (.+)$",
            (
                "laceration of {} with foreign body",
                "cut on {} with glass still in it",
                "{} laceration with FB",
            ),
        ),
        (r"^Puncture wound without foreign body of (.+)$", ("puncture wound of {}", "{} puncture wound")),
        (
            r"^Puncture wound with foreign body of (.+)$",
            ("puncture wound of {} with foreign body", "{} puncture wound, FB retained"),
        ),
        (r"^Open bite of (.+)$", ("open bite of {}", "bite wound to {}", "dog bite to {}")),
        (r"^Superficial foreign body of (.+)$", ("splinter in {}", "superficial foreign body of {}")),
        (r"^Insect bite \(nonvenomous\) of (.+)$", ("insect bite on {}", "bug bite {}")),
        (r"^Blister \(nonthermal\) of (.+)$", ("blister on {}", "friction blister {}")),
        (r"^Sprain of (.+)$", ("sprain of {}", "sprained {}", "{} sprain")),
        (r"^Strain of (.+)$", ("strain of {}", "strained {}", "{} strain")),
        (r"^Dislocation of (.+)$", ("dislocation of {}", "dislocated {}")),
        (r"^Crushing injury of (.+)$", ("crushing injury of {}", "crushed {}", "crush injury {}")),
        (r"^Burn of first degree of (.+)$", ("first degree burn of {}", "1st degree burn {}")),
        (
            r"^Burn of second degree of (.+)$",
            ("second degree burn of {}", "2nd degree burn {}", "partial thickness burn of {}"),
        ),
        (r"^Burn of third degree of (.+)$", ("third degree burn of {}", "full thickness burn {}")),
        (r"^Corrosion of first degree of (.+)$", ("first degree chemical burn of {}",)),
        (r"^Corrosion of second degree of (.+)$", ("second degree chemical burn {}",)),
        (r"^Corrosion of third degree of (.+)$", ("third degree chemical burn of {}",)),
        (r"^Superficial frostbite of (.+)$", ("superficial frostbite of {}", "frostnip {}")),
        (r"^Frostbite with tissue necrosis of (.+)$", ("frostbite with tissue necrosis of {}",)),
    ]
    for pattern, forms in lay:
        m = re.match(pattern, t)
        if m:
            return rng.choice(forms).format(m[1])
    m = re.match(r"^(Displaced |Nondisplaced )?(.*?)fracture of (.+)$", t)
    if m:
        disp = (m[1] or "").lower()
        kind = m[2].lower()
        site = m[3]
        noun = (
            _pick(rng, "fracture", "fx", "fracture")
            if not (closed and not disp and not kind)
            else _pick(rng, "fracture", "fx", "broken")
        )
        if noun == "broken":
            return f"broken {site}"
        return _pick(rng, f"{disp}{kind}{noun} of {site}", f"{disp}{kind}{site} {noun}")
    return t[0].lower() + t[1:]


def _query(rng: random.Random, title: str) -> str | None:
    m = _ENCOUNTER.search(title)
    if not m:
        return None
    encounter = m[1]
    body = title[: m.start()]
    closed = encounter.startswith("initial encounter for closed") or encounter == "initial encounter"
    fracture = "fracture" in body.lower()
    wound = bool(re.search(r"(?i)laceration|puncture|bite|open wound", body))
    enc, front = _encounter(rng, encounter, fracture, wound)
    body = _UNSPEC_SIDE.sub("", body)
    body = re.sub(r"\s+", " ", body).replace(" ,", ",").strip(" ,")
    side_m = _SIDE.search(body)
    moved = ""
    if side_m and re.search(r"\bof (right|left) ", body) and rng.random() < 0.5:
        moved = side_m[1]  # said apart: "..., left" or "left ..."
        body = _SIDE.sub("", body, count=1)
    elif side_m:
        side_word = _side(rng, side_m[1])
        body = _SIDE.sub(side_word, body, count=1)
    phrase = _site_words(rng, _nature_words(rng, body, closed))
    phrase = re.sub(r"\bunspecified |\(s\)|\(nail\)", "", phrase)
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,")
    if moved:
        s = _side(rng, moved)
        phrase = f"{phrase}, {s}" if rng.random() < 0.5 else f"{s} {phrase}"
    if enc:
        phrase = f"{enc} {phrase}" if enc in ("sequela of", "late effect of") or front else f"{phrase}, {enc}"
    return re.sub(r"\s+", " ", phrase).strip(" ,")


def generate(seed: int, total: int) -> list[tuple[str, str, str]]:
    stems: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with gzip.open(CODES, "rt", newline="") as handle:
        for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            code = r["code"]
            if r["billable"] != "1" or r["current"] != "1" or len(code) != 7 or not _POOL.match(code):
                continue
            if _SKIP.search(r["title"]):
                continue
            stems[code[:6]].append((code, r["title"]))
    rng = random.Random(seed)
    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    keys = sorted(stems)
    while len(out) < total:
        stem = rng.choice(keys)
        codes = stems[stem]
        initial = [c for c in codes if c[0][6] in "AB"]
        other = [c for c in codes if c[0][6] not in "AB"]
        code, title = rng.choice(initial if (initial and (rng.random() < 0.5 or not other)) else other)
        q = _query(rng, title)
        if not q or q.lower() in seen:
            continue
        seen.add(q.lower())
        out.append((code, q, title))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--total", type=int, default=800)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--score", action="store_true", help="score the queries with the worktree's search")
    parser.add_argument("--codes-db", type=Path)
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    rows = generate(args.seed, args.total)
    with args.out.open("w") as handle:
        handle.write("id\tquery\texpected\ttitle\n")
        for i, (code, q, title) in enumerate(rows, 1):
            handle.write(f"inj{i:04d}\t{q}\t{code}\t{title}\n")
    if not args.score:
        print(f"{len(rows)} queries -> {args.out}")
        return 0
    sys.path.insert(0, str(ROOT))
    from bot.lookups.codebook import CodeBook
    from bot.lookups.search import find_codes

    book = CodeBook.open(args.codes_db) if args.codes_db else None
    assert book is not None, "--score needs --codes-db"
    top1 = top5 = 0
    for i, (code, q, _title) in enumerate(rows, 1):
        hits = list(find_codes(book, q, limit=5))
        got = [h.code.replace(".", "") for h in hits]
        top1 += bool(got) and got[0] == code
        top5 += code in got
        if args.misses and (not got or got[0] != code):
            first = f"{hits[0].code} {hits[0].title[:60]}" if hits else "(nothing)"
            print(f"{'*' if code in got else ' '} inj{i:04d} {q!r:70} want {code} first {first}")
    print(
        f"injury queries (seed {args.seed}): {len(rows)}  top-1 {100 * top1 / len(rows):.1f}%  top-5 {100 * top5 / len(rows):.1f}%"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
