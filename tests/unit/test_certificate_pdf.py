"""The printable certificate without the app: exact Vietnamese text, a QR code of the verify URL."""
import io
from datetime import datetime

import segno
from pypdf import PdfReader

from app.certificates.pdf import CertificateFacts, qr_matrix, render_certificate
from tests.support.certificates import qr_in_pdf

URL = "https://academy.example.vn/verify/Zx8-k2Qm_9v3LrT0aBcDeFgHiJkLmNo"
LABELS = {"title": "Giấy chứng nhận", "certifies": "Chứng nhận", "completed": "đã hoàn thành khóa học",
          "date": "Ngày", "score": "Điểm", "serial": "Số hiệu", "code": "Mã kiểm tra", "verify": "Kiểm tra tại", "on_behalf": "Thay mặt"}


def facts(url=URL) -> CertificateFacts:
    return CertificateFacts(
        holder_name="Nguyễn Thị Hồng Nhung", course_title="Đạo đức công vụ và phòng, chống tham nhũng",
        unit_name="Phường Điện Biên", issued_at=datetime(2026, 3, 1, 8, 30), issued_on="01/03/2026",
        score="90%", serial="IA-2026-000007", code=URL.rsplit("/", 1)[1], issuer="Học viện Liêm chính", verify_url=url, labels=LABELS)


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
