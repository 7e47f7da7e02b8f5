"""The lexicon: every data file parses to named lists, and the loader says what is missing."""

import pytest

from transforms import lexicon


@pytest.mark.parametrize("path", sorted(lexicon.LEXICON_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_every_lexicon_file_is_a_mapping_of_lists(path):
    data = lexicon.load(path.stem)
    assert data, f"{path.name} is empty"
    for key, value in data.items():
        assert isinstance(value, (list, dict)), f"{path.name}: {key} is {type(value).__name__}"
        assert value, f"{path.name}: {key} is empty"


def test_words_and_mapping_read_the_same_list():
    months = lexicon.mapping("time_words", "months")
    assert months["march"] == 3 and len(months) == 12
    assert lexicon.words("time_words", "weekdays") >= {"monday", "sunday"}


def test_alternation_prefers_longer_words():
    assert lexicon.alternation("time_words", "month_abbreviations").startswith("(?:sept|")


@pytest.mark.parametrize("name,key", [("no_such_file", "x"), ("time_words", "no_such_list")])
def test_missing_lexicon_entries_raise(name, key):
    with pytest.raises(lexicon.LexiconError):
        lexicon.words(name, key)
