"""Single victims without a numeral: 'A 23-year-old man was shot and killed' (killed 1), by patterns and by the parse."""

from __future__ import annotations

import bisect
import re

from transforms import lexicon
from transforms.claims.vocab import _PERSON_ALT, _WORD_CLASS, _PERSON_NOUNS, _PERSON_SG, _REFLEXIVE, _SG_PRONOUNS
from transforms.figures import PERSON_PLURAL
from transforms.claims.model import REFLEXIVE, Claim, Overlap, PersonRef, RefKind, Segment
from transforms.claims.figure_types import _unreal_before
from transforms.claims.parsetools import (_count_persons, _counterfactual, _decide, _ent_label, _noun_phrase_bounds,
                                          _predicate_evidence, _singular_argument)


_CONJ_MARK = re.compile(r"\band\b|,")

_CASUALTY_PREDICATES = lexicon.mapping("casualty_predicates", "single_victim_predicates")

_STRICT_FREE = lexicon.words("casualty_predicates", "person_patient_predicates")

_DEATH_NOUNS = lexicon.words("casualty_predicates", "death_nouns")


def _arguments(v, w: str) -> list:
    """Who a casualty predicate counts: passive subject, subject of died/dead/suffered/is,
    object of an active kill/shoot, the noun a reduced relative ('a man shot in the leg') or a
    'who' relative clause hangs on."""
    args = []
    subj_verb = v
    if v.dep_ in ("acomp", "oprd") and v.head.pos_ in ("AUX", "VERB"):
        subj_verb = v.head
    if v.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in v.children):
        subj_verb = v.head
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in subj_verb.children)
    if subj_verb is not v and subj_verb.lower_ in ("left", "leaves", "leaving", "leave") and not passive:
        # "the collision left a driver dead": the subject is the cause, the object is who died
        return [c for c in subj_verb.children if c.dep_ == "dobj"]
    for c in subj_verb.children:
        if c.dep_ == "nsubjpass":
            args.append(c)
        elif c.dep_ == "nsubj" and (w in ("died", "dies", "dead", "suffered", "sustained", "is",
                                          "was", "remains", "remained", "listed")
                                    or subj_verb.lower_ in ("is", "was", "remains", "died")):
            args.append(c)
    if not passive and w in ("killed", "shot", "wounded", "injured", "murdered", "struck",
                             "shoots", "kills", "shooting", "killing"):
        args.extend(c for c in v.children if c.dep_ == "dobj")
    if v.dep_ in ("acl", "amod") and v.head.pos_ in ("NOUN", "PROPN") and v.head.i < v.i:
        args.append(v.head)
    if v.dep_ == "relcl" and v.head.pos_ in ("NOUN", "PROPN"):
        who = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("who", "that")]
        # "a man who was shot", "a girl who died"; not "a deputy who accidentally shot his daughter"
        # (the relative pronoun is the agent of an active verb with an object)
        if who and not (who[0].dep_ == "nsubj" and not passive and w in _ACTIVE_VERBS
                        and any(c.dep_ == "dobj" for c in v.children)):
            args.append(v.head)
    return args


def _reference(head, phrase, seg: Segment) -> tuple:
    """How a single-victim phrase refers: ('pron',), ('name', tokens), ('def',), ('indef',)."""
    w = head.lower_
    if w in _REFLEXIVE:
        return PersonRef(RefKind.PRON, REFLEXIVE)
    if w in _SG_PRONOUNS:
        return PersonRef(RefKind.PRON, frozenset())
    names = frozenset(t.lower_ for t in phrase if t.pos_ == "PROPN" and t.lower_ not in ("’s", "'s"))
    if head.pos_ == "PROPN" or _ent_label(head, seg) == "PERSON":
        return PersonRef(RefKind.NAME, names or frozenset({w}))
    first = phrase[0].lower_
    if first in ("the", "this", "that"):
        return PersonRef(RefKind.DEF, frozenset({w}))
    return PersonRef(RefKind.INDEF, frozenset({w}))


_PERSON_SG_ALT = "|".join(sorted(_PERSON_SG, key=len, reverse=True))

_BODY_PARTS = "|".join(sorted(lexicon.words("casualty_predicates", "body_parts"), key=len, reverse=True))

# a single person written before a casualty predicate: "A 23-year-old man", "the victim",
# "his wife", "she"; PERSON names are the article's corrected entity mentions
_PRED_RX = re.compile(
    r"\b(?P<k>shot\s+and\s+killed|shot,\s+killed|shot\s+dead|shot\s+to\s+death|gunned\s+down|killed|"
    r"slain|murdered|pronounced\s+(?:(?:clinically\s+|brain[\s-])?dead|deceased)|found\s+dead|died|dies|fatally\s+(?:shot|wounded|injured|struck|hit|stabbed)|"
    r"(?:took|takes)\s+(?:(?:his|her|their)\s+)?own\s+li(?:fe|ves)|"
    r"did\s+not\s+survive|didn['’]t\s+survive|succumbed|declared\s+(?:(?:clinically\s+|brain[\s-])?dead|deceased)|passed\s+away|"
    r"(?:is|was)\s+(?:now\s+)?(?:brain[\s-])?dead|drowned|perished|electrocuted|(?:burned|burnt|crushed|trampled)\s+to\s+death)\b"
    r"|\b(?P<i>wounded|injured|hurt|grazed|(?:burned|burnt|scalded)(?!\s+(?:to\s+death|down|out|alive))|(?:is|was|are|were)\s+(?:now\s+|still\s+)?recovering|"
    r"treated\s+for\s+(?:[\w'’-]+\s+){0,3}?(?:injuries|injury|wounds?)|"
    r"not\s+(?:seriously|critically|severely|badly)\s+(?:injured|hurt|wounded)|"
    r"in\s+(?:critical|serious|stable|fair|good|grave|satisfactory)"
    r"\s+condition|(?:suffered|sustained|has|had)\s+(?:(?:minor|serious|critical|severe|life|non|"
    r"threatening|multiple|several|significant|grave|possible|what|appeared|to|be|are|were|a|an|"
    r"described|as|some|the|other|bodily|non-life-threatening|life-threatening|head|leg|arm|"
    r"facial)[\s-]+){0,5}(?:injuries|injury|wounds)|"
    # "suffered a minor hand injury", "sustained a leg wound", "received a graze wound" (a gunshot
    # wound is the shot group's)
    r"(?:suffered|sustained|received)\s+(?:a|an)\s+(?:(?!gunshot\b)[\w'’]+[\s-]+){0,3}?(?:injury|wound))\b"
    r"|\b(?P<s>shot|struck\s+by\s+(?:a\s+)?(?:stray\s+)?(?:bullets?|gunfire|rounds?|shots?)|"
    r"hit\s+by\s+(?:a\s+)?(?:stray\s+)?(?:bullets?|gunfire|rounds?|shots?)|"
    r"(?:struck|hit)\s+(?:once\s+|twice\s+)?(?:in|on)\s+(?:the|his|her)\s+(?:" + _BODY_PARTS + r")|"
    r"(?:suffered|sustained|has|had|with|suffering\s+from|suffering)\s+(?:(?:a|an|one|two|three|multiple|several|single|"
    r"apparent|possible|fatal|serious|critical|self-inflicted|non-life-threatening|minor)\s+)"
    r"{0,3}gunshot\s+wounds?)\b(?!\s+at\b)"
    r"|\b(?P<h>(?:taken|transported|rushed|airlifted|flown|driven)\s+to\s+(?:a|the|an)?\s*"
    r"(?:[\w'’.-]+\s+){0,5}?(?:hospital|medical\s+center|trauma\s+center)|hospitali[sz]ed)\b"
    r"|\b(?P<a>killing|kills|murdering|fatally\s+shooting|shooting|shoots|wounding|injuring|"
    r"wounds|injures|struck|strikes|hit|hits)\b",
    re.IGNORECASE,
)

