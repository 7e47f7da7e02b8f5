"""Articles clustered into incidents (events), global over every article in the warehouse.

Pure: Polars frames in, frames out; no body text needed (the warehouse state the
flow reads has none).

Evidence between two articles (``pair_evidence``)
------------------------------------------------
- Shared entities, each weighted by its rarity, idf = ln(1 + max(N, 1000) /
  articles naming it) (a small warehouse cannot tell what is common), times a
  type weight (FAC venue and PERSON 1.5, GPE/LOC 1.0, ORG 0.7,
  EVENT/PRODUCT/WORK_OF_ART 0.5, NORP 0.3): the score S. Hospitals, courts,
  jails, stations (by name) serve many incidents and weigh 0. Entities named
  by more than max(20, 2% of N) articles (a country, a big city's police) add
  to S but never make two articles candidates: candidate pairs come from an
  inverted index of the other entities (blocking), so the cost follows the
  pairs that share something rare, not N^2.
- "Anchor": a shared venue (FAC that is not a hospital, court, ..., nor a
  street: events.yaml street_endings, "Hays Avenue" is a place) or a
  shared full person name (two words or more), not common, and not an
  official: a person either text names with an official's or reporter's
  title or role (incident_evidence ``official:`` keys, "Police Chief Jane
  Doe", "Ann Lee, a spokeswoman for") weighs OFFICIAL_WEIGHT of its weight
  and is never an anchor (officials recur across a city's incidents); so does
  a person either text names only in background (``background:`` keys: "In a
  separate shooting last month, Jane Doe ...", a report of another incident
  recalling her in passing). A
  shared person either text names as a victim or suspect (``name:`` keys)
  and neither as an official is a victim anchor (n_victims). "Place": a shared
  GPE/LOC/FAC other than a US state. anchor_df: how many articles name the
  rarest shared anchor.
- One venue under two names (venue_groups) is one entity: the same
  distinctive part with generic heads of one kind (events.yaml venue_heads:
  "Bunny Friend Park" and "Bunny Friend Playground"; not "Lincoln Park" and
  "Lincoln High School"), and a bare FAC/ORG name a text gives with the full
  one ("Pulse" in a report of the "Pulse Nightclub"); a FAC if one of them is.
  Not when many reports name it as a city, a neighbourhood or a person.
  So is a person named with a quoted nickname and without ('Shawn "Shooter"
  Ruffin', Shawn Ruffin), with and without a generational suffix, a middle name or an age glued
  to the name ("Luis Ortega Jr.", "Luis A. Ortega", "Luis Ortega,19"; not "Luis Ortega Sr." and "Luis Ortega
  Jr.", father and son): person_groups.
- One place under two spellings is one entity (place_variants, place_key): "Mt. Oliver" and "Mount Oliver",
  "Ft. Riley" and "Fort Riley" (events.yaml place_word_forms), "Bourbon St." and "Bourbon Street" (a street's
  ending in full, without a trailing quadrant: "Stanton Road SE"), and "Fort Riley" as a FAC in one text and a
  GPE in another (the GPE/LOC's id is kept: no venue anchor).
- An organisation named by a place names that place too (place_groups): a police, sheriff or fire agency
  ("Hialeah police", "Marion County Sheriff's Office"; events.yaml agency_heads) or an ORG of a place's very
  name that at least as many articles call a place ("Hialeah" ORG and GPE; not "Walmart"): "Hialeah police said" and "in Hialeah" share a place. The ORG keeps its own
  weight; a US state is no place.
- Title overlap: shared content words of the titles / words of the shorter
  title (crime-report boilerplate such as "shot", "killed", "police" dropped).
- Similar claims: the same largest killed and injured figures (both > 0) add 1.
- Dates: an article's date is its event_date when the text gave it, else its
  published_date (an upper bound of the incident's date), else unknown; days =
  the distance of the two dates. A day the title names up to 183 days before the article's date and before
  that date is the article's date, as a text-given one (``title_day``: "Man hurt in Jan. 5 blast dies";
  not a day after the article's, not in a title looking back a year: events.yaml anniversary_title_words).
- Refers back: one article's text names a day (a day-precision date mention)
  within 1 day of the other's date, and the two are more than a day apart (a
  follow-up: "the March 9 shooting"); not a day that only opens a passage recalling an earlier incident
  (incident_evidence ``recalled:`` keys: "On Nov. 1, an 11-year-old was killed ..." in a December report).
- n_anchors: how many anchors the two share (victims', suspects' names, venues).

- Ages: the victims' ages the titles give ("girl, 5", "16-year-old"; "6-month-old" as "6 month");
  figures equal: the same largest killed and injured figures.
- Titles lose an outlet suffix ("Headline - WAFB 9 News ...") before overlap.

Two articles are linked when (docs/EVENTS.md)
  - a victim anchor and a shared place, whatever their dates, unless the titles give different victims'
    ages (a follow-up about the same victim or suspect; a strong link);
  - two people both texts name as victims or suspects (``name:`` keys), whatever their dates and with or
    without a shared place, unless the titles give different victims' ages (a strong link);
  - a bare surname in one text ("Tomman") and a victim or suspect of that surname named in full in the other
    (a ``name:`` key), a rare surname that neither text uses as a first name or a place word, in a shared
    place, whatever their dates, unless the titles give different victims' ages (a strong link:
    ``_surname_follow_up``);
  - a follow-up, whatever their dates: 3 anchors or more (a trial or
    sentencing report months later names the victim and the suspects); or 2
    anchors and equal figures; or a shared place, the same title age, S >= 10
    and a reference back / 2 anchors / an anchor and equal figures; or a shared
    place, a reference back, a title overlap and S >= 10; or a shared place, a reference back and S >= 20,
    unless the titles give different victims' ages;
  - they share no place: only when days <= 1 and S >= 15;
  - otherwise (a shared place), with days taken as 0 when one refers back to
    the other and they share an anchor:
    - days <= 2 (7 when one date is only a published date), an anchor, S >= 12;
    - days <= 1 and fewer than 2 anchors: different title ages (and different
      figures) keep them apart; the same title age, or equal figures with a
      title overlap, or equal figures of MIN_CASUALTIES_SAME_DAY people or more (killed plus injured) with no
      titles' or texts' ages against them, link them;
    - days <= 1 and S >= 12, or S >= 4 with a title overlap >= 0.25;
    - days <= 30, an anchor named by no other article and S >= 25;
    - a date is unknown, an anchor and S >= 12;
    - days <= 7 and S >= 25 (much in common without an anchor), or the texts name the same street and
      the same ages.
  - from the texts' keys (``articles.incident_keys``, transforms/incident_evidence.py; docs/EVENTS.md):
    the same block, street, hour, age and named person, compared by ``body_evidence``; same-day rules in
    ``_body_link``; a block or street both texts name counts as a shared place when they share an anchor
    (the NER missed the city in one text); a shared block within 2 (7) days, or whatever the dates with a place and 3 shared ages (a strong link); a named person within 2 days, 7 with the same age (place or not), or 30 with a place, or months later with
    the same age or a reference back (a strong link). The texts' ages, none in common, count as the titles'
    different ages without an anchor, unless alike titles or S >= 12 (texts not apart) outweigh them
    (``_ages_outweighed``). Titles giving different ages are not apart when both texts give all of them
    (``_texts_give_both``: a suspect's and a victim's titles of one incident).
Links are applied strongest first (union-find) with two guards:
  - a link that would make a cluster's known dates span more than 30 days is
    refused, unless it is a strong link (a follow-up, or an anchor and a
    reference back), which may span up to 5 years; a link between titles giving
    different victims' ages is not strong (unless 3 anchors are shared); a
    lone report dated within a day of the event's earliest date (the
    incident's day: a report of the incident itself, whatever follow-ups made
    the event span) joins by any link, unless its title gives other ages than
    all the event's titles; so does a group of that day's reports (its dates within a day);
  - two clusters of two or more articles merge only when at least 30% of the
    article pairs across them are linked (average linkage), so a round-up
    naming two incidents cannot glue them together, and never when both
    clusters' titles give victims' ages and none in common ("girl, 3" and
    "6-month-old": a report recalling another child bridges two events);
  - a round-up (a title reporting several incidents, events.yaml
    round_up_title_words) joins at most one event, by its strongest link, and
    never bridges a report of another incident into it.
Then an article left on its own joins an event of two or more articles when it
has support links to at least 2 of them and 30% of them (``attach_supported``):
a support link is a shared place, days <= 1, S >= 8 and no title ages against it,
too little for a link by itself but several members backing it are evidence; the
texts' ages are compared with the whole event's (the report's ages, if any, include
one of the event's); never a round-up, never beyond the 30-day span.
Thresholds were tuned on gva_bench (gold incident ids) and checked on gva_dev
and the seeds (tools/dev_events.py re-clusters an extracted database).

Events
------
- event_id: an event keeps its id when articles join it (``carry_ids``): each
  previous id goes to the new cluster holding most of its articles (ties: the
  older event, then the smaller id), one per cluster; a cluster without one
  gets first 16 hex of sha256("event|" + smallest article_id), salted while that
  id was ever used. ``id_history`` records merges, splits and removals
  (event_id_history). Rules in docs/EVENTS.md. Every article has an event.
- event_date: the most common event_date the text gave (event_date_source not
  a fallback), ties to the earliest; without one, the earliest published /
  fallback date (a report is published on or after its incident).
- event_time: the most common articles.event_time (ties: the smallest) among
  the articles whose event_date equals the event's; NULL when none gives one.
- location_entity_id: the most specific place named by most articles: a venue
  (FAC named by at least half of the articles, and twice when the event has
  one article; hospitals, courts and jails are not venues), else the GPE named
  by most articles (US states rank last, then the places named by more
  articles corpus-wide, a country or a region, rank after the rarer city).
- label: "<venue>, <place>, <event_date>" with the parts that exist
  ("Crocus City Hall, Moscow, 2024-03-22"), else the earliest title.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date

import polars as pl

from transforms import incident_evidence, lexicon
from transforms.claims.choice import choose
from transforms.entities import STATE_KEYS, name_key
from transforms.ids import UnionFind, stable_id

EVENT_SCHEMA: dict[str, pl.DataType] = {
    "event_id": pl.String,
    "label": pl.String,
    "event_date": pl.Date,
    "event_time": pl.String,
    "location_entity_id": pl.String,
    "article_count": pl.Int32,
    "first_published": pl.Date,
    "last_published": pl.Date,
}
ASSIGNMENT_SCHEMA: dict[str, pl.DataType] = {"article_id": pl.String, "event_id": pl.String}

TYPE_WEIGHT = {"FAC": 1.5, "PERSON": 1.5, "GPE": 1.0, "LOC": 1.0, "ORG": 0.7, "EVENT": 0.5,
               "PRODUCT": 0.5, "WORK_OF_ART": 0.5, "NORP": 0.3}
PLACE_TYPES = ("GPE", "LOC", "FAC")
FALLBACK_SOURCES = ("published_date_fallback", "none")
MAX_DAYS_EVENT = 2  # two text-given event dates of one incident
MAX_DAYS_PUBLISHED = 7  # when a date is only a published date
MAX_DAYS_FOLLOW_UP = 30  # a follow-up report naming the same otherwise unnamed person or venue
MAX_SPAN_DAYS = 30  # known dates of one cluster (strong links may exceed it)
SAME_START_DAYS = 1  # a lone report dated this close to an event's earliest date may join it beyond MAX_SPAN_DAYS
MAX_STRONG_SPAN_DAYS = 5 * 366  # a follow-up (trial, sentencing) may come years later
MIN_SCORE_SUPPORT = 8.0  # a support link: the same place and day and this much in common (attach_supported)
MIN_SUPPORT, SUPPORT_SHARE = 2, 0.3  # support links to this many articles of an event, and this share of them
MIN_NAMES_ANY_PLACE = 2  # this many people both texts name as victims or suspects: a follow-up, place or not
MIN_AGES_BLOCK = 3  # the same block and this many of the same ages: a follow-up however late
MIN_LINKAGE = 0.3  # two clusters of 2+ articles merge only when this share of their article pairs is linked
MAX_DAYS_REFERRED = 1  # a day-precision date mention this close to the other article's date refers back to it
MIN_ANCHORS_ANY_DATE = 3  # this many shared rare full names / venues: one incident however far apart the reports
PRIOR_ARTICLES = 1000  # idf counts at least this many articles: a small warehouse cannot tell what is common
COMMON_MIN_DF, COMMON_SHARE = 20, 0.02  # an entity named by more articles than this is common
MIN_SCORE_ANCHORED = 12.0
MIN_SCORE_SAME_DAY = 12.0
MIN_SCORE_SAME_DAY_TITLE, MIN_TITLE_OVERLAP = 4.0, 0.25
MIN_SCORE_UNDATED = 12.0
MIN_SCORE_NO_PLACE = 15.0
MIN_SCORE_REFERRED_TITLE = 10.0
MIN_SCORE_REFERRED = 20.0  # a shared place, the other report's day named, and this much in common: a follow-up
MIN_SCORE_FOLLOW_UP = 25.0
MIN_SCORE_SAME_WEEK = 25.0  # a shared place within a week and this much in common: one incident without an anchor
MIN_CASUALTIES_SAME_DAY = 3  # the same killed and injured figures, this many in all, the same day in a shared place: one incident
OFFICIAL_WEIGHT = 0.5  # an official's name (a chief, a spokeswoman, a reporter) in either text: its weight times this
NAME_SCORE = 3.0
MIN_TITLE_WORDS_AGES, MIN_TITLE_OVERLAP_AGES = 2, 0.5  # titles this alike: the texts' other ages do not part them
MIN_SCORE_AGES = 12.0  # this much in common (and texts not apart): the texts' other ages do not part two reports
MAX_SURNAME_DF, MIN_SURNAME_CHARS = 4, 3  # a bare surname matches a victim's or suspect's when this rare
PASSING_ROLES = ("official", "background")  # a person either text names in one of these roles is never an anchor
_NOT_ANCHOR = re.compile(r"(?i)\b" + lexicon.alternation("events", "not_anchor_words") + r"\b")
_STREET = re.compile(r"(?i)\b" + lexicon.alternation("events", "street_endings") + r"\b\.?$")
_NOT_VENUE = re.compile(r"(?i)\b" + lexicon.alternation("events", "not_venue_endings") + r"\b\.?$")


_VENUE_HEADS = lexicon.mapping("events", "venue_heads")
_VENUE_LEAD_HEADS = lexicon.words("events", "venue_lead_heads")
_VENUE_JOINERS = frozenset({"and", "&", "n"})
_NAME_SUFFIXES = lexicon.words("events", "name_suffixes")
VENUE_BARE_TYPES = ("FAC", "ORG")  # a bare name ("Pulse") joins a venue of its name only with one of these types
VENUE_TYPES = ("FAC", "ORG", "GPE", "LOC")  # a name with a venue head is a venue whatever the NER called it
MIN_PLACE_DF_NOT_VENUE = 3  # a name this many articles give a city, a neighbourhood or a person is no venue's


def venue_key(name: str | None) -> tuple[tuple[str, ...], str | None]:
    """A venue's name -> (its distinctive words, the kind of its generic head, None when it has none):
    "Pulse Nightclub" and "Club Pulse" -> (("pulse",), "nightlife"), "the Bunny Friend Playground" ->
    (("bunny", "friend"), "outdoors"), "Pulse" -> (("pulse",), None) (events.yaml venue_heads)."""
    words = [w for w in re.sub(r"[\u2019'.]", "", (name or "").lower()).replace("-", " ").split() if w]
    if words and words[0] == "the":
        words = words[1:]
    kind = None
    while len(words) > 1:  # heads at the end, of the last one's kind ("Pub & Grill"; "Lincoln Park High School":
        last = words[-1]      # a school, of "lincoln park")
        if last in _VENUE_HEADS and kind in (None, _VENUE_HEADS[last]):
            kind = _VENUE_HEADS[last]
        elif not (kind and last in _VENUE_JOINERS):
            break
        words.pop()
    while kind is None and len(words) > 1 and words[0] in _VENUE_LEAD_HEADS:
        kind = _VENUE_HEADS[words[0]]
        words.pop(0)
    return tuple(words), kind


def venue_groups(info: dict[str, tuple[str, str, int]], named_by: dict[str, set] | None = None) -> dict[str, str]:
    """entity_id -> the id of the venue it names, for entities naming one venue under different names: the
    same distinctive part with heads of one kind ("Bunny Friend Park", "Bunny Friend Playground"), and a
    bare FAC/ORG name ("Pulse") when one text names it and the venue in full ("Pulse Nightclub"): the
    text's short name for the venue. ``named_by``: entity_id -> the articles naming it. Not when the name
    is a city's, a neighbourhood's or a person's that MIN_PLACE_DF_NOT_VENUE articles name ("Oak Park",
    "Lincoln": "Lincoln Park" and "Lincoln Playground" may be two parks). Only entities that change."""
    named_by = named_by or {}
    headed: dict[tuple, list[str]] = defaultdict(list)
    bare: dict[tuple, list[str]] = defaultdict(list)
    common: set[tuple] = set()
    for e, (name, etype, _) in info.items():
        words, kind = venue_key(name)
        if not words or _STREET.search(name or "") or _NOT_ANCHOR.search(name or ""):
            continue
        if etype in ("GPE", "LOC", "PERSON") and len(named_by.get(e, ())) >= MIN_PLACE_DF_NOT_VENUE:
            common.add(words)  # a place or a person many reports name
        elif kind is not None and etype in VENUE_TYPES:
            headed[(words, kind)].append(e)
        elif kind is None and etype in VENUE_BARE_TYPES:
            bare[words].append(e)
    out = {}
    for (words, kind), members in headed.items():
        if words in common:
            continue
        in_full = set().union(*(named_by.get(e, set()) for e in members))
        members = members + [e for e in bare.get(words, []) if named_by.get(e, set()) & in_full]
        if len(members) > 1:
            canon = min(members)
            out.update({e: canon for e in members if e != canon})
    return out


_NICKNAME = re.compile(r"\s*[\"\u201c\u201d][^\"\u201c\u201d]*[\"\u201c\u201d]\s*")
_TRAILING_AGE = re.compile(r"[\s,]+\d{1,3}$")  # "Jimmy Lyons,32", "Jane Doe 23": an age glued to the name


def person_parts(name: str | None) -> tuple[str, tuple[str, ...], str, str] | None:
    """A person's name -> (first, middle names, last, generational suffix), lower case, without a quoted nickname
    or an age glued to it: 'Shawn "Shooter" Ruffin' -> ("shawn", (), "ruffin", ""), "Luis A. Ortega Jr." ->
    ("luis", ("a",), "ortega", "jr"), "Jimmy Lyons,32" -> ("jimmy", (), "lyons", ""); None for a single word
    ("Thomas Jr.") or a name with digits left ("NBC10 Staff")."""
    key = name_key(_TRAILING_AGE.sub("", _NICKNAME.sub(" ", name or "")).strip())
    words = key.split()
    suffix = words.pop() if len(words) > 1 and words[-1] in _NAME_SUFFIXES else ""
    if len(words) < 2 or not all(w.isalpha() for w in words) or len(words[0]) < 2 or len(words[-1]) < 2:
        return None
    return words[0], tuple(words[1:-1]), words[-1], suffix


def _same_person(a: tuple, b: tuple) -> bool:
    """Two names of one first and last name that may be one person: the same generational suffix or one
    without ("John Roe Jr." and "John Roe"; not "John Roe Sr." and "John Roe Jr.": father and son), and
    middle names that agree, or one without, or an initial of the other's ("Ann M. Lee", "Ann Marie Lee")."""
    if a[3] and b[3] and a[3] != b[3]:
        return False
    ma, mb = a[1], b[1]
    agree = lambda x, y: x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))  # noqa: E731
    return not (ma and mb) or (len(ma) == len(mb) and all(agree(x, y) for x, y in zip(ma, mb)))


