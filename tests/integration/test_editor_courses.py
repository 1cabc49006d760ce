"""Creating courses, course settings, lesson titles, quizzes and the editor link."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.courses.frontmatter import parse_document
from app.editor.store import version_of
from tests.support import FIXTURES
from tests.support.client import post
from tests.support.editor import login, trainer, trainer_client  # noqa: F401


NEW_COURSE = {"folder": "dao-duc-cong-vu", "title": "Đạo đức công vụ", "audiences": ["civil_servant"],
              "language": "vi", "summary": "Tóm tắt", "pass_mark": "80", "certificate": "y",
              "maintainers": "colleague@example.org", "intro": "Xin chào."}


def test_trainer_creates_a_course_as_a_draft_and_becomes_a_maintainer(trainer_client, courses_dir, app):
    response = post(trainer_client, "/editor/new", NEW_COURSE)
    assert response.status_code == 302
    draft = courses_dir / ".drafts" / "dao-duc-cong-vu"
    meta = parse_document((draft / "course.md").read_text()).meta
    assert meta["maintainers"] == ["trainer@example.org", "colleague@example.org"]
    assert meta["title"] == "Đạo đức công vụ" and meta["pass_mark"] == 80
    assert not (courses_dir / "dao-duc-cong-vu").exists()
    assert trainer_client.get("/courses/dao-duc-cong-vu").status_code == 404
    assert post(trainer_client, "/editor/dao-duc-cong-vu/publish", {"summary": "First version"}).status_code == 302
    assert (courses_dir / "dao-duc-cong-vu" / "01-introduction.md").is_file()
    assert app.extensions["catalog"].get("dao-duc-cong-vu").title == "Đạo đức công vụ"


def test_a_course_folder_cannot_be_created_twice(trainer_client, courses_dir):
    before = (courses_dir / "civics" / "course.md").read_bytes()
    response = post(trainer_client, "/editor/new", {**NEW_COURSE, "folder": "civics"})
    assert response.status_code == 200 and "already exists" in response.get_data(as_text=True)
    assert (courses_dir / "civics" / "course.md").read_bytes() == before
    assert not (courses_dir / ".drafts" / "civics").exists()


def test_settings_form_writes_the_front_matter_and_keeps_the_intro(trainer_client, courses_dir):
    page = trainer_client.get("/editor/civics/").get_data(as_text=True)
    assert "Civics for civil servants" in page
    from app.editor.services import store
    text = store().read("civics", "course.md")
    response = post(trainer_client, "/editor/civics/", {
        "title": "Civics, revised", "audiences": ["civil_servant", "public_employee"], "language": "en",
        "summary": "New summary", "estimated_minutes": "25", "pass_mark": "75", "certificate": "y",
        "maintainers": "trainer@example.org\nnew@example.org", "intro": "Welcome back.", "version": version_of(text)})
    assert response.status_code == 302
    doc = parse_document((courses_dir / ".drafts" / "civics" / "course.md").read_text())
    assert doc.meta["title"] == "Civics, revised" and doc.meta["estimated_minutes"] == 25
    assert doc.meta["maintainers"] == ["trainer@example.org", "new@example.org"]
    assert doc.body.strip() == "Welcome back."


def test_renaming_a_lesson_changes_its_title_not_its_id(trainer_client, courses_dir):
    from app.editor.services import store
    text = store().read("civics", "01-conduct.md")
    post(trainer_client, "/editor/civics/lessons/01-conduct.md/title", {"title": "Conduct at work", "version": version_of(text)})
    draft = courses_dir / ".drafts" / "civics" / "01-conduct.md"
    assert parse_document(draft.read_text()).meta["title"] == "Conduct at work"


def test_adding_a_lesson_numbers_it_after_the_others(trainer_client, courses_dir):
    response = post(trainer_client, "/editor/civics/lessons", {"title": "Xung đột lợi ích"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/editor/civics/files/03-xung-dot-loi-ich.md")
    assert (courses_dir / ".drafts" / "civics" / "03-xung-dot-loi-ich.md").is_file()


def test_editor_link_is_shown_to_trainers_only(trainer_client, learner, app):
    assert "/editor/" in trainer_client.get("/").get_data(as_text=True)
    other = app.test_client()
    login(other, learner.email)
    assert "/editor/" not in other.get("/").get_data(as_text=True)


def test_uploaded_image_goes_to_the_draft_with_a_snippet(trainer_client, courses_dir):
    import io

    from tests.support.images import png_bytes

    response = post(trainer_client, "/editor/civics/images", {"image": (io.BytesIO(png_bytes()), "x.png"), "name": "so-do"},
                    content_type="multipart/form-data", follow_redirects=True)
    assert "](images/so-do.png)" in response.get_data(as_text=True)
    assert (courses_dir / ".drafts" / "civics" / "images" / "so-do.png").is_file()
    assert not (courses_dir / "civics" / "images" / "so-do.png").exists()


def test_a_fake_image_is_refused(trainer_client, courses_dir):
    import io

    response = post(trainer_client, "/editor/civics/images", {"image": (io.BytesIO(b"<svg onload=alert(1)>"), "x.png")},
                    content_type="multipart/form-data", follow_redirects=True)
    assert "Only PNG, JPEG, GIF and WebP" in response.get_data(as_text=True)
    assert not (courses_dir / ".drafts").exists()


def _quiz_fixture() -> tuple[str, str, str] | None:
    """A fixture course file with a quiz in the quizzes area's syntax: (folder, file, text)."""
    for folder in sorted((FIXTURES / "courses").iterdir()):
        if (folder / "quiz.md").is_file():
            return folder.name, "quiz.md", (folder / "quiz.md").read_text()
        for lesson in sorted(folder.glob("[0-9]*.md")):
            if "```quiz" in lesson.read_text():
                return folder.name, lesson.name, lesson.read_text()
    return None


