"""Sample questions for the format tests: one of each type, every field filled in.

Built through ``question_from_dict`` so that they look exactly like questions read back
from a file (default answer displays filled in, floats where the schema has floats).
"""

from __future__ import annotations

from typing import Any

from question_bank.sets import Card, QuestionSet
from question_bank.types import Question, Source, question_from_dict

SOURCE = {"quote": "Ankara is the capital of Türkiye.", "start": 120, "end": 153}

QUESTION_DATA: list[dict[str, Any]] = [
    {
        "id": "q-capital",
        "type": "multiple_choice",
        "title": "Capital",
        "prompt": "What is the capital of Türkiye?",
        "category": "place",
        "tags": ["geography", "europe"],
        "general_feedback": "Ankara has been the capital since 1923.",
        "choices": [
            {"id": "a", "text": "Ankara", "weight": 1.0, "feedback": "Right."},
            {"id": "b", "text": "Istanbul", "weight": 0.0, "feedback": "The largest city."},
            {"id": "c", "text": "Izmir", "weight": 0.0, "feedback": ""},
        ],
        "source": SOURCE,
        "card_id": "card-capital",
    },
    {
        "id": "q-leaders",
        "type": "multiple_response",
        "title": "Leaders",
        "prompt": "Which of these people led **Türkiye**?",
        "text_format": "markdown",
        "category": "actor",
        "tags": ["politics"],
        "general_feedback": "",
        "choices": [
            {"id": "a", "text": "Atatürk", "weight": 0.5, "feedback": ""},
            {"id": "b", "text": "Erdoğan", "weight": 0.5, "feedback": "Since 2014."},
            {"id": "c", "text": "Tito", "weight": -0.5, "feedback": "Yugoslavia."},
        ],
    },
    {
        "id": "q-republic",
        "type": "true_false",
        "title": "",
        "prompt": "The republic was founded in 1923.",
        "category": "date",
        "tags": [],
        "general_feedback": "On 29 October.",
        "choices": [
            {"id": "true", "text": "True", "weight": 1.0, "feedback": "Yes."},
            {"id": "false", "text": "False", "weight": 0.0, "feedback": "It was."},
        ],
    },
    {
        "id": "q-president",
        "type": "short_answer",
        "title": "President",
        "prompt": "Who became president in 2014?",
        "category": "actor",
        "tags": ["politics"],
        "general_feedback": "",
        "accepted": [
            {"text": "Erdoğan", "weight": 1.0, "feedback": "Correct."},
            {"text": "Recep Tayyip Erdoğan", "weight": 1.0},
            {"text": "Gül", "weight": 0.25, "feedback": "He was president before."},
        ],
    },
    {
        "id": "q-population",
        "type": "numerical",
        "title": "Population",
        "prompt": "How many millions of people live in Türkiye (2023)?",
        "category": None,
        "tags": [],
        "general_feedback": "About 85 million.",
        "numeric": [
            {"value": 85.0, "tolerance": 2.0, "weight": 1.0, "feedback": "Close enough."},
            {"value": 85.0, "tolerance": 10.0, "weight": 0.5},
        ],
    },
    {
        "id": "q-match",
        "type": "matching",
        "title": "Cities",
        "prompt": "<p>Match each city with its <em>region</em>.</p>",
        "text_format": "html",
        "category": "place",
        "tags": [],
        "general_feedback": "",
        "pairs": [
            {"item_id": "1", "item": "Ankara", "option_id": "x", "option": "Central Anatolia"},
            {"item_id": "2", "item": "Izmir", "option_id": "y", "option": "Aegean"},
            {"item_id": "3", "item": "Konya", "option_id": "x", "option": "Central Anatolia"},
            {"item_id": "4", "item": "", "option_id": "z", "option": "Black Sea"},
        ],
    },
    {
        "id": "q-cloze",
        "type": "cloze",
        "title": "Treaty",
        "prompt": "The Treaty of {{1}} was signed in {{2}}.",
        "category": "outcome",
        "tags": ["history"],
        "general_feedback": "",
        "blanks": [
            [
                {"text": "Lausanne", "weight": 1.0, "feedback": "Yes, in Switzerland."},
                {"text": "Lozan", "weight": 1.0},
            ],
            [{"text": "1923", "weight": 1.0}, {"text": "1922", "weight": 0.5}],
        ],
    },
    {
        "id": "q-essay",
        "type": "essay",
        "title": "Reflection",
        "prompt": "Why did the capital move to Ankara?\nGive two reasons.",
        "category": None,
        "tags": ["essay"],
        "general_feedback": "Security and symbolism.",
    },
    {
        "id": "q-intro",
        "type": "description",
        "title": "Introduction",
        "prompt": "The next questions are about the early republic.",
        "text_format": "moodle",
        "category": None,
        "tags": [],
        "general_feedback": "",
    },
]


def question(type_name: str) -> Question:
    data = next(d for d in QUESTION_DATA if d["type"] == type_name)
    return question_from_dict(data)


def all_questions() -> list[Question]:
    return [question_from_dict(d) for d in QUESTION_DATA]


def sample_cards() -> tuple[Card, ...]:
    return (
        Card(
            id="card-capital",
            front="Capital of Türkiye",
            back="Ankara",
            category="place",
            tags=("geography",),
            source=Source(**SOURCE),
        ),
        Card(id="card-founded", front="Republic founded", back="1923", category="date"),
    )


def sample_set(**changes: Any) -> QuestionSet:
    values: dict[str, Any] = {
        "name": "Early republic",
        "description": "Questions on the founding of the republic.",
        "questions": tuple(all_questions()),
        "cards": sample_cards(),
    }
    values.update(changes)
    return QuestionSet(**values)


def comparable(question: Question, *ignore: str) -> dict[str, Any]:
    """``to_dict`` without the fields a format does not carry."""
    data = question.to_dict()
    for key in ignore:
        data.pop(key, None)
    return data


def card_id_clash() -> list[dict[str, Any]]:
    """A matching question "m" (pair cards "m-i1", "m-i2") and a short answer whose card_id
    is "m-i1": set without cards of its own, they would make two flashcards with one id."""
    return [
        {
            "id": "m",
            "type": "matching",
            "prompt": "Match each place with what happened there.",
            "pairs": [
                {"item_id": "i1", "item": "Baghouz", "option_id": "o1", "option": "Last stand"},
                {"item_id": "i2", "item": "Raqqa", "option_id": "o2", "option": "Capital"},
            ],
        },
        {
            "id": "s",
            "type": "short_answer",
            "prompt": "Where was the last stand?",
            "card_id": "m-i1",
            "accepted": [{"text": "Baghouz", "weight": 1}],
        },
    ]
