"""The date (and time) of the reported incident, chosen among an article's mentions.

Incident date (``event_dates``, one row per article)
---------------------------------------------------
Candidates are the article's day-precision mentions resolved on or before the
published date P: relative ones (weekdays, yesterday, N days ago) within 31 days
of P, calendar dates (with or without a year) within 400 days; any resolved day
mention when P is NULL.
Only calendar mentions are candidates (resolution not 'timex:...': no time of
day alone, duration or "two days later"); a generic "today" is PRESENT_REF.
Page metadata is never a candidate ("Posted:", "Updated:", a date followed by a
clock time or a closing parenthesis). Each candidate gets a tier from its
sentence (see ``_tier``):

  5  the day names the incident: an incident noun right after it, after at most
     two modifiers, possessive or after a determiner ("Sunday night's shooting",
     "Monday's gas explosion", "the May 25 fatal shooting"): the incident's day
     even in a follow-up story;
  4  an incident word (shot, shooting, killed, gunfire, wounded, and the other
     kinds: explosion, blast, fire, quake, flood, collapsed, capsized, ...) within
     80 characters (about a dozen words): "was shot Saturday", "the Aug. 12 shooting";
  3  an incident word elsewhere in its sentence;
  2  only a weak cue in the sentence (died, found, happened, incident, ...);
  1  an incident word, but a follow-up word right before the mention, for what
     happened after the incident: "police said Monday", "was arrested Tuesday",
     "in court Thursday", "died Friday" (the death often follows the shooting),
     a victim's later state ("in critical condition Tuesday", "still in the
     hospital Wednesday"), the search and the court ("before a judge Monday");
  0  none.

The highest tier wins; within a tier a date in the last 31 days beats an older
one (an old dated mention is usually an earlier, other incident), then the
first mention in the text wins (the lede reports the incident).
event_date_source names the winner's kind: 'relative_weekday' (a weekday),
'relative_phrase' (yesterday, last night, N days ago, ...), 'absolute_in_text'
(a full or year-less calendar date), 'event_context' (a year-less date dated by
``resolve_with_event_context``). Without a candidate: published_date
('published_date_fallback'), else NULL ('none'). After events are clustered,
an article still without a date takes its event's date ('event_of_cluster',
set in transforms/pipeline.finalize).

Measured with tools/dev_dates.py on gva_dev (300 US shooting reports, GVA gold
incident dates); the error classes left are listed in that script's docstring.
"""

from __future__ import annotations

import re
from datetime import date

import polars as pl

from transforms import lexicon
from transforms.dates.mentions import _PART_CODE
from transforms.dates.patterns import _METADATA_BEFORE
from transforms.dates.schema import EVENT_DATE_SCHEMA


def _cue_words(key: str) -> str:
    """The lexicon list ``date_cues.<key>`` as a regex alternation; a space matches any whitespace."""
    items = sorted(lexicon.words("date_cues", key), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


# the incident itself: a sentence with one of these is about the shooting
_INCIDENT_CUE = re.compile(r"\b" + _cue_words("incident_cues") + r"\b", re.IGNORECASE)
_WEAK_CUE = re.compile(r"\b" + _cue_words("weak_cues") + r"\b", re.IGNORECASE)
# what happened after: "said Monday", "arrested Tuesday", "in court Thursday"
_FOLLOW_UP_BEFORE = re.compile(r"\b" + _cue_words("follow_up_words") + r"\b[^.!?\n]{0,25}\Z", re.IGNORECASE)
# a sentence ends at . ! ? (not after an initial, a.m., Mr., St., Ave., ...) or a line break
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Za-z])(?<!\b(?:Mr|Ms|St|Jr|Sr|Dr|No))(?<!\b(?:Mrs|Ave|Gov|Sgt|Det))[.!?](?=\s)|\n"
)
# "Sunday night's blast", "the May 25 fatal shooting": matched right after the mention (tier 5); without
# the possessive only after a determiner ("On Tuesday shooting stars ..." is not)
_INCIDENT_NP = r"\s+(?:" + _cue_words("incident_noun_modifiers") + r"\s+){0,2}" + _cue_words("incident_nouns") + r"\b"
_NAMES_INCIDENT = re.compile(r"(?:'s|\u2019s)" + _INCIDENT_NP, re.IGNORECASE)
_NAMES_INCIDENT_BARE = re.compile(_INCIDENT_NP, re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(r"\b" + _cue_words("incident_noun_determiners") + r"\s+\Z", re.IGNORECASE)
_TIMESTAMP_AFTER = re.compile(r"\A,?\s*\d{1,2}:\d{2}\b|\A\)")
_NEAR_CHARS = 80  # about a dozen words
_WINDOW_DAYS = 31  # relative mentions; a calendar date may be older
_WINDOW_DAYS_DATED = 400


def _sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 400)
    s = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        s = m.end()
    m = _SENTENCE_END.search(text, end, end + 400)
    return s, (m.end() if m else min(len(text), end + 400))


