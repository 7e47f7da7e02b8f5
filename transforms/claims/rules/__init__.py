"""Claim rules as data: one row per rule in ``rules/*.yaml``, spaCy patterns where a rule is a pattern.

Every claim names the rule that made it (``claims.rule_id``). Each row of a table says:

- ``id``: ``<concern>.<name>``, the value of ``claims.rule_id``;
- ``concern``: the step of the engine (a module of transforms/claims) that applies it;
- ``kind``: ``matcher`` (spaCy ``Matcher`` token patterns in ``patterns``, matched here) or
  ``python`` (reasoning that is not a pattern; ``implemented_in`` names the function);
- ``summary`` and ``emits``: what the rule claims;
- ``guards``: names of small checks a match must also pass (see ``GUARDS``);
- ``examples`` (text -> an expected claim of this rule) and ``counter_examples`` (text -> no claim
  of this rule); tests/test_claim_rules.py runs every one of them, rule by rule.

docs/RULES.md is generated from the tables (``python tools/render_rules_doc.py``; a test keeps it
current). The tables are package data read once per process, like transforms.lexicon.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

RULES_DIR = Path(__file__).parent
KINDS = ("matcher", "python")


class RuleError(ValueError):
    """A rule table row that is malformed."""


@dataclass(frozen=True)
class Rule:
    id: str
    concern: str
    kind: str
    summary: str
    emits: dict[str, Any]
    implemented_in: str = ""
    patterns: list = field(default_factory=list)
    guards: tuple[str, ...] = ()
    examples: list[dict] = field(default_factory=list)
    counter_examples: list[dict] = field(default_factory=list)
    table: str = ""


@cache
def rules() -> dict[str, Rule]:
    """Every rule of every table, by id (in table order)."""
    out: dict[str, Rule] = {}
    for path in sorted(RULES_DIR.glob("*.yaml")):
        rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if not isinstance(rows, list):
            raise RuleError(f"{path.name} must be a list of rules")
        for row in rows:
            rule = _rule(row, path.name)
            if rule.id in out:
                raise RuleError(f"{path.name}: rule {rule.id} is defined twice")
            out[rule.id] = rule
    return out


def _rule(row: dict, table: str) -> Rule:
    missing = [k for k in ("id", "concern", "kind", "summary", "emits", "examples") if k not in row]
    if missing:
        raise RuleError(f"{table}: rule {row.get('id', '?')} lacks {', '.join(missing)}")
    if row["kind"] not in KINDS:
        raise RuleError(f"{table}: rule {row['id']} has kind {row['kind']!r}, not one of {KINDS}")
    if row["kind"] == "matcher" and not row.get("patterns"):
        raise RuleError(f"{table}: matcher rule {row['id']} has no patterns")
    if row["kind"] == "python" and not row.get("implemented_in"):
        raise RuleError(f"{table}: python rule {row['id']} does not say where it is implemented")
    unknown = [g for g in row.get("guards", []) if g not in GUARDS]
    if unknown:
        raise RuleError(f"{table}: rule {row['id']} names unknown guards {unknown}")
    return Rule(id=row["id"], concern=row["concern"], kind=row["kind"], summary=row["summary"],
                emits=row["emits"], implemented_in=row.get("implemented_in", ""),
                patterns=row.get("patterns", []), guards=tuple(row.get("guards", [])),
                examples=row.get("examples", []), counter_examples=row.get("counter_examples", []),
                table=table)


# ---------------------------------------------------------------- guards

def _not_after_attempted(tokens, start: int, end: int) -> bool:
    """'attempted double murder', 'attempted murder-suicide' are not deaths."""
    return not (start > 0 and tokens[start - 1].lower_ == "attempted")


def _not_inside_word(tokens, start: int, end: int) -> bool:
    """the match does not continue a hyphenated word before it ('x-murder-suicide')."""
    return not (start > 0 and tokens[start - 1].text == "-" and not tokens[start - 1].whitespace_
                and start > 1 and not tokens[start - 2].whitespace_)


GUARDS = {"not_after_attempted": _not_after_attempted, "not_inside_word": _not_inside_word}


# ---------------------------------------------------------------- matching

@cache
def _tokenizer():
    import spacy

    return spacy.blank("en")


@cache
def _matcher(concern: str):
    from spacy.matcher import Matcher

    nlp = _tokenizer()
    matcher = Matcher(nlp.vocab)
    for rule in rules().values():
        if rule.kind == "matcher" and rule.concern == concern:
            matcher.add(rule.id, [[_resolve(tok) for tok in pattern] for pattern in rule.patterns])
    return matcher


def _resolve(value):
    """A pattern value "$file.list" is that lexicon list (sorted), so patterns spell no words
    the lexicon already holds: {"LOWER": {"IN": "$numbers.multipliers"}}."""
    if isinstance(value, dict):
        return {k: _resolve(v) for k, v in value.items()}
    if isinstance(value, str) and value.startswith("$"):
        from transforms import lexicon

        name, _, key = value[1:].partition(".")
        return sorted(lexicon.words(name, key))
    return value


@dataclass(frozen=True)
class Match:
    """One rule match in a text: the rule, its character span and its tokens."""

    rule: Rule
    start: int  # character offsets into the matched text
    end: int
    tokens: tuple  # the spaCy tokens of the match

    @property
    def text(self) -> str:
        return "".join(t.text_with_ws for t in self.tokens).rstrip()


@lru_cache(maxsize=256)
def match(concern: str, text: str) -> tuple[Match, ...]:
    """The matches of the concern's matcher rules in ``text``: guards applied, then the longest
    of overlapping matches kept (earlier first on ties), in text order."""
    doc = _tokenizer().make_doc(text)
    table = rules()
    found = []
    for match_id, start, end in _matcher(concern)(doc):
        rule = table[doc.vocab.strings[match_id]]
        if all(GUARDS[g](doc, start, end) for g in rule.guards):
            found.append((start, end, rule))
    found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
    taken: list[tuple[int, int]] = []
    out = []
    for start, end, rule in found:
        if any(start < b and a < end for a, b in taken):
            continue
        taken.append((start, end))
        span = doc[start:end]
        out.append(Match(rule, span.start_char, span.end_char, tuple(span)))
    return tuple(sorted(out, key=lambda m: m.start))


# ---------------------------------------------------------------- documentation

def render_markdown() -> str:
    """docs/RULES.md: every rule of every table (tools/render_rules_doc.py writes it)."""
    by_table: dict[str, list[Rule]] = {}
    for rule in rules().values():
        by_table.setdefault(rule.table, []).append(rule)
    n_matcher = sum(r.kind == "matcher" for r in rules().values())
    lines = [
        "# Claim rules",
        "",
        "<!-- generated by tools/render_rules_doc.py from transforms/claims/rules/*.yaml; do not edit -->",
        "",
        "Every claim names the rule that made it in `claims.rule_id` (and `article_figures.rule_id`",
        "names the winning claim's rule); `newsclaims eval DIR --errors` lists each miss with it.",
        f"{len(rules())} rules: {n_matcher} are spaCy Matcher patterns kept in the tables, the others",
        "are Python (the table says where). Each rule's examples and counter-examples are run by",
        "tests/test_claim_rules.py.",
        "",
    ]
    for table, rows in by_table.items():
        lines += [f"## {table}", "", "| rule_id | kind | what it claims | emits |", "|---|---|---|---|"]
        for r in rows:
            emits = ", ".join(f"{k}: {v}" for k, v in r.emits.items())
            kind = r.kind if r.kind == "matcher" else f"python: `{r.implemented_in}`"
            lines.append(f"| `{r.id}` | {kind} | {_cell(r.summary)} | {_cell(emits)} |")
        lines.append("")
        for r in rows:
            lines.append(f"- `{r.id}`: " + "; ".join(f"\"{_cell(e['text'])}\"" for e in r.examples)
                         + ("; not: " + "; ".join(f"\"{_cell(e['text'])}\"" for e in r.counter_examples)
                            if r.counter_examples else ""))
        lines.append("")
    return "\n".join(lines)


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")