def person_groups(info: dict[str, tuple[str, str, int]]) -> dict[str, str]:
    """entity_id -> the id of the person it names under another form of the name: with or without a quoted
    nickname ('Shawn "Shooter" Ruffin', Shawn Ruffin: a court report gives the nickname, the first reports do
    not), a generational suffix ("Luis Ortega Jr.", "Luis Ortega"), a middle name or initial ("Luis A. Ortega")
    or an age glued to it ("Luis Ortega,19": a text's punctuation lost). The names of one first and last name
    join only when every two of them may be one person (``_same_person``): with "John Roe Sr." and "John Roe
    Jr." both named, a bare "John Roe" could be either, so none of the three joins. Only entities that change."""
    by_name: dict[tuple[str, str], list[tuple[str, tuple]]] = defaultdict(list)
    for e, (name, etype, _) in info.items():
        parts = person_parts(name) if etype == "PERSON" else None
        if parts is not None:
            by_name[(parts[0], parts[2])].append((e, parts))
    out = {}
    for members in by_name.values():
        if len(members) < 2 or not all(_same_person(x[1], y[1]) for i, x in enumerate(members)
                                       for y in members[i + 1:]):
            continue
        canon = min(e for e, _ in members)
        out.update({e: canon for e, _ in members if e != canon})
    return out


