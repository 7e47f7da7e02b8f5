"""Counts stated without a numeral, and counts written as parts: 'a double homicide', 'a third victim', the killer's suicide, coordinations to add up."""

from __future__ import annotations

import re

from transforms import lexicon
from transforms.figures import Figure
from transforms.claims.vocab import _MEMBER_NOUN, _MULTI_GATE, _ORDINAL_GATE, _PERSON_NOUNS
from transforms.claims import rules
from transforms.claims.model import Claim, Overlap, RefKind, Segment
from transforms.claims.parsetools import _ent_label, _noun_phrase_bounds, _singular_argument
from transforms.claims.figure_types import _counted_noun, _fig_tokens


_SUICIDE_GATE = lexicon.words("claims_gates", "suicide")

_ORDINALS = lexicon.mapping("numbers", "ordinals")
_MULTIPLIERS = lexicon.mapping("numbers", "multipliers")
# the matcher rules of rules/inference.yaml this module turns into figures
_MULTIPLE_RULES = ("inference.multiple", "inference.multiple_shooting", "inference.multiple_murder_suicide",
                   "inference.murder_suicide")

_SUICIDE = re.compile(
    r"(?<!tried\sto\s)(?<!attempted\sto\s)(?<!threatened\sto\s)(?<!planned\sto\s)"
    r"(?<!wanted\sto\s)(?<!trying\sto\s)\b(?:turn(?:ed|ing|s)?\s+(?:the\s+|a\s+|his\s+|her\s+)?(?:gun|weapon|rifle|handgun|shotgun|"
    r"pistol)\s+on\s+(?:himself|herself|themselves)|t(?:ook|aking|akes|ake)\s+(?:his|her|their)\s+"
    r"own\s+li(?:fe|ves)|"
    r"kill(?:ed|ing|s)?\s+(?:himself|herself|themselves)|(?:then|before|and)\s+(?:fatally\s+)?sho(?:t|oting)\s+"
    r"(?:himself|herself)|commit(?:s|ted|ting)\s+suicide|hang(?:ed|ing|s)?\s+(?:himself|herself)|"
    r"died\s+by\s+suicide|"
    # a suicide bomber: "blew himself up", "detonating her explosive vest"
    r"bl(?:ew|ow|ows|owing)\s+(?:himself|herself|themselves)\s+up|"
    r"detonat(?:ed|es|ing)\s+(?:his|her|their)\s+(?:own\s+)?(?:explosive|suicide|bomb)\s*(?:vest|belt|vests|belts)?)\b",
    re.IGNORECASE,
)


def _multiple_figures(seg: Segment) -> list[tuple[Figure, str, str]]:
    """(figure, class, rule) of the multiple rules (rules/inference.yaml): 'a double homicide' ->
    killed 2; 'a triple shooting' -> 3 shot; 'a murder-suicide' -> killed at least 2."""
    out = []
    if not (seg.words & _MULTI_GATE):
        return out
    for m in rules.match("inference", seg.text):
        if m.rule.id not in _MULTIPLE_RULES:
            continue
        a, b = seg.start + m.start, seg.start + m.end
        surface = seg.text[m.start:m.end]
        if m.rule.id == "inference.murder_suicide":
            fig = Figure(surface, a, b, 2, 2, None, "at_least", "multiple", a, b)
        else:
            n = _MULTIPLIERS[m.tokens[0].lower_]
            if m.rule.id == "inference.multiple_murder_suicide":
                fig = Figure(surface, a, b, n + 1, n + 1, None, "at_least", "multiple", a, b)
            else:
                fig = Figure(surface, a, b, n, n, n, "exact", "multiple", a, b)
        out.append((fig, "shot" if m.rule.id == "inference.multiple_shooting" else "killed", m.rule.id))
    return out


def _member_end(seg: Segment, fig: Figure) -> int:
    m = _MEMBER_NOUN.match(seg.text[fig.end - seg.start:])
    return fig.end + (m.end() if m and fig.kind == "number" else 0)


