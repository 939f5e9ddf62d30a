"""Several `watchfloor` processes on one SQLite file at once, as users run them.

Each check ends with the store's integrity: every article once, each in a story,
no mention of a cleared actor, every event fused, and `stats` agreeing.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import watchfloor
from watchfloor.cli import app

pytestmark = pytest.mark.model

COUNTRIES = ["Niger", "Mali", "Chad", "Ghana", "Senegal", "Benin", "Togo", "Gabon"]
ACTS = [
    "accused {b} of arming rebels near the border",
    "threatened to impose sanctions on {b}",
    "sent 40 tonnes of food aid to {b}",
    "expelled the ambassador of {b}",
    "signed a trade agreement with {b}",
    "closed its border with {b}",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _write_corpus(folder: Path, count: int, start: int = 0) -> Path:
    """`count` short reports, each a different act between two countries."""
    folder.mkdir()
    for n in range(start, start + count):
        a, b = COUNTRIES[n % 8], COUNTRIES[(n * 3 + 1) % 8]
        act = ACTS[n % 6].format(b=b)
        day = DAYS[n % 5]
        text = (
            f"{a} {act}, officials say\n\n"
            f"{a} {act} on {day} {n % 27 + 1} March 2023, the government of {a} said in a "
            f"statement read on state television. Officials in {b} said report number {n} "
            f"was under review and that a reply would follow within {n % 9 + 2} days.\n"
        )
        (folder / f"report-{n:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def _start(*args: str) -> subprocess.Popen[str]:
    source = str(Path(watchfloor.__file__).resolve().parents[1])
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")]),
        "WATCHFLOOR_BATCH_SIZE": "2",  # many small commits, so the runs interleave
    }
    code = "from watchfloor.cli import app; app()"
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=600)
    return process.returncode, out, err


def _assert_consistent(db: Path, articles: int) -> None:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    one = lambda sql: connection.execute(sql).fetchone()  # noqa: E731
    assert one("SELECT COUNT(*), COUNT(DISTINCT doc_id), MAX(version) FROM articles") == (
        articles,
        articles,
        1,
    )
    assert one("SELECT COUNT(*) FROM articles WHERE story_id IS NULL") == (0,)
    assert one(
        "SELECT COUNT(*) FROM mentions m WHERE m.actor_id IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM actors a WHERE a.actor_id = m.actor_id)"
    ) == (0,)
    assert one(
        "SELECT COUNT(*) FROM events e "
        "WHERE NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.event_id)"
    ) == (0,)
    assert one("SELECT COUNT(*) FROM events")[0] > 0
    connection.close()
    stats = CliRunner().invoke(app, ["stats", "--db", str(db), "--json"])
    assert (stats.exit_code, json.loads(stats.output)["articles"]) == (0, articles)


def test_cli_two_ingests_of_one_input_at_once_store_each_article_once(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "in", 12)
    db = tmp_path / "new.db"
    runs = [_start("ingest", str(corpus), "--db", str(db), "--json") for _ in range(2)]
    results = [_finish(run) for run in runs]
    for code, _, err in results:
        assert (code, err) == (0, "")
    reports = [json.loads(out) for _, out, _ in results]
    assert [r["stored"] + r["unchanged"] for r in reports] == [12, 12]
    assert sum(r["stored"] for r in reports) == 12
    assert [r["new_versions"] for r in reports] == [0, 0]
    _assert_consistent(db, 12)


def test_cli_ingest_and_reprocess_at_once_leave_a_whole_store(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    assert (
        _finish(_start("ingest", str(_write_corpus(tmp_path / "a", 10)), "--db", str(db)))[0] == 0
    )
    more = _write_corpus(tmp_path / "b", 10, start=10)
    ingest = _start("ingest", str(more), "--db", str(db))
    reprocess = _start("reprocess", "--db", str(db))
    (ingest_code, _, ingest_err), (reprocess_code, reprocessed, reprocess_err) = (
        _finish(ingest),
        _finish(reprocess),
    )
    assert (ingest_code, ingest_err) == (0, "")
    assert (reprocess_code, reprocess_err) == (0, "")
    assert "articles reprocessed" in reprocessed
    _assert_consistent(db, 20)


def test_cli_readers_during_an_ingest_see_whole_batches(tmp_path: Path) -> None:
    # The readers run in this process (each command opens its own connection, as a
    # process of its own would), so that they can ask many times during one ingest.
    db = tmp_path / "w.db"
    ingest = _start("ingest", str(_write_corpus(tmp_path / "in", 16)), "--db", str(db))
    while not db.exists() and ingest.poll() is None:
        time.sleep(0.05)
    cli = CliRunner()
    seen: list[int] = []
    while ingest.poll() is None or not seen:
        stats = cli.invoke(app, ["stats", "--db", str(db), "--json"])
        assert stats.exit_code == 0, stats.output
        seen.append(json.loads(stats.output)["articles"])
        for command in (["events"], ["search", "officials"], ["rejected"]):
            result = cli.invoke(app, [*command, "--db", str(db), "--json"])
            assert result.exit_code == 0, result.output
            assert isinstance(json.loads(result.output), list)
    assert _finish(ingest)[0] == 0
    assert len(seen) > 1
    assert seen == sorted(seen)
    assert all(count % 2 == 0 for count in seen)  # batches of two, committed whole
    _assert_consistent(db, 16)
