"""Rule-found places the small model misses: datelines, '<Town>, <State>', agencies, 'in <place>', residents, districts."""

from __future__ import annotations

import re

import numpy
from spacy.attrs import LOWER, ORTH

from transforms import lexicon
from transforms.entities.names import name_key


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


def _tokens_of(doc, attr: int, words: tuple[str, ...]) -> list:
    """The doc's tokens whose ``attr`` (ORTH, LOWER) is one of ``words``, in order: found in the
    doc's array, so that the other tokens of a long article need no Python object."""
    if len(doc) == 0:
        return []
    ids = [doc.vocab.strings.add(w) for w in words]
    column = doc.to_array([attr])
    return [doc[int(i)] for i in numpy.flatnonzero(numpy.isin(column, numpy.array(ids, dtype=column.dtype)))]


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
    for tok in _tokens_of(doc, ORTH, (",",)):
        if tok.i == 0:
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
    for tok in _tokens_of(doc, LOWER, ("police", "sheriff", "fire")):
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
