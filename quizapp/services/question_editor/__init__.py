"""The question editor: open a question of one's own set (or a new one of a chosen type),
check what the form says by the rules an import follows, save it, delete a question.

* ``opening``: what the editor works on (the set, the question, its type, the set's
  categories); someone else's set or question is "not found".
* ``checking``: the form's values read by the type's editor schema
  (``question_bank.types.editing``), its ``problems()``, and what the database cannot hold
  (NUL characters, lone surrogates, a category too long), each by the field it concerns.
  No database: the preview uses it too.
* ``saving``: a question saved (edited in place, or added) or deleted in one transaction,
  through ``question_sets.sync_set`` as a new version of the set: the question keeps its id,
  its flashcard and learners' progress; attempts keep their snapshot.

Callers import the package (``from quizapp.services import question_editor``) and use the
names below; the modules import each other directly.
"""

from __future__ import annotations

from quizapp.services.question_editor.checking import EditRejected, check
from quizapp.services.question_editor.opening import (
    EditorTarget,
    TypeChoice,
    open_new,
    open_question,
    type_choices,
)
from quizapp.services.question_editor.saving import Saved, delete_question, save_question

__all__ = [
    "EditRejected",
    "EditorTarget",
    "Saved",
    "TypeChoice",
    "check",
    "delete_question",
    "open_new",
    "open_question",
    "save_question",
    "type_choices",
]
