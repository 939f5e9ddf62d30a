"""Trigger words: verbs, phrasal verbs, nouns and clauses the lexicon codes (sentences
written for these tests; names appear in no gold file)."""

from __future__ import annotations

from typing import Any

import pytest

from watchfloor.nlp.analyse import ArticleAnalyser
from watchfloor.nlp.events.arguments import zero_relative
from watchfloor.nlp.events.plover_lexicon import load_lexicon
from watchfloor.nlp.events.triggers import fitting_sense
from watchfloor.nlp.mentions.parties import PartyIndex
from watchfloor.records import Article, Event, PartialDate
from watchfloor.settings import Settings

PUBLISHED = PartialDate(2024, 5, 20)

# sentence -> (type, mode or None for any, actor, recipient) that must be among the events
CASES: dict[str, tuple[str, str | None, set[str], set[str]]] = {
    # phrasal verbs
    "Mali's army drove out the Tuareg rebels.": ("ASSAULT", None, {"MLI"}, {"MLI"}),
    "Kenya pulled out its peacekeepers from Somalia.": ("RETREAT", "withdraw", {"KEN"}, {"SOM"}),
    "Uganda's police cracked down on opposition supporters.": ("COERCE", None, {"UGA"}, {"UGA"}),
    "Morocco restored ties with Iran.": ("SUPPORT", None, {"MAR"}, {"IRN"}),
    "Senegal called off the talks with Gambia.": ("REJECT", None, {"SEN"}, {"GMB"}),
    "Peru's interior minister stepped down on Friday.": ("RETREAT", "resign", {"PER"}, set()),
    "Bolivia broke off relations with Paraguay.": ("SANCTION", None, {"BOL"}, {"PRY"}),
    # verbs
    "Ecuador assailed Colombia over the border incident.": ("ACCUSE", None, {"ECU"}, {"COL"}),
    "Ghana condemned Togo's decision.": ("ACCUSE", "disapprove", {"GHA"}, {"TGO"}),
    "Zambia denounced Malawi for the arrests.": ("ACCUSE", "disapprove", {"ZMB"}, {"MWI"}),
    "Latvia deported two Belarusian nationals.": ("COERCE", "deport", {"LVA"}, {"BLR"}),
    "Estonia expelled a Russian diplomat.": ("SANCTION", "expel", {"EST"}, {"RUS"}),
    "Chile ratified the trade pact with Peru.": ("SUPPORT", None, {"CHL", "PER"}, set()),
    "Nepal blamed Bhutan for the crisis.": ("ACCUSE", None, {"NPL"}, {"BTN"}),
    "Iceland warned Norway against the plan.": ("THREATEN", None, {"ISL"}, {"NOR"}),
    "Austria urged Slovenia to reopen the border.": ("REQUEST", None, {"AUT"}, {"SVN"}),
    "Cuba defied the United States.": ("REJECT", None, {"CUB"}, {"USA"}),
    "Romania has stalled Moldova's accession.": ("REJECT", None, {"ROU"}, {"MDA"}),
    "Slovakia blocked the sanctions package against Iran.": ("REJECT", None, {"SVK"}, {"IRN"}),
    "Canada vetoed Brazil's proposal.": ("REJECT", None, {"CAN"}, {"BRA"}),
    "Qatar boycotted the Bahraini summit.": ("PROTEST", "boycott", {"QAT"}, {"BHR"}),
    "Yemeni forces shelled Saudi border posts.": ("ASSAULT", None, {"YEM"}, {"SAU"}),
    "Turkey bombed Syrian army positions.": ("ASSAULT", "explosives", {"TUR"}, {"SYR"}),
    "The Libyan coast guard drove off a Maltese boat.": ("ASSAULT", None, {"LBY"}, {"MLT"}),
    "Somali militants ambushed a Kenyan convoy.": ("ASSAULT", None, {"SOM"}, {"KEN"}),
    "Iran seized a Greek tanker.": ("COERCE", "seize", {"IRN"}, {"GRC"}),
    "Croatia deployed troops along its border with Serbia.": ("MOBILIZE", None, {"HRV"}, {"SRB"}),
    "Lithuania resisted pressure from Poland.": ("REJECT", None, {"LTU"}, {"POL"}),
    "Angola and Namibia established diplomatic relations in 1990.": (
        "SUPPORT",
        None,
        {"AGO", "NAM"},
        set(),
    ),
    "Vietnam strengthened its ties with Cambodia.": ("SUPPORT", None, {"VNM"}, {"KHM"}),
    "Niger formed an alliance with Burkina Faso.": ("COOPERATE", None, {"NER", "BFA"}, set()),
    "Turkish police barred the crowd from the Greek consulate.": ("COERCE", None, {"TUR"}, {"TUR"}),
    "Belarus moved troops to the Lithuanian border.": ("MOBILIZE", "troops", {"BLR"}, {"LTU"}),
    "Guinea's army staged a coup on Sunday.": ("ASSAULT", None, {"GIN"}, {"GIN"}),
    # a day does not hide "called on"
    "Latvia called on Estonia on Monday to reopen the border.": (
        "REQUEST",
        None,
        {"LVA"},
        {"EST"},
    ),
    "Estonian police took two Latvian suspects into custody.": ("COERCE", None, {"EST"}, {"LVA"}),
    # an appeal of a ruling or to a court is taken to court (ACCUSE allege); to a party, asked
    "Lithuanian prosecutors said they would appeal the verdict.": (
        "ACCUSE",
        "allege",
        {"LTU"},
        set(),
    ),
    "The Estonian government appealed to the Supreme Court in Tallinn.": (
        "ACCUSE",
        "allege",
        {"EST"},
        set(),
    ),
    "Chile appealed to Peru for calm.": ("REQUEST", None, {"CHL"}, {"PER"}),
    # a position retreated from is softened (CONCEDE); troops retreating withdraw
    "The Latvian government retreated from its position on the Estonian border.": (
        "CONCEDE",
        None,
        {"LVA"},
        {"EST"},
    ),
    "Latvian troops retreated from the Estonian border.": ("RETREAT", "withdraw", {"LVA"}, {"EST"}),
    # force announced on a condition is a threat (PLOVER: coercive warnings)
    "Estonia said it would strike Latvia unless Latvia withdrew its troops from the border.": (
        "THREATEN",
        "violence",
        {"EST"},
        {"LVA"},
    ),
    # nominal events
    "Russia's invasion of Ukraine shocked Finland.": ("ASSAULT", None, {"RUS"}, {"UKR"}),
    "Iraq's expulsion of the Kuwaiti inspectors angered Kuwait.": (
        "SANCTION",
        None,
        {"IRQ"},
        {"KWT"},
    ),
    "Eritrea's bombing of the Ethiopian embassy was condemned.": (
        "ASSAULT",
        None,
        {"ERI"},
        {"ETH"},
    ),
    "Belarus launched a crackdown on Polish activists.": ("COERCE", None, {"BLR"}, {"POL"}),
    "Sudan's killing of Chadian herders angered Chad.": ("ASSAULT", None, {"SDN"}, {"TCD"}),
    "Libya's shooting of Maltese fishermen was condemned.": (
        "ASSAULT",
        "firearms",
        {"LBY"},
        {"MLT"},
    ),
    "Fijian students held a vigil in Suva.": ("PROTEST", "demo", {"FJI"}, {"FJI"}),
    "Uruguay's indictment of the Argentine consul angered Argentina.": (
        "ACCUSE",
        "allege",
        {"URY"},
        {"ARG"},
    ),
    "Armenia's withdrawal of troops from the border was welcomed.": (
        "RETREAT",
        None,
        {"ARM"},
        set(),
    ),
    "Sudan's army and Chad agreed a ceasefire.": ("AGREE", None, {"SDN", "TCD"}, set()),
    "Japan imposed sanctions against North Korea.": ("SANCTION", None, {"JPN"}, {"PRK"}),
    "Egypt imposed an embargo on Libya.": ("SANCTION", None, {"EGY"}, {"LBY"}),
    "Jordan announced a boycott of Israeli goods.": ("PROTEST", None, {"JOR"}, {"ISR"}),
    "Pakistan's police carried out a raid on an Afghan camp.": ("COERCE", None, {"PAK"}, {"AFG"}),
    "Syria's airstrike on Turkish troops killed five.": ("ASSAULT", None, {"SYR"}, {"TUR"}),
    "Azerbaijan's siege of Armenian villages went on.": ("COERCE", None, {"AZE"}, {"ARM"}),
    "Ethiopia's withdrawal from the disputed town was noted.": ("RETREAT", None, {"ETH"}, set()),
    "Georgian police broke up a rally outside the Russian embassy.": (
        "COERCE",
        "restrict",
        {"GEO"},
        {"GEO"},
    ),
    "Uruguay pushed for Paraguay's withdrawal from the bloc.": ("REQUEST", None, {"URY"}, {"PRY"}),
    "Guatemala ratified the expansion of the customs union.": ("SUPPORT", None, {"GTM"}, set()),
    # participles, relative and subordinate clauses
    "Troops sent by Chad to Niger patrolled the border.": ("MOBILIZE", None, {"TCD"}, {"NER"}),
    "Kosovo said that Serbian police had arrested two Kosovar officers.": (
        "COERCE",
        "arrest",
        {"SRB"},
        {"KOS"},
    ),
    "Bahrain declared a ceasefire on Sunday.": ("CONCEDE", None, {"BHR"}, set()),
    "Angola, which captured the town in May, denied any role.": (
        "COERCE",
        "seize",
        {"AGO"},
        {"AGO"},
    ),
    "It is the accord which Laos and Vietnam signed in March.": (
        "SUPPORT",
        None,
        {"LAO", "VNM"},
        set(),
    ),
    "Haiti, which expelled the Dominican envoy, protested.": ("SANCTION", None, {"HTI"}, {"DOM"}),
    "After Nigeria closed its border with Benin, trade fell.": ("SANCTION", None, {"NGA"}, {"BEN"}),
    "Having invaded Georgia, Russia faced sanctions.": ("ASSAULT", None, {"RUS"}, {"GEO"}),
    # a relative clause with no relative word: the noun it describes is its verb's object
    "Ukraine praised the howitzers Norway sent to Kyiv.": ("AID", None, {"NOR"}, {"UKR"}),
    "Hungary criticised the sanctions the EU imposed on Belarus.": (
        "SANCTION",
        "discontinue",
        {"EU"},
        {"BLR"},
    ),
    "The talks Chile held with Bolivia ended without agreement.": (
        "CONSULT",
        None,
        {"CHL", "BOL"},
        set(),
    ),
    "The attack Sudan launched on Chad killed ten people.": ("ASSAULT", None, {"SDN"}, {"TCD"}),
    # an act noun carried out by a party named after "by"
    "The assault on Mogadishu was carried out by Kenyan troops.": (
        "ASSAULT",
        None,
        {"KEN"},
        {"SOM"},
    ),
    # a passive visit: its subject is the place visited
    "Lima was visited by the Chilean foreign minister on Monday.": (
        "CONSULT",
        "visit",
        {"CHL"},
        {"PER"},
    ),
    # a second verb sharing the subject, tagged as a participle, keeps the subject
    "Peru condemned the coup and suspended aid to Bolivia.": (
        "SANCTION",
        "discontinue",
        {"PER"},
        {"BOL"},
    ),
    # a site abroad belongs to its owner, not its host
    "A bomb exploded outside the Chilean embassy in Lima, killing four guards.": (
        "ASSAULT",
        None,
        set(),
        {"CHL"},
    ),
    "Hundreds of students rallied outside the Danish embassy in Jakarta.": (
        "PROTEST",
        None,
        {"IDN"},
        {"DNK"},
    ),
    # an order to people or a body of the actor's own country is domestic
    "Chile's president urged parliament to pass the pension reform quickly.": (
        "REQUEST",
        None,
        {"CHL"},
        {"CHL"},
    ),
    # a nominal act sets the scene of its clause: the clause's subject does it
    "Bolivian officials drafted the rules in consultation with Peruvian diplomats.": (
        "CONSULT",
        None,
        {"BOL", "PER"},
        set(),
    ),
    # force used at home, in a place of the actor's own country
    "Honduran troops opened fire in Tegucigalpa on Sunday.": ("ASSAULT", None, {"HND"}, {"HND"}),
    # an act noun describing the doer is no act; the doer acts where it happens
    "Later, riot police detained nine students in Santiago.": ("COERCE", None, {"CHL"}, {"CHL"}),
    # a generic doer of a nominal act, as a modifier or after "by"
    "The police shooting of a farmer in Cusco angered many.": ("ASSAULT", None, {"PER"}, {"PER"}),
    "The killing of a student by police in Quito drew crowds.": ("ASSAULT", None, {"ECU"}, {"ECU"}),
    "Masked youths threw stones at a bank in Athens.": ("ASSAULT", None, {"GRC"}, {"GRC"}),
    # assets are money to freeze; "through" a city is where a march happens
    "Canada froze the assets of two Syrian banks.": ("SANCTION", None, {"CAN"}, {"SYR"}),
    "Hundreds of students marched through Quito.": ("PROTEST", None, {"ECU"}, {"ECU"}),
    # people deported with no country of their own are of the country they are sent to
    "Spain deported 40 migrants to Morocco.": ("COERCE", "deport", {"ESP"}, {"MAR"}),
    # a reward offered for information asks the public for help (no one named: no recipient)
    "Mongolia offered a $20,000 reward for information.": ("REQUEST", "assist", {"MNG"}, set()),
    # a request to a group no party is coded for keeps an empty recipient (PLOVER)
    "Portugal urged all Atlantic states to sign the charter.": ("REQUEST", None, {"PRT"}, set()),
    # a demand by a country's own opposition, naming no one asked, is made of its authorities
    "Gabon's opposition demanded new elections.": ("REQUEST", None, {"GAB"}, {"GAB"}),
    # the one asked after "from"
    "Laos sought help from Vietnam.": ("REQUEST", "assist", {"LAO"}, {"VNM"}),
    # a document speaks for whoever issued it; "Eritrea's withdrawal from X": Eritrea withdraws
    "The UN resolution calls for Eritrea's withdrawal from Djibouti.": (
        "REQUEST",
        "yield",
        {"UN"},
        {"ERI"},
    ),
    # "X can expect strikes", said by another party: that party threatens X
    "Kenyan officials said Somalia could expect air strikes.": (
        "THREATEN",
        "violence",
        {"KEN"},
        {"SOM"},
    ),
    "The EU said Belarus would face new sanctions.": ("THREATEN", "restrict", {"EU"}, {"BLR"}),
    # verbal concessions (PLOVER CONCEDE)
    "Fiji made concessions to Tonga.": ("CONCEDE", None, {"FJI"}, {"TON"}),
    "Armenia softened its position on the border.": ("CONCEDE", None, {"ARM"}, set()),
    "Georgia was willing to modify its goals in Abkhazia.": ("CONCEDE", None, {"GEO"}, set()),
    # a visit: arriving in a country's capital
    "King Abdullah of Jordan arrived in Canberra.": ("CONSULT", "visit", {"JOR"}, {"AUS"}),
    # a threat received from no one named has an empty actor (SCHEMA.md)
    "The Chilean ministry received threats from callers.": ("THREATEN", None, set(), {"CHL"}),
    # an arrest warrant is a threat of arrest (PLOVER THREATEN arrest)
    "Peruvian prosecutors issued a warrant for the arrest of two Chilean officers.": (
        "THREATEN",
        "arrest",
        {"PER"},
        {"CHL"},
    ),
    # a document named again is its earlier mention's
    "Chad cited the U.N. resolution. The resolution calls for Libya's withdrawal from Aouzou.": (
        "REQUEST",
        "yield",
        {"UN"},
        {"LBY"},
    ),
    # handing over a suspect is judicial cooperation; revoking a ban eases a restriction
    "Pakistan handed over a suspect to Kenya.": ("COOPERATE", None, {"PAK"}, {"KEN"}),
    "Gambia revoked the ban on opposition parties.": ("CONCEDE", None, {"GMB"}, set()),
    # a response to an attack still to come is a threat of force, aimed at the attacker
    "Oman said it would respond to any Yemeni attack.": ("THREATEN", "violence", {"OMN"}, {"YEM"}),
    # the object of a prepositional verb is read for its sense ("withdraw from a treaty")
    "Chile withdrew from the treaty with Peru.": ("SANCTION", "withdraw", {"CHL"}, {"PER"}),
    # talks among one country's own people have one party and no recipient
    "Chilean officials met with their lawyers in Santiago.": ("CONSULT", None, {"CHL"}, set()),
    # material acts from CAMEO's verb dictionary, read against PLOVER
    "Romania granted asylum to a Moldovan journalist.": ("AID", None, {"ROU"}, {"MDA"}),
    "The IMF approved a $2 billion loan to Ghana.": ("AID", None, {"IMF"}, {"GHA"}),
    "Armenia and Azerbaijan exchanged 30 prisoners.": ("RETREAT", "release", {"ARM", "AZE"}, set()),
    "Ugandan soldiers looted shops in Goma.": ("COERCE", "seize", {"UGA"}, {"COD"}),
    "The Burmese army fought ethnic rebels in Shan state.": ("ASSAULT", None, {"MMR"}, {"MMR"}),
    "ECOWAS suspended Guinea.": ("SANCTION", None, {"ECOWAS"}, {"GIN"}),
    "Japanese and Indian troops held joint exercises.": ("COOPERATE", None, {"JPN", "IND"}, set()),
    "Canada evacuated its embassy in Kabul.": ("SANCTION", "withdraw", {"CAN"}, {"AFG"}),
    # who claims an act did it
    "Al-Shabaab claimed responsibility for the attack on a hotel in Mogadishu.": (
        "ASSAULT",
        None,
        {"SOM"},
        {"SOM"},
    ),
    # a charge names the accused, not the doers of the crime; a person is of the place
    "Iranian prosecutors charged a French tourist with espionage.": (
        "ACCUSE",
        None,
        {"IRN"},
        {"FRA"},
    ),
    "He was charged with treason in Tashkent.": ("ACCUSE", None, {"UZB"}, {"UZB"}),
    # a city the NER takes for a person after "in" is a place
    "Police arrested two men in Lyon on Friday.": ("COERCE", None, {"FRA"}, {"FRA"}),
    # an armed group known by a name no dictionary holds fights where it is
    "Tamil rebels attacked an army camp in Jaffna.": ("ASSAULT", None, {"LKA"}, {"LKA"}),
    # an ethnic group is no state: its people are of the place
    "Ethnic Hungarians in Cluj protested against the language law.": (
        "PROTEST",
        None,
        {"ROU"},
        {"ROU"},
    ),
    # wider objects: people captured, suspects handed over; arrests made with no doer named
    "The Malaysian navy captured 12 pirates off Penang.": ("COERCE", "arrest", {"MYS"}, {"MYS"}),
    "Tanzania handed over two suspects to Kenya.": ("COOPERATE", None, {"TZA"}, {"KEN"}),
    "Over 50 arrests have been made in Lyon since Friday.": ("COERCE", None, {"FRA"}, {"FRA"}),
    # a protest lodged is a formal complaint; tariffs are sanctions
    "Vietnam lodged a formal protest with China over the oil rig.": (
        "ACCUSE",
        "disapprove",
        {"VNM"},
        {"CHN"},
    ),
    "Washington slapped tariffs on Canadian steel.": ("SANCTION", None, {"USA"}, {"CAN"}),
    # vandalism told in a participle is no accident
    "Masked youths attacked a bank in Athens, overturning cars.": (
        "ASSAULT",
        None,
        {"GRC"},
        {"GRC"},
    ),
    # the place where a named party's people are is not a party to their act
    "Turkish troops in Iraq shelled the village of Zakho.": ("ASSAULT", None, {"TUR"}, {"IRQ"}),
    "Police in Manchester, N.H., arrested two men.": ("COERCE", None, {"USA"}, {"USA"}),
    # a participle on a passive says what its subject was doing, not what the act led to
    "Four Malian soldiers were killed fighting jihadist rebels in Niger.": (
        "ASSAULT",
        None,
        {"MLI"},
        {"NER"},
    ),
    # a party named as the object before an infinitive does what it says
    "The shelling of Goma prompted Rwanda to attack Congolese army posts.": (
        "ASSAULT",
        None,
        {"RWA"},
        {"COD"},
    ),
    # a noun in apposition that names no party stands for the name beside it
    "Chad, a country taking part in the offensive against Libya, sent jets.": (
        "ASSAULT",
        None,
        {"TCD"},
        {"LBY"},
    ),
    "Benin, a state which joined the attack on Niger, recalled its envoy.": (
        "ASSAULT",
        None,
        {"BEN"},
        {"NER"},
    ),
    # "the president" is the last person the article gave that title
    "Kenyan President William Ruto met Ugandan officials in Kampala. "
    "The president later accused Somalia of lying.": (
        "ACCUSE",
        None,
        {"KEN"},
        {"SOM"},
    ),
    # criticism and legal procedure
    "Peru lambasted Chile over the fishing dispute.": ("ACCUSE", "disapprove", {"PER"}, {"CHL"}),
    "Nepal objected to the Indian plan.": ("ACCUSE", "disapprove", {"NPL"}, {"IND"}),
    "Police in Lima arraigned two Chilean nationals.": ("ACCUSE", "allege", {"PER"}, {"CHL"}),
    "Police in Lima questioned two Chilean students.": ("ACCUSE", "investigate", {"PER"}, {"CHL"}),
    # the subject undergoes the act its object or "under"/"into"/"in" names
    "Turkey faced criticism from Germany over the arrests.": ("ACCUSE", None, {"DEU"}, {"TUR"}),
    "A Yemeni vessel came under attack from Somali pirates.": ("ASSAULT", None, {"SOM"}, {"YEM"}),
    # ... also the subject of the clause a participle of undergoing hangs on
    "Slovakia's parliament passed the media law, drawing criticism from the EU.": (
        "ACCUSE",
        None,
        {"EU"},
        {"SVK"},
    ),
    # "for" opening a clause makes a prepositional verb ("called for X to do")
    "On Monday, Latvia called for Belarus to withdraw its troops from the border.": (
        "REQUEST",
        None,
        {"LVA"},
        {"BLR"},
    ),
    "Chile pushed for Peru to send more observers to Bolivia.": ("REQUEST", None, {"CHL"}, {"PER"}),
    # telling another state's envoy to go expels the envoy
    "Peru's government gave the Chilean ambassador 48 hours to leave the country.": (
        "SANCTION",
        "expel",
        {"PER"},
        {"CHL"},
    ),
    "The Malian junta ordered the French ambassador to leave within 72 hours.": (
        "SANCTION",
        "expel",
        {"MLI"},
        {"FRA"},
    ),
    # a state's act told without its doer: done by the country left, else where it happens
    "The suspect was extradited to Chile from Peru.": ("COOPERATE", None, {"PER"}, {"CHL"}),
    "Two Chilean journalists were expelled from Peru on Monday.": (
        "COERCE",
        "deport",
        {"PER"},
        {"CHL"},
    ),
    # weapons sent to a sea or a border deploy there; sent to a party they are aid
    "Turkey sent two frigates to the Aegean Sea on Monday.": (
        "MOBILIZE",
        "weapons",
        {"TUR"},
        set(),
    ),
    "Norway sent howitzers to Estonia.": ("AID", None, {"NOR"}, {"EST"}),
    # cutting off the energy a state supplies sanctions
    "Ghana cut off power to Togo on Sunday.": ("SANCTION", "discontinue", {"GHA"}, {"TGO"}),
    # an act noun gathered by "a wave of" after a support verb
    "Sudan unleashed a wave of attacks on Chadian border towns.": (
        "ASSAULT",
        None,
        {"SDN"},
        {"TCD"},
    ),
    # an act noun after a verb that raises or wages it
    "Chile doubled tariffs on Argentine wine.": ("SANCTION", None, {"CHL"}, {"ARG"}),
    "The Indian Navy took 23 Somali pirates into custody.": ("COERCE", "arrest", {"IND"}, {"SOM"}),
    # labour strikes, stones thrown, ships sunk
    "The Greek unions staged a general strike in Athens on Wednesday.": (
        "PROTEST",
        "strike",
        {"GRC"},
        {"GRC"},
    ),
    "SOFIA, Bulgaria (AP) -- The general strike shut down the country on Wednesday.": (
        "PROTEST",
        "strike",
        {"BGR"},
        {"BGR"},
    ),
    "Rioters threw stones at Turkish police in Ankara.": ("ASSAULT", "primitive", {"TUR"}, {"TUR"}),
    "The Indian navy sank a Somali pirate ship.": ("ASSAULT", "destroy", {"IND"}, {"SOM"}),
    # releasing a person the text names beside a role noun
    "Iran freed the French teacher Paul Moreau.": ("RETREAT", "release", {"IRN"}, {"FRA"}),
    # a launch whose object is an attack is that attack, aimed at the place it hits
    "Russia launched a drone strike on Kharkiv.": ("ASSAULT", None, {"RUS"}, {"UKR"}),
    # crowd control (PLOVER: ASSAULT crowd-control)
    "Serbian police used tear gas against protesters in Belgrade.": (
        "ASSAULT",
        "crowd-control",
        {"SRB"},
        {"SRB"},
    ),
    "Chilean police fired water cannon at students in Santiago.": (
        "ASSAULT",
        "crowd-control",
        {"CHL"},
        {"CHL"},
    ),
    # suspending joint drills reduces relations
    "The United States suspended joint naval drills with Thailand.": (
        "SANCTION",
        "discontinue",
        {"USA"},
        {"THA"},
    ),
    # aid sent to a region goes to its country
    "Norway sent humanitarian aid to Darfur.": ("AID", None, {"NOR"}, {"SDN"}),
    # sanctions imposed, and threatened or vowed in return
    "Japan imposed tariffs on Korean chemicals.": ("SANCTION", "discontinue", {"JPN"}, {"KOR"}),
    "Ottawa reimposed sanctions on Venezuela's gold sector.": ("SANCTION", None, {"CAN"}, {"VEN"}),
    "Australia threatened to impose sanctions on Myanmar.": ("THREATEN", None, {"AUS"}, {"MMR"}),
    "Mexico vowed to retaliate against any Guatemalan duties.": (
        "THREATEN",
        None,
        {"MEX"},
        {"GTM"},
    ),
    # a retaliation told as done is the act it names, not a threat
    "Latvia retaliated by expelling two Belarusian diplomats.": (
        "SANCTION",
        "expel",
        {"LVA"},
        {"BLR"},
    ),
    # what a reprisal is over names no recipient once its object names one
    "Norway expelled three Russian diplomats over the arrest of a Norwegian in Sweden.": (
        "SANCTION",
        "expel",
        {"NOR"},
        {"RUS"},
    ),
    # yielding power, disarming, labour strikes, executions, aid counted in money
    "Chad's military council handed power to a civilian government.": (
        "CONCEDE",
        None,
        {"TCD"},
        set(),
    ),
    "Rebels in Mindanao laid down their arms.": ("RETREAT", "disarm", {"PHL"}, set()),
    "Dock workers at the Greek port went on strike.": ("PROTEST", "strike", {"GRC"}, {"GRC"}),
    "Canada provided $300 million in aid to Ukraine.": ("AID", None, {"CAN"}, {"UKR"}),
    "The IMF approved a bailout for Pakistan.": ("AID", None, {"IMF"}, {"PAK"}),
    "Saudi Arabia executed three Yemeni fishermen.": ("ASSAULT", "targeted", {"SAU"}, {"YEM"}),
    # refusing to hand over people, not words, is a rejection
    "Iran refused to release the British sailors.": ("REJECT", None, {"IRN"}, {"GBR"}),
    # an agreement reached or struck; a joint suspension agreed; a reprisal promised
    "Chile and Peru reached an agreement on fishing rights.": (
        "AGREE",
        None,
        {"CHL", "PER"},
        set(),
    ),
    "Ghana struck a trade deal with Togo.": ("AGREE", None, {"GHA", "TGO"}, set()),
    "Chile and Peru agreed to suspend their joint naval exercises.": (
        "AGREE",
        None,
        {"CHL", "PER"},
        set(),
    ),
    "The Kremlin vowed to respond to the expulsions.": ("THREATEN", None, {"RUS"}, set()),
    # going somewhere for talks with someone: the traveller is a party to the talks
    "The Chilean president crossed into Peru for a summit with the Peruvian president.": (
        "CONSULT",
        None,
        {"CHL", "PER"},
        set(),
    ),
    # legal proceedings launched against a party
    "The African Union launched proceedings against Gabon.": ("ACCUSE", None, {"AU"}, {"GAB"}),
    # storming a building is an attack (the verb, not the weather's noun); firing into a place
    "Somali militants stormed a hotel in Kismayo.": ("ASSAULT", None, {"SOM"}, {"SOM"}),
    "Lebanese fighters fired rockets into northern Israel.": ("ASSAULT", None, {"LBN"}, {"ISR"}),
    # protesters storming a building riot (the labels code it as a protest)
    "Angry demonstrators stormed the Chilean embassy in Lima.": (
        "PROTEST",
        "riot",
        {"PER"},
        {"CHL"},
    ),
    # protesters holding a building or blocking a port obstruct (PLOVER sit-ins, blockades)
    "In Valparaiso, protesters occupied the regional government headquarters.": (
        "PROTEST",
        "obstruct",
        {"CHL"},
        {"CHL"},
    ),
    # capturing a named place seizes it
    "Syrian troops captured Idlib.": ("COERCE", "seize", {"SYR"}, {"SYR"}),
    # a visit for an organisation's meeting visits the organisation, not the host city
    "The Chilean president travelled to Addis Ababa for an African Union summit.": (
        "CONSULT",
        "visit",
        {"CHL"},
        {"AU"},
    ),
    # a city the NER marks as a place, smaller than the guard for other names
    "Police in Kherson detained two men.": ("COERCE", "arrest", {"UKR"}, {"UKR"}),
    # legal acts: an appeal of a ruling, a subpoena
    "Peru's lawyers appealed the verdict in Lima.": ("ACCUSE", "allege", {"PER"}, {"PER"}),
    "A Chilean senate committee subpoenaed the Bolivian consul.": (
        "ACCUSE",
        "investigate",
        {"CHL"},
        {"BOL"},
    ),
    # arrests and a police search
    "Ecuador's police nabbed two Colombian smugglers.": ("COERCE", "arrest", {"ECU"}, {"COL"}),
    "Ecuador's police launched a manhunt for the gunmen.": ("MOBILIZE", "police", {"ECU"}, set()),
    # force named by its effect on a military target
    "Turkish jets struck militant targets near Kirkuk.": ("ASSAULT", None, {"TUR"}, {"IRQ"}),
    "Ethiopian drones hit rebel positions in Tigray.": ("ASSAULT", None, {"ETH"}, {"ETH"}),
    "Chadian aircraft pounded a rebel convoy near Faya.": ("ASSAULT", None, {"TCD"}, {"TCD"}),
    "Kenyan jets targeted militant camps in Somalia.": ("ASSAULT", None, {"KEN"}, {"SOM"}),
    # an attack with no author named, done by a weapon or an act of violence
    "A car bomb killed nine people in Mosul.": ("ASSAULT", None, set(), {"IRQ"}),
    # sanctions renewed, or taken in reply, are sanctions
    "Canada extended its sanctions against Belarus.": ("SANCTION", None, {"CAN"}, {"BLR"}),
    "Peru retaliated against Chile with tariffs.": ("SANCTION", None, {"PER"}, {"CHL"}),
    # a statement or resolution blocked is rejected
    "Greece blocked a joint statement on Turkey by the EU.": ("REJECT", None, {"GRC"}, {"EU"}),
    # a capital after a grievance or a joint act stands for its government
    "Chile lodged a protest with Lima.": ("ACCUSE", None, {"CHL"}, {"PER"}),
    "Austria filed a complaint against Budapest.": ("ACCUSE", None, {"AUT"}, {"HUN"}),
    "Chile hit Peru with tariffs.": ("SANCTION", None, {"CHL"}, {"PER"}),
    # observers let in (RETREAT access), a membership suspended, a weapon tested
    "Belarus allowed OSCE observers to monitor the vote.": (
        "RETREAT",
        "access",
        {"BLR"},
        {"OSCE"},
    ),
    "The African Union suspended Sudan's membership.": ("SANCTION", None, {"AU"}, {"SDN"}),
    "Pakistan tested a cruise missile.": ("MOBILIZE", "weapons", {"PAK"}, set()),
    # a region's people are no country's
    "Guatemalan police detained 40 South American migrants in Tecun Uman.": (
        "COERCE",
        "arrest",
        {"GTM"},
        {"GTM"},
    ),
    # a protest with an object: lodged by a state, or a crowd's aimed at the object
    "Chile protested the ruling of the Peruvian court.": ("ACCUSE", "disapprove", {"CHL"}, {"PER"}),
    "Bolivian students protested the visit of the Chilean president.": (
        "PROTEST",
        "demo",
        {"BOL"},
        {"CHL"},
    ),
    "Ghana imposed martial law in two regions.": ("COERCE", "martial-law", {"GHA"}, {"GHA"}),
    "Mali's junta imposed a curfew in Bamako.": ("COERCE", "curfew", {"MLI"}, {"MLI"}),
    # an ultimatum threatens whoever the support verb gives it to
    "Washington gave Tehran an ultimatum to free the sailors.": (
        "THREATEN",
        "relations",
        {"USA"},
        {"IRN"},
    ),
    # a measure of goods is the goods: "tonnes of wheat" is food aid
    "Norway delivered 3,000 tonnes of wheat to Yemen.": ("AID", None, {"NOR"}, {"YEM"}),
    "India started collecting duties on Chinese solar panels.": (
        "SANCTION",
        "discontinue",
        {"IND"},
        {"CHN"},
    ),
    # opposing a policy disapproves of it; opposing an act refuses it
    "Finland opposed the expansion of the Russian fleet.": (
        "ACCUSE",
        "disapprove",
        {"FIN"},
        {"RUS"},
    ),
    # what a party calls another's act judges it
    "Bolivia called the Chilean sanctions illegal.": ("ACCUSE", "disapprove", {"BOL"}, {"CHL"}),
    "Kenya described the talks with Somalia as productive.": ("SUPPORT", None, {"KEN"}, {"SOM"}),
    # siding with or standing by a party supports it, named through its relation too
    "Lithuania sided with Poland in the dispute.": ("SUPPORT", None, {"LTU"}, {"POL"}),
    "Estonia said it stood by its ally Latvia.": ("SUPPORT", None, {"EST"}, {"LVA"}),
    # what is discussed is a topic, not a partner
    "Chile and Argentina discussed Bolivia.": ("CONSULT", None, {"CHL", "ARG"}, set()),
    # "accused/thanked X of/for doing": X did it
    "Ghana accused Togo of shelling Ghanaian border villages.": (
        "ASSAULT",
        None,
        {"TGO"},
        {"GHA"},
    ),
    "Peru thanked Chile for sending food to Lima.": ("AID", None, {"CHL"}, {"PER"}),
    # martial law declared binds the country's own people, whatever prompted it
    "Moldova declared martial law after Romania closed the border.": (
        "COERCE",
        "martial-law",
        {"MDA"},
        {"MDA"},
    ),
    "Sri Lanka declared a curfew in Colombo.": ("COERCE", "curfew", {"LKA"}, {"LKA"}),
    "Peru extended the state of emergency in Lima.": ("COERCE", "martial-law", {"PER"}, {"PER"}),
    # people named by their occupation are people an act is done to
    "Vietnam released a jailed Australian blogger.": ("RETREAT", "release", {"VNM"}, {"AUS"}),
    "Eritrea detained two Swedish missionaries.": ("COERCE", "arrest", {"ERI"}, {"SWE"}),
    # news media closed, banned, suspended or blocked are censored
    "Zambia closed two private radio stations.": ("COERCE", "censor", {"ZMB"}, {"ZMB"}),
    "Belarus shut down the last independent newspaper.": ("COERCE", "censor", {"BLR"}, {"BLR"}),
    "Iran blocked dozens of news websites.": ("COERCE", "censor", {"IRN"}, {"IRN"}),
    # an office holder named by the office and a demonym is the party's
    "The Omani sultan hosted the Iranian foreign minister in Muscat.": (
        "CONSULT",
        "visit",
        {"IRN"},
        {"OMN"},
    ),
    "Ghana's president congratulated the new Togolese leader.": ("SUPPORT", None, {"GHA"}, {"TGO"}),
    # proceedings against a capital, formal representations, exchanges suspended
    "Ottawa started proceedings against Budapest.": ("ACCUSE", "allege", {"CAN"}, {"HUN"}),
    "Hanoi lodged representations with Beijing.": ("ACCUSE", "disapprove", {"VNM"}, {"CHN"}),
    "Tokyo suspended military exchanges with Beijing.": ("SANCTION", None, {"JPN"}, {"CHN"}),
    # air defences are weapons: their owner fires them
    "Iranian air defences shot down a Saudi drone.": ("ASSAULT", None, {"IRN"}, {"SAU"}),
    # jets scrambled show readiness; an arms sale approved is aid
    "Japan scrambled fighter jets to intercept Chinese drones.": (
        "MOBILIZE",
        "weapons",
        {"JPN"},
        {"CHN"},
    ),
    "Paris approved the sale of Rafale jets to India.": ("AID", None, {"FRA"}, {"IND"}),
    # a call received is the caller's consultation, "from" on the call or the verb
    "Kenya received a phone call from the Ugandan president.": (
        "CONSULT",
        "phone",
        {"UGA"},
        {"KEN"},
    ),
    # weapons passed on; a pact revived or renewed
    "Washington might pass the shells on to Ukraine.": ("AID", None, {"USA"}, {"UKR"}),
    "Russia and Belarus revived a Soviet-era defence pact.": ("AGREE", None, {"RUS", "BLR"}, set()),
    # attacks by hackers are cyber attacks
    "Russian hackers attacked the Estonian power grid.": ("COERCE", "cyber", {"RUS"}, {"EST"}),
    # deliveries halted are a sanction
    "Moscow halted gas deliveries to Latvia.": ("SANCTION", "discontinue", {"RUS"}, {"LVA"}),
    # a reply's act is its means, aimed at whom the reply answers
    "Peru retaliated against Chile by expelling two diplomats.": (
        "SANCTION",
        "expel",
        {"PER"},
        {"CHL"},
    ),
    "Peru vowed to fight back against any Chilean tariffs.": ("THREATEN", None, {"PER"}, {"CHL"}),
    # a state protests to another through its diplomats; protesters protest at home
    "Laos protested to Thailand over the border raid.": ("ACCUSE", "disapprove", {"LAO"}, {"THA"}),
    "Ecuador protested against Peru's new tariffs.": ("ACCUSE", "disapprove", {"ECU"}, {"PER"}),
    "Bangkok complained to Vientiane about the dam.": ("ACCUSE", None, {"THA"}, {"LAO"}),
    "Laos protested Vietnam's deployment of troops on the border.": (
        "ACCUSE",
        "disapprove",
        {"LAO"},
        {"VNM"},
    ),
    "Thousands of Chileans protested against the government in Santiago.": (
        "PROTEST",
        "demo",
        {"CHL"},
        {"CHL"},
    ),
    "Bolivian protesters clashed with police in La Paz.": ("PROTEST", "riot", {"BOL"}, {"BOL"}),
    # asked of a group of the asker's own country
    "Lebanon's prime minister called on Hezbollah to disarm.": ("REQUEST", None, {"LBN"}, {"LBN"}),
    # tariffs raised, doubled or hiked; a town retaken by force
    "Canada doubled tariffs on Mexican steel.": ("SANCTION", None, {"CAN"}, {"MEX"}),
    "Kenya hiked tariffs on Ugandan sugar.": ("SANCTION", None, {"KEN"}, {"UGA"}),
    # things given counted by their collective ("its fleet of"); troops arriving deploy;
    # the internet cut or shut down is censored
    "Latvia gave Estonia its fleet of fighter jets.": ("AID", None, {"LVA"}, {"EST"}),
    "Chadian troops arrived in Niger on Monday.": ("MOBILIZE", "troops", {"TCD"}, {"NER"}),
    "Togo cut internet access in Lome.": ("COERCE", "censor", {"TGO"}, {"TGO"}),
    # an exercise held alone mobilises; debts written off are aid; a demand withdrawn is
    # conceded; a dispute settled is agreed
    "The Chilean navy held a large exercise off Valparaiso.": (
        "MOBILIZE",
        "troops",
        {"CHL"},
        set(),
    ),
    "Japan wrote off Laos's debt.": ("AID", None, {"JPN"}, {"LAO"}),
    "The Zambian opposition withdrew its demand for a recount.": ("CONCEDE", None, {"ZMB"}, set()),
    "Belize and Guatemala settled their border dispute.": ("AGREE", None, {"BLZ", "GTM"}, set()),
    # brushing aside or snubbing what a party did or offered rejects the party
    "Minsk brushed aside Lithuanian criticism of the election.": (
        "REJECT",
        None,
        {"BLR"},
        {"LTU"},
    ),
    "The Kenyan president snubbed the Ugandan president's visit.": (
        "REJECT",
        None,
        {"KEN"},
        {"UGA"},
    ),
    # telling someone to act asks it of them; weapons given up are disarmed
    "Peru told Bolivia to withdraw its troops.": ("REQUEST", None, {"PER"}, {"BOL"}),
    "Libya gave up its chemical weapons.": ("RETREAT", "disarm", {"LBY"}, set()),
    # a city acted on is a place, not people of the actor's country; peacekeepers act
    "Turkish jets bombed Kirkuk.": ("ASSAULT", None, {"TUR"}, {"IRQ"}),
    "Pakistani peacekeepers withdrew from Kidal.": ("RETREAT", None, {"PAK"}, set()),
    "Malian troops recaptured the town of Gao from the rebels.": (
        "COERCE",
        "seize",
        {"MLI"},
        {"MLI"},
    ),
    # linking someone to an attack or crime alleges it; so does implicating them
    "Peruvian prosecutors linked the Bolivian militia to the bombing.": (
        "ACCUSE",
        "allege",
        {"PER"},
        {"BOL"},
    ),
    "The Ecuadorian report implicated Colombian officers in the killings.": (
        "ACCUSE",
        "allege",
        {"ECU"},
        {"COL"},
    ),
    # an exchange of fire is force used by both sides; charges filed accuse
    "Honduran soldiers exchanged fire with Nicaraguan smugglers.": (
        "ASSAULT",
        None,
        {"HND"},
        {"NIC"},
    ),
    "Uruguayan prosecutors filed charges against the Paraguayan consul.": (
        "ACCUSE",
        "allege",
        {"URY"},
        {"PRY"},
    ),
    # heading to a country is a visit; a manhunt is a state's police deployed
    "The Guatemalan foreign minister headed to Mexico on Monday for talks on migration.": (
        "CONSULT",
        "visit",
        {"GTM"},
        {"MEX"},
    ),
    "Police launched a manhunt in Bolivia for the Peruvian gunman.": (
        "MOBILIZE",
        "police",
        {"BOL"},
        {"PER"},
    ),
    # access given to monitors lets them in; promised, it is a concession
    "Laos granted access to the UN monitors on Monday.": ("RETREAT", "access", {"LAO"}, {"UN"}),
    "Laos agreed to give UN inspectors full access to the border camps.": (
        "CONCEDE",
        None,
        {"LAO"},
        {"UN"},
    ),
    # a detainee held on charges, without bail or in jail is detained by the state there
    "The Peruvian man was being held on charges of fraud in La Paz.": (
        "COERCE",
        "arrest",
        {"BOL"},
        {"PER"},
    ),
    "Bolivian police held the Peruvian consul in jail for two days.": (
        "COERCE",
        "arrest",
        {"BOL"},
        {"PER"},
    ),
    # a state visit is its visitor's, hosted where the dateline is
    "MINSK (AP)_ The Kazakh president's three-day state visit ended on Friday with a deal.": (
        "CONSULT",
        "visit",
        {"KAZ"},
        {"BLR"},
    ),
}


