"""Draft questions from any plain-text article, by rule (no model, standard library only).

``draft_questions(text)`` reads the article sentence by sentence (a long sentence is cut at
its semicolons) and proposes one draft per thing worth asking about:

* dates (``September 2018``, ``late February``, ``last December``, ``2014``, ``Saturday``)
  and figures (``11,000``, ``1.5``, ``100 per cent``, ``eight``) become short-answer
  questions that show the sentence with a gap;
* named actors and places (capitalised names, one word or several: ``Human Rights Watch``,
  ``Deir ez-Zor``, ``Recep Tayyip Erdogan``) become cloze questions with one blank.

Each draft keeps the sentence it comes from as its ``source`` (exact quote and offsets), a
category guessed from the words around it, and a stable id made from the quote and the
answer, so that the same article always gives the same drafts.  Headings, bylines, links,
questions and tag lines are skipped, as are names that the sentence gives away elsewhere
and names so common in the article (its subject, say "ISIS") that blanking them teaches
nothing.  Drafts are proposals for an instructor to review, not finished questions.

``coverage(drafts, bank)`` says what share of a hand-written bank's facts (its cards) the
drafts propose unprompted: a fact counts when a draft's blank has the fact's answer and the
draft's quote overlaps the fact's quote.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from question_bank import grading
from question_bank.sets import Card, QuestionSet
from question_bank.types import (
    Accepted,
    Cloze,
    Question,
    ShortAnswer,
    Source,
)

__all__ = [
    "Candidate",
    "Span",
    "coverage",
    "draft_questions",
    "fact_answers",
    "proposed_facts",
    "sentences",
]

# ------------------------------------------------------------------------- vocabulary


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MONTHS = _wordset(
    "January February March April May June July August September October November December"
)
_WEEKDAYS = _wordset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
_NUMBER_WORDS = {
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
_COMMON = _wordset(
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
_ORG_WORDS = _wordset(
    """
    Forces Force Army Armies Agency Agencies Police Squad Units Unit Watch Ministry Council
    League Committee Coalition Group Party Front Brigade Brigades Organisation Organization
    Union Nations Government Court Commission Department Office Bank Fund Institute
    University Times Post Guardian News Press Operation State Parliament Assembly Navy
    Corps Guard Guards Movement Alliance Association Federation Company Corporation
    """
)
#: Words that make a name a place.
_PLACE_WORDS = _wordset(
    """
    Province River City Peninsula Sea Ocean Island Islands Mountains Mountain Valley Desert
    Gulf Strait Coast Border Governorate County District Region Lake Bay Street Square
    Capital Village Town Republic Kingdom Emirates Territory Territories
    """
)
_PLACE_FIRST_WORDS = {"North", "South", "East", "West", "New", "Saudi", "United", "Upper"}
#: Lower-case nouns that, right after a name, show that it is a place.
_PLACE_NOUNS = _wordset(
    """
    province river city village town border capital region district camp valley desert
    peninsula coast governorate country state countryside mountains
    """
)
_PLACE_PREPOSITIONS = {"in", "at", "from", "to", "near", "into", "across", "towards", "toward"}
_ACTOR_VERBS = _wordset(
    """
    said says say announced announces declared declares claimed claims reported reports
    launched launches called calls expressed attended raided threatened insisted warned
    added told denied accused urged agreed decided reversed put fought battered believe
    believes took led has have had is was were will would
    """
)
_TITLES = _wordset(
    """
    President Prime Minister MP Senator Governor King Queen Prince Princess General Gen
    Colonel Col Sheikh Emir Chancellor Secretary Spokesman Spokeswoman Chief Commander
    Leader Ayatollah Pope Mayor Judge Ambassador Minister
    """
)
_FUNCTION_WORDS = _wordset(
    """
    and or but nor of to in on at for with by from into onto over under after before since
    until as than that which who whom whose where when while if around about against among
    between near via per across along through during despite without within towards toward
    is are was were be been being has have had will would can could may might must shall
    should do does did not also
    """
)


def _is_acronym(word: str) -> bool:
    """Is it an acronym ("SDF", "UN")?  A title such as "MP" goes with the name after it."""
    return len(word) > 1 and word.isupper() and word not in _TITLES


def _is_adjective(word: str) -> bool:
    """Demonyms and the like: "Kurdish", "Syrian", "Iraqi", "Sunni", "Arab"."""
    return bool(re.search(r"(?:ish|ian|ean|ican|ese|i)$", word)) or word in {"Arab", "Shia"}


_PARTICLES = "al|el|ez|ad|as|ash|ibn|bin|abu"
_TITLE_NEXT = re.compile(rf"[ \u00a0]+(?:{'|'.join(sorted(_TITLES))})\b")

_CAPITAL_WORD = r"[A-Z][\w]*(?:-[A-Z][\w]*)*"
_PARTICLE_WORD = rf"(?:{_PARTICLES})-[A-Z][\w]*"
_WORD = rf"(?:{_CAPITAL_WORD}|{_PARTICLE_WORD})(?:[’']s(?=\s+[A-Z]))?"
_CONNECTOR = r"\s+(?:of\s+the|of|de|da|van|von|bin|ibn)\s+"
_NAME = re.compile(rf"(?<![\w’'-]){_WORD}(?:(?:{_CONNECTOR}|[ \u00a0]){_WORD})*")
_NAME_WORD = re.compile(rf"(?<![\w’'-]){_WORD}")

_MONTH = "|".join(sorted(_MONTHS))
_DATE = re.compile(
    rf"(?<![\w-])(?:(?P<qualifier>[Ee]arly|[Ll]ate|[Mm]id|[Ll]ast|[Nn]ext)(?:-|\s+)(?:in\s+)?)?"
    rf"(?P<month>{_MONTH})(?:\s+(?P<day>[0-3]?\d)(?!\d))?(?:,?\s+(?P<year>(?:1[5-9]|20)\d\d))?"
    rf"(?![\w-])"
)
_WEEKDAY = re.compile(rf"(?<![\w-])(?:{'|'.join(sorted(_WEEKDAYS))})(?![\w-])")
_YEAR = re.compile(r"(?<![\w.,-])(?:1[5-9]|20)\d\d(?:s)?(?![\w%]|[.,]\d|\s*(?:per\s?cent|percent))")
_FIGURE = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\w|[.,]\d)")
_NUMBER_WORD = re.compile(
    r"(?<![\w-])(" + "|".join(_NUMBER_WORDS) + r")(?=[\s-]+[a-z])", re.IGNORECASE
)

_URL = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|net|io|gov|edu)\b", re.IGNORECASE)
_BYLINE = re.compile(
    r"^\s*(?:by\s+[A-Z]|written\s+by\b|[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\s+is\s+an?\s+"
    r"(?:[\w-]+\s+){0,2}(?:writer|reporter|editor|correspondent|journalist|columnist|"
    r"contributor|intern)\b)",
    re.IGNORECASE,
)
_END = re.compile(r"[.!…][”\"’')\]]*$")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "rep", "sen", "gov",
    "jr", "sr", "vs", "etc", "no", "fig", "inc", "ltd", "co", "corp", "dept", "est", "approx",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s",
    "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
}  # fmt: skip


# ------------------------------------------------------------------------- sentences


@dataclass(frozen=True)
class Span:
    """A piece of the article: its text and where it is."""

    text: str
    start: int
    end: int


def _stripped(text: str, start: int, end: int) -> Span | None:
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    if right <= left:
        return None
    return Span(piece[left:right], start + left, start + right)


def _split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Cut one paragraph into sentences at ., ! or ? followed by a capital or a quote."""
    pieces = []
    cut = start
    for match in re.finditer(r"[.!?…]+[”\"’')\]]*(?=\s+[“\"‘(]?[A-Z0-9])", text[start:end]):
        stop = start + match.end()
        before = re.search(r"([\w.]+)[.!?…]*[”\"’')\]]*$", text[cut:stop])
        word = before.group(1).rstrip(".").lower() if before else ""
        if word in _ABBREVIATIONS or re.fullmatch(r"[a-z]", word):
            continue  # "Mr. Smith", "J. Smith"
        pieces.append((cut, stop))
        cut = stop
    pieces.append((cut, end))
    return [s for s in (_stripped(text, a, b) for a, b in pieces) if s]


