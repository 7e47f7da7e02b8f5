"""Small functions over a dependency-parsed sentence: word classes of tokens, predicate evidence, noun-phrase bounds, single-person arguments."""

from __future__ import annotations

from transforms import lexicon
from transforms.claims import rules
from transforms.claims.vocab import _PERSON_SG, _REFLEXIVE, _SG_PRONOUNS, _WORD_CLASS
from transforms.claims.model import Segment
from transforms.figures import number_value


_HOSPITAL_NOUNS = lexicon.words("claims_grammar", "hospital_nouns")  # evidence only in a prep phrase
_ACTIVE_VERBS = lexicon.words("claims_grammar", "active_casualty_verbs")
_RELATIVE_WORDS = lexicon.words("claims_grammar", "relative_words")
_AGE_UNITS = lexicon.words("claims_grammar", "age_units")
_AGE_NOUN_UNITS = lexicon.words("claims_grammar", "age_noun_units")
_NOT_ONE = lexicon.words("claims_grammar", "not_one_determiners")
_DISJUNCTIONS = lexicon.words("claims_grammar", "disjunctions")
_COUNTERFACTUAL = lexicon.words("claims_grammar", "counterfactual_modals")
_CONDITIONAL = lexicon.words("claims_grammar", "conditional_modals")
_CONDITIONAL_WORDS = lexicon.words("claims_grammar", "conditional_words")
_THREAT_WORDS = lexicon.words("claims_grammar", "threat_words")
_INTENT_FORMS = frozenset(f for forms in lexicon.mapping("claims_grammar", "intent_verbs").values() for f in forms)

_PRIORITY = ("killed", "injured", "shot", "hospitalized", "missing", "detained", "evacuated",
             "attendance", "capacity")


def _classes(tokens) -> set[str]:
    return {_WORD_CLASS[t.lower_] for t in tokens if t.lower_ in _WORD_CLASS}


def _pick(classes: set[str]) -> str | None:
    for c in _PRIORITY:
        if c in classes:
            return c
    return None


def _evidence(concern: str, tok) -> set[str]:
    """Classes the dependency rules of ``concern`` (rules/parse.yaml) give the token they anchor at."""
    return {rule.emits["evidence"] for rule in rules.anchored(concern, tok)}


def _prep_evidence(tok) -> set[str]:
    """Classes carried by prepositional phrases of a predicate: "to death", "to the hospital",
    "in critical condition", "into custody", "with injuries" (rules parse.* of concern parse_prep)."""
    return _evidence("parse_prep", tok)


def _predicate_evidence(verb) -> tuple[set[str], set[str]]:
    """(classes of the predicate and its close satellites, classes of its prep phrases)."""
    near = set()
    toks = [verb]
    for c in verb.children:
        if c.dep_ in ("conj", "xcomp", "oprd", "acomp", "advmod", "ccomp", "advcl", "npadvmod",
                      "dobj", "attr"):
            if c.dep_ in ("conj", "ccomp", "advcl") and any(
                    cc.dep_ in ("nsubj", "nsubjpass") for cc in c.children):
                continue  # another clause with its own subject ("after a girl was shot")
            if c.dep_ in ("conj", "advcl") and c.pos_ == "VERB" and any(cc.dep_ == "dobj" for cc in c.children):
                continue  # a verb with its own object: "shot two men and killed a woman", "identifying
                # the two men ..., killing one visitor": the killing is the object's, not the men's
            toks.append(c)
            if c.dep_ in ("conj", "xcomp") and c.pos_ in ("VERB", "ADJ"):
                toks.extend(cc for cc in c.children if cc.dep_ in ("advmod", "acomp", "oprd"))
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        toks.append(verb.head)  # "was shot and killed": killed shares shot's subject
    near |= _evidence("parse_verb", verb)  # "was struck by gunfire"; not "Hit 5" (a lottery)
    for t in toks:
        if t.dep_ == "dobj" and t is not verb:
            near |= _evidence("parse_object", t)  # "suffered injuries", "lost their lives"
            continue
        if t.lower_ in _WORD_CLASS:
            cls = _WORD_CLASS[t.lower_]
            if cls in ("capacity", "attendance") and t is not verb:
                continue
            if t.lower_ in _HOSPITAL_NOUNS:
                continue
            near.add(cls)
    prep = set()
    for t in toks:
        if t.pos_ in ("VERB", "AUX", "ADJ") or t is verb:
            prep |= _prep_evidence(t)
    return near, prep