# what struck as the subject of an active "struck" / "hit" / "grazed": "Gunfire struck a woman and three
# others", "a stray bullet fired from the street hit a 12-year-old boy", "falling debris struck two
# miners" (lexicon claims_grammar bullet_nouns): the object was hit (shot), not the subject's victim of a blow
_PROJECTILE_VERBS = frozenset({"struck", "strikes", "hit", "hits", "grazed"})
_PROJECTILE_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(lexicon.words("claims_grammar", "bullet_nouns"), key=len, reverse=True)) + r")"
    r"(?:\s+(?:from|of|in|inside|fired|flying|falling|that|which)\b"
    r"(?:\s+(?!(?:and|but|or|then|when|after|before|while|as|he|she|they|police)\b)[\w'’-]+){0,5}?)?"
    r"\s+(?:(?:also|then|later|reportedly|apparently|allegedly)\s+)?\Z",
    re.IGNORECASE)

# a second active verb ends a noun phrase: "killing a boy and critically wounding his father" is
# one person killed, not "a boy and critically wounding his father"
_NP_VERBS = "wounding|injuring|killing|shooting|striking|hitting|leaving|sending|stabbing"

_NP_WORDS = (  # a single person: "his infant daughter", "a 15-year-old", "her"
    rf"(?:(?:a|an|the|his|her|their|another)\s+)?(?:(?!(?:and|or|of|in|at|to|with|that|which|who|"
    rf"was|were|is|are|has|had|injured|killed|wounded|shot|an|a|the|his|her|their|its|{_NP_VERBS})\b)"
    rf"[\w'’-]+\s+){{0,3}}?(?:[\w'’]+-)?(?:{_PERSON_SG_ALT}|[\w]+-year-old)|him|her|himself|herself"
)

_OBJ_AFTER = re.compile(  # "killed his wife", "fatally shot a 15-year-old"
    rf"\s+(?P<np>{_NP_WORDS})\b(?P<more>(?:(?:\s*,\s*(?:{_NP_WORDS})\b){{0,2}}\s*,?\s+and\s+(?:{_NP_WORDS})\b)?)",
    re.IGNORECASE,
)

# "the shooting claimed the life of 47-year-old Michael Matthews": a death
_LIFE_OF = r"(?:claimed|claims|claiming|took|takes|taking|ended|ending|cost|costing)\s+the\s+life"

# a death noun after a person's possessive: "the teen's shooting death", "the boy's death"; "ended
# a retired teacher's life" (not "his death": a pronoun names no one new)
_POSS_NOUNS = (r"(?:(?:shooting|stabbing|beating|drowning|fatal|violent|tragic|untimely|sudden|suspicious|"
               r"apparent|accidental)\s+){0,2}(?:death|killing|murder|slaying)\b(?!\s+(?:penalty|threats?|sentence|row|trial|charges?|case|conviction|suspects?))")
_POSS_LIFE = r"\b(?:claimed|claims|claiming|took|takes|taking|ended|ending|cost|costing)\s+(?:\d+-year-old\s+)?"
_POSS_NP = rf"(?:(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}?)?(?:{_PERSON_SG_ALT}|[\w]+-year-old)"
_POSS_DEATH = re.compile(
    rf"\b(?P<np>{_POSS_NP})['’]s\s+{_POSS_NOUNS}|{_POSS_LIFE}(?P<np2>{_POSS_NP})['’]s\s+life\b", re.IGNORECASE)
# after a name: "Maria Lopez's killing", "ended Maria Lopez's life" (life: with the verb before the name)
_POSS_DEATH_AFTER = re.compile(rf"['’]s\s+(?:{_POSS_NOUNS}|(?P<life>life)\b)", re.IGNORECASE)
_POSS_LIFE_BEFORE = re.compile(rf"{_POSS_LIFE}\Z", re.IGNORECASE)

_BODY_FOUND = re.compile(
    r"\b(?P<np>(?:a|the)\s+(?:[\w'’-]+\s+){0,2}?body)\s+(?:was|has\s+been|had\s+been|is\s+being)\s+"
    r"(?:later\s+|also\s+|then\s+)?(?:found|recovered|discovered|pulled|located)\b"
    r"|\b(?:found|find|finds|recovered|discovered|located|pulled)\s+(?P<np2>a\s+(?:[\w'’-]+\s+){0,2}?body)\b"
    r"(?!\s+(?:of\s+water|camera|cam|armor|armour|shop|part|bag|double|temperature|language))",
    re.IGNORECASE,
)

_DEATH_OF = re.compile(
    rf"\b(?:death|killing|murder|slaying|(?<!lifeless\s)body|(?:fatal|deadly)\s+shooting|{_LIFE_OF})\s+of\s+(?:\d+-year-old\s+)?(?P<np>(?:(?:a|an|the|his|her|their)\s+)?"
    rf"(?:[\w'’-]+\s+){{0,3}}?(?:{_PERSON_SG_ALT}|[\w]+-year-old))\b",
    re.IGNORECASE,
)


def _regex_reference(np: str, is_name: bool) -> tuple:
    """'he' -> pron; a name -> name tokens; 'the boy' -> def (anaphoric); 'a man', 'his wife',
    'Stoffel's wife' -> indef (a new person)."""
    w = np.split()[0].lower() if np.split() else ""
    if np.lower() in _REFLEXIVE:
        return PersonRef(RefKind.PRON, REFLEXIVE)
    if np.lower() in _SG_PRONOUNS:
        return PersonRef(RefKind.PRON, frozenset())
    if is_name:
        return PersonRef(RefKind.NAME, frozenset(t.lower() for t in np.split()))
    if w in ("the", "this", "that"):
        return PersonRef(RefKind.DEF, frozenset({np.split()[-1].lower()}))
    return PersonRef(RefKind.INDEF, frozenset({np.split()[-1].lower()}))


_TOK = re.compile(r"[\w'’-]+|[,;:.!?()\"“”—–]")

_SKIP_BEFORE = lexicon.words("claims_grammar", "skip_before_predicate")

_PASSIVE_AUX = lexicon.words("claims_grammar", "passive_aux")

_DETS = lexicon.words("claims_grammar", "determiners")

_NP_STOP = lexicon.words("claims_grammar", "np_stop")

_NOT_NAMES = lexicon.words("person_nouns", "not_names")

_NAME_TOKEN = re.compile(r"\A(?:[A-Z]['’])?[A-Z][a-z]+(?:['’]s)?(?:-[A-Z][a-z]+)?\Z")

_AGE_TOKEN = re.compile(r"\A[\w]+-(?:year|month|week)s?-old\Z")


def _np_ending_at(toks: list, k: int, persons_by_end: dict,
                  name_ok=None) -> tuple[int, int, bool] | None:
    """The single-person noun phrase whose last token is toks[k]: (start, end, is_name)."""
    if k < 0:
        return None
    s0, e0, w = toks[k]
    if e0 in persons_by_end:
        return persons_by_end[e0], e0, True
    if name_ok is not None and name_ok(s0, e0):
        # a capitalised name the NER missed ("Cattron was pronounced dead")
        start = s0
        j = k - 1
        while j >= 0 and name_ok(toks[j][0], toks[j][1]) and k - j < 3:
            start = toks[j][0]
            j -= 1
        return start, e0, True
    if not (w in _PERSON_SG or w in ("he", "she") or _AGE_TOKEN.match(w)):
        return None
    start = s0
    if w in ("he", "she"):
        return start, e0, False
    for j in range(k - 1, max(-1, k - 4), -1):
        sj, _, wj = toks[j]
        if not wj[0].isalnum() or wj in _NP_STOP:
            break
        if wj in _DETS or wj.endswith(("'s", "’s")):
            start = sj
            break
    return start, e0, False


# the verb right after a sentence's subject: "The boy was taken off life support ... and passed away"
_SUBJECT_VERB = re.compile(r"\A(?:is|was|were|are|had|has|remained|remains|became|went|ran|fell|lost|collapsed|"
                           r"[a-z]+ed)\Z")
_SUBORDINATE = frozenset({"who", "that", "which", "when", "after", "before", "because", "while", "if", "as",
                          "said", "says", ";", ":", "(", "—", "–"})
SUBJECT_START = 6  # tokens before the sentence's subject at most ("Police said the woman was ...")


