"""Uploaded images are checked by their bytes and re-encoded without metadata."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from app.editor.images import ImageRejected, clean_image
from tests.support.images import png_bytes

LIMIT = 2 * 1024 * 1024


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (8, 8), (0, 90, 200))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_png_is_accepted_and_reencoded():
    data, ext = clean_image(png_bytes(), LIMIT)
    assert ext == "png" and data.startswith(b"\x89PNG")
    assert Image.open(io.BytesIO(data)).size == (8, 6)


def test_jpeg_metadata_is_stripped():
    original = jpeg_with_exif()
    assert b"SecretCam" in original
    data, ext = clean_image(original, LIMIT)
    assert ext == "jpg" and b"SecretCam" not in data


def test_trailing_payload_is_dropped():
    data, _ = clean_image(png_bytes() + b"<?php system($_GET['c']); ?>", LIMIT)
    assert b"<?php" not in data


@pytest.mark.parametrize("data, reason", [
    (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "type"),
    (b"GIF89a" + b"not really a gif", "unreadable"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "unreadable"),
    (b"MZ\x90\x00 an exe", "type"),
])
def test_files_that_are_not_images_are_refused(data, reason):
    with pytest.raises(ImageRejected) as caught:
        clean_image(data, LIMIT)
    assert caught.value.args[0] == reason


def test_images_over_the_size_limit_are_refused():
    with pytest.raises(ImageRejected) as caught:
        clean_image(png_bytes((400, 400)), 100)
    assert caught.value.args[0] == "too_large"