def _ordinal_figures(seg: Segment) -> list[Figure]:
    """'a third victim', 'the second suspect' (rules/inference.yaml inference.ordinal_person):
    at least that many (an inference, qualifier at_least)."""
    out = []
    if not (seg.words & _ORDINAL_GATE):
        return out
    for m in rules.match("inference", seg.text):
        if m.rule.id != "inference.ordinal_person":
            continue
        n = _ORDINALS[m.tokens[1].lower_]
        a, b = seg.start + m.start, seg.start + m.end
        ordinal = m.tokens[1]
        out.append(Figure(seg.text[m.start:m.end], a, b, n, n, None, "at_least", "ordinal",
                          seg.start + ordinal.idx, seg.start + ordinal.idx + len(ordinal.text)))
    return out


def _thing_noun(tok) -> bool:
    """A common noun that is not a person noun (lexicon person_nouns): 'vehicles', 'dogs', 'homes'."""
    w = tok.lower_
    return tok.pos_ == "NOUN" and w not in _PERSON_NOUNS and not w.endswith(("-year-old", "-year-olds")) \
        and w not in ("others", "more")


def _counts_things(p, seg: Segment, fig: Figure) -> bool:
    """The figure counts things, not people: 'two vehicles', '300 cattle' (a coordination of people
    has person nouns for members; 'four people and two vehicles' is not six people)."""
    if p is None or fig.kind != "number":
        return False
    toks = _fig_tokens(p, seg, fig)
    if not toks:
        return False
    head, noun, _ = _counted_noun(fig, toks)
    return noun is not None and noun is not head and noun.i > head.i and _thing_noun(noun)


def _parse_group(p, seg: Segment, fig: Figure, by_token: dict) -> tuple[int, int, list] | None:
    """The coordination a figure's noun belongs to, counted: "two children and a woman",
    "himself and his two daughters" -> (first token index, last token index, member figures
    or 1 for a single person)."""
    toks = _fig_tokens(p, seg, fig)
    if not toks:
        return None
    head, noun, anchor = _counted_noun(fig, toks)
    if noun is None:
        return None
    root = noun
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    members, stack = [], [root]
    while stack:
        m = stack.pop()
        stack.extend(c for c in m.children if c.dep_ == "conj")
        numeral = next((by_token[c.i] for c in m.subtree if c.i in by_token and c.head is m), None)
        if numeral is not None:
            if _thing_noun(m):
                return None  # "four people and two dogs": only people are members
            members.append((m, numeral))
        elif _singular_argument(m, seg, True) and (m.pos_ != "PROPN" or _ent_label(m, seg) == "PERSON"):
            members.append((m, 1))
        else:
            return None
    if len(members) < 2:
        return None
    spans = sorted((_noun_phrase_bounds(m)[0], m.i, v) for m, v in members)
    for (a0, a1, _), (b0, b1, _) in zip(spans, spans[1:]):
        gap = p.text[p[a1].idx + len(p[a1].text):p[b0].idx] if b0 > a1 else None
        if gap is None or not _CONNECTOR.match(gap):
            return None  # members must be written next to each other: "X, Y and Z"
    return spans[0][0], spans[-1][1], [v for _, _, v in spans]


_CONNECTOR = re.compile(r"\A\s*(?:,\s*and|,|and|&|,\s*as\s+well\s+as)\s*\Z", re.IGNORECASE)

_GENERIC = lexicon.words("person_nouns", "generic_plural")


_PARTITIVE = re.compile(rf"\s+of\s+{lexicon.alternation('claims_grammar', 'person_after_pronouns')}\b",
                        re.IGNORECASE)


