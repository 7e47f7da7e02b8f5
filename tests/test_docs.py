"""The README is tested: every CLI command is documented, the two commands exist, its SQL runs."""

import re

import pytest

from flows.cli import build_parser
from tests.conftest import ROOT, query

README = (ROOT / "README.md").read_text(encoding="utf-8")


def subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


@pytest.mark.parametrize("command", subcommands())
def test_every_cli_command_is_in_the_readme(command):
    assert f"newsclaims {command}" in README, f"`newsclaims {command}` is not documented in README.md"


def test_the_two_commands_are_make_targets_and_ci_runs_the_test_one():
    makefile = (ROOT / "Makefile").read_text()
    for target in ("run", "test"):
        assert f"make {target}" in README
        assert re.search(rf"^{target}:", makefile, re.M), f"Makefile has no '{target}' target"
    assert "make test" in (ROOT / ".ci" / "run").read_text()


@pytest.mark.slow
@pytest.mark.parametrize("sql", re.findall(r"```sql\n(.*?)```", README, re.S))
def test_readme_sql_runs_on_the_seeds(seeds_db, sql):
    assert query(seeds_db, sql), "an example query in README.md returned no rows on the seeds"
