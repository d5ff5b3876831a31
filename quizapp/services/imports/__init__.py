"""Importing question files: check everything, show a preview, save in one transaction.

* ``checking``: an upload checked without the database, every problem at once
  (``UploadRejected``).
* ``drafts``: the upload page's flow: keep a checked upload as a draft, preview it (new set
  or new version, questions added, updated, removed, questions skipped, warnings, CSV
  columns), read a CSV/TSV draft again with other column roles, confirm it once.
* ``saving``: each set saved as a new set or a new version of the owner's set of that name,
  keeping learners' progress (``question_sets.sync_set``).
* ``command_line``: the command line's import, saved at once or a dry run.

Callers import the package (``from quizapp.services import imports``) and use the names
below, as for ``services.quizzes``; the modules import each other directly.
"""

from __future__ import annotations

from question_bank.formats import DEFAULT_MAX_BYTES
from quizapp.services.imports.checking import (
    IMPORT_FORMATS,
    MAX_CATEGORY,
    MAX_COLUMNS,
    MAX_FILENAME,
    MAX_KEY,
    MAX_SET_NAME,
    TABULAR_FORMATS,
    CheckedUpload,
    UploadRejected,
    check_upload,
    printable,
    set_problems,
    unstorable,
)
from quizapp.services.imports.command_line import ImportResult, import_file
from quizapp.services.imports.drafts import (
    DRAFT_LIFETIME,
    MAX_PENDING_DRAFTS,
    ColumnsView,
    DraftExpired,
    DraftPreview,
    PendingDraft,
    PreviewSet,
    confirm,
    create_draft,
    discard,
    draft_file,
    pending_drafts,
    preview,
    reread,
)
from quizapp.services.imports.saving import SetOutcome

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DRAFT_LIFETIME",
    "IMPORT_FORMATS",
    "TABULAR_FORMATS",
    "MAX_CATEGORY",
    "MAX_COLUMNS",
    "MAX_FILENAME",
    "MAX_KEY",
    "MAX_PENDING_DRAFTS",
    "MAX_SET_NAME",
    "CheckedUpload",
    "ColumnsView",
    "DraftExpired",
    "DraftPreview",
    "ImportResult",
    "PendingDraft",
    "PreviewSet",
    "SetOutcome",
    "UploadRejected",
    "check_upload",
    "confirm",
    "create_draft",
    "discard",
    "draft_file",
    "import_file",
    "pending_drafts",
    "preview",
    "printable",
    "reread",
    "set_problems",
    "unstorable",
]
