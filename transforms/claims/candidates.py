"""The figure claims of one sentence: typed figures, statistics, ellipses, coordination sums."""

from __future__ import annotations

import re

from transforms import lexicon
from transforms.figures import Figure
from transforms.claims.vocab import _MEMBER_NOUN, _PERSON_ALT, _PERSON_NOUNS, _PERSON_SG
from transforms.claims.model import Claim, Overlap, Segment
from transforms.claims.figure_types import _classify, _fig_tokens
from transforms.claims.singles import _lived, _not_life_threatening, _regex_reference
from transforms.claims.inference import _breakdown, _counts_things, _member_end, _multiple_figures, _ordinal_figures, _parse_group, _sum_claim


_COORD_GAP = re.compile(
    rf"\A(?:\s+(?:[\w-]+\s+){{0,2}}?(?:{_PERSON_ALT}|[a-z]+-year-olds?))?\s*(?:,\s*and|,|and|&)\s+\Z",
    re.IGNORECASE,
)

# "Rescuers saved 25 people, and four were taken to hospital": a comma and "and" after the first count
# join two clauses; a list of two people has no comma ("three women and two men"), a longer one
# may ("two women, a man, and a child")
_CLAUSE_AND = re.compile(r"\A[^,]*,\s*and\s+\Z", re.IGNORECASE)

_LEAD_PERSON = re.compile(
    rf"(?:\b(?:a|an|the|his|her|their)\s+)?(?:[\w-]+\s+)?\b(?:{'|'.join(sorted(_PERSON_SG, key=len, reverse=True))}"
    r"|[\w]+-(?:year|month|week)-old)"
    r"\s*(?:,\s*and|,|and|&)\s*\Z",
    re.IGNORECASE,
)

# one person coordinated with a count of others: "he and three others", "the driver and two other people"
_ONE_AND_OTHERS = re.compile(
    rf"\b(?:he|she|him|(?:a|an|the|his|her)\s+(?:[\w-]+\s+)?(?:{'|'.join(sorted(_PERSON_SG, key=len, reverse=True))}))"
    r"\s+and\s+\Z",
    re.IGNORECASE,
)

# one person and a count joined by "and" before it, the count's people not the first person's:
# "a mother and her three children", "the driver and his two passengers", "a father and two sons"
# (the count is of others: his / her / their refers back to the first person, or no determiner);
# "a couple and their two children" is two and the count
_ONE_AND_COUNT = re.compile(
    rf"\b(?:a|an|the|his|her)\s+(?:[\w-]+\s+)?(?P<n>couple|{'|'.join(sorted(_PERSON_SG, key=len, reverse=True))})"
    r"\s+and\s+(?:(?:his|her|their)\s+)?\Z",
    re.IGNORECASE,
)

_TRAIL_SELF = re.compile(r"\A\s*(?:,\s*and|,|and|&)\s*(?:him|her)?self\b", re.IGNORECASE)

# one more person coordinated after the count, with a definite determiner, before the predicate they
# share: "Two guards and the bomber were killed", "Four workers and the driver died", "Two bailiffs and
# the shooter are dead" (a/an/one people are figures of their own: "three miners and a rescuer")
_ATTACKER_SG = sorted(w for w in lexicon.words("person_nouns", "attackers") if not w.endswith(("s", "men")))
_TRAIL_ONE = re.compile(
    r"\A\s*(?:,\s*)?(?:and|&)\s+(?:the|his|her|their)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?P<n>" + "|".join(sorted(_PERSON_SG | set(_ATTACKER_SG), key=len, reverse=True)) + r")"
    r"(?:\s*,[^,.;:]{1,60},)?\s+(?:(?:were|are|have\s+been|had\s+been|all|both|also|later|were\s+all)\s+)*"
    r"(?:killed|dead|died|slain|injured|wounded|hurt|shot|hospitalized|hospitalised|missing)\b", re.IGNORECASE)
_ATTACKER_SG_SET = frozenset(_ATTACKER_SG)

