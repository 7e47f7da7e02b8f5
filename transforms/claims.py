"""Articles -> claims: every count an article states, typed, bounded and attributed.

Pure: takes the staged articles, their spaCy NER docs and a ``parse`` callable
(``flows.nlp.Nlp.parse``), returns a Polars frame of CLAIM_SCHEMA. Grain: one
row per (article, claim_type, span) -- each figure the article states.

How a claim is found
--------------------
1. Sentences: the NER doc's sentences, cut again at line breaks (the title
   line never runs into the lead). Lines that link other stories
   ("RELATED: 2 killed in ...", "STORY: ...", "Read more") are skipped, and so
   are whole lines of photo captions ("Caption ...") and "Read <headline>" links.
2. Figures (transforms.figures) in sentences that hold a keyword of some
   claim type. Each figure is typed first from the words next to it:
   "62 dead", "1 killed, 3 hurt", "more than 60 fatalities", "three
   assailants", "145 victims who were hospitalized", "killing three",
   "fatally shooting two", "left 40 dead", "death toll rose to 40",
   "the 6,200-seat hall", "attended by hundreds", "one fatally"; an active
   subject is not a victim ("two men shot a woman").
3. The dependency parse (``parse``) types what the neighbouring words do not:
   the counted noun (nummod head, "one of the victims"), its own modifiers
   and the predicate it is subject/object of, with conjuncts, complements,
   adverbs and "to the hospital" / "in critical condition" phrases.
   Throughput budget: only PARSE_SHARE (12%) of an article's characters are
   parsed, all articles' sentences in ONE ``parse`` call: first sentences
   with a figure nothing else types, then the first two sentences with a
   casualty word (title and lead). Measured on gva_dev: the parse adds about
   one point of accuracy over patterns alone (parse=None also works).
4. Single victims without a numeral count 1 -- the patient of a casualty
   predicate: "A 23-year-old man was shot and killed" (killed 1; the age is
   not a count), "Smith died", "the victim was pronounced dead", "he is in
   critical condition", "killed his wife", "the shooting death of a
   3-year-old"; from patterns on every sentence plus the parse where there is
   one. The object of an active "shot"/"killed" may be a capitalised name the NER
   did not label PERSON ("They shot Giddings"; not in headline-case lines, not a
   place before a capitalised word or a person noun: "shot Milwaukee police
   officer ..."); "was treated for (his) injuries" says the person was hurt.
   Coordinations add up: "Smith and his wife were killed" (2), "a
   woman and two children were shot" (3), "4 adults, 1 child shot" (5),
   "kills 3 bandmates, self" (4) -- but not a breakdown ("six people, three
   men and three women") nor "his brother or a friend" (1). "Smith from
   Springfield died": where the person is from is skipped; a name the NER
   labels ORG/GPE/NORP/FAC right after an age ("23-year-old Davienne Lewis") is
   a person. People "also" shot ("X, Y and Z were also struck by bullets") are
   besides the dead: their count is not reduced by the killed count.
5. Inferences that state a count without a numeral: "a double homicide"
   (killed 2), "a triple shooting" (3 shot), "a murder-suicide" (killed, at
   least 2), "a third victim" (at least 3), "both died" (2); "shot and killed
   his daughter before turning the gun on himself" -> killed 1 + 1 (the
   bounds carry the +1, value_stated stays the number written).
6. Counts of negated events are claims of value 0, qualifier exact,
   negated true: "no one was injured", "no other injuries were reported",
   "the officer was not hurt", "escaped unharmed", "no arrests".

Claim types
-----------
killed, injured, hospitalized, missing, attackers, detained, evacuated,
attendance, capacity (DESIGN.md) and casualties (killed or injured, not said
which: "multiple casualties", "a third victim" with no predicate). Unit is
'people', or 'seats' for capacity.

- "shot" is not a type: people shot are killed (when the text says so:
  "shot and killed", "fatally shot", "shot dead", "one fatally") or
  injured. Rule for "N shot, M killed": a count of people shot becomes an
  *injured* claim of N - M, where M is the killed count stated in the same
  sentence, else the largest killed count (value_low) of the article;
  value_stated stays N (as written), value_low/high carry N - M. If N - M
  <= 0 nobody is left injured and no claim is made; with no killed count,
  injured = N. Counts of "others" ("three others were shot") and people the
  sentence says lived ("survived", "stable condition", "non-life-threatening")
  are not reduced.
- "Taken to the hospital" / "hospitalized" gives a hospitalized claim and,
  in an article about violence, an injured claim with the same bounds (less
  the killed count stated in the same sentence). Who "showed up at",
  "arrived at", "drove to" ... a hospital is not said to be hurt.
- A partitive death ("One of the victims later died", "one of them died")
  says the dead were among a group counted before: injured counts written
  before it (not counts of "others", not counts already less the killed) lose
  that many.
- A single victim the article says died is not also counted injured: a
  small coreference links "He was taken to a hospital where he died", "the
  boy" (the last victim mentioned, when the head noun is generic or the
  same), names (a shared name token) and he/she (the nearest PERSON name or
  victim before it); "a man", "his wife" and "himself" are new people. An
  injured single victim inside a killed span ("The injured person was
  declared deceased") is that dead person.
- Distinct roles: a police officer (officer, deputy, trooper, ...) and someone
  who is not police are two people. When the injured single victims left
  (described or named, not pronouns) include both, the first mention of the
  later role counts at least 2: "an officer was grazed ... The suspect was
  shot in the leg" -> injured 1 and injured at_least 2 (value_stated 1).
- Attacker nouns (gunmen, assailants, attackers, shooters, suspects ...)
  give an attackers claim, and the predicate may type them too: "detained
  all four direct assailants" -> detained 4 and attackers 4. An elliptical
  count inherits the type: "three assailants while others mentioned five".
- Aggregates are not incident figures: numeric killed/injured counts in a
  sentence about a period or many incidents ("this year", "so far", "since
  2010", "in July", "shootings across the city", "in 6 weekend shootings", "two
  Friday night shootings that killed one", "a violent two-hour span in which",
  "in the span of six hours") are kept as
  claims flagged is_background and take no part in the rules above
  (coordinations, "N shot, M killed" against the article's killed count).

Scope (is_background)
---------------------
A claim is background when its figure is about something other than the
article's own incident; it stays in the output (it is a stated figure) and
article_figures leaves it out of best_value. Figures in the title are never
background (the exception: the aggregate rule above). A figure is background
when its sentence
- is an aggregate (see above);
- names another incident: "a separate / an unrelated / a similar / an earlier
  / a previous / a prior shooting (incident, attack, case, homicide, ...)",
  "in another shooting", "in separate incidents", "the two shooting deaths
  ... were not connected";
- makes a comparison ("the deadliest / worst / bloodiest ... since", "... in
  U.S. history") and the figure comes after it: "the deadliest since 2012,
  when a gunman killed 12" (12 is background; in "more than 60 fatalities, one
  of the deadliest attacks since the 2004 Beslan siege" 60 is not);
- dates it elsewhere: the date mention (transforms.dates.find_date_mentions,
  resolved against published_date) nearest to the figure, outside a
  comparison, is a day more than BACKGROUND_DAYS (5) before the incident date
  ("Exactly one week ago, on June 29, ..."; "Five people were shot ... Dec. 3"),
  a month that ended more than 5 days before it ("in April"), or an earlier
  year ("in 1991", "the 2012 massacre", "last year", "three years ago"). The
  incident date is the article's event_date; when that is missing or only the
  published-date fallback (event_date_source), published_date with a slack of
  BACKGROUND_DAYS_PUBLISHED (31). Weekdays ("Monday": the latest Monday),
  page metadata ("Posted: March 2, 2013") and dates after the figure behind a
  relative pronoun ("killed Pritchett, 80, who began the company in 1980")
  never date a figure elsewhere. A follow-up story: when every casualty figure
  of the lead (the first body sentence with one) is dated before the incident
  date ("arrested in connection with the shooting of three people on Jan.
  27"), the lead's date becomes the incident date.
Claims derived from a background claim (killer's suicide, hospitalized ->
injured, N shot - M killed) are background too; background killed counts are
not subtracted from the incident's "N shot".

hedged: the sentence says the figure may change or is unconfirmed ("may
rise", "could climb", "expected to rise", "fears that", "unconfirmed",
"unverified", "not yet confirmed", "preliminary", "initial reports",
"reportedly", "believed to"). negated: see 6. in_title: the span lies in
the title (the first line of body_clean).

attributed_*: the source the sentence names nearest to the figure: the
subject of a saying verb ("police said" -> "police", "Seattle police said",
"The Moscow Regional Health Ministry released a list of 145 victims" ->
"Moscow Regional Health Ministry"), "said Sgt. John Smith", "according to
the coroner"; the NER entity (ORG, PERSON, GPE, NORP, FAC) gives the span
when it covers the source, else capitalised words and source nouns (police,
authorities, coroner, officials ...); a leading "the" is dropped; pronouns
are not sources; NULL when the sentence names none.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl

from transforms import lexicon
from transforms.dates import find_date_mentions
from transforms.figures import PERSON_PLURAL, PERSON_SINGULAR, Figure, find_figures

CLAIM_TYPES = (
    "killed", "injured", "hospitalized", "missing", "attackers", "detained", "evacuated",
    "attendance", "capacity", "casualties",
)

CLAIM_SCHEMA: dict[str, pl.DataType] = {
    "claim_id": pl.String,
    "article_id": pl.String,
    "claim_type": pl.String,
    "value_stated": pl.Int64,
    "value_low": pl.Int64,
    "value_high": pl.Int64,
    "qualifier": pl.String,
    "unit": pl.String,
    "surface": pl.String,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
    "sentence": pl.String,
    "hedged": pl.Boolean,
    "negated": pl.Boolean,
    "in_title": pl.Boolean,
    "is_background": pl.Boolean,
    "attributed_surface": pl.String,
    "attributed_char_start": pl.Int32,
    "attributed_char_end": pl.Int32,
    "published_date": pl.Date,
}

# ---------------------------------------------------------------- lexicon

# word (lower case, as written; the parser pipeline has no lemmatizer) -> class
_WORD_CLASS: dict[str, str] = {w: cls for cls, ws in lexicon.mapping("casualty_predicates", "word_classes").items()
                              for w in ws}

_PRIORITY = ("killed", "injured", "shot", "hospitalized", "missing", "detained", "evacuated",
             "attendance", "capacity")

_ATTACKER_NOUNS = lexicon.words("person_nouns", "attackers")
_NOUN_CLASS = lexicon.mapping("casualty_predicates", "counted_noun_classes")
_PERSON_NOUNS = frozenset(PERSON_SINGULAR) | frozenset(PERSON_PLURAL) | {"other", "them", "us"}
_PERSON_SG = frozenset(PERSON_SINGULAR) - {"gunmen"}
_SG_PRONOUNS = lexicon.words("person_nouns", "singular_pronouns")
_AGE_NOUN = re.compile(r"\A(?:\d+|[a-z]+(?:-[a-z]+)?)-(?:year|month|week|day)-old\Z", re.I)

_SOURCE_LABELS = frozenset({"ORG", "PERSON", "GPE", "NORP", "FAC"})
_SAY_WORDS = lexicon.words("sources", "say_words")

# ---------------------------------------------------------------- regexes

_NUMBER_WORD = "|".join(
    [w for w in lexicon.mapping("numbers", "units") if w != "zero"] + list(lexicon.mapping("numbers", "teens"))
    + list(lexicon.mapping("numbers", "tens")) + ["hundred", "dozen"]
)
_PERSON_ALT = "|".join(sorted(_PERSON_NOUNS, key=len, reverse=True))
_WORD_RX = re.compile(r"[a-z0-9]+")
_TRIGGER_WORDS = lexicon.words("claims_gates", "trigger")
_SINGULAR_WORDS = lexicon.words("claims_gates", "singular")
_HEDGE_GATE = lexicon.words("claims_gates", "hedge")
_AGG_GATE = lexicon.words("claims_gates", "aggregate") | lexicon.words("time_words", "months")
_NEG_GATE = lexicon.words("claims_gates", "negation")
_SUICIDE_GATE = lexicon.words("claims_gates", "suicide")
_MULTI_GATE = frozenset(lexicon.mapping("numbers", "multipliers")) | {"suicide"}
_ORDINAL_GATE = frozenset(lexicon.mapping("numbers", "ordinals"))


def _has_year(words: set) -> bool:
    return any(len(w) == 4 and w[:2] in ("19", "20") and w.isdigit() for w in words)



_NOUNS_OPT = (
    r"(?:\s+of\s+(?:the|them|those|these)(?:\s+[\w-]+)?)?"
    r"(?:\s+(?:other|others|more|additional|separate|innocent|young|teenage|adult|male|female|"
    rf"[a-z]+-year-old|{_PERSON_ALT})\b){{0,3}}"
)
_AUX = (
    r"(?:\s*,?\s+(?:were|was|are|is|have|has|had|been|being|be|reportedly|also|later|all|now|"
    r"each|confirmed|believed|known|left|found|remain|remains|remained|critically|seriously|"
    r"fatally|mortally|gravely|badly|severely|slightly|accidentally|apparently|initially|who|"
    r"that|still|both)\b){0,4}"
)
_TYPE_WORD = (
    r"(?P<w>(?:taken|transported|rushed|airlifted|flown)\s+to\s+(?:a|the|an|area|local|nearby)?\s*"
    r"(?:[\w'’.-]+\s+){0,4}?(?:hospitals?|medical\s+centers?|trauma\s+centers?)|"
    r"killed|dead|died|dies|die|slain|murdered|shot|wounded|injured|hurt|hospitali[sz]ed|"
    r"arrested|detained|missing|evacuated|fatally|critically|seriously|gravely|"
    r"in\s+(?:critical|serious|stable|fair|good|grave|satisfactory)\s+condition)"
)
_RIGHT = re.compile(
    rf"\A{_NOUNS_OPT}(?:\s*,[^.;:]{{1,120}}?,)?{_AUX}\s*,?\s*{_TYPE_WORD}(?![\w-])"
    rf"(?!\s+(?:a|an|the|his|her|their|its|him|them|himself|herself|themselves|\d+|"
    rf"{_NUMBER_WORD})\b)",
    re.IGNORECASE,
)
_LEFT = re.compile(
    r"(?P<w>fatally\s+(?:shooting|shot|shoots|wounding|wounded)|killing|killed|kills|kill|wounding|wounded|injuring|injured|injures|hurting|"
    r"shooting|shot|shoots|arrested|arresting|detained|detaining|evacuated|evacuating|"
    r"claimed\s+the\s+lives\s+of|took\s+the\s+lives\s+of|deaths?\s+of|murders?\s+of|"
    r"killings?\s+of|shootings?\s+of|(?:death\s+)?toll\s+(?:[\w'’]+\s+){0,5}?(?:of|at|to|reached|hit)|"
    r"attended\s+by|crowd\s+of|audience\s+of|capacity\s+of|seats?|seating\s+for)"
    r"(?:\s+(?:all|another|the|some|about|at\s+least))?\s+\Z",
    re.IGNORECASE,
)
_LEFT_CLASS = {
    "fatally": "killed", "kill": "killed", "wound": "injured", "injur": "injured", "hurt": "injured", "shoot": "shot",
    "shot": "shot", "arrest": "detained", "detain": "detained", "evacuat": "evacuated",
    "claimed": "killed", "took": "killed", "death": "killed", "murder": "killed",
    "toll": "killed", "attended": "attendance", "crowd": "attendance", "audience": "attendance",
    "capacity": "capacity", "seat": "capacity",
}
_TYPE_NOUN_AFTER = re.compile(
    r"\A(?:\s+(?!(?:people|persons|and|or|but|were|was|are|is|had|have|has|been|of|in|at|on|to|"
    r"who|that|as|than|the|a|an|after|before|while|when)\b)[\w-]+){0,2}?\s+"
    r"(?P<n>fatalities|deaths|bodies|homicides|"
    r"murders|injuries|casualties|attackers|assailants|gunmen|shooters|terrorists|"
    r"militants|perpetrators|suspects|robbers|intruders|hijackers|bombers)\b",
    re.IGNORECASE,
)
_WITH_GUNSHOT = re.compile(
    rf"\A{_NOUNS_OPT}\s+(?:\w+\s+){{0,2}}?with\s+(?:\w+\s+){{0,2}}?gunshot\s+wounds?\b",
    re.IGNORECASE,
)
_PERSONLIKE_AFTER = re.compile(
    rf"\A(?:(?:\s+[\w-]+){{0,2}}?\s+(?:{_PERSON_ALT}|[a-z]+-year-olds?)\b|\s+of\s+(?:the|them|those)\b|"
    r"\s+(?:were|was|are|is|had|have|died|remain|remained|who)\b)",
    re.IGNORECASE,
)
_LINE = re.compile(r"[^\n]+")
_SHOT_AT = re.compile(r"\s+at\b")
_FATALLY = re.compile(r"\b(?:fatally|mortally)\b", re.IGNORECASE)
_KILLED_AFTER = re.compile(r"\s*(?:and\s+killed|dead|to\s+death)\b", re.IGNORECASE)
_WOUNDED_AFTER = re.compile(r"\s*and\s+(?:wounded|injured|hurt)\b", re.IGNORECASE)
_KILLING_AFTER = re.compile(r"\s*(?:people|persons|\w+)?\s*(?:,\s*)?(?:killing|dead)", re.IGNORECASE)
_CONJ_MARK = re.compile(r"\band\b|,")
_THE = re.compile(r"(?:the|The)\s+")
_SEAT_AFTER = re.compile(r"\A\s*-?\s*(?:seat|seater)\b", re.IGNORECASE)

_NEGATION = re.compile(
    r"\b(?P<s>no(?:\s+|-)one|nobody|none)\b(?:\s+else)?(?:\s+(?:of\s+)?(?:the\s+)?\w+){0,2}?"
    r"\s+(?:else\s+)?(?:was|were|is|are|has\s+been|have\s+been|had\s+been|got|appeared\s+to\s+be)"
    r"\s+(?:\w+ly\s+)?(?P<w>killed|injured|hurt|wounded|shot|struck|hit|arrested|detained|"
    r"hospitali[sz]ed|missing)\b"
    r"|\b(?P<s2>no)\s+(?:other\s+|additional\s+|further\s+|serious\s+|reported\s+|immediate\s+|"
    r"known\s+|one\s+else\s+|more\s+|life-threatening\s+)*(?P<w2>injuries|injury|deaths|fatalities|"
    r"casualties|arrests|victims|one\s+else\s+(?:was\s+)?(?:hurt|injured|killed))\b"
    r"|\b(?:was|were|is|are|been)\s+(?P<s3>not)\s+(?P<w3>injured|hurt|wounded|shot|"
    r"struck|hit|killed|harmed)\b"
    r"|\b(?P<s4>unharmed|uninjured|unhurt)\b",
    re.IGNORECASE,
)
_NEG_CLASS = {
    "killed": "killed", "deaths": "killed", "fatalities": "killed", "injured": "injured",
    "hurt": "injured", "wounded": "injured", "shot": "injured", "struck": "injured",
    "hit": "injured", "harmed": "injured", "injuries": "injured", "injury": "injured",
    "casualties": "casualties", "victims": "injured", "arrested": "detained",
    "detained": "detained", "arrests": "detained", "hospitalized": "hospitalized",
    "hospitalised": "hospitalized", "missing": "missing", "unharmed": "injured",
    "uninjured": "injured", "unhurt": "injured",
}
_HEDGE = re.compile(
    r"\b(?:(?:may|might|could|would|will|is\s+expected\s+to|are\s+expected\s+to|expected\s+to|"
    r"likely\s+to|set\s+to)\s+(?:still\s+|further\s+)?(?:rise|climb|increase|grow|go\s+up|change)|"
    r"unconfirmed|unverified|not\s+(?:yet\s+|been\s+|independently\s+)*(?:confirmed|verified)|"
    r"feared|fears?\s+that|preliminary|initial\s+reports?|early\s+reports?|reportedly|"
    r"believed\s+to|unclear\s+how\s+many|as\s+yet\s+unknown)\b",
    re.IGNORECASE,
)
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
_VIOLENCE = re.compile(r"\b(?:shot|shooting|gunfire|gunshots?|killed|wounded|stabbed|attack)\b", re.I)
_WS = re.compile(r"\S+(?:[ \t]+\S+)*")


# ---------------------------------------------------------------- data holders

@dataclass(slots=True)
class _Claim:
    claim_type: str
    value_stated: int | None
    value_low: int | None
    value_high: int | None
    qualifier: str
    start: int
    end: int
    negated: bool = False
    unit: str = "people"
    overlap: str | None = None  # the count may include people killed ("5 shot"): injured = N -
    # killed, killed from the same sentence, else ("article") from the whole article; "done"
    # once _resolve_overlap took the killed off
    ref: tuple | None = None  # single victims: (kind, name tokens); see _resolve_people
    seg: int = -1
    background: bool = False  # about another incident or a statistic (see _background)


@dataclass(slots=True)
class _Segment:
    start: int
    end: int
    text: str
    figures: list[Figure] = field(default_factory=list)
    parse_index: int | None = None
    singular: bool = False
    words: frozenset = frozenset()
    adjacent: dict = field(default_factory=dict)  # figure start -> (class, attacker)
    wants_parse: bool = False  # a figure only the parse can type
    ents: list[tuple[int, int, str]] = field(default_factory=list)


# ---------------------------------------------------------------- segmentation

_SKIP_LINE = re.compile(r"\A\W*(?:related|read\s+more|more\s+on|see\s+also|also\s+read|story\s*:|"
                        r"previous(?:ly)?\s+(?:coverage|story)|watch)\b", re.IGNORECASE)
# a whole line of page furniture: photo captions, "Read <headline>" links
_SKIP_WHOLE_LINE = re.compile(r"^[^\S\n]*(?:Caption|CAPTION|Read)\b[^\n]*", re.MULTILINE)


def _segments(body: str, doc) -> list[_Segment]:
    """Sentences of the NER doc, cut again at line breaks; spans into body."""
    out = []
    bounds = [(s.start_char, s.end_char) for s in doc.sents] if doc is not None else [(0, len(body))]
    skip = [m.span() for m in _SKIP_WHOLE_LINE.finditer(body)]
    for s_start, s_end in bounds:
        for line in _LINE.finditer(body[s_start:s_end]):
            m = _WS.search(line.group(0))
            if m is None:
                continue
            a = s_start + line.start() + m.start()
            b = s_start + line.start() + m.end()
            if _SKIP_LINE.match(m.group(0)) or any(x <= a < y for x, y in skip):
                continue  # links to other stories ("RELATED: 2 killed in ..."), captions
            out.append(_Segment(a, b, body[a:b]))
    return out


# ---------------------------------------------------------------- helpers on parsed sentences

def _classes(tokens) -> set[str]:
    return {_WORD_CLASS[t.lower_] for t in tokens if t.lower_ in _WORD_CLASS}


def _pick(classes: set[str]) -> str | None:
    for c in _PRIORITY:
        if c in classes:
            return c
    return None


# who "showed up at a hospital" or "drove to the hospital" is not said to be hurt
_ARRIVE_VERBS = lexicon.words("casualty_predicates", "arrive_verbs")


def _prep_evidence(tok) -> set[str]:
    """Classes carried by prepositional phrases of a predicate: "to death", "to the hospital",
    "in critical condition", "into custody", "with injuries"."""
    found = set()
    for prep in tok.children:
        if prep.dep_ not in ("prep", "agent") and prep.dep_ != "dative":
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            w, p = obj.lower_, prep.lower_
            if w in ("death", "deaths") and p in ("to",):
                found.add("killed")
            elif w in ("hospital", "hospitals", "center", "centre") and p in ("to", "at", "in") \
                    and tok.lower_ not in _ARRIVE_VERBS:
                found.add("hospitalized")
            elif w == "condition" and p == "in":
                found.add("injured")
            elif w == "custody" and p in ("in", "into"):
                found.add("detained")
            elif w in ("injuries", "wounds", "injury", "wound") and p == "with":
                found.add("shot" if any(c.lower_ == "gunshot" for c in obj.children) else "injured")
    return found


def _predicate_evidence(verb) -> tuple[set[str], set[str]]:
    """(classes of the predicate and its close satellites, classes of its prep phrases)."""
    near = set()
    toks = [verb]
    for c in verb.children:
        if c.dep_ in ("conj", "xcomp", "oprd", "acomp", "advmod", "ccomp", "advcl", "npadvmod",
                      "dobj", "attr"):
            if c.dep_ in ("conj", "ccomp", "advcl") and any(
                    cc.dep_ in ("nsubj", "nsubjpass") for cc in c.children):
                continue  # another clause with its own subject ("after a girl was shot")
            toks.append(c)
            if c.dep_ in ("conj", "xcomp") and c.pos_ in ("VERB", "ADJ"):
                toks.extend(cc for cc in c.children if cc.dep_ in ("advmod", "acomp", "oprd"))
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        toks.append(verb.head)  # "was shot and killed": killed shares shot's subject
    if verb.lower_ in ("struck", "hit", "grazed") and (
        any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
        or any(c.dep_ == "agent" and any(o.lower_ in ("bullet", "bullets", "gunfire", "shots",
                                                      "round", "rounds", "shrapnel")
                                         for o in c.children) for c in verb.children)
    ):
        near.add("shot")  # "was struck by gunfire"; not "Hit 5" (a lottery)
    for t in toks:
        if t.dep_ == "dobj" and t is not verb:
            # "suffered injuries", "sustained wounds", "lost their lives"
            if t.lower_ in ("injuries", "injury", "wounds", "wound"):
                gun = any(c.lower_ == "gunshot" for c in t.children)
                near.add("shot" if gun else "injured")
            elif t.lower_ == "lives" and verb.lower_ in ("lost", "lose"):
                near.add("killed")
            continue
        if t.lower_ in _WORD_CLASS:
            cls = _WORD_CLASS[t.lower_]
            if cls in ("capacity", "attendance") and t is not verb:
                continue
            if t.lower_ in ("hospital", "hospitals"):
                continue
            near.add(cls)
    prep = set()
    for t in toks:
        if t.pos_ in ("VERB", "AUX", "ADJ") or t is verb:
            prep |= _prep_evidence(t)
    return near, prep


def _decide(near: set[str], prep: set[str]) -> str | None:
    if "killed" in near or ("killed" in prep and "shot" in near):
        return "killed"
    cls = _pick(near)
    if cls in (None, "shot") and prep:
        better = _pick(prep - {"shot"})
        if better in ("killed", "injured", "hospitalized", "detained"):
            return better
    return cls


def _is_active_agent(tok, verb) -> bool:
    """tok is the subject of an active transitive use ("two men shot a woman")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return False
    if verb.lower_ not in ("shot", "killed", "shoot", "shoots", "kill",
                                                   "kills", "wounded", "injured", "hit", "struck",
                                                   "murdered", "wounds", "injures"):
        return False
    return any(c.dep_ in ("dobj",) for c in verb.children) or verb.tag_ in ("VBD", "VBZ", "VBP")


