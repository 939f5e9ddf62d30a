"""Build people_phoenix.yaml: office holders since 1990 from PETRARCH-2's Phoenix country actors.

Reads `Phoenix.Countries.actors.txt` (MIT, Open Event Data Alliance; a TABARI
actor dictionary compiled from CountryInfo in January 2014) and writes the
people who held a dated government or military role that lasted into 1990 or
later, in the format of `people.yaml`.

    python scripts/phoenix_people.py [--source PATH] [--out PATH]

What the source gives and how it is written here:

* An entry is a name (``HELMUT_KOHL_``), ``+`` lines with other names, and
  role lines ``[DEUGOV 821001-981027]``: a country code, a sector code and a
  term (``YYMMDD`` or ``YYYYMMDD``; ``>D`` from D on, ``<D`` until D). Names
  written one under another before any role line (``BORIS_YELTSIN_``,
  ``BORIS_N._YELTSIN``, ``PRESIDENT_BORIS_YELTSIN``...) are one entry: the
  first is its name, the others its other names.
* The source names no offices. A term that follows straight on a dated ``ELI``
  term is from CountryInfo's list of national leaders and gets the title
  "head of state or government"; a ``GOVMIL`` term "defence ministry official"
  (ministers and their deputies); ``MIL`` "military officer"; ``SPY``
  "intelligence official"; any other ``GOV`` term "government official".
  Terms with another portfolio code (``GOVAGR``, ``GOVEDU``, ...) are left out.
  Where other names of the person carry an office ("PRESIDENT_HORST_KOHLER")
  and the person has one leader term, that office is the title.
* A term open at the end (``>D``) ends in December 2014, the year of the source: the
  source cannot know what happened later, and an open term would claim the
  person still holds office today.
* Names with digits or symbols, one-word names, and other names that carry a
  title or are a known country or body, or end in a particle ("... Santo de"),
  are left out; honorifics and ranks before a name ("Sir", "Gen.") are dropped.
  Names are written in title case with name particles in lower case ("Bashar
  al Assad").
* Two entries of one country with the same phonetic name key and the same
  initials are one person ("Gerhard Schroder", "Gerhard Schroeder").
  A person already in `people.yaml` (same key, and same country or none there:
  the heads of international organisations) is left out: the hand-written
  entry is kept, and the source's terms of that country that end before its
  first term starts are added to it (`earlier_terms`).
* Ids are slugs of the name; a slug two people share takes the country code
  ("john-smith-aus"), so ids depend only on the source.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from watchfloor.resolve.knowledge import build_bundled, normalise_name
from watchfloor.resolve.names import name_key, slug, word_keys

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "reference" / "petrarch2" / "Phoenix.Countries.actors.txt"
ACTORS = ROOT / "src" / "watchfloor" / "data" / "actors"
OUT = ACTORS / "people_phoenix.yaml"
HAND_WRITTEN = ACTORS / "people.yaml"
SINCE = 19900101
SNAPSHOT = "2014-12"  # the source: CountryInfo of January 2014, with additions during 2014
SNAPSHOT_DAY = 20141130

# Codes of the source that are not ISO 3166-1 alpha-3, and the project's id for them.
COUNTRY_CODES = {"TMP": "TLS", "KSV": "KOS"}
LEADER = "head of state or government"
SECTOR_TITLES = {"MIL": "military officer", "SPY": "intelligence official"}
GOV_TITLES = {"MIL": "defence ministry official"}
GOV_TITLE = "government official"
# Government terms kept: the leaders and ministers without a portfolio code (foreign,
# interior, finance ministers among them) and defence; the ministers of the other
# portfolios (GOVAGR, GOVEDU, ...) are left out, to keep start-up fast.
GOV_CODES = frozenset({"GOV", "GOVMIL"})
# Words at the start of another name that say which office the person held.
OFFICE_HINTS = {
    "PRESIDENT": "president",
    "PRIME MINISTER": "prime minister",
    "PREMIER": "prime minister",
    "CHANCELLOR": "chancellor",
    "KANZLER": "chancellor",
    "BUNDESKANZLER": "chancellor",
    "KING": "king",
    "QUEEN": "queen",
    "EMIR": "emir",
    "SULTAN": "sultan",
}
# Words that make another name a title or a description, not a name.
NOT_NAME_WORDS = frozenset(
    {
        "president",
        "presidente",
        "prime",
        "minister",
        "premier",
        "chancellor",
        "kanzler",
        "bundeskanzler",
        "king",
        "queen",
        "emir",
        "sultan",
        "secretary",
        "general",
        "gen",
        "gen.",
        "col",
        "col.",
        "colonel",
        "former",
        "foreign",
        "defense",
        "defence",
        "vice",
        "deputy",
        "chairman",
        "chief",
        "leader",
        "ayatollah",
        "air",
        "marshal",
        "bishop",
        "prince",
        "crown",
        "mr",
        "mrs",
        "ms",
        "dr",
        "dr.",
        "ambassador",
        "senator",
        "governor",
        "mayor",
        "us",
        "u.s.",
        "american",
        "official",
        "gov",
        "gov.",
        "government",
        "administration",
        "the",
        "of",
    }
)
# Honorifics and ranks before a name, left out of it ("SIR_JOHN_HOLT_" -> "John Holt").
HONORIFICS = frozenset(
    {"sir", "dame", "lord", "lady", "dr", "dr.", "mr", "mrs", "ms", "rev", "rev."}
    | {"bishop", "archbishop", "cardinal", "gen", "gen.", "general", "col", "col.", "colonel"}
    | {"lt", "lt.", "maj", "maj.", "brig", "brig.", "adm", "adm.", "capt", "capt."}
)
# Regnal numbers written in capitals ("Carl XVI Gustaf"); "Xi" and "Vi" are also surnames.
REGNAL = frozenset(
    {"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xii", "xiii", "xiv", "xv", "xvi"}
)
PARTICLES = frozenset(
    {
        "al",
        "el",
        "bin",
        "ibn",
        "bint",
        "von",
        "van",
        "der",
        "den",
        "de",
        "da",
        "do",
        "dos",
        "das",
        "di",
        "du",
        "la",
        "le",
        "ul",
        "ud",
        "y",
        "zu",
        "und",
    }
)
_ROLE = re.compile(r"\[([A-Z]{3})([A-Z]*)\s*([^\]]*)\]")
_NAME_CHARS = re.compile(r"^[A-Za-z][A-Za-z .'\-]*[A-Za-z.]$")
_DATE = re.compile(r"^\d{6}(?:\d{2})?$")


@dataclass(frozen=True, slots=True)
class Term:
    """One role line: where, which sector codes, first and last day (yyyymmdd ints)."""

    country: str
    codes: str
    start: int | None
    end: int | None
    open_end: bool


@dataclass(slots=True)
class SourceEntry:
    name: str
    others: list[str] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)


def read_entries(lines: Iterable[str]) -> Iterator[SourceEntry]:
    """The entries of a TABARI actor file: a name line, `+` names, then role lines."""
    entry: SourceEntry | None = None
    roles_seen = True  # whether a role line followed the entry's names
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        head = line.split("[", 1)[0].strip()
        if line[0] not in " \t+[" and head and entry is not None and not roles_seen:
            entry.others.append(head)  # names listed one under another share the roles below
        elif line[0] not in " \t+[" and head:
            if entry is not None:
                yield entry
            entry, roles_seen = SourceEntry(head), False
        elif line.startswith("+") and entry is not None and head[1:]:
            entry.others.append(head[1:])
        if entry is not None:
            entry.terms.extend(filter(None, map(parse_term, _ROLE.finditer(line))))
        roles_seen = roles_seen or "[" in line
    if entry is not None:
        yield entry


def parse_term(match: re.Match[str]) -> Term | None:
    """One `[CCCSEC start-end]` code; None when its dates are malformed."""
    country, codes, dates = match.group(1), match.group(2), match.group(3).strip()
    country = COUNTRY_CODES.get(country, country)
    if not dates:
        return Term(country, codes, None, None, False)
    if dates.startswith(">") and _DATE.match(dates[1:]):
        return Term(country, codes, to_day(dates[1:]), None, True)
    if dates.startswith("<") and _DATE.match(dates[1:]):
        return Term(country, codes, None, to_day(dates[1:]), False)
    first, _, last = dates.partition("-")
    if not (_DATE.match(first) and _DATE.match(last)):
        return None
    start, end = to_day(first), to_day(last)
    return Term(country, codes, start, end, False) if start < end else None


def to_day(text: str) -> int:
    """YYMMDD (years up to 14 are 20xx: the source is from 2014) or YYYYMMDD -> yyyymmdd."""
    if len(text) == 8:
        return int(text)
    year = int(text[:2])
    return (2000 + year if year <= 14 else 1900 + year) * 10000 + int(text[2:])


def written_name(source: str) -> str | None:
    """`HELMUT_KOHL_` -> "Helmut Kohl"; None for a malformed or one-word name."""
    words = source.replace("_", " ").split()
    while words and words[0].lower() in HONORIFICS:
        words = words[1:]
    text = " ".join(words)
    if not _NAME_CHARS.match(text) or len(words) < 2 or ".." in text:
        return None
    if words[-1].lower() in PARTICLES or is_title(text):
        return None  # cut short ("... Santo de"), or a title ("Air Vice Marshal ...")
    words = [_cased(word, index) for index, word in enumerate(text.split())]
    return " ".join(words)


def _cased(word: str, index: int) -> str:
    if index and word.lower() in REGNAL:
        return word.upper()
    parts = word.lower().split("-")
    cased = [
        part if part in PARTICLES and (index or position) else _capitalised(part)
        for position, part in enumerate(parts)
    ]
    return "-".join(cased)


def _capitalised(part: str) -> str:
    text = part[:1].upper() + part[1:]
    text = re.sub(r"(?<=['’.])([a-z])", lambda m: m.group(1).upper(), text)
    return re.sub(r"^Mc([a-z])", lambda m: "Mc" + m.group(1).upper(), text)


def office_hint(source: str) -> str | None:
    words = " ".join(source.replace("_", " ").split()).upper()
    for hint in sorted(OFFICE_HINTS, key=len, reverse=True):
        if words.startswith(hint + " "):
            return OFFICE_HINTS[hint]
    return None


def _is_one_word(name: str) -> bool:
    """A name of one word besides initials; a regnal number counts ("Albert II")."""
    regnal = sum(word.lower() in REGNAL for word in name.split()[1:])
    return len(word_keys(name)) + regnal < 2


def is_title(name: str) -> bool:
    return any(word.lower() in NOT_NAME_WORDS for word in name.split())


def kept_terms(entry: SourceEntry) -> list[tuple[Term, str]]:
    """The entry's dated state terms reaching 1990 or later, each with its title."""
    eli_ends = {term.end for term in entry.terms if term.codes == "ELI" and term.end}
    kept: list[tuple[Term, str]] = []
    for term in entry.terms:
        if term.start is None and term.end is None:
            continue
        if (term.end or SNAPSHOT_DAY) < SINCE or (term.start or 0) > SNAPSHOT_DAY:
            continue
        if term.codes in GOV_CODES:
            rest = term.codes[3:]
            leader = rest == "" and term.start in eli_ends
            title = LEADER if leader else GOV_TITLES.get(rest, GOV_TITLE)
        elif term.codes in SECTOR_TITLES:
            title = SECTOR_TITLES[term.codes]
        else:
            continue
        kept.append((term, title))
    return kept


