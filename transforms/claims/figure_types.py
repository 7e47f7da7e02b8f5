"""What a figure counts: the claim class from the words next to it, else from the dependency parse."""

from __future__ import annotations

import dataclasses
import re

from transforms import lexicon
from transforms.figures import _MEASURE, Figure
from transforms.claims.vocab import _MEMBER_NOUN, _PERSON_ALT, _PERSON_NOUNS, _WORD_CLASS
from transforms.claims.model import Segment
from transforms.claims.parsetools import (_INTENT_FORMS, _classes, _counterfactual, _decide, _evidence, _is_active_agent,
                                          _is_age_noun, _pick, _predicate_evidence)


_ATTACKER_NOUNS = lexicon.words("person_nouns", "attackers")

_NOUN_CLASS = lexicon.mapping("casualty_predicates", "counted_noun_classes")

_AGE_NOUN = re.compile(r"\A(?:\d+|[a-z]+(?:-[a-z]+)?)-(?:year|month|week|day)-old\Z", re.I)

_NUMBER_WORD = "|".join(
    [w for w in lexicon.mapping("numbers", "units") if w != "zero"] + list(lexicon.mapping("numbers", "teens"))
    + list(lexicon.mapping("numbers", "tens")) + ["hundred", "dozen"]
)

_NOUNS_OPT = (
    r"(?:\s+of\s+(?:the|them|those|these)(?:\s+[\w-]+)?)?"
    r"(?:\s+(?:other|others|more|additional|separate|innocent|young|teenage|adult|male|female|"
    rf"[a-z]+-year-old|{_PERSON_ALT})\b){{0,3}}"
)

_AUX = (
    r"(?:\s*,?\s+(?:were|was|are|is|have|has|had|been|being|be|reportedly|also|later|all|now|"
    r"each|confirmed|believed|known|left|found|remain|remains|remained|critically|seriously|"
    r"fatally|mortally|gravely|badly|severely|slightly|accidentally|apparently|initially|who|"
    r"that|still|both|listed|said|to)\b){0,4}"
)

_TYPE_WORD = (
    r"(?P<w>(?:(?:taken|transported|rushed|airlifted|flown|admitted)\s+to|treated\s+(?:at|in))\s+"
    r"(?:a|the|an|area|local|nearby)?\s*"
    r"(?:[\w'’.-]+\s+){0,4}?(?:hospitals?|medical\s+centers?|trauma\s+centers?)|"
    r"(?:burned|burnt|crushed|trampled|stabbed|beaten|shot)\s+to\s+death|"
    r"(?:suffered|sustained|received|suffering|sustaining|suffer|sustain)\s+(?:from\s+)?(?:[\w'’-]+\s+){0,6}?"
    r"(?:injuries|wounds|burns|gunshot\s+wounds?|injury|wound)|"
    r"(?:pronounced|declared)\s+(?:(?:clinically\s+|brain[\s-])?dead|deceased)|"
    # "two did not survive", "three later succumbed to their injuries": deaths
    r"did\s+not\s+survive|didn['’]t\s+survive|succumbed|"
    # "three workers were burned", "two firefighters suffered burns" (not "burned to death", above)
    r"(?:burned|burnt|scalded)(?!\s+(?:to\s+death|down|out|alive))|"
    r"killed|dead|died|dies|die|slain|murdered|perished|drowned|electrocuted|suffocated|shot|wounded|"
    r"injured|hurt|hospitali[sz]ed|arrested|detained|missing|trapped|evacuated|fatally|critically|"
    r"seriously|gravely|"
    r"in\s+(?:critical|serious|stable|fair|good|grave|satisfactory)\s+condition|"
    # "two men were treated for gunshot wounds", "three teens are recovering": hurt
    r"treated\s+for\s+(?:[\w'’-]+\s+){0,3}?(?:injuries|injury|wounds?|burns)|recovering|"
    # "three others were treated at a hospital": taken to one
    r"treated\s+(?:and\s+released\s+)?(?:at|in)\s+(?:a|the|an|area|local|nearby)?\s*"
    r"(?:[\w'’.-]+\s+){0,4}?(?:hospitals?|medical\s+centers?|trauma\s+centers?))"
)

# "twelve workers were pulled out alive and taken to hospital", "two skiers were dug out and flown to a
# hospital", "three were pulled from the river and later died": a rescue participle coordinated with
# the casualty predicate
_RESCUED_AND = (
    r"(?:\s+(?:pulled|dug|rescued|freed|extracted|brought|carried|cut|lifted|plucked|winched)"
    r"(?:\s+(?:out|up|free|alive|from\s+(?:the\s+)?[\w-]+(?:\s+of\s+(?:the\s+)?[\w-]+)?)){0,3}"
    r"\s*,?\s+and(?:\s+(?:later|then|were|was))?)?"
)

