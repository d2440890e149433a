"""Geometry for the pages' inline SVG charts (Lorenz curve, monthly timeline, bars).

Charts are drawn on the server as SVG, so the pages need no JavaScript library and work with
scripts off; the templates add a text alternative (a title, a description and a table) to each.
Everything here is arithmetic on the services' answers: no data is read.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from app.load.schemas import Month

# Lorenz chart: a square plot inside a viewBox with room for the axes' labels.
LORENZ_SIZE = 200
LORENZ_LEFT, LORENZ_TOP = 44, 12


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Lorenz:
    curve: str  # SVG polyline points
    area: str  # polygon between the curve and the line of equality
    equality: tuple[Point, Point]
    ticks: list[tuple[float, str]]  # offset along an axis, label


def lorenz(points: Sequence[Sequence[float]]) -> Lorenz:
    """The curve's points in the plot's coordinates (y grows downwards in SVG)."""

    def at(x: float, y: float) -> Point:
        return Point(
            round(LORENZ_LEFT + x * LORENZ_SIZE, 1), round(LORENZ_TOP + (1 - y) * LORENZ_SIZE, 1)
        )

    curve = [at(x, y) for x, y in points] or [at(0, 0), at(1, 1)]
    text = " ".join(f"{p.x},{p.y}" for p in curve)
    # Along the diagonal from (1, 1) back to (0, 0) closes the gap the Gini measures.
    area = text + f" {at(1, 1).x},{at(1, 1).y} {at(0, 0).x},{at(0, 0).y}"
    ticks = [(round(f * LORENZ_SIZE, 1), f"{int(f * 100)}%") for f in (0, 0.2, 0.4, 0.6, 0.8, 1)]
    return Lorenz(curve=text, area=area, equality=(at(0, 0), at(1, 1)), ticks=ticks)


# Timeline: three small charts on one month axis (asks, hours, satisfaction), each its own scale.
TIMELINE_WIDTH, PANEL_HEIGHT, TIMELINE_LEFT = 660, 64, 120


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str


@dataclass(frozen=True)
class Panel:
    name: str
    top: float
    peak: str  # the scale's top, as text
    bars: list[Bar]
    line: str  # polyline points (satisfaction), or ""
    dots: list[Bar]  # satisfaction points (width and height unused)


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    left: int  # where the bars start; the panels' names and scales sit before it
    panels: list[Panel]
    months: list[tuple[float, str]]  # centre x, short label


def _month_label(month: str) -> str:
    year, number = month.split("-")
    names = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    label = names[int(number) - 1]
    return f"{label} {year[2:]}" if number == "01" else label


def timeline(months: Sequence[Month]) -> Timeline:
    """Bars for asks and hours, a line for satisfaction (1-5), one column per month."""
    count = max(len(months), 1)
    step = (TIMELINE_WIDTH - TIMELINE_LEFT) / count
    bar = step * 0.6
    gap = 18  # between panels: room for the next panel's name

    def bars(values: list[float], top: float, fmt: str) -> tuple[list[Bar], str]:
        peak = max(values, default=0) or 1
        out = []
        for i, value in enumerate(values):
            height = round(value / peak * PANEL_HEIGHT, 1)
            x = round(TIMELINE_LEFT + i * step + (step - bar) / 2, 1)
            out.append(Bar(x, round(top + PANEL_HEIGHT - height, 1), round(bar, 1), height,
                           fmt.format(value)))  # fmt: skip
        return out, fmt.format(peak)

    asks_top, hours_top = 0.0, PANEL_HEIGHT + gap
    sat_top = 2 * (PANEL_HEIGHT + gap)
    ask_bars, ask_peak = bars([float(m.asks) for m in months], asks_top, "{:.0f}")
    hour_bars, hour_peak = bars([m.hours for m in months], hours_top, "{:.0f}")
    dots = []
    for i, m in enumerate(months):
        if m.satisfaction is None:
            continue
        y = sat_top + (5 - m.satisfaction) / 4 * PANEL_HEIGHT
        x = TIMELINE_LEFT + (i + 0.5) * step
        dots.append(Bar(round(x, 1), round(y, 1), 0, 0, f"{m.satisfaction:.1f}"))
    line = " ".join(f"{d.x},{d.y}" for d in dots)
    panels = [
        Panel("asks", asks_top, ask_peak, ask_bars, "", []),
        Panel("hours", hours_top, hour_peak, hour_bars, "", []),
        Panel("satisfaction", sat_top, "5", [], line, dots),
    ]
    labels = [(round(TIMELINE_LEFT + (i + 0.5) * step, 1), _month_label(m.month))
              for i, m in enumerate(months)]  # fmt: skip
    return Timeline(TIMELINE_WIDTH, int(sat_top + PANEL_HEIGHT + 22), TIMELINE_LEFT, panels, labels)


def share(value: float | None, top: float = 1.0) -> float:
    """A bar's filled share in [0, 1] for `value` on a scale to `top` (None draws nothing)."""
    if value is None or top <= 0:
        return 0.0
    return max(0.0, min(1.0, value / top))


