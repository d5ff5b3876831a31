"""Real files written by other people, read by quizapp and compared with what Moodle (or Anki)
reads from them: the check of issue 14's "done when".

    python -m bench.real_files FOLDER                 # the table
    python -m bench.real_files FOLDER --verbose       # and a line per file
    python -m bench.real_files FOLDER --record        # write what is read, to be reviewed
    python -m bench.real_files FOLDER --show PATH     # what quizapp reads from one file

The files stay outside the repository (they are other people's work): FOLDER holds one
folder per format (``gift``, ``moodlexml``, ``aiken``, ``csv``, ``tsv``, ``anki_text``,
``apkg``; any other folder's files are detected by their content) and ``expected.json``,
which says for each file (by its path in FOLDER) what Moodle or Anki reads from it:

``{"verdict": "read", "questions": [...], "skipped": 2, "reviewed": true, "note": "..."}``
    Moodle reads it: the questions, each as ``summary`` writes it, and how many questions
    Moodle could read that quizapp skips on purpose (types it does not have);
``{"verdict": "refuse", "reviewed": true, "note": "..."}``
    Moodle refuses the file (or imports nothing from it).

Each file falls in one column: read as Moodle reads it (no error, the same questions, the
same number skipped), refused rightly, refused wrongly (an error where Moodle reads it), or
read wrong (other questions, or read where Moodle refuses).  ``--record`` writes what quizapp
reads now for every file that has no expectation yet, marked ``"reviewed": false``: a person
compares it with the file and Moodle's rules, corrects it where quizapp is wrong, and sets
``reviewed``.  Files not reviewed are counted apart.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from question_bank.formats import FORMATS, parse_upload
from question_bank.formats.base import ParseResult
from question_bank.rendering import plain_text
from question_bank.types import Question

#: Folders whose files are read in one format; other folders are detected.
FOLDER_FORMATS = {name: name for name in FORMATS} | {"anki_text": None, "apkg": "apkg"}
COLUMNS = ("files", "read as Moodle reads", "refused rightly", "refused wrongly", "read wrong")
#: Totals shown beside them: the questions read, and those skipped (types quizapp lacks).
TOTALS = ("questions", "skipped")
#: Keys of a question's interchange dict that depend on quizapp, not on the file.
_OWN_KEYS = ("id", "answer_display", "source", "card_id")


def _plain(value: Any, text_format: str) -> Any:
    if isinstance(value, str) and text_format != "plain":
        return " ".join(plain_text(value, text_format).split())
    return value


def summary(question: Question) -> dict[str, Any]:
    """What a question is, as a person checks it against the file: its interchange dict
    without quizapp's own keys, texts without markup and files by name and SHA-256."""
    data = question.to_dict()
    for key in _OWN_KEYS:
        data.pop(key, None)
    text_format = data.get("text_format", "plain")
    for key in ("prompt", "general_feedback"):
        data[key] = _plain(data.get(key, ""), text_format)
    if "files" in data:
        data["files"] = [f"{f.name} {f.sha256[:12]}" for f in question.files]
    return data


def read(path: Path, folder: Path) -> ParseResult:
    relative = path.relative_to(folder)
    format_name = FOLDER_FORMATS.get(relative.parts[0]) if len(relative.parts) > 1 else None
    return parse_upload(path.read_bytes(), path.name, format=format_name, max_bytes=64 << 20)


@dataclass
class Outcome:
    path: str
    format: str
    column: str
    reviewed: bool
    detail: str
    questions: int = 0
    skipped: int = 0


