"""The printable certificate without the app: exact Vietnamese text, a QR code of the verify URL."""
import io
from datetime import datetime

import segno
from pypdf import PdfReader

from app.certificates.pdf import PAGE_H, QR_MODULE, QR_X, QR_Y, CertificateFacts, qr_matrix, render_certificate

PT_PER_MM = 72 / 25.4
URL = "https://academy.example.vn/verify/Zx8-k2Qm_9v3LrT0aBcDeFgHiJkLmNo"
LABELS = {"title": "Giấy chứng nhận", "certifies": "Chứng nhận", "completed": "đã hoàn thành khóa học",
          "date": "Ngày", "score": "Điểm", "serial": "Số hiệu", "code": "Mã kiểm tra", "verify": "Kiểm tra tại", "on_behalf": "Thay mặt"}


def facts(url=URL) -> CertificateFacts:
    return CertificateFacts(
        holder_name="Nguyễn Thị Hồng Nhung", course_title="Đạo đức công vụ và phòng, chống tham nhũng",
        unit_name="Phường Điện Biên", issued_at=datetime(2026, 3, 1, 8, 30), issued_on="01/03/2026",
        score="90%", serial="IA-2026-000007", code=URL.rsplit("/", 1)[1], issuer="Học viện Liêm chính", verify_url=url, labels=LABELS)


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


def test_pdf_text_has_the_exact_vietnamese_name_and_course():
    text = PdfReader(io.BytesIO(render_certificate(facts()))).pages[0].extract_text()
    assert "Nguyễn Thị Hồng Nhung" in text
    assert "Đạo đức công vụ và phòng, chống tham nhũng" in text
    assert "IA-2026-000007" in text and "Phường Điện Biên" in text


def test_pdf_is_a4_landscape():
    page = PdfReader(io.BytesIO(render_certificate(facts()))).pages[0]
    assert round(float(page.mediabox.width)) == 842 and round(float(page.mediabox.height)) == 595


def test_qr_code_in_the_pdf_encodes_the_verification_url():
    drawn = qr_in_pdf(render_certificate(facts()))
    expected = [list(row) for row in segno.make(URL, error="m", boost_error=False).matrix]
    assert drawn == expected


def test_qr_code_changes_with_the_url():
    assert qr_in_pdf(render_certificate(facts(URL + "x"))) != [list(r) for r in qr_matrix(URL)]


def test_same_certificate_gives_the_same_bytes():
    assert render_certificate(facts()) == render_certificate(facts())