@pytest.fixture(scope="module")
def coded(nlp: Any) -> dict[str, list[Event]]:
    """Every test sentence analysed in one batch, as ingest analyses articles."""
    articles = [
        Article(doc_id=f"trig{number}", title="", text=text, published=PUBLISHED)
        for number, text in enumerate(CASES)
    ]
    analyses = ArticleAnalyser(Settings()).analyse(articles)
    return {text: list(a.events) for text, a in zip(CASES, analyses, strict=True)}


@pytest.mark.model
@pytest.mark.parametrize("sentence", list(CASES))
def test_nlp_triggers_code_type_and_parties(coded: dict[str, list[Event]], sentence: str) -> None:
    event_type, mode, actor, recipient = CASES[sentence]
    found = [(e.type, e.mode, set(e.actor), set(e.recipient)) for e in coded[sentence]]
    assert any(
        (t, a, r) == (event_type, actor, recipient) and (mode is None or m == mode)
        for t, m, a, r in found
    ), found


# sentence -> event type that must not be among the events
NOT_CASES: dict[str, str] = {
    # a post held or taken, an accounting charge and a railway link accuse no one
    "The Chilean minister is in charge of the Bolivian file.": "ACCUSE",
    "Chad's general took charge after the coup.": "ACCUSE",
    "The Bolivian firm took a one-time charge of $15 million.": "ACCUSE",
    "The new railway links Chile to Bolivia.": "ACCUSE",
    # talks held in a city detain no one
    "The talks between Chile and Peru were held in Geneva on Monday.": "COERCE",
    # access to the sea or to gas lets no observer in
    "Bhutan gave Nepal access to the sea.": "RETREAT",
    "Bhutan voiced support for giving the West more access to its hydropower.": "RETREAT",
    "Kenya called it off with Uganda.": "CONSULT",  # "call off" is no phone call
    # an act noun that only says what kind of people or weapon its head is
    "Later, riot police detained nine students in Santiago.": "PROTEST",
    "Protest leaders met the mayor of Oruro.": "PROTEST",
    "Aid workers left Kabul on Monday.": "AID",
    "Peru offered condolences to Chile.": "AGREE",
    # condolences and sympathy are an empathetic comment, no PLOVER act
    "Bolivia expressed its condolences to the families of the Chilean victims.": "SUPPORT",
    "Uruguay conveyed its deep sympathy to Paraguay.": "SUPPORT",
    # what a statement is about is no act of its speaker's
    "Japan expressed its sympathy to Kenya over the bombing.": "ASSAULT",
    # a source asking not to be named makes no request
    "A Malian official, who asked not to be identified, said talks went on.": "REQUEST",
    # a request to someone no party is resolved for is not coded without a recipient
    "It would look as if Austria had pressured him.": "REQUEST",
    # what someone expects with no speaker reported is no threat
    "Somalia expects air strikes.": "THREATEN",
    # a response that happened is no threat
    "Oman responded to the attack with air strikes on Yemen.": "THREATEN",
    # agreeing with a view is no AGREE
    "Judges from Chile and Peru agreed that the law was unfair.": "AGREE",
    # a lone meeting with a partner of unknown country is not talks at home
    "Peru's president met with Zorvak Delmonte.": "CONSULT",
    "Vietnam lodged a formal protest with China over the oil rig.": "PROTEST",
    # deaths in an accident are no one's assault
    "Nine Nigerian soldiers were killed when their helicopter crashed near Kaduna.": "ASSAULT",
    "Six Kenyan police officers died in a road accident near Garissa.": "ASSAULT",
    # an act that sets the time of a clause is not done by the clause's subject
    "ECOWAS suspended Guinea after the coup.": "ASSAULT",
    # a military strike is no labour strike
    "Israel launched a strike on Syrian positions near Homs.": "PROTEST",
    # a demonstration of something shown is no protest; riot police lines are no riot
    "The drill was a demonstration of Chinese resolve in Fujian.": "PROTEST",
    "Officers in Lima sought refuge behind riot police lines.": "PROTEST",
    # a missile strike launched is no test launch
    "Russia launched a drone strike on Kharkiv.": "MOBILIZE",
    # tariffs in a threat are the threat's, not an act of their own
    "Australia threatened to impose sanctions on Myanmar.": "SANCTION",
    "Latvia retaliated by expelling two Belarusian diplomats.": "THREATEN",
    # a test launch split by the tokenizer is no dismissal; an executed plan is no killing
    "Iran test-fired a ballistic missile into the Gulf of Oman.": "COERCE",
    "Kenya executed the plan to reopen the border.": "ASSAULT",
    # a source withholding comment or details rejects no one
    "A Kenyan police spokesman declined to comment on the arrests.": "REJECT",
    "Peru's foreign minister declined to discuss the talks with Chile.": "REJECT",
    "Bolivia's embassy in Lima refused to give details of the Peruvian offer.": "REJECT",
    # reaching a place is no agreement; a joint suspension agreed is no threat
    "Russian troops reached the outskirts of Kyiv.": "AGREE",
    "Chile and Peru agreed to suspend their joint naval exercises.": "THREATEN",
    # custody of a child is no arrest
    "The Cuban boy is in the temporary custody of his uncle in Miami.": "COERCE",
    # committing a crime pledges nothing
    "A Chilean smuggler committed a series of assaults in Lima.": "AGREE",
    "Peru said the crimes he committed in Lima were grave.": "AGREE",
    # an appeal for calm asks
    "Bolivia appealed for calm after the vote.": "ACCUSE",
    # a source asking for anonymity makes no request
    "An Estonian official, requesting anonymity, said Latvia had closed the port.": "REQUEST",
    "Two Latvian officials asked for anonymity.": "REQUEST",
    # naming an object by a predicate is no call and no request; a day is no "call on"
    "Estonian President Toomas Vask called Russian President Boris Yeltsin a liar on Monday.": (
        "REQUEST"
    ),
    "Latvia's premier called the Estonian president a coward.": "CONSULT",
    "German Chancellor Helmut Kohl called the French rescue plan vital for all of Europe.": (
        "REQUEST"
    ),
    # a question asked is no request; seizing the initiative takes nothing
    '"Why have a war?" asked a Latvian customs officer in Riga.': "REQUEST",
    "Asked whether he was pleased with Estonia, the Latvian premier said no.": "REQUEST",
    "Latvia asked Estonia why it had closed the border.": "REQUEST",
    "The Estonian army moved quickly to seize the initiative from Latvia.": "COERCE",
    # showing or admitting that something is so is no protest and no concession; meeting a
    # standard is no meeting
    "Latvian officials are keen to demonstrate that the Latvian elections were fair.": "PROTEST",
    "Latvian unions conceded that the Latvian government was forced to cut pensions.": ("CONCEDE"),
    "Estonia and Latvia have tried hard to meet the standards set by NATO.": "CONSULT",
    # being held is a state, not an arrest
    "Two Latvian suspects remained in detention in Tallinn, Estonian police said.": "COERCE",
    "Six Chadian rebels are in Sudanese custody.": "COERCE",
    # a force of nature or of the economy is no attacker; a target of policy is no target
    "The earthquake hit eastern Turkey.": "ASSAULT",
    "Floods killed 40 people in Nepal.": "ASSAULT",
    "The recession hit Spanish banks.": "ASSAULT",
    "The new tariffs target Chinese steel.": "ASSAULT",
    "Exports hit a record in Chile.": "ASSAULT",
    "Critics in Lima are targeting the Peruvian government.": "ASSAULT",
    "The radio station in Lusaka closed at midnight.": "COERCE",
    "The Commission launched legal action against Hungary.": "MOBILIZE",
    "An Indian frigate received a distress call from a Kenyan trawler.": "CONSULT",
    "The Kenyan parliament passed the bill on Tuesday.": "AID",
    # an act argued or warned against is not done
    "Britain argued against imposing sanctions on Iran.": "SANCTION",
    "Moscow warned Washington against deploying missiles in Poland.": "MOBILIZE",
    "Peru retaliated against Chile by expelling two diplomats.": "ASSAULT",
    "The Peruvian army took action against the rebels in Ayacucho.": "ACCUSE",
    "The law allows journalists in Chile to work freely.": "RETREAT",
    # "other sources" name no giver, not even the country of the story
    "Bolivia receives rifles from other sources, Peruvian officials said.": "AID",
    # an envoy called home is recalled, not expelled
    "Peru ordered its ambassador in Chile to leave Santiago.": "SANCTION",
    # a request that another party act is no act of that party's yet
    "On Monday, Latvia called for Belarus to withdraw its troops from the border.": "RETREAT",
    # a group counted past any list names no parties (no guessed actor)
    "Belarus jailed a blogger. More than 30 countries expelled Belarusian diplomats.": "SANCTION",
    # an act said not to have gone ahead is no act
    "The talks between Laos and Cambodia were postponed.": "CONSULT",
    "The summit between Kenya and Uganda was cancelled.": "CONSULT",
    "Talks between Laos and Cambodia have been cut off for a year.": "CONSULT",
    "Talks between Peru and Bolivia were broken off in March.": "CONSULT",
    "Chile's pledge to send frigates to Peru was abandoned.": "AGREE",
    # the verb that holds an act noun names that act, not another
    "Chile held joint drills with Peru.": "ASSAULT",
    # a state protesting is no street protest; police clashing with protesters assault them
    "Laos protested to Thailand over the border raid.": "PROTEST",
    "Bolivian police clashed with striking miners in La Paz.": "PROTEST",
    # a participle before its noun describes the thing, it reports no act
    "Peru's foreign minister laid flowers at the bombed Chilean embassy in Lima.": "ASSAULT",
}