def _breakdown(parts: list, seg: Segment) -> bool:
    """'six people, three men and three women' / 'five victims, four ...' lists parts of
    one count, not a coordination to add up."""
    first = parts[0]
    if not isinstance(first, Figure):
        return False
    if any(isinstance(v, Figure) and _PARTITIVE.match(seg.text, v.end - seg.start) for v in parts[1:]):
        return True  # "injuring 27 passengers, two of them seriously": two are among the 27
    rest = sum(v.value_low or 0 if isinstance(v, Figure) else v for v in parts[1:])
    if first.value_low is not None and first.value_low == rest:
        return True
    follow = seg.text[first.end - seg.start:first.end - seg.start + 60]
    after = _MEMBER_NOUN.match(follow)
    return bool(after) and after.group(0).split()[-1].lower() in _GENERIC and \
        "," in follow.split(" and ")[0]


def _sum_claim(parts: list, start: int, end: int, cls: str, overlap: Overlap | None) -> Claim | None:
    """One claim for a coordination: bounds add up; exact only when every part is."""
    low = high = 0
    exact = True
    for v in parts:
        if isinstance(v, Figure):
            if v.value_low is None:
                return None
            low += v.value_low
            high = None if (high is None or v.value_high is None) else high + v.value_high
            exact = exact and v.qualifier == "exact"
        else:
            low += v
            high = None if high is None else high + v
    qualifier = "exact" if exact else ("at_least" if high is None else "range")
    return Claim(cls, low, low, high if high is not None else None, qualifier, start, end,
                  overlap=overlap)


# the killer's suicide follows the killing: "killed X before/then ...", "by Y, who killed himself"
_SUICIDE_LINK = re.compile(r"\b(?:before|then|after|who|and)\b", re.IGNORECASE)
_WHO_AFTER = re.compile(r"\s*,?\s*who\b", re.IGNORECASE)
_SELF_WORD = re.compile(r"(?<![\w-])(?:him|her|them)?sel(?:f|ves)(?![\w-])", re.IGNORECASE)


# a headline that calls the incident fatal says someone died, though it names no victim: "Police
# Investigate Fatal Shooting In Aliquippa", "Kenosha police arrest 15-year-old in deadly crash", "Man
# charged in shooting death", "Police investigate homicide" (not "Homicide detectives ...")
_FATAL_INCIDENT = re.compile(
    r"\b(?:(?:fatal|deadly)\s+(?:[\w'’-]+\s+){0,2}?" + lexicon.alternation("casualty_predicates", "fatal_incident_nouns")
    + r"|shooting\s+death|homicide(?!\s+" + lexicon.alternation("casualty_predicates", "homicide_not_before")
    + r"\b))(?![\w-])(?!\s*(?:suspects?|charges?|trial|case)\b)",
    re.IGNORECASE,
)
_FATAL_GATE = frozenset({"fatal", "deadly", "death", "homicide"})


def _fatal_title_claims(seg: Segment) -> list[Claim]:
    """The title's 'fatal shooting' / 'deadly crash' / 'shooting death' / 'homicide': killed at least 1
    (rule inference.fatal_incident; the caller adds it only when the title states no killed count)."""
    if not (seg.words & _FATAL_GATE):
        return []
    m = _FATAL_INCIDENT.search(seg.text)
    if m is None:
        return []
    a, b = seg.start + m.start(), seg.start + m.end()
    return [Claim("killed", 1, 1, None, "at_least", a, b, rule="inference.fatal_incident")]


# the killer killed after the killing, in the same sentence: "killed four Marines before he himself was
# shot dead", "Four people were killed by a man ... before he was shot and killed by police", "killed
# his wife before officers shot him to death" (rule inference.killer_killed)
_POLICE_ALT = "|".join(lexicon.load("person_nouns")["police_rx"] + sorted(lexicon.words("claims_grammar", "killer_killers"),
                                                                          key=len, reverse=True))