# where the people were, between them and the predicate: "another man in the home was wounded", "two
# passengers on the bus were hurt"
_WHERE_PP = r"(?:\s+(?:in|inside|at|on|aboard|near)\s+(?:the|a|an|his|her|their)\s+(?:[\w-]+\s+)?(?!(?:he|she|they|it|we|who|that)\b)[\w-]+(?=\s+(?:was|were)\b))?"

_RIGHT = re.compile(
    rf"\A{_NOUNS_OPT}{_WHERE_PP}(?:\s*,[^.;:]{{1,120}}?,)?{_AUX}{_RESCUED_AND}\s*,?\s*{_TYPE_WORD}(?![\w-])"
    rf"(?!\s+(?:a|an|the|his|her|their|its|him|them|himself|herself|themselves|"
    rf"\d+(?!\s*-?(?:{_MEASURE})(?![\w]))|"  # an object, not a measure: "trapped 400 metres underground"
    rf"{_NUMBER_WORD})\b)",
    re.IGNORECASE,
)

_LEFT = re.compile(
    r"(?P<w>(?:fatally|mortally)\s+(?:shooting|shot|shoots|wounding|wounded|injuring|injured)|"
    r"(?:shooting|shot|shoots)\s+(?:dead|to\s+death)|killing|killed|kills|kill|wounding|wounded|wounds|injuring|injured|injures|hurting|grazing|grazed|"
    r"shooting|shot|shoots|striking|hitting|struck|hit|arrested|arresting|detained|detaining|evacuated|evacuating|"
    r"claimed\s+the\s+lives\s+of|took\s+the\s+lives\s+of|deaths?\s+of|murders?\s+of|"
    r"killings?\s+of|shootings?\s+of|(?:death\s+)?toll\s+(?:[\w'’]+\s+){0,5}?(?:of|at|to|reached|hit)|"
    r"attended\s+by|crowd\s+of|audience\s+of|capacity\s+of|seats?|seating\s+for)"
    # a possessive: "killed his two sons", "shot dead her three children"
    r"(?:\s+(?:all|another|the|some|about|at\s+least|(?P<poss>his|her|their|its|our)))?\s+\Z",
    re.IGNORECASE,
)

# "the death toll from Tuesday's explosion at the city's port rose to 137", "the number of people killed
# by the typhoon has climbed to 52", "the number of injured stood at 80": a toll noun, then (no
# sentence break, at most TOLL_REACH characters) an update verb and the figure after it. _LEFT reaches
# five words past "toll"; a toll's prepositional phrases (what, where, when) are often longer.
_TOLL_NOUNS = "|".join(sorted(lexicon.words("claims_grammar", "toll_nouns")))
_DEAD_NOUNS = "|".join(sorted(lexicon.words("claims_grammar", "dead_nouns") | {"killed"}))
_HURT_NOUNS = "|".join(sorted(lexicon.words("claims_grammar", "injured_nouns")))
_COUNT_NOUNS = "|".join(sorted(lexicon.words("claims_grammar", "count_nouns")))
_TOLL_UPDATE = "|".join(sorted(map(re.escape, lexicon.words("claims_gates", "update_verbs")), key=len, reverse=True))
TOLL_REACH = 100
_TOLL_BEFORE = re.compile(
    rf"\b(?:(?:death|casualty|fatality)\s+)?(?:{_TOLL_NOUNS})\b(?!\s+(?:road|roads|booth|booths|plaza|bridge|free|lane|lanes))"
    rf"|\b(?:{_COUNT_NOUNS})\s+of\s+(?:(?:people|persons|confirmed|reported)\s+){{0,2}}(?:(?P<dead>{_DEAD_NOUNS})|(?P<hurt>{_HURT_NOUNS}))\b",
    re.IGNORECASE)
_TOLL_TAIL = re.compile(
    rf"[^.;:!?]{{0,{TOLL_REACH}}}?\s(?:{_TOLL_UPDATE})(?:\s+(?:to|at))?"
    r"(?:\s+(?:at\s+least|about|nearly|almost|more\s+than|over|some|around))?\s+\Z",
    re.IGNORECASE)


def _toll_before(before: str) -> str | None:
    """'killed' / 'injured' when ``before`` (the text before a figure) ends in a toll's update, else None."""
    for m in reversed(list(_TOLL_BEFORE.finditer(before))):
        if _TOLL_TAIL.match(before, m.end()):
            return "injured" if m.group("hurt") else "killed"
    return None


