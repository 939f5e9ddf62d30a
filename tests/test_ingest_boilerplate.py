"""Line rules: each boilerplate family and line shape, and lines that must stay."""

from __future__ import annotations

import pytest

from watchfloor.ingest.boilerplate import boilerplate_kind, breadcrumb_tail, strip_trailing_promo


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("|", "punctuation"),
        ("* * *", "punctuation"),
        ("https://example.org/world/2024/05/story", "link"),
        ("desk@example.org", "link"),
        ("Home » World » Africa", "breadcrumb"),
        ("Home > Politics > Coalition talks stall again", "breadcrumb"),
        ("News › Europe › Energy", "breadcrumb"),
        ("World | Politics | Business | Sport", "menu"),
        ("Facebook Twitter WhatsApp Email", "social"),
        ("Share this article", "share"),
        ("Share on LinkedIn", "share"),
        ("Share:", "share"),
        ("Sign up for our daily briefing", "subscribe"),
        ("Subscribe now", "subscribe"),
        ("NEWSLETTER", "subscribe"),
        ("Join the Example Weekly mailing list |", "subscribe"),
        ("Get our morning newsletter in your inbox.", "subscribe"),
        ("Related articles", "related"),
        ("Related topics:", "related"),
        ("More news", "related"),
        ("More from Europe", "related"),
        ("You may also like", "related"),
        ("You might be interested in", "related"),
        ("Read more: Port strike enters its second week", "related"),
        ("See also: Timeline of the talks", "related"),
        ("Most read", "related"),
        ("Leave a Comment", "comments"),
        ("Leave a reply", "comments"),
        ("12 comments", "comments"),
        ("Comments (4)", "comments"),
        ("Join the conversation", "comments"),
        ("Tags: elections, parliament, coalition", "tags"),
        ("Filed under: Europe", "tags"),
        ("Topics", "tags"),
        (
            "We use cookies to improve your experience. By continuing you agree to our policy.",
            "cookies",
        ),
        ("Accept all cookies", "cookies"),
        ("Advertisement", "advertising"),
        ("ADVERTISEMENT", "advertising"),
        ("Story continues below advertisement", "advertising"),
        ("Copyright 2024 Example Media Group", "copyright"),
        ("© 2023 Example News. All rights reserved.", "copyright"),
        ("Follow us on Telegram", "follow"),
        ("Follow Jane Doe on X", "follow"),
        ("Skip to main content", "navigation"),
        ("Back to top", "navigation"),
        ("4 min read", "navigation"),
        ("Listen to this article", "navigation"),
        ("Photo: Jane Doe/Example Agency", "credit"),
        ("Image source, Getty Images", "credit"),
    ],
)
def test_boilerplate_kind_recognises_families(line: str, kind: str) -> None:
    assert boilerplate_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "",
        "Security Threat",  # a subheading is content
        "Talks in Geneva",
        "More than 1,500 troops remain in the country.",
        "The junta said it would share intelligence with its neighbours.",
        "Subscribers to the scheme will be paid next month, the ministry said.",
        "Related talks are expected in Vienna next week, according to two diplomats.",
        "Comments by the minister angered the opposition, which called for her resignation.",
        "Advertisements for the bond sale ran in three newspapers, the treasury said on Monday.",
        "Read the full statement, the spokesman told reporters as he left the building on Friday.",
    ],
)
def test_boilerplate_kind_keeps_content(line: str) -> None:
    assert boilerplate_kind(line) is None


@pytest.mark.parametrize(
    ("line", "tail"),
    [
        (
            "Home » Regional leaders meet on border crossings",
            "Regional leaders meet on border crossings",
        ),
        ("Home / World / Harbour strike ends", "Harbour strike ends"),
        ("Europe » Energy » Gas prices fall", "Gas prices fall"),
        ("Prices rose 3% » analysts", None),  # one arrow without a home step is not a breadcrumb
        ("A plain sentence about a meeting.", None),
        ("Il a dit « non » puis « jamais » aux délégués.", None),  # French quotes, not steps
    ],
)
def test_breadcrumb_tail(line: str, tail: str | None) -> None:
    assert breadcrumb_tail(line) == tail


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "The talks ended without a deal. Read more: Ferry operators warn of delays",
            "The talks ended without a deal.",
        ),
        (
            "Both sides claimed victory.” See also: How the vote works",
            "Both sides claimed victory.”",
        ),
        ("He said: more troops would come.", "He said: more troops would come."),
        (
            "Read more about the plan in the annex, he said.",
            "Read more about the plan in the annex, he said.",
        ),
    ],
)
def test_strip_trailing_promo(line: str, expected: str) -> None:
    assert strip_trailing_promo(line) == expected


def test_long_lines_are_never_widget_lines() -> None:
    line = "Share " + "of the vote rose in every district " * 3
    assert boilerplate_kind(line) is None
