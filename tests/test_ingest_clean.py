"""The clean stage: boilerplate removal in context, metadata, normalisation, hashing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watchfloor.ingest.clean import clean_document, content_hash, normalise_for_hash
from watchfloor.ingest.page import clean_text, normalise_text
from watchfloor.records import Article, PartialDate, RawDocument, Rejected
from watchfloor.settings import Settings

SETTINGS = Settings()
LEDE = "Harbour pilots at the port walked out on Tuesday, leaving more than 40 ships at anchor."
SECOND = "The union said the strike would last until the transport ministry agreed to talks."


def clean(text: str, **fields: str) -> Article:
    article = clean_document(RawDocument(doc_id="d", source="d.txt", text=text, **fields), SETTINGS)
    assert isinstance(article, Article)
    return article


def test_clean_fixture_page_exactly(data_dir: Path) -> None:
    path = data_dir / "ingest" / "formats" / "plain.txt"
    raw = RawDocument(doc_id="plain", source=str(path), text=path.read_text(encoding="utf-8"))
    article = clean_document(raw, SETTINGS)
    assert article == Article(
        doc_id="plain",
        title="Harbour pilots strike closes Baltic port",
        text="Harbour pilots strike closes Baltic port\n\n"
        "Harbour pilots at the port of Gdynia walked out on Tuesday, leaving more than 40 ships "
        "waiting at anchor in the bay.\n\n"
        "The union said the strike would last until the transport ministry agreed to talks.",
        published=PartialDate(2024, 5, 14),
        source=str(path),
        byline="Marta Kowalczyk",
        language="en",
        content_hash=content_hash(article.text if isinstance(article, Article) else ""),
    )


@pytest.mark.parametrize(
    "widget",
    [
        "Share this article",
        "Sign up for our daily briefing",
        "Tags: ports, strikes, shipping",
        "Copyright 2024 Example Media",
        "Advertisement",
        "Follow us on Telegram",
        "We use cookies to improve your experience. By continuing you agree to our policy.",
        "|",
    ],
)
def test_widget_lines_are_removed_anywhere(widget: str) -> None:
    article = clean(f"{LEDE}\n{widget}\n{SECOND}\n{widget}")
    assert article.text == f"{LEDE}\n{SECOND}"


def test_posted_on_line_gives_date_and_byline() -> None:
    article = clean(f"Pilots walk out in Baltic port\nPosted on 12 March 2021 by Jane Doe\n{LEDE}")
    assert (article.published, article.byline) == (PartialDate(2021, 3, 12), "Jane Doe")
    assert article.text == f"Pilots walk out in Baltic port\n{LEDE}"


def test_updated_line_is_removed_and_used_when_no_published_date() -> None:
    article = clean(f"{LEDE}\nUpdated: 2024-02-01 10:00 GMT\n{SECOND}")
    assert article.text == f"{LEDE}\n{SECOND}"
    assert article.published == PartialDate(2024, 2, 1)


def test_published_line_wins_over_updated_line() -> None:
    article = clean(f"Published: 3 January 2024\nUpdated: 2024-02-01\n{LEDE}")
    assert article.published == PartialDate(2024, 1, 3)


def test_date_prefix_on_the_headline_line() -> None:
    article = clean(f" date 2024-06-30 Harbour reopens after strike\n\n{LEDE}")
    assert article.title == "Harbour reopens after strike"
    assert article.published == PartialDate(2024, 6, 30)
    assert article.text == f"Harbour reopens after strike\n\n{LEDE}"


def test_dates_in_the_body_are_not_publication_dates() -> None:
    body = "The strike began on 12 March 2021, the union said, and ended a week later after talks."
    article = clean(f"{LEDE}\n{body}\n{SECOND}\n14 May 2024\n{LEDE}")
    assert article.published is None
    assert "14 May 2024" in article.text  # a bare date line inside the body is kept


def test_record_date_wins_over_the_text() -> None:
    article = clean(f"Published: 12 March 2021\n{LEDE}", published="2024-05-01T08:00:00Z")
    assert article.published == PartialDate(2024, 5, 1)


def test_unparseable_record_date_falls_back_to_the_text() -> None:
    article = clean(f"Published: 12 March 2021\n{LEDE}", published="sometime")
    assert article.published == PartialDate(2021, 3, 12)


def test_breadcrumb_and_repeated_headline_kept_once() -> None:
    text = (
        "Home » World » Pilots end strike – Coastal Wire\n\n"
        "Pilots end strike – Coastal Wire\n\n"
        "by sam\n\n"
        f"{LEDE}\n\nPILOTS END STRIKE\n\n{SECOND}"
    )
    article = clean(text)
    assert (article.title, article.outlet, article.byline) == (
        "Pilots end strike",
        "Coastal Wire",
        "sam",
    )
    assert article.text == f"Pilots end strike\n\n{LEDE}\n\n{SECOND}"


def test_title_from_breadcrumb_when_not_repeated() -> None:
    article = clean(f"Home > Ports > Harbour pilots walk out in Gdynia\n{LEDE}")
    assert article.title == "Harbour pilots walk out in Gdynia"
    assert article.text == LEDE


def test_no_headline_gives_empty_title() -> None:
    article = clean(f"{LEDE}\n{SECOND}")
    assert article.title == ""
    assert article.text == f"{LEDE}\n{SECOND}"


@pytest.mark.parametrize(
    "headline",
    [
        "Why will Seoul not send its artillery shells to Ukraine?",
        "Niger junta gives French envoy 48 hours to leave, says ‘enough’",
        'Putin warns of "serious consequences" for every country that sends "long-range missiles"',
        "Seoul to weigh direct arms sales to Kyiv after Pyongyang troop deployment (UPDATE 2)",
        "Chaos in the capital as thousands of protesters march on parliament for a third night "
        "after the arrest of the opposition leader on corruption charges",
        "U.S. envoy meets Kim in Pyongyang",
    ],
)
def test_clean_first_line_headline_is_the_title(headline: str) -> None:
    # Each of these ends as a sentence might, or is long, so it reads as the first body
    # paragraph: the title was "" before.
    article = clean(f"{headline}\n\n{LEDE}\n\n{SECOND}")
    assert article.title == headline
    assert article.text == f"{headline}\n\n{LEDE}\n\n{SECOND}"


@pytest.mark.parametrize(
    "first_line",
    [
        LEDE,
        'The minister told reporters the talks had "failed completely."',
        "The strike is over and the ships have left port. Officials did not say when the talks "
        "with the transport ministry would resume or who would lead them",
        "What a week it has been for the harbour pilots and the ships waiting at anchor!",
        "Will the pilots, who have not been paid since March, accept the offer the ministry "
        "put to them on Monday evening?",
    ],
)
def test_clean_first_line_that_reads_as_a_sentence_is_no_title(first_line: str) -> None:
    assert clean(f"{first_line}\n\n{SECOND}").title == ""


def test_record_title_wins() -> None:
    article = clean(f"Pilots walk out\n{LEDE}", title="Strike at the port")
    assert article.title == "Strike at the port"
    assert article.text == f"Pilots walk out\n{LEDE}"


def test_byline_with_a_date() -> None:
    article = clean(f"Pilots walk out\nBy Jane Doe | 14 May 2024\n{LEDE}")
    assert (article.byline, article.published) == ("Jane Doe", PartialDate(2024, 5, 14))
    assert article.text == f"Pilots walk out\n{LEDE}"


def test_byline_after_the_standfirst() -> None:
    article = clean(f"Pilots walk out\n{LEDE}\nBy Jane Doe\n{SECOND}")
    assert article.byline == "Jane Doe"
    assert article.text == f"Pilots walk out\n{LEDE}\n{SECOND}"


def test_tail_after_the_last_paragraph_is_cut() -> None:
    text = (
        f"{LEDE}\n\n{SECOND}\n\nRelated topics:\n\nDockers vote on a new contract\n\n"
        "Ferry operators warn of delays this summer\n\nYou may also like\n\nLeave a Comment"
    )
    assert clean(text).text == f"{LEDE}\n\n{SECOND}"


def test_related_marker_before_a_paragraph_does_not_cut_the_body() -> None:
    text = f"{LEDE}\nRelated\nDockers vote on a new contract\n{SECOND}"
    assert clean(text).text == f"{LEDE}\nDockers vote on a new contract\n{SECOND}"


def test_newsletter_footer_with_separator_lines() -> None:
    text = f"{LEDE}\n{SECOND}\nNEWSLETTER\n|\nJoin the Harbour Weekly mailing list |\n|\n|"
    assert clean(text).text == f"{LEDE}\n{SECOND}"


def test_promo_glued_to_a_paragraph_is_removed() -> None:
    text = f"{LEDE}\n{SECOND} Read more: Dockers vote on a new contract"
    assert clean(text).text == f"{LEDE}\n{SECOND}"


def test_outlet_from_a_wire_dateline_keeps_the_dateline() -> None:
    line = "GDYNIA, May 14 (Coastal Wire) - Harbour pilots walked out on Tuesday, the union said."
    article = clean(line)
    assert (article.outlet, article.text) == ("Coastal Wire", line)


def test_normalise_text_touches_only_safe_whitespace() -> None:
    raw = (
        "A\u00a0line  with “quotes” – and  spaces   \r\n\r\n\r\n\r\nNext\u200b line\rLast\u2028end"
    )
    assert normalise_text(raw) == "A line  with “quotes” – and  spaces\n\n\n\nNext line\nLast\nend"
    assert clean_text(raw).text == "A line  with “quotes” – and  spaces\n\nNext line\nLast\nend"


def test_cleaning_cleaned_text_changes_nothing(data_dir: Path) -> None:
    once = clean_text((data_dir / "ingest" / "formats" / "plain.txt").read_text(encoding="utf-8"))
    assert clean_text(once.text).text == once.text


def test_too_short_is_rejected() -> None:
    raw = RawDocument(doc_id="tiny", source="tiny.txt", text="Share this article\nShort note.")
    rejected = clean_document(raw, Settings(min_text_chars=40))
    assert rejected == Rejected(
        doc_id="tiny",
        source="tiny.txt",
        stage="clean",
        reason="too_short",
        detail="11 characters left after cleaning, fewer than min_text_chars=40",
    )
    assert isinstance(clean_document(raw, Settings(min_text_chars=11)), Article)


def test_html_without_main_text_is_rejected() -> None:
    raw = RawDocument(doc_id="nav", source="nav.html", html="<html><body><nav></nav></body></html>")
    rejected = clean_document(raw, SETTINGS)
    assert isinstance(rejected, Rejected)
    assert (rejected.stage, rejected.reason) == ("extract", "no_main_text")


def test_html_page_metadata(data_dir: Path) -> None:
    path = data_dir / "ingest" / "formats" / "page.html"
    raw = RawDocument(doc_id="page", source=str(path), html=path.read_text(encoding="utf-8"))
    article = clean_document(raw, SETTINGS)
    assert isinstance(article, Article)
    assert (article.title, article.outlet, article.byline, article.published) == (
        "Glacier monitoring station opens in Greenland",
        "Polar Desk",
        "Ingrid Sørensen",
        PartialDate(2024, 3, 2),
    )
    assert article.text == (
        "Glacier monitoring station opens in Greenland\n"
        "A research station that measures the flow of three outlet glaciers opened near Ilulissat "
        "on Saturday, the Danish meteorological institute said.\n"
        "The station will send readings every ten minutes to a public archive, and its first data "
        "are expected within a month, according to the institute."
    )


def test_html_date_is_not_guessed_from_the_body() -> None:
    html = (
        "<html><body><article><h1>Pass reopens</h1><p>The road over the pass, closed since "
        "12 January 2024, reopened after crews cleared the snow through the night.</p>"
        "</article></body></html>"
    )
    article = clean_document(RawDocument(doc_id="p", source="p.html", html=html), SETTINGS)
    assert isinstance(article, Article)
    assert article.published is None


def test_normalise_for_hash() -> None:
    assert (
        normalise_for_hash("  The ﬁrst\u00a0Line\n\nSECOND  line ") == "the first line second line"
    )


def test_content_hash_ignores_case_and_spacing_only() -> None:
    first = clean(f"{LEDE}\n\n{SECOND}")
    again = clean(f"{LEDE.upper()}\r\n{SECOND}   ")
    changed = clean(f"{LEDE}\n\n{SECOND.replace('talks', 'a deal')}")
    assert first.content_hash == again.content_hash != changed.content_hash
    expected = hashlib.sha256(normalise_for_hash(first.text).encode("utf-8")).hexdigest()
    assert first.content_hash == expected


_LINES = st.sampled_from(
    [
        "",
        "Home » World » Pilots end strike",
        "Pilots end strike",
        "By Jane Doe",
        "Published: 12 March 2021",
        " date 2024-06-30 Harbour reopens",
        LEDE,
        SECOND,
        f"{SECOND} Read more: Dockers vote",
        "Share this article",
        "Related topics:",
        "|",
        "12 March 2021",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=60)), max_size=12))
def test_clean_text_only_removes_never_invents(lines: list[str]) -> None:
    source = normalise_text("\n".join(lines))
    cleaned = clean_text(source).text
    for line in cleaned.split("\n"):
        assert line == "" or line in source
