"""One draft question per candidate: a short answer (dates, figures) or a one-blank cloze
(names), with its sentence as the source and a stable id."""

from __future__ import annotations

import hashlib
import re

from question_bank.drafting.candidates import Candidate, candidates, known_names, topic_names
from question_bank.drafting.sentences import Span, sentences
from question_bank.types import Accepted, Cloze, Question, ShortAnswer, Source

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


def draft_by_rules(text: str) -> list[Question]:
    """Draft cloze and short-answer questions by rule (no NLP), in reading order."""
    spans = sentences(text)
    known = known_names(spans)
    topic = topic_names(spans)
    drafts: list[Question] = []
    seen: set[tuple[str, str]] = set()
    for span in spans:
        if "{{" in span.text:
            continue  # would be read as a blank
        limit = max(MIN_PER_SENTENCE, len(span.text.split()) // WORDS_PER_DRAFT)
        chosen = candidates(span.text, known, topic)[:limit]
        for candidate in sorted(chosen, key=lambda c: c.start):
            draft = _draft(span, candidate)
            key = (draft.type_name, draft.prompt)
            if key in seen:
                continue
            seen.add(key)
            drafts.append(draft)
    return drafts
