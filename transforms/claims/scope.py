"""Whether a claim is about the article's own incident (is_background): aggregates, other incidents, comparisons, dates elsewhere.

The rules are listed in transforms/claims/__init__.py ("Scope"); besides those:
- a past the text states relative to the article dates a figure like a date mention does
  (relative_past: "two weeks ago", "years ago" (two years), "more than two decades earlier",
  "last week", "eight months after a bystander was killed" -- "after" only before an
  indefinite noun phrase: "two days after the shooting" is the incident's own). A follow-up
  story whose lead is dated so ("arrested in the shooting two weeks ago that killed three")
  keeps that incident as its own (the lead rule in output.py);
- "two other murders / shootings / fires ...": the figures from there on in the sentence are
  another incident's ("the triple homicide and two other homicides": 3 stays main);
- a round-up of several incidents is an aggregate: "in a pair / string / series / spate of
  shootings", "a string of three shooting deaths", "a spate of slayings", "wounded throughout the
  city" (round-up incidents are crimes: "a series of
  explosions at the plant" may be one event);
- a casualty word, then "in", one to three modifiers and a plural incident noun is a round-up
  too ("1 dead, 5 wounded in Chicago shootings", "hurt in weekend stabbings"); a bare "2 dead, 2
  injured in shootings" may be one incident's headline; with a determiner the plural names the
  article's own incident(s) ("injured in the shootings", "in connection with the shootings"),
  and attacks / bombings are not round-up incidents ("hurt in coordinated attacks on the station"
  is one event);
- "last month" / "in <month>" / "last year" / "in 2015" in a sentence that tells of one incident ("a
  shooting that left a father and two children dead last month", "a student who fatally shot three
  people last month") or the case against its suspect ("charged with ... in August"), and of no
  incidents in the plural, dates that incident (the date rules above; a follow-up's lead keeps it as
  the article's own), no statistic's period, unless the sentence opens on the time ("Last year, four
  men were wounded ...") (lexicon claims_gates single_incident_nouns, case_words);
- a window of hours or days is a statistic's period (_AGGREGATE): "since 8 p.m.", "from Saturday
  morning to early Sunday", "between Tuesday morning and Wednesday morning", "in less than 30
  hours", "within 4 hours" (not "within 24 hours of the explosion": the incident's own);
- not for a hazard that spreads (claims_gates spread_hazards: floods, storms, heatwaves, wildfires,
  quakes ...): "floods have killed 45 people across the region since Friday" is one incident's
  extent, so "across the region", "since <weekday>" and "since the start of the monsoon / the rainy
  season" (not "of the year") make no aggregate in its sentence;
- a violent stretch of time is a round-up ("Violent night in Detroit leaves 2 dead, 8 injured",
  "during violent 24 hours", "a violent Monday night"; "violent" / "bloody", not "deadly").
- a precedent clause names an earlier incident: the figures after "comes a week after a ...",
  "came days after an ...", "follows a ..." are that incident's (like those after a comparison);
- a past month or year ("in August", "last year", "in 2015", "last month") makes no aggregate in a
  sentence that names one incident ("a gunfight", "the June 15 shooting") or the case against its
  suspect ("charged with", "accused of", "indicted") and no incidents in the plural, unless the
  sentence opens on it ("Last year, four men were wounded ..."): a follow-up story's lead ("charged
  with fatally shooting a rider and wounding five of his companions in August") dates its incident,
  and the date rules say whether that is the article's own;
- a line of a video playlist, the clip's length then its headline ("0:50 One dead after
  shooting involving officer"), is another story's (scope 'other'); a clock time ("10:35 p.m.")
  is not.
Word lists: lexicon claims_gates.yaml (past_units, past_relations, other_incident_nouns,
roundup_*, roundup_plural_stop).
"""

from __future__ import annotations

import re
from datetime import timedelta

from transforms import lexicon
from transforms.dates import find_date_mentions
from transforms.claims.model import Claim, Segment


_AGG_GATE = lexicon.words("claims_gates", "aggregate") | lexicon.words("time_words", "months")


def _has_year(words: set) -> bool:
    return any(len(w) == 4 and w[:2] in ("19", "20") and w.isdigit() for w in words)


