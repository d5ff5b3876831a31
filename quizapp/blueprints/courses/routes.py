"""Courses: join codes, rosters, sets per course, and the instructor's reports.

Routes are thin: each reads its form, calls one service (``services.courses`` or
``services.reports``) and renders or redirects.  Who may see what is decided there: a
course that is not the caller's is a 404 like an unknown id; the report pages are for
instructors (a student gets 403 before any course is looked up).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from markupsafe import Markup
from werkzeug.wrappers import Response

from quizapp import charts, formatting
from quizapp.blueprints.courses import forms
from quizapp.blueprints.quiz import routes as quiz_routes
from quizapp.extensions import db
from quizapp.services import courses, reports, reviews
from quizapp.services.errors import Forbidden, NotFound, ValidationFailed
from quizapp.web import instructor_required, now, send_download

bp = Blueprint("courses", __name__, url_prefix="/courses")


def _zone() -> ZoneInfo:
    """The instructor's time zone: course dates are typed and shown in it."""
    return reviews.zone_of(current_user)


def _set_form(page: courses.CoursePage | None = None) -> forms.AttachSetForm:
    form = forms.AttachSetForm(formdata=None).in_zone(_zone())
    if page is not None:
        form.set_id.choices = [(set_id, name) for set_id, name in page.attachable]
    return form


# ----------------------------------------------------------------------- my courses


def _index_page(
    create_form: forms.CreateCourseForm | None = None,
    join_form: forms.JoinForm | None = None,
    error: str | None = None,
    status: int = 200,
) -> tuple[str, int]:
    listed = courses.my_courses(db.session, current_user)
    page = render_template(
        "courses/index.html",
        courses=listed,
        create_form=create_form or forms.CreateCourseForm(formdata=None),
        join_form=join_form or forms.JoinForm(formdata=None),
        error=error,
    )
    return page, status


@bp.get("/")
@login_required
def index() -> tuple[str, int]:
    return _index_page()


@bp.post("/")
@instructor_required
def create() -> Response | tuple[str, int]:
    form = forms.CreateCourseForm()
    if not form.validate_on_submit():
        return _index_page(create_form=form, status=400)
    try:
        course = courses.create_course(
            db.session, owner=current_user, name=form.name.data, now=now()
        )
    except ValidationFailed as error:
        return _index_page(create_form=form, error=error.message, status=400)
    flash(f"Course created. Share the join code {course.join_code} with your students.", "success")
    return redirect(url_for(".course", course_id=course.id))


@bp.post("/join")
@login_required
def join() -> Response | tuple[str, int]:
    form = forms.JoinForm()
    if not form.validate_on_submit():
        return _index_page(join_form=form, status=400)
    try:
        course = courses.join_course(db.session, user=current_user, code=form.code.data, now=now())
    except (NotFound, Forbidden, ValidationFailed) as error:
        return _index_page(join_form=form, error=error.message, status=error.status)
    flash(f"You joined {course.name}.", "success")
    return redirect(url_for(".course", course_id=course.id))


@bp.get("/join/<code>")
@login_required
def join_link(code: str) -> str:
    """A link to share: it shows the course and asks to confirm (a GET changes nothing)."""
    course = courses.course_by_code(db.session, code)
    form = forms.ConfirmJoinForm(formdata=None, code=course.join_code)
    return render_template("courses/join.html", course=course, form=form)


# --------------------------------------------------------------------- one course


@bp.get("/<int:course_id>")
@login_required
def course(course_id: int) -> str:
    page = courses.course_page(db.session, user=current_user, course_id=course_id, now=now())
    return _course_page(page)


@bp.post("/<int:course_id>/leave")
@login_required
def leave(course_id: int) -> Response:
    if not forms.LeaveForm().validate_on_submit():
        abort(400)
    courses.leave_course(db.session, user=current_user, course_id=course_id)
    flash("You left the course. Your attempts are kept in your history.", "info")
    return redirect(url_for(".index"))


@bp.post("/<int:course_id>/students/<int:student_id>/remove")
@instructor_required
def remove_student(course_id: int, student_id: int) -> Response:
    if not forms.RemoveStudentForm().validate_on_submit():
        abort(400)
    courses.remove_student(
        db.session, owner=current_user, course_id=course_id, student_id=student_id
    )
    flash("The student was removed from the course.", "info")
    return redirect(url_for(".course", course_id=course_id))


def _course_page(
    page: courses.CoursePage,
    *,
    set_form: forms.AttachSetForm | None = None,
    set_error: str | None = None,
) -> str:
    return render_template(
        "courses/course.html",
        page=page,
        set_form=set_form or (_set_form(page) if page.teaching else None),
        set_error=set_error,
        join_url=url_for(".join_link", code=page.join_code, _external=True)
        if page.join_code
        else None,
        leave_form=forms.LeaveForm(),
        remove_form=forms.RemoveStudentForm(),
        detach_form=forms.DetachForm(),
    )