@pytest.mark.model
@pytest.mark.parametrize("sentence", list(NOT_CASES))
def test_nlp_triggers_phrasal_verb_is_not_its_bare_verb(sentence: str) -> None:
    article = Article(doc_id="not", title="", text=sentence, published=PUBLISHED)
    (analysis,) = ArticleAnalyser(Settings()).analyse([article])
    assert NOT_CASES[sentence] not in {event.type for event in analysis.events}


@pytest.mark.model
def test_nlp_triggers_pronoun_points_back_to_a_person_of_no_party() -> None:
    """ "she" is the teacher named last, not the prime minister named before her."""
    text = (
        "Fiji's prime minister praised Ana Lutu, an Auckland teacher. "
        "She attacked a guard outside the Fijian embassy."
    )
    article = Article(doc_id="she", title="", text=text, published=PUBLISHED)
    (analysis,) = ArticleAnalyser(Settings()).analyse([article])
    assaults = [event for event in analysis.events if event.type == "ASSAULT"]
    assert assaults
    assert all("FJI" not in event.actor for event in assaults)


def test_nlp_triggers_organisation_named_most_is_no_home_for_local_agents() -> None:
    """A generic agent ("the junta", "police") with no place of its own is not of an
    organisation the article names, however often: an organisation is no country."""
    text = (
        "The junta gave the SADC mediators an ultimatum. "
        "SADC said its envoys would stay. Police detained two SADC staff."
    )
    article = Article(doc_id="igo", title="", text=text, published=PUBLISHED)
    (analysis,) = ArticleAnalyser(Settings()).analyse([article])
    assert not [e for e in analysis.events if "SADC" in e.actor], analysis.events