def _split_clauses(sentence: Span) -> list[Span]:
    """A long sentence cut at its semicolons, when each part can stand alone."""
    parts = []
    cut = 0
    for match in re.finditer(";", sentence.text):
        parts.append((cut, match.start() + 1))
        cut = match.end()
    parts.append((cut, len(sentence.text)))
    if len(parts) == 1 or any(len(sentence.text[a:b].split()) < 6 for a, b in parts):
        return [sentence]
    spans = [_stripped(sentence.text, a, b) for a, b in parts]
    return [Span(s.text, sentence.start + s.start, sentence.start + s.end) for s in spans if s]


def _is_prose(paragraph: str) -> bool:
    """Not a heading, a link, a byline or a tag line: text that ends like a sentence."""
    if _URL.search(paragraph) and len(_URL.sub("", paragraph).split()) < 4:
        return False
    if _BYLINE.match(paragraph):
        return False
    if not _END.search(paragraph.rstrip()):
        return False  # headings, tag lines, titles
    return len(paragraph.split()) >= 5


def sentences(text: str) -> list[Span]:
    """The article's prose, sentence by sentence (clause by clause for long ones)."""
    found: list[Span] = []
    for line in re.finditer(r"[^\n]+", text):
        paragraph = line.group(0)
        if not paragraph.strip() or not _is_prose(paragraph):
            continue
        for sentence in _split_sentences(text, line.start(), line.end()):
            if sentence.text.endswith("?") or _URL.search(sentence.text):
                continue
            if len(sentence.text.split()) < 5 or _BYLINE.match(sentence.text):
                continue
            found.extend(_split_clauses(sentence))
    return found


