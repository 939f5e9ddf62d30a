"""The actor knowledge base: bundled data checks, lookups and user dictionaries."""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path

import pycountry
import pytest
import spacy
import yaml

from watchfloor.errors import InputError
from watchfloor.records import PartialDate
from watchfloor.resolve.bundled import DATA_FILES
from watchfloor.resolve.knowledge import (
    KnowledgeBase,
    build_bundled,
    load_knowledge,
    load_user_actors,
    normalise_name,
)
from watchfloor.resolve.knowledge_cache import CACHE_ENV, load_or_build, source_key

D = PartialDate
ACTOR_DATA = resources.files("watchfloor").joinpath("data", "actors")
# Kosovo: no ISO code; KOS is the code PLOVER gives it. The Soviet Union: ISO 3166-3.
NON_ISO_COUNTRIES = {"KOS", "SUN"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="module")
def raw_data() -> dict[str, dict]:
    return {
        name: yaml.safe_load(ACTOR_DATA.joinpath(f"{name}.yaml").read_text("utf-8"))
        for name in ("countries", "igos", "bodies", "people", "titles")
    }


@pytest.fixture
def actors_dir(data_dir: Path) -> Path:
    return data_dir / "actors"


# normalise_name -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("U.S.", "us"),
        ("the U.S.'s", "us"),
        ("The Kremlin", "kremlin"),
        ("Russia’s", "russia"),
        ("Reuters'", "reuters"),
        ("S. Korea", "s korea"),
        ("  Kim   Jong\u2011un ", "kim jong-un"),
        ("Jean\u2013Yves Le Drian", "jean-yves le drian"),
        ("Côte d’Ivoire", "côte d'ivoire"),
        ("\u201cWagner\u201d", "wagner"),
        ("ＮＡＴＯ", "nato"),
        ("Mr. Smith", "mr. smith"),
        ("Theresa May", "theresa may"),
    ],
)
def test_knowledge_normalise_name(text, expected):
    assert normalise_name(text) == expected


# Bundled data: schema ---------------------------------------------------------------


def test_knowledge_bundled_ids_unique_and_well_formed(raw_data):
    ids = [
        entry["id"]
        for name, key in (("countries", "countries"), ("igos", "igos"), ("people", "people"))
        for entry in raw_data[name][key]
    ] + [entry["id"] for entry in raw_data["bodies"]["bodies"]]
    duplicates = {actor_id for actor_id in ids if ids.count(actor_id) > 1}
    assert not duplicates
    for entry in raw_data["people"]["people"] + raw_data["bodies"]["bodies"]:
        assert SLUG.match(entry["id"]), entry["id"]
    for entry in raw_data["igos"]["igos"]:
        assert re.fullmatch(r"[A-Z0-9-]+", entry["id"]), entry["id"]


def test_knowledge_countries_cover_iso_3166(raw_data):
    ids = {entry["id"] for entry in raw_data["countries"]["countries"]}
    iso = {country.alpha_3 for country in pycountry.countries}
    assert iso <= ids
    assert ids - iso == NON_ISO_COUNTRIES


def test_knowledge_country_codes_are_known(kb):
    countries = {actor.id for actor in kb.actors() if actor.kind == "country"}
    for actor in kb.actors():
        codes = {actor.country, *actor.members, *(role.country for role in actor.roles)}
        unknown = {code for code in codes if code} - countries
        assert not unknown, f"{actor.id}: {unknown}"


def test_knowledge_role_dates_are_ordered(kb):
    for actor in kb.actors():
        for role in actor.roles:
            if role.start and role.end:
                assert role.start.year <= role.end.year, actor.id
                assert (role.start.year, role.start.month or 1, role.start.day or 1) <= (
                    role.end.year,
                    role.end.month or 12,
                    role.end.day or 31,
                ), actor.id


def test_knowledge_role_organisations_exist(kb):
    for actor in kb.actors():
        for role in actor.roles:
            assert role.organisation is None or kb.get(role.organisation), actor.id


