"""The web pages, against a real `watchfloor serve` on loopback: content, errors, escaping."""

from __future__ import annotations

import re
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
        "/actors/POL?toward=UKR": False,
        f"/actors/KOR?toward={SCRIPT}": True,
        f"/no-such-page/{SCRIPT}": True,
    }
    for path, shows_input in paths.items():
        status = 400 if path.startswith(("/timeline?actor=<", "/actors/KOR?toward=<")) else 200
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


def test_web_pages_actor_shows_names_roles_counterparts(web_url: str) -> None:
    text = page(web_url, "/actors/KOR")
    assert "South Korea" in text
    assert "Seoul" in text  # an alias
    assert 'href="/timeline?actor=KOR&amp;recipient=UKR"' in text
    person = page(web_url, "/actors/yoon-suk-yeol")
    assert "president" in person


def _positions_section(text: str) -> str:
    start = text.index('<section id="positions">')
    return text[start : text.index("</section>", start)]


def test_web_pages_actor_shows_positions_with_change_points_and_sources(web_url: str) -> None:
    steps = httpx.get(
        web_url + "/api/actors/KOR/positions", params={"toward": "UKR", "issue": "military-aid"}
    ).json()["steps"]
    section = _positions_section(page(web_url, "/actors/KOR"))  # default: most frequent recipient
    assert '<option value="UKR" selected>UKR</option>' in section
    assert '<option value="" selected>every issue</option>' in section
    assert "KOR toward UKR: military-aid" in section
    chosen = _positions_section(
        page(web_url, "/actors/South Korea?toward=Ukraine&issue=military-aid")
    )
    assert re.search(r'<option value="military-aid" title="[^"]*" selected>', chosen)
    rows = chosen.split('<tr class="step')[1:]
    assert len(rows) == len(steps) >= 2
    for row, step in zip(rows, steps, strict=True):
        assert row.startswith(" change" if step["change"] else '"')
        assert f'stance-{step["stance"]}"' in row
        assert f'href="/events/{step["canonical_id"]}"' in row
        for number, source in enumerate(step["sources"], start=1):
            assert f'href="/articles/{source["doc_id"]}"' in row
            assert f'href="/events/{step["canonical_id"]}#source-{number}"' in row
    last = rows[-1]
    assert "2024-03-04" in last
    assert "(was " in last
    assert "Harbour Times, 2024-03-04" in last
    assert "South Korea pledged 50,000 artillery shells to Ukraine" in last
    none = _positions_section(page(web_url, "/actors/KOR?toward=UKR&issue=sanctions"))
    assert "No stated positions of KOR toward UKR on sanctions." in none
    assert 'class="step' not in none


def test_web_pages_actor_positions_bad_values_are_error_pages(web_url: str) -> None:
    assert "no actor &#39;Atlantis&#39;" in page(web_url, "/actors/KOR?toward=Atlantis", 400)
    text = page(web_url, "/actors/KOR?toward=UKR&issue=tanks", 400)
    assert "unknown issue &#39;tanks&#39;" in text


def test_web_pages_event_shows_its_place(web_url: str) -> None:
    (event,) = httpx.get(web_url + "/api/events", params={"place": "Seoul"}).json()["events"]
    assert "<dt>place</dt><dd>Seoul, KOR</dd>" in page(web_url, f"/events/{event['canonical_id']}")
    (unplaced, *_) = httpx.get(web_url + "/api/events", params={"type": "AGREE"}).json()["events"]
    assert unplaced["place"] is None
    assert "<dt>place</dt><dd>not stated</dd>" in page(
        web_url, f"/events/{unplaced['canonical_id']}"
    )


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


@pytest.mark.shared
def test_web_pages_seeds_positions_of_korea_on_arming_ukraine(
    seeds_store: Any, start_server: Callable[..., str]
) -> None:
    url = start_server(Path(seeds_store.path))
    params = {"toward": "UKR", "issue": "military-aid"}
    steps = httpx.get(url + "/api/actors/KOR/positions", params=params).json()["steps"]
    dated = [step for step in steps if step["when"]]
    stances = [step["stance"] for step in dated]
    # refusal, then deliberation, then (non-lethal) aid, then the 2024 reconsideration
    assert "refused" in stances
    assert stances.index("refused") < stances.index("considering")
    reconsidered = next(s for s in dated if s["when"] == "2024-06-20")
    assert (reconsidered["stance"], reconsidered["change"]) == ("considering", True)
    assert "review the possibility of supplying weapons" in reconsidered["sources"][0]["evidence"]
    section = _positions_section(page(url, "/actors/KOR?toward=UKR&issue=military-aid"))
    rows = section.split('<tr class="step')[1:]
    assert len(rows) == len(steps)
    assert sum(row.startswith(" change") for row in rows) == sum(s["change"] for s in steps) >= 5
    (row,) = [r for r in rows if "2024-06-20" in r]
    assert 'href="/articles/004_0cad51775cc05eaf"' in row
    assert "review the possibility of supplying weapons to Ukraine" in row
