"""Compact evidence about an article's incident, read from its body at extraction time.

Pure: text in, a short list of keys out. The clustering (transforms/events.py) runs at
finalize over every article in the warehouse without their texts, so each article carries
these keys (``articles.incident_keys``) instead of its body. Keys:

- ``block:<hundreds> <street>``: an address or block ("the 1600 block of 7th Street",
  "900 Garden Way", "1623 W. Madison St." -> ``block:1600 madison``); the street name
  without its ending (Street, Ave., ...: transforms/lexicon/events.yaml street_suffixes)
  and without a leading direction, so "Aspen Meadow" and "Aspen Meadow Drive" agree;
- ``street:<street>``: a street named with its ending ("on Tuggle Road" -> ``street:tuggle``);
- ``age:<n>``: a person's age ("a 22-year-old man", "22 year old", "John Smith, 23,", "John Smith Jr., 23,",
  "John Smith,23,": the space lost);
- ``hour:<0-23>``: a time of day ("about 11 p.m." -> ``hour:23``, "04:10:00 AM" -> ``hour:4``);
- ``name:<first> <last>``: a victim or suspect, named by their role in the text ("identified as Jane
  Doe", "a 22-year-old John Roe", "Jane Doe, 34,", "Jane Doe,34,"); a generational suffix is dropped ("John Roe
  Jr., 23," and "John Roe III, 23," are ``name:john roe``: events.yaml name_suffixes); not a time or a part
  of a city in that position ("On Sunday, 33,", "the West Side, 19,", "a 7-year-old Detroit boy": ``is_person_name``);
- ``official:<first> <last>`` (or ``official:<last>`` when only that is given): a person named with an
  official's or reporter's title before the name ("Police Chief Jane Doe", "Sgt. Roe", "spokeswoman Ann
  Lee"), a role after it ("Ann Lee, a spokeswoman for the police", "John Roe, the county prosecutor"),
  an officer who speaks ("Officer Dan Roe said", "Deputy Ann Lee told": events.yaml speaking_ranks, speaking_verbs),
  or in a byline or credit line ("By Jane Doe" opening a line, "Contact John Roe at"); the role words are
  transforms/lexicon/events.yaml official_titles, official_roles, byline_words. Officials recur across
  the incidents of one city: transforms/events.py does not take them as anchors of an incident.
- ``background:<first> <last>``: a person the text names only in background, in sentences that tell of
  another incident ("In a separate shooting, Jane Doe ...", "Last month John Roe was killed ...":
  transforms/lexicon/events.yaml background_cues) and never in its lead (the first LEAD_SENTENCES
  sentences) nor in a sentence without such a cue; a report of one incident that recalls another's
  victim in passing. transforms/events.py does not take them as anchors either. A sentence opening on a day or
  month RECALLED_DAYS or more before the article's own date (``incident_keys(text, article_date)``: "On Nov. 1,
  an 11-year-old was killed ..." in a report of December 11) is such a sentence too;
- ``recalled:<yyyy-mm-dd>``: the day such a sentence opens on ("On Nov. 1," -> ``recalled:2015-11-01``): the
  text names that day only to recall another incident, so transforms/events.py does not count it as a
  reference back to a report of that day.

Two reports of one city and day that name the same block, or the same street and the same
age or hour, are one incident; ages that do not overlap at all are evidence of two.
At most MAX_KEYS keys per article (the first ones in the text) and MAX_OFFICIALS official keys, so the
column stays small.
"""

from __future__ import annotations

import re
from datetime import date

from transforms import lexicon