# ------------------------------------------------------------------------ candidates


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
    for match in _DATE.finditer(sentence):
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
    for match in _WEEKDAY.finditer(sentence):
        found.append(Candidate("date", "date", match.start(), match.end(), match.group(0), (), 1))
    for match in _YEAR.finditer(sentence):
        found.append(Candidate("date", "date", match.start(), match.end(), match.group(0), (), 1))
    return found


def _figure_candidates(sentence: str) -> list[Candidate]:
    found = []
    for match in _FIGURE.finditer(sentence):
        text = match.group(0)
        if _YEAR.fullmatch(text) and not re.match(
            r"\s*(?:%|per\s?cent|percent)", sentence[match.end() :]
        ):
            continue  # a year, not a figure
        alternatives = (text.replace(",", ""),) if "," in text else ()
        found.append(
            Candidate("figure", "outcome", match.start(), match.end(), text, alternatives, 2)
        )
    for match in _NUMBER_WORD.finditer(sentence):
        word = match.group(1)
        value = str(_NUMBER_WORDS[word.lower()])
        found.append(
            Candidate("figure", "outcome", match.start(1), match.end(1), word, (value,), 3)
        )
    return found


def _known_names(spans: Sequence[Span]) -> set[str]:
    """Capitalised words seen somewhere other than at the start of a sentence."""
    known = set()
    for span in spans:
        for match in _NAME_WORD.finditer(span.text):
            if span.text[: match.start()].strip(" \u00a0“\"‘'(—-"):
                known.add(re.sub(r"[’']s$", "", match.group(0)))
    return known - _COMMON


def _words_of(name: str) -> list[str]:
    return re.findall(r"[\w’'-]+", name)


def _looks_like_person(words: Sequence[str]) -> bool:
    if not 2 <= len(words) <= 4:
        return False
    if any(w in _ORG_WORDS or w in _PLACE_WORDS or w in _TITLES for w in words):
        return False
    if words[0] in _PLACE_FIRST_WORDS:
        return False
    if any(w.isupper() and len(w) > 1 for w in words):
        return False  # acronyms
    return not any(re.search(r"(?:ish|ian|ese)$", w) for w in words)


def _person_alternatives(name: str) -> tuple[str, ...]:
    words = name.split()
    surname = words[-1]
    alternatives = [surname]
    bare = re.sub(rf"^(?:{_PARTICLES})-", "", surname, flags=re.IGNORECASE)
    if bare != surname:
        alternatives.append(bare)
    return tuple(alternatives)


