"""Issue 15, general incident vocabulary: counts of other kinds of incidents (floods, mines,
crashes, stampedes, fires, explosions), our own sentences, one article each."""

from __future__ import annotations

import polars as pl
import pytest

from tests.conftest import extract_texts

# text -> the (claim_type, value_low, qualifier) claims about the incident, exactly
CASES = [
    ("Twenty-two villagers were killed when the dam burst.", {("killed", 22, "exact")}),
    ("Fifteen pilgrims died in the stampede near the shrine.", {("killed", 15, "exact")}),
    ("Seven tourists were killed in the bus crash.", {("killed", 7, "exact")}),
    ("Thirty passengers were injured when the train derailed.", {("injured", 30, "exact")}),
    ("Nine people drowned when the ferry capsized.", {("killed", 9, "exact")}),
    ("Two men were burned to death in the warehouse fire.", {("killed", 2, "exact")}),
    ("The blast claimed 14 lives.", {("killed", 14, "exact")}),
    ("The death toll rose to 40 after the earthquake.", {("killed", 40, "exact")}),
    ("Rescuers said 12 bodies were recovered from the rubble.", {("killed", 12, "exact")}),
    ("Eight miners were trapped after the collapse.", {("missing", 8, "exact")}),  # missing, not dead
    ("Gunman kills 4, wounds 11 at nightclub", {("killed", 4, "exact"), ("injured", 11, "exact")}),
    ("At least 50 inmates were hurt in the prison riot.", {("injured", 50, "at_least")}),
    # issue 15 part 4, more wordings of other incidents (this session)
    ("The death toll climbed to 57 on Tuesday after the earthquake.", {("killed", 57, "exact")}),
    ("Authorities recovered 23 bodies from the collapsed mine.", {("killed", 23, "exact")}),
    ("The quake claimed at least 300 lives.", {("killed", 300, "at_least")}),
    ("Six people burned to death in the apartment fire.", {("killed", 6, "exact")}),
    ("Twelve miners drowned when the shaft flooded.", {("killed", 12, "exact")}),
    ("Eleven passengers are dead or presumed dead after the ferry sank.", {("killed", 11, "exact")}),
    ("Nine fishermen remain unaccounted for after the storm.", {("missing", 9, "exact")}),
    ("Two dozen workers remain trapped after the tunnel collapse.", {("missing", 24, "exact")}),
    ("The factory explosion killed 4 workers and wounded 11.", {("killed", 4, "exact"), ("injured", 11, "exact")}),
    ("The bus plunged into a ravine, killing 18 tourists and injuring 7 others.",
     {("killed", 18, "exact"), ("injured", 7, "exact")}),
    ("The blast left 12 dead and 30 injured.", {("killed", 12, "exact"), ("injured", 30, "exact")}),
    ("The train derailment injured 85 commuters.", {("injured", 85, "exact")}),
    ("In total, 15 villagers died in the floods.", {("killed", 15, "exact")}),
    ("Four workers died and another was seriously hurt in the explosion.",
     {("killed", 4, "exact"), ("injured", 1, "exact")}),
    # single people of other incidents: a person noun and a death of another kind
    ("A 7 year old boy drowned in the river.", {("killed", 1, "exact")}),
    ("A fisherman perished when his boat capsized.", {("killed", 1, "exact")}),
    ("A worker was electrocuted at the plant.", {("killed", 1, "exact")}),
    ("The explosion injured a 45-year-old worker.", {("injured", 1, "exact")}),
    # non-victims: her children are no count; the dogs are not people
    ("A mother of three was killed in the crash.", {("killed", 1, "exact")}),
    ("The gas explosion killed a farmer and injured one of his dogs.", {("killed", 1, "exact")}),
    # not casualties
    ("Twelve people were rescued from the rubble.", set()),
    ("Rescuers pulled 14 survivors from the rubble.", set()),
    ("Five firefighters were rescued from the burning building.", set()),
    ("The landslide buried 20 homes.", set()),
    ("The flood cost the city 3 million dollars.", set()),
    ("He was trapped in his car for two hours.", set()),
]


@pytest.fixture(scope="module")
def claims_by_text(nlp):
    texts = [t for t, _ in CASES]
    claims = extract_texts(nlp, texts)
    return {t: {(r["claim_type"], r["value_low"], r["qualifier"])
                for r in claims.filter((pl.col("article_id") == f"a{i}") & ~pl.col("is_background"))
                .iter_rows(named=True)} for i, t in enumerate(texts)}


@pytest.mark.parametrize("text, expected", CASES, ids=[t[:40] for t, _ in CASES])
def test_incident_vocabulary(claims_by_text, text, expected):
    assert claims_by_text[text] == expected