def _clause_subject(toks: list, k: int, persons_by_end: dict, name_ok) -> tuple[int, int, bool] | None:
    """The single person who is the subject of the sentence's first clause, when the tokens up to
    toks[k] (the 'and' / 'but' before a predicate with no subject of its own) are one clause
    about that person: "Cade Booher, 16, was in the backseat and died" -> Cade Booher. None when a
    subordinate or relative clause, a source ('..., police said') or another person noun stands
    between."""
    for e in range(min(SUBJECT_START, k)):
        np = _np_ending_at(toks, e, persons_by_end, name_ok)
        if np is None or (e + 1 < k and _np_ending_at(toks, e + 1, persons_by_end, name_ok) is not None):
            continue  # the phrase goes on: "Cade| Booher"
        v = e + 1
        if v + 2 < k and toks[v][2] == "," and toks[v + 1][2].isdigit() and toks[v + 2][2] == ",":
            v += 3  # "Cade Booher, 16, was ..."
        if v >= k or not _SUBJECT_VERB.match(toks[v][2]):
            return None
        if any(t[2] in _SUBORDINATE or t[2] in _PERSON_NOUNS or t[0] in persons_by_end for t in toks[v:k]):
            return None
        return np
    return None


# "shot his daughter dead", "shot Smith to death": the object of an active "shot" died
# (a word between: the noun phrase found may stop at an age, "shot his 1-year-old daughter dead")
_DEAD_AFTER_OBJECT = re.compile(r"(?:\s+(?!(?:and|or|but|before|after|then|who)\b)[\w'’-]+)?\s+(?:dead|to\s+death)\b",
                                re.IGNORECASE)


def _dead_after(active: str, text: str, end: int) -> str:
    """The class of the object of an active verb ending at ``end``: killed after 'shot ... dead'."""
    return "killed" if active == "shot" and _DEAD_AFTER_OBJECT.match(text, end) else active