_ELLIPSIS_BEFORE = re.compile(
    r"\b(?:mentioned|mention|cited|cite|citing|said|say|says|reported|report|gave|give|counted|"
    r"count|estimated|estimate|claimed|claim|listed|put\s+(?:it|the\s+(?:number|toll|figure))\s+at)"
    r"\s+\Z",
    re.IGNORECASE,
)

_BARE_AFTER = re.compile(r"\A\s*(?:[.,;:)!?]|\Z|\s+(?:while|and|but|or)\b)", re.IGNORECASE)

# "two bystanders, one of whom ...": the figure after the comma is a part, not a list member
_PARTITIVE_AFTER = re.compile(
    r"\s+(?:of\s+(?:whom|them|which|those)|of\s+the\s+(?:victims|wounded|injured|dead))\b", re.IGNORECASE)


def _figure_claims(seg: Segment, p, aggregate: bool) -> tuple[list[Claim], list[tuple[int, int]]]:
    out: list[Claim] = []
    covered = []
    figures = seg.figures + _ordinal_figures(seg)
    typed = []
    statistics = []  # figures of an aggregate sentence: kept as background claims
    rule_of: dict[int, str | None] = {}  # id(figure) -> the rule that typed it
    for fig in figures:
        cls, attacker, rule_of[id(fig)] = _classify(seg, p, fig)
        if fig.kind == "number" and _PARENT_OF.search(seg.text, 0, fig.start - seg.start):
            cls, attacker = None, False  # "a mother of three was killed": her children are no count
        of = _OF_NOUN.match(seg.text, fig.end - seg.start)
        of_words = of.group(1).lower().split() if of is not None else []
        head = next((w for w in reversed(of_words) if w in _NON_PERSON or w in _PERSON_NOUNS), None)
        if head is not None and head in _NON_PERSON and head not in _PERSON_NOUNS:
            cls, attacker = None, False  # "injuring one of the family dogs"
        if cls in ("killed", "injured", "shot", "casualties") and aggregate and \
                fig.kind not in ("indefinite", "ordinal"):
            statistics.append((fig, cls))
            cls = None
        typed.append([fig, cls, attacker])
    # ellipsis: "some sources citing three assailants while others mentioned five"
    for k, t in enumerate(typed):
        fig = t[0]
        if t[1] is not None or t[2] or fig.kind != "number" or k == 0:
            continue
        rel = fig.start - seg.start
        if _ELLIPSIS_BEFORE.search(seg.text[max(0, rel - 40):rel]) and _BARE_AFTER.match(
                seg.text[fig.end - seg.start:]):
            prev = next((u for u in reversed(typed[:k]) if u[1] is not None or u[2]), None)
            if prev is not None:
                t[1], t[2] = prev[1], prev[2]
                rule_of[id(fig)] = "type.ellipsis"
    if not aggregate:
        for fig, cls, rule in _multiple_figures(seg):
            typed.append([fig, cls, False])
            rule_of[id(fig)] = rule
    # coordinations written out: "4 adults, 1 child shot", "three women and one man injured"
    plain = [t for t in typed if t[0].kind in ("number", "indefinite")]
    groups: list[list] = []
    for cur in plain:
        if groups:
            prev = groups[-1][-1][0]
            gap = seg.text[prev.end - seg.start:cur[0].start - seg.start]
            if _COORD_GAP.match(gap) and not _PARTITIVE_AFTER.match(seg.text[cur[0].end - seg.start:]) \
                    and not (len(groups[-1]) == 1 and _CLAUSE_AND.match(gap)):
                groups[-1].append(cur)  # not "two bystanders, one of whom was a juvenile": a part
                continue
        groups.append([cur])
    sums = []
    attacker_sums = set()  # (start, end) of a sum whose trailing person is the attacker
    for g in groups:
        kinds = {t[1] for t in g if t[1] is not None}
        lead = _LEAD_PERSON.search(seg.text[:g[0][0].start - seg.start])
        if lead is not None and seg.text[:lead.start()].strip() not in ("",) and \
                seg.text[:lead.start()].rstrip()[-1:] not in (":", "-", "—", "–", "("):
            lead = None  # only a list that opens the sentence or headline: "Mother, 2 children"
        if lead is None and len(g) == 1 and _others(seg, g[0][0]):
            # "he and three others had been shot": one person and the others, 4
            lead = _ONE_AND_OTHERS.search(seg.text[:g[0][0].start - seg.start])
        if lead is None and len(g) == 1 and g[0][0].kind == "number":
            # "a mother and her three children were killed": one person and the count, 4
            lead = _ONE_AND_COUNT.search(seg.text[:g[0][0].start - seg.start])
            before = seg.text[:lead.start()].rstrip().lower() if lead is not None else ""
            if before.endswith(",") or before.endswith("including"):
                lead = None  # "A grandfather, his daughter and six grandchildren": a longer list;
                # "six people, including a boy and four women": a breakdown of the six
        if lead is not None and len(kinds) == 1:
            couple = (lead.groupdict().get("n") or "").lower() == "couple"
            g.insert(0, [2 if couple else 1, None, False])  # "Mother, 2 children found dead"
        if len(kinds) != 1:
            continue
        if len(g) > 1 and any(not isinstance(t[0], int) and _counts_things(p, seg, t[0]) for t in g):
            continue  # "four people and two vehicles": things are no members of a list of people
        trail = seg.text[_member_end(seg, g[-1][0]) - seg.start:]
        one = _TRAIL_ONE.match(trail) if not isinstance(g[-1][0], int) and g[-1][0].kind == "number" else None
        if len(g) < 2 and not _TRAIL_SELF.match(trail) and one is None:
            continue
        cls = kinds.pop()
        if cls not in ("killed", "injured", "shot", "hospitalized", "detained", "missing"):
            continue
        for t in g:
            if t[1] is None and not isinstance(t[0], int):
                rule_of[id(t[0])] = "inference.coordination_member"  # typed by its list
            t[1] = cls
        last = g[-1][0]
        end = last.end
        m = _MEMBER_NOUN.match(seg.text[end - seg.start:])
        if m and last.kind == "number":
            end += m.end()
        tail = _TRAIL_SELF.match(seg.text[end - seg.start:])
        if tail:  # "kills 3 bandmates, self"
            g.append([1, cls, False])
            end += tail.end()
        one = _TRAIL_ONE.match(seg.text[end - seg.start:]) if not tail and last.kind == "number" else None
        if one is not None:  # "Two guards and the bomber were killed": one more person
            g.append([1, cls, False])
            end += one.end("n")
        start = seg.start + lead.start() if isinstance(g[0][0], int) else g[0][0].start
        if one is not None and one.group("n").lower() in _ATTACKER_SG_SET:
            attacker_sums.add((start, end))
        sums.append((start, end, [t[0] for t in g], cls, "inference.coordination_pattern"))
    if p is not None:
        by_token = {}
        for fig, cls, _ in typed:
            for t in _fig_tokens(p, seg, fig):
                by_token[t.i] = fig
        for fig, cls, _ in typed:
            if cls not in ("killed", "injured", "shot", "hospitalized", "detained", "missing"):
                continue
            grp = _parse_group(p, seg, fig, by_token)
            if grp is None:
                continue
            lo, hi, parts = grp
            start = seg.start + p[lo].idx
            end = seg.start + p[hi].idx + len(p[hi].text)
            sums.append((start, end, parts, cls, "inference.coordination_parse"))
    lived = _lived(seg)  # "a teen was shot and is in stable condition": someone besides the dead
    # "All four victims suffered non-life threatening injuries": every victim lived, the dead are others
    # (any spelling of it; _lived reads the hyphenated one for the people shot)
    for fig, cls, attacker in typed:
        types = [cls] if cls is not None else []
        if attacker and cls in (None, "detained", "killed", "injured", "shot"):
            types.append("attackers")
        if not types:
            continue
        covered.append((fig.start, _member_end(seg, fig) if fig.kind == "number" else fig.end))
        for t in types:
            unit = "seats" if t == "capacity" else "people"
            claim_type = "injured" if t == "shot" else t
            rule = rule_of.get(id(fig))
            if t == "attackers" and rule not in ("type.ellipsis", "inference.ordinal_person"):
                rule = "type.attacker_noun"
            out.append(Claim(claim_type, fig.value_stated, fig.value_low, fig.value_high,
                              fig.qualifier, fig.start, fig.end, unit=unit,
                              overlap=Overlap.ARTICLE if (t == "shot" and not _others(seg, fig) and not (
                                  lived and fig.kind == "indefinite")) or (
                                  t == "injured" and not lived and not _not_life_threatening(seg)
                                  and _all_victims(seg, fig))
                              else None,
                              # "a 23-year-old man was wounded": one person, for the coreference
                              ref=_regex_reference(fig.surface, False) if fig.kind == "indefinite" and
                              t in ("killed", "injured", "shot", "hospitalized") else None,
                              rule=rule or "type.unknown"))
    for fig, cls in statistics:
        covered.append((fig.start, _member_end(seg, fig)))
        out.append(Claim("injured" if cls == "shot" else cls, fig.value_stated, fig.value_low,
                          fig.value_high, fig.qualifier, fig.start, fig.end, background=True, aggregate=True,
                          overlap=Overlap.SENTENCE if cls == "shot" and not _others(seg, fig) else None,
                          rule=rule_of.get(id(fig)) or "type.unknown"))
    seen = set()
    for start, end, parts, cls, rule in sums:
        if (start, end) in seen:
            continue
        if _breakdown(parts, seg):
            continue
        seen.add((start, end))
        claim_type = "injured" if cls == "shot" else cls
        # "A woman and two other men were also shot; they ... non-life-threatening injuries": they lived
        sum_lived = lived or _ALSO.search(seg.text, end - seg.start, end - seg.start + 30) is not None
        c = _sum_claim(parts, start, end, claim_type, Overlap.ARTICLE if cls == "shot" and not sum_lived else None)
        if c is not None:
            c.value_stated = c.value_low
            c.rule = rule
            if (start, end) in attacker_sums:
                c.includes_attacker = True  # "two guards and the bomber were killed": the attacker's one
            out.append(c)
            covered.append((start, end))
    return out, covered


