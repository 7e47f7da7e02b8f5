"""transforms.pipeline: links finalize sets across tables (found by the data-quality suites)."""

import polars as pl

from transforms.pipeline import _relink_locations


def test_an_event_location_merged_away_by_the_second_resolution_follows_its_mentions():
    events = pl.DataFrame({"event_id": ["e1", "e2", "e3"], "location_entity_id": ["club", "city", None]})
    first = pl.DataFrame({"mention_id": ["m1", "m2", "m3"], "_first_id": ["club", "club", "city"]})
    second = pl.DataFrame({"mention_id": ["m1", "m2", "m3"], "entity_id": ["venue", "venue", "city"]})
    entities = pl.DataFrame({"entity_id": ["venue", "city"]})
    out = _relink_locations(events, first, second, entities)
    assert out["location_entity_id"].to_list() == ["venue", "city", None]
