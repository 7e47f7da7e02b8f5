"""Data quality on every batch before it is committed: GX context I/O for expectations/.

``validate_plan`` takes the LoadPlan a run is about to commit, runs each
table's suite (Great Expectations Core on the batch frames as pandas; GX's SQL
path over DuckDB does not work), moves the rows that fail to ``quarantine``
(expectations/quarantine.py), checks the run records (the run's row and those
results) with the run-record suites, adds one ``dq_results`` row per expectation
and suite, and builds the Data Docs pages of this run. The plan it returns is what
the load commits, all in the run's one transaction.

The GX context is file-backed under Settings.gx_dir (default: ``<db file name>.gx/``
beside the database, so each database has its own site; ``newsclaims eval`` uses
one of its own). Data Docs work offline: ``make_offline`` copies the vendored
bootstrap/jquery/fonts (flows/static/) into the site and points the pages at them. The suites are written from expectations/ when a process first opens
the context; values that change per run (today, min_words) are suite parameters.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from datetime import date, datetime, time as dtime
from pathlib import Path

import polars as pl

from flows.settings import Settings
from warehouse.loader import LoadPlan

DATASOURCE = "newsclaims"
BATCH = "batch"
SITE = "local_site"
# Data Docs keep the validation results of this many runs (older ones are pruned
# from the GX store), so building them stays cheap however many runs there were.
DOCS_RUNS = 20
SAMPLE = 10  # unexpected values kept in dq_results.unexpected_sample
DQ_RESULTS_SCHEMA = {
    "run_id": pl.String, "suite": pl.String, "expectation": pl.String, "column_name": pl.String,
    "success": pl.Boolean, "element_count": pl.Int64, "unexpected_count": pl.Int64,
    "unexpected_sample": pl.String, "evaluated_at": pl.Datetime("us"),
}

_CONTEXTS: dict[Path, "_Context"] = {}


@dataclass
class DqReport:
    """What validation found in one run (the flow copies it into the RunSummary)."""

    expectations_run: int = 0
    expectations_failed: int = 0
    failed: dict[str, int] = field(default_factory=dict)  # "suite.expectation" -> unexpected rows
    quarantined: dict[str, int] = field(default_factory=dict)  # table -> rows not loaded
    rows_quarantined: int = 0
    docs_path: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)  # validate, docs

    def describe(self) -> str:
        return ", ".join(f"{k} ({v} rows)" for k, v in sorted(self.failed.items()))


@dataclass
class _Context:
    gx: object  # great_expectations FileDataContext
    definitions: dict  # table -> ValidationDefinition


def docs_index(gx_dir: Path) -> Path:
    return Path(gx_dir) / "uncommitted" / "data_docs" / SITE / "index.html"


def open_context(gx_dir: Path, *, reopen: bool = False) -> _Context:
    """The file-backed GX context under ``gx_dir`` with every suite of expectations/ written to it.

    Opened once per process and folder; ``reopen`` writes the suites again (another
    process sharing the folder wrote its own copy, which GX then calls stale).
    """
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    import expectations

    key = Path(gx_dir).resolve()
    cached = _CONTEXTS.get(key)
    if cached is not None and not reopen and (key / "great_expectations.yml").exists():
        return cached
    from flows.gxrepair import open_gx_context

    context = open_gx_context(key)  # files we generate that are damaged are rebuilt
    if context.variables.progress_bars != ProgressBarsConfig(globally=False):
        context.variables.progress_bars = ProgressBarsConfig(globally=False)
        context.variables.save()
    try:
        source = context.data_sources.get(DATASOURCE)
    except (KeyError, ValueError):
        source = context.data_sources.add_pandas(DATASOURCE)
    definitions = {}
    for module in expectations.ALL_SUITES:
        table = module.TABLE
        asset = source.get_asset(table) if table in source.get_asset_names() else source.add_dataframe_asset(table)
        try:
            batch = asset.get_batch_definition(BATCH)
        except KeyError:
            batch = asset.add_batch_definition_whole_dataframe(BATCH)
        suite = context.suites.add_or_update(gx.ExpectationSuite(name=table, expectations=module.expectations()))
        definitions[table] = context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=table, data=batch, suite=suite))
    _CONTEXTS[key] = ctx = _Context(gx=context, definitions=definitions)
    return ctx


def _concat(frames: list[pl.DataFrame] | None) -> pl.DataFrame:
    return pl.concat(frames, how="diagonal_relaxed") if frames else pl.DataFrame()


def batch_of(plan: LoadPlan, loaded_articles: pl.DataFrame):
    """The frames of a LoadPlan as an expectations Batch (articles already loaded minus the deleted)."""
    from expectations.base import Batch

    kept = loaded_articles
    if kept.height and plan.delete_article_ids:
        kept = kept.filter(~pl.col("article_id").is_in(sorted(plan.delete_article_ids)))
    return Batch(
        articles=_concat(plan.inserts.get("articles")),
        date_mentions=_concat(plan.inserts.get("date_mentions")),
        entity_mentions=_concat(plan.inserts.get("entity_mentions")),
        claims=_concat(plan.inserts.get("claims")),
        victims=_concat(plan.inserts.get("victims")),
        entities=plan.replaces.get("entities", pl.DataFrame()),
        events=plan.replaces.get("events", pl.DataFrame()),
        event_id_history=_concat(plan.inserts.get("event_id_history")),
        source_files=plan.upserts.get("source_files", pl.DataFrame()),
        source_records=plan.upserts.get("source_records", pl.DataFrame()),
        rejected_inputs=_concat(plan.inserts.get("rejected_inputs")),
        loaded_articles=kept.select("article_id", "published_date") if kept.height else pl.DataFrame(),
    )


def _json(value) -> str:
    return json.dumps(value, default=str, ensure_ascii=False)


def run_suites(batch, *, gx_dir: Path, run_id: str, today: date, min_words: int,
               at: datetime | None = None, suites=None) -> tuple[pl.DataFrame, dict[str, pl.DataFrame], list]:
    """Run each suite (default: the data suites) on its table of ``batch``: (dq_results rows, failed rows
    per table, GX result ids).

    Failed rows: table -> frame of (ROW, expectation) with ROW the row number in
    the batch's frame. A table without rows this run is not validated.
    """
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.exceptions.resource_freshness import ResourceFreshnessAggregateError

    import expectations
    from expectations.base import key_texts
    from expectations.quarantine import ROW

    suites = suites or expectations.SUITES
    ctx = open_context(gx_dir)
    at = at or datetime.now()
    gx_run = RunIdentifier(run_name=run_id, run_time=at)
    params = {"today": datetime.combine(today, dtime()), "min_words": min_words}
    results, failed, big = [], {}, {}
    for module in suites:
        table = module.TABLE
        source = batch.table(table)
        if not source.height:
            continue
        frame = module.frame(batch)
        if frame.height != source.height:
            raise RuntimeError(f"suite {table}: frame() returned {frame.height} rows for {source.height}")
        keys = key_texts(source, module.KEY)
        data = {"dataframe": frame.to_pandas()}
        run = dict(batch_parameters=data, expectation_parameters=params, result_format={"result_format": "COMPLETE"},
                   run_id=gx_run)
        try:
            outcome = ctx.definitions[table].run(**run)
        except ResourceFreshnessAggregateError:
            ctx = open_context(gx_dir, reopen=True)
            outcome = ctx.definitions[table].run(**run)
        bad: list[tuple[int, str]] = []
        trimmed = False
        for r in outcome.results:
            meta = r.expectation_config.meta or {}
            name = meta.get("name") or r.expectation_config.type
            res = r.result or {}
            error = _error_of(r)
            index = [int(i) for i in res.get("unexpected_index_list") or []]
            values = res.get("unexpected_list") or res.get("partial_unexpected_list") or []
            sample = [{"row_key": keys[i] if keys else None, "value": v} for i, v in zip(index[:SAMPLE], values)]
            results.append({
                "run_id": run_id, "suite": table, "expectation": name, "column_name": meta.get("column"),
                # an expectation GX could not evaluate has failed, on no row in particular
                "success": bool(r.success) and not error, "element_count": res.get("element_count", frame.height),
                "unexpected_count": None if error else res.get("unexpected_count", 0 if r.success else None),
                "unexpected_sample": _json({"error": error} if error else sample), "evaluated_at": at,
            })
            bad.extend((i, name) for i in index)
            trimmed |= _trim(res)
        if trimmed:
            big[table] = outcome
        if bad:
            failed[table] = pl.DataFrame(bad, schema={ROW: pl.UInt32, "expectation": pl.String}, orient="row")
    dq = pl.DataFrame(results, schema=DQ_RESULTS_SCHEMA) if results else pl.DataFrame(schema=DQ_RESULTS_SCHEMA)
    store = ctx.gx.validation_results_store
    names = {m.TABLE for m in suites}
    ids = [k for k in store.list_keys()
           if k.run_id.run_name == run_id and k.expectation_suite_identifier.name in names]
    for k in ids:  # store the trimmed results: Data Docs need samples, not every failing row
        if k.expectation_suite_identifier.name in big:
            store.set(k, big[k.expectation_suite_identifier.name])
    return dq, failed, ids


def _error_of(result) -> str | None:
    info = result.exception_info or {}
    if "raised_exception" not in info:  # {metric id: info} when a metric failed
        info = next((v for v in info.values() if isinstance(v, dict) and v.get("raised_exception")), {})
    return (info.get("exception_message") or "raised") if info.get("raised_exception") else None


def _trim(result: dict) -> bool:
    """Drop the full lists of failing values and rows from a GX result (``partial_*`` stay)."""
    if len(result.get("unexpected_index_list") or []) <= 2 * SAMPLE:
        return False
    for k in ("unexpected_list", "unexpected_index_list", "unexpected_index_query"):
        result.pop(k, None)
    return True


def build_docs(gx_dir: Path, resource_ids: list | None = None) -> str:
    """Build the Data Docs site (only the pages of ``resource_ids`` and the index when given), offline."""
    ctx = open_context(gx_dir)
    _prune(ctx, Path(gx_dir))
    kwargs = {"resource_identifiers": resource_ids} if resource_ids else {}
    ctx.gx.build_data_docs(site_names=[SITE], **kwargs)
    make_offline(Path(gx_dir) / "uncommitted" / "data_docs" / SITE)
    return str(docs_index(gx_dir))


# ---------------------------------------------------------------- Data Docs offline

VENDOR_DIR = Path(__file__).resolve().parent / "static" / "datadocs"
# what GX's pages load from CDNs -> the vendored copy under <site>/static/vendor/ (None: leave the tag out)
CDN_ASSETS: dict[str, str | None] = {
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": "popper.min.js",
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": "bootstrap.min.js",
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": "bootstrap.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js": "bootstrap-table.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css": "bootstrap-table.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js":
        "bootstrap-table-filter-control.min.js",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css":
        "bootstrap-table-filter-control.min.css",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css":
        "bootstrap-table-filter-control.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js":
        "bootstrap-datepicker.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css":
        "bootstrap-datepicker.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css": "fontawesome/css/all.min.css",
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css": None,
    "https://cdn.jsdelivr.net/npm/vega@5": None,
    "https://cdn.jsdelivr.net/npm/vega-lite@5": None,
    "https://cdn.jsdelivr.net/npm/vega-embed@6": None,
}
_TAG = re.compile(r"""<(script|link)\b[^>]*?\b(?:src|href)\s*=\s*["'](https?://[^"']+)["'][^>]*>(?:\s*</script>)?""",
                  re.I)
_SRI = re.compile(r"""\s+(?:integrity|crossorigin)\s*=\s*["'][^"']*["']""", re.I)
_GX_LOGO = re.compile(r"""https://great-expectations-web-assets\.s3\.[^"'\s]*?/(full_logo_dark|logo-long)\.png[^"'\s]*""")


