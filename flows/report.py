"""HTML dashboard report: one self-contained file that works offline.

    newsclaims report [--out FILE] [--db FILE] [--max-events N]

Per event (the largest first): a timeline of the killed and injured figures by
publication date, the consensus table, who reported what, and the entities named
most, and the evidence: each figure's sentence with the figure marked, its outlet and URL
(linked; the source file when an input gave neither) and who it is attributed to. On
top: an overview table of all events and the data-quality status of the last run that
validated something. plotly.js's basic bundle is inlined once, so the file needs no
network (no CDN) and can be mailed or archived as is.

How a timeline reads (one marker per article: its best figure, as in claim_timeline):

- y is the figure's lower bound (value_low), the number the conservative rule uses;
  the label shows it as stated ("≥60", ">60", "62", "~60", "10–12").
- Marker symbols tell the qualifier apart (legend); a bar above a marker is an open
  upper bound (at least / more than / vague), a capped bar a stated range.
- Dashed line: conservative value (lowest best value, ACLED); dotted line: the latest
  value (most recently published article).
- Articles without a published date sit in a separate "undated" panel to the right;
  they are listed as "undated" in the sources table. Same-day reports are spread a few
  hours apart so they do not hide each other.

Data comes from the views (claim_timeline, claim_consensus, event_sources, claims_enriched)
on a read-only connection; this module only shapes it for the page.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import duckdb

from warehouse.loader import connect

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
# plotly.js's basic bundle (scatter, bar, pie: the report draws scatter traces with error bars only),
# vendored from npm at the version plotly.py bundles: 1.2 MB instead of the full 4.8 MB
PLOTLY_JS = Path(__file__).resolve().parent / "static" / "plotly-basic.min.js"
OVERVIEW_ROWS = 500  # events in the overview table
EVIDENCE_ROWS = 80  # figures quoted per event
CHART_TYPES = ("killed", "injured")
TYPE_COLOURS = {"killed": "#9e2a2b", "injured": "#2b5d8a"}

# qualifier -> (marker symbol, legend text, short label format)
QUALIFIERS: dict[str, tuple[str, str, str]] = {
    "exact": ("circle", "exact", "{v}"),
    "at_least": ("triangle-up", "at least", "≥{v}"),
    "more_than": ("triangle-up-open", "more than", ">{v}"),
    "about": ("diamond", "about", "~{v}"),
    "range": ("square", "range", "{lo}–{hi}"),
    "at_most": ("triangle-down", "at most", "≤{v}"),
    "less_than": ("triangle-down-open", "less than", "<{v}"),
    "vague": ("circle-open", "vague", "{surface} (≥{lo})"),
}
OPEN_UPPER = ("at_least", "more_than", "vague")
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True,
                 "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"]}


@dataclass
class EventSection:
    event_id: str
    label: str
    coverage: dict
    consensus: list[dict]
    sources: list[dict]
    entities: list[dict]
    evidence: list[dict] = field(default_factory=list)
    chart_html: str | None = None


@dataclass
class ReportData:
    db: str
    generated_at: str
    totals: dict
    runs: list[dict]
    last_run: dict | None
    rejected: list[dict]
    rejected_by_reason: list[dict]
    quarantine: list[dict]
    dq: dict
    dq_run: dict | None = None  # the last run that validated something (the latest may be a no-op)
    overview: list[dict] = field(default_factory=list)  # every event, one row each
    events: list[EventSection] = field(default_factory=list)
    events_not_shown: int = 0


@dataclass
class ReportResult:
    path: Path
    n_events: int
    n_charts: int
    size_bytes: int


# ---------------------------------------------------------------- data


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(con.execute("select count(*) from information_schema.tables where table_schema = 'main' "
                            "and table_name = ?", [name]).fetchone()[0])


def _dq_status(con: duckdb.DuckDBPyConnection, run_id: str | None) -> dict:
    """Expectation results of one run; dq_results may be empty (no suites ran) or missing."""
    out = {"available": False, "evaluated": 0, "failed": 0, "failures": [], "suites": []}
    if run_id is None or not _has_table(con, "dq_results"):
        return out
    suites = _rows(con, """
        select suite, count(*) as evaluated, count(*) filter (where not success) as failed
        from dq_results where run_id = ? group by suite order by suite""", [run_id])
    out["suites"] = suites
    out["available"] = bool(suites)
    out["evaluated"] = sum(s["evaluated"] for s in suites)
    out["failed"] = sum(s["failed"] for s in suites)
    out["failures"] = _rows(con, """
        select suite, expectation, column_name, unexpected_count, element_count
        from dq_results where run_id = ? and not success
        order by suite, expectation, column_name limit 50""", [run_id])
    return out


def _last_validating_run(con: duckdb.DuckDBPyConnection) -> dict | None:
    """The latest run with expectation results: an unchanged re-run validates nothing and records none."""
    if not _has_table(con, "dq_results"):
        return None
    rows = _rows(con, """
        select r.run_id, r.status, r.started_at from pipeline_runs as r
        where exists (select 1 from dq_results as q where q.run_id = r.run_id)
        order by r.started_at desc limit 1""")
    return rows[0] if rows else None


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {r[0] for r in con.execute("select column_name from information_schema.columns "
                                      "where table_schema = 'main' and table_name = ?", [table]).fetchall()}


def _safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links (a javascript: or file: URL from an input stays text)."""
    return url if url and re.match(r"https?://[^\s\"'<>]+$", url, re.I) else None