_LEFT_CLASS = {
    "shooting dead": "killed", "shot dead": "killed", "shoots dead": "killed", "shooting to": "killed",
    "shot to": "killed", "shoots to": "killed", "fatally": "killed", "mortally": "killed", "kill": "killed", "wound": "injured", "injur": "injured", "hurt": "injured", "graz": "injured", "shoot": "shot",
    "shot": "shot", "strik": "shot", "hit": "shot", "struck": "shot", "arrest": "detained", "detain": "detained", "evacuat": "evacuated",
    "claimed": "killed", "took": "killed", "death": "killed", "murder": "killed",
    "toll": "killed", "attended": "attendance", "crowd": "attendance", "audience": "attendance",
    "capacity": "capacity", "seat": "capacity",
}

_TYPE_NOUN_AFTER = re.compile(
    r"\A(?:\s+(?!(?:people|persons|and|or|but|were|was|are|is|had|have|has|been|of|in|at|on|to|"
    r"who|that|as|than|the|a|an|after|before|while|when)\b)[\w-]+){0,2}?\s+"
    r"(?P<n>fatalities|deaths|bodies|homicides|"
    r"murders|injuries|casualties|attackers|assailants|gunmen|shooters|terrorists|"
    r"militants|perpetrators|suspects|robbers|intruders|hijackers|bombers|lives)\b",
    re.IGNORECASE,
)
# "claimed 14 lives", "cost 3 lives": lives count the dead only after such a verb
_LIVES_BEFORE = re.compile(r"\b(?:claimed|claims|claiming|took|takes|taking|cost|costs|costing|lost|losing)\s+\Z",
                           re.IGNORECASE)

_WITH_GUNSHOT = re.compile(
    rf"\A{_NOUNS_OPT}\s+(?:\w+\s+){{0,2}}?with\s+(?:\w+\s+){{0,2}}?gunshot\s+wounds?\b",
    re.IGNORECASE,
)

# the injuries a hospital treats (lexicon claims_grammar hospital_injury_nouns): "burns", "smoke inhalation"
_INJURY_NOUNS = lexicon.alternation("claims_grammar", "hospital_injury_nouns")

# "seven people survived, three of them with serious injuries", "two workers with burns": people with
# injuries are hurt (the injuries of lexicon claims_grammar hospital_injury_nouns)
_WITH_INJURIES = re.compile(
    rf"\A{_NOUNS_OPT}\s+(?:\w+\s+){{0,2}}?with\s+(?:[\w-]+\s+){{0,2}}?(?:"
    + _INJURY_NOUNS + r")\b",
    re.IGNORECASE,
)

# "two other people showed up at the hospital with gunshot wounds": who arrives at a hospital is
# hurt when the sentence says with what (a bare "showed up at the hospital" is no injury)
_ARRIVED_WOUNDED = re.compile(
    rf"\A{_NOUNS_OPT}{_AUX}\s+(?:later\s+)?(?:showed\s+up|turned\s+up|arrived|walked|went|came|"
    r"(?:drove|took|transported|got)\s+themselves|were\s+driven|were\s+dropped\s+off)\s+(?:in\s+|up\s+|off\s+)?"
    r"(?:at|to|into)\s+(?:[\w'’.-]+\s+){0,5}?(?:hospitals?|medical\s+centers?|trauma\s+centers?|emergency\s+rooms?|clinics?)"
    r"[^.;]{0,50}?\bwith\s+(?:[\w-]+\s+){0,3}?(?P<g>gunshot\s+wounds?|wounds|injuries|injury|burns)\b",
    re.IGNORECASE,
)

# "taken to hospital with serious injuries", "admitted to hospitals with severe burns", "flown to a trauma
# center for treatment of their wounds": a hospital predicate that says what for says the people were hurt
_HOSPITAL_WITH_INJURIES = re.compile(
    r"\s+(?:(?:in|on|at)\s+(?:the\s+)?[\w-]+\s+)?(?:with|for|suffering\s+from)\s+(?:treatment\s+of\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:(?P<g>gunshot\s+wounds?)|" + _INJURY_NOUNS + r")\b",
    re.IGNORECASE)

_SHOT_AT = re.compile(r"\s+at\b(?!\s+least\b)")

# "7 men shot at a house party": "shot at" + a place says where they were shot, not whom they shot at
_SHOT_AT_PLACE = re.compile(
    r"\s+at\s+(?:[\w'’.-]+\s+){0,3}?(?:" + "|".join(lexicon.words("casualty_predicates", "shot_at_places"))
    + r")\b", re.IGNORECASE)

