"""The course editor: drafts, validation, safe paths, conflicts, permissions, publishing."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.editor.store import version_of
from tests.support.client import post
from tests.support.editor import login, trainer, trainer_client  # noqa: F401


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under root (drafts included) with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def lesson_text(client, name="01-conduct.md", folder="civics") -> str:
    from app.editor.services import store
    return store().read(folder, name)


def save(client, text, version, name="01-conduct.md", folder="civics", action="save"):
    return post(client, f"/editor/{folder}/files/{name}", {"text": text, "version": version, "action": action})


def test_trainer_sees_the_courses_they_maintain(trainer_client):
    page = trainer_client.get("/editor/").get_data(as_text=True)
    assert "Civics for civil servants" in page
    assert "/editor/students/" not in page


def test_trainer_who_does_not_maintain_a_course_gets_403(trainer_client):
    assert trainer_client.get("/editor/students/").status_code == 403
    assert trainer_client.get("/editor/students/files/01-exams.md").status_code == 403
    assert post(trainer_client, "/editor/students/preview", {"name": "01-exams.md", "text": "x"}).status_code == 403


@pytest.mark.parametrize("role", ["learner", "manager"])
def test_learners_and_managers_cannot_reach_the_editor(client, make_user, role):
    user = make_user(f"{role}-x@example.org", role=role)
    login(client, user.email)
    assert client.get("/editor/").status_code == 403
    assert client.get("/editor/civics/").status_code == 403


def test_anonymous_is_sent_to_log_in(client):
    response = client.get("/editor/civics/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_admin_edits_every_course(client, make_user):
    login(client, make_user("admin@example.org", role="admin").email)
    assert client.get("/editor/students/").status_code == 200


def test_saving_goes_to_a_draft_that_learners_do_not_see(trainer_client, courses_dir):
    live = courses_dir / "civics" / "01-conduct.md"
    before = live.read_bytes()
    text = lesson_text(trainer_client).replace("serves the people", "serves the people with honesty")
    response = save(trainer_client, text, version_of(lesson_text(trainer_client)))
    assert response.status_code == 302
    assert live.read_bytes() == before
    assert "with honesty" in (courses_dir / ".drafts" / "civics" / "01-conduct.md").read_text()


def test_invalid_file_is_refused_and_nothing_on_disk_changes(trainer_client, courses_dir):
    save(trainer_client, lesson_text(trainer_client) + "\nmore\n", version_of(lesson_text(trainer_client)))
    before = tree_bytes(courses_dir)
    broken = "---\ntitle: [unclosed\n---\nText\n"
    response = save(trainer_client, broken, version_of(lesson_text(trainer_client)))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "civics/01-conduct.md" in page and "line 2" in page and "invalid YAML" in page
    assert tree_bytes(courses_dir) == before


def test_invalid_file_without_a_draft_creates_none(trainer_client, courses_dir):
    before = tree_bytes(courses_dir)
    response = save(trainer_client, "---\nminutes: 5\n---\nNo title\n", version_of(lesson_text(trainer_client)))
    assert response.status_code == 422
    assert "front matter needs &#39;title&#39;" in response.get_data(as_text=True)
    assert tree_bytes(courses_dir) == before


def test_second_save_from_the_same_version_is_a_conflict_and_the_first_is_kept(trainer_client, courses_dir):
    original = lesson_text(trainer_client)
    base = version_of(original)
    first = original.replace("serves the people", "serves the people (first)")
    second = original.replace("serves the people", "serves the people (second)")
    assert save(trainer_client, first, base).status_code == 302
    response = save(trainer_client, second, base)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "(first)" in page and "(second)" in page and "+A civil servant serves the people (second)." in page
    assert "(first)" in (courses_dir / ".drafts" / "civics" / "01-conduct.md").read_text()


def test_saving_again_after_a_conflict_replaces_theirs_deliberately(trainer_client, courses_dir):
    original = lesson_text(trainer_client)
    save(trainer_client, original + "\nFirst.\n", version_of(original))
    save(trainer_client, original + "\nSecond.\n", version_of(original))
    current = lesson_text(trainer_client)
    assert save(trainer_client, original + "\nSecond.\n", version_of(current)).status_code == 302
    assert "Second." in lesson_text(trainer_client)


def test_live_preview_is_sanitised_html(trainer_client):
    response = post(trainer_client, "/editor/civics/preview", {
        "name": "01-conduct.md", "text": "---\ntitle: T\n---\n**bold** <script>alert(1)</script>\n\n![x](images/diagram.png)"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<strong>bold</strong>" in html and "<script" not in html and "alert(1)" not in html
    assert 'src="/editor/civics/asset/civics/files/images/diagram.png"' in html
    assert "No problems found." in html


def test_preview_button_works_without_javascript(trainer_client, courses_dir):
    before = tree_bytes(courses_dir)
    response = save(trainer_client, "---\ntitle: T\n---\nHello *preview*\n", "", action="preview")
    assert response.status_code == 200
    assert "<em>preview</em>" in response.get_data(as_text=True)
    assert tree_bytes(courses_dir) == before


@pytest.mark.parametrize("path", ["/editor/", "/editor/new", "/editor/civics/", "/editor/civics/files/01-conduct.md",
                                  "/editor/civics/files/quiz.md", "/editor/civics/files/course.md",
                                  "/editor/civics/files/01-conduct.md/history"])
def test_editor_pages_open_for_a_maintainer(trainer_client, path):
    response = trainer_client.get(path)
    assert response.status_code == 200
    assert "<script>" not in response.get_data(as_text=True)


def test_editor_page_loads_its_script_and_has_labelled_fields(trainer_client):
    page = trainer_client.get("/editor/civics/files/01-conduct.md").get_data(as_text=True)
    assert "/static/js/editor.js" in page and '<label for="text">' in page
    assert 'name="version" type="hidden" value="' + version_of(lesson_text(trainer_client)) in page


def test_discarding_the_shared_draft_takes_a_deliberate_confirmation(trainer_client, courses_dir):
    text = lesson_text(trainer_client).replace("serves the people", "serves the people well")
    save(trainer_client, text, version_of(lesson_text(trainer_client)))
    draft = courses_dir / ".drafts" / "civics" / "01-conduct.md"
    response = post(trainer_client, "/editor/civics/discard", {})
    assert response.status_code == 302 and draft.exists()  # one click discards nothing
    page = trainer_client.get("/editor/civics/").get_data(as_text=True)
    assert 'name="sure"' in page
    post(trainer_client, "/editor/civics/discard", {"sure": "y"})
    assert not draft.exists()


def test_the_editor_shows_titles_not_file_names(trainer_client):
    html = trainer_client.get("/editor/civics/files/01-conduct.md").get_data(as_text=True)
    heading = html.split("<h1>", 1)[1].split("</h1>", 1)[0]
    breadcrumb = html.split('class="breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert heading == "Editing Code of conduct" and "Civics for civil servants" in breadcrumb


def test_a_preview_too_costly_to_render_is_refused_and_says_why(trainer_client):
    text = "---\ntitle: Heavy\n---\n" + "[" * 40000
    response = post(trainer_client, "/editor/civics/preview", {"name": "01-conduct.md", "text": text})
    assert response.status_code == 200 and "too many &#39;[&#39; or &#39;&lt;&#39;" in response.get_data(as_text=True)
