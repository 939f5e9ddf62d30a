"""The `watchfloor` command line. Each command parses flags and calls one library function."""

from __future__ import annotations

import datetime
import functools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from watchfloor import query
from watchfloor.errors import INTERNAL_ERROR_EXIT_CODE, InputError, WatchfloorError
from watchfloor.records import PartialDate
from watchfloor.settings import Settings, load_settings
from watchfloor.store import EventFilter, Store, open_store

if TYPE_CHECKING:
    from watchfloor.pipeline import IngestReport

app = typer.Typer(
    name="watchfloor",
    help="Who did what to whom, with evidence, from international-security news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
# Piped output is not wrapped at 80 columns: tables keep one row per line where possible.
# Text from articles is never read as Rich markup or :emoji: codes.
out = Console(
    highlight=False, soft_wrap=True, emoji=False, width=None if sys.stdout.isatty() else 200
)
# Rejections and errors are one line each, even when stderr is a file or a pipe (where Rich
# would otherwise wrap at 80 columns).
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)

P = ParamSpec("P")
R = TypeVar("R")

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLite file, or postgresql://user@host/database, to use "
        "[env: WATCHFLOOR_DB; default: watchfloor.db]",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
ProcessesOption = Annotated[
    int | None,
    typer.Option(
        "--processes",
        help="Processes that parse with spaCy; 0: one per core (at most 4), 1: this one only.",
        min=0,
    ),
]


def _print_version(wanted: bool) -> None:
    if wanted:
        from watchfloor import __version__

        out.print(f"watchfloor {__version__}", markup=False)
        raise typer.Exit(0)


@app.callback()
def options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Who did what to whom, with evidence, from international-security news."""


# SQLite's LIMIT is a signed 64-bit integer; a larger --limit means "no limit" anyway.
MAX_LIMIT = 2**63 - 1


def _check_limit(value: int | None) -> int | None:
    """A --limit of at least 1, with a huge one capped at what the store can take."""
    if value is None:
        return None
    if value < 1:
        raise typer.BadParameter(f"must be at least 1, got {value}")
    return min(value, MAX_LIMIT)


def _check_max_bytes(value: int | None) -> int | None:
    if value is not None and value < 1:
        raise typer.BadParameter(f"must be at least 1, got {value}")
    return value


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn a WatchfloorError into one line on stderr and the error's exit code.

    Any other exception is a bug: one line naming it, and exit code
    `INTERNAL_ERROR_EXIT_CODE` (the traceback too when WATCHFLOOR_DEBUG is set).
    """

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except WatchfloorError as exc:
            err.print(f"Error: {exc}", markup=False)
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, typer.BadParameter):
            raise
        except Exception as exc:
            if os.environ.get("WATCHFLOOR_DEBUG"):
                raise
            message = " ".join(str(exc).split())[:300]
            err.print(
                f"Internal error (a bug in watchfloor; please report it): "
                f"{type(exc).__name__}: {message}. Everything committed before it is kept; "
                "set WATCHFLOOR_DEBUG=1 to see the traceback.",
                markup=False,
            )
            raise typer.Exit(INTERNAL_ERROR_EXIT_CODE) from None

    return run


def _settings(db: str | None, **flags: Any) -> Settings:
    return load_settings(db=db, **flags)


def _store(settings: Settings, create: bool = False) -> Store:
    """The store `settings` name; only a writing command (`create`) may make a new one."""
    return open_store(settings.db, create=create)


def _date_option(value: str | None, flag: str) -> PartialDate | None:
    if value is None:
        return None
    try:
        date = PartialDate.parse(value)
        if date.day is not None:
            datetime.date(date.year, date.month or 1, date.day)
        return date
    except ValueError:
        raise InputError(
            f"{flag} must be a date like 2024-05-01, 2024-05 or 2024, got {value!r}"
        ) from None


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_json_list(items: Iterable[Any]) -> None:
    """What `print_json(list(items))` prints, written item by item as they come."""
    opening = "[\n  "
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write(opening + text.replace("\n", "\n  "))
        opening = ",\n  "
    sys.stdout.write("[]\n" if opening == "[\n  " else "\n]\n")


def print_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str = "") -> None:
    table = Table(title=title or None, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*[Text("" if row.get(c) is None else str(row.get(c))) for c in columns])
    out.print(table)


