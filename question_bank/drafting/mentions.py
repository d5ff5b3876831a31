"""What the NLP pipeline finds worth asking in an article: named people, groups and places
(whole entity spans), dates, numbers with their units, and key lower-case terms.

Each ``Mention`` is tied to its sentence (offsets inside the article) and knows its kind,
so that a question's distractors and its category come from the same kind of thing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from question_bank.drafting import nlp
from question_bank.drafting.sentences import Span
from question_bank.drafting.vocabulary import (
    MONTHS,
    NUMBER_WORDS,
    ORG_WORDS,
    PLACE_NOUNS,
    TITLES,
    WEEKDAYS,
)

#: spaCy's entity labels, by the kind of thing a learner is asked for.
KINDS = {
    "PERSON": "person",
    "ORG": "group",
    "NORP": "group",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "event",
    "WORK_OF_ART": "work",
    "LAW": "work",
    "PRODUCT": "thing",
    "DATE": "date",
    "CARDINAL": "number",
    "QUANTITY": "number",
    "MONEY": "number",
    "PERCENT": "number",
}
#: The seed bank's categories (who, where, when, what came of it) for each kind.
CATEGORY = {
    "person": "actor",
    "group": "actor",
    "place": "place",
    "event": "outcome",
    "work": "outcome",
    "thing": "outcome",
    "date": "date",
    "number": "outcome",
    "term": "outcome",
}
ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI)$")
SUFFIXES = {"Jr", "Jr.", "Sr", "Sr."}
RANGE_WORDS = {"and", "to", "or", "-", "–"}
HILLS = {"hills", "mountains", "river", "lake", "islands", "island", "bay", "forest", "plain"}
MORE_ORG_WORDS = {"Railway", "Railroad", "Exchange", "Canal", "Society", "Museum", "Survey"}
HONORIFICS = {"Dr", "Mr", "Mrs", "Ms", "Prof", "Professor", "Sir", "Dame", *TITLES}
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
RELATIVE_DATE = re.compile(
    r"^(?:(?:this|last|next|that|the)\s+)?(?:(?:early|late)\s+)?"
    r"(?:today|yesterday|tomorrow|now|week|weekend|month|year|decade|century|morning|"
    r"evening|night|days?|weeks?|months?|years?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    """One thing in one sentence: its offsets inside the sentence and how to ask for it."""

    kind: str
    label: str
    sentence: Span
    start: int
    end: int
    answer: str
    key: str  # the same thing's key across the article (for "one draft per entity")
    alternatives: tuple[str, ...] = ()
    value: float | None = None  # numbers: the value, tolerance and unit
    tolerance: float = 0.0
    unit: str = ""

    @property
    def category(self) -> str:
        return CATEGORY[self.kind]


def _trim(ent: Any) -> Any:
    """Drop a leading "the" and a trailing possessive; extend "Napoleon" to "Napoleon III"."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start < end and (
        doc[start].lower_ in ("the", "a", "an")
        or (
            ent.label_ == "PERSON" and end - start > 1 and doc[start].text.rstrip(".") in HONORIFICS
        )
    ):
        start += 1
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].text[:1].isupper()
        and doc[start - 1].ent_type_ in ("", ent.label_)
        and doc[start - 1].text.rstrip(".") not in HONORIFICS
    ):
        start -= 1
    if (
        start > 1
        and doc[start - 1].lower_ in ("and", "&", "of")
        and doc[start - 2].pos_ == "PROPN"
        and doc[start - 2].text[:1].isupper()
        and doc[start - 2].ent_iob_ != "I"
        and (
            ent.label_ in ("ORG", "FAC", "EVENT")
            or any(t.text in ORG_WORDS | MORE_ORG_WORDS for t in doc[start:end])
        )
    ):
        start -= 2  # "the Carran and Lume Railway", "the Bank of Valdoria"
    while end > start and doc[end - 1].text in ("'s", "’s", "'", "’", ".", ","):
        end -= 1
    while end < len(doc) and (
        ROMAN.match(doc[end].text)
        or (
            doc[end].pos_ == "PROPN"
            and doc[end].text[:1].isupper()
            and doc[end].ent_type_ in ("", ent.label_)
        )
    ):
        end += 1
    return doc[start:end] if end > start else None


