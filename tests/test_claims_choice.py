"""The article's figure (transforms/claims/choice.py): hand-made claim rows, one case per step of the rule,
then whole articles of other kinds of incidents through extract_claims.

Each case is one article's claims of one type as (value_low, qualifier, where, sentence, rule) rows:
where is "title", "lead" (the first body sentence) or "body"; the sentence text is the claim's sentence
(the surface is the number word in it). The expected figure comes from the rule in the module docstring.
"""

from __future__ import annotations

import polars as pl
import pytest

from tests.conftest import extract_texts
from transforms.claims.choice import CHOICE_RULES, choose
from transforms.evaluation import best_values

T = "type.predicate_after"  # a counted figure
S = "single.person_before_predicate"  # a single victim

CASES = {
    # an earthquake: the lead's first count, then an update of the toll
    "toll-rose": ([(40, "exact", "lead", "At least 40 people were killed when the quake struck.", T),
                   (62, "exact", "body", "By evening the death toll rose to 62, officials said.", T)],
                  62, "update"),
    # the latest update wins even against a larger earlier figure read from a rumour
    "latest-update": ([(30, "exact", "lead", "Thirty miners died in the collapse.", T),
                       (35, "exact", "body", "The toll climbed to 35 on Tuesday.", T),
                       (41, "exact", "body", "By Wednesday the number of dead had risen to 41.", T)],
                      41, "update"),
    # headline and lead agree on 2; a lone larger figure further down (another event's) does not win
    "headline-and-lead-agree": ([(2, "exact", "title", "2 dead, 5 hurt in bus crash on Route 9", T),
                                 (2, "exact", "lead", "Two passengers were killed when the bus overturned.", T),
                                 (14, "exact", "body", "A crash on the same road killed 14 people.", T)],
                                2, "agreement"),
    # the body's total stated twice and in the lead beats the headline's part ("killed his 2 children")
    "total-beats-headline-part": ([(2, "exact", "title", "Father kills his 2 children, then himself", T),
                                   (3, "exact", "lead", "Three bodies were found in the house.", T),
                                   (3, "exact", "body", "The three deaths shocked the town.", T)],
                                  3, "largest"),
    # a sentence votes once, for its total: 3 ("two workers and a guard"), not its parts 2 and 1
    "total-over-parts": ([(2, "exact", "lead", "Two workers and a guard died in the blast.", T),
                          (1, "exact", "lead", "Two workers and a guard died in the blast.", T),
                          (3, "exact", "lead", "Two workers and a guard died in the blast.",
                           "inference.coordination_pattern"),
                          (2, "exact", "body", "The two workers were brothers who died together.", T)],
                         3, "largest"),
    # the same figure as an exact statement and as a bound: the exact one states it
    "exact-over-bound": ([(4, "at_least", "title", "At least 4 dead in factory fire", T),
                          (4, "exact", "lead", "Four people died in the fire.", T)],
                         4, "largest"),
    # the same figure in the title and in the body: the body's statement, with its qualifier
    "body-over-headline-of-equal-figure": ([(62, "exact", "title", "Attack Leaves 62 Dead", T),
                                            (62, "at_least", "lead", "At least 62 people were killed.", T)],
                                           62, "largest"),
    # a lone larger figure with no more support than the headline's: largest (the margin is not met)
    "largest-without-margin": ([(1, "exact", "lead", "One person died in the flood.", T),
                                (3, "exact", "body", "Three people died in the flood, officials said.", T)],
                               3, "largest"),
    # step 0: a lone body figure typed only by the parse does not outvote the lead's count (the parse read
    # "killed one and injured five" as five killed)
    "uncorroborated-parse-figure": ([(1, "exact", "lead", "One worker died in the blast at the mill.", T),
                                     (5, "exact", "body", "The blast killed one and injured five.", "type.parse")],
                                    1, "largest"),
    # ... nor a lone ordinal of a statistic ("the fourth miner killed this year")
    "uncorroborated-ordinal": ([(1, "exact", "lead", "One miner died in the collapse.", T),
                                (4, "at_least", "body", "He was the fourth miner killed in the county.",
                                 "inference.ordinal_person")],
                               1, "largest"),
    # a parse-typed figure in the lead, or stated twice, is corroborated and competes as before
    "parse-figure-in-lead": ([(3, "exact", "lead", "Three hikers were buried by the avalanche.", "type.parse"),
                              (1, "exact", "body", "One hiker died in the snow.", T)],
                             3, "largest"),
    "parse-figure-twice": ([(1, "exact", "lead", "One worker died in the blast at the mill.", T),
                            (5, "exact", "body", "The blast killed one and injured five.", "type.parse"),
                            (5, "exact", "body", "All five burned workers were taken away.", "type.parse")],
                           5, "largest"),
    # only single victims: the largest of them
    "singles-only": ([(1, "exact", "lead", "One man was killed.", S),
                      (1, "exact", "body", "One of them died at the scene.", S)],
                     1, "single"),
    # a single-victim claim of two people is a count, and a counted one-person claim does not outvote it
    "coordinated-victims-count": ([(3, "exact", "lead", "Smith and his two sons were killed.", S),
                                   (1, "exact", "body", "One of them died in hospital.", T)],
                                  3, "largest"),
    # only a negated claim: the figure is 0
    "negated-only": ([(0, "exact", "lead", "No one was hurt in the blaze.", "negation.no_one")],
                     0, "negated"),
    # a negated claim does not compete with a stated count
    "negated-and-count": ([(0, "exact", "body", "No other injuries were reported.", "negation.no_other"),
                           (1, "exact", "lead", "One firefighter was injured.", T)],
                          1, "largest"),
}


WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "thirty": 30, "no": 0}


def _surface(sentence: str, low: int) -> str:
    """The word of the sentence that states ``low`` (a numeral or a number word), else the whole sentence
    (a coordination: "Smith and his two sons")."""
    for w in sentence.split():
        if w.strip(".,") == str(low) or WORDS.get(w.lower()) == low:
            return w.strip(".,")
    return sentence


def _frame(rows, scope="main", article="a1", claim_type="killed") -> pl.DataFrame:
    out = []
    for k, (low, qualifier, where, sentence, rule) in enumerate(rows):
        start = 0 if where == "title" else (100 if where == "lead" else 200 + 100 * k)
        out.append({"claim_id": f"{article}-{k}", "article_id": article, "claim_type": claim_type,
                    "value_low": low, "value_high": None if qualifier == "at_least" else low, "qualifier": qualifier,
                    "surface": _surface(sentence, low), "char_start": start, "sentence": sentence,
                    "in_title": where == "title", "negated": rule.startswith("negation."), "rule_id": rule,
                    "scope": scope, "is_background": scope != "main"})
    return pl.DataFrame(out)


@pytest.mark.parametrize("case", list(CASES))
def test_choice_rule(case):
    rows, value, rule = CASES[case]
    got = choose(_frame(rows)).filter(pl.col("is_article_figure"))
    assert got.select("value_low", "choice_rule").rows() == [(value, rule)]
    if case == "body-over-headline-of-equal-figure":
        assert got["qualifier"].to_list() == ["at_least"]
    assert rule in CHOICE_RULES


def test_exactly_one_figure_per_article_and_type_and_none_elsewhere():
    frame = pl.concat([_frame(CASES["toll-rose"][0]), _frame(CASES["singles-only"][0], article="a2"),
                       _frame(CASES["toll-rose"][0], claim_type="injured")], how="diagonal")
    got = choose(frame)
    assert got.height == frame.height and got.columns == [*frame.columns, "is_article_figure", "choice_rule"]
    per = got.group_by("article_id", "claim_type").agg(pl.col("is_article_figure").sum())
    assert set(per["is_article_figure"].to_list()) == {1}
    assert got.filter(~pl.col("is_article_figure"))["choice_rule"].null_count() == got.height - per.height


@pytest.mark.parametrize("scope", ["other", "aggregate"])
def test_background_claims_never_win(scope):
    # a fire article: its own 3 dead, and a related story's 12 dead of another fire (or a yearly total)
    main = _frame([(3, "exact", "lead", "Three people died in the apartment fire.", T)])
    other = _frame([(12, "exact", "title", "12 dead in warehouse fire last year", T)], scope=scope)
    other = other.with_columns(pl.lit("a1-x").alias("claim_id"))
    got = choose(pl.concat([main, other])).filter(pl.col("is_article_figure"))
    assert got["value_low"].to_list() == [3]


def test_an_article_whose_claims_are_all_background_has_no_figure():
    other = _frame([(12, "exact", "lead", "A fire last year killed 12 people.", T)], scope="other")
    assert not choose(other)["is_article_figure"].any()
    assert best_values(choose(other), "killed").height == 0  # readers take 0


def test_best_values_reads_the_flag():
    frame = choose(_frame(CASES["headline-and-lead-agree"][0]))
    assert best_values(frame, "killed").rows() == [("a1", 2)]
    assert best_values(frame, "injured").height == 0


def test_a_frame_without_the_optional_columns_chooses_the_largest():
    frame = pl.DataFrame({"article_id": ["x", "x", "y"], "claim_type": ["killed"] * 3, "value_low": [60, 62, 40]})
    assert dict(best_values(frame, "killed").iter_rows()) == {"x": 62, "y": 40}


# ---------------------------------------------------------------- whole articles, other kinds of incidents

ARTICLES = {
    "earthquake-toll-rose": (
        "Quake kills 40 in mountain province\n"
        "A powerful earthquake killed 40 people in the mountain province on Monday, officials said. "
        "Rescuers dug through the rubble of collapsed homes through the night. "
        "By Tuesday evening the death toll rose to 62, the provincial governor said.",
        62),
    "fire-related-story": (
        "Three die in apartment fire\n"
        "Three people died when a fire swept through an apartment building early Sunday, "
        "fire officials said. The cause of the fire is under investigation.\n"
        "RELATED: 12 dead in warehouse fire in Oakland\n"
        "Neighbours said the building had no working smoke alarms.",
        3),
}


@pytest.fixture(scope="module")
def extracted_articles(nlp):
    names = list(ARTICLES)
    texts = [ARTICLES[n][0] for n in names]
    claims = extract_texts(nlp, texts, titles=[t.split("\n")[0] for t in texts])
    return claims.with_columns(pl.col("article_id").replace_strict({f"a{i}": n for i, n in enumerate(names)}))


@pytest.mark.parametrize("name", list(ARTICLES))
def test_article_figure_of_other_incidents(extracted_articles, name):
    got = dict(best_values(extracted_articles, "killed").iter_rows())
    assert got.get(name, 0) == ARTICLES[name][1]
