"""Bar charts as inline SVG, drawn on the server from numbers: no script and nothing fetched. Every text is
escaped (markupsafe), every bar says its number in a <title> tooltip, and the chart is named for screen readers.
Pure: numbers in, markup out."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from math import ceil, floor, log10

from markupsafe import Markup

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 12, 50, 58
TICKS = 4
# At most this many day labels under the bars; the others are in the tooltips and the table.
MAX_LABELS = 16
# About the width of a letter of the legend's 13-unit font.
LETTER = 7


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: Sequence[float | Decimal]


@dataclass(frozen=True)
class Chart:
    title: str
    x_label: str
    y_label: str
    categories: Sequence[str]
    series: Sequence[Series]
    # Stacked (parts of one whole) or side by side (figures to compare).
    stacked: bool = True
    unit: str = ""

    def said(self, value: float | Decimal) -> str:
        """A value as the page writes it: '3', '12,50 €', '25 %'."""
        if self.unit == "€":
            return f"{value:.2f}".replace(".", ",") + " €"
        if self.unit == "%":
            return f"{value:.0f} %"
        return f"{value:.0f}"


def tick_step(highest: float) -> float:
    """The axis's step between ticks, TICKS of which reach `highest`: 1, 2, 2.5 or 5 × 10ⁿ, whole numbers
    from 1 up (2.5 only from 25), so counts are never labelled 1.25."""
    wanted = max(highest, 0) / TICKS
    power = 10 ** floor(log10(wanted)) if wanted >= 1 else 1
    steps = (1, 2, 2.5, 5, 10) if power >= 10 else (1, 2, 5, 10)
    return next(step * power for step in steps if step * power >= wanted)


def bar_chart(chart: Chart) -> Markup:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    columns = [[float(s.values[i]) for s in chart.series] for i in range(len(chart.categories))]
    highest = max((sum(c) if chart.stacked else max(c, default=0) for c in columns), default=0)
    top = tick_step(highest) * TICKS
    slot = plot_w / max(len(chart.categories), 1)
    parts = [
        Markup(
            '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {} {}" role="img" '
            'aria-label="{}" style="max-width:100%;height:auto">'
        ).format(WIDTH, HEIGHT, chart.title),
        Markup("<title>{}</title>").format(chart.title),
        Markup('<text x="{}" y="18" font-size="17" font-weight="600">{}</text>').format(LEFT, chart.title),
        *_legend(chart),
        *_y_axis(chart, top, plot_h),
        *_x_axis(chart, slot, plot_w, plot_h),
    ]
    for i, (category, values) in enumerate(zip(chart.categories, columns, strict=True)):
        parts += _column(chart, category, values, LEFT + i * slot, slot, top, plot_h)
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def _column(
    chart: Chart, category: str, values: list[float], x: float, slot: float, top: float, plot_h: float
) -> list[Markup]:
    """One category's bars: piled up when stacked, side by side otherwise; a zero draws nothing."""
    bars, base = [], TOP + plot_h
    width = slot * 0.7 / (1 if chart.stacked else len(values))
    for n, (series, value) in enumerate(zip(chart.series, values, strict=True)):
        height = value / top * plot_h
        left = x + slot * 0.15 + (0 if chart.stacked else n * width)
        y = base - height
        if height > 0:
            bars.append(
                Markup(
                    '<rect class="bar" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}" '
                    'data-series="{}" data-value="{}"><title>{} · {}: {}</title></rect>'
                ).format(
                    left, y, width, height, series.colour, series.name, value, category, series.name, chart.said(value)
                )
            )
        if chart.stacked:
            base = y
    return bars


def _legend(chart: Chart) -> list[Markup]:
    """A key per series, one after the other, each as wide as its name (about LETTER units a letter)."""
    keys, x = [], LEFT
    for series in chart.series:
        keys.append(
            Markup(
                '<g class="legend"><rect x="{}" y="27" width="12" height="12" fill="{}"/>'
                '<text x="{}" y="38" font-size="13">{}</text></g>'
            ).format(x, series.colour, x + 16, series.name)
        )
        x += 16 + LETTER * len(series.name) + 18
    return keys


def _y_axis(chart: Chart, top: float, plot_h: float) -> list[Markup]:
    lines = [
        Markup('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#adb5bd"/>').format(LEFT, TOP, LEFT, TOP + plot_h),
        Markup(
            '<text class="axis-label" transform="translate(12 {}) rotate(-90)" font-size="13" '
            'text-anchor="middle">{}</text>'
        ).format(TOP + plot_h / 2, chart.y_label),
    ]
    for tick in range(TICKS + 1):
        value, y = top * tick / TICKS, TOP + plot_h - plot_h * tick / TICKS
        lines.append(
            Markup(
                '<line x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" stroke="#e6e7e9"/>'
                '<text x="{}" y="{:.1f}" font-size="12" text-anchor="end">{}</text>'
            ).format(LEFT, y, WIDTH - RIGHT, y, LEFT - 4, y + 3, chart.said(value))
        )
    return lines


def _x_axis(chart: Chart, slot: float, plot_w: float, plot_h: float) -> list[Markup]:
    base = TOP + plot_h
    every = ceil(len(chart.categories) / MAX_LABELS) or 1
    labels = [
        Markup('<text x="{:.1f}" y="{}" font-size="12" text-anchor="middle">{}</text>').format(
            LEFT + (i + 0.5) * slot, base + 14, category
        )
        for i, category in enumerate(chart.categories)
        if i % every == 0
    ]
    return [
        Markup('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#adb5bd"/>').format(LEFT, base, LEFT + plot_w, base),
        *labels,
        Markup('<text class="axis-label" x="{}" y="{}" font-size="13" text-anchor="middle">{}</text>').format(
            LEFT + plot_w / 2, HEIGHT - 8, chart.x_label
        ),
    ]