def _source(resolution: str) -> str:
    if resolution == "year_from_event":
        return "event_context"
    if resolution.startswith("weekday"):
        return "relative_weekday"
    if resolution == "relative_to_published":
        return "relative_phrase"
    return "absolute_in_text"


def _tier(text: str, m: dict) -> int:
    """How surely a mention dates the incident itself, 0-5 (the module docstring's tiers)."""
    start, end = m["char_start"], m["char_end"]
    if _NAMES_INCIDENT.match(text, end) or (
            _NAMES_INCIDENT_BARE.match(text, end) and _DETERMINER_BEFORE.search(text, max(0, start - 12), start)):
        return 5
    s, e = _sentence_span(text, start, end)
    follow_up = bool(_FOLLOW_UP_BEFORE.search(text, s, start))
    near = _INCIDENT_CUE.search(text, max(s, start - _NEAR_CHARS), min(e, end + _NEAR_CHARS))
    if near or _INCIDENT_CUE.search(text, s, e):
        return 1 if follow_up else (4 if near else 3)
    if _WEAK_CUE.search(text, s, e) and not follow_up:
        return 2
    return 0


def event_date(text: str, published: date | None, mentions: list[dict]) -> tuple[date | None, str]:
    """The incident date of one article from its mentions: (event_date, event_date_source)."""
    best = None
    for m in mentions:
        d = m["resolved_date"]
        if d is None or m["precision"] != "day" or (m["resolution"] or "").startswith("timex:"):
            continue  # calendar mentions only: times, anaphora ("two days later") are not candidates
        if published is not None:
            dated = m["resolution"] in ("absolute", "year_from_published")
            window = _WINDOW_DAYS_DATED if dated else _WINDOW_DAYS
            if not 0 <= (published - d).days <= window:
                continue
        before = text[max(0, m["char_start"] - 40):m["char_start"]]
        after = text[m["char_end"]:m["char_end"] + 12]
        if _METADATA_BEFORE.search(before) or (
            not m["is_relative"] and _TIMESTAMP_AFTER.match(after)
        ):
            continue  # "Posted: Friday, January 31, 2014 10:21 AM", "(Nov. 2)"
        tier = _tier(text, m)
        old = published is not None and (published - d).days > _WINDOW_DAYS
        key = (-tier, old, m["char_start"])
        if best is None or key < best[0]:
            best = (key, d, _source(m["resolution"]))
    if best is not None:
        return best[1], best[2]
    if published is not None:
        return published, "published_date_fallback"
    return None, "none"


def event_time(text: str, mentions: list[dict], day: date | None) -> str | None:
    """The incident's time of day on ``day`` as the text gives it: "21:40" (a clock time)
    or a TimeML part of the day ("MO", "AF", "EV", "NI"); None when the text gives none.

    Candidates: TIME mentions valued on ``day`` ("9:40 p.m. Friday", "last night") and day
    mentions of ``day`` that name a part of the day ("Friday night"); the one in the
    sentence most surely about the incident (``_tier``) wins, then the first.
    """
    if day is None:
        return None
    iso = day.isoformat()
    parts = lexicon.mapping("timex_words", "parts_of_day")
    best = None
    for m in mentions:
        value = m.get("timex_value") or ""
        if m.get("timex_type") == "TIME" and value.startswith(iso + "T"):
            when = value.split("T", 1)[1]
        elif m["resolved_date"] == day and m["precision"] == "day" and _PART_CODE.search(m["surface"]):
            when = parts[_PART_CODE.search(m["surface"]).group(1).lower()]
        else:
            continue
        key = (-_tier(text, m), m["char_start"])
        if best is None or key < best[0]:
            best = (key, when)
    return best[1] if best else None


def event_dates(articles: pl.DataFrame, mentions: pl.DataFrame) -> pl.DataFrame:
    """articles[article_id, published_date, body_clean] + their date mentions -> one row per
    article: article_id, event_date, event_date_source (rule in the module docstring).

    body_clean feeds the incident-word scoring; articles without it (a frame of
    already-loaded article state) are scored as if no sentence had a cue.
    """
    by_article: dict[str, list[dict]] = {}
    for m in mentions.sort("article_id", "char_start").iter_rows(named=True):
        by_article.setdefault(m["article_id"], []).append(m)
    if "body_clean" not in articles.columns:
        articles = articles.with_columns(body_clean=pl.lit(None, pl.String))
    rows = []
    for art in articles.select("article_id", "body_clean", "published_date").iter_rows(named=True):
        text, ms = art["body_clean"] or "", by_article.get(art["article_id"], [])
        d, source = event_date(text, art["published_date"], ms)
        when = event_time(text, ms, d) if source != "published_date_fallback" else None
        rows.append({"article_id": art["article_id"], "event_date": d, "event_date_source": source,
                     "event_time": when})
    return pl.DataFrame(rows, schema=EVENT_DATE_SCHEMA)
