"""Server-rendered SVG bar charts: no JavaScript, and every chart has a text alternative."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 170
BAR_WIDTH = 260


def bar_chart(title: str, rows: Sequence[tuple[str, int]], unit: str = "%") -> str:
    """Horizontal bars for (label, value 0-100) rows, with a <title> and <desc> that read the
    whole chart, so a screen reader (and the PDF's tags) get what the picture shows."""
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + 60
    description = "; ".join(f"{label}: {value}{unit}" for label, value in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="t d">',
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>",
    ]
    for index, (label, value) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = max(1, round(BAR_WIDTH * max(0, min(value, 100)) / 100))
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 16}" text-anchor="end" font-size="13" '
            f'fill="#0b0c0c">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" '
            f'fill="#1d70b8"/>'
            f'<text x="{LABEL_WIDTH + length + 6}" y="{y + 16}" font-size="13" '
            f'fill="#0b0c0c">{value}{unit}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
