"""The draft store and path checks, without the app."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.courses.frontmatter import parse_document
from app.courses.loader import content_hash
from app.editor.documents import course_text, emails, slugify, with_title
from app.editor.paths import UnsafePath, check_file, check_folder, check_image, inside
from app.editor.store import DraftStore, version_of, write_atomic

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "courses"


@pytest.fixture
def store(tmp_path) -> DraftStore:
    shutil.copytree(FIXTURES, tmp_path / "courses")
    return DraftStore(tmp_path / "courses")


@pytest.mark.parametrize("name", ["../x", "/etc", "a/b", "", "Civics", ".drafts", "x" * 70, "civics\0"])
def test_bad_folder_names_are_refused(name):
    with pytest.raises(UnsafePath):
        check_folder(name)


@pytest.mark.parametrize("name", ["../../config.py", "/etc/passwd", "01-a.md/..", "x.md", "01-a.txt", ".draft.json"])
def test_bad_file_names_are_refused(name):
    with pytest.raises(UnsafePath):
        check_file(name)


@pytest.mark.parametrize("name", ["../a.png", "a.svg", "A.PNG", "a.png.php", ".a.png"])
def test_bad_image_names_are_refused(name):
    with pytest.raises(UnsafePath):
        check_image(name)


def test_inside_refuses_symlinks_and_parents_that_leave_the_root(tmp_path):
    (tmp_path / "root").mkdir()
    (tmp_path / "root" / "link").symlink_to(tmp_path)
    with pytest.raises(UnsafePath):
        inside(tmp_path / "root", "link", "secret")
    with pytest.raises(UnsafePath):
        inside(tmp_path / "root", "..", "secret")
    assert inside(tmp_path / "root", "a", "b") == (tmp_path / "root" / "a" / "b").resolve()


def test_write_atomic_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "a" / "file.md"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two" and [p.name for p in target.parent.iterdir()] == ["file.md"]


def test_the_draft_is_hidden_from_the_content_hash(store):
    before = content_hash(store.root / "civics")
    text = store.read("civics", "01-conduct.md")
    assert store.save("civics", "01-conduct.md", text + "\nMore.\n", version_of(text)).saved
    assert content_hash(store.root / "civics") == before
    assert store.draft_base("civics") == before


def test_a_save_that_breaks_another_rule_of_the_course_is_refused(store):
    text = store.read("civics", "02-gifts.md")
    result = store.save("civics", "02-gifts.md", text.replace("title: Gifts", "title: Gifts\nid: conduct"), version_of(text))
    assert not result.saved and "also used by" in result.problems[0].message
    assert not store.has_draft("civics")


def test_reorder_keeps_slugs(store):
    store.reorder("civics", ["02-gifts.md", "01-conduct.md"])
    assert store.lesson_files("civics") == ["01-gifts.md", "02-conduct.md"]
    with pytest.raises(ValueError):
        store.reorder("civics", ["01-gifts.md"])


def test_publish_refuses_a_draft_whose_live_course_changed_meanwhile(store):
    text = store.read("civics", "01-conduct.md")
    store.save("civics", "01-conduct.md", text + "\nDraft.\n", version_of(text))
    (store.root / "civics" / "02-gifts.md").write_text("---\ntitle: Gifts\n---\nEdited in git.\n")
    result = store.publish("civics")
    assert result.stale and result.course is None and store.has_draft("civics")
    assert store.publish("civics", force=True).course is not None


def test_course_text_keeps_keys_the_form_does_not_know():
    text = "---\ntitle: Old\naudiences: [all]\ncompletion: {final_quiz: true}\n---\nIntro\n"
    out = course_text(text, {"title": "New", "audiences": ["all"], "maintainers": ["a@b.vn"]}, "Intro\n")
    assert "title: New\n" in out and "maintainers: [a@b.vn]\n" in out
    assert parse_document(out).meta["completion"] == {"final_quiz": True}


def test_with_title_keeps_the_body():
    assert with_title("---\ntitle: A\nminutes: 5\n---\nBody\n", "B") == "---\ntitle: B\nminutes: 5\n---\nBody\n"


def test_slugs_and_emails():
    assert slugify("Đạo đức công vụ!") == "dao-duc-cong-vu"
    assert slugify("???") == "lesson"
    assert emails("A@x.vn, b@y.vn\na@x.vn") == ["a@x.vn", "b@y.vn"]


def test_a_course_cannot_take_the_id_of_another_course(store):
    text = store.read("civics", "course.md")
    result = store.save("civics", "course.md", text.replace("title:", "id: students\ntitle:", 1), version_of(text))
    assert not result.saved and "already used by students/" in result.problems[0].message
