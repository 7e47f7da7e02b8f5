"""Articles -> claims: every count an article states, typed, bounded and attributed.

Pure: takes the staged articles, their spaCy NER docs and a ``parse`` callable
(``flows.nlp.Nlp.parse``), returns a Polars frame of CLAIM_SCHEMA. Grain: one
row per (article, claim_type, span) -- each figure the article states. The names
claims see (PERSON, ORG, GPE ...) are the pipeline's corrected entity mentions
(transforms.entities.entity_mentions: trimmed, relabelled, place rules applied), the
same ones the entities table holds; the doc gives only its other labels (DATE, TIME,
CARDINAL ...).

How a claim is found
--------------------
1. Sentences: the NER doc's sentences, cut again at line breaks (the title
   line never runs into the lead). Lines that link other stories
   ("RELATED: 2 killed in ...", "STORY: ...", "Read more") are skipped, and so
   are whole lines of photo captions ("Caption ...") and "Read <headline>" links.
2. Figures (transforms.figures) in sentences that hold a keyword of some
   claim type. Each figure is typed first from the words next to it:
   "62 dead", "1 killed, 3 hurt", "more than 60 fatalities", "three
   assailants", "145 victims who were hospitalized", "killing three",
   "fatally shooting two", "left 40 dead", "death toll rose to 40",
   "the 6,200-seat hall", "attended by hundreds", "one fatally"; an active
   subject is not a victim ("two men shot a woman").
3. The dependency parse (``parse``) types what the neighbouring words do not:
   the counted noun (nummod head, "one of the victims"), its own modifiers
   and the predicate it is subject/object of, with conjuncts, complements,
   adverbs and "to the hospital" / "in critical condition" phrases.
   Throughput budget: only PARSE_SHARE (10%) of an article's characters are
   parsed, all articles' sentences in ONE ``parse`` call: first sentences
   with a figure nothing else types, then the first two sentences with a
   casualty word (title and lead). Measured on gva_dev: the parse adds about
   one point of accuracy over patterns alone (parse=None also works).
4. Single victims without a numeral count 1 -- the patient of a casualty
   predicate: "A 23-year-old man was shot and killed" (killed 1; the age is
   not a count), "Smith died", "the victim was pronounced dead", "he is in
   critical condition", "killed his wife", "the shooting death of a
   3-year-old"; from patterns on every sentence plus the parse where there is
   one. The object of an active "shot"/"killed" may be a capitalised name the NER
   did not label PERSON ("They shot Giddings"; not in headline-case lines, not a
   place before a capitalised word or a person noun: "shot Milwaukee police
   officer ..."); "was treated for (his) injuries" says the person was hurt, and so do
   "burned" / "scalded" (not "three homes were burned"), "a firefighter whose leg was
   crushed" and victims who survived ("one victim survived", "the two victims are expected
   to survive", a bare "Both were treated for burns and released"). "Another worker" after
   "a worker" who died is someone else; a negated predicate ("were not hurt") is no victim.
   Coordinations add up: "Smith and his wife were killed" (2), "a
   woman and two children were shot" (3), "4 adults, 1 child shot" (5),
   "kills 3 bandmates, self" (4); a list after an active verb or "the bodies of" that mixes
   people and counts: "killed her and three other people" (4), "killing Jacinta Walker, 18, and
   Aveion Bolden, 20" (2), "the bodies of two miners and a rescue worker" (3) -- but not a
   breakdown ("six people, three men and three women") nor "his brother or a friend" (1). "Smith from
   Springfield died": where the person is from is skipped; a name the NER
   labels ORG/GPE/NORP/FAC right after an age ("23-year-old Davienne Lewis") is
   a person. People "also" shot ("X, Y and Z were also struck by bullets") are
   besides the dead: their count is not reduced by the killed count. What struck people as the
   subject of an active "struck" / "hit" ("Gunfire struck a woman and three others", "falling debris
   struck four workers") says its object was hit, as the passive "was struck by gunfire" does.
5. Inferences that state a count without a numeral: "a double homicide"
   (killed 2), "a triple shooting" (3 shot), "a murder-suicide" (killed, at
   least 2), "a third victim" (at least 3), "both died" (2); "shot and killed
   his daughter before turning the gun on himself" -> killed 1 + 1 (the
   bounds carry the +1, value_stated stays the number written); so does the killer killed by
   others after the killing ("killed four Marines before he himself was shot dead"); "Smith was
   also killed" after single victims is one more than the dead named before. A counterfactual
   ("could have killed dozens") is no count.
6. Counts of negated events are claims of value 0, qualifier exact,
   negated true: "no one was injured", "no other injuries were reported",
   "the officer was not hurt", "escaped unharmed", "no arrests".

Claim types
-----------
killed, injured, hospitalized, missing, attackers, detained, evacuated,
attendance, capacity (DESIGN.md) and casualties (killed or injured, not said
which: "multiple casualties", "a third victim" with no predicate). Unit is
'people', or 'seats' for capacity.

- "shot" is not a type: people shot are killed (when the text says so:
  "shot and killed", "fatally shot", "shot dead", "one fatally") or
  injured. Rule for "N shot, M killed": a count of people shot becomes an
  *injured* claim of N - M, where M is the killed count stated in the same
  sentence, else the largest killed count (value_low) of the article;
  value_stated stays N (as written), value_low/high carry N - M. If N - M
  <= 0 nobody is left injured and no claim is made; with no killed count,
  injured = N. The attacker's own death is not among the people shot: a reflexive
  "killing himself" is not subtracted, a count that counts the attacker (the killer's
  suicide, 4 + 1) subtracts its victims (4). Counts of "others" ("three others were shot") and people the
  sentence says lived ("survived", "stable condition", "non-life-threatening", a
  limb wound: "shot in the leg", "struck in the foot", "grazed", unless the
  sentence states a death after it) are not reduced. "N did not survive" is a
  killed count: "Four people were shot, and two did not survive" (killed 2,
  injured 2).
- "Taken to the hospital" / "hospitalized" gives a hospitalized claim and,
  in an article about violence, an injured claim with the same bounds (less
  the killed count stated in the same sentence). Who "showed up at",
  "arrived at", "drove to" ... a hospital is not said to be hurt, unless
  the sentence says with what ("two men showed up at the hospital with
  gunshot wounds": injured 2); "N other people showed up ... with wounds"
  are besides the hurt counted in earlier sentences (a claim of the sum).
- A partitive death ("One of the victims later died", "one of them died")
  says the dead were among a group counted before: injured counts written
  before it (not counts of "others", not counts already less the killed) lose
  that many. So does a count of people hurt whose own sentence names the part of it that
  died: "Three people were wounded, one fatally" (injured 2), ", two of them already dead",
  ", including a woman who later died".
- A single victim the article says died is not also counted injured: a
  small coreference links "He was taken to a hospital where he died", "the
  boy" (the last victim mentioned, when the head noun is generic or the
  same), names (a shared name token) and he/she (the nearest PERSON name or
  victim before it); "a man", "his wife" and "himself" are new people. An
  injured single victim inside a killed span ("The injured person was
  declared deceased") is that dead person, and so is a victim taken to a hospital
  whose own sentence says they died there, no pronoun (or a singular "they")
  naming them again ("He was taken to Mercy Hospital, where was pronounced dead",
  "where they later died").
- Distinct roles: a police officer (officer, deputy, trooper, ...) and someone
  who is not police are two people. When the injured single victims left
  (described or named, not pronouns) include both, the first mention of the
  later role counts at least 2: "an officer was grazed ... The suspect was
  shot in the leg" -> injured 1 and injured at_least 2 (value_stated 1).
- Attacker nouns (gunmen, assailants, attackers, shooters, suspects ...)
  give an attackers claim, and the predicate may type them too: "detained
  all four direct assailants" -> detained 4 and attackers 4. An elliptical
  count inherits the type: "three assailants while others mentioned five".
- Aggregates are not incident figures: numeric killed/injured counts in a
  sentence about a period or many incidents ("this year", "so far", "since
  2010", "in July", "shootings across the city", "shootings across Chicago", "in 6 weekend shootings", "two
  Friday night shootings that killed one", "a violent two-hour span in which",
  "in the span of six hours", "wounded in Chicago shootings", "hurt in weekend stabbings":
  "in", modifiers (not a determiner) and a plural crime noun; "violent night in Detroit leaves 2 dead"; a window:
  "since 8 p.m.", "from Saturday morning to early Monday", "between Tuesday and Wednesday",
  "in less than 30 hours" -- not "within 24 hours of the explosion")
  are kept as
  claims flagged is_background and take no part in the rules above
  (coordinations, "N shot, M killed" against the article's killed count).

Scope (is_background, scope)
----------------------------
A claim is background when its figure is about something other than the
article's own incident; it stays in the output (it is a stated figure) and
article_figures leaves it out of best_value. claims.scope says which:
'aggregate' (a statistic: the aggregate rule above), 'other' (another incident:
the rules below), 'main' (the article's own incident, is_background false). Figures in the title are never
background (the exception: the aggregate rule above). A figure is background
when its sentence
- is an aggregate (see above);
- is a line of a video playlist: the clip's length, then another story's headline
  ("0:50 One dead after shooting involving officer");
- opens on another time: "Earlier Sunday, ...", "About 20 minutes earlier, ...", "Last summer, ...";
- names another incident: "a separate / an unrelated / a similar / an earlier
  / a previous / a prior shooting (incident, attack, case, homicide, ...)",
  "in another shooting", "in separate incidents", "the two shooting deaths
  ... were not connected";
- makes a comparison ("the deadliest / worst / bloodiest ... since", "... in
  U.S. history") and the figure comes after it: "the deadliest since 2012,
  when a gunman killed 12" (12 is background; in "more than 60 fatalities, one
  of the deadliest attacks since the 2004 Beslan siege" 60 is not);
- dates it elsewhere: the date mention (the pipeline's date_mentions frame, passed
  to extract_claims; else transforms.dates.find_date_mentions on the sentence)
  nearest to the figure, outside a
  comparison, is a day more than BACKGROUND_DAYS (5) before the incident date
  ("Exactly one week ago, on June 29, ..."; "Five people were shot ... Dec. 3"),
  a month that ended more than 5 days before it ("in April"), or an earlier
  year ("in 1991", "the 2012 massacre", "last year", "three years ago"). The
  incident date is the article's event_date; when that is missing or only the
  published-date fallback (event_date_source), published_date with a slack of
  BACKGROUND_DAYS_PUBLISHED (31). Weekdays ("Monday": the latest Monday),
  page metadata ("Posted: March 2, 2013") and dates after the figure behind a
  relative pronoun ("killed Pritchett, 80, who began the company in 1980")
  never date a figure elsewhere, unless the relative clause states the casualty ("a
  7-year-old girl who was fatally shot in the same neighborhood in 2012"). A follow-up story: when every casualty figure
  of the lead (the first body sentence with one) is dated before the incident
  date ("arrested in connection with the shooting of three people on Jan.
  27"), the lead's date becomes the incident date.
Claims derived from a background claim (killer's suicide, hospitalized ->
injured, N shot - M killed) are background too; background killed counts are
not subtracted from the incident's "N shot".

Rules as data: hedging, negation and the saying verbs of attribution are spaCy
Matcher / PhraseMatcher rules, and the parse evidence ("to death", "in critical
condition", "lost their lives", "struck by gunfire") DependencyMatcher rules, all rows
of rules/*.yaml (docs/RULES.md lists them).

hedged: the sentence says the figure may change or is unconfirmed ("may
rise", "could climb", "expected to rise", "fears that", "unconfirmed",
"unverified", "not yet confirmed", "preliminary", "initial reports",
"reportedly", "believed to"). negated: see 6. in_title: the span lies in
the title (the first line of body_clean).

attributed_*: the source the sentence names nearest to the figure: the
subject of a saying verb ("police said" -> "police", "Seattle police said",
"The Moscow Regional Health Ministry released a list of 145 victims" ->
"Moscow Regional Health Ministry"), "said Sgt. John Smith", "according to
the coroner"; the NER entity (ORG, PERSON, GPE, NORP, FAC) gives the span
when it covers the source, else capitalised words and source nouns (police,
authorities, coroner, officials ...); a leading "the" is dropped; pronouns
are not sources; NULL when the sentence names none.
"""

from transforms.claims.output import CLAIM_SCHEMA, extract_claims
from transforms.claims.vocab import CLAIM_TYPES

__all__ = ["CLAIM_SCHEMA", "CLAIM_TYPES", "extract_claims"]
