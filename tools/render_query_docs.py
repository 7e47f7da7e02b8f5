"""Run every ```sql block of a Markdown file through `newsclaims sql` and write its output
below it (a ```text block, replaced when present). Keeps docs/QUERIES.md's output real.

    python tools/render_query_docs.py docs/QUERIES.md --db /tmp/seeds.duckdb
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

BLOCK = re.compile(r"```sql\n(?P<sql>.*?)```\n(?:\n```text\n.*?```\n)?", re.S)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("markdown", type=Path)
    ap.add_argument("--db", type=Path, required=True)
    args = ap.parse_args()
    root = Path(__file__).resolve().parents[1]

    def run(m: re.Match) -> str:
        proc = subprocess.run([sys.executable, "-m", "flows.cli", "sql", m["sql"], "--db", str(args.db)],
                              capture_output=True, text=True, cwd=root, check=True)
        lines = [ln.rstrip() for ln in proc.stdout.splitlines()]
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        return f"```sql\n{m['sql']}```\n\n```text\n" + "\n".join(lines) + "\n```\n"

    text = args.markdown.read_text(encoding="utf-8")
    args.markdown.write_text(BLOCK.sub(run, text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
