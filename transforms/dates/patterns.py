"""The calendar vocabulary and candidate regexes, compiled once from the lexicon (months,
weekdays, holidays, numbers: transforms/lexicon/time_words.yaml, timex_words.yaml), and
the tense cues of a date's clause (future markers, past verbs, clause starts).
"""

from __future__ import annotations

import re

from transforms import lexicon

_MONTHS = {**lexicon.mapping("time_words", "months"), **lexicon.mapping("time_words", "month_abbreviations")}
_WEEKDAYS = lexicon.mapping("time_words", "weekdays")
_NUMBERS = {k: v for k, v in lexicon.mapping("timex_words", "numbers").items() if " " not in k and v <= 12}


def _capitalised(words) -> str:
    """An alternation of capitalised words, longest first (the calendar patterns are case-sensitive)."""
    return "(?:" + "|".join(w.capitalize() for w in sorted(words, key=lambda w: (-len(w), w))) + ")"


_MONTH_FULL = _capitalised(lexicon.words("time_words", "months"))
_MONTH_ABBR = _capitalised(lexicon.words("time_words", "month_abbreviations")) + r"\.?"
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_WEEKDAY = _capitalised(lexicon.words("time_words", "weekdays"))
_DAYNUM = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89][0-9]{2}|20[0-9]{2})"
_PART = r"(?:morning|afternoon|evening|night|overnight)"
_NUM = r"(?:\d{1,3}|" + "|".join(sorted(_NUMBERS, key=lambda w: (-len(w), w))) + ")"
_HOLIDAYS = {k: tuple(v) for k, v in lexicon.mapping("timex_words", "holidays").items()}


def _holiday_pattern(name: str) -> str:
    words = [w if w == "of" else w.capitalize() for w in name.split()]
    body = r"\s+".join(re.escape(w).replace("'", "['’]") for w in words)
    return (r"(?:the\s+)?" if name.startswith("fourth") else "") + body


_HOLIDAY = "|".join(_holiday_pattern(k) for k in sorted(_HOLIDAYS, key=lambda k: (-len(k), k)))
# a number that continues (digits, 3:30; 22-23 is fine), or a day followed by a unit
_NOT_AFTER_DAY = r"(?![0-9]|:\d|\.\d|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|%|percent\b)|[- ]?years?[- ]old)"
# a month alone is not followed by its day or year ("in June 12-year-old Ann" is June alone)
_NO_DAY_OR_YEAR = rf"(?!,?\s+(?:of\s+)?(?:{_YEAR}\b|{_DAYNUM}\b{_NOT_AFTER_DAY}))"

# Candidate patterns, tried in this order at each position (longest forms first).
_CANDIDATE = re.compile(
    r"|".join([
        # Friday, March 22, 2024 | March 22nd | Mar. 22, 2024 | March 22 2024
        rf"(?P<md>\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAYNUM}\b{_NOT_AFTER_DAY}"
        rf"(?:,?\s+{_YEAR}\b(?![-/.]?\d))?)",
        # 22 March 2024 | 22nd of March | Friday, 22 March
        rf"(?P<dm>\b(?:{_WEEKDAY},?\s+)?{_DAYNUM}\s+(?:of\s+)?{_MONTH}\b(?:,?\s+{_YEAR}\b(?![-/.]?\d))?)",
        # March 2024 | March, 2024
        rf"(?P<my>\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b(?![-/.]?\d))",
        # fixed-date holidays: Fourth of July, Christmas Eve, New Year's Day
        rf"(?P<hol>\b(?:{_HOLIDAY})\b)",
        # 3/22/2024, 3/22/24 (month first); 2024-03-22
        r"(?P<num>(?<![\d/.,$])(?:1[0-2]|0?[1-9])/(?:3[01]|[12][0-9]|0?[1-9])/(?:\d{4}|\d{2})(?![\d/]))",
        r"(?P<iso>(?<![\d\-/.])(?:1[89]|20)\d{2}-(?:1[0-2]|0[1-9])-(?:3[01]|[12][0-9]|0[1-9])(?![\d\-]))",
        # relative phrases (case-insensitive inline)
        r"(?P<rel>\b(?i:(?:(?:late|early)\s+)?last\s+night"
        r"|(?:(?:early|late|earlier|later)\s+)?(?:yesterday|today)(?:\s+" + _PART + r")?"
        r"|tonight|(?:(?:early|late|earlier|later)\s+)?this\s+(?:morning|afternoon|evening)"
        r"|(?:earlier|later)\s+this\s+(?:week|month|year)"
        r"|(?:last|this)\s+(?:week|weekend|month|year)|this\s+past\s+(?:week|weekend)"
        r"|" + _NUM + r"\s+(?:days?|weeks?|months?|years?)\s+ago"
        r")\b)",
        # weekdays with modifiers and part of day: early Saturday morning, last Tuesday
        rf"(?P<wd>\b(?:(?i:early|late)\s+)?(?:(?i:last|this\s+past|past|this|next|this\s+coming|coming)\s+)?"
        rf"{_WEEKDAY}(?:\s+{_PART})?\b)",
        # month alone after a preposition: in March, since mid-May, by June
        rf"(?P<mom>\b(?i:last|next|this)\s+{_MONTH_FULL}\b{_NO_DAY_OR_YEAR})",
        rf"(?P<mo_ctx>\b(?i:in|since|during|until|through|by|from|of|before|after|early|late|mid|for|to|the|a)"
        rf"(?:\s+|-))"
        rf"(?P<mo>{_MONTH_FULL})\b{_NO_DAY_OR_YEAR}",
        # a year in a year context: in 2004, the 2004 Beslan siege, mid-2015
        rf"(?P<yr_ctx>\b(?i:in|since|during|until|through|by|from|of|before|after|between|and|to|"
        rf"early|late|mid|the|year|summer|spring|fall|autumn|winter)(?:\s+|-))(?P<yr>{_YEAR})\b",
    ])
)

