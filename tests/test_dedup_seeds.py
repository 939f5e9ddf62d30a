"""The real case: seed 000 is a reworded copy of seed 001; the others are not copies."""

from __future__ import annotations

import re

import pytest

from watchfloor.dedup.near_dup import DuplicateFinder
from watchfloor.records import Article, PartialDate
from watchfloor.settings import Settings

_DATE_LINE = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\s*")


def _read_seed(path):
    """Minimal cleaning: a leading 'date YYYY-MM-DD' becomes `published`."""
    text = path.read_text(encoding="utf-8")
    match = _DATE_LINE.match(text)
    published = PartialDate.parse(match.group(1)) if match else None
    body = text[match.end() :] if match else text
    return Article(doc_id=path.stem[:3], title="", text=body.strip(), published=published)


@pytest.mark.shared
@pytest.mark.parametrize("order", ["arrival", "reversed"])
def test_dedup_seeds_link_only_000_to_001(shared_dir, order):
    articles = [_read_seed(path) for path in sorted((shared_dir / "corpus/seeds").glob("*.txt"))]
    if order == "reversed":
        articles.reverse()
    texts = {article.doc_id: article.text for article in articles}
    finder = DuplicateFinder(Settings(), texts.get)
    links = [link for article in articles for link in finder.add(article)[0]]
    assert [({link.doc_id, link.other_id}, link.kind, link.derived_from) for link in links] == [
        ({"000", "001"}, "reworded", "001")
    ]
