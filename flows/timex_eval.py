"""`newsclaims eval-timex DIR`: run the real pipeline on a TimeML gold folder and score
its date_mentions (TempEval-3 style, transforms/timex_scoring.py).

DIR is laid out like ../shared/corpora/tempeval_tbaq: article ``.txt`` files (header
` date YYYY-MM-DD `, the document creation time), ``gold.csv`` (the DATE timexes: file,
tid, char_start, char_end, surface, value, ...) and optionally ``other_timex.csv`` (TIME,
DURATION and SET timexes, the same columns plus ``type``). Gold offsets index body_clean.
Files with the same text as an earlier file (by name) are scored once.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from pathlib import Path

import polars as pl

from flows.settings import Settings
from transforms.timex_scoring import prediction, score
from warehouse import loader

_HEADER = re.compile(r"\A[ \t]?date[ \t]+\d{4}-\d{2}-\d{2}[ \t]?")


def is_timeml_gold(directory: Path) -> bool:
    """A folder whose gold.csv has TimeML timex columns (tid, char_start, value)."""
    path = directory / "gold.csv"
    if not path.is_file():
        return False
    with path.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh), [])
    return {"tid", "char_start", "char_end", "value"} <= set(header)


def _read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_gold(directory: Path) -> tuple[list[dict], set[str]]:
    """(gold timex rows of every type, files left out as duplicate text)."""
    gold_path = directory / "gold.csv"
    if not is_timeml_gold(directory):
        raise FileNotFoundError(f"{gold_path}: no TimeML gold (needs columns tid, char_start, char_end, value)")
    rows = _read_csv(gold_path)
    other = directory / "other_timex.csv"
    if other.is_file():
        rows += _read_csv(other)
    files = {r["file"] for r in rows} | {n for n in os.listdir(directory) if n.endswith(".txt")}
    seen: dict[str, str] = {}
    skip: set[str] = set()
    for f in sorted(files):
        path = directory / f
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        m = _HEADER.match(text)
        body = text[m.end():] if m else text
        if body in seen:
            skip.add(f)
        else:
            seen[body] = f
    return rows, skip


def score_mentions(directory: Path, files: pl.DataFrame, mentions: pl.DataFrame, *,
                   errors_csv: Path | None = None) -> dict:
    """files[file, article_id] + date_mentions rows -> the report of transforms.timex_scoring.score."""
    rows, skip = load_gold(directory)
    owner: dict[str, str] = {}
    for f, aid in sorted(files.select("file", "article_id").iter_rows()):
        if aid is not None and aid not in owner and f not in skip:
            owner[aid] = f
    preds: dict[str, list[dict]] = {}
    for m in mentions.sort("article_id", "char_start").iter_rows(named=True):
        f = owner.get(m["article_id"])
        if f is not None:
            preds.setdefault(f, []).append(prediction(m))
    report = score(rows, preds, skip)
    report["files"] = len(set(files["file"].to_list()) - skip)
    report["duplicates_left_out"] = sorted(skip)
    if errors_csv is not None:
        write_errors(errors_csv, report["errors"])
    return report


def write_errors(path: Path, errors: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "outcome", "gold_tid", "gold_type", "gold_surface", "gold_value", "gold_start",
                    "pred_surface", "pred_value", "pred_resolution", "pred_start"])
        for r in errors:
            g, p = r["gold"] or {}, r["pred"] or {}
            w.writerow([r["file"], r["outcome"], g.get("tid", ""), g.get("type", ""), g.get("surface", ""),
                        g.get("value", ""), g.get("start", ""), p.get("surface", ""), p.get("value") or "",
                        p.get("resolution", ""), p.get("start", "")])


def report_rows(report: dict) -> list[tuple[str, str, str]]:
    """(metric, value, n) rows for the CLI table."""
    out = []
    for scope in ("calendar_date", "all_types"):
        r = report[scope]
        name = scope.replace("_", " ")
        out += [
            (f"{name}: relaxed P / R / F1",
             f"{r['relaxed']['P']:.3f} / {r['relaxed']['R']:.3f} / {r['relaxed']['F1']:.3f}", str(r["gold"])),
            (f"{name}: strict F1", f"{r['strict']['F1']:.3f}", str(r["found_strict"])),
            (f"{name}: value accuracy", f"{r['value_accuracy']:.3f}", f"{r['value_correct']}/{r['found_relaxed']}"),
            (f"{name}: value F1", f"{r['value_F1']:.3f}", str(r["predictions_scored"])),
        ]
    return out


def print_report(report: dict) -> None:
    print(f"{report['files']} files scored ({len(report['duplicates_left_out'])} duplicate texts left out)")
    for metric, value, n in report_rows(report):
        print(f"  {metric:38} {value:24} {n}")


def evaluate_timex(directory: Path, settings: Settings, *, keep_db: Path | None = None,
                   errors_csv: Path | None = None) -> dict:
    """Ingest DIR into a temporary database (or ``keep_db``) with the real flow, then score."""
    from flows.ingest import ingest_articles

    load_gold(directory)  # fail before the run when DIR has no TimeML gold
    with tempfile.TemporaryDirectory(prefix="newsclaims-eval-timex-") as tmp:
        db = keep_db or Path(tmp) / "eval.duckdb"
        summary = ingest_articles([str(directory)], settings.model_copy(update={"db": db, "strict": False}))
        con = loader.connect(db, read_only=True)
        try:
            files = loader.read_frame(
                con, "select source_path, article_id from source_files where article_id is not null"
            ).with_columns(pl.col("source_path").map_elements(os.path.basename, return_dtype=pl.String)
                           .alias("file"))
            mentions = loader.read_frame(con, "select * from date_mentions")
        finally:
            con.close()
    report = score_mentions(directory, files, mentions, errors_csv=errors_csv)
    report["run"] = {"run_id": summary.run_id, "duration_s": summary.duration_s,
                     "files_seen": summary.files_seen, "files_rejected": summary.files_rejected}
    return report
