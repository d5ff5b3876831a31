"""The README's figures about the bank are generated, not typed: this keeps them true."""

from __future__ import annotations

from pathlib import Path

from question_bank.article import CATEGORIES, load_bank
from question_bank.types import QUESTION_TYPES

README = Path(__file__).resolve().parents[2] / "README.md"
#: The types the bank uses, in the registry's order.
TYPES = [name for name, cls in QUESTION_TYPES.items() if cls.gradable]


def bank_table() -> str:
    bank = load_bank()
    lines = [
        "| type | " + " | ".join(CATEGORIES) + " | total |",
        "|---|" + "---:|" * (len(CATEGORIES) + 1),
    ]

    def row(label, items):
        counts = [sum(1 for i in items if i.category == c) for c in CATEGORIES]
        return f"| {label} | " + " | ".join(map(str, counts)) + f" | {len(items)} |"

    for type_name in TYPES:
        lines.append(row(type_name, [q for q in bank.questions if q.type_name == type_name]))
    lines.append(row("**questions**", bank.questions))
    lines.append(row("**flashcards**", bank.cards))
    return "\n".join(lines)


def test_readme_bank_table_matches_the_bank():
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- bank-table")
    start = text.index("\n", start) + 1
    end = text.index("<!-- /bank-table -->")
    assert text[start:end].strip() == bank_table()
