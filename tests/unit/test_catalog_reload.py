"""Two app servers' catalogues over one courses/ folder: a publish on one reaches the other."""
import os
import shutil
from pathlib import Path

import pytest

from app.courses import catalog as catalog_module
from app.courses.catalog import Catalog
from app.quizzes.parser import parse_quiz

FIXTURES = Path(__file__).parent.parent / "fixtures" / "courses"


@pytest.fixture
def servers(tmp_path, monkeypatch):
    """Server A and server B: each its own Catalog, sharing the courses and the stamp, on a fake clock."""
    root = tmp_path / "courses"
    shutil.copytree(FIXTURES, root)
    clock = [1000.0]
    monkeypatch.setattr(catalog_module.time, "monotonic", lambda: clock[0])
    stamp = tmp_path / "shared" / "catalogue-version"
    a, b = (Catalog(root, 5, "/courses", parse_quiz, stamp=stamp) for _ in range(2))
    a.refresh(), b.refresh()
    return root, a, b, clock


def _retitle_unseen(root: Path, title: str) -> None:
    """Change the course title keeping the file's size and times: what a shared volume's cached
    attributes or a coarse mtime tick show another host."""
    path = root / "civics" / "course.md"
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    old = "Civics for civil servants"
    assert len(title) == len(old)
    path.write_text(text.replace(old, title), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_a_publish_announced_on_one_server_is_served_by_the_other_after_the_interval(servers):
    root, a, b, clock = servers
    _retitle_unseen(root, "Civics for civic servants")
    a.announce()
    a.refresh(force=True)  # what the editor's publish does on server A
    assert a.get("civics").title == "Civics for civic servants"
    clock[0] += 4
    assert b.get("civics").title == "Civics for civil servants"  # checked at most every 5 s
    clock[0] += 2
    assert b.get("civics").title == "Civics for civic servants"


def test_without_the_announcement_an_unseen_change_is_not_reloaded(servers):
    """Guards the stamp: file times alone miss this change, so B would serve the old course."""
    root, a, b, clock = servers
    _retitle_unseen(root, "Civics for civic servants")
    clock[0] += 10
    assert b.get("civics").title == "Civics for civil servants"


def test_a_catalogue_without_a_stamp_still_reloads_on_changed_files(tmp_path, monkeypatch):
    root = tmp_path / "courses"
    shutil.copytree(FIXTURES, root)
    one = Catalog(root, 0, "/courses", parse_quiz)
    assert one.get("civics") is not None
    one.announce()  # nothing to tell
    shutil.rmtree(root / "civics")
    assert one.get("civics") is None
