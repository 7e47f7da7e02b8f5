"""The article's figure: per (article, claim_type), the one claim that states it (is_article_figure, choice_rule).

Pure: takes the claims frame (CLAIM_SCHEMA) and returns it with two columns set.
Grain of the choice: one chosen claim per (article, claim_type) that has at least one
candidate; article_figures, transforms.evaluation.best_values and the events' figures all
read the flag, so they agree by construction.

Candidates
----------
The article's claims of the type with a lower bound (value_low not null) and
scope 'main'. Background claims (scope 'other': another incident; 'aggregate': a
statistic, a round-up total) never win: when every claim of the type is background the
article has no figure of that type (readers take 0). A negated claim ("no one was
hurt", value 0) is a candidate only when no other is.

The rule (the first step that applies chooses; choice_rule names it)
--------------------------------------------------------------------
0. Uncorroborated figures drop out first: a figure stated in one body sentence only, not the
   headline's nor the lead's (the first body sentence with a claim of the type), and typed only
   by the dependency parse or an ordinal ("the fourth victim": at least 4; rule_id in
   WEAK_RULES) competes only when no other figure is left ("killed one person and wounded five
   others" read by the parse as killed 5, "Swift was the fourth teenager killed in 2017", after
   a lead that states the count, do not outvote it).
1. ``update``: a figure stated as an update of the count ("the toll rose to 62", "the
   number of dead has climbed to 5"; the verbs are claims_gates.yaml update_verbs): the
   latest such figure in the article wins, since a later update supersedes the lead's
   first count ("40 were killed ... the toll rose to 62" is 62).
2. Agreement between mentions, with the headline and the lead weighing more. Each
   sentence (the title is one) casts one vote, for its largest counted figure (a total
   over its parts: "two children and a woman were shot" votes 3, not 2 and 1). A vote
   weighs HEADLINE_WEIGHT (3) in the title, LEAD_WEIGHT (2) in the lead (the first body
   sentence with a counted figure of the type), 1 elsewhere; an exact statement votes
   for its value, a bound ("at least 4", "several") votes BOUND_WEIGHT (0.5) for every
   figure it admits (an exact statement beats an "at least" bound). ``largest``: the
   largest figure wins, unless ``agreement``: a smaller figure has more than MARGIN (1)
   more support than the largest ("2 dead, 3 injured in ..." in the title and "left two
   people dead" in the lead beat a lone "killed 14 people" of an earlier shooting further
   down); ties of support among smaller figures go to the larger one.
3. ``single`` / ``negated``: an article whose only claims of the type are single victims
   ("a man was killed": a part of a count, 1, or 2 for "Smith and his wife") takes the
   largest of them; an article whose only claims are negated ("no one was hurt") takes 0.

"Counted" figures are the claims whose rule types a numeral or a count word (rule_id not
``single.*``) and single-victim claims of two or more people; one person hurt written without a
numeral ("a man", "an officer", "another worker": an injured claim of 1 whose surface begins
with a / an / another) is a single victim too. Within a step, equal
figures go to the body's statement before the title's (a headline drops the qualifier:
"Leaves 62 Dead" is the body's "at least 62"), then to the exact statement over a bound,
then to the earlier claim.

The weights were tuned on half of gva_bench (``tools/dev_figures.py --every 2``) and checked
on the other half and on gva_dev (docs/DESIGN.md, article_figures).
"""

from __future__ import annotations

import re
from collections import defaultdict

import polars as pl

from transforms import lexicon

CHOICE_COLUMNS: dict[str, pl.DataType] = {"is_article_figure": pl.Boolean, "choice_rule": pl.String}

CHOICE_RULES = ("update", "agreement", "largest", "single", "negated")

_UPDATE_VERBS = lexicon.words("claims_gates", "update_verbs")
_UPDATE = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _UPDATE_VERBS), key=len, reverse=True))
    + r")\s+(?:to\s+|at\s+)?(?:at\s+least\s+|about\s+|nearly\s+|more\s+than\s+)?\W*\Z",
    re.IGNORECASE,
)
# claims that add to the count stated before them ("Smith was also killed": the dead named before, plus one)
UPDATE_RULES = ("inference.also_killed",)
UPDATE_WINDOW = 40  # characters before the figure the update verb may be in

LEAD_WEIGHT = 2  # the lead's mention counts as this many mentions (agreement)


def _is_update(sentence: str | None, surface: str) -> bool:
    if not sentence:
        return False
    pos = sentence.find(surface)
    if pos < 0:
        return False
    return _UPDATE.search(sentence[max(0, pos - UPDATE_WINDOW):pos]) is not None


HEADLINE_WEIGHT = 3  # the title's mention counts as this many mentions
BOUND_WEIGHT = 0.5  # an "at least" / vague mention counts as this much of an exact one
MARGIN = 1  # a smaller figure wins only with more support than the largest's plus this


WEAK_RULES = ("type.parse", "inference.ordinal_person")  # typings a lone mention does not compete with


def _corroborated(rows: list[dict], live: list[int]) -> list[int]:
    """``live`` without the uncorroborated figures (module docstring, step 0), unless nothing else is left."""
    body = sorted((i for i in live if not rows[i]["in_title"]), key=lambda i: rows[i]["char_start"])
    lead = rows[body[0]]["sentence"] if body else None
    by_value: dict[int, list[int]] = defaultdict(list)
    for i in live:
        by_value[rows[i]["value_low"]].append(i)
    if len(by_value) < 2:
        return live
    weak = set()
    for v, idx in by_value.items():
        sentences = {(rows[i]["in_title"], rows[i]["sentence"]) for i in idx}
        r = rows[idx[0]]
        if (len(sentences) == 1 and not r["in_title"] and r["sentence"] != lead
                and all((rows[i]["rule_id"] or "") in WEAK_RULES for i in idx)):
            weak.add(v)
    kept = [i for i in live if rows[i]["value_low"] not in weak]
    return kept or live


