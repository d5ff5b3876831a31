"""The question editor's schema: the fields an instructor edits, by kind, and how the edited
values become a question again.  Pure: no Flask, no WTForms.

Every question has the common fields (``common_fields``: title, text, text format,
feedback, category, tags...); a type adds its own in ``Question.editor_fields``, declared in
its module as it declares its codecs.  A field has a *kind* (text, rich text, number,
select, check, category, tags, rows) that the app renders with one WTForms field builder and
one template macro per kind, so a new type needs no editor code in the app.

Values come in two shapes:

* *form values*, what the form shows and sends back: texts (booleans for checks, lists of
  row dicts for rows), kept as typed so that a refused form shows what was typed;
* *values*, typed (floats, tuples of tags, rows of typed cells): ``Field.read`` reads them
  from form values (or says in words what is wrong), ``Field.show`` writes them back.

``form_values(question)`` is what the editor opens with; ``read_form(cls, form_values,
original=...)`` builds the question back and returns it with its problems by field
(``Edited``).  The problems are the type's own ``problems()``, each a ``Problem`` naming the
field it concerns, so the editor refuses exactly what an import refuses.  A *path* names a
field: ``("prompt",)``, ``("choices",)``, ``("choices", 2, "weight")``; ``()`` is the
question as a whole.
"""

from __future__ import annotations

import base64
import copy
import html
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from question_bank import media
from question_bank.categories import MAX_CATEGORY_LENGTH
from question_bank.types import question_from_dict
from question_bank.types.base import MAX_POINTS, Question
from question_bank.types.editor_fields import (
    MAX_FILES,
    Category,
    EditError,
    Errors,
    Field,
    Files,
    Number,
    Path,
    RichText,
    RowErrors,
    Rows,
    Select,
    Tags,
    Text,
    add_error,
)

# ------------------------------------------------------------------- the common fields

#: The sections of the editor's form, in order, with their headings.
SECTIONS = {
    "question": "The question",
    "answers": "Answers",
    "feedback": "Feedback",
    "about": "Category, tags and points",
}

TEXT_FORMAT_OPTIONS = (
    ("plain", "Plain text"),
    ("markdown", "Markdown"),
    ("html", "HTML"),
    ("moodle", "Moodle auto-format (HTML, line breaks kept)"),
)


def common_fields(cls: type[Question]) -> tuple[Field, ...]:
    """The fields every question of ``cls`` has in the editor, before the type's own."""
    fields: list[Field] = [
        Text(
            "title",
            "Title",
            help="Optional: a short name for you, shown in lists and exports (GIFT's ::title::).",
            section="question",
            max_length=255,
        ),
        RichText(
            "prompt",
            "Question text",
            help=cls.editor_prompt_help,
            section="question",
            lines=5,
        ),
        Select(
            "text_format",
            "Text format",
            help="How the question text and the feedback are written.",
            section="question",
            options=TEXT_FORMAT_OPTIONS,
        ),
        Files(
            "files",
            "Images",
            help="The images the texts show. Attach one below: it is added to the end of the "
            "question text, where you may move it.",
            section="question",
        ),
        RichText(
            "general_feedback",
            "General feedback",
            help="Optional: shown to every student once they have answered, right or wrong.",
            section="feedback",
            lines=3,
        ),
    ]
    if cls.gradable:
        fields.append(
            Text(
                "answer_display",
                "The answer in words",
                help="Shown on the flashcard and after answering. Empty: made from the answers.",
                section="feedback",
            )
        )
    fields += [
        Category(
            "category",
            "Category",
            help="Optional: any name; quizzes and progress are counted per category.",
            section="about",
            max_length=MAX_CATEGORY_LENGTH,
        ),
        Tags("tags", "Tags", help="Optional: separate them with commas.", section="about"),
        Number(
            "points",
            "Points",
            help="What the question is worth in a quiz (Moodle's default mark).",
            section="about",
            minimum=0,
            maximum=MAX_POINTS,
            start=cls.default_points(),
        ),
    ]
    return tuple(fields)


def schema(cls: type[Question]) -> tuple[Field, ...]:
    """Every field of the editor for ``cls``: the common ones, then the type's."""
    return common_fields(cls) + tuple(cls.editor_fields)


