"""A ZIP written while it is sent: each PDF leaves the server as soon as it is made.

No temporary file and no worker state: any app server can answer, memory stays at one PDF,
and the browser (or the page's script, counting entries as they arrive) sees progress.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from datetime import datetime


class _Sink(io.RawIOBase):
    """An unseekable byte sink; zipfile then writes data descriptors and streams happily."""

    def __init__(self):
        super().__init__()
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def stream_zip(entries: Iterable[tuple[str, datetime, bytes]]) -> Iterator[bytes]:
    """Yield the bytes of a ZIP of (name, date, data) entries, one entry at a time."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, moment, data in entries:
            info = zipfile.ZipInfo(name, date_time=moment.timetuple()[:6])
            info.compress_type = zipfile.ZIP_STORED  # PDFs are compressed already
            archive.writestr(info, data)
            yield sink.take()
    yield sink.take()
