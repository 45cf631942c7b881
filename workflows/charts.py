"""Charts drawn on the server as SVG: no script, no CDN, nothing the Content-Security-Policy forbids
(colours are SVG presentation attributes, not style attributes). Each chart sits beside its table,
which carries the same figures for screen readers, printing and the CSV."""

import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Distinguishable in colour and in grey (print); the first is the desk's accent colour.
PALETTE = ("#0b5394", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#7f7f7f", "#f0e442")
INK, GRID, FONT = "#1f2933", "#d9e2ec", 12


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: int = FONT, fill: str = INK) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}">'
        f"{escape(text)}</text>"
    )


def _svg(title: str, width: int, height: int, body: list[str]) -> SafeString:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    )
    return mark_safe(head + "".join(body) + "</svg>")  # every text above is escaped


def _text_width(text: str, size: int = FONT) -> float:
    """About how wide `text` is drawn: a full-width character is a square, a Latin one about 0.6 of it."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.6 for c in text)


LEGEND_ROW = 18


def _legend(series: list[tuple[str, list]], x: float, y: float, right: float) -> tuple[list[str], int]:
    """The swatches and labels from `x`, a new row whenever the next item would pass `right` (English
    labels are long); returns the parts and the height the rows after the first take."""
    parts, cursor, extra = [], x, 0
    for index, (label, _values) in enumerate(series):
        item = 16 + _text_width(label)
        if cursor > x and cursor + item > right:
            cursor, extra = x, extra + LEGEND_ROW
        colour = PALETTE[index % len(PALETTE)]
        parts.append(
            f'<rect x="{cursor:.1f}" y="{y + extra - 10:.1f}" width="12" height="12" fill="{colour}"/>'
        )
        parts.append(_text(cursor + 16, y + extra, label))
        cursor += item + 20
    return parts, extra


def stacked_bars(*, title: str, categories: list[str], series: list[tuple[str, list[int]]]) -> SafeString:
    """Horizontal bars, one per category, stacked by series (e.g. stages by case type)."""
    label_width, width, bar, gap = 150, 720, 18, 8
    body, extra = _legend(series, label_width, 14, width)
    top = 28 + extra
    height = top + len(categories) * (bar + gap) + 10
    totals = [sum(values[i] for _label, values in series) for i in range(len(categories))]
    scale = (width - label_width - 60) / max(max(totals, default=0), 1)
    for row, category in enumerate(categories):
        y = top + row * (bar + gap)
        body.append(_text(label_width - 8, y + bar - 4, category, anchor="end"))
        x = label_width
        for index, (label, values) in enumerate(series):
            length = values[row] * scale
            if length > 0:
                colour = PALETTE[index % len(PALETTE)]
                body.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="{bar}" fill="{colour}">'
                    f"<title>{escape(category)} {escape(label)}: {values[row]}</title></rect>"
                )
            x += length
        body.append(_text(x + 6, y + bar - 4, str(totals[row])))
    return _svg(title, width, height, body)


def grouped_columns(*, title: str, categories: list[str], series: list[tuple[str, list[int]]]) -> SafeString:
    """Vertical columns per category (e.g. a week), one per series side by side."""
    width, left, bottom = 720, 40, 40
    body, extra = _legend(series, left, 14, width)
    top, plot_h = 30 + extra, 190
    height = top + plot_h + bottom
    peak = max((v for _label, values in series for v in values), default=0) or 1
    group = (width - left - 10) / max(len(categories), 1)
    column = min(group / (len(series) + 1), 22)
    for step in range(5):  # grid lines with their values
        value = peak * step / 4
        y = top + plot_h - plot_h * step / 4
        body.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(_text(left - 4, y + 4, f"{value:.0f}", anchor="end", size=10))
    for col, category in enumerate(categories):
        x0 = left + col * group + (group - column * len(series)) / 2
        for index, (label, values) in enumerate(series):
            h = plot_h * values[col] / peak
            colour = PALETTE[index % len(PALETTE)]
            body.append(
                f'<rect x="{x0 + index * column:.1f}" y="{top + plot_h - h:.1f}" width="{column - 2:.1f}" '
                f'height="{h:.1f}" fill="{colour}"><title>{escape(category)} {escape(label)}: {values[col]}</title></rect>'
            )
        body.append(
            _text(left + col * group + group / 2, height - bottom + 16, category, anchor="middle", size=10)
        )
    return _svg(title, width, height, body)


def percent_bars(*, title: str, rows: list[tuple[str, float | None, str]]) -> SafeString:
    """One bar per rate (0–1) with its figure; None: no cases to measure yet."""
    label_width, width, bar, gap, top = 220, 720, 20, 12, 10
    height = top + len(rows) * (bar + gap)
    scale = width - label_width - 160
    body = []
    for row, (label, rate, detail) in enumerate(rows):
        y = top + row * (bar + gap)
        body.append(_text(label_width - 8, y + bar - 5, label, anchor="end"))
        body.append(f'<rect x="{label_width}" y="{y}" width="{scale}" height="{bar}" fill="{GRID}"/>')
        if rate is not None:
            colour = PALETTE[row % len(PALETTE)]
            body.append(
                f'<rect x="{label_width}" y="{y}" width="{scale * rate:.1f}" height="{bar}" fill="{colour}"/>'
            )
        shown = f"{rate * 100:.1f}% {detail}" if rate is not None else detail
        body.append(_text(label_width + scale + 8, y + bar - 5, shown))
    return _svg(title, width, height, body)