# "a man", "an officer", "another worker": one person hurt, written without a numeral, is a single
# victim (a part of the count), like the single.* claims
_ONE_PERSON = re.compile(r"(?:a|an|another)\s", re.IGNORECASE)


def _one_person(row: dict) -> bool:
    return row["claim_type"] == "injured" and row["value_low"] == 1 and \
        _ONE_PERSON.match(row["surface"] or "") is not None


def _choose(rows: list[dict]) -> tuple[int, str]:
    """Index (into ``rows``) of the article's figure among one (article, type)'s candidates, and the rule."""
    live = [i for i, r in enumerate(rows) if not r["negated"]]
    if not live:
        return max(range(len(rows)), key=lambda i: (rows[i]["value_low"], -rows[i]["char_start"])), "negated"

    def largest_key(i):
        r = rows[i]
        return (r["value_low"], not r["in_title"], r["qualifier"] == "exact", -r["char_start"])

    live = _corroborated(rows, live)
    updates = [i for i in live if _is_update(rows[i]["sentence"], rows[i]["surface"])
               or rows[i]["rule_id"] in UPDATE_RULES]
    if updates:
        return max(updates, key=lambda i: (rows[i]["char_start"], rows[i]["value_low"])), "update"
    counted = [i for i in live if rows[i]["value_low"] >= 2 or not (
        (rows[i]["rule_id"] or "").startswith("single.") or _one_person(rows[i]))]
    if not counted:
        return max(live, key=largest_key), "single"
    # one mention per sentence: the sentence's largest counted figure (a total over its parts)
    by_sentence: dict = {}
    for i in counted:
        key = (rows[i]["in_title"], rows[i]["sentence"])
        if key not in by_sentence or largest_key(i) > largest_key(by_sentence[key]):
            by_sentence[key] = i
    lead = min((i for (t, _), i in by_sentence.items() if not t), key=lambda i: rows[i]["char_start"], default=None)
    support: dict[int, float] = defaultdict(float)
    best_of: dict[int, int] = {}
    for i in by_sentence.values():
        v = rows[i]["value_low"]
        if v not in best_of or largest_key(i) > largest_key(best_of[v]):
            best_of[v] = i
    for (in_title, _), i in by_sentence.items():
        r = rows[i]
        w = HEADLINE_WEIGHT if in_title else (LEAD_WEIGHT if i == lead else 1)
        if r["qualifier"] == "exact":
            support[r["value_low"]] += w
        else:  # a bound supports every figure it admits
            for v in best_of:
                if v >= r["value_low"] and (r["value_high"] is None or v <= r["value_high"]):
                    support[v] += w * BOUND_WEIGHT
    largest = max(best_of)
    top = max(support[v] for v in best_of)
    if support[largest] + MARGIN >= top:
        return best_of[largest], "largest"
    v = max(v for v in best_of if support[v] == top)
    return best_of[v], "agreement"


def choose(claims: pl.DataFrame) -> pl.DataFrame:
    """``claims`` with is_article_figure (the one claim per article and type that states the article's
    figure; False for every other) and choice_rule (the step of the module docstring's rule that chose
    it; NULL on the others)."""
    base = claims.drop([c for c in CHOICE_COLUMNS if c in claims.columns])
    if not base.height:
        return base.with_columns(*[pl.lit(None, dtype=t).alias(c) for c, t in CHOICE_COLUMNS.items()])
    # a frame with fewer columns (a hand-made one, an older warehouse's) reads the missing as unknown
    defaults = {"scope": None, "is_background": False, "value_high": None, "qualifier": "exact", "char_start": 0,
                "in_title": False, "negated": False, "rule_id": None, "sentence": None, "surface": ""}
    full = base.with_columns(*[pl.lit(v).alias(c) for c, v in defaults.items() if c not in base.columns])
    main = pl.col("scope").fill_null(pl.when(pl.col("is_background").fill_null(False)).then(pl.lit("other"))
                                     .otherwise(pl.lit("main"))) == "main"
    cols = ["article_id", "claim_type", "value_low", "value_high", "qualifier", "char_start", "in_title", "negated",
            "rule_id", "sentence", "surface"]
    cand = (full.with_row_index("_row").filter(main & pl.col("value_low").is_not_null())
            .select("_row", *cols).sort("article_id", "claim_type", "char_start", "_row"))
    chosen: dict[int, str] = {}
    rows = cand.with_columns(pl.col("negated").fill_null(False), pl.col("in_title").fill_null(False)).to_dicts()
    start = 0
    for k in range(1, len(rows) + 1):
        if k == len(rows) or (rows[k]["article_id"], rows[k]["claim_type"]) != (
                rows[start]["article_id"], rows[start]["claim_type"]):
            group = rows[start:k]
            i, rule = _choose(group)
            chosen[group[i]["_row"]] = rule
            start = k
    rule_col = pl.Series("choice_rule", [chosen.get(i) for i in range(base.height)], dtype=pl.String)
    return base.with_columns(rule_col, rule_col.is_not_null().alias("is_article_figure")).select(
        *base.columns, *CHOICE_COLUMNS)