@contextmanager
def progress_bar(label: str, total: int | None) -> Iterator[Callable[[int], None] | None]:
    """A Rich progress bar on a terminal (done of total, rate); nothing when stderr is piped."""
    if not err.is_terminal:
        yield None
        return
    columns = [
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    ]
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


class RateColumn(ProgressColumn):
    """Articles per second, once there is a rate to show."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "", style="progress.data.speed")


# -- commands -----------------------------------------------------------------


@app.command()
@reports_errors
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files or folders to read; - reads JSONL from stdin.")
    ],
    db: DbOption = None,
    max_bytes: Annotated[
        int | None,
        typer.Option(help="Reject inputs larger than this.", callback=_check_max_bytes),
    ] = None,
    actors: Annotated[
        str | None, typer.Option("--actors", help="User actor dictionary (YAML/CSV).")
    ] = None,
    processes: ProcessesOption = None,
    glob: Annotated[
        list[str] | None,
        typer.Option(
            "--glob",
            help="In folders, read only files whose name matches, e.g. '*.txt' (repeatable); "
            "the others are left alone instead of rejected.",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Read articles, clean them, find copies, code events, and store everything.

    Re-reading the same content stores nothing new. A bad document is rejected
    with a reason and the rest go on; a warning says when a given field was
    ignored (a relative publication date). Exit status: 0 when every input was
    stored or already known, 1 when some inputs were rejected, 2 for usage
    errors, 3 for a bug in watchfloor (batches already committed are kept). See
    docs/errors.md.
    """
    from watchfloor.ingest.read import count_documents
    from watchfloor.pipeline import build_pipeline

    settings = _settings(db, max_bytes=max_bytes, actors_file=actors, processes=processes)
    store = _store(settings, create=True)
    pipeline = build_pipeline(store, settings)
    total = count_documents(paths) if err.is_terminal else None
    _band_fingerprints(store, settings)
    with progress_bar("ingesting", total) as advance:
        report = pipeline.ingest(paths, stdin=sys.stdin, progress=advance, globs=glob or ())
    _print_report(report, as_json)


def _band_fingerprints(store: Store, settings: Settings) -> None:
    """Give stored fingerprints their LSH bands, once, with a bar of their own (a store
    written before bands were kept, or with other dedup settings)."""
    from watchfloor.dedup.stage import band_stored_fingerprints

    band_stored_fingerprints(store, settings, progress_bar)


def _print_report(report: IngestReport, as_json: bool) -> None:
    """What an ingest (or a load) did; exits 1 when something was rejected."""
    if as_json:
        print_json(report.as_dict())
    else:
        for rejected in report.rejections[:20]:
            err.print(f"rejected {rejected.message()}", markup=False)
        if len(report.rejections) > 20:
            err.print(
                f"... and {len(report.rejections) - 20} more: "
                f"watchfloor rejected --run {report.run_id}",
                markup=False,
            )
        for warning in report.warnings[:20]:
            err.print(f"warning {warning}", markup=False)
        if len(report.warnings) > 20:
            err.print(f"... and {len(report.warnings) - 20} more warnings (ingest --json)")
        out.print(report.summary(), markup=False)
    raise typer.Exit(1 if report.rejected_total else 0)


