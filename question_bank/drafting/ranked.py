"""Drafts from the NLP pipeline's mentions: ranked by importance, at most one per sentence
and one per entity (unless asked), each a question with its flashcard.

Importance adds up how often the thing comes back in the article, how early it first comes
(a news story's lead says what matters), and how rare its words are in English.  The
article's main subject is the most mentioned name: it is drafted too, once.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from question_bank.drafting import nlp
from question_bank.drafting.layout import prose_sentences
from question_bank.drafting.mentions import Mention, entity_mentions, key_terms, term_mentions
from question_bank.sets import Card
from question_bank.types import (
    Accepted,
    Choice,
    Cloze,
    MultipleChoice,
    Numerical,
    Question,
    ShortAnswer,
    Source,
)
from question_bank.types.values import NumericAnswer

GAP = "_____"
PRONOUN_START = re.compile(r"^(?:He|She|It|They|This|These|Those|That|Its|His|Her|Their)\b")
NAME_KINDS = ("person", "group", "place", "event", "work", "thing")
#: Kinds that may stand in for each other as distractors.
DISTRACTOR_KIND = {"person": "person", "group": "group", "place": "place"}


@dataclass(frozen=True)
class Draft:
    """A proposed question, the flashcard that teaches the same fact, and what it asks."""

    question: Question
    card: Card
    mention: Mention
    score: float


def _mention_counts(text: str, mentions: Sequence[Mention]) -> Counter[str]:
    """How many times each thing is named in the article (a person's surname counts)."""
    counts: Counter[str] = Counter()
    for key, answer, alternatives in {(m.key, m.answer, m.alternatives) for m in mentions}:
        names = [answer, *alternatives]
        counts[key] = max(
            len(re.findall(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text)) for n in names
        )
    return counts


def _rarity(answer: str) -> float:
    words = re.findall(r"[A-Za-z]+", answer)
    if not words:
        return 0.5
    return sum(min(8.0, 8.0 - nlp.zipf(w.lower())) for w in words) / (8.0 * len(words))


def _score(mention: Mention, count: int, index: int, total: int) -> float:
    position = 1.0 - index / max(1, total)
    weight = {"person": 1.0, "group": 0.9, "place": 0.9, "number": 0.9, "date": 0.8,
              "event": 0.8, "term": 0.8}.get(mention.kind, 0.5)  # fmt: skip
    score = weight * (min(count, 6) / 3 + position + _rarity(mention.answer))
    if PRONOUN_START.match(mention.sentence.text):
        score -= 0.6  # "He said..." needs the sentence before it to make sense
    return score


def _gives_away(mention: Mention) -> bool:
    text = mention.sentence.text
    outside = text[: mention.start] + " " + text[mention.end :]
    for name in (mention.answer, *mention.alternatives):
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", outside, re.IGNORECASE):
            return True
    return False


def _draft_id(mention: Mention) -> str:
    quote = mention.sentence.text
    digest = hashlib.sha1(f"{quote}\x00{mention.start}\x00{mention.answer}".encode()).hexdigest()
    answer = re.sub(r"[^a-z0-9]+", "-", mention.answer.casefold()).strip("-")[:32]
    return f"draft-{answer or mention.kind}-{digest[:8]}"


def _with_gap(mention: Mention, gap: str) -> str:
    text = mention.sentence.text
    return re.sub(r"\s+", " ", f"{text[: mention.start]}{gap}{text[mention.end :]}").strip()


def _distractors(mention: Mention, pool: Sequence[Mention], counts: Counter[str]) -> list[str]:
    kind = DISTRACTOR_KIND.get(mention.kind)
    if kind is None:
        return []
    sentence = mention.sentence.text.casefold()
    answer = mention.answer.casefold()
    seen: dict[str, float] = {}
    for other in pool:
        name = other.answer
        folded = name.casefold()
        if other.kind != kind or folded in sentence or folded in answer or answer in folded:
            continue
        if any(folded in s.casefold() or s.casefold() in folded for s in seen):
            continue
        seen[name] = counts[other.key]
    return sorted(seen, key=lambda n: (-seen[n], n))[:3]


def _question(mention: Mention, pool: Sequence[Mention], counts: Counter[str]) -> Question:
    common = {
        "id": _draft_id(mention),
        "category": mention.category,
        "tags": ("draft", mention.kind),
        "source": Source(mention.sentence.text, mention.sentence.start, mention.sentence.end),
        "answer_display": mention.answer,
    }
    if mention.kind == "number" and mention.value is not None:
        prompt = f"Which number fills the gap ({mention.unit})? {_with_gap(mention, GAP)}"
        numeric = (NumericAnswer(mention.value, mention.tolerance),)
        return Numerical(prompt=prompt, numeric=numeric, **common)
    answers = tuple(Accepted(t) for t in dict.fromkeys((mention.answer, *mention.alternatives)))
    if mention.kind == "date":
        prompt = f"Which date fills the gap? {_with_gap(mention, GAP)}"
        return ShortAnswer(prompt=prompt, accepted=answers, **common)
    distractors = _distractors(mention, pool, counts)
    if len(distractors) == 3:
        texts = sorted([mention.answer, *distractors])
        choices = tuple(
            Choice(f"c{i + 1}", t, 1.0 if t == mention.answer else 0.0) for i, t in enumerate(texts)
        )
        prompt = f"Which fills the gap? {_with_gap(mention, GAP)}"
        return MultipleChoice(prompt=prompt, choices=choices, **common)
    return Cloze(prompt=_with_gap(mention, "{{1}}"), blanks=(answers,), **common)


def _card(question: Question, mention: Mention) -> Card:
    front = _with_gap(mention, GAP)
    if mention.kind == "number" and mention.unit and mention.unit not in front:
        front = f"{front} ({mention.unit})"
    return Card(
        id=question.id.replace("draft-", "card-", 1),
        front=front,
        back=mention.answer,
        category=mention.category,
        tags=question.tags,
        source=question.source,
    )


def _same_people(mentions: Sequence[Mention]) -> list[Mention]:
    """A surname alone ("Linden said") is the same person as the full name ("P.J. Linden")."""
    people = {}
    for m in mentions:
        if m.kind == "person":
            for surname in m.alternatives or (m.answer.split()[-1],):
                people.setdefault(surname, m)
    same = []
    for m in mentions:
        full = people.get(m.answer)
        if full is not None and full.answer != m.answer and m.kind in NAME_KINDS:
            m = replace(m, kind="person", key=full.key)
        same.append(m)
    # One kind per name: the one most of its mentions get (spaCy may waver between them).
    # A one-word "person" is spaCy's usual slip for a place ("the port of Carran").
    kinds: dict[str, Counter[str]] = {}
    for m in same:
        if m.kind in NAME_KINDS:
            vote = 0.5 if m.kind == "person" and " " not in m.answer else 1.0
            kinds.setdefault(m.key, Counter())[m.kind] += vote
    return [
        replace(m, kind=kinds[m.key].most_common(1)[0][0]) if m.key in kinds else m for m in same
    ]


def _main_subject(mentions: Sequence[Mention], counts: Counter[str]) -> str | None:
    """The most mentioned name, when it comes back at least three times."""
    names = [m.key for m in mentions if m.kind in NAME_KINDS]
    if not names:
        return None
    best = max(names, key=lambda k: (counts[k], -names.index(k)))
    return best if counts[best] >= 3 else None


def _choose(
    ranked: Sequence[tuple[float, Mention]], per_sentence: int | None, per_entity: int | None
) -> list[tuple[float, Mention]]:
    chosen: list[tuple[float, Mention]] = []
    by_sentence: Counter[int] = Counter()
    by_entity: Counter[str] = Counter()
    for score, mention in ranked:
        where = mention.sentence.start
        if per_sentence is not None and by_sentence[where] >= per_sentence:
            continue
        if per_entity is not None and by_entity[mention.key] >= per_entity:
            continue
        if any(
            m.sentence.start == where and m.start < mention.end and mention.start < m.end
            for _, m in chosen
        ):
            continue  # overlapping blanks in one sentence
        by_sentence[where] += 1
        by_entity[mention.key] += 1
        chosen.append((score, mention))
    return chosen


def draft_article(
    text: str, *, per_sentence: int | None = 1, per_entity: int | None = 1
) -> list[Draft]:
    """Drafts with the NLP pipeline, in reading order (``None`` lifts a limit)."""
    spans = prose_sentences(text)
    if not spans:
        return []
    doc = nlp.pipeline()(text)
    terms = key_terms(doc, spans)
    mentions = [
        m
        for span in spans
        if "{{" not in span.text
        for m in entity_mentions(doc, span) + term_mentions(doc, span, terms)
    ]
    mentions = _same_people(mentions)
    counts = _mention_counts(text, mentions)
    subject = _main_subject(mentions, counts)
    index = {span.start: i for i, span in enumerate(spans)}
    ranked = sorted(
        (
            (
                _score(m, counts[m.key], index[m.sentence.start], len(spans))
                + (2.0 if m.key == subject else 0.0),
                m,
            )
            for m in mentions
            if not _gives_away(m)
        ),
        key=lambda pair: (-pair[0], pair[1].sentence.start, pair[1].start),
    )
    chosen = _choose(ranked, per_sentence, per_entity)
    pool = [m for m in mentions if m.kind in NAME_KINDS]
    drafts = []
    for score, mention in sorted(chosen, key=lambda p: (p[1].sentence.start, p[1].start)):
        question = _question(mention, pool, counts)
        card = _card(question, mention)
        question = replace(question, card_id=card.id)
        drafts.append(Draft(question, card, mention, score))
    return drafts