# "one of the six later died": the figure after "<number> of the" names the group; a finite predicate
# after it ("later died", "were killed") is the partitive head's, not the group's. A bare participle
# right after the group noun is a reduced relative and types the group: "one of the three people killed".
_PARTITIVE_BEFORE = re.compile(
    rf"\b(?:\d+|{_NUMBER_WORD}|some|several|most|many|few|half)\s+of\s+(?:the|those|these)\s+\Z", re.IGNORECASE)
_FINITE_ONLY = ("died", "dies", "die", "perished", "drowned", "suffocated")

_FATALLY = re.compile(r"\b(?:fatally|mortally)\b", re.IGNORECASE)

# "shot and killed", "shot dead", "shot several times and later died": the people shot died
_KILLED_AFTER = re.compile(
    r"\s*(?:and\s+killed|dead|to\s+death)\b"
    r"|(?:\s+[\w-]+){0,5}?\s+and\s+(?:(?:later|then|eventually|subsequently|both|all)\s+)?"
    r"(?:died|(?:was|were)\s+(?:killed|pronounced\s+dead))\b",
    re.IGNORECASE,
)

_WOUNDED_AFTER = re.compile(r"\s*and\s+(?:wounded|injured|hurt)\b", re.IGNORECASE)

_KILLING_AFTER = re.compile(r"\s*(?:people|persons|\w+)?\s*(?:,\s*)?(?:killing|dead)", re.IGNORECASE)
# "shooting five people to death", "shot his two sons dead": the people shot died
_DEAD_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:dead|to\s+death)\b", re.IGNORECASE)

_ROUNDS_AFTER = re.compile(
    r"\A\s+(?:[\w-]+\s+)?(?:" + "|".join(lexicon.words("casualty_predicates", "shot_count_nouns")) + r")\b",
    re.IGNORECASE)

# "a shooting that put three women into the hospital", "sent four people to area hospitals"
_SENT_BEFORE = re.compile(r"\b(?:sent|sends|sending|send|put|puts|putting|landed|landing)\s+(?:at\s+least\s+)?\Z",
                          re.IGNORECASE)
_TO_HOSPITAL_AFTER = re.compile(
    rf"\A{_NOUNS_OPT}\s+(?:to|in|into)\s+(?:the\s+|a\s+|an\s+|area\s+|local\s+|nearby\s+|two\s+|three\s+)?"
    r"(?:[\w'’.-]+\s+){0,3}?(?:hospitals?|medical\s+centers?|trauma\s+centers?|emergency\s+rooms?)\b",
    re.IGNORECASE)

# victims who survived were hurt: "One victim survived", "all four shooting victims are expected to
# survive", "one of the victims survived" (not "one of the five victims survived": the five are the group)
_SURVIVING_VICTIMS = re.compile(
    r"\A\s+(?:of\s+(?:the|them|those|these)\s+)?(?:[\w-]+\s+){0,2}?victims?\s+"
    r"(?:(?:have|has|had|are|is|were|was|all|also|both|each|later|reportedly|now)\s+){0,3}"
    r"(?:survived|(?:expected|likely)\s+to\s+(?:survive|recover))\b",
    re.IGNORECASE)

# "could have killed", "would have easily hurt": a counterfactual before an active verb
_COUNTERFACTUAL_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(lexicon.words("claims_grammar", "counterfactual_modals"))) + r")"
    r"(?:\s+(?:not|never|easily|possibly|likely|probably|also|just))?(?:\s+have|['’]ve)\s+"
    r"(?:(?:easily|possibly|likely|probably|also|just)\s+)?(?:been\s+)?\Z", re.IGNORECASE)

# "could kill hundreds", "would kill dozens if ...", "threatened to kill three people", "tried to kill two
# officers": a conditional, a threat or an intent before the verb (parsetools._counterfactual in the parse)
_CONDITIONAL_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(lexicon.words("claims_grammar", "conditional_modals"))) + r")"
    r"(?:\s+(?:not|never|easily|possibly|likely|probably|also|just))?\s+\Z", re.IGNORECASE)
_WOULD_BEFORE = re.compile(
    r"\bwould(?:\s+(?:not|never|easily|possibly|likely|probably|also|just))?\s+\Z", re.IGNORECASE)
_IF_OR_THREAT = re.compile(r"\b(?:" + "|".join(sorted(lexicon.words("claims_grammar", "conditional_words")
                                                      | lexicon.words("claims_grammar", "threat_words"))) + r")\b",
                           re.IGNORECASE)
_INTENT_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(_INTENT_FORMS)) + r")\s+to\s+(?:(?:shoot|stab|injure|wound)\s+and\s+)?\Z",
    re.IGNORECASE)