_PLACE_WORD_FORMS = lexicon.mapping("events", "place_word_forms")
_STREET_FORMS = lexicon.mapping("events", "street_suffixes")
_STREET_QUADRANTS = lexicon.words("events", "street_quadrants")


def place_key(name: str | None) -> str:
    """A place's name compared with its other spellings: name_key, then a place word's abbreviation as the word
    ("Mt. Oliver" and "Mount Oliver" -> "mount oliver", "Ft. Riley" -> "fort riley"; "St." is already "st" for
    Saint: events.yaml place_word_forms), a street's ending in its full form and without a trailing quadrant
    ("Bourbon St." -> "bourbon street", "Stanton Road SE" -> "stanton road": street_suffixes, street_quadrants)."""
    words = name_key(name or "").split()
    if len(words) > 2 and words[-1] in _STREET_QUADRANTS and words[-2] in _STREET_FORMS:
        words.pop()
    if len(words) > 1 and words[-1] in _STREET_FORMS:
        words[-1] = _STREET_FORMS[words[-1]]
    return " ".join(_PLACE_WORD_FORMS.get(w, w) if i < len(words) - 1 or len(words) == 1 else w
                    for i, w in enumerate(words))


def place_variants(info: dict[str, tuple[str, str, int]]) -> dict[str, str]:
    """entity_id -> the id of the place it names under another spelling or type (``place_key``): "Mt. Washington"
    and "Mount Washington", "Bourbon St." and "Bourbon Street", "Fort Riley" as a FAC in one text and a GPE in
    another: one place. The id kept is a GPE/LOC's when one of them is one (a town the model once called a
    facility stays a town: no venue anchor), else the smallest; a US state is no place. Only entities that change."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for e, (name, etype, _) in info.items():
        if etype not in PLACE_TYPES or name_key(name or "") in STATE_KEYS:
            continue
        key = place_key(name)
        if key:
            by_key[key].append(e)
    out = {}
    for members in by_key.values():
        if len(members) > 1:
            canon = min(members, key=lambda e: (info[e][1] == "FAC", e))
            out.update({e: canon for e in members if e != canon})
    return out


_AGENCY_HEADS = lexicon.words("events", "agency_heads")
_AGENCY_TRAIL = lexicon.words("entity_words", "agency_trail")


def agency_place(name: str | None) -> str | None:
    """The place key an agency's name gives ("Hialeah Police Department", "Hialeah police" -> "hialeah",
    "Marion County Sheriff's Office" -> "marion county", "Louisville Metro Police" -> "louisville"), None
    when the name has no agency head after a place (events.yaml agency_heads)."""
    words = name_key(name or "").split()
    for i, w in enumerate(words):
        if w in _AGENCY_HEADS:
            place = words[:i]
            while place and place[-1] in _AGENCY_TRAIL:
                place.pop()
            return " ".join(place) or None
    return None


def place_groups(info: dict[str, tuple[str, str, int]], named_by: dict[str, set] | None = None) -> dict[str, str]:
    """entity_id -> the id of the place it names, for an organisation named by a place: a police, sheriff or
    fire agency of a place ("Hialeah police", "Hialeah Police Department" name Hialeah; ``agency_place``), or an
    ORG of a place's very name when at least as many articles name it a place as an organisation (the model
    calls a town an organisation once: "Hialeah" ORG and GPE; not "Walmart", an organisation the model calls a
    place once). ``named_by``: entity_id -> the articles naming it. One text says "Hialeah police said", another
    "in Hialeah": a place both name. Not a US state (no place in common)."""
    named_by = named_by or {}
    places: dict[str, str] = {}
    for e, (name, etype, _) in info.items():
        key = name_key(name or "")
        if etype in ("GPE", "LOC") and key and key not in STATE_KEYS and (key not in places or e < places[key]):
            places[key] = e
    out = {}
    for e, (name, etype, _) in info.items():
        if etype != "ORG":
            continue
        key = agency_place(name)
        if key is None:  # the very name of a place: when the articles call it a place at least as often
            key = name_key(name or "")
            if key not in places or len(named_by.get(places[key], ())) < len(named_by.get(e, ())):
                continue
        if key in places:
            out[e] = places[key]
    return out


HISTORY_SCHEMA: dict[str, pl.DataType] = {
    "history_id": pl.String, "event_id": pl.String, "new_event_id": pl.String, "change": pl.String,
    "n_articles": pl.Int32,
}
CHANGES = ("merged", "split", "removed")


def event_id(article_ids, salt: int = 0) -> str:
    """A new event's id: from its smallest article id (``salt`` > 0 when that id is taken)."""
    return stable_id("event", min(article_ids), *([salt] if salt else []))


def carry_ids(
    groups: list[list[str]],
    previous: dict[str, str],
    previous_first: dict[str, date | None] | None = None,
    taken: set[str] | frozenset = frozenset(),
) -> list[str]:
    """One id per group of articles; an event keeps its id when articles join it (docs/EVENTS.md).

    ``previous``: article_id -> its event_id before this run; ``previous_first``: an old
    event's first_published (the older event wins a tie); ``taken``: ids ever used
    (events and event_id_history), never given to a new event.

    Each old id goes to the group holding most of its articles (ties: the older event,
    then the smaller id), one old id per group, the largest overlaps first. A group that
    inherits none (all new articles, or the smaller part of a split) gets a new id from
    its smallest article id, salted while that id is taken.
    """
    previous_first = previous_first or {}
    overlaps: list[tuple] = []
    for g, members in enumerate(groups):
        counts = Counter(previous[a] for a in members if previous.get(a))
        for old, n in counts.items():
            first = previous_first.get(old)
            overlaps.append((-n, first is None, first or date.min, old, g))
    overlaps.sort()
    ids: list[str | None] = [None] * len(groups)
    given: set[str] = set()
    for _, _, _, old, g in overlaps:
        if ids[g] is None and old not in given:
            ids[g] = old
            given.add(old)
    used = set(taken) | set(previous.values()) | given
    for g, members in enumerate(groups):
        if ids[g] is None:
            salt = 0
            while (candidate := event_id(members, salt)) in used:
                salt += 1
            ids[g] = candidate
            used.add(candidate)
    return ids  # type: ignore[return-value]


def id_history(previous: dict[str, str], assignments: pl.DataFrame, *, run_id: str) -> pl.DataFrame:
    """event_id_history rows of one run: where the articles of each old event id went.

    - merged: the old id is gone and (some of) its articles are now in new_event_id;
    - split: the old id lives on, and some of its articles are now in new_event_id;
    - removed: the old id is gone with none of its articles left (their files changed or
      were replaced); new_event_id NULL.
    An article that joins an event, or an event that keeps all its articles, is no change.
    """
    now = dict(assignments.select("article_id", "event_id").iter_rows())
    alive = set(now.values())
    moved: Counter = Counter()
    lost: Counter = Counter()
    for aid, old in previous.items():
        if old is None:
            continue
        new = now.get(aid)
        if new is None:
            lost[old] += 1
        elif new != old:
            moved[(old, new)] += 1
    rows = [{"event_id": old, "new_event_id": new, "change": "split" if old in alive else "merged", "n_articles": n}
            for (old, new), n in moved.items()]
    olds_moved = {old for old, _ in moved}
    rows += [{"event_id": old, "new_event_id": None, "change": "removed", "n_articles": n}
             for old, n in lost.items() if old not in alive and old not in olds_moved]
    rows.sort(key=lambda r: (r["event_id"], r["new_event_id"] or ""))
    for r in rows:
        r["history_id"] = stable_id(run_id, r["event_id"], r["new_event_id"])
    return pl.DataFrame(rows, schema=HISTORY_SCHEMA)