def _singular_regex(seg: Segment, covered: list[tuple[int, int]]) -> list[Claim]:
    """Single victims found with patterns, for sentences that are not parsed."""
    out = []
    seen = set()
    text = seg.text
    # PERSON names, and names the NER mislabels right after an age ("23-year-old Davienne Lewis")
    persons = [(a - seg.start, b - seg.start) for a, b, lab in seg.ents if lab == "PERSON" or (
        lab in ("ORG", "GPE", "NORP", "FAC") and (_AGE_BEFORE.search(text, 0, a - seg.start)
                                                  or _AGE_APPOSITION.match(text, b - seg.start)))]
    persons_by_end = {b: a for a, b in persons}
    persons_by_start = {a: b for a, b in persons}
    toks = [(m.start(), m.end(), m.group(0).lower()) for m in _TOK.finditer(text)]
    starts = [t[0] for t in toks]

    survived = _lived(seg)
    words = text.split()
    headline_case = sum(w[:1].isupper() for w in words) > 0.6 * len(words)

    def add(cls: str, a: int, b: int, is_name: bool, n: int = 1, also: bool = False,
            rule: str = "single.person_before_predicate", over_figure: bool = False) -> None:
        if a < 0 or not text[a:b].strip():
            return  # a PERSON entity that begins in the line before ("Gary\n\nPerson")
        start, end = seg.start + a, seg.start + b
        if (not over_figure and any(s < end and start < e for s, e in covered)) or (cls, start) in seen:
            return
        seen.add((cls, start))
        out.append(Claim("injured" if cls == "shot" else cls, n, n, n, "exact", start, end,
                          ref=_regex_reference(text[a:b], is_name),
                          overlap=Overlap.ARTICLE if cls == "shot" and not survived and not also
                          else None, rule=rule))

    ents_at = {}
    for a, b, lab in seg.ents:
        for q in range(a - seg.start, b - seg.start):
            ents_at[q] = lab

    def name_ok(a: int, b: int) -> bool:
        word = text[a:b]
        return (_NAME_TOKEN.match(word) is not None and word.lower() not in _NOT_NAMES
                and ents_at.get(a) in (None, "PERSON", "FAC", "PRODUCT", "WORK_OF_ART"))

    def name_death(a: int, b: int) -> bool:
        # the one who died / was killed is a person though the NER said ORG or NORP ("Rivera was
        # killed", "Kanari succumbed to her injuries"); a place (GPE, LOC: the place rules) is not
        word = text[a:b]
        if ents_at.get(a) not in (None, "PERSON", "FAC", "PRODUCT", "WORK_OF_ART") and \
                _PLACE_PREP_BEFORE.search(text, max(0, a - 12), a):
            return False  # "a shooting at his home in Redfield has died": the place is no one
        return (_NAME_TOKEN.match(word) is not None and word.lower() not in _NOT_NAMES and not headline_case
                and ents_at.get(a) in (None, "PERSON", "FAC", "PRODUCT", "WORK_OF_ART", "ORG", "NORP"))

    def name_loose(a: int, b: int) -> bool:  # a conjunct of a person: NER labels are weak here
        word = text[a:b]
        return (_NAME_TOKEN.match(word) is not None and word.lower() not in _NOT_NAMES
                and ents_at.get(a) not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "ORG"))

    for m in _PRED_RX.finditer(text):
        cls = {"k": "killed", "i": "injured", "s": "shot", "h": "hospitalized", "a": None}[m.lastgroup]
        k = bisect.bisect_left(starts, m.start()) - 1  # last token before the predicate
        passive = also = False
        while k >= 0 and toks[k][2] in _SKIP_BEFORE:
            passive = passive or toks[k][2] in _PASSIVE_AUX
            also = also or toks[k][2] == "also"  # "X, Y and Z were also shot": besides the dead
            k -= 1
        appos_name = None
        if k >= 0 and toks[k][2] == ",":  # "Smith, 23, was killed": skip an apposition
            if toks[k][0] in persons_by_end:  # "a football player, Eli Johnson, is recovering"
                appos_name = (persons_by_end[toks[k][0]], toks[k][0], True)
            first, found = None, False
            for _ in range(3):  # "Smith, 32, of Chester, was dead": appositions in a row
                j = k - 1
                while j >= 0 and k - j < 20 and toks[j][2] not in (",", ".", ";"):
                    j -= 1
                k = j - 1 if j >= 0 and toks[j][2] == "," else -1
                first = k if first is None else first
                if k < 0:
                    break
                if appos_name is not None or _np_ending_at(toks, k, persons_by_end, name_ok):
                    found = True
                    break
                k = j
            if not found:
                k = first  # no person before the appositions: the clause as it was
        elif k >= 1 and text[toks[k][0]:toks[k][0] + 1].isupper() and toks[k][0] not in persons_by_end:
            # "Davienne Lewis from Springfield died": skip where the person is from
            j = k - 1
            while j >= 0 and k - j < 4 and text[toks[j][0]:toks[j][0] + 1].isupper():
                j -= 1
            if j >= 1 and toks[j][2] in ("from", "of") and (
                    toks[j - 1][1] in persons_by_end or name_ok(toks[j - 1][0], toks[j - 1][1])):
                k = j - 1
        pred = m.group(m.lastgroup).lower()
        if pred.startswith("suffering"):
            passive = True  # "found a girl suffering from a gunshot wound"
        projectile = (pred in _PROJECTILE_VERBS and not passive
                      and _PROJECTILE_BEFORE.search(text, max(0, m.start() - 80), m.start()) is not None)
        if projectile:
            cls = None  # "gunfire struck a woman": the object is counted below
        elif pred.startswith(("struck", "hit")) and not pred.startswith(("struck by", "hit by")) and not passive:
            continue  # "he struck her in the face": only who "was struck in the chest" was shot
        elif pred in _PROJECTILE_VERBS and m.lastgroup == "a":
            continue  # "was hit by a car", "strikes": no patient here
        if pred.startswith("in ") and not _COPULA_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
            continue  # "taken to Stroger in critical condition": the copula names who
        if cls == "shot" and not passive and not pred.startswith(("suffered", "sustained", "has",
                                                                 "had", "with", "struck", "hit")):
            cls = None  # active "shot": the subject is the shooter
        obj = _OBJ_AFTER.match(text, m.end()) if m.lastgroup in ("k", "s", "a", "i") else None
        if cls == "injured" and obj is not None and not passive:
            cls = None  # "Smith wounded a police officer": the object is counted below
        if cls == "killed" and not passive and pred.startswith(_TRANSITIVE_KILLING):
            # "Smith killed his wife": the object is counted below; "X and Y shot, killed and then
            # burned Davis": the object of the coordinated verbs makes the subject the killers
            after = _COORD_VERB_AFTER.match(text, m.end())
            e = after.end() if after else m.end()
            if (obj is not None or _DET_AFTER.match(text, e) or _AGE_GAP.match(text, e).end() in persons_by_start
                    or (after and _OBJ_AFTER.match(text, e))):
                cls = None
        if cls is not None and k >= 0 and toks[k][2] in ("and", "but") and out:
            # "He was taken to a hospital but died": the same person as the clause before
            last = out[-1]
            add(cls, last.start - seg.start, last.end - seg.start, last.ref.kind is RefKind.NAME,
                rule="single.same_person_clause")
            cls = None
        elif cls == "killed" and k >= 0 and toks[k][2] in ("and", "but"):
            # "The woman was treated at the scene and rushed to a hospital, but died": a death
            # predicate with no subject of its own shares the sentence's subject
            subj = _clause_subject(toks, k, persons_by_end, name_death)
            if subj is not None:
                add(cls, subj[0], subj[1], subj[2], rule="single.same_person_clause")
                cls = None
        if cls is not None:
            np = _np_ending_at(toks, k, persons_by_end, name_death if m.lastgroup == "k" else name_ok) or appos_name
            relative = None
            if np is None and not (k >= 0 and toks[k][2] in _NEGATORS):
                # (not "another girl who was in the car was not injured": a negated predicate)
                np = relative = _np_before_relative(toks, k, persons_by_end, name_ok)
            if np is not None:
                # "Smith and his wife were killed": count the coordinated people too
                a0, n = np[0], 1
                j = bisect.bisect_left(starts, a0) - 1
                oxford = j >= 1 and toks[j][2] == "and" and toks[j - 1][2] == ","
                if j >= 1 and toks[j][2] == "and":
                    # "X and Y", "X, Y and Z", "X, Y, and Z" (", and" alone joins clauses)
                    j -= 1 if toks[j - 1][2] != "," else 2
                    while j >= 0 and n < 5:
                        if j >= 2 and toks[j][2].isdigit() and len(toks[j][2]) <= 3 and toks[j - 1][2] == ",":
                            j -= 2  # "Smith, 18, and Jones, 20, were killed": skip the age
                        prev = _np_ending_at(toks, j, persons_by_end,
                                             name_loose if np[2] else name_ok)
                        if prev is None:
                            break
                        a0, n = prev[0], n + 1
                        j = bisect.bisect_left(starts, a0) - 1
                        if j < 1 or toks[j][2] != ",":
                            break
                        j -= 1
                if oxford and n < 3 and not np[2]:
                    a0, n = np[0], 1
                # "A boy who was shot ... has died": the figure "A boy" was typed by the relative
                # clause's predicate; the main predicate's death is claimed on it too
                add(cls, a0 if n > 1 else np[0], np[1], np[2] and n == 1, n, also,
                    over_figure=relative is not None and cls == "killed")
        active = None
        if pred in ("shooting", "killing", "wounds", "kills", "shoots", "injures") and k >= 0 and (
                toks[k][2] in _NOUN_BEFORE_GERUND or toks[k][2].endswith("-by")):
            pred = ""  # "a recent shooting that injured ...", "bullet wounds": nouns, not verbs
        if not passive and pred in ("killed", "murdered", "shot", "fatally shot", "shot and killed",
                                    "fatally struck", "fatally hit", "fatally stabbed",
                                    "killing", "kills", "murdering", "fatally shooting",
                                    "shooting", "shoots", "wounded", "wounding", "wounds",
                                    "injured", "injuring", "injures"):
            active = "shot" if pred in ("shot", "shooting", "shoots") else (
                "injured" if pred.startswith(("wound", "injur")) else "killed")
        if projectile:
            active = "shot"
        if active is not None and _unreal_before(text, m.start(), text):
            active = None  # "could have killed his wife", "threatened to kill his wife": what did not happen
        if active is not None:
            gap = _AGE_GAP.match(text, m.end())
            lst = None
            if not (k >= 0 and toks[k][2] in _DETS):  # "found the injured boy and two others": an adjective
                lst = _object_list(text, gap.end(), persons_by_start, None if headline_case else name_ok,
                                   with_self=active != "shot")
            if lst is not None:  # "killing A, 18, and B, 20", "killed her and three other people"
                n_list, b_list, counted, _ = lst
                add(_dead_after(active, text, b_list), gap.end(), b_list, False, n_list, over_figure=counted,
                    rule="inference.object_list" if counted else "single.object_of_active")
                continue
            b = persons_by_start.get(gap.end())
            j = bisect.bisect_left(starts, gap.end())
            if b is None and j < len(toks) and toks[j][0] == gap.end() and not headline_case \
                    and (pred in _ACTIVE_VERBS or projectile) and k >= 0 and toks[k][2][:1].isalpha():
                # "They shot Giddings": a name the NER did not label PERSON (not "shot Milwaukee
                # Officer": a name followed by a capitalised word or a person noun modifies it)
                k2 = j
                while k2 < min(j + 3, len(toks)) and name_loose(toks[k2][0], toks[k2][1]) and \
                        ents_at.get(toks[k2][0]) not in _NOT_OBJECT_NAME:
                    k2 += 1
                if k2 > j and not (k2 < len(toks) and (text[toks[k2][0]].isupper()
                                                       or toks[k2][2] in _PERSON_NOUNS
                                                       or toks[k2][2] in _NOT_NAMES
                                                       or toks[k2][2] == ":")):
                    b = toks[k2 - 1][1]
            if b is not None:
                n_obj, b_all = _more_names(text, b, persons_by_start, name_ok)
                add(_dead_after(active, text, b_all), gap.end(), b_all, n_obj == 1, n_obj,
                    rule="single.object_of_active")
            elif obj is not None:
                more = len(_CONJ_MARK.findall(obj.group("more"))) if obj.group("more") else 0
                end = obj.end("more") if more else obj.end("np")
                add(_dead_after(active, text, end), obj.start("np"), end, False, 1 + min(more, 4),
                    rule="single.object_of_active")
    if seg.words & _LEFT_GATE:
        for m in _LEFT_NP.finditer(text):  # "a shooting that left a 19-year-old man dead"
            add("killed" if m.group("w").lower() == "dead" else "injured",
                m.start("np"), m.end("np"), False, rule="single.left_dead")
        for m in _LEFT_BOTH.finditer(text):  # "the collision left both drivers dead": two people
            add("killed" if m.group("w").lower() == "dead" else "injured",
                m.start("np"), m.end("np"), False, 2, rule="single.left_dead")
        for m in _LEFT_NAME.finditer(text):  # "leaving 27-year-old Brandon Lanier dead"
            b = persons_by_start.get(m.end())
            w = _DEAD_AFTER_NAME.match(text, b) if b is not None else None
            if w is not None:
                add("killed" if w.group("w").lower() == "dead" else "injured", m.end(), b, True,
                    rule="single.left_dead")
    if "whose" in seg.words:
        for m in _WHOSE_WOUND.finditer(text):  # "a firefighter whose leg was crushed by a beam"
            add("injured", m.start("np"), m.end("np"), False, rule="single.person_before_predicate")
    if "save" in seg.words:
        for m in _NOT_SAVED.finditer(text):  # "doctors were not able to save her": she died
            add("killed", m.start("np"), m.end("np"), False, rule="single.not_saved")
    if seg.words & _PRONOUNCED_GATE:
        # "the coroner pronounced 18-year-old Emery Collins of Harrison County dead", "crews declared
        # the victim dead at the scene", "police found Smith dead in his car"
        for m in _PRONOUNCED_NP.finditer(text):
            add("killed", m.start("np"), m.end("np"), False, rule="single.pronounced_dead")
        for m in _PRONOUNCED_NAME.finditer(text):
            b = persons_by_start.get(m.end())
            if b is None and not headline_case:
                w = _NAME_WORD.match(text, m.end())
                if w is not None and all(name_ok(a, a + len(t)) for a, t in _words_at(text, w)):
                    b = w.end()
            if b is not None and _DEAD_AFTER_NAME.match(text, b) and \
                    _DEAD_AFTER_NAME.match(text, b).group("w").lower() in ("dead", "deceased"):
                add("killed", m.end(), b, True, rule="single.pronounced_dead")
    if "another" in seg.words or "other" in seg.words or not seg.words.isdisjoint(_ORDINALS):
        for m in _ANOTHER.finditer(text):  # "three people were killed and another injured"
            w = m.group("w").lower()
            add(_WORD_CLASS.get(w, "injured") if w not in ("dead",) else "killed",
                m.start("np"), m.end("np"), False, also=True, rule="single.another")
        for m in _ANOTHER_OBJ.finditer(text):  # "fatally wounded four friends and seriously wounded another"
            w = m.group("w").lower()
            add("killed" if w.startswith("kill") else "injured", m.start("np"), m.end("np"), False, also=True,
                rule="single.another")
    if "both" in seg.words:
        for m in _BOTH_NP.finditer(text):  # "both passengers were injured", "both men inside the car were killed"
            w = m.group("w").lower()
            add(_WORD_CLASS.get(w, "injured"), m.start("np"), m.end("np"), False, 2, rule="single.both")
        for m in _BOTH_HURT.finditer(text):
            if m.group("np").lower() == "both" and _DEATH_AFTER.search(text, m.end()):
                continue  # "Both were taken to the hospital, where Smith died": one of them is dead
            add("hospitalized" if m.group("h") else "injured", m.start("np"), m.end("np"), False, 2,
                rule="single.both")
        for m in _BOTH_AUX_HURT.finditer(text):
            if _DEATH_AFTER.search(text, m.end()):
                continue  # "they were both hurt, and Smith later died": one of them is dead
            g = "np" if m.group("np") else "np2"
            add("hospitalized" if m.group("h") else "injured", m.start(g), m.end(g), False, 2,
                rule="single.both")
    if "'s" in text or "’s" in text:
        # "the teen's shooting death", "Maria Lopez's killing", "ended a retired teacher's life"
        for m in _POSS_DEATH.finditer(text):
            g = "np" if m.group("np") else "np2"
            add("killed", m.start(g), m.end(g), False, rule="single.death_of")
        for m in _POSS_DEATH_AFTER.finditer(text):
            a = persons_by_end.get(m.start())
            if a is not None and (not m.group("life") or _POSS_LIFE_BEFORE.search(text, 0, a)):
                add("killed", a, m.start(), True, rule="single.death_of")
    if "body" in seg.words:
        # "a body was found in the river", "firefighters recovered a body" (not "a body camera")
        for m in _BODY_FOUND.finditer(text):
            g = "np" if m.group("np") else "np2"
            add("killed", m.start(g), m.end(g), False, rule="single.death_of")
    if "of" in seg.words:
        # "the bodies of A, B and C", "the deaths of his wife and two sons", "the death of a woman and her
        # two sons" (a list before its first member alone, below)
        for m in _DEATHS_OF.finditer(text):
            lst = _object_list(text, m.end(), persons_by_start, None if headline_case else name_ok, subject=True)
            if lst is not None:
                add("killed", m.end(), lst[1], False, lst[0], over_figure=lst[2],
                    rule="inference.object_list" if lst[2] else "single.death_of")
        for m in _DEATH_OF.finditer(text):
            add("killed", m.start("np"), m.end("np"), False, rule="single.death_of")
        for m in _DEATH_OF_NAME.finditer(text):
            b = persons_by_start.get(m.end())
            if b is not None:
                add("killed", m.end(), b, True, rule="single.death_of")
        for m in _WOUNDING_OF.finditer(text):  # "the shooting and wounding of Armond Batey"
            b = persons_by_start.get(m.end())
            if b is not None:
                add("injured", m.end(), b, True, rule="single.wounding_of")
            elif m.group("np"):
                add("injured", m.start("np"), m.end("np"), False, rule="single.wounding_of")
    return out