def test_knowledge_no_name_normalises_to_empty(kb):
    for actor in kb.actors():
        for name in (actor.name, *actor.aliases):
            assert normalise_name(name), actor.id
        entry = kb.entry(actor.id)
        for word in (*entry.demonyms, *entry.capitals, *entry.seats):
            assert normalise_name(word), actor.id


def test_knowledge_people_have_country_or_organisation_and_roles(kb):
    for actor in kb.actors():
        if actor.kind != "person":
            continue
        assert actor.roles, actor.id
        assert actor.sector, actor.id
        for role in actor.roles:
            assert role.country or role.organisation, actor.id
            assert role.start is not None, actor.id


def test_knowledge_igo_members_are_countries(kb):
    for actor in kb.actors():
        if actor.kind == "igo":
            assert len(set(actor.members)) == len(actor.members), actor.id
            for member in actor.members:
                assert kb.get(member).kind == "country", (actor.id, member)


def test_knowledge_named_body_types_exist(kb, raw_data):
    type_ids = {body_type["id"] for body_type in raw_data["bodies"]["types"]}
    for entry in raw_data["bodies"]["bodies"]:
        assert entry.get("type") is None or entry["type"] in type_ids, entry["id"]
        assert entry.get("country"), entry["id"]


# Lookups ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("the United States", "USA"),
        ("U.S.", "USA"),
        ("Republic of Korea", "KOR"),
        ("DPRK", "PRK"),
        ("Burma", "MMR"),
        ("Ivory Coast", "CIV"),
        ("Czechia", "CZE"),
        ("Czech Republic", "CZE"),
        ("Swaziland", "SWZ"),
        ("Türkiye", "TUR"),
        ("UAE", "ARE"),
        ("Kosovo", "KOS"),
        ("Taiwan", "TWN"),
        ("State of Palestine", "PSE"),
        ("NATO", "NATO"),
        ("the U.N. Security Council", "UNSC"),
        ("Economic Community of West African States", "ECOWAS"),
        ("Alliance of Sahel States", "AES"),
        ("the Pentagon", "usa-defense-department"),
        ("Quai d'Orsay", "fra-foreign-ministry"),
        ("Mossad", "isr-mossad"),
        ("Rapid Support Forces", "sdn-rsf"),
        ("Bundeswehr", "deu-bundeswehr"),
        ("Recep Tayyip Erdogan", "recep-tayyip-erdogan"),
        ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
        ("AMLO", "andres-manuel-lopez-obrador"),
        ("Vladimir Vladimirovich Putin", "vladimir-putin"),
    ],
)
def test_knowledge_lookup_finds_one_actor(kb, name, expected):
    assert [actor.id for actor in kb.lookup(name)] == [expected]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Congo", {"COD", "COG"}),
        (
            "National Assembly",
            {"kor-national-assembly", "fra-national-assembly", "pak-national-assembly"},
        ),
        ("Democratic Party", {"usa-democratic-party", "kor-democratic-party"}),
        ("ADF", {"aus-adf", "cod-adf"}),
    ],
)
def test_knowledge_lookup_returns_ambiguity(kb, name, expected):
    assert expected <= {actor.id for actor in kb.lookup(name)}


def test_knowledge_lookup_unknown_is_empty(kb):
    assert kb.lookup("Republic of Nowhere") == ()
    assert kb.lookup("the North") == ()


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("South Korean", "KOR"),
        ("South Koreans", "KOR"),
        ("Ukrainian", "UKR"),
        ("Ukrainians", "UKR"),
        ("North Korean", "PRK"),
        ("Sudanese", "SDN"),
        ("South Sudanese", "SSD"),
        ("Filipinos", "PHL"),
        ("Britons", "GBR"),
        ("Nigerien", "NER"),
        ("Nigerian", "NGA"),
        ("Emirati", "ARE"),
        ("Congolese", None),
        ("Martian", None),
    ],
)
def test_knowledge_country_by_demonym(kb, word, expected):
    assert kb.country_by_demonym(word) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Seoul", "KOR"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("the Kremlin", "RUS"),
        ("White House", "USA"),
        ("Downing Street", "GBR"),
        ("Elysee", "FRA"),
        ("Élysée Palace", "FRA"),
        ("Zhongnanhai", "CHN"),
        ("Blue House", "KOR"),
        ("Khartoum", "SDN"),
        ("Port Sudan", "SDN"),
        ("Naypyidaw", "MMR"),
        ("Addis Ababa", "ETH"),
        ("Springfield", None),
    ],
)
def test_knowledge_country_by_seat(kb, name, expected):
    assert kb.country_by_seat(name) == expected


