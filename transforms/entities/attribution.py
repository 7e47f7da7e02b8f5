"""link_attributions: a claim's attributed span -> the entity it names."""

from __future__ import annotations

from collections import defaultdict

import polars as pl

from transforms.entities.names import name_key, trim_span


def link_attributions(claims: pl.DataFrame, mentions: pl.DataFrame,
                      entities: pl.DataFrame | None = None) -> pl.DataFrame:
    """Fill claims.attributed_to with the entity_id of the attributed span (rules in the module docstring).

    ``entities`` (optional) adds their aliases to the surface lookup.
    """
    if not claims.height:
        return claims if "attributed_to" in claims.columns else claims.with_columns(
            pl.lit(None, pl.String).alias("attributed_to"))
    cols = [c for c in ("attributed_surface", "attributed_char_start", "attributed_char_end") if c in claims.columns]
    if "attributed_surface" not in cols:
        return claims.with_columns(pl.lit(None, pl.String).alias("attributed_to"))
    by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    key_entities: dict[str, set[str]] = defaultdict(set)
    article_keys: dict[tuple[str, str], set[str]] = defaultdict(set)
    mk = mentions if "name_key" in mentions.columns else mentions.with_columns(
        pl.col("surface").map_elements(name_key, return_dtype=pl.String).alias("name_key"))
    for aid, s, e, eid, key, lab in mk.select("article_id", "char_start", "char_end", "entity_id", "name_key",
                                              "label").iter_rows():
        if eid is None:
            continue
        by_article[aid].append((s, e, eid, lab))
        key_entities[key].add(eid)
        article_keys[(aid, key)].add(eid)
    if entities is not None and entities.height:
        for eid, canon, al in entities.select("entity_id", "canonical_name", "aliases").iter_rows():
            for nm in [canon, *(al or [])]:
                key_entities[name_key(nm)].add(eid)

    def link(aid, surface, s, e):
        if surface is None and s is None:
            return None
        if s is not None and e is not None:
            best = None
            for ms, me, eid, lab in by_article.get(aid, ()):
                ov = min(e, me) - max(s, ms)
                if lab in ("GPE", "LOC", "NORP", "FAC") and me < e - 1:
                    continue  # a modifier of the source, not the source: "Moscow mayor", "Russian officials"
                if ov > 0:
                    k = (ov, me - ms)
                    if best is None or k > best[0]:
                        best = (k, eid)
            if best is not None:
                return best[1]
        if not surface:
            return None
        start, end = 0, len(surface)
        span = trim_span(surface, start, end, "ORG")
        key = name_key(surface[span[0]:span[1]]) if span else ""
        if not key:
            return None
        local = article_keys.get((aid, key), set())
        if len(local) == 1:
            return next(iter(local))
        glob = key_entities.get(key, set())
        return next(iter(glob)) if len(glob) == 1 else None

    starts = claims["attributed_char_start"].to_list() if "attributed_char_start" in cols else [None] * claims.height
    ends = claims["attributed_char_end"].to_list() if "attributed_char_end" in cols else [None] * claims.height
    out = [link(a, sf, s, e) for a, sf, s, e in zip(claims["article_id"].to_list(),
                                                    claims["attributed_surface"].to_list(), starts, ends)]
    return claims.with_columns(pl.Series("attributed_to", out, dtype=pl.String))