def quote_parts(body: str | None, sentence: str | None, start: int, end: int, window: int = 160) -> tuple[str, str, str]:
    """(before, figure, after): the claim's sentence split around its figure, which body[start:end] is.

    The sentence is found where it covers the figure; without one (or if it does not
    cover the span) a window of the text around the figure stands in, cut at spaces.
    """
    body = body or ""
    if sentence:
        at = body.find(sentence, max(0, end - len(sentence)))  # the first occurrence that can cover the span
        if at != -1 and at <= start and end <= at + len(sentence):
            return body[at:start], body[start:end], body[end:at + len(sentence)]
    lo, hi = max(0, start - window), min(len(body), end + window)
    before, after = body[lo:start], body[end:hi]
    if lo > 0:
        before = "…" + before.split(" ", 1)[-1]
    if hi < len(body):
        after = after.rsplit(" ", 1)[0] + "…"
    return before, body[start:end], after


def _evidence(con: duckdb.DuckDBPyConnection, eid: str) -> list[dict]:
    """Each figure of the event: its sentence with the figure marked, the outlet/URL or file, the attribution."""
    cols = _columns(con, "articles")
    url = "a.source_url" if "source_url" in cols else "null"
    outlet = "a.outlet" if "outlet" in cols else "null"
    scope = "and coalesce(c.scope, 'main') <> 'other'" if "scope" in _columns(con, "claims") else ""
    rows = _rows(con, f"""
        select c.claim_id, c.claim_type, c.value_label, c.qualifier, c.hedged, c.is_article_best,
               c.char_start, c.char_end, c.sentence, c.published_date,
               coalesce(c.attributed_entity_name, c.attributed_surface) as attributed,
               regexp_extract(a.source_path, '[^/]+$') as source_file, a.title,
               {url} as source_url, {outlet} as outlet, a.body_clean
        from claims_enriched as c join articles as a using (article_id)
        where a.event_id = ? and not coalesce(c.is_background, false) {scope}
        order by case c.claim_type when 'killed' then 0 when 'injured' then 1 else 2 end, c.claim_type,
                 c.published_date nulls last, a.source_path, c.char_start
        limit {EVIDENCE_ROWS}""", [eid])
    for r in rows:
        r["before"], r["figure"], r["after"] = quote_parts(r.pop("body_clean"), r["sentence"], r["char_start"],
                                                           r["char_end"])
        r["link"] = _safe_url(r["source_url"])
    return rows


