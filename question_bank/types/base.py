"""What every question type shares: the ``Question`` base class, grades and bad responses.

Everything here is pure Python: no Flask, no database, no clock, no global randomness.  A
question type is a frozen dataclass deriving from ``Question`` (see ``question_bank.types``
for the registry and the list of what a type owns); this module holds the fields every
question has and the defaults a type overrides.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, ClassVar

from question_bank import card_rules, media
from question_bank.categories import category_problem
from question_bank.media import MediaFile
from question_bank.types.editor_fields import kept_files, merge_answers
from question_bank.types.values import Source

if TYPE_CHECKING:
    from question_bank.sets import Card

#: The most points a question may be worth (Moodle's "default mark").
MAX_POINTS = 1000.0

#: The text formats a prompt may be written in.
TEXT_FORMATS = ("plain", "markdown", "html", "moodle")


class Problem(str):
    """One of a question's ``problems()``: the message, and the editor field it concerns
    (``field``, a path such as ``("choices",)`` or ``("items", 2, "text")``; ``()`` for the
    question as a whole), so that the editor shows it beside that field.  It is a ``str``:
    everything else reads it as the message."""

    field: tuple[str | int, ...]

    def __new__(cls, message: str, *field: str | int) -> Problem:
        made = super().__new__(cls, message)
        made.field = tuple(field)
        return made


class InvalidResponse(ValueError):
    """A response that does not fit the question (wrong type, unknown choice, not a number)."""


class CodecError(ValueError):
    """What a type's codec found wrong in a file; the format says where (line, offset)."""


@dataclass(frozen=True)
class Grade:
    """The result of grading one response: a score in 0..1 and what to tell the student."""

    score: float
    feedback: tuple[str, ...] = ()
    graded: bool = True

    @property
    def status(self) -> str:
        if not self.graded:
            return "ungraded"
        if self.score >= 1 - 1e-9:
            return "correct"
        if self.score <= 1e-9:
            return "incorrect"
        return "partial"

    @property
    def correct(self) -> bool:
        return self.status == "correct"


@dataclass(frozen=True)
class CardScore:
    """What an answer says of one flashcard (``Question.card_scores``): the card's id in
    the set (``Card.id``), the share of that card's part answered right (0..1), and whether
    it was produced from memory or picked ("recall" or "recognition", ``Question.evidence``)."""

    card: str
    score: float
    evidence: str


def clamp01(value: float) -> float:
    return min(1.0, max(0.0, value))


def text_response(raw: Any, limit: int = 2000) -> str:
    """A typed answer as a client sent it, refused when it is not text or too long."""
    if not isinstance(raw, str):
        raise InvalidResponse("type your answer as text")
    if len(raw) > limit:
        raise InvalidResponse(f"that answer is too long ({limit} characters at most)")
    return raw


#: Renames one id a student sees: ``rename(kind, id)``, the kind being "choice", "item" or
#: "option" (see ``Question.public_ids`` and ``question_bank.types.public_ids``).
Rename = Callable[[str, str], str]


def rename_scalar(raw: Any, kind: str, rename: Rename) -> Any:
    """An id sent as a string (or a number), renamed; anything else as it came (the type's
    ``parse_response`` refuses it)."""
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        return raw
    return rename(kind, str(raw))


#: JSON schemas of the values the public forms are made of (for the OpenAPI fragments).
ID_TEXT_LIST: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["id", "text"],
        "properties": {"id": {"type": "string"}, "text": {"type": "string"}},
        "additionalProperties": False,
    },
}