_MONTHS = lexicon.alternation("time_words", "months")
_WEEKDAYS = lexicon.alternation("time_words", "weekdays")
_NUMBER_WORDS = {**lexicon.mapping("numbers", "units"), **lexicon.mapping("numbers", "teens")}
_TWO_TO_TEN = "|".join(sorted((w for w, v in _NUMBER_WORDS.items() if 2 <= v <= 10), key=lambda w: (-len(w), w)))

_AGGREGATE = re.compile(
    r"\b(?:this\s+year|(?P<when_ly>last\s+year)|so\s+far|since\s+(?:" + _MONTHS + r"|\d{4}|the\s+start|the\s+beginning)|"
    r"year\s+to\s+date|annually|per\s+year|a\s+year|each\s+year|every\s+year|in\s+the\s+past\s+"
    r"(?:\d+|few|several|24|two|three)?\s*(?:hours|days|weeks|months|years)|"
    r"over\s+the\s+(?:past|last)\s+\w+|(?<!earlier\s)this\s+month|(?P<when_m>last\s+month)|nationwide|statewide|"
    r"(?P<when_y>in\s+(?:19|20)\d\d)|for\s+the\s+year|in\s+a\s+(?:given\s+)?(?:month|year)|"
    r"(?P<when>in\s+" + _MONTHS + r"(?!\s+\d))|(?P<since_day>since\s+" + _WEEKDAYS + r")|"
    r"since\s+(?:about\s+)?\d{1,2}(?::\d\d)?\s*[ap]\.?m\b|"
    r"(?:between\s+(?P<b>)|from\s+)(?:late\s+|early\s+)?" + _WEEKDAYS
    + r"(?:\s+(?:morning|afternoon|evening|night))?\s+"
    r"(?(b)and|(?:to|until|through|into))\s+(?:late\s+|early\s+)?" + _WEEKDAYS + r"|"
    r"(?:in|within)\s+(?:(?:less|fewer)\s+than\s+|under\s+|about\s+|just\s+)?(?:\d+|" + _TWO_TO_TEN
    + r"|twelve|twenty-four|forty-eight|seventy-two)[\s-]+(?:hours|days)(?!\s+(?:of|after|since)\b)|"
    r"(?P<across>(?:shootings|incidents|homicides|violence|attacks|killings|murders|killed|dead|wounded|"
    r"injured|shot|hurt)\s+(?:[\w-]+\s+){0,3}?across\s+(?:the\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:city|state|country|region|nation|boroughs|county|area|metro)"
    # "wounded in shootings across Chicago": incidents (not people: "shot across Main Street") spread
    # over a named place
    r"|(?:shootings|incidents|homicides|attacks|killings|murders|stabbings)\s+across\s+(?-i:[A-Z])[\w'’.-]+"
    r"(?!\s+(?-i:[A-Z])[\w'’.-]*\s+(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|way)\b))|citywide|"
    r"(?:hour|day|week|month)s?\s+(?:span|period|stretch)|"
    r"(?:span|period|stretch)\s+(?:of\s+(?:about\s+|nearly\s+|just\s+)?(?:\d+|a|an|one|" + _TWO_TO_TEN
    + r"|several|a\s+few)\s+(?:hours|days|weeks)|in\s+which|"
    r"during\s+which)|"
    r"in\s+(?:\d+|" + _TWO_TO_TEN + r"|several|multiple|separate|"
    r"unrelated|other|weekend|overnight|(?:\w+\s+)?weekend)\s+(?:[\w-]+\s+){0,3}"
    r"(?:shootings|incidents|attacks)|in\s+separate\s+\w+|"
    r"(?:\d+|" + _TWO_TO_TEN + r"|several|multiple)\s+"
    r"(?:(?!(?:in|at|on|of|from|during|after|and|or|people|persons|dead|killed|injured|wounded|"
    r"hurt|were|was|are|is)\b)[\w-]+\s+){0,3}?"
    r"(?:shootings|incidents|attacks)(?!\s+(?:of|on|at|in)\s+(?:the|a|an|his|her)\b))\b",
    re.IGNORECASE,
)

