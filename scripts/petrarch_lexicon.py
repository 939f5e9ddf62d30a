"""Trigger words the PETRARCH-2 CAMEO dictionary codes and the project's lexicon lacks.

Reads PETRARCH-2's verb dictionary (CAMEO.2.0.txt, MIT licence, Open Event Data
Alliance) and the CAMEO-to-PLOVER table, and prints, per PLOVER type and mode,
the candidates that src/watchfloor/data/plover/triggers.yaml does not have:

* verb      a verb whose CAMEO code (its own, or its block's) maps to a PLOVER type;
* phrasal   a verb with a particle ("call off", "drive out"), from a multi-word verb
            line or a pattern that starts with the particle;
* prep      a verb coded only with a prepositional phrase ("* (INTO CHARGES)"): a
            prepositional key ("look into") when the preposition carries the sense;
* object    a verb coded only with a given object ("* DEPLOYMENT [154]"): the
            lexicon would need a sense with `objects`;
* noun      an event noun: the object of a pattern whose verb is one of the
            lexicon's support verbs ("stage a raid", "impose an embargo").

Each candidate carries how often its lemma occurs in real news (the texts of
../shared/data/tempeval3-dev and ../shared/data/ecbplus-dev, lemmatised with the
project's spaCy model; the texts are only counted), so the frequent ones can be
reviewed first. A candidate whose key is in the lexicon with other types is
marked `+sense`. The script prints; it never writes the lexicon: each adopted
sense is checked against the PLOVER manual and written by hand.

CAMEO codes map to PLOVER through the table; a code the table lacks takes its
parent's mapping (0233 -> 023 -> 02), and CAMEO's 02x appeals, which PLOVER
folds into REQUEST like the 10x demands, take the mapping of the matching 10x
code. 01x (public statements) has no PLOVER type and is left out.

    python scripts/petrarch_lexicon.py                   # every candidate, by type/mode
    python scripts/petrarch_lexicon.py --min-count 3     # only lemmas seen 3+ times
    python scripts/petrarch_lexicon.py --type ASSAULT --kind noun
    python scripts/petrarch_lexicon.py --cache /tmp/lemma-counts.json   # reuse the counts
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CAMEO = SHARED / "reference" / "petrarch2" / "CAMEO.2.0.txt"
CAMEO2PLOVER = SHARED / "reference" / "plover" / "CAMEO2PLOVER-2021.txt"
TEXTS = (
    SHARED / "data" / "tempeval3-dev" / "timex.jsonl",
    SHARED / "data" / "ecbplus-dev" / "docs.jsonl",
)
KINDS = ("verb", "phrasal", "prep", "object", "noun")
# Words that, right after the verb in a pattern, make it a phrasal verb ("* OFF TALK").
PARTICLES = frozenset(["down", "out", "off", "up", "back", "away", "over", "aside"])
# Object classes of classes.yaml that name events, not things.
EVENT_CLASSES = frozenset({"attack", "sanctions"})
_CODE = re.compile(r"\[([0-9:]*|---)\]")
_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")


@dataclass(frozen=True, slots=True)
class Candidate:
    kind: str  # verb, phrasal, object, noun
    key: str  # lexicon key: "condemn", "call off", "raid"
    code: str  # CAMEO code
    plover: tuple[str, str]  # (type, mode)
    source: str  # the dictionary line it came from, shortened


@dataclass(frozen=True, slots=True)
class Counts:
    verbs: Counter[str]
    phrasal: Counter[str]
    nouns: Counter[str]
    objects: Counter[str]  # "verb + object noun" pairs
    forms: dict[str, str]  # a noun's word form, lower case -> its lemma ("raids" -> "raid")

    def of(self, kind: str, key: str) -> int:
        if kind == "noun":
            return self.nouns[self.forms.get(key, key)]
        if kind in ("phrasal", "prep"):
            return self.phrasal[key]
        if kind == "object":
            verb, noun = key.split(" + ")
            return self.objects[f"{verb} + {self.forms.get(noun, noun)}"]
        return self.verbs[key.split()[0]]


def read_plover_table(path: Path) -> dict[str, tuple[str, str]]:
    """CAMEO code -> (PLOVER type, mode) from the conversion table."""
    table: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        body = line.split("#", 1)[0]
        if ":" not in body:
            continue
        code, rest = body.split(":", 1)
        fields = [field.strip() for field in rest.split(",")]
        if code.strip().isdigit() and fields and fields[0]:
            table[code.strip()] = (fields[0], fields[1] if len(fields) > 1 else "")
    return table


def plover_of(code: str, table: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """The PLOVER (type, mode) of a CAMEO code, or None (statements, unknown codes)."""
    if code.startswith("02"):
        code = "10" + code[2:]  # an appeal is a REQUEST like the matching demand
    while code:
        if code in table:
            return table[code]
        code = code[:-1]
    return None


def pattern_code(text: str) -> str | None:
    """The code of a line: "[042:043]" -> "042", "[:173]" -> "173", "[---]" -> None."""
    match = _CODE.search(text)
    if match is None or match.group(1) == "---":
        return None
    parts = [part for part in match.group(1).split(":") if part]
    return parts[0] if parts else None


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    """&NAME -> its words, lower case, "_" read as a space."""
    synsets: dict[str, list[str]] = {}
    name = None
    for line in lines:
        stripped = line.split("#", 1)[0].strip()
        if stripped.startswith("&"):
            name = stripped.split()[0]
            synsets[name] = []
        elif stripped.startswith("+") and name is not None:
            synsets[name].append(_word(stripped[1:].split()[0]))
        elif not stripped:
            continue
        elif stripped.startswith("####"):
            name = None
    return synsets


def _word(raw: str) -> str:
    return raw.strip("_+").replace("_", " ").lower()


@dataclass
class Block:
    """One verb block: its verbs (with their own codes) and patterns."""

    default: str | None
    verbs: dict[str, str | None]  # verb key ("call off") -> own code
    patterns: list[tuple[str, str, str]]  # (pattern text, code, verb named in the comment)


def read_blocks(lines: list[str]) -> Iterator[Block]:
    block: Block | None = None
    for line in lines:
        header = _HEADER.match(line)
        if header:
            if block is not None:
                yield block
            block = Block(pattern_code(f"[{header.group(2)}]"), {}, [])
            continue
        if block is None or not line.strip() or line.startswith("#"):
            continue
        if line.startswith("-"):
            body, _, comment = line.partition("#")
            code = pattern_code(body)
            verb = _word(comment.split()[0]) if comment.split() else ""
            if code is not None:
                text = _CODE.sub("", body).lstrip("-").strip()
                block.patterns.append((text, code, verb))
            continue
        body = line.split("#", 1)[0]
        words = _CODE.sub("", re.sub(r"\{[^}]*\}", "", body)).split()
        if words:
            block.verbs[_word(words[0])] = pattern_code(body)
    if block is not None:
        yield block


def find_candidates(
    cameo: Path, table: dict[str, tuple[str, str]], support_verbs: frozenset[str]
) -> list[Candidate]:
    """Every coded verb, phrasal verb, verb-with-object and event noun of the dictionary."""
    lines = cameo.read_text(encoding="latin-1").splitlines()
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    end = next(i for i, line in enumerate(lines) if "TRANSFORMATIONS" in line)
    synsets = read_synsets(lines[:start])
    found: list[Candidate] = []
    for block in read_blocks(lines[start:end]):
        for verb, own in block.verbs.items():
            code = own or block.default
            plover = plover_of(code, table) if code else None
            if plover is not None:
                kind = "phrasal" if " " in verb else "verb"
                found.append(Candidate(kind, verb, code or "", plover, verb.upper()))
        for text, code, verb in block.patterns:
            plover = plover_of(code, table)
            if plover is not None:
                found.extend(_pattern_candidates(text, code, verb, plover, synsets, support_verbs))
    return found


def _pattern_candidates(
    text: str,
    code: str,
    verb: str,
    plover: tuple[str, str],
    synsets: dict[str, list[str]],
    support_verbs: frozenset[str],
) -> Iterable[Candidate]:
    after = text.split("*", 1)[1].split() if "*" in text else []
    if not after or not verb or " " in verb:
        return []
    first = after[0].strip("()").lower()
    source = f"{verb.upper()} {text}"
    if first in PARTICLES:  # "* OFF TALK", "* (OUT OF)"
        return [Candidate("phrasal", f"{verb} {first}", code, plover, source)]
    if after[0].startswith("("):  # "* (INTO CHARGES)"
        return [Candidate("prep", f"{verb} {first}", code, plover, source)]
    nouns = _object_nouns(after, synsets)
    kind = "noun" if verb in support_verbs else "object"
    if kind == "noun":
        return [Candidate("noun", noun, code, plover, source) for noun in nouns]
    return [Candidate("object", f"{verb} + {noun}", code, plover, source) for noun in nouns[:1]]


def _object_nouns(after: list[str], synsets: dict[str, list[str]]) -> list[str]:
    """The head noun(s) of a pattern's object: "{HUMANITARIAN AID}" -> aid; "&FOOD" -> its words."""
    phrase: list[str] = []
    for word in after:
        phrase.append(word)
        if not word.startswith("{") or word.endswith("}"):
            break
    head = phrase[-1].strip("{}()$+^")
    if head.startswith("&"):
        return [word for word in synsets.get(head, []) if " " not in word]
    return [_word(head)] if head and head.isalpha() else []