MAX_KEYS = 40
MAX_OFFICIALS = 12
MAX_BACKGROUND = 8
MAX_RECALLED = 4
LEAD_SENTENCES = 2
LEAD_SHARE = 0.3  # background passages start after this share of the text
_SUFFIX = lexicon.mapping("events", "street_suffixes")
_SUFFIX_RE = "|".join(sorted((re.escape(s) for s in _SUFFIX), key=len, reverse=True))
_DIRECTIONS = lexicon.words("events", "street_directions")
_LEAD = lexicon.words("events", "street_lead_words")
_WORD = r"(?:[A-Z][a-zA-Z'\-]*\.?|\d{1,3}(?:st|nd|rd|th))"
_NAME = rf"{_WORD}(?:\s+{_WORD}){{0,3}}"
_STREET = re.compile(rf"\b({_NAME})\s+(?i:({_SUFFIX_RE}))\b\.?(?!\w)")
_BLOCK = re.compile(rf"\b(\d{{1,5}})\s+block\s+of\s+(?:the\s+)?({_NAME})")
_ADDRESS = re.compile(rf"\b(\d{{1,5}})\s+({_NAME})\s+(?i:({_SUFFIX_RE}))\b")
_AGE = re.compile(r"\b(\d{1,2})[- ]years?[- ]old\b|\b(?:[A-Z][a-z]+(?:[A-Z][a-z]+)?\.?|I[IV]+),\s?(\d{1,2}),")
_NAME_WORD = r"[A-Z][a-z'\-]+(?:[A-Z][a-z'\-]+)?"  # "Doe", "McIntyre", "DeShawn"
_PERSON = rf"({_NAME_WORD}(?:\s[A-Z]\.)?(?:\s{_NAME_WORD}){{1,2}})"
# "John Roe Jr., 23,", "John Roe, Sr., 61,", "John Roe III, 23,": a generational suffix between the name and the age
_GENERATION = r"(?:,?\s(?:Jr|Sr)\.?|\sI[IV]+)"
_NAME_SUFFIXES = lexicon.words("events", "name_suffixes")
_NAMED = re.compile(rf"\bidentified\s(?:\w+\s){{0,3}}?as\s(?:\d{{1,2}}-year-old\s)?{_PERSON}"
                    rf"|\b\d{{1,2}}[- ]years?[- ]old\s{_PERSON}"
                    rf"|{_PERSON}{_GENERATION}?,\s?(?:a\s)?\d{{1,2}}(?:,|-year-old)")
_TITLES = lexicon.alternation("events", "official_titles")
_ROLES = lexicon.alternation("events", "official_roles")
_TITLE_WORDS = lexicon.words("events", "official_titles") | {"officer", "deputy", "trooper"}
_BYLINE = lexicon.alternation("events", "byline_words")
_CAP = r"(?:[A-Z][a-z'\-]+|[A-Z]\.(?:[A-Z]\.)?)"
_OFFICIAL_NAME = rf"((?:{_CAP}\s)?(?:[A-Z]\.\s)?{_NAME_WORD}(?:\s{_NAME_WORD})?)\b(?!['\u2019]s\b)"
_OFFICIAL = re.compile(rf"\b(?i:{_TITLES})\.?,?\s+{_OFFICIAL_NAME}"
                       rf"|{_PERSON},\s(?:(?:a|an|the)\s)?(?:[\w'.\-]+\s){{0,4}}?(?i:{_ROLES})\b"
                       rf"|(?m:^)[ \t]*(?i:{_BYLINE}):?[ \t]+{_PERSON.replace(chr(92) + 's', '[ ]')}"
                       rf"|\b(?i:contact|e-?mail)\s+{_PERSON}\s+at\b")
# an officer, deputy or trooper who speaks for the police ("Officer Dan Roe said", "Deputy Ann Lee says"): an
# official; an officer named otherwise may be the one shot or the one who fired (not an official)
_SPEAKING_RANKS = lexicon.alternation("events", "speaking_ranks")
_SAYS = lexicon.alternation("events", "speaking_verbs")
_SPEAKING_OFFICER = re.compile(rf"\b(?i:{_SPEAKING_RANKS})\.?\s+{_OFFICIAL_NAME}\s+(?:{_SAYS})\b")
_BACKGROUND = re.compile(r"(?i)\b(?:" + lexicon.alternation("events", "background_cues") + r")\b")
_SENTENCE = re.compile(r"(?<=[.!?])[\"'\u201d\u2019]?\s+(?=[\"'\u201c\u2018]?[A-Z0-9])|\n+")
_PERSON_RE = re.compile(_PERSON)
MONTHS = _MONTHS = {**lexicon.mapping("time_words", "months"), **lexicon.mapping("time_words", "month_abbreviations")}
# a sentence opening on a day ("On Nov. 1, an 11-year-old ...", "Nov. 1, 2015: ...", "In October of 2014", after a
# connective: "Then on April 17, ...", "Earlier, in February 2015, ...")
_OPENING_DAY = re.compile(r"^[\W]*(?:(?:Then|And|But|Also|Later|Earlier|Previously|Just),?\s+(?=on\b|in\b|back\b))?(?:(?:On|Back on|Back in|In|By|Since)\s+)?(" + "|".join(sorted(_MONTHS, key=len, reverse=True))
                          + r")\b\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?\b)?(?:,?\s+(?:of\s+)?(\d{4})\b)?", re.I)
