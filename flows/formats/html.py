"""HTML pages: main text, title, date, URL, site name and authors by trafilatura.

trafilatura (with htmldate and courlan) works on the page it is given and
never fetches anything. Navigation, cookie banners, related links and footers
are left out of the text it returns; a page without main text (fewer than
MIN_WORDS words) is a record with the error ``no_extractable_text``.
"""

from __future__ import annotations

import re

from flows.formats import Record

MIN_WORDS = 8  # less main text than this is a page of furniture (a menu, a cookie notice), not an article
_LANG = re.compile(rb"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?", re.IGNORECASE)


def extract(html: bytes, *, url: str | None = None) -> dict:
    """Fields of one page, or {"error": "reason: detail"}."""
    import trafilatura  # imported lazily: ~0.3 s, only runs with HTML need it

    if not html.strip():
        return {"error": "empty_file: 0 bytes of HTML"}
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as exc:  # lxml on broken bytes
        return {"error": f"no_extractable_text: the page does not parse ({type(exc).__name__}: {exc})"}
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    words = len(re.findall(r"\w+", text))
    if words < MIN_WORDS:
        return {"error": "no_extractable_text: no main text found in the page (navigation and boilerplate only"
                         + (f": {words} word(s))" if words else ")")}
    m = _LANG.search(html[:4096])
    authors = [a.strip() for a in re.split(r";|\band\b", doc.author or "") if a.strip()]
    return {
        "text": text,
        "title": doc.title,
        "published": doc.date,
        "url": doc.url or url,
        "outlet": doc.sitename,
        "authors": authors or None,
        "language": (m.group(1).decode().lower() if m else None) or doc.language,
    }


def read(data: bytes, *, url: str | None = None) -> list[Record]:
    """A page file: one record (the file is the article)."""
    from flows.formats import sha256

    fields = extract(data, url=url)
    error = fields.pop("error", None)
    return [Record(key=None, index=0, sha256=sha256(data), fields=fields, error=error)]
