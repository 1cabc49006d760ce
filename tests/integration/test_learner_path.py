"""A learner's path through a course: access by audience, lessons, progress, resume."""
from sqlalchemy import select

from app.courses.models import Enrollment, LessonProgress
from tests.support.client import login, post
from tests.support.database import statements


def test_anonymous_visitor_is_sent_to_log_in(client):
    for path in ("/courses/civics", "/courses/civics/lessons/conduct", "/auth/profile"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/auth/login" in response.headers["Location"]


def test_learner_sees_courses_for_their_audience_and_those_open_to_all(learner_client):
    html = learner_client.get("/").get_data(as_text=True)
    assert "Civics for civil servants" in html
    assert "Integrity for everyone" in html
    assert "Honesty at school" not in html


def test_learner_cannot_open_another_audiences_course(learner_client):
    assert learner_client.get("/courses/students").status_code == 403
    assert learner_client.get("/courses/students/lessons/exams").status_code == 403
    assert post(learner_client, "/courses/students/lessons/exams/done").status_code == 403


def test_trainer_can_open_every_course(client, make_user):
    trainer = make_user("t@example.org", role="trainer")
    login(client, trainer.email)
    assert client.get("/courses/students").status_code == 200


def test_unknown_course_or_lesson_is_404(learner_client):
    assert learner_client.get("/courses/nope").status_code == 404
    assert learner_client.get("/courses/civics/lessons/nope").status_code == 404


def test_opening_a_lesson_starts_the_course_and_marking_done_moves_on(learner_client, learner, db):
    html = learner_client.get("/courses/civics/lessons/conduct").get_data(as_text=True)
    assert "A civil servant serves the people." in html
    assert 'src="/courses/civics/files/images/diagram.png"' in html
    enrollment = db.session.scalar(select(Enrollment).filter_by(user_id=learner.id))
    assert enrollment.last_lesson_id == "conduct" and enrollment.completed_at is None
    response = post(learner_client, "/courses/civics/lessons/conduct/done")
    assert response.headers["Location"].endswith("/courses/civics/lessons/gifts")
    progress = db.session.scalars(select(LessonProgress).filter_by(user_id=learner.id)).all()
    assert [(p.lesson_id, p.completed_at is not None) for p in progress] == [("conduct", True)]
    assert len(progress[0].content_hash) == 64


def test_finishing_every_lesson_completes_a_course_without_quiz(learner_client, learner, db):
    post(learner_client, "/courses/civics/lessons/conduct/done")
    post(learner_client, "/courses/civics/lessons/gifts/done")
    enrollment = db.session.scalar(select(Enrollment).filter_by(user_id=learner.id))
    db.session.refresh(enrollment)
    assert enrollment.lessons_done == 2 and enrollment.completed_at is not None
    assert "100%" in learner_client.get("/courses/civics").get_data(as_text=True)


def test_marking_done_twice_counts_once(learner_client, learner, db):
    post(learner_client, "/courses/civics/lessons/conduct/done")
    post(learner_client, "/courses/civics/lessons/conduct/done")
    enrollment = db.session.scalar(select(Enrollment).filter_by(user_id=learner.id))
    assert enrollment.lessons_done == 1


def test_dashboard_offers_to_continue_where_the_learner_left_off(learner_client):
    post(learner_client, "/courses/civics/lessons/conduct/done")
    learner_client.get("/courses/civics/lessons/gifts")
    html = learner_client.get("/").get_data(as_text=True)
    assert "Continue where you left off" in html or "Tiếp tục" in html
    assert "/courses/civics/lessons/gifts" in html


def test_mark_done_without_csrf_is_refused(learner_client, learner, db):
    assert learner_client.post("/courses/civics/lessons/conduct/done").status_code == 400
    assert db.session.scalar(select(LessonProgress).filter_by(user_id=learner.id)) is None


def test_course_files_are_served_but_never_the_markdown_or_outside_paths(learner_client):
    assert learner_client.get("/courses/civics/files/images/diagram.png").status_code == 200
    assert learner_client.get("/courses/civics/files/01-conduct.md").status_code == 404
    assert learner_client.get("/courses/civics/files/../../config.py").status_code == 404
    assert learner_client.get("/courses/civics/files/%2e%2e/students/course.md").status_code == 404


def test_a_broken_course_is_hidden_and_the_others_still_serve(app, learner_client, courses_dir, make_user):
    (courses_dir / "civics" / "02-gifts.md").write_text("---\ntitle: [broken\n---\n")
    assert learner_client.get("/courses/civics").status_code == 404
    assert learner_client.get("/courses/open-to-all").status_code == 200
    assert learner_client.get("/healthz").get_json()["course_errors"] == 1


def test_admin_sees_course_errors_on_the_dashboard(client, courses_dir, make_user):
    (courses_dir / "civics" / "02-gifts.md").write_text("---\ntitle: [broken\n---\n")
    admin = make_user("a@example.org", role="admin")
    login(client, admin.email)
    html = client.get("/").get_data(as_text=True)
    assert "civics/02-gifts.md:2" in html


def test_lessons_are_rendered_once_per_content_version_not_per_request(app, learner_client, monkeypatch):
    import app.courses.loader as loader

    learner_client.get("/courses/civics/lessons/conduct")
    calls = []
    monkeypatch.setattr(loader, "render_markdown", lambda *a, **k: calls.append(a) or "")
    for _ in range(3):
        assert learner_client.get("/courses/civics/lessons/conduct").status_code == 200
    assert calls == []


def test_an_edited_course_is_rendered_again(app, learner_client, courses_dir):
    learner_client.get("/courses/civics/lessons/conduct")
    path = courses_dir / "civics" / "01-conduct.md"
    path.write_text(path.read_text().replace("serves the people", "serves all of the public"))
    assert "serves all of the public" in learner_client.get("/courses/civics/lessons/conduct").get_data(as_text=True)


def test_rereading_a_lesson_writes_nothing(app, learner_client, db):
    learner_client.get("/courses/civics/lessons/conduct")
    with statements(db) as seen:
        assert learner_client.get("/courses/civics/lessons/conduct").status_code == 200
    assert [s for s in seen if s.startswith(("INSERT", "UPDATE", "DELETE"))] == []


def test_going_back_to_a_lesson_already_opened_writes_nothing(app, learner_client, db):
    learner_client.get("/courses/civics/lessons/conduct")
    learner_client.get("/courses/civics/lessons/gifts")
    with statements(db) as seen:
        assert learner_client.get("/courses/civics/lessons/conduct").status_code == 200
    assert [s for s in seen if s.startswith(("INSERT", "UPDATE", "DELETE"))] == []