_KILLER_ALT = lexicon.alternation("person_nouns", "attackers")
_KILLER_KILLED = re.compile(
    r"\b(?:(?:he|she)(?:\s+(?:himself|herself))?|the\s+(?:[\w-]+\s+)?" + _KILLER_ALT + r"(?:\s*,[^,.;:]{1,60},)?)\s+"
    r"(?:was|had\s+been)\s+(?:(?:later|then|eventually|finally|also|fatally)\s+)?"
    r"(?:shot\s+(?:and\s+killed|dead|to\s+death)|fatally\s+shot|killed|gunned\s+down|slain)\b"
    r"|\b(?:(?:an?\s+|the\s+|two\s+|three\s+|several\s+)?(?:[\w-]+\s+)?(?:" + _POLICE_ALT
    + r"))\s+(?:(?:then|later|eventually|finally)\s+)?(?:fatally\s+shot|shot\s+and\s+killed|killed|gunned\s+down)\s+"
    r"(?:him|her|the\s+(?:[\w-]+\s+)?" + _KILLER_ALT + r")\b"
    r"|\b(?:(?:an?\s+|the\s+|two\s+|three\s+|several\s+)?(?:[\w-]+\s+)?(?:" + _POLICE_ALT
    + r"))\s+shot\s+(?:him|her|the\s+(?:[\w-]+\s+)?" + _KILLER_ALT + r")\s+(?:dead|to\s+death)\b",
    re.IGNORECASE)
_KILLER_KILLED_LINK = re.compile(r"\b(?:before|then|after|until|when|and)\b", re.IGNORECASE)
_COUNTS_KILLER = re.compile(r"(?<!not\s)\b(?:including|among\s+them|among\s+the\s+dead|counting)\s+(?:the\s+)?"
                            r"(?:[\w-]+\s+)?" + _KILLER_ALT + r"\b", re.IGNORECASE)
_ACTIVE_OBJECT_RULES = ("single.object_of_active", "inference.object_list", "type.predicate_before")
# "two workers were killed and the gunman was shot dead by police": the count's own passive death, then
# the killer's (another person) joined by "and"
_OWN_DEATH_AND = re.compile(r"[^.;:]{0,60}?\b(?:were|are)\s+(?:(?:all|both|also)\s+)?(?:killed|dead|slain|shot\s+dead|"
                            r"shot\s+and\s+killed|fatally\s+shot)\s*,?\s+and\s+\Z", re.IGNORECASE)
_BY_AGENT = re.compile(r"\Aby\s+(?:a|an|the|his|her|their)\b|\s+by\s+(?:a|an|the|his|her|their)\b", re.IGNORECASE)
_ATTACKER_WORD = re.compile(r"\b" + _KILLER_ALT + r"\b|\A(?:he|she|him|her)\Z", re.IGNORECASE)