def judge(result: ParseResult, expected: dict[str, Any] | None) -> tuple[str, str]:
    """The column a file falls in, and why."""
    if expected is None:
        return ("unchecked", "no expectation")
    if expected["verdict"] == "refuse":
        if result.importable:
            return ("read wrong", "Moodle refuses it, quizapp reads it")
        return ("refused rightly", str(result.errors[0]) if result.errors else "nothing read")
    if result.errors or not (result.questions or result.skipped):
        first = str(result.errors[0]) if result.errors else "nothing read"
        return ("refused wrongly", first)
    got = [summary(q) for q in result.questions]
    want = expected.get("questions", [])
    if len(result.skipped) != expected.get("skipped", 0):
        return ("read wrong", f"{len(result.skipped)} skipped, not {expected.get('skipped', 0)}")
    if got != want:
        if len(got) != len(want):
            return ("read wrong", f"{len(got)} questions, not {len(want)}")
        index = next(i for i, (a, b) in enumerate(zip(got, want, strict=True)) if a != b)
        mine, theirs = got[index], want[index]
        keys = sorted(k for k in set(mine) | set(theirs) if mine.get(k) != theirs.get(k))
        return ("read wrong", f"question {index + 1} differs in {', '.join(keys)}")
    return ("read as Moodle reads", f"{len(got)} questions, {len(result.skipped)} skipped")


def files_in(folder: Path) -> Iterable[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != "expected.json" and not path.name.startswith("."):
            yield path


def run(folder: Path, expectations: dict[str, Any]) -> list[Outcome]:
    outcomes = []
    for path in files_in(folder):
        key = path.relative_to(folder).as_posix()
        result = read(path, folder)
        column, detail = judge(result, expectations.get(key))
        reviewed = bool(expectations.get(key, {}).get("reviewed"))
        outcomes.append(
            Outcome(
                key,
                key.split("/")[0],
                column,
                reviewed,
                detail,
                len(result.questions),
                len(result.skipped),
            )
        )
    return outcomes


def table(outcomes: list[Outcome]) -> str:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for outcome in outcomes:
        for row in (outcome.format, "all"):
            counts[row]["files"] += 1
            counts[row][outcome.column if outcome.reviewed else "not reviewed"] += 1
            counts[row]["questions"] += outcome.questions
            counts[row]["skipped"] += outcome.skipped
    unreviewed = any(c["not reviewed"] for c in counts.values())
    columns = COLUMNS + (("not reviewed",) if unreviewed else ()) + TOTALS
    lines = ["| format | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for row in sorted(counts, key=lambda r: (r == "all", r)):
        lines.append(f"| {row} | " + " | ".join(str(counts[row][c]) for c in columns) + " |")
    return "\n".join(lines)


def record(folder: Path, expectations: dict[str, Any]) -> int:
    added = 0
    for path in files_in(folder):
        key = path.relative_to(folder).as_posix()
        if key in expectations:
            continue
        result = read(path, folder)
        if not result.errors and (result.questions or result.skipped):
            expectations[key] = {
                "verdict": "read",
                "questions": [summary(q) for q in result.questions],
                "skipped": len(result.skipped),
                "reviewed": False,
            }
        else:
            errors = [str(e) for e in result.errors[:3]]
            expectations[key] = {"verdict": "refuse", "reviewed": False, "note": "; ".join(errors)}
        added += 1
    return added


def show(path: Path, folder: Path) -> None:
    result = read(path, folder)
    for question in result.questions:
        print(json.dumps(summary(question), ensure_ascii=False))
    for kind in ("errors", "skipped", "warnings"):
        for problem in getattr(result, kind):
            print(f"{kind[:-1] if kind != 'skipped' else 'skipped'}: {problem}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--record", action="store_true")
    parser.add_argument("--show", type=Path)
    args = parser.parse_args(argv)
    folder: Path = args.folder
    expected_path = folder / "expected.json"
    expectations = json.loads(expected_path.read_text()) if expected_path.exists() else {}
    if args.show:
        show(args.show if args.show.is_absolute() else folder / args.show, folder)
        return 0
    if args.record:
        added = record(folder, expectations)
        expected_path.write_text(json.dumps(expectations, indent=1, ensure_ascii=False) + "\n")
        print(f"{added} files recorded in {expected_path}, to be reviewed")
        return 0
    outcomes = run(folder, expectations)
    if args.verbose:
        for outcome in outcomes:
            mark = "" if outcome.reviewed else " (not reviewed)"
            print(f"{outcome.column:22} {outcome.path}{mark}: {outcome.detail}")
        print()
    print(table(outcomes))
    wrong = [o for o in outcomes if o.column in ("refused wrongly", "read wrong")]
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
