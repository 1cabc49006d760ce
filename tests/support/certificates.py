"""Certificates: earning one for a test learner, and reading the QR code back from a PDF."""
import io

from pypdf import PdfReader
from sqlalchemy import select

from app.certificates.models import Certificate
from app.certificates.pdf import PAGE_H, QR_MODULE, QR_X, QR_Y
from app.courses.catalog import catalog
from app.courses.services import mark_lesson_done

PT_PER_MM = 72 / 25.4


def issue(db, user) -> Certificate:
    """The learner completes the civics fixture course (no final quiz): its certificate."""
    course = catalog().get("civics")
    for lesson in course.lessons:
        mark_lesson_done(user.id, course, lesson.id)
    db.session.commit()
    return db.session.scalar(select(Certificate).filter_by(user_id=user.id))


def qr_in_pdf(data: bytes) -> list[list[int]]:
    """Read the QR code back from the page's filled rectangles (`x y w h re f`, in points)."""
    stream = PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data().decode("latin-1")
    boxes = []
    for line in stream.splitlines():
        parts = line.split()
        if parts[-2:] == ["re", "f"]:
            x, y, w, _h = (float(p) / PT_PER_MM for p in parts[:4])
            col, row = round((x - QR_X) / QR_MODULE), round((PAGE_H - y - QR_Y) / QR_MODULE)
            boxes.append((row, col, round(w / QR_MODULE)))
    size = max(col + length for _row, col, length in boxes)
    matrix = [[0] * size for _ in range(size)]
    for row, col, length in boxes:
        for c in range(col, col + length):
            matrix[row][c] = 1
    return matrix