def _suicide_claims(seg: Segment, found: list[Claim]) -> list[Claim]:
    """'shot and killed his daughter before turning the gun on himself' -> killed 1 + 1.

    The killer's suicide adds one to the killed count stated before it in the same sentence;
    value_stated stays the number written, the bounds carry the +1. So does the killer's death at
    the hands of others ("killed four Marines before he himself was shot dead", rule
    inference.killer_killed): not after a count of the attacker ("the suspect was killed after he
    was shot dead"), nor when the sentence counts the attacker among the dead ("including the gunman").
    """
    out = []
    kinds = []
    if seg.words & _SUICIDE_GATE:
        kinds.append((_SUICIDE, _SUICIDE_LINK, "inference.killer_suicide"))
    if "killed" in seg.words or "dead" in seg.words or "death" in seg.words or "shot" in seg.words \
            or "slain" in seg.words or "gunned" in seg.words:
        kinds.append((_KILLER_KILLED, _KILLER_KILLED_LINK, "inference.killer_killed"))
    done = set()
    for rx, link, rule in kinds:
        for m in rx.finditer(seg.text):
            a, b = seg.start + m.start(), seg.start + m.end()
            before = [c for c in found if c.claim_type == "killed" and not c.negated
                      and c.end <= a and a - c.end < 120 and c.value_low is not None
                      # a count that already counts the killer ("kills his 2 sons, self", "killed
                      # his wife and then himself") gets no second one
                      and not c.includes_attacker and not _SELF_WORD.search(seg.text, c.start - seg.start,
                                                                             c.end - seg.start)
                      and link.search(seg.text[c.end - seg.start:m.end()])  # "... before shooting himself"
                      # "the lives of his mother and a man who ... turned the gun on himself": the
                      # killer is the count's last member
                      and not _WHO_AFTER.match(seg.text, c.end - seg.start)]
            if rule == "inference.killer_killed":
                # the count is what the killer did: the object of an active killing ("killed four
                # Marines", "killing his wife") or a passive with its agent ("were killed by a man");
                # not "a teen is dead after she was shot to death" (one person)
                before = [c for c in before if c.rule != "inference.killer_suicide"
                          and not _ATTACKER_WORD.search(seg.text[c.start - seg.start:c.end - seg.start])
                          and (c.rule in _ACTIVE_OBJECT_RULES
                               or _BY_AGENT.search(seg.text, c.end - seg.start, m.start())
                               or _OWN_DEATH_AND.match(seg.text, c.end - seg.start, m.start()))]
            if _COUNTS_KILLER.search(seg.text):
                continue  # "three dead, including the gunman, who was shot dead by police / killed himself"
            if not before:
                continue
            c = max(before, key=lambda x: (x.value_low, -x.start))
            if id(c) in done:
                continue  # "killed two before he turned the gun on himself ... and was killed": once
            done.add(id(c))
            high = c.value_high + 1 if c.value_high is not None else None
            out.append(Claim("killed", c.value_stated, c.value_low + 1, high, c.qualifier, c.start, b,
                              background=c.background, aggregate=c.aggregate, rule=rule,
                              source=c, includes_attacker=True))
    return out


# between a count and "N others" of the same sentence: a conjunction, no new sentence or list of
# parts ("Two men were in critical condition and two others injured", "Smith was hurt, while three
# others were treated for burns")
_OTHERS_LINK = re.compile(r"(?:\band\b|\bwhile\b|,)[^.;:()]{0,40}\Z", re.IGNORECASE)
_OTHERS_WORD = re.compile(r"\s+(?:other|others)\b", re.IGNORECASE)


def _others_added(seg: Segment, found: list[Claim]) -> list[Claim]:
    """'Two men were in critical condition and two others were injured' -> injured 2 + 2.

    A count of "others" hurt is besides the people hurt counted before it in the same sentence
    (a figure or a single victim): a claim of the sum (inference.others_added), the span from the
    first count to the word "others". Not after a killed count ("a man was killed and three others
    were wounded": the others are besides the dead, 3), nor besides a part ("two of them").
    """
    out = []
    if "others" not in seg.words and "other" not in seg.words:
        return out
    for c in found:
        if c.claim_type != "injured" or c.negated or c.aggregate or c.value_low is None or c.ref is not None:
            continue
        m = _OTHERS_WORD.match(seg.text, c.end - seg.start)
        if m is None:
            continue
        before = [d for d in found if d.end <= c.start and not d.negated and d.value_low is not None
                  and d.claim_type in ("injured", "killed") and not d.aggregate]
        if not before:
            continue
        d = max(before, key=lambda x: (x.end, x.value_low))
        if d.claim_type != "injured" or any(e.claim_type == "killed" and e.end <= c.start and e.start >= d.start
                                            for e in found) or \
                not _OTHERS_LINK.search(seg.text[d.end - seg.start:c.start - seg.start]):
            continue
        high = d.value_high + c.value_high if d.value_high is not None and c.value_high is not None else None
        exact = d.qualifier == "exact" and c.qualifier == "exact"
        out.append(Claim("injured", d.value_low + c.value_low, d.value_low + c.value_low, high,
                          "exact" if exact else ("at_least" if high is None else "range"),
                          d.start, seg.start + m.end(), overlap=d.overlap if d.ref is None else None,
                          rule="inference.others_added", source=c))
    return out


