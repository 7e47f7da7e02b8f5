"""resolve_entities: mentions merged into entities (alias table, within-article, same key, in-context near names)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import polars as pl

from transforms.ids import UnionFind
from transforms.entities.mentions import _LABEL_PRIORITY
from transforms.entities.names import entity_id, name_key
from transforms.entities.places import US_STATES, _AGENCY_GENERIC
from transforms.entities.schema import ALIAS_SCHEMA, ENTITY_SCHEMA, LABELS, _CLASS


def _display(name: str, entity_type: str) -> str:
    """Title-case all-capital place / person / venue names ("MEMPHIS" -> Memphis); keep acronyms."""
    letters = re.sub(r"[^A-Za-z]", "", name)
    if entity_type in ("GPE", "LOC", "PERSON", "FAC") and letters.isupper() and len(letters) > 3 and "." not in name:
        return " ".join(w.capitalize() if w.isalpha() else w.title() for w in name.split())
    return name


def _initials(key_words: list[str]) -> str:
    skip = {"of", "the", "and", "for", "de", "la", "at", "on", "in"}
    return "".join(w[0] for w in key_words if w not in skip)


def state_aliases() -> pl.DataFrame:
    """US state abbreviations as aliases of the state ("Fla.", "KY"); "LA" is left out (Los Angeles)."""
    rows = [(abbr, state, "GPE") for state, abbrs in US_STATES.items() for abbr in abbrs if abbr != "LA"]
    return pl.DataFrame(rows, schema=ALIAS_SCHEMA, orient="row")


def _alias_index(aliases: pl.DataFrame | None) -> tuple[dict, dict]:
    """key -> [(canonical_name, entity_type, exact surface or None, labels allowed or None)];
    (type, canonical key) -> alias names.

    The reviewed table applies to a mention of any label (the small model calls the Islamic State
    NORP or GPE too), except short all-capital aliases ("IS"), which need that exact surface and
    label. The built-in US state abbreviations and names apply to GPE/LOC mentions only
    ("Washington" the surname stays a person).
    """
    index: dict[str, list[tuple]] = defaultdict(list)
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    tables = [(aliases, None)] if aliases is not None and aliases.height else []
    tables.append((state_aliases(), ("GPE", "LOC")))
    for table, allowed in tables:
        for row in table.iter_rows(named=True):
            alias, canon, etype = ((row.get(c) or "").strip() for c in ("alias", "canonical_name", "entity_type"))
            if not alias or not canon or etype not in LABELS:
                continue
            strict = alias if (alias.isupper() and len(re.sub(r"[^A-Z]", "", alias)) <= 3) else None
            own = (canon, etype, None, allowed)
            if own not in index[name_key(canon)]:
                index[name_key(canon)].append(own)
            index[name_key(alias)].append((canon, etype, strict, (etype,) if strict else allowed))
            names[(etype, name_key(canon))].add(alias)
    return index, names


def _guarded_union(uf: UnionFind, tag: dict, a, b) -> None:
    """Union unless the two clusters hold different alias-table entities (tag: root -> canonical key)."""
    ra, rb = uf.find(a), uf.find(b)
    if ra == rb:
        return
    ta, tb = tag.get(ra), tag.get(rb)
    if ta is not None and tb is not None and ta != tb:
        return
    uf.union(ra, rb)
    r = uf.find(ra)
    if ta is not None or tb is not None:
        tag[r] = ta if ta is not None else tb


def _context_merges(uf: UnionFind, tag: dict, groups: dict, node_cls: dict) -> None:
    """Near-identical names within one context (an article or an event)."""
    from rapidfuzz import fuzz, process

    for nodes in groups.values():
        if len(nodes) < 2:
            continue
        by_cls: dict[str, list] = defaultdict(list)
        for nd in sorted(nodes):
            by_cls[node_cls[nd]].append(nd)
        for cls, nds in by_cls.items():
            if len(nds) < 2:
                continue
            if cls == "PERSON":  # same surname, first names alike or an initial
                by_last: dict[str, list] = defaultdict(list)
                for nd in nds:
                    w = nd[1].split()
                    if len(w) >= 2 and len(w[-1]) >= 3:
                        by_last[w[-1]].append((nd, w[0]))
                for same in by_last.values():
                    for i, (a, fa) in enumerate(same):
                        for b, fb in same[i + 1:]:
                            if (len(fa) == 1 and fb.startswith(fa)) or (len(fb) == 1 and fa.startswith(fb)) \
                                    or (min(len(fa), len(fb)) >= 3 and fuzz.ratio(fa, fb) >= 80):
                                _guarded_union(uf, tag, a, b)
                continue
            if cls not in ("ORGFAC", "PLACE"):
                continue
            keys = [nd[1] for nd in nds]
            if cls == "ORGFAC":  # same distinctive first word and head noun
                shape: dict[tuple, list] = defaultdict(list)
                for nd in nds:
                    w = nd[1].split()
                    if len(w) >= 2 and w[0] not in _AGENCY_GENERIC and len(w[0]) >= 3:
                        shape[(w[0], w[-1])].append(nd)
                for same in shape.values():
                    for b in same[1:]:
                        _guarded_union(uf, tag, same[0], b)
            min_len = 6 if cls == "ORGFAC" else 5
            scores = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=90)
            for i, j in zip(*scores.nonzero()):
                if i < j and min(len(keys[i]), len(keys[j])) >= min_len:
                    _guarded_union(uf, tag, nds[i], nds[j])


def resolve_entities(
    mentions: pl.DataFrame, aliases: pl.DataFrame | None, article_events: pl.DataFrame | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """All mentions (any run) -> (entities, mentions with entity_id). Rules in the module docstring."""
    from rapidfuzz import fuzz

    if not mentions.height:
        return pl.DataFrame(schema=ENTITY_SCHEMA), mentions.with_columns(pl.lit(None, pl.String).alias("entity_id"))
    m = mentions
    if "name_key" not in m.columns:
        m = m.with_columns(pl.col("surface").map_elements(name_key, return_dtype=pl.String).alias("name_key"))
    m = m.with_columns(pl.col("name_key").fill_null(""))
    alias_index, alias_names = _alias_index(aliases)

    ids = m["mention_id"].to_list()
    arts = m["article_id"].to_list()
    surfaces = m["surface"].to_list()
    labels = m["label"].to_list()
    keys = m["name_key"].to_list()
    n = len(ids)

    # 1. alias table and class of every mention
    cls = [_CLASS.get(lab, lab) for lab in labels]
    fixed: dict[int, tuple[str, str]] = {}
    for i in range(n):
        hit = next((h for h in alias_index.get(keys[i], ())
                    if (h[2] is None or surfaces[i] == h[2]) and (h[3] is None or labels[i] in h[3])), None)
        if hit is None:
            continue
        canon, etype = hit[:2]
        keys[i] = name_key(canon)
        cls[i] = _CLASS[etype]
        fixed[i] = (canon, etype)

    # 2. within an article: partial person names, acronyms
    by_article: dict[str, list[int]] = defaultdict(list)
    for i in range(n):
        by_article[arts[i]].append(i)
    for idx in by_article.values():
        persons = {keys[i] for i in idx if cls[i] == "PERSON" and i not in fixed}
        full = [k.split() for k in persons if len(k.split()) >= 2]
        orgs = {keys[i] for i in idx if cls[i] == "ORGFAC" and len(keys[i].split()) >= 2}
        for i in idx:
            if i in fixed:
                continue
            k = keys[i]
            w = k.split()
            if cls[i] == "PERSON":
                cands = {" ".join(f) for f in full if len(f) > len(w) and f[-len(w):] == w}
                cands |= {" ".join(f) for f in full if len(w) == 1 and len(f) > 1 and f[-1] == w[0]}
                if len(w) >= 2:
                    cands |= {" ".join(f) for f in full if len(f) > len(w) and f[0] == w[0] and f[-1] == w[-1]}
                if len(cands) == 1:
                    keys[i] = cands.pop()
                elif len(cands) > 1:
                    longest = max(len(c) for c in cands)
                    top = {c for c in cands if len(c) == longest}
                    # "Smith" with "John Smith" and "John A. Smith": nested names of one person
                    if all(all(t in max(top).split() for t in c.split()) for c in cands) and len(top) == 1:
                        keys[i] = top.pop()
            elif cls[i] == "ORGFAC" and len(w) == 1 and surfaces[i].isupper() and 2 <= len(k) <= 6:
                cands = {o for o in orgs if _initials(o.split()) == k}
                if len(cands) == 1:
                    keys[i] = cands.pop()

    # 3. nodes = (class, key); context groups for near-identical names
    node_of = [(cls[i], keys[i]) for i in range(n)]
    node_cls = {nd: nd[0] for nd in node_of}
    uf = UnionFind()
    for nd in node_cls:
        uf.find(nd)
    groups: dict[tuple, set] = defaultdict(set)
    for i in range(n):
        if cls[i] in ("ORGFAC", "PLACE", "PERSON"):
            groups[("a", arts[i])].add(node_of[i])
    if article_events is not None and article_events.height:
        ev = dict(article_events.select("article_id", "event_id").iter_rows())
        for i in range(n):
            e = ev.get(arts[i])
            if e is not None and cls[i] in ("ORGFAC", "PLACE", "PERSON"):
                groups[("e", e)].add(node_of[i])
    fixed_nodes = {node_of[i] for i in fixed}
    tag = {uf.find(nd): nd[1] for nd in fixed_nodes}
    _context_merges(uf, tag, groups, node_cls)

    # 4. typo-level variants across the corpus, blocked by (class, first 3 chars)
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for c, k in node_cls:
        if c in ("ORGFAC", "PLACE") and len(k) >= 8 and (c, k) not in fixed_nodes:
            blocks[(c, k[:3])].append(k)
    for (c, _), ks in blocks.items():
        if len(ks) < 2:
            continue
        ks.sort()
        for j, a in enumerate(ks):
            for b in ks[j + 1:]:
                if abs(len(a) - len(b)) <= 2 and a.split()[-1][:3] == b.split()[-1][:3] \
                        and fuzz.ratio(a, b, score_cutoff=95):
                    _guarded_union(uf, tag, (c, a), (c, b))

    # 5. clusters -> entities
    root = [uf.find(node_of[i]) for i in range(n)]
    members: dict[tuple, list[int]] = defaultdict(list)
    for i in range(n):
        members[root[i]].append(i)
    ent_rows: dict[str, dict] = {}
    mention_entity = [None] * n
    for r, idx in members.items():
        fixed_here = [fixed[i] for i in idx if i in fixed]
        if fixed_here:
            canon, etype = Counter(fixed_here).most_common(1)[0][0]
        else:
            votes = Counter()
            for i in idx:
                votes[labels[i]] += 1
            etype = min(votes, key=lambda lab: (-votes[lab], _LABEL_PRIORITY[lab]))
            variant_articles: dict[str, set] = defaultdict(set)
            variant_count: Counter = Counter()
            for i in idx:
                variant_articles[surfaces[i]].add(arts[i])
                variant_count[surfaces[i]] += 1
            pool = list(variant_articles)
            if etype == "PERSON":
                most = max(len(v.split()) for v in pool)
                pool = [v for v in pool if len(v.split()) == most]

            def rank(v):
                letters = re.sub(r"[^A-Za-z]", "", v)
                return (-len(variant_articles[v]), -variant_count[v], letters.isupper() and len(letters) > 3,
                        -len(v), v)
            canon = _display(min(pool, key=rank), etype)
        eid = entity_id(etype, canon)
        row = ent_rows.setdefault(eid, {"entity_id": eid, "canonical_name": canon, "entity_type": etype,
                                        "aliases": set(alias_names.get((etype, name_key(canon)), ())),
                                        "articles": set(), "mention_count": 0})
        # two clusters with one (type, canonical key) are one entity
        row["aliases"] |= {surfaces[i] for i in idx}
        row["articles"] |= {arts[i] for i in idx}
        row["mention_count"] += len(idx)
        for i in idx:
            mention_entity[i] = eid
    entities = pl.DataFrame(
        [{"entity_id": r["entity_id"], "canonical_name": r["canonical_name"], "entity_type": r["entity_type"],
          "aliases": sorted(r["aliases"] - {r["canonical_name"]}), "article_count": len(r["articles"]),
          "mention_count": r["mention_count"]} for r in ent_rows.values()],
        schema=ENTITY_SCHEMA,
    )
    out = mentions.with_columns(pl.Series("entity_id", mention_entity, dtype=pl.String))
    return entities.sort("entity_id"), out
