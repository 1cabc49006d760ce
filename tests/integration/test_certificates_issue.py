"""Completion issues exactly one certificate, recording score and content version."""
import subprocess

from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.certificates.models import Certificate
from app.courses.catalog import catalog
from app.courses.services import mark_lesson_done, record_final_quiz_result

def add_quiz_course(courses_dir):
    """The fixture course with a final quiz (tests/fixtures/courses/quizzed)."""
    course = catalog().get("quizzed")
    assert course is not None and course.final_source is not None and course.certificate
    return course


def count(db):
    return db.session.scalar(select(func.count(Certificate.id)))


def finish_all_lessons(user, course):
    for lesson in course.lessons:
        mark_lesson_done(user.id, course, lesson.id)


def test_completing_the_last_lesson_issues_one_certificate(db, learner):
    course = catalog().get("civics")
    mark_lesson_done(learner.id, course, course.lessons[0].id)
    assert count(db) == 0
    mark_lesson_done(learner.id, course, course.lessons[1].id)
    db.session.commit()
    certificate = db.session.scalar(select(Certificate))
    assert certificate.user_id == learner.id and certificate.course.slug == "civics"
    assert certificate.content_hash == course.content_hash
    assert certificate.serial == f"IA-{certificate.issued_at.year}-{certificate.id:06d}"
    assert len(certificate.code) >= 27 and certificate.status == "valid"
    assert certificate.unit_name == learner.unit.name
    assert db.session.scalar(select(AuditEntry).filter_by(action="certificate.issue")) is not None


def test_passing_the_final_quiz_after_the_lessons_issues_one_with_the_score(db, learner, courses_dir):
    course = add_quiz_course(courses_dir)
    finish_all_lessons(learner, course)
    assert count(db) == 0  # lessons alone do not complete a course with a final quiz
    record_final_quiz_result(learner.id, course, 85.0, True)
    db.session.commit()
    assert count(db) == 1
    assert db.session.scalar(select(Certificate.score)) == 85.0


def test_a_second_pass_does_not_issue_another(db, learner, courses_dir):
    course = add_quiz_course(courses_dir)
    finish_all_lessons(learner, course)
    record_final_quiz_result(learner.id, course, 75.0, True)
    first = db.session.scalar(select(Certificate.code))
    record_final_quiz_result(learner.id, course, 95.0, True)
    mark_lesson_done(learner.id, course, course.lessons[0].id)
    db.session.commit()
    assert count(db) == 1
    assert db.session.scalar(select(Certificate.code)) == first


def test_failing_the_final_quiz_issues_none(db, learner, courses_dir):
    course = add_quiz_course(courses_dir)
    finish_all_lessons(learner, course)
    record_final_quiz_result(learner.id, course, 40.0, False)
    db.session.commit()
    assert count(db) == 0


def test_a_course_without_certificate_issues_none(db, learner, courses_dir):
    front = courses_dir / "open-to-all" / "course.md"
    front.write_text(front.read_text(encoding="utf-8").replace("audiences:", "certificate: false\naudiences:", 1),
                     encoding="utf-8")
    catalog().refresh(force=True)
    course = catalog().get("open-to-all")
    assert not course.certificate
    finish_all_lessons(learner, course)
    db.session.commit()
    assert count(db) == 0


def test_each_learner_gets_their_own_certificate_with_distinct_codes(db, make_user):
    course = catalog().get("civics")
    first, second = make_user(), make_user()
    finish_all_lessons(first, course)
    finish_all_lessons(second, course)
    codes = set(db.session.scalars(select(Certificate.code)))
    serials = set(db.session.scalars(select(Certificate.serial)))
    assert len(codes) == 2 and len(serials) == 2


def test_the_git_commit_of_the_courses_checkout_is_recorded(db, learner, courses_dir):
    git = ["git", "-C", str(courses_dir), "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run(git[:3] + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "courses"], check=True)
    head = subprocess.run(git[:3] + ["rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    finish_all_lessons(learner, catalog().get("civics"))
    assert db.session.scalar(select(Certificate.git_commit)) == head


def test_no_git_commit_when_the_courses_are_not_a_checkout(db, learner):
    finish_all_lessons(learner, catalog().get("civics"))
    assert db.session.scalar(select(Certificate.git_commit)) is None


def test_a_public_code_never_starts_with_a_dash_that_the_cli_would_read_as_an_option(monkeypatch):
    import app.certificates.services as services

    drawn = iter(["-GBHiyCQIXCdxO_ELxWxF2sabDQ", "_x" + "a" * 25, "Qz" + "b" * 25])
    monkeypatch.setattr(services.secrets, "token_urlsafe", lambda n: next(drawn))
    assert services.new_code() == "Qz" + "b" * 25
