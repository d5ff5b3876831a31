"""``quizapp import`` and ``quizapp export``, run as an administrator would."""

from __future__ import annotations

import io
import sqlite3
import zipfile

import pytest
from sqlalchemy import select

from question_bank.formats import json_format
from quizapp.extensions import db
from quizapp.models import QuestionSet
from quizapp.models.question_set import PRIVATE, PUBLIC
from quizapp.services import imports, question_sets
from tests.quizapp.test_imports_service import (
    BROKEN_FILES,
    DATA,
    UPLOADS,
    binary_files,
    read,
    row_counts,
)


def sets(app) -> list[QuestionSet]:
    with app.app_context():
        rows = db.session.execute(select(QuestionSet).order_by(QuestionSet.id)).scalars().all()
        for row in rows:
            _ = (row.questions, row.cards)  # loaded before the context ends
        return list(rows)


def test_import_saves_a_public_set_that_belongs_to_no_one(app, runner):
    result = runner.invoke(args=["import", str(DATA / "gift/every_construct.gift")])
    assert result.exit_code == 0, result.output
    [saved] = sets(app)
    assert result.stdout == (
        f'Saved "every_construct" (new set {saved.id}): 31 added, 0 updated, 0 removed, '
        "0 unchanged.\n"
    )
    assert (saved.owner_id, saved.visibility, len(saved.questions)) == (None, PUBLIC, 31)


def test_import_with_owner_and_private(app, runner, factories):
    teacher = factories.user(role="instructor")
    result = runner.invoke(
        args=["import", str(DATA / "aiken/valid.txt"), "--owner", teacher.email, "--private"]
    )
    assert result.exit_code == 0, result.output
    [saved] = sets(app)
    assert (saved.owner_id, saved.visibility) == (teacher.id, PRIVATE)


@pytest.mark.parametrize(
    ("owner_args", "message"),
    [
        (["--owner", "ghost@example.com"], "No account with the email ghost@example.com"),
        (["--private"], "must be public"),
    ],
)
def test_import_owner_problems(app, runner, owner_args, message):
    before = row_counts(app)
    result = runner.invoke(args=["import", str(DATA / "aiken/valid.txt"), *owner_args])
    assert result.exit_code == 1
    assert message in result.stderr
    assert row_counts(app) == before


def test_import_refuses_a_student_owner(app, runner, factories):
    student = factories.user()
    result = runner.invoke(args=["import", str(DATA / "aiken/valid.txt"), "--owner", student.email])
    assert result.exit_code == 1
    assert "is not an instructor" in result.stderr
    assert sets(app) == []


