"""Article-level passes over typed claims: coreference of single victims, 'N shot, M killed', partitive deaths, distinct roles."""

from __future__ import annotations

import re

from transforms import lexicon
from transforms.ids import UnionFind
from transforms.claims.model import REFLEXIVE, Claim, Overlap, RefKind
from transforms.claims.candidates import _others_at


# "the victim", "the boy": the single victim mentioned last; other heads ("the gunman", "the
# officer") name someone new unless the same head was used before
_GENERIC_HEADS = lexicon.words("person_nouns", "generic_heads")


_ORDINAL_WORD = re.compile(
    r"\b(?:" + "|".join(w for w in lexicon.mapping("numbers", "ordinals") if w != "first")
    + r"|other|\d+(?:nd|rd|th))\b", re.IGNORECASE)


# "A worker died ... Another worker was injured": "another" names someone besides the one before
_ANOTHER = re.compile(r"another\b", re.IGNORECASE)


def _indef_text(np: str) -> str:
    words = np.lower().split()
    return " ".join(words[1:] if words and words[0] in ("a", "an", "another") else words)


def _resolve_people(claims: list[Claim], person_ents: list[tuple[int, frozenset]],
                    body: str | None = None) -> list[Claim]:
    """Drop single-victim injured claims about a victim the article says was killed.

    A small coreference: names match on a shared name token; he/she (and himself) take the
    most recent PERSON name or single victim before them; "the boy"/"the victim" take the
    most recent single victim; "a man" is a new person. "A man was shot ... He died at the
    hospital" -> the shot man is the dead man, so he is not also counted injured.
    """
    singles = sorted((c for c in claims if c.ref is not None), key=lambda c: c.start)
    if body is not None:  # officials quoted are no antecedents of he/she: "Sheriff Michael Chandler"
        person_ents = [e for e in person_ents if not _TITLED.search(body, max(0, e[0] - 30), e[0])]
    # name tokens of one person: "Dnomyar Russell" links "Dnomyar" and "Russell"
    names_uf = UnionFind()
    for _, toks in person_ents:
        toks = [t for t in toks if len(t) > 2 and t[:1].isalpha()]
        for t in toks[1:]:
            names_uf.union(toks[0], t)

    def name_key(names) -> frozenset:
        return frozenset("name:" + names_uf.find(n) for n in names)

    keys: dict[int, frozenset] = {}
    last: tuple[int, frozenset] | None = None  # (position, key)
    heads: list[tuple[int, str, frozenset]] = []  # head noun of each single victim
    seen_indef: dict[str, frozenset] = {}
    fresh = 0
    last_seg = None
    gender_of: dict[frozenset, str] = {}  # the gender a person's mentions state
    history: list[tuple[int, frozenset]] = []
    for c in singles:
        kind, names = c.ref
        if kind is RefKind.NAME:
            key = name_key(names)
        elif kind is RefKind.INDEF and body is not None and not _ANOTHER.match(body, c.start) and \
                _indef_text(body[c.start:c.end]) in seen_indef:
            key = seen_indef[_indef_text(body[c.start:c.end])]  # "a 16-year-old" said twice
        elif kind is RefKind.INDEF or (kind is RefKind.PRON and names == REFLEXIVE) or (
                kind is RefKind.DEF and body is not None and _ORDINAL_WORD.search(body, c.start, c.end)):
            # "the second victim", "the other man": someone besides the victim mentioned before
            fresh += 1  # a new person; "himself" is the clause's own subject, often the killer
            key = frozenset({f"new:{fresh}"})
            if kind is RefKind.INDEF and body is not None and not _ANOTHER.match(body, c.start):
                seen_indef.setdefault(_indef_text(body[c.start:c.end]), key)
        else:
            cand = last
            mine = _gender(c, body) if body is not None else None
            if mine is not None and cand is not None and gender_of.get(cand[1], mine) != mine:
                # "Korryn Gaines was shot to death ... the boy was wounded": another person; take
                # the latest mention of a person who may be this one
                cand = next(((a, k) for a, k in reversed(history) if gender_of.get(k, mine) == mine), None)
            if kind is RefKind.DEF and names:
                head = next(iter(names))
                same = next((x for x in reversed(heads) if x[1] == head), None)
                if same is not None:
                    cand = (same[0], same[2])
                elif head not in _GENERIC_HEADS:
                    cand = None  # "the gunman" after "a police officer": someone else
            if kind is RefKind.PRON and not (cand is not None and last_seg == c.seg):
                # a victim of the same sentence wins over a name ("Weaver was taken to Arnold
                # Palmer Children's Hospital, where he died")
                ent = next((e for e in reversed(person_ents) if e[0] < c.start), None)
                if ent is not None and (cand is None or ent[0] > cand[0]):
                    cand = (ent[0], name_key(ent[1]))
            if cand is None:
                fresh += 1
                key = frozenset({f"new:{fresh}"})
            else:
                key = cand[1]
        keys[id(c)] = key
        g = _gender(c, body) if body is not None else None
        if g is not None:
            gender_of.setdefault(key, g)
        if c.ref.names != REFLEXIVE:
            last = (c.start, key)
            history.append(last)
            last_seg = c.seg
            if kind in (RefKind.DEF, RefKind.INDEF) and names:
                heads.append((c.start, next(iter(names)), key))
    if body is not None:
        _link_by_age(singles, keys, body)
    _assign_persons(singles, keys)
    dead = [keys[id(c)] for c in singles if c.claim_type == "killed" or (
        body is not None and c.claim_type in ("injured", "hospitalized") and not c.negated
        and _DIED_THERE.match(body, c.end))]
    # (not the span of a killer's death, which runs from the victims' count to it: "shot his brother to
    # death, wounded his older brother in the leg and killed himself")
    dead_spans = {(c.start, c.end) for c in claims if c.claim_type == "killed"
                  and c.rule not in ("inference.killer_suicide", "inference.killer_killed")}
    out = []
    for c in claims:
        if c.claim_type in ("injured",) and c.ref is not None and not c.negated:
            if (c.start, c.end) in dead_spans or any(keys[id(c)] & k for k in dead) or any(
                    a <= c.start and c.end <= b for a, b in dead_spans):
                continue  # "The injured person was declared deceased": one person
        if c.claim_type == "injured" and not c.overlap and c.ref is None and \
                (c.start, c.end) in dead_spans:
            continue
        out.append(c)
    if body is not None:
        _distinct_roles(out, body)
    return out


