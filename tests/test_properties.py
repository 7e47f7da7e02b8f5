"""Properties on arbitrary Unicode: the parsers never crash, spans slice back, bounds are ordered.

Adds to the properties in test_dates.py / test_figures.py / test_claims.py:
resolve_date on any surface and any published date (calendar edges
included), the figure parsers' error policy (on_error), text that changes
length when lower-cased (İ, ẞ, ligatures), non-ASCII digits and spaces,
staging of arbitrary bytes, encodings that must read back exactly, and the
whole text -> claims path through spaCy (few examples: it is slow).
"""

from __future__ import annotations

import hashlib
from datetime import date

import polars as pl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.test_claims import check_invariants
from transforms import dates
from transforms.claims import extract_claims
from transforms.entities import entity_mentions
from transforms.dates import DateParseError, find_date_mentions, resolve_date
from transforms.figures import MAX_VALUE, QUALIFIERS, FigureError, find_figures, number_value, parse_figure
from transforms.text import ARTICLE_SCHEMA, RejectedInput, clean_body, decode_bytes, split_title, stage_text

TODAY = date(2026, 11, 22)

# pieces that look like dates or counts, in many scripts and spacings
_TRICKY = st.sampled_from([
    "İ", "ẞ", "ß", "ﬁ", "Σ", "ς", "\u0130stanbul", "K", "\u00a0", "\u2009", "\u200b", "\u202f", "\ufeff",
    "e\u0301", "٣", "३", "３", "１２", "½", "²", "Ⅻ", "—", "–", "‑", "’", "“", "\r\n", "\u2028", "\x00",
    "March", "MARCH", "Mar.", "22", "2024", "3/22/2024", "2024-02-30", "9999-12-31", "0001-01-01",
    "last night", "Saturday", "next Tuesday", "two days ago", "Dec. 32", "at least", "more than", "dozens",
    "62", "6,200", "1.5 million", "twenty-one", "killed", "people", "were", "injured", "between", "and",
    "a man", "was shot", " ", "\n", ",", ".", "-",
])
TRICKY_TEXT = st.lists(st.one_of(_TRICKY, st.text(max_size=6)), max_size=16).map("".join)
PUBLISHED = st.one_of(st.none(), st.dates(), st.sampled_from([date.min, date.max, date(2024, 2, 29)]))


# ---------------------------------------------------------------- dates


@settings(max_examples=400, deadline=None)
@given(surface=st.one_of(st.text(), TRICKY_TEXT), published=PUBLISHED, future=st.booleans())
def test_resolve_date_fails_only_as_its_policy_says(surface, published, future):
    res = resolve_date(surface, published, future=future, on_error="null")
    assert res.precision in (*dates.PRECISIONS, None)
    assert res.resolved_date is None or isinstance(res.resolved_date, date)
    assert isinstance(res.is_relative, bool) and isinstance(res.resolution, str)
    try:
        strict = resolve_date(surface, published, future=future, on_error="raise")
    except DateParseError:
        assert res.resolution == "unparsed"
    else:
        assert strict == res


@settings(max_examples=300, deadline=None)
@given(text=TRICKY_TEXT, published=PUBLISHED)
def test_date_mentions_slice_back_in_order_on_tricky_text(text, published):
    mentions = find_date_mentions(text, published)
    ends = -1
    for m in mentions:
        assert 0 <= m["char_start"] < m["char_end"] <= len(text)
        assert text[m["char_start"]:m["char_end"]] == m["surface"]
        assert m["char_start"] >= ends, "date mentions overlap"
        ends = m["char_end"]


# ---------------------------------------------------------------- figures


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), TRICKY_TEXT))
def test_number_value_is_a_bounded_count_or_a_figure_error(text):
    try:
        value = number_value(text)
    except FigureError:
        return
    assert isinstance(value, int) and 0 <= value <= MAX_VALUE


def _check_figure(text: str, fig) -> None:
    assert text[fig.start:fig.end] == fig.surface
    assert fig.start <= fig.num_start < fig.num_end <= fig.end
    assert fig.qualifier in QUALIFIERS
    for v in (fig.value_stated, fig.value_low, fig.value_high):
        assert v is None or 0 <= v <= MAX_VALUE + 1
    if fig.value_low is not None and fig.value_high is not None:
        assert fig.value_low <= fig.value_high


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), TRICKY_TEXT))
def test_parse_figure_follows_on_error_and_spans_slice_back(text):
    fig = parse_figure(text, on_error="null")
    try:
        strict = parse_figure(text, on_error="raise")
    except FigureError:
        assert fig is None
    else:
        assert strict == fig
    if fig is not None:
        _check_figure(text, fig)


