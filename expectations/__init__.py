"""Great Expectations suites, one module per table (docs/DATA_QUALITY.md).

Each module names its TABLE and KEY and gives ``frame(batch)`` (the rows to
check, with helper columns) and ``expectations()`` (GX Core 1.x expectations).
base.py holds what they share; quarantine.py what happens to rows that fail
(data suites; the run-record suites only record their results).
flows/validate.py runs the suites in a GX context before each load.
"""

from expectations import (articles, claims, date_mentions, dq_results, entities, entity_mentions, event_id_history,
                          events, pipeline_runs, rejected_inputs, source_files, source_records, victims)

# The data suites, parents first (Data Docs and dq_results list them in this order):
# a row that fails one is quarantined.
SUITES = (entities, events, event_id_history, articles, date_mentions, entity_mentions, claims, victims,
          source_files, source_records, rejected_inputs)
KEYS = {s.TABLE: s.KEY for s in SUITES}
# The run-record suites: the run's own row and the data suites' results, checked
# after them; a failure is recorded (and fails --strict), nothing is held back.
RUN_SUITES = (pipeline_runs, dq_results)
ALL_SUITES = SUITES + RUN_SUITES