_ACTIVE_VERBS = lexicon.words("casualty_predicates", "active_verbs")

_NEGATORS = frozenset({"not", "never", "n't", "neither", "nor"})

_RELATIVE_WORDS = frozenset({"who", "that"})
_REDUCED_RELATIVE = lexicon.words("claims_grammar", "reduced_relative_participles")
_CLAUSE_BREAK = frozenset({",", ".", ";", ":", "(", ")", "\"", "“", "”", "—", "–", "and", "but", "or", "while",
                           "when", "after", "before", "because", "as", "if"})
RELATIVE_SPAN = 16  # tokens a relative clause may take between its person and the predicate


def _np_before_relative(toks: list, k: int, persons_by_end: dict, name_ok) -> tuple[int, int, bool] | None:
    """The person a relative clause or a reduced relative hangs on, when one stands between the
    person and the predicate: "A 5-year-old boy who was shot in the face at his home has died",
    "a juvenile injured in a shooting Monday has died" (the person is the predicate's subject).
    No clause break (a comma, 'and', 'when' ...) may come between."""
    for j in range(k, max(0, k - RELATIVE_SPAN), -1):
        w = toks[j][2]
        if w in _CLAUSE_BREAK:
            return None
        if w in _RELATIVE_WORDS or w in _REDUCED_RELATIVE:
            np = _np_ending_at(toks, j - 1, persons_by_end, name_ok)
            if np is not None or w in _RELATIVE_WORDS:
                return np
    return None

_ANOTHER_OBJ = re.compile(
    r"(?:\d|\b(?:people|persons|dead|killed|injured|wounded|hurt|died|killing|wounding|injuring|friends|others|"
    r"[a-z]+-year-old)\b)[^.;:]{0,80}?\b(?:and|while|with)\s+(?:\w+ly\s+)?"
    r"(?P<w>wounded|injured|wounding|injuring|killed|killing)\s+(?P<np>another|one\s+other)\b"
    r"(?=\s*(?:[.,;:)]|\Z|(?:in|at|on|and|before|after|during|while|as)\b))",
    re.IGNORECASE,
)

# "N were killed and another (was) injured": a bare "another" / "one other" after a count of the
# same sentence is one more person, and so is an ordinal one ("three were shot dead and a fourth was wounded")
_ORDINALS = frozenset(lexicon.mapping("numbers", "ordinals"))
_ORDINAL_ALT = "|".join(_ORDINALS)
_ORDINAL_HEAD_ALT = "|".join(w for w in lexicon.words("person_nouns", "ordinal_heads")
                             if w not in set(lexicon.words("person_nouns", "attackers")))
_ANOTHER = re.compile(
    r"(?:\d|\b(?:people|persons|dead|killed|injured|wounded|hurt|died))\b[^.;:]{0,60}?\b(?:and|while|with)\s+"
    r"(?P<np>another|one\s+other|an?\s+(?:" + _ORDINAL_ALT + r")(?:\s+(?:" + _ORDINAL_HEAD_ALT + r"))?)\s+"
    r"(?:(?:was|is|has\s+been|had\s+been|also|reportedly|"
    r"critically|seriously|badly|fatally)\s+){0,3}(?P<w>injured|wounded|hurt|killed|dead|died|shot)\b"
    r"(?!\s+(?:a|an|the|his|her|him|them)\b)",
    re.IGNORECASE,
)

# "both passengers were injured": two people
_BOTH_NP = re.compile(
    r"\b(?P<np>both\s+(?:of\s+the\s+)?(?:[\w-]+\s+)?(?:"
    + lexicon.alternation("person_nouns", "plural")[3:-1] + r"))"
    r"(?:\s+(?:in|inside|at|from|on)\s+(?:the\s+)?[\w-]+)?\s+"
    r"(?:(?:were|are|have\s+been|had\s+been|also|later|critically|seriously|badly|fatally|reportedly)\s+){1,3}"
    r"(?P<w>" + lexicon.alternation("casualty_predicates", "person_patient_predicates")
    + r")\b(?!\s+(?:a|an|the|his|her|him|them|at)\b)",
    re.IGNORECASE,
)

