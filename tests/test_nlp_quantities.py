"""Quantities: amounts of troops, weapons, vehicles and money, with units and qualifiers."""

from __future__ import annotations

import pytest

from watchfloor.nlp.events.quantities import find_quantities, parse_quantity


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("300,000 122 mm rockets", 300_000, "122 mm rockets", None),
        ("300 000 152 mm artillery rounds to Armenia", 300_000, "152 mm artillery rounds", None),
        ("500\u202f000 rounds", 500_000, "rounds", None),
        ("500.000 grenades", 500_000, "grenades", None),
        ("1.500.000 rounds", 1_500_000, "rounds", None),
        ("14,000 troops", 14_000, "troops", None),
        (
            "2,400 Belarusian special operations troops",
            2_400,
            "Belarusian special operations troops",
            None,
        ),
        ("about 13-hundred marines", 1_300, "marines", "about"),
        ("twelve-hundred paratroopers", 1_200, "paratroopers", None),
        ("seventeen hundred conscripts", 1_700, "conscripts", None),
        ("two million rounds", 2_000_000, "rounds", None),
        ("two hundred and fifty thousand mines", 250_000, "mines", None),
        ("a dozen howitzers", 12, "howitzers", None),
        ("two dozen drones", 24, "drones", None),
        ("half a million sandbags", 500_000, "sandbags", None),
        ("hundreds of soldiers", 200, "soldiers", "hundreds of"),
        ("tens of thousands of reservists", 20_000, "reservists", "tens of thousands of"),
        ("dozens of tanks", 24, "tanks", "dozens of"),
        ("more than 10,000 troops", 10_000, "troops", "more than"),
        ("over 300 armoured vehicles", 300, "armoured vehicles", "over"),
        ("at least 40 helicopters", 40, "helicopters", "at least"),
        ("around 70 warships", 70, "warships", "around"),
        ("nearly 90 fighter jets", 90, "fighter jets", "nearly"),
        ("up to 40 Leopard 2 tanks", 40, "Leopard 2 tanks", "up to"),
        ("some 300 trucks", 300, "trucks", "some"),
        ("an estimated 8 million shells", 8_000_000, "shells", "an estimated"),
        ("48 F-16 jets", 48, "F-16 jets", None),
        ("a 10,000-strong force", 10_000, "force", None),
        ("300 tonnes of fuel", 300, "tonnes of fuel", None),
        ("20 percent of its artillery", 20, "percent of its artillery", None),
        ("35% of the ammunition", 35, "percent of the ammunition", None),
        ("6m refugees", 6_000_000, "refugees", None),
        ("$1.5bn", 1_500_000_000, "USD", None),
        ("US$70 million in medical aid", 70_000_000, "USD", None),
        ("€2 billion", 2_000_000_000, "EUR", None),
        ("£300m", 300_000_000, "GBP", None),
        ("90 billion won", 90_000_000_000, "KRW", None),
        ("2.5 million hryvnias", 2_500_000, "UAH", None),
        ("40 billion roubles", 40_000_000_000, "RUB", None),
        ("3,5 million euros", 3_500_000, "EUR", None),
        ("₩1.2 trillion", 1_200_000_000_000, "KRW", None),
        ("KRW 150bn", 150_000_000_000, "KRW", None),
        ("UAH 1.2 billion", 1_200_000_000, "UAH", None),
        ("NOK 300 million", 300_000_000, "NOK", None),
        ("100 million Swiss francs", 100_000_000, "CHF", None),
        ("nearly $1bn in loans", 1_000_000_000, "USD", "nearly"),
        ("billions of dollars", 2_000_000_000, "USD", "billions of"),
        ("about 20,000 US dollars", 20_000, "USD", "about"),
    ],
)
def test_quantities_parse_phrase(text, value, unit, qualifier):
    quantity = parse_quantity(text)
    assert quantity is not None
    assert (quantity.value, quantity.unit, quantity.qualifier) == (value, unit, qualifier)
    assert text[quantity.start : quantity.end] == quantity.text


@pytest.mark.parametrize(
    "text",
    [
        "122 mm",
        "152mm",
        "a 120-mm mortar",
        "F-16",
        "Hwasong-18",
        "a K2 tank",
        "2S19 howitzers",
        "Article 51",
        "Resolution 2231",
        "in 2023",
        "the 2022 invasion",
        "1 March 2023",
        "October 8th",
        "the 60th anniversary",
        "third",
        "20%",
        "24 hours",
        "a three-day visit",
        "a 45-year-old officer",
        "a 500-pound bomb",
        "10:30",
        "one of the soldiers",
        "300m of trenches",
        "no numbers at all",
        "",
    ],
)
def test_quantities_not_an_amount(text):
    assert parse_quantity(text) is None


@pytest.mark.model
def test_quantities_find_in_doc(nlp):
    text = (
        "In May 2021 Madrid agreed to sell 300 000 120 mm mortar rounds, and about "
        "2,400 mountain troops arrived on 8 June. Lisbon got US$90 million."
    )
    found = find_quantities(nlp(text))
    assert [(q.value, q.unit, q.qualifier) for q in found] == [
        (300_000, "120 mm mortar rounds", None),
        (2_400, "mountain troops", "about"),
        (90_000_000, "USD", None),
    ]
    assert all(text[q.start : q.end] == q.text for q in found)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Over 300 armoured vehicles crossed the border.", [(300, "armoured vehicles")]),
        ("14,000 troops deployed last week.", [(14_000, "troops")]),
        ("Poland bought 250 Abrams tanks under Article 5.", [(250, "Abrams tanks")]),
        (
            "Ankara wants 40 F-16 jets and 79 upgrade kits.",
            [(40, "F-16 jets"), (79, "upgrade kits")],
        ),
        ("The monitoring group 7 West published the images.", []),
        ("The 60th anniversary was marked in 2019.", []),
        ("They fired 122 mm rockets for 24 hours.", []),
        ("It pledged 90 billion won and 30 ambulances.", [(90e9, "KRW"), (30, "ambulances")]),
        ("Hundreds of soldiers fled.", [(200, "soldiers")]),
    ],
)
def test_quantities_find_units_with_model(nlp, text, expected):
    assert [(q.value, q.unit) for q in find_quantities(nlp(text))] == expected