def gather(con: duckdb.DuckDBPyConnection, *, max_events: int = 20) -> ReportData:
    totals = con.execute("""
        select (select count(*) from articles), (select count(*) from articles where published_date is null),
               (select count(*) from events), (select count(*) from claims), (select count(*) from entities)
    """).fetchone()
    runs = _rows(con, """
        select run_id, status, started_at, finished_at, round(duration_s, 1) as duration_s, files_seen,
               files_new, files_changed, files_unchanged, files_duplicate, files_skipped, files_rejected,
               rows_quarantined, expectations_failed, strict, error
        from pipeline_runs order by started_at desc limit 5""")
    last = runs[0] if runs else None
    dq_run = _last_validating_run(con)
    run_id = dq_run["run_id"] if dq_run else (last["run_id"] if last else None)
    rejected = _rows(con, """
        select source_path, reason, detail from rejected_inputs where run_id = ?
        order by reason, source_path limit 50""", [run_id])
    rejected_by_reason = _rows(con, """
        select reason, count(*) as n from rejected_inputs where run_id = ? group by reason order by n desc""",
        [run_id])
    quarantine = _rows(con, """
        select table_name, expectation, count(*) as n_rows from quarantine where run_id = ?
        group by table_name, expectation order by table_name, expectation""", [run_id])
    data = ReportData(
        db=str(con.execute("select path from duckdb_databases() where database_name = current_database()")
               .fetchone()[0]),
        generated_at=datetime.now().strftime("%Y-%m-%d %H:%M"),
        totals=dict(zip(("articles", "undated_articles", "events", "claims", "entities"), totals)),
        runs=runs, last_run=last, rejected=rejected, rejected_by_reason=rejected_by_reason,
        quarantine=quarantine, dq=_dq_status(con, run_id), dq_run=dq_run,
    )
    events = _rows(con, """
        select s.*, coalesce(k.max_value, 0) as killed_max,
               k.conservative_value as killed_conservative, i.conservative_value as injured_conservative,
               i.max_value as injured_max, coalesce(k.is_conflicting or i.is_conflicting, false) as is_conflicting
        from event_sources as s
        left join claim_consensus as k on k.event_id = s.event_id and k.claim_type = 'killed'
        left join claim_consensus as i on i.event_id = s.event_id and i.claim_type = 'injured'
        order by s.n_articles desc, killed_max desc, s.event_id""")
    shown = {ev["event_id"] for ev in events[:max_events]}
    data.overview = [{**ev, "shown": ev["event_id"] in shown} for ev in events[:OVERVIEW_ROWS]]
    data.events_not_shown = max(0, len(events) - max_events)
    for ev in events[:max_events]:
        data.events.append(_event_section(con, ev))
    return data


def _event_section(con: duckdb.DuckDBPyConnection, ev: dict) -> EventSection:
    eid = ev["event_id"]
    consensus = _rows(con, """
        select * from claim_consensus where event_id = ?
        order by case claim_type when 'killed' then 0 when 'injured' then 1 else 2 end, claim_type""", [eid])
    timeline = _rows(con, """
        select t.*, a.source_path, regexp_extract(a.source_path, '[^/]+$') as source_file
        from claim_timeline as t join articles as a using (article_id)
        where t.event_id = ? and t.claim_type in ('killed', 'injured')
        order by t.claim_type, t.report_number""", [eid])
    cols = _columns(con, "articles")
    url = "a.source_url" if "source_url" in cols else "null"
    outlet = "a.outlet" if "outlet" in cols else "null"
    sources = _rows(con, f"""
        with best as (
            select article_id, claim_type, value_label, hedged
            from claims_enriched
            where is_article_best and article_id in (select article_id from articles where event_id = ?)
        )
        select a.article_id, a.published_date, a.title,
               left(regexp_replace(a.body_clean, '\\s+', ' ', 'g'), 110) as snippet,
               regexp_extract(a.source_path, '[^/]+$') as source_file, a.source_path,
               {url} as source_url, {outlet} as outlet,
               k.value_label as killed, k.hedged as killed_hedged,
               i.value_label as injured, i.hedged as injured_hedged,
               (select count(*) from claims c where c.article_id = a.article_id) as n_claims
        from articles as a
        left join best as k on k.article_id = a.article_id and k.claim_type = 'killed'
        left join best as i on i.article_id = a.article_id and i.claim_type = 'injured'
        where a.event_id = ?
        order by a.published_date nulls last, a.source_path""", [eid, eid])
    for src in sources:
        src["link"] = _safe_url(src["source_url"])
    entities = _rows(con, """
        select e.canonical_name, e.entity_type, count(distinct m.article_id) as n_articles,
               count(*) as n_mentions
        from entity_mentions as m
        join articles as a using (article_id)
        join entities as e using (entity_id)
        where a.event_id = ?
        group by e.canonical_name, e.entity_type
        order by n_articles desc, n_mentions desc, e.canonical_name limit 12""", [eid])
    section = EventSection(eid, ev["event_label"] or eid, ev, consensus, sources, entities, _evidence(con, eid))
    if timeline:
        section.chart_html = chart_html(timeline_figure(timeline, consensus), div_id=f"timeline-{eid}")
    return section


# ---------------------------------------------------------------- chart


def short_label(qualifier: str, stated, low, high, surface: str | None) -> str:
    fmt = QUALIFIERS.get(qualifier, ("circle", qualifier, "{v}"))[2]
    # an exact figure can be derived ("9 shot, 2 of them died" -> 7 injured): show the value used
    v = low if qualifier == "exact" or stated is None else stated
    return fmt.format(v=v, lo=low, hi=high, surface=(surface or "").strip())


