"""The lesson page served from its rendered shell (app/courses/lesson_page.py, app/fastpath.py):
the same page as a full render, the same access rules, the same writes, one query."""
import re
from datetime import datetime

import pytest
from jinja2 import ChoiceLoader, DictLoader
from sqlalchemy import select

from app.auth.models import User
from app.courses.catalog import catalog
from app.courses.lesson_page import Shells, render_shell
from app.courses.models import Enrollment, LessonProgress
from app.courses.queries import CourseProgress
from app.courses.services import course_row, enrollment_for
from tests.support.client import login, post
from tests.support.database import statements

from tests.support.lessons import CONDUCT, GIFTS, TOKEN, page  # noqa: E402


def selects(seen):
    return [s for s in seen if s.startswith("SELECT")]


def writes(seen):
    return [s for s in seen if s.startswith(("INSERT", "UPDATE", "DELETE"))]


@pytest.mark.parametrize("done", [False, True])
def test_the_page_from_its_shell_is_the_full_render(app, learner_client, done):
    page(learner_client)
    if done:
        assert post(learner_client, f"{CONDUCT}/done").status_code == 302
        page(learner_client, GIFTS)  # shows the "marked as done" message, so the next view has none
    from_shell = page(learner_client)
    app.config["LESSON_SHELLS"] = False
    full = page(learner_client)
    assert from_shell == full
    assert ("Mark as done" in full or "Đánh dấu" in full) is not done


def test_the_page_from_its_shell_is_the_full_render_in_english(app, learner_client):
    learner_client.get("/lang/en")
    from_shell = page(learner_client)
    assert '<html lang="en">' in from_shell and "Mark as done" in from_shell
    app.config["LESSON_SHELLS"] = False
    assert from_shell == page(learner_client)


def test_rereading_a_lesson_takes_one_query_and_writes_nothing(app, learner_client, db):
    page(learner_client)  # records the course's row (no `courses sync` in tests)
    page(learner_client)  # finds it: this worker now knows its id
    with statements(db) as seen:
        page(learner_client)
    assert len(selects(seen)) == 1 and writes(seen) == [], seen


def test_a_new_lesson_from_its_shell_is_recorded(app, client, make_user, db):
    """The shell of `gifts` exists (another learner opened it); this learner opens it for the
    first time and the visit is written as on the full path."""
    other, learner = make_user(), make_user()
    login(first := app.test_client(), other.email)
    page(first, GIFTS)
    login(client, learner.email)
    page(client)
    with statements(db) as seen:
        page(client, GIFTS)
    assert len(selects(seen)) == 1, seen  # served from the shell: the full path reads the user first
    assert [re.match(r"(INSERT INTO|UPDATE) (\w+)", s).group(2) for s in writes(seen)] == [
        "LESSON_PROGRESS", "ENROLLMENTS"]
    db.session.expire_all()
    assert db.session.scalar(select(Enrollment.last_lesson_id).filter_by(user_id=learner.id)) == "gifts"
    opened = db.session.scalar(select(LessonProgress.first_viewed_at).filter_by(user_id=learner.id, lesson_id="gifts"))
    assert isinstance(opened, datetime)


def test_the_csrf_token_in_a_page_from_its_shell_is_valid(app, learner_client, db, learner):
    page(learner_client)
    html = learner_client.get(CONDUCT).get_data(as_text=True)
    token = TOKEN.search(html)[1]
    assert post(learner_client, f"{CONDUCT}/done", {"csrf_token": token}).status_code == 302
    assert db.session.scalar(select(LessonProgress.completed_at).filter_by(user_id=learner.id, lesson_id="conduct"))


def test_a_rotated_session_token_is_logged_out_not_served(app, learner_client, db, learner):
    page(learner_client)
    db.session.get(User, learner.id).session_token = "rotated"
    db.session.commit()
    response = learner_client.get(CONDUCT)
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_a_session_cookie_copied_before_logout_gets_no_lesson_page_after_it(app, learner_client):
    page(learner_client)  # the shell exists and the cookie was verified once
    copy = app.test_client()
    copy.set_cookie("session", learner_client.get_cookie("session").value)
    assert copy.get(CONDUCT).status_code == 200
    assert post(learner_client, "/auth/logout").status_code == 302
    response = copy.get(CONDUCT)
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_a_deactivated_account_is_logged_out_not_served(app, learner_client, db, learner):
    page(learner_client)
    db.session.get(User, learner.id).active = False
    db.session.commit()
    assert learner_client.get(CONDUCT).status_code == 302


def test_a_course_for_another_audience_is_refused_even_with_a_shell(app, client, make_user, db):
    """Enrolled while the course suited them (their audience changed since), with a shell in
    the worker: still refused."""
    pupil, civil_servant = make_user(audience="secondary_student"), make_user(audience="civil_servant")
    login(other := app.test_client(), pupil.email)
    assert other.get("/courses/students/lessons/exams").status_code == 200  # a learner's shell now exists
    enrollment_for(civil_servant.id, course_row(catalog().get("students")).id)
    db.session.commit()
    login(client, civil_servant.email)
    assert client.get("/courses/students/lessons/exams").status_code == 403


