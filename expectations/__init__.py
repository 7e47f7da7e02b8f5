"""Great Expectations suites, one module per table (docs/DATA_QUALITY.md).

Each module names its TABLE and KEY and gives ``frame(batch)`` (the rows to
check, with helper columns) and ``expectations()`` (GX Core 1.x expectations).
base.py holds what they share; quarantine.py what happens to rows that fail.
flows/validate.py runs the suites in a GX context before each load.
"""

from expectations import (articles, claims, date_mentions, entities, entity_mentions, events, rejected_inputs,
                          source_files)

# parents first: Data Docs and dq_results list the suites in this order
SUITES = (entities, events, articles, date_mentions, entity_mentions, claims, source_files, rejected_inputs)
KEYS = {s.TABLE: s.KEY for s in SUITES}
