"""Articles -> the claims frame (CLAIM_SCHEMA): runs the steps per sentence, the article passes, and writes the rows."""

from __future__ import annotations

import re
from collections.abc import Callable

import polars as pl

from transforms import entities as entities_t
from transforms import lexicon
from transforms.ids import stable_id
from transforms.claims.vocab import _MULTI_GATE, _ORDINAL_GATE, _TRIGGER_WORDS
from transforms.claims.model import Claim, Overlap, Segment
from transforms.claims.sentences import _choose_parses, _plan
from transforms.claims.singles import _singular_claims, _singular_regex
from transforms.claims.inference import _also_killed, _attacker_added, _fatal_title_claims, _others_added, _suicide_claims
from transforms.claims.candidates import _figure_claims, _others_at
from transforms.claims.uncounted import _leave_out_uncounted
from transforms.claims.negation import _negated_claims
from transforms.claims.hedging import is_hedged
from transforms.claims.attribution import _nearest, _sources
from transforms.claims.scope import Scope, is_aggregate
from transforms.claims.resolve import (_resolve_arrivals, _resolve_dead_among, _resolve_one_of_dead, _resolve_overlap,
                                       _resolve_partitive, _resolve_people)
from transforms.claims.choice import CHOICE_COLUMNS, choose


CLAIM_SCHEMA: dict[str, pl.DataType] = {
    "claim_id": pl.String,
    "article_id": pl.String,
    "claim_type": pl.String,
    "value_stated": pl.Int64,
    "value_low": pl.Int64,
    "value_high": pl.Int64,
    "qualifier": pl.String,
    "unit": pl.String,
    "surface": pl.String,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
    "sentence": pl.String,
    "hedged": pl.Boolean,
    "negated": pl.Boolean,
    "in_title": pl.Boolean,
    "is_background": pl.Boolean,
    "attributed_surface": pl.String,
    "attributed_char_start": pl.Int32,
    "attributed_char_end": pl.Int32,
    "published_date": pl.Date,
    "rule_id": pl.String,
    "scope": pl.String,
    "derived_from": pl.String,
    "person_id": pl.String,  # the roster person a single-victim claim names (transforms/claims/roster.py)
    "includes_attacker": pl.Boolean,  # a killed count that counts the attacker (the killer's suicide)
    **CHOICE_COLUMNS,  # the article's figure (transforms/claims/choice.py)
}

_DEATH_LISTS = lexicon.words("claims_gates", "death_lists")  # "the bodies of A, B and C"

# "all four victims were taken to hospitals", "the three victims were transported": every victim,
# the dead too
_ALL_VICTIMS = re.compile(r"\b(?:all|the|all\s+the|all\s+of\s+the)\s+\Z", re.IGNORECASE)

_VIOLENCE = re.compile(r"\b" + lexicon.alternation("claims_grammar", "violence_words") + r"\b", re.I)


HEADLINE_WORDS = 20  # a first line longer than this is no headline


def _seg_dates(seg: Segment, mentions: list[dict] | None) -> list[dict] | None:
    """The article's date mentions inside the sentence, char_start made relative to it."""
    if mentions is None:
        return None
    return [{**m, "char_start": m["char_start"] - seg.start} for m in mentions
            if seg.start <= m["char_start"] and m["char_end"] <= seg.end]