def _unreal_before(text: str, pos: int, sentence: str) -> bool:
    """The verb at text[pos] tells of what did not happen: a counterfactual ('could have killed'), a
    conditional or threat ('could kill hundreds', 'would kill dozens if ...'), an intent ('threatened to
    kill', 'tried to kill'); not 'would later kill' (narrative past)."""
    lo = max(0, pos - 40)
    if _COUNTERFACTUAL_BEFORE.search(text, lo, pos) or _CONDITIONAL_BEFORE.search(text, lo, pos) \
            or _INTENT_BEFORE.search(text, lo, pos):
        return True
    return bool(_WOULD_BEFORE.search(text, lo, pos)) and bool(_IF_OR_THREAT.search(sentence))


_SEAT_AFTER = re.compile(r"\A\s*-?\s*(?:seat|seater)\b", re.IGNORECASE)


def _type_from_adjacent(seg: Segment, fig: Figure) -> tuple[str | None, bool, str | None]:
    """(class from the words next to the figure, counted noun is an attacker noun, the rule)."""
    rel_end = fig.end - seg.start
    after = seg.text[rel_end:rel_end + 120]
    n = _TYPE_NOUN_AFTER.match(after)
    if n:
        noun = n.group("n").lower()
        if noun in _ATTACKER_NOUNS:
            # "detained all four direct assailants": the predicate types them too
            cls, rule = _adjacent_typed(seg, fig, left_only=True)
            return cls, True, rule
        if noun == "injuries" and fig.kind == "vague":
            return None, False, None
        if noun == "lives":
            before = seg.text[max(0, fig.start - seg.start - 20):fig.start - seg.start]
            return ("killed", False, "type.counted_noun") if _LIVES_BEFORE.search(before) else (None, False, None)
        cls = _NOUN_CLASS.get(noun, "killed" if noun in ("homicides", "murders") else None)
        return cls, False, "type.counted_noun"
    cls, rule = _adjacent_typed(seg, fig)
    return cls, False, rule


def _adjacent_words(seg: Segment, fig: Figure, left_only: bool = False) -> str | None:
    return _adjacent_typed(seg, fig, left_only)[0]


def _adjacent_typed(seg: Segment, fig: Figure, left_only: bool = False) -> tuple[str | None, str | None]:
    """(class, rule) from the words right before or after the figure."""
    rel_end = fig.end - seg.start
    rel_start = fig.start - seg.start
    after = seg.text[rel_end:rel_end + 120]
    if left_only:
        m = _LEFT.search(seg.text[max(0, rel_start - 60):rel_start])
        if m:
            w = m.group("w").lower()
            cls = next((c for stem, c in _LEFT_CLASS.items() if w.startswith(stem)), None)
            return cls, "type.predicate_before"
        return None, None
    if _SEAT_AFTER.match(after):
        return "capacity", "type.seat_after"
    if _SURVIVING_VICTIMS.match(after) and not _PARTITIVE_BEFORE.search(seg.text[max(0, rel_start - 40):rel_start]):
        return "injured", "type.predicate_after"  # "the two victims are expected to survive": hurt, alive
    if _WITH_GUNSHOT.match(after):
        return "shot", "type.gunshot_after"
    if _WITH_INJURIES.match(after) and not _RIGHT.match(after):
        return "injured", "type.injuries_after"
    arrived = _ARRIVED_WOUNDED.match(after)
    if arrived:
        return ("shot" if "gunshot" in arrived.group("g").lower() else "injured"), "type.arrived_wounded"
    m = _RIGHT.match(after)
    if m and _PARTITIVE_BEFORE.search(seg.text[max(0, rel_start - 40):rel_start]):
        between = after[: m.start("w")]
        if m.group("w").lower() in _FINITE_ONLY or re.search(_AUX.replace("{0,4}", "{1,4}"), between, re.IGNORECASE):
            return None, None  # "one of the six later died": the head died, not the six
    if m:
        w = m.group("w").lower()
        if w in ("fatally",) or w.endswith(("to death", "survive")) or w.startswith(("pronounced", "declared",
                                                                                      "succumbed")):
            return "killed", "type.predicate_after"
        if w.startswith("in "):
            return "injured", "type.predicate_after"
        if w.startswith("treated for") or w in ("recovering", "burned", "burnt", "scalded"):
            return "injured", "type.predicate_after"
        if w.startswith(("taken", "transported", "rushed", "airlifted", "flown", "admitted", "treated")):
            hurt = _HOSPITAL_WITH_INJURIES.match(after, m.end())
            if hurt:  # "taken to hospital with burns": the people were hurt
                return ("shot" if hurt.group("g") else "injured"), "type.predicate_after"
            return "hospitalized", "type.predicate_after"
        if w.startswith(("suffer", "sustain", "received")):  # "four teens, ages 13 to 17, sustained injuries"
            return ("shot" if "gunshot" in w else "injured"), "type.predicate_after"
        if w in ("critically", "seriously", "gravely"):
            return "injured", "type.predicate_after"
        cls = _WORD_CLASS.get(w)
        if cls == "injured" and _FATALLY.search(after[: m.start("w")]):
            return "killed", "type.predicate_after"  # "fatally wounded", "mortally injured": the wound killed
        if cls == "shot" and _SHOT_AT.match(after, m.end()) and not _SHOT_AT_PLACE.match(after, m.end()):
            return None, None  # "two men shot at police"
        if cls == "shot":
            between = after[: m.start("w")].lower()
            if _FATALLY.search(between) or _KILLED_AFTER.match(after, m.end()):
                return "killed", "type.predicate_after"
            if _WOUNDED_AFTER.match(after, m.end()):
                return "injured", "type.predicate_after"
        if cls == "hospitalized":
            return "hospitalized", "type.predicate_after"
        return cls, "type.predicate_after"
    before = seg.text[max(0, rel_start - 60):rel_start]
    if _SENT_BEFORE.search(before) and _TO_HOSPITAL_AFTER.match(after):
        return "hospitalized", "type.predicate_before"  # "put three women into the hospital"
    m = _LEFT.search(before)
    if m and _unreal_before(before, m.start(), seg.text):
        return None, None  # "could have killed dozens", "threatened to kill three": what did not happen
    if m:
        w = m.group("w").lower()
        for stem, cls in _LEFT_CLASS.items():
            if w.startswith(stem):
                if stem in ("strik", "hit", "struck", "graz") and not _MEMBER_NOUN.match(after):
                    return None, None  # "hit 3 cars": only people hit by the shots are shot
                if cls == "shot" and _DEAD_AFTER.match(after) and not _ROUNDS_AFTER.match(after):
                    return "killed", "type.predicate_before"  # "shooting five people to death"
                if cls == "shot" and m.group("poss"):
                    # "shooting his two sisters": kin shot in a family killing were often killed; the
                    # possessive is read only after a verb that says what the shot did
                    return None, None
                if cls == "shot" and _ROUNDS_AFTER.match(after):
                    return None, None  # "fired / shot more than 20 rounds": shots, not people
                if cls == "shot" and _KILLING_AFTER.match(after):
                    return "killed", "type.predicate_before"
                return cls, "type.predicate_before"
    toll = _toll_before(seg.text[max(0, rel_start - TOLL_REACH - 40):rel_start])
    if toll:
        return toll, "type.predicate_before"
    return None, None


