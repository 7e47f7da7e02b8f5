#!/usr/bin/env bash
# Fuzz the text-to-claims path with atheris for SECONDS (default 300). Not part of CI.
#
#   fuzz/run.sh [SECONDS] [extra libFuzzer flags...]
#
# atheris goes into a venv of its own (.venv-fuzz, git-ignored), never into the
# project's .venv; a .pth file lets it import the project's pinned packages.
# Corpus: .fuzz-corpus/ (git-ignored), seeded from seeds/ and tests/fixtures/articles/
# and grown by libFuzzer. Crashes land in fuzz/crashes/ (replay one with
# `python fuzz/fuzz_text_to_claims.py fuzz/crashes/crash-...`).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-300}"; shift || true
PROJECT_PY="${PROJECT_PY:-.venv/bin/python}"
FUZZ_VENV="${FUZZ_VENV:-.venv-fuzz}"

if [ ! -x "$FUZZ_VENV/bin/python" ]; then
  "$PROJECT_PY" -c 'import sys; sys.exit(0)'  # the project venv must exist (make setup)
  base="$("$PROJECT_PY" -c 'import sys; print(sys.base_prefix)')/bin/python3"
  "$base" -m venv "$FUZZ_VENV"
  "$FUZZ_VENV/bin/pip" install --quiet --disable-pip-version-check atheris
  purelib="$("$PROJECT_PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
  fuzz_purelib="$("$FUZZ_VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
  echo "$purelib" > "$fuzz_purelib/newsclaims-project.pth"
fi

mkdir -p .fuzz-corpus fuzz/crashes
if [ -z "$(ls -A .fuzz-corpus)" ]; then
  cp seeds/*.txt tests/fixtures/articles/*.txt .fuzz-corpus/ 2>/dev/null || true
fi
exec "$FUZZ_VENV/bin/python" fuzz/fuzz_text_to_claims.py .fuzz-corpus \
  -max_total_time="$SECONDS_TO_RUN" -max_len=4096 -timeout=20 -rss_limit_mb=4096 \
  -artifact_prefix=fuzz/crashes/ -print_final_stats=1 "$@"
