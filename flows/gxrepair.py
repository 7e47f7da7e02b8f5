"""A damaged file in the GX folder is rebuilt, not a reason for every run to fail.

Everything in the GX folder (Settings.gx_dir) is generated: the project file,
the suites and validation definitions written from expectations/, store ids,
validation results and the Data Docs built from them. A file cut short by a
full disk or a crash, or edited by hand into something GX cannot read, used
to fail every run until someone removed it. Now:

- ``repair_gx_dir(gx_dir)`` removes the generated files that do not parse
  (YAML, JSON, store ids); opening the context writes them again.
- ``open_gx_context(gx_dir)`` opens the file-backed context; when GX still
  cannot open it, the folder is moved aside to ``<gx_dir>.damaged-<time>``
  (kept for a look, never deleted) and a fresh one is created.

Both take the folder as an argument (the caller decides where it is).
"""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime
from pathlib import Path

log = logging.getLogger("newsclaims.gx")

_YAML = ("great_expectations.yml", "uncommitted/config_variables.yml")
_JSON_DIRS = ("expectations", "validation_definitions", "checkpoints", "uncommitted/validations")
_STORE_ID = re.compile(r"^store_backend_id = [0-9a-fA-F-]{36}\s*$")


def _broken(path: Path) -> str | None:
    """Why ``path`` cannot be read back (None when it parses)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return str(exc)
    if "\x00" in text:
        return "NUL bytes"
    try:
        if path.name == ".ge_store_backend_id":
            return None if _STORE_ID.match(text) else "not a store id"
        if path.suffix == ".json":
            json.loads(text)
        elif path.suffix in (".yml", ".yaml"):
            from ruamel.yaml import YAML

            loaded = YAML(typ="safe").load(text)
            if path.name == "great_expectations.yml" and not isinstance(loaded, dict):
                return "not a mapping"
    except Exception as exc:  # noqa: BLE001 - any parse error means "damaged"
        return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    return None


def repair_gx_dir(gx_dir: Path) -> list[str]:
    """Remove the generated files under ``gx_dir`` that do not parse; their paths (relative)."""
    root = Path(gx_dir)
    if not root.is_dir():
        return []
    candidates = [root / name for name in _YAML]
    for folder in _JSON_DIRS:
        base = root / folder
        if base.is_dir():
            candidates += [p for p in base.rglob("*") if p.suffix == ".json" or p.name == ".ge_store_backend_id"]
    removed = []
    for path in candidates:
        if not path.is_file():
            continue
        why = _broken(path)
        if why is None:
            continue
        try:
            path.unlink()
        except OSError:
            continue
        rel = str(path.relative_to(root))
        removed.append(rel)
        log.warning("GX folder %s: %s was damaged (%s); it is rebuilt", root, rel, why)
    return removed


def open_gx_context(gx_dir: Path):
    """``gx.get_context(mode="file")`` on ``gx_dir``, repaired first; a folder GX still cannot
    open is moved aside (``<gx_dir>.damaged-<time>``) and created anew."""
    import great_expectations as gx

    root = Path(gx_dir)
    repair_gx_dir(root)
    try:
        return gx.get_context(mode="file", context_root_dir=str(root))
    except Exception as exc:  # noqa: BLE001 - GX raises many kinds for a bad project
        aside = root.with_name(f"{root.name}.damaged-{datetime.now():%Y%m%dT%H%M%S%f}")
        root.rename(aside)
        log.warning("GX folder %s could not be opened (%s: %s); moved to %s and created anew",
                    root, type(exc).__name__, exc, aside)
        return gx.get_context(mode="file", context_root_dir=str(root))