# "both victims were taken to a hospital", "both of them are in stable condition", "both men
# survived": two people hurt (taken to a hospital: hospitalized)
_BOTH_HURT = re.compile(
    r"\b(?P<np>both\s+(?:of\s+the\s+)?(?:[\w-]+\s+)?(?:"
    + lexicon.alternation("person_nouns", "plural")[3:-1] + r")|both\s+of\s+them|both(?=\s+(?:were|are|have|had)\b))"
    r"\s+(?:(?:were|are|was|have\s+been|had\s+been|also|later|reportedly|then|each)\s+){0,3}"
    r"(?:(?P<h>(?:taken|transported|rushed|airlifted|flown|brought|driven)\s+(?:by\s+[\w\s]{1,30}?\s+)?to\s+"
    r"(?:[\w'’.-]+\s+){0,5}?(?:hospitals?|medical\s+centers?|trauma\s+centers?)|hospitali[sz]ed)"
    r"|(?P<i>in\s+(?:critical|serious|stable|fair|good|grave|satisfactory|non-?critical)\s+condition"
    r"|treated\s+(?:and\s+released|for\s+(?:[\w'’-]+\s+){0,3}?(?:injuries|injury|wounds?|burns))"
    r"|survived|expected\s+to\s+(?:survive|recover)|recovering))\b",
    re.IGNORECASE,
)

# "Both were injured", "they were both hurt", "X and Y were both taken to a hospital": "both" before or
# after the auxiliary of a predicate that says the two were hurt (not "both were shot and killed")
_BOTH_AUX_HURT = re.compile(
    r"\b(?:(?P<np>both)\s+(?:were|are|have\s+been|had\s+been)|(?:were|are|have\s+been|had\s+been)\s+(?P<np2>both))\s+"
    r"(?:(?:also|later|critically|seriously|badly|severely|slightly|reportedly|then)\s+){0,2}"
    r"(?:(?P<h>(?:taken|transported|rushed|airlifted|flown)\s+to\s+(?:[\w'’.-]+\s+){0,5}?"
    r"(?:hospitals?|medical\s+centers?|trauma\s+centers?)|hospitali[sz]ed)"
    r"|(?P<i>injured|hurt|wounded|burned|in\s+(?:critical|serious|stable|fair|good|grave)\s+condition))\b"
    r"(?!\s+(?:and\s+)?(?:killed|dead)\b)",
    re.IGNORECASE,
)

_NAME_CONJ = re.compile(r"\s*(?:,\s*and|,|and|&)\s+(?:(?:\d+|[a-z]+)-year-old\s+)?")

_NAME_WORD = re.compile(r"(?:[A-Z]['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+(?:[A-Z]\.\s+)?(?:[A-Z]['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?){0,2}(?:\s+(?:Jr|Sr|II|III)\.?)?")


def _more_names(text: str, end: int, persons_by_start: dict, name_ok) -> tuple[int, int]:
    """Names coordinated after a first named object: "injuring Leanne Smith and Dustin Grey"
    (2), "killing A, B and C" (3). Returns (people, end of the last name); a list stops at a
    word that is not a name (a PERSON entity, else capitalised words that pass ``name_ok``)."""
    n = 1
    while n < 6:
        m = _NAME_CONJ.match(text, end)
        if m is None:
            break
        b = persons_by_start.get(m.end())
        if b is None:
            w = _NAME_WORD.match(text, m.end())
            if w is None or not all(name_ok(a, a + len(t)) for a, t in _words_at(text, w)):
                break
            b = w.end()
        if not _AFTER_NAME.match(text, b):
            break  # "killing Smith and Jones fled": the next name starts a clause
        last_and = "and" in text[end:m.end()] or "&" in text[end:m.end()]
        n, end = n + 1, b
        if last_and:
            break
    return n, end


_AFTER_NAME = re.compile(r"\s*(?:[,.;:)!?\n]|\Z|(?:\s+|,\s*)?\d+\b|\s+(?:at|in|on|inside|outside|near|before|after|"
                         r"while|during|as|and|with|who|&)\b)")


def _words_at(text: str, m) -> list[tuple[int, str]]:
    return [(m.start() + k.start(), k.group(0)) for k in re.finditer(r"\S+", m.group(0))]