def _counterfactual(verb) -> bool:
    """'could have killed dozens', 'would have been hurt': a modal and 'have' on the predicate (or the
    verb it is coordinated with): what did not happen. So is a conditional or a threat ('the dam could
    kill hundreds', 'would kill dozens if it went off') and the infinitive of an intent ('threatened to
    kill three people', 'tried to kill two officers'); not 'would later die' (narrative past)."""
    for v in (verb, verb.head if verb.dep_ == "conj" else None):
        if v is None:
            continue
        aux = [c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")]
        if any(a in _COUNTERFACTUAL for a in aux) and ("have" in aux or "'ve" in aux):
            return True
        if any(a in _CONDITIONAL for a in aux):
            return True
        if "would" in aux and v.i >= 1 and v.doc[v.i - 1].lower_ == "would" and any(
                t.lower_ in _CONDITIONAL_WORDS or t.lower_ in _THREAT_WORDS for t in v.sent):
            return True  # 'would kill dozens if it went off', 'threatened that he would kill them all'
        if v.dep_ == "xcomp" and v.head.lower_ in _INTENT_FORMS and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
            return True
    return False


def _decide(near: set[str], prep: set[str]) -> str | None:
    if "killed" in near or ("killed" in prep and "shot" in near):
        return "killed"
    cls = _pick(near)
    if cls in (None, "shot") and prep:
        better = _pick(prep - {"shot"})
        if better in ("killed", "injured", "hospitalized", "detained"):
            return better
    return cls


def _is_active_agent(tok, verb) -> bool:
    """tok is the subject of an active transitive use ("two men shot a woman")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return False
    if verb.lower_ not in _ACTIVE_VERBS:
        return False
    return any(c.dep_ in ("dobj",) for c in verb.children) or verb.tag_ in ("VBD", "VBZ", "VBP")


def _noun_phrase_bounds(tok) -> tuple[int, int]:
    """Token index range [a, b) of a noun with its determiner/adjective/compound children."""
    left = tok.i
    for c in tok.lefts:
        if c.dep_ in ("det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "case",
                      "punct") and c.i < left:
            sub = [x.i for x in c.subtree]
            left = min(left, min(sub))
    while left < tok.i and (tok.doc[left].dep_ == "punct" or tok.doc[left].pos_ in (
            "ADP", "CCONJ", "SCONJ", "VERB", "AUX") or tok.doc[left].lower_ in _RELATIVE_WORDS):
        left += 1
    return left, tok.i + 1


_NON_PERSON_LABELS = frozenset({"GPE", "LOC", "ORG", "FAC", "NORP", "PRODUCT", "EVENT",
                                "WORK_OF_ART", "LAW", "DATE", "TIME", "MONEY", "CARDINAL"})

_NON_PERSON_NOUNS = lexicon.words("person_nouns", "non_person_nouns")


def _ent_label(tok, seg: Segment) -> str | None:
    a = seg.start + tok.idx
    for s, e, label in seg.ents:
        if s <= a < e:
            return label
    return None


def _in_age(tok) -> bool:
    """A numeral inside '16-year-old' / 'five-year-old'."""
    doc = tok.doc
    nxt = [doc[k].lower_ for k in range(tok.i + 1, min(tok.i + 3, len(doc)))]
    return bool(nxt) and (nxt[0] in _AGE_UNITS or (nxt[0] == "-" and len(nxt) > 1 and nxt[1] in _AGE_UNITS))


def _is_age_noun(tok) -> bool:
    """'16-year-old' used as a noun: spaCy splits it, 'old' heads '16 - year -'."""
    return tok.lower_ == "old" and any(c.lower_ in _AGE_NOUN_UNITS for c in tok.children)


def _singular_argument(tok, seg: Segment, strict: bool) -> bool:
    """A singular person: 'a man', 'the 15-year-old', a PERSON name, he/she.

    strict=False (for died/killed/shot/wounded, whose patient is nearly always a person)
    also accepts any singular common noun that is not a known thing ('a sophomore').
    """
    w = tok.lower_
    if w in _SG_PRONOUNS or w in _REFLEXIVE:
        return True
    if any(c.dep_ == "nummod" and not _in_age(c) for c in tok.children):
        return False
    if any(c.lower_ in _NOT_ONE for c in tok.children):
        return False
    if _is_age_noun(tok):
        return True
    if tok.tag_ in ("NNS", "NNPS") or tok.pos_ not in ("NOUN", "PROPN"):
        return False
    if w in _NON_PERSON_NOUNS:
        return False
    label = _ent_label(tok, seg)
    if label == "PERSON":
        return True
    if label in _NON_PERSON_LABELS:
        return False
    if w in _PERSON_SG or tok.pos_ == "PROPN":
        return True
    return not strict


_FAMILY_NOUNS = ("family", "household")


def _count_persons(tok, seg: Segment, strict: bool) -> int:
    """1 for the argument, plus its singular-person conjuncts ('Smith and his wife',
    'West, Dearmond and McPherson')."""
    n = 1
    if any(c.dep_ == "cc" and c.lower_ in _DISJUNCTIONS for c in tok.children):
        return 1  # "his brother or a friend was dead": one of them
    if tok.lower_ in _FAMILY_NOUNS:
        # "killed a family of five": the family's size counts its members ("a mother of three" does not)
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for o in c.children:
                    if o.dep_ == "pobj" and o.like_num:
                        try:
                            size = number_value(o.text)
                        except ValueError:
                            continue
                        if 1 < size <= 20:
                            return size
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop()
        if _singular_argument(c, seg, True) and (
            c.pos_ != "PROPN" or _ent_label(c, seg) == "PERSON"
        ):
            n += 1
            stack.extend(x for x in c.children if x.dep_ == "conj")
    return n