def make_offline(site: Path) -> int:
    """Vendor the CDN assets into ``site/static/vendor`` and point every page at them; returns pages changed.

    Idempotent (a page already rewritten has no CDN link left); a CDN link this
    table does not know stays as it is, so a GX upgrade shows up in tests/test_data_docs.py.
    """
    site = Path(site)
    if not site.is_dir():
        return 0
    vendor = site / "static" / "vendor"
    if not (vendor / "jquery.min.js").exists():
        shutil.copytree(VENDOR_DIR, vendor, dirs_exist_ok=True)
    changed = 0
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "https://" not in text:
            continue
        up = os.path.relpath(site, page.parent)
        prefix = "" if up == "." else up + "/"

        def tag(m: re.Match) -> str:
            url = m.group(2)
            if url not in CDN_ASSETS:
                return m.group(0)
            local = CDN_ASSETS[url]
            if local is None:
                return ""
            # no integrity/crossorigin: a file:// page cannot fetch "anonymously" (CORS), and the
            # hashes are of the CDN's bytes
            local_tag = _SRI.sub("", m.group(0))
            return local_tag.replace(url, f"{prefix}static/vendor/{local}")

        new = _TAG.sub(tag, text)
        new = _GX_LOGO.sub(lambda m: f"{prefix}static/images/logo-long.png", new)
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def _prune(ctx: _Context, gx_dir: Path) -> None:
    """Drop validation results (and their pages) of all but the last DOCS_RUNS runs."""
    store = ctx.gx.validation_results_store
    keys = store.list_keys()
    last = {}
    for k in keys:
        name = k.run_id.run_name
        last[name] = max(last.get(name, k.run_id.run_time), k.run_id.run_time)
    keep = set(sorted(last, key=lambda n: last[n], reverse=True)[:DOCS_RUNS])
    pages = gx_dir / "uncommitted" / "data_docs" / SITE / "validations"
    for k in keys:
        if k.run_id.run_name not in keep:
            store.remove_key(k)
            shutil.rmtree(pages / k.expectation_suite_identifier.name / k.run_id.run_name, ignore_errors=True)