_NOT_OBJECT_NAME = frozenset({"FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "MONEY"})

# "Eli Stone, 30,": an age in apposition says the name is a person's, whatever the NER label
_AGE_APPOSITION = re.compile(r"\s*,\s*\d{1,2}\s*(?:,|\.|\Z|\s+(?:of|from|and)\b)")

_AGE_BEFORE = re.compile(r"\b(?:\d+|[a-z]+(?:-[a-z]+)?)-year-old\s+\Z", re.IGNORECASE)

_DEATH_OF_NAME = re.compile(
    r"\b(?:death|killing|murder|slaying|(?<!lifeless\s)body|(?:fatal|deadly)\s+shooting|" + _LIFE_OF
    + r")\s+of\s+(?:(?:\d+|[a-z]+)-year-old\s+)?",
    re.IGNORECASE,
)

# "the wounding of a 3-year-old", "the wounding of Armond Batey": a person hurt
_WOUNDING_OF = re.compile(
    rf"\b(?:wounding|injuring|(?:non-?fatal|nonfatal)\s+shooting)\s+of\s+(?:(?:\d+|[a-z]+)-year-old\s+)?"
    rf"(?P<np>(?:(?:a|an|the|his|her|their)\s+)(?:[\w'’-]+\s+){{0,3}}?(?:{_PERSON_SG_ALT}|[\w]+-year-old)\b)?",
    re.IGNORECASE,
)

# a sentence saying the person shot lived: the shot count is an injured count
_SURVIVED_GATE = lexicon.words("claims_gates", "survived")

_SURVIVED = re.compile(
    r"\b(?:survived|survive|surviving|survivor|recovering|recovered|expected\s+to\s+recover|"
    r"stable|non-?\s?life-threatening|not\s+(?:considered\s+|believed\s+to\s+be\s+)?life-threatening|"
    r"(?:treated\s+and\s+)?released\s+from\s+(?:the\s+)?hospital|treated\s+and\s+released|"
    r"in\s+(?:good|fair|stable|serious|critical)\s+condition|"
    r"(?:was|were|been)\s+treated\s+(?:at|in|for|and))\b",
    re.IGNORECASE,
)


_LIMB_PARTS = lexicon.words("casualty_predicates", "limb_parts")
_LIMB_GATE = lexicon.words("claims_gates", "limb_wound") | _LIMB_PARTS

# a wound to a limb: "shot in the leg", "struck in the foot", "wounded in the arm", "grazed"
_LIMB_WOUND = re.compile(
    r"\b(?:(?:shot|struck|hit|wounded|injured|hurt|stabbed|burned|burnt|cut)\s+(?:once\s+|twice\s+)?"
    r"(?:(?:in|on)\s+(?:the|his|her|their|one)\s+(?:(?:left|right|lower|upper)\s+)?)"
    r"(?:" + "|".join(sorted(_LIMB_PARTS, key=len, reverse=True)) + r")|grazed|(?:a\s+)?graze\s+wounds?)\b",
    re.IGNORECASE,
)

# a death after the limb wound in the same sentence: "shot in the leg and later died"
_DEATH_AFTER = re.compile(
    r"\b(?:died|dies|dead|killed|fatal|fatally|succumbed|deceased|did\s+not\s+survive|didn['’]t\s+survive|"
    r"passed\s+away|bled\s+to\s+death|lost\s+(?:his|her)\s+life)\b",
    re.IGNORECASE,
)


def _limb_wound(seg: "Segment") -> bool:
    """The sentence states a wound to a limb ('shot in the leg', 'grazed') and no death after it."""
    if not (seg.words & _LIMB_GATE):
        return False
    m = _LIMB_WOUND.search(seg.text)
    return m is not None and _DEATH_AFTER.search(seg.text, m.end()) is None


# the injuries are not life-threatening, however it is spelled: "non-life-threatening", "non-life
# threatening", "non life threatening", "nonlife-threatening", "not (considered) life threatening"
_NOT_LIFE_THREATENING = re.compile(
    r"\b(?:non[-\s]?life[-\s]?threatening|not\s+(?:considered\s+|believed\s+to\s+be\s+)?life[-\s]?threatening)\b",
    re.IGNORECASE)


def _not_life_threatening(seg: "Segment") -> bool:
    """The sentence says the injuries are not life-threatening (any spelling)."""
    return "threatening" in seg.words and _NOT_LIFE_THREATENING.search(seg.text) is not None


def _lived(seg: "Segment") -> bool:
    """The sentence says the people shot lived ('survived', 'stable condition', a limb wound: 'shot in
    the leg', 'grazed')."""
    return (bool(seg.words & _SURVIVED_GATE) and _SURVIVED.search(seg.text) is not None) or _limb_wound(seg)


# a person whose body part was hurt: "a firefighter whose leg was crushed by a beam", "a miner, whose
# arm was broken" (not "... was crushed to death")
_WHOSE_WOUND = re.compile(
    rf"\b(?P<np>{_NP_WORDS})\s*,?\s+whose\s+(?:(?:left|right|lower|upper)\s+)?(?:{_BODY_PARTS})\s+"
    r"(?:was|were|had\s+been)\s+(?:badly\s+|severely\s+)?"
    r"(?:crushed|broken|injured|hurt|wounded|burned|burnt|cut|severed|amputated|shattered|fractured|pinned)\b"
    r"(?!\s+to\s+death)",
    re.IGNORECASE,
)

_COPULA_BEFORE = re.compile(r"\b(?:is|was|were|are|remains|remained|listed|been|be|left|still)\s+\Z")

_NOUN_BEFORE_GERUND = lexicon.words("claims_grammar", "noun_before_gerund")

_LEFT_GATE = lexicon.words("claims_gates", "left")

_LEFT_NAME = re.compile(r"\b(?:left|leaves|leaving|leave)\s+(?:(?:\d+|[a-z]+)-year-old\s+)?", re.IGNORECASE)

# after a name: "... of Harrison County" (where the person is from) may stand before "dead"
_DEAD_AFTER_NAME = re.compile(r"(?:\s*,\s*\d{1,3}\s*,?)?(?:\s+(?:of|from)\s+(?:[A-Z][\w.'’-]*\s+){1,3}?)?\s*"
                              r"(?P<w>dead|deceased|injured|wounded|hurt)\b")

_PRONOUNCED_GATE = lexicon.words("claims_gates", "pronounced")

_PLACE_PREP_BEFORE = re.compile(r"\b(?:in|at|of|from|near|to|on|into|outside|inside|across|around)\s+\Z", re.IGNORECASE)

_NOT_SAVED = re.compile(
    rf"\b(?:(?:were|was|are|is)\s+(?:not\s+able|unable)|could\s+not|couldn['’]t|failed|tried\s+but\s+failed)\s+"
    rf"to\s+save\s+(?P<np>him|her|(?:the|a|an|his|her)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_PERSON_SG_ALT}|[\w]+-year-old))"
    rf"(?!['’]s)\b(?!\s+(?:life|leg|arm|eye|eyes|hand|foot|home|house|job))",
    re.IGNORECASE,
)

_PRONOUNCED_NP = re.compile(
    rf"\b(?:pronounced|declared|found)\s+(?P<np>(?:a|an|the|his|her|their)\s+(?:(?!(?:and|or|of|in|at|to|with|was|were)\b)[\w'’-]+\s+){{0,3}}?"
    rf"(?:[\w'’]+-)?(?:{_PERSON_SG_ALT}|[\w]+-year-old)|him|her)\s+(?:(?:clinically\s+|brain[\s-])?dead|deceased)\b",
    re.IGNORECASE,
)

_PRONOUNCED_NAME = re.compile(r"\b(?:pronounced|declared|found)\s+(?:(?:\d+|[a-z]+)-year-old\s+)?", re.IGNORECASE)

_LEFT_NP = re.compile(
    rf"\b(?:left|leaves|leaving|leave)\s+(?P<np>{_NP_WORDS})\s+(?P<w>dead|injured|wounded|hurt)\b",
    re.IGNORECASE,
)

_LEFT_BOTH = re.compile(
    r"\b(?:left|leaves|leaving|leave)\s+(?P<np>both(?:\s+of\s+them|(?:\s+(?!dead\b|injured\b|wounded\b|hurt\b|\w+ly\b)"
    r"[\w'’-]+){1,3})?)\s+(?P<w>dead|injured|wounded|hurt)\b",
    re.IGNORECASE,
)

# killing predicates that take an object ("killed his wife"); "died two days later" has none
_TRANSITIVE_KILLING = ("shot", "killed", "murdered", "gunned", "fatally", "slain")

_COORD_VERB_AFTER = re.compile(r"\s*,?\s+and\s+(?:then\s+|later\s+)?[a-z]+(?:ed|nt)\b")  # "... and then burned"

_DET_AFTER = re.compile(r"\s+(?:his|her|their|a|an|the|two|three|four|five|\d+)\b", re.IGNORECASE)

_AGE_GAP = re.compile(r"\s*(?:\d+-year-old\s+|[a-z]+-year-old\s+)?")


def _singular_claims(p, seg: Segment, covered: list[tuple[int, int]]) -> list[Claim]:
    out = []
    seen = set()

    def add(cls: str, a, strict: bool, n: int | None = None,
            rule: str = "single.parse_argument") -> None:
        i, j = _noun_phrase_bounds(a)
        start = seg.start + p[i].idx
        end = seg.start + p[j - 1].idx + len(p[j - 1].text)
        if any(s < end and start < e for s, e in covered) or (cls, start) in seen:
            return
        seen.add((cls, start))
        n = n or _count_persons(a, seg, strict)
        claim_cls = "injured" if cls == "shot" else cls
        out.append(Claim(claim_cls, n, n, n, "exact", start, end, ref=_reference(a, p[i:j], seg),
                          overlap=Overlap.ARTICLE if cls == "shot" and not _lived(seg) else None, rule=rule))

    for v in p:
        w = v.lower_
        if w in _DEATH_NOUNS and v.pos_ == "NOUN":
            # "the shooting death of a 3-year-old girl", "Friend's Shooting Death"
            for c in v.children:
                cand = None
                if c.dep_ == "poss":
                    cand = c
                elif c.dep_ == "prep" and c.lower_ == "of":
                    cand = next((o for o in c.children if o.dep_ == "pobj"), None)
                if cand is not None and cand.lower_ not in ("his", "her", "their", "its") and \
                        _singular_argument(cand, seg, True):
                    add("killed", cand, True, rule="single.parse_death_noun")
            continue
        if w not in _CASUALTY_PREDICATES or v.pos_ not in ("VERB", "ADJ", "AUX", "NOUN"):
            continue
        if v.pos_ == "NOUN" and w != "dead":
            continue
        if w in ("shooting", "killing", "wounding", "injuring") and v.pos_ != "VERB":
            continue
        if _counterfactual(v):
            continue  # "would have shot his father, too": what did not happen
        cls = _CASUALTY_PREDICATES[w]
        near, prep = _predicate_evidence(v)
        if cls is None or cls == "shot":
            cls2 = _decide(near, prep)
            if cls is None:
                cls = cls2 if cls2 in ("killed", "injured", "hospitalized", "shot") else None
            elif cls2 in ("killed", "injured"):
                cls = cls2
        if cls is None:
            continue
        strict = w not in _STRICT_FREE
        if any(c.dep_ == "neg" for c in v.children) or (
                v.dep_ in ("acomp", "oprd") and any(c.dep_ == "neg" for c in v.head.children)):
            continue  # "the driver and another passenger were not hurt": the negation's claim (value 0)
        for a in _arguments(v, w):
            if a.dep_ in ("nsubj", "nsubjpass") and a.lower_ in ("who", "that") and v.dep_ == "relcl":
                continue
            if a.lower_ == "both" or (a.lower_ == "they" and any(
                    c.lower_ == "both" for c in list(a.children) + list(a.head.children))):
                add(cls, a, strict, 2, rule="single.parse_both")  # "both died", "they were both pronounced dead"
                continue
            if not _singular_argument(a, seg, strict):
                continue
            add(cls, a, strict)
    return out


# a list of the people an active killing / wounding verb (or "the bodies of") names, one member at a
# time: "killing Jacinta Walker, 18, and Aveion Bolden, 20" (2), "killed her and three other people"
# (4), "killed six of his grandchildren, his adult daughter and himself" (8), "shot and killed
# Destacia Straughn and her daughter, Kenacia" (2: the name after 'her daughter' is an apposition)
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and|then)\s+|,\s*|\s+(?:and|&)\s+(?:then\s+)?|\s+then\s+|\s*&\s*)")
_LIST_AND = re.compile(r"\b(?:and|then)\b|&")
_LIST_SELF = re.compile(r"(?:him|her)?self\b", re.IGNORECASE)
_LIST_NP = re.compile(r"(?:" + _NP_WORDS.replace("{0,3}?", "{0,3}") + r")\b", re.IGNORECASE)  # the longest NP
_LIST_AGE = re.compile(r"\s*,\s*\d{1,3}\s*(?=,|\.|;|\Z|\s+(?:and|&|then)\b)")
_LIST_APPOS_NP = re.compile(rf"\s*,\s*(?:an?|the)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{_PERSON_SG_ALT}|[\w]+-year-old)\s*(?=,)",
                            re.IGNORECASE)
