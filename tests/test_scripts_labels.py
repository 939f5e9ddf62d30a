"""scripts/labels.py: sentence units, copies kept in one split, drafts turned into offsets."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import labels  # noqa: E402 - a script, found through sys.path as train_event_model finds it

TEXT = "VARNA (AP)_ Police detained two men. They were freed later.\nHeadline on its own line"


def test_scripts_labels_sentences_split_lines_and_full_stops() -> None:
    spans = labels.sentences(TEXT)
    assert [TEXT[s:e] for s, e in spans] == [
        "VARNA (AP)_ Police detained two men.",
        "They were freed later.",
        "Headline on its own line",
    ]


def test_scripts_labels_a_copy_follows_its_original_into_one_split() -> None:
    story = "Officials in Brisa closed the border crossing with Osterholm on Monday night."
    texts = {
        "a-original": {"text": story},
        "b-copy": {"text": story + " More later."},
        "c-other": {"text": "A ferry strike ended in the port of Varna after two days."},
    }
    splits = labels.assign_splits(list(texts), texts)
    assert splits["b-copy"] == splits["a-original"] == labels.split_of("a-original")
    assert splits["c-other"] == labels.split_of("c-other")


@pytest.mark.parametrize("doc_id", ["x1", "x2", "story-77", "APW0000"])
def test_scripts_labels_split_is_fixed_by_the_doc_id(doc_id: str) -> None:
    assert labels.split_of(doc_id) == labels.split_of(doc_id) in {"train", "dev", "test"}


def test_scripts_labels_convert_stores_offsets_and_reports_problems(tmp_path: Path) -> None:
    texts = {"d1": {"text": TEXT, "published": None, "corpus": "made-up"}}
    good = {"type": "COERCE", "actor": ["BGR"], "recipient": ["BGR"], "status": "asserted"}
    draft = tmp_path / "draft.jsonl"
    events = [
        {**good, "evidence": "Police detained two men.", "trigger": "detained"},
        {**good, "evidence": "not in the text", "trigger": "not"},
    ]
    draft.write_text(json.dumps({"doc_id": "d1", "events": events}) + "\n")
    out = tmp_path / "labels.jsonl"
    problems = labels.convert(draft, out, texts)
    assert len(problems) == 1
    assert "evidence not found" in problems[0]
    [line] = [json.loads(text) for text in out.read_text().splitlines()]
    [event] = line["events"]
    start, end = event["evidence"]
    assert TEXT[start:end] == "Police detained two men."
    start, end = event["trigger"]
    assert TEXT[start:end] == "detained"
    assert "Police" not in json.dumps(line)  # offsets only, never the text
