"""Claims read the pipeline's corrected entity mentions (issue 17), and the single-victim
patterns that rely on them: our own sentences, with the model's labels set by hand (blank
pipeline, no parse) so each case says exactly which label the NER gave."""

from __future__ import annotations

import polars as pl
import pytest
import spacy

from transforms.claims import extract_claims
from transforms.entities import entity_mentions
from tests.conftest import ARTICLE_SCHEMA, ents_at


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _doc(blank, text: str, spans: list[tuple[str, int, str]]):
    """A doc of text whose ents are (surface, occurrence, label): the n-th occurrence gets label."""
    return ents_at(blank(text), text, spans)


def _articles(text: str) -> pl.DataFrame:
    return pl.DataFrame([{"article_id": "a", "title": None, "body_clean": text, "published_date": None,
                          "event_date": None}], schema=ARTICLE_SCHEMA)


def _claims(blank, text: str, spans, mentions: pl.DataFrame | None = None) -> pl.DataFrame:
    arts = _articles(text)
    claims = extract_claims(arts, [_doc(blank, text, spans)], None, entity_mentions=mentions)
    return claims.filter(~pl.col("is_background") & ~pl.col("negated"))


def _surfaces(claims: pl.DataFrame, kind: str) -> set[str]:
    return set(claims.filter(pl.col("claim_type") == kind)["surface"].to_list())


def test_the_mentions_passed_are_the_names_claims_see(blank):
    text = "Kowalski was killed when the wall fell."
    spans = [("Kowalski", 0, "PERSON")]
    doc_mentions = entity_mentions(_articles(text), [_doc(blank, text, spans)])
    assert _surfaces(_claims(blank, text, spans, doc_mentions), "killed") == {"Kowalski"}
    # the same doc, but the pipeline's mentions call it a place: no victim
    as_place = doc_mentions.with_columns(pl.lit("GPE").alias("label"))
    assert _surfaces(_claims(blank, text, spans, as_place), "killed") == set()


@pytest.mark.parametrize(
    "text, spans, kind, expected",
    [
        # the short form of a full name is the person, though the model called it NORP, and
        # the place the model called PERSON is a place: the victim is the person
        ("Officers found Dana Whitfield near the park. Whitfield, who lived on Oak Lane in Hazel Park, "
         "was pronounced dead.",
         [("Dana Whitfield", 0, "PERSON"), ("Whitfield", 1, "NORP"), ("Oak Lane", 0, "FAC"),
          ("Hazel Park", 0, "PERSON")], "killed", {"Whitfield"}),
        # appositions in a row: name, age, home town
        ("Verna Holt, 32, of Chester, was dead at the scene.",
         [("Verna Holt", 0, "PERSON"), ("Chester", 0, "GPE")], "killed", {"Verna Holt"}),
        ("Omar Diaz, 19, who lived in the 1200 block of Pine Street in Lakeview, was pronounced dead.",
         [("Omar Diaz", 0, "PERSON"), ("Pine Street", 0, "FAC"), ("Lakeview", 0, "GPE")],
         "killed", {"Omar Diaz"}),
        ("Ana Ruiz, 7, of Brookfield, was hurt when the roof fell in.",
         [("Ana Ruiz", 0, "PERSON"), ("Brookfield", 0, "GPE")], "injured", {"Ana Ruiz"}),
        # no person before the appositions: the clause after them still names the victim
        ("That is when, Conrad says, police returned fire, killing Young.",
         [("Conrad", 0, "PERSON"), ("Young", 0, "PERSON")], "killed", {"Young"}),
    ],
)
def test_single_victims_past_appositions(blank, text, spans, kind, expected):
    assert _surfaces(_claims(blank, text, spans), kind) == expected


@pytest.mark.parametrize(
    "text, spans, killed",
    [
        # the object of coordinated verbs makes the subject the killers
        ("Deputies arrested Tom Harlan and Eli Moss. Investigators say Harlan and Moss shot, killed and "
         "then buried Dean Ruiz.",
         [("Tom Harlan", 0, "PERSON"), ("Eli Moss", 0, "PERSON"), ("Harlan", 1, "ORG"), ("Moss", 1, "ORG"),
          ("Dean Ruiz", 0, "PERSON")], set()),
        ("Police said Carl Dorsey killed and robbed a neighbor.", [("Carl Dorsey", 0, "PERSON")], set()),
        # counter-examples: intransitive coordinated verbs leave the subject the victim
        ("Police said Carl Dorsey died and was buried on Friday.", [("Carl Dorsey", 0, "PERSON")],
         {"Carl Dorsey"}),
        ("Carl Dorsey was shot and killed and later buried.", [("Carl Dorsey", 0, "PERSON")], {"Carl Dorsey"}),
    ],
)
def test_subject_of_coordinated_killing_verbs(blank, text, spans, killed):
    assert _surfaces(_claims(blank, text, spans), "killed") == killed


@pytest.mark.parametrize(
    "text, injured",
    [
        # taken to a hospital where the person died: dead, not hurt
        ("The blast threw the girl across the room. She was rushed to a hospital, where she died an hour "
         "later.", 0),
        ("The explosion hit the workshop. He was flown to a hospital, where he died.", 0),
        # counter-examples: the one taken to hospital is not the one who died
        ("After the explosion a woman was rushed to a hospital. Her husband died at the scene.", 1),
        ("After the blast the driver was taken to a hospital.", 1),
    ],
)
def test_hospitalized_who_died_is_not_injured(blank, text, injured):
    claims = _claims(blank, text, [])
    assert not claims.filter(pl.col("claim_type") == "hospitalized").is_empty()
    got = claims.filter(pl.col("claim_type") == "injured")["value_low"].max() or 0
    assert got == injured


@pytest.mark.parametrize(
    "text, killed",
    [
        # an intransitive death verb takes no object: what follows is when
        ("Maria Lopez died two days later at the hospital.", {"Maria Lopez"}),
        ("The girl was rushed to a hospital, where she died an hour later.", {"she"}),
        ("Ray Cole died the next morning.", {"Ray Cole"}),
        # counter-example: a transitive killing verb's object is the victim, not its subject
        ("Ray Cole killed his neighbor.", {"his neighbor"}),
    ],
)
def test_death_verbs_without_object(blank, text, killed):
    names = [(n, 0, "PERSON") for n in ("Maria Lopez", "Ray Cole") if n in text]
    assert _surfaces(_claims(blank, text, names), "killed") == killed
