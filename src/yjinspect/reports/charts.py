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


# Colours told apart without colour too: each segment's share is also written in the legend,
# the <desc> and the table every chart sits beside. Dark to light follows the scale's order.
SEGMENT_COLOURS = ("#0b0c0c", "#1d70b8", "#5694ca", "#b1b4b6", "#f3f2f1")


def stacked_chart(
    chart_id: str,
    title: str,
    rows: Sequence[tuple[str, Sequence[tuple[str, int]]]],
) -> str:
    """One 100% bar per row, split into its segments (label, count): e.g. each year's
    inspections by overall rating. ``chart_id`` keeps the title's id unique on the page."""
    width = LABEL_WIDTH + BAR_WIDTH + 20
    legend: list[str] = []
    for _label, segments in rows:
        legend.extend(s for s, _n in segments if s not in legend)
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP + 24 * len(legend) + 8
    colour = {name: SEGMENT_COLOURS[i % len(SEGMENT_COLOURS)] for i, name in enumerate(legend)}
    described = []
    for label, segments in rows:
        total = sum(n for _s, n in segments) or 1
        described.append(
            f"{label}: " + ", ".join(f"{s} {n} ({round(100 * n / total)}%)" for s, n in segments)
        )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape("; ".join(described))}</desc>',
    ]
    for index, (label, segments) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        total = sum(n for _s, n in segments) or 1
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 16}" text-anchor="end" font-size="13" '
            f'fill="#0b0c0c">{escape(label)}</text>'
        )
        x = float(LABEL_WIDTH)
        for name, count in segments:
            length = BAR_WIDTH * count / total
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" '
                f'fill="{colour[name]}"><title>{escape(f"{label}, {name}: {count}")}</title></rect>'
            )
            x += length
    top = GAP + len(rows) * (BAR_HEIGHT + GAP) + 8
    for index, name in enumerate(legend):
        y = top + index * 24
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="16" height="16" fill="{colour[name]}" '
            f'stroke="#0b0c0c"/><text x="{LABEL_WIDTH + 24}" y="{y + 13}" font-size="13" '
            f'fill="#0b0c0c">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def line_chart(
    chart_id: str,
    title: str,
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    unit: str = "%",
) -> str:
    """Lines over ``x_labels`` (years), 0–100, one per series; a gap where a value is None
    (a series never joins across what does not correspond)."""
    plot_w, plot_h, left, top = 420, 200, 40, 10
    legend_h = 20 * len(series)
    width, height = left + plot_w + 20, top + plot_h + 30 + legend_h
    step = plot_w / max(1, len(x_labels) - 1)
    described = [
        f"{name}: "
        + ", ".join(
            f"{x} {'–' if v is None else f'{v:g}{unit}'}"
            for x, v in zip(x_labels, values, strict=False)
        )
        for name, values in series
    ]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape("; ".join(described))}</desc>',
    ]
    for tick in (0, 50, 100):
        y = top + plot_h * (1 - tick / 100)
        parts.append(
            f'<line x1="{left}" y1="{y}" x2="{left + plot_w}" y2="{y}" stroke="#b1b4b6"/>'
            f'<text x="{left - 6}" y="{y + 4}" text-anchor="end" font-size="12">{tick}</text>'
        )
    for index, label in enumerate(x_labels):
        parts.append(
            f'<text x="{left + index * step:.1f}" y="{top + plot_h + 18}" text-anchor="middle" '
            f'font-size="12">{escape(label)}</text>'
        )
    for number, (name, values) in enumerate(series):
        colour = SEGMENT_COLOURS[number % (len(SEGMENT_COLOURS) - 2)]
        dash = "" if number < 3 else ' stroke-dasharray="6 3"'
        run: list[str] = []
        for index, value in enumerate([*values, None]):
            if value is not None:
                run.append(f"{left + index * step:.1f},{top + plot_h * (1 - value / 100):.1f}")
                continue
            if run:
                parts.append(
                    f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" '
                    f'stroke-width="2"{dash}/>'
                )
                if len(run) == 1:
                    cx, cy = run[0].split(",")
                    parts.append(f'<circle cx="{cx}" cy="{cy}" r="3" fill="{colour}"/>')
            run = []
        y = top + plot_h + 30 + number * 20
        parts.append(
            f'<line x1="{left}" y1="{y + 8}" x2="{left + 24}" y2="{y + 8}" stroke="{colour}" '
            f'stroke-width="2"{dash}/><text x="{left + 32}" y="{y + 12}" font-size="13">'
            f"{escape(name)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
