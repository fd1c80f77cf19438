"""Office talk: a message to a colleague about the office, not about a patient's condition, a procedure or
an item - what a coder answers with no code at all ("printer out of toner", "can you call me back", "the
EHR is frozen", "parking lot is full", "need the code for my dog", "the patient is running late").

A closed rule, read before any search (bot.lookups.search answers "no confident match"):
- the query names an office thing or act (a machine, software, a meal, the building, pay and time off, a
  pet, a call or a reminder: `OFFICE_THINGS`, `OFFICE_PHRASES`) or is keyboard mash ("zzz", "asdf");
- every other word is chat: pronouns, auxiliaries, everyday verbs and adjectives of a broken machine or a
  late colleague, times and numbers (`CHAT`), or office talk about a record (bot.lookups.index.vague).
Any other word - a body part, a condition, an injury's verb ("printer fell on my foot", "slipped in the
parking lot"), a drug - keeps the query a coding question, searched as before. Words with a coding meaning
("refill": a repeat prescription, Z76.0; "appointment": a missed one, Z91.1-; "insurance": an insurance
examination) are no office things.

A query of digits with a dot and no letter ("999.999", "123.4567") says nothing either: no ICD-10-CM code is
all digits, and CPT and ICD-10-PCS codes have no dot.
"""

from __future__ import annotations

import re

from bot.lookups.index.services import cpt_number
from bot.lookups.index.vague import OFFICE_WORDS


def _listed(words: str) -> frozenset[str]:
    return frozenset(words.split())


OFFICE_THINGS = _listed(
    """
    printer printers toner copier stapler scanner fax faxes faxed invoice invoices password passwords wifi
    wi-fi internet email emails e-mail voicemail voicemails spreadsheet excel meeting meetings lunch
    breakfast deli pizza coffee donuts cake badge keyboard laptop computer computers ehr emr login
    logon epic portal website zoom timesheet payroll pto paycheck vacation birthday holiday holidays
    weekend towels supplies desk extension dog cat pet puppy kitten call calls remind reschedule copay
    billing bill validation validate stamps microwave fridge keys shift shifts deposit paystub paystubs
    timecard superbill superbills clearinghouse breakroom cafeteria
    """
)
OFFICE_PHRASES = re.compile(r"\b(?:running\s+late|call\s+(?:me\s+)?back|front\s+desk|work\s+note)\b")
CHAT = _listed(
    """
    i me my mine you your we us our they them he she his her it its this that these those who what where
    when why how which someone anyone anybody everyone somebody the a an some any is are was were be been am
    do does did has have had can could would will should may might must need needs want wants get got give
    send resend sent order ordered ordering fix fixed reset moved move cover covering covered leave left
    again still today tomorrow tonight now later soon yet already just at on in of for to from up down out
    off not no working work broken frozen stuck full empty expired late running number code there here
    and or but so if ok okay thanks thank good morning afternoon great sounds lol yes yeah hi hello hey
    team all everybody please pls floor 1st 2nd 3rd 4th room go going goes about with new old another
    lab back patient pt doctor nurse staff front office clinic next week day time pm am noon machine
    jammed took take walked across sheet cover happy visitor break monday tuesday wednesday thursday
    friday saturday sunday order parking lot garage elevator lunchroom closet direct info update updated
    missing lost
    """
)
# Keyboard mash: a run of one consonant no abbreviation is ("zzz", "xxxxx"), or a keyboard row.
_MASH = re.compile(r"^(?:([zxqjkvw])\1{2,}|([a-z])\2{4,}|asdf\w*|qwert\w*|zxcv\w*|hjkl\w*|lkjh\w*)$")
_TOKEN = re.compile(r"[a-z0-9][a-z0-9'&/.-]*")
_NUMBERED = re.compile(r"^[0-9][0-9:.]*(?:am|pm|st|nd|rd|th)?$")
_NO_LETTER = re.compile(r"^[\s0-9.,:/-]+$")


def office_talk(query: str) -> bool:
    """Whether the query is office talk or keyboard mash, not a coding question (see the module docstring)."""
    lowered = query.lower()
    if cpt_number(lowered):
        return False  # "bill 99215?": a question about a CPT code
    if _NO_LETTER.match(lowered):
        # No ICD-10-CM code is all digits (each begins with a letter); a CPT or an ICD-10-PCS code has no dot.
        return "." in lowered and bool(re.search(r"[0-9]", lowered))
    words = [w.rstrip(".?!,'") for w in _TOKEN.findall(lowered)]
    words = [w for w in words if w]
    if not words or (len(words) == 1 and not _MASH.match(words[0])):
        return False  # (a lone word - "dog", "call" - may be a coding question's shorthand)
    named = bool(OFFICE_PHRASES.search(lowered))
    for w in words:
        if w in OFFICE_THINGS or _MASH.match(w):
            named = True
        elif not (w in CHAT or w in OFFICE_WORDS or _NUMBERED.match(w)):
            return False
    return named