# "He was taken to Mercy Hospital, where (he) was pronounced dead", "... where they later died", "and
# died there": the person taken there died, though no pronoun (or a singular "they") names them again
_DIED_THERE = re.compile(
    r"[^.;:!?\n]{0,100}?(?:,\s*|\s+)(?:where|and|but)\s+(?:(?:he|she|they)\s+)?"
    r"(?:(?:later|eventually|subsequently|soon|then)\s+)?"
    r"(?:died|(?:was|were)\s+(?:later\s+)?(?:pronounced?|declared)\s+dead|succumbed)\b",
    re.IGNORECASE)


def _assign_persons(singles: list[Claim], keys: dict) -> None:
    """Claim.person: one number per person of the article (1, 2, ... by first mention); mentions
    whose coreference keys share an element are one person."""
    uf = UnionFind()
    for c in singles:
        elems = sorted(keys[id(c)])
        for e in elems[1:]:
            uf.union(elems[0], e)
    number: dict[str, int] = {}
    attacker: set[int] = set()
    for c in singles:
        root = uf.find(min(keys[id(c)]))
        c.person = number.setdefault(root, len(number) + 1)
        if c.ref.kind in (RefKind.DEF, RefKind.INDEF) and c.ref.names & _ATTACKER_NOUNS:
            attacker.add(c.person)  # "the suspect was killed", "the gunman died"
    for c in singles:
        if c.claim_type == "killed" and c.person in attacker and not c.negated:
            c.includes_attacker = True  # GVA and ACLED count the attacker's death; users may not


