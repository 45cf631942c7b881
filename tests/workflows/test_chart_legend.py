"""The dashboard charts' legends stay inside the chart, in English too.

Found walking the 係長's week (2026-12-07): on the English dashboard the legend of 「段階・事務所・種別ごとの
未完了案件」 read "Disability Basic Pension claim ■ Exemption / payment defer" and stopped: each item was
given 12 px a character (a full-width character's width), so English labels pushed the second item past
the 720-wide chart and the third (the 資格届出's "Category 1 coverage notification") out of sight."""

import itertools
import re
import unicodedata

import pytest

from workflows import charts

ENGLISH = [
    ("Disability Basic Pension claim", [1, 2, 1]),
    ("Exemption / payment deferral application", [3, 4, 0]),
    ("Category 1 coverage notification", [2, 2, 4]),
    ("Correction request", [0, 0, 0]),
]
JAPANESE = [
    ("障害基礎年金 請求", [1, 2, 1]),
    ("免除・納付猶予申請", [3, 4, 0]),
    ("資格届出 (第1号)", [2, 2, 4]),
]


def _width_at_least(text: str, size: int) -> float:
    """A lower bound of the drawn width: a full-width character is a square, a Latin one over half of it."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.5 for c in text)


def _legend(svg: str, labels: list[str]) -> list[tuple[float, float, str]]:
    found = []
    for x, y, text in re.findall(
        r'<text x="([\d.]+)" y="([\d.]+)" font-size="\d+" text-anchor="start"[^>]*>([^<]*)</text>', svg
    ):
        if text in labels:
            found.append((float(x), float(y), text))
    return found


@pytest.mark.parametrize("series", [ENGLISH, JAPANESE], ids=["en", "ja"])
@pytest.mark.parametrize("draw", [charts.stacked_bars, charts.grouped_columns])
def test_every_legend_item_is_inside_the_chart_and_apart_from_the_next(draw, series):
    svg = str(draw(title="t", categories=["Intake", "ID verification", "Data entry"], series=series))
    width = float(re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).group(1))
    labels = [label for label, _values in series]
    items = _legend(svg, labels)
    assert [text for _x, _y, text in items] == labels  # each once, in order
    for x, _y, text in items:
        assert x + _width_at_least(text, charts.FONT) <= width, f"{text!r} runs past the chart's right edge"
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in items:
        rows.setdefault(y, []).append((x, text))
    for row in rows.values():
        for (x1, text1), (x2, _text2) in itertools.pairwise(row):
            assert x1 + _width_at_least(text1, charts.FONT) < x2, f"{text1!r} runs into the next item"


def test_a_legend_on_two_rows_moves_the_bars_down_so_nothing_overlaps():
    svg = str(charts.stacked_bars(title="t", categories=["Intake"], series=ENGLISH))
    legend_bottom = max(y for _x, y, _t in _legend(svg, [label for label, _v in ENGLISH]))
    bar_tops = [
        float(y) for y in re.findall(r'<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="18"', svg)
    ]
    assert bar_tops and min(bar_tops) > legend_bottom
