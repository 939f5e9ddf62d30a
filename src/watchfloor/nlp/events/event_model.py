"""The learned event detector: does this word name a political act, and of which type?

Needs: a parsed sentence (tags, dependencies, lemmas and the tok2vec tensor of
the small English model), the `PartyIndex` and the rule coder's acts for the
sentence. Gives, for each candidate word (verbs, and nouns the lexicon or a
nominal suffix marks as possible acts), a probability for every PLOVER type
and for "no event".

The model is a multinomial logistic regression over sparse features of the
word and its syntactic neighbours (lemma, dependency, head, objects,
prepositions, whether its subject and object name political actors, the
type the rule lexicon would give it) plus the word's 96-dimensional context
vector from spaCy's tok2vec layer. It costs a dot product per candidate on
top of the parse the pipeline makes anyway. The weights ship in
`watchfloor/data/models/event_detector.npz`; `scripts/train_event_model.py`
rebuilds them from the project's labels (labels/events/) and prints its scores.

`review_acts` combines it with the rules (setting `event_detector`):

* `rules`: the rule coder alone;
* `model`: the model names the acts; the rule coder's syntax finds their parties;
* `combined`: the rules' acts stand unless the model is confident a word names
  no act (a veto), and the model adds acts on words the rules left alone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from watchfloor.errors import ConfigError
from watchfloor.nlp.events.arguments import is_accident, tells_result
from watchfloor.nlp.events.plover_lexicon import Lexicon, PartOfSpeech
from watchfloor.nlp.events.triggers import names_no_act, ruled_out_types
from watchfloor.nlp.mentions.parties import PartyIndex
from watchfloor.settings import CHOICES

Token = Any  # spacy.tokens.Token; spaCy ships no type hints
Span = Any

NO_EVENT = "NONE"
DETECTORS = CHOICES["event_detector"]
_MODEL_FILE = "event_detector.npz"
_NOMINAL_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure", "ade", "al", "ing", "ery")
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent"})
_OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "attr", "oprd"})
_NEAR_DEPS = frozenset({"prt", "neg", "aux", "auxpass", "advmod", "acomp", "xcomp", "ccomp"})


@dataclass(frozen=True, slots=True)
class EventModel:
    """Weights of the detector: one row per known feature, one column per class."""

    classes: tuple[str, ...]  # NO_EVENT first, then PLOVER types
    vocabulary: dict[str, int]
    sparse_weights: np.ndarray  # (features, classes)
    dense_weights: np.ndarray  # (tensor width, classes)
    bias: np.ndarray  # (classes,)
    dense_scale: float  # the tensor is divided by this before use
    veto_below: float  # combined: a rule act whose word scores "some event" below this is dropped
    propose_above: float  # combined and model: an act the model names above this is coded

    def probabilities(self, features: Sequence[Sequence[str]], dense: np.ndarray) -> np.ndarray:
        """Class probabilities for each candidate (rows), from its features and tensor row."""
        scores = np.tile(self.bias, (len(features), 1))
        for row, names in enumerate(features):
            known = [self.vocabulary[name] for name in names if name in self.vocabulary]
            if known:
                scores[row] += self.sparse_weights[known].sum(axis=0)
        if len(features) and dense.size:
            scores += (dense / self.dense_scale) @ self.dense_weights
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))


@lru_cache(maxsize=1)
def load_event_model() -> EventModel:
    """The bundled detector; raises ConfigError when its file is missing or damaged."""
    path = resources.files("watchfloor") / "data" / "models" / _MODEL_FILE
    try:
        with path.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            return EventModel(
                classes=tuple(meta["classes"]),
                vocabulary={name: i for i, name in enumerate(meta["features"])},
                sparse_weights=np.asarray(data["sparse"], dtype=np.float32),
                dense_weights=np.asarray(data["dense"], dtype=np.float32),
                bias=np.asarray(data["bias"], dtype=np.float32),
                dense_scale=float(meta["dense_scale"]),
                veto_below=float(meta["veto_below"]),
                propose_above=float(meta["propose_above"]),
            )
    except (OSError, KeyError, ValueError) as exc:
        raise ConfigError(
            f"the event detector's weights cannot be read ({exc}); reinstall watchfloor, "
            "rebuild them with scripts/train_event_model.py, or set event_detector = 'rules'"
        ) from None


def is_candidate(token: Token, lexicon: Lexicon) -> bool:
    """Whether a word may name an act: a verb, or a noun that looks like one."""
    if token.pos_ == "VERB":
        return True
    if token.pos_ != "NOUN":
        return False
    lemma = token.lemma_.lower()
    if lexicon.senses_for("nouns", lemma):
        return True
    return len(lemma) > 4 and lemma.endswith(_NOMINAL_SUFFIXES)


def token_features(
    token: Token, parties: PartyIndex, lexicon: Lexicon, of_sentence: Sequence[str]
) -> list[str]:
    """The sparse features of one candidate word, as strings; `of_sentence`: its
    sentence's own (`sentence_features`), which every candidate there shares.

    The rules' own verdict is left out on purpose, so that the model alone and
    the combination read the same probabilities; the lexicon's types are in.
    """
    lemma = token.lemma_.lower()
    head = token.head
    found = [
        f"lemma={lemma}",
        f"pos={token.pos_}",
        f"tag={token.tag_}",
        f"dep={token.dep_}",
        f"lemma_dep={lemma}|{token.dep_}",
        f"suffix={lemma[-4:]}",
        f"head={head.lemma_.lower()}|{token.dep_}",
        f"head_pos={head.pos_}|{token.dep_}",
        f"lexicon={_lexicon_types(token, lexicon)}",
        *of_sentence,
    ]
    for child in token.children:
        found.extend(_child_features(lemma, child, parties))
    if token.dep_ in ("amod", "compound", "nmod", "poss"):
        found.append("modifier")
    if parties.party_at(token) is not None:
        found.append("is_party")
    return found


def sentence_features(sentence: Span) -> list[str]:
    """The features a sentence gives each of its words: a question, the article's first."""
    found = []
    if sentence.text.rstrip().endswith("?"):
        found.append("question")
    if sentence.start == 0:
        found.append("first_sentence")
    return found


