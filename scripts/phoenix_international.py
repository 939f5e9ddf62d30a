"""Build international_phoenix.yaml: IGOs and NGOs from PETRARCH-2's Phoenix international actors.

Reads `Phoenix.International.actors.txt` (MIT, Open Event Data Alliance; a TABARI
actor dictionary of intergovernmental organisations, NGOs, media and companies)
and writes, in the format of `igos.yaml`:

* `igos`: intergovernmental organisations the bundled dictionaries lack;
* `organisations`: non-governmental organisations (kind `org`, sector `CVL`,
  no country: an NGO acts for itself, not for the state it sits in);
* `extra_names`: other names of organisations already bundled ("Association
  of Southeast Asian Nations" spellings of ASEAN), which the loader adds as
  aliases to the hand-written entry.

    python scripts/phoenix_international.py [--source PATH] [--out PATH]

What the source gives and how it is read:

* An entry is a name (``ARAB_LEAGUE_``), ``+`` lines with other names, and code
  lines ``[IGOMEAARL]``: a kind (``IGO``, ``NGO``, ``MNC``, ``MED``...),
  then region, sector and organisation codes. A code with a date range belongs
  to a person (``[IGOUNO 970101-061231]``).
* Kept: entries whose codes are all undated ``IGO`` or ``NGO`` codes, whose name
  names an organisation (an organisation word such as "Union", "Council",
  "Fund", "Watch", or a one-word acronym: "ASEAN_", "IAEA_"); people,
  companies (``MNC``) and media (hand-written in `media.yaml`) are left out.
* An entry with its ``+`` names is one organisation. Entries are not merged by
  code: the source gives one code to distinct organisations of a region and
  sector (``NGOAFRDEV``), and to an organisation and its officials.
* A name with an official's title ("President of the World Bank") is left out,
  and so are the few names `NOT_ACTORS` lists (a resolution, a generic phrase).
* An entry of acronyms alone ("OAU_") joins the one organisation whose name's
  initials spell it ("Organization of African Unity"), among the source's and
  the bundled ones.
* Names are compared by a loose key (letters only, "organisation" spelt with
  a z, "co-operation" as "cooperation"), so spellings of one organisation are
  one actor, and a spelling of a bundled one is that actor.
* An organisation with a name of two words or more the bundled dictionaries
  already know is that actor: its other names go to `extra_names`. A name the
  bundled dictionaries know is never given to a new actor, so that no lookup
  the bundled data answered becomes ambiguous ("ICC" stays the court, not also
  the International Chamber of Commerce).
* Ids: an IGO's acronym when it has one ("OAU"), as in igos.yaml; otherwise
  the slug of its first name.
* Names are written in title case with short words in lower case, acronyms
  in capitals; a bracketed acronym ("..._(IIHL)") is another name.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from watchfloor.resolve.knowledge import KnowledgeBase, build_bundled, normalise_name
from watchfloor.resolve.names import slug

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "reference" / "petrarch2" / "Phoenix.International.actors.txt"
OUT = ROOT / "src" / "watchfloor" / "data" / "actors" / "international_phoenix.yaml"
KINDS = {"IGO": "igo", "NGO": "org"}
NGO_SECTOR = "CVL"
# Words of an official's title: a name with one names a person, not the organisation.
NOT_ACTORS = frozenset(
    {"unsg", "unscr", "un mission", "international government organisation"}
    | {"international government organization", "the wb"}
)
TITLE_WORDS = frozenset(
    """president secretary chief head spokesman spokeswoman spokesperson director minister
    ambassador official envoy rapporteur chairman chairperson commissioner representative
    peacekeeper peacekeepers""".split()  # noqa: SIM905 - a word list reads best as prose
)
# Words that make a name an organisation's ("Arab Maghreb Union", "Human Rights Watch").
ORGANISATION_WORDS = frozenset(
    """organization organisation organizations union council bank fund agency commission
    committee association community conference group tribunal court foundation institute
    institution programme program mission federation league alliance society network
    center centre movement watch international authority partnership cross crescent
    secretariat office treaty parliament assembly coalition campaign trust service corps
    board forum initiative secretariat cooperation fellowship order church""".split()  # noqa: SIM905 - a word list reads best as prose
)
SMALL_WORDS = frozenset({"of", "the", "for", "and", "on", "in", "to", "at", "de", "la", "du"})
# Short words written in capitals inside a longer name ("UN Development Programme").
CAPITAL_WORDS = frozenset(
    {"un", "eu", "us", "uk", "au", "usa", "nato", "osce", "who", "imf", "ngo", "ngos"}
)
_CODE = re.compile(r"\[([^\]]*)\]")
_ACRONYM = re.compile(r"^[A-Z][A-Z&.]{1,9}$")
_BRACKETED = re.compile(r"\(([^)]*)\)")


@dataclass(slots=True)
class SourceEntry:
    """One entry of the source: its names (first is the head) and its codes."""

    names: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Organisation:
    kind: str
    code: str
    names: list[str] = field(default_factory=list)


def read_entries(lines: Iterable[str]) -> Iterator[SourceEntry]:
    """The source's entries, with every name and code line that belongs to each."""
    entry: SourceEntry | None = None
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        codes = _CODE.findall(line)
        head = _CODE.split(line)[0].strip() if "[" in line else line.strip()
        if line[0] in " \t" and not head:
            if entry is not None:
                entry.codes.extend(codes)
            continue
        if line.startswith("+"):
            if entry is not None:
                entry.names.append(head[1:].strip())
                entry.codes.extend(codes)
            continue
        if entry is not None:
            yield entry
        entry = SourceEntry([head], list(codes))
    if entry is not None:
        yield entry


