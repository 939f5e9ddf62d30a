"""The web UI in a real browser: Playwright driving Debian's chromium (`make install-browser`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.model

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A page in a fresh headless chromium profile; skips when chromium is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"no chromium at {CHROMIUM}; install it with: make install-browser")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
        )
        try:
            yield context.new_page()
        finally:
            context.close()


def test_web_browser_click_from_timeline_dot_to_highlighted_evidence(
    web_url: str, browser_page: Any
) -> None:
    found = httpx.get(web_url + "/api/timeline", params={"actor": "KOR", "recipient": "UKR"})
    pledge = next(e for e in found.json()["events"] if e["type"] == "AGREE")
    page = browser_page
    page.goto(f"{web_url}/timeline?actor=KOR&recipient=UKR")
    dots = page.locator("svg#timeline a.dot")
    assert dots.count() >= 2
    dot = page.locator(f'svg#timeline a.dot[data-id="{pledge["canonical_id"]}"]')
    dot.hover()
    tooltip = page.locator("#tooltip")
    assert tooltip.is_visible()
    assert "AGREE KOR -> UKR" in tooltip.inner_text()
    dot.click()
    page.wait_for_url(re.compile(r"/events/" + re.escape(pledge["canonical_id"]) + "$"))
    mark = page.locator("mark.evidence").first
    assert mark.is_visible()
    assert mark.inner_text() == pledge["sources"][0]["evidence"]
    assert "pledged 50,000 artillery shells" in mark.inner_text()


def test_web_browser_positions_form_then_click_to_the_evidence(
    web_url: str, browser_page: Any
) -> None:
    params = {"toward": "UKR", "issue": "military-aid"}
    steps = httpx.get(web_url + "/api/actors/KOR/positions", params=params).json()["steps"]
    pledge = steps[-1]
    page = browser_page
    page.goto(f"{web_url}/actors/KOR")
    form = page.locator("#positions form")
    form.locator('select[name="toward"]').select_option("UKR")
    form.locator('select[name="issue"]').select_option("military-aid")
    form.locator('button[type="submit"]').click()
    page.wait_for_url(re.compile(r"/actors/KOR\?toward=UKR&issue=military-aid#positions$"))
    rows = page.locator("#positions table.positions tr.step")
    assert rows.count() == len(steps)
    assert page.locator("#positions tr.step.change").count() == sum(s["change"] for s in steps)
    rows.last.locator("a.evidence").first.click()
    page.wait_for_url(re.compile(r"/events/" + re.escape(pledge["canonical_id"]) + "#source-1$"))
    mark = page.locator("#source-1 mark.evidence")
    assert mark.is_visible()
    assert mark.inner_text() == pledge["sources"][0]["evidence"]


def test_web_browser_runs_no_script_from_input(web_url: str, browser_page: Any) -> None:
    dialogs: list[str] = []
    page = browser_page
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{web_url}/articles/web-script")
    assert "<script>alert(1)</script> Poland condemns Russia" in page.locator("h1").inner_text()
    page.goto(f"{web_url}/timeline?actor=POL")
    page.goto(f"{web_url}/search?q=ambulances")
    assert dialogs == []
