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


@pytest.fixture
def empty_db(tmp_path: Path) -> str:
    """A database file that exists and holds nothing."""
    from watchfloor.store import open_store

    path = tmp_path / "w.db"
    open_store(path).close()
    return str(path)


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


def test_cli_show_unknown_doc_is_not_found(cli: CliRunner, empty_db: str) -> None:
    result = cli.invoke(app, ["show", "nope", "--db", empty_db])
    assert result.exit_code == 1
    assert "no article with doc_id 'nope'" in result.output


def test_cli_bad_date_flag_is_a_usage_error(cli: CliRunner, empty_db: str) -> None:
    result = cli.invoke(app, ["articles", "--since", "last week", "--db", empty_db])
    assert result.exit_code == 2
    assert "--since must be a date like 2024-05-01" in result.output


def test_cli_export_rejects_unknown_format(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(app, ["export", "--format", "xml", "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 2
    assert "--format must be one of csv, jsonl, parquet, plover, gold, got 'xml'" in result.output


# Exit status of `ingest`: 0 all stored or already known, 1 some rejected, 2 usage error.

CROSSING = (
    "Officials in the capital said the border crossing would reopen to freight traffic "
    "on Monday after a week of talks between the two transport ministries."
)
HARBOUR = "The harbour authority said two grain ships had left port under naval escort on Sunday."
SUMMIT = "Foreign ministers of the four coastal states will meet next month to discuss fishing."
UNDECODABLE = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D] * 20) + bytes(range(0x80, 0x100)) * 3


def test_cli_ingest_help_states_exit_codes(cli: CliRunner) -> None:
    result = cli.invoke(app, ["ingest", "--help"])
    assert result.exit_code == 0
    one_line = " ".join(result.output.split())
    assert (
        "Exit status: 0 when every input was stored or already known, "
        "1 when some inputs were rejected, 2 for usage errors, 3 for a bug in watchfloor"
    ) in one_line


@pytest.mark.parametrize(
    ("copies", "summary"),
    [
        (2, "2 stored, 1 copy found, 0 rejected\n"),
        (5, "5 stored, 4 copies found, 0 rejected\n"),  # articles, not the 10 pairs
    ],
)
def test_cli_ingest_copies_exit_0(
    cli: CliRunner, tmp_path: Path, copies: int, summary: str
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for number in range(copies):
        (folder / f"reprint-{number}.txt").write_text(CROSSING, encoding="utf-8")
    code, output = _ingest(cli, str(folder), "--db", str(tmp_path / "w.db"))
    assert (code, output) == (0, summary)


def test_cli_ingest_every_bad_input_is_rejected_and_exit_1(cli: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text(CROSSING, encoding="utf-8")
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02\x03" * 40)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text(" \n\t\n  ", encoding="utf-8")
    (folder / "garbled.txt").write_bytes(UNDECODABLE)
    (folder / "huge.txt").write_text(CROSSING + " " + "z" * 1000, encoding="utf-8")
    (folder / "rows.jsonl").write_text(
        f'{{"doc_id": "j1", "text": "{HARBOUR}"}}\n'
        '{"doc_id": "j2", "text": \n'
        '{"doc_id": "j3", "title": "A title and no body"}\n',
        encoding="utf-8",
    )
    (folder / "table.csv").write_text(
        f'doc_id,text\nc1,"{SUMMIT}"\nc2,"a stray "quote" breaks this row\n',
        encoding="utf-8",
    )
    missing = tmp_path / "nowhere.txt"
    db = str(tmp_path / "w.db")

    code, output = _ingest(cli, str(folder), str(missing), "--db", db, "--max-bytes", "1000")

    assert code == 1
    assert output.splitlines()[-1] == (
        "3 stored, 9 rejected (binary 1, empty 2, malformed_csv 1, malformed_json 1, "
        "missing_text 1, not_utf8_or_known_encoding 1, too_large 1, unreadable 1)"
    )
    for source in ("blob.txt", "empty.txt", "blank.txt", "garbled.txt", "huge.txt"):
        assert f"rejected {folder / source}: " in output
    for source in ("rows.jsonl:2", "rows.jsonl:3", "table.csv:3", "nowhere.txt"):
        assert f"{source}: " in output
    stats = json.loads(cli.invoke(app, ["stats", "--db", db, "--json"]).output)
    assert stats["rejected"] == 9


def test_cli_ingest_only_an_unreadable_path_exit_1(cli: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "gone" / "article.txt"
    code, output = _ingest(cli, str(missing), "--db", str(tmp_path / "w.db"))
    assert code == 1
    assert output == (
        f"rejected {missing}: unreadable: no such file or directory\n"
        "0 stored, 1 rejected (unreadable 1)\n"
    )


def test_cli_ingest_stdin_with_a_malformed_line_exit_1(cli: CliRunner, tmp_path: Path) -> None:
    lines = f'{{"doc_id": "s1", "text": "{CROSSING}"}}\n{{"doc_id": "s2", "text"\n'
    result = cli.invoke(app, ["ingest", "-", "--db", str(tmp_path / "w.db")], input=lines)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "1 stored, 1 rejected (malformed_json 1)"
    assert "rejected <stdin>:2: malformed_json: " in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["ingest"],
        ["ingest", "a.txt", "--max-bytes", "ten"],
        ["ingest", "a.txt", "--no-such-flag"],
    ],
)
def test_cli_ingest_usage_errors_exit_2(cli: CliRunner, tmp_path: Path, args: list[str]) -> None:
    result = cli.invoke(app, [*args, "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 2
    assert not (tmp_path / "w.db").exists()


def _gold_line(doc_id: str, *events: tuple[str, list[str], list[str], str]) -> str:
    return json.dumps(
        {
            "doc_id": doc_id,
            "published": None,
            "derived_from": None,
            "actors": [],
            "events": [
                {
                    "type": kind,
                    "mode": None,
                    "context": [],
                    "actor": actor,
                    "recipient": recipient,
                    "date": None,
                    "status": "asserted",
                    "quantity": None,
                    "evidence": evidence,
                }
                for kind, actor, recipient, evidence in events
            ],
        }
    )


def test_cli_eval_several_gold_files_and_misses(
    cli: CliRunner, corpus: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "w.db")
    _ingest(cli, str(corpus), "--db", db)
    first = tmp_path / "first.jsonl"
    first.write_text(
        _gold_line("niger-envoy", ("COERCE", ["NER"], ["FRA"], "ordered the French ambassador"))
        + "\n",
        encoding="utf-8",
    )
    second = tmp_path / "second.jsonl"
    second.write_text(
        _gold_line("not-stored", ("REJECT", [], ["NER"], "did not recognise the order")) + "\n",
        encoding="utf-8",
    )
    args = ["eval", "--gold", str(first), "--gold", str(second), "--db", db]
    result = cli.invoke(app, [*args, "--json", "--misses"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert [file["gold"] for file in report["files"]] == [str(first), str(second)]
    assert [file["documents_predicted"] for file in report["files"]] == [1, 0]
    assert (report["documents"], report["documents_predicted"], report["events"]["gold"]) == (
        2,
        1,
        2,
    )
    assert set(report["events"]["by_rule"]) == {"type", "type_actor", "type_actor_recipient"}
    assert report["misses"]["not-stored"]["missed_gold"][0]["actor"] == []
    table = cli.invoke(app, [*args, "--misses"]).output
    assert "2 gold documents, 1 with predictions, in 2 gold files\n" in table
    assert f"\n  {second}  " in table
    assert "\n  total  " in table
    assert "\n  type + actor + recipient  " in table
    assert '\n    missed     REJECT - -> NER, asserted: "did not recognise the order"\n' in table
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"events": {"recall": 0.9}}), encoding="utf-8")
    result = cli.invoke(app, [*args, "--floors", str(floors)])
    assert result.exit_code == 1
    assert "below floor: events.recall = " in result.output


def test_cli_bug_exits_with_its_own_code_and_keeps_committed_batches(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from watchfloor import pipeline
    from watchfloor.errors import INTERNAL_ERROR_EXIT_CODE

    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(3):
        (folder / f"ferry-{number}.txt").write_text(
            f"The ferry line between Osterholm and Brisa resumed trips, note {number}, "
            "after the harbour strike ended on Monday.\n"
        )
    real_commit = pipeline.Pipeline._commit
    calls: list[int] = []

    def commit_then_break(self: pipeline.Pipeline, *args: object) -> None:
        calls.append(1)
        if len(calls) > 1:
            raise KeyError("a bug after the first batch")
        real_commit(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline.Pipeline, "_commit", commit_then_break)
    monkeypatch.setenv("WATCHFLOOR_BATCH_SIZE", "1")
    db = tmp_path / "w.db"
    code, output = _ingest(cli, str(folder), "--db", str(db))
    assert code == INTERNAL_ERROR_EXIT_CODE not in {0, 1, 2}
    assert "Internal error" in output
    assert "KeyError" in output
    assert "Traceback" not in output
    from watchfloor.store import open_store

    assert open_store(str(db)).get_article("ferry-0") is not None


@pytest.mark.parametrize("published", ["2023-02-30", "0000", "9999-12-31", "0001-01-01", "9999"])
def test_cli_annotate_refuses_impossible_or_extreme_published(
    cli: CliRunner, tmp_path: Path, published: str
) -> None:
    path = tmp_path / "t.txt"
    path.write_text("Officials in Osterholm met envoys from Brisa on Monday.\n")
    result = cli.invoke(app, ["annotate", str(path), "--published", published])
    assert result.exit_code == 2
    assert "published" in result.output
    assert "Traceback" not in result.output


def test_cli_ingest_warns_for_a_relative_published(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    record = {
        "doc_id": "brisa",
        "published": "yesterday",
        "text": "The ferry line between Osterholm and Brisa resumed trips after the strike ended.",
    }
    path.write_text(json.dumps(record) + "\n")
    code, output = _ingest(cli, str(path), "--db", str(tmp_path / "w.db"))
    assert code == 0
    assert "warning" in output
    assert "'yesterday' ignored" in output


@pytest.mark.parametrize(
    "items",
    [[], [1], [{"actor": ["MRV"], "sources": [{"doc_id": "d1", "note": "a\nb"}]}, "x", None]],
)
def test_cli_json_list_streams_what_print_json_prints(
    items: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    from watchfloor.cli import print_json, print_json_list

    print_json(items)
    whole = capsys.readouterr().out
    print_json_list(iter(items))
    assert capsys.readouterr().out == whole


def test_cli_version_prints_the_version(cli: CliRunner) -> None:
    from watchfloor import __version__

    result = cli.invoke(app, ["--version"])
    assert (result.exit_code, result.output) == (0, f"watchfloor {__version__}\n")


QUERY_COMMANDS = [
    ["events"], ["timeline", "--actor", "NER"], ["actors"], ["actor", "NER"], ["show", "x"],
    ["search", "coup"], ["stats"], ["export"], ["conflicts"], ["quotes"], ["duplicates"],
    ["stories"], ["articles"], ["reprocess"], ["rejected"],
]  # fmt: skip


@pytest.mark.parametrize("command", QUERY_COMMANDS, ids=lambda c: c[0])
def test_cli_query_on_a_missing_database_says_so_and_creates_nothing(
    cli: CliRunner, tmp_path: Path, command: list[str]
) -> None:
    db = tmp_path / "misspelt.db"
    result = cli.invoke(app, [*command, "--db", str(db)])
    assert (result.exit_code, result.output) == (
        2,
        f"Error: no database at {db}; run watchfloor ingest first\n",
    )
    assert not db.exists()


def test_cli_eval_on_a_missing_database_says_so(cli: CliRunner, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(_gold_line("a") + "\n", encoding="utf-8")
    db = tmp_path / "no.db"
    result = cli.invoke(app, ["eval", "--gold", str(gold), "--db", str(db)])
    assert (result.exit_code, result.output) == (
        2,
        f"Error: no database at {db}; run watchfloor ingest first\n",
    )


@pytest.mark.parametrize("db", ["", "sqlite:///", " "])
@pytest.mark.parametrize("command", [["ingest", "-"], ["stats"], ["demo"]], ids=lambda c: c[0])
def test_cli_empty_db_path_is_an_error(cli: CliRunner, db: str, command: list[str]) -> None:
    result = cli.invoke(app, [*command, "--db", db], input='{"doc_id": "a", "text": "x"}\n')
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: no database path in {db!r}")


def test_cli_empty_watchfloor_db_variable_is_an_error(cli: CliRunner) -> None:
    result = cli.invoke(app, ["stats"], env={"WATCHFLOOR_DB": ""})
    assert result.exit_code == 2
    assert result.output.startswith("Error: no database path in ''")


@pytest.fixture
def parties_db(tmp_path: Path) -> str:
    """Made-up actors (two share the alias "Osk") and one fused event between two of them."""
    from watchfloor.records import (
        Actor,
        Analysis,
        Article,
        CanonicalEvent,
        Event,
        Mention,
        PartialDate,
    )
    from watchfloor.store import Placement, open_store

    text = "North Varnholm threatened Tessin."
    day = PartialDate(2025, 3, 2)
    actors = (
        Actor("NVH", "North Varnholm", "country", "NVH", aliases=("Varnholmia",)),
        Actor("TSN", "Tessin", "country", "TSN"),
        Actor("ana-osk", "Ana Osk", "person", "NVH", aliases=("Osk",)),
        Actor("ben-osk", "Ben Osk", "person", "TSN", aliases=("Osk",)),
    )
    path = tmp_path / "parties.db"
    store = open_store(path)
    with store.transaction():
        store.write_article(Article("v1", "Threat", text, day, content_hash="v1"))
        event = Event("v1", "THREATEN", ("NVH",), ("TSN",), "asserted", text[:-1], 0, 32)
        mentions = (Mention("v1", 0, 14, "North Varnholm", "GPE", actor_id="NVH"),)
        store.write_analysis(Analysis("v1", mentions=mentions, events=(event,), actors=actors))
        (event_id, *_), *_ = store.read_event_reports()
        parties = ("THREATEN", ("NVH",), ("TSN",), "asserted")
        fused = CanonicalEvent("cv1", *parties, (event_id,), ("v1",), 1)
        store.replace_canonical_events([fused], {"cv1": Placement("2025-03-02", "published")})
    store.close()
    return str(path)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["events", "--type", "THREATN"],
         "unknown --type 'THREATN'; did you mean THREATEN, RETREAT?"),
        (["events", "--status", "asserte"], "unknown --status 'asserte'; did you mean asserted?"),
        (["events", "--status", "zzz"], "unknown --status 'zzz'; known: asserted, future, "
         "hypothetical, negated, historical"),
        (["events", "--actor", "nvx"], "no actor 'nvx' in the store; did you mean NVH?"),
        (["events", "--recipient", "Tesin"], "no actor 'Tesin' in the store; did you mean TSN?"),
        (["timeline", "--actor", "North Varnholn"],
         "no actor 'North Varnholn' in the store; did you mean NVH?"),
        (["actor", "South Varnholm"],
         "no actor 'South Varnholm' in the store; did you mean NVH?"),
        (["quotes", "--actor", "Osk"], "actor 'Osk' names several stored actors: ana-osk, ben-osk"),
        (["actor", "zzzz"], "no actor 'zzzz' in the store; list them with: watchfloor actors"),
    ],
)  # fmt: skip
def test_cli_unknown_filter_value_is_named_with_the_nearest_known(
    cli: CliRunner, parties_db: str, args: list[str], message: str
) -> None:
    result = cli.invoke(app, [*args, "--db", parties_db])
    assert (result.exit_code, result.output) == (2, f"Error: {message}\n")


@pytest.mark.parametrize("name", ["NVH", "nvh", "North Varnholm", "north varnholm", "Varnholmia"])
def test_cli_actor_name_or_lower_case_id_stands_for_the_id(
    cli: CliRunner, parties_db: str, name: str
) -> None:
    listed = cli.invoke(app, ["events", "--actor", name, "--type", "threaten", "--db", parties_db])
    assert listed.exit_code == 0
    assert "NVH" in listed.output
    assert "Varnholm threatened Tessin" in listed.output
    shown = cli.invoke(app, ["actor", name, "--db", parties_db])
    assert shown.output.splitlines()[0] == "NVH: North Varnholm (kind country, country NVH)"


def test_cli_search_takes_words_as_typed(cli: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    text = "Talks in Varn City: Ola Ben-Tor met the U.S. envoy AND left early. " * 2
    cli.invoke(app, ["ingest", "-", "--db", db], input=json.dumps({"doc_id": "t1", "text": text}))
    for words in ["Ola Ben-Tor", "U.S.", "envoy AND", 'Varn "City', "(envoy*"]:
        result = cli.invoke(app, ["search", words, "--db", db, "--json"])
        assert result.exit_code == 0, result.output
        assert [hit["doc_id"] for hit in json.loads(result.output)] == ["t1"]
    missing = cli.invoke(app, ["search", "Ben-Tor Zanzibar", "--db", db, "--json"])
    assert json.loads(missing.output) == []
    raw = cli.invoke(app, ["search", "--fts", "envoy NOT zanzibar", "--db", db, "--json"])
    assert [hit["doc_id"] for hit in json.loads(raw.output)] == ["t1"]
    bad = cli.invoke(app, ["search", "--fts", "NEAR(envoy", "--db", db])
    assert bad.exit_code == 2
    blank = cli.invoke(app, ["search", "  ", "--db", db])
    assert (blank.exit_code, blank.output) == (2, "Error: search needs at least one word\n")


def test_cli_show_prints_markup_and_emoji_codes_as_written(cli: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    title = "Varn talks [/] end [updated] :fire: [bold]x"
    text = "The Varn talks ended [/b] today [updated] with :fire: and :smile: on both sides."
    record = {"doc_id": "m1", "title": title, "text": text, "outlet": "[red]Ledger"}
    cli.invoke(app, ["ingest", "-", "--db", db], input=json.dumps(record))
    result = cli.invoke(app, ["show", "m1", "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert f"title: {title}" in lines
    assert "outlet: [red]Ledger" in lines
    assert lines[-1] == text


HUGE = str(10**30)


@pytest.mark.parametrize(
    "command", [["articles"], ["search", "Varn"], ["events"], ["actors"]], ids=lambda c: c[0]
)
def test_cli_limit_below_1_is_an_error_and_a_huge_one_works(
    cli: CliRunner, parties_db: str, command: list[str]
) -> None:
    for bad in ("-1", "0"):
        result = cli.invoke(app, [*command, "--limit", bad, "--db", parties_db])
        assert result.exit_code == 2
        assert f"Invalid value for '--limit': must be at least 1, got {bad}" in result.output
    unlimited = cli.invoke(app, [*command, "--limit", HUGE, "--db", parties_db, "--json"])
    assert unlimited.exit_code == 0, unlimited.output
    assert len(json.loads(unlimited.output)) >= (0 if command[0] == "search" else 1)


@pytest.mark.parametrize("flag", ["--since", "--until"])
def test_cli_impossible_date_flag_is_an_error(cli: CliRunner, empty_db: str, flag: str) -> None:
    result = cli.invoke(app, ["events", flag, "2023-02-30", "--db", empty_db])
    assert (result.exit_code, result.output) == (
        2,
        f"Error: {flag} must be a date like 2024-05-01, 2024-05 or 2024, got '2023-02-30'\n",
    )


def test_cli_ingest_max_bytes_below_1_is_an_error(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(app, ["ingest", "-", "--max-bytes", "-1", "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 2
    assert "Invalid value for '--max-bytes': must be at least 1, got -1" in result.output
    assert not (tmp_path / "w.db").exists()


def test_cli_export_to_a_missing_folder_or_a_folder_is_one_line(
    cli: CliRunner, empty_db: str, tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-folder" / "events.jsonl"
    result = cli.invoke(app, ["export", "-o", str(missing), "--db", empty_db])
    assert (result.exit_code, result.output) == (
        2,
        f"Error: cannot write to {str(missing)!r}: No such file or directory\n",
    )
    result = cli.invoke(app, ["export", "-o", str(tmp_path), "--db", empty_db])
    assert (result.exit_code, result.output) == (
        2,
        f"Error: cannot write to {str(tmp_path)!r}: Is a directory\n",
    )


@pytest.fixture
def places_db(tmp_path: Path) -> str:
    """Three fused events of made-up actors: in Kharkiv, in Ukraine with no city, nowhere."""
    from watchfloor.pipeline import fuse_store
    from watchfloor.records import Analysis, Article, Event, PartialDate, Place
    from watchfloor.settings import Settings
    from watchfloor.store import open_store

    path = tmp_path / "places.db"
    store = open_store(path)
    rows = [
        ("p1", "Varnholm shelled a depot in Kharkiv.", Place("UKR", "Kharkiv")),
        ("p2", "Varnholm bombed a bridge in Ukraine.", Place("UKR")),
        ("p3", "Varnholm threatened Tessin again.", None),
    ]
    with store.transaction():
        for number, (doc_id, text, place) in enumerate(rows):
            day = PartialDate(2025, 3, 1 + number * 10)
            store.write_article(Article(doc_id, "", text, day, content_hash=doc_id))
            type_ = "THREATEN" if place is None else "ASSAULT"
            event = Event(
                doc_id, type_, ("NVH",), ("TSN",), "asserted", text, 0, len(text), place=place
            )
            store.write_analysis(Analysis(doc_id, events=(event,)))
    fuse_store(store, Settings())
    store.close()
    return str(path)


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ("UKR", ["p1", "p2"]),
        ("ukraine", ["p1", "p2"]),
        ("kharkiv", ["p1"]),
        ("Lviv", []),
    ],
)
def test_cli_events_place_filter(
    cli: CliRunner, places_db: str, place: str, expected: list[str]
) -> None:
    result = cli.invoke(app, ["events", "--place", place, "--json", "--db", places_db])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [e["sources"][0]["doc_id"] for e in found] == expected
    assert all(e["place"]["country"] == "UKR" for e in found)


def test_cli_events_show_where(cli: CliRunner, places_db: str) -> None:
    result = cli.invoke(app, ["events", "--db", places_db])
    assert "Kharkiv, UKR" in result.stdout
    result = cli.invoke(app, ["events", "--place", " ", "--db", places_db])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --place needs a country code or a place name, got an empty value\n"
    )


@pytest.mark.model
def test_cli_demo_removes_its_temporary_database(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = cli.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Sample corpus ingested into a temporary database: 9 stored")
    assert "watchfloor demo --db demo.db" in result.output
    assert list(tmp_path.iterdir()) == []


def test_cli_rejected_lists_every_rejection_with_file_line_and_reason(
    cli: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "rows.jsonl").write_text(
        json.dumps({"doc_id": "ok", "text": ARTICLE}) + "\n{not json\n", encoding="utf-8"
    )
    for n in range(25):
        (folder / f"empty{n:02d}.txt").write_text("", encoding="utf-8")
    db = str(tmp_path / "w.db")
    first = cli.invoke(app, ["ingest", str(folder), "--db", db])
    assert "... and 6 more: watchfloor rejected --run 1" in first.output
    (folder / "empty00.txt").write_text(ARTICLE, encoding="utf-8")
    cli.invoke(app, ["ingest", str(folder / "empty00.txt"), str(folder / "gone.txt"), "--db", db])

    every = json.loads(cli.invoke(app, ["rejected", "--db", db, "--json"]).output)
    assert len(every) == 27
    assert [(row["file"], row["line"], row["reason"]) for row in every[:25]] == [
        (str(folder / f"empty{n:02d}.txt"), None, "empty") for n in range(25)
    ]
    assert every[25] | {"at": "", "doc_id": ""} == {
        "run_id": 1,
        "at": "",
        "doc_id": "",
        "source": f"{folder / 'rows.jsonl'}:2",
        "file": str(folder / "rows.jsonl"),
        "line": 2,
        "stage": "read",
        "reason": "malformed_json",
        "detail": every[25]["detail"],
    }
    last = json.loads(cli.invoke(app, ["rejected", "--db", db, "--run", "last", "--json"]).output)
    assert [(row["run_id"], row["file"], row["reason"]) for row in last] == [
        (2, str(folder / "gone.txt"), "unreadable")
    ]
    first_run = cli.invoke(app, ["rejected", "--db", db, "--run", "1", "--json"])
    assert len(json.loads(first_run.output)) == 26
    limited = cli.invoke(app, ["rejected", "--db", db, "--limit", "1"])
    assert "empty00.txt" in limited.output
    assert "empty01.txt" not in limited.output
    bad = cli.invoke(app, ["rejected", "--db", db, "--run", "first"])
    assert (bad.exit_code, bad.output) == (
        2,
        "Error: --run must be a run number or 'last', got 'first'\n",
    )


FRENCH = (
    "Le Niger expulse l'ambassadeur de France\n\n"
    "Les militaires au pouvoir au Niger ont ordonné vendredi à l'ambassadeur de France de "
    "quitter le pays dans les 48 heures, a annoncé la télévision d'État. Paris a déclaré ne pas "
    "reconnaître cet ordre.\n"
)


def test_cli_article_not_in_english_is_stored_but_not_coded(cli: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "niger-fr.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "niger-en.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "w.db")
    result = cli.invoke(app, ["ingest", str(folder), "--db", db])
    assert (result.exit_code, result.output) == (
        0,
        "2 stored, 1 not coded (language fr 1: events in English only), 0 rejected\n",
    )
    french = json.loads(cli.invoke(app, ["show", "niger-fr", "--db", db, "--json"]).output)
    english = json.loads(cli.invoke(app, ["show", "niger-en", "--db", db, "--json"]).output)
    assert (french["language"], french["mentions"], french["events"]) == ("fr", 0, 0)
    assert french["notes"] == [
        "not coded: the text is in language 'fr'; events are coded in English only"
    ]
    assert (english["language"], english["notes"]) == ("en", [])
    assert english["mentions"] > 0
    shown = cli.invoke(app, ["show", "niger-fr", "--db", db]).output
    assert "language: fr\nnote: not coded: the text is in language 'fr'" in shown
    hits = json.loads(cli.invoke(app, ["search", "ambassadeur", "--db", db, "--json"]).output)
    assert [hit["doc_id"] for hit in hits] == ["niger-fr"]


def test_cli_ingest_into_a_read_only_database_is_one_line(
    cli: CliRunner, corpus: Path, empty_db: str
) -> None:
    import shutil
    import subprocess

    # chmod does not stop root (as CI runs); an immutable file stops everyone.
    made = subprocess.run(["chattr", "+i", empty_db], capture_output=True, check=False)
    if shutil.which("chattr") is None or made.returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        result = cli.invoke(app, ["ingest", str(corpus), "--db", empty_db])
    finally:
        subprocess.run(["chattr", "-i", empty_db], check=True)
    assert (result.exit_code, result.output) == (
        1,
        f"Error: cannot write to the database {empty_db}: it is read-only (attempt to write a "
        "readonly database); give --db a file you may write to\n",
    )


def test_cli_ingest_glob_reads_only_the_named_files_of_a_folder(
    cli: CliRunner, corpus: Path, tmp_path: Path
) -> None:
    (corpus / "empty.txt").unlink()
    (corpus / "README.md").write_text("# Notes\n\nThe articles for the coup project.\n")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "notes.md").write_text("# More notes\n")
    db = str(tmp_path / "w.db")
    without = cli.invoke(app, ["ingest", str(corpus), "--db", db])
    assert without.exit_code == 1
    assert f"rejected {corpus / 'README.md'}: unsupported_type: unsupported file type '.md'" in (
        without.output
    )
    result = cli.invoke(
        app, ["ingest", str(corpus), "--glob", "*.txt", "--db", str(tmp_path / "g.db")]
    )
    assert (result.exit_code, result.output) == (0, "1 stored, 0 rejected\n")
    named = cli.invoke(
        app,
        ["ingest", str(corpus / "README.md"), "--glob", "*.txt", "--db", str(tmp_path / "n.db")],
    )
    assert named.exit_code == 1  # a file given by name is always read


def test_cli_actors_explain_shows_why_each_form_went_where(cli: CliRunner, tmp_path: Path) -> None:
    from watchfloor.records import Actor, Analysis, Article, Mention
    from watchfloor.store import open_store

    db = str(tmp_path / "w.db")
    store = open_store(db)
    text = "Teodor Valcu spoke. Valcu left. Valcu returned."
    with store.transaction():
        store.write_article(Article("v1", "", text, None))
        store.write_analysis(
            Analysis(
                "v1",
                mentions=(
                    Mention("v1", 0, 12, "Teodor Valcu", "PERSON", 0, None, "tv", "new person"),
                    Mention("v1", 20, 25, "Valcu", "PERSON", 1, None, "tv", "surname"),
                    Mention("v1", 32, 37, "Valcu", "PERSON", 2, None, "tv", "surname"),
                ),
                actors=(Actor("tv", "Teodor Valcu", "person"),),
            )
        )
    store.close()
    result = cli.invoke(app, ["actors", "--explain", "Teodor Valcu", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [
        {"actor_id": "tv", "form": "Valcu", "reason": "surname", "mentions": 2, "doc_ids": ["v1"]},
        {
            "actor_id": "tv",
            "form": "Teodor Valcu",
            "reason": "new person",
            "mentions": 1,
            "doc_ids": ["v1"],
        },
    ]
    unknown = cli.invoke(app, ["actors", "--explain", "nobody-at-all", "--db", db])
    assert unknown.exit_code == 2
    assert unknown.output.startswith("Error: no actor 'nobody-at-all' in the store")