def test_dry_run_writes_nothing(app, runner):
    before = row_counts(app)
    result = runner.invoke(args=["import", str(DATA / "json/two_sets.json"), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert 'Would save "Early republic" (new set): 9 added' in result.stdout
    assert 'Would save "Geography" (new set): 1 added' in result.stdout
    assert result.stdout.endswith("Dry run: nothing was written.\n")
    assert row_counts(app) == before


@pytest.mark.parametrize("relative", sorted(BROKEN_FILES))
def test_every_broken_file_exits_non_zero_with_every_error_on_stderr(app, runner, relative):
    data, name = read(relative)
    with pytest.raises(imports.UploadRejected) as caught:
        imports.check_upload(data, filename=name)
    before = row_counts(app)
    path = str(DATA / relative)
    result = runner.invoke(args=["import", path])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[:-1] == [f"{path}: {message}" for message in caught.value.messages]
    assert lines[-1].startswith("Nothing was saved: ")
    assert row_counts(app) == before


def test_line_and_column_numbers_on_stderr(runner):
    path = str(DATA / "gift/errors_blocks.gift")
    result = runner.invoke(args=["import", path])
    assert f"{path}: line 3, column 10: the answer block opened here is never closed" in (
        result.stderr
    )


def test_binary_files_are_refused(app, runner, tmp_path):
    before = row_counts(app)
    for name, data in binary_files(tmp_path).items():
        path = tmp_path / name
        path.write_bytes(data)
        result = runner.invoke(args=["import", str(path)])
        assert result.exit_code == 1, name
        assert "not a text file" in result.stderr or "The file is empty" in result.stderr
    assert row_counts(app) == before


@pytest.mark.parametrize("app_config", [{"MAX_UPLOAD_BYTES": 1024}])
def test_size_limit(app, runner):
    result = runner.invoke(args=["import", str(DATA / "gift/every_construct.gift")])
    assert result.exit_code == 1
    assert "The file is too large" in result.stderr
    assert sets(app) == []


def test_missing_file_is_a_usage_error(runner):
    result = runner.invoke(args=["import", str(DATA / "no-such-file.gift")])
    assert result.exit_code == 2
    assert "is not a file" in result.stderr


def test_format_override_set_name_and_standard_input(app, runner):
    text = (DATA / "tsv/quizlet_export.tsv").read_text(encoding="utf-8")
    result = runner.invoke(args=["import", "-", "--format", "tsv", "--set", "Quizlet"], input=text)
    assert result.exit_code == 0, result.output
    [saved] = sets(app)
    assert (saved.name, len(saved.questions)) == ("Quizlet", 5)
    wrong = runner.invoke(args=["import", str(DATA / "aiken/valid.txt"), "--format", "json"])
    assert wrong.exit_code == 1
    assert "not valid JSON" in wrong.stderr
    unknown = runner.invoke(args=["import", str(DATA / "aiken/valid.txt"), "--format", "docx"])
    assert unknown.exit_code == 2


def test_reimport_makes_a_new_version(app, runner):
    first = runner.invoke(args=["import", str(UPLOADS / "capitals_v1.gift"), "--set", "Capitals"])
    assert first.exit_code == 0, first.output
    [saved] = sets(app)
    again = runner.invoke(args=["import", str(UPLOADS / "capitals_v2.gift"), "--set", "capitals"])
    assert again.exit_code == 0, again.output
    assert again.stdout == (
        f'Saved "Capitals" (version 2 of set {saved.id}): 1 added, 1 updated, 1 removed, '
        "2 unchanged.\n"
    )
    [kept] = sets(app)
    assert (kept.id, kept.version) == (saved.id, 2)


# ------------------------------------------------------------------------- export


def _import(runner, relative: str, *args: str) -> None:
    result = runner.invoke(args=["import", str(DATA / relative), *args])
    assert result.exit_code == 0, result.output


def test_export_by_name_and_by_id(app, runner, tmp_path):
    _import(runner, "gift/every_construct.gift")
    [saved] = sets(app)
    by_name = runner.invoke(args=["export", "EVERY_construct", "--format", "gift"])
    assert by_name.exit_code == 0, by_name.output
    assert by_name.stdout.startswith("::Grant's tomb::") or "Grant's tomb" in by_name.stdout
    target = tmp_path / "out.xml"
    by_id = runner.invoke(
        args=["export", str(saved.id), "--format", "moodlexml", "-o", str(target)]
    )
    assert by_id.exit_code == 0, by_id.output
    assert by_id.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<?xml")


def test_export_apkg_to_a_file_and_to_a_pipe(app, runner, tmp_path):
    _import(runner, "csv/with_header.csv")
    target = tmp_path / "deck.apkg"
    result = runner.invoke(args=["export", "with_header", "--format", "apkg", "-o", str(target)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(target) as package:
        (tmp_path / "collection.anki2").write_bytes(package.read("collection.anki2"))
    connection = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        assert connection.execute("SELECT count(*) FROM notes").fetchone()[0] == 4
    finally:
        connection.close()
    piped = runner.invoke(args=["export", "with_header", "--format", "apkg"])
    assert piped.exit_code == 0
    assert zipfile.is_zipfile(io.BytesIO(piped.stdout_bytes))


def test_export_errors(app, runner, factories):
    _import(runner, "aiken/valid.txt")
    teacher = factories.user(role="instructor")
    _import(runner, "aiken/valid.txt", "--owner", teacher.email)
    ids = [s.id for s in sets(app)]
    missing = runner.invoke(args=["export", "nothing", "--format", "json"])
    assert missing.exit_code == 1
    assert 'no question set with the id or name "nothing"' in missing.stderr
    ambiguous = runner.invoke(args=["export", "valid", "--format", "json"])
    assert ambiguous.exit_code == 1
    assert f"ids {ids[0]}, {ids[1]}" in ambiguous.stderr
    assert runner.invoke(args=["export", "--format", "json"]).exit_code == 2
    assert runner.invoke(args=["export", "valid", "--all", "--format", "json"]).exit_code == 2
    gift_all = runner.invoke(args=["export", "--all", "--format", "gift"])
    assert gift_all.exit_code == 2
    assert "--all writes JSON only" in gift_all.stderr
    aiken = runner.invoke(args=["export", str(ids[0]), "--format", "aiken"])
    assert aiken.exit_code == 0 and aiken.stderr == ""


def test_export_all_as_json_is_read_back_by_the_json_parser(app, runner):
    loaded = runner.invoke(args=["bank", "load"])
    assert loaded.exit_code == 0, loaded.output
    _import(runner, "gift/every_construct.gift")
    _import(runner, "json/two_sets.json")
    result = runner.invoke(args=["export", "--all", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    parsed = json_format.parse(result.stdout)
    assert parsed.ok, parsed.errors
    saved = sets(app)
    assert [s.name for s in parsed.sets] == [saved[0].name] + sorted(s.name for s in saved[1:])
    article = next(s for s in saved if s.builtin_key == question_sets.ARTICLE_BANK_KEY)
    assert parsed.sets[0].name == article.name
    assert len(parsed.sets[0].questions) == len(article.questions)
    assert len(parsed.questions) == sum(len(s.questions) for s in saved)


def test_cli_round_trip(app, runner, tmp_path):
    _import(runner, "moodlexml/moodle_export.xml")
    target = tmp_path / "copy.json"
    exported = runner.invoke(
        args=["export", "moodle_export", "--format", "json", "-o", str(target)]
    )
    assert exported.exit_code == 0, exported.output
    again = runner.invoke(args=["import", str(target), "--set", "Copy"])
    assert again.exit_code == 0, again.output
    original, copy = [s for s in sets(app) if s.name in ("moodle_export", "Copy")]
    assert [q.data for q in copy.questions] == [q.data for q in original.questions]


# ------------------------------------------------------------------ --skip-unsupported

OWN_DATA = DATA.parent / "quizapp" / "data"


def test_a_question_that_cannot_be_imported_refuses_the_file_without_the_flag(app, runner):
    result = runner.invoke(args=["import", str(OWN_DATA / "mixed_support.xml")])
    assert result.exit_code == 1
    assert 'line 9: question "Drag the words" skipped' in result.stderr
    assert "Import the others with --skip-unsupported" in result.stderr
    assert sets(app) == []


def test_skip_unsupported_saves_the_others_and_lists_each_skipped_one(app, runner):
    path = str(OWN_DATA / "mixed_support.xml")
    result = runner.invoke(args=["import", path, "--skip-unsupported", "--set", "Mixed"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f'{path}: skipped line 9: question "Drag the words" skipped')
    assert '"ddwtos" (drag and drop into text) is not supported' in lines[0]
    [saved] = sets(app)
    assert lines[1] == (
        f'Saved "Mixed" (new set {saved.id}): 2 added, 0 updated, 0 removed, 0 unchanged.'
    )
    assert [q.type for q in saved.questions] == ["short_answer", "true_false"]


def test_skip_unsupported_with_nothing_supported_saves_nothing_and_says_so(app, runner):
    path = str(OWN_DATA / "only_unsupported.xml")
    result = runner.invoke(args=["import", path, "--skip-unsupported"])
    assert result.exit_code == 0, result.output
    assert f'{path}: skipped line 4: question "Mark the town" skipped' in result.stdout
    assert f"Nothing was saved: no question in {path} can be imported." in result.stdout
    assert sets(app) == []
    refused = runner.invoke(args=["import", path])
    assert refused.exit_code == 1 and "Nothing in this file can be imported" in refused.stderr


def test_skip_unsupported_still_refuses_a_file_with_errors(app, runner, tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text(
        (OWN_DATA / "mixed_support.xml")
        .read_text(encoding="utf-8")
        .replace('<answer fraction="100"><text>Raqqa</text></answer>', ""),
        encoding="utf-8",
    )
    result = runner.invoke(args=["import", str(broken), "--skip-unsupported"])
    assert result.exit_code == 1
    assert sets(app) == []


def test_a_moodle_image_imports_and_exports_with_the_same_bytes(app, runner, tmp_path):
    source = OWN_DATA / "image_question.xml"
    result = runner.invoke(args=["import", str(source), "--set", "Rivers"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "back.xml"
    exported = runner.invoke(args=["export", "Rivers", "--format", "moodlexml", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    from question_bank.formats import moodle_xml

    before = moodle_xml.parse(source.read_text(encoding="utf-8")).questions[0]
    after = moodle_xml.parse(out.read_text(encoding="utf-8")).questions[0]
    assert after.files == before.files and after.files[0].data.startswith(b"\x89PNG")
    assert (after.points, after.category) == (2.0, "Geography/Rivers")
    assert "$course$/top/Geography/Rivers" in out.read_text(encoding="utf-8")
