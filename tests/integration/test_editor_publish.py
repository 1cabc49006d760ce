"""Publishing a draft: learners switch versions, progress survives, git records the author."""
from __future__ import annotations

import subprocess

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.courses.models import LessonProgress
from app.editor.store import version_of
from tests.support.client import post
from tests.support.editor import login, trainer, trainer_client  # noqa: F401


def git(cwd, *args) -> str:
    return subprocess.run(["git", "-C", str(cwd), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def git_courses(courses_dir):
    """COURSES_DIR as the top of its own git repository, with the fixtures committed."""
    git(courses_dir, "init", "-q", "-b", "main")
    git(courses_dir, "config", "user.name", "Fixture Author")
    git(courses_dir, "config", "user.email", "fixture@example.org")
    git(courses_dir, "add", "-A")
    git(courses_dir, "commit", "-q", "-m", "Fixtures")
    return courses_dir


def edit_lesson(client, old: str, new: str, name="01-conduct.md"):
    from app.editor.services import store

    text = store().read("civics", name)
    return post(client, f"/editor/civics/files/{name}",
                {"text": text.replace(old, new), "version": version_of(text), "action": "save"})


def publish(client, summary="Clearer wording", **extra):
    return post(client, "/editor/civics/publish", {"summary": summary, **extra})


def test_learners_see_the_old_version_until_publish_and_the_new_one_after(app, make_user, trainer, learner):
    trainer_client, learner_client = app.test_client(), app.test_client()
    login(trainer_client, trainer.email)
    login(learner_client, learner.email)
    assert edit_lesson(trainer_client, "serves the people", "serves the people with integrity").status_code == 302
    page = learner_client.get("/courses/civics/lessons/conduct").get_data(as_text=True)
    assert "serves the people." in page and "with integrity" not in page
    assert publish(trainer_client).status_code == 302
    page = learner_client.get("/courses/civics/lessons/conduct").get_data(as_text=True)
    assert "serves the people with integrity." in page


def test_publish_gives_a_new_content_hash_and_keeps_progress(app, db, trainer, learner, courses_dir):
    from app.courses.catalog import catalog

    trainer_client, learner_client = app.test_client(), app.test_client()
    login(trainer_client, trainer.email)
    login(learner_client, learner.email)
    post(learner_client, "/courses/civics/lessons/conduct/done")
    old_hash = catalog().get("civics").content_hash
    edit_lesson(trainer_client, "serves the people", "serves the people well")
    publish(trainer_client)
    course = catalog().get("civics")
    assert course.content_hash != old_hash
    rows = db.session.scalars(select(LessonProgress).filter_by(user_id=learner.id)).all()
    assert [(r.lesson_id, r.content_hash, r.completed_at is not None) for r in rows] == [("conduct", old_hash, True)]
    page = learner_client.get("/courses/civics").get_data(as_text=True)
    assert "50%" in page and "Done" in page
    assert not (courses_dir / ".drafts" / "civics").exists()


def test_reordering_renames_files_but_keeps_lesson_ids_and_progress(app, db, trainer, learner, courses_dir):
    from app.editor.routes import _layout_version

    trainer_client, learner_client = app.test_client(), app.test_client()
    login(trainer_client, trainer.email)
    login(learner_client, learner.email)
    post(learner_client, "/courses/civics/lessons/gifts/done")
    with app.test_request_context():
        layout = _layout_version("civics")
    response = post(trainer_client, "/editor/civics/lessons/02-gifts.md/move", {"version": layout, "direction": "up"})
    assert response.status_code == 302
    assert sorted(p.name for p in (courses_dir / ".drafts" / "civics").glob("0*.md")) == ["01-gifts.md", "02-conduct.md"]
    publish(trainer_client)
    assert sorted(p.name for p in (courses_dir / "civics").glob("0*.md")) == ["01-gifts.md", "02-conduct.md"]
    page = learner_client.get("/courses/civics").get_data(as_text=True)
    assert page.index("Gifts") < page.index("Code of conduct")
    assert "/courses/civics/lessons/gifts" in page and "Done" in page


def test_moving_with_a_stale_lesson_list_is_refused(trainer, client, courses_dir):
    login(client, trainer.email)
    response = post(client, "/editor/civics/lessons/02-gifts.md/move", {"version": "old", "direction": "up"})
    assert response.status_code == 302
    assert not (courses_dir / ".drafts" / "civics").exists()


def test_removed_lessons_are_removed_on_publish(trainer, client, courses_dir):
    from app.editor.routes import _layout_version

    login(client, trainer.email)
    with client.application.test_request_context():
        layout = _layout_version("civics")
    assert post(client, "/editor/civics/lessons/02-gifts.md/remove", {"version": layout}).status_code == 302
    assert (courses_dir / "civics" / "02-gifts.md").is_file()
    publish(client)
    assert not (courses_dir / "civics" / "02-gifts.md").exists()
    assert client.application.extensions["catalog"].get("civics").lessons[0].id == "conduct"


def test_publishing_a_draft_with_problems_changes_nothing(trainer, client, courses_dir):
    login(client, trainer.email)
    edit_lesson(client, "serves the people", "serves")
    (courses_dir / ".drafts" / "civics" / "02-gifts.md").write_text("---\ntitle: [\n---\nx\n")
    live = {p.name: p.read_bytes() for p in (courses_dir / "civics").iterdir() if p.is_file()}
    publish(client)
    assert {p.name: p.read_bytes() for p in (courses_dir / "civics").iterdir() if p.is_file()} == live


def test_publish_in_a_git_backed_folder_commits_with_the_trainer_as_author(trainer, client, git_courses):
    login(client, trainer.email)
    (git_courses / "notes.txt").write_text("not the course's")
    edit_lesson(client, "serves the people", "serves the people honestly")
    assert publish(client, "Clearer wording").status_code == 302
    author, committer, subject = git(git_courses, "log", "-1", "--format=%an <%ae>%x00%cn%x00%s").split("\0")
    assert author == "Trần Văn Giảng <trainer@example.org>"
    assert committer.strip() == "Integrity Academy"
    assert subject.strip() == "Publish civics: Clearer wording"
    assert git(git_courses, "status", "--porcelain").strip() == "?? notes.txt"
    assert "civics/01-conduct.md" in git(git_courses, "show", "--name-only", "--format=", "HEAD")


def test_full_name_with_an_email_in_brackets_cannot_spoof_the_commit_author(trainer, client, git_courses, db):
    trainer.full_name = "Eve <boss@example.org>\nX"
    db.session.commit()
    login(client, trainer.email)
    edit_lesson(client, "serves the people", "serves the people honestly")
    assert publish(client, "Spoof").status_code == 302
    name, email = git(git_courses, "log", "-1", "--format=%an%x00%ae").strip().split("\0")
    assert email == "trainer@example.org"
    assert "<" not in name and "boss@example.org" in name


def test_history_lists_commits_shows_a_diff_and_restores_an_old_version(trainer, client, git_courses):
    login(client, trainer.email)
    edit_lesson(client, "serves the people", "serves the people honestly")
    publish(client, "Honesty")
    page = client.get("/editor/civics/files/01-conduct.md/history").get_data(as_text=True)
    assert "Honesty" in page and "Trần Văn Giảng" in page and "Fixtures" in page
    first = git(git_courses, "rev-list", "--max-parents=0", "HEAD").strip()
    latest = git(git_courses, "rev-parse", "HEAD").strip()
    diff = client.get(f"/editor/civics/files/01-conduct.md/history/{latest}").get_data(as_text=True)
    assert "+A civil servant serves the people honestly." in diff
    response = post(client, f"/editor/civics/files/01-conduct.md/history/{first}/restore", {})
    assert response.status_code == 302
    draft = (git_courses / ".drafts" / "civics" / "01-conduct.md").read_text()
    assert "serves the people." in draft and "honestly" not in draft
    assert "honestly" in (git_courses / "civics" / "01-conduct.md").read_text()


def test_history_says_so_when_the_courses_are_not_in_git(trainer, client, courses_dir, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(courses_dir.parent))
    login(client, trainer.email)
    page = client.get("/editor/civics/files/01-conduct.md/history").get_data(as_text=True)
    assert "not kept in a git repository" in page


def test_publish_create_and_remove_are_audited(trainer, client, db):
    from app.editor.routes import _layout_version

    login(client, trainer.email)
    with client.application.test_request_context():
        layout = _layout_version("civics")
    post(client, "/editor/civics/lessons/02-gifts.md/remove", {"version": layout})
    publish(client)
    actions = db.session.scalars(select(AuditEntry.action).filter_by(actor_id=trainer.id)).all()
    assert actions == ["editor.remove_lesson", "editor.publish"]
