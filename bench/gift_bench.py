"""The GIFT import, timed: a generated 10,000-question file, read by the project's parser
(``question_bank.formats.gift.parse``) and saved as a new set (``save_new_set``), and the same
file read by ``pygiftparser`` (a published GIFT parser) side by side.

The file mixes every construct of Moodle's GIFT documentation (multiple choice with weights
and feedback, multiple response, true/false with feedback, short answer, numerical with a
tolerance, a range, several answers or a negative value, matching, missing word, essay,
description), titles, ``[html]``/``[markdown]`` markers, escaped special characters,
general feedback, answers on several lines, ``// [id:...]`` comments and ``$CATEGORY:``
lines.  The generator keeps, for every question, what it means (``Truth``); each parser's
reading is compared with it: the type, the question text and the answers (which is right,
weights, numbers and tolerances, pairs).  A question read differently is "misread".
"""

from __future__ import annotations

import gc
import io
import logging
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WORDS = (
    "army",
    "river",
    "city",
    "border",
    "siege",
    "town",
    "desert",
    "truce",
    "offensive",
    "coalition",
    "militia",
    "village",
    "market",
    "bridge",
    "convoy",
    "ridge",
    "valley",
    "frontier",
    "harbour",
    "garrison",
    "province",
    "capital",
    "treaty",
    "supply",
    "column",
    "rebel",
    "commander",
    "outpost",
    "airstrike",
    "refugee",
    "camp",
    "oilfield",
    "checkpoint",
)
CATEGORIES = ("actor", "date", "place", "outcome")
KINDS = (
    ("multiple_choice", 22),
    ("weighted_choice", 8),
    ("multiple_response", 8),
    ("true_false", 10),
    ("short_answer", 10),
    ("numerical", 12),
    ("matching", 7),
    ("missing_word", 8),
    ("essay", 5),
    ("description", 4),
    ("escaped_choice", 6),
)


@dataclass(frozen=True)
class Truth:
    """What a generated question means, in terms both parsers can be checked against."""

    kind: str  # the project's type name
    prompt: str  # the text a student reads (missing word: with "_____" at the gap)
    facts: tuple[Any, ...]  # the answers, normalised (see ``_facts``)
    head: str = ""  # missing word: the text before the gap
    tail: str = ""  # missing word: the text after it


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def _number_text(value: float) -> str:
    return f"{value:g}"


