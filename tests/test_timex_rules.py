"""The timex rule tables: every rule's examples give their value, its counter-examples nothing.

Globs transforms/lexicon/timex*.yaml; a file with a ``rules`` list is a rule table. Each
example runs through the whole of ``find_date_mentions`` (calendar dates, the other rules,
overlap resolution, anchoring), so an example passes only when its own rule wins.
"""

from __future__ import annotations

from datetime import date

import pytest

from transforms import lexicon, timex
from transforms.dates import find_date_mentions

TABLES = sorted(p for p in lexicon.LEXICON_DIR.glob("timex*.yaml") if "rules" in lexicon.load(p.stem))


def _cases(kind: str):
    for path in TABLES:
        for rule in lexicon.load(path.stem)["rules"]:
            for i, case in enumerate(rule.get(kind) or ()):
                yield pytest.param(rule["id"], case, id=f"{path.stem}:{rule['id']}:{i}")


def test_there_is_a_rule_table_and_every_rule_is_complete():
    assert TABLES, "no timex rule table found"
    for path in TABLES:
        for rule in lexicon.load(path.stem)["rules"]:
            assert {"id", "pattern", "emit", "examples", "counter_examples"} <= set(rule), rule.get("id")
            assert rule["emit"]["type"] in ("DATE", "TIME", "DURATION", "SET"), rule["id"]
            assert rule["emit"]["handler"] in timex.HANDLERS, rule["id"]
            assert rule["examples"] and rule["counter_examples"], rule["id"]


def test_rule_ids_are_unique():
    ids = [r["id"] for p in TABLES for r in lexicon.load(p.stem)["rules"]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("rule_id,case", list(_cases("examples")))
def test_example(rule_id, case):
    dct = case["dct"] if isinstance(case["dct"], date) else date.fromisoformat(str(case["dct"]))
    got = [(m["surface"], m["timex_value"], m["resolution"]) for m in find_date_mentions(case["text"], dct)]
    assert (str(case["surface"]), str(case["value"]), f"timex:{rule_id}") in got, got


@pytest.mark.parametrize("rule_id,text", list(_cases("counter_examples")))
def test_counter_example(rule_id, text):
    got = [m for m in find_date_mentions(text, date(2021, 5, 4)) if m["resolution"] == f"timex:{rule_id}"]
    assert got == [], [(m["surface"], m["timex_value"]) for m in got]
