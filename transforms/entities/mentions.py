"""entity_mentions: one row per mention of an article, from its spaCy doc and the place rules."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import polars as pl
from spacy.lang.en.stop_words import STOP_WORDS as _SPACY_STOP_WORDS

from transforms.entities.names import mention_id, name_key, trim_span
from transforms.entities.places import _FAC_HEADS, _ORG_HEADS, _rule_places
from transforms.entities.schema import LABELS, MENTION_SCHEMA


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
    # the first and last words of the article's longer PERSON names ("Riley" of "Riley Spitler")
    name_parts = {w for c in cands.values() if c["label"] == "PERSON"
                  for k in [name_key(text[c["start"]:c["end"]]).split()] if len(k) > 1 for w in (k[0], k[-1])}
    place_keys: set[str] = set()
    for s, e, rule in _rule_places(text, doc, list(doc.ents)):
        span = trim_span(text, s, e, "GPE")
        if span is None:
            continue
        s, e = span
        key = name_key(text[s:e])
        if not key:
            continue
        if rule == "in_place" and key in name_parts:
            continue  # "found near Hayes' body" after "Quanice Hayes": the person, not a place
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
        if key in name_parts and (votes["PERSON"] or not votes.keys() & {"GPE", "LOC", "FAC"}):
            # a first or last name of a person the article names in full ("McMillian" after
            # "Malik McMillian"), though the model called the short form NORP or ORG; a short form
            # the model only ever calls a place ("Jordan Smith fled to Jordan") stays a place
            best = "PERSON"
        elif len(votes) > 1:
            best = min(votes, key=lambda lab: (-votes[lab], _LABEL_PRIORITY[lab]))
        else:
            continue
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


def _doc_of(doc, text: str, sample: int = 16) -> bool:
    """The doc was made from ``text``: its length, and the text of up to ``sample`` tokens spread
    over it (all of a short doc's) at their offsets. Catches docs out of order without joining
    every token's text again, as ``doc.text`` does (1.5 ms an article)."""
    n = len(doc)
    if n == 0:
        return not text.strip()
    last = doc[-1]
    if last.idx + len(last.text_with_ws) != len(text):
        return False
    for i in sorted({round(k * (n - 1) / (sample - 1)) for k in range(sample)}):
        tok = doc[i]
        if not text.startswith(tok.text, tok.idx):
            return False
    return True


def entity_mentions(articles: pl.DataFrame, docs: list) -> pl.DataFrame:
    """articles(article_id, body_clean[, title]) + one spaCy Doc per article (same order) -> mentions."""
    if articles.height != len(docs):
        raise ValueError(f"{articles.height} articles but {len(docs)} docs")
    titles = articles["title"].to_list() if "title" in articles.columns else [None] * articles.height
    rows: list[dict] = []
    for (aid, text), title, doc in zip(articles.select("article_id", "body_clean").iter_rows(), titles, docs):
        if not _doc_of(doc, text):
            raise ValueError(f"doc of article {aid} is not its body_clean")
        rows.extend(_article_mentions(aid, text, title, doc))
    return pl.DataFrame(rows, schema=MENTION_SCHEMA)
