"""The certificate batch's ZIP: one stored PDF per certificate, written entry by entry to a file."""
from __future__ import annotations

import zipfile
from collections.abc import Iterable
from datetime import datetime
from typing import BinaryIO


def write_zip(out: BinaryIO, entries: Iterable[tuple[str, datetime, bytes]]) -> int:
    """Write a ZIP of (name, date, data) entries to `out`, holding one PDF in memory at a time; the count."""
    count = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, moment, data in entries:
            info = zipfile.ZipInfo(name, date_time=moment.timetuple()[:6])
            info.compress_type = zipfile.ZIP_STORED  # PDFs are compressed already
            archive.writestr(info, data)
            count += 1
    return count
