"""The route table of the authorization matrix, shared by the walks over every route
(tests/integration/test_authorization_matrix.py, test_csrf_everywhere.py, test_xss.py).

ROUTES says, per endpoint, who may open it and how to fill its URL from real fixtures (the
`world` fixture, imported by the modules that use it). A route missing from the table fails the
matrix, so a new route cannot ship without a rule. Each area keeps its own dict below; add yours
and merge it into ROUTES.
"""
from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Callable

import pytest

from app.assignments.services import create_assignment
from app.auth.models import TokenPurpose
from app.auth.tokens import issue_token
from app.certificates.queries import of_user
from app.clock import today
from app.auth.registration import register
from app.courses.catalog import catalog
from app.courses.services import course_row, mark_lesson_done
from app.editor import services as editor_services
from app.editor.store import version_of
from tests.support.client import csrf_token, login

ANON, LEARNER, TRAINER, MANAGER, ADMIN = "anonymous", "learner", "trainer", "manager", "admin"
#: A learner whose audience the world's courses do not suit, assigned civics and quizzed: they
#: open every course route a learner opens, and none of the world learner's own things.
ASSIGNED = "assigned learner"
ROLES = [ANON, LEARNER, ASSIGNED, TRAINER, MANAGER, ADMIN]
EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {ANON}
MANAGERS = frozenset({MANAGER, ADMIN})
ADMINS = frozenset({ADMIN})
#: Course authors: trainers (only on the courses whose course.md lists them) and admins.
AUTHORS = frozenset({TRAINER, ADMIN})


@dataclass
class Route:
    """Who may open an endpoint, and how to call it (URL arguments and form data from the world)."""

    allowed: frozenset
    args: Callable[[dict], dict] = lambda w: {}
    #: Form data, or a function of the world returning it (called per request: fresh file uploads).
    data: dict | Callable[[dict], dict] = field(default_factory=dict)
    #: Requests that end the session run last for each role.
    last: bool = False

    def form(self, world: dict) -> dict:
        return dict(self.data(world) if callable(self.data) else self.data)


