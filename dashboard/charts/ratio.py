"""The relative-likelihood axis (indicators 2 to 4, and ranked ratios): a log axis around 1
holding every figure and the non-adverse range 0.80 to 1.25 (shaded, with dotted edges and
its own legend entry), ticks at readable ratios.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

from dashboard import theme
from dashboard.charts.layout import REFERENCE_COLOUR, _scatter
from dashboard.figure import Fig

RATIO_TICKS = (0.1, 0.2, 0.25, 0.33, 0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 5.0, 10.0)


def _band_legend(fig: Fig) -> str:
    """A legend entry for the shaded non-adverse range (a label on the plot would collide
    with the points); returns its name."""
    name = "non-adverse range 0.80 to 1.25"
    fig.add_trace(_scatter(x=[None], y=[None], mode="markers", name=name,
                           marker={"symbol": "square", "size": 14,
                                   "color": "rgba(0, 103, 71, 0.25)",
                                   "line": {"color": theme.NHS_DARK_GREEN, "width": 1}},
                           hoverinfo="skip", showlegend=True, meta={"band": True}))
    return name


def _ratio_range(values: Iterable[float | None]) -> list[float]:
    """A log-axis range around 1 that holds every figure and the non-adverse band."""
    vals = [v for v in values if v is not None and v > 0]
    low = min([theme.NON_ADVERSE_LOW * 0.9, *vals])
    high = max([theme.NON_ADVERSE_HIGH * 1.1, *vals])
    return [math.log10(low) - 0.04, math.log10(high) + 0.04]


# Which ticks a crowded axis keeps first: 1, then the non-adverse edges, then round ratios.
_TICK_PRIORITY = (1.0, 0.8, 1.25, 0.5, 2.0, 0.1, 10.0, 0.2, 5.0, 0.25, 4.0, 3.0, 0.33, 1.5,
                  0.67)
# Neighbouring ticks at least a sixth of the axis apart: about 40 px on the narrowest plot
# drawn (a presented group chart 690 px wide, beside its names and its label column), so
# "1.00 1.25 1.50" never run together on an axis from 0.1 to 10 (plotly then tilted them
# onto the axis title).
TICK_SPACING = 1 / 6


def _ratio_ticks(rng: Sequence[float]) -> list[float]:
    """The axis's ticks: the readable ratios inside it, each at least ``TICK_SPACING`` of
    the axis from the next, the more important kept first.

    >>> _ratio_ticks([math.log10(0.7), math.log10(1.4)])
    [0.8, 1.0, 1.25]
    >>> _ratio_ticks([-1.04, 1.04])  # 0.09 to 11: 0.8, 1.25, 0.5 and 2 crowd 1
    [0.1, 0.25, 1.0, 4.0, 10.0]
    >>> _ratio_ticks([math.log10(0.45), math.log10(2.2)])
    [0.5, 0.8, 1.0, 1.25, 2.0]
    """
    lo, hi = 10 ** rng[0], 10 ** rng[1]
    span = rng[1] - rng[0]
    kept: list[float] = []
    for i, t in enumerate(_TICK_PRIORITY):
        # The non-adverse range's edges may stand closer (half the spacing): they are what
        # a reader looks for, on the axes of most charts (about 0.5 to 2).
        gap = span * TICK_SPACING * (0.5 if i < 3 else 1.0)
        if lo <= t <= hi and all(abs(math.log10(t / k)) >= gap for k in kept):
            kept.append(t)
    return sorted(kept) or [1.0]


def _non_adverse(fig: Fig, *, axis: str = "x") -> None:
    """Shade 0.80 to 1.25 and draw the line at 1 on the ratio axis. The band's edges are
    dotted lines as well as a faint shade (too faint alone: WCAG 1.4.1 and 1.4.11), and the
    axis has ticks at 0.8 and 1.25."""
    line = {"color": REFERENCE_COLOUR, "width": 1.5}
    edge = {"color": theme.NHS_DARK_GREEN, "width": 1, "dash": "dot"}
    if axis == "x":
        fig.add_vrect(theme.NON_ADVERSE_LOW, theme.NON_ADVERSE_HIGH,
                      fillcolor=theme.NON_ADVERSE_FILL, line=edge, layer="below")
        fig.add_vline(1, line=line, layer="below")
    else:
        fig.add_hrect(theme.NON_ADVERSE_LOW, theme.NON_ADVERSE_HIGH,
                      fillcolor=theme.NON_ADVERSE_FILL, line=edge, layer="below")
        fig.add_hline(1, line=line, layer="below")


# A ratio of 0 (no one in the compared group was appointed, disciplined, trained) has no
# place on a log axis. It is drawn at the axis's low edge with an arrow-head marker pointing
# off the axis, labelled "0 (none)", the edge's tick reads "0", and a legend entry says why,
# so that it never reads as a small ratio such as "0.00" or 0.68.
ZERO_TEXT = "0 (none)"
ZERO_LEGEND = "ratio of 0 (none in the group): at the axis edge, as a log axis has no 0"
ZERO_SYMBOL = {"x": "triangle-left", "y": "triangle-down"}


def _floor(rng: Sequence[float]) -> float:
    """Where a ratio of 0 is drawn: just inside the axis's low edge."""
    return 10 ** rng[0] * 1.03