def written_name(source_name: str) -> list[str]:
    """ "ARAB_MAGHREB_UNION_" -> ["Arab Maghreb Union"]; a bracketed acronym is a second name."""
    text = source_name.replace("_", " ").strip()
    names = []
    for bracketed in _BRACKETED.findall(text):
        if _ACRONYM.match(bracketed.strip()):
            names.append(bracketed.strip())
    text = " ".join(_BRACKETED.sub(" ", text).split())
    if not text or any(char.isdigit() for char in text):
        return names
    words = text.split()
    if len(words) == 1 and _ACRONYM.match(words[0]):
        return [words[0], *names]
    cased = [_cased(word, position) for position, word in enumerate(words)]
    return [" ".join(cased), *names]


def _cased(word: str, position: int) -> str:
    lowered = word.lower()
    if lowered in CAPITAL_WORDS or "." in word.rstrip(".") or "/" in word:
        return word.upper()
    if position > 0 and lowered in SMALL_WORDS:
        return lowered
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def loose_key(name: str) -> str:
    """ "Organisation for Economic Co-operation" -> "organizationforeconomiccooperation";
    "the" is left out ("Organization of the Petroleum Exporting Countries" is the same)."""
    text = normalise_name(name).replace("organis", "organiz")
    text = re.sub(r"\bthe\b", " ", text)
    return re.sub(r"[^a-z]", "", text)


def is_organisation_name(name: str) -> bool:
    """An organisation word or a one-word acronym, and no official's title."""
    words = name.split()
    if normalise_name(name) in NOT_ACTORS:
        return False
    if any(word.lower() in TITLE_WORDS for word in words):
        return False
    if len(words) == 1:
        return bool(_ACRONYM.match(name))
    return any(word.lower().strip(".,'") in ORGANISATION_WORDS for word in words)


def organisations(entries: Iterable[SourceEntry]) -> list[Organisation]:
    """The kept entries as organisations, each name once (the source repeats sections)."""
    found: list[Organisation] = []
    seen: set[str] = set()
    for entry in entries:
        codes = [code.strip() for code in entry.codes if code.strip()]
        if not codes or any(" " in code or code[:3] not in KINDS for code in codes):
            continue  # a person (dated code), a company, a medium, or no code
        if len({code[:3] for code in codes}) != 1:
            continue
        names = [name for raw in entry.names for name in written_name(raw)]
        names = [name for name in names if is_organisation_name(name)]
        names = [name for name in dict.fromkeys(names) if loose_key(name) not in seen]
        if not names:
            continue
        seen.update(loose_key(name) for name in names)
        found.append(Organisation(KINDS[codes[0][:3]], codes[0], names))
    return found


def initials(name: str) -> str:
    """ "Organization of African Unity" -> "OAU" (short words left out)."""
    words = re.split(r"[\s-]+", name)
    return "".join(word[0].upper() for word in words if word and word.lower() not in SMALL_WORDS)


