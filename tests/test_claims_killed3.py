"""Issue 15, the killed figure (part 3): the attacker's own death stated apart from the count of the
attacker's victims is added to it (inference.attacker_added), as GVA and ACLED count it. Our own
sentences, one article each; the article's figure is the claim choice.py chooses
(claims.is_article_figure), run with the patterns alone (parse=None) and with the parse."""

from __future__ import annotations

import pytest

from tests.conftest import article_figures

# text -> the article's killed figure
ATTACKER_ADDED = [
    # the count is what the attacker did, the attacker's death is another sentence's
    ("A gunman killed four people at a warehouse on Monday. The gunman was later shot dead by police.", 5),
    ("The shooter, who killed three coworkers, died of a self-inflicted gunshot wound.", 4),
    ("Four miners were killed by the gunman at the mine office. The suspect was found dead hours later.", 5),
    ("Police are investigating a triple homicide in the north end. The suspect was killed in a shootout "
     "with deputies.", 4),
    # not shootings: a bomber, an attacker with a knife, an arsonist's victims in a fire
    ("An attacker armed with a knife killed two passengers on the train. The attacker was shot dead by "
     "officers.", 3),
    # a count of "others" beside a dead attacker of the same sentence
    ("A gunman who was shot and killed by police had gone on a rampage that left two others dead.", 3),
    # must not fire: the count includes the attacker, no attacker died, the count is not the attacker's
    ("Three people are dead, including the gunman, after a shooting at a bar. The gunman died at the scene.", 3),
    ("A gunman killed four people at a warehouse on Monday. The gunman was arrested.", 4),
    ("Four people were found dead in a home. The suspect was killed by police.", 4),
    ("Five people died when the roof of the mine collapsed. The suspect in an unrelated case was killed.", 5),
    ("The gunman killed two people before turning the gun on himself.", 3),  # the killer's suicide, once
    ("An earthquake killed 16 people in the valley. Two suspects in a looting case were arrested.", 16),
]


@pytest.fixture(scope="module")
def attacker_added(nlp):
    texts = [t for t, _ in ATTACKER_ADDED]
    return {mode: {t: killed for t, (killed, _) in article_figures(nlp, texts, patterns_only=mode == "patterns").items()}
            for mode in ("patterns", "parse")}


@pytest.mark.parametrize("mode", ["patterns", "parse"])
@pytest.mark.parametrize("text, expected", ATTACKER_ADDED, ids=[t[:40] for t, _ in ATTACKER_ADDED])
def test_attacker_added(attacker_added, mode, text, expected):
    assert attacker_added[mode][text] == expected
