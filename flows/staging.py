"""Run-scoped staging: every finished batch's frames spilled to Parquet, next to the database.

The flow keeps only a bounded number of batches in memory: as each extraction
task finishes, its frames go to ``<db>.staging/<run_id>/batch-00042.<frame>.parquet``
and are dropped. The run-wide steps (finalize) read back the light columns of
all batches (no article texts); the load streams the texts from these files
(``loader.ParquetColumns``). The run's folder is removed when the run ends,
whether it committed or failed; folders left by a killed process are removed by
the next run, which holds the run lock, so no other run can be using them.

Batches are read back in batch order, never in completion order, so a run's
result does not depend on which worker finished first.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:  # imported when a batch is read back: a run with nothing to do never loads the transforms
    from transforms.pipeline import BatchFrames

FRAMES = ("read", "staged", "articles", "rejected", "date_mentions", "entity_mentions", "claims", "records")
# Article columns only the load needs; finalize works without them. body_clean stays
# in the light frame for undated articles (the run-wide date pass reads their text).
TEXT_COLUMNS = ("body_raw", "body_clean")
# Identifies a staged article row (batch index << 32 | row); the light frame keeps it,
# so the load fetches the texts of exactly the row finalize kept.
ROW_KEY = "staged_row"


class RunStaging:
    """``with RunStaging(root, run_id) as stage: stage.put(i, batch) ... stage.light_batch()``"""

    def __init__(self, root: Path, run_id: str):
        self.root = Path(root)
        self.dir = self.root / run_id
        self.seconds: dict[str, float] = {}
        self.batches = 0

    def __enter__(self) -> "RunStaging":
        if self.root.is_dir():  # left by a killed run; the caller holds the run lock
            for stale in self.root.iterdir():
                shutil.rmtree(stale, ignore_errors=True)
        self.dir.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, *exc) -> bool:
        shutil.rmtree(self.dir, ignore_errors=True)
        try:
            self.root.rmdir()
        except OSError:
            pass
        return False

    def put(self, index: int, batch: BatchFrames) -> None:
        """Write one batch's frames (the caller drops its reference afterwards)."""
        for name in FRAMES:
            frame = getattr(batch, name)
            if name == "articles" and frame.width:
                frame = frame.with_columns((pl.int_range(pl.len(), dtype=pl.Int64) + (index << 32)).alias(ROW_KEY))
            if frame.width:
                frame.write_parquet(self._path(index, name), compression="zstd", statistics=False)
        for k, v in batch.seconds.items():
            self.seconds[k] = self.seconds.get(k, 0.0) + v
        self.batches += 1

    def files(self, name: str) -> list[Path]:
        """The Parquet files of one frame, in batch order."""
        return sorted(self.dir.glob(f"batch-*.{name}.parquet"))

    def read(self, name: str, drop_texts: bool = False) -> pl.DataFrame:
        frames = []
        for path in self.files(name):
            lf = pl.scan_parquet(path)
            if drop_texts:
                cols = lf.collect_schema().names()
                keep = [c for c in cols if c not in TEXT_COLUMNS]
                if "body_clean" in cols and "published_date" in cols:
                    keep.append(pl.when(pl.col("published_date").is_null()).then(pl.col("body_clean"))
                                .alias("body_clean"))
                lf = lf.select(keep)
            frames.append(lf.collect())
        return pl.concat(frames, how="diagonal_relaxed") if frames else pl.DataFrame()

    def light_batch(self) -> BatchFrames | None:
        """All batches as one BatchFrames without article texts (None when no batch ran)."""
        if not self.batches:
            return None
        from transforms.pipeline import BatchFrames

        frames = {name: self.read(name, drop_texts=name == "articles") for name in FRAMES}
        return BatchFrames(**frames, seconds=dict(self.seconds))

    def with_texts(self, articles: pl.DataFrame) -> pl.DataFrame:
        """Light article rows of this run with their texts read back (for the suites that check them)."""
        wanted = articles.select(ROW_KEY)
        texts = [pl.scan_parquet(path).select(ROW_KEY, *TEXT_COLUMNS).join(wanted.lazy(), on=ROW_KEY).collect()
                 for path in self.files("articles")]
        return articles.drop(TEXT_COLUMNS, strict=False).join(
            pl.concat(texts) if texts else pl.DataFrame(schema={ROW_KEY: pl.Int64, **dict.fromkeys(TEXT_COLUMNS, pl.String)}),
            on=ROW_KEY, how="left", maintain_order="left")

    def text_columns(self):
        """How the load takes the inserted articles' texts from the staging files."""
        from warehouse.loader import ParquetColumns

        return ParquetColumns(files=tuple(str(p) for p in self.files("articles")), key=(ROW_KEY,),
                              columns=TEXT_COLUMNS)

    def _path(self, index: int, name: str) -> Path:
        return self.dir / f"batch-{index:05d}.{name}.parquet"
