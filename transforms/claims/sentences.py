"""Sentences of an article (the NER doc's, cut at line breaks, story links skipped), their figures, and which of them get a dependency parse."""

from __future__ import annotations

import re

from transforms import lexicon
from transforms.figures import Figure, find_figures
from transforms.claims.vocab import _PERSON_ALT, _TRIGGER_WORDS
from transforms.claims.model import Segment
from transforms.claims.figure_types import _type_from_adjacent


_WORD_RX = re.compile(r"[a-z0-9]+")

_SINGULAR_WORDS = lexicon.words("claims_gates", "singular")

_PERSONLIKE_AFTER = re.compile(
    rf"\A(?:(?:\s+[\w-]+){{0,2}}?\s+(?:{_PERSON_ALT}|[a-z]+-year-olds?)\b|"
    rf"(?:\s+[\w-]+)?\s+{lexicon.alternation('casualty_predicates', 'counted_noun_classes')}\b|"  # "one injury"
    rf"\s+of\s+{lexicon.alternation('claims_grammar', 'person_after_pronouns')}\b|"
    rf"\s+{lexicon.alternation('claims_grammar', 'person_after_verbs')}\b)",
    re.IGNORECASE,
)

_LINE = re.compile(r"[^\n]+")

_WS = re.compile(r"\S+(?:[ \t]+\S+)*")

def _phrases(key: str) -> str:
    """The lexicon list as a regex alternation, longest first: a space is any whitespace, and ':'
    may follow a space."""
    items = sorted(lexicon.words("claims_grammar", key), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(":", r"\s*:") for w in items) + ")"


_SKIP_LINE = re.compile(r"\A\W*" + _phrases("link_line_openers") + r"\b", re.IGNORECASE)

# a whole line of page furniture: photo captions, "Read <headline>" links
_SKIP_WHOLE_LINE = re.compile(r"^[^\S\n]*(?:Caption|CAPTION|Read)\b[^\n]*", re.MULTILINE)


def _segments(body: str, doc) -> list[Segment]:
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
            out.append(Segment(a, b, body[a:b]))
    return out


def _plan(body: str, doc, ents: list) -> list[Segment]:
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


def _choose_parses(segs: list[Segment], body_len: int) -> list[Segment]:
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