RECALLED_DAYS = 7  # a sentence opening on a day this long before the article's date tells of an earlier incident
_NOT_NAME_FIRST = _LEAD | _DIRECTIONS | lexicon.words("events", "name_lead_words")
_NOT_NAME_LAST = lexicon.words("events", "not_name_heads") | lexicon.words("events", "age_nouns")
_WEEKDAYS = lexicon.words("time_words", "weekdays")
_TIME = re.compile(r"\b(\d{1,2})(?::\d{2}){0,2}\s*([ap])\.?\s?m\b\.?", re.I)


def _street_name(words: str) -> str | None:
    """'W. Madison' -> 'madison'; the words of a street name, lower case, without a direction or lead word."""
    parts = [w.strip(".").lower() for w in words.split()]
    while parts and (parts[0] in _LEAD or parts[0] in _DIRECTIONS):
        parts = parts[1:]
    cut = next((i for i, w in enumerate(parts) if i and w in _SUFFIX), len(parts))
    parts = parts[:cut]  # the name ends at its ending: "Ketchum Road\nWhen ..." is street ketchum
    return " ".join(parts) or None


def opening_day(sentence: str, article_date: date | None) -> date | None:
    """The day (or a month's first day) a sentence opens on ("On Nov. 1, ...", "In October of 2014, ..."), the year
    taken from the text or else the latest one not after ``article_date``; None without one or without a date."""
    m = _OPENING_DAY.match(sentence)
    if m is None or article_date is None:
        return None
    month, day, year = _MONTHS[m.group(1).lower()], int(m.group(2) or 1), m.group(3)
    if not m.group(2) and not year and not re.match(r"^\W*(?:On|Back|In|By|Since)\s", sentence):
        return None  # "May ..." alone opens many sentences
    return day_of(month, day, year, article_date)


def day_of(month: int, day: int, year: str | None, reference: date) -> date | None:
    """The date of a month and day, in ``year`` when the text gives one, else the latest one not after
    ``reference``; None for a day the calendar has not (Feb. 30)."""
    try:
        when = date(int(year) if year else reference.year, month, day)
        if not year and when > reference:
            when = date(reference.year - 1, month, day)
    except ValueError:
        return None
    return when


def incident_keys(text: str | None, article_date: date | None = None) -> list[str]:
    """The evidence keys of one article's text (module docstring), in order of first appearance. ``article_date``:
    the article's own (published) date; a sentence opening on a day well before it tells of an earlier incident."""
    if not text:
        return []
    keys: dict[str, None] = {}
    for m in _BLOCK.finditer(text):
        name = _street_name(m.group(2))
        if name:
            keys[f"block:{int(m.group(1)) // 100 * 100} {name}"] = None
    for m in _ADDRESS.finditer(text):
        name = _street_name(m.group(2))
        if name:
            keys[f"block:{int(m.group(1)) // 100 * 100} {name}"] = None
    for m in _STREET.finditer(text):
        name = _street_name(m.group(1))
        if name:
            keys[f"street:{name}"] = None
    for m in _AGE.finditer(text):
        age = int(next(g for g in m.groups() if g))
        if 0 < age < 110:
            keys[f"age:{age}"] = None
    for m in _NAMED.finditer(text):
        words = [w.lower() for w in next(g for g in m.groups() if g).split()]
        while words and words[-1] in _NAME_SUFFIXES:  # "a 22-year-old John Roe Jr.": John Roe
            words = words[:-1]
        if len(words) >= 2 and is_person_name(words):
            keys[f"name:{words[0]} {words[-1]}"] = None
    for m in _TIME.finditer(text):
        hour = int(m.group(1))
        if 1 <= hour <= 12:
            keys[f"hour:{hour % 12 + (12 if m.group(2).lower() == 'p' else 0)}"] = None
    officials: dict[str, None] = {}
    for m in [*_OFFICIAL.finditer(text), *_SPEAKING_OFFICER.finditer(text)]:
        words = [re.sub(r"['\u2019]s$", "", w.strip(".")).lower() for w in next(g for g in m.groups() if g).split()]
        words = [w for w in words if len(w) > 1]
        while len(words) > 2 and words[0] in _TITLE_WORDS:  # "Officer Nicole Trainor, a spokeswoman"
            words = words[1:]
        if words:
            officials["official:" + (f"{words[0]} {words[-1]}" if len(words) >= 2 else words[0])] = None
    return list(keys)[:MAX_KEYS] + list(officials)[:MAX_OFFICIALS] + background_names(text, article_date)