_ATTACKER_NOUNS = lexicon.words("person_nouns", "attackers")


_TITLED = re.compile(r"\b(?:" + "|".join(lexicon.words("person_nouns", "official_titles")) + r")\.?\s+\Z",
                     re.IGNORECASE)

_AGE_IN = re.compile(r"\b(\d{1,3})[- ](?:year|yr)s?[- ]old\b", re.IGNORECASE)
_AGE_AFTER = re.compile(r"\A(?:\s*,\s*|\s+\()(\d{1,3})\b(?:\s*[,)]|\s*\Z|\s+(?:was|is|died|of)\b)")
_MALE = lexicon.words("person_nouns", "male_words")
_FEMALE = lexicon.words("person_nouns", "female_words")


def _age(c: Claim, body: str) -> int | None:
    """The age a single-victim mention states: 'a 23-year-old man', 'John Smith, 23,'."""
    m = _AGE_IN.search(body, c.start, c.end) or _AGE_AFTER.match(body[c.end:c.end + 12])
    return int(m.group(1)) if m else None


_POSSESSIVE = re.compile(r"['’]s?\W*\Z")


def _gender(c: Claim, body: str) -> str | None:
    # "his wife's" -> "wife"; strip() takes characters, so the possessive is cut as a suffix
    # (stripping "'s" as characters made "she" "he" and "sister" "ister")
    words = {_POSSESSIVE.sub("", w.lower()).strip(".,'’\"“”") for w in body[c.start:c.end].split()}
    male, female = bool(words & _MALE), bool(words & _FEMALE)
    return "m" if male and not female else ("f" if female and not male else None)


def _link_by_age(singles: list[Claim], keys: dict, body: str) -> None:
    """Mentions of one age in different sentences are one person when nothing tells them apart
    (not two names, not two genders, not two mentions of one sentence): "A 23-year-old man was
    wounded ... John Smith, 23, died" -> the wounded man is the dead man."""
    by_age: dict[int, list[Claim]] = {}
    for c in singles:
        if c.value_low == 1 and not c.negated and c.ref.kind is not RefKind.PRON:
            a = _age(c, body)
            if a is not None:
                by_age.setdefault(a, []).append(c)
    for group in by_age.values():
        if len({keys[id(c)] for c in group}) < 2:
            continue
        names = {keys[id(c)] for c in group if c.ref.kind is RefKind.NAME}
        genders = {g for g in (_gender(c, body) for c in group) if g}
        segs = [c.seg for c in group]
        distinct_keys_per_seg = {}
        for c in group:
            distinct_keys_per_seg.setdefault(c.seg, set()).add(keys[id(c)])
        if len(names) > 1 or len(genders) > 1 or any(len(v) > 1 for v in distinct_keys_per_seg.values()) \
                or len(set(segs)) < 2:
            continue
        merged = frozenset().union(*(keys[id(c)] for c in group))
        for c in group:
            keys[id(c)] = merged


def _distinct_roles(claims: list[Claim], body: str) -> None:
    """A police officer and someone who is not police are two people: when the injured single
    victims (described or named, not pronouns) include both, the first mention of the later
    role counts at least 2 (value_stated stays 1; like "a third victim")."""
    first: dict[bool, Claim] = {}
    for c in claims:
        if c.claim_type == "injured" and c.ref is not None and c.ref.kind is not RefKind.PRON \
                and not c.rule.startswith("type.") and not c.negated and not c.background and c.value_low == 1:
            first.setdefault(_OFFICER.search(body, c.start, c.end) is not None, c)
    if len(first) == 2:
        later = max(first.values(), key=lambda c: c.start)
        later.value_low, later.value_high, later.qualifier = 2, None, "at_least"
        if later.source is None:
            later.source_rule = later.source_rule or later.rule
        later.rule = "resolve.distinct_roles"


