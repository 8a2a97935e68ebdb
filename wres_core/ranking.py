"""Organisations (or any drill-down's levels) ranked on one figure, read with its interval.

A small organisation's figure swings widely by chance, so a league table ranked on the
figures alone is topped by small organisations. Here a level is ranked on the end of its
95% interval nearest to "no concern" (the conservative end): for a figure where higher is
worse, its lower bound. A level comes first only where even its most favourable reading is
worse than the others' most favourable readings, and a small level with a wide interval
falls back to where the data can place it. Figures without a direction (shares) are ranked
on their value, highest first.

Withheld (publication-safe) and missing figures are kept, unranked, at the end: the list
says that they exist without placing them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# What each rankable figure is, and which way is worse for the compared group ("high",
# "low" or None: no direction). Relative likelihoods 2 to 4 are built so that above 1 is
# worse for BME staff; survey indicator 7 asks about equal opportunities (lower is worse).
RANKABLE: dict[tuple[int, str], str | None] = {
    (1, "share"): None,
    (2, "relative_likelihood"): "high",
    (3, "relative_likelihood"): "high",
    (3, "relative_likelihood_1y"): "high",
    (4, "relative_likelihood"): "high",
    (5, "percent"): "high",
    (6, "percent"): "high",
    (7, "percent"): "low",
    (8, "percent"): "high",
    (5, "gap"): "high",
    (6, "gap"): "high",
    (7, "gap"): "low",
    (8, "gap"): "high",
}


def rank(
    table: pd.DataFrame,
    *,
    year: int,
    indicator: int,
    measure: str,
    group: str = "BME",
    dimension: str = "org",
) -> pd.DataFrame:
    """The rows of one figure for every level of ``dimension`` in ``year``, worst first.

    Adds ``rank_on`` (the number ranked on: the conservative end of the interval, or the
    value where there is no interval or no direction) and ``rank`` (1 = first; ``<NA>`` for
    withheld or missing figures, listed last in their table order). Ties share the order of
    the value, then of the level's name, so the ranking never depends on row order.

    >>> from wres_core.results import frame
    >>> rows = [{"year": 2026, "indicator": 3, "measure": "relative_likelihood",
    ...          "group": "BME", "dimension": "org", "level": name, "value": v,
    ...          "ci_low": lo, "ci_high": hi} for name, v, lo, hi in
    ...         [("Small", 3.0, 0.6, 15.0), ("Large", 1.6, 1.3, 1.9), ("Mid", 1.1, 0.9, 1.4)]]
    >>> rank(frame(rows), year=2026, indicator=3, measure="relative_likelihood")[
    ...     ["level", "rank_on", "rank"]].values.tolist()
    [['Large', 1.3, 1], ['Mid', 0.9, 2], ['Small', 0.6, 3]]
    """
    worse = RANKABLE.get((int(indicator), measure))
    rows = table[(table["year"] == year) & (table["indicator"] == indicator)
                 & (table["measure"] == measure) & (table["group"] == group)
                 & (table["dimension"] == dimension)]
    rows = rows.reset_index(drop=True)
    value = rows["value"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    shown = ~np.isnan(value)
    if "suppressed" in rows.columns:
        shown &= ~rows["suppressed"].fillna(False).astype(bool).to_numpy()
    if worse is None:
        on, descending = value, True
    else:
        bound = rows["ci_low" if worse == "high" else "ci_high"].astype("Float64")
        bound = bound.to_numpy(dtype=float, na_value=np.nan)
        on = np.where(np.isnan(bound), value, bound)
        descending = worse == "high"
    sign = -1.0 if descending else 1.0
    order = pd.DataFrame({"shown": ~shown, "on": np.where(shown, sign * on, np.inf),
                          "value": np.where(shown, sign * value, np.inf),
                          "level": rows["level"].astype(str).to_numpy()})
    order = order.sort_values(["shown", "on", "value", "level"], kind="stable").index
    out = rows.loc[order].reset_index(drop=True)
    on_sorted = np.where(shown, on, np.nan)[order]
    out["rank_on"] = pd.array(on_sorted, dtype="Float64")
    n_shown = int(shown.sum())
    out["rank"] = pd.array(list(range(1, n_shown + 1)) + [pd.NA] * (len(out) - n_shown),
                           dtype="Int64")
    return out


__all__ = ["RANKABLE", "rank"]