@dataclass(slots=True)
class Person:
    name: str
    country: str
    aliases: list[str]
    roles: list[tuple[Term, str]]


def gather_people(entries: Iterable[SourceEntry], countries: set[str]) -> list[Person]:
    """One Person per (country, name key), with roles merged."""
    people: dict[tuple[str, str, str], Person] = {}
    for entry in entries:
        name = written_name(entry.name)
        terms = [pair for pair in kept_terms(entry) if pair[0].country in countries]
        if name is None or not terms:
            continue
        country = max(terms, key=lambda pair: pair[0].start or 0)[0].country
        hints = {hint for hint in map(office_hint, entry.others) if hint}
        leader_terms = [pair for pair in terms if pair[1] == LEADER]
        if len(hints) == 1 and len(leader_terms) == 1:
            terms = [(term, hints.pop() if title == LEADER else title) for term, title in terms]
        aliases = [alias for alias in map(written_name, entry.others) if alias and alias != name]
        key = (country, name_key(name), initials(name))
        if key in people:
            known = people[key]
            known.aliases += [a for a in [name, *aliases] if a not in known.aliases]
            known.roles += [pair for pair in terms if pair not in known.roles]
        else:
            people[key] = Person(name, country, list(dict.fromkeys(aliases)), terms)
    return list(people.values())