def _noun_phrase_bounds(tok) -> tuple[int, int]:
    """Token index range [a, b) of a noun with its determiner/adjective/compound children."""
    left = tok.i
    for c in tok.lefts:
        if c.dep_ in ("det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "case",
                      "punct") and c.i < left:
            sub = [x.i for x in c.subtree]
            left = min(left, min(sub))
    while left < tok.i and (tok.doc[left].dep_ == "punct" or tok.doc[left].pos_ in (
            "ADP", "CCONJ", "SCONJ", "VERB", "AUX") or tok.doc[left].lower_ in ("that", "which", "who")):
        left += 1
    return left, tok.i + 1


# ---------------------------------------------------------------- typing figures

def _type_from_adjacent(seg: _Segment, fig: Figure) -> tuple[str | None, bool]:
    """(class from the words next to the figure, counted noun is an attacker noun)."""
    rel_end = fig.end - seg.start
    after = seg.text[rel_end:rel_end + 120]
    n = _TYPE_NOUN_AFTER.match(after)
    if n:
        noun = n.group("n").lower()
        if noun in _ATTACKER_NOUNS:
            # "detained all four direct assailants": the predicate types them too
            return _adjacent_words(seg, fig, left_only=True), True
        if noun == "injuries" and fig.kind == "vague":
            return None, False
        return _NOUN_CLASS.get(noun, "killed" if noun in ("homicides", "murders") else None), False
    return _adjacent_words(seg, fig), False


