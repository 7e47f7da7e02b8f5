"""Claim rules as data: one row per rule in ``rules/*.yaml``, spaCy patterns where a rule is a pattern.

Every claim names the rule that made it (``claims.rule_id``). Each row of a table says:

- ``id``: ``<concern>.<name>``, the value of ``claims.rule_id``;
- ``concern``: the step of the engine (a module of transforms/claims) that applies it;
- ``kind``: ``matcher`` (spaCy ``Matcher`` token patterns in ``patterns``), ``phrase`` (spaCy
  ``PhraseMatcher`` phrases in ``patterns``, compared on ``attr``: LOWER unless the row says ORTH),
  ``dependency`` (spaCy ``DependencyMatcher`` patterns over a parsed sentence: the first node is the
  anchor, the others name LEFT_ID, REL_OP, RIGHT_ID, RIGHT_ATTRS), all matched here, or ``python``
  (reasoning that is not a pattern; ``implemented_in`` names the function);
- ``parts`` (optional): named token sequences a ``matcher`` pattern splices in ("@name"), or
  chooses among (a list ["@a", "@b"]: one pattern per choice), so a row spells each part once;
  a token marked ``SPAN: true`` belongs to the span the rule emits (default: the whole match), and
  one marked ``GATE: true`` gives the words a sentence must hold for the pattern to be tried
  (default: the first required token; see ``gate``);
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
KINDS = ("matcher", "phrase", "dependency", "python")


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
    parts: dict = field(default_factory=dict)
    attr: str = "LOWER"
    order: int = 0  # position among all rules (table order): ties go to the earlier rule

    def token_patterns(self) -> list[list[dict]]:
        """A matcher rule's patterns with its parts spliced in and lexicon lists resolved."""
        out = []
        for pattern in self.patterns:
            out.extend(_expand(pattern, self.parts, self.id))
        return [[_resolve(tok) for tok in p] for p in out]


def _expand(pattern: list, parts: dict, rule_id: str) -> list[list[dict]]:
    """"@name" splices parts[name]; ["@a", "@b"] makes one pattern per choice."""
    seqs: list[list[dict]] = [[]]
    for item in pattern:
        if isinstance(item, dict):
            choices = [[item]]
        else:
            names = [item] if isinstance(item, str) else list(item)
            bad = [n for n in names if not (isinstance(n, str) and n.startswith("@") and n[1:] in parts)]
            if bad:
                raise RuleError(f"rule {rule_id}: unknown part {bad}")
            choices = [list(parts[n[1:]]) for n in names]
        seqs = [s + c for s in seqs for c in choices]
    return seqs


@cache
def rules() -> dict[str, Rule]:
    """Every rule of every table, by id (in table order)."""
    out: dict[str, Rule] = {}
    for path in sorted(RULES_DIR.glob("*.yaml")):
        rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if not isinstance(rows, list):
            raise RuleError(f"{path.name} must be a list of rules")
        for row in rows:
            rule = _rule(row, path.name, len(out))
            if rule.id in out:
                raise RuleError(f"{path.name}: rule {rule.id} is defined twice")
            out[rule.id] = rule
    return out


def _rule(row: dict, table: str, order: int = 0) -> Rule:
    missing = [k for k in ("id", "concern", "kind", "summary", "emits", "examples") if k not in row]
    if missing:
        raise RuleError(f"{table}: rule {row.get('id', '?')} lacks {', '.join(missing)}")
    if row["kind"] not in KINDS:
        raise RuleError(f"{table}: rule {row['id']} has kind {row['kind']!r}, not one of {KINDS}")
    if row["kind"] != "python" and not row.get("patterns"):
        raise RuleError(f"{table}: {row['kind']} rule {row['id']} has no patterns")
    if row["kind"] == "python" and not row.get("implemented_in"):
        raise RuleError(f"{table}: python rule {row['id']} does not say where it is implemented")
    unknown = [g for g in row.get("guards", []) if g not in GUARDS]
    if unknown:
        raise RuleError(f"{table}: rule {row['id']} names unknown guards {unknown}")
    return Rule(id=row["id"], concern=row["concern"], kind=row["kind"], summary=row["summary"],
                emits=row["emits"], implemented_in=row.get("implemented_in", ""),
                patterns=row.get("patterns", []), guards=tuple(row.get("guards", [])),
                examples=row.get("examples", []), counter_examples=row.get("counter_examples", []),
                table=table, parts=row.get("parts", {}), attr=row.get("attr", "LOWER"), order=order)


# ---------------------------------------------------------------- guards