def test_quiz_preview_shows_the_answer_key_to_the_author(app, client, make_user):
    if app.extensions.get("quiz_parser") is None:
        pytest.skip("no quiz parser registered (the quizzes area plugs it in as app.extensions['quiz_parser'])")
    found = _quiz_fixture()
    if found is None:
        pytest.skip("no fixture course has a quiz written in the quizzes area's syntax")
    folder, name, text = found
    login(client, make_user("admin@example.org", role="admin").email)
    html = post(client, f"/editor/{folder}/preview", {"name": name, "text": text}).get_data(as_text=True)
    assert "only authors see this" in html and "No problems found." in html
    assert "Correct:" in html or "quiz-key" not in html


def test_quiz_syntax_errors_show_in_the_editor_and_are_not_saved(app, client, make_user, courses_dir):
    if app.extensions.get("quiz_parser") is None:
        pytest.skip("no quiz parser registered (the quizzes area plugs it in as app.extensions['quiz_parser'])")
    login(client, make_user("admin@example.org", role="admin").email)
    lesson = courses_dir / "civics" / "02-gifts.md"
    before = lesson.read_bytes()
    broken = before.decode() + "\n```quiz\n???\n```\n"
    response = post(client, "/editor/civics/files/02-gifts.md", {"text": broken, "version": version_of(before.decode()), "action": "save"})
    assert response.status_code == 422 and "civics/02-gifts.md" in response.get_data(as_text=True)
    assert lesson.read_bytes() == before and not (courses_dir / ".drafts").exists()


def test_quiz_problems_and_question_kinds_read_in_vietnamese_in_the_editor(client, make_user, courses_dir):
    login(client, make_user("admin@example.org", role="admin").email)
    client.get("/lang/vi")
    text = (courses_dir / "quizzed" / "quiz.md").read_text().replace("answer: đúng", "answer: perhaps")
    html = post(client, "/editor/quizzed/preview", {"name": "quiz.md", "text": text}).get_data(as_text=True)
    assert "phải là true hoặc false (hay đúng / sai), không phải" in html
    assert "must be true or false" not in html
    good = (courses_dir / "quizzed" / "quiz.md").read_text()
    html = post(client, "/editor/quizzed/preview", {"name": "quiz.md", "text": good}).get_data(as_text=True)
    assert "Một đáp án đúng" in html and '<span class="badge">single</span>' not in html
