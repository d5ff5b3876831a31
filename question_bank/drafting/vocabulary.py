"""The words and patterns drafting recognises: months, numbers, titles, the words around
actors and places, and the regular expressions for names, dates, figures and sentence ends."""

from __future__ import annotations

import re


def wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


MONTHS = wordset(
    "January February March April May June July August September October November December"
)
WEEKDAYS = wordset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
}
#: Capitalised words that start sentences but are not names.
COMMON = wordset(
    """
    A An The This That These Those It Its They Their Them He His She Her We Our You Your I
    In On At As By For From Of To With Without Into Over Under After Before Since Until
    During Despite Through Across Along Among Between Against Around Near Like Unlike
    And But Or So Yet Nor Thus Hence However Meanwhile Moreover Furthermore Also Still Even
    Although Though While When Where Why How What Which Who Whom Whose If Then Once Whether
    Here There Now Today Yesterday Tomorrow Most Many Some Several Few All Both Each Every
    Any No Not Much More Less Other Another Such Only Just Almost Nearly About Earlier Later
    Late Early Last Next Recently Subsequently Finally Eventually Already Instead
    Mr Mrs Ms Dr
    """
)
#: Words that make a name an organisation or a group of people.
ORG_WORDS = wordset(
    """
    Forces Force Army Armies Agency Agencies Police Squad Units Unit Watch Ministry Council
    League Committee Coalition Group Party Front Brigade Brigades Organisation Organization
    Union Nations Government Court Commission Department Office Bank Fund Institute
    University Times Post Guardian News Press Operation State Parliament Assembly Navy
    Corps Guard Guards Movement Alliance Association Federation Company Corporation
    """
)
#: Words that make a name a place.
PLACE_WORDS = wordset(
    """
    Province River City Peninsula Sea Ocean Island Islands Mountains Mountain Valley Desert
    Gulf Strait Coast Border Governorate County District Region Lake Bay Street Square
    Capital Village Town Republic Kingdom Emirates Territory Territories
    """
)
PLACE_FIRST_WORDS = {"North", "South", "East", "West", "New", "Saudi", "United", "Upper"}
#: Lower-case nouns that, right after a name, show that it is a place.
PLACE_NOUNS = wordset(
    """
    province river city village town border capital region district camp valley desert
    peninsula coast governorate country state countryside mountains
    """
)
PLACE_PREPOSITIONS = {"in", "at", "from", "to", "near", "into", "across", "towards", "toward"}
ACTOR_VERBS = wordset(
    """
    said says say announced announces declared declares claimed claims reported reports
    launched launches called calls expressed attended raided threatened insisted warned
    added told denied accused urged agreed decided reversed put fought battered believe
    believes took led has have had is was were will would
    """
)
TITLES = wordset(
    """
    President Prime Minister MP Senator Governor King Queen Prince Princess General Gen
    Colonel Col Sheikh Emir Chancellor Secretary Spokesman Spokeswoman Chief Commander
    Leader Ayatollah Pope Mayor Judge Ambassador Minister
    """
)
FUNCTION_WORDS = wordset(
    """
    and or but nor of to in on at for with by from into onto over under after before since
    until as than that which who whom whose where when while if around about against among
    between near via per across along through during despite without within towards toward
    is are was were be been being has have had will would can could may might must shall
    should do does did not also
    """
)


def is_acronym(word: str) -> bool:
    """Is it an acronym ("SDF", "UN")?  A title such as "MP" goes with the name after it."""
    return len(word) > 1 and word.isupper() and word not in TITLES


def is_adjective(word: str) -> bool:
    """Demonyms and the like: "Kurdish", "Syrian", "Iraqi", "Sunni", "Arab"."""
    return bool(re.search(r"(?:ish|ian|ean|ican|ese|i)$", word)) or word in {"Arab", "Shia"}


PARTICLES = "al|el|ez|ad|as|ash|ibn|bin|abu"
TITLE_NEXT = re.compile(rf"[ \u00a0]+(?:{'|'.join(sorted(TITLES))})\b")

CAPITAL_WORD = r"[A-Z][\w]*(?:-[A-Z][\w]*)*"
PARTICLE_WORD = rf"(?:{PARTICLES})-[A-Z][\w]*"
WORD = rf"(?:{CAPITAL_WORD}|{PARTICLE_WORD})(?:[’']s(?=\s+[A-Z]))?"
CONNECTOR = r"\s+(?:of\s+the|of|de|da|van|von|bin|ibn)\s+"
NAME = re.compile(rf"(?<![\w’'-]){WORD}(?:(?:{CONNECTOR}|[ \u00a0]){WORD})*")
NAME_WORD = re.compile(rf"(?<![\w’'-]){WORD}")

MONTH = "|".join(sorted(MONTHS))
DATE = re.compile(
    rf"(?<![\w-])(?:(?P<qualifier>[Ee]arly|[Ll]ate|[Mm]id|[Ll]ast|[Nn]ext)(?:-|\s+)(?:in\s+)?)?"
    rf"(?P<month>{MONTH})(?:\s+(?P<day>[0-3]?\d)(?!\d))?(?:,?\s+(?P<year>(?:1[5-9]|20)\d\d))?"
    rf"(?![\w-])"
)
WEEKDAY = re.compile(rf"(?<![\w-])(?:{'|'.join(sorted(WEEKDAYS))})(?![\w-])")
YEAR = re.compile(r"(?<![\w.,-])(?:1[5-9]|20)\d\d(?:s)?(?![\w%]|[.,]\d|\s*(?:per\s?cent|percent))")
FIGURE = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\w|[.,]\d)")
NUMBER_WORD = re.compile(
    r"(?<![\w-])(" + "|".join(NUMBER_WORDS) + r")(?=[\s-]+[a-z])", re.IGNORECASE
)

URL = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|net|io|gov|edu)\b", re.IGNORECASE)
BYLINE = re.compile(
    r"^\s*(?:by\s+[A-Z]|written\s+by\b|[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\s+is\s+an?\s+"
    r"(?:[\w-]+\s+){0,2}(?:writer|reporter|editor|correspondent|journalist|columnist|"
    r"contributor|intern)\b)",
    re.IGNORECASE,
)
END = re.compile(r"[.!…][”\"’')\]]*$")
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "rep", "sen", "gov",
    "jr", "sr", "vs", "etc", "no", "fig", "inc", "ltd", "co", "corp", "dept", "est", "approx",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s",
    "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
}  # fmt: skip