_LIST_END = re.compile(r"\s*(?:[.,;:)!?\n—–-]|\Z|\s*(?:at|in|on|inside|outside|near|before|after|while|during|as|"
                       r"with|who|when|and|then|&|said|says|early|late|last|this|earlier|later|were|was|are|is|have|has|had|found|"
                       r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)", re.IGNORECASE)
LIST_MAX = 8  # members of one list at most


def _object_list(text: str, pos: int, persons_by_start: dict, name_ok,
                 with_self: bool = True, subject: bool = False) -> tuple[int, int, bool, int] | None:
    """The people a list starting at ``pos`` names: (people, end, counted, members); counted says a
    member is a count ("three other people"). None unless the list has two members or more and is a
    list (an 'and' / 'then' before its last member, or a last member 'himself' / 'N others'): "his
    wife, a nurse," is one person."""
    from transforms.figures import find_figures

    people = members = 0
    counted = False
    end = pos
    cur = pos
    joined_by_and = False
    last_kind = None
    last_sep = ""
    while members < LIST_MAX:
        gap = _AGE_GAP.match(text, cur)
        at = gap.end()
        kind = None
        b = persons_by_start.get(at)
        if b is None:
            w = _NAME_WORD.match(text, at)
            if w is not None and name_ok is not None and all(name_ok(a, a + len(t)) for a, t in _words_at(text, w)):
                b = w.end()
        if b is not None:
            tail = _NAME_TAIL.match(text, b)  # the NER's name stopped short: "Cam Thi| To"
            kind, n, mend = "name", 1, tail.end() if tail and _LIST_END.match(text, tail.end()) else b
            age = _LIST_AGE.match(text, mend)
            if age:
                mend = age.end()
            appos = _LIST_APPOS_NP.match(text, mend)
            if appos:  # "Smith, a 25-year-old customer,"
                mend = appos.end()
        elif (s := _LIST_SELF.match(text, at)) is not None:
            if not with_self:
                break  # "shot his girlfriend and then himself": which of them lived is not said
            kind, n, mend = "self", 1, s.end()
        else:
            det = _LIST_DET.match(text, at)  # "his two sons"
            at2 = det.end() if det else at
            figs = [f for f in find_figures(text[at2:at2 + 80]) if f.start == 0 and f.kind == "number"]
            noun = _LIST_NOUN.match(text[at2 + figs[0].end:at2 + figs[0].end + 60]) if figs else None
            both = _LIST_BOTH.match(text, at)
            if both is not None:  # "killing the pilot and both passengers": a pair
                kind, n, mend = "count", 2, both.end()
                counted = True
            elif figs and noun is not None and figs[0].value_low and figs[0].value_low < 1000:
                kind, n, mend = "count", figs[0].value_low, at2 + figs[0].end + noun.end()
                counted = True
            else:
                np = _LIST_NP.match(text, at)
                if np is None or (len(np.group(0).split()) > 1 and not _LIST_DET_NP.match(np.group(0))):
                    break  # "kills stepfather, injures mother": words before a bare noun are no modifiers
                kind, n, mend = "np", 1, np.end()
                age = _LIST_APPOS_AGE.match(text, mend)
                if age:  # "the young man's father, a 39-year-old, and another man"
                    mend = age.end()
                appos = _NAME_APPOS.match(text, mend)
                if appos is not None and persons_by_start.get(appos.end("n")) is not None:
                    mend = persons_by_start[appos.end("n")]  # "her daughter, Kenacia Amerson-Straughn"
                    tail = _NAME_TAIL.match(text, mend)
                    mend = tail.end() if tail and _LIST_END.match(text, tail.end()) else mend
                    age = _LIST_AGE.match(text, mend)
                    mend = age.end() if age else mend
        if not _LIST_END.match(text, mend) or (members and _LIST_SAID.match(text, mend)):
            break  # "... and then himself, Lemma said": the name is the source
        if not subject and members and "," in last_sep and _LIST_VERB.match(text, mend):
            break  # "wounding two others, and a 64-year-old suspect is being sought": a new clause
        people, members, end, last_kind = people + n, members + 1, mend, kind
        sep = _LIST_SEP.match(text, mend)
        if sep is None or kind == "self":
            break
        if _LIST_AND.search(sep.group(0)):
            joined_by_and = True
        last_sep = sep.group(0)
        cur = sep.end()
    if members < 2:
        return None
    if not joined_by_and and last_kind != "self" and not (
            last_kind == "count" and _OTHERS_END.search(text, 0, end) and _PUNCT_END.match(text, end)):
        return None  # "killed Johnson, two others were shot": no list
    return people, end, counted, members


_DEATHS_OF = re.compile(
    r"\b(?:bodies|deaths?|killings?|murders?|slayings?|(?:shooting|stabbing)\s+deaths?|"
    # "the fire claimed the lives of a mother and her two children"
    r"(?:claimed|claims|claiming|took|takes|taking|cost|costing|ended|ending)\s+the\s+lives)\s+of\s+", re.IGNORECASE)

_LIST_NOUN = re.compile(rf"\A\s+(?:(?!(?:and|or|then|but|while|who)\b)[\w-]+\s+){{0,3}}(?:{_PERSON_ALT}|[a-z]+-year-olds?)\b", re.IGNORECASE)
_NAME_TAIL = re.compile(r"(?:\s+(?:[A-Z][a-z]+|[A-Z]\.|Jr\.?|Sr\.?|II|III)){1,2}")

_LIST_DET_NP = re.compile(r"(?:a|an|the|his|her|their|another|him|her|himself|herself)\b|[\w]+-year-old\b", re.IGNORECASE)
_LIST_SAID = re.compile(r"\s*,?\s+(?:said|says|told|reported|added)\b", re.IGNORECASE)

_LIST_DET = re.compile(r"(?:his|her|their|the|its)\s+(?=\S)", re.IGNORECASE)
_PERSON_PL_ALT = "|".join(sorted(set(PERSON_PLURAL), key=len, reverse=True))
# "both passengers", "both of his sons", "both young workers": two members of a list (inference.object_list)
_LIST_BOTH = re.compile(rf"both\s+(?:of\s+)?(?:(?:his|her|their|the|its)\s+)?(?:[\w-]+\s+){{0,2}}?(?:{_PERSON_PL_ALT})\b",
                        re.IGNORECASE)

_NAME_APPOS = re.compile(r"\s*,\s*(?:(?:\d+|[a-z]+)-year-old\s+)?(?P<n>)", re.IGNORECASE)
_LIST_APPOS_AGE = re.compile(r"\s*,\s*an?\s+(?:\d+|[a-z]+)-year-old\s*(?=,)", re.IGNORECASE)
_LIST_VERB = re.compile(r"\s+(?:is|was|were|are|has|had|have)\b", re.IGNORECASE)
_PUNCT_END = re.compile(r"\s*(?:[.,;:)!?\n]|\Z)")
_OTHERS_END = re.compile(r"\b(?:others|more)\s*\Z", re.IGNORECASE)