def _is_zero(row: dict) -> bool:
    value = row.get("value")
    try:
        return float(value) == 0.0
    except (TypeError, ValueError):
        return False


def _ratio_positions(rows: Sequence[dict], rng: Sequence[float]) -> list[float]:
    """Each shown ratio's drawn position: itself, or the floor for a ratio of 0."""
    floor = _floor(rng)
    return [floor if _is_zero(r) else float(r["value"]) for r in rows]


def _ratio_texts(rows: Sequence[dict], text: Callable[[dict], str]) -> list[str]:
    return [ZERO_TEXT if _is_zero(r) else text(r) for r in rows]


def _ratio_symbols(rows: Sequence[dict], symbols: str | Sequence[str], axis: str) -> \
        str | list[str]:
    """The markers' symbols, an arrow head off the axis for a ratio of 0 (unchanged where
    there is none)."""
    if not any(_is_zero(r) for r in rows):
        return symbols
    base = [symbols] * len(rows) if isinstance(symbols, str) else list(symbols)
    return [ZERO_SYMBOL[axis] if _is_zero(r) else s for r, s in zip(rows, base, strict=True)]


def _zero_err(err: dict | None, rows: Sequence[dict], rng: Sequence[float]) -> dict | None:
    """Error bars of a ratio of 0 measured from where it is drawn (the floor), so that the
    whisker ends at the interval's upper end as for every other point."""
    if err is None:
        return None
    floor = _floor(rng)
    for i, r in enumerate(rows):
        hi = r.get("ci_high")
        if _is_zero(r) and err["array"][i] is not None and hi is not None:
            err["array"][i] = max(0.0, float(hi) - floor)
            err["arrayminus"][i] = 0.0
    return err


def _ratio_axis(rng: Sequence[float], rows: Sequence[dict]) -> dict:
    """A log axis's tick values and texts; where a ratio of 0 is drawn, a tick "0" at the
    floor, and no other tick so near it that the two labels would touch."""
    ticks = _ratio_ticks(rng)
    texts = [f"{t:.2f}" for t in ticks]
    if any(_is_zero(r) for r in rows):
        floor = _floor(rng)
        keep = [i for i, t in enumerate(ticks) if t >= floor * 1.35]
        ticks = [floor] + [ticks[i] for i in keep]
        texts = ["0"] + [texts[i] for i in keep]
    return {"type": "log", "range": list(rng), "tickvals": ticks, "ticktext": texts}


def _zero_legend(fig: Fig, rows: Sequence[dict], axis: str) -> list[str]:
    """A legend entry explaining a ratio of 0, where one is drawn; its name in a list."""
    if not any(_is_zero(r) for r in rows):
        return []
    fig.add_trace(_scatter(x=[None], y=[None], mode="markers", name=ZERO_LEGEND,
                           marker={"symbol": ZERO_SYMBOL[axis], "size": 12,
                                   "color": theme.NHS_DARK_GREY},
                           hoverinfo="skip", showlegend=True, meta={"zero": True}))
    return [ZERO_LEGEND]
