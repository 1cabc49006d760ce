"""Names that become paths or ids match whole: Python's `$` also matches before a final newline."""
import pytest

from app.admin.uploads import TOKEN
from app.courses.loader import LESSON_FILE, SLUG
from app.editor.git import SHA
from app.editor.paths import IMAGE_NAME
from app.quizzes import parser
from app.quizzes.grading import _SAFE
from app.reports.periods import _PART, _YEAR
from app.reviews import form as review_form
from app.units.services import CODE

GOOD = [(SLUG, "liem-chinh"), (LESSON_FILE, "01-intro.md"), (IMAGE_NAME, "so-do.png"), (SHA, "abc1234"),
        (TOKEN, "a" * 24), (CODE, "HN-BD"), (parser._ID, "cau-1"), (_SAFE, "opt_1"), (_YEAR, "2026"), (_PART, "2026-Q3"),
        (review_form._ID, "can-bo-cong-chuc")]


@pytest.mark.parametrize("pattern, name", GOOD)
def test_a_name_with_a_trailing_newline_is_refused(pattern, name):
    assert pattern.match(name)
    assert not pattern.match(name + "\n")


def test_the_new_course_form_refuses_a_folder_name_ending_in_a_newline(app):
    from werkzeug.datastructures import MultiDict

    from app.editor.forms import NewCourseForm

    with app.test_request_context():
        form = NewCourseForm(MultiDict({"folder": "khoa-moi\n"}), meta={"csrf": False})
        form.validate()
        assert form.folder.errors