def test_nlp_triggers_undergoer_of_no_party_is_no_guess() -> None:
    """An act undergone by someone the text names, but as no party ("the company ...,
    drawing criticism from Oslo"), gets no recipient guessed from the article."""
    text = (
        "Sweden raised tariffs on Norwegian salmon. Swedish Prime Minister Ulf Berg said "
        "Sweden would respond to any new measures. Nordstrom Motors Inc. said on Monday "
        "that it would move some production abroad to avoid the Swedish tariffs, drawing "
        "sharp criticism from the Norwegian prime minister."
    )
    article = Article(doc_id="undergo", title="", text=text, published=PUBLISHED)
    (analysis,) = ArticleAnalyser(Settings()).analyse([article])
    guessed = [e for e in analysis.events if "criticism" in e.evidence and e.recipient]
    assert not guessed, guessed


def test_nlp_triggers_ruling_named_first_time_is_the_last_courts() -> None:
    """A definite ruling a party reacts to, named for the first time, is the ruling of
    the last court the text names before it."""
    text = (
        "The International Court of Justice rejected the Colombian objections on Monday. "
        "Nicaragua hailed the ruling."
    )
    article = Article(doc_id="ruling", title="", text=text, published=PUBLISHED)
    (analysis,) = ArticleAnalyser(Settings()).analyse([article])
    hailed = [e for e in analysis.events if e.type == "SUPPORT"]
    assert [(e.actor, e.recipient) for e in hailed] == [(("NIC",), ("ICJ",))], hailed


