"""Which names from the browser may become paths, and where they may lead.

Pure: no Flask. Every course folder, file and image name that arrives in a URL or form
is matched against a strict pattern AND resolved and checked to stay inside the root.
"""
from __future__ import annotations

import re
from pathlib import Path

from app.courses.loader import COURSE_FILE, FINAL_QUIZ_FILE, LESSON_FILE, SLUG

IMAGE_NAME = re.compile(r"\A[a-z0-9][a-z0-9_-]{0,63}\.(png|jpg|jpeg|gif|webp)\Z")
DRAFTS = ".drafts"


class UnsafePath(ValueError):
    """A name from the browser that is not allowed to become a path."""


def check_folder(name: str) -> str:
    """A course folder name: lower-case letters, digits and '-', nothing else."""
    if not isinstance(name, str) or not SLUG.match(name):
        raise UnsafePath(name)
    return name


def check_file(name: str) -> str:
    """An editable Markdown file of a course: course.md, quiz.md or NN-slug.md."""
    if not isinstance(name, str) or not (name in (COURSE_FILE, FINAL_QUIZ_FILE) or LESSON_FILE.match(name)):
        raise UnsafePath(name)
    return name


def check_image(name: str) -> str:
    """An image file name inside a course's images/ folder."""
    if not isinstance(name, str) or not IMAGE_NAME.match(name):
        raise UnsafePath(name)
    return name


def inside(root: Path, *parts: str) -> Path:
    """root/parts, resolved, refused unless it stays strictly inside root."""
    base = root.resolve()
    target = base.joinpath(*parts).resolve()
    if target == base or base not in target.parents:
        raise UnsafePath("/".join(parts))
    return target
