"""Which political party (country or IGO id) each word of a parsed article stands for.

Needs: a parsed spaCy `Doc`, the article's mentions with `actor_id` resolved,
and `party_of`, which maps an actor id to the id used in event actor lists
(ISO3 of a person's or body's country, an IGO id), or None.
Gives: `PartyIndex`, which answers "which parties does this noun phrase name"
for the argument reader, following compounds, possessives, demonym
adjectives, "of/in/from X" modifiers and coordination, and resolving pronouns
and generic nouns ("the government", "the president") from context: the
nearest earlier compatible mention in the sentence or the previous one, a
quotation's speaker for "we", and the article's own country for a bare
"the government".

The article's own country (`home_party`) is the place of a wire dateline
("LIMA (AP) _", "OSORNO, Chile (Reuters) -"), else the country it names most
as an actor (an organisation named as itself, such as ECOWAS, is no one's
country). A generic agent with no country of its own ("police", "rebels",
"protesters", "the army") acts where the act happens: the country of a
place named in its clause, else in its sentence ("in Lyon", "in southern
Lebanon"; a state body such as "the ministry" only in its clause), else the
article's own country; "his government" is the government of whoever "he"
is. An office holder the dictionaries do not know and the text gives no
country for ("Interior Minister Ana Soto") takes the article's own country:
the place of the act says nothing about whose official he is. Any other
person the dictionaries do not know takes a country only in an article that
is one party's own story (`own_story`: named far more often than any other):
in a story about one country's politics, its unnamed senators are its own.
An article that names places in one country only and no other party as an
actor (a crime story from Houston and Dallas) is that country's own story, and so is
one whose actors and places together name one country far more often than any
other (a trial in Atlanta, with "Georgia", "a federal court" and "U.S. Customs").
People of no state who do an act, named by what they are to the story ("the
family appealed", "critics condemned", "environmental groups sued"), are of the
country whose own story the article is. A country's courts and police are
generic agents too ("a jury", "prosecutors", "the judge", "sheriff's
deputies"), and a judge, sheriff, detective or district attorney the
dictionaries do not know is an office holder; so is a state body they do not
know ("the Newark Police Department") of the article's own country.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from watchfloor.nlp.mentions.bare_names import is_sentence_case_modifier
from watchfloor.nlp.mentions.groups import find_named_group, group_size, is_uncounted_group
from watchfloor.records import Mention
from watchfloor.resolve.places import place_country

Doc = Any  # spacy.tokens.Doc; spaCy ships no type hints
Token = Any  # spacy.tokens.Token
PartyOf = Callable[[str], str | None]

# Mention labels of a name used only as a place ("a summit in Hanoi"); see nlp/mentions/entities.py.
PLACE_LABELS = frozenset({"SEAT", "LOC"})
PERSON_LABELS = frozenset({"PERSON"})
# Labels of a mention that names an organisation or a state body by its own name.
BODY_LABELS = frozenset({"ORG", "BODY"})
# An article is one party's own story when it names that party (2 per subject, 1 per other
# mention) at least OWN_STORY_WEIGHT times and OWN_STORY_DOMINANCE times as often as any other.
OWN_STORY_WEIGHT = 4
OWN_STORY_DOMINANCE = 2
# Dependencies of a clause's complement clauses ("ordered police to arrest ...").
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp"})
# Nouns that count or group the people named after "of" ("hundreds of youths").
_COUNTING_WORDS = frozenset(
    """thousand hundred dozen million score couple handful number group crowd band gang""".split()  # noqa: SIM905 - a word list reads best as prose
)
# Labels of a mention that can name the place of an act: a country, a capital, a city.
COUNTRY_PLACE_LABELS = frozenset({"GPE", "SEAT", "LOC"})
# Nouns that stand for a state's government when nothing else names it.
GENERIC_STATE_NOUNS = frozenset(
    """government administration president presidency ministry office cabinet official
    spokesman spokeswoman spokesperson minister leader leadership military army navy
    authorities authority regime junta state country nation premier chancellor department agency
    source""".split()  # noqa: SIM905 - a word list reads best as prose
)
# People who act as a group, named by what they do: "Somali pirates seized a ship",
# "Iranian hackers attacked", "Chinese fishermen rammed". Exiles, refugees and emigres
# are left out: their demonym names the country they left, not the one they act from
# ("Cuban exiles in Miami").
_ACTING_PEOPLE_NOUNS = frozenset(
    """pirate kidnapper hijacker bandit smuggler terrorist bomber gunman sniper hacker
    extremist radical nationalist separatist insurgent militiaman commando marine sailor
    pilot fisherman settler critic opponent campaigner lawyer investigator agent
    prosecutor voter monarchist royalist loyalist hardliner""".split()  # noqa: SIM905 - a word list reads best as prose
)
# Nouns for people and bodies that can act; an abstract noun ("the move", "Russia's
# violation") is not an actor even when its owner is.
AGENT_NOUNS = GENERIC_STATE_NOUNS | frozenset(
    """troop force soldier diplomat lawmaker legislator politician party opposition police
    delegation envoy ambassador chief secretary commander general people counterpart
    company firm ally partner side group member parliament assembly court judge prosecutor
    intelligence service militant rebel fighter student worker doctor protester
    demonstrator citizen resident farmer activist supporter employee union junta ruler bloc
    coalition council committee officer head faction camp alliance organisation
    organization guard negotiator mediator king queen prince princess emir sultan monarch
    sheikh peacekeeper paratrooper reservist conscript mercenary contingent battalion
    brigade personnel""".split()  # noqa: SIM905 - a word list reads best as prose
)
# Generic agents that act where they are: with no country of their own, they take the
# country of the place of the act, else the article's own country (lemmas).
LOCAL_AGENT_NOUNS = frozenset(
    """police policeman policemen policewoman officer troop soldier army force rebel guerrilla
    guerilla militant gunman gunmen insurgent fighter militia militiaman paramilitary
    separatist attacker assailant protester protestor demonstrator student worker resident
    villager activist crowd mob youth youngster teenager hooligan anarchist rioter looter
    official authority
    authorities government ministry guard
    jury juror judge court prosecutor detective investigator sheriff deputy trooper marshal
    agent regulator inspector warden jailer coroner lawmaker legislator legislature council
    councilman councilwoman mayor governor""".split()  # noqa: SIM905 - a word list reads best as prose
)
AGENT_NOUNS = AGENT_NOUNS | LOCAL_AGENT_NOUNS | _ACTING_PEOPLE_NOUNS
# People and groups of no state, named by what they are to the story ("the family",
# "critics", "environmental groups"): of the country whose own story the article is.
PRIVATE_PEOPLE_NOUNS = frozenset(
    """family relative lawyer attorney plaintiff defendant critic opponent supporter
    environmentalist conservationist union owner group people voter""".split()  # noqa: SIM905 - a word list reads best as prose
)
_ARMED_GROUP_NOUNS = frozenset(
    {"rebel", "guerrilla", "guerilla", "militant", "insurgent", "fighter", "militia"}
    | {"militiaman", "separatist"}
)
# Words of a title that make its holder a state official ("Interior Minister").
STATE_TITLE_WORDS = frozenset(
    """president minister premier chancellor governor mayor general admiral colonel commander
    senator lawmaker legislator ambassador spokesman spokeswoman spokesperson king emir
    sultan judge justice prosecutor sheriff detective trooper marshal councilman councilwoman
    congressman congresswoman alderman police commissioner""".split()  # noqa: SIM905 - a word list reads best as prose
)
# Head words of the name of a state body ("the Sheriff's Department", "the House Select
# Committee on Energy", "the county Board of Supervisors"); a company's name has none.
STATE_BODY_WORDS = frozenset(
    """department ministry court committee commission navy army police agency bureau council
    board legislature senate congress parliament assembly administration patrol
    directorate inspectorate prosecutor prosecutors""".split()  # noqa: SIM905 - a word list reads best as prose
)
# Words that make an attorney a public prosecutor or a minister of justice.
_PUBLIC_ATTORNEY_WORDS = frozenset({"district", "general", "state", "county", "city", "federal"})
# Prepositions that put the act in a place: "in southern Lebanon", "near Mosul", "off Yemen".
LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "near", "outside", "inside", "across", "throughout", "around", "at", "through", "off"}
)
# Dependencies of a verb's subjects and objects.
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "iobj", "dative", "obj"})
# A wire dateline: an upper-case place, maybe its country, maybe the agency, then a dash.
_DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Z'’.\- ]{1,40}?(?:,[^(\n_]{1,40}?)?)\s*"
    r"(?:\([^)\n]{1,40}\)\s*(?:_|--?|—|–)|(?:_|--|—|–))"  # a lone "-" only after the agency
)
# Nouns naming the other side of a relation: "the US ally" is not the US.
RELATIONAL_NOUNS = frozenset(
    ["ally", "partner", "neighbour", "neighbor", "enemy", "rival", "adversary", "foe", "friend"]
)
# Sites a state owns abroad: an act on "the U.S. embassy in Nairobi" is aimed at the US.
# Plurals too: a capitalised "Embassies" is a proper noun, which spaCy does not lemmatise.
OWNED_SITES = frozenset(
    {"embassy", "consulate", "legation", "chancery", "embassies", "consulates", "legations"}
)
_THING_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "itself", "themselves"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
_FIRST_PERSON = frozenset({"we", "us", "our", "ours", "i", "my", "me"})
_RELATIVE = frozenset({"which", "who", "that", "whom", "whose"})
_PHRASE_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos", "conj", "npadvmod"})
_PHRASE_PREPS = frozenset({"of", "in", "from", "at"})
_WHERE_PREPS = frozenset({"in", "at"})
_PAIR_WORDS = frozenset({"both", "two"})
# Words by which a coordinated noun says it is of the kind of the name before it.
_SAME_KIND_WORDS = frozenset({"other", "fellow", "allied"})
_ENTITY_DEPS = frozenset({"compound", "poss", "appos", "amod", "nmod"})


@dataclass(frozen=True, slots=True)
class Party:
    """The party one mention stands for."""

    id: str
    is_place: bool
    is_person: bool
    entity: str = ""  # the resolved actor the mention names (a person, a body, the country)
    text: str = ""  # the mention as the text spells it
    label: str = ""  # the mention's label (GPE, SEAT, LOC, PERSON...)


class PartyIndex:
    """Token-level view of an article's resolved mentions."""

    def __init__(
        self,
        doc: Doc,
        mentions: Sequence[Mention],
        party_of: PartyOf,
        speakers: Sequence[tuple[int, int, str]] = (),
    ) -> None:
        self.doc = doc
        self._by_token: dict[int, Party] = {}
        self._officials: set[int] = set()  # tokens of office holders with no country
        self._stateless: set[int] = set()  # tokens of other people with no country
        self._unplaced: set[int] = set()  # tokens of state bodies with no country
        # people named with a title: (first token, words of the title, party or None)
        self._titled: list[tuple[int, frozenset[str], str | None]] = []
        named: Counter[str] = Counter()
        states: Counter[str] = Counter()  # the same, but of countries only
        placed: set[str] = set()  # countries of the places named
        sites: Counter[str] = Counter()  # mentions of places, by their country
        for mention in mentions:
            party = party_of(mention.actor_id) if mention.actor_id else None
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and party is None and _is_state_official(mention):
                self._officials.update(token.i for token in span)
            elif span is not None and party is None and mention.label in PERSON_LABELS:
                self._stateless.update(token.i for token in span)
            elif span is not None and party is None and _names_state_body(mention):
                self._unplaced.update(token.i for token in span)
            if span is not None and mention.label in PERSON_LABELS and mention.descriptor:
                words = frozenset(re.findall(r"[a-z]+", mention.descriptor.lower()))
                self._titled.append((span.start, words, party))
            if party is None or span is None:
                continue
            found = Party(
                party,
                mention.label in PLACE_LABELS,
                mention.label in PERSON_LABELS,
                mention.actor_id or "",
                mention.text,
                mention.label,
            )
            for token in span:
                self._by_token.setdefault(token.i, found)
            if not found.is_place:
                weight = 2 if span.root.dep_ in ("nsubj", "nsubjpass") else 1
                named[party] += weight
                if not (mention.label in BODY_LABELS and mention.actor_id == party):
                    states[party] += weight  # an organisation itself is no one's country
            elif mention.actor_id == party and mention.label in COUNTRY_PLACE_LABELS:
                placed.add(party)
                sites[party] += 1
        self._name_bodies_again(doc, mentions, party_of)
        self._speakers = speakers  # (start char, end char, party) of quotations
        # A local story names places in one country only, and no other party as an actor.
        local_story = next(iter(placed)) if len(placed) == 1 and set(named) <= placed else None
        self.main_party = named.most_common(1)[0][0] if named else local_story
        self.dateline_party = self._dateline_party()
        main_state = states.most_common(1)[0][0] if states else local_story
        self.home_party = self.dateline_party or main_state
        # a story that names its own country's people and places far more than any other
        # ("Atlanta", "Georgia", "federal court", "U.S. Customs")
        placed_story = story_party(named + sites, OWN_STORY_WEIGHT)
        self.own_story = story_party(named, OWN_STORY_WEIGHT) or local_story or placed_story

    def _name_bodies_again(self, doc: Doc, mentions: Sequence[Mention], party_of: PartyOf) -> None:
        """Give a bare definite noun the body named before it whose name it heads: "the
        court" after "the International Court of Justice", "the council" after "the UN
        Security Council", "the fund" after "the International Monetary Fund". A noun
        with a modifier of its own ("the city council", "a court") names another."""
        bodies: list[tuple[int, str, Party]] = []  # (first token, head word, party)
        for mention in mentions:
            party = party_of(mention.actor_id) if mention.actor_id else None
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if party is None or span is None or mention.label not in BODY_LABELS:
                continue
            head = re.findall(r"[a-z]+", mention.text.lower().split(" of ")[0])
            if head:
                found = Party(party, False, False, mention.actor_id or "", mention.text, "ORG")
                bodies.append((span.start, head[-1], found))
        if not bodies:
            return
        for token in doc:
            if token.pos_ != "NOUN" or token.i in self._by_token or not _is_bare_definite(token):
                continue
            words = (token.lower_, token.lemma_.lower())
            earlier = [body for start, head, body in bodies if start < token.i and head in words]
            if earlier:
                self._by_token[token.i] = earlier[-1]

    def party_at(self, token: Token) -> Party | None:
        return self._by_token.get(token.i)

    def _party_id(self, token: Token) -> str | None:
        party = self._by_token.get(token.i)
        return party.id if party is not None else None

    def sentence_parties(self, sentence: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The parties a sentence names as actors, and those it names only as places, in order."""
        actors: list[str] = []
        places: list[str] = []
        for token in sentence:
            party = self._by_token.get(token.i)
            if party is not None:
                (places if party.is_place else actors).append(party.id)
        actors = list(dict.fromkeys(actors))
        return tuple(actors), tuple(p for p in dict.fromkeys(places) if p not in actors)

    def phrase_entity(self, token: Token) -> Party | None:
        """The actor a noun phrase names itself (not through a pronoun), if any.

        "President Bazoum" names mohamed-bazoum; "Niger's presidential guard"
        names Niger; "its position" names nothing.
        """
        for candidate in (token, *token.children):
            if candidate is not token and candidate.dep_ not in _ENTITY_DEPS:
                continue
            party = self._by_token.get(candidate.i)
            if party is not None and not party.is_place and party.entity:
                return party
        return None

    def phrase_parties(self, token: Token, places: bool = False) -> list[str]:
        """The parties a noun phrase headed by `token` names, in text order."""
        found: list[str] = []
        self._collect(token, places, found, depth=0)
        size = group_size(token)
        if found and size is not None and len(set(found)) < size:
            # "the three former Warsaw Pact nations": fewer names than it counts
            found = find_named_group(token, size, self._party_id) or found
        if not found or (token.pos_ == "PRON" and token.i not in self._by_token):
            found = self._resolve_reference(token) + found  # "he and Zelenskyy agreed"
        elif _holds_argument_position(token):
            found += self._local_conjuncts(token)  # "the FBI and police"
        return list(dict.fromkeys(found))

    def _local_conjuncts(self, token: Token) -> list[str]:
        """Parties of generic agents coordinated with a name, that name none in their own
        words: "the FBI and police questioned two men in Nairobi": the FBI's, and the
        police of the place of the act. Words that share a modifier ("the Russian
        government, army and people") or say they are of the name's kind ("Hezbollah
        and other guerrillas") are the name's own."""
        if token.i not in self._by_token:
            return []
        found: list[str] = []
        for conjunct in token.conjuncts:
            if any(word.i in self._by_token for word in conjunct.subtree):
                continue
            if any(child.lower_ in _SAME_KIND_WORDS for child in conjunct.children):
                continue
            found += self.local_agent(conjunct) or []
        return found

    def _collect(self, token: Token, places: bool, found: list[str], depth: int) -> None:
        party = self._by_token.get(token.i)
        if party is None and token.lemma_.lower() in RELATIONAL_NOUNS:
            for name in token.children:  # "its ally South Korea"
                if name.dep_ == "appos":
                    self._collect(name, places, found, depth + 1)
            return
        if party is not None and (places or not party.is_place or depth > 0):
            found.append(party.id)
        if depth > 4:
            return
        owned = party is None and bool(self.site_owner(token))
        before = len(found)
        for child in token.children:
            if child.dep_ in _PHRASE_DEPS:
                self._collect(child, places, found, depth + 1)
        named = len(found) > before  # "Russian troops in Syria" are Russia's, not Syria's
        for child in token.children:
            if child.dep_ != "prep" or child.lower_ not in _PHRASE_PREPS or party is not None:
                continue
            if (owned and child.lower_ != "of") or (named and child.lower_ in _WHERE_PREPS):
                continue  # "the U.S. embassy in Nairobi": the embassy's host is not its owner
            for object_ in child.children:
                if object_.dep_ == "pobj":
                    self._collect(object_, True, found, depth + 1)

    def site_owner(self, token: Token, named_before: bool = False) -> list[str]:
        """The state that owns a site abroad: "the U.S. embassy", "Britain's embassy",
        "the embassy of France" -> its party; nothing for other nouns. With
        `named_before`, a site named again with no owner of its own ("the embassy
        bombings" after "the French embassy in Lima") is the owner's the article named
        last for that kind of site. A place before the site ("the Lima embassy") is
        where it is, not whose."""
        if token.lemma_.lower() not in OWNED_SITES:
            return []
        owners = self._site_modifiers(token)
        if owners or not named_before:
            return self._owner_parties(owners)
        for earlier in range(token.i - 1, -1, -1):
            before = self.doc[earlier]
            if before.lemma_.lower() == token.lemma_.lower():
                found = self._owner_parties(self._site_modifiers(before))
                if found:
                    return found
        return []

    @staticmethod
    def _site_modifiers(site: Token) -> list[Token]:
        owners = [c for c in site.children if c.dep_ in ("compound", "amod", "poss", "nmod")]
        return owners + [o for prep in site.children if prep.lower_ == "of" for o in prep.children]

    def _owner_parties(self, owners: list[Token]) -> list[str]:
        found = [
            party.id
            for owner in owners
            if (party := self._by_token.get(owner.i)) is not None and not party.is_place
        ]
        return list(dict.fromkeys(found))

    def _resolve_reference(self, token: Token) -> list[str]:
        """Parties for a pronoun or a generic noun, from what came before it."""
        word, lemma = token.lower_, token.lemma_.lower()
        if word in _FIRST_PERSON:
            speaker = self._speaker_at(token.idx)
            return [speaker] if speaker else []
        if word in PERSON_PRONOUNS:
            return self._antecedent(token, person=True)
        if word in _THING_PRONOUNS:
            return self._antecedent(token, person=False)
        if token.i in self._officials:
            return [self.home_party] if self.home_party else []
        if token.i in self._unplaced:
            return [self.home_party] if self.home_party else []
        if token.i in self._stateless:
            return [self.own_story] if self.own_story else []
        if is_uncounted_group(token):
            return []  # "more than 20 countries": parties the text does not name
        size = group_size(token)
        if size is not None:  # "the three countries": the three named before
            group = find_named_group(token, size, self._party_id)
            return group or (self._last_pair(token) if size == 2 else [])
        titled = self._titled_person(token)
        if titled is not None:  # "President Bush ... the president": Bush's country
            return titled
        if _is_clause_argument(token):
            local = self.local_agent(token)
            if local is not None:
                return local
            if _is_private_doer(token) and not self._named_otherwise(token):
                # "the family refused", "environmental groups sued": people of no state,
                # of the country whose own story the article is
                return [self.own_story] if self.own_story else []
        if lemma in GENERIC_STATE_NOUNS and token.pos_ == "NOUN":
            if any(child.lower_ in _PAIR_WORDS for child in token.children):
                return self._last_pair(token)
            if self._named_otherwise(token):
                return []  # "West African leaders", "Gulf states": a group we cannot code
            return self._antecedent(token, person=False, generic=True)
        return []

    def _titled_person(self, token: Token) -> list[str] | None:
        """The party of the last person named before a bare definite title ("the
        president", "the minister") with that title ("President Bush", "Foreign
        Minister Ana Soto"); None when the noun is qualified or no one had that title.
        """
        if token.pos_ != "NOUN" or token.lemma_.lower() not in GENERIC_STATE_NOUNS:
            return None
        if any(child.dep_ != "det" or child.lower_ != "the" for child in token.children):
            return None
        word = token.lower_
        earlier = [entry for entry in self._titled if entry[0] < token.i and word in entry[1]]
        if not earlier:
            return None
        party = earlier[-1][2]
        return [party] if party else []

    def local_agent(self, token: Token) -> list[str] | None:
        """Parties for a generic agent that acts where it is ("police", "youths"): the
        country of the place of the act, else the article's own; None for other words.

        Callers decide where such a noun can stand for a doer: a verb's subject or
        object, or the owner of a nominal act ("a police shooting", "killed by police").
        """
        lemma = token.lemma_.lower()
        if not (lemma in LOCAL_AGENT_NOUNS or token.lower_ in LOCAL_AGENT_NOUNS):
            return None
        if token.pos_ not in ("NOUN", "PROPN") or token.i in self._by_token:
            return None
        if self._named_otherwise(token) and lemma not in _ARMED_GROUP_NOUNS:
            return []  # "West African leaders": a group no party codes
        # an armed group known only by its own name ("Khmer Rouge guerrillas", "Tamil
        # rebels") fights where it is, like unnamed rebels
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None and owner.pos_ == "PRON":
            return self._resolve_reference(owner)  # "his government": whose he is
        place = self._place_of_act(token, sentence=lemma not in GENERIC_STATE_NOUNS)
        return [place] if place else self._antecedent(token, person=False, generic=True)

    def authority_of_act(self, token: Token) -> list[str]:
        """The state that did an act the text gives no doer for ("was arrested in Lyon").

        The country of the place of the act, else of a wire dateline, else the party
        whose own story the article is; nothing when none of these is plain.
        """
        found = self._place_of_act(token, sentence=True) or self.dateline_party or self.own_story
        return [found] if found else []

    def _place_of_act(self, token: Token, sentence: bool) -> str | None:
        """The country of the place named in the token's clause, else (with `sentence`)
        in its sentence; a state body ("the ministry") takes only its own clause's.
        """
        clause = token.head if token.dep_ != "ROOT" else token
        place = self._place_token(clause, sentence)
        return self._by_token[place.i].id if place is not None else None

    def place_of_act(self, top: Token, trigger: Token) -> tuple[str, str | None] | None:
        """Where the act headed by `top` happens: (country id, city or region name or None).

        The first place its clause names in a phrase of place ("in Kharkiv", "near
        the city of Mosul") that qualifies a verb of the clause, the act's word or
        what it acts on ("hit a block in Kharkiv", "talks in Hanoi"), not another
        noun ("the war in Ukraine", "officials in Seoul"); an act told in an
        adverbial clause ("..., killing four") happens where the clause it hangs on
        does. A capital, city or region
        gives its name, a country only its code. None when no place is named so.
        """
        words = [top, trigger]
        if top.dep_ == "advcl" and top.head.pos_ in ("VERB", "AUX"):
            words.append(top.head)  # "hit a block in Kharkiv, killing four": where it hit
        anchors = {word.i for word in words} | {
            child.i
            for word in words
            for child in word.children
            if child.dep_ in ("dobj", "obj", "nsubjpass")
        }
        place = next(
            (
                token
                for token in words[-1].subtree
                if self._names_place(token) and _qualifies_act(token, anchors)
            ),
            None,
        )
        if place is None:
            return None
        party = self._by_token[place.i]
        if party.entity != party.id or party.label not in COUNTRY_PLACE_LABELS:
            return None  # a body or an IGO named after "in", not a place in a country
        return party.id, party.text if party.label in PLACE_LABELS else None

    def _place_token(self, clause: Token, sentence: bool) -> Token | None:
        """The first place named where an act happens, in `clause`, else in its sentence."""
        places = [t for t in clause.sent if self._names_place(t)]
        in_clause = [t for t in places if _governs(clause, t)]
        if not sentence:  # a body's own act, not the one it orders or allows
            in_clause = [t for t in in_clause if not _in_complement(clause, t)]
        chosen = in_clause or (places if sentence else [])
        return chosen[0] if chosen else None

    def _names_place(self, token: Token) -> bool:
        """A place or country named where an act happens: "in Mosul", "near the city of
        Mosul", "in southern Lebanon"; not a destination ("sent troops to Mosul").
        """
        party = self._by_token.get(token.i)
        return party is not None and not party.is_person and _is_locative(token)

    def _dateline_party(self) -> str | None:
        """The party of the place in a wire dateline opening the text ("LIMA (AP) _")."""
        match = _DATELINE.match(self.doc.text)
        if match is None or not match.group("place").split(",")[0].isupper():
            return None
        end = match.start("place") + len(match.group("place"))
        for token in self.doc:
            if token.idx >= end:
                break
            party = self._by_token.get(token.i)
            if party is not None and not party.is_person:
                return party.id
        names = (name.strip() for name in match.group("place").split(","))
        return next(filter(None, map(place_country, names)), None)  # the NER missed it

    def is_uncodable_group(self, token: Token) -> bool:
        """A noun for a body or group of people that the text names by a word of no
        party ("all Balkan states", "Khmer Rouge guerrillas"): someone is named, but
        no country or IGO can be coded for them."""
        lemma = token.lemma_.lower()
        generic = lemma in AGENT_NOUNS or token.lower_ in AGENT_NOUNS
        return generic and token.i not in self._by_token and self._named_otherwise(token)

    def _named_otherwise(self, token: Token) -> bool:
        """A generic noun qualified by a capitalised word that names no party."""
        return any(
            child.dep_ in ("amod", "compound", "nmod")
            and child.is_title
            and child.i not in self._by_token
            and (child.pos_ == "PROPN" or child.i != child.sent.start)  # "Security forces"
            and not is_sentence_case_modifier(child)  # "Riot police"
            for child in token.children
        )

    def _antecedent(self, token: Token, person: bool, generic: bool = False) -> list[str]:
        sentence = token.sent
        if generic:
            return [self.home_party] if self.home_party else []
        if not person:
            thanked = _object_owner(token)
            if thanked is not None:  # "thanked Seoul for its support": Seoul's
                return self.phrase_parties(thanked)
            subject = _nearest_subject(token)
            if subject is not None:  # "leaders gave ..., warning that they could": the leaders
                return self.phrase_parties(subject)
        candidates = [t for t in sentence if t.i < token.i and self._is_candidate(t, person)]
        subjects = [t for t in candidates if t.dep_ in ("nsubj", "nsubjpass")]
        for group in (subjects, candidates):
            if group:
                return self._referent(group[-1])
        previous = _previous_sentences(self.doc, sentence, 2)
        for earlier_sentence in previous:
            named = [t for t in earlier_sentence if self._is_candidate(t, person)]
            subjects = [t for t in named if t.dep_ in ("nsubj", "nsubjpass")]
            for group in (subjects, named):
                if group:
                    return self._referent(group[0 if not person else -1])
        return [] if person else ([self.main_party] if self.main_party else [])

    def _is_candidate(self, token: Token, person: bool) -> bool:
        """A word a pronoun can point back to: a mention of a party of the right kind,
        and for "he" or "she" also a person of no party ("John Ross, a drifter")."""
        party = self._by_token.get(token.i)
        if party is not None:
            return party.is_person == person
        return person and (token.i in self._officials or token.i in self._stateless)

    def _referent(self, token: Token) -> list[str]:
        """The parties of the mention a pronoun points back to: its party, else as a
        person of no party of their own counts (an official of the article's country,
        someone of the country whose own story it is), else none."""
        party = self._by_token.get(token.i)
        if party is not None:
            return [party.id]
        if token.i in self._officials:
            return [self.home_party] if self.home_party else []
        return [self.own_story] if self.own_story else []

    def _last_pair(self, token: Token) -> list[str]:
        seen: list[str] = []
        for sentence in (token.sent, *_previous_sentences(self.doc, token.sent, 1)):
            tokens = [t for t in sentence if t.i < token.i and t.i in self._by_token]
            for t in reversed(tokens):
                party = self._by_token[t.i]
                if not party.is_place and party.id not in seen:
                    seen.append(party.id)
                if len(seen) == 2:
                    return sorted(seen)
        return []

    def quoted_speaker(self, token: Token) -> list[str]:
        """The party of whoever speaks the quotation a word stands in, if any."""
        speaker = self._speaker_at(token.idx)
        return [speaker] if speaker else []

    def _speaker_at(self, offset: int) -> str | None:
        for start, end, party in self._speakers:
            if start <= offset < end:
                return party
        return None


def story_party(counts: Counter[str], least: int) -> str | None:
    """The party an article is the story of: counted at least `least` times and
    `OWN_STORY_DOMINANCE` times as often as any other; None when there is none."""
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < least:
        return None
    if len(ranked) == 2 and ranked[0][1] < OWN_STORY_DOMINANCE * ranked[1][1]:
        return None
    return ranked[0][0]


def is_agent_word(token: Token) -> bool:
    """Whether a subject can be an actor: a name, a pronoun or a noun for people or bodies."""
    if token.pos_ in ("PROPN", "PRON"):
        return True
    return bool(token.lemma_.lower() in AGENT_NOUNS)


def _is_state_official(mention: Mention) -> bool:
    """A person whose title names a state office ("Interior Minister Ana Soto")."""
    if mention.label != "PERSON" or not mention.descriptor:
        return False
    words = mention.descriptor.lower().replace("-", " ").split()
    if "attorney" in words and any(word in _PUBLIC_ATTORNEY_WORDS for word in words):
        return True  # "District Attorney", "Attorney General"; not a family's attorney
    return any(word in STATE_TITLE_WORDS for word in words)


def _names_state_body(mention: Mention) -> bool:
    """An organisation named as a state body: a head word of its name before "of", "on"
    or "for" is a state body's ("Newark Police Department", "Board of Supervisors")."""
    if mention.label not in BODY_LABELS:
        return False
    head = re.split(r"\s(?:of|on|for)\s", mention.text, maxsplit=1)[0]
    return any(word in STATE_BODY_WORDS for word in re.findall(r"[a-z]+", head.lower()))


def _is_bare_definite(noun: Token) -> bool:
    """ "the court", "the court's": "the" and nothing else before or after the noun."""
    words = [child for child in noun.children if child.dep_ != "case"]
    return len(words) == 1 and words[0].dep_ == "det" and words[0].lower_ == "the"


def _is_private_doer(token: Token) -> bool:
    """A common noun for people of no state that does the act: "relatives appealed",
    "sued by critics"; not people acted on ("killed ten people")."""
    if token.pos_ != "NOUN":
        return False
    if not {token.lemma_.lower(), token.lower_} & PRIVATE_PEOPLE_NOUNS:
        return False
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ == "nsubj":
        return bool(token.head.lemma_ != "be")  # "six people were in custody" suffer it
    return bool(token.dep_ == "pobj" and token.head.dep_ == "agent")


def _is_clause_argument(token: Token) -> bool:
    """A noun that is a verb's subject or object, directly or after a preposition.

    "Police detained ...", "fired on protesters": yes; "the troop deployment",
    "the forces' threats", "the deployment of troops": no (a modifier of
    another noun, which the event coder reads through that noun).
    """
    return not token.ent_type_ and _holds_argument_position(token)


def _holds_argument_position(token: Token) -> bool:
    """Whether a word (or the first of its coordination) is a verb's subject or object,
    directly or after a preposition."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    counted = _counting_noun(token)
    if counted is not None:  # "hundreds of youths attacked": the youths hold its place
        return _holds_argument_position(counted)
    if token.dep_ in _ARGUMENT_DEPS:
        return True
    return bool(token.dep_ in ("pobj", "agent") and token.head.head.pos_ in ("VERB", "AUX"))


def _counting_noun(token: Token) -> Token | None:
    """The noun that counts or groups `token` in "hundreds of youths", "small groups of
    protesters", "a crowd of students"; None when no such noun does."""
    preposition = token.head
    if token.dep_ != "pobj" or preposition.lower_ != "of" or preposition.dep_ != "prep":
        return None
    counter = preposition.head
    return counter if counter.lemma_.lower() in _COUNTING_WORDS else None


def _is_locative(token: Token) -> bool:
    """Whether a name is the object of "in"/"near"/"at"..., maybe through "the city of"."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head  # "in Mosul and Kirkuk"
    for _ in range(2):
        if token.dep_ != "pobj":
            return False
        preposition = token.head
        if preposition.lower_ in LOCATIVE_PREPOSITIONS:
            return True
        if preposition.lower_ != "of":
            return False
        token = preposition.head  # "in the city of Mosul"
    return False


def _qualifies_act(token: Token, anchors: set[int]) -> bool:
    """Whether the phrase of place of `token` hangs on a verb or on one of `anchors`."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    preposition = token.head
    if preposition.lower_ == "of" and preposition.head.dep_ == "pobj":
        preposition = preposition.head.head  # "in the city of Mosul"
    head = preposition.head
    return bool(head.pos_ in ("VERB", "AUX") or head.i in anchors)


def _in_complement(clause: Token, token: Token) -> bool:
    """Whether `token` lies in a clause `clause` takes as its complement ("authorized the
    navy to pursue pirates in Somali waters": the pursuit, not the authorisation)."""
    return any(
        _governs(child, token) for child in clause.children if child.dep_ in _COMPLEMENT_DEPS
    )


def _governs(head: Token, token: Token) -> bool:
    """Whether `token` lies in the subtree of `head`."""
    return bool(head.left_edge.i <= token.i <= head.right_edge.i)


# Prepositions after which a possessive names the act or quality a verb's object is
# judged for ("praised Chile for its aid", "imposed on Iraq after its invasion").
_OWNER_PREPOSITIONS = frozenset({"for", "of", "over", "after"})
# Prepositions by which a verb names whom it is aimed at ("imposed on Iraq", "against X").
_TARGET_PREPOSITIONS = frozenset({"on", "against"})


def is_relative_pronoun(token: Token) -> bool:
    return bool(token.lower_ in _RELATIVE)


def _object_owner(pronoun: Token) -> Token | None:
    """The object a possessive refers back to in "V X for/of/over its Y" (praise, blame),
    or in "V ... on/against X after its Y" ("sanctions imposed on Iraq after its invasion
    of Kuwait": Iraq's invasion)."""
    if pronoun.dep_ != "poss":
        return None
    owned = pronoun.head
    prep = owned.head
    if owned.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in _OWNER_PREPOSITIONS:
        return None
    objects = [child for child in prep.head.children if child.dep_ == "dobj"]
    holders = [prep.head, *objects]  # "imposed on Iraq", "imposed sanctions on Iraq"
    objects += [
        target
        for holder in holders
        for child in holder.children
        if child.dep_ == "prep" and child.lower_ in _TARGET_PREPOSITIONS and child.i < prep.i
        for target in child.children
        if target.dep_ == "pobj"
    ]
    named = [found for found in objects if found.pos_ == "PROPN"]
    return named[0] if named else None


def _nearest_subject(pronoun: Token) -> Token | None:
    """The last subject before a pronoun in its sentence that is not a pronoun itself."""
    sentence = pronoun.sent
    for token in reversed(sentence[: pronoun.i - sentence.start]):
        if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ != "PRON":
            return token
    return None


def _previous_sentences(doc: Doc, sentence: Any, how_many: int) -> Iterable[Any]:
    found: list[Any] = []
    index = sentence.start - 1
    while index >= 0 and len(found) < how_many:
        previous = doc[index].sent
        found.append(previous)
        index = previous.start - 1
    return found