_OFFICER = re.compile(r"\b(?:" + "|".join(lexicon.load("person_nouns")["police_rx"]) + r")\b", re.IGNORECASE)


def _self_killed(c: Claim) -> bool:
    """A reflexive killed single victim ("before killing himself", "then shot herself"): the
    attacker's own death, not one of the people the attacker shot."""
    return c.ref is not None and c.ref.names == REFLEXIVE


def _victims_killed(c: Claim) -> int:
    """The dead of a killed count that are people shot by the attacker: a count that counts the
    attacker's own death (includes_attacker: "killed four of them before turning the gun on
    himself", 4 + 1) less that one."""
    return c.value_low - 1 if c.includes_attacker else c.value_low


def _resolve_overlap(claims: list[Claim]) -> list[Claim]:
    """Counts that may include the dead ("5 people were shot") -> injured = N - killed, where
    killed is the count stated in the same sentence, else the article's largest."""
    killed_all = [c.value_low for c in claims if c.claim_type == "killed" and not c.negated
                  and c.value_low is not None and not c.background]
    k_article = max(killed_all) if killed_all else 0
    out = []
    for c in claims:
        if not c.overlap:
            out.append(c)
            continue
        # people taken to a hospital include the dead stated after them ("seven were taken to hospital,
        # where two died"), not the dead stated before ("killed two workers and left 47 people in
        # hospital", "46 deaths were confirmed and 512 people were treated in hospitals")
        after_only = c.rule == "inference.hospitalized_injured"
        same = [_victims_killed(d) for d in claims if d.seg == c.seg and d.claim_type == "killed"
                and not d.negated and d.value_low is not None and not (after_only and d.start < c.start)
                and not (_self_killed(d) and not _self_killed(c))]
        k = max(same) if same else (k_article if c.overlap is Overlap.ARTICLE else 0)
        if k == 0:
            out.append(c)
            continue
        if c.value_low is None or c.value_low - k <= 0:
            continue
        high = c.value_high - k if c.value_high is not None else None
        out.append(c.adjusted(claim_type="injured", value_low=c.value_low - k, value_high=high, ref=None,
                              negated=False, unit="people", overlap=Overlap.DONE, rule="resolve.shot_minus_killed"))
    return out


# "Three people were wounded, one fatally", "four victims wounded, two of them already dead", "five were
# hurt, including a woman who later died": the sentence's own dead are among the hurt it counts
_AMONG_GAP = re.compile(r"[^.;:!?()]{0,80}?,\s*(?:(?:and\s+)?including\s+)?\Z", re.IGNORECASE)
_AMONG_DEATH = re.compile(
    r"\s+fatally\b"
    r"|\s+of\s+(?:them|whom|those|these),?\s+(?:(?:were|was|are|is|has|have|had)\s+)?"
    r"(?:(?:already|later|since|eventually|subsequently)\s+)?(?:fatally|dead|died|killed)\b"
    r"|\s+(?:(?:were|was|are|is)\s+)?already\s+dead\b"
    r"|\s*,?\s+who\s+(?:(?:has|had|have)\s+)?(?:(?:later|since|eventually|subsequently)\s+)?(?:died|succumbed)\b",
    re.IGNORECASE)  # not a count of its own: "Three injured, one dead"


