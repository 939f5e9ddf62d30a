"""Sentence splitting, sentence similarity and alignment of reworded copies."""

from __future__ import annotations

import pytest

from watchfloor.dedup.align import align_texts, is_paraphrase, split_sentences
from watchfloor.overlap import sentence_similarity


@pytest.fixture(scope="module")
def texts(data_dir):
    folder = data_dir / "dedup"
    return {path.stem: path.read_text(encoding="utf-8") for path in folder.glob("*.txt")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Kim left. He came back!", ["Mr. Kim left.", "He came back!"]),
        (
            "The U.S. Army sent 40 tanks. Nobody knew.",
            ["The U.S. Army sent 40 tanks.", "Nobody knew."],
        ),
        ('He said "no." Then he left.', ['He said "no."', "Then he left."]),
        (
            "Headline without a stop\nFirst sentence.",
            ["Headline without a stop", "First sentence."],
        ),
        ("Gen. J. Smith spoke.", ["Gen. J. Smith spoke."]),
    ],
)
def test_align_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_align_similarity_prefers_paraphrase_to_same_topic_sentence():
    original = (
        "Russia's foreign ministry called the move a provocation and warned of countermeasures."
    )
    paraphrase = (
        "The Russian foreign ministry described the step as a provocation "
        "and threatened countermeasures."
    )
    same_topic = "Belarus has denied sending drones and accused Estonia of inventing the incidents."
    assert sentence_similarity(original, paraphrase) > 2 * sentence_similarity(original, same_topic)
    assert is_paraphrase(original, paraphrase)
    assert not is_paraphrase(original, same_topic)


def test_align_reworded_copy_aligns_in_order(texts):
    alignment = align_texts(texts["reworded"], texts["original"])
    assert alignment.share >= 0.9
    assert [i for i, _, _ in alignment.pairs] == [j for _, j, _ in alignment.pairs]
    assert alignment.order_kept == 1.0


def test_align_same_story_article_does_not_align(texts):
    alignment = align_texts(texts["same_story"], texts["original"])
    assert alignment.share < 0.3


def test_align_summary_is_contained_in_original(texts):
    alignment = align_texts(texts["summary"], texts["original"])
    assert alignment.covered_a == alignment.sentences_a
    assert alignment.containment_z > 2.0
    assert align_texts(texts["original"], texts["summary"]).containment_z < -2.0


def test_align_pure_rewording_leaves_containment_undecided(texts):
    assert abs(align_texts(texts["reworded"], texts["original"]).containment_z) < 1.0


def test_align_shuffled_copy_keeps_few_pairs(texts):
    sentences = split_sentences(texts["original"])
    shuffled = " ".join(sentences[::-1])
    alignment = align_texts(shuffled, texts["original"])
    assert alignment.matched_a == len(sentences)
    assert len(alignment.pairs) <= 2


def test_align_sentence_split_in_two_counts_as_covered():
    original = (
        "Estonia asked Finland for air defence batteries in March. "
        "Finland agreed to send two NASAMS batteries and 180 soldiers to Tartu in May, "
        "and Helsinki will pay the 40 million euro cost. "
        "Russia protested against the deployment of the batteries."
    )
    copy = (
        "In March Estonia asked Finland for air defence batteries. "
        "Finland agreed to send two NASAMS batteries and 180 soldiers to Tartu in May. "
        "Helsinki will pay the 40 million euro cost. "
        "Russia protested the deployment of batteries."
    )
    alignment = align_texts(copy, original)
    assert len(alignment.pairs) == 3
    assert alignment.covered_a == 4
    assert alignment.share == 1.0


def test_align_empty_text_gives_empty_alignment():
    alignment = align_texts("", "Finland sent two batteries to Estonia in May.")
    assert alignment.pairs == ()
    assert alignment.share == 0.0