def _adjacent_words(seg: _Segment, fig: Figure, left_only: bool = False) -> str | None:
    rel_end = fig.end - seg.start
    rel_start = fig.start - seg.start
    after = seg.text[rel_end:rel_end + 120]
    if left_only:
        m = _LEFT.search(seg.text[max(0, rel_start - 60):rel_start])
        if m:
            w = m.group("w").lower()
            return next((c for stem, c in _LEFT_CLASS.items() if w.startswith(stem)), None)
        return None
    if _SEAT_AFTER.match(after):
        return "capacity"
    if _WITH_GUNSHOT.match(after):
        return "shot"
    m = _RIGHT.match(after)
    if m:
        w = m.group("w").lower()
        if w in ("fatally",):
            return "killed"
        if w.startswith("in "):
            return "injured"
        if w.startswith(("taken", "transported", "rushed", "airlifted", "flown")):
            return "hospitalized"
        if w in ("critically", "seriously", "gravely"):
            return "injured"
        cls = _WORD_CLASS.get(w)
        if cls == "shot" and _SHOT_AT.match(after, m.end()):
            return None  # "two men shot at police"
        if cls == "shot":
            between = after[: m.start("w")].lower()
            if _FATALLY.search(between) or _KILLED_AFTER.match(after, m.end()):
                return "killed"
            if _WOUNDED_AFTER.match(after, m.end()):
                return "injured"
        if cls == "hospitalized":
            return "hospitalized"
        return cls
    before = seg.text[max(0, rel_start - 60):rel_start]
    m = _LEFT.search(before)
    if m:
        w = m.group("w").lower()
        for stem, cls in _LEFT_CLASS.items():
            if w.startswith(stem):
                if cls == "shot" and _KILLING_AFTER.match(after):
                    return "killed"
                return cls
    return None


def _counted_noun(fig: Figure, toks):
    """(numeral head token, counted noun token or None, anchor token in the clause)."""
    head = None
    for t in toks:
        if t.head not in toks or t.head is t:
            head = t
            break
    if head is None:
        head = toks[-1]
    if fig.kind == "indefinite":
        noun = toks[-1]
        return head, noun, noun
    if head.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "det", "npadvmod") and \
            head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN", "ADJ", "VERB"):
        noun = head.head
        return head, noun, noun
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for o in c.children:
                if o.dep_ == "pobj":
                    return head, o, head
    # "6,200-seat": hyphen compound
    nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    if nxt is not None and nxt.text == "-" and head.i + 2 < len(head.doc):
        return head, head.doc[head.i + 2], head
    return head, None, head


def _type_from_parse(fig: Figure, toks) -> tuple[str | None, bool]:
    """(claim class or None, counted noun is an attacker noun)."""
    head, noun, anchor = _counted_noun(fig, toks)
    noun_word = noun.lower_ if noun is not None else None
    attacker = noun_word in _ATTACKER_NOUNS if noun_word else False
    if noun_word in _NOUN_CLASS:
        cls = _NOUN_CLASS[noun_word]
        if cls == "killed" and noun_word == "lives" and not any(
            t.lower_ in ("claimed", "lost", "took") for t in (noun.head, noun.head.head)
        ):
            return None, False
        if cls == "injured" and noun_word == "injuries" and fig.kind == "vague":
            return None, False
        return cls, False
    if noun is not None and not attacker and noun_word not in _PERSON_NOUNS \
            and not _AGE_NOUN.match(noun.text) and not _is_age_noun(noun):
        # "three shots", "two weapons", "14 years": not people
        if not (noun_word in ("victims", "victim") or noun.pos_ == "PROPN"):
            return None, False
    # the counted noun's own words: "62 wounded people", "people killed", "victims who were
    # hospitalized", "one fatally", "three others injured", "seven shooting victims"
    near = set()
    mods = []
    base = noun if noun is not None else head
    for c in base.children:
        if c.dep_ in ("amod", "relcl", "acl", "advmod", "compound", "appos", "oprd", "acomp"):
            mods.append(c)
    for c in head.children:
        if c.dep_ in ("advmod", "amod", "acl"):
            mods.append(c)
    for m in mods:
        near |= _classes([m])
        if m.dep_ in ("relcl", "acl"):
            n2, p2 = _predicate_evidence(m)
            near |= n2 | p2
    if "killed" in near or "injured" in near or "hospitalized" in near or "detained" in near:
        return _decide(near, set()), attacker
    # climb to the predicate the anchor is an argument of
    t = anchor
    while t.dep_ in ("conj", "appos") and t.head is not t:
        t = t.head
    rel, verb = t.dep_, t.head
    if rel == "pobj" and verb.lower_ == "by" and verb.head is not verb:
        rel, verb = "agent", verb.head
    elif rel == "pobj" and verb.lower_ in ("of", "among") and verb.head is not verb:
        holder = verb.head
        hcls = _WORD_CLASS.get(holder.lower_)
        if holder.lower_ in ("deaths", "death", "killings", "murders", "murder"):
            return "killed", attacker
        if hcls in ("killed", "injured") and holder.pos_ == "NOUN":
            return hcls, attacker
        if holder.lower_ in ("crowd", "audience"):
            return "attendance", attacker
        if holder.lower_ == "capacity":
            return "capacity", attacker
        return _decide(near, set()), attacker
    if rel not in ("nsubj", "nsubjpass", "dobj", "agent", "ROOT", "attr", "npadvmod", "appos",
                   "dative", "conj", "advcl"):
        return _decide(near, set()), attacker
    if rel == "ROOT":
        verb = t
    if rel == "nsubj" and (_is_active_agent(t, verb) or any(
            _is_active_agent(t, c) for c in verb.children if c.dep_ == "conj")
            or verb.lower_ in ("shooting", "firing", "fired", "opened", "entered")):
        return ("attackers" if attacker else None), attacker
    if any(c.dep_ == "neg" for c in verb.children):
        return None, attacker  # "one victim was not hospitalized"
    n2, p2 = _predicate_evidence(verb)
    if rel == "agent" and verb.lower_ in ("attended",):
        return "attendance", attacker
    cls = _decide(near | n2, p2)
    if cls in ("attendance", "capacity") and rel != "agent":
        cls = None
    return cls, attacker


# ---------------------------------------------------------------- single victims

_CASUALTY_PREDICATES = lexicon.mapping("casualty_predicates", "single_victim_predicates")


_NON_PERSON_LABELS = frozenset({"GPE", "LOC", "ORG", "FAC", "NORP", "PRODUCT", "EVENT",
                                "WORK_OF_ART", "LAW", "DATE", "TIME", "MONEY", "CARDINAL"})
_NON_PERSON_NOUNS = lexicon.words("person_nouns", "non_person_nouns")
_REFLEXIVE = lexicon.words("person_nouns", "reflexive")


def _ent_label(tok, seg: _Segment) -> str | None:
    a = seg.start + tok.idx
    for s, e, label in seg.ents:
        if s <= a < e:
            return label
    return None


def _in_age(tok) -> bool:
    """A numeral inside '16-year-old' / 'five-year-old'."""
    doc = tok.doc
    nxt = [doc[k].lower_ for k in range(tok.i + 1, min(tok.i + 3, len(doc)))]
    return bool(nxt) and (nxt[0] in ("year", "years", "month", "months", "week", "day") or (
        nxt[0] == "-" and len(nxt) > 1 and nxt[1] in ("year", "years", "month", "months", "week",
                                                      "day")))


def _is_age_noun(tok) -> bool:
    """'16-year-old' used as a noun: spaCy splits it, 'old' heads '16 - year -'."""
    return tok.lower_ == "old" and any(c.lower_ in ("year", "month", "week", "day", "years")
                                       for c in tok.children)


def _singular_argument(tok, seg: _Segment, strict: bool) -> bool:
    """A singular person: 'a man', 'the 15-year-old', a PERSON name, he/she.

    strict=False (for died/killed/shot/wounded, whose patient is nearly always a person)
    also accepts any singular common noun that is not a known thing ('a sophomore').
    """
    w = tok.lower_
    if w in _SG_PRONOUNS or w in _REFLEXIVE:
        return True
    if any(c.dep_ == "nummod" and not _in_age(c) for c in tok.children):
        return False
    if any(c.lower_ in ("no", "each", "every", "any", "all") for c in tok.children):
        return False
    if _is_age_noun(tok):
        return True
    if tok.tag_ in ("NNS", "NNPS") or tok.pos_ not in ("NOUN", "PROPN"):
        return False
    if w in _NON_PERSON_NOUNS:
        return False
    label = _ent_label(tok, seg)
    if label == "PERSON":
        return True
    if label in _NON_PERSON_LABELS:
        return False
    if w in _PERSON_SG or tok.pos_ == "PROPN":
        return True
    return not strict