# The attacker's victims (issue 15): a count of what the attacker did leaves the attacker out -- the
# attacker is the agent, not a patient: "a gunman killed four people", "the shooter who killed 49",
# "four Marines were killed by the gunman", "a triple homicide"; a count of "others" beside a dead
# attacker of the same sentence ("a gunman who was shot dead after a rampage that left two others
# dead"). GVA and ACLED count the attacker's own death, so when the article states it apart (a
# single killed claim about the attacker: "the gunman was killed by police", "the suspect died of a
# self-inflicted wound") the count gets the attacker's one added (rule inference.attacker_added,
# adjusted in place: value_stated stays as written, includes_attacker true). Not when the count says
# it includes the attacker ("three dead, including the gunman") or counts the killer himself.
_ATTACKER_ALT = lexicon.alternation("person_nouns", "attackers")
_KILLING_VERBS = (r"(?:shot\s+and\s+killed|shooting\s+and\s+killing|fatally\s+(?:shot|shooting|stabbed|stabbing)|"
                  r"killed|kills?|killing|murdered|murdering|massacred|gunned\s+down|slaughtered|shot\s+dead)")
_ATTACKER_AGENT = re.compile(r"\b" + _ATTACKER_ALT + r"\b[^.;:!?\"“”]{0,50}?\b" + _KILLING_VERBS
                             + r"\s+(?:at\s+least\s+|all\s+|as\s+many\s+as\s+)?\W*\Z", re.IGNORECASE)
_BY_ATTACKER = re.compile(r"\A[^.;:!?]{0,60}?\b(?:killed|slain|murdered|shot\s+dead|shot\s+to\s+death|gunned\s+down)"
                          r"\s+by\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?" + _ATTACKER_ALT + r"\b", re.IGNORECASE)
_OTHERS_AFTER = re.compile(r"\A\s+(?:other|others)\b", re.IGNORECASE)
_MURDER_NOUN = re.compile(r"\b(?:homicides?|murders?|killings?|slayings?)\Z", re.IGNORECASE)
_INCLUDES_ATTACKER = re.compile(r"(?<!not\s)\b(?:including|among\s+them|among\s+the\s+dead|counting)\s+(?:the\s+)?"
                                r"(?:[\w-]+\s+){0,2}?(?:" + _ATTACKER_ALT[3:-1] + r"|himself|herself|killer)\b"
                                r"|(?<![\w-])(?:himself|herself|self)(?![\w-])", re.IGNORECASE)  # not "self-inflicted"


