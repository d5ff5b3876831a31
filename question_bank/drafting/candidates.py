"""What in a sentence is worth asking about: dates, figures, and named actors and places,
each with the words a learner would type and a guessed category."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from question_bank.drafting.sentences import Span
from question_bank.drafting.vocabulary import (
    ACTOR_VERBS,
    COMMON,
    CONNECTOR,
    DATE,
    FIGURE,
    FUNCTION_WORDS,
    MONTHS,
    NAME,
    NAME_WORD,
    NUMBER_WORD,
    NUMBER_WORDS,
    ORG_WORDS,
    PARTICLES,
    PLACE_FIRST_WORDS,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    PLACE_WORDS,
    TITLE_NEXT,
    TITLES,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    is_acronym,
    is_adjective,
)


@dataclass(frozen=True)
class Candidate:
    """Something in a sentence worth a blank: where it is, what it is, how to accept it."""

    kind: str  # "date", "figure" or "name"
    category: str
    start: int  # offsets inside the sentence
    end: int
    answer: str
    alternatives: tuple[str, ...] = ()
    priority: int = 0


def _clean(text: str) -> str:
    return " ".join(text.split())


def _date_candidates(sentence: str) -> list[Candidate]:
    found = []
    for match in DATE.finditer(sentence):
        answer = _clean(match.group(0))
        alternatives = []
        if match.group("qualifier"):
            bare = _clean(sentence[match.start("month") : match.end()])
            alternatives.append(bare)
            qualifier = match.group("qualifier").lower()
            alternatives.append(f"{qualifier} {bare}")
        if match.group("year"):
            alternatives.append(f"{match.group('month')} {match.group('year')}")
        found.append(
            Candidate("date", "date", match.start(), match.end(), answer, tuple(alternatives), 0)
        )
    for match in WEEKDAY.finditer(sentence):
        found.append(Candidate("date", "date", match.start(), match.end(), match.group(0), (), 1))
    for match in YEAR.finditer(sentence):
        found.append(Candidate("date", "date", match.start(), match.end(), match.group(0), (), 1))
    return found


def _figure_candidates(sentence: str) -> list[Candidate]:
    found = []
    for match in FIGURE.finditer(sentence):
        text = match.group(0)
        if YEAR.fullmatch(text) and not re.match(
            r"\s*(?:%|per\s?cent|percent)", sentence[match.end() :]
        ):
            continue  # a year, not a figure
        alternatives = (text.replace(",", ""),) if "," in text else ()
        found.append(
            Candidate("figure", "outcome", match.start(), match.end(), text, alternatives, 2)
        )
    for match in NUMBER_WORD.finditer(sentence):
        word = match.group(1)
        value = str(NUMBER_WORDS[word.lower()])
        found.append(
            Candidate("figure", "outcome", match.start(1), match.end(1), word, (value,), 3)
        )
    return found


def known_names(spans: Sequence[Span]) -> set[str]:
    """Capitalised words seen somewhere other than at the start of a sentence."""
    known = set()
    for span in spans:
        for match in NAME_WORD.finditer(span.text):
            if span.text[: match.start()].strip(" \u00a0“\"‘'(—-"):
                known.add(re.sub(r"[’']s$", "", match.group(0)))
    return known - COMMON


def _words_of(name: str) -> list[str]:
    return re.findall(r"[\w’'-]+", name)


def _looks_like_person(words: Sequence[str]) -> bool:
    if not 2 <= len(words) <= 4:
        return False
    if any(w in ORG_WORDS or w in PLACE_WORDS or w in TITLES for w in words):
        return False
    if words[0] in PLACE_FIRST_WORDS:
        return False
    if any(w.isupper() and len(w) > 1 for w in words):
        return False  # acronyms
    return not any(re.search(r"(?:ish|ian|ese)$", w) for w in words)


def _person_alternatives(name: str) -> tuple[str, ...]:
    words = name.split()
    surname = words[-1]
    alternatives = [surname]
    bare = re.sub(rf"^(?:{PARTICLES})-", "", surname, flags=re.IGNORECASE)
    if bare != surname:
        alternatives.append(bare)
    return tuple(alternatives)


def _name_category(sentence: str, start: int, end: int, words: Sequence[str]) -> str:
    before = sentence[:start].split()
    after = sentence[end:]
    following = re.match(r"\s*([\w’'-]+)", after)
    next_word = following.group(1) if following else ""
    previous = before[-1].lower().strip('“"‘(—') if before else ""
    if any(w in ORG_WORDS for w in words):
        return "actor"
    if words[-1] in PLACE_WORDS or words[0] in PLACE_FIRST_WORDS:
        return "place"
    if next_word.lower() in PLACE_NOUNS and next_word.islower():
        return "place"
    if re.match(
        r",\s+an?\s+(?:[\w-]+\s+){0,3}(?:city|town|village|province|country|region)", after
    ):
        return "place"
    if next_word.lower() in ACTOR_VERBS or re.match(r",\s+(?:the\s+)?spokes", after):
        return "actor"
    if _looks_like_person(words):
        return "actor"
    if previous in PLACE_PREPOSITIONS or re.search(
        r"\b(?:village|city|town|province|battles?|recapture|invasion|capture)\s+(?:of|for)\s*$",
        sentence[:start],
    ):
        return "place"
    if len(words) == 1 and is_adjective(words[0]):
        return "actor"  # "Iraqi, Russian, and French nationals"
    return "place" if len(words) == 1 else "actor"


def _groups(sentence: str, start: int, end: int) -> list[tuple[int, int]]:
    """A capitalised run cut where acronyms meet words ("Iraq US-led" is two names)."""
    words = [(m.start(), m.end(), m.group(0)) for m in NAME_WORD.finditer(sentence, start, end)]
    groups: list[tuple[int, int]] = []
    previous = ""
    for word_start, word_end, word in words:
        if groups and is_acronym(word) == is_acronym(previous):
            groups[-1] = (groups[-1][0], word_end)
        else:
            groups.append((word_start, word_end))
        previous = word
    return groups


def _name_candidates(sentence: str, known: set[str], topic: set[str]) -> list[Candidate]:
    found = []
    spans = [g for m in NAME.finditer(sentence) for g in _groups(sentence, *m.span())]
    for start, end in spans:
        words = _words_of(sentence[start:end])
        # A sentence's first word is capitalised anyway: drop it unless it is a known name,
        # or it opens a longer name ("Human Rights Watch", not "Thousands of Yazidis").
        at_start = not sentence[:start].strip(" \u00a0“\"‘'(—-")
        while words and (
            words[0] in COMMON
            or (
                at_start
                and words[0] not in known
                and (
                    len(words) == 1
                    or re.match(rf"{re.escape(words[0])}{CONNECTOR}", sentence[start:end])
                )
            )
        ):
            skip = re.match(
                rf"{re.escape(words[0])}(?:{CONNECTOR}|[ \u00a0]+|$)", sentence[start:end]
            )
            if not skip:
                break
            start += skip.end()
            words = _words_of(sentence[start:end])
            at_start = False
        if not words or start >= end:
            continue
        # "Turkish President Recep Tayyip Erdogan": the person is the blank, the title stays.
        person = False
        titled = [i for i, w in enumerate(words) if w in TITLES]
        if titled and titled[-1] < len(words) - 1:
            skipped = titled[-1] + 1
            rest = re.match(rf"(?:[\w’'-]+[ \u00a0]+){{{skipped}}}", sentence[start:end])
            if rest:
                start += rest.end()
                words = _words_of(sentence[start:end])
                person = True
        name = _clean(sentence[start:end])
        if name in MONTHS or name in WEEKDAYS or name in TITLES or len(name) < 2:
            continue
        if name.casefold() in topic:
            continue
        if sentence[start - 1 : start] == "(" and sentence[end : end + 1] == ")":
            continue  # "(SDF)" right after the name it stands for
        following = re.match(r"[ \u00a0]+([a-z][\w-]*)", sentence[end:])
        if (
            (len(words) == 1 or all(is_adjective(w) for w in words))
            and following
            and following.group(1) not in FUNCTION_WORDS
            and following.group(1) not in ACTOR_VERBS
            and not following.group(1).endswith("ed")
            and (is_adjective(name) or following.group(1) not in PLACE_NOUNS)
        ):
            continue  # a modifier: "Syrian regime", "US airpower", "Kurdish Syrian city"
        if len(words) == 1 and TITLE_NEXT.match(sentence, end):
            continue  # "Syrian" in "Syrian MP Hammoudda Sabbagh"
        if person:
            category = "actor"
        elif len(words) == 1 and is_acronym(name):
            # Mostly organisations ("the SDF", "the NIA"); a place after "in" or "from" ("UP").
            previous = sentence[:start].split()[-1:]
            category = "place" if previous in (["in"], ["from"]) else "actor"
        else:
            category = _name_category(sentence, start, end, words)
        alternatives: list[str] = []
        if person or (category == "actor" and _looks_like_person(words)):
            alternatives.extend(_person_alternatives(name))
        possessive = re.match(r"[\w-]+[’']s\s+(.+)$", name)
        if possessive:
            alternatives.append(possessive.group(1))
        priority = 4 if len(words) > 1 else 5
        found.append(Candidate("name", category, start, end, name, tuple(alternatives), priority))
    return found


def _gives_away(sentence: str, candidate: Candidate) -> bool:
    """Does the sentence show the answer elsewhere than in the blank?"""
    outside = sentence[: candidate.start] + " " + sentence[candidate.end :]
    for text in (candidate.answer, *candidate.alternatives):
        if candidate.kind == "name" and len(text) < 3:
            continue
        pattern = rf"(?<![\w-]){re.escape(text)}(?![\w-])"
        if re.search(pattern, outside, flags=re.IGNORECASE):
            return True
    return False


def topic_names(spans: Sequence[Span]) -> set[str]:
    """Names found in so many sentences that they are the article's subject."""
    counts: Counter[str] = Counter()
    for span in spans:
        names = {m.group(0).casefold() for m in NAME_WORD.finditer(span.text)}
        counts.update(names)
    limit = max(5, len(spans) // 6)
    return {name for name, count in counts.items() if count > limit}


def candidates(sentence: str, known: set[str], topic: set[str]) -> list[Candidate]:
    found = _date_candidates(sentence) + _figure_candidates(sentence)
    found += _name_candidates(sentence, known, topic)
    kept: list[Candidate] = []
    for candidate in sorted(found, key=lambda c: (c.priority, c.start)):
        if any(candidate.start < k.end and k.start < candidate.end for k in kept):
            continue  # "2018" inside "September 2018", a name inside a date...
        if _gives_away(sentence, candidate):
            continue
        kept.append(candidate)
    return kept
