"""Charts drawn on the server as SVG: no script, nothing loaded from another host.

A chart here is geometry computed in Python; `templates/charts/*.svg` draws it. Every chart has a
title and a text description for screen readers, and the page shows the same figures in a table.
"""

import math
from dataclasses import dataclass, field

from policykb.bilingual import active_language_code

WIDTH = 480
BAR_HEIGHT = 16
LABEL_HEIGHT = 18
ROW_GAP = 10
SERIES_CLASSES = ("s1", "s2", "s3", "s4", "s5", "s6")


def pick(zh, en):
    """The text of a bilingual pair in the active language, with fallback."""
    first, second = (en, zh) if active_language_code() == "en" else (zh, en)
    return first or second or ""


@dataclass
class Segment:
    value: float
    text: str
    css: str
    x: float = 0
    width: float = 0


@dataclass
class Bar:
    label: str
    segments: list
    url: str | None = None
    y: float = 0
    total_text: str = ""
    end: float = 0


@dataclass
class BarChart:
    title: str
    bars: list
    legend: list = field(default_factory=list)
    height: float = 0
    width: int = WIDTH
    template: str = "charts/bars.svg"

    @property
    def description(self):
        return "; ".join(f"{bar.label}: {bar.total_text}" for bar in self.bars)


def default_format(value):
    from policykb.templatetags.kb import usd

    return usd(value)


def bar_chart(title, rows, *, fmt=default_format, legend=(), stacked_css=SERIES_CLASSES):
    """Horizontal bars, label above each bar. A row is (label, value or [values], url)."""
    bars = []
    for label, values, url in rows:
        values = values if isinstance(values, list | tuple) else [values]
        segments = [
            Segment(value or 0, fmt(value or 0), stacked_css[i % len(stacked_css)])
            for i, value in enumerate(values)
        ]
        bars.append(Bar(label, segments, url, total_text=fmt(sum(s.value for s in segments))))
    largest = max((sum(s.value for s in bar.segments) for bar in bars), default=0) or 1
    # Leave room on the right of the longest bar for its figure.
    scale = (WIDTH - 110) / largest
    y = 0
    for bar in bars:
        bar.y = y
        x = 0
        for segment in bar.segments:
            segment.x = round(x, 1)
            segment.width = round(max(segment.value * scale, 1 if segment.value else 0), 1)
            x += segment.width
        bar.end = round(x, 1)
        y += LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    return BarChart(title, bars, legend=list(zip(legend, stacked_css, strict=False)), height=y)


@dataclass
class Point:
    x: float
    y: float
    year: int
    text: str
    url: str | None = None


@dataclass
class Series:
    label: str
    css: str
    points: list

    @property
    def path(self):
        return " ".join(
            f"{'M' if i == 0 else 'L'}{p.x:.1f},{p.y:.1f}" for i, p in enumerate(self.points)
        )


@dataclass
class LineChart:
    title: str
    series: list
    x_ticks: list
    y_ticks: list
    width: int = WIDTH
    height: int = 260
    left: int = 64
    bottom: int = 228
    top: int = 12
    template: str = "charts/lines.svg"

    @property
    def legend(self):
        return [(s.label, s.css) for s in self.series] if len(self.series) > 1 else []

    @property
    def description(self):
        return "; ".join(
            f"{s.label}: " + ", ".join(f"{p.year} {p.text}" for p in s.points) for s in self.series
        )


def nice_ticks(largest, count=4):
    """Round axis steps (1, 2, 2.5, 5 x 10^n) covering 0..largest."""
    if largest <= 0:
        return [0, 1]
    raw = largest / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks = [0]
    while ticks[-1] < largest:
        ticks.append(ticks[-1] + step)
    return ticks


def line_chart(title, series_rows, *, fmt=None, tick_fmt=None):
    """Lines over years. `series_rows` is [(label, [(year, value, url), ...]), ...]."""
    from policykb.templatetags.kb import number

    fmt = fmt or number
    tick_fmt = tick_fmt or fmt
    chart = LineChart(title, [], [], [])
    years = sorted({year for _, points in series_rows for year, _, _ in points})
    largest = max((value for _, points in series_rows for _, value, _ in points), default=0)
    ticks = nice_ticks(float(largest))
    top_value = ticks[-1] or 1
    plot_width = chart.width - chart.left - 16
    first, last = (years[0], years[-1]) if years else (0, 1)
    span = (last - first) or 1

    def x_of(year):
        if first == last:
            return chart.left + plot_width / 2
        return round(chart.left + (year - first) * plot_width / span, 1)

    def y_of(value):
        return round(chart.bottom - float(value) / top_value * (chart.bottom - chart.top), 1)

    chart.x_ticks = [(x_of(year), year) for year in years]
    chart.y_ticks = [(y_of(tick), tick_fmt(tick)) for tick in ticks]
    for index, (label, points) in enumerate(series_rows):
        chart.series.append(
            Series(
                label,
                SERIES_CLASSES[index % len(SERIES_CLASSES)],
                [
                    Point(x_of(year), y_of(value), year, fmt(value), url)
                    for year, value, url in sorted(points, key=lambda p: p[0])
                ],
            )
        )
    return chart