@dataclass(frozen=True)
class Question:
    """Fields every question has.  A type adds the fields of its answers and overrides what
    differs; the class attributes below are what the rest of the code asks a type."""

    type_name: ClassVar[str] = ""
    #: Human name of the type, for pages and the README.
    label: ClassVar[str] = ""
    #: What the type asks, in a line (the editor's "new question" page).
    summary: ClassVar[str] = ""
    #: False for types that have no automatic mark (essay) or no answer at all (description).
    gradable: ClassVar[bool] = True
    #: False for a description: it is shown, never answered.
    answerable: ClassVar[bool] = True
    #: What a right answer says of the memory of the flashcard it tests: "recall" (the answer
    #: was produced from memory) or "recognition" (it was picked among what the question
    #: shows: choices, pairs, an order), weaker evidence since recognising or guessing is not
    #: recalling.  The quiz's flashcard evidence reads it (``quizapp.services.quizzes.evidence``).
    evidence: ClassVar[str] = "recognition"
    #: The keys of the interchange schema that hold this type's answers.
    answer_keys: ClassVar[tuple[str, ...]] = ()
    #: The keys of the public form (``public_dict``) whose lists come in a new order in each
    #: attempt (``shuffled``); the contract test checks that they really do.
    shuffled_keys: ClassVar[tuple[str, ...]] = ()
    #: The student's partial (``templates/quiz/questions/<type>.html`` unless set).
    template: ClassVar[str] = ""
    #: The instructor's view of the answers (``templates/instructor/answer_keys/<type>.html``).
    answer_key_template: ClassVar[str] = ""
    #: How each file format reads and writes this type, by format name ("gift", "moodlexml",
    #: "json", "aiken"); see ``question_bank.types.codecs``.  A format missing here cannot
    #: hold the type: it raises ``UnsupportedType`` (saying ``unsupported[format]`` if given).
    codecs: ClassVar[Mapping[str, Any]] = {}
    unsupported: ClassVar[Mapping[str, str]] = {}
    #: JSON schema of the keys the public form adds to the common ones, which of them are
    #: always there, and the schema and a description of a response (the OpenAPI fragment).
    #: The texts that may show an image (``<img src="@@PLUGINFILE@@/...">``), as paths in the
    #: interchange dict (``to_dict``): a key, or ``list.key`` for a key of each entry of a
    #: list.  A text whose own markup matters has a format beside it, named after it
    #: (``text`` -> ``text_format``, ``item`` -> ``item_format``: "html" when it shows an
    #: image); feedback is written as its question's text is.  The contract test puts an
    #: image in each and checks that every format that claims the type keeps it.
    image_texts: ClassVar[tuple[str, ...]] = ("prompt", "general_feedback")
    public_properties: ClassVar[Mapping[str, Any]] = {}
    public_required: ClassVar[tuple[str, ...]] = ()
    response_schema: ClassVar[Mapping[str, Any]] = {}
    response_doc: ClassVar[str] = ""
    #: The editor's fields for this type's answers, after the common ones
    #: (``question_bank.types.editing``), and the help under the question text.
    editor_fields: ClassVar[tuple[Any, ...]] = ()
    editor_prompt_help: ClassVar[str] = "What students read before they answer."

    id: str
    prompt: str
    title: str = ""
    category: str | None = None
    tags: tuple[str, ...] = ()
    general_feedback: str = ""
    answer_display: str = ""
    source: Source | None = None
    #: How ``prompt`` is written: "plain", "markdown", "html" or "moodle" (GIFT's formats).
    text_format: str = "plain"
    #: The flashcard this question tests, if any: quiz answers feed that card's schedule.
    card_id: str | None = None
    #: What the question is worth in a quiz (Moodle's ``defaultgrade``, its "default mark");
    #: a description's is 0.
    points: float = 1.0
    #: The images its texts refer to as ``@@PLUGINFILE@@/<name>`` (see ``question_bank.media``),
    #: in the order of their names.
    files: tuple[MediaFile, ...] = ()

    def __post_init__(self) -> None:
        if len(self.files) > 1:  # one order whatever the file gave: by name
            object.__setattr__(self, "files", tuple(sorted(self.files, key=lambda f: f.name)))

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.type_name and "template" not in cls.__dict__:
            cls.template = f"quiz/questions/{cls.type_name}.html"
        if cls.type_name and "answer_key_template" not in cls.__dict__:
            cls.answer_key_template = f"instructor/answer_keys/{cls.type_name}.html"

    # -- a sample, for the contract test and the documentation -----------------------------

    @classmethod
    def sample(cls) -> Question:
        """A valid question of this type with its fields filled in, which every format that
        claims the type writes and reads back unchanged (the contract test's subject)."""
        raise NotImplementedError(f"{cls.__name__} gives no sample")

    # -- grading -------------------------------------------------------------------------

    def grade(self, response: Any) -> Grade:  # pragma: no cover - every type overrides it
        raise NotImplementedError

    def parse_response(self, raw: Any) -> Any:
        """Check a response sent by a client and return it in canonical form.

        Raises ``InvalidResponse`` with a message a person understands.
        """
        raise InvalidResponse("this question takes no answer")

    def correct_response(self) -> Any:
        """A response that earns full marks (used by tests, previews and answer keys)."""
        return None

    def default_answer_display(self) -> str:
        """The right answer as a person would say it, when the author gave none."""
        return ""

    # -- one attempt ---------------------------------------------------------------------

    def shuffled(self, rng: random.Random, *, shuffle_answers: bool = True) -> Question:
        """This question as one attempt shows it, drawn with ``rng`` (pure: same rng state,
        same result).  ``shuffle_answers`` is the quiz's "shuffle within questions" option;
        a type whose presentation would give the answer away shuffles regardless."""
        return self

    # -- the ids a student sees ----------------------------------------------------------

    def public_ids(self) -> dict[str, list[str]]:
        """The ids this question shows a student and takes back in a response, by kind
        ("choice", "item", "option"): an attempt shows each under another name, made for
        that attempt (``question_bank.types.public_ids``), so that no id says which answer
        is right or where it stood in the file.  Empty for a type that shows no ids, or
        only ids that are their own text (true/false's "true" and "false")."""
        return {}

    def renamed(self, rename: Rename) -> Question:
        """This question with every id of ``public_ids`` renamed by ``rename(kind, id)``
        (grading the renamed question with a renamed response is grading this one)."""
        return self

    def renamed_response(self, response: Any, rename: Rename) -> Any:
        """A response (canonical, or raw as a client sent it) with the ids in it renamed as
        ``renamed`` renames them; whatever is not an id in its place is left as it is, for
        ``parse_response`` to refuse.  ``rename`` may raise ``InvalidResponse``."""
        return response

    # -- validation ----------------------------------------------------------------------

    def problems(self) -> list[str]:
        """What makes this question unusable, in words an instructor understands."""
        found = []
        if not self.prompt.strip():
            found.append(Problem("the question has no text", "prompt"))
        category = category_problem(self.category)
        if category:
            found.append(Problem(category, "category"))
        points = self.points
        # A tuple of types, not ``int | float``, which would build a union at every call.
        if isinstance(points, bool) or not isinstance(points, (int, float)):
            found.append(Problem("the points must be a number", "points"))
        elif not 0 <= points <= MAX_POINTS:  # also false for NaN
            message = f"the points must be between 0 and {MAX_POINTS:g}, not {points!r}"
            found.append(Problem(message, "points"))
        if self.files:
            found.extend(Problem(problem, "files") for problem in media.file_problems(self.files))
        return found

    # -- flashcard and sources -----------------------------------------------------------

    def card_front(self) -> str:
        """The front of the flashcard this question implies (its prompt, as written)."""
        return self.prompt

    def card(self) -> Card | None:
        """The flashcard this question implies when a set has no cards of its own: the
        prompt and the answer display; None when there is nothing to remember, or when the
        card would break the rules of a good card (``question_bank.card_rules``: a back that
        says "True", a front that says "Choose one" without its options, a date without its
        year that the source cannot give)."""
        if not self.gradable or not self.answer_display:
            return None
        front = self.card_front()
        back = card_rules.dated_back(self.answer_display, self.source.quote if self.source else "")
        if not front.strip() or card_rules.card_problems(front, back):
            return None
        return self.made_card(self.card_id or self.id, front=front, back=back)

    def cards(self) -> tuple[Card, ...]:
        """Every flashcard this question implies (``card``; a matching question makes one
        per pair)."""
        card = self.card()
        return (card,) if card is not None else ()

    def card_scores(self, response: Any, score: float) -> tuple[CardScore, ...]:
        """The flashcards an answer (a canonical, non-blank ``response`` graded ``score``)
        is evidence for, each with how its part scored: by default the question's one card
        (its ``card_id``, else the card ``card`` makes, named after the question) with the
        whole score.  A type whose cards are parts of it (``cards``) names each part's card
        with that part's score, and leaves out a part not answered (no evidence).  The quiz
        turns these into flashcard reviews (``quizapp.services.quizzes.evidence``)."""
        return (CardScore(self.card_id or self.id, score, self.evidence),)

    def made_card(self, card_id: str, text_format: str | None = None, **texts: str) -> Card:
        """A card of this question: ``texts`` (front and back, or cloze) with the question's
        category, tags, source, format and the files the texts show."""
        from question_bank.sets import Card

        return Card(
            id=card_id,
            category=self.category,
            tags=self.tags,
            source=self.source,
            files=self.files_for(*texts.values()),
            text_format=text_format or self.text_format,
            **texts,
        )

    def files_for(self, *texts: str) -> tuple[MediaFile, ...]:
        """The question's files that these texts refer to."""
        wanted = {name for text in texts for name in media.referenced_names(text)}
        return tuple(f for f in self.files if f.name in wanted)

    def sources(self) -> tuple[Source, ...]:
        """Every passage of the article this question draws on (its quote, and any more)."""
        return (self.source,) if self.source is not None else ()

    def full_mark_texts(self) -> list[str]:
        """The texts of the answers worth full marks, as a person would write them (what a
        drafted fact is checked against); empty when the answer is not a text."""
        return []

    # -- serialisation -------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "type": self.type_name,
            "title": self.title,
            "prompt": self.prompt,
            "category": self.category,
            "tags": list(self.tags),
            "general_feedback": self.general_feedback,
        }
        data.update(self._answers_to_dict())
        data["answer_display"] = self.answer_display
        data["source"] = self.source.to_dict() if self.source else None
        if self.text_format != "plain":
            data["text_format"] = self.text_format
        if self.card_id is not None:
            data["card_id"] = self.card_id
        if self.points != self.default_points():
            data["points"] = self.points
        if self.files:
            data["files"] = [f.to_dict() for f in self.files]
        return data

    @classmethod
    def default_points(cls) -> float:
        """The points a question of this type has when a file gives none."""
        default = cls.__dataclass_fields__["points"].default
        return float(default)  # type: ignore[arg-type]

    def _answers_to_dict(self) -> dict[str, Any]:
        return {}

    @classmethod
    def _answers_from_dict(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        return {}

    def public_dict(self) -> dict[str, Any]:
        """What a student may see before answering: no weights, no accepted answers."""
        return {
            "id": self.id,
            "type": self.type_name,
            "title": self.title,
            "prompt": self.prompt,
            "text_format": self.text_format,
            "category": self.category,
        }

    @classmethod
    def public_schema(cls) -> dict[str, Any]:
        """The JSON schema of ``public_dict``: nothing else may be in it."""
        return {
            "type": "object",
            "required": ["id", "type", "prompt", *cls.public_required],
            "properties": {
                "id": {"type": "string"},
                "type": {"const": cls.type_name},
                "title": {"type": "string"},
                "prompt": {"type": "string"},
                "text_format": {"type": "string", "enum": list(TEXT_FORMATS)},
                "category": {"type": ["string", "null"]},
                **cls.public_properties,
            },
            "additionalProperties": False,
        }

    # -- the editor (see ``question_bank.types.editing``) ---------------------------------

    def editor_values(self) -> dict[str, Any]:
        """The value of each of the editor's fields for this question.  The answer in words
        is empty when it is the one the answers make (so that it follows them)."""
        display = self.answer_display
        values: dict[str, Any] = {
            "title": self.title,
            "prompt": self.prompt,
            "text_format": self.text_format,
            "general_feedback": self.general_feedback,
            "answer_display": "" if display == self.default_answer_display() else display,
            "category": self.category,
            "tags": self.tags,
            "points": self.points,
            "files": self.files,
        }
        values.update(self.editor_answers())
        return values

    def editor_answers(self) -> dict[str, Any]:
        """The values of the type's own editor fields: by default the keys of its
        interchange dict that the fields are named after."""
        data = self._answers_to_dict()
        return {one.name: data.get(one.name) for one in self.editor_fields}

    @classmethod
    def answers_from_editor(
        cls, values: Mapping[str, Any], original: Question | None
    ) -> dict[str, Any]:
        """The type's answer fields (keyword arguments) from the edited values: by default
        through its interchange dict, over the original's (which keeps what the editor does
        not show, such as an item's source quote, matched by the row's key)."""
        data = original._answers_to_dict() if isinstance(original, cls) else {}
        return cls._answers_from_dict(merge_answers(cls.editor_fields, data, values))

    @classmethod
    def from_editor(
        cls,
        common: Mapping[str, Any],
        answers: Mapping[str, Any],
        *,
        original: Question | None = None,
        question_id: str = "",
    ) -> Question:
        """The question the editor's values describe.  The original keeps its id, source
        quote, flashcard and images; an empty answer in words is made from the answers."""
        kept: dict[str, Any] = {"id": question_id}
        if original is not None:
            kept = {
                "id": original.id,
                "source": original.source,
                "card_id": original.card_id,
                "files": original.files,
            }
        common = dict(common)
        rows = common.pop("files", None)
        if rows is not None:
            kept["files"] = kept_files(rows, original.files if original is not None else ())
        question = cls(**kept, **common, **cls.answers_from_editor(answers, original))
        if not question.answer_display:
            question = question.replace(answer_display=question.default_answer_display())
        return question

    def replace(self, **changes: Any) -> Question:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        return type(self)(**values)
