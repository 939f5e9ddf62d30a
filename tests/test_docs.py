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


def test_docs_errors_lists_every_rejection_reason_and_exit_code() -> None:
    from watchfloor.errors import INTERNAL_ERROR_EXIT_CODE

    source = "".join(path.read_text() for path in (ROOT / "src").rglob("*.py"))
    reasons = set(re.findall(r'InputProblem\(\s*"([a-z_]+)"', source))
    errors_page = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    assert sorted(reason for reason in reasons if f"`{reason}`" not in errors_page) == []
    for code in (0, 1, 2, INTERNAL_ERROR_EXIT_CODE):
        assert f"\n| {code} |" in errors_page
