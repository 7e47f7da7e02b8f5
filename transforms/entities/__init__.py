"""Named entities: mentions from spaCy docs, aliases merged into entities, claim attribution.

Pure functions: Polars frames (and spaCy Docs made by the caller) in, frames out.
Nothing here opens a file; the alias table is read by the flow and passed in.

Mentions (``entity_mentions``, one row per mention, per batch)
--------------------------------------------------------------
- Kept labels: PERSON ORG GPE LOC FAC NORP EVENT PRODUCT WORK_OF_ART (dates,
  numbers, money ... are other modules' business).
- The span is trimmed to the name, so ``surface`` is the name as written and
  ``body_clean[char_start:char_end] == surface`` always: leading articles and
  context words ("the", "former", "to"), titles and ranks of people
  ("President", "Sheriff", "Sgt.", "Dr." ...), an age glued to a person's name
  ("Jane Doe, 34" -> Jane Doe, "Doe 34" -> Doe), brackets, a trailing possessive
  ("Interpol's" -> Interpol) and trailing generic nouns of groups ("the Islamic
  State group" -> Islamic State) are cut off; of an entity spanning lines, the
  last line that holds a name is kept ("Weather, Sports\\n\\nThe Albany Police
  Department" -> the department; "Malijha Grant\\n\\nPolice" -> Malijha Grant).
- The small model misses or mislabels small US places. Rules over the text
  and the tokens add or relabel GPE mentions (``source`` names the rule):
  ``dateline`` ("GASTON, S.C. (AP) —" at the start of a line: city and state),
  ``city_state`` ("<Town>, <State>" with a US state name, AP abbreviation or
  postal code), ``agency`` ("<Town> police", "<Town> Police Department",
  "<X County> Sheriff's Office": the place inside the agency name, as a nested
  mention), ``in_place`` (an ORG/PERSON/LOC/PRODUCT name after "in", "near",
  "outside", "north of" ...), ``resident`` ("a Joplin girl", "an 18-year-old
  Fort Towson man") and ``district`` ("northeast Raleigh", "Southwest
  Philadelphia": the city inside). Then every mention of a name that a rule
  made a place in that article becomes GPE, and the other names take the
  article's majority label -- except the first or last name of a person the
  article names in full ("Riley" after "Riley Spitler"), which is PERSON when
  the model says so once (its majority may be ORG: the small model is weak on
  lone first names); the ``in_place`` rule ("found near Hayes' body") does not
  make such a name a place either.
- Dropped as unreliable: names only in a Title Case headline or section
  heading and nowhere else ("Moscow Concert Hall Leaves", "Initial Assault"),
  unless a named ruler pattern found them; a capitalised common noun opening a
  sentence that the text also has in lower case; model names with ", " in them
  ("Weather, Sports"); words for any police or office ("Sheriff's Office",
  "Detectives") and page furniture. A "person" whose last word is a facility or
  organisation word is relabelled ("Stroger Hospital" FAC, "James St." FAC).
- ``name_key`` is the matching key: accents and case folded, dots and
  apostrophes dropped, other punctuation -> space, "saint" -> "st".

Entities (``resolve_entities``, global over every mention in the warehouse)
-------------------------------------------------------------------------
Mentions are grouped in classes that the small model confuses with each other
(PERSON | GPE+LOC | ORG+FAC | NORP | EVENT | PRODUCT | WORK_OF_ART) and merged:

1. the reviewed alias table (alias, canonical_name, entity_type): a mention
   whose key is an alias (or the canonical name) joins that entity and takes
   its type, whatever its label (the model calls the Islamic State NORP too).
   Short all-capital aliases ("IS") apply only to a mention written exactly so
   with the alias's label (ORG). Built in after the table: US state names and
   abbreviations ("Fla.", "KY"; not "LA") for GPE/LOC mentions only;
2. within an article: a person named by part of a longer name ("Putin" after
   "Vladimir Putin", "Smith" after "Sheriff John Smith") joins it when only
   one such longer name exists; an acronym joins the unique ORG/FAC name of the
   article with those initials ("BPD" -> Bakersfield Police Department);
3. the same class and key anywhere -> one entity;
4. near-identical names merge only in context: within one article or one event
   (``article_events``), ORG/FAC names with the same distinctive first word and
   the same head noun ("Crocus Concert Hall" / "Crocus City Hall") or a
   rapidfuzz ratio >= 90, places with ratio >= 90, people with the same
   surname and a first name of ratio >= 80 or a matching initial;
5. across the corpus only typo-level variants merge (ratio >= 95 on keys of
   >= 8 characters, same class, same first three characters; never people).
   Candidates are blocked by (class, first three characters of the key), so the
   cost grows with block sizes, not with all pairs.

entity_type: the alias type, else the majority label (ties: GPE, FAC, ORG,
PERSON, LOC, ...); mention labels are final (entity_mentions already voted
within the article), so the warehouse's mentions without the ``source`` and
``name_key`` columns resolve exactly like fresh ones. canonical_name: the alias canonical name, else the variant
named in most articles (people: among the longest names), preferring mixed
case; all-capital place and person names are title-cased ("MEMPHIS" ->
Memphis). aliases: every other variant seen plus the alias-table aliases.
entity_id = first 16 hex of sha256("<entity_type>|<key of canonical_name>"):
the same data gives the same ids on every run.

Attribution (``link_attributions``)
-----------------------------------
A claim's attributed span points at the entity of the mention that overlaps
it most (the outermost on ties) in the same article; a place or nationality
that only modifies the source ("Moscow mayor", "Russian officials") is not the
source. Without an overlapping mention: an entity whose name or alias has the
surface's key, when only one entity does (the article's own entities first).
"police" stays NULL.
"""

from __future__ import annotations

from transforms.entities.schema import ALIAS_SCHEMA, ENTITY_SCHEMA, LABELS, MENTION_SCHEMA  # noqa: F401
from transforms.entities.names import GENERIC_KEYS, entity_id, mention_id, name_key, trim_span  # noqa: F401
from transforms.entities.places import STATE_KEYS, US_STATES  # noqa: F401
from transforms.entities.mentions import entity_mentions  # noqa: F401
from transforms.entities.resolve import resolve_entities, state_aliases  # noqa: F401
from transforms.entities.attribution import link_attributions  # noqa: F401

__all__ = [
    "ALIAS_SCHEMA", "ENTITY_SCHEMA", "LABELS", "MENTION_SCHEMA", "GENERIC_KEYS", "STATE_KEYS", "US_STATES",
    "entity_id", "entity_mentions", "link_attributions", "mention_id", "name_key", "resolve_entities",
    "state_aliases", "trim_span",
]
