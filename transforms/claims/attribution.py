"""Who the sentence says gave the figure: 'police said', 'according to the coroner'."""

from __future__ import annotations

import bisect
import re

from transforms import lexicon
from transforms.claims import rules
from transforms.claims.model import Segment


_SOURCE_LABELS = frozenset({"ORG", "PERSON", "GPE", "NORP", "FAC"})

_ARTICLES = lexicon.words("sources", "articles")

_THE = re.compile(r"(?:the|The)\s+")

_SOURCE_NOUNS = lexicon.words("sources", "source_nouns")

# one-word titles of people ('according to Sgt.'): entity mentions trim them off a name
# ("Sgt. John Smith" -> John Smith), so the source scan reads them as source words
_TITLE_WORDS = frozenset(t.strip().lower().rstrip(".") for t in lexicon.words("entity_words", "titles")
                         if " " not in t.strip())


def _source_word(tok: str) -> bool:
    """A source noun or a title; a token may carry the sentence's final period ('Department.')."""
    w = tok.lower()
    return w in _SOURCE_NOUNS or w.rstrip(".") in _SOURCE_NOUNS or w.rstrip(".") in _TITLE_WORDS

_SRC_SKIP = lexicon.words("sources", "skip_before_say")

_SRC_TOKEN = re.compile(r"[\w'’.&-]+|[,;:()\"“”—–]")


def _sources(seg: Segment) -> list[tuple[int, int]]:
    """Spans (into body) of the sources a sentence names: 'police said', 'according to the
    Cook County coroner', 'said Sgt. John Smith', 'The Moscow Regional Health Ministry
    released'. NER entities (ORG, PERSON, GPE, NORP, FAC) give the span when they cover it."""
    text = seg.text
    gate = rules.gate("attribution")
    if gate is not None and not (seg.words & gate):
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
        if not _source_word(toks[k][2]):
            return None
        start = toks[k][0]
        j = k - 1
        while j >= 0 and k - j <= 5 and (toks[j][2][:1].isupper() or toks[j][2] in ("’s", "'s")
                                         or _source_word(toks[j][2])
                                         or toks[j][2].endswith(("'s", "’s"))) \
                and toks[j][2].lower() not in _ARTICLES:
            start = toks[j][0]
            j -= 1
        return start, end

    def forward(pos: int) -> tuple[int, int] | None:
        k = bisect.bisect_left(starts, pos)
        if k < len(toks) and toks[k][2].lower() in _ARTICLES:
            k += 1
        if k >= len(toks):
            return None
        ent = next((e for e in ents if e[0] <= toks[k][0] < e[1]), None)
        if ent is not None:
            return _strip_the(text, ent[0], ent[1])
        j = k
        while j < len(toks) and j - k < 6 and (toks[j][2][:1].isupper() or _source_word(toks[j][2])
                                              or toks[j][2].endswith(("'s", "’s"))):
            j += 1
        if j > k and any(_source_word(toks[x][2]) for x in range(k, j)):
            end = toks[j - 1][1]
            return toks[k][0], end - 1 if text[end - 1] == "." else end  # not the sentence's period
        return None

    # the rules of rules/attribution.yaml say where the source is: before the verb, after it
    # when none is before ("..., said Sgt. John Smith"), after "according to"
    matches = rules.match("attribution", text, "all")
    after_too = {m.start for m in matches if m.rule.emits.get("source") == "after_if_none_before"}
    for m in matches:
        if m.rule.emits.get("source") == "before":
            src = backward(m.start)
            if src is None and m.start in after_too:
                src = forward(m.end)
            if src is not None:
                out.append(src)
    for m in matches:
        if m.rule.emits.get("source") == "after":
            src = forward(m.end)
            if src is not None:
                out.append(src)
    return [(seg.start + a, seg.start + b) for a, b in out]


def _strip_the(text: str, a: int, b: int) -> tuple[int, int]:
    m = _THE.match(text[a:b])
    return (a + m.end(), b) if m and a + m.end() < b else (a, b)


_CLAUSE_BREAK = re.compile(r";|\b" + lexicon.alternation("sources", "clause_breaks") + r"\b")


def _nearest(sources: list[tuple[int, int]], c: "Claim", body: str) -> tuple[int, int] | None:
    """The source nearest the figure within the same clause: a source across 'while', 'but',
    'although' or ';' gave another statement ("X confirmed the death toll, while medics
    treated over 100 injured")."""
    same_clause = [s for s in sources
                   if not _CLAUSE_BREAK.search(body[min(s[1], c.end):max(s[0], c.start)])]
    if not same_clause:
        return None
    return min(same_clause, key=lambda s: abs(s[0] - c.start))