# Outcomes: progress toward goals and bars per program (HTML rows, each bar a small SVG, so
# long names wrap and the numbers stay readable on a phone), and lines over months.


@dataclass(frozen=True)
class Progress:
    """One goal's bar, positions in percent of the bar's width: the actual so far, the goal,
    and the share of the goal due by now."""

    actual: float
    goal: float
    due: float


def progress(actual: int, goal: int, due: int, *, top: float = 2.0) -> Progress:
    """The bar of `actual` against `goal` on a scale to `top` times the goal (or to the
    actual, when smaller), so the goal sits at the same place on every row that does not
    overshoot it."""
    scale = max(goal, 1) * max(1.0, min(top, actual / max(goal, 1)))

    def at(value: int) -> float:
        return round(min(value / scale, 1.0) * 100, 1)

    return Progress(actual=at(actual), goal=at(goal), due=at(due))


def period_label(label: str) -> str:
    """A month ("2026-09") or quarter ("2026-Q3") of the outcomes, short: "Sep", "Q3 26"."""
    year, part = label.split("-")
    return f"{part} {year[2:]}" if part.startswith("Q") else _month_label(label)


def period_name(label: str) -> str:
    """A month ("2026-09") or quarter ("2026-Q3") in words: "Sep 2026", "Q3 2026"."""
    year, part = label.split("-")
    return f"{part} {year}" if part.startswith("Q") else f"{_month_label(label)[:3]} {year}"


def widths(values: Sequence[float]) -> list[float]:
    """Each value as a bar width in percent of the largest (all 0 when none is above 0)."""
    peak = max(values, default=0) or 1
    return [round(max(v, 0) / peak * 100, 1) for v in values]


# Lines over the months (or quarters) of a period: a small plot with its own y scale.
LINE_WIDTH, LINE_HEIGHT, LINE_LEFT, LINE_TOP, LINE_BOTTOM = 420, 190, 42, 12, 28


#: The fewest observations a period's value must rest on to be a point of a trend line. One
#: temperature check is one partner's answer, not a month's mood: it is drawn as a lone ring
#: labelled n=1, and the line breaks there as it does where nothing was measured.
TREND_MIN = 2


@dataclass(frozen=True)
class Series:
    name: str
    css: str  # class of its line and dots
    segments: list[str]  # polyline points; a gap where a value is missing or too thin
    dots: list[Point]  # values that are points of the line
    lone: list[tuple[Point, str]] = field(default_factory=list)  # too thin to trend: "n=1"


@dataclass(frozen=True)
class Lines:
    width: int
    height: int
    left: int
    right: int
    bottom: float  # y of the x axis
    series: list[Series]
    x_labels: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]


def lines(
    labels: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[float | None]]],
    *,
    low: float,
    high: float,
    ticks: Sequence[tuple[float, str]],
    counts: Sequence[int] | None = None,
) -> Lines:
    """Lines of `series` ((name, css class, values aligned with `labels`)) on one y scale
    from `low` to `high`; a missing value breaks its line. `counts`, aligned with `labels`,
    is how many observations each period's values rest on: a value from fewer than
    `TREND_MIN` is a lone point labelled with its n, and breaks the line too."""
    count = max(len(labels), 1)
    right = LINE_WIDTH - 8
    step = (right - LINE_LEFT) / count
    bottom = LINE_HEIGHT - LINE_BOTTOM

    def y(value: float) -> float:
        return round(bottom - (value - low) / (high - low) * (bottom - LINE_TOP), 1)

    def x(i: int) -> float:
        return round(LINE_LEFT + (i + 0.5) * step, 1)

    drawn = []
    for name, css, values in series:
        segments: list[str] = []
        current: list[str] = []
        dots: list[Point] = []
        lone: list[tuple[Point, str]] = []
        for i, value in enumerate(values):
            n = None if counts is None else counts[i]
            if value is None or (n is not None and n < TREND_MIN):
                if current:
                    segments.append(" ".join(current))
                current = []
                if value is not None:
                    lone.append((Point(x(i), y(value)), f"n={n}"))
                continue
            dots.append(Point(x(i), y(value)))
            current.append(f"{x(i)},{y(value)}")
        if current:
            segments.append(" ".join(current))
        drawn.append(Series(name, css, segments, dots, lone))
    # Every label on a year's months; fewer when there are many, so they never overlap.
    every = max(1, -(-count // 12))
    x_labels = [(x(i), period_label(label)) for i, label in enumerate(labels) if i % every == 0]
    return Lines(
        width=LINE_WIDTH,
        height=LINE_HEIGHT,
        left=LINE_LEFT,
        right=right,
        bottom=bottom,
        series=drawn,
        x_labels=x_labels,
        y_ticks=[(y(value), text) for value, text in ticks],
    )
