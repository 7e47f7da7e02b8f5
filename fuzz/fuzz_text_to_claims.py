"""Fuzz target: raw file bytes -> stage_text -> spaCy -> dates, entities, claims.

The whole per-article path of an extraction task, minus the file system and
the database. Any exception other than RejectedInput (a file the rules refuse)
is a bug, and so is a span that does not slice back or bounds out of order.

    fuzz/run.sh [SECONDS]                    atheris (coverage-guided), see docs/RELIABILITY.md
    FUZZ_NLP=blank fuzz/run.sh [SECONDS]     ~8x faster: a blank spaCy pipeline (sentences only,
                                             no NER, no parser) exercises the rule code harder
    python fuzz/fuzz_text_to_claims.py FILE... replay inputs once, without atheris

Not part of CI. Crashes are written by libFuzzer as crash-<sha1> in the current folder.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

try:
    import atheris
except ImportError:  # replay mode needs no atheris
    atheris = None

if atheris is not None:
    with atheris.instrument_imports(include=["transforms"]):
        from transforms import claims as claims_t
        from transforms import dates as dates_t
        from transforms import entities as entities_t
        from transforms import text as text_t
else:
    from transforms import claims as claims_t
    from transforms import dates as dates_t
    from transforms import entities as entities_t
    from transforms import text as text_t

import os  # noqa: E402

import polars as pl  # noqa: E402

TODAY = date(2026, 11, 22)
MAX_CHARS = 20_000  # keeps one execution short; the real limit is NEWSCLAIMS_MAX_ARTICLE_CHARS
_NLP = None


class _Blank:
    """Sentences only: no entities, no dependency parse (claims fall back to their word rules)."""

    def __init__(self):
        import spacy

        self.ner = spacy.blank("en")
        self.ner.add_pipe("sentencizer")
        self.parse = None


def _nlp():
    global _NLP
    if _NLP is None:
        if os.environ.get("FUZZ_NLP") == "blank":
            _NLP = _Blank()
        else:
            from flows.nlp import load_nlp
            from flows.settings import get_settings

            _NLP = load_nlp(get_settings().spacy_model)
    return _NLP


def check_one(data: bytes) -> int:
    """Run one input through the path and check the invariants; returns the number of claims."""
    try:
        staged = text_t.stage_text(data, today=TODAY, max_chars=MAX_CHARS)
    except text_t.RejectedInput:
        return 0
    body = staged.body_clean
    articles = pl.DataFrame([{**staged.__dict__, "source_path": "fuzz.txt", "file_sha256": None}],
                            schema=text_t.ARTICLE_SCHEMA)
    nlp = _nlp()
    docs = list(nlp.ner.pipe([body]))
    mentions = dates_t.date_mentions(articles)
    articles = articles.join(dates_t.event_dates(articles, mentions), on="article_id", how="left")
    ents = entities_t.entity_mentions(articles, docs)
    claims = claims_t.extract_claims(articles, docs, nlp.parse)
    for frame in (mentions, ents, claims):
        for r in frame.iter_rows(named=True):
            assert body[r["char_start"]:r["char_end"]] == r["surface"], r
    for r in claims.iter_rows(named=True):
        if r["value_low"] is not None and r["value_high"] is not None:
            assert r["value_low"] <= r["value_high"], r
        if r["attributed_surface"] is not None:
            assert body[r["attributed_char_start"]:r["attributed_char_end"]] == r["attributed_surface"], r
    return claims.height


def main(argv: list[str]) -> None:
    if atheris is None or (argv[1:] and all(Path(a).is_file() for a in argv[1:])):
        for name in argv[1:]:
            n = check_one(Path(name).read_bytes())
            print(f"{name}: ok, {n} claims")
        return
    _nlp()  # load spaCy before fuzzing starts
    atheris.Setup(argv, check_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
