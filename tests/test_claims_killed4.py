"""Issue 15, the killed figure (part 4). Our own sentences, one article each; the article's figures
(killed, injured) are the claims choice.py chooses (claims.is_article_figure), run with the patterns
alone (parse=None) and with the parse.

- what struck people as the subject of an active "struck" / "hit" / "grazed" (a bullet, gunfire,
  shrapnel, falling debris, a beam, rocks): its object was hit (shot: killed or injured as the
  sentence says), as the passive "was struck by gunfire" (rule parse.struck_by_gunfire)."""

from __future__ import annotations

import pytest

from tests.conftest import article_figures

# text -> (killed, injured)
PROJECTILE_ACTIVE = [
    ("Gunfire struck a woman and three others outside the bar on Sunday.", (0, 4)),
    ("A bullet hit a 12-year-old boy in the leg as he slept.", (0, 1)),
    ("A stray bullet fired from the street hit Maria Lopez as she sat on her porch.", (0, 1)),
    ("Gunfire struck two men and a woman, one of them fatally.", (1, 2)),
    ("Stray bullets struck three children playing in the yard. One of them died.", (1, 2)),
    # not shootings: a bombing, a rock fall, a factory, an explosion, an earthquake
    ("Shrapnel from the bomb hit two soldiers and a police officer at the checkpoint.", (0, 3)),
    ("Falling rocks struck three hikers on the trail, killing one.", (1, 2)),
    ("A slab of concrete struck a worker at the factory on Tuesday.", (0, 1)),
    ("Debris from the explosion struck a firefighter, who was taken to a hospital.", (0, 1)),
    ("A beam fell during the earthquake and struck two children, who died at the scene.", (2, 0)),
    # must not count: a thing struck, a storm, the subject is no projectile
    ("Police said the bullets struck a parked car and a house.", (0, 0)),
    ("The storm hit four towns along the coast.", (0, 0)),
    ("The new tax hit a local baker hardest, the mayor said.", (0, 0)),
]


def _figures(nlp, table):
    texts = [t for t, _ in table]
    return {mode: article_figures(nlp, texts, patterns_only=mode == "patterns") for mode in ("patterns", "parse")}


@pytest.fixture(scope="module")
def projectile_active(nlp):
    return _figures(nlp, PROJECTILE_ACTIVE)


@pytest.mark.parametrize("mode", ["patterns", "parse"])
@pytest.mark.parametrize("text, expected", PROJECTILE_ACTIVE, ids=[t[:40] for t, _ in PROJECTILE_ACTIVE])
def test_projectile_active(projectile_active, mode, text, expected):
    assert projectile_active[mode][text] == expected