def _resolve_dead_among(claims: list[Claim], body: str) -> list[Claim]:
    """'Three people were wounded, one fatally' -> injured 2: a count of people hurt (not a count of
    people shot, whose overlap _resolve_overlap takes off) followed in its sentence by a part of it
    that died (", one fatally", ", two of them dead", ", including a woman who later died") is less
    that part (rule resolve.dead_among_hurt)."""
    out = []
    for c in claims:
        if c.claim_type == "injured" and c.ref is None and not c.negated and c.overlap is None \
                and c.value_low is not None and c.value_low > 1:
            dead = [d for d in claims if d.claim_type == "killed" and d.seg == c.seg and not d.negated
                    and d.value_low is not None and d.start >= c.end and d.value_low < c.value_low
                    and _AMONG_GAP.match(body, c.end, d.start) and _AMONG_DEATH.match(body, d.end)]
            if dead:
                n = dead[0].value_low
                high = c.value_high - n if c.value_high is not None else None
                c = c.adjusted(value_low=c.value_low - n, value_high=high, rule="resolve.dead_among_hurt")
        out.append(c)
    return out


# "One of the victims later died": the dead were part of a group counted before
# ... with an appositive naming the one ("One of the victims, Jeffery Webb, 47, later died") and the
# passive deaths ("One of the victims was killed", "one of them was pronounced deceased")
_PARTITIVE = re.compile(
    r"\s+of\s+(?:the|them|those|these)\b(?!\s+(?:dead|deceased|killed|slain)\b)"
    r"(?:\s+[\w-]+){0,3}?(?:\s*,[^.;:!?()]{1,50}?,)?,?\s+(?:\w+\s+){0,2}?(?:later\s+|eventually\s+|subsequently\s+)?"
    r"(?:died|succumbed|did\s+not\s+survive|didn['’]t\s+survive|"
    r"was\s+(?:later\s+)?(?:pronounced|declared)\s+(?:dead|deceased)|was\s+(?:later\s+)?killed)\b",
    re.IGNORECASE,
)


# "Two men were taken to a hospital. One later died.": a bare number, no counted noun, right before
# the death is elliptical for "one of them"
_BARE_DEATH = re.compile(
    r"(?:\s+(?:later|eventually|subsequently|since|then|has|had|also))*\s+"
    r"(?:died|succumbed|did\s+not\s+survive|didn['’]t\s+survive|was\s+(?:later\s+)?pronounced\s+dead)\b",
    re.IGNORECASE)
_LATER_DEATH = re.compile(
    r"\s+(?:(?:later|eventually|subsequently)\s+(?:died|succumbed|was\s+pronounced\s+dead)|succumbed|"
    r"did\s+not\s+survive|didn['’]t\s+survive)\b", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"\A(?:one|two|three|four|five|\d+)\Z", re.IGNORECASE)


def _resolve_partitive(claims: list[Claim], body: str) -> list[Claim]:
    """'Four people were injured ... One of the victims later died' -> injured 3: a count of
    people hurt, written before a partitive death (or a bare 'One later died'), is less the people
    who died."""
    died = [c for c in claims if c.claim_type == "killed" and not c.negated and not c.background
            and c.ref is None and c.value_low and (_PARTITIVE.match(body, c.end) or (
                _BARE_NUMBER.match(body[c.start:c.end]) and _BARE_DEATH.match(body, c.end)))]
    if not died:
        return claims
    # a sentence that states its own dead ("2 dead, 3 wounded") counts the hurt without them
    # ... but not one that says the dead were among the hurt: "Four workers were burned, and one later
    # succumbed to his injuries" (a bare number, a later death: injured 3)
    later = {id(d) for d in died if _BARE_NUMBER.match(body[d.start:d.end]) and _LATER_DEATH.match(body, d.end)}
    killed_segs = {c.seg for c in claims if c.claim_type == "killed" and not c.negated and c.value_low
                   and id(c) not in later}
    out = []
    for c in claims:
        before = [d.value_low for d in died if d.start > c.start]
        if c.claim_type == "injured" and before and c.ref is None and not c.negated and c.seg not in killed_segs \
                and not c.background and c.overlap in (None, Overlap.SENTENCE) and c.value_low is not None \
                and not _others_at(body, c.end):
            n = max(before)
            if c.value_low - n <= 0:
                continue
            high = c.value_high - n if c.value_high is not None else None
            c = c.adjusted(claim_type="injured", value_low=c.value_low - n, value_high=high, ref=None,
                           negated=False, unit="people", overlap=None, background=False,
                           rule="resolve.partitive_death")
        out.append(c)
    return out


