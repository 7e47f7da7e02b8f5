"""news-please / newspaper style JSON: one article per object.

A ``.json`` file holds one object (the file is the article) or a list of them
(records ``item 1``, ``item 2``, ...); a ``.jsonl`` file one object per line
(records ``line 1``, ...; blank lines are not records). Fields read:
title, maintext or text, date_publish (or publish_date / published / date),
url, source_domain (or outlet / sitename), authors, language. A line that is
not JSON, or an object without text, is a bad record (``malformed_json`` /
``no_text_field``); the other records still load.
"""

from __future__ import annotations

import json

from flows.formats import FormatError, Record, sha256

TEXT_KEYS = ("maintext", "text", "body", "content")
DATE_KEYS = ("date_publish", "publish_date", "published", "date", "date_published")
OUTLET_KEYS = ("source_domain", "outlet", "sitename", "site_name", "source")
URL_KEYS = ("url", "source_url", "link")


def _first(obj: dict, keys: tuple[str, ...]):
    for k in keys:
        v = obj.get(k)
        if v not in (None, "", []):
            return v
    return None


def fields_of(obj) -> dict:
    """A record's fields, or {"error": ...}."""
    if not isinstance(obj, dict):
        return {"error": f"malformed_json: a record must be a JSON object, not {type(obj).__name__}"}
    text = _first(obj, TEXT_KEYS)
    if not isinstance(text, str) or not text.strip():
        return {"error": f"no_text_field: no text in any of {', '.join(TEXT_KEYS)}"}
    authors = obj.get("authors") or obj.get("author")
    if isinstance(authors, str):
        authors = [authors]
    if isinstance(authors, list):
        authors = [str(a).strip() for a in authors if str(a).strip()] or None
    else:
        authors = None
    title = obj.get("title")
    return {
        "text": text,
        "title": title if isinstance(title, str) else None,
        "published": _first(obj, DATE_KEYS),
        "url": _first(obj, URL_KEYS),
        "outlet": _first(obj, OUTLET_KEYS),
        "authors": authors,
        "language": obj.get("language") if isinstance(obj.get("language"), str) else None,
    }


def _record(key, index, raw: bytes, obj=None, parse=True, error=None) -> Record:
    rec = Record(key=key, index=index, sha256=sha256(raw), parsed=parse)
    if error:
        rec.error = error
    elif parse:
        f = fields_of(obj)
        rec.error = f.pop("error", None)
        rec.fields = f
    return rec


def read_json(text: str, raw: bytes, *, parse=lambda key, sha: True) -> list[Record]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError("malformed_json", f"line {exc.lineno} column {exc.colno}: {exc.msg}") from exc
    if isinstance(data, list):
        out = []
        for i, obj in enumerate(data):
            item = json.dumps(obj, sort_keys=True, ensure_ascii=False).encode("utf-8")
            key = f"item {i + 1}"
            out.append(_record(key, i, item, obj, parse(key, sha256(item))))
        return out
    return [_record(None, 0, raw, data)]


def read_jsonl(text: str, *, start: int = 0, parse=lambda key, sha: True):
    """Yield the records of a JSON-lines text from record index ``start``."""
    index = 0
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if index >= start:
            raw = line.encode("utf-8")
            key = f"line {lineno}"
            if not parse(key, sha256(raw)):
                yield Record(key=key, index=index, sha256=sha256(raw), parsed=False)
            else:
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield _record(key, index, raw, error=f"malformed_json: {key} column {exc.colno}: {exc.msg}")
                else:
                    yield _record(key, index, raw, obj)
        index += 1
