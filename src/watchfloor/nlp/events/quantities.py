"""Amounts attached to events: troops, weapons and ammunition, vehicles, money.

Needs: one amount phrase (`parse_quantity`) or a parsed `Doc` (`find_quantities`).
Gives: `Quantity` records: value, unit, qualifier, and for a Doc the offsets.

Values. Digits with any thousands separator ("300,000", "300 000", and
"300.000" when no scale word follows, since a decimal needs one), number
words ("two million", "twelve hundred", "a dozen"), digits with a scale
("12-hundred", "1.5bn", "£300m"). Vague plurals ("hundreds of", "tens of
thousands of") give the smallest amount they allow (200, 20000) and keep the
phrase as the qualifier; so do "more than", "about", "up to" and the like.

Units. Money gets its ISO 4217 code ("$" and "US$" are USD, "90 billion won"
is KRW), never converted. A count gets the noun phrase it counts, from the word
after the number to that phrase's last noun, modifiers kept so that sources can
be compared: "300,000 122 mm rockets" gives "122 mm rockets", "2,400 Belarusian
special operations troops" gives "Belarusian special operations troops".
Measures (mm, km, tonnes, percent) are amounts only of something: "300 tonnes
of fuel" gives "tonnes of fuel"; "122 mm" alone is a calibre.

Not amounts: model numbers and designators ("Su-34", "T-72", "K9", "Article 5"),
years and other numbers inside dates, durations, ages, ordinals, clock times,
and numbers with no unit at all.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pycountry
from text_to_num import text2num  # type: ignore[import-untyped]  # ships no type hints

from watchfloor.nlp.time.dates import find_candidates
from watchfloor.records import Quantity

Doc = Any  # spacy.tokens.Doc; spaCy ships no type hints

_SCALES = {"hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6}
_SCALES |= {"m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12}
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2e3, "millions": 2e6}
_VAGUE |= {"billions": 2e9, "tens of thousands": 2e4, "hundreds of thousands": 2e5}
_VAGUE |= {"tens of millions": 2e7, "hundreds of millions": 2e8}
_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|million|billion|trillion|dozen)"
)
_NUMBER = re.compile(
    r"(?<![\w.,:/-])(?:"
    r"(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3}(?!\d|[ -]?mm\b))+"
    r"|\d{1,3}(?:\.\d{3})+(?![\d,]|\s?(?:bn|mn|m|million|billion|trillion)\b)"
    r"|\d+,\d{1,2}(?=\s?(?:bn|mn|m|million|billion|trillion)\b)"
    r"|\d+(?:\.\d+)?)(?!\d)"
    r"(?P<scale>[\s-]?(?:hundred|thousand|million|billion|trillion)\b|\s?(?:bn|mn|mln|tn)\b|[mk]\b)?"
    rf"|(?P<words>(?i:(?:half an?|an?) )?(?i:{_WORD}(?:(?:[\s-]|\sand\s){_WORD})*)\b)"
    r"|(?P<vague>(?i:(?:tens|hundreds) of (?:thousands|millions)|dozens|scores|hundreds|"
    r"thousands|millions|billions))(?= of\b)"
    r")(?![:/]\d)"
)
_QUALIFIER = re.compile(
    r"(?i:\b(more than|over|well over|just over|at least|about|around|approximately|roughly|"
    r"nearly|almost|up to|some|an estimated|as many as|as much as|as few as|fewer than|less than|"
    r"under|just under|close to|upwards of|in excess of|no more than|no fewer than|not more than|"
    r"at most|a further|an additional|another|approx\.)\s+)$"
)
_CURRENCY_SYMBOLS = {
    "US$": "USD", "U.S.$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "₩": "KRW", "₴": "UAH",
    "₽": "RUB", "¥": "JPY", "CN¥": "CNY", "₹": "INR", "₺": "TRY", "₪": "ILS", "zł": "PLN",
    "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "HK$": "HKD", "NZ$": "NZD", "RMB": "CNY",
}  # fmt: skip
_CURRENCY_WORDS = {
    "dollar": "USD", "us dollar": "USD", "u.s. dollar": "USD", "american dollar": "USD",
    "canadian dollar": "CAD", "australian dollar": "AUD", "hong kong dollar": "HKD",
    "euro": "EUR", "pound sterling": "GBP", "pounds sterling": "GBP", "british pound": "GBP",
    "won": "KRW", "south korean won": "KRW", "korean won": "KRW", "north korean won": "KPW",
    "yen": "JPY", "japanese yen": "JPY", "yuan": "CNY", "chinese yuan": "CNY", "renminbi": "CNY",
    "rouble": "RUB", "ruble": "RUB", "russian rouble": "RUB", "russian ruble": "RUB",
    "hryvnia": "UAH", "hryvna": "UAH", "ukrainian hryvnia": "UAH", "zloty": "PLN",
    "polish zloty": "PLN", "shekel": "ILS", "israeli shekel": "ILS", "swiss franc": "CHF",
    "turkish lira": "TRY", "indian rupee": "INR", "iranian rial": "IRR", "saudi riyal": "SAR",
}  # fmt: skip
_SYMBOL_BEFORE = re.compile(
    r"(?:" + "|".join(re.escape(s) for s in sorted(_CURRENCY_SYMBOLS, key=len, reverse=True))
    + r"|\b[A-Z]{3})\s?$"
)  # fmt: skip
_CODE_AFTER = re.compile(r"\s([A-Z]{3})\b")
_MEASURE = re.compile(
    r"[\s-]?(?:mm|cm|km|kg|m|millimet(?:re|er)s?|centimet(?:re|er)s?|kilomet(?:re|er)s?|"
    r"met(?:re|er)s?|miles?|tonnes?|tons?|kilograms?|kilos?|pounds?|lbs?|inch(?:es)?|feet|foot|"
    r"percent|per cent|pct|%|calibre|caliber|degrees?|knots?|mph|km/h)(?![\w])",
    re.IGNORECASE,
)
_TIME_WORD = re.compile(
    r"^[\s-]?(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries)\b",
    re.IGNORECASE,
)
_OF_THE = re.compile(r" of (?:(?:the|its|their|his|her|our|all) )*", re.IGNORECASE)
_STRONG = re.compile(r"^-strong\b", re.IGNORECASE)
_WORD_TOKEN = re.compile(r"\s*([A-Za-z][\w'’.-]*[\w]|[A-Za-z]|\d[\d,.]*)")
_STOP_WORDS = frozenset({
    "to", "for", "from", "in", "into", "on", "onto", "at", "by", "with", "without", "within",
    "across", "over", "under", "per", "and", "or", "but", "nor", "which", "that", "who",
    "whom", "whose", "where", "when", "while", "were", "was", "are", "is", "be", "been",
    "being", "will", "would", "could", "should", "can", "may", "might", "must", "have", "has",
    "had", "as", "than", "since", "during", "after", "before", "between", "against", "toward",
    "towards", "through", "via", "amid", "including", "if", "because", "so", "yet", "said",
    "says", "say", "this", "these", "those", "its", "their", "his", "her", "our", "it", "they",
    "he", "she", "we", "you", "not", "also", "each", "every", "the", "a", "an", "of", "more",
    "less",
})  # fmt: skip
_FUNCTION_WORDS = frozenset({
    "the", "a", "an", "all", "only", "some", "about", "over", "nearly", "almost", "around",
    "approximately", "roughly", "more", "less", "fewer", "at", "in", "on", "of", "by", "for",
    "with", "from", "to", "and", "or", "but", "those", "these", "its", "their", "his", "her",
    "our", "another", "each", "every", "just", "up", "as", "than", "since", "after", "before",
    "under", "while", "when", "if", "estimated", "total", "further", "additional", "extra",
    "least", "most",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Amount:
    """A number found in text, before its unit is known."""

    start: int  # of the qualifier, currency or number, whichever comes first
    number_end: int
    value: float
    qualifier: str | None
    currency: str | None
    vague: bool
    metres_or_million: bool  # "300m": millions of something, or 300 metres


def parse_quantity(text: str) -> Quantity | None:
    """The first amount in one phrase: "more than 10,000 troops" -> 10000 troops, "more than"."""
    for amount in _find_amounts(text):
        quantity = _with_unit(text, amount, _unit_from_words)
        if quantity is not None:
            return quantity
    return None


def find_quantities(doc: Doc) -> list[Quantity]:
    """Every amount in a parsed text, with offsets into `doc.text`.

    Needs: `doc` with part-of-speech tags and entities.
    Gives: one Quantity per amount that has a unit, in text order.
    """
    dated = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in {"DATE", "TIME"}]
    token_starts = [token.idx for token in doc]

    def unit_from_tokens(_text: str, position: int) -> tuple[str, int] | None:
        return _unit_from_tokens(doc, bisect_left(token_starts, position))

    found = []
    text = doc.text  # spaCy joins every token again on each read of Doc.text
    for amount in _find_amounts(text):
        inside = any(start <= amount.start < end for start, end in dated)
        quantity = None if inside else _with_unit(text, amount, unit_from_tokens)
        if quantity is not None:
            found.append(quantity)
    return found


def _find_amounts(text: str) -> list[_Amount]:
    dates = find_candidates(text)
    amounts = []
    for match in _NUMBER.finditer(text):
        if any(start <= match.start() < end for start, end in dates):
            continue
        amount = _amount(text, match)
        if amount is not None:
            amounts.append(amount)
    return amounts


def _amount(text: str, match: re.Match[str]) -> _Amount | None:
    value = _value(match)
    if value is None or _is_designator(text, match):
        return None
    window = max(0, match.start() - 40)
    symbol = _SYMBOL_BEFORE.search(text, window, match.start())
    currency = _currency_symbol(symbol[0].strip()) if symbol else None
    start = symbol.start() if symbol and currency else match.start()
    qualifier = _QUALIFIER.search(text, window, start)
    plain_year = match["digits"] and re.fullmatch(r"(?:1[89]|20)\d\d", match[0])
    if plain_year and not (currency or qualifier):
        return None
    vague = match["vague"]
    said = qualifier[1].lower() if qualifier else (f"{vague.lower()} of" if vague else None)
    return _Amount(
        start=qualifier.start() if qualifier else start,
        number_end=match.end(),
        value=value,
        qualifier=said,
        currency=currency,
        vague=vague is not None,
        metres_or_million=match["scale"] == "m" and currency is None,
    )


def _value(match: re.Match[str]) -> float | None:
    if match["vague"]:
        return float(_VAGUE[match["vague"].lower()])
    if match["words"]:
        return _words_value(match["words"].lower())
    digits = match["digits"]
    if re.fullmatch(r"\d+,\d{1,2}", digits):
        number = float(digits.replace(",", "."))
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):
        number = float(digits.replace(".", ""))
    else:
        number = float(re.sub(r"[,\s\u00a0\u202f\u2009]", "", digits))
    scale = (match["scale"] or "").strip(" -").lower()
    return number * _SCALES[scale] if scale else number


def _words_value(words: str) -> float | None:
    words = words.replace("-", " ")
    half = words.startswith("half ")
    words = re.sub(r"^(?:half )?an? ", "one ", words)
    dozens = re.fullmatch(r"(?:(.+) )?dozen", words)
    if dozens:
        number = _words_value(dozens[1]) if dozens[1] else 1.0
        return None if number is None else number * 12 / (2 if half else 1)
    try:
        number = float(text2num(words, "en"))
    except ValueError:
        return None
    return number / 2 if half else number


def _is_designator(text: str, match: re.Match[str]) -> bool:
    """Su-34, K9, 2S19, Article 5, No. 5: a name, not an amount."""
    after = text[match.end() : match.end() + 1]
    if match["digits"] and not match["scale"] and after.isalpha():
        return not _MEASURE.match(text, match.end())
    previous = re.search(r"([A-Za-z.#]+)\s$", text[max(0, match.start() - 30) : match.start()])
    if previous is None or not re.fullmatch(r"\d+", match[0]):  # names have no separators
        return False
    word = previous[1]
    return word in {"No.", "no.", "#"} or (
        word[:1].isupper() and word.lower().strip(".") not in _FUNCTION_WORDS and word.isalpha()
    )


def _currency_symbol(symbol: str) -> str | None:
    if symbol in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[symbol]
    return symbol if pycountry.currencies.get(alpha_3=symbol) is not None else None


def _currency_after(text: str, end: int) -> tuple[str, int] | None:
    """A currency named after the amount: "90 billion won", "2bn euros", "40m KRW"."""
    code = _CODE_AFTER.match(text, end)
    if code and pycountry.currencies.get(alpha_3=code[1]) is not None:
        return code[1], code.end()
    for length in (3, 2, 1):
        words = re.compile(rf"\s(?:of )?((?:[\w.]+ ){{{length - 1}}}[\w.]+)\b").match(text, end)
        name = words[1].lower() if words else ""
        for candidate in (name, name.removesuffix("s"), name.removesuffix("es")):
            if words and candidate in _CURRENCY_WORDS:
                return _CURRENCY_WORDS[candidate], words.end()
    return None


UnitFinder = Callable[[str, int], tuple[str, int] | None]


def _with_unit(text: str, amount: _Amount, find_unit: UnitFinder) -> Quantity | None:
    end = amount.number_end
    currency = amount.currency
    if currency is None:
        after = _currency_after(text, end)
        if after is not None:
            currency, end = after
    if currency is not None:
        return _quantity(text, amount, currency, end)
    rest = text[end : end + 200]
    if amount.metres_or_million and not re.match(r"\s[A-Za-z]", rest):
        return None
    if rest.startswith(" of") and not amount.vague:  # "one of the soldiers"
        return None
    if _TIME_WORD.match(rest):
        return None
    if _MEASURE.match(rest):
        unit = _measure_of(text, end)
    else:
        strong = _STRONG.match(rest)
        position = end + (strong.end() if strong else 0)
        if amount.vague and rest.lower().startswith(" of "):
            position += 4
        unit = find_unit(text, position + 1 if text[position : position + 1] == " " else position)
    return _quantity(text, amount, unit[0], unit[1]) if unit else None


def _measure_of(text: str, end: int) -> tuple[str, int] | None:
    """'tonnes of fuel', 'percent of its artillery': a measure counts only when it measures."""
    measure = _MEASURE.match(text, end)
    after = _OF_THE.match(text, measure.end()) if measure else None
    if measure is None or after is None:
        return None
    thing = _unit_from_words(text, after.end())
    if thing is None:
        return None
    unit = re.sub(r"^(?:%|per cent|pct)", "percent", text[measure.start() : thing[1]].strip(" -"))
    return unit, thing[1]


def _unit_from_words(text: str, position: int) -> tuple[str, int] | None:
    """The words after a number up to a stop word or punctuation (no parse needed)."""
    words: list[tuple[str, int, int]] = []
    for token in _WORD_TOKEN.finditer(text, position):
        if token.start() != position or len(words) == 7:
            break
        word = token[1].rstrip(".")
        if word.lower() in _STOP_WORDS or (words and word.lower().endswith("ed")):
            break
        words.append((word, token.start(1), token.start(1) + len(word)))
        position = token.end()
    if not words or not words[-1][0][0].isalpha():
        return None
    return text[words[0][1] : words[-1][2]], words[-1][2]


def _unit_from_tokens(doc: Doc, first: int) -> tuple[str, int] | None:
    """The noun phrase from token `first` to its last common or plural noun (uses the tags)."""
    last = None
    for token in doc[first : first + 8]:
        if token.pos_ == "NOUN" or token.tag_ == "NNPS" or token.lower_ in {"mm", "cm"}:
            last = token
        elif token.pos_ == "PROPN":  # "250 Abrams tanks", but not the name "38 North"
            continue
        elif not _is_modifier(token) or (token.i > first and token.is_sent_start):
            break
    if last is None:
        return None
    return doc[first : last.i + 1].text, last.idx + len(last.text)


def _is_modifier(token: Any) -> bool:
    if token.pos_ in {"ADJ", "NUM", "SYM"} or token.tag_ == "HYPH":
        return True
    return token.tag_ in {"VBN", "VBG", "JJ"} and token.dep_ in {"amod", "compound", "nmod"}


def _quantity(text: str, amount: _Amount, unit: str, end: int) -> Quantity:
    return Quantity(
        value=amount.value,
        unit=unit,
        qualifier=amount.qualifier,
        text=text[amount.start : end],
        start=amount.start,
        end=end,
    )
