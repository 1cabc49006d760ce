"""A public course (front matter `public: true`, audience all) can be read without an account;
its quiz, progress and certificate still need one, and no other course opens to a visitor."""
from sqlalchemy import func, select

from app.courses.loader import load_course
from app.courses.models import Enrollment, LessonProgress
from tests.support.client import login


def test_a_visitor_reads_a_public_course_and_its_lessons(client):
    course = client.get("/courses/open-to-all")
    assert course.status_code == 200
    lesson = client.get("/courses/open-to-all/lessons/why")
    assert lesson.status_code == 200
    assert "Because trust matters." in lesson.get_data(as_text=True)


def test_a_visitor_is_offered_a_login_instead_of_progress(client):
    html = client.get("/courses/open-to-all/lessons/why").get_data(as_text=True)
    assert "/auth/login?next=/courses/open-to-all/lessons/why" in html
    assert "/lessons/why/done" not in html  # no "mark as done" form: nothing to record it for
    assert 'role="progressbar"' not in html


def test_reading_as_a_visitor_records_nothing(client, db):
    client.get("/courses/open-to-all")
    client.get("/courses/open-to-all/lessons/why")
    assert db.session.scalar(select(func.count(Enrollment.id))) == 0
    assert db.session.scalar(select(func.count(LessonProgress.id))) == 0


def test_a_visitor_cannot_mark_a_public_lesson_done(client):
    response = client.post("/courses/open-to-all/lessons/why/done")
    assert response.status_code in (302, 400)  # the login page, or the missing CSRF token
    assert "/auth/login" in response.headers.get("Location", "/auth/login")


def test_a_visitor_is_sent_to_log_in_for_every_other_course(client):
    for path in ("/courses/civics", "/courses/students/lessons/exams", "/courses/quizzed",
                 "/courses/civics/files/images/diagram.png"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/auth/login" in response.headers["Location"], path


def test_odd_paths_to_a_public_course_open_nothing_else(client):
    for path in ("/courses/open-to-all/lessons/..", "/courses/open-to-all/lessons/final",
                 "/courses/open-to-all/lessons/why/", "/courses/open-to-all/files/course.md",
                 "/courses/open-to-all/files/../civics/01-conduct.md"):
        assert client.get(path).status_code in (404, 308), path


def test_the_course_list_shows_a_visitor_only_public_courses(client):
    html = client.get("/courses/").get_data(as_text=True)
    assert "Integrity for everyone" in html
    assert "Civics for civil servants" not in html and "Honesty at school" not in html


def test_the_landing_page_links_the_public_courses(client):
    assert "/courses/open-to-all" in client.get("/").get_data(as_text=True)


def test_a_signed_in_learner_still_records_progress_in_a_public_course(client, learner, db):
    login(client, learner.email)
    client.get("/courses/open-to-all/lessons/why")
    assert db.session.scalar(select(func.count(LessonProgress.id))) == 1


def test_a_course_for_one_audience_cannot_be_made_public(tmp_path):
    folder = tmp_path / "narrow"
    folder.mkdir()
    (folder / "course.md").write_text("---\ntitle: Narrow\naudiences: [civil_servant]\npublic: true\n---\nIntro\n")
    (folder / "01-one.md").write_text("---\ntitle: One\n---\nText\n")
    course, problems = load_course(folder, tmp_path)
    assert course is None
    assert any(p.line == 4 and "public" in p.message for p in problems), problems
