"""Tick marks a reader can tell apart: a percent axis over proportions (plotly's ``.0%``
format printed 0.5% and 1.5% both as "1%" and "2%": "0%, 1%, 1%, 2%, 2%, 3%"), and the
order of pay-band rows (the code tables' order, not the order rows happened to arrive in).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from wres_core.codes.bands import BAND_ORDER

NICE_STEPS = (1.0, 2.0, 2.5, 5.0)
_BAND_RANK = {band: i for i, band in enumerate(BAND_ORDER)}


def nice_step(top: float, ticks: int = 5) -> float:
    """The smallest step of 1, 2, 2.5 or 5 times a power of ten that covers 0 to ``top`` in
    at most ``ticks`` steps.

    >>> nice_step(0.03), nice_step(0.3), nice_step(1.0), nice_step(0.012)
    (0.01, 0.1, 0.2, 0.0025)
    """
    if not top > 0:
        return 1.0
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for step in NICE_STEPS:
        if step * power >= raw * (1 - 1e-9):
            return step * power
    return 10 * power


def decimals(step: float) -> int:
    """Decimal places that write every multiple of ``step`` exactly (to 1e-9).

    >>> decimals(1.0), decimals(0.5), decimals(0.25), decimals(20.0)
    (0, 1, 2, 0)
    """
    for places in range(7):
        if abs(round(step, places) - step) < 1e-9:
            return places
    return 6


def proportion_axis(top: float) -> dict:
    """A percent axis over proportions (0 to 1) from 0 to ``top``: ticks at a nice step,
    each printed with as many decimals as the step needs, so no two ticks read alike.

    >>> proportion_axis(0.03)
    {'range': [0, 0.03], 'dtick': 0.01, 'tick0': 0, 'tickformat': '.0%'}
    >>> proportion_axis(0.012)["tickformat"], proportion_axis(0.012)["dtick"]
    ('.2%', 0.0025)
    """
    step = nice_step(top)
    return {"range": [0, top], "dtick": step, "tick0": 0,
            "tickformat": f".{decimals(step * 100)}%"}


def tick_labels(axis: dict) -> list[str]:
    """The labels ``proportion_axis`` gives plotly to print (what a test can read back).

    >>> tick_labels(proportion_axis(0.03))
    ['0%', '1%', '2%', '3%']
    """
    places = int(axis["tickformat"][1:-1])
    n = int(math.floor(axis["range"][1] / axis["dtick"] + 1e-9))
    return [f"{i * axis['dtick'] * 100:.{places}f}%" for i in range(n + 1)]


def band_sorted(levels: Iterable[str]) -> list[str]:
    """Pay-band rows in the code tables' order (Agenda for Change bands, then medical
    grades, then Other); any other level keeps its place after them, in the order given.

    >>> band_sorted(["Band 5", "Trainee grade", "Band 8c", "Consultant", "Mystery"])
    ['Band 5', 'Band 8c', 'Consultant', 'Trainee grade', 'Mystery']
    """
    levels = list(dict.fromkeys(levels))
    known = sorted((lv for lv in levels if lv in _BAND_RANK), key=_BAND_RANK.__getitem__)
    return known + [lv for lv in levels if lv not in _BAND_RANK]
