"""Progress: every document moves the bar once, as it is done, out of a total counted first."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from watchfloor import cli
from watchfloor.ingest.read import count_documents, read_documents
from watchfloor.pipeline import Pipeline
from watchfloor.records import Analysis, Article
from watchfloor.settings import Settings
from watchfloor.store import Store, open_store

BODY = "Officials in Eastmarch said the convoy reached the border crossing on Monday morning."


class CountingAnalyser:
    """Analyses nothing; notes each article as the pipeline takes its result."""

    def __init__(self, steps: list[str]) -> None:
        self.steps = steps

    def load(self, store: Store) -> None:
        pass

    def analyse(self, articles: Sequence[Article]) -> Iterator[Analysis]:
        for article in articles:
            self.steps.append(f"analysed {article.doc_id}")
            yield Analysis(article.doc_id)

    def close(self) -> None:
        pass


def _write_inputs(folder: Path) -> Path:
    folder = folder / "inputs"
    folder.mkdir()
    rows = [json.dumps({"doc_id": f"row{n}", "text": f"{BODY} Row {n}."}) for n in range(5)]
    (folder / "rows.jsonl").write_text("\n".join(rows[:3]) + "\n\n" + "\n".join(rows[3:]))
    (folder / "table.csv").write_text(f"doc_id,text\na1,{BODY} A.\na2,{BODY} B.\n")
    items = "".join(
        f"<item><title>T{n}</title><description>{BODY}</description></item>" for n in range(2)
    )
    (folder / "feed.rss").write_text(f'<rss version="2.0"><channel>{items}</channel></rss>')
    (folder / "note.txt").write_text(BODY)
    (folder / "empty.txt").write_text("")  # a rejection counts as one item too
    return folder


def test_pipeline_progress_counts_what_the_reader_gives(tmp_path: Path) -> None:
    inputs = _write_inputs(tmp_path)
    assert count_documents([inputs]) == len(list(read_documents([inputs], Settings()))) == 11
    assert count_documents(["-"]) is None


def test_pipeline_progress_moves_once_per_document_as_it_is_analysed(tmp_path: Path) -> None:
    inputs = _write_inputs(tmp_path)
    store = open_store(str(tmp_path / "w.db"))
    steps: list[str] = []
    pipeline = Pipeline(store, Settings(batch_size=4), analyser=CountingAnalyser(steps))
    pipeline.ingest([inputs], progress=lambda n: steps.append(f"progress {n}"))
    moves = [step for step in steps if step.startswith("progress")]
    assert sum(int(step.split()[1]) for step in moves) == 11
    # each article moves the bar as soon as its analysis is taken, not once per batch
    analysed = [i for i, step in enumerate(steps) if step.startswith("analysed")]
    assert len(analysed) == 10
    assert all(steps[i + 1] == "progress 1" for i in analysed)
    steps.clear()
    pipeline.ingest([inputs], progress=lambda n: steps.append(f"progress {n}"))
    assert steps == ["progress 1"] * 11  # a re-run: unchanged and rejected, one by one


@pytest.mark.model
def test_pipeline_progress_bar_shows_done_of_total_and_rate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = _write_inputs(tmp_path)
    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=150)
    monkeypatch.setattr(cli, "err", terminal)
    result = CliRunner().invoke(
        cli.app, ["ingest", str(inputs), "--db", str(tmp_path / "w.db"), "--processes", "1"]
    )
    assert result.exit_code == 1, result.output  # the empty file is rejected
    shown = screen.getvalue()
    assert "/11" in shown
    assert "articles/s" in shown


def test_pipeline_commits_the_batch_read_so_far_when_its_input_waits(tmp_path: Path) -> None:
    from watchfloor.ingest.clean import clean_document
    from watchfloor.pipeline import INPUT_WAITS
    from watchfloor.records import RawDocument

    store = open_store(str(tmp_path / "w.db"))
    settings = Settings(batch_size=64)
    articles = [
        clean_document(RawDocument(f"d{n}", f"s{n}", text=f"{BODY} Item {n}."), settings)
        for n in range(3)
    ]
    seen: list[list[str]] = []

    def items() -> Iterator[object]:
        yield articles[0]
        yield articles[1]
        yield INPUT_WAITS  # as the batch load does before it waits for a partition
        seen.append([store.article_state(a.doc_id, a.content_hash) for a in articles])
        yield INPUT_WAITS  # nothing read since: nothing to commit
        yield articles[2]

    steps: list[str] = []
    pipeline = Pipeline(store, settings, analyser=CountingAnalyser(steps))
    report = pipeline.ingest_items(items())  # type: ignore[arg-type]
    assert report.stored == 3
    assert seen == [["unchanged", "unchanged", "new"]]  # two stored before the wait, in one batch
    assert [a.doc_id for a in store.iter_articles()] == ["d0", "d1", "d2"]
