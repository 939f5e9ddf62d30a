from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from watchfloor.cli import app

ARTICLE = (
    "Niamey, 4 August 2023\n\n"
    "Niger's military rulers ordered the French ambassador to leave within 48 hours, "
    "state television said on Friday. Paris said it did not recognise the order.\n"
)


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "niger-envoy.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    return folder


def _ingest(cli: CliRunner, *args: str) -> tuple[int, str]:
    result = cli.invoke(app, ["ingest", *args])
    return result.exit_code, result.output


def test_cli_ingest_exit_1_and_summary_when_something_is_rejected(
    cli: CliRunner, corpus: Path, tmp_path: Path
) -> None:
    code, output = _ingest(cli, str(corpus), "--db", str(tmp_path / "w.db"))
    assert code == 1
    assert output.splitlines()[-1] == "1 stored, 1 rejected (empty 1)"
    assert "empty.txt" in output


def test_cli_ingest_is_idempotent_and_exits_0(cli: CliRunner, corpus: Path, tmp_path: Path) -> None:
    (corpus / "empty.txt").unlink()
    db = str(tmp_path / "w.db")
    assert _ingest(cli, str(corpus), "--db", db) == (0, "1 stored, 0 rejected\n")
    assert _ingest(cli, str(corpus), "--db", db) == (0, "0 stored, 1 unchanged, 0 rejected\n")


def test_cli_ingest_changed_text_is_a_new_version(
    cli: CliRunner, corpus: Path, tmp_path: Path
) -> None:
    (corpus / "empty.txt").unlink()
    db = str(tmp_path / "w.db")
    _ingest(cli, str(corpus), "--db", db)
    (corpus / "niger-envoy.txt").write_text(
        ARTICLE + "\nThe ambassador stayed.\n", encoding="utf-8"
    )
    assert (
        _ingest(cli, str(corpus), "--db", db)[1] == "1 stored, 1 of them new versions, 0 rejected\n"
    )
    shown = json.loads(cli.invoke(app, ["show", "niger-envoy", "--db", db, "--json"]).output)
    assert [v["version"] for v in shown["versions"]] == [1, 2]
    assert shown["text"].endswith("The ambassador stayed.")


def test_cli_db_from_environment(cli: CliRunner, corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    result = cli.invoke(app, ["ingest", str(corpus), "--json"], env={"WATCHFLOOR_DB": str(db)})
    assert json.loads(result.output)["stored"] == 1
    assert db.is_file()


def test_cli_ingest_usage_error_exit_2(cli: CliRunner) -> None:
    assert cli.invoke(app, ["ingest"]).exit_code == 2


def test_cli_articles_show_search_stats_json(cli: CliRunner, corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    _ingest(cli, str(corpus), "--db", db)
    listed = json.loads(cli.invoke(app, ["articles", "--db", db, "--json"]).output)
    assert [a["doc_id"] for a in listed] == ["niger-envoy"]
    hits = json.loads(cli.invoke(app, ["search", "ambassador", "--db", db, "--json"]).output)
    assert hits[0]["doc_id"] == "niger-envoy"
    stats = json.loads(cli.invoke(app, ["stats", "--db", db, "--json"]).output)
    assert (stats["articles"], stats["rejected_by_reason"]) == (1, {"empty": 1})


def test_cli_show_unknown_doc_is_not_found(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(app, ["show", "nope", "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 1
    assert "no article with doc_id 'nope'" in result.output


def test_cli_bad_date_flag_is_a_usage_error(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(app, ["articles", "--since", "last week", "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 2
    assert "--since must be a date like 2024-05-01" in result.output


def test_cli_export_rejects_unknown_format(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(app, ["export", "--format", "xml", "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 2
    assert "--format must be jsonl or csv, got 'xml'" in result.output
