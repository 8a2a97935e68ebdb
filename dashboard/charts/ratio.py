"""The relative-likelihood axis (indicators 2 to 4, and ranked ratios): a log axis around 1
holding every figure and the non-adverse range 0.80 to 1.25 (shaded, with dotted edges and
its own legend entry), ticks at readable ratios.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

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


def _ratio_ticks(rng: Sequence[float]) -> list[float]:
    lo, hi = 10 ** rng[0], 10 ** rng[1]
    ticks = [t for t in RATIO_TICKS if lo <= t <= hi]
    return ticks or [1.0]


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