def generate(count: int, seed: int) -> tuple[str, list[Truth]]:
    """A GIFT file of ``count`` questions and, in order, what each one means."""
    rng = random.Random(seed)
    names = [name for name, _ in KINDS]
    weights = [weight for _, weight in KINDS]
    paragraphs: list[str] = []
    truths: list[Truth] = []
    for number in range(1, count + 1):
        if number % 500 == 1:
            category = CATEGORIES[(number // 500) % len(CATEGORIES)]
            paragraphs.append(f"$CATEGORY: $course$/top/Bench/{category}")
        kind = rng.choices(names, weights)[0]
        text, truth = _question(kind, number, rng)
        lines = []
        if rng.random() < 0.15:
            lines.append(f"// [id:gen-{number}]")
        elif rng.random() < 0.05:
            lines.append(f"// reviewed by {rng.choice(WORDS)}")
        lines.append(text)
        paragraphs.append("\n".join(lines))
        truths.append(truth)
    return "\n\n".join(paragraphs) + "\n", truths


def _distinct(rng: random.Random, count: int, low: int, high: int, taken: set[str]) -> list[str]:
    found: list[str] = []
    while len(found) < count:
        candidate = _words(rng, low, high)
        if candidate not in taken:
            taken.add(candidate)
            found.append(candidate)
    return found


def _question(kind: str, number: int, rng: random.Random) -> tuple[str, Truth]:
    title = f"::Question {number}::" if rng.random() < 0.6 else ""
    stem = f"{_words(rng, 4, 12).capitalize()} {number}?"
    marker = ""
    shown = stem
    roll = rng.random()
    if kind not in ("escaped_choice", "description", "missing_word"):
        if roll < 0.08:
            marker, stem = "[html]", f"<b>{stem}</b>"
            shown = stem
        elif roll < 0.12:
            marker = "[markdown]"
    general = ""
    if rng.random() < 0.15 and kind not in ("description", "essay"):
        general = f"####{_words(rng, 3, 8)}"
    multiline = rng.random() < 0.1
    sep = "\n" if multiline else " "

    def block(answers: list[str]) -> str:
        inner = sep.join(answers)
        if multiline:
            return "{\n" + inner + (f"\n{general}" if general else "") + "\n}"
        return "{" + inner + (f" {general}" if general else "") + "}"

    def feedback() -> str:
        return f"#{_words(rng, 1, 4)}" if rng.random() < 0.3 else ""

    head = f"{title}{marker}{stem}"
    if kind in ("multiple_choice", "escaped_choice"):
        right, *wrong = _distinct(rng, 4, 1, 3, set())
        shown_right = right
        if kind == "escaped_choice":
            # Moodle's escapes: \= \~ \# \{ \} \: inside the text and the answers.
            head = f"{title}{stem[:-1]} \\= 2 \\{{ratio\\}} \\: {number}?"
            shown = f"{stem[:-1]} = 2 {{ratio}} : {number}?"
            digit = rng.randint(1, 9)
            right, shown_right = f"{right} \\~ {digit}", f"{right} ~ {digit}"
            wrong[0] = f"{wrong[0]} \\# {digit}"
        answers = [f"={right}{feedback()}"] + [f"~{w}{feedback()}" for w in wrong]
        rng.shuffle(answers)
        texts = [shown_right] + [_unescape(w) for w in wrong]
        truth = Truth(kind="multiple_choice", prompt=shown, facts=_mc(shown_right, texts))
        return f"{head} {block(answers)}", truth
    if kind == "weighted_choice":
        right, half, wrong_one = _distinct(rng, 3, 1, 3, set())
        answers = [
            f"={right}{feedback()}",
            f"~%50%{half}{feedback()}",
            f"~{wrong_one}{feedback()}",
        ]
        facts = ("choices", tuple(sorted(((right, 1.0), (half, 0.5), (wrong_one, 0.0)))))
        return f"{head} {block(answers)}", Truth("multiple_choice", shown, facts)
    if kind == "multiple_response":
        good_count = rng.choice((2, 2, 3))
        picked = _distinct(rng, good_count + 2, 1, 2, set())
        good, bad = picked[:good_count], picked[good_count:]
        share = {2: "50", 3: "33.33333"}[good_count]
        answers = [f"~%{share}%{g}{feedback()}" for g in good]
        answers += [f"~%-100%{b}{feedback()}" for b in bad]
        rng.shuffle(answers)
        weights = [(g, round(float(share) / 100, 4)) for g in good] + [(b, -1.0) for b in bad]
        facts = ("choices", tuple(sorted(weights)))
        return f"{head} {block(answers)}", Truth("multiple_response", shown, facts)
    if kind == "true_false":
        value = rng.random() < 0.5
        word = rng.choice(("T", "TRUE") if value else ("F", "FALSE"))
        extra = f"#{_words(rng, 1, 3)}#{_words(rng, 1, 3)}" if rng.random() < 0.3 else ""
        text = f"{head} {{{word}{extra}{(' ' + general) if general else ''}}}"
        return text, Truth("true_false", shown, ("truth", value))
    if kind == "short_answer":
        accepted = _distinct(rng, rng.randint(1, 3), 1, 2, set())
        answers = [f"={a}{feedback()}" for a in accepted]
        facts = ("accepted", tuple(sorted(accepted)))
        return f"{head} {block(answers)}", Truth("short_answer", shown, facts)
    if kind == "numerical":
        variant = rng.random()
        value = round(rng.uniform(1, 2000), rng.choice((0, 1, 2)))
        if rng.random() < 0.2:
            value = -value
        tolerance = round(rng.uniform(0.1, 5), 1)
        if variant < 0.55:
            inner = f"#{_number_text(value)}:{_number_text(tolerance)}"
            facts: tuple[Any, ...] = ("numeric", ((value, tolerance),))
        elif variant < 0.8:
            low, high = value, value + rng.randint(1, 40)
            inner = f"#{_number_text(low)}..{_number_text(high)}"
            facts = ("numeric", (((low + high) / 2, (high - low) / 2),))
        else:
            inner = f"#={_number_text(value)}:0 =%50%{_number_text(value)}:{tolerance:g}"
            facts = ("numeric", tuple(sorted(((value, 0.0), (value, tolerance)))))
        text = f"{head} {{{inner}{(' ' + general) if general else ''}}}"
        return text, Truth("numerical", shown, facts)
    if kind == "matching":
        size = rng.randint(3, 4)
        items = [f"{rng.choice(WORDS)} {i}" for i in range(1, size + 1)]
        options = [f"{rng.choice(WORDS)} {i + 10}" for i in range(1, size + 1)]
        answers = [f"={item} -> {option}" for item, option in zip(items, options, strict=True)]
        facts = ("pairs", tuple(sorted(zip(items, options, strict=True))))
        return f"{head} {block(answers)}", Truth("matching", shown, facts)
    if kind == "missing_word":
        before = f"{_words(rng, 3, 6).capitalize()} {number}"
        after = f"{_words(rng, 2, 5)}."
        right, *wrong = _distinct(rng, 3, 1, 2, set())
        answers = [f"={right}"] + [f"~{w}" for w in wrong]
        rng.shuffle(answers)
        text = f"{title}{before} {{{' '.join(answers)}}} {after}"
        truth = Truth(
            "multiple_choice",
            f"{before} _____ {after}",
            _mc(right, [right, *wrong]),
            head=before,
            tail=after,
        )
        return text, truth
    if kind == "essay":
        return f"{head} {{}}", Truth("essay", shown, ("essay",))
    # A description: no braces at all.
    text = f"{title}{stem[:-1]}."
    return text, Truth("description", f"{stem[:-1]}.", ("none",))


def _unescape(text: str) -> str:
    for char in "=~#{}:":
        text = text.replace("\\" + char, char)
    return text


def _mc(right: str, texts: list[str]) -> tuple[Any, ...]:
    return ("choices", tuple(sorted((t, 1.0 if t == right else 0.0) for t in texts)))


def _clean(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------------ the project's


def facts_of(question: Any) -> tuple[str, str, tuple[Any, ...]]:
    """(type, prompt, facts) of a ``question_bank.types`` question, normalised like Truth."""
    kind = question.type_name
    prompt = _clean(question.prompt)
    if kind in ("multiple_choice", "multiple_response"):
        pairs = tuple(sorted((_clean(c.text), round(c.weight, 4)) for c in question.choices))
        return kind, prompt, ("choices", pairs)
    if kind == "true_false":
        right = next(c.id for c in question.choices if c.weight >= 1.0)
        return kind, prompt, ("truth", right == "true")
    if kind == "short_answer":
        return kind, prompt, ("accepted", tuple(sorted(_clean(a.text) for a in question.accepted)))
    if kind == "numerical":
        numbers = tuple(sorted((n.value, n.tolerance) for n in question.numeric))
        return kind, prompt, ("numeric", numbers)
    if kind == "matching":
        pairs = tuple(sorted((_clean(p.item), _clean(p.option)) for p in question.pairs))
        return kind, prompt, ("pairs", pairs)
    if kind == "essay":
        return kind, prompt, ("essay",)
    return kind, prompt, ("none",)


def _same(truth: Truth, kind: str, prompt: str, facts: tuple[Any, ...]) -> bool:
    if kind != truth.kind or _clean(prompt) != _clean(truth.prompt):
        return False
    if truth.facts[0] == "numeric" and facts and facts[0] == "numeric":
        got, want = facts[1], truth.facts[1]
        return len(got) == len(want) and all(
            abs(a - c) < 1e-6 and abs(b - d) < 1e-6
            for (a, b), (c, d) in zip(got, want, strict=True)
        )
    return facts == truth.facts


def check_project(questions: list[Any], truths: list[Truth]) -> int:
    """How many questions the project's parser read exactly as meant."""
    if len(questions) != len(truths):
        return sum(
            1 for q, t in zip(questions, truths, strict=False) if _same(t, *facts_of(q))
        ) - abs(len(questions) - len(truths))
    return sum(1 for q, t in zip(questions, truths, strict=True) if _same(t, *facts_of(q)))


# ------------------------------------------------------------------------- pygiftparser


def pygift_facts(question: Any) -> tuple[str, str, tuple[Any, ...], str, str]:
    """(type, prompt, facts, head, tail) of a pygiftparser question, as Truth has them.

    Its classes map to the project's types: SelectSet is one right answer (multiple choice,
    or missing word when the question has a tail), MultipleChoicesSet is multiple response,
    ShortSet short answer, NumericAnswerSet numerical, MatchingSet matching.  Its texts keep
    GIFT's escapes until they are rendered, so they are unescaped with its own
    ``transformSpecials`` first."""
    from pygiftparser import utils

    def text(value: str) -> str:
        return _clean(utils.transformSpecials(value or ""))

    if not question.valid:
        return "invalid", "", (), "", ""
    answers = question.answers
    name = type(answers).__name__
    prompt = text(question.text)
    tail = text(getattr(question, "tail", ""))
    if name == "SelectSet" and tail:
        prompt = f"{prompt} _____ {tail}"
    if name in ("SelectSet", "MultipleChoicesSet"):
        pairs = tuple(sorted((text(a.answer), round(a.fraction / 100, 4)) for a in answers.answers))
        kind = "multiple_choice" if name == "SelectSet" else "multiple_response"
        return kind, prompt, ("choices", pairs), text(question.text), tail
    if name == "TrueFalseSet":
        return "true_false", prompt, ("truth", bool(answers.answer)), "", ""
    if name == "ShortSet":
        accepted = tuple(sorted(text(a.answer) for a in answers.answers))
        return "short_answer", prompt, ("accepted", accepted), "", ""
    if name == "NumericAnswerSet":
        numbers = []
        for a in answers.answers:
            if hasattr(a, "mini"):
                low, high = float(a.mini), float(a.maxi)
                numbers.append(((low + high) / 2, (high - low) / 2))
            else:
                numbers.append((float(a.value), float(a.tolerance)))
        return "numerical", prompt, ("numeric", tuple(sorted(numbers))), "", ""
    if name == "MatchingSet":
        pairs = tuple(sorted((text(a.question), text(a.answer)) for a in answers.answers))
        return "matching", prompt, ("pairs", pairs), "", ""
    if name == "Essay":
        return "essay", prompt, ("essay",), "", ""
    if name == "Description":
        return "description", prompt, ("none",), "", ""
    return name, prompt, (), "", ""


def check_pygift(questions: list[Any], truths: list[Truth]) -> int:
    """How many questions pygiftparser read exactly as meant (in file order)."""
    good = 0
    for question, truth in zip(questions, truths, strict=False):
        kind, prompt, facts, _, _ = pygift_facts(question)
        if _same(truth, kind, prompt, facts):
            good += 1
    return good


def pygift_parse(text: str) -> list[Any]:
    from pygiftparser import parser

    return parser.parseFile(io.StringIO(text))


def _median_time(function: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Each run starts from a collected heap, the previous run's result dropped: a run
    otherwise pays for collecting what the runs before it left alive."""
    times = []
    result = None
    for _ in range(repeat):
        result = None
        gc.collect()
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


@dataclass
class GiftParseResult:
    questions: int
    parse_s: float
    project_understood: int
    project_errors: int
    pygiftparser_parse_s: float
    pygiftparser_questions: int
    pygiftparser_understood: int
    pygiftparser_misread: int
    misread_by_kind: dict[str, int]
    text: str
    bank: Any  # the parsed question_bank.sets.QuestionSet, for the save


def run_parse(count: int, seed: int, repeat: int = 3) -> GiftParseResult:
    """Generate, then parse with both parsers (median of ``repeat`` runs each)."""
    from question_bank.formats import gift

    text, truths = generate(count, seed)
    # pygiftparser logs a warning for every question without a title: keep the run quiet.
    logging.getLogger("pygiftparser").setLevel(logging.ERROR)
    for name in ("pygiftparser.question", "pygiftparser.utils", "pygiftparser.answer"):
        logging.getLogger(name).setLevel(logging.ERROR)
    py_s, py_questions = _median_time(lambda: pygift_parse(text), repeat)
    py_good = 0
    by_kind: dict[str, int] = {}
    for question, truth in zip(py_questions, truths, strict=False):
        kind, prompt, facts, _, _ = pygift_facts(question)
        if _same(truth, kind, prompt, facts):
            py_good += 1
        else:
            label = truth.kind if not truth.tail else "missing_word"
            by_kind[label] = by_kind.get(label, 0) + 1
    missing = max(0, len(truths) - len(py_questions))
    if missing:
        by_kind["not_found"] = missing
    py_count = len(py_questions)
    # Each parser is timed with no other parser's output alive (the garbage collector's
    # full passes walk every live object: whichever ran second used to pay for the first).
    del py_questions
    parse_s, result = _median_time(lambda: gift.parse(text, "GIFT benchmark"), repeat)
    understood = check_project(result.questions, truths)
    return GiftParseResult(
        questions=count,
        parse_s=parse_s,
        project_understood=understood,
        project_errors=len(result.errors),
        pygiftparser_parse_s=py_s,
        pygiftparser_questions=py_count,
        pygiftparser_understood=py_good,
        pygiftparser_misread=count - py_good,
        misread_by_kind=dict(sorted(by_kind.items())),
        text=text,
        bank=result.sets[0] if result.sets else None,
    )


def profile_parse(text: str, path: Path) -> None:
    """The project's parse of ``text`` under pyinstrument, written to ``path``."""
    from pyinstrument import Profiler

    from question_bank.formats import gift

    profiler = Profiler(interval=0.0005)
    profiler.start()
    gift.parse(text, "GIFT benchmark")
    profiler.stop()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(profiler.output_text(unicode=False, color=False, show_all=False))


def time_save(app: Any, bank: Any, owner_id: int | None) -> tuple[float, int]:
    """``save_new_set`` of the parsed set into the app's database: (seconds, questions)."""
    from datetime import UTC, datetime

    from quizapp.extensions import db
    from quizapp.services.question_sets import save_new_set

    with app.app_context():
        start = time.perf_counter()
        report = save_new_set(db.session, bank, owner_id=owner_id, now=datetime.now(UTC))
        elapsed = time.perf_counter() - start
        db.session.remove()
    return elapsed, report.added