def initials(name: str) -> str:
    """The one-letter words of a name: "George W. Bush" is not "George Bush"."""
    return "".join(word[0] for word in name.split() if len(word.rstrip(".")) == 1)


def written_date(day: int) -> str:
    return f"{day // 10000:04d}-{day // 100 % 100:02d}-{day % 100:02d}"


def entry_of(person: Person, actor_id: str) -> dict[str, Any]:
    roles = []
    for term, title in sorted(person.roles, key=lambda pair: pair[0].start or 0):
        role: dict[str, Any] = {"title": title}
        if term.country != person.country:
            role["country"] = term.country
        if term.start is not None:
            role["start"] = written_date(term.start)
        if term.end is not None:
            role["end"] = written_date(term.end)
        elif term.open_end:
            role["end"] = SNAPSHOT
        if role not in roles:
            roles.append(role)
    entry: dict[str, Any] = {"id": actor_id, "name": person.name, "country": person.country}
    aliases = [alias for alias in person.aliases if name_key(alias) != name_key(person.name)]
    if aliases:
        entry["aliases"] = aliases
    entry["roles"] = roles
    return entry


@dataclass(frozen=True, slots=True)
class Generated:
    """What the script writes: new people, earlier terms of hand-written ones, counts."""

    people: list[dict[str, Any]]
    earlier_terms: list[dict[str, Any]]
    counts: Counter[str]