@bp.post("/<int:course_id>/sets")
@instructor_required
def attach(course_id: int) -> Response | tuple[str, int]:
    form = forms.AttachSetForm().in_zone(_zone())
    error = None
    if form.validate_on_submit():
        try:
            courses.attach_set(
                db.session,
                owner=current_user,
                course_id=course_id,
                set_id=form.set_id.data,
                options=form.options(),
                now=now(),
            )
        except ValidationFailed as failed:
            error = failed.message
        else:
            flash("The set is in the course.", "success")
            return redirect(url_for(".course", course_id=course_id))
    page = courses.course_page(db.session, user=current_user, course_id=course_id, now=now())
    form.set_id.choices = [(set_id, name) for set_id, name in page.attachable]
    return _course_page(page, set_form=form, set_error=error), 400


@bp.route("/<int:course_id>/sets/<int:set_id>/options", methods=["GET", "POST"])
@instructor_required
def options(course_id: int, set_id: int) -> str | Response | tuple[str, int]:
    form = forms.SetOptionsForm().in_zone(_zone())
    error = None
    if form.validate_on_submit():
        try:
            courses.update_options(
                db.session,
                owner=current_user,
                course_id=course_id,
                set_id=set_id,
                options=form.options(),
            )
        except ValidationFailed as failed:
            error = failed.message
        else:
            flash("The options are saved.", "success")
            return redirect(url_for(".course", course_id=course_id))
    shown = courses.options_page(
        db.session, owner=current_user, course_id=course_id, set_id=set_id, now=now()
    )
    if request.method == "GET":
        form.fill(shown.entry.options)
    status = 400 if request.method == "POST" else 200
    return render_template(
        "courses/options.html", page=shown.page, entry=shown.entry, form=form, error=error
    ), status


@bp.post("/<int:course_id>/sets/<int:set_id>/detach")
@instructor_required
def detach(course_id: int, set_id: int) -> Response:
    if not forms.DetachForm().validate_on_submit():
        abort(400)
    courses.detach_set(db.session, owner=current_user, course_id=course_id, set_id=set_id)
    flash("The set was taken out of the course. Attempts already made are kept.", "info")
    return redirect(url_for(".course", course_id=course_id))


# ------------------------------------------------------------------ taking a quiz


@bp.get("/<int:course_id>/sets/<int:set_id>/quiz")
@login_required
def take(course_id: int, set_id: int) -> str:
    return quiz_routes.render_start_page(set_id, course_id=course_id)


@bp.post("/<int:course_id>/sets/<int:set_id>/quiz")
@login_required
def take_post(course_id: int, set_id: int) -> Response | tuple[str, int]:
    return quiz_routes.start_and_redirect(set_id, course_id=course_id)


# ------------------------------------------------------------------------- reports


@bp.get("/<int:course_id>/gradebook")
@instructor_required
def gradebook(course_id: int) -> str:
    book = reports.gradebook(
        db.session,
        owner=current_user,
        course_id=course_id,
        sort=request.args.get("sort", "student"),
        descending=request.args.get("order") == "desc",
    )
    return render_template("courses/gradebook.html", book=book)


@bp.get("/<int:course_id>/gradebook.csv")
@instructor_required
def gradebook_csv(course_id: int) -> Response:
    return send_download(
        reports.gradebook_file(db.session, owner=current_user, course_id=course_id)
    )


@bp.get("/<int:course_id>/students/<int:student_id>")
@instructor_required
def student(course_id: int, student_id: int) -> str:
    record = reports.student_attempts(
        db.session, owner=current_user, course_id=course_id, student_id=student_id
    )
    return render_template("courses/student.html", record=record)


@bp.get("/<int:course_id>/attempts/<int:attempt_id>")
@instructor_required
def attempt(course_id: int, attempt_id: int) -> str:
    detail = reports.attempt_detail(
        db.session, owner=current_user, course_id=course_id, attempt_id=attempt_id, now=now()
    )
    return render_template("courses/attempt.html", detail=detail, view=detail.view)


def _report_charts(report: reports.SetReport) -> dict[str, Markup]:
    bins = report.distribution
    labels = [f"{i * 10}–{i * 10 + 10}%" for i in range(len(bins))]
    points = [
        (f"Q{item.number}", item.facility, item.discrimination, bool(item.flags))
        for item in report.analysis.items
        if item.facility is not None and item.discrimination is not None
    ]
    return {
        "histogram": charts.histogram(
            list(zip(labels, bins, strict=True)),
            title="Students per graded score",
            ident="score-histogram",
            x_label="Graded score",
        ),
        "scatter": charts.scatter_chart(
            points,
            title="Facility and discrimination of each question",
            x_range=(0.0, 1.0),
            y_range=(-100.0, 100.0),
            x_label="Facility",
            y_label="Discrimination",
            x_marks=(reports.HARD_BELOW, reports.EASY_ABOVE),
            y_marks=(0.0,),
            ident="item-scatter",
        ),
        "retention": charts.line_chart(
            [(formatting.day_text(d.day), d.share * 100) for d in report.retention],
            title="Share of the class's reviews recalled, per day",
            ident="retention-chart",
        ),
    }


@bp.get("/<int:course_id>/sets/<int:set_id>/report")
@instructor_required
def report(course_id: int, set_id: int) -> str:
    picked = forms.RecallDayForm(request.args)
    day = picked.on.data if picked.validate() else None
    result = reports.set_report(
        db.session,
        owner=current_user,
        course_id=course_id,
        set_id=set_id,
        now=now(),
        recall_day=day,
    )
    picked.on.data = result.memory.day
    return render_template(
        "courses/report.html", report=result, charts=_report_charts(result), picked=picked
    )