def _count_persons(tok, seg: _Segment, strict: bool) -> int:
    """1 for the argument, plus its singular-person conjuncts ('Smith and his wife',
    'West, Dearmond and McPherson')."""
    n = 1
    if any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in tok.children):
        return 1  # "his brother or a friend was dead": one of them
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop()
        if _singular_argument(c, seg, True) and (
            c.pos_ != "PROPN" or _ent_label(c, seg) == "PERSON"
        ):
            n += 1
            stack.extend(x for x in c.children if x.dep_ == "conj")
    return n


_STRICT_FREE = lexicon.words("casualty_predicates", "person_patient_predicates")
_DEATH_NOUNS = lexicon.words("casualty_predicates", "death_nouns")


def _arguments(v, w: str) -> list:
    """Who a casualty predicate counts: passive subject, subject of died/dead/suffered/is,
    object of an active kill/shoot, the noun a reduced relative ('a man shot in the leg') or a
    'who' relative clause hangs on."""
    args = []
    subj_verb = v
    if v.dep_ in ("acomp", "oprd") and v.head.pos_ in ("AUX", "VERB"):
        subj_verb = v.head
    if v.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in v.children):
        subj_verb = v.head
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in subj_verb.children)
    for c in subj_verb.children:
        if c.dep_ == "nsubjpass":
            args.append(c)
        elif c.dep_ == "nsubj" and (w in ("died", "dies", "dead", "suffered", "sustained", "is",
                                          "was", "remains", "remained", "listed")
                                    or subj_verb.lower_ in ("is", "was", "remains", "died")):
            args.append(c)
    if not passive and w in ("killed", "shot", "wounded", "injured", "murdered", "struck",
                             "shoots", "kills", "shooting", "killing"):
        args.extend(c for c in v.children if c.dep_ == "dobj")
    if v.dep_ in ("acl", "amod") and v.head.pos_ in ("NOUN", "PROPN") and v.head.i < v.i:
        args.append(v.head)
    if v.dep_ == "relcl" and v.head.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("who", "that") for c in v.children):
            args.append(v.head)
    return args


def _reference(head, phrase, seg: _Segment) -> tuple:
    """How a single-victim phrase refers: ('pron',), ('name', tokens), ('def',), ('indef',)."""
    w = head.lower_
    if w in _REFLEXIVE:
        return ("pron", frozenset({"reflexive"}))
    if w in _SG_PRONOUNS:
        return ("pron", frozenset())
    names = frozenset(t.lower_ for t in phrase if t.pos_ == "PROPN" and t.lower_ not in ("’s", "'s"))
    if head.pos_ == "PROPN" or _ent_label(head, seg) == "PERSON":
        return ("name", names or frozenset({w}))
    first = phrase[0].lower_
    if first in ("the", "this", "that"):
        return ("def", frozenset({w}))
    return ("indef", frozenset({w}))


_PERSON_SG_ALT = "|".join(sorted(_PERSON_SG, key=len, reverse=True))
# a single person written before a casualty predicate: "A 23-year-old man", "the victim",
# "his wife", "she"; PERSON names come from the NER doc
_PRED_RX = re.compile(
    r"\b(?P<k>shot\s+and\s+killed|shot,\s+killed|shot\s+dead|shot\s+to\s+death|gunned\s+down|killed|"
    r"slain|murdered|pronounced\s+dead|found\s+dead|died|dies|fatally\s+(?:shot|wounded|injured)|"
    r"did\s+not\s+survive|didn['’]t\s+survive|succumbed|declared\s+(?:dead|deceased)|passed\s+away|"
    r"is\s+dead|was\s+dead)\b"
    r"|\b(?P<i>wounded|injured|hurt|grazed|(?:is|was|are|were)\s+(?:now\s+|still\s+)?recovering|"
    r"treated\s+for\s+(?:[\w'’-]+\s+){0,3}?(?:injuries|injury|wounds?)|"
    r"not\s+(?:seriously|critically|severely|badly)\s+(?:injured|hurt|wounded)|"
    r"in\s+(?:critical|serious|stable|fair|good|grave|satisfactory)"
    r"\s+condition|(?:suffered|sustained|has|had)\s+(?:(?:minor|serious|critical|severe|life|non|"
    r"threatening|multiple|several|significant|grave|possible|what|appeared|to|be|are|were|a|an|"
    r"described|as|some|the|other|bodily|non-life-threatening|life-threatening|head|leg|arm|"
    r"facial)[\s-]+){0,5}(?:injuries|injury|wounds))\b"
    r"|\b(?P<s>shot|struck\s+by\s+(?:a\s+)?(?:stray\s+)?(?:bullets?|gunfire|rounds?|shots?)|"
    r"hit\s+by\s+(?:a\s+)?(?:stray\s+)?(?:bullets?|gunfire|rounds?|shots?)|"
    r"(?:suffered|sustained|has|had|with|suffering\s+from|suffering)\s+(?:(?:a|an|one|two|three|multiple|several|single|"
    r"apparent|possible|fatal|serious|critical|self-inflicted|non-life-threatening|minor)\s+)"
    r"{0,3}gunshot\s+wounds?)\b(?!\s+at\b)"
    r"|\b(?P<h>(?:taken|transported|rushed|airlifted|flown|driven)\s+to\s+(?:a|the|an)?\s*"
    r"(?:[\w'’.-]+\s+){0,5}?(?:hospital|medical\s+center|trauma\s+center)|hospitali[sz]ed)\b"
    r"|\b(?P<a>killing|kills|murdering|fatally\s+shooting|shooting|shoots|wounding|injuring|"
    r"wounds|injures)\b",
    re.IGNORECASE,
)
_NP_WORDS = (  # a single person: "his infant daughter", "a 15-year-old", "her"
    rf"(?:(?:a|an|the|his|her|their|another)\s+)?(?:(?!(?:and|or|of|in|at|to|with|that|which|who|"
    rf"was|were|is|are|has|had|injured|killed|wounded|shot|an|a|the)\b)"
    rf"[\w'’-]+\s+){{0,3}}?(?:[\w'’]+-)?(?:{_PERSON_SG_ALT}|[\w]+-year-old)|him|her|himself|herself"
)
_OBJ_AFTER = re.compile(  # "killed his wife", "fatally shot a 15-year-old"
    rf"\s+(?P<np>{_NP_WORDS})\b(?P<more>(?:(?:\s*,\s*(?:{_NP_WORDS})\b){{0,2}}\s*,?\s+and\s+(?:{_NP_WORDS})\b)?)",
    re.IGNORECASE,
)
_DEATH_OF = re.compile(
    rf"\b(?:death|killing|murder|slaying|(?:fatal|deadly)\s+shooting)\s+of\s+(?:\d+-year-old\s+)?(?P<np>(?:(?:a|an|the|his|her|their)\s+)?"
    rf"(?:[\w'’-]+\s+){{0,3}}?(?:{_PERSON_SG_ALT}|[\w]+-year-old))\b",
    re.IGNORECASE,
)


def _regex_reference(np: str, is_name: bool) -> tuple:
    """'he' -> pron; a name -> name tokens; 'the boy' -> def (anaphoric); 'a man', 'his wife',
    'Stoffel's wife' -> indef (a new person)."""
    w = np.split()[0].lower() if np.split() else ""
    if np.lower() in _REFLEXIVE:
        return ("pron", frozenset({"reflexive"}))
    if np.lower() in _SG_PRONOUNS:
        return ("pron", frozenset())
    if is_name:
        return ("name", frozenset(t.lower() for t in np.split()))
    if w in ("the", "this", "that"):
        return ("def", frozenset({np.split()[-1].lower()}))
    return ("indef", frozenset({np.split()[-1].lower()}))


_TOK = re.compile(r"[\w'’-]+|[,;:.!?()\"“”—–]")
_SKIP_BEFORE = lexicon.words("claims_grammar", "skip_before_predicate")
_PASSIVE_AUX = lexicon.words("claims_grammar", "passive_aux")
_DETS = lexicon.words("claims_grammar", "determiners")
_NP_STOP = lexicon.words("claims_grammar", "np_stop")
_NOT_NAMES = lexicon.words("person_nouns", "not_names")
_NAME_TOKEN = re.compile(r"\A(?:[A-Z]['’])?[A-Z][a-z]+(?:['’]s)?(?:-[A-Z][a-z]+)?\Z")
_AGE_TOKEN = re.compile(r"\A[\w]+-(?:year|month|week)s?-old\Z")


def _np_ending_at(toks: list, k: int, persons_by_end: dict,
                  name_ok=None) -> tuple[int, int, bool] | None:
    """The single-person noun phrase whose last token is toks[k]: (start, end, is_name)."""
    if k < 0:
        return None
    s0, e0, w = toks[k]
    if e0 in persons_by_end:
        return persons_by_end[e0], e0, True
    if name_ok is not None and name_ok(s0, e0):
        # a capitalised name the NER missed ("Cattron was pronounced dead")
        start = s0
        j = k - 1
        while j >= 0 and name_ok(toks[j][0], toks[j][1]) and k - j < 3:
            start = toks[j][0]
            j -= 1
        return start, e0, True
    if not (w in _PERSON_SG or w in ("he", "she") or _AGE_TOKEN.match(w)):
        return None
    start = s0
    if w in ("he", "she"):
        return start, e0, False
    for j in range(k - 1, max(-1, k - 4), -1):
        sj, _, wj = toks[j]
        if not wj[0].isalnum() or wj in _NP_STOP:
            break
        if wj in _DETS or wj.endswith(("'s", "’s")):
            start = sj
            break
    return start, e0, False