def count_lemmas(paths: Iterable[Path], cache: Path | None) -> Counts:
    """Verb, phrasal-verb and noun lemma counts over the texts (spaCy), cached if asked."""
    if cache is not None and cache.exists():
        raw = json.loads(cache.read_text(encoding="utf-8"))
        tables = [Counter(raw[name]) for name in ("verbs", "phrasal", "nouns", "objects")]
        return Counts(*tables, forms=raw["forms"])
    from watchfloor.nlp.model import DEFAULT_MODEL, load_model

    nlp = load_model(DEFAULT_MODEL)
    texts = [
        json.loads(line)["text"]
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    verbs: Counter[str] = Counter()
    phrasal: Counter[str] = Counter()
    nouns: Counter[str] = Counter()
    objects: Counter[str] = Counter()
    forms: dict[str, str] = {}
    for doc in nlp.pipe(texts, batch_size=32, disable=["ner"]):
        for token in doc:
            lemma = token.lemma_.lower()
            if token.pos_ == "VERB":
                verbs[lemma] += 1
                for child in token.children:
                    if child.dep_ in ("prt", "prep", "agent"):
                        phrasal[f"{lemma} {child.lower_}"] += 1
                    elif child.dep_ in ("dobj", "nsubjpass"):
                        objects[f"{lemma} + {child.lemma_.lower()}"] += 1
            elif token.pos_ == "NOUN":
                nouns[lemma] += 1
                forms[token.lower_] = lemma
    counts = Counts(verbs, phrasal, nouns, objects, forms)
    if cache is not None:
        data = {"verbs": verbs, "phrasal": phrasal, "nouns": nouns, "objects": objects}
        data["forms"] = forms
        cache.write_text(json.dumps(data), encoding="utf-8")
    return counts


def missing(candidate: Candidate, senses: dict[str, dict[str, set[str]]]) -> str | None:
    """ "new" when the lexicon lacks the key, "+sense" when it lacks this type, else None."""
    part = "nouns" if candidate.kind == "noun" else "verbs"
    key = candidate.key.split(" + ")[0] if candidate.kind == "object" else candidate.key
    types = senses[part].get(key)
    if types is None:
        return "new"
    return "+sense" if candidate.plover[0] not in types else None


def lexicon_types() -> tuple[dict[str, dict[str, set[str]]], frozenset[str], frozenset[str]]:
    """part -> key -> PLOVER types of the project's lexicon, its support verbs, and the
    nouns its object classes list as things (weapons, money, troops...)."""
    from watchfloor.nlp.events.plover_lexicon import load_lexicon

    lexicon = load_lexicon()
    senses: dict[str, dict[str, set[str]]] = {}
    for part, entries in lexicon.senses.items():
        senses[part] = {
            key: {s.type or f"governs:{s.governs}" for s in found} for key, found in entries.items()
        }
    things = frozenset(
        lemma for lemma, names in lexicon.classes.items() if not names & EVENT_CLASSES
    )
    return senses, lexicon.support_verbs, things


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-count", type=int, default=0, help="hide lemmas seen fewer times")
    parser.add_argument("--type", help="only this PLOVER type")
    parser.add_argument("--kind", choices=KINDS, action="append", help="only these kinds")
    parser.add_argument("--cache", type=Path, help="JSON file to keep the lemma counts in")
    args = parser.parse_args(argv)
    for path in (CAMEO, CAMEO2PLOVER, *TEXTS):
        if not path.exists():
            print(f"missing {path}", file=sys.stderr)
            return 2
    senses, support_verbs, things = lexicon_types()
    table = read_plover_table(CAMEO2PLOVER)
    candidates = find_candidates(CAMEO, table, support_verbs)
    counts = count_lemmas(TEXTS, args.cache)
    Row = tuple[int, str, set[str]]  # count, status, sources
    rows: dict[tuple[str, str], dict[tuple[str, str], Row]] = defaultdict(dict)
    for candidate in candidates:
        if args.type and candidate.plover[0] != args.type.upper():
            continue
        if args.kind and candidate.kind not in args.kind:
            continue
        if candidate.kind == "noun":
            candidate = replace(candidate, key=counts.forms.get(candidate.key, candidate.key))
            if candidate.key in things:
                continue  # "offer cars", "launch rockets": the noun is the object, no event
        status = missing(candidate, senses)
        count = counts.of(candidate.kind, candidate.key)
        if status is None or count < args.min_count:
            continue
        group = rows[candidate.plover]
        row = (candidate.kind, candidate.key)
        _, _, sources = group.get(row, (count, status, set()))
        sources.add(f"{candidate.code} {candidate.source}")
        group[row] = (count, status, sources)
    for (event_type, mode), group in sorted(rows.items()):
        print(f"\n{event_type}{':' + mode if mode else ''}")
        ranked = sorted(group.items(), key=lambda item: (-item[1][0], item[0]))
        for (kind, key), (count, status, sources) in ranked:
            shown = "; ".join(sorted(sources)[:2]) + (" …" if len(sources) > 2 else "")
            print(f"  {count:5d}  {kind:<8} {status:<7} {key:<24} {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