# every candidate contains one of these words (a month, a weekday, a holiday's first word, a relative
# word, a four-digit number or a number with a slash): _CANDIDATE is run only around them (transforms/scan.py)
_ANCHOR_TOKEN = re.compile(r"[A-Za-z]+|\d[\d/]*")
_ANCHOR_CAPITALISED = frozenset(
    w.capitalize() for w in [*_MONTHS, *_WEEKDAYS, *(re.split(r"[\s'’]", k)[0] for k in _HOLIDAYS)])
_ANCHOR_RELATIVE = frozenset(
    "night yesterday today tonight morning afternoon evening week weekend month year ago".split())


def candidate_anchors(text: str) -> list[int]:
    """Where the words occur that every calendar candidate contains."""
    out = []
    for m in _ANCHOR_TOKEN.finditer(text):
        w = m.group()
        if (w in _ANCHOR_CAPITALISED or w.lower() in _ANCHOR_RELATIVE
                or (w[0].isdigit() and ("/" in w or len(w) >= 4))):
            out.append(m.start())
    return out


CANDIDATE_MARGIN = 80  # characters each side of an anchor: the longest candidate in 4,465 corpus texts is 29

# a capitalised word right after a weekday/month alone makes it a name ("Sunday School")
_CAP_WORD_AFTER = re.compile(r"[ \t]+(?:[A-Z][a-z]|[A-Z]\b)")
_YEAR_NOT_FOLLOWED = re.compile(
    r"(?:[-/.,]\d|\s*%|\s*-?" + lexicon.alternation("timex_words", "count_nouns") + r"\b)", re.IGNORECASE)


def _phrases(key: str) -> str:
    """A lexicon list as a regex alternation whose spaces match any whitespace."""
    return lexicon.alternation("timex_words", key).replace(r"\ ", r"\s+")


_FUTURE_MARKER = re.compile(rf"(?:(?<![\w'])(?:{_phrases('future_markers')})|(?<=\w)'ll)\b", re.IGNORECASE)
_PAST_VERB = re.compile(rf"\b(?:{_phrases('past_verbs')})\b", re.IGNORECASE)
_FUTURE_REACH = 60  # a future marker this close before the weekday, with no past verb between
# where the clause of a date starts: the last sentence end, or a relative clause after a comma
# ("she would bring aid to the towns, where the May 2 floods killed 40": its own tense)
_CLAUSE_START = re.compile(r"(?:[.!?;\n]|,\s+(?:" + _phrases("relative_clause_openers") + r")\b)"
                           r"(?=(?:(?![.!?;\n]|,\s+(?:" + _phrases("relative_clause_openers") + r")\b).)*\Z)",
                           re.IGNORECASE | re.DOTALL)
_METADATA_BEFORE = re.compile(
    r"\b(?:posted|updated?|published|last\s+modified)\b[^.\n]{0,25}\Z", re.IGNORECASE
)