def _singular_regex(seg: _Segment, covered: list[tuple[int, int]]) -> list[_Claim]:
    """Single victims found with patterns, for sentences that are not parsed."""
    out = []
    seen = set()
    text = seg.text
    # PERSON names, and names the NER mislabels right after an age ("23-year-old Davienne Lewis")
    persons = [(a - seg.start, b - seg.start) for a, b, lab in seg.ents if lab == "PERSON" or (
        lab in ("ORG", "GPE", "NORP", "FAC") and _AGE_BEFORE.search(text, 0, a - seg.start))]
    persons_by_end = {b: a for a, b in persons}
    persons_by_start = {a: b for a, b in persons}
    toks = [(m.start(), m.end(), m.group(0).lower()) for m in _TOK.finditer(text)]
    starts = [t[0] for t in toks]

    survived = _lived(seg)
    words = text.split()
    headline_case = sum(w[:1].isupper() for w in words) > 0.6 * len(words)

    def add(cls: str, a: int, b: int, is_name: bool, n: int = 1, also: bool = False) -> None:
        start, end = seg.start + a, seg.start + b
        if any(s < end and start < e for s, e in covered) or (cls, start) in seen:
            return
        seen.add((cls, start))
        out.append(_Claim("injured" if cls == "shot" else cls, n, n, n, "exact", start, end,
                          ref=_regex_reference(text[a:b], is_name),
                          overlap="article" if cls == "shot" and not survived and not also
                          else None))

    ents_at = {}
    for a, b, lab in seg.ents:
        for q in range(a - seg.start, b - seg.start):
            ents_at[q] = lab

    def name_ok(a: int, b: int) -> bool:
        word = text[a:b]
        return (_NAME_TOKEN.match(word) is not None and word.lower() not in _NOT_NAMES
                and ents_at.get(a) in (None, "PERSON", "FAC", "PRODUCT", "WORK_OF_ART"))

    def name_loose(a: int, b: int) -> bool:  # a conjunct of a person: NER labels are weak here
        word = text[a:b]
        return (_NAME_TOKEN.match(word) is not None and word.lower() not in _NOT_NAMES
                and ents_at.get(a) not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "ORG"))

    for m in _PRED_RX.finditer(text):
        cls = {"k": "killed", "i": "injured", "s": "shot", "h": "hospitalized", "a": None}[m.lastgroup]
        k = bisect.bisect_left(starts, m.start()) - 1  # last token before the predicate
        passive = also = False
        while k >= 0 and toks[k][2] in _SKIP_BEFORE:
            passive = passive or toks[k][2] in _PASSIVE_AUX
            also = also or toks[k][2] == "also"  # "X, Y and Z were also shot": besides the dead
            k -= 1
        appos_name = None
        if k >= 0 and toks[k][2] == ",":  # "Smith, 23, was killed": skip an apposition
            if toks[k][0] in persons_by_end:  # "a football player, Eli Johnson, is recovering"
                appos_name = (persons_by_end[toks[k][0]], toks[k][0], True)
            j = k - 1
            while j >= 0 and k - j < 16 and toks[j][2] not in (",", ".", ";"):
                j -= 1
            k = j - 1 if j >= 0 and toks[j][2] == "," else -1
        elif k >= 1 and text[toks[k][0]:toks[k][0] + 1].isupper() and toks[k][0] not in persons_by_end:
            # "Davienne Lewis from Springfield died": skip where the person is from
            j = k - 1
            while j >= 0 and k - j < 4 and text[toks[j][0]:toks[j][0] + 1].isupper():
                j -= 1
            if j >= 1 and toks[j][2] in ("from", "of") and (
                    toks[j - 1][1] in persons_by_end or name_ok(toks[j - 1][0], toks[j - 1][1])):
                k = j - 1
        pred = m.group(m.lastgroup).lower()
        if pred.startswith("suffering"):
            passive = True  # "found a girl suffering from a gunshot wound"
        if pred.startswith("in ") and not _COPULA_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
            continue  # "taken to Stroger in critical condition": the copula names who
        if cls == "shot" and not passive and not pred.startswith(("suffered", "sustained", "has",
                                                                 "had", "with", "struck", "hit")):
            cls = None  # active "shot": the subject is the shooter
        obj = _OBJ_AFTER.match(text, m.end()) if m.lastgroup in ("k", "s", "a", "i") else None
        if cls == "injured" and obj is not None and not passive:
            cls = None  # "Smith wounded a police officer": the object is counted below
        if cls == "killed" and not passive and (obj is not None or _DET_AFTER.match(text, m.end())):
            cls = None  # "Smith killed his wife": the object is counted below
        if cls is not None and k >= 0 and toks[k][2] in ("and", "but") and out:
            # "He was taken to a hospital but died": the same person as the clause before
            last = out[-1]
            add(cls, last.start - seg.start, last.end - seg.start, last.ref[0] == "name")
            cls = None
        if cls is not None:
            np = _np_ending_at(toks, k, persons_by_end, name_ok) or appos_name
            if np is not None:
                # "Smith and his wife were killed": count the coordinated people too
                a0, n = np[0], 1
                j = bisect.bisect_left(starts, a0) - 1
                oxford = j >= 1 and toks[j][2] == "and" and toks[j - 1][2] == ","
                if j >= 1 and toks[j][2] == "and":
                    # "X and Y", "X, Y and Z", "X, Y, and Z" (", and" alone joins clauses)
                    j -= 1 if toks[j - 1][2] != "," else 2
                    while j >= 0 and n < 5:
                        prev = _np_ending_at(toks, j, persons_by_end,
                                             name_loose if np[2] else name_ok)
                        if prev is None:
                            break
                        a0, n = prev[0], n + 1
                        j = bisect.bisect_left(starts, a0) - 1
                        if j < 1 or toks[j][2] != ",":
                            break
                        j -= 1
                if oxford and n < 3 and not np[2]:
                    a0, n = np[0], 1
                add(cls, a0 if n > 1 else np[0], np[1], np[2] and n == 1, n, also)
        active = None
        if pred in ("shooting", "killing", "wounds", "kills", "shoots", "injures") and k >= 0 and (
                toks[k][2] in _NOUN_BEFORE_GERUND or toks[k][2].endswith("-by")):
            pred = ""  # "a recent shooting that injured ...", "bullet wounds": nouns, not verbs
        if not passive and pred in ("killed", "murdered", "shot", "fatally shot", "shot and killed",
                                    "killing", "kills", "murdering", "fatally shooting",
                                    "shooting", "shoots", "wounded", "wounding", "wounds",
                                    "injured", "injuring", "injures"):
            active = "shot" if pred in ("shot", "shooting", "shoots") else (
                "injured" if pred.startswith(("wound", "injur")) else "killed")
        if active is not None:
            gap = _AGE_GAP.match(text, m.end())
            b = persons_by_start.get(gap.end())
            j = bisect.bisect_left(starts, gap.end())
            if b is None and j < len(toks) and toks[j][0] == gap.end() and not headline_case \
                    and pred in _ACTIVE_VERBS and k >= 0 and toks[k][2][:1].isalpha():
                # "They shot Giddings": a name the NER did not label PERSON (not "shot Milwaukee
                # Officer": a name followed by a capitalised word or a person noun modifies it)
                k2 = j
                while k2 < min(j + 3, len(toks)) and name_loose(toks[k2][0], toks[k2][1]) and \
                        ents_at.get(toks[k2][0]) not in _NOT_OBJECT_NAME:
                    k2 += 1
                if k2 > j and not (k2 < len(toks) and (text[toks[k2][0]].isupper()
                                                       or toks[k2][2] in _PERSON_NOUNS
                                                       or toks[k2][2] in _NOT_NAMES
                                                       or toks[k2][2] == ":")):
                    b = toks[k2 - 1][1]
            if b is not None:
                add(active, gap.end(), b, True)
            elif obj is not None:
                more = len(_CONJ_MARK.findall(obj.group("more"))) if obj.group("more") else 0
                end = obj.end("more") if more else obj.end("np")
                add(active, obj.start("np"), end, False, 1 + min(more, 4))
    if seg.words & _LEFT_GATE:
        for m in _LEFT_NP.finditer(text):  # "a shooting that left a 19-year-old man dead"
            add("killed" if m.group("w").lower() == "dead" else "injured",
                m.start("np"), m.end("np"), False)
    if "of" in seg.words:
        for m in _DEATH_OF.finditer(text):
            add("killed", m.start("np"), m.end("np"), False)
        for m in _DEATH_OF_NAME.finditer(text):
            b = persons_by_start.get(m.end())
            if b is not None:
                add("killed", m.end(), b, True)
    return out