@settings(max_examples=400, deadline=None)
@given(TRICKY_TEXT, st.booleans())
def test_find_figures_on_tricky_text(text, indefinites):
    try:
        found = find_figures(text, indefinites=indefinites, on_error="raise")
    except FigureError:
        found = []
    failures: list = []
    lenient = find_figures(text, indefinites=indefinites, on_error="null", failures=failures)
    for fig in [*found, *lenient]:
        _check_figure(text, fig)
    assert [f.start for f in lenient] == sorted(f.start for f in lenient)


# ---------------------------------------------------------------- text staging


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.binary(max_size=400), TRICKY_TEXT.map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_stage_text_on_any_bytes_is_an_article_or_a_rejection(raw):
    try:
        a = stage_text(raw, today=TODAY)
    except RejectedInput as exc:
        assert exc.reason in ("empty_file", "binary_content", "undecodable_bytes", "invalid_header_date",
                              "future_published_date")
        return
    assert a.body_clean and a.body_clean == a.body_clean.strip()
    assert clean_body(a.body_clean) == a.body_clean  # cleaning is idempotent
    assert "\r" not in a.body_clean
    assert a.content_sha256 == hashlib.sha256(a.body_clean.encode("utf-8")).hexdigest()
    assert a.article_id == a.content_sha256[:16]
    assert a.title == split_title(a.body_clean)
    assert a.title is None or a.body_clean.startswith(a.title)
    assert a.published_date is None or a.published_date <= TODAY


_PROSE = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), min_size=1, max_size=200)
# words of legacy (cp1252) news pages. Words whose cp1252 bytes happen to form valid UTF-8
# ("JOSÉ’S" holds C9 92) are in the examples below, not here: a text of only such words
# IS valid UTF-8 and reads as such.
_LATIN = st.lists(st.sampled_from(
    ["police", "said", "the", "two", "were", "killed", "café", "naïve", "señor", "Zürich", "façade",
     "résumé", "“two”", "café’s", "–", "—", "…", "30°C", "jalapeño", "Ærø", "Øresund", "São", "©", "¼"]),
    min_size=3, max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_PROSE, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_unicode_text_reads_back_exactly(text, encoding):
    if not text.strip() or "\ufeff" in text[:1]:
        return
    assert decode_bytes(text.encode(encoding))[0] == text


@settings(max_examples=300, deadline=None)
@given(_LATIN)
def test_cp1252_prose_reads_back_exactly(text):
    raw = text.encode("cp1252")
    assume(sum(b >= 0x80 for b in raw) <= 0.3 * len(raw))  # the documented rule: mostly ASCII
    expected = "cp1252" if any(ord(c) > 127 for c in text) else "utf-8"
    assert decode_bytes(raw) == (text, expected)


@pytest.mark.parametrize("text", [
    "Police said JOSÉ’S café was hit by gunfire on Sunday.",  # É’ = C9 92 is a valid UTF-8 pair
    "Ä“quote” and a naïve café owner said two were hurt.",  # Ä“ = C4 93 too
    "The café à’’ and the Øresund façade – police said.",  # E0 92 92: an overlong, not UTF-8
])
def test_cp1252_with_accidental_utf8_pairs_is_read_as_cp1252(text):
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


# ---------------------------------------------------------------- text -> claims through spaCy


@pytest.fixture(scope="module")
def nlp():
    from flows.nlp import ModelNotInstalled, load_nlp
    from flows.settings import get_settings

    try:
        return load_nlp(get_settings().spacy_model)
    except ModelNotInstalled as exc:
        pytest.skip(str(exc))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TRICKY_TEXT.filter(lambda s: s.strip()), PUBLISHED)
def test_text_to_claims_through_spacy_never_raises_and_spans_slice_back(nlp, text, published):
    articles = pl.DataFrame([{"article_id": "p", "title": split_title(text), "body_clean": text,
                              "published_date": published}], schema=ARTICLE_SCHEMA)
    docs = list(nlp.ner.pipe([text]))
    check_invariants(extract_claims(articles, docs, nlp.parse), text)
    for m in entity_mentions(articles, docs).iter_rows(named=True):
        assert text[m["char_start"]:m["char_end"]] == m["surface"]
    for m in dates.date_mentions(articles).iter_rows(named=True):
        assert text[m["char_start"]:m["char_end"]] == m["surface"]


def test_fuzz_target_replays_without_atheris(nlp):
    """fuzz/fuzz_text_to_claims.py (run by fuzz/run.sh, not in CI) still runs: replay a few inputs."""
    import importlib.util

    from tests.conftest import ROOT, SEEDS

    spec = importlib.util.spec_from_file_location("fuzz_text_to_claims", ROOT / "fuzz" / "fuzz_text_to_claims.py")
    target = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(target)
    assert target.check_one(next(SEEDS.glob("003_*.txt")).read_bytes()) > 0
    for data in (b"", b"\x89PNG\r\n", "ÿ 62 dead".encode("utf-16"), b"9" * 5000 + b" people were killed."):
        target.check_one(data)