# "Duhart was one of five people injured", "she was among six people who were wounded": the person named
# before is one of the count
_ONE_OF_BEFORE = re.compile(
    r"(?:\b(?P<pron>(?i:he|she))\b|(?P<name>\b[A-Z][\w'’-]+))(?:\s*,\s*\d{1,3}\s*,)?\s+(?:was|is)\s+"
    r"(?:one\s+of|among)\s+(?:the\s+)?\Z")


def _resolve_one_of_dead(claims: list[Claim], person_ents: list[tuple[int, frozenset]], body: str) -> list[Claim]:
    """'Ariel Morgan was shot ... she was one of six people who were wounded' and Morgan died -> injured 5:
    a count of people hurt that the sentence says a person is one of ("X was one of N people injured",
    "X was among N people wounded") is less that person when the article says they died (a killed
    single victim of theirs: a shared name token; he/she is the PERSON named last before). Not a count
    of people shot (resolve.shot_minus_killed takes the dead off), not a person the article does not say died."""
    dead = set()
    for d in claims:
        if d.claim_type == "killed" and not d.negated and not d.background and d.ref is not None \
                and d.ref.kind is RefKind.NAME:
            dead |= {n for n in d.ref.names if len(n) > 2}
    if not dead:
        return claims
    out = []
    for c in claims:
        if c.claim_type == "injured" and c.ref is None and not c.negated and not c.background \
                and c.overlap is None and c.value_low is not None and c.value_low > 1:
            m = _ONE_OF_BEFORE.search(body, max(0, c.start - 60), c.start)
            if m is not None:
                if m.group("name"):
                    who = {m.group("name").lower()}
                else:
                    ent = next((e for e in reversed(person_ents) if e[0] < m.start()), None)
                    who = set(ent[1]) if ent is not None else set()
                if who & dead:
                    high = c.value_high - 1 if c.value_high is not None else None
                    c = c.adjusted(value_low=c.value_low - 1, value_high=high, rule="resolve.partitive_death")
        out.append(c)
    return out


def _resolve_arrivals(claims: list[Claim], body: str) -> list[Claim]:
    """'Medics rushed a woman to the hospital ... Five other victims showed up at the hospital with
    gunshot wounds' -> injured 6: people who came to a hospital on their own, counted as others
    (type.arrived_wounded), are besides the hurt the article counted in the sentences before; the
    sum is a claim of its own (resolve.arrivals_added), the largest exact earlier count plus the
    others; its span is the figure and the word 'other' ("five other"), derived_from the figure."""
    out = list(claims)
    for c in claims:
        if c.rule != "type.arrived_wounded" or c.claim_type != "injured" or c.negated or c.background \
                or c.value_low is None or not _others_at(body, c.end):
            continue
        before = [d for d in claims if d.claim_type == "injured" and d.seg < c.seg and not d.negated
                  and not d.background and d.value_low is not None and d.qualifier == "exact"]
        if not before:
            continue
        d = max(before, key=lambda x: (x.value_low, -x.start))
        high = d.value_high + c.value_low if d.value_high is not None and c.value_high is not None else None
        m = _OTHER_AFTER.match(body, c.end)
        end = m.end() if m else c.end  # "five other": a span of its own beside the figure's
        if end == c.end:
            continue
        out.append(c.adjusted(value_low=d.value_low + c.value_low, value_high=high, end=end, ref=None,
                              overlap=None, rule="resolve.arrivals_added", source=c))
    return out


_OTHER_AFTER = re.compile(r"\s+(?:other|others|more|additional)\b", re.IGNORECASE)