@pytest.mark.parametrize(
    ("text", "mode"),
    [("Fiji declared a curfew.", "curfew"), ("Fiji declared independence.", None)],
)
def test_nlp_triggers_fitting_sense_keeps_a_mode_only_for_its_object(
    text: str, mode: str | None
) -> None:
    """The learned detector's COERCE on "declared" takes the sense whose object fits, and
    no mode when none does: independence declared is no curfew."""
    analyser = ArticleAnalyser(Settings())
    doc = analyser.nlp(text)
    article = Article(doc_id="fit", title="", text=text, published=PUBLISHED)
    resolution, party_of = analyser.resolve_actors(article, doc)
    parties = PartyIndex(doc, resolution.mentions, party_of)
    lexicon = load_lexicon()
    senses = [s for s in lexicon.senses_for("verbs", "declare") if s.type == "COERCE"]
    sense = fitting_sense(doc[1], "verbs", senses, lexicon, parties)
    assert sense is not None
    assert (sense.type, sense.mode) == ("COERCE", mode)


def test_nlp_triggers_protest_without_place_is_in_the_articles_own_country() -> None:
    """A protest whose sentence names no place and no party gathers in the country the
    article is about; one whose sentence names another party is not placed there."""
    text = (
        "Bolivia's government raised fuel prices on Monday. Bolivian unions said Bolivia "
        "could not afford the rise, and Bolivian farmers agreed. "
        "The protests were largely peaceful. "
        "Thousands rallied near a Bolivian army base to demand that Bolivian troops leave."
    )
    article = Article(doc_id="home", title="", text=text, published=PUBLISHED)
    (analysis,) = ArticleAnalyser(Settings()).analyse([article])
    protests = {e.evidence: set(e.actor) for e in analysis.events if e.type == "PROTEST"}
    assert protests.get("The protests were largely peaceful.") == {"BOL"}, protests
    assert not any("army base" in evidence for evidence in protests), protests


