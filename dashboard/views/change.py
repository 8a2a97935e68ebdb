"""A figure's change in words: on the year before and since the first year compared, both
from ``Engine.changes`` (``wres_core.trends``), both worded by
``wres_core.display.change_verdict`` (the one place for the verdict's words)."""

from __future__ import annotations

import pandas as pd

from wres_core import display

__all__ = ["change_sentence", "change_sentences", "find"]


def find(changes: pd.DataFrame | None, *, year: int, indicator: int, measure: str,
         group: str, dimension: str = "overall", level: str = "All") -> pd.Series | None:
    """The change row of one figure, or None."""
    if changes is None or changes.empty:
        return None
    rows = changes[(changes["year"] == year) & (changes["indicator"] == indicator)
                   & (changes["measure"] == measure) & (changes["group"] == group)
                   & (changes["dimension"] == dimension) & (changes["level"] == level)]
    return None if rows.empty else rows.iloc[0]


def change_sentence(row: pd.Series | None, *, since: int, year: int, measure: str) -> str:
    """One change in words, e.g. "Since 2024: clear change, worse (1.25 in 2024, 2.75 in
    2026; p = 0.003)." or "Since 2025: no clear change (...)".

    >>> r = pd.Series({"direction": "worse", "change": 1.5, "p_value": 0.003,
    ...                "previous": 1.25, "value": 2.75})
    >>> change_sentence(r, since=2024, year=2026, measure="relative_likelihood")
    'Since 2024: clear change, worse (1.25 in 2024, 2.75 in 2026; p = 0.003).'
    >>> change_sentence(None, since=2025, year=2026, measure="share")
    'Since 2025: not available (a figure of one of the years is missing or withheld).'
    """
    word = "" if row is None else display.change_verdict(row["direction"], row["change"],
                                                         row["p_value"])
    if not word:
        return (f"Since {since}: not available (a figure of one of the years is missing or "
                "withheld).")
    verdict = word if word == display.NO_CLEAR_CHANGE else f"clear change, {word}"
    p = float(row["p_value"])
    p_text = "p < 0.001" if p < 0.001 else f"p = {p:.3f}"
    return (f"Since {since}: {verdict} ({display.fmt_value(measure, row['previous'])} in "
            f"{since}, {display.fmt_value(measure, row['value'])} in {year}; {p_text}).")


def change_sentences(yoy: pd.DataFrame | None, first: pd.DataFrame | None, *, year: int,
                     years, indicator: int, measure: str, group: str,
                     dimension: str = "overall", level: str = "All") -> list[str]:
    """The change on the year before and the change since the first year compared (where
    that is an earlier year than the year before), each a sentence; none with one year."""
    years = [y for y in years if y <= year]
    if len(years) < 2:
        return []
    key = dict(year=year, indicator=indicator, measure=measure, group=group,
               dimension=dimension, level=level)
    out = []
    if year - 1 in years:
        out.append(change_sentence(find(yoy, **key), since=year - 1, year=year,
                                   measure=measure))
    if years[0] < year - 1 or year - 1 not in years:
        out.append(change_sentence(find(first, **key), since=years[0], year=year,
                                   measure=measure))
    return out