def _is_name(span: Any) -> bool:
    """A real name: capitalised, with a proper noun in it ("OK" and "Tuesday" are not)."""
    words = [t for t in span if t.is_alpha]
    if not words or not span.text[:1].isupper():
        return False
    if span.text in WEEKDAYS or span.text in MONTHS:
        return False
    if len(words) == 1 and words[0].pos_ not in ("PROPN",) and span.label_ != "NORP":
        return False
    return not (len(span.text) <= 2 and not span.text.isupper())


def _after_place_word(span: Any) -> bool:
    before = [t.lower_ for t in span.doc[max(0, span.start - 2) : span.start]]
    return bool(before) and (
        before[-1] in ("in", "at", "near")
        or (before[-1] == "of" and before[0] in PLACE_NOUNS | {"village", "town"})
    )


def _part_of_more(span: Any) -> bool:
    """A name that modifies a word joined to it ("US-backed") or runs on ("Islamic State")."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    following = doc[span.end]
    if following.text in ("-", "–") and span.end + 1 < len(doc):
        return True
    return following.text[:1].isupper() and following.is_alpha


def _binomial(span: Any) -> bool:
    doc = span.doc
    if len(span) != 1 or span.end >= len(doc):
        return False
    following = doc[span.end]
    return following.is_alpha and following.text.islower() and nlp.zipf(following.text) < 1.5


def _before_place_noun(span: Any) -> bool:
    doc = span.doc
    if span.end >= len(doc):
        return False
    following = doc[span.end].lower_
    return doc[span.end].text.islower() and following in PLACE_NOUNS | HILLS


def _in_parentheses(span: Any) -> bool:
    doc = span.doc
    return (
        span.start > 0
        and span.end < len(doc)
        and doc[span.start - 1].text == "("
        and doc[span.end].text == ")"
    )


def _surname(span: Any) -> tuple[str, ...]:
    words = [t.text for t in span if t.is_alpha or "-" in t.text]
    while words and (ROMAN.match(words[-1]) or words[-1] in SUFFIXES):
        return ()  # "Napoleon III", "Martin Luther King Jr.": no bare surname
    if len(words) < 2:
        return ()
    return (words[-1],)


def _number(span: Any) -> tuple[int, int, float] | None:
    """The numeral inside a number entity: its character offsets (in the doc) and value."""
    for token in span:
        if NUMBER.fullmatch(token.text):
            value = float(token.text.replace(",", ""))
            start, end = token.idx, token.idx + len(token.text)
            following = token.nbor(1) if token.i + 1 < len(token.doc) else None
            if following is not None and following.lower_ in SCALE:
                value *= SCALE[following.lower_]
                end = following.idx + len(following.text)
            return start, end, value
        if token.lower_ in NUMBER_WORDS:
            return token.idx, token.idx + len(token.text), float(NUMBER_WORDS[token.lower_])
    return None


def _unit(span: Any, end_char: int) -> str:
    """What the number counts: the rest of the entity, or the noun it modifies."""
    rest = span.doc.text[end_char : span.end_char].strip()
    following = span.doc.text[end_char:].split(maxsplit=1)[:1]
    if following and following[0].lower() in RANGE_WORDS:
        return ""  # "between 2 and 8 degrees": a range asks for two numbers
    if rest:
        return rest
    for token in span:
        if token.dep_ == "nummod" and token.head.pos_ == "NOUN":
            return token.head.text
    after = span.end
    if after < len(span.doc) and span.doc[after].pos_ == "NOUN":
        return span.doc[after].text
    return ""


def _tolerance(value: float, text: str) -> float:
    """Counts and small figures are exact; large or decimal figures get 5% either way."""
    if value == int(value) and abs(value) < 1000:
        return 0.0
    return round(abs(value) * 0.05, 6)


def _date_ok(text: str) -> bool:
    words = re.findall(r"[A-Za-z]+", text)
    if RELATIVE_DATE.match(text) or all(w in WEEKDAYS or w.lower() == "on" for w in words):
        return False
    return bool(re.search(r"\b(?:1[0-9]|20)\d\d\b", text)) or any(w in MONTHS for w in words)


def _number_mention(ent: Any, sentence: Span) -> Mention | None:
    found = _number(ent)
    if found is None:
        return None
    start, end, value = found
    if re.fullmatch(r"(?:1[0-9]|20)\d\d", ent.text.strip()):
        return None  # a year on its own: asked as a date
    unit = _unit(ent, end)
    if not unit:
        return None  # a bare number asks nothing a reader can check
    text = ent.doc.text[start:end]
    return Mention("number", ent.label_, sentence, start - sentence.start, end - sentence.start,
                   text, f"number:{text}:{unit.lower()}", (), value, _tolerance(value, text),
                   unit)  # fmt: skip


def entity_mentions(doc: Any, sentence: Span) -> list[Mention]:
    found = []
    for ent in doc.char_span(sentence.start, sentence.end, alignment_mode="expand").ents:
        kind = KINDS.get(ent.label_)
        if kind is None:
            continue
        if kind == "number":
            mention = _number_mention(ent, sentence)
            if mention:
                found.append(mention)
            continue
        span = _trim(ent) if kind != "date" else ent
        if span is None or span.start_char < sentence.start or span.end_char > sentence.end:
            continue
        text = span.text
        if kind == "date":
            if not _date_ok(text):
                continue
            key = f"date:{text.lower()}"
            alternatives: tuple[str, ...] = ()
        else:
            if not _is_name(span):
                continue
            key = f"name:{text.lower()}"
            if (
                _part_of_more(span)
                or (ent.label_ == "NORP" and span[-1].tag_ in ("JJ", "NNP"))
                or (len(span) == 1 and span[0].pos_ == "ADJ")
            ):
                continue  # "Kurdish-led", "Islamic State-inspired", "Sunni jihadist"
            if _binomial(span):
                continue  # "Megalopta noctilux": a species, not a place or a person
            if _before_place_noun(span):
                kind = "place"  # "the Morwen hills"
            elif kind == "person" and len(span) == 1 and _after_place_word(span):
                kind = "place"  # "the village of Susa", "in Susa"
            if kind == "person" and any(t.text in ORG_WORDS | MORE_ORG_WORDS for t in span):
                kind = "group"  # "the Carran and Lume Railway"
            if _in_parentheses(span):
                continue  # "(SDF)" right after the name it stands for
            alternatives = _surname(span) if kind == "person" else ()
        found.append(Mention(kind, ent.label_, sentence, span.start_char - sentence.start,
                             span.end_char - sentence.start, text, key, alternatives))  # fmt: skip
    return found


def _term_span(chunk: Any) -> Any:
    """A noun chunk without its determiners, possessives and ordinary adjectives."""
    tokens = []
    for token in reversed(list(chunk)):
        if token.i != chunk.root.i and not (
            token.head.i == chunk.root.i
            and token.text.islower()
            and token.is_alpha
            and (token.dep_ == "compound" or (token.pos_ == "ADJ" and nlp.zipf(token.lower_) < 4.0))
        ):
            break
        tokens.insert(0, token)
    if not tokens or chunk.root.pos_ != "NOUN" or not chunk.root.text.islower():
        return None
    return chunk.doc[tokens[0].i : tokens[-1].i + 1]


def key_terms(doc: Any, sentences: list[Span]) -> dict[str, float]:
    """Lower-case terms the article is about: rare in English, said more than once here."""
    counts: Counter[str] = Counter()
    for token in doc:
        if token.pos_ == "NOUN" and token.is_alpha and token.text.islower():
            counts[token.lemma_.lower()] += 1
    terms = {}
    for lemma, count in counts.items():
        rarity = 8.0 - nlp.zipf(lemma)
        if count >= 2 and rarity >= 4.2 and len(lemma) > 3:
            terms[lemma] = count * rarity
    return terms


def term_mentions(doc: Any, sentence: Span, terms: dict[str, float]) -> list[Mention]:
    found = []
    window = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    for chunk in window.noun_chunks:
        if chunk.root.lemma_.lower() not in terms or not chunk.root.text.islower():
            continue
        if any(child.dep_ == "nummod" or child.like_num for child in chunk.root.children):
            continue  # "40 metres", "200 troops": a unit or a count, not a key term
        span = _term_span(chunk)
        if span is None or span.start_char < sentence.start or span.end_char > sentence.end:
            continue
        found.append(Mention("term", "TERM", sentence, span.start_char - sentence.start,
                             span.end_char - sentence.start, span.text,
                             f"term:{chunk.root.lemma_.lower()}"))  # fmt: skip
    return found