def _counted_noun(fig: Figure, toks):
    """(numeral head token, counted noun token or None, anchor token in the clause)."""
    head = None
    for t in toks:
        if t.head not in toks or t.head is t:
            head = t
            break
    if head is None:
        head = toks[-1]
    if fig.kind == "indefinite":
        noun = toks[-1]
        return head, noun, noun
    if head.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "det", "npadvmod") and \
            head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN", "ADJ", "VERB"):
        noun = head.head
        if noun.lower_ not in _PERSON_NOUNS:
            # "Two night shift workers": the numeral hangs on the first noun of a compound whose head is
            # the person noun (the parse read "two nights"); the person noun is the counted one
            top = noun
            while top.dep_ == "compound" and top.head.i > top.i and top.head.pos_ in ("NOUN", "PROPN"):
                top = top.head
            if top is not noun and top.lower_ in _PERSON_NOUNS:
                noun = top
        return head, noun, noun
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for o in c.children:
                if o.dep_ == "pobj":
                    return head, o, head
    # "6,200-seat": hyphen compound
    nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    if nxt is not None and nxt.text == "-" and head.i + 2 < len(head.doc):
        return head, head.doc[head.i + 2], head
    return head, None, head


# verbs whose subject is the attacker ("two men opened fire", "the gunmen who entered the bar")
_AGENT_VERBS = ("shooting", "firing", "fired", "opened", "entered")


