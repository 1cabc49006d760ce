"""Checking uploaded images: magic bytes, a real decode, re-encoding without metadata. Pure."""
from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

#: Magic bytes → (Pillow format, file extension written).
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG", "png"),
    (b"\xff\xd8\xff", "JPEG", "jpg"),
    (b"GIF87a", "GIF", "gif"),
    (b"GIF89a", "GIF", "gif"),
)
MAX_PIXELS = 40_000_000


class ImageRejected(ValueError):
    """An upload that is not an image the site accepts; args[0] is a reason code for the view."""


def sniff(data: bytes) -> tuple[str, str] | None:
    for magic, fmt, ext in SIGNATURES:
        if data.startswith(magic):
            return fmt, ext
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP", "webp"
    return None


def clean_image(data: bytes, max_bytes: int) -> tuple[bytes, str]:
    """The image re-encoded from its pixels (no EXIF, no comments, no trailing payload),
    and the extension to store it under."""
    if len(data) > max_bytes:
        raise ImageRejected("too_large")
    kind = sniff(data)
    if kind is None:
        raise ImageRejected("type")
    fmt, ext = kind
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format != fmt:
                raise ImageRejected("mismatch")
            if probe.width * probe.height > MAX_PIXELS:
                raise ImageRejected("pixels")
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            if fmt == "JPEG":
                image = image.convert("RGB")
            elif image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
                image = image.convert("RGBA")
            # Pillow writes back ICC profiles, EXIF and text chunks found in `info`: drop them all.
            image.info = {}
            out = io.BytesIO()
            # Still images only: a GIF's frames after the first are dropped.
            image.save(out, fmt, **({"quality": 88} if fmt in ("JPEG", "WEBP") else {}))
    except ImageRejected:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ImageRejected("unreadable") from None
    return out.getvalue(), ext