_SPREAD_HAZARDS = lexicon.words("claims_gates", "spread_hazards")
# "since the start of the monsoon / the rainy season / the floods": a spreading hazard's own start
_SINCE_HAZARD = re.compile(r"\s+of\s+(?:the|this)\s+(?:[\w-]+\s+)?(?:season|" + "|".join(
    sorted(_SPREAD_HAZARDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)

BACKGROUND_DAYS = 5  # a day more than this many days before the incident date: another incident

BACKGROUND_DAYS_PUBLISHED = 31  # the same when only the published date is known

_DATE_GATE = (lexicon.words("claims_gates", "date") | lexicon.words("time_words", "months")
              | lexicon.words("time_words", "month_abbreviations"))

_OTHER_INCIDENT = re.compile(
    r"\b(?:(?:an?|another|the)\s+(?:separate|unrelated|similar|earlier|previous|prior)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:shootings?|incidents?|attacks?|cases?|homicides?|killings?|murders?|"
    r"massacres?|rampages?|crimes?)"
    r"|in\s+another\s+(?:[\w-]+\s+){0,2}?(?:shooting|incident|attack|case|homicide|killing)"
    r"|(?:separate|unrelated)\s+(?:[\w-]+\s+){0,2}?(?:shootings|incidents|attacks|homicides|"
    r"killings|cases)"
    r"|(?:shootings|deaths|incidents|killings|homicides|cases)\s+(?:[\w-]+\s+){0,4}?(?:were|are)\s+"
    r"(?:not\s+(?:believed\s+to\s+be\s+)?(?:connected|related|linked)|unrelated))\b"
    # a sentence that opens on another time: "Earlier Sunday, a man was shot to death", "About 20 minutes
    # earlier, ...", "Last summer, one man was killed" (not "Meanwhile, three others showed up": the same incident)
    r"|\A\W*(?:earlier\s+(?:that\s+(?:day|night|morning|afternoon|evening)|(?:on\s+)?(?:monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?)"
    r"|(?:about|some|nearly|roughly|just)?\s*(?:\d+|an?|one|two|three|four|five|ten|twenty|thirty|several|forty-five)\s+"
    r"(?:minutes?|hours?)\s+earlier|last\s+(?:summer|spring|fall|autumn|winter))\s*,",
    re.IGNORECASE,
)

# "one of the deadliest attacks since the 2004 Beslan siege": the comparison names another event
_COMPARISON = re.compile(
    r"\b(?:deadliest|worst|bloodiest|largest|biggest|most\s+(?:deadly|violent|lethal))\b"
    r"(?:\s+[\w,.'’-]+){0,8}?\s+(?:since|in\s+(?:the\s+)?(?:U\.?S\.?|American|nation|nation's|"
    r"country|country's|state|state's|city|city's|modern|recent)\b)",
    re.IGNORECASE,
)

_OTHER_GATE = lexicon.words("claims_gates", "other_incident") | {"other"}

# "The crash comes a week after a bus plunge killed 12", "the shooting came days after an attack left 49
# dead", "follows a string of": a precedent clause names an earlier incident; figures after it are its own
_PRECEDENT_GATE = frozenset({"came", "comes", "follows"})
_PRECEDENT = re.compile(
    r"\b(?:came|comes)\s+(?:(?:just|only|barely|about|nearly|less\s+than|more\s+than)\s+)?"
    r"(?:(?:a|an|one|two|three|four|five|six|several|a\s+few|\d+)\s+(?:days?|weeks?|months?|years?)\s+)?"
    r"(?:after|on\s+the\s+heels\s+of)\s+(?:a|an|another)\b"
    r"|\bfollows\s+(?:a|an|another)\b",
    re.IGNORECASE,
)


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


_COUNT_WORDS: dict[str, int] = {**lexicon.mapping("numbers", "units"), **lexicon.mapping("numbers", "teens"),
                                **lexicon.mapping("numbers", "tens"), **lexicon.mapping("numbers", "vague_low"),
                                "a": 1, "an": 1}
_PAST_UNITS: dict[str, int] = lexicon.mapping("claims_gates", "past_units")
_PAST_DEFAULT = lexicon.mapping("claims_gates", "past_default_count")

# "two weeks ago", "several years earlier", "more than two decades earlier", "last week", "eight months
# after an innocent bystander was killed" (after + an indefinite: another event; "a day after the
# shooting" is the incident's own)
_RELATIVE_PAST = re.compile(
    r"\b(?:(?:more\s+than|nearly|about|almost|over|some|just)\s+)?(?:(?P<n>\d+|"
    + _alternation(_COUNT_WORDS) + r")[\s-]+)?(?P<unit>" + _alternation(_PAST_UNITS) + r")\s+(?:"
    + _alternation(w for w in lexicon.words("claims_gates", "past_relations") if w != "after")
    + r"|after\s+(?:an?|another)\b)\b|\blast\s+(?P<last>week)\b",
    re.IGNORECASE,
)

# "linked to two other murders", "in three other shootings": other incidents
_OTHER_COUNT = re.compile(
    r"\b(?:\d+|" + _alternation(_COUNT_WORDS) + r")\s+other\s+(?:[\w-]+\s+)?(?:"
    + _alternation(lexicon.words("claims_gates", "other_incident_nouns")) + r")\b",
    re.IGNORECASE,
)


_INCIDENT_NOUNS = lexicon.words("claims_gates", "other_incident_nouns")
_ROUNDUP_INCIDENTS = lexicon.words("claims_gates", "roundup_incidents")
_ROUNDUP_WORDS = (lexicon.words("claims_gates", "roundup_nouns")
                  | {w for p in lexicon.words("claims_gates", "roundup_spread") for w in p.split()})
# "in a pair of shootings", "a spate of attacks", "wounded throughout the city"
_ROUNDUP = re.compile(
    r"\b(?:(?:a|an|the|another)\s+(?:[\w-]+\s+)?)?(?:" + _alternation(lexicon.words("claims_gates", "roundup_nouns"))
    + r")\s+of\s+(?:[\w-]+\s+){0,2}?(?:" + _alternation(_ROUNDUP_INCIDENTS) + r")\b"
    r"|\b(?:" + _alternation(_ROUNDUP_INCIDENTS | lexicon.words("claims_gates", "roundup_casualty_words"))
    + r")\s+(?:[\w-]+\s+){0,3}?(?:" + _alternation(lexicon.words("claims_gates", "roundup_spread"))
    + r")\s+(?:the\s+)?(?:[\w-]+\s+)?(?:"
    + _alternation(lexicon.words("claims_gates", "roundup_areas")) + r")\b",
    re.IGNORECASE,
)


# "wounded in shootings across Chicago", "1 dead, 5 hurt in South Side shootings", "in overnight
# stabbings": a casualty word, then "in", 1-3 modifiers and a plural incident noun (not a determiner:
# "in the shootings" and "in a pair of shootings" name the incident(s) otherwise) -- several incidents
_DETERMINERS = lexicon.words("claims_gates", "roundup_plural_stop")
_ROUNDUP_PLURAL = re.compile(
    r"\b(?:" + _alternation(lexicon.words("claims_gates", "roundup_casualty_words")) + r")\b[^.;:]{0,80}?"
    r"\bin\s+(?:(?!(?:" + _alternation(_DETERMINERS) + r")\b)[\w-]+\s+){1,3}?(?:"
    + _alternation(_ROUNDUP_INCIDENTS) + r")\b",
    re.IGNORECASE,
)


# "Violent night in Detroit leaves 2 dead, 8 injured", "2 dead during violent 24 hours in St. Louis",
# "six injured in violent weekend", "during a violent Monday night": a violent stretch of time is a
# round-up of its incidents
_PERIOD_ADJECTIVES = lexicon.words("claims_gates", "roundup_period_adjectives")
_VIOLENT_PERIOD = re.compile(
    r"\b(?:" + _alternation(_PERIOD_ADJECTIVES) + r")\s+(?:" + _WEEKDAYS
    + r"\s+)?(?:(?:\d+|twenty-four|forty-eight)[\s-]+hours?|"
    + _alternation(lexicon.words("claims_gates", "roundup_periods")) + r")\b",
    re.IGNORECASE,
)


def relative_past(text: str, published) -> list[tuple[int, object]]:
    """(position, day) of each past the text states relative to ``published`` ("two weeks ago": 14 days
    before it; "years ago": two years; "last week": 7 days)."""
    out = []
    for m in _RELATIVE_PAST.finditer(text):
        if m.group("last"):
            days = _PAST_UNITS[m.group("last").lower()]
        else:
            unit = m.group("unit").lower()
            n = m.group("n")
            if n is None:
                count = _PAST_DEFAULT["plural" if unit.endswith("s") else "singular"]
            else:
                count = int(n) if n.isdigit() else _COUNT_WORDS.get(re.sub(r"\s+", " ", n.lower()), 1)
            days = count * _PAST_UNITS[unit]
        out.append((m.start(), published - timedelta(days=days)))
    return out


class Scope:
    """Whether the claims of one sentence are about the article's own incident (module
    docstring, "Scope"). ``reference`` is the incident date: event_date, else published."""

    __slots__ = ("other", "compare", "far", "seg", "others_from")

    def __init__(self, seg: Segment, published, event, dates: list[dict] | None = None) -> None:
        self.other = self.compare = False
        if _TEASER.match(seg.text):
            self.other = True  # "0:50 One dead after shooting involving officer": a video of another story
        self.others_from = None  # where "two other shootings" begins: the figures from there on
        self.seg = seg
        self.far: list[tuple[int, bool, object]] = []  # (position in body, another incident's
        # date, the date)
        if seg.words & _OTHER_GATE:
            self.other = _OTHER_INCIDENT.search(seg.text) is not None
            m = _OTHER_COUNT.search(seg.text) if "other" in seg.words else None
            self.others_from = seg.start + m.start() if m else None
            m = _COMPARISON.search(seg.text)
            self.compare = seg.start + m.start() if m else False
        if seg.words & _PRECEDENT_GATE and (m := _PRECEDENT.search(seg.text)) is not None:
            at = seg.start + m.start()  # what follows "came after an attack" is that attack's
            self.compare = at if self.compare is False else min(self.compare, at)
        reference = event or published
        if reference is None or not (seg.words & _DATE_GATE or _has_year(seg.words)):
            return
        slack = BACKGROUND_DAYS if event is not None else BACKGROUND_DAYS_PUBLISHED
        # ``dates``: the sentence's date mentions (char_start into seg.text) from the pipeline's
        # date_mentions frame; found here only when the caller has none
        for m in (dates if dates is not None else find_date_mentions(seg.text, published)):
            d, precision = m["resolved_date"], m["precision"]
            if d is None or m["resolution"].startswith("weekday"):
                continue  # "Monday" is the most recent Monday: too weak to date another incident
            if _DATE_METADATA.search(seg.text, max(0, m["char_start"] - 40), m["char_start"]):
                continue  # "Posted: Saturday, March 2, 2013": the page, not an incident
            if precision == "day":
                far = (reference - d).days > slack
            elif precision == "month":
                nxt = d.replace(year=d.year + (d.month == 12), month=d.month % 12 + 1)
                far = (reference - nxt).days > slack
            else:
                far = d.year < reference.year
            self.far.append((seg.start + m["char_start"], far, d))
        if published is not None:
            for pos, d in relative_past(seg.text, published):
                self.far.append((seg.start + pos, (reference - d).days > slack, d))

    def dated_elsewhere(self, c: Claim):
        """The date that puts the claim before the incident, or None."""
        dates = self.far
        if self.compare is not False:
            dates = [d for d in dates if d[0] < self.compare]
        seg = self.seg
        # "killed Pritchett, 80, who began the company in 1980": a relative clause dates its own; but
        # when the casualty is the clause's ("a 7-year-old girl who was fatally shot there in 2012")
        # the date is the figure's
        dates = [d for d in dates if d[0] < c.end or not _relative_without_casualty(seg.text, c.end - seg.start,
                                                                                      d[0] - seg.start)]
        if not dates:
            return None
        pos, far, d = min(dates, key=lambda x: abs(x[0] - c.start))
        return d if far else None

    def background(self, c: Claim) -> bool:
        if self.other:
            return True
        if self.compare is not False and c.start >= self.compare:
            return True  # "... since 2012, when a gunman killed 12 people"
        if self.others_from is not None and c.start >= self.others_from:
            return True  # "the triple homicide and two other homicides": 2 is other, 3 is the incident's
        # the nearest date outside a comparison dates the figure ("60 dead, the worst since 2004")
        return self.dated_elsewhere(c) is not None


# a line of a video playlist: the clip's length, then its headline ("0:50 One dead after shooting
# involving officer", "1:45 Witness describes shooting of two brothers"); not a clock time ("10:35 p.m.")
_TEASER = re.compile(r"\A\d{1,2}:\d\d[^\S\n]+(?![AaPp]\.?\s?[Mm]\b)(?=[A-Z0-9\"“'‘])")

_RELATIVE = re.compile(r"\b(?:who|whom|whose|which|where)\b", re.IGNORECASE)
_CASUALTY_WORD = re.compile(r"\b(?:" + _alternation(lexicon.words("casualty_predicates", "person_patient_predicates"))
                            + r")\b", re.IGNORECASE)


def _relative_without_casualty(text: str, start: int, end: int) -> bool:
    """A relative pronoun in text[start:end] whose clause (up to end) states no casualty."""
    m = _RELATIVE.search(text, start, end)
    return m is not None and _CASUALTY_WORD.search(text, m.end(), end) is None

_DATE_METADATA = re.compile(r"\b(?:posted|updated?|published|last\s+modified)\b[^.\n]{0,25}\Z",
                            re.IGNORECASE)


def is_aggregate(seg: Segment) -> bool:
    """The sentence is about a period or many incidents ("this year", "so far", "in 6 weekend
    shootings"): its numeric casualty figures are statistics, not the incident's."""
    if seg.words & _ROUNDUP_WORDS and _ROUNDUP.search(seg.text):
        return True
    if seg.words & _ROUNDUP_INCIDENTS and _ROUNDUP_PLURAL.search(seg.text):
        return True
    if seg.words & _PERIOD_ADJECTIVES and _VIOLENT_PERIOD.search(seg.text):
        return True
    if not (seg.words & _AGG_GATE or _has_year(seg.words)):
        return False
    compare = _COMPARISON.search(seg.text) if seg.words & _OTHER_GATE else None
    # "38 died, the deadliest in the country since 2004, when ...": what follows a comparison
    # ("since 2004") is its period, not the sentence's (Scope.background makes the figures after
    # the comparison another incident's)
    # "Floods have killed 45 people across the region since Friday": a storm, a flood, a heatwave
    # spreads over a region and lasts days, so "across" it and "since <weekday>" are the incident's own
    # extent, not a round-up of many incidents
    spread = bool(seg.words & _SPREAD_HAZARDS)
    # "charged with fatally shooting a rider and wounding five of his companions in August", "arrested
    # after a gunfight left a bystander dead and nine people hurt last year": a past month or year
    # dates one incident (a follow-up story's: the date rules of Scope make it the article's own or
    # another's), not a period of many, when the sentence names one incident or the case against its
    # suspect and no incidents in the plural, and does not open on the time
    one = None
    for m in _AGGREGATE.finditer(seg.text):
        if compare is not None and m.start() >= compare.start():
            continue
        if spread and (m.group("across") or m.group("since_day")):
            continue
        if spread and m.group(0).lower().startswith("since") and _SINCE_HAZARD.match(seg.text, m.end()):
            continue  # "since the start of the monsoon": the hazard's own extent, not a year's
        if any(m.group(g) for g in ("when", "when_m", "when_y", "when_ly")) and seg.text[:m.start()].strip():
            # (not a sentence that opens on the time: "Last year, four men were wounded on the same block")
            if one is None:
                one = _ONE_INCIDENT.search(seg.text) is not None and _PLURAL_INCIDENTS.search(seg.text) is None
            if one:
                continue
        return True
    return False


# one incident: "a gunfight", "the June 15 shooting", "a man who fatally shot", a case against its suspect
# ("charged with", "accused of", "indicted"); not "the murder rate"; several: "shootings", "homicides",
# "people have been shot"
_ONE_INCIDENT = re.compile(
    r"\b(?:(?:a|an|the|that)\s+(?:[\w'’.-]+\s+){0,3}?(?:" + _alternation(lexicon.words("claims_gates", "single_incident_nouns"))
    + r")(?![\w-])(?!\s+(?:rate|rates|count|numbers?|totals?|statistics)\b)|"
    + _alternation(lexicon.words("claims_gates", "case_words")) + r")\b"
    r"|\bwho\s+(?:(?:allegedly|fatally|reportedly)\s+)?(?:shot|killed|murdered|stabbed)\b",  # "a student who fatally shot"
    re.IGNORECASE)
_PLURAL_INCIDENTS = re.compile(
    r"\b(?:" + _alternation(lexicon.words("claims_gates", "roundup_incidents"))
    + r")\b|\b(?:have|has)\s+been\s+(?:shot|killed|wounded|injured)\b", re.IGNORECASE)
