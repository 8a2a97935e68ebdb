"""Reading one results-table cell: a number or None (NA, NaN and None alike), a flag, and a
row's status ("shown", "withheld" or "missing"), which every builder draws differently.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd


def _num(v: object) -> float | None:
    if v is None or v is pd.NA:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _missing(v: object) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _present(values: Iterable[object]) -> list[float]:
    """The values that are numbers, as floats (NA, NaN and None left out)."""
    return [f for f in map(_num, values) if f is not None]


def _flag(v: object) -> bool:
    return bool(v) if v is not None and v is not pd.NA else False


def _status(row: pd.Series) -> str:
    """'shown', 'withheld' or 'missing' for one results row."""
    if _flag(row.get("suppressed")):
        return "withheld"
    return "shown" if _num(row.get("value")) is not None else "missing"