_PARENT_OF = re.compile(
    r"\b(?:" + "|".join(lexicon.words("person_nouns", "parent_nouns")) + r")\s+of\s+\Z", re.IGNORECASE)

_OF_NOUN = re.compile(r"\s+of\s+(?:the|his|her|their|its|our)\s+((?:[\w-]+\b\s*){1,3})", re.IGNORECASE)

_NON_PERSON = lexicon.words("person_nouns", "non_person_nouns")

_ALSO = re.compile(r"\A\s+(?:were|are|was|have\s+been)?\s*also\b", re.IGNORECASE)

_OTHERS = re.compile(r"\A\s+(?:other|others|more|additional)\b", re.IGNORECASE)


# "All four victims were taken to the hospital with serious injuries": every victim of the incident, the
# dead among them (like "all four victims were taken to hospitals", output._ALL_VICTIMS)
_ALL_BEFORE = re.compile(r"\b(?:all|all\s+the|all\s+of\s+the)\s+\Z", re.IGNORECASE)
_VICTIMS_AFTER = re.compile(r"\s+(?:of\s+the\s+)?(?:victims|people|persons)\b", re.IGNORECASE)


def _all_victims(seg: Segment, fig: Figure) -> bool:
    """'all four victims': a count of every victim, which may include the dead (rule
    resolve.shot_minus_killed takes the article's killed count off an injured count of them)."""
    a, b = fig.start - seg.start, fig.end - seg.start
    return fig.kind == "number" and _ALL_BEFORE.search(seg.text, max(0, a - 12), a) is not None and \
        _VICTIMS_AFTER.match(seg.text, b) is not None


def _others_at(body: str, end: int) -> bool:
    return bool(_OTHERS.match(body[end:end + 20]))


def _others(seg: Segment, fig: Figure) -> bool:
    """'three others', 'two more people': disjoint from the people already counted."""
    return bool(_OTHERS.match(seg.text[fig.end - seg.start:fig.end - seg.start + 20]))
