"""Peak memory of streaming a WARC through the reader, for archives of growing size.

    .venv/bin/python bench/warc_memory.py            # 1,000 and 3,000 HTML records
    .venv/bin/python bench/warc_memory.py 1000 3000 10000
    .venv/bin/python bench/warc_memory.py --run 1000 3000   # whole `newsclaims run`s (Prefect, spaCy, GX, DuckDB)

For each size N: build a .warc.gz of N HTML news pages (with a request record
before each, as a crawler writes them), then in a fresh process read it the
way a run does: flows.reader.read_units in batches of 200 parsed records
(NEWSCLAIMS_BATCH_SIZE), each batch resumed at the byte offset where the last
stopped, every record through trafilatura and transforms.text.stage_records,
each batch dropped once staged (the flow spills it to Parquet). Prints peak
RSS (ru_maxrss) per size. Memory that does not grow with N is the claim.

With --run: a real `newsclaims run ARCHIVE` into a fresh database per size;
peak RSS of the run's process tree (sampled every 0.2 s with psutil).
"""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PARA = ("{n} people were injured when a crane collapsed at the harbour of Port Elwood on Tuesday, the coast "
        "guard said in a statement released in the afternoon, adding that rescue teams were still at the site.")


def page(i: int) -> bytes:
    paras = "".join(f"<p>{PARA.format(n=i + k)} Paragraph {k} of report {i}.</p>" for k in range(12))
    return (f"<html lang='en'><head><title>Report {i} | Harbour Gazette</title>"
            "<meta property='og:site_name' content='Harbour Gazette'>"
            f"<meta property='article:published_time' content='2024-07-{1 + i % 28:02d}'></head><body>"
            "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><div class='cookie'>We use cookies.</div>"
            f"<article><h1>Report {i}: crane collapse</h1>{paras}</article>"
            "<footer>Copyright 2024 Harbour Gazette</footer></body></html>").encode()


def build(path: Path, n: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for i in range(n):
            w.write_record(w.create_warc_record(f"https://www.harbourgazette.com/{i}", "request",
                                                payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            hh = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(f"https://www.harbourgazette.com/news/{i}", "response",
                                                payload=io.BytesIO(page(i)), http_headers=hh))


def measure(path: str) -> None:
    """Child process: stream the archive as a run does; print JSON with peak RSS."""
    from flows.reader import read_units
    from transforms.text import stage_records

    t0 = time.perf_counter()
    units, articles, batches = [(path, 0, 0)], 0, 0
    while units:
        rb = read_units(units, {}, {}, max_bytes=5 * 2**20, budget=200)
        staged, _ = stage_records(rb.records, rb.files, today=date.today())
        articles += staged.height
        batches += 1
        units = rb.resume
        del rb, staged
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"articles": articles, "batches": batches, "peak_rss_mb": round(peak_mb, 1),
                      "seconds": round(time.perf_counter() - t0, 1)}))


def run_tree_peak(cmd: list[str], env: dict) -> tuple[float, float, str]:
    """Run ``cmd``; (peak RSS in MB of it and its children, seconds, last output line)."""
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    p, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            rss = p.memory_info().rss + sum(c.memory_info().rss for c in p.children(recursive=True))
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.2)
    out = proc.stdout.read()
    line = next((ln for ln in out.splitlines() if ln.startswith("run ")), out[-300:])
    return peak / 2**20, time.perf_counter() - t0, line


def main_run(sizes: list[int]) -> None:
    import os

    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"cc-{n}.warc.gz"
            build(path, n)
            env = dict(os.environ, PREFECT_HOME=os.environ.get("PREFECT_HOME", str(Path(tmp) / "prefect")))
            cmd = [str(Path(sys.executable).with_name("newsclaims")), "run", str(path), "--db",
                   str(Path(tmp) / f"w{n}.duckdb"), "--task-runner", "thread", "--no-progress"]
            peak, secs, line = run_tree_peak(cmd, env)
            print(f"{n:>6,} HTML records  newsclaims run: peak RSS of the process tree {peak:.0f} MB  "
                  f"{secs:.0f} s\n        {line}", flush=True)


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"cc-{n}.warc.gz"
            build(path, n)
            out = subprocess.run([sys.executable, __file__, "--measure", str(path)], capture_output=True, text=True,
                                 check=True).stdout
            r = json.loads(out.strip().splitlines()[-1])
            print(f"{n:>6,} HTML records  {path.stat().st_size / 2**20:6.1f} MB archive  {r['articles']:>6,} articles "
                  f"in {r['batches']} batches  peak RSS {r['peak_rss_mb']:.0f} MB  {r['seconds']} s", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        measure(sys.argv[2])
    elif sys.argv[1:2] == ["--run"]:
        main_run([int(a) for a in sys.argv[2:]] or [1000, 3000])
    else:
        main([int(a) for a in sys.argv[1:]] or [1000, 3000])