MAIN_ROUTES = {
    "static": Route(EVERYONE, lambda w: {"filename": "css/app.css"}),
    "main.home": Route(EVERYONE),
    "main.set_language": Route(EVERYONE, lambda w: {"code": "en"}),
    "main.healthz": Route(EVERYONE),
    "main.font": Route(EVERYONE, lambda w: {"name": "OpenSans-Regular.ttf"}),
}
AUTH_ROUTES = {
    "auth.login": Route(EVERYONE),
    "auth.logout": Route(SIGNED_IN, last=True),
    "auth.profile": Route(SIGNED_IN),
    "auth.forgot": Route(EVERYONE),
    "auth.activate": Route(EVERYONE, lambda w: {"token": w["activation"]}),
    "auth.reset": Route(EVERYONE, lambda w: {"token": w["reset"]}),
    "auth.change_password": Route(SIGNED_IN),
    "auth.register_account": Route(EVERYONE),  # a signed-in person is sent home
    "auth.confirm_account": Route(EVERYONE, lambda w: {"token": w["confirmation"]}),
}
COURSES_ROUTES = {
    "courses.index": Route(EVERYONE),  # a visitor sees the public courses (open-to-all)
    "courses.show": Route(SIGNED_IN, lambda w: {"slug": "civics"}),
    "courses.lesson": Route(SIGNED_IN, lambda w: {"slug": "civics", "lesson_id": "conduct"}),
    "courses.mark_done": Route(SIGNED_IN, lambda w: {"slug": "civics", "lesson_id": "conduct"}),
    "courses.files": Route(SIGNED_IN, lambda w: {"slug": "civics", "filename": "images/diagram.png"}),
}
ADMIN_ROUTES = {
    "admin.index": Route(MANAGERS),
    "admin.audit": Route(ADMINS),
    "admin.units": Route(MANAGERS),
    "admin.unit": Route(MANAGERS, lambda w: {"unit_id": w["ward"].id}),
    # @allow(MANAGERS); the matches are limited to the viewer's subtree (tests/integration/test_unit_picker.py).
    "admin.unit_options_json": Route(MANAGERS, lambda w: {"q": "W"}),
    "admin.unit_new": Route(ADMINS, data={"code": "NEWU", "name": "New unit", "kind": "ward", "parent_code": "W1"}),
    "admin.unit_edit": Route(ADMINS, lambda w: {"unit_id": w["ward"].id}, {"name": "Phường Một", "kind": "ward"}),
    "admin.unit_move": Route(ADMINS, lambda w: {"unit_id": w["ward"].id}, {"parent_code": "D1"}),
    "admin.unit_active": Route(ADMINS, lambda w: {"unit_id": w["ward"].id}, {"active": "1"}),
    "admin.users": Route(MANAGERS),
    "admin.user_new": Route(MANAGERS),
    "admin.user": Route(MANAGERS, lambda w: {"user_id": w["target"].id}),
    "admin.user_active": Route(MANAGERS, lambda w: {"user_id": w["target"].id}, {"active": "1"}),
    "admin.user_reset": Route(MANAGERS, lambda w: {"user_id": w["target"].id}),
    "admin.import_upload": Route(ADMINS, lambda w: {"kind": "users"}),
    "admin.import_sample": Route(ADMINS, lambda w: {"kind": "users", "fmt": "csv"}),
    "admin.import_show": Route(ADMINS, lambda w: {"kind": "users", "token": w["import"]}),
    "admin.import_confirm": Route(ADMINS, lambda w: {"kind": "users", "token": w["import"]}),
    "admin.import_status": Route(ADMINS, lambda w: {"kind": "users", "token": w["import"]}),
    "admin.import_codes": Route(ADMINS, lambda w: {"token": w["import"]}, {"format": "csv"}),
    "admin.mail_outbox": Route(ADMINS),
    "admin.mail_retry": Route(ADMINS),
}
#: Attempts belong to the world's learner: everybody else, admins included, is refused.
_final = lambda w: {"slug": "quizzed", "attempt_id": w["attempt"]}  # noqa: E731
QUIZZES_ROUTES = {
    "quizzes.start_page": Route(SIGNED_IN, lambda w: {"slug": "quizzed"}),
    "quizzes.start": Route(SIGNED_IN, lambda w: {"slug": "quizzed"}),
    "quizzes.take": Route(frozenset({LEARNER}), _final),
    "quizzes.save": Route(frozenset({LEARNER}), _final),
    "quizzes.submit": Route(frozenset({LEARNER}), _final),
    "quizzes.result": Route(frozenset({LEARNER}), _final),
    "quizzes.practice": Route(SIGNED_IN, lambda w: {"slug": "quizzed", "lesson_id": "rules"}),
    "quizzes.practice_result": Route(frozenset({LEARNER}), lambda w: {
        "slug": "quizzed", "lesson_id": "rules", "attempt_id": w["practice"]}),
    "quizzes.stats": Route(frozenset({TRAINER, ADMIN}), lambda w: {"slug": "quizzed"}),
}
ASSIGNMENTS_ROUTES = {
    # @allow(MANAGERS); edit/toggle also require the assignment's unit in the viewer's subtree.
    "assignments.index": Route(MANAGERS),
    "assignments.new": Route(MANAGERS),
    "assignments.edit": Route(MANAGERS, lambda w: {"assignment_id": w["assignment"]}),
    "assignments.toggle": Route(MANAGERS, lambda w: {"assignment_id": w["assignment"]}),
}
STATS_ROUTES = {
    # @allow(MANAGERS) and the unit must be in the viewer's subtree (W1 is under the manager's D1).
    "stats.index": Route(MANAGERS),
    "stats.unit": Route(MANAGERS, lambda w: {"code": "W1"}),
    "stats.overdue": Route(MANAGERS, lambda w: {"code": "W1"}),
    "stats.learners": Route(MANAGERS, lambda w: {"code": "W1"}),
    "stats.ranking": Route(MANAGERS, lambda w: {"code": "D1"}),
    "stats.export": Route(MANAGERS, lambda w: {"code": "D1", "fmt": "csv"}),
    "stats_api.unit": Route(MANAGERS, lambda w: {"code": "D1"}),
    "stats.rebuild": Route(ADMINS),  # queues the recount; tests/integration/test_background_jobs.py runs it
}
REPORTS_ROUTES = {
    # @allow(MANAGERS) and the unit must be in the viewer's subtree, like the statistics.
    "reports.unit": Route(MANAGERS, lambda w: {"code": "W1"}),
    "reports.download": Route(MANAGERS, lambda w: {"code": "D1", "period": "2026-Q3", "format": "docx"}),
    # GET: the choice to confirm (starts nothing); the POST that queues it: test_background_jobs.py.
    "reports.prepare": Route(MANAGERS, lambda w: {"code": "D1", "period": "2026-Q3", "format": "docx"}),
}
#: The world's learner completed civics: its certificate is theirs, and its holder is in the
#: manager's subtree; the trainer is neither, so is refused.
_certificate = lambda w: {"code": w["certificate"]}  # noqa: E731
_reason = {"reason": "Checked by the authorization matrix"}
CERTIFICATES_ROUTES = {
    "certificates.mine": Route(SIGNED_IN),
    "certificates.download_pdf": Route(frozenset({LEARNER}) | MANAGERS, _certificate),
    "certificates.download_credential": Route(frozenset({LEARNER}) | MANAGERS, _certificate),
    "certificates.verify_lookup": Route(EVERYONE),
    "certificates.verify": Route(EVERYONE, _certificate),
    "certificates.did_json": Route(EVERYONE),
    "certificates.jwks_json": Route(EVERYONE),
    "certificates.manage": Route(MANAGERS),
    "certificates.batch_zip": Route(MANAGERS),  # a redirect to the list's batch form
    "certificates.batch_start": Route(MANAGERS, data={"q": ""}),
    # A job is its starter's alone: with no job of theirs every role is refused (test_certificate_jobs
    # checks the starter's own view and another manager's refusal).
    "certificates.batch_status": Route(frozenset(), lambda w: {"job_id": "not-a-job"}),
    "certificates.batch_status_json": Route(frozenset(), lambda w: {"job_id": "not-a-job"}),
    "certificates.batch_download": Route(frozenset(), lambda w: {"job_id": "not-a-job"}),
    # Revoke runs before reinstate (URL map order), so the certificate ends valid again.
    "certificates.revoke": Route(ADMINS, _certificate, _reason),
    "certificates.reinstate": Route(ADMINS, _certificate, _reason),
}
#: civics lists trainer@example.org among its maintainers (tests/fixtures/courses/civics/course.md),
#: so the world's trainer may edit it; test_a_trainer_cannot_edit_a_course_they_do_not_maintain
#: checks the same routes on a course that does not list them.
_civics = lambda w: {"folder": "civics"}  # noqa: E731
_lesson = lambda w: {"folder": "civics", "name": "01-conduct.md"}  # noqa: E731
_commit = lambda w: {"folder": "civics", "name": "01-conduct.md", "sha": w["commit"]}  # noqa: E731
#: A stale lesson-list version: the view checks access, then refuses the change politely (no-op).
_layout = {"version": "stale", "direction": "down"}
EDITOR_ROUTES = {
    "editor.index": Route(AUTHORS),
    "editor.new_course": Route(AUTHORS),
    "editor.course": Route(AUTHORS, _civics),
    "editor.add_lesson": Route(AUTHORS, _civics, {"title": "Extra lesson", "slug": "extra"}),
    "editor.move_lesson": Route(AUTHORS, _lesson, _layout),
    "editor.remove_lesson": Route(AUTHORS, lambda w: {"folder": "civics", "name": "02-gifts.md"}, _layout),
    "editor.rename_lesson": Route(AUTHORS, _lesson, {"title": "Renamed", "version": "stale"}),
    "editor.add_final_quiz": Route(AUTHORS, _civics),
    "editor.edit": Route(AUTHORS, _lesson),
    "editor.live_preview": Route(AUTHORS, _civics, {"name": "01-conduct.md", "text": "---\ntitle: X\n---\n## X\n"}),
    "editor.asset": Route(AUTHORS, lambda w: {"folder": "civics", "rel": "images/diagram.png"}),
    "editor.publish": Route(AUTHORS, _civics, {"summary": "matrix"}),
    "editor.discard": Route(AUTHORS, _civics, {"sure": "y"}),
    "editor.history": Route(AUTHORS, _lesson),
    "editor.history_commit": Route(AUTHORS, _commit),
    "editor.restore": Route(AUTHORS, _commit),
    "editor.upload_image": Route(AUTHORS, _civics, lambda w: {
        "image": (io.BytesIO(w["png"]), "matrix.png"), "name": "matrix"}),
}
#: Two rounds on the manager's district: in one the learner has a draft, in the other a
#: signed-off review (readable by the learner and reviewers in scope, never the trainer).
_signed = lambda w: {"review_id": w["signed_review"]}  # noqa: E731
#: A job is its starter's alone: with no job of theirs every role is refused (tests/integration/test_jobs_pages.py
#: checks the starter's own view and everyone else's 404).
JOBS_ROUTES = {
    "jobs.status": Route(frozenset(), lambda w: {"job_id": "not-a-job"}),
    "jobs.status_json": Route(frozenset(), lambda w: {"job_id": "not-a-job"}),
    "jobs.download": Route(frozenset(), lambda w: {"job_id": "not-a-job"}),
}
REVIEWS_ROUTES = {
    "reviews.index": Route(SIGNED_IN),
    "reviews.new_round": Route(MANAGERS),
    "reviews.mine": Route(frozenset({LEARNER}), lambda w: {"round_id": w["draft_round"]}),
    "reviews.autosave": Route(frozenset({LEARNER}), lambda w: {"round_id": w["draft_round"]}),
    "reviews.round_page": Route(MANAGERS, lambda w: {"round_id": w["draft_round"]}),
    "reviews.assess": Route(MANAGERS, _signed),
    "reviews.pdf": Route(frozenset({LEARNER}) | MANAGERS, _signed),
    "reviews_api.unit": Route(MANAGERS, lambda w: {"code": "D1", "round": w["draft_round"]}),
    "reviews.export": Route(MANAGERS, lambda w: {"round_id": w["draft_round"], "code": "D1", "fmt": "xlsx"}),
    "reviews.figures": Route(MANAGERS, lambda w: {"round_id": w["draft_round"], "code": "D1"}),
    "reviews.commend": Route(MANAGERS, lambda w: {"round_id": w["draft_round"]},
                             {"target": "W1", "reason": "Checked by the authorization matrix", "back": "D1"}),
}
ROUTES = {**MAIN_ROUTES, **AUTH_ROUTES, **COURSES_ROUTES, **QUIZZES_ROUTES, **ADMIN_ROUTES,
          **ASSIGNMENTS_ROUTES, **STATS_ROUTES, **REPORTS_ROUTES, **CERTIFICATES_ROUTES, **EDITOR_ROUTES,
          **REVIEWS_ROUTES, **JOBS_ROUTES}


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(cwd), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def world(app, make_unit, make_user, root_unit, db, courses_dir):
    """One of everything the routes need, inside the manager's subtree where it matters."""
    district = make_unit("D1", root_unit, kind="district")
    ward = make_unit("W1", district)
    users = {
        LEARNER: make_user("learner@example.org", unit=ward),
        TRAINER: make_user("trainer@example.org", role="trainer", unit=ward),
        MANAGER: make_user("manager@example.org", role="manager", unit=district),
        ADMIN: make_user("admin@example.org", role="admin"),
        ASSIGNED: make_user("assigned@example.org", unit=ward, audience="higher_ed_student", name="Assigned Outsider"),
    }
    target = make_user("target@example.org", unit=ward, name="Target Learner")
    activation = issue_token(make_user("new@example.org", unit=ward), TokenPurpose.ACTIVATION, timedelta(days=1))
    reset = issue_token(target, TokenPurpose.RESET, timedelta(hours=1))
    # Registration open (a unit and a mail server; port 9 refuses at once, nothing is sent).
    app.config.update(SELF_REGISTRATION_UNIT=ward.code, MAIL_SERVER="127.0.0.1", MAIL_PORT=9)
    confirmation = register("joining@example.org", "Người Đăng Ký", "Tham-gia-2026", ward, timedelta(days=1))[1]
    db.session.commit()
    learner = app.test_client()
    login(learner, users[LEARNER].email)
    token = csrf_token(learner, "/auth/forgot")
    attempt = learner.post("/courses/quizzed/quiz/start", data={"csrf_token": token}).headers["Location"]
    practice = learner.post("/courses/quizzed/lessons/rules/practice", data={"csrf_token": token}).headers["Location"]
    admin = app.test_client()
    login(admin, users[ADMIN].email)
    response = admin.post("/admin/users/import", content_type="multipart/form-data", data={
        "csrf_token": csrf_token(admin, "/admin/users/import"),
        "file": (io.BytesIO(b"email,full_name,unit_code,audience\nbatch@example.org,Batch One,W1,civil_servant\n"), "u.csv")})
    token = response.headers["Location"].rsplit("/", 1)[1]
    admin.post(f"/admin/users/import/{token}/confirm", data={"csrf_token": csrf_token(admin, "/admin/")})
    # Assignments: civics assigned to the ward, inside the manager's subtree.
    civics = catalog().get("civics")
    assignment = create_assignment(users[ADMIN], course_row(civics).id, ward.id, None,
                                   today(), today() + timedelta(days=30))
    # quizzed (for civil servants) is assigned to the ward's higher-education students only.
    create_assignment(users[ADMIN], course_row(catalog().get("quizzed")).id, ward.id, "higher_ed_student",
                      today(), today() + timedelta(days=30))
    # Certificates: the learner completes civics, which issues their certificate.
    for lesson in civics.lessons:
        mark_lesson_done(users[LEARNER].id, civics, lesson.id)
    db.session.commit()
    certificate = of_user(users[LEARNER].id)[0]
    draft_round, signed_review = _review_rounds(district, users)
    # Editor: the courses folder is its own git repository (for history), and civics has a draft.
    _git(courses_dir, "init", "-q", "-b", "main")
    _git(courses_dir, "config", "user.name", "Fixture Author")
    _git(courses_dir, "config", "user.email", "fixture@example.org")
    _git(courses_dir, "add", "-A")
    _git(courses_dir, "commit", "-q", "-m", "Fixtures")
    commit = _git(courses_dir, "rev-parse", "HEAD").strip()
    store = editor_services.store()
    text = store.read("civics", "01-conduct.md")
    assert store.save("civics", "01-conduct.md", text + "\nEdited in a draft.\n", version_of(text)).saved
    return {"users": users, "target": target, "ward": ward, "district": district,
            "activation": activation, "reset": reset, "confirmation": confirmation, "import": token,
            "attempt": int(attempt.rsplit("/", 1)[1]), "practice": int(practice.rsplit("/", 1)[1]),
            "assignment": assignment.id, "certificate": certificate.code, "commit": commit,
            "draft_round": draft_round, "signed_review": signed_review,
            "png": (courses_dir / "civics" / "images" / "diagram.png").read_bytes()}


