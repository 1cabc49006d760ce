"""Server-side SVG charts: no script, no CDN, no style attributes (the CSP forbids them).

Pure functions returning SVG text; every chart has a <title> and <desc>, and the page
shows the same numbers in a table for people who cannot see it.
"""
from __future__ import annotations

from xml.sax.saxutils import escape

BAR = "#b3261e"
TRACK = "#eceff3"
INK = "#1f2933"


def _svg(width: int, height: int, title: str, desc: str, body: list[str], ident: str, kind: str) -> str:
    # width and height as drawn: CSS may shrink a chart, never blow one month up to a page.
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {kind}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(desc)}</desc>'
        + "".join(body) + "</svg>"
    )


def bar_chart(items: list[tuple[str, float | None]], title: str, desc: str, ident: str = "bars") -> str:
    """Horizontal bars of percentages (0..1 or None) with their labels."""
    row, label_w, bar_w = 28, 210, 200
    height = max(1, len(items)) * row + 10
    body = []
    for i, (label, value) in enumerate(items):
        y = 5 + i * row
        text = "—" if value is None else f"{value * 100:.0f}%"
        length = 0 if value is None else round(bar_w * max(0.0, min(1.0, value)))
        short = label if len(label) <= 25 else label[:24] + "…"
        body.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" font-size="13" fill="{INK}">{escape(short)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="18" fill="{TRACK}"/>'
            f'<rect x="{label_w}" y="{y + 3}" width="{length}" height="18" fill="{BAR}"/>'
            f'<text x="{label_w + bar_w + 6}" y="{y + 16}" font-size="13" fill="{INK}">{text}</text>'
        )
    return _svg(label_w + bar_w + 50, height, title, desc, body, ident, "bars")


def month_label(month: str) -> str:
    """'2026-12' → 'T12/2026', the way Vietnamese readers write a month (never a day-month)."""
    year, _, number = month.partition("-")
    return f"T{int(number)}/{year}" if number.isdigit() else month


def trend_chart(months: dict[str, int], title: str, desc: str, ident: str = "trend") -> str:
    """Columns of a count per month ('YYYY-MM' → n), oldest first, at a fixed height."""
    items = list(months.items())
    col, gap, plot_h, top = 56, 12, 160, 20
    width = max(1, len(items)) * (col + gap) + 20
    peak = max([n for _, n in items] or [0]) or 1
    body = [f'<line x1="10" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" stroke="{INK}"/>']
    for i, (month, count) in enumerate(items):
        x = 15 + i * (col + gap)
        h = round(plot_h * count / peak)
        body.append(
            f'<rect x="{x}" y="{top + plot_h - h}" width="{col}" height="{h}" fill="{BAR}"/>'
            f'<text x="{x + col / 2}" y="{top + plot_h - h - 4}" text-anchor="middle" font-size="13" fill="{INK}">{count}</text>'
            f'<text x="{x + col / 2}" y="{top + plot_h + 17}" text-anchor="middle" font-size="12" fill="{INK}">{escape(month_label(month))}</text>'
        )
    return _svg(width, top + plot_h + 28, title, desc, body, ident, "trend")
