"""Whether a claim is about the article's own incident (is_background): aggregates, other incidents, comparisons, dates elsewhere."""

from __future__ import annotations

import re

from transforms import lexicon
from transforms.dates import find_date_mentions
from transforms.claims.model import Claim, Segment


_AGG_GATE = lexicon.words("claims_gates", "aggregate") | lexicon.words("time_words", "months")


def _has_year(words: set) -> bool:
    return any(len(w) == 4 and w[:2] in ("19", "20") and w.isdigit() for w in words)


_AGGREGATE = re.compile(
    r"\b(?:this\s+year|last\s+year|so\s+far|since\s+(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December|\d{4}|the\s+start|the\s+beginning)|"
    r"year\s+to\s+date|annually|per\s+year|a\s+year|each\s+year|every\s+year|in\s+the\s+past\s+"
    r"(?:\d+|few|several|24|two|three)?\s*(?:hours|days|weeks|months|years)|"
    r"over\s+the\s+(?:past|last)\s+\w+|(?<!earlier\s)this\s+month|last\s+month|nationwide|statewide|"
    r"in\s+(?:19|20)\d\d|for\s+the\s+year|in\s+a\s+(?:given\s+)?(?:month|year)|"
    r"in\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)(?!\s+\d)|since\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"(?:shootings|incidents|homicides|violence|attacks|killings|murders|killed|dead|wounded|"
    r"injured|shot|hurt)\s+(?:[\w-]+\s+){0,3}?across\s+(?:the\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:city|state|country|region|nation|boroughs|county|area|metro)|citywide|"
    r"(?:hour|day|week|month)s?\s+(?:span|period|stretch)|"
    r"(?:span|period|stretch)\s+(?:of\s+(?:about\s+|nearly\s+|just\s+)?(?:\d+|a|an|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|several|a\s+few)\s+(?:hours|days|weeks)|in\s+which|"
    r"during\s+which)|"
    r"in\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|multiple|separate|"
    r"unrelated|other|weekend|overnight|(?:\w+\s+)?weekend)\s+(?:[\w-]+\s+){0,3}"
    r"(?:shootings|incidents|attacks)|in\s+separate\s+\w+|"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|multiple)\s+"
    r"(?:(?!(?:in|at|on|of|from|during|after|and|or|people|persons|dead|killed|injured|wounded|"
    r"hurt|were|was|are|is)\b)[\w-]+\s+){0,3}?"
    r"(?:shootings|incidents|attacks)(?!\s+(?:of|on|at|in)\s+(?:the|a|an|his|her)\b))\b",
    re.IGNORECASE,
)

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
    r"(?:not\s+(?:believed\s+to\s+be\s+)?(?:connected|related|linked)|unrelated))\b",
    re.IGNORECASE,
)

# "one of the deadliest attacks since the 2004 Beslan siege": the comparison names another event
_COMPARISON = re.compile(
    r"\b(?:deadliest|worst|bloodiest|largest|biggest|most\s+(?:deadly|violent|lethal))\b"
    r"(?:\s+[\w,.'’-]+){0,8}?\s+(?:since|in\s+(?:the\s+)?(?:U\.?S\.?|American|nation|nation's|"
    r"country|country's|state|state's|city|city's|modern|recent)\b)",
    re.IGNORECASE,
)

_OTHER_GATE = lexicon.words("claims_gates", "other_incident")


class Scope:
    """Whether the claims of one sentence are about the article's own incident (module
    docstring, "Scope"). ``reference`` is the incident date: event_date, else published."""

    __slots__ = ("other", "compare", "far", "seg")

    def __init__(self, seg: Segment, published, event, dates: list[dict] | None = None) -> None:
        self.other = self.compare = False
        self.seg = seg
        self.far: list[tuple[int, bool, object]] = []  # (position in body, another incident's
        # date, the date)
        if seg.words & _OTHER_GATE:
            self.other = _OTHER_INCIDENT.search(seg.text) is not None
            m = _COMPARISON.search(seg.text)
            self.compare = seg.start + m.start() if m else False
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

    def dated_elsewhere(self, c: Claim):
        """The date that puts the claim before the incident, or None."""
        dates = self.far
        if self.compare is not False:
            dates = [d for d in dates if d[0] < self.compare]
        seg = self.seg
        # "killed Pritchett, 80, who began the company in 1980": a relative clause dates its own
        dates = [d for d in dates if d[0] < c.end or not _RELATIVE.search(
            seg.text, c.end - seg.start, d[0] - seg.start)]
        if not dates:
            return None
        pos, far, d = min(dates, key=lambda x: abs(x[0] - c.start))
        return d if far else None

    def background(self, c: Claim) -> bool:
        if self.other:
            return True
        if self.compare is not False and c.start >= self.compare:
            return True  # "... since 2012, when a gunman killed 12 people"
        # the nearest date outside a comparison dates the figure ("60 dead, the worst since 2004")
        return self.dated_elsewhere(c) is not None


_RELATIVE = re.compile(r"\b(?:who|whom|whose|which|where)\b", re.IGNORECASE)

_DATE_METADATA = re.compile(r"\b(?:posted|updated?|published|last\s+modified)\b[^.\n]{0,25}\Z",
                            re.IGNORECASE)


def is_aggregate(seg: Segment) -> bool:
    """The sentence is about a period or many incidents ("this year", "so far", "in 6 weekend
    shootings"): its numeric casualty figures are statistics, not the incident's."""
    return bool((seg.words & _AGG_GATE or _has_year(seg.words)) and _AGGREGATE.search(seg.text))