def test_a_shell_never_reads_the_learner_beyond_their_role(app, learner_client):
    """A lesson template that showed the learner's name would give every learner the name of
    whoever opened the lesson first: the shell refuses to render it."""
    app.jinja_env.loader = ChoiceLoader([
        DictLoader({"courses/lesson.html": "{{ current_user.full_name }}"}), app.jinja_env.loader])
    app.jinja_env.cache.clear()
    with app.test_request_context(CONDUCT):
        course = catalog().get("civics")
        with pytest.raises(RuntimeError, match="full_name"):
            render_shell(course, course.lesson("conduct"), CourseProgress(course, None, set()), "learner")


def test_the_shells_kept_are_bounded():
    shells = Shells(2)
    for n in range(3):
        shells.put((n,), ("page",))
    assert shells.get((0,)) is None and shells.get((2,)) == ("page",) and len(shells.pages) == 2


def test_a_page_from_its_shell_has_the_full_paths_headers(app, learner_client):
    page(learner_client)
    from_shell = learner_client.get(CONDUCT)
    app.config["LESSON_SHELLS"] = False
    full = learner_client.get(CONDUCT)
    assert "Set-Cookie" not in from_shell.headers and "Set-Cookie" not in full.headers
    drop = {"Content-Length"}
    assert {k: v for k, v in from_shell.headers.items() if k not in drop} == {
        k: v for k, v in full.headers.items() if k not in drop}


@pytest.mark.parametrize("forwarded", [None, "203.0.113.9, 10.0.0.1"])
def test_the_browser_check_is_flask_logins(app, forwarded):
    """The session-protection identifier the shell server compares is the one Flask-Login
    stores at login: the same browser passes, another browser goes to the full path."""
    from flask_login.utils import _create_identifier

    from app.fastpath import _protection_holds

    headers = {"User-Agent": "Mozilla/5.0 (Ứng dụng)"} | ({"X-Forwarded-For": forwarded} if forwarded else {})
    with app.test_request_context(CONDUCT, headers=headers, environ_base={"REMOTE_ADDR": "198.51.100.7"}):
        from flask import request

        session = {"_id": _create_identifier(), "_fresh": True}
        assert _protection_holds(session, request.environ, "basic")
        other = dict(request.environ, HTTP_USER_AGENT="curl/8")
        assert not _protection_holds(session, other, "basic")
        assert _protection_holds(dict(session, _fresh=False), other, "basic")
        assert not _protection_holds(dict(session, _fresh=False), other, "strong")


def test_another_browser_with_the_cookie_gets_the_full_paths_answer(app, learner_client):
    page(learner_client)
    response = learner_client.get(CONDUCT, headers={"User-Agent": "another browser"})
    assert response.status_code == 200 and "Set-Cookie" in response.headers  # marked not fresh


def test_a_lesson_cannot_hold_a_marker_that_gets_filled_in(app, learner_client, courses_dir):
    path = courses_dir / "civics" / "01-conduct.md"
    path.write_text(path.read_text().replace("serves the people", "serves \ue000percent\ue000 the people"))
    for _ in range(2):
        html = learner_client.get(CONDUCT).get_data(as_text=True)
        assert "\ue000percent\ue000" in html


def test_a_forged_session_cookie_is_never_served_even_after_the_real_one(app, learner_client):
    """The shell server keeps what verified cookies hold: a cookie differing by one character
    is checked on its own and refused."""
    page(learner_client)
    page(learner_client)
    real = learner_client.get_cookie("session").value
    forged = real[:-2] + ("A" if real[-2] != "A" else "B") + real[-1]
    learner_client.set_cookie("session", forged)
    response = learner_client.get(CONDUCT)
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_an_expired_session_cookie_is_not_served_from_what_was_verified(app, learner_client, monkeypatch):
    page(learner_client)
    page(learner_client)
    server, cookie = app.wsgi_app, learner_client.get_cookie("session").value
    assert server.session(cookie)["_user_id"]  # verified and kept
    monkeypatch.setattr(server, "max_age", -1)  # every cookie is now older than a session may live
    assert server.session(cookie) == {}


def test_a_busy_database_on_the_shell_path_gets_the_full_paths_answer(app, learner_client, monkeypatch):
    """No bare server error from the layer in front of Flask: the full path tries again and,
    if the database stays busy, shows its own error page (tests/integration/test_faults.py)."""
    import app.fastpath as fastpath
    from sqlalchemy.exc import OperationalError

    page(learner_client)
    page(learner_client)

    def busy(*args):
        raise OperationalError("SELECT", {}, Exception("database is locked"))

    monkeypatch.setattr(fastpath, "standing", busy)
    assert learner_client.get(CONDUCT).status_code == 200  # answered by the full view


def test_a_message_waiting_is_shown_even_where_a_shell_exists(app, learner_client):
    for _ in range(2):
        page(learner_client, GIFTS)  # the course's row is known and the shell of `gifts` exists
    response = post(learner_client, f"{CONDUCT}/done")
    assert response.headers["Location"].endswith(GIFTS)
    assert 'class="flash flash-success"' in learner_client.get(GIFTS).get_data(as_text=True)