def is_person_name(words: list[str]) -> bool:
    """Lower-case words matched as a victim's or suspect's name: not a time or a part of a city ("on sunday",
    "earlier sunday", "west side", "detroit boy"; events.yaml name_lead_words, not_name_heads)."""
    return (words[0] not in _NOT_NAME_FIRST and words[-1] not in _NOT_NAME_LAST
            and not any(w in _WEEKDAYS for w in words))


def background_names(text: str, article_date: date | None = None) -> list[str]:
    """``background:`` keys (module docstring): the people named only in sentences that tell of another
    incident, outside the lead: a sentence with a background cue, or opening on a day RECALLED_DAYS or more
    before ``article_date`` ("On Nov. 1, an 11-year-old boy was killed" in a report of December 11)."""
    sentences, starts, pos = [], [], 0
    for x in _SENTENCE.split(text):
        if x and x.strip():
            pos = text.find(x, pos)
            sentences.append(x)
            starts.append(pos)
    heads = [text[p:p + 40] for p in starts]  # "On Nov. 1, ...": the sentence split after "Nov."
    cue = [bool(_BACKGROUND.search(x)) or _recalled(h, article_date) for x, h in zip(sentences, heads)]
    for i in range(len(sentences) - 1):
        if cue[i] and _OPENING_DAY.fullmatch(sentences[i].strip()):  # "On Nov." | "1, a tanker crashed ...": one
            cue[i + 1] = True
    cued = [i >= LEAD_SENTENCES and starts[i] >= LEAD_SHARE * len(text) and (cue[i] or (i > 0 and cue[i - 1]))
            for i in range(len(sentences))]
    out: dict[str, None] = {}
    recalled: dict[str, None] = {}
    for i, x in enumerate(sentences):
        if not cued[i]:
            continue
        if _recalled(heads[i], article_date) and _OPENING_DAY.match(heads[i]).group(2):  # a day: "On Nov. 1,"
            recalled[f"recalled:{opening_day(heads[i], article_date).isoformat()}"] = None
        for m in _PERSON_RE.finditer(x):
            words = m.group(1).split()
            while words and words[0].lower() in _LEAD:  # "On May 2, ...": a sentence's first word
                words = words[1:]
            if len(words) < 2 or not is_person_name([w.lower() for w in words]):
                continue
            if all(cued[j] for j, y in enumerate(sentences) if _names_same_person(y, words)):
                out[f"background:{words[0].lower()} {words[-1].lower()}"] = None
    return list(out)[:MAX_BACKGROUND] + list(recalled)[:MAX_RECALLED]


def _recalled(sentence: str, article_date: date | None) -> bool:
    day = opening_day(sentence, article_date)
    return day is not None and (article_date - day).days >= RECALLED_DAYS


def _names_same_person(sentence: str, words: list[str]) -> bool:
    """The sentence names the person of ``words`` (first ... last) by the last name: "Holmes said", "Takiya
    Holmes", "Ms. Holmes"; not another person of that name ("activist Andrew Holmes": another first name)."""
    for m in re.finditer(rf"\b{re.escape(words[-1])}\b", sentence):
        before = re.search(r"([A-Z][a-z'\-]+)\s+$", sentence[:m.start()])
        if before is None or before.group(1) == words[0] or before.group(1) in words:
            return True
    return False


def kinds(keys) -> dict[str, set[str]]:
    """'block' / 'street' / 'age' / 'hour' / 'name' / 'official' / 'background' -> the values of those keys."""
    out: dict[str, set[str]] = {"block": set(), "street": set(), "age": set(), "hour": set(), "name": set(),
                                "official": set(), "background": set(), "recalled": set()}
    for k in keys or ():
        kind, _, value = k.partition(":")
        if kind in out:
            out[kind].add(value)
    return out