@pytest.mark.model
def test_nlp_triggers_topic_of_shared_information_is_no_recipient(nlp: Any) -> None:
    # what shared information is on is its topic, not whom it is shared with
    text = "Chile spoke with Bolivia, sharing information on the Peruvian deployment."
    article = Article(doc_id="share", title="", text=text, published=PUBLISHED)
    events = next(iter(ArticleAnalyser(Settings()).analyse([article]))).events
    assert not [e for e in events if e.type == "COOPERATE" and "PER" in e.recipient]


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "verb", "expected"),
    [
        ("Ukraine praised the howitzers Norway sent to Kyiv.", "sent", True),
        ("Hungary criticised the sanctions it imposed on Belarus.", "imposed", True),
        ("Kyiv remembers the day Moscow invaded.", "invaded", False),
        ("This is the town where Chad sent its troops.", "sent", False),
        ("Ukraine praised the howitzers that Norway sent.", "sent", False),
        ("Ukraine praised the howitzers Norway sent to its army.", "praised", False),
    ],
)
def test_nlp_triggers_zero_relative_objects_the_described_noun(
    nlp: Any, sentence: str, verb: str, expected: bool
) -> None:
    """A relative clause with no relative word objects the noun it describes ("the tanks
    Germany sent"), not a time, a place with "where", or one a relative pronoun names."""
    token = next(t for t in nlp(sentence) if t.text == verb)
    assert zero_relative(token) is expected
