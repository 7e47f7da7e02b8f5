"""The entity tables' column schemas and the classes of labels the small model confuses."""

from __future__ import annotations

import polars as pl


LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART")
_CLASS = {"PERSON": "PERSON", "GPE": "PLACE", "LOC": "PLACE", "ORG": "ORGFAC", "FAC": "ORGFAC",
          "NORP": "NORP", "EVENT": "EVENT", "PRODUCT": "PRODUCT", "WORK_OF_ART": "WORK_OF_ART"}

MENTION_SCHEMA: dict[str, pl.DataType] = {
    "mention_id": pl.String,
    "article_id": pl.String,
    "entity_id": pl.String,  # NULL until resolve_entities
    "surface": pl.String,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
    "label": pl.String,
    "name_key": pl.String,
    "source": pl.String,  # ner | ruler | dateline | city_state | agency | in_place | resident | district
}
ENTITY_SCHEMA: dict[str, pl.DataType] = {
    "entity_id": pl.String,
    "canonical_name": pl.String,
    "entity_type": pl.String,
    "aliases": pl.List(pl.String),
    "article_count": pl.Int32,
    "mention_count": pl.Int32,
}
ALIAS_SCHEMA: dict[str, pl.DataType] = {
    "alias": pl.String,
    "canonical_name": pl.String,
    "entity_type": pl.String,
}