_ACTIVE_VERBS = lexicon.words("casualty_predicates", "active_verbs")
_NOT_OBJECT_NAME = frozenset({"FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "MONEY"})
_AGE_BEFORE = re.compile(r"\b(?:\d+|[a-z]+(?:-[a-z]+)?)-year-old\s+\Z", re.IGNORECASE)
_DEATH_OF_NAME = re.compile(
    r"\b(?:death|killing|murder|slaying|(?:fatal|deadly)\s+shooting)\s+of\s+(?:(?:\d+|[a-z]+)-year-old\s+)?",
    re.IGNORECASE,
)
# a sentence saying the person shot lived: the shot count is an injured count
_SURVIVED_GATE = lexicon.words("claims_gates", "survived")
_SURVIVED = re.compile(
    r"\b(?:survived|survive|surviving|survivor|recovering|recovered|expected\s+to\s+recover|"
    r"stable|non-?\s?life-threatening|not\s+(?:considered\s+|believed\s+to\s+be\s+)?life-threatening|"
    r"(?:treated\s+and\s+)?released\s+from\s+(?:the\s+)?hospital|treated\s+and\s+released|"
    r"in\s+(?:good|fair|stable|serious|critical)\s+condition|"
    r"(?:was|were|been)\s+treated\s+(?:at|in|for|and))\b",
    re.IGNORECASE,
)


def _lived(seg: "_Segment") -> bool:
    """The sentence says the people shot lived ('survived', 'stable condition')."""
    return bool(seg.words & _SURVIVED_GATE) and _SURVIVED.search(seg.text) is not None
_COPULA_BEFORE = re.compile(r"\b(?:is|was|were|are|remains|remained|listed|been|be|left|still)\s+\Z")
_NOUN_BEFORE_GERUND = lexicon.words("claims_grammar", "noun_before_gerund")
_LEFT_GATE = lexicon.words("claims_gates", "left")
_LEFT_NP = re.compile(
    rf"\b(?:left|leaves|leaving|leave)\s+(?P<np>{_NP_WORDS})\s+(?P<w>dead|injured|wounded|hurt)\b",
    re.IGNORECASE,
)
_DET_AFTER = re.compile(r"\s+(?:his|her|their|a|an|the|two|three|four|five|\d+)\b", re.IGNORECASE)
_AGE_GAP = re.compile(r"\s*(?:\d+-year-old\s+|[a-z]+-year-old\s+)?")


def _singular_claims(p, seg: _Segment, covered: list[tuple[int, int]]) -> list[_Claim]:
    out = []
    seen = set()

    def add(cls: str, a, strict: bool, n: int | None = None) -> None:
        i, j = _noun_phrase_bounds(a)
        start = seg.start + p[i].idx
        end = seg.start + p[j - 1].idx + len(p[j - 1].text)
        if any(s < end and start < e for s, e in covered) or (cls, start) in seen:
            return
        seen.add((cls, start))
        n = n or _count_persons(a, seg, strict)
        claim_cls = "injured" if cls == "shot" else cls
        out.append(_Claim(claim_cls, n, n, n, "exact", start, end, ref=_reference(a, p[i:j], seg),
                          overlap="article" if cls == "shot" and not _lived(seg) else None))

    for v in p:
        w = v.lower_
        if w in _DEATH_NOUNS and v.pos_ == "NOUN":
            # "the shooting death of a 3-year-old girl", "Friend's Shooting Death"
            for c in v.children:
                cand = None
                if c.dep_ == "poss":
                    cand = c
                elif c.dep_ == "prep" and c.lower_ == "of":
                    cand = next((o for o in c.children if o.dep_ == "pobj"), None)
                if cand is not None and cand.lower_ not in ("his", "her", "their", "its") and \
                        _singular_argument(cand, seg, True):
                    add("killed", cand, True)
            continue
        if w not in _CASUALTY_PREDICATES or v.pos_ not in ("VERB", "ADJ", "AUX", "NOUN"):
            continue
        if v.pos_ == "NOUN" and w != "dead":
            continue
        if w in ("shooting", "killing", "wounding", "injuring") and v.pos_ != "VERB":
            continue
        cls = _CASUALTY_PREDICATES[w]
        near, prep = _predicate_evidence(v)
        if cls is None or cls == "shot":
            cls2 = _decide(near, prep)
            if cls is None:
                cls = cls2 if cls2 in ("killed", "injured", "hospitalized", "shot") else None
            elif cls2 in ("killed", "injured"):
                cls = cls2
        if cls is None:
            continue
        strict = w not in _STRICT_FREE
        for a in _arguments(v, w):
            if a.dep_ in ("nsubj", "nsubjpass") and a.lower_ in ("who", "that") and v.dep_ == "relcl":
                continue
            if a.lower_ == "both" or (a.lower_ == "they" and any(
                    c.lower_ == "both" for c in list(a.children) + list(a.head.children))):
                add(cls, a, strict, 2)  # "both died", "they were both pronounced dead"
                continue
            if not _singular_argument(a, seg, strict):
                continue
            add(cls, a, strict)
    return out


# ---------------------------------------------------------------- attribution

_SAY_RX = re.compile(
    r"\b(?:said|says|say|told|tells|reported|reports|confirmed|confirms|announced|announces|"
    r"stated|states|released|releases|added|adds|noted|notes|revealed|reveals|estimated|"
    r"estimates|indicated|tweeted|posted|wrote|writes|declared|believe|believes|identified)\b"
)
_ACCORDING = re.compile(r"\b(?:according\s+to|per|citing)\s+", re.IGNORECASE)
_SOURCE_NOUNS = lexicon.words("sources", "source_nouns")
_SRC_SKIP = lexicon.words("sources", "skip_before_say")
_SRC_TOKEN = re.compile(r"[\w'’.&-]+|[,;:()\"“”—–]")


def _sources(seg: _Segment) -> list[tuple[int, int]]:
    """Spans (into body) of the sources a sentence names: 'police said', 'according to the
    Cook County coroner', 'said Sgt. John Smith', 'The Moscow Regional Health Ministry
    released'. NER entities (ORG, PERSON, GPE, NORP, FAC) give the span when they cover it."""
    text = seg.text
    if not (seg.words & _SAY_WORDS):
        return []
    ents = [(a - seg.start, b - seg.start, lab) for a, b, lab in seg.ents if lab in _SOURCE_LABELS]
    toks = [(m.start(), m.end(), m.group(0)) for m in _SRC_TOKEN.finditer(text)]
    starts = [t[0] for t in toks]
    out = []

    def backward(pos: int) -> tuple[int, int] | None:
        k = bisect.bisect_left(starts, pos) - 1
        while k >= 0 and toks[k][2].lower() in _SRC_SKIP:
            k -= 1
        if k < 0:
            return None
        end = toks[k][1]
        ent = next((e for e in ents if e[1] == end), None)
        if ent is not None:
            return _strip_the(text, ent[0], ent[1])
        if toks[k][2].lower() not in _SOURCE_NOUNS:
            return None
        start = toks[k][0]
        j = k - 1
        while j >= 0 and k - j <= 5 and (toks[j][2][:1].isupper() or toks[j][2] in ("’s", "'s")
                                         or toks[j][2].lower() in _SOURCE_NOUNS
                                         or toks[j][2].endswith(("'s", "’s"))) \
                and toks[j][2].lower() not in ("the", "a", "an"):
            start = toks[j][0]
            j -= 1
        return start, end

    def forward(pos: int) -> tuple[int, int] | None:
        k = bisect.bisect_left(starts, pos)
        if k < len(toks) and toks[k][2].lower() in ("the", "a", "an"):
            k += 1
        if k >= len(toks):
            return None
        ent = next((e for e in ents if e[0] <= toks[k][0] < e[1]), None)
        if ent is not None:
            return _strip_the(text, ent[0], ent[1])
        j = k
        while j < len(toks) and j - k < 6 and (toks[j][2][:1].isupper() or toks[j][2].lower()
                                              in _SOURCE_NOUNS or toks[j][2].endswith(("'s", "’s"))):
            j += 1
        if j > k and any(toks[x][2].lower() in _SOURCE_NOUNS for x in range(k, j)):
            return toks[k][0], toks[j - 1][1]
        return None

    for m in _SAY_RX.finditer(text):
        src = backward(m.start())
        if src is None and m.group(0) in ("said", "says", "told", "reported"):
            src = forward(m.end())  # "..., said Sgt. John Smith"
        if src is not None:
            out.append(src)
    for m in _ACCORDING.finditer(text):
        src = forward(m.end())
        if src is not None:
            out.append(src)
    return [(seg.start + a, seg.start + b) for a, b in out]


def _strip_the(text: str, a: int, b: int) -> tuple[int, int]:
    m = _THE.match(text[a:b])
    return (a + m.end(), b) if m and a + m.end() < b else (a, b)


_CLAUSE_BREAK = re.compile(r";|\b(?:while|whereas|but|although|though)\b")


def _nearest(sources: list[tuple[int, int]], c: "_Claim", body: str) -> tuple[int, int] | None:
    """The source nearest the figure within the same clause: a source across 'while', 'but',
    'although' or ';' gave another statement ("X confirmed the death toll, while medics
    treated over 100 injured")."""
    same_clause = [s for s in sources
                   if not _CLAUSE_BREAK.search(body[min(s[1], c.end):max(s[0], c.start)])]
    if not same_clause:
        return None
    return min(same_clause, key=lambda s: abs(s[0] - c.start))


# ---------------------------------------------------------------- scope (is_background)

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


class _Scope:
    """Whether the claims of one sentence are about the article's own incident (module
    docstring, "Scope"). ``reference`` is the incident date: event_date, else published."""

    __slots__ = ("other", "compare", "far", "seg")

    def __init__(self, seg: _Segment, published, event) -> None:
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
        for m in find_date_mentions(seg.text, published):
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

    def dated_elsewhere(self, c: _Claim):
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

    def background(self, c: _Claim) -> bool:
        if self.other:
            return True
        if self.compare is not False and c.start >= self.compare:
            return True  # "... since 2012, when a gunman killed 12 people"
        # the nearest date outside a comparison dates the figure ("60 dead, the worst since 2004")
        return self.dated_elsewhere(c) is not None


_RELATIVE = re.compile(r"\b(?:who|whom|whose|which|where)\b", re.IGNORECASE)
_DATE_METADATA = re.compile(r"\b(?:posted|updated?|published|last\s+modified)\b[^.\n]{0,25}\Z",
                            re.IGNORECASE)


# ---------------------------------------------------------------- per article

def _plan(body: str, doc, ents: list) -> list[_Segment]:
    segs = _segments(body, doc)
    k = 0
    for seg in segs:  # segments and entities are both in text order
        while k < len(ents) and ents[k][1] <= seg.start:
            k += 1
        seg.words = frozenset(_WORD_RX.findall(seg.text.lower()))
        if not (seg.words & _TRIGGER_WORDS):
            continue
        j = k
        while j < len(ents) and ents[j][0] < seg.end:
            j += 1
        seg.ents = ents[k:j]
        # scan with some text before the sentence: "Image 33 of | 33 6 members ..." needs it
        ctx = max(0, seg.start - 30)
        seg.figures = [
            Figure(f.surface, f.start + ctx, f.end + ctx, f.value_stated, f.value_low,
                   f.value_high, f.qualifier, f.kind, f.num_start + ctx, f.num_end + ctx)
            for f in find_figures(body[ctx:seg.end]) if f.start + ctx >= seg.start
        ]
        seg.singular = bool(seg.words & _SINGULAR_WORDS)
        for f in seg.figures:
            adj = _type_from_adjacent(seg, f)
            seg.adjacent[f.start] = adj
            if adj[0] is None and (f.kind == "indefinite" or _PERSONLIKE_AFTER.match(
                    seg.text[f.end - seg.start:f.end - seg.start + 60])):
                seg.wants_parse = True
    return segs


PARSE_SHARE = 0.10  # parse at most this share of an article's characters (throughput budget)


def _choose_parses(segs: list[_Segment], body_len: int) -> list[_Segment]:
    """Sentences worth a dependency parse, best first, within PARSE_SHARE of the article:
    sentences with a figure the adjacent words do not type, then the first two sentences
    with a casualty word (title and lead carry the core facts). The first always fits."""
    first = [s for s in segs if s.wants_parse]
    lead = [s for s in segs if s.singular and not s.wants_parse][:2]
    budget = PARSE_SHARE * body_len
    chosen, used = [], 0
    for s in first + lead:
        if chosen and used + len(s.text) > budget:
            continue
        chosen.append(s)
        used += len(s.text)
    return chosen


_ORDINALS = lexicon.mapping("numbers", "ordinals")
_ORDINAL_PERSON = re.compile(
    rf"\b(?:a|the|another)\s+(?P<ord>{'|'.join(_ORDINALS)})\s+(?:[\w-]+\s+)?"
    r"(?P<noun>victim|person|man|woman|boy|girl|teen|teenager|child|suspect|gunman|shooter|"
    r"attacker|assailant|male|female|individual)\b",
    re.IGNORECASE,
)
_COORD_GAP = re.compile(
    rf"\A(?:\s+(?:[\w-]+\s+){{0,2}}?(?:{_PERSON_ALT}|[a-z]+-year-olds?))?\s*(?:,\s*and|,|and|&)\s+\Z",
    re.IGNORECASE,
)
_LEAD_PERSON = re.compile(
    rf"(?:\b(?:a|an|the|his|her|their)\s+)?(?:[\w-]+\s+)?\b(?:{'|'.join(sorted(_PERSON_SG, key=len, reverse=True))}"
    r"|[\w]+-(?:year|month|week)-old)"
    r"\s*(?:,\s*and|,|and|&)\s*\Z",
    re.IGNORECASE,
)
_TRAIL_SELF = re.compile(r"\A\s*(?:,\s*and|,|and|&)\s*(?:him|her)?self\b", re.IGNORECASE)
_MEMBER_NOUN = re.compile(rf"\A\s+(?:[\w-]+\s+){{0,2}}?(?:{_PERSON_ALT}|[a-z]+-year-olds?)\b", re.IGNORECASE)


_MULTIPLIERS = lexicon.mapping("numbers", "multipliers")
_MULTI = re.compile(
    r"(?<!attempted\s)\b(?P<m>double|triple|quadruple|quintuple)[\s-]+(?P<n>(?:murder|homicide)"
    r"[\s/-]+suicide|murder|homicide|killing|slaying|fatal\s+shooting|shooting)\b(?!s)",
    re.IGNORECASE,
)
_MURDER_SUICIDE = re.compile(
    r"(?<!attempted\s)(?<![\w-])(?:murder|homicide)[\s/-]+suicide\b(?!s)", re.IGNORECASE
)
_SUICIDE = re.compile(
    r"(?<!tried\sto\s)(?<!attempted\sto\s)(?<!threatened\sto\s)(?<!planned\sto\s)"
    r"(?<!wanted\sto\s)(?<!trying\sto\s)\b(?:turn(?:ed|ing|s)?\s+(?:the\s+|a\s+|his\s+|her\s+)?(?:gun|weapon|rifle|handgun|shotgun|"
    r"pistol)\s+on\s+(?:himself|herself|themselves)|t(?:ook|aking|akes|ake)\s+(?:his|her|their)\s+"
    r"own\s+li(?:fe|ves)|"
    r"kill(?:ed|ing|s)?\s+(?:himself|herself|themselves)|(?:then|before|and)\s+sho(?:t|oting)\s+"
    r"(?:himself|herself)|committ(?:ed|ing)\s+suicide)\b",
    re.IGNORECASE,
)


def _multiple_figures(seg: _Segment) -> list[tuple[Figure, str]]:
    """'a double homicide' -> killed 2; 'a triple shooting' -> 3 shot; 'a murder-suicide' ->
    killed at least 2 (the victim and the killer)."""
    out = []
    taken = []
    if not (seg.words & _MULTI_GATE):
        return out
    for m in _MULTI.finditer(seg.text):
        n = _MULTIPLIERS[m.group("m").lower()]
        noun = m.group("n").lower()
        a, b = seg.start + m.start(), seg.start + m.end()
        if "suicide" in noun:
            fig = Figure(m.group(0), a, b, n + 1, n + 1, None, "at_least", "multiple", a, b)
            out.append((fig, "killed"))
        else:
            fig = Figure(m.group(0), a, b, n, n, n, "exact", "multiple", a, b)
            out.append((fig, "shot" if noun == "shooting" else "killed"))
        taken.append((m.start(), m.end()))
    for m in _MURDER_SUICIDE.finditer(seg.text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        a, b = seg.start + m.start(), seg.start + m.end()
        out.append((Figure(m.group(0), a, b, 2, 2, None, "at_least", "multiple", a, b), "killed"))
    return out


def _member_end(seg: _Segment, fig: Figure) -> int:
    m = _MEMBER_NOUN.match(seg.text[fig.end - seg.start:])
    return fig.end + (m.end() if m and fig.kind == "number" else 0)


def _ordinal_figures(seg: _Segment) -> list[Figure]:
    """'a third victim', 'the second suspect': at least that many (an inference, qualifier
    at_least)."""
    out = []
    if not (seg.words & _ORDINAL_GATE):
        return out
    for m in _ORDINAL_PERSON.finditer(seg.text):
        n = _ORDINALS[m.group("ord").lower()]
        a, b = seg.start + m.start(), seg.start + m.end()
        out.append(Figure(m.group(0), a, b, n, n, None, "at_least", "ordinal",
                          seg.start + m.start("ord"), seg.start + m.end("ord")))
    return out


def _fig_tokens(p, seg: _Segment, fig: Figure) -> list:
    rel_a, rel_b = fig.num_start - seg.start, fig.num_end - seg.start
    return [t for t in p if t.idx < rel_b and t.idx + len(t.text) > rel_a]


def _classify(seg: _Segment, p, fig: Figure) -> tuple[str | None, bool]:
    """(class of the figure, counted noun is an attacker noun)."""
    if fig.kind == "ordinal":
        cls, attacker = _adjacent_words(seg, fig), False
    elif fig.start in seg.adjacent:
        cls, attacker = seg.adjacent[fig.start]
    else:
        cls, attacker = _type_from_adjacent(seg, fig)
    adjacent = cls
    toks = _fig_tokens(p, seg, fig) if p is not None else None
    if toks:
        pcls, p_attacker = _type_from_parse(fig, toks)
        attacker = attacker or p_attacker
        if cls is None:
            cls = pcls
        if cls in ("killed", "injured", "shot") and not attacker:
            # "two men shot a woman": the counted people are the shooters
            head, noun, anchor = _counted_noun(fig, toks)
            t = anchor
            while t.dep_ in ("conj", "appos") and t.head is not t:
                t = t.head
            if t.dep_ == "nsubj" and _is_active_agent(t, t.head) and adjacent is None:
                cls = None
    if fig.kind == "ordinal":
        noun = fig.surface.split()[-1].lower()
        if noun in _ATTACKER_NOUNS:
            attacker = True
        elif cls is None and noun == "victim":
            cls = "casualties"
    return cls, attacker


def _parse_group(p, seg: _Segment, fig: Figure, by_token: dict) -> tuple[int, int, list] | None:
    """The coordination a figure's noun belongs to, counted: "two children and a woman",
    "himself and his two daughters" -> (first token index, last token index, member figures
    or 1 for a single person)."""
    toks = _fig_tokens(p, seg, fig)
    if not toks:
        return None
    head, noun, anchor = _counted_noun(fig, toks)
    if noun is None:
        return None
    root = noun
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    members, stack = [], [root]
    while stack:
        m = stack.pop()
        stack.extend(c for c in m.children if c.dep_ == "conj")
        numeral = next((by_token[c.i] for c in m.subtree if c.i in by_token and c.head is m), None)
        if numeral is not None:
            members.append((m, numeral))
        elif _singular_argument(m, seg, True) and (m.pos_ != "PROPN" or _ent_label(m, seg) == "PERSON"):
            members.append((m, 1))
        else:
            return None
    if len(members) < 2:
        return None
    spans = sorted((_noun_phrase_bounds(m)[0], m.i, v) for m, v in members)
    for (a0, a1, _), (b0, b1, _) in zip(spans, spans[1:]):
        gap = p.text[p[a1].idx + len(p[a1].text):p[b0].idx] if b0 > a1 else None
        if gap is None or not _CONNECTOR.match(gap):
            return None  # members must be written next to each other: "X, Y and Z"
    return spans[0][0], spans[-1][1], [v for _, _, v in spans]


_CONNECTOR = re.compile(r"\A\s*(?:,\s*and|,|and|&|,\s*as\s+well\s+as)\s*\Z", re.IGNORECASE)
_GENERIC = lexicon.words("person_nouns", "generic_plural")


def _breakdown(parts: list, seg: _Segment) -> bool:
    """'six people, three men and three women' / 'five victims, four ...' lists parts of
    one count, not a coordination to add up."""
    first = parts[0]
    if not isinstance(first, Figure):
        return False
    rest = sum(v.value_low or 0 if isinstance(v, Figure) else v for v in parts[1:])
    if first.value_low is not None and first.value_low == rest:
        return True
    follow = seg.text[first.end - seg.start:first.end - seg.start + 60]
    after = _MEMBER_NOUN.match(follow)
    return bool(after) and after.group(0).split()[-1].lower() in _GENERIC and \
        "," in follow.split(" and ")[0]


def _sum_claim(parts: list, start: int, end: int, cls: str, overlap: str | None) -> _Claim | None:
    """One claim for a coordination: bounds add up; exact only when every part is."""
    low = high = 0
    exact = True
    for v in parts:
        if isinstance(v, Figure):
            if v.value_low is None:
                return None
            low += v.value_low
            high = None if (high is None or v.value_high is None) else high + v.value_high
            exact = exact and v.qualifier == "exact"
        else:
            low += v
            high = None if high is None else high + v
    qualifier = "exact" if exact else ("at_least" if high is None else "range")
    return _Claim(cls, low, low, high if high is not None else None, qualifier, start, end,
                  overlap=overlap)


_ELLIPSIS_BEFORE = re.compile(
    r"\b(?:mentioned|mention|cited|cite|citing|said|say|says|reported|report|gave|give|counted|"
    r"count|estimated|estimate|claimed|claim|listed|put\s+(?:it|the\s+(?:number|toll|figure))\s+at)"
    r"\s+\Z",
    re.IGNORECASE,
)
_BARE_AFTER = re.compile(r"\A\s*(?:[.,;:)!?]|\Z|\s+(?:while|and|but|or)\b)", re.IGNORECASE)


def _figure_claims(seg: _Segment, p, aggregate: bool) -> tuple[list[_Claim], list[tuple[int, int]]]:
    out: list[_Claim] = []
    covered = []
    figures = seg.figures + _ordinal_figures(seg)
    typed = []
    statistics = []  # figures of an aggregate sentence: kept as background claims
    for fig in figures:
        cls, attacker = _classify(seg, p, fig)
        if cls in ("killed", "injured", "shot", "casualties") and aggregate and \
                fig.kind not in ("indefinite", "ordinal"):
            statistics.append((fig, cls))
            cls = None
        typed.append([fig, cls, attacker])
    # ellipsis: "some sources citing three assailants while others mentioned five"
    for k, t in enumerate(typed):
        fig = t[0]
        if t[1] is not None or t[2] or fig.kind != "number" or k == 0:
            continue
        rel = fig.start - seg.start
        if _ELLIPSIS_BEFORE.search(seg.text[max(0, rel - 40):rel]) and _BARE_AFTER.match(
                seg.text[fig.end - seg.start:]):
            prev = next((u for u in reversed(typed[:k]) if u[1] is not None or u[2]), None)
            if prev is not None:
                t[1], t[2] = prev[1], prev[2]
    if not aggregate:
        typed.extend([fig, cls, False] for fig, cls in _multiple_figures(seg))
    # coordinations written out: "4 adults, 1 child shot", "three women and one man injured"
    plain = [t for t in typed if t[0].kind in ("number", "indefinite")]
    groups: list[list] = []
    for cur in plain:
        if groups:
            prev = groups[-1][-1][0]
            gap = seg.text[prev.end - seg.start:cur[0].start - seg.start]
            if _COORD_GAP.match(gap):
                groups[-1].append(cur)
                continue
        groups.append([cur])
    sums = []
    for g in groups:
        kinds = {t[1] for t in g if t[1] is not None}
        lead = _LEAD_PERSON.search(seg.text[:g[0][0].start - seg.start])
        if lead is not None and seg.text[:lead.start()].strip() not in ("",) and \
                seg.text[:lead.start()].rstrip()[-1:] not in (":", "-", "—", "–", "("):
            lead = None  # only a list that opens the sentence or headline: "Mother, 2 children"
        if lead is not None and len(kinds) == 1:
            g.insert(0, [1, None, False])  # "Mother, 2 children found dead"
        if len(kinds) != 1:
            continue
        if len(g) < 2 and not _TRAIL_SELF.match(seg.text[_member_end(seg, g[-1][0]) - seg.start:]):
            continue
        cls = kinds.pop()
        if cls not in ("killed", "injured", "shot", "hospitalized", "detained", "missing"):
            continue
        for t in g:
            t[1] = cls
        last = g[-1][0]
        end = last.end
        m = _MEMBER_NOUN.match(seg.text[end - seg.start:])
        if m and last.kind == "number":
            end += m.end()
        tail = _TRAIL_SELF.match(seg.text[end - seg.start:])
        if tail:  # "kills 3 bandmates, self"
            g.append([1, cls, False])
            end += tail.end()
        start = seg.start + lead.start() if g[0][0] == 1 else g[0][0].start
        sums.append((start, end, [t[0] for t in g], cls))
    if p is not None:
        by_token = {}
        for fig, cls, _ in typed:
            for t in _fig_tokens(p, seg, fig):
                by_token[t.i] = fig
        for fig, cls, _ in typed:
            if cls not in ("killed", "injured", "shot", "hospitalized", "detained", "missing"):
                continue
            grp = _parse_group(p, seg, fig, by_token)
            if grp is None:
                continue
            lo, hi, parts = grp
            start = seg.start + p[lo].idx
            end = seg.start + p[hi].idx + len(p[hi].text)
            sums.append((start, end, parts, cls))
    for fig, cls, attacker in typed:
        types = [cls] if cls is not None else []
        if attacker and cls in (None, "detained", "killed", "injured", "shot"):
            types.append("attackers")
        if not types:
            continue
        covered.append((fig.start, _member_end(seg, fig) if fig.kind == "number" else fig.end))
        for t in types:
            unit = "seats" if t == "capacity" else "people"
            claim_type = "injured" if t == "shot" else t
            out.append(_Claim(claim_type, fig.value_stated, fig.value_low, fig.value_high,
                              fig.qualifier, fig.start, fig.end, unit=unit,
                              overlap="article" if (t == "shot" and not _others(seg, fig)) else None))
    for fig, cls in statistics:
        covered.append((fig.start, _member_end(seg, fig)))
        out.append(_Claim("injured" if cls == "shot" else cls, fig.value_stated, fig.value_low,
                          fig.value_high, fig.qualifier, fig.start, fig.end, background=True,
                          overlap="sentence" if cls == "shot" and not _others(seg, fig) else None))
    seen = set()
    for start, end, parts, cls in sums:
        if (start, end) in seen:
            continue
        if _breakdown(parts, seg):
            continue
        seen.add((start, end))
        claim_type = "injured" if cls == "shot" else cls
        c = _sum_claim(parts, start, end, claim_type, "article" if cls == "shot" else None)
        if c is not None:
            c.value_stated = c.value_low
            out.append(c)
            covered.append((start, end))
    return out, covered


_OTHERS = re.compile(r"\A\s+(?:other|others|more|additional)\b", re.IGNORECASE)


def _others_at(body: str, end: int) -> bool:
    return bool(_OTHERS.match(body[end:end + 20]))


def _others(seg: _Segment, fig: Figure) -> bool:
    """'three others', 'two more people': disjoint from the people already counted."""
    return bool(_OTHERS.match(seg.text[fig.end - seg.start:fig.end - seg.start + 20]))


def _negated_claims(seg: _Segment) -> list[_Claim]:
    out = []
    if not (seg.words & _NEG_GATE):
        return out
    for m in _NEGATION.finditer(seg.text):
        for s, w in (("s", "w"), ("s2", "w2"), ("s3", "w3"), ("s4", "s4")):
            if m.group(s) is not None:
                word = m.group(w).lower().split()[-1] if m.group(w) else ""
                cls = _NEG_CLASS.get(word)
                if cls is None:
                    break
                a = seg.start + m.start(s)
                b = seg.start + m.end(s) if s != "s3" else seg.start + m.end(w)
                out.append(_Claim(cls, 0, 0, 0, "exact", a, b, negated=True))
                break
    return out


# the killer's suicide follows the killing: "killed X before/then ...", "by Y, who killed himself"
_SUICIDE_LINK = re.compile(r"\b(?:before|then|after|who|and)\b", re.IGNORECASE)


def _suicide_claims(seg: _Segment, found: list[_Claim]) -> list[_Claim]:
    """'shot and killed his daughter before turning the gun on himself' -> killed 1 + 1.

    The killer's suicide adds one to the killed count stated before it in the same sentence;
    value_stated stays the number written, the bounds carry the +1.
    """
    out = []
    if not (seg.words & _SUICIDE_GATE):
        return out
    for m in _SUICIDE.finditer(seg.text):
        a, b = seg.start + m.start(), seg.start + m.end()
        before = [c for c in found if c.claim_type == "killed" and not c.negated
                  and c.end <= a and a - c.end < 120 and c.value_low is not None
                  and _SUICIDE_LINK.search(seg.text[c.end - seg.start:m.start()])]
        if not before:
            continue
        c = max(before, key=lambda x: (x.value_low, -x.start))
        high = c.value_high + 1 if c.value_high is not None else None
        out.append(_Claim("killed", c.value_stated, c.value_low + 1, high, c.qualifier, c.start, b,
                          background=c.background))
    return out


# "the victim", "the boy": the single victim mentioned last; other heads ("the gunman", "the
# officer") name someone new unless the same head was used before
_GENERIC_HEADS = lexicon.words("person_nouns", "generic_heads")


def _indef_text(np: str) -> str:
    words = np.lower().split()
    return " ".join(words[1:] if words and words[0] in ("a", "an", "another") else words)


def _resolve_people(claims: list[_Claim], person_ents: list[tuple[int, frozenset]],
                    body: str | None = None) -> list[_Claim]:
    """Drop single-victim injured claims about a victim the article says was killed.

    A small coreference: names match on a shared name token; he/she (and himself) take the
    most recent PERSON name or single victim before them; "the boy"/"the victim" take the
    most recent single victim; "a man" is a new person. "A man was shot ... He died at the
    hospital" -> the shot man is the dead man, so he is not also counted injured.
    """
    singles = sorted((c for c in claims if c.ref is not None), key=lambda c: c.start)
    # name tokens of one person: "Dnomyar Russell" links "Dnomyar" and "Russell"
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for _, toks in person_ents:
        toks = [t for t in toks if len(t) > 2 and t[:1].isalpha()]
        for t in toks[1:]:
            a, b = find(toks[0]), find(t)
            if a != b:
                parent[b] = a

    def name_key(names) -> frozenset:
        return frozenset("name:" + find(n) for n in names)

    keys: dict[int, frozenset] = {}
    last: tuple[int, frozenset] | None = None  # (position, key)
    heads: list[tuple[int, str, frozenset]] = []  # head noun of each single victim
    seen_indef: dict[str, frozenset] = {}
    fresh = 0
    for c in singles:
        kind, names = c.ref
        if kind == "name":
            key = name_key(names)
        elif kind == "indef" and body is not None and \
                _indef_text(body[c.start:c.end]) in seen_indef:
            key = seen_indef[_indef_text(body[c.start:c.end])]  # "a 16-year-old" said twice
        elif kind == "indef" or (kind == "pron" and c.ref[1] == frozenset({"reflexive"})):
            fresh += 1  # a new person; "himself" is the clause's own subject, often the killer
            key = frozenset({f"new:{fresh}"})
            if kind == "indef" and body is not None:
                seen_indef.setdefault(_indef_text(body[c.start:c.end]), key)
        else:
            cand = last
            if kind == "def" and names:
                head = next(iter(names))
                same = next((x for x in reversed(heads) if x[1] == head), None)
                if same is not None:
                    cand = (same[0], same[2])
                elif head not in _GENERIC_HEADS:
                    cand = None  # "the gunman" after "a police officer": someone else
            if kind == "pron":
                ent = next((e for e in reversed(person_ents) if e[0] < c.start), None)
                if ent is not None and (cand is None or ent[0] > cand[0]):
                    cand = (ent[0], name_key(ent[1]))
            if cand is None:
                fresh += 1
                key = frozenset({f"new:{fresh}"})
            else:
                key = cand[1]
        keys[id(c)] = key
        if c.ref[1] != frozenset({"reflexive"}):
            last = (c.start, key)
            if kind in ("def", "indef") and names:
                heads.append((c.start, next(iter(names)), key))
    dead = [keys[id(c)] for c in singles if c.claim_type == "killed"]
    dead_spans = {(c.start, c.end) for c in claims if c.claim_type == "killed"}
    out = []
    for c in claims:
        if c.claim_type in ("injured",) and c.ref is not None and not c.negated:
            if (c.start, c.end) in dead_spans or any(keys[id(c)] & k for k in dead) or any(
                    a <= c.start and c.end <= b for a, b in dead_spans):
                continue  # "The injured person was declared deceased": one person
        if c.claim_type == "injured" and not c.overlap and c.ref is None and \
                (c.start, c.end) in dead_spans:
            continue
        out.append(c)
    if body is not None:
        _distinct_roles(out, body)
    return out


def _distinct_roles(claims: list[_Claim], body: str) -> None:
    """A police officer and someone who is not police are two people: when the injured single
    victims (described or named, not pronouns) include both, the first mention of the later
    role counts at least 2 (value_stated stays 1; like "a third victim")."""
    first: dict[bool, _Claim] = {}
    for c in claims:
        if c.claim_type == "injured" and c.ref is not None and c.ref[0] != "pron" \
                and not c.negated and not c.background and c.value_low == 1:
            first.setdefault(_OFFICER.search(body, c.start, c.end) is not None, c)
    if len(first) == 2:
        later = max(first.values(), key=lambda c: c.start)
        later.value_low, later.value_high, later.qualifier = 2, None, "at_least"


_OFFICER = re.compile(r"\b(?:" + "|".join(lexicon.load("person_nouns")["police_rx"]) + r")\b", re.IGNORECASE)


def _resolve_overlap(claims: list[_Claim]) -> list[_Claim]:
    """Counts that may include the dead ("5 people were shot") -> injured = N - killed, where
    killed is the count stated in the same sentence, else the article's largest."""
    killed_all = [c.value_low for c in claims if c.claim_type == "killed" and not c.negated
                  and c.value_low is not None and not c.background]
    k_article = max(killed_all) if killed_all else 0
    out = []
    for c in claims:
        if not c.overlap:
            out.append(c)
            continue
        same = [d.value_low for d in claims if d.seg == c.seg and d.claim_type == "killed"
                and not d.negated and d.value_low is not None]
        k = max(same) if same else (k_article if c.overlap == "article" else 0)
        if k == 0:
            out.append(c)
            continue
        if c.value_low is None or c.value_low - k <= 0:
            continue
        high = c.value_high - k if c.value_high is not None else None
        out.append(_Claim("injured", c.value_stated, c.value_low - k, high, c.qualifier,
                          c.start, c.end, seg=c.seg, background=c.background, overlap="done"))
    return out


# "One of the victims later died": the dead were part of a group counted before
_PARTITIVE = re.compile(
    r"\s+of\s+(?:the|them|those|these)\b(?!\s+(?:dead|deceased|killed|slain)\b)"
    r"(?:\s+[\w-]+){0,3}?,?\s+(?:\w+\s+){0,2}?(?:later\s+|eventually\s+|subsequently\s+)?"
    r"(?:died|succumbed|did\s+not\s+survive|was\s+pronounced\s+dead)\b",
    re.IGNORECASE,
)


def _resolve_partitive(claims: list[_Claim], body: str) -> list[_Claim]:
    """'Four people were injured ... One of the victims later died' -> injured 3: a count of
    people hurt, written before a partitive death, is less the people who died."""
    died = [c for c in claims if c.claim_type == "killed" and not c.negated and not c.background
            and c.ref is None and c.value_low and _PARTITIVE.match(body, c.end)]
    if not died:
        return claims
    out = []
    for c in claims:
        before = [d.value_low for d in died if d.start > c.start]
        if c.claim_type == "injured" and before and c.ref is None and not c.negated \
                and not c.background and c.overlap in (None, "sentence") and c.value_low is not None \
                and not _others_at(body, c.end):
            n = max(before)
            if c.value_low - n <= 0:
                continue
            high = c.value_high - n if c.value_high is not None else None
            c = _Claim("injured", c.value_stated, c.value_low - n, high, c.qualifier, c.start,
                       c.end, seg=c.seg)
        out.append(c)
    return out


def _article_claims(row: dict, ents: list, segs: list[_Segment], parsed: list) -> list[dict]:
    body = row["body_clean"]
    title = row.get("title")
    title_end = -1
    if title:
        pos = body.find(title)
        title_end = pos + len(title) if pos >= 0 else -1
    claims: list[_Claim] = []
    meta = {}
    violent = bool(_VIOLENCE.search(body))
    event = row.get("event_date")
    if row.get("event_date_source") == "published_date_fallback":
        event = None  # no date in the text dates the incident
    lead = True  # the first body sentence with a casualty claim is still to come
    for k, seg in enumerate(segs):
        p = parsed[seg.parse_index] if seg.parse_index is not None else None
        found: list[_Claim] = []
        if not (seg.words & _TRIGGER_WORDS):
            continue
        negated = _negated_claims(seg)
        covered: list[tuple[int, int]] = [(c.start, c.end) for c in negated]
        if seg.figures or seg.words & (_MULTI_GATE | _ORDINAL_GATE):
            aggregate = bool((seg.words & _AGG_GATE or _has_year(seg.words))
                             and _AGGREGATE.search(seg.text))
            fc, fig_covered = _figure_claims(seg, p, aggregate)
            found.extend(fc)
            covered += fig_covered
        if seg.singular:
            singles = _singular_regex(seg, covered)
            if p is not None:  # the parse finds what patterns miss; patterns mend bad parses
                spans = [(c.start, c.end) for c in singles]
                singles += [c for c in _singular_claims(p, seg, covered)
                            if not any(a < c.end and c.start < b for a, b in spans)]
            found.extend(singles)
        taken = {(c.start, c.end) for c in found}
        found.extend(c for c in negated if (c.start, c.end) not in taken)
        if not found:
            continue
        found.extend(_suicide_claims(seg, found))
        extra = []
        for c in found:
            if c.claim_type == "hospitalized" and violent and not c.negated:
                # hospitalized after violence = hurt; a count may include who later died
                extra.append(_Claim("injured", c.value_stated, c.value_low, c.value_high,
                                    c.qualifier, c.start, c.end, ref=c.ref,
                                    overlap="sentence" if c.ref is None and not _others_at(body, c.end)
                                    else None, background=c.background))
        found.extend(extra)
        scope = None if seg.end <= title_end else _Scope(seg, row.get("published_date"), event)
        if scope is not None and lead and scope.far:
            lead = False
            casualties = [c for c in found if c.claim_type in ("killed", "injured") and not c.negated]
            dated = [scope.dated_elsewhere(c) for c in casualties]
            if dated and all(d is not None for d in dated):
                # the lead reports an incident before the event date: a follow-up story (an
                # arrest, a trial); that incident is the article's own
                event = min(dated)
                scope = _Scope(seg, row.get("published_date"), event)
        elif scope is not None and any(c.claim_type in ("killed", "injured") for c in found):
            lead = False
        for c in found:
            c.seg = k
            if scope is not None and not c.background:
                c.background = scope.background(c)
        meta[k] = (seg, bool(seg.words & _HEDGE_GATE and _HEDGE.search(seg.text)), _sources(seg))
        claims.extend(found)
    person_ents = [(s, frozenset(w.lower() for w in body[s:e].split())) for s, e, lab in ents
                   if lab == "PERSON"]
    rows = []
    seen = set()
    for c in _resolve_partitive(_resolve_overlap(_resolve_people(claims, person_ents, body)), body):
        seg, hedged, sources = meta[c.seg]
        attrib = _nearest(sources, c, body)
        key = (c.claim_type, c.start, c.end)
        if key in seen:
            continue
        seen.add(key)
        surface = body[c.start:c.end]
        a_surface = a_start = a_end = None
        if attrib is not None:
            a_start, a_end = attrib
            a_surface = body[a_start:a_end]
        cid = hashlib.sha256(
            f"{row['article_id']}|{c.claim_type}|{c.start}|{c.end}".encode()
        ).hexdigest()[:16]
        rows.append({
            "claim_id": cid,
            "article_id": row["article_id"],
            "claim_type": c.claim_type,
            "value_stated": c.value_stated,
            "value_low": c.value_low,
            "value_high": c.value_high,
            "qualifier": c.qualifier,
            "unit": c.unit,
            "surface": surface,
            "char_start": c.start,
            "char_end": c.end,
            "sentence": seg.text,
            "hedged": hedged,
            "negated": c.negated,
            "in_title": title_end >= 0 and c.end <= title_end,
            "is_background": c.background,
            "attributed_surface": a_surface,
            "attributed_char_start": a_start,
            "attributed_char_end": a_end,
            "published_date": row.get("published_date"),
        })
    return rows


def extract_claims(
    articles: pl.DataFrame,
    docs: list,
    parse: Callable[[list[str]], list] | None,
) -> pl.DataFrame:
    """Claims of every article (CLAIM_SCHEMA); ``docs[i]`` is the NER doc of ``articles[i]``.

    ``parse`` dependency-parses the candidate sentences, all in one call.
    """
    if len(docs) != articles.height:
        raise ValueError(f"{len(docs)} docs for {articles.height} articles")
    rows_in = list(articles.iter_rows(named=True))
    plans = []
    texts: list[str] = []
    all_ents = []
    for row, doc in zip(rows_in, docs):
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents] if doc is not None else []
        all_ents.append(ents)
        segs = _plan(row["body_clean"] or "", doc, ents)
        if parse is not None:
            for seg in _choose_parses(segs, len(row["body_clean"] or "")):
                seg.parse_index = len(texts)
                texts.append(seg.text)
        plans.append(segs)
    parsed = parse(texts) if (parse is not None and texts) else []
    out: list[dict] = []
    for row, ents, segs in zip(rows_in, all_ents, plans):
        out.extend(_article_claims(row, ents, segs, parsed))
    return pl.DataFrame(out, schema=CLAIM_SCHEMA)