@pytest.mark.parametrize(
    ("country", "phrase", "expected_id", "sector"),
    [
        ("KOR", "defence ministry", "kor-defence-ministry", "MIL"),
        ("USA", "ministry of defense", "usa-defense-department", "MIL"),
        ("USA", "Pentagon", "usa-defense-department", "MIL"),
        ("USA", "foreign ministry", "usa-state-department", "GOV"),
        ("UKR", "Ministry of Defence", "ukr-defence-ministry", "MIL"),
        ("SDN", "army", "sdn-army", "MIL"),
        ("NGA", "intelligence service", "nga-intelligence-service", "SPY"),
        ("CHL", "presidential office", "chl-presidential-office", "GOV"),
        ("ETH", "parliament", "eth-parliament", "LEG"),
        ("ISR", "military", "isr-idf", "MIL"),
        ("GBR", "spy agency", "gbr-mi6", "SPY"),
    ],
)
def test_knowledge_body_named_or_generic(kb, country, phrase, expected_id, sector):
    body = kb.body(country, phrase)
    assert (body.id, body.kind, body.country, body.sector) == (expected_id, "org", country, sector)


def test_knowledge_generic_body_round_trips_through_get(kb):
    body = kb.body("SOM", "navy")
    assert kb.get(body.id) == body
    assert body.name == "Navy of Somalia"


@pytest.mark.parametrize(
    ("country", "phrase"), [("KOR", "bakery"), ("ZZZ", "defence ministry"), ("NATO", "navy")]
)
def test_knowledge_body_unknown_is_none(kb, country, phrase):
    assert kb.body(country, phrase) is None


def test_knowledge_get_unknown_is_none(kb):
    assert kb.get("no-such-actor") is None
    assert kb.get("kor-bakery") is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("defence minister", "MIL"),
        ("Defense Secretary", "MIL"),
        ("deputy defence minister", "MIL"),
        ("foreign minister", "GOV"),
        ("president", "GOV"),
        ("adviser", "GOV"),
        ("professor", "EDU"),
        ("Korea analyst at the think tank", "EDU"),
        ("senior fellow at the Example Institute", "EDU"),
        ("lawmaker", "LEG"),
        ("opposition leader", "OPP"),
        ("opposition lawmaker", "OPP"),
        ("spy chief", "SPY"),
        ("judge", "JUD"),
        ("general", "MIL"),
        ("army commander", "MIL"),
        ("journalist", "JRN"),
        ("editor of a newspaper", "JRN"),
        ("chief executive", "BUS"),
        ("former minister", "ELI"),
        ("former defence minister", "ELI"),
        ("ex-president", "ELI"),
        ("former professor", "EDU"),
        ("police chief", "COP"),
        ("rebel commander", "REB"),
        ("bystander", None),
    ],
)
def test_knowledge_title_sector(kb, title, expected):
    assert kb.title_sector(title) == expected


# Office holders across a change of office --------------------------------------------