def _attacker_added(claims: list[Claim], body: str) -> list[Claim]:
    """The attacker's victims plus the attacker's death stated apart: killed N -> N + 1 (see above)."""
    dead = [c for c in claims if c.claim_type == "killed" and c.includes_attacker and c.ref is not None
            and not c.negated and not c.background]
    # the killer's death stated with a count of his victims ("killed her and three other people before
    # fatally shooting himself"): the same count stated elsewhere as what someone did ("lead man to kill
    # 4 people") is of the victims too
    killers = [c for c in claims if c.rule in ("inference.killer_suicide", "inference.killer_killed")
               and not c.background and c.source is not None and c.source.value_low is not None]
    if not dead and not killers:
        return claims
    out = []
    for c in claims:
        if (c.claim_type != "killed" or c.ref is not None or c.negated or c.background or c.includes_attacker
                or c.value_low is None or c.source is not None):
            out.append(c)
            continue
        s = body.rfind("\n", 0, c.start) + 1
        e = body.find("\n", c.end)
        e = len(body) if e < 0 else e
        before, after = body[max(s, c.start - 120):c.start], body[c.end:min(e, c.end + 120)]
        apart = [d for d in dead if not (c.start <= d.start and d.end <= c.end)]
        same = [d for d in killers if d.source.value_low == c.value_low and d.source is not c
                and not (d.start <= c.start and c.end <= d.end) and c.rule == "type.predicate_before"
                and c.qualifier == "exact"]
        if same and not (_INCLUDES_ATTACKER.search(body[c.start:c.end])
                         or _INCLUDES_ATTACKER.search(body[max(s, c.start - 200):min(e, c.end + 200)])):
            high = c.value_high + 1 if c.value_high is not None else None
            out.append(c.adjusted(value_low=c.value_low + 1, value_high=high, includes_attacker=True,
                                  rule="inference.attacker_added"))
            continue
        victims = (_ATTACKER_AGENT.search(before) is not None or _BY_ATTACKER.search(after) is not None
                   or (c.rule == "inference.multiple" and _MURDER_NOUN.search(body[c.start:c.end]) is not None)
                   or (_OTHERS_AFTER.match(after) is not None and any(d.seg == c.seg and d.end <= c.start
                                                                      for d in apart)))
        sentence = body[max(s, c.start - 200):min(e, c.end + 200)]
        if not victims or not apart or _INCLUDES_ATTACKER.search(body[c.start:c.end]) or \
                _INCLUDES_ATTACKER.search(sentence):
            out.append(c)
            continue
        high = c.value_high + 1 if c.value_high is not None else None
        out.append(c.adjusted(value_low=c.value_low + 1, value_high=high, includes_attacker=True,
                              rule="inference.attacker_added"))
    return out


# "A 46-year-old woman was killed ... Gino Nicolas, 24, was also killed": a single victim "also" killed
# is besides the dead named before (rule inference.also_killed)
_ALSO_KILLED = re.compile(
    r"(?:\s*,[^.;:!?\n]{1,80}?,)?\s+(?:who\s+)?(?:(?:was|were|had\s+been|has\s+been)\s+also|also\s+(?:was|were))\s+"
    r"(?:fatally\s+(?:shot|stabbed|wounded|injured|struck)|shot\s+(?:and\s+killed|dead|to\s+death)|killed|slain|"
    r"murdered|found\s+dead|pronounced\s+dead)\b"
    r"|(?:\s*,[^.;:!?\n]{1,80}?,)?\s+(?:who\s+)?also\s+died\b",
    re.IGNORECASE)


def _also_killed(claims: list[Claim], body: str) -> list[Claim]:
    """A single victim the article says was 'also killed' is besides the dead named before it: a
    claim of their sum (inference.also_killed; choice.py takes it as an update of the count). Only
    when the dead before it are single victims (a count of two or more may already include this
    one: "Two people were killed ... Smith was also killed") and not the same person."""
    out = []
    for c in claims:
        if (c.claim_type != "killed" or c.ref is None or c.negated or c.background or c.value_low is None
                or c.value_low > 4):
            continue
        m = _ALSO_KILLED.match(body, c.end)
        if m is None:
            continue
        prior = [d for d in claims if d.claim_type == "killed" and not d.negated and not d.background
                 and d.value_low is not None and d.start < c.start and d.end <= c.start
                 and d.rule != "inference.also_killed"
                 and not (d.person is not None and d.person == c.person)]
        names = c.ref.names if c.ref.kind is RefKind.NAME else frozenset()
        if not prior or any(d.ref is None and d.value_low >= 2 for d in prior) or any(
                names & set(re.findall(r"[\w'’-]+", body[d.start:d.end].lower())) for d in prior):
            continue  # a count may include this one; "Kelley and Brandon were killed ... Brandon also died"
        n = max(d.value_low for d in prior) + c.value_low
        out.append(Claim("killed", n, n, n, "exact", c.start, m.end(), seg=c.seg,
                          rule="inference.also_killed", source=c))
    return claims + out