def sections(cls: type[Question]) -> list[tuple[str, str, list[Field]]]:
    """(section name, heading, fields) in order, leaving out the empty ones."""
    fields = schema(cls)
    return [
        (name, heading, [f for f in fields if f.section == name])
        for name, heading in SECTIONS.items()
        if any(f.section == name for f in fields)
    ]


# ------------------------------------------------------------------ questions and forms


def form_values(question: Question) -> dict[str, Any]:
    """The form values the editor opens ``question`` with."""
    values = question.editor_values()
    return {f.name: f.show(values.get(f.name)) for f in schema(type(question))}


def new_form_values(cls: type[Question]) -> dict[str, Any]:
    """The form values of a new question of ``cls``."""
    return {f.name: f.default for f in schema(cls)}


@dataclass(frozen=True)
class Edited:
    """What the editor made of a form: the question (None when a field could not be read)
    and the problems by path (empty when it may be saved)."""

    question: Question | None
    errors: Errors

    @property
    def ok(self) -> bool:
        return self.question is not None and not self.errors

    def messages(self) -> list[str]:
        return [message for found in self.errors.values() for message in found]


def read_values(fields: Iterable[Field], data: Mapping[str, Any]) -> tuple[dict[str, Any], Errors]:
    """Each field's value from the form values, and what could not be read."""
    values: dict[str, Any] = {}
    errors: Errors = {}
    for one in fields:
        try:
            values[one.name] = one.read(data.get(one.name))
        except RowErrors as error:
            for path, messages in error.errors.items():
                errors.setdefault((one.name, *path), []).extend(messages)
        except EditError as error:
            add_error(errors, (one.name,), str(error))
    return values, errors