@app.command()
@reports_errors
def batch(
    source: Annotated[
        str,
        typer.Argument(
            metavar="INPUT", help="A JSON Lines file or folder, or Parquet (file or folder)."
        ),
    ],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the Parquet output.")],
    master: Annotated[
        str | None,
        typer.Option(help="Spark master, e.g. local[2]; default: spark-submit's, else local[*]."),
    ] = None,
    partitions: Annotated[
        int | None,
        typer.Option(
            min=1, help="At least this many partitions of a JSONL input (default: one per 16 KiB)."
        ),
    ] = None,
    actors: Annotated[
        str | None, typer.Option("--actors", help="User actor dictionary (YAML/CSV).")
    ] = None,
    load_too: Annotated[
        bool,
        typer.Option("--load", help="Also store each partition in --db as soon as it is parsed."),
    ] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Clean and parse articles with PySpark, partition by partition (needs the spark extra).

    Writes OUT/parsed/ (Parquet, one file per partition); `watchfloor load OUT`
    then stores the articles as `ingest` would. With --load, this command stores
    them itself while Spark parses (exit status as for ingest). See docs/batch.md.
    """
    settings = _settings(db, actors_file=actors)
    if load_too:
        from watchfloor.batch.job import check_source
        from watchfloor.batch.overlapped import batch_and_load

        check_source(source)  # before the store is created
        store = _store(settings, create=True)
        with progress_bar("loading", None) as advance:
            _, report = batch_and_load(
                source, out_dir, store, settings, master, partitions, progress=advance
            )
        _print_report(report, as_json)
        return
    from watchfloor.batch.job import run_batch

    rows = run_batch(source, out_dir, settings, master, partitions)
    parsed = out_dir / "parsed"
    out.print(f"{rows} rows parsed into {parsed}; store them with: watchfloor load {out_dir}")


@app.command()
@reports_errors
def load(
    folder: Annotated[Path, typer.Argument(help="The --out folder of watchfloor batch.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Store what `watchfloor batch` parsed: dedup, actors, events, stories and fusion.

    The result equals `ingest` of the same articles. Exit status as for ingest.
    """
    from watchfloor.batch.load import load_batch
    from watchfloor.batch.table import count_rows

    settings = _settings(db)
    total = count_rows(folder)
    store = _store(settings, create=True)
    _band_fingerprints(store, settings)
    with progress_bar("loading", total) as advance:
        report = load_batch(folder, store, settings, progress=advance)
    _print_report(report, as_json)


@app.command()
@reports_errors
def articles(
    db: DbOption = None,
    since: Annotated[
        str | None, typer.Option(help="Published on or after (YYYY[-MM[-DD]]).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Published on or before (YYYY[-MM[-DD]]).")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    limit: Annotated[
        int, typer.Option(help="At most this many rows.", callback=_check_limit)
    ] = 100,
    as_json: JsonOption = False,
) -> None:
    """List stored articles, oldest first."""
    store = _store(_settings(db))
    rows = query.list_articles(
        store, _date_option(since, "--since"), _date_option(until, "--until"), outlet, limit
    )
    if as_json:
        print_json(rows)
    else:
        print_table(rows, ["doc_id", "published", "outlet", "title", "chars", "derived_from"])


REFERENCE_BASES = {
    "derived_from": "its original's publication date",
    "content": "the latest date it reports as past",
}


@app.command()
@reports_errors
def show(
    doc_id: Annotated[str, typer.Argument(help="The article's doc_id.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one article's cleaned text and metadata.

    An article without a publication date shows its reference date, "≈2024-10-21",
    used to place its undated events in timelines (docs/events.md).
    """
    info = query.show_article(_store(_settings(db)), doc_id)
    if as_json:
        print_json(info)
        return
    for key in ("doc_id", "title", "published", "outlet", "byline", "url", "source", "language"):
        if info.get(key):
            _print_field(key, str(info[key]))
    for note in info["notes"]:
        _print_field("note", note)
    if info["reference_date"]:
        basis = REFERENCE_BASES[info["reference_basis"]]
        _print_field("reference date", f"≈{info['reference_date']} ({basis})")
    for link in info["duplicates"]:
        original = link["derived_from"] or "undecided"
        _print_field(
            "copy",
            f"{link['kind']} ({link['score']}) of pair "
            f"{link['doc_id']} / {link['other_id']}; original: {original}",
        )
    out.print(
        Text.assemble(
            ("versions", "bold"), f": {len(info['versions'])}  ", ("events", "bold"),
            f": {info['events']}",
        )
    )  # fmt: skip
    out.print()
    out.print(info["text"], markup=False)


def _print_field(name: str, value: str) -> None:
    """`name: value` with the name in bold; the value is printed exactly as it is."""
    out.print(Text.assemble((name, "bold"), f": {value}"))


@app.command()
@reports_errors
def search(
    text: Annotated[
        str,
        typer.Argument(metavar="QUERY", help="Words that must all occur, e.g. 'Kim Jong-un'."),
    ],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="At most this many hits.", callback=_check_limit)] = 20,
    fts: Annotated[
        bool,
        typer.Option(
            "--fts",
            help="QUERY is the store's own query syntax: FTS5 on SQLite "
            "('artillery AND loan*'), tsquery on PostgreSQL ('artillery & loan:*').",
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over article text, best matches first, with snippets."""
    hits = query.search_articles(_store(_settings(db)), text, limit, fts)
    if as_json:
        print_json(hits)
    else:
        print_table(hits, ["doc_id", "published", "title", "snippet"])


@app.command()
@reports_errors
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Count what the store holds."""
    info = query.collect_stats(_store(_settings(db)))
    if as_json:
        print_json(info)
        return
    rows = [
        {"what": key, "count": value} for key, value in info.items() if not isinstance(value, dict)
    ]
    rows += [{"what": f"rejected: {k}", "count": v} for k, v in info["rejected_by_reason"].items()]
    rows += [{"what": f"events: {k}", "count": v} for k, v in info["events_by_type"].items()]
    print_table(rows, ["what", "count"])


def _run_filter(value: str | None) -> int | Literal["last"] | None:
    if value is None:
        return None
    if value == "last":
        return "last"
    try:
        return int(value)
    except ValueError:
        raise InputError(f"--run must be a run number or 'last', got {value!r}") from None


@app.command()
@reports_errors
def rejected(
    db: DbOption = None,
    run: Annotated[
        str | None,
        typer.Option(
            "--run",
            help="Only this run's rejections: a run number, or 'last' for the last ingest.",
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="At most this many rows; default all.", callback=_check_limit)
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List every stored rejection with its file, line, reason and detail, oldest first.

    `ingest` prints only the first 20 of a run; every one is kept here. Reasons:
    docs/errors.md.
    """
    found = query.list_rejections(_store(_settings(db)), _run_filter(run), limit)
    if as_json:
        print_json(found)
    else:
        print_table(found, ["run_id", "file", "line", "reason", "detail"])


def main() -> None:  # pragma: no cover - console entry point alias
    app()


@app.command("eval")
@reports_errors
def eval_command(
    gold: Annotated[
        list[Path],
        typer.Option(
            "--gold",
            metavar="<path>",
            help="Gold file in the format of docs/eval.md (JSONL); repeat to score several.",
        ),
    ],
    db: DbOption = None,
    floors: Annotated[
        Path | None, typer.Option(help="JSON of minimum scores; exit 1 if any is missed.")
    ] = None,
    misses: Annotated[
        bool,
        typer.Option(
            "--misses",
            help="Also list, per document, the gold events with no prediction on their "
            "clause and the predictions that match no gold event.",
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Score what the store holds against hand-coded gold: events, actors, duplicates.

    With several --gold files, each is scored on its own and all together (the
    total); --floors applies to the total.
    """
    from watchfloor import evaluate

    files = evaluate.load_gold_files(gold)
    store = _store(_settings(db))
    doc_ids = [document["doc_id"] for file in files for document in file.documents]
    report = evaluate.score_gold_files(files, query.predictions(store, doc_ids), misses)
    if as_json:
        print_json(report)
    else:
        out.print(evaluate.format_report(report), markup=False)
    if floors is not None:
        try:
            wanted = json.loads(floors.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(f"cannot read floors file {str(floors)!r}: {exc}") from None
        failures = evaluate.check_floors(report, wanted)
        for failure in failures:
            err.print(f"below floor: {failure}", markup=False)
        if failures:
            raise typer.Exit(1)


ActorFilter = Annotated[
    str | None, typer.Option("--actor", help="Actor id or name, e.g. KOR or NATO.")
]
RecipientFilter = Annotated[
    str | None, typer.Option("--recipient", help="Recipient id or name, e.g. UKR.")
]
TypeFilter = Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. AID.")]
StatusFilter = Annotated[
    str | None, typer.Option(help="asserted, future, hypothetical, negated or historical.")
]
SinceFilter = Annotated[str | None, typer.Option(help="Dated on or after (YYYY[-MM[-DD]]).")]
UntilFilter = Annotated[str | None, typer.Option(help="Dated on or before (YYYY[-MM[-DD]]).")]
PlaceFilter = Annotated[
    str | None,
    typer.Option(
        "--place",
        help="Where the event happens: a country code or name (UKR, Ukraine) or a city or "
        "region as the text names it (Kharkiv).",
    ),
]
SourcesFilter = Annotated[
    int | None,
    typer.Option(
        "--independent-sources", help="Only events reported by at least N independent sources."
    ),
]


@app.command()
@reports_errors
def export(
    format: Annotated[
        str, typer.Option("--format", help="csv, jsonl, parquet, plover or gold.")
    ] = "jsonl",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write; default stdout (not for parquet)."),
    ] = None,
    db: DbOption = None,
    actor: ActorFilter = None,
    recipient: RecipientFilter = None,
    type: TypeFilter = None,
    status: StatusFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    independent_sources: SourcesFilter = None,
    place: PlaceFilter = None,
) -> None:
    """Write fused events with their sources, one row each, filtered as in `events`.

    Formats (columns in docs/exports.md): csv, jsonl (each event as `events --json`
    gives it), parquet (the same, typed; needs --output), plover (one PLOVER record
    per line: id, event_type, mode, context, actor, recipient, event_text, text_info,
    status, quantities, place, mentions), and gold (every coded report in the shape
    of the gold files, for scorers; takes no filters).
    """
    from watchfloor.export import TEXT_FORMATS, check_format, write_events, write_parquet

    filters = EventFilter(
        actor, recipient, type, status,
        _date_option(since, "--since"), _date_option(until, "--until"), independent_sources,
        place=place,
    )  # fmt: skip
    check_format(format)
    if format == "gold" and filters != EventFilter():
        raise InputError("--format gold writes every coded report and takes no filters")
    if format == "parquet" and output is None:
        raise InputError("--format parquet writes a binary file: give --output FILE")
    store = _store(_settings(db))
    events = query.exported_events(store) if format == "gold" else query.iter_events(store, filters)
    if output is None:
        count = write_events(events, format, sys.stdout)
    else:
        try:
            stream: Any = (
                output.open("w", encoding="utf-8", newline="")
                if format in TEXT_FORMATS
                else output.open("wb")
            )
        except OSError as exc:
            raise InputError(f"cannot write to {str(output)!r}: {exc.strerror}") from None
        try:
            with stream:
                if format in TEXT_FORMATS:
                    count = write_events(events, format, stream)
                else:
                    count = write_parquet(events, stream)
        except OSError as exc:
            raise WatchfloorError(f"writing {str(output)!r} failed: {exc.strerror}") from None
    err.print(f"{count} events written", markup=False)


@app.command()
@reports_errors
def demo(
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="SQLite file to fill and keep; default: a temporary one, removed after."
        ),
    ] = None,
) -> None:
    """Ingest the bundled sample corpus and show what watchfloor makes of it."""
    from watchfloor.demo import run_demo

    result = run_demo(db)
    where = result.db or "a temporary database"
    out.print(f"Sample corpus ingested into {where}: {result.report.summary()}", markup=False)
    print_table(result.articles, ["doc_id", "published", "outlet", "title", "derived_from"])
    counts = {k: v for k, v in result.stats.items() if isinstance(v, int) and k != "db_bytes"}
    out.print(", ".join(f"{k} {v}" for k, v in counts.items()), markup=False)
    if result.db is None:
        out.print(
            "The temporary database is removed; to keep one to explore: "
            "watchfloor demo --db demo.db",
            markup=False,
        )
    else:
        out.print(f"Explore it: watchfloor articles --db {result.db}", markup=False)


def _event_line(event: dict[str, Any]) -> dict[str, Any]:
    """One fused event as a table row."""
    first = event["sources"][0] if event["sources"] else {}
    when = _placement(event["when"], event["when_source"])
    quantity = first.get("quantity_value")
    return {
        "date": when,
        "event": event["type"] + (f":{event['mode']}" if event["mode"] else ""),
        "actor": ",".join(event["actor"]),
        "recipient": ",".join(event["recipient"]),
        "status": event["status"],
        "how much": f"{quantity:g} {first.get('quantity_unit') or ''}".strip() if quantity else "",
        "where": _place_label(event.get("place")),
        "evidence": first.get("evidence", ""),
        "sources": ", ".join(s["doc_id"] for s in event["sources"])
        + (f" ({event['independent_sources']} indep.)" if len(event["sources"]) > 1 else ""),
        "conflicts": ", ".join(c["field"] for c in event["conflicts"]),
    }


def _place_label(place: dict[str, str | None] | None) -> str:
    """ "Kharkiv, UKR", a country code alone, or "" without a place."""
    if not place:
        return ""
    return f"{place['name']}, {place['country']}" if place["name"] else str(place["country"])


def _placement(when: str | None, source: str | None) -> str:
    """An event's own date bare, a publication date "(2023-04-11)", a reference date "(≈…)"."""
    if when is None:
        return "undated"
    if source == "date":
        return when
    return f"(≈{when})" if source == "reference_date" else f"({when})"


def _source_date(source: dict[str, Any]) -> str:
    if source["published"]:
        return f" ({source['published']})"
    return f" (≈{source['reference_date']})" if source["reference_date"] else ""


@app.command()
@reports_errors
def events(
    db: DbOption = None,
    actor: ActorFilter = None,
    recipient: RecipientFilter = None,
    type: TypeFilter = None,
    status: StatusFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    independent_sources: SourcesFilter = None,
    place: PlaceFilter = None,
    limit: Annotated[
        int, typer.Option(help="At most this many rows.", callback=_check_limit)
    ] = 200,
    as_json: JsonOption = False,
) -> None:
    """List fused events (one row per real-world event, with its sources), oldest first.

    Undated events are placed and shown as in `watchfloor timeline`. The "where"
    column is the place the text gives: "Kharkiv, UKR", or a country code alone.
    """
    filters = EventFilter(
        actor, recipient, type, status,
        _date_option(since, "--since"), _date_option(until, "--until"), independent_sources,
        place=place,
    )  # fmt: skip
    found = query.iter_events(_store(_settings(db)), filters, limit)
    if as_json:
        print_json_list(found)
    else:
        columns = [
            "date",
            "event",
            "actor",
            "recipient",
            "status",
            "how much",
            "where",
            "evidence",
            "sources",
        ]
        print_table([_event_line(e) for e in found], columns)


@app.command()
@reports_errors
def timeline(
    actor: Annotated[str, typer.Option("--actor", help="Actor id or name, e.g. KOR.")],
    recipient: RecipientFilter = None,
    db: DbOption = None,
    independent_sources: SourcesFilter = None,
    as_json: JsonOption = False,
) -> None:
    """A dated, sourced timeline of what an actor did (to a recipient), oldest first.

    Undated events are placed by their earliest source's date, in brackets: its
    publication date "(2023-04-11)", or for an article without one its reference
    date "(≈2024-10-21)": its original's publication date if it is a copy, else the
    latest date it reports as past (docs/events.md). Events with neither come last.
    """
    filters = EventFilter(actor, recipient, independent_sources=independent_sources)
    found = query.iter_events(_store(_settings(db)), filters)
    if as_json:
        print_json_list(found)
        return
    for event in found:
        line = _event_line(event)
        parties = line["actor"] + (f" -> {line['recipient']}" if line["recipient"] else "")
        amount = f" [{line['how much']}]" if line["how much"] else ""
        out.print(
            f"{line['date']:<14} {line['event']:<20} {parties:<14} {line['status']}{amount}",
            markup=False,
        )
        for source in event["sources"]:
            dated = _source_date(source)
            out.print(f"{'':<16}{source['doc_id']}{dated}: {source['evidence']}", markup=False)


@app.command()
@reports_errors
def positions(
    actor: Annotated[str, typer.Argument(metavar="ACTOR", help="Actor id or name, e.g. KOR.")],
    toward: Annotated[str, typer.Option("--toward", help="The counterpart, id or name, e.g. UKR.")],
    issue: Annotated[
        str | None,
        typer.Option(
            help="military-aid, humanitarian-aid, economic-aid, sanctions or talks; "
            "default: every issue."
        ),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """An actor's stated positions toward a counterpart on an issue, oldest first.

    Each step is one fused event read as a stance (refused, considering,
    conditional, promised, done, reversed) from its type and status, with its
    sources. "*" marks a change point: the stance differs from the step before.
    Dates are shown as in `watchfloor timeline`; undated steps come last.
    Issues and the stance table: docs/positions.md.
    """
    from watchfloor.positions import load_issues, position_steps

    store = _store(_settings(db))
    actor_id = query.resolve_actor_id(store, actor)
    toward_id = query.resolve_actor_id(store, toward)
    steps = position_steps(store, actor_id, toward_id, issue)
    if as_json:
        print_json([step.to_dict() for step in steps])
        return
    issues = load_issues()
    shown = None
    for step in steps:
        if step.issue != shown:
            shown = step.issue
            out.print(f"{actor_id} toward {toward_id}: {step.issue} ({issues[step.issue].help})")
        mark = "*" if step.change else " "
        was = f" (was {step.previous})" if step.change and step.previous else ""
        event = step.type + (f":{step.mode}" if step.mode else "")
        when = _placement(step.when, step.when_source)
        out.print(f"{mark} {when:<14} {step.stance + was:<26} {event} {step.status}", markup=False)
        for source in step.sources:
            where = ", ".join(filter(None, (source.outlet, source.published)))
            out.print(
                f"{'':<17}{source.doc_id}{f' ({where})' if where else ''}: {source.evidence}",
                markup=False,
            )
    if not steps:
        err.print(f"no positions of {actor_id} toward {toward_id} on {issue or 'any issue'}")


@app.command()
@reports_errors
def conflicts(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List fused events whose sources disagree (figures, dates, status, sale vs loan)."""
    found = query.iter_conflicts(_store(_settings(db)))
    if as_json:
        print_json_list(found)
        return
    rows = []
    for event in found:
        line = _event_line(event)
        for conflict in event["conflicts"]:
            values = "; ".join(
                f"{v['value']} ({', '.join(v['doc_ids'])})" for v in conflict["values"]
            )
            rows.append({**line, "field": conflict["field"], "values": values})
    print_table(rows, ["date", "event", "actor", "recipient", "field", "values"])


@app.command()
@reports_errors
def duplicates(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List copies: exact, near-duplicate and reworded, with the original where known."""
    found = query.list_duplicates(_store(_settings(db)))
    if as_json:
        print_json(found)
    else:
        print_table(found, ["doc_id", "other_id", "kind", "score", "original"])


@app.command()
@reports_errors
def stories(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List story clusters with their titles, date spans and member counts."""
    found = query.list_stories(_store(_settings(db)))
    if as_json:
        print_json(found)
    else:
        print_table(found, ["story_id", "title", "first", "last", "members"])


@app.command()
@reports_errors
def actors(
    db: DbOption = None,
    country: Annotated[str | None, typer.Option(help="ISO alpha-3 code, e.g. NER.")] = None,
    kind: Annotated[str | None, typer.Option(help="country, igo, org or person.")] = None,
    sector: Annotated[str | None, typer.Option(help="PLOVER sector, e.g. GOV, MIL, EDU.")] = None,
    limit: Annotated[
        int, typer.Option(help="At most this many rows.", callback=_check_limit)
    ] = 100,
    explain: Annotated[
        str | None,
        typer.Option(
            metavar="ID",
            help="Instead, show why each form of this actor (id or name) went to it.",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List actors with their mention and article counts, most mentioned first.

    With --explain ID: each name form resolved to that actor, the reason the
    resolver gave (dictionary name, user dictionary entry, surname of the most
    prominent bearer...), and how often and where.
    """
    if explain is not None:
        reasons = query.explain_actor(_store(_settings(db)), explain)
        if as_json:
            print_json(reasons)
        else:
            shown = [{**row, "reason": row["reason"] or "(not recorded)"} for row in reasons]
            for row in shown:
                row["articles"] = ", ".join(row["doc_ids"])
            print_table(shown, ["form", "reason", "mentions", "articles"])
        return
    found = query.list_actors(_store(_settings(db)), country, kind, sector, limit)
    if as_json:
        print_json(found)
    else:
        print_table(
            found, ["actor_id", "name", "kind", "country", "sector", "mentions", "documents"]
        )


@app.command()
@reports_errors
def actor(
    actor_id: Annotated[
        str, typer.Argument(metavar="ID", help="Actor id or name, e.g. NER or mohamed-bazoum.")
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show an actor: aliases, roles with dates, and where each name was seen."""
    info = query.show_actor(_store(_settings(db)), actor_id)
    if as_json:
        print_json(info)
        return
    details = ", ".join(f"{k} {info[k]}" for k in ("kind", "country", "sector") if info[k])
    out.print(f"{info['actor_id']}: {info['name']} ({details})", markup=False)
    if info["aliases"]:
        out.print("aliases: " + "; ".join(info["aliases"]), markup=False)
    for role in info["roles"]:
        span = f"{role['start'] or '?'} to {role['end'] or 'now'}" if role["start"] else ""
        stated = f"stated {role['stated']} in {role['doc_id']}" if role["doc_id"] else ""
        out.print(
            f"role: {role['title']} {role['country'] or ''} {span} {stated}".rstrip(), markup=False
        )
    print_table(
        [{"name": s["text"], "articles": ", ".join(s["doc_ids"])} for s in info["seen_as"]],
        ["name", "articles"],
    )


@app.command()
@reports_errors
def quotes(
    db: DbOption = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Only quotes by this actor (id or name).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List direct quotations with their speakers."""
    found = query.list_quotes(_store(_settings(db)), actor)
    if as_json:
        print_json(found)
    else:
        print_table(found, ["doc_id", "published", "speaker", "speaker_text", "text"])


@app.command()
@reports_errors
def reprocess(
    db: DbOption = None,
    actors: Annotated[
        str | None, typer.Option("--actors", help="User actor dictionary (YAML/CSV).")
    ] = None,
    processes: ProcessesOption = None,
) -> None:
    """Re-run actor resolution, events, stories and fusion on every stored article.

    Use it after changing a dictionary or upgrading watchfloor.
    """
    from watchfloor.pipeline import build_pipeline

    settings = _settings(db, actors_file=actors, processes=processes)
    store = _store(settings)
    total = store.count_current_articles()
    with progress_bar("reprocessing", total) as advance:
        count = build_pipeline(store, settings).reprocess(progress=advance)
    stats = query.collect_stats(store)
    out.print(
        f"{count} articles reprocessed: {stats['actors']} actors, {stats['events']} events, "
        f"{stats['canonical_events']} fused events",
        markup=False,
    )


@app.command()
@reports_errors
def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on; another than 127.0.0.1 exposes the store.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the HTTP API (/api, documented at /docs) and the web UI (/) over a store.

    Read-only unless the api_token setting (env WATCHFLOOR_API_TOKEN) is set: then
    POST /api/articles ingests articles sent with Authorization: Bearer <token>.
    See docs/api.md.
    """
    import uvicorn

    from watchfloor.web import create_app

    settings = _settings(db)
    web_app = create_app(settings.db, settings)
    err.print(f"serving {settings.db} on http://{host}:{port}/ (API docs at /docs)", markup=False)
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


@app.command()
@reports_errors
def annotate(
    path: Annotated[
        str | None, typer.Argument(metavar="FILE|-", help="A text file, or - for standard input.")
    ] = None,
    lines: Annotated[
        Path | None,
        typer.Option(
            "--lines", help='JSONL of {"doc_id", "text", "published"}, one text per line.'
        ),
    ] = None,
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY[-MM[-DD]].")] = None,
    actors: Annotated[
        str | None, typer.Option("--actors", help="User actor dictionary (YAML/CSV).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Analyse text without storing it: sentences, actors, dates, events, quotes.

    Offsets point into the text exactly as given. With --json the output is the
    stable shape documented in docs/annotate.md (one JSON object per line with --lines).
    """
    from watchfloor import annotate as annotating
    from watchfloor.nlp.analyse import ArticleAnalyser

    if (path is None) == (lines is None):
        raise InputError("give either FILE (or - for stdin) or --lines FILE.jsonl")
    analyser = ArticleAnalyser(_settings(None, actors_file=actors))
    if lines is not None:
        with _open_text(str(lines)) as stream:
            for result in annotating.annotate_texts(
                annotating.read_lines(stream, str(lines)), analyser
            ):
                sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        return
    assert path is not None
    with _open_text(path) as stream:
        text = stream.read()
    doc_id = "stdin" if path == "-" else Path(path).stem
    item = annotating.Text(doc_id, text, annotating.parse_published(published, "--published"))
    (result,) = annotating.annotate_texts([item], analyser)
    if as_json:
        print_json(result)
    else:
        _print_annotation(result)


@contextmanager
def _open_text(path: str) -> Iterator[Any]:
    if path == "-":
        yield sys.stdin
        return
    try:
        with open(path, encoding="utf-8") as stream:
            yield stream
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path!r}: {exc}") from None


def _print_annotation(result: dict[str, Any]) -> None:
    out.print(f"{len(result['sentences'])} sentences", markup=False)
    print_table(result["mentions"], ["start", "end", "text", "label", "actor_id"], title="mentions")
    print_table(
        result["time_expressions"], ["start", "end", "text", "timex", "value"], title="dates"
    )
    rows = [
        {**e, "actor": ",".join(e["actor"]), "recipient": ",".join(e["recipient"])}
        for e in result["events"]
    ]
    print_table(
        rows, ["type", "mode", "actor", "recipient", "status", "date", "evidence"], title="events"
    )
