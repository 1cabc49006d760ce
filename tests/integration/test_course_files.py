"""/courses/<slug>/files/<path> serves a course's media and nothing else, however it is spelled."""
import os

import pytest

from app.courses.assets import asset_file

#: Text from the course's sources (answer key, front matter, practice block) and the planted files.
SECRETS = ("accept:", "(x)", "show_answers", "pass_mark:", "```quiz", "title: ", "onload", "<script>")

ATTACKS = [
    "quiz.md", "quiz.md/", "quiz.md//", "course.md", "01-rules.md", "01-rules.md/", "./quiz.md",
    "images/../quiz.md", "%2e%2e/quizzed/quiz.md", "images/%2e%2e/quiz.md", "images%2F..%2Fquiz.md",
    "images%2f..%2fquiz.md", "images\\..\\quiz.md", "..\\quizzed\\quiz.md", "%5c..%5cquiz.md",
    "QUIZ.MD", "notes.MD", "notes.Md/", ".hidden/secret.png", ".hidden%2Fsecret.png", "images/.x.png",
    "%2ehidden/secret.png", "images/to-quiz.png", "images/outside.png", "quiz.md%00.png", "images/",
    "images", "diagram.svg", "page.html", "../civics/course.md", "../../../../etc/passwd",
]


@pytest.fixture
def planted(courses_dir):
    """Files an attacker would want, and traps: an upper-case .MD, a dot-folder, symlinks."""
    folder = courses_dir / "quizzed"
    (folder / "images").mkdir()
    (folder / "images" / "ok.png").write_bytes(b"\x89PNG ok")
    (folder / "notes.MD").write_text("---\ntitle: secret\n---\naccept: key\n")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "secret.png").write_bytes(b"title: hidden")
    (folder / "images" / ".x.png").write_bytes(b"title: dot file")
    (folder / "diagram.svg").write_text("<svg onload='alert(1)'>title:</svg>")
    (folder / "page.html").write_text("<script>title:</script>")
    os.symlink(folder / "quiz.md", folder / "images" / "to-quiz.png")
    outside = courses_dir.parent / "outside.txt"
    outside.write_text("title: outside the courses")
    os.symlink(outside, folder / "images" / "outside.png")
    return folder


@pytest.mark.parametrize("path", ATTACKS)
def test_course_sources_and_hidden_files_cannot_be_downloaded_by_any_spelling(learner_client, planted, path):
    response = learner_client.get(f"/courses/quizzed/files/{path}", follow_redirects=True)
    assert response.status_code == 404, path
    body = response.get_data(as_text=True)
    assert [text for text in SECRETS if text in body] == []


def test_a_course_image_is_served_with_its_own_media_type(learner_client, planted):
    response = learner_client.get("/courses/quizzed/files/images/ok.png")
    assert response.status_code == 200 and response.data == b"\x89PNG ok"
    assert response.mimetype == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_course_files_stay_behind_the_course_audience(client, make_user, planted):
    from tests.support.client import login

    login(client, make_user("s@example.org", audience="secondary_student").email)
    assert client.get("/courses/quizzed/files/images/ok.png").status_code == 403


@pytest.mark.parametrize("rel", ["a.pdf", "sub/b.mp4", "c.JPG"])
def test_media_under_the_folder_is_servable(tmp_path, rel):
    target = tmp_path / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"x")
    assert asset_file(tmp_path, rel) == target.resolve()


def test_a_symlinked_folder_that_leads_out_is_refused(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "a.png").write_bytes(b"x")
    (tmp_path / "course").mkdir()
    os.symlink(tmp_path / "elsewhere", tmp_path / "course" / "images")
    assert asset_file(tmp_path / "course", "images/a.png") is None