@pytest.mark.parametrize(
    ("country", "title", "on", "expected"),
    [
        ("KOR", "president", D(2022, 5, 9), ["moon-jae-in"]),
        ("KOR", "president", D(2022, 5, 10), ["yoon-suk-yeol"]),
        ("KOR", "president", D(2022, 5), ["moon-jae-in", "yoon-suk-yeol"]),
        ("USA", "president", D(2021, 1, 19), ["donald-trump"]),
        ("USA", "president", D(2021, 1, 20), ["joe-biden"]),
        ("USA", "secretary of defense", D(2023, 6, 1), ["lloyd-austin"]),
        ("USA", "defence minister", D(2023, 6, 1), ["lloyd-austin"]),
        ("USA", "secretary of state", D(2019, 1, 1), ["mike-pompeo"]),
        ("UKR", "defence minister", D(2023, 9, 5), ["oleksii-reznikov"]),
        ("UKR", "defence minister", D(2023, 9, 6), ["rustem-umerov"]),
        ("UKR", "president", D(2019, 5, 19), ["petro-poroshenko"]),
        ("UKR", "president", D(2019, 5, 20), ["volodymyr-zelensky"]),
        ("RUS", "defence minister", D(2024, 6, 1), ["andrei-belousov"]),
        ("RUS", "defence minister", D(2023, 6, 1), ["sergei-shoigu"]),
        ("GBR", "prime minister", D(2022, 10, 1), ["liz-truss"]),
        ("GBR", "prime minister", D(2022, 10), ["liz-truss", "rishi-sunak"]),
        ("DEU", "head of government", D(2022, 1, 1), ["olaf-scholz"]),
        ("DEU", "chancellor", D(2021, 12, 7), ["angela-merkel"]),
        ("SDN", "head of state", D(2023, 4, 15), ["abdel-fattah-al-burhan"]),
        ("IRN", "president", D(2024, 6, 1), ["mohammad-mokhber"]),
        ("ISR", "prime minister", D(2022, 8, 1), ["yair-lapid"]),
        ("ISR", "prime minister", D(2023, 1, 1), ["benjamin-netanyahu"]),
        ("NER", "president", D(2023, 7, 25), ["mohamed-bazoum"]),
        ("NER", "president", D(2023, 8, 1), ["abdourahamane-tchiani"]),
        ("UN", "secretary-general", D(2016, 6, 1), ["ban-ki-moon"]),
        ("UN", "Secretary General", D(2020, 6, 1), ["antonio-guterres"]),
        ("NATO", "secretary-general", D(2024, 10, 1), ["mark-rutte"]),
        ("EC", "president", D(2018), ["jean-claude-juncker"]),
    ],
)
def test_knowledge_office_holders_on_date(kb, country, title, on, expected):
    assert [actor.id for actor in kb.office_holders(country, title, on)] == expected


def test_knowledge_office_holders_all_terms_in_order(kb):
    holders = [actor.id for actor in kb.office_holders("USA", "president")]
    since_2009 = holders[holders.index("barack-obama") :]
    assert since_2009[:3] == ["barack-obama", "donald-trump", "joe-biden"]
    assert holders.index("bill-clinton") < holders.index("barack-obama")  # people_phoenix.yaml
    assert holders.count("donald-trump") == 1


def test_knowledge_acting_holder_holds_the_office(kb):
    holders = kb.office_holders("USA", "defence minister", D(2019, 3, 1))
    assert [actor.id for actor in holders] == ["patrick-shanahan"]


def test_knowledge_person_sector_follows_latest_role(kb):
    assert kb.get("lloyd-austin").sector == "MIL"
    assert kb.get("joe-biden").sector == "GOV"
    assert kb.get("denys-shmyhal").sector == "MIL"
    assert kb.get("lloyd-austin").roles[0].sector == "MIL"


# Entity patterns ----------------------------------------------------------------------


def test_knowledge_patterns_cover_names_demonyms_and_seats(kb):
    patterns = kb.entity_patterns()
    by_text = {}
    for pattern in patterns:
        text = pattern["pattern"] if isinstance(pattern["pattern"], str) else None
        by_text.setdefault(text, []).append(pattern)
    assert {"label": "GPE", "pattern": "Kyiv", "id": "UKR"} in patterns
    assert {"label": "NORP", "pattern": "South Koreans", "id": "KOR"} in patterns
    assert {"label": "FAC", "pattern": "Kremlin", "id": "RUS"} in patterns
    assert {"label": "PERSON", "pattern": "Vladimir Putin", "id": "vladimir-putin"} in patterns
    assert {"label": "GPE", "pattern": [{"ORTH": "US"}], "id": "USA"} in patterns
    congo = [pattern for pattern in patterns if pattern["pattern"] == "Congo"]
    assert congo == [{"label": "GPE", "pattern": "Congo"}]