def _type_from_parse(fig: Figure, toks) -> tuple[str | None, bool]:
    """(claim class or None, counted noun is an attacker noun)."""
    head, noun, anchor = _counted_noun(fig, toks)
    noun_word = noun.lower_ if noun is not None else None
    attacker = noun_word in _ATTACKER_NOUNS if noun_word else False
    if noun_word in _NOUN_CLASS:
        cls = _NOUN_CLASS[noun_word]
        if cls == "killed" and noun_word == "lives" and not any(
            t.lower_ in ("claimed", "lost", "took") for t in (noun.head, noun.head.head)
        ):
            return None, False
        if cls == "injured" and noun_word == "injuries" and fig.kind == "vague":
            return None, False
        return cls, False
    if noun is not None and not attacker and noun_word not in _PERSON_NOUNS \
            and not _AGE_NOUN.match(noun.text) and not _is_age_noun(noun):
        # "three shots", "two weapons", "14 years": not people
        if not (noun_word in ("victims", "victim") or noun.pos_ == "PROPN"):
            return None, False
    # the counted noun's own words: "62 wounded people", "people killed", "victims who were
    # hospitalized", "one fatally", "three others injured", "seven shooting victims"
    near = set()
    mods = []
    base = noun if noun is not None else head
    for c in base.children:
        if c.dep_ in ("amod", "relcl", "acl", "advmod", "compound", "appos", "oprd", "acomp"):
            mods.append(c)
    for c in head.children:
        if c.dep_ in ("advmod", "amod", "acl"):
            mods.append(c)
    for m in mods:
        if m.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") and (
                _is_active_agent(c, m) or m.lower_ in _AGENT_VERBS) for c in m.children):
            continue  # "the two men who opened fire, killing one visitor": the shooters, not the dead
        near |= _classes([m])
        if m.dep_ in ("relcl", "acl"):
            n2, p2 = _predicate_evidence(m)
            near |= n2 | p2
    if near & {"killed", "injured", "hospitalized", "detained", "missing"}:  # "7 others trapped underground"
        return _decide(near, set()), attacker
    # climb to the predicate the anchor is an argument of
    t = anchor
    while t.dep_ in ("conj", "appos") and t.head is not t:
        t = t.head
    rel, verb = t.dep_, t.head
    if rel == "pobj" and verb.lower_ == "of" and verb.head is not verb and verb.head.lower_ == "total" \
            and verb.head.pos_ == "NOUN":
        # "a total of four federal officers were shot and injured": "a total of" only counts the
        # group; the predicate is the one "total" is an argument of
        t = verb.head
        while t.dep_ in ("conj", "appos") and t.head is not t:
            t = t.head
        rel, verb = t.dep_, t.head
    if rel == "pobj" and verb.lower_ == "by" and verb.head is not verb:
        rel, verb = "agent", verb.head
    elif rel == "pobj" and (counted := _evidence("parse_count_to", verb)):
        return _pick(counted), attacker  # "the death toll ... climbed to 380" (rules parse.toll_to)
    elif rel == "pobj" and verb.lower_ in ("of", "among") and verb.head is not verb:
        holder = verb.head
        hcls = _WORD_CLASS.get(holder.lower_)
        if holder.lower_ in ("deaths", "death", "killings", "murders", "murder"):
            return "killed", attacker
        if hcls in ("killed", "injured") and holder.pos_ == "NOUN":
            return hcls, attacker
        if holder.lower_ in ("crowd", "audience"):
            return "attendance", attacker
        if holder.lower_ == "capacity":
            return "capacity", attacker
        return _decide(near, set()), attacker
    if rel not in ("nsubj", "nsubjpass", "dobj", "agent", "ROOT", "attr", "npadvmod", "appos",
                   "dative", "conj", "advcl"):
        return _decide(near, set()), attacker
    if rel == "ROOT":
        verb = t
    if rel == "nsubj" and (_is_active_agent(t, verb) or any(
            _is_active_agent(t, c) for c in verb.children if c.dep_ == "conj")
            or verb.lower_ in _AGENT_VERBS):
        return ("attackers" if attacker else None), attacker
    if any(c.dep_ == "neg" for c in verb.children):
        return None, attacker  # "one victim was not hospitalized"
    if _counterfactual(verb):
        return None, attacker  # "could have killed dozens": what did not happen
    n2, p2 = _predicate_evidence(verb)
    if rel == "dobj" and verb.dep_ == "conj" and verb.head.lower_ in _WORD_CLASS:
        head_cls, own = _WORD_CLASS[verb.head.lower_], _WORD_CLASS.get(verb.lower_)
        if (own is None and not any(c.lower_ in _WORD_CLASS for c in verb.children)) or \
                (own is not None and own != head_cls):
            # "wounding the four and sending 400 patrons scrambling", "killing one person and wounding
            # five others": the head verb shares its subject with the conjunct, not its object (the
            # five were wounded, not killed)
            n2 = n2 - {head_cls}
    if rel == "agent" and verb.lower_ in ("attended",):
        return "attendance", attacker
    cls = _decide(near | n2, p2)
    if cls in ("attendance", "capacity") and rel != "agent":
        cls = None
    return cls, attacker


def _fig_tokens(p, seg: Segment, fig: Figure) -> list:
    rel_a, rel_b = fig.num_start - seg.start, fig.num_end - seg.start
    return [t for t in p if t.idx < rel_b and t.idx + len(t.text) > rel_a]


