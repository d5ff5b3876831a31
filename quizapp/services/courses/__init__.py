"""Courses: an instructor's class, the join code students use, and the sets attached to it.

The rules live in one place for the pages and the API; each module holds one concept:

* ``membership``: making a course, join codes, joining, leaving, removing a student.
* ``course_sets``: attaching sets with their options (checked by ``quizzes.option_problems``),
  changing them, detaching.
* ``access``: who sees a course.  A course that is not the caller's (or that they do not
  belong to) is "not found", as an unknown id is, so ids do not leak.
* ``pages``: what the pages and the API read (my courses, one course, one set's options).

Callers import the package (``from quizapp.services import courses``) and use the names
below, as for ``services.quizzes``; the modules import each other directly.
"""

from __future__ import annotations

from quizapp.services.courses.access import (
    Student,
    member_ids,
    owned_course,
    students,
    visible_course,
)
from quizapp.services.courses.course_sets import (
    CourseSetView,
    SetOptions,
    attach_set,
    course_sets,
    detach_set,
    set_options,
    update_options,
)
from quizapp.services.courses.membership import (
    JOIN_CODE_ALPHABET,
    JOIN_CODE_EXAMPLE,
    JOIN_CODE_LENGTH,
    MAX_COURSE_NAME,
    course_by_code,
    create_course,
    join_course,
    leave_course,
    new_join_code,
    normalise_code,
    remove_student,
)
from quizapp.services.courses.pages import (
    CoursePage,
    CourseSummary,
    OptionsPage,
    StudentCourseSet,
    course_page,
    join_and_show,
    my_courses,
    options_page,
    student_course_sets,
)

__all__ = [
    "JOIN_CODE_ALPHABET",
    "JOIN_CODE_EXAMPLE",
    "JOIN_CODE_LENGTH",
    "MAX_COURSE_NAME",
    "CoursePage",
    "CourseSetView",
    "CourseSummary",
    "OptionsPage",
    "SetOptions",
    "Student",
    "StudentCourseSet",
    "attach_set",
    "course_by_code",
    "course_page",
    "course_sets",
    "create_course",
    "detach_set",
    "join_and_show",
    "join_course",
    "leave_course",
    "member_ids",
    "my_courses",
    "new_join_code",
    "normalise_code",
    "options_page",
    "owned_course",
    "remove_student",
    "set_options",
    "student_course_sets",
    "students",
    "update_options",
    "visible_course",
]