class _Clusters:
    """Union-find (transforms.ids.UnionFind) keeping each cluster's known date range and members."""

    def __init__(self, ids, dates, links=(), round_ups=(), title_ages=None):
        self.round_ups = set(round_ups)
        self.title_ages = title_ages or {}
        self.uf = UnionFind()
        self.lo = {a: d for a, d in zip(ids, dates)}
        self.hi = dict(self.lo)
        self.members = {a: [a] for a in ids}
        self.adjacent: dict[str, set] = defaultdict(set)
        for a, b in links:
            self.adjacent[a].add(b)
            self.adjacent[b].add(a)

    def linkage(self, ra, rb) -> float:
        """Share of the article pairs across two clusters that are linked (average linkage)."""
        small, big = sorted((self.members[ra], self.members[rb]), key=len)
        big_set = set(big)
        n = sum(len(self.adjacent[a] & big_set) for a in small)
        return n / (len(small) * len(big))

    def find(self, a):
        return self.uf.find(a)

    def try_union(self, a, b, max_span: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        los = [d for d in (self.lo[ra], self.lo[rb]) if d is not None]
        his = [d for d in (self.hi[ra], self.hi[rb]) if d is not None]
        if los and (max(his) - min(los)).days > max_span and not self._same_start(ra, rb):
            return False
        if min(len(self.members[ra]), len(self.members[rb])) > 1 and self._ages_apart(ra, rb):
            return False  # two events whose titles give other victims' ages ("girl, 3" and "6-month-old")
        for x, rx in ((a, ra), (b, rb)):
            if x in self.round_ups and len(self.members[rx]) > 1:
                return False  # a round-up joins one event (its strongest link) and never bridges two
        if min(len(self.members[ra]), len(self.members[rb])) > 1 and self.linkage(ra, rb) < MIN_LINKAGE:
            return False  # two incidents bridged by a few articles (a round-up naming both)
        self._merge(ra, rb)
        return True

    def _ages_apart(self, ra, rb) -> bool:
        """Both clusters' titles give victims' ages, and no age of one is an age of the other."""
        aa = set().union(*(self.title_ages.get(x) or set() for x in self.members[ra]))
        ab = set().union(*(self.title_ages.get(x) or set() for x in self.members[rb]))
        return bool(aa and ab and not aa & ab)

    def _same_start(self, ra, rb) -> bool:
        """A lone report dated within SAME_START_DAYS of an event's earliest date (the incident's day) may join
        it however long the event's follow-ups make it span, unless its title gives other ages than all the
        event's titles ("boy, 3" and "2-year-old"); so may a group of that day's reports (their dates within
        SAME_START_DAYS of each other: two first-day reports that the event's own first-day report links)."""
        lo_a, lo_b = self.lo[ra], self.lo[rb]
        if lo_a is None or lo_b is None or abs((lo_a - lo_b).days) > SAME_START_DAYS:
            return False
        if min(len(self.members[ra]), len(self.members[rb])) > 1 and min(self._span(ra), self._span(rb)) > SAME_START_DAYS:
            return False  # reports of that day (a group within SAME_START_DAYS) join as a lone report does
        return not self._ages_apart(ra, rb)  # "boy, 3" is not the event's "2-year-old"

    def _merge(self, ra, rb) -> None:
        if rb < ra:
            ra, rb = rb, ra
        los = [d for d in (self.lo[ra], self.lo[rb]) if d is not None]
        his = [d for d in (self.hi[ra], self.hi[rb]) if d is not None]
        self.uf.union(ra, rb)  # the smaller root wins, as ra here
        self.members[ra] += self.members.pop(rb)
        self.lo[ra] = min(los) if los else None
        self.hi[ra] = max(his) if his else None


    def attach_supported(self, pairs, text_ages=None) -> None:
        """Second pass: an article left on its own joins an event of two or more articles when it has support
        links (``pair_evidence`` support: the same place and day, some names in common, no title ages against it) to
        at least MIN_SUPPORT of its articles and SUPPORT_SHARE of them; one weak link is no evidence, several
        members backing it are. Decided on the first pass's events (so the order does not matter), the event
        with most support first (ties: the smaller root); never a round-up, never beyond MAX_SPAN_DAYS.
        ``text_ages``: article_id -> the ages its text gives; a report giving ages joins only an event whose texts
        give one of them (or none)."""
        counts: dict[str, Counter] = defaultdict(Counter)
        for a, b in pairs:
            for s, o in ((a, b), (b, a)):
                rs, ro = self.find(s), self.find(o)
                if len(self.members[rs]) == 1 and len(self.members[ro]) >= 2 and s not in self.round_ups:
                    counts[s][ro] += 1
        chosen = []
        for s in sorted(counts):
            ro, n = min(counts[s].items(), key=lambda kv: (-kv[1], kv[0]))
            dates = [d for d in (self.lo[ro], self.hi[ro], self.lo[s]) if d is not None]
            mine = (text_ages or {}).get(s) or set()
            theirs = set().union(*((text_ages or {}).get(x) or set() for x in self.members[ro]))
            if (n >= MIN_SUPPORT and n >= SUPPORT_SHARE * len(self.members[ro])
                    and not (mine and theirs and not mine & theirs)
                    and (not dates or (max(dates) - min(dates)).days <= max(MAX_SPAN_DAYS, self._span(ro)))):
                chosen.append((s, ro))
        for s, ro in chosen:
            rs, ro = self.find(s), self.find(ro)
            if rs != ro:
                self._merge(rs, ro)

    def _span(self, r) -> int:
        lo, hi = self.lo[r], self.hi[r]
        return (hi - lo).days if lo is not None and hi is not None else 0


def _entity_info(mentions: pl.DataFrame, entities: pl.DataFrame | None) -> dict[str, tuple[str, str, int]]:
    """entity_id -> (name, type, words in the longest name)."""
    info: dict[str, tuple[str, str, int]] = {}
    if entities is not None and entities.height:
        for eid, canon, etype, al in entities.select("entity_id", "canonical_name", "entity_type",
                                                     "aliases").iter_rows():
            words = max(len(x.split()) for x in [canon, *(al or [])])
            info[eid] = (canon, etype, words)
    rest = mentions.filter(pl.col("entity_id").is_not_null() & ~pl.col("entity_id").is_in(list(info)))
    if rest.height:
        agg = rest.group_by("entity_id").agg(
            pl.col("label").mode().sort().first().alias("type"),
            pl.col("surface").mode().sort().first().alias("name"),
            pl.col("surface").str.split(" ").list.len().max().alias("words"),
        )
        for eid, etype, name, words in agg.iter_rows():
            if name and name.isupper() and len(name) > 4 and etype in ("GPE", "LOC", "FAC", "PERSON"):
                name = name.title()
            info[eid] = (name, etype, int(words or 1))
    return info


_TITLE_DAY = re.compile(r"\b(" + "|".join(sorted(incident_evidence.MONTHS, key=len, reverse=True))
                        + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*[-:%]?\s*\d)(?:,?\s+(\d{4})\b)?", re.I)
MAX_DAYS_TITLE_DAY = 183  # a day a title names at most this long before the article's date is its incident's (not a schedule's next January)
_ANNIVERSARY = re.compile(r"(?i)\b" + lexicon.alternation("events", "anniversary_title_words")
                          + r"\b(?![- ]old)")  # not an age ("1 year old")


def title_day(title: str | None, published: date | None) -> date | None:
    """The day a title names before the article's date ("Man wounded in Nov. 2 shooting dies", "Update on the
    March 3 mine collapse"), its year from the title or else the latest one not after ``published``; None when the
    title names none, a day not before the article's (a week's schedule, "closed until Jan. 5"), more than
    MAX_DAYS_TITLE_DAY before it, or a title looking back a year or more ("One year after the May 4 fire":
    events.yaml anniversary_title_words; the day is last year's, not this year's)."""
    m = _TITLE_DAY.search(title or "")
    if m is None or published is None or _ANNIVERSARY.search(title or ""):
        return None
    when = incident_evidence.day_of(incident_evidence.MONTHS[m.group(1).lower()], int(m.group(2)), m.group(3),
                                    published)
    return when if when is not None and 0 < (published - when).days <= MAX_DAYS_TITLE_DAY else None


def _article_dates(articles: pl.DataFrame) -> tuple[dict, dict, dict]:
    """article_id -> (date used for clustering, is_text_given); published dates. A day the title names before the
    article's date is the incident's (``title_day``): a follow-up's text dates the death, the arrest, the funeral."""
    cols = articles.columns
    ev = articles["event_date"].to_list() if "event_date" in cols else [None] * articles.height
    src = articles["event_date_source"].to_list() if "event_date_source" in cols else [None] * articles.height
    pub = articles["published_date"].to_list() if "published_date" in cols else [None] * articles.height
    ids = articles["article_id"].to_list()
    when, given, published = {}, {}, {}
    titles = articles["title"].to_list() if "title" in cols else [None] * articles.height
    for a, e, s, p, t in zip(ids, ev, src, pub, titles):
        text_given = e is not None and (s is None or s not in FALLBACK_SOURCES) and "event_date_source" in cols
        when[a] = e if e is not None else p
        day = title_day(t, p or e)
        if day is not None and when[a] is not None and day < when[a]:  # "Man wounded in Nov. 2 shooting dies"
            when[a], text_given = day, True
        given[a] = bool(text_given)
        published[a] = p
    return when, given, published


# title words dropped before overlap: boilerplate (events.yaml title_stop_words), number words one to
# ten, person nouns, casualty predicates and saying verbs (docs/EVENTS.md)
_TITLE_STOP = frozenset().union(
    lexicon.words("events", "title_stop_words"),
    (w for n in ("units", "teens") for w, v in lexicon.mapping("numbers", n).items() if 1 <= v <= 10),
    lexicon.words("events", "age_nouns"),
    lexicon.words("casualty_predicates", "person_patient_predicates"),
    lexicon.words("casualty_predicates", "death_nouns"),
    lexicon.words("sources", "say_words"),
)


_SITE_SUFFIX = re.compile(r"\s+[-|\u2013\u2014]\s+[^-|\u2013\u2014]*$")


def _title_words(title: str | None) -> set[str]:
    """Content words of a title (crime-report boilerplate words dropped)."""
    if not title:
        return set()
    title = _SITE_SUFFIX.sub("", title)  # "Headline - WAFB 9 News Baton Rouge, ...": the outlet is not content
    return {w for w in re.findall(r"[a-z0-9']+", title.lower()) if len(w) > 2 and w not in _TITLE_STOP}


_AGE = re.compile(r"\b(\d{1,2})[- ]years?[- ]old\b|\b" + lexicon.alternation("events", "age_nouns")
                  + r",? (\d{1,2})\b|\b(\d{1,2})[- ](month|week|day)s?[- ]old\b"
                  + r"|\b" + lexicon.alternation("events", "kin_nouns") + r", (\d{1,2})(?=,|$|\s*[-:;)\u2013\u2014])",
                  re.I)
MONTHS_A_YEAR = 12
# "Baby, 13 months, ..." / "infant, 6 weeks": an age noun's age in months, weeks or days, not in years
_NOUN_AGE_IN_MONTHS = re.compile(r"\b" + lexicon.alternation("events", "age_nouns")
                                 + r",? (\d{1,2})[- ](month|week|day)s?\b", re.I)


def _title_ages(title: str | None) -> set[str]:
    """Ages a title gives its people ("5-year-old", "girl, 5", "sister, 3,": events.yaml kin_nouns; a baby's
    "6-month-old" or "Baby, 6 months," as "6 month", which no age in years equals; "13-month-old" and "Baby, 13
    months" as "1", a year old: not 13)."""
    out = set()
    title = title or ""
    young = [("", "", n, unit, "") for n, unit in _NOUN_AGE_IN_MONTHS.findall(title)]
    title = _NOUN_AGE_IN_MONTHS.sub(" ", title)
    for a, b, n, unit, kin in young + _AGE.findall(title):
        if n and unit.lower() == "month" and int(n) >= MONTHS_A_YEAR:
            out.add(str(int(n) // MONTHS_A_YEAR))
        else:
            out.add(a or b or kin or f"{n} {unit.lower()}")
    return out


_ROUND_UP_WORDS = lexicon.words("events", "round_up_title_words")


def round_ups(articles: pl.DataFrame) -> set[str]:
    """The round-ups among the articles: a title reporting several incidents ("2 dead in separate shootings",
    "a spate of shootings"), by a word of events.yaml round_up_title_words. A round-up joins at most one event."""
    if "title" not in articles.columns:
        return set()
    return {a for a, t in articles.select("article_id", "title").iter_rows()
            if _ROUND_UP_WORDS & set(re.findall(r"[a-z]+", (t or "").lower()))}


def _best_figures(claims: pl.DataFrame | None) -> dict[str, tuple]:
    """(killed, injured) per article: the article's figures (claims.is_article_figure, as article_figures)."""
    if claims is None or not claims.height or "claim_type" not in claims.columns:
        return {}
    if "is_article_figure" not in claims.columns:
        claims = choose(claims)
    best = claims.filter(pl.col("claim_type").is_in(["killed", "injured"]) & pl.col("is_article_figure").fill_null(False))
    out: dict[str, dict] = defaultdict(dict)
    for aid, ctype, v in best.select("article_id", "claim_type", "value_low").iter_rows():
        out[aid][ctype] = v
    return {a: (d.get("killed"), d.get("injured")) for a, d in out.items()}


def _follow_up(n_anchors: int, refers_back: bool, place: bool, title_sim: float, score: float,
               ages: str = "none", figures_equal: bool = False) -> bool:
    """Evidence that two reports however far apart in time are one incident (a follow-up report)."""
    return (n_anchors >= MIN_ANCHORS_ANY_DATE
            or (n_anchors >= 2 and figures_equal)
            or (place and ages == "same" and score >= MIN_SCORE_REFERRED_TITLE
                and (refers_back or n_anchors >= 2 or (n_anchors >= 1 and figures_equal)))
            or (place and refers_back and title_sim > 0 and score >= MIN_SCORE_REFERRED_TITLE)
            or (place and refers_back and ages != "different" and score >= MIN_SCORE_REFERRED))


class Body(tuple):
    """What two articles' incident keys share: block, street, hour, name (bools), ages ("same" | "different" |
    "none"), n_ages and n_names (how many)."""

    __slots__ = ()

    def __new__(cls, block: bool = False, street: bool = False, ages: str = "none", hour: bool = False,
                name: bool = False, n_ages: int = 0, n_names: int = 0):
        return tuple.__new__(cls, (block, street, ages, hour, name, n_ages, n_names))

    block = property(lambda self: self[0])
    street = property(lambda self: self[1])
    ages = property(lambda self: self[2])
    hour = property(lambda self: self[3])
    name = property(lambda self: self[4])
    n_ages = property(lambda self: self[5])  # how many ages the two texts share
    n_names = property(lambda self: self[6])  # how many people both texts name as victim or suspect


def body_evidence(keys_a, keys_b) -> Body:
    """Compare two articles' incident keys (transforms/incident_evidence.py)."""
    ka, kb = incident_evidence.kinds(keys_a), incident_evidence.kinds(keys_b)
    names = (ka["name"] & kb["name"]) - ka["background"] - kb["background"]  # a name in passing is not evidence
    ages = ("same" if ka["age"] & kb["age"] else "different") if ka["age"] and kb["age"] else "none"
    return Body(bool(ka["block"] & kb["block"]), bool(ka["street"] & kb["street"]), ages,
                bool(ka["hour"] & kb["hour"]), bool(names), len(ka["age"] & kb["age"]), len(names))


def _texts_apart(keys_a, keys_b) -> bool:
    """Both texts name victims or suspects (``name:`` keys, not in passing) and none of them in common, or both
    give a block or an address and none in common: two incidents' reports, each with its own people or place."""
    ka, kb = incident_evidence.kinds(keys_a), incident_evidence.kinds(keys_b)
    na, nb = ka["name"] - ka["background"], kb["name"] - kb["background"]
    return bool((na and nb and not na & nb) or (ka["block"] and kb["block"] and not ka["block"] & kb["block"]))


def _texts_give_both(title_ages: set[str], keys_a, keys_b) -> bool:
    """Both texts give every age the two titles give (``age:`` keys): titles naming different people of one
    incident ("Police arrest 15-year-old", "Victim, 23, identified"), each text naming the victim and the suspect."""
    if not keys_a or not keys_b:
        return False
    ka, kb = incident_evidence.kinds(keys_a)["age"], incident_evidence.kinds(keys_b)["age"]
    return title_ages <= ka and title_ages <= kb


def _ages_outweighed(title_sim: float, title_shared: int, score: float, keys_a, keys_b) -> bool:
    """The texts' ages share none (a report of the victim, 23, and one of the suspect, 15; a mass shooting's
    reports each naming some of its people), but the rest says one incident: the titles share
    MIN_TITLE_WORDS_AGES content words and MIN_TITLE_OVERLAP_AGES of the shorter title's ("Teen killed in Third
    Ward quadruple shooting", "Nightclub argument sparks deadly shooting in Third Ward"), or the two have
    MIN_SCORE_AGES in common and their texts are not apart (``_texts_apart``: other named people, other blocks)."""
    return ((title_shared >= MIN_TITLE_WORDS_AGES and title_sim >= MIN_TITLE_OVERLAP_AGES)
            or (score >= MIN_SCORE_AGES and not _texts_apart(keys_a, keys_b)))


def _body_link(body: Body, place: bool) -> bool:
    """Same-day evidence from the texts: the same block; the same street and the same age or hour;
    in a shared place, the same street (unless the ages differ and the hours do not agree), or the
    same hour with no age against it."""
    if body.block or (body.street and (body.ages == "same" or body.hour)):
        return True
    if not place:
        return False
    return (body.street and body.ages != "different") or (body.hour and body.ages != "different")


def _name_follow_up(body: Body | None, place: bool, refers_back: bool) -> bool:
    """A later report naming the same person with the same age, or naming the incident's day, in a shared place."""
    return body is not None and body.name and place and (body.ages == "same" or refers_back)


def _block_follow_up(body: Body | None, place: bool) -> bool:
    """A later report naming the same block and MIN_AGES_BLOCK of the same ages in a shared place, however far
    apart: the same address and the same people (a trial, a sentencing)."""
    return body is not None and body.block and place and body.n_ages >= MIN_AGES_BLOCK


def _victim_follow_up(n_victims: int, place: bool, ages: str = "none") -> bool:
    """A report naming the same victim or suspect (an entity one text names in that role: "identified as Jane
    Doe", "Jane Doe, 34,"; not an official) in a shared place, however far apart: a follow-up (an arrest, a
    trial, an anniversary) -- unless the titles give other victims' ages."""
    return n_victims >= 1 and place and ages != "different"


def _names_follow_up(body: Body | None, ages: str = "none") -> bool:
    """A report naming MIN_NAMES_ANY_PLACE of the same people as victims or suspects ("Jane Doe, 17,", "identified
    as John Roe") as the other report does, however far apart and even when the NER found no place in common (a
    verdict naming the two accused of a drive-by): two people in the same roles are one incident -- unless the
    titles give other victims' ages."""
    return body is not None and body.n_names >= MIN_NAMES_ANY_PLACE and ages != "different"


def _strong(n_anchors: int, refers_back: bool, follow_up: bool, title_ages_differ: bool = False) -> bool:
    """A link that may join clusters further apart in time than MAX_SPAN_DAYS (a follow-up report); not when
    the two titles give their victims different ages ("girl, 5" and "3-year-old": another child), unless
    MIN_ANCHORS_ANY_DATE names are shared."""
    if title_ages_differ and n_anchors < MIN_ANCHORS_ANY_DATE:
        return False
    return follow_up or (refers_back and n_anchors >= 1)


def _linked(score: float, anchor: bool, anchor_df: int | None, title_sim: float, days: int | None,
            both_given: bool, n_anchors: int = 0, refers_back: bool = False, place: bool = True,
            ages: str = "none", figures_equal: bool = False, body: Body | None = None,
            casualties: int = 0) -> bool:
    """The link rule (module docstring). ``ages``: "same" | "different" | "none" (the titles' victim ages);
    ``body``: what the two texts' incident keys share (transforms/incident_evidence.py); ``casualties``: killed
    plus injured of the two reports' equal figures (0 when they differ)."""
    if _follow_up(n_anchors, refers_back, place, title_sim, score, ages, figures_equal):
        return True
    if body is not None and days is not None and days <= 1 and _body_link(body, place):
        return True
    if body is not None and body.block and place and days is not None and days <= (
            MAX_DAYS_EVENT if both_given else MAX_DAYS_PUBLISHED):
        return True  # the same address or block in a shared place, within the days two reports of one incident span
    if body is not None and days is not None and days <= 1 and place and body.ages == "same" and figures_equal:
        return True  # the same victims' ages and the same casualty figures, the same day and place
    if body is not None and body.name and days is not None and (
            ((place or refers_back) and days <= MAX_DAYS_FOLLOW_UP) or days <= MAX_DAYS_EVENT
            or (body.ages == "same" and days <= MAX_DAYS_PUBLISHED)):
        return True  # a person the two texts name as victim or suspect ("identified as ...", "Jane Doe, 34,"); with
        # the same age within a week even without a shared place (the NER missed the town in one of the texts)
    if _name_follow_up(body, place, refers_back) or _block_follow_up(body, place):
        return True
    if place and days is not None and days <= MAX_DAYS_PUBLISHED and (
            score >= MIN_SCORE_SAME_WEEK or (body is not None and body.street and body.ages == "same")):
        return True  # within a week in a shared place: much in common, or the same street and the same ages
    if not place:  # no place in common: only a same-day pair with much else in common
        return days is not None and days <= 1 and score >= MIN_SCORE_NO_PLACE
    if refers_back and anchor:  # names in common, and the text names the other report's date: as the same day
        days = 0
    if days is not None and days <= 1 and n_anchors < 2:
        if ages == "different" and not figures_equal:  # "girl, 5" and "boy, 2": two incidents
            return False
        if ages == "same" or (figures_equal and title_sim > 0):
            return True
        if (casualties >= MIN_CASUALTIES_SAME_DAY and ages != "different"
                and (body is None or body.ages != "different")):
            return True  # "4 shot at a party", "overnight shooting left four wounded": the same toll that day
    if days is None:
        return anchor and score >= MIN_SCORE_UNDATED
    if days <= (MAX_DAYS_EVENT if both_given else MAX_DAYS_PUBLISHED) and anchor and score >= MIN_SCORE_ANCHORED:
        return True
    if days <= 1 and (score >= MIN_SCORE_SAME_DAY
                      or (score >= MIN_SCORE_SAME_DAY_TITLE and title_sim >= MIN_TITLE_OVERLAP)):
        return True
    return (days <= MAX_DAYS_FOLLOW_UP and anchor and anchor_df is not None and anchor_df <= 2
            and score >= MIN_SCORE_FOLLOW_UP)


def pair_evidence(
    articles: pl.DataFrame,
    mentions: pl.DataFrame,
    claims: pl.DataFrame | None = None,
    entities: pl.DataFrame | None = None,
    date_mentions: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Candidate article pairs with their evidence and the link decision (rules in the module docstring).

    -> article_id, article_id_b, score, anchor, place, k (shared entities counted), days (NULL when a
    date is unknown), both_given, linked.
    """
    ids = articles["article_id"].to_list()
    n = len(ids)
    when, given, _ = _article_dates(articles)
    info = _entity_info(mentions, entities)
    ment = mentions.filter(pl.col("entity_id").is_not_null() & pl.col("article_id").is_in(ids))
    named_by = {e: set(a) for e, a in ment.group_by("entity_id").agg("article_id").iter_rows()}
    one_venue = venue_groups(info, named_by)
    one_venue.update(person_groups(info))
    named_place = place_groups(info, named_by)  # an agency of a place ("Hialeah police") names the place as well
    if named_place:
        ment = pl.concat([ment, ment.filter(pl.col("entity_id").is_in(list(named_place)))
                          .with_columns(pl.col("entity_id").replace(named_place))])
    if one_venue:  # one venue or person under different names: one entity
        ment = ment.with_columns(pl.col("entity_id").replace(one_venue))
        for e, canon in one_venue.items():
            if info[e][1] == "FAC":
                info[canon] = (info[canon][0], "FAC", max(info[canon][2], info[e][2]))
    variants = {e: one_venue.get(c, c) for e, c in place_variants(info).items() if e not in one_venue}
    if variants:  # one place under two spellings or types: one entity, of the kept id's type
        ment = ment.with_columns(pl.col("entity_id").replace(variants))

    # article x entity; idf and type weights
    ae = ment.group_by("article_id", "entity_id").agg(pl.len().alias("n"))
    df = ae.group_by("entity_id").agg(pl.len().alias("df"))
    etype = pl.DataFrame(
        {"entity_id": list(info), "type": [v[1] for v in info.values()], "words": [v[2] for v in info.values()]},
        schema={"entity_id": pl.String, "type": pl.String, "words": pl.Int64},
    )
    weak = [e for e, v in info.items() if v[1] in ("FAC", "ORG") and _NOT_ANCHOR.search(v[0] or "")]
    states = [e for e, v in info.items() if v[1] == "GPE" and name_key(v[0] or "") in STATE_KEYS]
    streets = [e for e, v in info.items() if v[1] == "FAC" and _STREET.search(v[0] or "")]  # a place, not a venue
    max_df = max(COMMON_MIN_DF, int(COMMON_SHARE * n))
    weights = (
        df.join(etype, on="entity_id", how="left")
        .with_columns(
            ((pl.lit(float(max(n, PRIOR_ARTICLES))) / pl.col("df") + 1).log() * pl.col("type").replace_strict(TYPE_WEIGHT, default=0.5))
            .alias("w"),
            (((pl.col("type") == "FAC") & ~pl.col("entity_id").is_in(weak) & ~pl.col("entity_id").is_in(streets))
             | ((pl.col("type") == "PERSON") & (pl.col("words") >= 2))).alias("anchor"),
            (pl.col("type").is_in(PLACE_TYPES) & ~pl.col("entity_id").is_in(states)).alias("place"),
            pl.col("entity_id").is_in(streets).alias("street"),
        )
        .with_columns(
            ((pl.col("type") != "NORP") & ((pl.col("df") <= max_df) | pl.col("place"))).alias("counts"),
            pl.when(pl.col("entity_id").is_in(weak)).then(0.0).otherwise(pl.col("w")).alias("w"),
            (pl.col("anchor") & (pl.col("df") <= max_df)).alias("anchor"),
        )
    )
    ae_w = ae.join(weights, on="entity_id")
    keys_of = ({a: k for a, k in zip(ids, articles["incident_keys"].to_list()) if k}
               if "incident_keys" in articles.columns else {})
    role = _roles(ae_w, info, keys_of)

    # candidate pairs: articles sharing an entity that is not common (inverted index), scored over all they share
    block = ae_w.filter(pl.col("df") <= max_df).select("article_id", "entity_id")
    pairs = (
        block.join(block, on="entity_id", suffix="_b")
        .filter(pl.col("article_id") < pl.col("article_id_b"))
        .select("article_id", "article_id_b").unique()
    )
    side = ae_w.select("article_id", "entity_id", "w", "anchor", "place", "counts", "df", "street")
    shared = pairs.join(side, on="article_id").join(
        side.select(pl.col("article_id").alias("article_id_b"), "entity_id"), on=["article_id_b", "entity_id"])
    shared = (shared.join(role, on=["article_id", "entity_id"], how="left")
              .join(role.rename({"article_id": "article_id_b", "role": "role_b"}), on=["article_id_b", "entity_id"],
                    how="left")
              .with_columns(off=pl.col("role").is_in(PASSING_ROLES).fill_null(False)
                            | pl.col("role_b").is_in(PASSING_ROLES).fill_null(False))
              .with_columns(victim=pl.col("anchor") & ~pl.col("off")
                            & ((pl.col("role") == "victim").fill_null(False)
                               | (pl.col("role_b") == "victim").fill_null(False)),
                            anchor=pl.col("anchor") & ~pl.col("off"),  # an official: little weight, never an anchor
                            w=pl.when(pl.col("off")).then(pl.col("w") * OFFICIAL_WEIGHT).otherwise(pl.col("w")))
              .drop("role", "role_b", "off"))
    scored = shared.group_by("article_id", "article_id_b").agg(
        pl.col("w").sum().alias("score"), pl.col("anchor").any(), pl.col("place").any(),
        pl.col("counts").sum().cast(pl.Int64).alias("k"),
        pl.col("df").filter(pl.col("anchor")).min().cast(pl.Int64).alias("anchor_df"),
        pl.col("anchor").sum().cast(pl.Int64).alias("n_anchors"),
        pl.col("victim").sum().cast(pl.Int64).alias("n_victims"),
        (pl.col("street") & (pl.col("df") <= max_df)).any().alias("street"),
    )

    if keys_of:  # two reports naming the same block are candidates even without a rare entity in common
        blocks = pl.DataFrame([(a, k) for a, ks in keys_of.items() for k in ks if k.startswith(("block:", "street:", "name:"))],
                              schema={"article_id": pl.String, "key": pl.String}, orient="row").unique()
        blocks = blocks.filter(pl.len().over("key") <= max_df)
        extra = (blocks.join(blocks, on="key", suffix="_b").filter(pl.col("article_id") < pl.col("article_id_b"))
                 .select("article_id", "article_id_b").unique()
                 .join(scored.select("article_id", "article_id_b"), on=["article_id", "article_id_b"], how="anti"))
        if extra.height:
            scored = pl.concat([scored, extra.with_columns(
                score=pl.lit(0.0), anchor=pl.lit(False), place=pl.lit(False), k=pl.lit(0, pl.Int64),
                anchor_df=pl.lit(None, pl.Int64), n_anchors=pl.lit(0, pl.Int64),
                n_victims=pl.lit(0, pl.Int64), street=pl.lit(False))], how="vertical_relaxed")
    figures = _best_figures(claims)
    mentioned = _mentioned_days(date_mentions)
    recalled = {a: {date.fromisoformat(v) for v in incident_evidence.kinds(k)["recalled"]} for a, k in keys_of.items()}
    surnames = _surname_evidence(ae_w, info, keys_of)
    titles = dict(zip(ids, articles["title"].to_list())) if "title" in articles.columns else {}
    title_words = {a: _title_words(t) for a, t in titles.items()}
    ages_of = {a: _title_ages(t) for a, t in titles.items()}
    rows = []
    for a, b, score, anchor, place, k, anchor_df, n_anchors, n_victims, street in scored.select(
            "article_id", "article_id_b", "score", "anchor", "place", "k", "anchor_df", "n_anchors", "n_victims",
            "street").iter_rows():
        ta, tb = title_words.get(a), title_words.get(b)
        tsim = len(ta & tb) / min(len(ta), len(tb)) if ta and tb else 0.0
        fa, fb = figures.get(a), figures.get(b)
        if fa and fb and fa == fb and all(v is not None and v > 0 for v in fa):
            k += 1
            score += 1.0
        da, db = when.get(a), when.get(b)
        days = abs((da - db).days) if da is not None and db is not None else None
        both_given = given[a] and given[b]
        if street and not anchor and days is not None and days <= MAX_DAYS_EVENT:
            anchor, n_anchors = True, 1  # a street named in both within the days of one incident: as a venue
            anchor_df = anchor_df if anchor_df is not None else 2
        refers = bool(days is not None and days > MAX_DAYS_REFERRED
                      and (_refers(mentioned.get(a), db, recalled.get(a)) or _refers(mentioned.get(b), da, recalled.get(b))))
        aa, ab = ages_of.get(a), ages_of.get(b)
        if aa and ab and not aa & ab and _texts_give_both(aa | ab, keys_of.get(a), keys_of.get(b)):
            aa = ab = aa | ab  # "arrest 15-year-old" and "victim, 23, identified": both texts give both people
        ages = "same" if aa and ab and aa & ab else "different" if aa and ab else "none"
        figures_equal = fa is not None and fb is not None and fa == fb
        casualties = sum(v or 0 for v in fa) if figures_equal else 0
        body = body_evidence(keys_of.get(a), keys_of.get(b)) if keys_of else None
        if body is not None and body.name and n_anchors == 0:  # a victim's name the NER missed or mistyped
            anchor, n_anchors, score = True, 1, score + NAME_SCORE
            anchor_df = anchor_df if anchor_df is not None else 2
        if (body is not None and body.ages == "different" and ages == "none" and not anchor
                and not _ages_outweighed(tsim, len(ta & tb) if ta and tb else 0, score, keys_of.get(a), keys_of.get(b))):
            ages = "different"  # the texts' ages as the titles' ages: no age in common, two incidents
        if body is not None and (body.block or body.street) and anchor:
            place = True  # a street both texts name, with a name in common: a place the NER missed
        victim = (_victim_follow_up(n_victims, place, ages) or _names_follow_up(body, ages)
                  or (place and ages != "different" and _surname_follow_up(surnames, a, b)))
        linked = victim or _linked(score, anchor, anchor_df, tsim, days, both_given, n_anchors, refers, place, ages,
                                   figures_equal, body, casualties)
        support = bool(place and days is not None and days <= 1 and score >= MIN_SCORE_SUPPORT
                       and not (aa and ab and not aa & ab))  # texts' ages: against the event (attach_supported)
        rows.append((a, b, score, anchor, place, k, anchor_df, n_anchors, tsim, days, both_given, refers, linked, support,
                     _strong(n_anchors, refers, victim or _name_follow_up(body, place, refers)
                             or _block_follow_up(body, place)
                             or _follow_up(n_anchors, refers, place, tsim, score, ages,
                                                           figures_equal),
                             title_ages_differ=bool(aa and ab and not aa & ab))))
    return pl.DataFrame(rows, schema={"article_id": pl.String, "article_id_b": pl.String, "score": pl.Float64,
                                      "anchor": pl.Boolean, "place": pl.Boolean, "k": pl.Int64, "anchor_df": pl.Int64,
                                      "n_anchors": pl.Int64,
                                      "title_sim": pl.Float64,
                                      "days": pl.Int64,
                                      "both_given": pl.Boolean, "refers_back": pl.Boolean, "linked": pl.Boolean,
                                      "support": pl.Boolean, "strong": pl.Boolean}, orient="row")


class _Surnames(tuple):
    """Per article: the bare surnames its entities give ("Tomman"), the surnames of the people its text names as
    victims or suspects (``name:`` keys), the first names and place words it uses; and each surname's df."""

    __slots__ = ()
    bare = property(lambda self: self[0])
    victims = property(lambda self: self[1])
    taken = property(lambda self: self[2])  # first names and words of places: a bare name that is one is no surname
    df = property(lambda self: self[3])


def _surname_evidence(ae_w: pl.DataFrame, info: dict, keys_of: dict) -> _Surnames:
    """The surname evidence of every article (``_surname_follow_up``)."""
    bare: dict[str, set] = defaultdict(set)
    victims: dict[str, set] = defaultdict(set)
    taken: dict[str, set] = defaultdict(set)
    named: dict[str, set] = defaultdict(set)  # surname -> the articles naming a person of that surname
    for a, e, etype in ae_w.select("article_id", "entity_id", "type").iter_rows():
        words = [w.strip(".,").lower() for w in (info.get(e, ("",))[0] or "").split()]
        words = [w for w in words if w and w not in _NAME_SUFFIXES]
        if not words:
            continue
        if etype == "PERSON":
            named[words[-1]].add(a)
            if len(words) == 1 and words[0].isalpha() and len(words[0]) >= MIN_SURNAME_CHARS:
                bare[a].add(words[0])
            else:
                taken[a].add(words[0])
        elif etype in ("GPE", "LOC"):
            taken[a].update(words)
    for a, ks in keys_of.items():
        kk = incident_evidence.kinds(ks)
        passing = {v.split()[-1] for v in kk["official"] | kk["background"]}
        bare[a] -= passing
        for v in kk["name"] - kk["background"]:
            last = v.split()[-1]
            if last not in passing:
                victims[a].add(last)
                named[last].add(a)
    return _Surnames((dict(bare), dict(victims), dict(taken), {s: len(m) for s, m in named.items()}))


def _surname_follow_up(sn: _Surnames, a: str, b: str) -> bool:
    """One text names a person by surname alone ("Tomman was held for court"), the other names a victim or
    suspect of that surname in full ("identified as Tyrone Tomman", a ``name:`` key): the same person, when few
    articles name anyone of that surname (MAX_SURNAME_DF) and neither text uses the word as a first name or a
    place's ("Ashley", "Vegas")."""
    for x, y in ((a, b), (b, a)):
        for s in sn.bare.get(x, set()) & sn.victims.get(y, set()):
            if (sn.df.get(s, 0) <= MAX_SURNAME_DF and s not in sn.taken.get(x, set())
                    and s not in sn.taken.get(y, set())):
                return True
    return False


def _roles(ae_w: pl.DataFrame, info: dict, keys_of: dict) -> pl.DataFrame:
    """(article_id, entity_id, role) for the PERSON entities an article's text names in a role
    (transforms/incident_evidence.py keys): "official" ("Police Chief Jane Doe", "Ann Lee, a spokeswoman",
    a byline) or "victim" (a victim or suspect: "identified as Jane Doe", "Jane Doe, 34,"); the same first
    and last name, or for an official the same last name when the text gave only that ("Sheriff Roe").
    An official's role wins over a victim's."""
    roles = {}
    for a, k in keys_of.items():
        kk = incident_evidence.kinds(k)
        if kk["official"] or kk["name"] or kk["background"]:
            roles[a] = (kk["official"], kk["name"], kk["background"])
    rows = []
    if roles:
        for a, e, etype in ae_w.filter(pl.col("article_id").is_in(list(roles))).select(
                "article_id", "entity_id", "type").iter_rows():
            if etype != "PERSON" or e not in info:
                continue
            words = [w.strip(".,").lower() for w in (info[e][0] or "").split()]
            words = [w for w in words if len(w) > 1 and w not in _NAME_SUFFIXES]
            if not words:
                continue
            officials, victims, background = roles[a]
            full = f"{words[0]} {words[-1]}"
            if full in officials or words[-1] in officials:
                rows.append((a, e, "official"))
            elif len(words) >= 2 and full in background:
                rows.append((a, e, "background"))
            elif len(words) >= 2 and full in victims:
                rows.append((a, e, "victim"))
    return pl.DataFrame(rows, schema={"article_id": pl.String, "entity_id": pl.String, "role": pl.String},
                        orient="row").unique()


def _mentioned_days(date_mentions: pl.DataFrame | None) -> dict[str, list[date]]:
    """article_id -> the days its text names (day precision)."""
    if date_mentions is None or not date_mentions.height or "resolved_date" not in date_mentions.columns:
        return {}
    dm = date_mentions.filter(pl.col("resolved_date").is_not_null())
    if "precision" in dm.columns:
        dm = dm.filter(pl.col("precision") == "day")
    out: dict[str, list[date]] = defaultdict(list)
    for aid, d in dm.select("article_id", "resolved_date").iter_rows():
        out[aid].append(d)
    return out


def _refers(days_named: list[date] | None, other: date | None, recalled: set[date] | None = None) -> bool:
    """The text names a day within MAX_DAYS_REFERRED of the other article's date, not a day that only opens a
    passage recalling an earlier incident (``recalled:`` keys: "On Nov. 1, an 11-year-old was killed" in a report
    of another shooting in December)."""
    return bool(days_named) and other is not None and any(abs((d - other).days) <= MAX_DAYS_REFERRED
                                                          for d in days_named if not recalled or d not in recalled)


def cluster_events(
    articles: pl.DataFrame,
    mentions: pl.DataFrame,
    claims: pl.DataFrame | None = None,
    entities: pl.DataFrame | None = None,
    previous: pl.DataFrame | None = None,
    taken_ids=(),
    date_mentions: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """All articles -> (assignments[article_id, event_id], events). Rules in the module docstring.

    ``entities`` (optional, resolve_entities' first frame) gives canonical names and types for labels;
    without it they come from the mentions. ``previous`` (optional): the warehouse's events as they
    were, as article_id, event_id (and first_published), so events keep their ids (``carry_ids``);
    ``taken_ids``: every id used before (events, event_id_history), never given to a new event.
    """
    ids = articles["article_id"].to_list()
    if not ids:
        return pl.DataFrame(schema=ASSIGNMENT_SCHEMA), pl.DataFrame(schema=EVENT_SCHEMA)
    when, given, published = _article_dates(articles)
    info = _entity_info(mentions, entities)
    evidence = pair_evidence(articles, mentions, claims, entities, date_mentions)
    ev = evidence.filter(pl.col("linked"))
    links = list(ev.select("score", "article_id", "article_id_b", "strong").iter_rows())
    links.sort(key=lambda t: (-t[0], t[1], t[2]))
    titles = dict(zip(ids, articles["title"].to_list())) if "title" in articles.columns else {}
    clusters = _Clusters(ids, [when[a] for a in ids], [(a, b) for _, a, b, _ in links], round_ups(articles),
                         {a: _title_ages(t) for a, t in titles.items()})
    for _, a, b, strong in links:
        clusters.try_union(a, b, MAX_STRONG_SPAN_DAYS if strong else MAX_SPAN_DAYS)
    keys_of = (dict(zip(ids, articles["incident_keys"].to_list())) if "incident_keys" in articles.columns else {})
    clusters.attach_supported(evidence.filter(pl.col("support")).select("article_id", "article_id_b").rows(),
                              {a: incident_evidence.kinds(k)["age"] for a, k in keys_of.items() if k})

    members: dict[str, list[str]] = defaultdict(list)
    for a in ids:
        members[clusters.find(a)].append(a)
    groups = sorted(members.values(), key=min)
    old_of, old_first = {}, {}
    if previous is not None and previous.height:
        old_of = {a: e for a, e in previous.select("article_id", "event_id").iter_rows() if e is not None}
        if "first_published" in previous.columns:
            old_first = dict(previous.select("event_id", "first_published").unique("event_id").iter_rows())
    group_ids = carry_ids(groups, old_of, old_first, set(taken_ids))
    eid_of = {a: e for mem, e in zip(groups, group_ids) for a in mem}
    assignments = pl.DataFrame({"article_id": ids, "event_id": [eid_of[a] for a in ids]}, schema=ASSIGNMENT_SCHEMA)

    # events
    ae = mentions.filter(pl.col("entity_id").is_not_null()).group_by("article_id", "entity_id").agg(pl.len())
    counts: dict[str, Counter] = defaultdict(Counter)  # article -> entity -> mentions
    for aid, ent, cnt in ae.iter_rows():
        counts[aid][ent] = cnt
    dfs = dict(ae.group_by("entity_id").agg(pl.len()).iter_rows())
    titles = dict(zip(ids, articles["title"].to_list())) if "title" in articles.columns else {}
    times = _article_times(articles)
    rows = []
    for mem, eid in zip(groups, group_ids):
        row = _event_row(eid, mem, counts, dfs, info, when, given, published, titles)
        row["event_time"] = event_time_of(mem, times, row["event_date"])
        rows.append(row)
    events = pl.DataFrame(rows, schema=EVENT_SCHEMA).sort("event_id")
    return assignments, events


def _event_date(mem, when, given) -> date | None:
    text_dates = Counter(when[a] for a in mem if given[a] and when[a] is not None)
    if text_dates:
        top = max(text_dates.values())
        return min(d for d, c in text_dates.items() if c == top)
    known = [when[a] for a in mem if when[a] is not None]
    return min(known) if known else None


def _article_times(articles: pl.DataFrame) -> dict[str, tuple[date | None, str]]:
    """article_id -> (its event_date, its event_time), for the articles that give a time."""
    if "event_time" not in articles.columns or "event_date" not in articles.columns:
        return {}
    return {a: (d, t) for a, d, t in articles.select("article_id", "event_date", "event_time").iter_rows()
            if t is not None}


def event_time_of(mem, times: dict[str, tuple[date | None, str]], ev_date: date | None) -> str | None:
    """The most common event_time (ties: the smallest) of the articles dated the event's event_date."""
    if ev_date is None:
        return None
    counted = Counter(times[a][1] for a in mem if a in times and times[a][0] == ev_date)
    if not counted:
        return None
    top = max(counted.values())
    return min(t for t, c in counted.items() if c == top)


def _event_row(eid, mem, counts, dfs, info, when, given, published, titles) -> dict:
    n_art = Counter()
    n_men = Counter()
    for a in mem:
        for ent, c in counts.get(a, {}).items():
            n_art[ent] += 1
            n_men[ent] += c
    venue = place = None
    venues = [e for e in n_art if info.get(e, ("", ""))[1] == "FAC" and not _NOT_VENUE.search(info[e][0] or "")
              and n_art[e] * 2 >= len(mem) and (len(mem) > 1 or n_men[e] >= 2)]
    if venues:
        venue = min(venues, key=lambda e: (-n_art[e], -n_men[e], info[e][0]))
    places = [e for e in n_art if info.get(e, ("", ""))[1] == "GPE"]
    if places:
        place = min(places, key=lambda e: (name_key(info[e][0]) in STATE_KEYS, -n_art[e], dfs.get(e, 0),
                                           -n_men[e], info[e][0]))
    ev_date = _event_date(mem, when, given)
    parts = [info[e][0] for e in (venue, place) if e is not None]
    if parts:
        label = ", ".join(parts + ([ev_date.isoformat()] if ev_date else []))
    else:
        first = min(mem, key=lambda a: (published[a] is None, published[a] or date.min, a))
        label = (titles.get(first) or "untitled")[:80] + (f", {ev_date.isoformat()}" if ev_date else "")
    pubs = [published[a] for a in mem if published[a] is not None]
    return {
        "event_id": eid, "label": label, "event_date": ev_date,
        "location_entity_id": venue or place, "article_count": len(mem),
        "first_published": min(pubs) if pubs else None, "last_published": max(pubs) if pubs else None,
    }