_PREMODIFIER_DEPS = ("amod", "compound", "nmod", "npadvmod", "advmod", "punct", "hyph")


def _typed_past_modifiers(seg: Segment, fig: Figure, toks) -> tuple[str | None, str | None]:
    """(class, rule) from the words after the counted person noun when several premodifiers stand
    between it and the numeral: "four federal law enforcement officers were wounded", "two off-duty
    Chicago police officers were hurt", "three 17-year-old high school students were injured". The
    premodifiers must all hang under the noun in the parse (no clause, comma or other head between)."""
    head, noun, _ = _counted_noun(fig, toks)
    if noun is None or noun.lower_ not in _PERSON_NOUNS or noun.lower_ in _ATTACKER_NOUNS:
        return None, None
    if not 2 <= noun.i - head.i <= 6:
        return None, None
    for t in noun.doc[head.i + 1:noun.i]:
        if t.dep_ not in _PREMODIFIER_DEPS or noun not in t.ancestors or t.text in (",", ";", ":", "(", ")"):
            return None, None
    end = seg.start + noun.idx + len(noun.text)
    return _adjacent_typed(seg, dataclasses.replace(fig, end=end))


# "None of the 120 passengers was hurt": the figure counts the people the predicate denies (the
# negation rule negation.nobody_predicate gives the 0)
_NONE_OF_BEFORE = re.compile(r"\b(?:none|neither|not\s+one|no\s+one)\s+of\s+(?:the|its|their|his|her|those|these)\s+\Z",
                             re.IGNORECASE)
_CLASS_WORD_AFTER = re.compile(r"\s+(?:injured|wounded|hurt|dead|killed|slain|hospitalized)\b", re.IGNORECASE)
# "None of the 3 miners survived": every one of them died (not "survived by ...", a family left behind)
_NONE_SURVIVED_AFTER = re.compile(r"\A(?:\s+[\w-]+){0,3}?\s+(?:had\s+|have\s+)?survived\b(?!\s+by\b)",
                                  re.IGNORECASE)


def _classify(seg: Segment, p, fig: Figure) -> tuple[str | None, bool, str | None]:
    """(class of the figure, counted noun is an attacker noun, the rule that typed it)."""
    cls, attacker, rule = _classify_figure(seg, p, fig)
    rel = fig.start - seg.start
    if fig.kind == "number" and _NONE_OF_BEFORE.search(seg.text, max(0, rel - 30), rel) \
            and _NONE_SURVIVED_AFTER.match(seg.text[fig.end - seg.start:fig.end - seg.start + 60]):
        return "killed", attacker, "type.none_survived"
    if cls is not None and _NONE_OF_BEFORE.search(seg.text, max(0, rel - 30), rel) \
            and not _CLASS_WORD_AFTER.match(seg.text, fig.end - seg.start):
        return None, attacker, None  # the class came from the denied predicate, not "the four injured"
    return cls, attacker, rule


def _classify_figure(seg: Segment, p, fig: Figure) -> tuple[str | None, bool, str | None]:
    """(class of the figure, counted noun is an attacker noun, the rule that typed it)."""
    if fig.kind == "ordinal":
        (cls, rule), attacker = _adjacent_typed(seg, fig), False
    elif fig.start in seg.adjacent:
        cls, attacker, rule = seg.adjacent[fig.start]
    else:
        cls, attacker, rule = _type_from_adjacent(seg, fig)
    adjacent = cls
    toks = _fig_tokens(p, seg, fig) if p is not None else None
    if cls is None and toks and fig.kind == "number":
        cls, rule = _typed_past_modifiers(seg, fig, toks)
        adjacent = cls
    if toks:
        pcls, p_attacker = _type_from_parse(fig, toks)
        attacker = attacker or p_attacker
        if cls is None:
            cls, rule = pcls, "type.parse"
        if cls in ("killed", "injured", "shot") and not attacker:
            # "two men shot a woman": the counted people are the shooters
            head, noun, anchor = _counted_noun(fig, toks)
            t = anchor
            while t.dep_ in ("conj", "appos") and t.head is not t:
                t = t.head
            if t.dep_ == "nsubj" and _is_active_agent(t, t.head) and adjacent is None:
                cls = None
    if fig.kind == "ordinal":
        noun = fig.surface.split()[-1].lower()
        if noun in _ATTACKER_NOUNS:
            attacker = True
        elif cls is None and noun == "victim":
            cls = "casualties"
        elif cls == "injured":
            # "a fourth victim was wounded": the ordinal counts every victim so far, the dead too
            # (three were killed, the fourth hurt: injured 4 less the killed, as "4 shot")
            cls = "shot"
        rule = "inference.ordinal_person"
    return cls, attacker, rule
