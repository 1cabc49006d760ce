"""Which files of a course folder the site serves: its media, never its sources.

Pure: no Flask. A course folder holds the quiz with its answer key and the lessons' Markdown
beside the images, so files are served from an allowlist of media types, by a name checked
part by part, and only if the resolved file is still inside the folder (no symlink out).
"""
from __future__ import annotations

from pathlib import Path

#: Media a lesson may show or link to. Not SVG: opened on its own it runs its scripts on our
#: origin. Not Markdown, HTML, text or anything else that could be a source or a page.
ASSET_TYPES = {
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".avif": "image/avif",
    ".pdf": "application/pdf",
    ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".ogg": "audio/ogg", ".oga": "audio/ogg",
    ".wav": "audio/wav", ".mp4": "video/mp4", ".webm": "video/webm", ".ogv": "video/ogg",
    ".vtt": "text/vtt",
}


IMAGE_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"})


def _plain_names(parts: list[str]) -> bool:
    """Every part a plain name: no empty part (a trailing or double slash), no `.`/`..`, no
    dot-file or dot-folder, no backslash or NUL."""
    return bool(parts) and not any(not p or p.startswith(".") or "\\" in p or "\0" in p for p in parts)


def is_course_image(parts: list[str]) -> bool:
    """A path (as its parts) that may name an image of a course folder."""
    return _plain_names(parts) and Path(parts[-1]).suffix.lower() in IMAGE_TYPES


def _servable_parts(parts: list[str]) -> bool:
    """Plain names (see _plain_names), the last one a media file."""
    return _plain_names(parts) and Path(parts[-1]).suffix.lower() in ASSET_TYPES


def asset_file(folder: Path, rel: str) -> Path | None:
    """The media file `rel` (a URL path, `/`-separated) names under `folder`, or None."""
    if not isinstance(rel, str) or not _servable_parts(rel.split("/")):
        return None
    base = folder.resolve()
    try:
        target = base.joinpath(*rel.split("/")).resolve()
        inner = target.relative_to(base)
    except (OSError, ValueError):  # a symlink loop, or a path that leads out of the folder
        return None
    # Checked again as resolved: a symlink named like an image may point at quiz.md.
    if not _servable_parts(list(inner.parts)) or not target.is_file():
        return None
    return target


def media_type(path: Path) -> str:
    """The Content-Type to serve an asset with (from the allowlist, not guessed)."""
    return ASSET_TYPES[path.suffix.lower()]