def _spread_same_day(rows: list[dict]) -> list[datetime]:
    """x positions: the published date, same-day reports spread over at most 16 hours (report order)."""
    per_day = Counter(r["published_date"] for r in rows)
    seen: Counter = Counter()
    xs = []
    for r in rows:
        day = r["published_date"]
        step = min(4.0, 16.0 / max(per_day[day] - 1, 1))
        xs.append(datetime.combine(day, datetime.min.time()) + timedelta(hours=step * seen[day]))
        seen[day] += 1
    return xs


def timeline_figure(timeline: list[dict], consensus: list[dict]):
    """One row of panels per claim type (killed, injured): dated reports left, undated right."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    types = [t for t in CHART_TYPES if any(r["claim_type"] == t for r in timeline)]
    has_undated = any(r["published_date"] is None for r in timeline)
    has_dated = any(r["published_date"] is not None for r in timeline)
    cols = 2 if has_undated and has_dated else 1
    undated_col = cols if has_undated else None
    dated_col = 1 if has_dated else None
    titles = []
    for t in types:
        if dated_col:
            titles.append(f"{t}: reported figure by publication date")
        if undated_col:
            titles.append("undated reports" if dated_col else f"{t}: undated reports")
    fig = make_subplots(rows=len(types), cols=cols, shared_yaxes=True, horizontal_spacing=0.03,
                        vertical_spacing=0.16, column_widths=[0.8, 0.2] if cols == 2 else None,
                        subplot_titles=titles)
    by_type = {c["claim_type"]: c for c in consensus}
    legend_seen: set[str] = set()
    for row, ctype in enumerate(types, start=1):
        rows = [r for r in timeline if r["claim_type"] == ctype]
        top = max(max(r["best_value_high"] or r["best_value"] for r in rows), 1)
        arrow = max(top * 0.12, 1)
        colour = TYPE_COLOURS.get(ctype, "#444")
        for part, col in (("dated", dated_col), ("undated", undated_col)):
            if col is None:
                continue
            prow = [r for r in rows if (r["published_date"] is not None) == (part == "dated")]
            if not prow:  # e.g. injured reported only by undated articles: an empty dated panel
                fig.update_xaxes(showticklabels=False, ticks="", showgrid=False, row=row, col=col)
                continue
            mode = "markers+text" if len(prow) <= 25 else "markers"  # labels only while readable
            if part == "dated":
                xs = _spread_same_day(prow)
            else:
                xs = list(range(1, len(prow) + 1))
            present = {r["best_qualifier"] for r in prow}
            for qual in [q for q in QUALIFIERS if q in present] + sorted(present - QUALIFIERS.keys()):
                idx = [i for i, r in enumerate(prow) if r["best_qualifier"] == qual]
                if not idx:
                    continue
                symbol, legend_text = QUALIFIERS.get(qual, ("circle", qual, ""))[:2]
                pts = [prow[i] for i in idx]
                up = []
                for r in pts:
                    if r["best_value_high"] is None and qual in OPEN_UPPER:
                        up.append(arrow)
                    elif r["best_value_high"] is not None and r["best_value_high"] > r["best_value"]:
                        up.append(r["best_value_high"] - r["best_value"])
                    else:
                        up.append(0)
                labels = [short_label(qual, r["best_value_stated"], r["best_value"], r["best_value_high"],
                                      r["best_surface"]) for r in pts]
                hover = [
                    "<b>{lab}</b> {ctype} ({q})<br>{when}<br>{src}{title}<br>stated: “{surf}”{hedge}"
                    "<br>lower bound {lo}, upper bound {hi}".format(
                        lab=html.escape(lab), ctype=ctype, q=legend_text,
                        when=r["published_date"].isoformat() if r["published_date"] else "undated",
                        src=html.escape(r["source_file"] or ""),
                        title=("<br>" + html.escape(r["title"][:80])) if r["title"] else "",
                        surf=html.escape(r["best_surface"] or ""),
                        hedge=" <i>(hedged: may change)</i>" if r["best_hedged"] else "",
                        lo=r["best_value"], hi=r["best_value_high"] if r["best_value_high"] is not None
                        else "none (open)")
                    for lab, r in zip(labels, pts)
                ]
                if legend_text not in legend_seen:  # legend: the symbol in grey, for every panel
                    legend_seen.add(legend_text)
                    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=legend_text,
                                             legendgroup=legend_text, hoverinfo="skip",
                                             marker=dict(symbol=symbol, size=11, color="#555")), row=row, col=col)
                x = [xs[i] for i in idx]
                fig.add_trace(go.Scatter(
                    x=x, y=[r["best_value"] for r in pts], mode=mode,
                    name=legend_text, legendgroup=legend_text, showlegend=False,
                    marker=dict(symbol=symbol, size=13, color=colour, line=dict(width=1.5, color=colour)),
                    error_y=dict(type="data", symmetric=False, array=up, arrayminus=[0] * len(up),
                                 thickness=1.5, width=6 if qual == "range" else 0, color=colour),
                    text=labels, textposition="middle right", textfont=dict(size=11, color="#333"),
                    hovertext=hover, hoverinfo="text",
                    customdata=[r["article_id"] for r in pts],
                ), row=row, col=col)
                tips = [(xv, r["best_value"] + u) for xv, r, u in zip(x, pts, up)
                        if u and r["best_value_high"] is None]
                if tips:  # arrow heads: the figure has no upper bound
                    if "open" not in legend_seen:
                        legend_seen.add("open")
                        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name="no upper bound",
                                                 legendgroup="open", hoverinfo="skip",
                                                 marker=dict(symbol="arrow-up", size=10, color="#555")),
                                      row=row, col=col)
                    fig.add_trace(go.Scatter(
                        x=[t[0] for t in tips], y=[t[1] for t in tips], mode="markers",
                        marker=dict(symbol="arrow-up", size=9, color=colour), legendgroup="open",
                        showlegend=False, hoverinfo="skip", name=f"{legend_text} (open upper bound)",
                    ), row=row, col=col)
            if part == "undated":
                fig.update_xaxes(range=[0.4, len(prow) + 1.2], showticklabels=False, showgrid=False,
                                 ticks="", zeroline=False, title_text="no published date", row=row, col=col)
            else:
                days = [r["published_date"] for r in prow]
                span = (max(days) - min(days)).days
                fig.update_xaxes(type="date", row=row, col=col,
                                 range=[datetime.combine(min(days), datetime.min.time()) - timedelta(hours=14),
                                        datetime.combine(max(days), datetime.min.time()) + timedelta(hours=20)],
                                 **(dict(dtick=86_400_000, tickformat="%b %d, %Y") if span <= 10 else {}))
        c = by_type.get(ctype)
        if c is not None:
            lines = [("conservative", c["conservative_value"], "dash")]
            latest_text = f"latest {c['latest_value']}" + (" (same-day reports differ)" if c.get("latest_is_tied")
                                                           else "")
            lines.append((latest_text, c["latest_value"], "dot"))
            for name, value, dash in lines:
                if value is None:
                    continue
                label = name if name.startswith("latest") else f"{name} {value}"
                for col in range(1, cols + 1):
                    note = {} if col > 1 else dict(
                        annotation_text=label, annotation_font=dict(size=10, color="#555"),
                        annotation_position="top left" if dash == "dash" else "bottom left")
                    fig.add_hline(y=value, line=dict(color="#555", width=1, dash=dash), row=row, col=col, **note)
        fig.update_yaxes(range=[0, (top + arrow) * 1.15], title_text=ctype, row=row, col=1)
    fig.update_layout(
        template="simple_white", height=290 * len(types) + 90, margin=dict(l=60, r=20, t=70, b=40),
        font=dict(family="-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif", size=12, color="#222"),
        legend=dict(orientation="h", yanchor="bottom", y=1.06, x=0, title_text="qualifier: "),
        hoverlabel=dict(bgcolor="white", font_size=12), showlegend=True,
    )
    return fig


def chart_html(fig, *, div_id: str) -> str:
    import plotly.io as pio

    return pio.to_html(fig, full_html=False, include_plotlyjs=False, div_id=div_id, config=PLOTLY_CONFIG)


# ---------------------------------------------------------------- page


def render(data: ReportData) -> str:
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
                             autoescape=jinja2.select_autoescape(["html", "j2"]),
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = lambda v: "–" if v is None else (f"{v:,}" if isinstance(v, int) else v)
    template = env.get_template("report.html.j2")
    return template.render(d=data, plotlyjs=PLOTLY_JS.read_text(encoding="utf-8"))


def write_report(db: Path, out: Path, *, max_events: int = 20, timeout: float = 0.0) -> ReportResult:
    """Read ``db`` (read-only) and write the report to ``out`` atomically."""
    con = connect(db, read_only=True, timeout=timeout)
    try:
        data = gather(con, max_events=max_events)
    finally:
        con.close()
    page = render(data)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(page)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return ReportResult(out, len(data.events), sum(1 for e in data.events if e.chart_html),
                        out.stat().st_size)
