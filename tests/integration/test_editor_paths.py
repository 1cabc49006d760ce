"""No name from the browser can make the editor read or write outside COURSES_DIR."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.support.client import post
from tests.support.editor import login, trainer, trainer_client  # noqa: F401

BAD_FOLDERS = ["..", "%2e%2e", "..%2F..%2Fconfig.py", "%2Fetc%2Fpasswd", "Civics", ".drafts", "civics%00"]
BAD_FILES = ["..%2F..%2Fconfig.py", "../../config.py", "%2Fetc%2Fpasswd", "/etc/passwd", "%2e%2e%2fcourse.md",
             ".draft.json", "config.py", "01-conduct.md%00.png"]


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file around the test's courses folder (the database aside)."""
    return {p.as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.name.startswith("test.db")}  # the database and its WAL files change


@pytest.fixture
def admin_client(client, make_user):
    login(client, make_user("admin@example.org", role="admin").email)
    return client


def refused(response) -> bool:
    return response.status_code in (400, 404)


@pytest.mark.parametrize("folder", BAD_FOLDERS)
def test_bad_course_folder_is_refused_on_every_route(admin_client, folder, tmp_path):
    before = snapshot(tmp_path)
    assert refused(admin_client.get(f"/editor/{folder}/"))
    assert refused(admin_client.get(f"/editor/{folder}/files/01-conduct.md"))
    for path, data in [
        (f"/editor/{folder}/", {"title": "x"}),
        (f"/editor/{folder}/files/01-conduct.md", {"text": "x", "version": "", "action": "save"}),
        (f"/editor/{folder}/preview", {"name": "01-conduct.md", "text": "x"}),
        (f"/editor/{folder}/lessons", {"title": "x"}),
        (f"/editor/{folder}/publish", {"summary": "x"}),
        (f"/editor/{folder}/discard", {}),
        (f"/editor/{folder}/images", {"image": (io.BytesIO(b"x"), "x.png")}),
    ]:
        assert refused(post(admin_client, path, data)), path
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_file_name_is_refused_on_every_route(admin_client, name, tmp_path):
    before = snapshot(tmp_path)
    assert refused(admin_client.get(f"/editor/civics/files/{name}"))
    assert refused(admin_client.get(f"/editor/civics/files/{name}/history"))
    assert refused(post(admin_client, f"/editor/civics/files/{name}", {"text": "x", "version": "", "action": "save"}))
    assert refused(post(admin_client, "/editor/civics/preview", {"name": name, "text": "x"}))
    for action in ("move", "remove", "title"):
        assert refused(post(admin_client, f"/editor/civics/lessons/{name}/{action}", {"title": "x", "version": ""}))
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("rel", ["..%2F..%2Fconfig.py", "../../config.py", "%2Fetc%2Fpasswd", "01-conduct.md",
                                 ".drafts/x.png", "images/../../../config.py"])
def test_bad_asset_path_is_refused(admin_client, rel):
    assert refused(admin_client.get(f"/editor/civics/asset/{rel}", follow_redirects=True))
    assert refused(admin_client.get(f"/editor/civics/asset/civics/files/{rel}", follow_redirects=True))


def test_good_asset_path_serves_the_image(admin_client):
    response = admin_client.get("/editor/civics/asset/civics/files/images/diagram.png")
    assert response.status_code == 200 and response.data.startswith(b"\x89PNG")


@pytest.mark.parametrize("name", ["../../config", "/etc/passwd", "..%2Fx", "a/b", ".hidden", "x.php"])
def test_upload_with_a_bad_image_name_is_refused(admin_client, name, tmp_path):
    from tests.support.images import png_bytes

    before = snapshot(tmp_path)
    response = post(admin_client, "/editor/civics/images", {"image": (io.BytesIO(png_bytes()), "ok.png"), "name": name},
                    content_type="multipart/form-data")
    assert refused(response)
    assert snapshot(tmp_path) == before


def test_uploaded_file_name_is_reduced_to_a_safe_name(admin_client, courses_dir):
    from tests.support.images import png_bytes

    response = post(admin_client, "/editor/civics/images",
                    {"image": (io.BytesIO(png_bytes()), "../../Ảnh sơ đồ.png")}, content_type="multipart/form-data")
    assert response.status_code == 302
    assert (courses_dir / ".drafts" / "civics" / "images" / "anh-so-do.png").is_file()
    assert not (courses_dir.parent / "Ảnh sơ đồ.png").exists()


def test_history_with_a_bad_commit_id_is_refused(admin_client):
    assert admin_client.get("/editor/civics/files/01-conduct.md/history/HEAD~1").status_code == 404
    assert refused(post(admin_client, "/editor/civics/files/01-conduct.md/history/--output=x/restore", {}))