def test_knowledge_patterns_match_case_sensitively(kb):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns([p for p in kb.entity_patterns() if p["pattern"] in ([{"ORTH": "US"}],)])
    ruler.add_patterns([{"label": "GPE", "pattern": "Kyiv", "id": "UKR"}])
    doc = nlp("The US told us that Kyiv and KYIV agreed.")
    assert [(ent.text, ent.label_, ent.ent_id_) for ent in doc.ents] == [
        ("US", "GPE", "USA"),
        ("Kyiv", "GPE", "UKR"),
        ("KYIV", "GPE", "UKR"),
    ]


def test_knowledge_token_patterns_are_single_spacy_tokens(kb):
    tokenizer = spacy.blank("en").tokenizer
    for pattern in kb.entity_patterns():
        if isinstance(pattern["pattern"], list):
            text = pattern["pattern"][0]["ORTH"]
            assert [token.text for token in tokenizer(text)] == [text]


def test_knowledge_patterns_are_fresh_copies(kb):
    kb.entity_patterns()[0]["label"] = "CHANGED"
    assert kb.entity_patterns()[0]["label"] != "CHANGED"


# User dictionaries ------------------------------------------------------------------


def test_knowledge_user_yaml_adds_and_extends(actors_dir):
    kb = load_knowledge(actors_dir / "extend.yaml")
    agency = kb.lookup("DAPA")[0]
    assert (agency.id, agency.kind, agency.country, agency.sector) == (
        "kor-defence-acquisition-agency",
        "org",
        "KOR",
        "MIL",
    )
    putin = kb.get("vladimir-putin")
    assert "V. V. Putin" in putin.aliases
    assert "Vladimir Vladimirovich Putin" in putin.aliases  # bundled aliases kept
    assert putin.roles == load_knowledge().get("vladimir-putin").roles
    assert kb.country_by_seat("Novo-Ogaryovo") == "RUS"
    assert kb.country_by_seat("Kremlin") == "RUS"
    holders = kb.office_holders("NZL", "defense minister", D(2030, 6))
    assert [actor.id for actor in holders] == ["jane-example"]
    assert holders[0].sector == "MIL"


def test_knowledge_user_file_leaves_bundled_knowledge_alone(actors_dir):
    load_knowledge(actors_dir / "extend.yaml")
    assert load_knowledge().lookup("DAPA") == ()


def test_knowledge_user_yaml_replace_and_override(actors_dir):
    kb = load_knowledge(actors_dir / "replace.yaml")
    un = kb.get("UN")
    assert (un.name, un.aliases, un.members) == ("United Nations Organization", ("UNO",), ())
    assert kb.lookup("United Nations") == ()
    usa = kb.get("USA")
    assert (usa.name, usa.sector) == ("United States of America", "GOV")
    assert "America" in usa.aliases
    assert kb.country_by_seat("White House") == "USA"


def test_knowledge_user_csv_adds_rows_and_roles(actors_dir):
    actors = {actor.id: actor for actor in load_user_actors(actors_dir / "extend.csv")}
    institute = actors["example-institute"]
    assert institute.aliases == ("EIP", "Example Peace Institute")
    assert (institute.kind, institute.country, institute.sector) == ("org", "NOR", "EDU")
    sample = actors["tom-sample"]
    assert sample.aliases == ("T. Sample",)
    assert [(role.title, str(role.start), str(role.end)) for role in sample.roles] == [
        ("foreign minister", "2031-02-01", "2032-06"),
        ("defence minister", "2032-06", "None"),
    ]
    kb = load_knowledge(actors_dir / "extend.csv")
    assert kb.get("tom-sample").sector == "MIL"
    assert [a.id for a in kb.office_holders("NOR", "foreign minister", D(2031, 5))] == [
        "tom-sample"
    ]


