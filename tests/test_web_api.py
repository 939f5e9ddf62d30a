"""The JSON API, against a real `watchfloor serve` on loopback (tests/data/web/articles.jsonl)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.model


def get(base: str, path: str, expect: int = 200, **params: Any) -> Any:
    response = httpx.get(base + path, params=params, timeout=30)
    assert response.status_code == expect, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def error_message(base: str, path: str, expect: int, **params: Any) -> str:
    body = get(base, path, expect, **params)
    assert set(body) == {"error"}
    assert body["error"]["status"] == expect
    message: str = body["error"]["message"]
    assert "Traceback" not in message
    return message


def test_web_api_articles_list_and_one_with_text(web_url: str) -> None:
    listed = get(web_url, "/api/articles")
    assert [a["doc_id"] for a in listed["articles"]] == [
        "web-seoul-refuses", "web-seoul-pledge", "web-script",
    ]  # fmt: skip
    assert listed["next_offset"] is None
    paged = get(web_url, "/api/articles", limit=1, offset=1)
    assert [a["doc_id"] for a in paged["articles"]] == ["web-seoul-pledge"]
    assert paged["next_offset"] == 2
    assert get(web_url, "/api/articles", outlet="Harbour Times")["articles"][0]["doc_id"] == (
        "web-seoul-pledge"
    )
    assert [a["doc_id"] for a in get(web_url, "/api/articles", since="2024")["articles"]] == [
        "web-seoul-pledge", "web-script",
    ]  # fmt: skip
    one = get(web_url, "/api/articles/web-seoul-pledge")
    assert one["text"].startswith("SEOUL, March 4 - South Korea pledged 50,000 artillery shells")
    assert one["outlet"] == "Harbour Times"


def test_web_api_events_carry_their_sources(web_url: str) -> None:
    events = get(web_url, "/api/events", actor="KOR", recipient="UKR")["events"]
    assert {e["type"] for e in events} >= {"AGREE", "REJECT"}
    pledge = next(e for e in events if e["type"] == "AGREE")
    (source,) = pledge["sources"]
    assert source["doc_id"] == "web-seoul-pledge"
    assert source["outlet"] == "Harbour Times"
    assert source["published"] == "2024-03-04"
    text = get(web_url, "/api/articles/web-seoul-pledge")["text"]
    assert text[source["evidence_start"] : source["evidence_end"]] == source["evidence"]
    assert "pledged 50,000 artillery shells" in source["evidence"]


@pytest.mark.parametrize(
    ("params", "wanted"),
    [
        ({"type": "reject"}, {"REJECT"}),
        (
            {"actor": "South Korea", "status": "asserted", "until": "2023-12"},
            {"REJECT", "AID", "CONSULT"},
        ),
        ({"mode": "disapprove"}, {"ACCUSE"}),
        ({"outlet": "harbour times", "actor": "KOR"}, {"AGREE"}),
        ({"text": "ambulances"}, {"AID"}),
        ({"since": "2024-03-05", "actor": "POL"}, {"ACCUSE"}),
    ],
)
def test_web_api_event_filters(web_url: str, params: dict[str, str], wanted: set[str]) -> None:
    assert {e["type"] for e in get(web_url, "/api/events", **params)["events"]} == wanted


def test_web_api_events_page_by_limit_and_offset(web_url: str) -> None:
    everything = [e["canonical_id"] for e in get(web_url, "/api/events")["events"]]
    first = get(web_url, "/api/events", limit=3)
    second = get(web_url, "/api/events", limit=3, offset=3)
    assert first["next_offset"] == 3
    assert [e["canonical_id"] for e in first["events"] + second["events"]] == everything[:6]


@pytest.mark.parametrize(
    ("path", "params", "status", "named"),
    [
        ("/api/events", {"since": "last tuesday"}, 400, "since must be a date"),
        ("/api/events", {"until": "2024-13-01"}, 400, "until must be a date"),
        ("/api/events", {"limit": "5000"}, 400, "limit"),
        ("/api/events", {"limit": "ten"}, 400, "limit"),
        ("/api/events", {"offset": "-1"}, 400, "offset"),
        ("/api/events", {"type": "HUG"}, 400, "'HUG'"),
        ("/api/events", {"status": "maybe"}, 400, "'maybe'"),
        ("/api/events", {"mode": "<b>"}, 400, "mode"),
        ("/api/events", {"actor": "Sooth Korea"}, 400, "did you mean"),
        ("/api/timeline", {}, 400, "actor"),
        ("/api/dyads", {"actor": "KOR", "recipient": "Atlantis"}, 400, "Atlantis"),
        ("/api/actors/Atlantis", {}, 400, "Atlantis"),
        ("/api/quotes", {"actor": "Atlantis"}, 400, "Atlantis"),
        ("/api/search", {"q": " "}, 400, "search needs at least one word"),
        ("/api/search", {"q": "AND (", "fts": "true"}, 400, "cannot search"),
        ("/api/events/ev-nothing", {}, 404, "ev-nothing"),
        ("/api/articles/no-such-doc", {}, 404, "no-such-doc"),
        ("/api/no-such-endpoint", {}, 404, "/api/no-such-endpoint"),
        ("/api/events", {"place": " "}, 400, "place needs a country code or a place name"),
        ("/api/timeline", {"actor": "KOR", "place": " "}, 400, "place"),
        ("/api/actors/Sooth Korea/positions", {"toward": "UKR"}, 400, "did you mean KOR"),
        ("/api/actors/KOR/positions", {"toward": "Atlantis"}, 400, "no actor 'Atlantis'"),
        ("/api/actors/KOR/positions", {}, 400, "toward: Field required"),
        (
            "/api/actors/KOR/positions",
            {"toward": "UKR", "issue": "militray-aid"},
            400,
            "unknown issue 'militray-aid'; did you mean military-aid",
        ),
        ("/api/export", {"format": "xls"}, 400, "unknown format 'xls'; known: csv, jsonl"),
        ("/api/export", {"format": "gold"}, 400, "unknown format 'gold'"),
        ("/api/export", {"format": "csv", "since": "someday"}, 400, "since must be a date"),
        ("/api/export", {"format": "parquet", "type": "HUG"}, 400, "'HUG'"),
        ("/api/export", {"actor": "Atlantis"}, 400, "no actor 'Atlantis'"),
    ],
)
def test_web_api_bad_values_get_one_error_body(
    web_url: str, path: str, params: dict[str, str], status: int, named: str
) -> None:
    assert named in error_message(web_url, path, status, **params)


def test_web_api_one_event_with_mentions_and_conflict_flags(web_url: str) -> None:
    listed = get(web_url, "/api/events", actor="KOR", type="AGREE")["events"]
    event = get(web_url, f"/api/events/{listed[0]['canonical_id']}")
    assert event == listed[0]
    assert event["conflicts"] == []
    assert event["mentions"] == len(event["sources"]) == 1


def test_web_api_actors_with_aliases_roles_and_counterparts(web_url: str) -> None:
    actors = get(web_url, "/api/actors")["actors"]
    korea = next(a for a in actors if a["actor_id"] == "KOR")
    assert korea["mentions"] >= 3
    assert korea["documents"] == 2
    assert get(web_url, "/api/actors", kind="person")["actors"][0]["kind"] == "person"
    one = get(web_url, "/api/actors/South Korea")
    assert one["actor_id"] == "KOR"
    assert "Seoul" in one["aliases"]
    assert {"actor_id": "UKR", "role": "recipient"}.items() <= one["counterparts"][0].items()
    person = get(web_url, "/api/actors/Yoon Suk Yeol")
    assert person["roles"][0]["title"] == "president"


def test_web_api_timeline_of_an_actor_and_a_dyad(web_url: str) -> None:
    dyad = get(web_url, "/api/timeline", actor="KOR", recipient="UKR")["events"]
    assert [e["when"] for e in dyad] == sorted(e["when"] for e in dyad)
    assert all(e["actor"] == ["KOR"] and e["recipient"] == ["UKR"] for e in dyad)
    alone = get(web_url, "/api/timeline", actor="KOR")["events"]
    assert len(alone) > len(dyad)


def test_web_api_dyad_summary_by_month_and_quad_class(web_url: str) -> None:
    summary = get(web_url, "/api/dyads", actor="KOR", recipient="Ukraine")
    assert (summary["actor"], summary["recipient"]) == ("KOR", "UKR")
    months = {row["month"]: row for row in summary["months"]}
    assert months["2024-03"]["by_quad"]["verbal cooperation"] == 1  # AGREE
    assert months["2024-03"]["mean_score"] == 2.5
    june = months["2023-06"]
    assert june["events"] == sum(june["by_quad"].values())
    assert june["by_quad"]["verbal conflict"] >= 1  # REJECT


def test_web_api_quotes_duplicates_stories_search(web_url: str) -> None:
    assert get(web_url, "/api/quotes")["quotes"] == []
    assert get(web_url, "/api/duplicates") == {"duplicates": []}
    stories = get(web_url, "/api/stories")["stories"]
    assert sum(s["members"] for s in stories) == 3
    results = get(web_url, "/api/search", q="ambulances")["results"]
    assert [r["doc_id"] for r in results] == ["web-script"]
    assert "[ambulances]" in results[0]["snippet"]


def test_web_api_openapi_lists_every_endpoint(web_url: str) -> None:
    spec = get(web_url, "/openapi.json")
    assert set(spec["paths"]) >= {
        "/api/articles", "/api/articles/{doc_id}", "/api/events", "/api/events/{canonical_id}",
        "/api/timeline", "/api/dyads", "/api/actors", "/api/actors/{actor}", "/api/quotes",
        "/api/duplicates", "/api/stories", "/api/search", "/api/stats",
        "/api/actors/{actor}/positions", "/api/export",
    }  # fmt: skip
    export_params = {p["name"] for p in spec["paths"]["/api/export"]["get"]["parameters"]}
    events_params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert export_params == events_params - {"limit", "offset"} | {"format"}
    assert "place" in events_params
    docs = httpx.get(web_url + "/docs", timeout=30)
    assert docs.status_code == 200
    assert "/swagger-ui/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()
    assert httpx.get(web_url + "/swagger-ui/swagger-ui-bundle.js", timeout=30).status_code == 200


def test_web_api_positions_steps_with_change_points_and_sources(web_url: str) -> None:
    found = get(
        web_url, "/api/actors/South Korea/positions", toward="Ukraine", issue="Military-Aid"
    )
    assert (found["actor"], found["toward"], found["issue"]) == ("KOR", "UKR", "military-aid")
    assert list(found["issues"]) == ["military-aid"]
    steps = found["steps"]
    assert steps[0]["stance"] == "refused"
    assert (steps[0]["change"], steps[0]["previous"]) == (True, None)
    assert steps[0]["sources"][0]["doc_id"] == "web-seoul-refuses"
    pledge = steps[-1]
    assert pledge["stance"] == "promised"
    assert pledge["when"] == "2024-03-04"
    assert pledge["change"] is True
    (source,) = pledge["sources"]
    assert (source["doc_id"], source["outlet"]) == ("web-seoul-pledge", "Harbour Times")
    text = get(web_url, f"/api/articles/{source['doc_id']}")["text"]
    assert text[source["evidence_start"] : source["evidence_end"]] == source["evidence"]
    previous = None
    for step in steps:  # a change point is exactly a stance differing from the step before
        assert step["change"] == (step["stance"] != previous)
        assert step["previous"] == previous
        previous = step["stance"]
    assert [s["when"] for s in steps] == sorted(s["when"] for s in steps)
    every = get(web_url, "/api/actors/KOR/positions", toward="UKR")
    assert every["issue"] is None
    assert set(every["issues"]) >= {"military-aid", "sanctions", "talks"}
    assert [s for s in every["steps"] if s["issue"] == "military-aid"] == steps
    assert get(web_url, "/api/actors/UKR/positions", toward="KOR")["steps"] == []


def test_web_api_place_filter_on_events_and_timeline(web_url: str) -> None:
    everything = get(web_url, "/api/events")["events"]
    assert all("place" in event for event in everything)
    placed = {e["canonical_id"] for e in everything if (e["place"] or {}).get("country") == "KOR"}
    assert placed
    for value in ("KOR", "kor", "South Korea"):
        found = get(web_url, "/api/events", place=value)["events"]
        assert {e["canonical_id"] for e in found} == placed, value
    seoul = get(web_url, "/api/events", place="Seoul")["events"]
    assert seoul
    assert all(e["place"] == {"country": "KOR", "name": "Seoul"} for e in seoul)
    assert len(seoul) < len(placed)
    assert get(web_url, "/api/events", place="Atlantis")["events"] == []
    timeline = get(web_url, "/api/timeline", actor="KOR", place="Seoul")["events"]
    assert [e["canonical_id"] for e in timeline] == [e["canonical_id"] for e in seoul]
    assert get(web_url, "/api/timeline", actor="RUS", place="KOR")["events"] == []


def _download(base: str, format: str, **params: Any) -> httpx.Response:
    response = httpx.get(base + "/api/export", params={"format": format, **params}, timeout=60)
    assert response.status_code == 200, response.text
    return response


@pytest.mark.parametrize(
    ("format", "content_type", "filename"),
    [
        ("csv", "text/csv; charset=utf-8", "watchfloor-events.csv"),
        ("jsonl", "application/x-ndjson; charset=utf-8", "watchfloor-events.jsonl"),
        ("plover", "application/x-ndjson; charset=utf-8", "watchfloor-events.plover.jsonl"),
        ("parquet", "application/vnd.apache.parquet", "watchfloor-events.parquet"),
    ],
)
def test_web_api_export_content_type_and_filename(
    web_url: str, format: str, content_type: str, filename: str
) -> None:
    response = _download(web_url, format)
    assert response.headers["content-type"] == content_type
    assert response.headers["content-disposition"] == f'attachment; filename="{filename}"'
    if format == "parquet":  # written to a temporary file first, so its length is known
        assert response.headers["content-length"] == str(len(response.content))
    else:  # text formats are streamed as they are read
        assert response.headers.get("transfer-encoding") == "chunked"


def test_web_api_export_gives_the_events_of_the_same_filters(web_url: str) -> None:
    import csv
    import io
    import json

    import pyarrow.parquet as pq

    for filters in ({}, {"actor": "South Korea", "recipient": "UKR"}, {"place": "KOR"}):
        events = get(web_url, "/api/events", limit=1000, **filters)["events"]
        ids = [e["canonical_id"] for e in events]
        assert ids
        lines = _download(web_url, "jsonl", **filters).text.splitlines()
        assert [json.loads(line) for line in lines] == events
        rows = list(csv.DictReader(io.StringIO(_download(web_url, "csv", **filters).text)))
        assert [row["canonical_id"] for row in rows] == ids
        assert [row["place_country"] or None for row in rows] == [
            (e["place"] or {}).get("country") for e in events
        ]
        plover = [json.loads(x) for x in _download(web_url, "plover", **filters).text.splitlines()]
        assert [record["id"] for record in plover] == ids
        assert [record["event_text"] for record in plover] == [
            [s["evidence"] for s in e["sources"]] for e in events
        ]
        table = pq.read_table(io.BytesIO(_download(web_url, "parquet", **filters).content))
        assert table.to_pylist() == events
    assert _download(web_url, "PLOVER", actor="KOR", type="AGREE").text.count("\n") == 1
    empty = _download(web_url, "csv", place="Atlantis").text
    assert empty.splitlines()[0].startswith("canonical_id,type,mode,")
    assert len(empty.splitlines()) == 1
    assert (
        pq.read_table(io.BytesIO(_download(web_url, "parquet", place="Atlantis").content)).num_rows
        == 0
    )


NEW_ARTICLE = {
    "doc_id": "web-posted",
    "title": "Japan sends aid to Ukraine",
    "outlet": "Posted Wire",
    "published": "2024-04-02",
    "text": "Japan sent 100 generators to Ukraine on Tuesday, the foreign ministry in Tokyo said. "
    "The shipment follows a request from Kyiv for help with its power grid.",
}


def test_web_api_read_only_server_refuses_writes(web_url: str, web_token: str) -> None:
    response = httpx.post(
        web_url + "/api/articles",
        json=NEW_ARTICLE,
        headers={"Authorization": f"Bearer {web_token}"},
        timeout=30,
    )
    assert response.status_code == 403
    assert "read-only" in response.json()["error"]["message"]
    assert get(web_url, "/api/articles/web-posted", 404)


def test_web_api_writes_need_the_token(
    web_db: Path, tmp_path: Path, start_server: Callable[..., str], web_token: str
) -> None:
    copy = tmp_path / "writable.db"
    shutil.copy(web_db, copy)
    url = start_server(copy, token=web_token)
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": web_token}):
        refused = httpx.post(url + "/api/articles", json=NEW_ARTICLE, headers=headers, timeout=30)
        assert refused.status_code == 401, headers
        assert refused.headers["www-authenticate"] == "Bearer"
        assert "token" in refused.json()["error"]["message"].lower()
    auth = {"Authorization": f"Bearer {web_token}"}
    bad = httpx.post(url + "/api/articles", content=b"{not json", headers=auth, timeout=30)
    assert bad.status_code == 400
    assert "not JSON" in bad.json()["error"]["message"]
    posted = httpx.post(url + "/api/articles", json=[NEW_ARTICLE], headers=auth, timeout=120)
    assert posted.status_code == 200, posted.text
    assert posted.json()["stored"] == 1
    stored = get(url, "/api/articles/web-posted")
    assert stored["outlet"] == "Posted Wire"
    japan = get(url, "/api/events", actor="JPN")["events"]
    assert any(s["doc_id"] == "web-posted" for e in japan for s in e["sources"])
    again = httpx.post(url + "/api/articles", json=NEW_ARTICLE, headers=auth, timeout=120)
    assert again.json()["stored"] == 0  # idempotent, as `watchfloor ingest` is


def test_web_api_a_bug_gets_the_error_body_without_a_traceback(tmp_path: Path) -> None:
    import asyncio

    from watchfloor.store import open_store
    from watchfloor.web import create_app

    open_store(tmp_path / "empty.db").close()
    app = create_app(str(tmp_path / "empty.db"))

    def broken() -> None:
        raise RuntimeError("secret detail from deep inside")

    app.add_api_route("/api/broken", broken)

    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get("/api/broken")

    response = asyncio.run(call())
    assert response.status_code == 500
    message = response.json()["error"]["message"]
    assert message == "internal error (a bug in watchfloor; please report it): RuntimeError"


def test_web_api_refuses_to_serve_a_missing_store(tmp_path: Path) -> None:
    from watchfloor.errors import InputError
    from watchfloor.web import create_app

    with pytest.raises(InputError, match="no database at"):
        create_app(str(tmp_path / "missing.db"))