def _article_claims(row: dict, ents: list, segs: list[Segment], parsed: list,
                    mentions: list[dict] | None = None) -> list[dict]:
    body = row["body_clean"]
    title = row.get("title")
    title_end = -1
    if title:
        pos = body.find(title)
        title_end = pos + len(title) if pos >= 0 else -1
    # the headline: the title, else the body's first line (a title-less article: tests, pasted text)
    head_end = title_end if title else (body.find("\n") if "\n" in body else len(body))
    if len(body[:max(head_end, 0)].split()) > HEADLINE_WORDS:
        head_end = -1  # a paragraph, no headline
    claims: list[Claim] = []
    meta = {}
    violent = bool(_VIOLENCE.search(body))
    event = row.get("event_date")
    if row.get("event_date_source") == "published_date_fallback":
        event = None  # no date in the text dates the incident
    lead = True  # the first body sentence with a casualty claim is still to come
    for k, seg in enumerate(segs):
        p = parsed[seg.parse_index] if seg.parse_index is not None else None
        found: list[Claim] = []
        fatal = _fatal_title_claims(seg) if seg.end <= head_end else []
        if not (seg.words & _TRIGGER_WORDS) and not fatal:
            continue
        negated = _negated_claims(seg)
        covered: list[tuple[int, int]] = [(c.start, c.end) for c in negated]
        if seg.figures or seg.words & (_MULTI_GATE | _ORDINAL_GATE):
            aggregate = is_aggregate(seg)
            fc, fig_covered = _figure_claims(seg, p, aggregate)
            found.extend(fc)
            covered += fig_covered
        if seg.singular or seg.words & _DEATH_LISTS:
            singles = _singular_regex(seg, covered)
            if p is not None:  # the parse finds what patterns miss; patterns mend bad parses
                spans = [(c.start, c.end) for c in singles]
                singles += [c for c in _singular_claims(p, seg, covered)
                            if not any(a < c.end and c.start < b for a, b in spans)]
            found.extend(singles)
        taken = {(c.start, c.end) for c in found}
        found.extend(c for c in negated if (c.start, c.end) not in taken)
        if fatal and not any(c.claim_type == "killed" for c in found):
            found.extend(fatal)  # "Police Investigate Fatal Shooting": a death, no count
        found = _leave_out_uncounted(seg, found)  # "a pregnant woman and her unborn child": 1
        if not found:
            continue
        found.extend(_suicide_claims(seg, found))
        extra = []
        for c in found:
            if c.claim_type == "hospitalized" and violent and not c.negated:
                # hospitalized after violence = hurt; a count may include who later died. A
                # bound, never exact: people hurt but not taken to a hospital are not counted
                if c.value_low is None:
                    continue  # "up to 5 hospitalized" says nothing about how many were hurt
                extra.append(Claim("injured", c.value_stated, c.value_low, None,
                                    "at_least", c.start, c.end, ref=c.ref,
                                    overlap=(Overlap.ARTICLE if c.rule == "inference.ordinal_person"
                                             or _ALL_VICTIMS.search(body, max(0, c.start - 12), c.start)
                                             else Overlap.SENTENCE) if c.ref is None and not _others_at(body, c.end)
                                    else None, background=c.background, aggregate=c.aggregate,
                                    rule="inference.hospitalized_injured", source=c))
        found.extend(extra)
        found.extend(_others_added(seg, found))
        dates = _seg_dates(seg, mentions) if seg.end > title_end else None
        scope = None if seg.end <= title_end else Scope(seg, row.get("published_date"), event, dates)
        if scope is not None and lead and scope.far:
            lead = False
            casualties = [c for c in found if c.claim_type in ("killed", "injured") and not c.negated]
            dated = [scope.dated_elsewhere(c) for c in casualties]
            if dated and all(d is not None for d in dated):
                # the lead reports an incident before the event date: a follow-up story (an
                # arrest, a trial); that incident is the article's own
                event = min(dated)
                scope = Scope(seg, row.get("published_date"), event, dates)
        elif scope is not None and any(c.claim_type in ("killed", "injured") for c in found):
            lead = False
        for c in found:
            c.seg = k
            if scope is not None and not c.background:
                c.background = scope.background(c)
        meta[k] = (seg, is_hedged(seg), _sources(seg))
        claims.extend(found)
    person_ents = [(s, frozenset(w.lower() for w in body[s:e].split())) for s, e, lab in ents
                   if lab == "PERSON"]
    rows = []
    seen = set()
    # a headline's 'fatal shooting' is no count: it takes no part in the passes ("N shot" less the dead)
    fatal = [c for c in claims if c.rule == "inference.fatal_incident"]
    claims = [c for c in claims if c.rule != "inference.fatal_incident"]
    resolved = _resolve_arrivals(_resolve_one_of_dead(_resolve_partitive(_resolve_dead_among(
        _resolve_overlap(_resolve_people(claims, person_ents, body)), body), body), person_ents, body), body)
    for c in _also_killed(_attacker_added(resolved, body), body) + fatal:  # after "N shot - M killed": the attacker is no one shot
        seg, hedged, sources = meta[c.seg]
        attrib = _nearest(sources, c, body)
        key = (c.claim_type, c.start, c.end)
        if key in seen:
            continue
        seen.add(key)
        surface = body[c.start:c.end]
        a_surface = a_start = a_end = None
        if attrib is not None:
            a_start, a_end = attrib
            a_surface = body[a_start:a_end]
        cid = stable_id(row["article_id"], c.claim_type, c.start, c.end)
        rows.append({
            "claim_id": cid,
            "article_id": row["article_id"],
            "claim_type": c.claim_type,
            "value_stated": c.value_stated,
            "value_low": c.value_low,
            "value_high": c.value_high,
            "qualifier": c.qualifier,
            "unit": c.unit,
            "surface": surface,
            "char_start": c.start,
            "char_end": c.end,
            "sentence": seg.text,
            "hedged": hedged,
            "negated": c.negated,
            "in_title": title_end >= 0 and c.end <= title_end,
            "is_background": c.background,
            "attributed_surface": a_surface,
            "attributed_char_start": a_start,
            "attributed_char_end": a_end,
            "published_date": row.get("published_date"),
            "rule_id": c.rule,
            "scope": c.scope,
            "derived_from": (stable_id(row["article_id"], c.source.claim_type, c.source.start, c.source.end)
                             if c.source is not None else c.source_rule),
            "person_id": stable_id(row["article_id"], "person", c.person) if c.person is not None else None,
            "includes_attacker": c.includes_attacker,
        })
    return rows