def _child_features(lemma: str, child: Token, parties: PartyIndex) -> list[str]:
    dep = child.dep_
    found: list[str] = []
    if dep in _SUBJECT_DEPS or dep in _OBJECT_DEPS:
        role = "subj" if dep in _SUBJECT_DEPS else "obj"
        found.append(f"{role}_lemma={child.lemma_.lower()}")
        found.append(f"{role}_ent={child.ent_type_ or '-'}")
        named = bool(parties.phrase_parties(child)) if child.pos_ != "PRON" else True
        found.append(f"{role}_party={named}")
        found.append(f"lemma_{role}_party={lemma}|{named}")
    elif dep == "prep":
        found.append(f"prep={child.lower_}")
        found.append(f"lemma_prep={lemma}|{child.lower_}")
        for object_ in child.children:
            if object_.dep_ == "pobj" and parties.party_at(object_) is not None:
                found.append(f"prep_party={child.lower_}")
    elif dep in _NEAR_DEPS:
        found.append(f"child={dep}|{child.lemma_.lower()}")
    return found


def _lexicon_types(token: Token, lexicon: Lexicon) -> str:
    part: PartOfSpeech = "verbs" if token.pos_ == "VERB" else "nouns"
    senses = lexicon.senses_for(part, token.lemma_.lower())
    kinds = sorted({sense.type or f"governs:{sense.governs}" for sense in senses})
    return "+".join(kinds) or "-"


def sentence_candidates(
    sentence: Span, parties: PartyIndex, lexicon: Lexicon
) -> tuple[list[Token], list[list[str]], np.ndarray]:
    """The candidate words of a sentence, their sparse features and their tensor rows."""
    tokens = [token for token in sentence if is_candidate(token, lexicon)]
    shared = sentence_features(sentence)
    features = [token_features(token, parties, lexicon, shared) for token in tokens]
    tensor = sentence.doc.tensor
    width = tensor.shape[1] if tensor is not None and tensor.ndim == 2 else 0
    if width and tokens:
        dense = np.asarray(tensor[[t.i for t in tokens]], dtype=np.float32)
    else:
        dense = np.zeros((len(tokens), width), dtype=np.float32)
    return tokens, features, dense


@dataclass(frozen=True, slots=True)
class Proposal:
    """A word the model names as an act the rules did not code."""

    token: Token
    type: str
    probability: float


