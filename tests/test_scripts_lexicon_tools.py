"""The lexicon tools in scripts/: PETRARCH-2 candidates and trigger drops (no model for
the dictionary reader; the drop counter runs the real analyser)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


petrarch = _load("petrarch_lexicon")
TABLE = {"100": ("REQUEST", ""), "101": ("REQUEST", "assist"), "173": ("COERCE", "arrest")}


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("173", ("COERCE", "arrest")),
        ("1013", ("REQUEST", "assist")),  # a code the table lacks takes its parent's
        ("021", ("REQUEST", "assist")),  # an appeal maps like the matching demand
        ("010", None),  # public statements have no PLOVER type
    ],
)
def test_scripts_petrarch_maps_codes_to_plover(code: str, expected: tuple[str, str] | None) -> None:
    assert petrarch.plover_of(code, TABLE) == expected


@pytest.mark.parametrize(
    ("line", "code"),
    [("- * FOO [042:043] # X", "042"), ("- * FOO [:173]", "173"), ("- * FOO [---]", None)],
)
def test_scripts_petrarch_reads_pattern_codes(line: str, code: str | None) -> None:
    assert petrarch.pattern_code(line) == code


def test_scripts_petrarch_reads_verbs_phrasals_and_nouns(tmp_path: Path) -> None:
    dictionary = tmp_path / "verbs.txt"
    dictionary.write_text(
        "&THING\n+GADGET\n\n####### VERB PATTERNS #######\n"
        "---  GRAB   [173]  ---\nGRAB {GRABS GRABBED}\n+HAUL_OFF [173]\n"
        "- * AWAY PRISONER [173] # GRAB\n- * (INTO CUSTODY) [173] # GRAB\n"
        "---  STAGE   [---]  ---\nSTAGE\n- * RAIDS [173] # STAGE\n- * &THING [173] # STAGE\n"
        "######## TRANSFORMATIONS ##########\n",
        encoding="latin-1",
    )
    found = petrarch.find_candidates(dictionary, TABLE, frozenset({"stage"}))
    keys = {(c.kind, c.key) for c in found}
    assert keys == {
        ("verb", "grab"),
        ("phrasal", "haul off"),
        ("phrasal", "grab away"),
        ("prep", "grab into"),
        ("noun", "raids"),
        ("noun", "gadget"),
    }


@pytest.mark.model
def test_scripts_trigger_drops_accounts_for_every_event(monkeypatch: pytest.MonkeyPatch) -> None:
    drops = _load("trigger_drops")
    from watchfloor.nlp.analyse import ArticleAnalyser
    from watchfloor.nlp.events.plover_lexicon import load_lexicon
    from watchfloor.records import Article
    from watchfloor.settings import Settings

    text = "Peru's president visited Chile. Bolivia condemned the decision of the junta."
    article = Article(doc_id="drops", title="", text=text, published=None)
    monkeypatch.setattr(drops.events_module, "PartyIndex", drops.RecordingPartyIndex)
    monkeypatch.setattr(drops.events_module, "code_sentence", drops.recording_code_sentence)
    (analysis,) = ArticleAnalyser(Settings()).analyse([article])
    kept = {event.trigger_start for event in analysis.events}
    kinds = [
        kind
        for sentence in drops.RECORDER.sentences
        for kind, _ in drops.classify(sentence, kept, load_lexicon())
    ]
    assert kinds.count("kept") == len(analysis.events) == 2
