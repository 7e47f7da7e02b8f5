"""The claims snapshot gate: extract the claims of a fixed set of articles and diff them
against the committed snapshot, so a refactor of transforms/claims can show it changed
nothing (or exactly what it changed).

    .venv/bin/python tools/claims_snapshot.py --check          # diff against the snapshot; exit 1 on a diff
    .venv/bin/python tools/claims_snapshot.py --write          # (re)write the snapshot
    .venv/bin/python tools/claims_snapshot.py --check --no-cache   # time a cold run (speed check)

The set: seeds/, every file of gva_dev, and every 10th file (sorted by name) of gva_bench.
Extraction runs in-process through transforms.pipeline.extract_batch (the code a run uses:
staging, NER, dates, entities, claims), not a Prefect run. The spaCy docs (NER docs of the
articles, parses of the sentences) are cached under /tmp by text hash unless --no-cache;
the timings printed are the pipeline's own per-step seconds.

The snapshot (tests/fixtures/claims_snapshot.tsv.gz) holds no article text: one row per
claim with the article key (corpus/file), claim_type, value_stated/low/high, qualifier,
char_start/end, hedged, negated, is_background, whether it is attributed,
the rule_id and derived_from.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import hashlib
import os
import sys
import time
from datetime import date
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flows.nlp import load_nlp  # noqa: E402
from flows.reader import read_files  # noqa: E402
from flows.settings import get_settings  # noqa: E402
from transforms.pipeline import extract_batch  # noqa: E402

CORPORA = Path("/work/shared/corpora")
SNAPSHOT = ROOT / "tests" / "fixtures" / "claims_snapshot.tsv.gz"
CACHE = Path("/tmp") / f"claims_snapshot_cache_{os.getuid()}"
TODAY = date(2026, 1, 1)  # staging's "today": fixed, so the snapshot does not move with the clock
BENCH_EVERY = 10
COLUMNS = ("key", "claim_type", "value_stated", "value_low", "value_high", "qualifier",
           "char_start", "char_end", "hedged", "negated", "is_background", "attributed", "rule_id",
           "derived_from", "scope")


def article_files() -> list[tuple[str, Path]]:
    """(key, path) of every article of the snapshot set, in a fixed order."""
    out = [(f"seeds/{p.name}", p) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    out += [(f"gva_dev/{p.name}", p) for p in sorted((CORPORA / "gva_dev").glob("*.txt"))]
    bench = sorted((CORPORA / "gva_bench").glob("*.txt"))
    out += [(f"gva_bench/{p.name}", p) for p in bench[::BENCH_EVERY]]
    return out


class _CachedPipe:
    """A spaCy pipeline whose docs are kept on disk by text hash (DocBin)."""

    def __init__(self, nlp, name: str, use_cache: bool) -> None:
        self.nlp, self.use_cache = nlp, use_cache
        self.path = CACHE / f"{name}.v2.spacy"  # v2: ENT_ID kept (the entity ruler's ids)
        self.docs: dict[str, object] = {}
        self.dirty = False
        if use_cache and self.path.exists():
            from spacy.tokens import DocBin

            for doc in DocBin(store_user_data=False).from_disk(self.path).get_docs(nlp.vocab):
                self.docs[_key(doc.text)] = doc

    def pipe(self, texts, batch_size: int = 64):
        texts = list(texts)
        todo = [t for t in dict.fromkeys(texts) if _key(t) not in self.docs]
        for text, doc in zip(todo, self.nlp.pipe(todo, batch_size=batch_size)):
            self.docs[_key(text)] = doc
            self.dirty = True
        return [self.docs[_key(t)] for t in texts]

    def save(self) -> None:
        if not (self.use_cache and self.dirty):
            return
        from spacy.tokens import DocBin

        CACHE.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin(attrs=["ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "ENT_ID", "POS", "SENT_START",
                             "LEMMA", "MORPH"], store_user_data=False)
        for doc in self.docs.values():
            bin_.add(doc)
        tmp = self.path.with_suffix(f".tmp{os.getpid()}")
        bin_.to_disk(tmp)
        os.replace(tmp, self.path)  # atomic: several dev loops may share a cache folder


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class _Nlp:
    def __init__(self, nlp, use_cache: bool) -> None:
        self.ner = _CachedPipe(nlp.ner, "ner", use_cache)
        self.parser = _CachedPipe(nlp.parser, "parse", use_cache)

    def parse(self, texts: list[str]) -> list:
        return self.parser.pipe(texts, batch_size=256)

    def save(self) -> None:
        self.ner.save()
        self.parser.save()


def extract(use_cache: bool = True) -> tuple[pl.DataFrame, dict[str, float]]:
    """The snapshot rows of the current code, and the pipeline's per-step seconds."""
    settings = get_settings()
    files = article_files()
    key_of = {str(p): k for k, p in files}
    read = read_files([str(p) for _, p in files], settings.max_file_bytes)
    known = pl.DataFrame(schema={"source_path": pl.String, "file_sha256": pl.String})
    nlp = _Nlp(load_nlp(settings.spacy_model), use_cache)
    t0 = time.perf_counter()
    batch = extract_batch(read, known, nlp, today=TODAY, max_chars=settings.max_article_chars)
    seconds = dict(batch.seconds, total=time.perf_counter() - t0)
    nlp.save()
    keys = batch.articles.select(
        "article_id", pl.col("source_path").replace_strict(key_of, return_dtype=pl.String).alias("key"))
    rows = batch.claims.join(keys, on="article_id", how="left").with_columns(
        pl.col("attributed_surface").is_not_null().alias("attributed"))
    rows = rows.select(COLUMNS).sort("key", "char_start", "char_end", "claim_type", "value_low",
                                     nulls_last=True)
    return rows, seconds


def to_tsv(rows: pl.DataFrame) -> str:
    def cell(v) -> str:
        if v is None:
            return ""
        if isinstance(v, bool):
            return "t" if v else "f"
        return str(v)

    lines = ["\t".join(COLUMNS)]
    lines += ["\t".join(cell(v) for v in r) for r in rows.iter_rows()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="write the snapshot")
    mode.add_argument("--check", action="store_true", help="diff against the snapshot (exit 1 on a diff)")
    ap.add_argument("--no-cache", action="store_true", help="run spaCy on every text (cold timing)")
    ap.add_argument("--snapshot", type=Path, default=SNAPSHOT)
    ap.add_argument("--max-diff", type=int, default=200, help="diff lines to print")
    args = ap.parse_args(argv)

    rows, seconds = extract(use_cache=not args.no_cache)
    text = to_tsv(rows)
    timing = ", ".join(f"{k} {v:.1f}s" for k, v in seconds.items())
    print(f"{rows.height} claims of {rows['key'].n_unique()} articles ({timing})")
    if args.write:
        args.snapshot.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(args.snapshot, "wt", encoding="utf-8", compresslevel=9) as fh:
            fh.write(text)
        print(f"wrote {args.snapshot}")
        return 0
    with gzip.open(args.snapshot, "rt", encoding="utf-8") as fh:
        old = fh.read()
    if old == text:
        print("snapshot: no difference")
        return 0
    diff = list(difflib.unified_diff(old.splitlines(), text.splitlines(), "snapshot", "now", n=0,
                                     lineterm=""))
    changed = sum(1 for d in diff if d[:1] in "+-" and not d.startswith(("+++", "---")))
    print("\n".join(diff[: args.max_diff]))
    if len(diff) > args.max_diff:
        print(f"... {len(diff) - args.max_diff} more diff lines")
    print(f"snapshot: {changed} rows differ")
    return 1


if __name__ == "__main__":
    sys.exit(main())
