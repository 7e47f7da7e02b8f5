"""Issue 15, counted people behind a long noun phrase: "a total of four federal law enforcement
officers were shot and injured" (transforms.claims.figure_types._type_from_parse: the figure in the
of-phrase of "a total" takes the predicate "total" is an argument of, not "total"'s own class), and
counts with several modifiers between the numeral and the person noun (_typed_past_modifiers). The article's chosen
figures killed / injured, our own sentences."""

from __future__ import annotations

import pytest

from tests.conftest import article_figures

# text -> (killed, injured): the article's figures (0 when no claim is chosen)
CASES = [
    # "a total of" + a long noun phrase: the predicate of "total" types the figure
    ("A total of four federal law enforcement officers were shot and injured.", (0, 4)),
    ("Police said a total of four off-duty corrections officers were shot and wounded.", (0, 4)),
    ("A total of three high school students were shot and injured.", (0, 3)),
    ("A total of seven underground coal miners were hurt and taken to hospital after the collapse.", (0, 7)),
    ("A total of 12 workers were hurt in the factory explosion.", (0, 12)),
    ("A total of three passengers were injured when the bus overturned.", (0, 3)),
    ("A total of two miners were killed in the explosion.", (2, 0)),
    ("A total of six people were wounded and two were killed in the mine blast.", (2, 6)),
    # long modifiers between the numeral and the person noun
    ("Four federal law enforcement officers were wounded in the shooting.", (0, 4)),
    ("Two off-duty Chicago police officers were hurt.", (0, 2)),
    ("Three 17-year-old high school students were injured.", (0, 3)),
    ("Five coal mine workers were injured in the blast.", (0, 5)),
    ("Six elderly bus passengers were injured in the crash.", (0, 6)),
    # a headline with several premodifiers, then the story (transforms.claims.figure_types
    # _typed_past_modifiers: the predicate after the counted noun types the figure)
    ("4 federal officers shot in Topeka\n\nFour federal law enforcement officers have been shot in Kansas.", (0, 4)),
    ("4 federal officers shot at house in Topeka\n\nFour federal officers were shot at a house.", (0, 4)),
    ("3 coal mine workers hurt in Utah blast\n\nThree coal mine workers were hurt when methane exploded.", (0, 3)),
    ("2 off-duty factory workers injured in boiler blast\n\nTwo off-duty factory workers were injured.", (0, 2)),
    # not people, or not hurt, or the shooters
    ("Four federal law enforcement officers shot at the suspect.", (0, 0)),
    ("Three days after two officers were shot, police made an arrest.", (0, 2)),
    ("A total of 40 rounds were fired at the house.", (0, 0)),
    ("Rescuers pulled a total of nine trapped factory workers from the rubble unharmed.", (0, 0)),
]


@pytest.fixture(scope="module")
def figures(nlp):
    return article_figures(nlp, [t for t, _ in CASES])


@pytest.mark.parametrize("text, expected", CASES, ids=[t[:40] for t, _ in CASES])
def test_article_figures(figures, text, expected):
    assert figures[text] == expected