def _not_after_attempted(tokens, start: int, end: int) -> bool:
    """'attempted double murder', 'attempted murder-suicide' are not deaths."""
    return not (start > 0 and tokens[start - 1].lower_ == "attempted")


def _not_inside_word(tokens, start: int, end: int) -> bool:
    """the match does not continue a hyphenated word before it ('x-murder-suicide')."""
    return not (start > 0 and tokens[start - 1].text == "-" and not tokens[start - 1].whitespace_
                and start > 1 and not tokens[start - 2].whitespace_)


def _head_not_arrive_verb(doc, ids) -> bool:
    """(dependency rules) who "drove to" or "arrived at" a hospital is not said to be hurt."""
    from transforms import lexicon

    return doc[ids[0]].head.lower_ not in lexicon.words("casualty_predicates", "arrive_verbs")


GUARDS = {"not_after_attempted": _not_after_attempted, "not_inside_word": _not_inside_word,
          "head_not_arrive_verb": _head_not_arrive_verb}


# ---------------------------------------------------------------- matching

@cache
def _tokenizer():
    """spaCy's English tokenizer, which also splits brackets and a stop glued to what follows
    ("unharmed.[4]", "said.\"Police"): the words a regex sees between word boundaries."""
    import spacy
    from spacy.util import compile_infix_regex

    nlp = spacy.blank("en")
    infixes = list(nlp.Defaults.infixes) + [r"[\[\]]", r"(?<=[A-Za-z])[.,;:!?](?=[\[\]\"“”'‘’(])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


@lru_cache(maxsize=512)
def _doc(text: str):
    """The blank-tokenizer doc of a text, shared by every concern matched on it."""
    return _tokenizer().make_doc(text)


@dataclass(frozen=True)
class _Matchers:
    token: Any  # spaCy Matcher, one key per expanded pattern: "<rule id>#<k>"
    phrase: list  # spaCy PhraseMatchers, one per attr
    spans: dict  # Matcher key -> pattern token indices marked SPAN (empty: the whole match)
    rule_of: dict  # Matcher key -> rule id


@cache
def _matchers(concern: str) -> _Matchers:
    from spacy.matcher import Matcher, PhraseMatcher

    nlp = _tokenizer()
    matcher = Matcher(nlp.vocab)
    phrase: dict[str, Any] = {}
    spans: dict[str, frozenset] = {}
    rule_of: dict[str, str] = {}
    for rule in rules().values():
        if rule.concern != concern:
            continue
        if rule.kind == "matcher":
            for k, pattern in enumerate(rule.token_patterns()):
                key = f"{rule.id}#{k}"
                spans[key] = frozenset(i for i, tok in enumerate(pattern) if tok.get("SPAN"))
                rule_of[key] = rule.id
                pattern = [{a: v for a, v in tok.items() if a not in ("SPAN", "GATE")} for tok in pattern]
                matcher.add(key, _split_first(pattern))
        elif rule.kind == "phrase":
            pm = phrase.get(rule.attr)
            if pm is None:
                pm = phrase[rule.attr] = PhraseMatcher(nlp.vocab, attr=rule.attr)
            pm.add(rule.id, [nlp.make_doc(p) for p in rule_phrases(rule)])
            rule_of[rule.id] = rule.id
    return _Matchers(matcher, list(phrase.values()), spans, rule_of)


def _split_first(pattern: list[dict]) -> list[list[dict]]:
    """A pattern whose first token is one attribute IN a list becomes one pattern per word: the
    same matches, but spaCy compares a plain value in C instead of calling a set predicate at
    every token of the text (the alignments are unchanged)."""
    first = pattern[0]
    if len(first) == 1:
        (attr, val), = first.items()
        if isinstance(val, dict) and set(val) == {"IN"}:
            return [[{attr: w}] + pattern[1:] for w in val["IN"]]
    return [pattern]


def rule_phrases(rule: Rule) -> list[str]:
    """A phrase rule's phrases; an entry "$file.list" is every word of that lexicon list, and
    "$file.list - $other.list" (or "- word") those words but the ones after the minus."""
    out: list[str] = []
    for p in rule.patterns:
        if isinstance(p, str) and p.startswith("$"):
            head, *minus = p.split(" - ")
            drop = set()
            for m in minus:
                drop |= set(_resolve(m)) if m.startswith("$") else {m}
            out.extend(w for w in sorted(_resolve(head)) if w not in drop)
        else:
            out.append(p)
    return out


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
    span_start: int = -1  # the span the rule emits (its SPAN tokens; else the whole match)
    span_end: int = -1

    @property
    def text(self) -> str:
        return "".join(t.text_with_ws for t in self.tokens).rstrip()


@lru_cache(maxsize=1024)
def match(concern: str, text: str, select: str = "longest") -> tuple[Match, ...]:
    """The matches of the concern's matcher and phrase rules in ``text``, guards applied, in
    text order. ``select="longest"``: the longest of overlapping matches (earlier first on
    ties); ``"first"``: as a regex scan, the leftmost match, then the earlier rule, then the
    shortest, and the scan goes on after its end; ``"all"``: every match (by start, then rule)."""
    doc = _doc(text)
    m = _matchers(concern)
    table = rules()
    found = []  # (start, end, rule, span start, span end) in tokens
    for key_id, start, end, align in (m.token(doc, with_alignments=True) if len(m.token) else ()):
        key = doc.vocab.strings[key_id]
        marked = m.spans[key]
        idx = [start + j for j, a in enumerate(align) if a in marked]
        found.append((start, end, table[m.rule_of[key]], idx[0] if idx else start, idx[-1] + 1 if idx else end))
    for pm in m.phrase:
        for key_id, start, end in pm(doc):
            found.append((start, end, table[doc.vocab.strings[key_id]], start, end))
    found = [f for f in found if all(GUARDS[g](doc, f[0], f[1]) for g in f[2].guards)]
    out = []
    if select == "all":
        out = sorted(found, key=lambda f: (f[0], f[2].order, f[1]))
    elif select == "first":
        found.sort(key=lambda f: (f[0], f[2].order, f[1]))
        pos = 0
        for f in found:
            if f[0] < pos:
                continue
            pos = f[1]
            out.append(f)
    else:
        found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
        taken: list[tuple[int, int]] = []
        for f in found:
            if any(f[0] < b and a < f[1] for a, b in taken):
                continue
            taken.append((f[0], f[1]))
            out.append(f)
    res = []
    for start, end, rule, a, b in out:
        span = doc[start:end]
        res.append(Match(rule, span.start_char, span.end_char, tuple(span), doc[a:b].start_char,
                         doc[a:b].end_char))
    return tuple(sorted(res, key=lambda x: x.start))


@cache
def gate(concern: str) -> frozenset[str] | None:
    """Words one of which a text must hold (as seg.words: [a-z0-9]+ of the lower-cased text)
    for any of the concern's matcher/phrase rules to match: from each pattern the words of its
    token marked ``GATE: true``, else of its first required token with words; from each phrase
    its longest word. Derived from the patterns, so it cannot drift from them. None: some
    pattern has no such token (always match)."""
    import re

    alnum = re.compile(r"[a-z0-9]+")
    out: set[str] = set()
    for rule in rules().values():
        if rule.concern != concern or rule.kind not in ("matcher", "phrase"):
            continue
        if rule.kind == "phrase":
            for p in rule_phrases(rule):
                words = [w for w in p.lower().split() if alnum.fullmatch(w)]
                if len(words) != len(p.split()) or not words:
                    return None
                out.add(max(words, key=len))
            continue
        for pattern in rule.token_patterns():
            cands = []
            for tok in pattern:
                if tok.get("OP") not in (None, "+"):
                    continue
                val = tok.get("LOWER", tok.get("ORTH"))
                ws = [val] if isinstance(val, str) else (val.get("IN") if isinstance(val, dict) else None)
                if ws and all(alnum.fullmatch(w.lower()) for w in ws):
                    cands.append((not tok.get("GATE"), len(cands), ws))
            if not cands:
                return None
            out.update(w.lower() for w in min(cands)[2])
    return frozenset(out)


_DEP_CACHE_KEY = "claims_rules_dep"


def dep_matches(concern: str, doc) -> tuple[tuple[Rule, tuple[int, ...]], ...]:
    """The matches of the concern's dependency rules in a parsed ``doc``: (rule, token indices
    in pattern order; the first is the anchor). A match whose tokens lie inside another match's
    is dropped (the more specific rule wins: "gunshot wounds" over "wounds"). All dependency
    rules are matched in one pass per doc, and only when a token of the doc is a word of their
    gate (dep_gate); the result is kept on the doc."""
    return _dep_state(doc)[0].get(concern, ())


def _dep_state(doc) -> tuple[dict, dict]:
    """({concern: matches}, {(concern, evidence token index): rules}), computed once per doc."""
    state = doc.user_data.get(_DEP_CACHE_KEY)
    if state is not None:
        return state
    by_concern: dict[str, list] = {}
    at: dict[tuple[str, int], list] = {}
    if not _dep_gate_ids().isdisjoint(doc.to_array("LOWER").tolist()):
        matcher = _dep_matcher(doc.vocab)
        table = rules()
        hits = [(table[doc.vocab.strings[key]], tuple(ids)) for key, ids in matcher(doc)]
        hits = [(r, ids) for r, ids in hits if all(GUARDS[g](doc, ids) for g in r.guards)]
        sets = [frozenset(ids) for _, ids in hits]
        for (rule, ids), s in zip(hits, sets):
            if any(s < t for t in sets):
                continue
            by_concern.setdefault(rule.concern, []).append((rule, ids))
            tok = doc[ids[0]].head.i if rule.emits.get("at") == "head" else ids[0]
            at.setdefault((rule.concern, tok), []).append(rule)
    state = ({k: tuple(v) for k, v in by_concern.items()}, at)
    doc.user_data[_DEP_CACHE_KEY] = state
    return state


@cache
def _dep_gate_ids() -> frozenset[int]:
    """dep_gate as spaCy string hashes (the same in every vocab), compared with a doc's LOWER array."""
    from spacy.strings import get_string_id

    return frozenset(get_string_id(w) for w in dep_gate())


@cache
def dep_gate() -> frozenset[str]:
    """Words one of which a doc must hold for any dependency rule to match: from each pattern
    the words of its last node that names words (LOWER/ORTH, a string or IN)."""
    out: set[str] = set()
    for rule in rules().values():
        if rule.kind != "dependency":
            continue
        for pattern in rule.patterns:
            words = None
            for node in _resolve_nodes(pattern):
                attrs = node.get("RIGHT_ATTRS", {})
                val = attrs.get("LOWER", attrs.get("ORTH"))
                ws = [val] if isinstance(val, str) else (val.get("IN") if isinstance(val, dict) else None)
                if ws:
                    words = ws
            if words is None:
                raise RuleError(f"dependency rule {rule.id}: a pattern names no words")
            out.update(w.lower() for w in words)
    return frozenset(out)


_DEP_MATCHERS: dict = {}


def _dep_matcher(vocab):
    hit = _DEP_MATCHERS.get(id(vocab))
    if hit is not None and hit[0] is vocab:
        return hit[1]
    from spacy.matcher import DependencyMatcher

    matcher = DependencyMatcher(vocab)
    for rule in rules().values():
        if rule.kind == "dependency":
            matcher.add(rule.id, [_resolve_nodes(p) for p in rule.patterns])
    _DEP_MATCHERS[id(vocab)] = (vocab, matcher)
    return matcher


def _resolve_nodes(pattern: list[dict]) -> list[dict]:
    """A dependency pattern with its lexicon lists resolved (in RIGHT_ATTRS)."""
    return [{k: (_resolve(v) if k == "RIGHT_ATTRS" else v) for k, v in node.items()} for node in pattern]


def anchored(concern: str, tok) -> list[Rule]:
    """The dependency rules of ``concern`` whose match gives token ``tok`` its evidence: the
    match's anchor, or the anchor's head where the rule emits ``at: head``."""
    return _dep_state(tok.doc)[1].get((concern, tok.i), [])


# ---------------------------------------------------------------- documentation

def render_markdown() -> str:
    """docs/RULES.md: every rule of every table (tools/render_rules_doc.py writes it)."""
    by_table: dict[str, list[Rule]] = {}
    for rule in rules().values():
        by_table.setdefault(rule.table, []).append(rule)
    n = {k: sum(r.kind == k for r in rules().values()) for k in KINDS}
    lines = [
        "# Claim rules",
        "",
        "<!-- generated by tools/render_rules_doc.py from transforms/claims/rules/*.yaml; do not edit -->",
        "",
        "Every claim names the rule that made it in `claims.rule_id` (and `article_figures.rule_id`",
        "names the winning claim's rule); `newsclaims eval DIR --errors` lists each miss with it.",
        f"{len(rules())} rules: {n['matcher']} spaCy Matcher, {n['phrase']} PhraseMatcher and "
        f"{n['dependency']} DependencyMatcher",
        f"rules, whose patterns are kept in the tables, and {n['python']} Python rules (the table says where).",
        "Each rule's examples and counter-examples are run by tests/test_claim_rules.py.",
        "",
    ]
    for table, rows in by_table.items():
        lines += [f"## {table}", "", "| rule_id | kind | what it claims | emits |", "|---|---|---|---|"]
        for r in rows:
            emits = ", ".join(f"{k}: {v}" for k, v in r.emits.items())
            kind = f"python: `{r.implemented_in}`" if r.kind == "python" else r.kind
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
