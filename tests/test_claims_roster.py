"""Issue 15 part 2, the victim roster (transforms/claims/roster.py): the people an article reports
as harmed, one row each, with role and outcome, linked across sentences; our own sentences."""

from __future__ import annotations

from collections import Counter

import polars as pl
import pytest

from tests.conftest import extract_texts
from transforms.claims.roster import VICTIM_SCHEMA, build_victims, outcome_of, role_of

# text -> the roster as a multiset of (role, outcome, people)
CASES = [
    # one person over two sentences: the wounded man is the man who died (same age)
    ("A 23-year-old man was wounded in the shooting.\nJohn Smith, 23, died at the hospital on Sunday.",
     {("victim", "killed", 1): 1}),
    # a pronoun takes the victim of its own sentence, not the name of the hospital
    ("Weaver was taken to Arnold Palmer Children's Hospital, where he was later pronounced dead.",
     {("victim", "killed", 1): 1}),
    # different people: a woman hurt, a man killed, the suspect killed by police (an attacker)
    ("A woman was injured in the shooting.\nA man, 45, was killed.\nThe suspect was shot and killed by police.",
     {("victim", "injured", 1): 1, ("victim", "killed", 1): 1, ("attacker", "killed", 1): 1}),
    # the killer's suicide: the attacker is dead too
    ("Police said Jones shot and killed his wife before turning the gun on himself.",
     {("victim", "killed", 1): 1, ("attacker", "killed", 1): 1}),
    # a police officer, and a bystander
    ("An officer was grazed by a bullet during the chase.\nA bystander was wounded in the leg.",
     {("police", "injured", 1): 1, ("bystander", "injured", 1): 1}),
    # people named one by one in a list: one row for the pair
    ("The gunman fired several shots, killing Maria Lopez and injuring Dustin Grey and Leanne Smith.",
     {("victim", "killed", 1): 1, ("victim", "injured", 2): 1}),
    # ages of two genders are two people
    ("A 17-year-old boy was wounded.\nA 17-year-old girl died at the scene.",
     {("victim", "injured", 1): 1, ("victim", "killed", 1): 1}),
    # a non-shooting incident: a worker killed, another trapped
    ("A 34-year-old worker was killed when the scaffolding collapsed.\nA second worker is missing.",
     {("victim", "killed", 1): 1}),
    # stated totals are not people one by one
    ("Three people were killed and 12 injured when the bus overturned.", {}),
]


@pytest.fixture(scope="module")
def rosters(nlp):
    texts = [t for t, _ in CASES]
    claims = extract_texts(nlp, texts)
    victims = build_victims(claims)
    return claims, victims, {t: Counter((r["role"], r["outcome"], r["people"]) for r in victims.filter(
        pl.col("article_id") == f"a{i}").iter_rows(named=True)) for i, t in enumerate(texts)}


@pytest.mark.parametrize("text, expected", CASES, ids=[t[:40] for t, _ in CASES])
def test_roster(rosters, text, expected):
    assert rosters[2][text] == Counter(expected)


def test_roster_rows_point_at_their_claims(rosters):
    claims, victims, _ = rosters
    assert victims.schema == pl.Schema(VICTIM_SCHEMA)
    assert victims.select("article_id", "person_id").is_unique().all()
    ids = set(claims["claim_id"])
    for r in victims.iter_rows(named=True):
        assert r["claim_ids"] and set(r["claim_ids"]) <= ids
        assert r["mentions"] == len(r["claim_ids"])


def test_attacker_deaths_are_flagged(rosters):
    claims = rosters[0]
    flagged = claims.filter(pl.col("includes_attacker"))
    assert set(flagged["rule_id"]) >= {"inference.killer_suicide"}
    assert (flagged["claim_type"] == "killed").all()


@pytest.mark.parametrize("surfaces, attacker, role", [
    (["the gunman"], False, "attacker"), (["he"], True, "attacker"), (["a sheriff's deputy"], False, "police"),
    (["a bystander"], False, "bystander"), (["a 12-year-old girl", "she"], False, "victim"),
])
def test_role_of(surfaces, attacker, role):
    assert role_of(surfaces, attacker) == role


@pytest.mark.parametrize("types, negated, outcome", [
    (["injured", "killed"], [False, False], "killed"), (["hospitalized"], [False], "injured"),
    (["injured"], [True], "unharmed"), (["missing"], [False], "missing"), (["killed", "injured"], [True, False], "injured"),
])
def test_outcome_of(types, negated, outcome):
    assert outcome_of(types, negated) == outcome


def test_no_claims_no_roster():
    assert build_victims(pl.DataFrame()).schema == pl.Schema(VICTIM_SCHEMA)