def _review_rounds(district, users) -> tuple[int, int]:
    """A round where the learner has only a draft, and one where their review is signed off."""
    from app.extensions import db
    from app.reviews import services
    from app.reviews.catalog import forms
    from app.reviews.models import Review

    form = forms()["can-bo-cong-chuc"]
    due = today() + timedelta(days=30)
    draft = services.open_round(users[ADMIN], form, district, "civil_servant", "2026", due)
    done = services.open_round(users[ADMIN], form, district, "civil_servant", "2025", due)
    review = Review(round_id=done.id, user_id=users[LEARNER].id, status="draft", answers={}, verdict={})
    db.session.add(review)
    answers = {i.id: {"text": "x"} if i.prompt else {"rating": "Tốt", "account": "x"} for i in form.items()}
    services.save_draft(review, form, answers)
    services.submit(users[LEARNER], review, form)
    services.record_verdict(users[MANAGER], review, form, {}, "", "Tốt")
    services.sign_off(users[MANAGER], review)
    db.session.commit()
    return draft.id, review.id


def route_requests(app, world):
    """(endpoint, method, url, data, Route) for every rule of the URL map, session-ending ones last."""
    from flask import url_for

    found = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            route = ROUTES.get(rule.endpoint)
            if route is None:
                continue
            method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"HEAD", "OPTIONS"})[0]
            found.append((rule.endpoint, method, url_for(rule.endpoint, **route.args(world)), route))
    return sorted(found, key=lambda item: item[3].last)


def client_for(app, world, role):
    client = app.test_client()
    if role != ANON:
        assert login(client, world["users"][role].email).status_code == 302
    return client


def call(client, method, url, route, world):
    """The route's response, read whole and closed (buffered): a streamed download ends with its request."""
    if method == "GET":
        return client.get(url, buffered=True)
    return client.open(url, method=method, buffered=True,
                       data={**route.form(world), "csrf_token": csrf_token(client, "/auth/forgot")})


def outcome(response) -> str:
    """allowed, login (sent to the login page, or 401 from the API) or refused (403/404)."""
    if response.status_code == 401:
        return "login"
    if response.status_code in (403, 404):
        return "refused"
    location = response.headers.get("Location", "")
    if response.status_code in (301, 302, 303) and "/auth/login?next=" in location:  # Flask-Login's redirect
        return "login"
    return "allowed" if response.status_code < 400 else f"error {response.status_code}"
