"""Image files made on the fly."""
import io

from PIL import Image


def png_bytes(size=(8, 6), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG", **save)
    return out.getvalue()