def review_acts(
    sentence: Span,
    acts: Sequence[Any],
    parties: PartyIndex,
    lexicon: Lexicon,
    detector: str,
    model: EventModel | None = None,
) -> tuple[list[Any], list[Proposal]]:
    """Apply the detector to one sentence's rule acts (`Coded`).

    Gives the acts that stand and the words the model proposes as new acts.
    """
    if detector == "rules":
        return list(acts), []
    if detector not in DETECTORS:
        raise ConfigError(f"event_detector must be one of {', '.join(DETECTORS)}, got {detector!r}")
    model = model or load_event_model()
    rule_types = _rule_types(acts)
    tokens, features, dense = sentence_candidates(sentence, parties, lexicon)
    if not tokens:
        return (list(acts) if detector == "combined" else []), []
    probabilities = model.probabilities(features, dense)
    event_share = {t.i: 1.0 - float(p[0]) for t, p in zip(tokens, probabilities, strict=True)}
    covered = set(rule_types) | _objects_of_acts(acts) | _support_verbs_of_acts(acts)
    covered |= {i for act in acts for i in act.covers}
    if detector == "combined":
        kept = [act for act in acts if _stands(act, event_share, model.veto_below)]
    else:
        kept = []
        covered = set()
    told = _acts_telling_results(acts) | _acts_reported(acts)
    proposals = []
    for token, row in zip(tokens, probabilities, strict=True):
        best = int(np.argmax(row[1:])) + 1
        if token.i in covered or row[best] < model.propose_above or row[best] < row[0]:
            continue
        if (token.i, model.classes[best]) in told:
            continue  # "exploded, killing two", "declared that it will respond": coded already
        if model.classes[best] == "ASSAULT" and is_accident(token):
            continue  # "killed when their helicopter crashed"
        if names_no_act(token) or model.classes[best] in ruled_out_types(token):
            continue  # "requesting anonymity", "insisted that it had done nothing wrong"
        if any(names_no_act(child) for child in token.children if child.dep_ == "dobj"):
            continue  # "expressed sympathy for the victims": the object names no act
        proposals.append(Proposal(token, model.classes[best], float(row[best])))
    return kept, proposals


def _acts_telling_results(acts: Sequence[Any]) -> set[tuple[int, str]]:
    """(word, type) of the verbs whose result a rule act tells in a participle: the
    act of "exploded" in "a bomb exploded, killing two" is the one "killing" coded."""
    return {(act.trigger.head.i, act.type) for act in acts if tells_result(act.trigger)}


def _acts_reported(acts: Sequence[Any]) -> set[tuple[int, str]]:
    """(word, type) of the verbs that report a rule act in their complement: "declared"
    in "Israel declared that it will respond to an attack" names the threat the rules
    coded on "respond", not another one."""
    return {(act.top.head.i, act.type) for act in acts if act.top.dep_ in ("ccomp", "xcomp")}


def _objects_of_acts(acts: Sequence[Any]) -> set[int]:
    """Words a coded act already covers: what it moves or acts on ("suspended all of its aid")."""
    found: set[int] = set()
    for act in acts:
        for word in (act.trigger, act.inner):
            if word is None:
                continue
            for child in word.children:
                if child.dep_ in ("dobj", "attr", "nsubjpass", "prep"):
                    found.update(t.i for t in child.subtree if t.pos_ == "NOUN")
    return found


def _support_verbs_of_acts(acts: Sequence[Any]) -> set[int]:
    """Verbs whose object is a coded act noun: "held" in "held joint drills with Manila"
    names the drills the rules coded, not another act."""
    return {
        act.trigger.head.i
        for act in acts
        if act.trigger.pos_ == "NOUN" and act.trigger.dep_ in ("dobj", "nsubjpass")
    }


def _rule_types(acts: Sequence[Any]) -> dict[int, str]:
    found: dict[int, str] = {}
    for act in acts:
        found[act.trigger.i] = act.type
        if act.inner is not None:
            found[act.inner.i] = act.inner_type or act.type
    return found


def _stands(act: Any, event_share: dict[int, float], veto_below: float) -> bool:
    shares = [event_share.get(act.trigger.i)]
    if act.inner is not None:
        shares.append(event_share.get(act.inner.i))
    known = [share for share in shares if share is not None]
    return not known or max(known) >= veto_below
