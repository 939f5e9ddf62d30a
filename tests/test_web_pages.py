"""The web pages, against a real `watchfloor serve` on loopback: content, errors, escaping."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.model

SCRIPT = "<script>alert(1)</script>"
HTML = {"Accept": "text/html"}


def page(base: str, path: str, expect: int = 200) -> str:
    response = httpx.get(base + path, headers=HTML, timeout=30)
    assert response.status_code == expect, response.text
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def _script_event(base: str) -> str:
    events = httpx.get(base + "/api/events", params={"text": "Poland condemned"}).json()
    return str(events["events"][0]["canonical_id"])


def test_web_pages_escape_input_everywhere(web_url: str) -> None:
    event = _script_event(web_url)
    paths = {
        "/": False,
        "/articles": True,
        "/articles/web-script": True,
        f"/events/{event}": True,
        "/timeline?actor=POL": True,
        "/actors/POL": False,
        "/actors": False,
        "/search?q=ambulances": True,
        f"/search?q={SCRIPT}": True,
        "/duplicates": False,
        "/stories": False,
        "/quotes": False,
        f"/timeline?actor={SCRIPT}": True,
        f"/no-such-page/{SCRIPT}": True,
    }
    for path, shows_input in paths.items():
        status = 400 if path.startswith("/timeline?actor=<") else 200
        status = 404 if path.startswith("/no-such-page") else status
        text = page(web_url, path, status)
        assert SCRIPT not in text, path
        if shows_input:
            assert "alert(1)&lt;/script&gt;" in text, path


def test_web_pages_event_highlights_every_source(web_url: str) -> None:
    events = httpx.get(web_url + "/api/events", params={"actor": "KOR", "type": "AGREE"}).json()
    event = events["events"][0]
    text = page(web_url, f"/events/{event['canonical_id']}")
    evidence = event["sources"][0]["evidence"]
    assert f'<mark class="evidence">{evidence}</mark>' in text
    for label in ("type", "mode", "actor", "recipient", "status", "date", "quantities"):
        assert f"<dt>{label}</dt>" in text
    assert "Harbour Times" in text
    assert "The sources agree." in text


def test_web_pages_timeline_draws_a_dot_per_dated_event(web_url: str) -> None:
    events = httpx.get(web_url + "/api/timeline", params={"actor": "KOR", "recipient": "UKR"})
    found = events.json()["events"]
    text = page(web_url, "/timeline?actor=South Korea&recipient=UKR")
    assert "Timeline: " in text
    assert text.count('<a class="dot"') == len([e for e in found if e["when"]]) > 0
    for event in found:
        assert f'href="/events/{event["canonical_id"]}"' in text
    assert "verbal cooperation" in text


def test_web_pages_actor_shows_names_roles_counterparts_and_a_place_for_positions(
    web_url: str,
) -> None:
    text = page(web_url, "/actors/KOR")
    assert "South Korea" in text
    assert "Seoul" in text  # an alias
    assert 'href="/timeline?actor=KOR&amp;recipient=UKR"' in text
    assert 'id="positions"' in text
    person = page(web_url, "/actors/yoon-suk-yeol")
    assert "president" in person


def test_web_pages_errors_are_pages_with_the_message(web_url: str) -> None:
    text = page(web_url, "/timeline?actor=Atlantis", 400)
    assert "no actor &#39;Atlantis&#39; in the store" in text
    assert "Traceback" not in text
    assert "ev-nothing" in page(web_url, "/events/ev-nothing", 404)


@pytest.mark.shared
def test_web_pages_seeds_timeline_of_korea_to_ukraine(
    seeds_store: Any, start_server: Callable[..., str]
) -> None:
    url = start_server(Path(seeds_store.path))
    found = httpx.get(url + "/api/timeline", params={"actor": "KOR", "recipient": "UKR"}).json()
    dated = [e for e in found["events"] if e["when"]]
    assert len(dated) >= 10
    text = page(url, "/timeline?actor=KOR&recipient=UKR")
    assert text.count('<a class="dot"') == len(dated)
    assert "South Korea" in page(url, "/actors/KOR")
