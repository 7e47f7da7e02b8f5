"""Claims -> the victim roster: one row per person an article reports as harmed (table victims).

Pure: takes the claims frame (CLAIM_SCHEMA) and returns VICTIM_SCHEMA. Grain: one row per
(article_id, person_id).

Who is a person
---------------
The single-victim claims (a person counted without a numeral: "A 23-year-old man was shot",
"Smith died", "the victim", "he", "killing Sarah Davidson") carry claims.person_id, set by the
coreference of transforms/claims/resolve.py (_resolve_people): names match on a shared name token,
he/she take the victim of their own sentence, else the nearest name or victim before them, "the
boy" the victim mentioned last, mentions of one age in different sentences ("a 23-year-old man" /
"John Smith, 23,") are one person unless two names or two genders tell them apart; "a man" is
someone new. A claim about several people written one by one ("Smith and his wife were killed")
is one row with people = 2. Counts stated as numbers ("three people were killed") are not
people one by one: they stay claims (article_figures chooses the article's figure).

Columns
-------
- role: attacker (an attacker noun names the person: suspect, gunman, shooter ...; or a killed
  claim counts the attacker, claims.includes_attacker), police (officer, deputy, trooper ...),
  bystander ("a bystander"), else victim.
- outcome: killed when any claim about the person says so (a dead victim is not also injured),
  else injured (injured or hospitalized), else missing, else unharmed (only negated claims: "the
  officer was not hurt").
- surface, char_start, char_end: the first mention that is not a pronoun (else the first one).
- claim_ids: every claim that mentions the person, in text order; mentions: their number.

The attacker's own death, which GVA and ACLED count, is a killed claim flagged
claims.includes_attacker ("shot his wife before turning the gun on himself": killed 1 + 1; "the
suspect was shot and killed by police"): each such claim without a person is an attacker row too,
so a user can count the dead without the attackers.
"""

from __future__ import annotations

import re

import polars as pl

from transforms import lexicon
from transforms.ids import stable_id


VICTIM_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String,
    "person_id": pl.String,
    "role": pl.String,
    "outcome": pl.String,
    "people": pl.Int64,
    "surface": pl.String,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
    "mentions": pl.Int64,
    "claim_ids": pl.List(pl.String),
}

ROLES = ("victim", "attacker", "police", "bystander")
OUTCOMES = ("killed", "injured", "missing", "unharmed")

_ATTACKER = re.compile(r"\b(?:" + "|".join(sorted(lexicon.words("person_nouns", "attackers"))) + r")\b",
                       re.IGNORECASE)
_POLICE = re.compile(r"\b(?:" + "|".join(lexicon.load("person_nouns")["police_rx"]) + r")\b", re.IGNORECASE)
_BYSTANDER = re.compile(r"\bbystanders?\b", re.IGNORECASE)
_PRONOUNS = lexicon.words("person_nouns", "singular_pronouns")


def role_of(surfaces: list[str], includes_attacker: bool = False) -> str:
    """The person's role from the words of its mentions (first match of attacker, police, bystander)."""
    text = " ".join(surfaces)
    if includes_attacker or _ATTACKER.search(text):
        return "attacker"
    if _POLICE.search(text):
        return "police"
    if _BYSTANDER.search(text):
        return "bystander"
    return "victim"


def outcome_of(types: list[str], negated: list[bool]) -> str:
    """killed > injured (or hospitalized) > missing > unharmed (only negated claims)."""
    said = {t for t, n in zip(types, negated) if not n}
    if "killed" in said:
        return "killed"
    if said & {"injured", "hospitalized"}:
        return "injured"
    if "missing" in said:
        return "missing"
    return "unharmed"


def build_victims(claims: pl.DataFrame) -> pl.DataFrame:
    """The roster (VICTIM_SCHEMA) of every article of ``claims``."""
    if claims.is_empty() or "person_id" not in claims.columns:
        return pl.DataFrame(schema=VICTIM_SCHEMA)
    people = claims.filter(pl.col("person_id").is_not_null()).sort("article_id", "char_start", "claim_id")
    rows = []
    for (article_id, person_id), g in people.group_by(["article_id", "person_id"], maintain_order=True):
        recs = g.to_dicts()
        named = [r for r in recs if r["surface"].lower() not in _PRONOUNS] or recs
        first = named[0]
        rows.append({
            "article_id": article_id,
            "person_id": person_id,
            "role": role_of([r["surface"] for r in recs], any(r["includes_attacker"] for r in recs)),
            "outcome": outcome_of([r["claim_type"] for r in recs], [bool(r["negated"]) for r in recs]),
            "people": max(int(r["value_low"] or 1) for r in recs),
            "surface": first["surface"],
            "char_start": first["char_start"],
            "char_end": first["char_end"],
            "mentions": len(recs),
            "claim_ids": [r["claim_id"] for r in recs],
        })
    # the killer's suicide ("... before turning the gun on himself"): the attacker, dead
    for r in claims.filter(pl.col("includes_attacker").fill_null(False) & pl.col("person_id").is_null()
                           & ~pl.col("negated").fill_null(False)).sort("article_id", "char_start").iter_rows(named=True):
        rows.append({
            "article_id": r["article_id"], "person_id": stable_id(r["claim_id"], "attacker"), "role": "attacker",
            "outcome": "killed", "people": 1, "surface": r["surface"], "char_start": r["char_start"],
            "char_end": r["char_end"], "mentions": 1, "claim_ids": [r["claim_id"]],
        })
    return pl.DataFrame(rows, schema=VICTIM_SCHEMA).sort("article_id", "char_start", "person_id")