def validate_plan(plan: LoadPlan, state, settings: Settings, today: date) -> tuple[LoadPlan, DqReport]:
    """Validate what ``plan`` would commit; return the plan without the failing rows, and the report.

    ``state``: the transforms.pipeline.WarehouseState the run read (articles and
    entity mentions already loaded). The returned plan also inserts the run's
    quarantine and dq_results rows.
    """
    from expectations import KEYS, RUN_SUITES
    from expectations.base import Batch
    from expectations.quarantine import split

    t0 = time.perf_counter()
    at = datetime.now()
    batch = batch_of(plan, state.articles)
    dq, failed, ids = run_suites(batch, gx_dir=settings.gx_dir, run_id=plan.run_id, today=today,
                                 min_words=settings.min_words, at=at)
    q = split(batch, KEYS, failed, run_id=plan.run_id, at=at,
              updates={t: f for t, (_, f) in plan.updates.items()}, loaded_mentions=state.entity_mentions)
    out = LoadPlan(run_id=plan.run_id, delete_article_ids=plan.delete_article_ids, run_fields=plan.run_fields)
    for table, frames in plan.inserts.items():
        if table in KEYS:
            out.add(table, q.batch.table(table))
        else:
            for f in frames:
                out.add(table, f)
    out.upserts = dict(plan.upserts)
    for ledger in ("source_files", "source_records"):
        if ledger in plan.upserts:
            out.upserts[ledger] = q.batch.table(ledger)
    out.replaces = {t: (q.batch.table(t) if t in KEYS else f) for t, f in plan.replaces.items()}
    out.updates = {t: (key, q.updates.get(t, f)) for t, (key, f) in plan.updates.items()}
    out.add("quarantine", q.rows)

    # the run records: the run's row as the load will complete it, and the results above
    fails = dq.filter(~pl.col("success")).height
    run_row = pl.DataFrame([{"run_id": plan.run_id, "status": "success", **plan.run_fields,
                             "rows_quarantined": sum(q.by_table.values()), "expectations_failed": fails}])
    records = Batch(pipeline_runs=run_row, dq_results=dq)
    run_dq, _, run_ids = run_suites(records, gx_dir=settings.gx_dir, run_id=plan.run_id, today=today,
                                    min_words=settings.min_words, at=at, suites=RUN_SUITES)
    dq = pl.concat([dq, run_dq])
    ids += run_ids
    out.add("dq_results", dq)

    failures = dq.filter(~pl.col("success"))
    report = DqReport(
        expectations_run=dq.height, expectations_failed=failures.height,
        failed={f"{s}.{e}": n or 0 for s, e, n in failures.select("suite", "expectation", "unexpected_count")
                .iter_rows()},
        quarantined=q.by_table, rows_quarantined=sum(q.by_table.values()),
    )
    report.seconds["validate"] = round(time.perf_counter() - t0, 2)
    t0 = time.perf_counter()
    report.docs_path = build_docs(settings.gx_dir, ids)
    report.seconds["docs"] = round(time.perf_counter() - t0, 2)
    return out, report