def _name_category(sentence: str, start: int, end: int, words: Sequence[str]) -> str:
    before = sentence[:start].split()
    after = sentence[end:]
    following = re.match(r"\s*([\w’'-]+)", after)
    next_word = following.group(1) if following else ""
    previous = before[-1].lower().strip('“"‘(—') if before else ""
    if any(w in _ORG_WORDS for w in words):
        return "actor"
    if words[-1] in _PLACE_WORDS or words[0] in _PLACE_FIRST_WORDS:
        return "place"
    if next_word.lower() in _PLACE_NOUNS and next_word.islower():
        return "place"
    if re.match(
        r",\s+an?\s+(?:[\w-]+\s+){0,3}(?:city|town|village|province|country|region)", after
    ):
        return "place"
    if next_word.lower() in _ACTOR_VERBS or re.match(r",\s+(?:the\s+)?spokes", after):
        return "actor"
    if _looks_like_person(words):
        return "actor"
    if previous in _PLACE_PREPOSITIONS or re.search(
        r"\b(?:village|city|town|province|battles?|recapture|invasion|capture)\s+(?:of|for)\s*$",
        sentence[:start],
    ):
        return "place"
    if len(words) == 1 and _is_adjective(words[0]):
        return "actor"  # "Iraqi, Russian, and French nationals"
    return "place" if len(words) == 1 else "actor"


def _groups(sentence: str, start: int, end: int) -> list[tuple[int, int]]:
    """A capitalised run cut where acronyms meet words ("Iraq US-led" is two names)."""
    words = [(m.start(), m.end(), m.group(0)) for m in _NAME_WORD.finditer(sentence, start, end)]
    groups: list[tuple[int, int]] = []
    previous = ""
    for word_start, word_end, word in words:
        if groups and _is_acronym(word) == _is_acronym(previous):
            groups[-1] = (groups[-1][0], word_end)
        else:
            groups.append((word_start, word_end))
        previous = word
    return groups