def read_form(
    cls: type[Question],
    data: Mapping[str, Any],
    *,
    original: Question | None = None,
    question_id: str = "",
) -> Edited:
    """The question the form describes, with every problem: the fields' own, then the
    type's ``problems()``.  ``original`` (the question being edited) gives what the editor
    does not show (its id, source quote, flashcard); a new question takes ``question_id``."""
    fields = schema(cls)
    values, errors = read_values(fields, data)
    if errors:
        return Edited(None, errors)
    common = {f.name: values[f.name] for f in common_fields(cls)}
    own = {f.name: values[f.name] for f in cls.editor_fields}
    try:
        question = cls.from_editor(common, own, original=original, question_id=question_id)
    except (TypeError, ValueError, KeyError) as error:
        return Edited(None, {(): [f"these answers do not make a question: {error}"]})
    for problem in question.problems():
        path = tuple(getattr(problem, "field", ()))
        add_error(errors, path if _known(path, fields) else (), str(problem))
    for name in _still_shown(question, values.get("files") or ()):
        add_error(
            errors,
            ("files",),
            f'the text still shows the image "{name}": remove its reference from the text '
            "too, or keep the image",
        )
    return Edited(question, errors)


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _still_shown(question: Question, rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """The images the form drops that a text of the question still refers to."""
    dropped = {row.get("name") for row in rows if not row.get("keep")}
    if not dropped:
        return []
    data = question.to_dict()
    data.pop("files", None)
    named = {name for text in _strings(data) for name in media.referenced_names(text)}
    return sorted(n for n in dropped & named if n)


# --------------------------------------------------------------------------- images


def _free_name(name: str, taken: set[str]) -> str:
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    candidate, number = name, 2
    while candidate in taken:
        candidate = f"{stem}-{number}{dot}{extension}"
        number += 1
    return candidate


def attach_image(
    data: Mapping[str, Any], file: media.MediaFile, alt: str
) -> tuple[dict[str, Any], str | None]:
    """The form values with ``file`` attached (renamed if the question has a file of that
    name) and shown at the end of the question text, with ``alt`` as its description; or
    the values unchanged and why not.  A plain-text question becomes Moodle's auto-format
    (HTML, line breaks kept), which shows its texts the same, unless a text holds ``<`` or
    ``&``, which that format would read as HTML."""
    alt = " ".join((alt or "").split())
    if not alt:
        return dict(data), (
            "describe the image in a few words first (its alt text, read to those who cannot "
            "see it)"
        )
    if len(data.get("files") or ()) >= MAX_FILES:
        return dict(data), f"the editor holds at most {MAX_FILES} images for one question"
    values = copy.deepcopy(dict(data))
    text_format = values.get("text_format") or "plain"
    if text_format == "plain":
        if any("<" in text or "&" in text for text in _strings(values)):
            return dict(data), (
                "a plain-text question cannot show an image: choose HTML, Markdown or Moodle "
                "auto-format under Text format (writing < and & as HTML does), then attach it"
            )
        values["text_format"] = text_format = "moodle"
    rows = values.setdefault("files", [])
    name = _free_name(file.name, {str(row.get("name")) for row in rows})
    reference = media.plugin_url(name)
    if text_format == "markdown":
        shown = f"![{alt.replace('[', '(').replace(']', ')')}]({reference})"
    else:
        shown = f'<img src="{reference}" alt="{html.escape(alt)}">'
    prompt = str(values.get("prompt") or "").rstrip()
    values["prompt"] = f"{prompt}\n\n{shown}" if prompt else shown
    encoded = base64.b64encode(file.data).decode("ascii")
    rows.append({"name": name, "keep": True, "mime": file.mime, "content": encoded})
    return values, None


def with_data_urls(question: Question) -> Question:
    """The question with each ``@@PLUGINFILE@@/<name>`` of its texts made a ``data:`` URL of
    that file: the editor's preview shows images not saved yet."""
    if not question.files:
        return question
    urls = {
        f.name: f"data:{f.mime};base64,{base64.b64encode(f.data).decode('ascii')}"
        for f in question.files
    }

    def rewrite(value: Any) -> Any:
        if isinstance(value, str):
            return media.rewrite_references(value, urls.get)
        if isinstance(value, dict):
            return {key: rewrite(item) for key, item in value.items()}
        if isinstance(value, list):
            return [rewrite(item) for item in value]
        return value

    data = question.to_dict()
    files = data.pop("files")
    return question_from_dict({**rewrite(data), "files": files})


def field_label(cls: type[Question], path: Path) -> str:
    """How the error summary names a field: ``("choices",)`` -> "Choices",
    ``("choices", 1, "weight")`` -> "Choice 2, grade", ``("blanks", 0, "accepted", 1,
    "text")`` -> "Blank 1, answer 2, text"."""
    fields: Sequence[Field] = schema(cls)
    words: list[str] = []
    rows: Rows | None = None
    for part in path:
        if isinstance(part, int) and rows is not None:
            if words and words[-1] == rows.label:
                words.pop()
            words.append(f"{rows.row_label} {part + 1}")
            fields, rows = rows.columns, None
            continue
        found = next((f for f in fields if f.name == part), None)
        if found is None:
            break
        words.append(found.label)
        rows = found if isinstance(found, Rows) else None
    return ", ".join(words[:1] + [word.lower() for word in words[1:]])


def _known(path: Path, fields: Sequence[Field]) -> bool:
    """Does ``path`` name a field of the form (so a message can be shown beside it)?"""
    if not path:
        return False
    found = next((f for f in fields if f.name == path[0]), None)
    rest = path[1:]
    while found is not None and rest:
        if not isinstance(found, Rows) or not isinstance(rest[0], int):
            return False
        if len(rest) == 1:
            return True
        found = next((c for c in found.columns if c.name == rest[1]), None)
        rest = rest[2:]
    return found is not None


def oversized(cls: type[Question], data: Mapping[str, Any]) -> list[str]:
    """Why the editor cannot hold these form values: lists longer than it takes (a question
    imported with 300 choices is edited as JSON)."""
    found: list[str] = []

    def visit(fields: Iterable[Field], values: Mapping[str, Any], where: str) -> None:
        for one in fields:
            rows = values.get(one.name)
            if not isinstance(one, Rows | Files) or not isinstance(rows, list):
                continue
            if len(rows) > one.max_rows:
                has = f"{where} has " if where else ""
                found.append(
                    f"{has}{len(rows):,} {one.label.lower()}; the editor holds {one.max_rows}"
                )
            if isinstance(one, Rows):
                for number, row in enumerate(rows[: one.max_rows], start=1):
                    if isinstance(row, Mapping):
                        visit(one.columns, row, f"{one.row_label.lower()} {number}")

    visit(schema(cls), data, "")
    return found


# ------------------------------------------------------------------ rows: add, remove, move

#: What a button does to a list of rows: ``add`` a row to the list the path names; ``remove``
#: the row it names, or move it ``up`` or ``down``.
ROW_ACTIONS = ("add", "remove", "up", "down")


def path_name(path: Path) -> str:
    """A path as one name, as the form names its fields: ``("choices", 2, "weight")`` ->
    ``choices-2-weight``."""
    return "-".join(str(part) for part in path)


def parse_path(name: str) -> Path:
    return tuple(int(part) if part.isdigit() else part for part in name.split("-") if part)


def parse_action(text: str) -> tuple[str, Path] | None:
    """``"remove:choices-2"`` -> ``("remove", ("choices", 2))``; None if it is not one."""
    op, _, name = (text or "").partition(":")
    if op not in ROW_ACTIONS or not name or len(name) > 200:
        return None
    return op, parse_path(name)


def _rows_at(
    fields: Sequence[Field], values: dict[str, Any], path: Path
) -> tuple[Rows, list[Any]] | None:
    """The Rows field a path names (a list: ``("choices",)``, ``("blanks", 0, "accepted")``)
    and its list of rows inside ``values``."""
    if not path or not isinstance(path[0], str):
        return None
    found = next((f for f in fields if f.name == path[0]), None)
    container: Any = values.get(path[0])
    rest = path[1:]
    while rest:
        if not isinstance(found, Rows) or len(rest) < 2 or not isinstance(rest[0], int):
            return None
        index, name = rest[0], rest[1]
        if not isinstance(container, list) or not 0 <= index < len(container):
            return None
        row = container[index]
        found = next((c for c in found.columns if c.name == name), None)
        if not isinstance(row, dict):
            return None
        container = row.setdefault(name, []) if isinstance(found, Rows) else None
        rest = rest[2:]
    if not isinstance(found, Rows) or not isinstance(container, list):
        return None
    return found, container


def change_rows(
    cls: type[Question], data: Mapping[str, Any], op: str, path: Path
) -> tuple[dict[str, Any], Path]:
    """The form values with a row added, removed or moved, and the path to show next (the
    new or moved row, or the list).  A path that names nothing changes nothing."""
    values = copy.deepcopy(dict(data))
    fields = schema(cls)
    if op == "add":
        found = _rows_at(fields, values, path)
        if found is None:
            return values, ()
        rows_field, rows = found
        if len(rows) >= rows_field.max_rows:
            return values, path
        rows.append(rows_field.blank_row())
        return values, (*path, len(rows) - 1)
    if len(path) < 2 or not isinstance(path[-1], int):
        return values, ()
    found = _rows_at(fields, values, path[:-1])
    index = path[-1]
    if found is None or not 0 <= index < len(found[1]):
        return values, ()
    _, rows = found
    if op == "remove":
        del rows[index]
        return values, path[:-1]
    other = index - 1 if op == "up" else index + 1
    if not 0 <= other < len(rows):
        return values, path
    rows[index], rows[other] = rows[other], rows[index]
    return values, (*path[:-1], other)


# ---------------------------------------------------------------------- new questions

_SLUG_UNSAFE = re.compile(r"[^a-z0-9]+")


def new_question_id(question: Question, taken: Iterable[str]) -> str:
    """An id for a question added in the editor: from its title (else its text), unique in
    the set.  Ids are how versions match questions and learners' progress follows them."""
    words = question.title.strip() or question.card_front()
    plain = unicodedata.normalize("NFKD", words.casefold()).encode("ascii", "ignore").decode()
    base = _SLUG_UNSAFE.sub("-", plain).strip("-")[:48].strip("-") or question.type_name
    base = "q-" + base
    used = set(taken)
    candidate, number = base, 2
    while candidate in used:
        candidate = f"{base}-{number}"
        number += 1
    return candidate
