"""How fast certificate PDFs are made (batch ZIPs make one per certificate).

    python -m bench.certificates_pdf [N]
"""
import io
import sys
import time
from datetime import datetime

from app.certificates.batch import write_zip
from app.certificates.pdf import CertificateFacts, render_certificate

LABELS = {"title": "Giấy chứng nhận hoàn thành", "certifies": "Chứng nhận", "completed": "đã hoàn thành khóa học",
          "date": "Ngày", "score": "Điểm", "serial": "Số hiệu", "code": "Mã kiểm tra", "verify": "Kiểm tra tại", "on_behalf": "Thay mặt"}


def facts(i: int) -> CertificateFacts:
    code = f"{i:027d}"
    return CertificateFacts("Nguyễn Thị Hồng Nhung", "Đạo đức công vụ và phòng, chống tham nhũng", "Phường Điện Biên",
                            datetime(2026, 3, 1), "01/03/2026", "90%", f"IA-2026-{i:06d}", code,
                            "Học viện Liêm chính", f"https://academy.example.vn/verify/{code}", LABELS)


def main(n: int) -> None:
    start = time.perf_counter()
    out = io.BytesIO()
    write_zip(out, ((f"{i}.pdf", datetime(2026, 3, 1), render_certificate(facts(i))) for i in range(n)))
    size = out.tell()
    elapsed = time.perf_counter() - start
    print(f"{'certificates':<14}{'seconds':>10}{'ms/PDF':>10}{'ZIP KiB':>10}{'KiB/PDF':>10}")
    print(f"{n:<14}{elapsed:>10.2f}{1000 * elapsed / n:>10.1f}{size / 1024:>10.0f}{size / 1024 / n:>10.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
