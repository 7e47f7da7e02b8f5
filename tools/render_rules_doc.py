"""Write docs/RULES.md from the claim rule tables (transforms/claims/rules/*.yaml).

    .venv/bin/python tools/render_rules_doc.py          # rewrite docs/RULES.md
    .venv/bin/python tools/render_rules_doc.py --check  # exit 1 when docs/RULES.md is stale
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from transforms.claims.rules import render_markdown  # noqa: E402

DOC = ROOT / "docs" / "RULES.md"


def main(argv: list[str]) -> int:
    text = render_markdown()
    if "--check" in argv:
        if not DOC.exists() or DOC.read_text(encoding="utf-8") != text:
            print(f"{DOC} is stale: run python tools/render_rules_doc.py")
            return 1
        print(f"{DOC} is current")
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
