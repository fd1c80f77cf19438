"""A finding said with the test that showed it: "EIN on endometrial bx", "AIN on renal biopsy", "aortic
atherosclerosis on CT A/P", "RVH on echo".

A coder codes the condition the report names, not the test that found it: the biopsy, the scan or the tracing
is how the finding was seen (the procedure is coded on its own claim line, when at all). A query that tells a
finding "on" (or "per", "seen on", "noted on") a test that names no body part of its own - a biopsy,
cytology, an image (CT, MRI, x-ray, ultrasound, echo, PET, DEXA, mammogram), a tracing (ECG, EEG, EMG, Holter,
telemetry) or labs - is read without the test word: the body-part words said with the test stay, as the site
of the finding ("AIN on renal biopsy" -> "AIN renal"). A scope's name (EGD, colonoscopy, laryngoscopy) says
where the finding is and stays. The test must follow a word of the finding ("CT on the head" is no finding).
"""

from __future__ import annotations

import re

# Tests that name no body part themselves (a scope names its site: "polyp on colonoscopy" is the colon's).
_TESTS = (
    r"bx|biops(?:y|ies)|pathology|cytology|histology|ct|cta|hrct|cat\s+scan|mri|mra|x-?rays?|xr|"
    r"cxr|films?|us|u/s|ultrasound|sono(?:gram)?|echo|echocardiogram|tte|tee|pet/ct|pet\s+scan|dexa|dxa|"
    r"mammo(?:gram)?|"
    r"imaging|scan|ecg|ekg|eeg|emg|ncs|holter|tele|telemetry|labs?|lab\s+work|bloodwork"
)
# The words a test is said with that are no body part ("core bx", "bubble echo", "preop EKG", "repeat CT").
_ABOUT_TEST = frozenset(
    [
        "core",
        "needle",
        "punch",
        "shave",
        "excisional",
        "incisional",
        "surgical",
        "bubble",
        "stress",
        "preop",
        "pre-op",
        "postop",
        "repeat",
        "recent",
        "routine",
        "screening",
        "follow-up",
        "followup",
        "f/u",
        "outside",
        "prior",
        "baseline",
        "contrast",
        "noncontrast",
        "non-contrast",
        "with",
        "without",
        "the",
        "a",
        "his",
        "her",
        "their",
        "today's",
    ]
)
_FOUND_ON = re.compile(
    r"(?P<lead>[a-z0-9)])\s*,?\s+(?:(?:seen|noted|found|shown|confirmed|identified|detected|incidental(?:ly)?)\s+){0,2}"
    r"(?:on|per|by)\s+(?P<said>(?:[a-z/'-]+\s+){0,2}?)(?P<test>" + _TESTS + r")(?![a-z0-9/-])"
    r"(?P<after>(?:\s+(?:of\s+(?:the\s+)?)?(?:a/p|abd/pelvis|abdomen|pelvis|chest|head|brain|neck|spine|abd))?)"
)
# A cheap test first: a test word after "on", "per" or "by".
_MAY_BE = re.compile(r"\b(?:on|per|by)\b.*\b(?:" + _TESTS + r")\b")


def without_test(query: str) -> str:
    """The query with the test its finding was seen on left out (the test's body-part words kept); the query
    as it was when it tells no finding on a test."""
    low = query.lower()
    if len(low) != len(query) or not _MAY_BE.search(low):
        return query
    match = _FOUND_ON.search(low)
    if match is None or not low[: match.start("lead")].strip(" ,"):
        return query  # ("CT on the head": the test is what is asked, no finding before it)
    if match.group("test") == "us" and query[match.start("test") : match.end("test")] != "US":
        return query  # ("jumped on us": ultrasound only as written in capitals)
    said = query[match.start("said") : match.end("said")]
    kept = [w for w in said.split() if w.lower() not in _ABOUT_TEST]
    if any(not re.fullmatch(r"[a-z][a-z'-]*", w.lower()) for w in kept):
        return query  # ("on 2/14 CT": a date, not a site)
    rest = f"{query[: match.end('lead')]} {' '.join(kept)} {query[match.end() :]}"
    return re.sub(r"\s+,", ",", " ".join(rest.split())).strip(" ,") or query
