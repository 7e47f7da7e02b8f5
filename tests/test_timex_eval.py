"""TempEval-style scoring (transforms/timex_scoring.py) and `newsclaims eval-timex` end to end.

The gold folder is written here with our own sentences; gold offsets are found with
str.find and the gold values are written by hand, never produced by the code under test.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from flows.cli import main
from flows.timex_eval import is_timeml_gold, load_gold
from transforms.timex_scoring import evaluate, render

# ---------------------------------------------------------------- the measures


def g(start, end, value, surface="x"):
    return {"start": start, "end": end, "value": value, "surface": surface, "type": "DATE", "tid": "t"}


def p(start, end, value):
    return {"start": start, "end": end, "value": value, "surface": "x", "resolution": ""}


def test_relaxed_strict_and_value_measures():
    gold = {"a": [g(0, 6, "2024-03-22"), g(10, 20, "P3D"), g(30, 35, "PRESENT_REF")]}
    preds = {"a": [p(0, 6, "2024-03-22"),  # exact span, right value
                   p(12, 20, "P4D"),  # overlaps, wrong value
                   p(50, 55, "2024")]}  # overlaps nothing: a false positive
    m, records = evaluate(gold, {}, preds)
    assert (m["found_relaxed"], m["found_strict"], m["value_correct"], m["false_positives"]) == (2, 1, 1, 1)
    assert m["relaxed"]["P"] == pytest.approx(2 / 3) and m["relaxed"]["R"] == pytest.approx(2 / 3)
    assert m["value_accuracy"] == pytest.approx(0.5)
    assert m["value_F1"] == pytest.approx(0.5 * 2 / 3)
    assert sorted(r["outcome"] for r in records) == ["false_positive", "missed", "ok", "value"]


def test_dont_care_gold_leaves_a_prediction_out_of_precision():
    m, _ = evaluate({"a": [g(0, 6, "2024")]}, {"a": [g(10, 14, "P1D")]}, {"a": [p(10, 14, "P1D")]})
    assert (m["predictions_scored"], m["predictions_dont_care"], m["false_positives"]) == (0, 1, 0)


@pytest.mark.parametrize("resolved,precision,expected", [
    ("2024-03-22", "day", "2024-03-22"), ("2024-03-01", "month", "2024-03"), ("2024-01-01", "year", "2024"),
    (None, "day", None), ("2024-03-22", None, None),
])
def test_render(resolved, precision, expected):
    assert render(resolved, precision) == expected


# ---------------------------------------------------------------- the command

DOCS = {
    "a1.txt": ("2024-03-22", "Crews fixed the dam on Wednesday after three days of rain. "
                             "The town is now dry, and next week the road reopens to cars and buses."),
    "a2.txt": ("2021-10-28", "Profit in the third quarter rose 8% from a year earlier. "
                             "The lender pays dividends every month. Its branches in Ohio and Indiana "
                             "saw strong demand for loans, and its costs were lower."),
    "a3.txt": ("2024-03-22", "Crews fixed the dam on Wednesday after three days of rain. "
                             "The town is now dry, and next week the road reopens to cars and buses."),  # = a1
}
GOLD = [  # file, surface, type, value (by hand)
    ("a1.txt", "Wednesday", "DATE", "2024-03-20"),
    ("a1.txt", "three days", "DURATION", "P3D"),
    ("a1.txt", "now", "DATE", "PRESENT_REF"),
    ("a1.txt", "next week", "DATE", "2024-W13"),
    ("a2.txt", "the third quarter", "DATE", "2021-Q3"),
    ("a2.txt", "a year earlier", "DATE", "2020-Q3"),
    ("a2.txt", "every month", "SET", "P1M"),
]


def write_gold_folder(folder: Path) -> None:
    folder.mkdir()
    for name, (dct, text) in DOCS.items():
        (folder / name).write_text(f" date {dct} {text}", encoding="utf-8")
    cols = ["file", "tid", "char_start", "char_end", "surface", "value", "value_kind", "dct", "corpus"]
    with (folder / "gold.csv").open("w", newline="", encoding="utf-8") as g_fh, \
            (folder / "other_timex.csv").open("w", newline="", encoding="utf-8") as o_fh:
        gw, ow = csv.writer(g_fh), csv.writer(o_fh)
        gw.writerow(cols)
        ow.writerow(cols + ["type"])
        for i, (name, surface, ttype, value) in enumerate(GOLD):
            text = DOCS[name][1]
            start = text.find(surface)
            row = [name, f"t{i}", start, start + len(surface), surface, value, "", DOCS[name][0], "test"]
            (gw.writerow(row) if ttype == "DATE" else ow.writerow(row + [ttype]))


def test_a_gva_style_folder_is_no_timeml_gold(tmp_path):
    (tmp_path / "gold.csv").write_text("file,incident_id,killed\n", encoding="utf-8")
    assert not is_timeml_gold(tmp_path)
    with pytest.raises(FileNotFoundError):
        load_gold(tmp_path)


@pytest.mark.slow
def test_eval_timex_runs_the_pipeline_and_scores_every_type(tmp_path):
    folder = tmp_path / "timeml"
    write_gold_folder(folder)
    rows, skip = load_gold(folder)
    assert len(rows) == len(GOLD) and skip == {"a3.txt"}  # the repeated text is scored once
    out = tmp_path / "scores.json"
    errors = tmp_path / "errors.csv"
    assert main(["eval-timex", str(folder), "--json", str(out), "--errors", str(errors)]) == 0
    report = json.loads(out.read_text())
    every = report["all_types"]
    assert every["gold"] == len(GOLD)
    assert every["found_relaxed"] == len(GOLD) and every["value_correct"] == len(GOLD), errors.read_text()
    assert every["false_positives"] == 0
    assert report["calendar_date"]["gold"] == 1  # only "Wednesday" has a calendar value
    assert report["duplicates_left_out"] == ["a3.txt"]
    # `newsclaims eval` on the same folder recognises the TimeML gold and scores the same way
    out2 = tmp_path / "scores2.json"
    assert main(["eval", str(folder), "--json", str(out2)]) == 0
    assert json.loads(out2.read_text())["all_types"]["value_correct"] == len(GOLD)
