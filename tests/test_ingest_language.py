"""The language of an article, read from its text offline, and what it means for coding."""

from __future__ import annotations

import pytest

from watchfloor.ingest.language import article_language, coding_skip_reason, detect_language

TEXTS = {
    "en": "The defence ministry said on Tuesday that the convoy had crossed the border at dawn "
    "and that the talks with the neighbouring government would resume next week.",
    "fr": "Le ministère de la défense a déclaré mardi que le convoi avait franchi la frontière "
    "à l'aube et que les négociations avec le gouvernement voisin reprendraient la semaine "
    "prochaine.",
    "de": "Das Verteidigungsministerium teilte am Dienstag mit, der Konvoi habe die Grenze im "
    "Morgengrauen überquert und die Gespräche mit der Nachbarregierung würden nächste Woche "
    "fortgesetzt.",
    "es": "El ministerio de defensa dijo el martes que el convoy había cruzado la frontera al "
    "amanecer y que las conversaciones con el gobierno vecino se reanudarían la próxima semana.",
    "ru": "Министерство обороны заявило во вторник, что колонна пересекла границу на рассвете "
    "и что переговоры с соседним правительством возобновятся на следующей неделе.",
    "ko": "국방부는 화요일 호송대가 새벽에 국경을 넘었으며 이웃 정부와의 회담이 다음 주에 재개될 "
    "것이라고 밝혔다.",
}


@pytest.mark.parametrize(("language", "text"), TEXTS.items(), ids=list(TEXTS))
def test_language_detected_from_the_text(language: str, text: str) -> None:
    found, probability = detect_language(text)
    assert found == language
    assert probability >= 0.5
    assert article_language(text, None) == language


def test_language_detected_wins_over_the_one_given() -> None:
    # A feed that says "en" for every item, one of them in French.
    assert article_language(TEXTS["fr"], "en") == "fr"


@pytest.mark.parametrize(
    ("given", "expected"), [("en-US", "en"), ("FR", "fr"), ("pt_BR", "pt"), ("English", None)]
)
def test_language_given_is_kept_when_the_text_says_too_little(
    given: str, expected: str | None
) -> None:
    text = "Kyiv, Seoul: 155 mm, 2023"
    assert detect_language(text)[1] < 0.5
    assert article_language(text, given) == expected


def test_language_only_english_is_coded() -> None:
    assert coding_skip_reason("en") is None
    assert coding_skip_reason(None) is None  # unknown: coded as English
    assert coding_skip_reason("de") == (
        "not coded: the text is in language 'de'; events are coded in English only"
    )
