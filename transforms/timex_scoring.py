"""TempEval-3 style scoring of time expressions against TimeML gold (pure; no I/O).

The measures are those of the shared scorer (``tempeval_score.py``), computed on
character spans:

- relaxed: a gold timex is found when some prediction overlaps it; a prediction is right
  when it overlaps some in-scope gold timex. P = right / scored predictions, R = found /
  gold, F1.
- strict: the same with identical spans.
- value accuracy: on relaxed-found gold, the best-overlapping prediction (an identical span
  first, then the longest overlap) has the gold value.
- value F1 = value accuracy x relaxed F1 (TempEval-3's "value F1").

Two scopes: "calendar DATE" (gold DATEs valued YYYY, YYYY-MM or YYYY-MM-DD; the other gold
timexes are don't-care: a prediction overlapping only those is left out of precision) and
"all TIMEX3 types" (every gold timex in scope, no don't-care).

A prediction's value is its TimeML ``timex_value`` when it has one, else resolved_date and
precision rendered as YYYY-MM-DD / YYYY-MM / YYYY.
"""

from __future__ import annotations

import re
from collections import defaultdict

CALENDAR = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?\Z")


def render(resolved, precision) -> str | None:
    """resolved_date + precision as a TimeML calendar value (None when there is none)."""
    if resolved is None or precision not in ("day", "month", "year"):
        return None
    s = resolved.isoformat() if hasattr(resolved, "isoformat") else str(resolved)
    return {"day": s[:10], "month": s[:7], "year": s[:4]}[precision]


def prediction(row: dict) -> dict:
    """A date_mentions row as a scored prediction."""
    return {"start": row["char_start"], "end": row["char_end"], "surface": row["surface"],
            "value": row.get("timex_value") or render(row.get("resolved_date"), row.get("precision")),
            "resolution": row.get("resolution") or ""}


def overlap(a: dict, b: dict) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def best_match(g: dict, cands: list[dict]) -> dict | None:
    exact = [p for p in cands if p["start"] == g["start"] and p["end"] == g["end"]]
    if exact:
        return exact[0]
    return max(cands, key=lambda p: overlap(g, p)) if cands else None


def prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(gold_in: dict, gold_dc: dict, preds: dict) -> tuple[dict, list[dict]]:
    """gold_in / gold_dc: {file: [timex]}; preds: {file: [prediction]} -> (measures, records)."""
    n_gold = sum(len(v) for v in gold_in.values())
    found = strict_found = value_ok = 0
    pred_right = pred_strict = pred_fp = pred_ignored = 0
    records = []
    for f in sorted(set(gold_in) | set(gold_dc) | set(preds)):
        gi, gd, ps = gold_in.get(f, []), gold_dc.get(f, []), preds.get(f, [])
        for g in gi:
            cands = [p for p in ps if overlap(g, p) > 0]
            m = best_match(g, cands)
            rec = {"file": f, "gold": g, "pred": m}
            if m is None:
                rec["outcome"] = "missed"
            else:
                found += 1
                exact = any(p["start"] == g["start"] and p["end"] == g["end"] for p in cands)
                strict_found += exact
                ok = m["value"] == g["value"]
                value_ok += ok
                rec["outcome"] = ("ok" if exact else "span") if ok else "value"
            records.append(rec)
        for p in ps:
            hits = [g for g in gi if overlap(g, p) > 0]
            if hits:
                pred_right += 1
                pred_strict += any(g["start"] == p["start"] and g["end"] == p["end"] for g in hits)
            elif any(overlap(g, p) > 0 for g in gd):
                pred_ignored += 1
            else:
                pred_fp += 1
                records.append({"file": f, "gold": None, "pred": p, "outcome": "false_positive"})
    n_scored = pred_right + pred_fp
    rp, rr, rf = prf(pred_right, n_scored, found, n_gold)
    sp, sr, sf = prf(pred_strict, n_scored, strict_found, n_gold)
    acc = value_ok / found if found else 0.0
    return {
        "gold": n_gold, "predictions_scored": n_scored, "predictions_dont_care": pred_ignored,
        "false_positives": pred_fp, "found_relaxed": found, "found_strict": strict_found, "value_correct": value_ok,
        "relaxed": {"P": rp, "R": rr, "F1": rf}, "strict": {"P": sp, "R": sr, "F1": sf},
        "value_accuracy": acc, "value_F1": acc * rf,
    }, records


def split_gold(rows: list[dict], skip: set[str]) -> tuple[dict, dict, dict]:
    """Gold timex rows (file, tid, char_start, char_end, surface, value, type) ->
    (calendar DATEs, the rest as don't-care, all) by file; files in ``skip`` left out."""
    gold_in, gold_dc, gold_all = defaultdict(list), defaultdict(list), defaultdict(list)
    for r in rows:
        if r["file"] in skip:
            continue
        t = {"start": int(r["char_start"]), "end": int(r["char_end"]), "surface": r["surface"],
             "value": r["value"], "type": r.get("type") or "DATE", "tid": r["tid"]}
        gold_all[r["file"]].append(t)
        (gold_in if t["type"] == "DATE" and CALENDAR.match(t["value"]) else gold_dc)[r["file"]].append(t)
    return gold_in, gold_dc, gold_all


def score(rows: list[dict], preds: dict, skip: set[str]) -> dict:
    """Both scopes: {'calendar_date': measures, 'all_types': measures, 'records': errors}."""
    gold_in, gold_dc, gold_all = split_gold(rows, skip)
    preds = {f: p for f, p in preds.items() if f not in skip}
    cal, records = evaluate(gold_in, gold_dc, preds)
    every, all_records = evaluate(gold_all, {}, preds)
    return {"calendar_date": cal, "all_types": every,
            "errors": [r for r in all_records if r["outcome"] != "ok"]}