def _name_candidates(sentence: str, known: set[str], topic: set[str]) -> list[Candidate]:
    found = []
    spans = [g for m in _NAME.finditer(sentence) for g in _groups(sentence, *m.span())]
    for start, end in spans:
        words = _words_of(sentence[start:end])
        # A sentence's first word is capitalised anyway: drop it unless it is a known name,
        # or it opens a longer name ("Human Rights Watch", not "Thousands of Yazidis").
        at_start = not sentence[:start].strip(" \u00a0“\"‘'(—-")
        while words and (
            words[0] in _COMMON
            or (
                at_start
                and words[0] not in known
                and (
                    len(words) == 1
                    or re.match(rf"{re.escape(words[0])}{_CONNECTOR}", sentence[start:end])
                )
            )
        ):
            skip = re.match(
                rf"{re.escape(words[0])}(?:{_CONNECTOR}|[ \u00a0]+|$)", sentence[start:end]
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
        titled = [i for i, w in enumerate(words) if w in _TITLES]
        if titled and titled[-1] < len(words) - 1:
            skipped = titled[-1] + 1
            rest = re.match(rf"(?:[\w’'-]+[ \u00a0]+){{{skipped}}}", sentence[start:end])
            if rest:
                start += rest.end()
                words = _words_of(sentence[start:end])
                person = True
        name = _clean(sentence[start:end])
        if name in _MONTHS or name in _WEEKDAYS or name in _TITLES or len(name) < 2:
            continue
        if name.casefold() in topic:
            continue
        if sentence[start - 1 : start] == "(" and sentence[end : end + 1] == ")":
            continue  # "(SDF)" right after the name it stands for
        following = re.match(r"[ \u00a0]+([a-z][\w-]*)", sentence[end:])
        if (
            (len(words) == 1 or all(_is_adjective(w) for w in words))
            and following
            and following.group(1) not in _FUNCTION_WORDS
            and following.group(1) not in _ACTOR_VERBS
            and not following.group(1).endswith("ed")
            and (_is_adjective(name) or following.group(1) not in _PLACE_NOUNS)
        ):
            continue  # a modifier: "Syrian regime", "US airpower", "Kurdish Syrian city"
        if len(words) == 1 and _TITLE_NEXT.match(sentence, end):
            continue  # "Syrian" in "Syrian MP Hammoudda Sabbagh"
        if person:
            category = "actor"
        elif len(words) == 1 and _is_acronym(name):
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


def _topic_names(spans: Sequence[Span]) -> set[str]:
    """Names found in so many sentences that they are the article's subject."""
    counts: Counter[str] = Counter()
    for span in spans:
        names = {m.group(0).casefold() for m in _NAME_WORD.finditer(span.text)}
        counts.update(names)
    limit = max(5, len(spans) // 6)
    return {name for name, count in counts.items() if count > limit}


def _candidates(sentence: str, known: set[str], topic: set[str]) -> list[Candidate]:
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


# --------------------------------------------------------------------------- drafting

#: At most one draft per this many words of a sentence, and at least ``MIN_PER_SENTENCE``
#: (dates first, then figures, then names of several words, then single names).
WORDS_PER_DRAFT = 4
MIN_PER_SENTENCE = 4


def _draft_id(quote: str, candidate: Candidate) -> str:
    digest = hashlib.sha1(
        f"{quote}\x00{candidate.start}\x00{candidate.answer}".encode()
    ).hexdigest()[:8]
    answer = re.sub(r"[^a-z0-9]+", "-", candidate.answer.casefold()).strip("-")[:32]
    return f"draft-{answer or candidate.kind}-{digest}"


def _draft(span: Span, candidate: Candidate) -> Question:
    before = re.sub(r"\s+", " ", span.text[: candidate.start])
    after = re.sub(r"\s+", " ", span.text[candidate.end :])
    source = Source(span.text, span.start, span.end)
    answers = tuple(
        Accepted(text) for text in dict.fromkeys((candidate.answer, *candidate.alternatives))
    )
    common = {
        "id": _draft_id(span.text, candidate),
        "category": candidate.category,
        "tags": ("draft", candidate.kind),
        "source": source,
        "answer_display": candidate.answer,
    }

    def join(blank: str) -> str:
        return f"{before}{blank}{after}".strip()

    if candidate.kind == "name":
        return Cloze(prompt=join("{{1}}"), blanks=(answers,), **common)
    what = "date" if candidate.kind == "date" else "figure"
    prompt = f"Which {what} is missing from this sentence of the article? {join('_____')}"
    return ShortAnswer(prompt=prompt, accepted=answers, **common)


def draft_questions(text: str) -> list[Question]:
    """Draft cloze and short-answer questions from a plain-text article, in reading order."""
    spans = sentences(text)
    known = _known_names(spans)
    topic = _topic_names(spans)
    drafts: list[Question] = []
    seen: set[tuple[str, str]] = set()
    for span in spans:
        if "{{" in span.text:
            continue  # would be read as a blank
        limit = max(MIN_PER_SENTENCE, len(span.text.split()) // WORDS_PER_DRAFT)
        chosen = _candidates(span.text, known, topic)[:limit]
        for candidate in sorted(chosen, key=lambda c: c.start):
            draft = _draft(span, candidate)
            key = (draft.type_name, draft.prompt)
            if key in seen:
                continue
            seen.add(key)
            drafts.append(draft)
    return drafts


# --------------------------------------------------------------------------- coverage


def _without_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)


def fact_answers(bank: QuestionSet) -> dict[str, list[str]]:
    """For each fact (card) of a bank, the texts that answer it.

    A fact's answer is its card's back and every full-mark answer of the questions that
    test it (each type's ``full_mark_texts``: short answers, cloze blanks, the right
    choice(s) of a multiple choice or multiple response question, numerical values).
    """
    answers: dict[str, list[str]] = {card.id: [card.back] for card in bank.effective_cards()}
    for question in bank.questions:
        texts = answers.get(question.card_id or question.id)
        if texts is None:
            continue
        texts.extend(question.full_mark_texts())
    return answers


def _draft_answers(draft: Question) -> list[str]:
    if isinstance(draft, ShortAnswer):
        return [a.text for a in draft.accepted]
    if isinstance(draft, Cloze):
        return [a.text for blank in draft.blanks for a in blank]
    return []


def _overlaps(a: Source | None, b: Source | None) -> bool:
    return a is not None and b is not None and a.start < b.end and b.start < a.end


def _same_answer(proposed: str, expected: str) -> bool:
    return grading.text_matches(_without_article(proposed), _without_article(expected))


def proposed_facts(drafts: Iterable[Question], bank: QuestionSet) -> list[Card]:
    """The bank's facts that some draft proposes: same answer, overlapping quote."""
    drafts = list(drafts)
    answers = fact_answers(bank)
    found = []
    for card in bank.effective_cards():
        expected = answers.get(card.id, [card.back])
        for draft in drafts:
            if not _overlaps(draft.source, card.source):
                continue
            if any(_same_answer(p, e) for p in _draft_answers(draft) for e in expected):
                found.append(card)
                break
    return found


def coverage(drafts: Iterable[Question], bank: QuestionSet) -> float:
    """The share (0..1) of the bank's facts that the drafts propose unprompted."""
    cards = bank.effective_cards()
    if not cards:
        return 0.0
    return len(proposed_facts(drafts, bank)) / len(cards)
