"""The README's pointers into docs/ stay true."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def _linked_docs() -> set[str]:
    return set(re.findall(r"\]\((docs/[^)#]+\.md)\)", README.read_text(encoding="utf-8")))


def test_docs_readme_links_exist() -> None:
    missing = sorted(link for link in _linked_docs() if not (ROOT / link).is_file())
    assert missing == []


def test_docs_readme_lists_every_page() -> None:
    pages = {f"docs/{page.name}" for page in (ROOT / "docs").glob("*.md")}
    assert sorted(pages - _linked_docs()) == []
