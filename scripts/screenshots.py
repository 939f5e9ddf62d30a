"""Takes the README's screenshots of the web UI: one dyad's timeline and one event page.

Run: python scripts/screenshots.py [--db FILE] [--articles PATH] [--actor ID]
     [--recipient ID] [--out docs]

Ingests the articles (by default the bundled sample corpus, the project's own) into
--db when the file does not exist yet, serves it on a free loopback port, and drives
Debian's chromium (/usr/bin/chromium, `make install-browser`) with Playwright to
write docs/screenshot-timeline.png and docs/screenshot-event.png. The event shown is
the dyad's event with the most sources (the earliest among equals).
"""

from __future__ import annotations

import argparse
import json
import socket
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from watchfloor.pipeline import build_pipeline
from watchfloor.settings import Settings
from watchfloor.store import open_store
from watchfloor.web import create_app

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


def ingest_articles(db: Path, articles: Path) -> None:
    store = open_store(db)
    report = build_pipeline(store, Settings(db=str(db))).ingest([articles])
    store.close()
    print(report.summary())


def serve(db: Path) -> tuple[str, uvicorn.Server]:
    """The app over `db` on a free loopback port, in a thread; gives its URL and server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    threading.Thread(target=server.run, daemon=True).start()
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/api/stats", timeout=2).close()
            return url, server
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server on {url} did not answer")


def busiest_event(url: str, dyad: str) -> str:
    with urllib.request.urlopen(f"{url}/api/timeline?{dyad}&limit=1000") as page:
        events = json.load(page)["events"]
    return str(max(events, key=lambda e: len(e["sources"]))["canonical_id"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "wf-shots.db")
    sample = ROOT / "src/watchfloor/data/sample/articles"
    parser.add_argument("--articles", type=Path, default=sample)
    parser.add_argument("--actor", default="NER")
    parser.add_argument("--recipient", default="FRA")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    if not args.db.exists():
        ingest_articles(args.db, args.articles)
    url, server = serve(args.db)
    dyad = f"actor={args.actor}&recipient={args.recipient}"
    event = busiest_event(url, dyad)
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        browser = playwright.chromium.launch_persistent_context(
            profile,
            executable_path="/usr/bin/chromium",
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1200, "height": 900},
        )
        page = browser.new_page()
        page.goto(f"{url}/timeline?{dyad}")
        page.locator(f'a.dot[data-id="{event}"]').hover()
        page.screenshot(path=args.out / "screenshot-timeline.png")
        page.locator(f'a.dot[data-id="{event}"]').click()
        page.wait_for_url(f"**/events/{event}")
        page.screenshot(path=args.out / "screenshot-event.png")
        browser.close()
    server.should_exit = True
    print(f"wrote {args.out / 'screenshot-timeline.png'} and {args.out / 'screenshot-event.png'}")


if __name__ == "__main__":
    main()
