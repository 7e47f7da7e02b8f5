"""Named entities: mentions from spaCy docs, aliases merged into entities, claim attribution.

Pure functions: Polars frames (and spaCy Docs made by the caller) in, frames out.
Nothing here opens a file; the alias table is read by the flow and passed in.

Mentions (``entity_mentions``, one row per mention, per batch)
--------------------------------------------------------------
- Kept labels: PERSON ORG GPE LOC FAC NORP EVENT PRODUCT WORK_OF_ART (dates,
  numbers, money ... are other modules' business).
- The span is trimmed to the name, so ``surface`` is the name as written and
  ``body_clean[char_start:char_end] == surface`` always: leading articles and
  context words ("the", "former", "to"), titles and ranks of people
  ("President", "Sheriff", "Sgt.", "Dr." ...), brackets, a trailing possessive
  ("Interpol's" -> Interpol) and trailing generic nouns of groups ("the Islamic
  State group" -> Islamic State) are cut off; of an entity spanning lines, the
  last line is kept ("Weather, Sports\\n\\nThe Albany Police Department").
- The small model misses or mislabels small US places. Rules over the text
  and the tokens add or relabel GPE mentions (``source`` names the rule):
  ``dateline`` ("GASTON, S.C. (AP) —" at the start of a line: city and state),
  ``city_state`` ("<Town>, <State>" with a US state name, AP abbreviation or
  postal code), ``agency`` ("<Town> police", "<Town> Police Department",
  "<X County> Sheriff's Office": the place inside the agency name, as a nested
  mention), ``in_place`` (an ORG/PERSON/LOC/PRODUCT name after "in", "near",
  "outside", "north of" ...), ``resident`` ("a Joplin girl", "an 18-year-old
  Fort Towson man") and ``district`` ("northeast Raleigh", "Southwest
  Philadelphia": the city inside). Then every mention of a name that a rule
  made a place in that article becomes GPE, and the other names take the
  article's majority label.
- Dropped as unreliable: names only in a Title Case headline or section
  heading and nowhere else ("Moscow Concert Hall Leaves", "Initial Assault"),
  unless a named ruler pattern found them; a capitalised common noun opening a
  sentence that the text also has in lower case; model names with ", " in them
  ("Weather, Sports"); words for any police or office ("Sheriff's Office",
  "Detectives") and page furniture. A "person" whose last word is a facility or
  organisation word is relabelled ("Stroger Hospital" FAC, "James St." FAC).
- ``name_key`` is the matching key: accents and case folded, dots and
  apostrophes dropped, other punctuation -> space, "saint" -> "st".

Entities (``resolve_entities``, global over every mention in the warehouse)
-------------------------------------------------------------------------
Mentions are grouped in classes that the small model confuses with each other
(PERSON | GPE+LOC | ORG+FAC | NORP | EVENT | PRODUCT | WORK_OF_ART) and merged:

1. the reviewed alias table (alias, canonical_name, entity_type): a mention
   whose key is an alias (or the canonical name) joins that entity and takes
   its type, whatever its label (the model calls the Islamic State NORP too).
   Short all-capital aliases ("IS") apply only to a mention written exactly so
   with the alias's label (ORG). Built in after the table: US state names and
   abbreviations ("Fla.", "KY"; not "LA") for GPE/LOC mentions only;
2. within an article: a person named by part of a longer name ("Putin" after
   "Vladimir Putin", "Smith" after "Sheriff John Smith") joins it when only
   one such longer name exists; an acronym joins the unique ORG/FAC name of the
   article with those initials ("BPD" -> Bakersfield Police Department);
3. the same class and key anywhere -> one entity;
4. near-identical names merge only in context: within one article or one event
   (``article_events``), ORG/FAC names with the same distinctive first word and
   the same head noun ("Crocus Concert Hall" / "Crocus City Hall") or a
   rapidfuzz ratio >= 90, places with ratio >= 90, people with the same
   surname and a first name of ratio >= 80 or a matching initial;
5. across the corpus only typo-level variants merge (ratio >= 95 on keys of
   >= 8 characters, same class, same first three characters; never people).
   Candidates are blocked by (class, first three characters of the key), so the
   cost grows with block sizes, not with all pairs.

entity_type: the alias type, else the majority label (ties: GPE, FAC, ORG,
PERSON, LOC, ...); mention labels are final (entity_mentions already voted
within the article), so the warehouse's mentions without the ``source`` and
``name_key`` columns resolve exactly like fresh ones. canonical_name: the alias canonical name, else the variant
named in most articles (people: among the longest names), preferring mixed
case; all-capital place and person names are title-cased ("MEMPHIS" ->
Memphis). aliases: every other variant seen plus the alias-table aliases.
entity_id = first 16 hex of sha256("<entity_type>|<key of canonical_name>"):
the same data gives the same ids on every run.

Attribution (``link_attributions``)
-----------------------------------
A claim's attributed span points at the entity of the mention that overlaps
it most (the outermost on ties) in the same article; a place or nationality
that only modifies the source ("Moscow mayor", "Russian officials") is not the
source. Without an overlapping mention: an entity whose name or alias has the
surface's key, when only one entity does (the article's own entities first).
"police" stays NULL.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict

import polars as pl

from transforms import lexicon
from transforms.ids import UnionFind, stable_id
from spacy.lang.en.stop_words import STOP_WORDS as _SPACY_STOP_WORDS

LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART")
_CLASS = {"PERSON": "PERSON", "GPE": "PLACE", "LOC": "PLACE", "ORG": "ORGFAC", "FAC": "ORGFAC",
          "NORP": "NORP", "EVENT": "EVENT", "PRODUCT": "PRODUCT", "WORK_OF_ART": "WORK_OF_ART"}

MENTION_SCHEMA: dict[str, pl.DataType] = {
    "mention_id": pl.String,
    "article_id": pl.String,
    "entity_id": pl.String,  # NULL until resolve_entities
    "surface": pl.String,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
    "label": pl.String,
    "name_key": pl.String,
    "source": pl.String,  # ner | ruler | dateline | city_state | agency | in_place | resident | district
}
ENTITY_SCHEMA: dict[str, pl.DataType] = {
    "entity_id": pl.String,
    "canonical_name": pl.String,
    "entity_type": pl.String,
    "aliases": pl.List(pl.String),
    "article_count": pl.Int32,
    "mention_count": pl.Int32,
}
ALIAS_SCHEMA: dict[str, pl.DataType] = {
    "alias": pl.String,
    "canonical_name": pl.String,
    "entity_type": pl.String,
}

# ---------------------------------------------------------------- name keys


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Matching key of a name: "the St. Louis-based" style noise folded away."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.replace("&", " and ")
    s = re.sub(r"['’.`]", "", s)
    s = re.sub(r"[^\w]+|_", " ", s).strip()
    s = re.sub(r"\bsaint\b", "st", s)
    return re.sub(r"\s+", " ", s)


def _hash16(text: str) -> str:
    return stable_id(text)


def mention_id(article_id: str, char_start: int, char_end: int) -> str:
    return _hash16(f"{article_id}|{char_start}|{char_end}")


def entity_id(entity_type: str, canonical_name: str) -> str:
    return _hash16(f"{entity_type}|{name_key(canonical_name)}")


# ---------------------------------------------------------------- span trimming

_LEAD_WORDS = set(lexicon.words("entity_words", "lead_words"))
_THE_NAMES = set(lexicon.words("places", "the_names"))
_TITLES = sorted(lexicon.load("entity_words")["titles"], key=len, reverse=True)
_TITLE_RE = re.compile(
    r"(?i)(?:" + "|".join(re.escape(t.strip()) for t in _TITLES if t.strip()) + r")(?=\s|$)\s*"
)
_TRAIL_WORDS = set(lexicon.words("entity_words", "trail_words"))
_LEAD_PUNCT = "([{\"“”'‘’,;:-–—•*|/ \t"
_TRAIL_PUNCT = ")]}\"“”‘,;:!?-–—•*|/ \t"


# names that are words for any police, office or page furniture, not a name of one thing
GENERIC_KEYS = set(lexicon.words("entity_words", "generic_keys"))
_FURNITURE_KEY = re.compile(r"\bweather and sports\b|\bnews weather\b")


def trim_span(text: str, start: int, end: int, label: str) -> tuple[int, int] | None:
    """The name inside text[start:end] (see module docstring), or None if nothing is left."""
    seg = text[start:end]
    if "\n" in seg:
        parts = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", seg) if re.search(r"[A-Za-z]", m.group())]
        if not parts:
            return None
        a, b = parts[-1]
        start, end = start + a, start + b
    changed = True
    while changed and start < end:
        changed = False
        s = text[start:end]
        ls = len(s) - len(s.lstrip(_LEAD_PUNCT))
        if ls:
            start += ls
            changed = True
            continue
        ts = len(s) - len(s.rstrip(_TRAIL_PUNCT))
        if ts:
            end -= ts
            changed = True
            continue
        m = re.search(r"(?:'s|’s|'|’)\Z", s)
        if m and (m.group() in ("'s", "’s") or s[:-1].endswith("s")):
            end -= len(m.group())
            changed = True
            continue
        first, _, rest = s.partition(" ")
        if rest and first.lower() in _LEAD_WORDS and not (first.lower() == "the" and s.lower() in _THE_NAMES):
            start += len(first) + 1
            changed = True
            continue
        if label == "PERSON":
            m = _TITLE_RE.match(s)
            if m and m.end() < len(s):
                start += m.end()
                changed = True
                continue
        head, _, last = s.rpartition(" ")
        if head and last in _TRAIL_WORDS and label in ("ORG", "NORP"):
            end -= len(last) + 1
            changed = True
            continue
    if start >= end:
        return None
    s = text[start:end]
    if not re.search(r"[A-Za-z]", s) or s == s.lower() or len(s) > 80:
        return None
    if label == "PERSON" and _TITLE_RE.fullmatch(s + " "):
        return None  # a bare title ("Sheriff") is not a person
    key = name_key(s)
    if key in GENERIC_KEYS or _FURNITURE_KEY.search(key):
        return None
    return start, end


# ---------------------------------------------------------------- US places

US_STATES: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in lexicon.mapping("places", "us_states").items()}
_POSTAL = {a for abbrs in US_STATES.values() for a in abbrs if re.fullmatch(r"[A-Z]{2}", a)}
_STATE_WORDS = sorted(
    [s for s in US_STATES] + [a for abbrs in US_STATES.values() for a in abbrs if a not in _POSTAL],
    key=len, reverse=True,
)
_STATE_RE = re.compile(
    r"(?P<state>" + "|".join(re.escape(s) for s in _STATE_WORDS) + r")(?![A-Za-z'’])"
    r"|(?P<postal>" + "|".join(sorted(_POSTAL)) + r")(?![A-Za-z'’])(?!\s+[A-Z]{2,}\b)"
)
STATE_KEYS = {name_key(s) for s in US_STATES} | {name_key(a) for abbrs in US_STATES.values() for a in abbrs}

_DATELINE_RE = re.compile(
    r"^[ \t]*(?P<city>[A-Z][A-Z.'’-]*(?:[ ][A-Z][A-Z.'’-]*){0,3})"
    r"(?:,[ ]*(?P<region>[A-Z][A-Za-z.]*(?:[ ][A-Z][A-Za-z.]*){0,2}))?"
    r"[ ]*(?:\([^)\n]{1,40}\)[ ]*)?(?:—|–|--|-|\u2015)",
    re.MULTILINE,
)
_NOT_DATELINE = set(lexicon.words("entity_words", "not_dateline"))

_STOP = set(lexicon.words("entity_words", "stop"))
_AGENCY_GENERIC = set(lexicon.words("entity_words", "agency_generic"))
_AGENCY_TRAIL = set(lexicon.words("entity_words", "agency_trail"))
_ORG_WORDS = set(lexicon.words("entity_words", "org_words"))
_PLACE_PREP = set(lexicon.words("places", "place_prepositions"))
_DIRECTIONS = set(lexicon.words("places", "directions"))
_RESIDENT_NOUNS = set(lexicon.words("places", "resident_nouns"))
_RESIDENT_NOT_FOR_PERSON = set(lexicon.words("places", "resident_not_for_person"))
# a "person" whose last word is one of these is a facility or an organisation ("Stroger Hospital", "James St.")
_FAC_HEADS = set(lexicon.words("places", "facility_heads"))
_ORG_HEADS = set(lexicon.words("entity_words", "org_heads"))


def _is_cap_word(tok) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper() and any(c.isalpha() for c in t) and t.lower().rstrip(".") not in _STOP


def _place_run_before(doc, i: int, max_words: int = 4) -> tuple[int, int] | None:
    """Token range [a, i) of capitalised non-stop words ending right before token i ("Wilkes-Barre" ok)."""
    a, words = i, 0
    while a > 0 and words < max_words:
        t = doc[a - 1]
        if t.text in ("-", "–") and a - 2 >= 0 and not doc[a - 2].whitespace_ and not t.whitespace_:
            a -= 1
            continue
        if not _is_cap_word(t) or t.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"):
            break
        a -= 1
        words += 1
    while a < i and doc[a].text in ("-", "–"):
        a += 1
    return (a, i) if a < i else None


_CALL_SIGN = re.compile(r"[KW][A-Z]{2,3}(?:-TV|-FM|-AM)?")
_NOT_PLACE = set(lexicon.words("places", "not_place"))
_TRAIL_HEADLINE = set(lexicon.words("entity_words", "trail_headline"))
_SAID = re.compile(r"[ ]+(?:said|says|told|reported|added)\b")


def _clean_place(doc, a: int, b: int) -> tuple[int, int] | None:
    """Tokens [a, b) of a place name: a trailing headline noun ("Pasadena Shooting") cut off."""
    while b > a and doc[b - 1].lower_ in _TRAIL_HEADLINE:
        b -= 1
    if a > 1 and doc[a - 1].text == "." and doc[a - 2].lower_ in ("st", "mt", "ft"):
        a -= 2  # "ST. LOUIS" split as ST . LOUIS
    words = [t for t in doc[a:b] if t.text not in ("-", "–", ".")]
    if not words or all(t.lower_.rstrip(".") in _NOT_PLACE for t in words):
        return None
    if any(t.lower_.rstrip(".") in _ORG_WORDS - {"county", "township"} for t in words):
        return None
    if len(words) == 1 and re.sub(r"[^A-Za-z]", "", words[0].text).isupper() and len(words[0].text) <= 3:
        return None  # AP, UD: acronyms, not towns
    if doc[a].ent_type_ == "PERSON" and doc[a].ent_iob_ == "I":
        return None  # the end of a person's name ("John Smith, Ohio's governor")
    return a, b


def _tokspan(doc, ab: tuple[int, int] | None, rule: str) -> list[tuple[int, int, str]]:
    if ab is None:
        return []
    a, b = ab
    return [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text), rule)]


def _rule_places(text: str, doc, ents: list) -> list[tuple[int, int, str]]:
    """(char_start, char_end, rule) of place names found by the rules."""
    out: list[tuple[int, int, str]] = []
    # datelines: "GASTON, S.C. (AP) —" at the start of a line
    for m in _DATELINE_RE.finditer(text):
        city = m.group("city").strip()
        if city in _NOT_DATELINE or len(re.sub(r"[^A-Z]", "", city)) < 3 or _CALL_SIGN.fullmatch(city):
            continue
        if set(name_key(city).split()) <= _NOT_PLACE:
            continue
        out.append((m.start("city"), m.start("city") + len(city), "dateline"))
        region = m.group("region")
        if region and name_key(region) in STATE_KEYS | {name_key(k) for k in US_STATES}:
            out.append((m.start("region"), m.end("region"), "dateline"))
    # "<Town>, <State>": not "Meanwhile, Texas authorities", not "Dillard, D.C. said"
    for tok in doc:
        if tok.text != "," or tok.i == 0:
            continue
        j = tok.idx + 1
        if text[j:j + 1] == " ":
            j += 1
        sm = _STATE_RE.match(text, j)
        if not sm:
            continue
        nxt = text[sm.end():sm.end() + 2]
        if re.match(r" [A-Z]", nxt) or _SAID.match(text, sm.end()):
            continue
        run = _place_run_before(doc, tok.i)
        if run is None or doc[run[1] - 1].whitespace_:
            continue
        if run[1] - run[0] == 1 and doc[run[0]].is_sent_start and not re.match(r"[,.;:)(—–-]|\Z", nxt[:1] or ""):
            continue
        if any(re.sub(r"[^A-Z]", "", t.text) in _POSTAL and t.text.isupper() for t in doc[run[0]:run[1]]):
            continue
        out += _tokspan(doc, _clean_place(doc, *run), "city_state")
        out.append((sm.start(), sm.end(), "city_state"))
    # "<Town> police", "<Town> Police Department", "<X County> Sheriff('s Office)", "<Town> Fire Department"
    for tok in doc:
        low = tok.lower_
        nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
        prv = doc[tok.i - 1].lower_ if tok.i > 0 else ""
        if not (low == "police" or (low == "sheriff" and (nxt in ("'s", "’s") or prv in ("county", "parish")))
                or (low == "fire" and nxt in ("department", "rescue", "chief"))):
            continue
        run = _place_run_before(doc, tok.i)
        if run is None or doc[run[1] - 1].whitespace_ != " ":
            continue
        a, b = run
        while b > a and doc[b - 1].lower_ in _AGENCY_TRAIL:
            b -= 1
        words = [t.lower_ for t in doc[a:b] if t.text not in ("-", "–")]
        if not words or all(w in _AGENCY_GENERIC for w in words):
            continue
        out += _tokspan(doc, _clean_place(doc, a, b), "agency")
    # ORG/PERSON/LOC/PRODUCT names after "in", "near", "north of" ...; "a Joplin girl", "the Hallmark area"
    for ent in ents:
        if ent.label_ not in ("ORG", "PERSON", "LOC", "PRODUCT", "FAC", "GPE") or len(ent) > 4:
            continue
        words = [t for t in ent if t.text not in ("-", "–")]
        if not words or not all(t.text[:1].isupper() for t in words) or "\n" in ent.text:
            continue
        if any(t.lower_.rstrip(".") in _ORG_WORDS for t in words):
            continue
        before = doc[ent.start - 1] if ent.start > 0 else None
        before2 = doc[ent.start - 2] if ent.start > 1 else None
        after = doc[ent.end] if ent.end < len(doc) else None
        if after is not None and after.lower_ in ("'s", "’s"):
            continue
        if ent.label_ in ("ORG", "PERSON", "LOC", "PRODUCT") and before is not None and (
            before.lower_ in _PLACE_PREP
            or (before.lower_ == "of" and before2 is not None and before2.lower_ in _DIRECTIONS)
        ) and (after is None or not after.text[:1].isupper()):
            out += _tokspan(doc, _clean_place(doc, ent.start, ent.end), "in_place")
            continue
        if ent.label_ != "GPE" and after is not None and after.lower_ in _RESIDENT_NOUNS and (
            before is None or before.lower_ in ("a", "an", "the", "old", "one") or before.is_space
            or after.lower_ in ("resident", "residents", "native")
        ):
            if ent.label_ == "PERSON" and after.lower_ in _RESIDENT_NOT_FOR_PERSON:
                continue
            out += _tokspan(doc, _clean_place(doc, ent.start, ent.end), "resident")
    # "northeast Raleigh", "Southwest Philadelphia": the city inside a district name the model found
    starts = {e.start_char: e for e in ents if e.label_ in ("GPE", "LOC", "ORG", "PERSON", "FAC")}
    for m in re.finditer(
        r"\b(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|central|downtown|northern|"
        r"southern|eastern|western)|(?:Northeast|Northwest|Southeast|Southwest|Central|Downtown))"
        r"[ ](?P<city>[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2})", text
    ):
        ent = starts.get(m.start()) or starts.get(m.start("city"))
        if ent is None or ent.end_char < m.start("city") + 3:
            continue
        city_end = min(m.end("city"), ent.end_char)
        span = doc.char_span(m.start("city"), city_end, alignment_mode="contract")
        if span is None or not len(span):
            continue
        a, b = span.start, span.end
        for k in range(a, b):
            if doc[k].lower_ in _STOP:
                b = k
                break
        if b <= a or name_key(doc[a:b].text) in STATE_KEYS:
            continue
        out += _tokspan(doc, _clean_place(doc, a, b), "district")
    return out


def _is_title_case(line: str) -> bool:
    words = re.findall(r"[A-Za-z][A-Za-z'’]+", line)
    small = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "as", "from"}
    content = [w for w in words if w.lower() not in small]
    return len(content) >= 2 and sum(w[0].isupper() for w in content) >= 0.8 * len(content)


def _heading_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of Title Case lines of at most 16 words without a final period: headlines, headings."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group().strip()
        if line and not line.endswith((".", "?", "!", '"', "”")) and len(line.split()) <= 16 and _is_title_case(line):
            out.append((m.start(), m.end()))
    return out


_LABEL_PRIORITY = {"GPE": 0, "FAC": 1, "ORG": 2, "PERSON": 3, "LOC": 4, "NORP": 5, "EVENT": 6,
                   "PRODUCT": 7, "WORK_OF_ART": 8}


def _article_mentions(article_id: str, text: str, title: str | None, doc) -> list[dict]:
    cands: dict[tuple[int, int], dict] = {}
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        span = trim_span(text, ent.start_char, ent.end_char, ent.label_)
        if span is None:
            continue
        src = "ruler" if ent.ent_id_ else "ner"
        label = ent.label_
        name = text[span[0]:span[1]]
        if src == "ner" and ", " in name:
            continue  # "Weather, Sports", "Dillard, D.C.": page furniture or two names
        if label == "PERSON" and " " in name:
            head = name.rsplit(" ", 1)[1].lower().rstrip(".")
            label = "FAC" if head in _FAC_HEADS else "ORG" if head in _ORG_HEADS else label
        cands.setdefault(span, {"start": span[0], "end": span[1], "label": label, "source": src,
                                "generic": not ent.ent_id_ or ent.ent_id_.endswith("_pattern")})
    place_keys: set[str] = set()
    for s, e, rule in _rule_places(text, doc, list(doc.ents)):
        span = trim_span(text, s, e, "GPE")
        if span is None:
            continue
        s, e = span
        key = name_key(text[s:e])
        if not key:
            continue
        place_keys.add(key)
        if (s, e) in cands:
            c = cands[(s, e)]
            if c["source"] != "ruler" or c["label"] in ("GPE", "LOC"):
                c["label"], c["source"] = "GPE", rule
            continue
        # a rule span that cuts across a model entity (not nested in it) replaces it
        for k, c in list(cands.items()):
            if c["start"] < e and s < c["end"] and not (c["start"] <= s and e <= c["end"]):
                if c["source"] == "ruler":
                    break
                del cands[k]
        else:
            cands[(s, e)] = {"start": s, "end": e, "label": "GPE", "source": rule, "generic": False}
    # names only in a Title Case headline or section heading are unreliable ("Initial Assault")
    for ls, le in _heading_lines(text):
        outside = text[:ls] + " " + text[le:]  # as written: "chaos" in prose does not vouch for "Chaos"
        for k, c in list(cands.items()):
            if ls <= c["start"] and c["end"] <= le and c["generic"] and text[c["start"]:c["end"]] not in outside:
                del cands[k]
    # a capitalised common noun opening a sentence ("Videos shared ...") when the text also has it in lower case
    for k, c in list(cands.items()):
        word = text[c["start"]:c["end"]]
        if c["generic"] and c["source"] == "ner" and word.isalpha() and word[:1].isupper() and word[1:].islower():
            tok = doc.char_span(c["start"], c["end"])
            if tok is not None and tok[0].is_sent_start and re.search(r"\b" + word.lower() + r"\b", text):
                del cands[k]
    # a function word ("The") or a lone sentence-opening word the model calls a work or product
    # is not a name
    for k, c in list(cands.items()):
        word = text[c["start"]:c["end"]]
        if not (c["generic"] and c["source"] == "ner" and word.isalpha()):
            continue
        if word.lower() in _SPACY_STOP_WORDS:
            del cands[k]
        elif c["label"] in ("WORK_OF_ART", "PRODUCT"):
            tok = doc.char_span(c["start"], c["end"])
            if tok is not None and len(tok) == 1 and tok[0].is_sent_start:
                del cands[k]
    # label consistency within the article
    by_key: dict[str, list[dict]] = defaultdict(list)
    for c in cands.values():
        c["surface"] = text[c["start"]:c["end"]]
        c["name_key"] = name_key(c["surface"])
        if c["name_key"]:
            by_key[c["name_key"]].append(c)
    for key, cs in by_key.items():
        if key in place_keys:
            for c in cs:
                if c["label"] != "GPE" and (c["source"] != "ruler"):
                    c["label"] = "GPE"
            continue
        votes = Counter()
        for c in cs:
            votes[c["label"]] += 3 if c["source"] != "ner" else 1
        if len(votes) > 1:
            best = min(votes, key=lambda lab: (-votes[lab], _LABEL_PRIORITY[lab]))
            for c in cs:
                if c["source"] == "ner":
                    c["label"] = best
    rows = []
    for c in sorted(cands.values(), key=lambda c: (c["start"], c["end"])):
        if not c["name_key"]:
            continue
        rows.append({
            "mention_id": mention_id(article_id, c["start"], c["end"]), "article_id": article_id,
            "entity_id": None, "surface": c["surface"], "char_start": c["start"], "char_end": c["end"],
            "label": c["label"], "name_key": c["name_key"], "source": c["source"],
        })
    return rows


def entity_mentions(articles: pl.DataFrame, docs: list) -> pl.DataFrame:
    """articles(article_id, body_clean[, title]) + one spaCy Doc per article (same order) -> mentions."""
    if articles.height != len(docs):
        raise ValueError(f"{articles.height} articles but {len(docs)} docs")
    titles = articles["title"].to_list() if "title" in articles.columns else [None] * articles.height
    rows: list[dict] = []
    for (aid, text), title, doc in zip(articles.select("article_id", "body_clean").iter_rows(), titles, docs):
        if doc.text != text:
            raise ValueError(f"doc of article {aid} is not its body_clean")
        rows.extend(_article_mentions(aid, text, title, doc))
    return pl.DataFrame(rows, schema=MENTION_SCHEMA)


# ---------------------------------------------------------------- resolution


def _display(name: str, entity_type: str) -> str:
    """Title-case all-capital place / person / venue names ("MEMPHIS" -> Memphis); keep acronyms."""
    letters = re.sub(r"[^A-Za-z]", "", name)
    if entity_type in ("GPE", "LOC", "PERSON", "FAC") and letters.isupper() and len(letters) > 3 and "." not in name:
        return " ".join(w.capitalize() if w.isalpha() else w.title() for w in name.split())
    return name


def _initials(key_words: list[str]) -> str:
    skip = {"of", "the", "and", "for", "de", "la", "at", "on", "in"}
    return "".join(w[0] for w in key_words if w not in skip)


def state_aliases() -> pl.DataFrame:
    """US state abbreviations as aliases of the state ("Fla.", "KY"); "LA" is left out (Los Angeles)."""
    rows = [(abbr, state, "GPE") for state, abbrs in US_STATES.items() for abbr in abbrs if abbr != "LA"]
    return pl.DataFrame(rows, schema=ALIAS_SCHEMA, orient="row")


def _alias_index(aliases: pl.DataFrame | None) -> tuple[dict, dict]:
    """key -> [(canonical_name, entity_type, exact surface or None, labels allowed or None)];
    (type, canonical key) -> alias names.

    The reviewed table applies to a mention of any label (the small model calls the Islamic State
    NORP or GPE too), except short all-capital aliases ("IS"), which need that exact surface and
    label. The built-in US state abbreviations and names apply to GPE/LOC mentions only
    ("Washington" the surname stays a person).
    """
    index: dict[str, list[tuple]] = defaultdict(list)
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    tables = [(aliases, None)] if aliases is not None and aliases.height else []
    tables.append((state_aliases(), ("GPE", "LOC")))
    for table, allowed in tables:
        for row in table.iter_rows(named=True):
            alias, canon, etype = ((row.get(c) or "").strip() for c in ("alias", "canonical_name", "entity_type"))
            if not alias or not canon or etype not in LABELS:
                continue
            strict = alias if (alias.isupper() and len(re.sub(r"[^A-Z]", "", alias)) <= 3) else None
            own = (canon, etype, None, allowed)
            if own not in index[name_key(canon)]:
                index[name_key(canon)].append(own)
            index[name_key(alias)].append((canon, etype, strict, (etype,) if strict else allowed))
            names[(etype, name_key(canon))].add(alias)
    return index, names


def _guarded_union(uf: UnionFind, tag: dict, a, b) -> None:
    """Union unless the two clusters hold different alias-table entities (tag: root -> canonical key)."""
    ra, rb = uf.find(a), uf.find(b)
    if ra == rb:
        return
    ta, tb = tag.get(ra), tag.get(rb)
    if ta is not None and tb is not None and ta != tb:
        return
    uf.union(ra, rb)
    r = uf.find(ra)
    if ta is not None or tb is not None:
        tag[r] = ta if ta is not None else tb


def _context_merges(uf: UnionFind, tag: dict, groups: dict, node_cls: dict) -> None:
    """Near-identical names within one context (an article or an event)."""
    from rapidfuzz import fuzz, process

    for nodes in groups.values():
        if len(nodes) < 2:
            continue
        by_cls: dict[str, list] = defaultdict(list)
        for nd in sorted(nodes):
            by_cls[node_cls[nd]].append(nd)
        for cls, nds in by_cls.items():
            if len(nds) < 2:
                continue
            if cls == "PERSON":  # same surname, first names alike or an initial
                by_last: dict[str, list] = defaultdict(list)
                for nd in nds:
                    w = nd[1].split()
                    if len(w) >= 2 and len(w[-1]) >= 3:
                        by_last[w[-1]].append((nd, w[0]))
                for same in by_last.values():
                    for i, (a, fa) in enumerate(same):
                        for b, fb in same[i + 1:]:
                            if (len(fa) == 1 and fb.startswith(fa)) or (len(fb) == 1 and fa.startswith(fb)) \
                                    or (min(len(fa), len(fb)) >= 3 and fuzz.ratio(fa, fb) >= 80):
                                _guarded_union(uf, tag, a, b)
                continue
            if cls not in ("ORGFAC", "PLACE"):
                continue
            keys = [nd[1] for nd in nds]
            if cls == "ORGFAC":  # same distinctive first word and head noun
                shape: dict[tuple, list] = defaultdict(list)
                for nd in nds:
                    w = nd[1].split()
                    if len(w) >= 2 and w[0] not in _AGENCY_GENERIC and len(w[0]) >= 3:
                        shape[(w[0], w[-1])].append(nd)
                for same in shape.values():
                    for b in same[1:]:
                        _guarded_union(uf, tag, same[0], b)
            min_len = 6 if cls == "ORGFAC" else 5
            scores = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=90)
            for i, j in zip(*scores.nonzero()):
                if i < j and min(len(keys[i]), len(keys[j])) >= min_len:
                    _guarded_union(uf, tag, nds[i], nds[j])


def resolve_entities(
    mentions: pl.DataFrame, aliases: pl.DataFrame | None, article_events: pl.DataFrame | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """All mentions (any run) -> (entities, mentions with entity_id). Rules in the module docstring."""
    from rapidfuzz import fuzz

    if not mentions.height:
        return pl.DataFrame(schema=ENTITY_SCHEMA), mentions.with_columns(pl.lit(None, pl.String).alias("entity_id"))
    m = mentions
    if "name_key" not in m.columns:
        m = m.with_columns(pl.col("surface").map_elements(name_key, return_dtype=pl.String).alias("name_key"))
    m = m.with_columns(pl.col("name_key").fill_null(""))
    alias_index, alias_names = _alias_index(aliases)

    ids = m["mention_id"].to_list()
    arts = m["article_id"].to_list()
    surfaces = m["surface"].to_list()
    labels = m["label"].to_list()
    keys = m["name_key"].to_list()
    n = len(ids)

    # 1. alias table and class of every mention
    cls = [_CLASS.get(lab, lab) for lab in labels]
    fixed: dict[int, tuple[str, str]] = {}
    for i in range(n):
        hit = next((h for h in alias_index.get(keys[i], ())
                    if (h[2] is None or surfaces[i] == h[2]) and (h[3] is None or labels[i] in h[3])), None)
        if hit is None:
            continue
        canon, etype = hit[:2]
        keys[i] = name_key(canon)
        cls[i] = _CLASS[etype]
        fixed[i] = (canon, etype)

    # 2. within an article: partial person names, acronyms
    by_article: dict[str, list[int]] = defaultdict(list)
    for i in range(n):
        by_article[arts[i]].append(i)
    for idx in by_article.values():
        persons = {keys[i] for i in idx if cls[i] == "PERSON" and i not in fixed}
        full = [k.split() for k in persons if len(k.split()) >= 2]
        orgs = {keys[i] for i in idx if cls[i] == "ORGFAC" and len(keys[i].split()) >= 2}
        for i in idx:
            if i in fixed:
                continue
            k = keys[i]
            w = k.split()
            if cls[i] == "PERSON":
                cands = {" ".join(f) for f in full if len(f) > len(w) and f[-len(w):] == w}
                cands |= {" ".join(f) for f in full if len(w) == 1 and len(f) > 1 and f[-1] == w[0]}
                if len(w) >= 2:
                    cands |= {" ".join(f) for f in full if len(f) > len(w) and f[0] == w[0] and f[-1] == w[-1]}
                if len(cands) == 1:
                    keys[i] = cands.pop()
                elif len(cands) > 1:
                    longest = max(len(c) for c in cands)
                    top = {c for c in cands if len(c) == longest}
                    # "Smith" with "John Smith" and "John A. Smith": nested names of one person
                    if all(all(t in max(top).split() for t in c.split()) for c in cands) and len(top) == 1:
                        keys[i] = top.pop()
            elif cls[i] == "ORGFAC" and len(w) == 1 and surfaces[i].isupper() and 2 <= len(k) <= 6:
                cands = {o for o in orgs if _initials(o.split()) == k}
                if len(cands) == 1:
                    keys[i] = cands.pop()

    # 3. nodes = (class, key); context groups for near-identical names
    node_of = [(cls[i], keys[i]) for i in range(n)]
    node_cls = {nd: nd[0] for nd in node_of}
    uf = UnionFind()
    for nd in node_cls:
        uf.find(nd)
    groups: dict[tuple, set] = defaultdict(set)
    for i in range(n):
        if cls[i] in ("ORGFAC", "PLACE", "PERSON"):
            groups[("a", arts[i])].add(node_of[i])
    if article_events is not None and article_events.height:
        ev = dict(article_events.select("article_id", "event_id").iter_rows())
        for i in range(n):
            e = ev.get(arts[i])
            if e is not None and cls[i] in ("ORGFAC", "PLACE", "PERSON"):
                groups[("e", e)].add(node_of[i])
    fixed_nodes = {node_of[i] for i in fixed}
    tag = {uf.find(nd): nd[1] for nd in fixed_nodes}
    _context_merges(uf, tag, groups, node_cls)

    # 4. typo-level variants across the corpus, blocked by (class, first 3 chars)
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for c, k in node_cls:
        if c in ("ORGFAC", "PLACE") and len(k) >= 8 and (c, k) not in fixed_nodes:
            blocks[(c, k[:3])].append(k)
    for (c, _), ks in blocks.items():
        if len(ks) < 2:
            continue
        ks.sort()
        for j, a in enumerate(ks):
            for b in ks[j + 1:]:
                if abs(len(a) - len(b)) <= 2 and a.split()[-1][:3] == b.split()[-1][:3] \
                        and fuzz.ratio(a, b, score_cutoff=95):
                    _guarded_union(uf, tag, (c, a), (c, b))

    # 5. clusters -> entities
    root = [uf.find(node_of[i]) for i in range(n)]
    members: dict[tuple, list[int]] = defaultdict(list)
    for i in range(n):
        members[root[i]].append(i)
    ent_rows: dict[str, dict] = {}
    mention_entity = [None] * n
    for r, idx in members.items():
        fixed_here = [fixed[i] for i in idx if i in fixed]
        if fixed_here:
            canon, etype = Counter(fixed_here).most_common(1)[0][0]
        else:
            votes = Counter()
            for i in idx:
                votes[labels[i]] += 1
            etype = min(votes, key=lambda lab: (-votes[lab], _LABEL_PRIORITY[lab]))
            variant_articles: dict[str, set] = defaultdict(set)
            variant_count: Counter = Counter()
            for i in idx:
                variant_articles[surfaces[i]].add(arts[i])
                variant_count[surfaces[i]] += 1
            pool = list(variant_articles)
            if etype == "PERSON":
                most = max(len(v.split()) for v in pool)
                pool = [v for v in pool if len(v.split()) == most]

            def rank(v):
                letters = re.sub(r"[^A-Za-z]", "", v)
                return (-len(variant_articles[v]), -variant_count[v], letters.isupper() and len(letters) > 3,
                        -len(v), v)
            canon = _display(min(pool, key=rank), etype)
        eid = entity_id(etype, canon)
        row = ent_rows.setdefault(eid, {"entity_id": eid, "canonical_name": canon, "entity_type": etype,
                                        "aliases": set(alias_names.get((etype, name_key(canon)), ())),
                                        "articles": set(), "mention_count": 0})
        # two clusters with one (type, canonical key) are one entity
        row["aliases"] |= {surfaces[i] for i in idx}
        row["articles"] |= {arts[i] for i in idx}
        row["mention_count"] += len(idx)
        for i in idx:
            mention_entity[i] = eid
    entities = pl.DataFrame(
        [{"entity_id": r["entity_id"], "canonical_name": r["canonical_name"], "entity_type": r["entity_type"],
          "aliases": sorted(r["aliases"] - {r["canonical_name"]}), "article_count": len(r["articles"]),
          "mention_count": r["mention_count"]} for r in ent_rows.values()],
        schema=ENTITY_SCHEMA,
    )
    out = mentions.with_columns(pl.Series("entity_id", mention_entity, dtype=pl.String))
    return entities.sort("entity_id"), out


# ---------------------------------------------------------------- attribution


def link_attributions(claims: pl.DataFrame, mentions: pl.DataFrame,
                      entities: pl.DataFrame | None = None) -> pl.DataFrame:
    """Fill claims.attributed_to with the entity_id of the attributed span (rules in the module docstring).

    ``entities`` (optional) adds their aliases to the surface lookup.
    """
    if not claims.height:
        return claims if "attributed_to" in claims.columns else claims.with_columns(
            pl.lit(None, pl.String).alias("attributed_to"))
    cols = [c for c in ("attributed_surface", "attributed_char_start", "attributed_char_end") if c in claims.columns]
    if "attributed_surface" not in cols:
        return claims.with_columns(pl.lit(None, pl.String).alias("attributed_to"))
    by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    key_entities: dict[str, set[str]] = defaultdict(set)
    article_keys: dict[tuple[str, str], set[str]] = defaultdict(set)
    mk = mentions if "name_key" in mentions.columns else mentions.with_columns(
        pl.col("surface").map_elements(name_key, return_dtype=pl.String).alias("name_key"))
    for aid, s, e, eid, key, lab in mk.select("article_id", "char_start", "char_end", "entity_id", "name_key",
                                              "label").iter_rows():
        if eid is None:
            continue
        by_article[aid].append((s, e, eid, lab))
        key_entities[key].add(eid)
        article_keys[(aid, key)].add(eid)
    if entities is not None and entities.height:
        for eid, canon, al in entities.select("entity_id", "canonical_name", "aliases").iter_rows():
            for nm in [canon, *(al or [])]:
                key_entities[name_key(nm)].add(eid)

    def link(aid, surface, s, e):
        if surface is None and s is None:
            return None
        if s is not None and e is not None:
            best = None
            for ms, me, eid, lab in by_article.get(aid, ()):
                ov = min(e, me) - max(s, ms)
                if lab in ("GPE", "LOC", "NORP", "FAC") and me < e - 1:
                    continue  # a modifier of the source, not the source: "Moscow mayor", "Russian officials"
                if ov > 0:
                    k = (ov, me - ms)
                    if best is None or k > best[0]:
                        best = (k, eid)
            if best is not None:
                return best[1]
        if not surface:
            return None
        start, end = 0, len(surface)
        span = trim_span(surface, start, end, "ORG")
        key = name_key(surface[span[0]:span[1]]) if span else ""
        if not key:
            return None
        local = article_keys.get((aid, key), set())
        if len(local) == 1:
            return next(iter(local))
        glob = key_entities.get(key, set())
        return next(iter(glob)) if len(glob) == 1 else None

    starts = claims["attributed_char_start"].to_list() if "attributed_char_start" in cols else [None] * claims.height
    ends = claims["attributed_char_end"].to_list() if "attributed_char_end" in cols else [None] * claims.height
    out = [link(a, sf, s, e) for a, sf, s, e in zip(claims["article_id"].to_list(),
                                                    claims["attributed_surface"].to_list(), starts, ends)]
    return claims.with_columns(pl.Series("attributed_to", out, dtype=pl.String))