@pytest.mark.parametrize(
    ("file_name", "message"),
    [
        ("bad_kind.yaml", r"bad_kind\.yaml: line 4 \(id 'bad-one'\): unknown kind 'company'"),
        ("bad_country.csv", r"bad_country\.csv: line 3 \(id 'odd-org'\): unknown country code"),
        (
            "bad_date.yaml",
            r"bad_date\.yaml: line 1 \(id 'someone-new'\): role 1 \(president\) ends",
        ),
        ("missing_kind.yaml", r"missing_kind\.yaml: line 1 .*needs a 'kind'"),
        ("bad_quotes.csv", r"bad_quotes\.csv: line \d+: malformed CSV"),
        ("not_yaml.yaml", r"not_yaml\.yaml: not valid YAML"),
        ("absent.yaml", r"absent\.yaml: no such actor dictionary"),
    ],
)
def test_knowledge_user_file_errors_name_file_and_entry(actors_dir, file_name, message):
    with pytest.raises(InputError, match=message):
        load_user_actors(actors_dir / file_name)


def test_knowledge_user_file_wrong_suffix(tmp_path):
    path = tmp_path / "actors.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(InputError, match=r"actors\.json: .*\.yaml, \.yml or \.csv"):
        load_knowledge(path)


def test_knowledge_user_file_reloads_after_change(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("- {id: first-org, name: First Org, kind: org}\n", encoding="utf-8")
    assert load_knowledge(path).get("first-org") is not None
    path.write_text("- {id: second-org, name: Second Org, kind: org}\n", encoding="utf-8")
    os_stat_bump(path)
    kb = load_knowledge(path)
    assert kb.get("second-org") is not None
    assert kb.get("first-org") is None


def test_knowledge_load_is_cached():
    assert load_knowledge() is load_knowledge()


def os_stat_bump(path: Path) -> None:
    """Move the file's mtime forward, so a rewrite within one clock tick is seen."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


# Compiled cache -------------------------------------------------------------------


def _must_not_build() -> KnowledgeBase:
    raise AssertionError("expected the knowledge base to come from the cache")


def test_knowledge_cache_round_trip(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    (tmp_path / "knowledge-0123.pickle").write_bytes(b"left by an older version")
    key = source_key(DATA_FILES)
    built = load_or_build(key, build_bundled, KnowledgeBase)
    assert [path.name for path in tmp_path.iterdir()] == [f"knowledge-{key}.pickle"]
    cached = load_or_build(key, _must_not_build, KnowledgeBase)
    assert list(cached.actors()) == list(built.actors())
    assert cached.office_holders("KOR", "president", D(2023)) == built.office_holders(
        "KOR", "president", D(2023)
    )
    assert cached.entity_patterns() == built.entity_patterns()


def test_knowledge_cache_damaged_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    (tmp_path / "knowledge-abc.pickle").write_bytes(b"not a pickle")
    rebuilt = load_or_build("abc", lambda: KnowledgeBase([]), KnowledgeBase)
    assert list(rebuilt.actors()) == []
    assert load_or_build("abc", _must_not_build, KnowledgeBase) is not None


def test_knowledge_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, "")
    calls = []
    for _ in range(2):
        load_or_build("abc", lambda: calls.append(1) or KnowledgeBase([]), KnowledgeBase)
    assert len(calls) == 2


def test_knowledge_cache_key_follows_the_data():
    assert source_key(DATA_FILES) == source_key(DATA_FILES)
    assert source_key(DATA_FILES) != source_key(DATA_FILES[:-1])


def test_knowledge_people_by_key_lists_every_person_under_each_key(kb):
    people = [actor for actor in kb.actors() if actor.kind == "person"]
    index = kb.people_by_key()
    for actor in people:
        full, family = kb.person_keys(actor.id)
        assert all(actor.id in index[("full", key)] for key in full)
        assert all(actor.id in index[("surname", key)] for key in family)
    listed = {actor_id for ids in index.values() for actor_id in ids}
    assert listed == {actor.id for actor in people if any(kb.person_keys(actor.id))}
    assert all(len(set(ids)) == len(ids) for ids in index.values())