def build_entries(source: Path) -> Generated:
    """The new people, sorted by country and name, and what was left out or merged."""
    kb = build_bundled()
    countries = {actor.id for actor in kb.actors() if actor.kind == "country"}
    others = [actor for actor in kb.actors() if actor.kind != "person"]
    other_names = {
        normalise_name(name) for actor in others for name in (actor.name, *actor.aliases)
    }
    hand_written_people = yaml.safe_load(HAND_WRITTEN.read_text(encoding="utf-8"))["people"]
    taken_ids = {actor.id for actor in others} | {raw["id"] for raw in hand_written_people}
    hand_written: dict[tuple[str | None, str], dict[str, Any]] = {}
    for raw in hand_written_people:
        # Someone listed for an international office only (no country) is matched by name.
        places = {raw.get("country"), *(role.get("country") for role in raw.get("roles", []))}
        for name in (raw["name"], *raw.get("aliases", [])):
            hand_written.update(((place, name_key(name)), raw) for place in places)
    counts: Counter[str] = Counter()
    with source.open(encoding="utf-8", errors="replace") as stream:
        people = gather_people(read_entries(stream), countries)
    kept: list[Person] = []
    earlier: dict[str, dict[str, Any]] = {}
    for person in people:
        keys = {name_key(name) for name in (person.name, *person.aliases)}
        found = [
            hand_written[(place, key)]
            for place in (person.country, None)
            for key in keys
            if (place, key) in hand_written
        ]
        if found:
            counts["already in people.yaml"] += 1
            terms = earlier_terms(person, found[0])
            if terms:
                earlier.setdefault(found[0]["id"], {"id": found[0]["id"], "roles": []})
                earlier[found[0]["id"]]["roles"] += terms
        elif normalise_name(person.name) in other_names or _is_one_word(person.name):
            counts["name of a country or body, or too short"] += 1
        else:
            person.aliases = [a for a in person.aliases if normalise_name(a) not in other_names]
            kept.append(person)
    kept.sort(key=lambda person: (person.country, person.name))
    slugs = Counter(slug(person.name) for person in kept)
    entries = []
    for person in kept:
        actor_id = slug(person.name)
        if slugs[actor_id] > 1 or actor_id in taken_ids:
            actor_id = f"{actor_id}-{person.country.lower()}"
        number, base = 1, actor_id
        while actor_id in taken_ids:
            number += 1
            actor_id = f"{base}-{number}"
        taken_ids.add(actor_id)
        entries.append(entry_of(person, actor_id))
    counts["kept"] = len(entries)
    counts["people.yaml people given earlier terms"] = len(earlier)
    return Generated(entries, sorted(earlier.values(), key=lambda e: e["id"]), counts)