def join_acronyms(found: list[Organisation]) -> list[Organisation]:
    """Entries of acronyms alone joined to the one entry whose name they spell."""
    spelled: dict[str, list[Organisation]] = {}
    for organisation in found:
        for name in organisation.names:
            if len(name.split()) > 1:
                spelled.setdefault(initials(name), []).append(organisation)
    kept = []
    for organisation in found:
        acronyms = [name.replace(".", "") for name in organisation.names]
        if all(len(name.split()) == 1 for name in acronyms):
            hosts = {id(host): host for name in acronyms for host in spelled.get(name, [])}
            if len(hosts) == 1:
                next(iter(hosts.values())).names.extend(organisation.names)
                continue
        kept.append(organisation)
    return kept


def build_output(found: Iterable[Organisation], kb: KnowledgeBase) -> dict[str, Any]:
    """The file's three lists; organisations the bundled data knows give `extra_names`."""
    igos: list[dict[str, Any]] = []
    others: list[dict[str, Any]] = []
    extra: dict[str, list[str]] = {}
    ids: set[str] = {actor.id for actor in kb.actors()}
    bundled: dict[str, set[str]] = {}
    for actor in kb.actors():
        if actor.kind in ("igo", "org"):
            for name in (actor.name, *actor.aliases):
                bundled.setdefault(loose_key(name), set()).add(actor.id)
    for organisation in found:
        # Acronyms are too ambiguous to say which bundled actor an entry is ("ICC").
        known = {
            actor_id
            for name in organisation.names
            if len(name.split()) > 1
            for actor_id in bundled.get(loose_key(name), ())
        }
        if len(known) > 1:
            continue
        new_names = [name for name in organisation.names if not kb.lookup(name)]
        if not new_names:
            continue
        if known:
            extra.setdefault(next(iter(known)), []).extend(new_names)
            continue
        acronyms = [name.replace(".", "") for name in new_names if _ACRONYM.match(name)]
        if organisation.kind == "igo" and acronyms and acronyms[0] not in ids:
            actor_id = acronyms[0]  # IGOs go by their acronym, as in igos.yaml
            ids.add(actor_id)
        else:
            actor_id = _unique_id(slug(new_names[0]), ids)
        entry: dict[str, Any] = {"id": actor_id, "name": new_names[0]}
        aliases = list(dict.fromkeys(new_names[1:]))
        if aliases:
            entry["aliases"] = aliases
        if organisation.kind == "igo":
            igos.append(entry)
        else:
            others.append({**entry, "sector": NGO_SECTOR})
    extra_names = [
        {"id": actor_id, "aliases": list(dict.fromkeys(names))}
        for actor_id, names in sorted(extra.items())
        if names
    ]
    return {"igos": igos, "organisations": others, "extra_names": extra_names}


def _unique_id(base: str, ids: set[str]) -> str:
    actor_id, number = base, 1
    while actor_id in ids:
        number += 1
        actor_id = f"{base}-{number}"
    ids.add(actor_id)
    return actor_id


LICENCE = Path(__file__).resolve().parents[1] / "THIRD_PARTY_NOTICES.md"
HEADER = """\
# International organisations derived from PETRARCH-2's Phoenix.International.actors.txt
# (openeventdata/petrarch2, commit 676801cd). Generated by
# scripts/phoenix_international.py; do not edit by hand (fix the script, or add a
# hand-written entry to igos.yaml or bodies.yaml, which wins over this file).
#
# igos           intergovernmental organisations the hand-written igos.yaml lacks
# organisations  non-governmental organisations (no country: they act for themselves)
# extra_names    other names of bundled organisations, added to them as aliases
#
# The entity ruler leaves these names to the resolver's lookup (see README.md).
#
"""


def licence_comment() -> str:
    """The MIT notice of the source, as YAML comment lines (from THIRD_PARTY_NOTICES.md)."""
    text = LICENCE.read_text(encoding="utf-8")
    start = text.index("The MIT License (MIT)")
    end = text.index("```", start)
    lines = text[start:end].rstrip().splitlines()
    return "".join(f"# {line}".rstrip() + "\n" for line in lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"error: no source dictionary at {args.source}", file=sys.stderr)
        return 2
    lines = args.source.read_text(encoding="utf-8", errors="replace").splitlines()
    kb = build_bundled(skip=frozenset({args.out.name}))
    data = build_output(join_acronyms(organisations(read_entries(lines))), kb)
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    args.out.write_text(HEADER + licence_comment() + body, encoding="utf-8")
    counts = ", ".join(f"{len(items)} {key}" for key, items in data.items())
    print(f"wrote {args.out}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
