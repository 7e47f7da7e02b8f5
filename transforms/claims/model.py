"""The typed objects the claims engine passes between its steps: a sentence (Segment) and a claim (Claim)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple

from transforms.figures import Figure


SCOPES = ("main", "other", "aggregate")


class Overlap(str, Enum):
    """Whether a count of people shot may include the dead ("5 shot, 2 killed")."""

    SENTENCE = "sentence"  # less the killed count of the same sentence
    ARTICLE = "article"  # ... else the article's largest killed count
    DONE = "done"  # the killed were taken off (resolve.shot_minus_killed)


class RefKind(str, Enum):
    """How a single-victim phrase refers to its person (the coreference in resolve.py)."""

    PRON = "pron"  # he, she, himself
    NAME = "name"  # a PERSON name
    DEF = "def"  # "the boy": the victim mentioned last
    INDEF = "indef"  # "a man", "his wife": someone new


class PersonRef(NamedTuple):
    kind: RefKind
    names: frozenset  # name tokens or the head noun; {"reflexive"} for himself/herself


REFLEXIVE = frozenset({"reflexive"})


@dataclass(slots=True)
class Claim:
    claim_type: str
    value_stated: int | None
    value_low: int | None
    value_high: int | None
    qualifier: str
    start: int
    end: int
    negated: bool = False
    unit: str = "people"
    overlap: Overlap | None = None  # the count may include people killed ("5 shot"): injured = N -
    # killed, killed from the same sentence, else ("article") from the whole article; "done"
    # once _resolve_overlap took the killed off
    ref: PersonRef | None = None  # single victims: how the phrase refers; see _resolve_people
    seg: int = -1
    background: bool = False  # about another incident or a statistic (see Scope)
    aggregate: bool = False  # a statistic of a period or many incidents (claims.scope 'aggregate')
    rule: str = ""  # id of the rule that made the claim (transforms/claims/rules/*.yaml)
    # derivations (claims.derived_from): the claim this one was derived from when that is a row of
    # its own (hospitalized -> injured, the killer's suicide), else the rule of the figure an
    # article pass adjusted in place (N shot - M killed, partitive deaths, distinct roles)
    source: "Claim | None" = None
    source_rule: str | None = None
    person: int | None = None  # the roster person (transforms/claims/roster.py) a single-victim claim names
    includes_attacker: bool = False  # a killed count that counts the attacker (the killer's suicide)

    @property
    def scope(self) -> str:
        """claims.scope: 'aggregate' (a statistic), 'other' (another incident), else 'main'."""
        return "aggregate" if self.aggregate else ("other" if self.background else "main")

    def adjusted(self, **changes) -> "Claim":
        """A copy with ``changes`` that remembers what it was derived from."""
        import dataclasses

        keep = {"source": self.source, "source_rule": None if self.source else (self.source_rule or self.rule)}
        return dataclasses.replace(self, **{**keep, **changes})


@dataclass(slots=True)
class Segment:
    start: int
    end: int
    text: str
    figures: list[Figure] = field(default_factory=list)
    parse_index: int | None = None
    singular: bool = False
    words: frozenset = frozenset()
    adjacent: dict = field(default_factory=dict)  # figure start -> (class, attacker)
    wants_parse: bool = False  # a figure only the parse can type
    ents: list[tuple[int, int, str]] = field(default_factory=list)