def earlier_terms(person: Person, raw: dict[str, Any]) -> list[dict[str, Any]]:
    """The source's terms of a hand-written person that are consistent with the entry.

    Consistent: of the entry's country, and over before its first term starts
    (an entry without a country, or with a term of no start, takes none).
    """
    starts = [role.get("start") for role in raw.get("roles", [])]
    if not raw.get("country") or not starts or None in starts:
        return []
    first = min(_first_day(start) for start in starts)
    own = Person(person.name, raw["country"], [], person.roles)
    roles = entry_of(own, raw["id"])["roles"]
    return [
        role
        for role in roles
        if "country" not in role and "end" in role and _last_day(str(role["end"])) <= first
    ]


def _first_day(value: object) -> int:
    parts = [int(part) for part in str(value).split("-")] + [1, 1]
    return parts[0] * 10000 + parts[1] * 100 + parts[2]


def _last_day(value: str) -> int:
    parts = [int(part) for part in value.split("-")]
    return (
        parts[0] * 10000
        + (parts[1] if len(parts) > 1 else 12) * 100
        + (parts[2] if len(parts) > 2 else 31)
    )


HEADER = """\
# Office holders since 1990 of every country, derived from PETRARCH-2's
# Phoenix.Countries.actors.txt (openeventdata/petrarch2, commit 676801cd), which
# was compiled from CountryInfo.140130.txt. Generated by
# scripts/phoenix_people.py; do not edit by hand (fix the script, or add a
# hand-written entry to people.yaml, which wins over this file).
#
# Titles: the source names no offices. "head of state or government" is a
# national leader, "defence ministry official" a defence minister or deputy,
# "government official" any other government member; see the script's doc.
# A term the source left open ends in 2014-12, in the year of the source.
#
# The MIT License (MIT)
#
# Copyright (c) 2014 Open Event Data Alliance
#
# Permission is hereby granted, free of charge, to any person obtaining a copy
# of this software and associated documentation files (the "Software"), to deal
# in the Software without restriction, including without limitation the rights
# to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
# copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in
# all copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
# FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
# AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
# LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
# OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
# THE SOFTWARE.
"""


EARLIER_HEADER = """\
# Terms of people in people.yaml that end before their first hand-written term
# starts, in the same country; the loader adds them to the hand-written entry.
"""


def write_entries(generated: Generated, out: Path) -> None:
    lines = [HEADER, "people:"]
    lines += _written(generated.people)
    lines += ["", EARLIER_HEADER.rstrip("\n"), "earlier_terms:"]
    lines += _written(generated.earlier_terms)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _written(entries: list[dict[str, Any]]) -> list[str]:
    lines = []
    for entry in entries:
        lines.append(f"  - id: {entry['id']}")
        if "name" in entry:
            lines.append(f"    name: {_scalar(entry['name'])}")
            lines.append(f"    country: {entry['country']}")
        if "aliases" in entry:
            lines.append(f"    aliases: [{', '.join(map(_scalar, entry['aliases']))}]")
        lines.append("    roles:")
        for role in entry["roles"]:
            fields = ", ".join(f"{key}: {_scalar(str(value))}" for key, value in role.items())
            lines.append(f"      - {{{fields}}}")
    return lines


def _scalar(text: str) -> str:
    """A YAML flow scalar: plain when safe, else double-quoted."""
    if re.match(r"^[A-Za-z0-9][A-Za-z0-9 .\-]*$", text) and text.lower() not in ("yes", "no"):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    generated = build_entries(args.source)
    write_entries(generated, args.out)
    check = yaml.safe_load(args.out.read_text(encoding="utf-8"))
    assert len(check["people"]) == len(generated.people)
    for reason, count in sorted(generated.counts.items()):
        print(f"{reason}: {count}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
