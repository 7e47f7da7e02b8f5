"""Numbers people write in news -> counts with a qualifier and integer bounds.

Pure functions over strings; nothing here knows what is being counted (that
is transforms.claims' job). ``find_figures(text)`` returns every count-like
figure with its exact span; ``parse_figure(text)`` returns the first one.

What is a figure
----------------
- digits, with or without thousands separators: "62", "6,200", "1.5 million";
- number words: "three", "twenty-one", "one hundred and twenty", "a dozen",
  "half a dozen", "two dozen", "a hundred";
- vague quantities (qualifier ``vague``), see the table below;
- ranges: "10 to 12", "between 10 and 12", "from 10 to 12", "10-12",
  "two or three" (qualifier ``range``);
- "a man" / "a woman" / "a teen" / "another boy" ... as 1 (``kind='indefinite'``)
  only where the sentence counts people: the noun phrase is the subject of a
  casualty predicate ("a man was shot and killed", "a woman died").

Not counts (skipped): years ("the 2004 Beslan siege"; a 4-digit 1800-2100
number unless a count noun follows: "2000 people"), ages ("a 23-year-old",
"23, of Dallas", "Lay, 69, who", "another teen, also 15,", "aged 23", "ages 24, 20 and 19",
"all younger than 45", a list of names with ages: "Ann Lee, 25 and Bob Ray, 32 were hurt"), times
("3 a.m.", "10:30"), addresses ("3580 Evans Ave", "2400 block of", "Route 4"),
dates ("March 22", "22 March", "5/12/2015", "2024-03-22"), money ("$500",
"500 dollars"), percentages ("40%", "40 percent"), calibers and gauges
(".40-caliber", "9mm", ".22", "12-gauge"), model names ("AR-15", "7-Eleven"),
phone numbers, 911, ordinals ("third" is not a number word; "2nd" is skipped),
scores ("3-2"), decimals that are not "1.5 million", measurements
(feet, miles, pounds, minutes, hours, days, years, times, ...), call signs and
channel numbers ("KSLA News 12", "Channel 4").

Qualifiers and bounds (DESIGN.md "Claim semantics"; NULL high = unbounded)
-------------------------------------------------------------------------
=============================================  ===========  =======  ==========
written                                        qualifier    low      high
=============================================  ===========  =======  ==========
"62"                                           exact        62       62
"at least 62", "no fewer than", "62 or more",  at_least     62       NULL
"62-plus", "62+"
"more than 60", "over", "upwards of",          more_than    61       NULL
"in excess of", "well over", "just over"
"about 50", "around", "approximately",         about        50       50
"roughly", "some 50", "an estimated 50",
"50 or so"  (the stated figure is the best
estimate; the qualifier carries the doubt)
"up to 50", "as many as", "at most",           at_most      NULL     50
"no more than"
"nearly 50", "almost", "close to",             at_most      NULL     49
"just under", "just shy of" (just below 50)
"fewer than 50", "less than", "under"          less_than    NULL     49
"between 10 and 12", "10 to 12", "10-12"       range        10       12
=============================================  ===========  =======  ==========

value_stated is the number as written (the first number of a range; NULL for
a vague quantity). A qualifier word also applies to vague quantities and
dozens: "more than a dozen" -> more_than, stated 12, low 13.

Vague quantities (ACLED-style: the smallest count the word can mean, so a
"best value" built from value_low never overstates; high is NULL because the
words set no reliable ceiling):

===========================================  =====
word                                         low
===========================================  =====
"multiple", "a number of", "a couple (of)"   2
"several", "a few", "a handful (of)",        3
"numerous"
"dozens"                                     24  (two dozen, DESIGN.md)
"scores"                                     40  (two score)
"hundreds"                                   200
"thousands"                                  2000
"tens of thousands"                          20000
"hundreds of thousands"                      200000
===========================================  =====

Failure policy: a figure whose value cannot be represented (more than
10**10) is a parse failure: ``on_error="raise"`` raises FigureError,
``on_error="null"`` skips it and, when a ``failures`` list is given, appends
the reason there so the caller can count it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from transforms import lexicon

OnError = Literal["raise", "null"]

QUALIFIERS = ("exact", "at_least", "more_than", "at_most", "less_than", "about", "range", "vague")
MAX_VALUE = 10**10


class FigureError(ValueError):
    """A text that should hold a count but none could be parsed."""


@dataclass(frozen=True, slots=True)
class Figure:
    surface: str
    start: int  # offsets into the text given to find_figures
    end: int
    value_stated: int | None
    value_low: int | None
    value_high: int | None
    qualifier: str
    kind: str  # 'number' | 'vague' | 'indefinite'
    num_start: int  # span of the numeral itself, without the qualifier words
    num_end: int


# ---------------------------------------------------------------- lexicon

_UNITS = lexicon.mapping("numbers", "units")
_TEENS = lexicon.mapping("numbers", "teens")
_TENS = lexicon.mapping("numbers", "tens")
_SCALES = lexicon.mapping("numbers", "scales")
_WORD_VALUES = {**_UNITS, **_TEENS, **_TENS}

VAGUE_LOW = lexicon.mapping("numbers", "vague_low")

# Nouns for people, singular (indefinite "a man" counts) and plural; shared with claims.
PERSON_SINGULAR = list(lexicon.load("person_nouns")["singular"])
PERSON_PLURAL = list(lexicon.load("person_nouns")["plural"])

# Counted nouns that make a 4-digit number a count rather than a year.
_COUNT_NOUNS = set(PERSON_PLURAL) | set(lexicon.words("casualty_predicates", "count_nouns"))

# capitalised only: "may" and "march" are also verbs; UPPER case for abbreviations and short names
_MONTH_FORMS = sorted(
    {w.title() for w in lexicon.words("time_words", "months") | lexicon.words("time_words", "month_abbreviations")}
    | {w.upper() for w in lexicon.words("time_words", "month_abbreviations")}
    | {w.upper() for w in lexicon.words("time_words", "months") if len(w) <= 4},
    key=lambda w: (-len(w), w),
)
_MONTHS = "|".join(_MONTH_FORMS)
_STREET = "|".join(lexicon.load("places")["street_suffixes_rx"])
_MEASURE = "|".join(lexicon.load("numbers")["measure_units_rx"])
# Capitalised words that put a number in a name, not a count.
_NAME_BEFORE = "|".join(lexicon.load("numbers")["number_name_prefixes_rx"])

# ---------------------------------------------------------------- regexes

_UNIT_W = "(?:" + "|".join(w for w in _UNITS if w != "zero") + ")"
_TEEN_W = "(?:" + "|".join(_TEENS) + ")"
_TENS_W = "(?:" + "|".join(_TENS) + ")"
_NUMBER_WORDS = "|".join([*_UNITS, *_TEENS, *_TENS])  # zero ... ninety
_SMALL_W = rf"(?:{_TENS_W}(?:[\s-]+{_UNIT_W}\b)?|{_TEEN_W}|{_UNIT_W}|zero)\b"
_HUNDREDS_W = rf"(?:(?:a|{_UNIT_W})\s+hundred\b(?:(?:\s+and)?\s+{_SMALL_W})?|{_SMALL_W})"
_WORDNUM = (
    rf"(?:{_HUNDREDS_W}(?:\s+(?:thousand|million)\b(?:(?:\s+and)?\s+{_HUNDREDS_W})?)?"
    rf"|a\s+(?:thousand|million)\b)"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?!\d|,\d)|\d+(?:\.\d+)?(?=\s+(?:million|billion|thousand)\b)|\d+)"
_DIGNUM = rf"(?:{_DIGITS}(?:\s+(?:million|billion|thousand)\b)?)"
_DOZEN = rf"(?:half\s+a\s+dozen|a\s+dozen|(?:{_DIGITS}|{_SMALL_W})\s*dozen)\b"
_NUM = rf"(?:{_DOZEN}|{_DIGNUM}|{_WORDNUM})"

_PRE = {
    "at_least": r"at\s+least|no\s+(?:fewer|less)\s+than|a\s+minimum\s+of|at\s+minimum",
    "more_than": r"(?:well\s+|just\s+|far\s+)?(?:more\s+than|over)|upwards\s+of|in\s+excess\s+of",
    "at_most_below": r"nearly|almost|close\s+to|just\s+under|just\s+shy\s+of",
    "about": r"about|around|approximately|approx\.|roughly|some|an?\s+estimated|estimated|"
             r"an?\s+approximate",
    "at_most": r"up\s+to|as\s+many\s+as|at\s+most|no\s+more\s+than",
    "less_than": r"fewer\s+than|less\s+than|under",
}
_PRE_RE = "(?P<qual>" + "|".join(f"(?:{v})" for v in _PRE.values()) + ")"
_POST = r"(?P<post>\s+or\s+more\b|\s+or\s+so\b|\s*\+(?!\d)|-plus\b)"
_VAGUE = (
    r"(?P<vague>tens\s+of\s+thousands|hundreds\s+of\s+thousands|dozens|scores|hundreds|"
    r"thousands|several|multiple|a\s+number\s+of|a\s+couple(?:\s+of)?|a\s+few|"
    r"a\s+handful(?:\s+of)?|numerous)\b"
)
_RANGE = (
    rf"(?:(?P<r_between>between|from)\s+(?P<r1a>{_NUM})\s+(?:and|to)\s+(?P<r2a>{_NUM})"
    rf"|(?P<r1b>{_NUM})(?:(?<=\d)\s*(?P<r_dash>[-–—])\s*|\s+(?:to|or)\s+)(?P<r2b>{_NUM}))"
)

# Where a figure can start: a digit, a number word, a qualifier or a vague word. Trying the
# big _FIGURE pattern only there is ~2x faster than searching with it.
_NUMBER_START = (
    rf"{_NUMBER_WORDS}|dozens|scores|hundreds|thousands|tens|several|multiple|numerous|half|a\s+"
    r"(?:dozen|hundred|thousand|million|few|couple|handful|number)|an?\s+(?:estimated|approximate)"
)
# Where a figure can start: a digit, a number word, a vague word, or a qualifier word that a
# number (or the rest of the qualifier) follows. Trying the big _FIGURE pattern only there is
# several times faster than searching with it.
_ANCHOR = re.compile(
    rf"(?<![\w$£€#.,/:-])(?:\d|(?:{_NUMBER_START})\b|(?:at|no|more|over|upwards|in|well|just|far|nearly|"
    r"almost|close|about|around|approx|approximately|roughly|some|an|a|estimated|up|as|fewer|"
    r"less|under|between|from)\s+(?=\d|(?:"
    rf"{_NUMBER_WORDS}|dozens|scores|hundreds|thousands|tens|"
    r"several|multiple|numerous|half|a|an|least|than|to|many|of|excess|estimated|approximate|"
    r"minimum|more|fewer|less|under|over|shy)\b))",
    re.IGNORECASE,
)
_QUAL_KIND = [(k, re.compile(rf"(?:{v})\Z", re.IGNORECASE)) for k, v in _PRE.items()]
_PLAIN = re.compile(
    rf"(?:(?:{_PRE_RE})\s+)?(?P<num>{_NUM}){_POST}?(?![\w])(?P<vague>(?!))?(?P<r1a>(?!))?"
    rf"(?P<r1b>(?!))?",
    re.IGNORECASE,
)
_FIGURE = re.compile(
    rf"(?<![\w$£€#.,/:-])(?:(?:{_PRE_RE})\s+)?"
    rf"(?:{_RANGE}|(?P<num>{_NUM}){_POST}?|{_VAGUE})(?![\w])",
    re.IGNORECASE,
)

_PERSON_SG = "|".join(sorted(PERSON_SINGULAR, key=len, reverse=True))
# "a man" / "another 23-year-old woman" as the subject of a casualty predicate.
_INDEFINITE = re.compile(
    rf"\b(?P<det>an?|another)\s+(?:[\w'-]+\s+){{0,3}}?(?P<noun>{_PERSON_SG})\b"
    rf"(?=(?:\s+and\s+(?:an?|another|his|her|their)\s+(?:[\w'-]+\s+){{0,3}}?(?:{_PERSON_SG})\b)?"
    # where the person was: "another man in the home was wounded", "a passenger on the bus was hurt"
    r"(?:\s+(?:in|inside|at|on|aboard|near)\s+(?:the|a|an|his|her|their)\s+(?:[\w-]+\s+)?(?!(?:he|she|they|it|we|who|that)\b)[\w-]+(?=\s+(?:was|is)\b))?"
    r"(?:\s*,[^,.;]{1,80},)?\s+(?:who\s+)?"
    r"(?:(?:was|is|were|had\s+been|has\s+been|have\s+been|got)\s+"  # passive: "was shot"
    r"(?:(?:later|also|fatally|critically|seriously|accidentally|reportedly|allegedly|found|"
    r"pronounced|then|both|apparently|badly|mortally|eventually|gravely|reported|listed)\s+)*"
    r"(?:shot|killed|wounded|injured|hurt|dead|slain|murdered|struck|hit|hospitalized|"
    r"hospitalised|stabbed|pronounced|found\s+dead|burned|burnt|scalded)"
    r"|(?:(?:later|also|then|eventually)\s+)?(?:died|dies|is\s+dead|was\s+dead|shot\s+dead|"
    r"shot\s+to\s+death)))",  # "a woman died", "a man shot dead" (headline)
    re.IGNORECASE,
)

_ORDINAL_WORD = re.compile(
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b",
    re.IGNORECASE,
)

# context guards (applied to the text around a numeral)
_BEFORE_MONEY = re.compile(r"(?:[$£€#]|\b(?:usd|us\$|no\.))\s*\Z", re.IGNORECASE)
_BEFORE_DATE = re.compile(rf"\b(?:{_MONTHS})\.?\s+\Z")
_BEFORE_AGE = re.compile(
    r"\b(?:age|aged|ages|ageing|(?:younger|older)\s+than)\s+(?:of\s+)?(?:from\s+)?"
    r"(?:\d+\s*,?\s*(?:(?:and|to|or|through)\s+|[-–]\s*)?)*\Z",
    re.IGNORECASE,
)
_BEFORE_NAME = re.compile(rf"(?:^|[^\w.])(?P<word>{_NAME_BEFORE})\.?\s*#?\s*\Z", re.IGNORECASE)
_BEFORE_CALLSIGN = re.compile(r"\b[A-Z]{2,6}(?:-TV|-FM|-AM)?\s+\Z")
_BEFORE_HYPHEN_WORD = re.compile(r"[A-Za-z]-\Z")
_BEFORE_CAP_COMMA = re.compile(
    rf"(?:\b[A-Z][\w'.-]*|\b(?:{_PERSON_SG}|{'|'.join(PERSON_PLURAL)}))\s*[,(]\s*(?:also\s+|both\s+|now\s+)?\Z"
)  # "Smith, 23,", "Another teen, also 15, was shot"
_AFTER_AGE_COMMA = re.compile(
    r"\A\s*(?:[,)]|\s+of\b|;|\.(?:\s|\Z)|\s+and\s+\d|\s*[—–(]|\s-\s|\Z|\s+who\b|"
    r"\s+(?:was|is|has)\b)")  # "Calvin Williams, 24 was shot": a count would say "were"
_BEFORE_AGE_LIST = re.compile(  # "Two men, 25 and 30," / "Smith, 23, and Jones, 25,"
    rf"(?:\b[A-Z][\w'.-]*|\b(?:{_PERSON_SG}|{'|'.join(PERSON_PLURAL)}))\s*,\s*(?:\d{{1,3}}\s*(?:,|and|,\s*and)\s*)+\Z"
)
# a list of names with ages: "Tom Smith, 24, Ann Lee, 25 and Bob Ray, 32 were hurt": the age before
# "and <Name>" ("Ann Lee, 25 and Bob Ray") and the last age after a name-age pair, even before "were",
# are ages, not counts
_AFTER_AND_NAME = re.compile(r"\A\s*,?\s+(?:and|&)\s+(?:[A-Z][\w'’.-]*\s+)?[A-Z][\w'’.-]*\s*,\s*\d{1,3}\b")
_AFTER_WERE = re.compile(r"\A\s+(?:were|are|have|had)\b")
_BEFORE_NAME_AGE_PAIR = re.compile(
    r"\b[A-Z][\w'’.-]*\s*,\s*\d{1,3}\s*,?\s*(?:(?:and|&)\s+)?(?:[A-Z][\w'’.-]*\s+){0,3}?[A-Z][\w'’.-]*\s*,\s*\Z")
_BEFORE_BOTH = re.compile(r"\b(?:both|each|all)\s+\Z", re.IGNORECASE)
_BEFORE_N_OF = re.compile(  # "Image 2 of 4"
    r"\b(?:image|photo|slide|page|part|picture|pic|video|step|item)\s+\d+\s+of\s*\Z", re.IGNORECASE
)
_CITATION = re.compile(r"\[\s*\Z")  # "[17]" footnote marks
_AFTER_AGE = re.compile(
    r"\A(?:-|\s+)(?:years?|yrs?|months?|weeks?|days?)(?:-|\s+)old\b|\A-year\b|\A\s*(?:yo|y/o)\b"
    # a suspended hyphen: "his 12- and 10-year-old sons", "3- or 4-month-old"
    r"|\A-\s+(?:and|or|to|&)\s+\d{1,3}(?:-|\s+)(?:years?|months?|weeks?|days?)(?:-|\s+)old\b",
    re.IGNORECASE,
)
_AFTER_MEASURE = re.compile(rf"\A(?:\s*|-)(?:{_MEASURE})(?![\w])", re.IGNORECASE)
# a singular time unit that premodifies the counted people is no measure: "two night shift workers",
# "three day laborers" (not "two nights", "12 hour shifts", "3 day old")
_UNIT_MODIFIES_PERSONS = re.compile(
    r"\A\s+(?:night|day)\s+(?:[a-z]+\s+)?(?:" + "|".join(sorted(PERSON_PLURAL, key=len, reverse=True)) + r")\b",
    re.IGNORECASE)
_AFTER_DATE = re.compile(rf"\A(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b\.?(?:\s+\d{{4}})?")
_AFTER_ORDINAL = re.compile(r"\A(?:st|nd|rd|th)\b", re.IGNORECASE)
_AFTER_TIME = re.compile(r"\A(?::\d|\s*[ap]\.?m\b\.?|\s*o['’]clock)", re.IGNORECASE)
_AFTER_PERCENT = re.compile(r"\A\s*(?:%|percent\b|per\s+cent\b)", re.IGNORECASE)
# a street name after a number: it is a house number ("3580 Evans Ave"; in transforms/dates/mentions.py
# "at 2010 Oak St" is no year)
AFTER_STREET = re.compile(
    rf"\A\s+(?:[NSEW]{1,2}\.?\s+|(?i:north|south|east|west|old|new)\s+)?"
    rf"(?P<words>(?:[A-Z0-9][\w'.-]*\s+){{0,3}})(?i:{_STREET})\b\.?",
)
_CASUALTY_WORDS = re.compile(
    r"\b(?:dead|die[sd]?|killed|kills?|shot|shoots?|hurt|injured|injur\w*|wounded|people|"
    r"shooting|slain|hospitali[sz]ed|in|at|on|after)\b",
    re.IGNORECASE,
)
_AFTER_BLOCK = re.compile(r"\A\s*(?:-|\s)block\b", re.IGNORECASE)
_AFTER_UNITNUM = re.compile(r"\A(?:\s*(?:mm|cal)\b|-?[A-Za-z]{1,2}\d|'|\"|″|′|”)")
_AFTER_DECIMAL = re.compile(r"\A[.,]\d")  # 2.5
_AFTER_SCORE = re.compile(r"\A\s*[-–]\s*\d")  # "a 3-2 vote" (real ranges are matched whole first)
_AFTER_OF_PLACE = re.compile(r"\A,\s+of\s+[A-Z]")  # "23, of Dallas"
_BEFORE_ONE = re.compile(r"\b(?:no|any|every|each|which|this|that|some)\s+\Z", re.IGNORECASE)
_AFTER_ONE = re.compile(r"\A\s+(?:another|anyone|anymore)\b", re.IGNORECASE)
_AFTER_CAP_HYPHEN = re.compile(r"\A-[A-Z]")
_PHONE = re.compile(r"\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|\b1-8\d\d-\d{3}-\d{4}\b")
_DATE_NUMERIC = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b|\b\d{1,2}/\d{1,2}\b")
_TIME_RANGE = re.compile(r"\b\d{1,2}(?::\d\d)?\s*(?:-|to)\s*\d{1,2}(?::\d\d)?\s*[ap]\.?m\b",
                         re.IGNORECASE)


# ---------------------------------------------------------------- values

_WORD_SPLIT = re.compile(r"[\s-]+")
_DIGIT_VALUE = re.compile(r"(\d[\d,]*(?:\.\d+)?)(?:\s+(thousand|million|billion))?")
_NEXT_WORD = re.compile(r"\A[\s-]+([a-z]+)")

# two person nouns under one indefinite determiner: "a father and son", "a mother and daughter"
_PAIR_ONE_DET = re.compile(
    rf"(?:an?|another)\s+(?:[\w'-]+\s+){{0,2}}?(?:{_PERSON_SG})\s+and\s+(?:[\w'-]+\s+)?(?:{_PERSON_SG})\Z",
    re.IGNORECASE)


def _word_value(words: str) -> int:
    """'one hundred and twenty-five' -> 125; 'a thousand' -> 1000."""
    total = current = 0
    for w in _WORD_SPLIT.split(words.lower()):
        if w in ("and", ""):
            continue
        if w == "a":
            current = max(current, 1)
        elif w in _WORD_VALUES:
            current += _WORD_VALUES[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in _SCALES:
            total += max(current, 1) * _SCALES[w]
            current = 0
        else:
            raise FigureError(f"not a number word: {w!r}")
    return total + current


def number_value(text: str) -> int:
    """Value of one numeral: '6,200' -> 6200, 'twenty-one' -> 21, 'half a dozen' -> 6,
    '1.5 million' -> 1500000. Raises FigureError for anything else."""
    t = " ".join(text.lower().split())
    if not t:
        raise FigureError("empty numeral")
    if t.endswith("dozen"):
        head = t[: -len("dozen")].strip()
        if head == "half a":
            return 6
        if head == "a":
            return 12
        return number_value(head) * 12
    m = _DIGIT_VALUE.fullmatch(t)
    if m:
        digits = m.group(1).replace(",", "")
        if len(digits.partition(".")[0].lstrip("0")) > len(str(MAX_VALUE)):
            # also keeps int() under Python's 4,300-digit limit and float() finite
            raise FigureError(f"implausibly large count: {text[:40]!r}")
        num = float(digits) if "." in digits else int(digits)
        value = num * _SCALES[m.group(2)] if m.group(2) else num
        if value != int(value):
            raise FigureError(f"not a whole count: {text!r}")
        value = int(value)
    else:
        value = _word_value(t)
    if value > MAX_VALUE:
        raise FigureError(f"implausibly large count: {text!r}")
    return value


def _bounds(qualifier: str, n: int) -> tuple[str, int | None, int | None]:
    if qualifier == "exact":
        return "exact", n, n
    if qualifier == "at_least":
        return "at_least", n, None
    if qualifier == "more_than":
        return "more_than", n + 1, None
    if qualifier == "about":
        return "about", n, n
    if qualifier == "at_most":
        return "at_most", None, n
    if qualifier == "at_most_below":
        return "at_most", None, max(n - 1, 0)
    if qualifier == "less_than":
        return "less_than", None, max(n - 1, 0)
    raise FigureError(f"unknown qualifier {qualifier!r}")


# ---------------------------------------------------------------- guards

def _not_a_count(
    text: str, start: int, end: int, value: int, is_digits: bool, in_range: bool = False
) -> bool:
    """True when the numeral text[start:end] is a year, age, time, address, ... (see module doc)."""
    before = text[max(0, start - 40):start]
    after = text[end:end + 60]
    if _AFTER_AGE.match(after) or _BEFORE_AGE.search(before):
        return True
    if _AFTER_PERCENT.match(after) or _AFTER_TIME.match(after) or _AFTER_DATE.match(after):
        return True
    if _AFTER_MEASURE.match(after) and not _UNIT_MODIFIES_PERSONS.match(after):
        return True
    if is_digits:
        if _BEFORE_MONEY.search(before) or _AFTER_ORDINAL.match(after):
            return True
        if _BEFORE_DATE.search(before) and value <= 31:
            return True
        if _AFTER_UNITNUM.match(after) or _AFTER_DECIMAL.match(after):
            return True
        if not in_range and _AFTER_SCORE.match(after):
            return True
        if value <= 120 and _AFTER_OF_PLACE.match(after):
            return True
        if _BEFORE_HYPHEN_WORD.search(before) or _AFTER_CAP_HYPHEN.match(after):
            return True
        name = _BEFORE_NAME.search(before)
        if (name and not name.group("word")[0].islower()) or _BEFORE_CALLSIGN.search(before):
            return True
        street = AFTER_STREET.match(after)
        if street and not _CASUALTY_WORDS.search(street.group("words")):
            return True
        if _AFTER_BLOCK.match(after):
            return True
        raw = text[start:end]
        if value == 911 or (len(raw) == 4 and raw.isdigit() and 1800 <= value <= 2100):
            nxt = _NEXT_WORD.match(after)
            if value == 911 or not (nxt and nxt.group(1).lower() in _COUNT_NOUNS):
                return True
        if value <= 120 and _AFTER_AGE_COMMA.match(after) and (
            _BEFORE_CAP_COMMA.search(before) or _BEFORE_BOTH.search(before)
            or _BEFORE_AGE_LIST.search(before)
        ):
            return True
        if value <= 120 and _BEFORE_CAP_COMMA.search(before) and (
            _AFTER_AND_NAME.match(after)
            or (_AFTER_WERE.match(after) and _BEFORE_NAME_AGE_PAIR.search(text, max(0, start - 90), start))
        ):
            return True  # "Ann Lee, 25 and Bob Ray, 32 were all taken to a hospital": ages
        if _CITATION.search(before) and after.startswith("]"):
            return True
        if before.rstrip().endswith("/") or _BEFORE_N_OF.search(before):
            return True
    else:
        if _AFTER_CAP_HYPHEN.match(after):
            return True
        if text[start:end].lower() == "one" and (_BEFORE_ONE.search(before) or _AFTER_ONE.match(after)):
            return True  # "no one", "one another"
    return False


def _masked_spans(text: str) -> list[tuple[int, int]]:
    """Character spans that hold phone numbers, numeric dates and time ranges."""
    spans = []
    for rx in (_PHONE, _DATE_NUMERIC, _TIME_RANGE):
        spans.extend(m.span() for m in rx.finditer(text))
    return spans


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


# ---------------------------------------------------------------- scanning

def _qualifier(words: str | None) -> str | None:
    if words is None:
        return None
    words = " ".join(words.lower().split())
    return next(k for k, rx in _QUAL_KIND if rx.match(words))


def _figure_from_match(text: str, m: re.Match) -> Figure | None:
    qual = _qualifier(m.group("qual"))
    start, end = m.span()
    if m.group("vague") is not None:
        word = " ".join(m.group("vague").lower().split())
        if _AFTER_MEASURE.match(text[end:end + 40]):
            return None  # "multiple times", "several hours"
        return Figure(m.group(0), start, end, None, VAGUE_LOW[word], None, "vague", "vague",
                      m.start("vague"), m.end("vague"))
    if m.group("r1a") is not None or m.group("r1b") is not None:
        g1, g2 = ("r1a", "r2a") if m.group("r1a") is not None else ("r1b", "r2b")
        a, b = number_value(m.group(g1)), number_value(m.group(g2))
        is_digits = m.group(g1)[0].isdigit()
        if is_digits != m.group(g2)[0].isdigit():
            return None  # "7-Eleven", "3 to four": not a range
        if _not_a_count(text, m.start(g1), m.end(g1), a, is_digits, True) or _not_a_count(
            text, m.start(g2), m.end(g2), b, is_digits, True
        ):
            return None
        if b <= a:
            if m.group("r_dash"):
                return None  # "3-2": a score or a vote, not a range
            a, b = b, a
        if qual is not None:
            return None  # "at least 10 to 12": let the plain scan take it apart
        return Figure(m.group(0), start, end, number_value(m.group(g1)), a, b, "range", "number",
                      m.start(g1), m.end(g2))
    num = m.group("num")
    n = number_value(num)
    is_digits = num[0].isdigit()
    if _not_a_count(text, m.start("num"), m.end("num"), n, is_digits):
        return None
    post = (m.group("post") or "").strip().lower()
    if post in ("or more", "+", "-plus"):
        qual = "at_least" if qual is None else qual
    elif post == "or so":
        qual = "about" if qual is None else qual
    q, low, high = _bounds(qual or "exact", n)
    return Figure(m.group(0), start, end, n, low, high, q, "number", m.start("num"), m.end("num"))


def _scan(text: str, pos: int, on_error: OnError, failures: list | None) -> list[Figure]:
    out: list[Figure] = []
    masked = _masked_spans(text)
    for anchor in _ANCHOR.finditer(text, pos):
        if anchor.start() < pos:
            continue  # inside the previous figure
        m = _FIGURE.match(text, anchor.start())
        if m is None:
            continue
        try:
            fig = None if _overlaps(masked, *m.span()) else _figure_from_match(text, m)
        except FigureError as exc:
            if on_error == "raise":
                raise
            if failures is not None:
                failures.append(f"{m.group(0)!r}: {exc}")
            fig = None
        if fig is None and (m.group("r1a") is not None or m.group("r1b") is not None) and \
                m.group("qual") is not None:
            # "at least 10 to 12": no qualified range; take "at least 10" alone
            plain = _PLAIN.match(text, m.start())
            if plain is not None and not _overlaps(masked, *plain.span()):
                try:
                    fig = _figure_from_match(text, plain)
                except FigureError:
                    fig = None
                if fig is not None:
                    out.append(fig)
                    pos = plain.end()
                    continue
        if fig is not None:
            out.append(fig)
            pos = m.end()
        # else: not a count; a later numeral inside the match may be ("1 killed, 3"): the
        # next anchor is tried
    return out


def find_figures(
    text: str,
    *,
    indefinites: bool = True,
    on_error: OnError = "null",
    failures: list | None = None,
) -> list[Figure]:
    """Every count-like figure in ``text``, in order, spans into ``text``.

    ``indefinites`` adds "a man"-style figures (value 1) where the noun phrase
    is the subject of a casualty predicate.
    """
    if on_error not in ("raise", "null"):
        raise ValueError(f"on_error must be 'raise' or 'null', not {on_error!r}")
    figures = _scan(text, 0, on_error, failures)
    if indefinites:
        taken = [(f.start, f.end) for f in figures]
        for m in _INDEFINITE.finditer(text):
            if _overlaps(taken, m.start(), m.end()) or _ORDINAL_WORD.search(m.group(0)):
                continue  # "a third victim" is an ordinal, not a count
            n = 2 if _PAIR_ONE_DET.match(m.group(0)) else 1  # "a father and son": two people
            figures.append(Figure(m.group(0), m.start(), m.end(), n, n, n, "exact", "indefinite",
                                  m.start(), m.end()))
        figures.sort(key=lambda f: f.start)
    return figures


def parse_figure(text: str, on_error: OnError = "raise") -> Figure | None:
    """The first count in ``text`` ("more than 60", "62 dead", "dozens wounded").

    No count (only a year, an age, a time ...) is a failure: on_error="raise"
    raises FigureError, on_error="null" returns None.
    """
    if on_error not in ("raise", "null"):
        raise ValueError(f"on_error must be 'raise' or 'null', not {on_error!r}")
    try:
        figures = find_figures(text, on_error="raise")
    except FigureError:
        if on_error == "raise":
            raise
        return None
    if figures:
        return figures[0]
    if on_error == "raise":
        raise FigureError(f"no count in {text[:80]!r}")
    return None