def _article_ents(doc, names: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """(start, end, label) in text order: the article's corrected names, and the doc's entities
    of the labels that are not names (DATE, TIME, CARDINAL ...) where no name covers them."""
    if doc is None:
        return sorted(names)
    other = [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ not in entities_t.LABELS
             and not any(a < e.end_char and e.start_char < b for a, b, _ in names)]
    return sorted(names + other)


def extract_claims(
    articles: pl.DataFrame,
    docs: list,
    parse: Callable[[list[str]], list] | None,
    date_mentions: pl.DataFrame | None = None,
    entity_mentions: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Claims of every article (CLAIM_SCHEMA); ``docs[i]`` is the NER doc of ``articles[i]``.

    ``parse`` dependency-parses the candidate sentences, all in one call. ``date_mentions``:
    the pipeline's date_mentions frame of these articles (transforms.dates.date_mentions), so
    claims date their figures with the mentions the run stores; without it (dev tools, tests)
    each sentence's mentions are found again.
    ``entity_mentions``: the pipeline's entity_mentions frame of these articles
    (transforms.entities.entity_mentions: the NER's names trimmed, relabelled and corrected by
    the place rules); without it they are computed from the docs the same way, so claims and the
    entities table always see the same names. The doc's other entities (DATE, TIME, CARDINAL ...,
    which are not names) come from the doc.
    """
    if len(docs) != articles.height:
        raise ValueError(f"{len(docs)} docs for {articles.height} articles")
    rows_in = list(articles.iter_rows(named=True))
    plans = []
    texts: list[str] = []
    all_ents = []
    if entity_mentions is None:
        entity_mentions = entities_t.entity_mentions(articles, docs) if rows_in else None
    names_of: dict[str, list[tuple[int, int, str]]] = {}
    if entity_mentions is not None:
        for aid, a, b, label in entity_mentions.select(
                "article_id", "char_start", "char_end", "label").iter_rows():
            names_of.setdefault(aid, []).append((a, b, label))
    for row, doc in zip(rows_in, docs):
        ents = _article_ents(doc, names_of.get(row["article_id"], []))
        all_ents.append(ents)
        segs = _plan(row["body_clean"] or "", doc, ents)
        if parse is not None:
            for seg in _choose_parses(segs, len(row["body_clean"] or "")):
                seg.parse_index = len(texts)
                texts.append(seg.text)
        plans.append(segs)
    parsed = parse(texts) if (parse is not None and texts) else []
    by_article: dict[str, list[dict]] | None = None
    if date_mentions is not None:
        by_article = {r["article_id"]: [] for r in rows_in}
        cols = [c for c in ("article_id", "char_start", "char_end", "resolved_date", "precision", "resolution")
                if c in date_mentions.columns]
        for m in date_mentions.select(cols).sort("article_id", "char_start").iter_rows(named=True):
            if m["article_id"] in by_article:
                by_article[m["article_id"]].append(m)
    out: list[dict] = []
    for row, ents, segs in zip(rows_in, all_ents, plans):
        mentions = by_article.get(row["article_id"], []) if by_article is not None else None
        out.extend(_article_claims(row, ents, segs, parsed, mentions))
    return choose(pl.DataFrame(out, schema={c: t for c, t in CLAIM_SCHEMA.items() if c not in CHOICE_COLUMNS}))
