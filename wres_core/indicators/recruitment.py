"""Indicator 2: relative likelihood of White applicants being appointed from shortlisting
compared with BME applicants.

.. math::

    RL = \\frac{appointed_W / shortlisted_W}{appointed_B / shortlisted_B}

Above 1 means White shortlisted applicants are more likely to be appointed: worse for BME
applicants. The guidance also asks organisations to look at the application to
shortlisting stage; where the data hold applications that were not shortlisted, that stage
is given too, the same way round (White over BME).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from wres_core import results
from wres_core.dataset import Dataset
from wres_core.indicators._common import dimensions
from wres_core.indicators.likelihood import (
    Direction,
    Wording,
    assemble,
    check_groups,
    flag_counts,
    likelihood_rows,
    relative_rows,
)

INDICATOR = 2

APPOINTED = Wording(
    noun="applicants",
    no_base="no {who} shortlisted",
    no_event="no {who} appointed from shortlisting",
)
SHORTLISTED = Wording(
    noun="applicants",
    no_base="no applications from {who}",
    no_event="no {who} shortlisted",
)

# Levels of the `internal` drill-down, which is a boolean in the tidy frame.
INTERNAL_LEVELS = {True: "Internal", False: "External"}
_INTERNAL = pd.CategoricalDtype(list(INTERNAL_LEVELS.values()))


def _prepare(
    df: pd.DataFrame, by: str | Sequence[str] | None
) -> tuple[pd.DataFrame, list[str]]:
    """``shortlisted`` as plain bool (a missing flag means shortlisted, as where the column
    is absent), and the breakdowns. Where ``internal`` is one of them, its flag as readable
    levels (nothing else reads it, so it is left alone otherwise)."""
    shortlisted = (
        df["shortlisted"].fillna(True).astype(bool)
        if "shortlisted" in df.columns
        else pd.Series(True, index=df.index)
    )
    out = df.assign(shortlisted=shortlisted, appointed=df["appointed"].fillna(False).astype(bool))
    dims = dimensions(out, by)
    if "internal" in dims:
        # Codes straight from the flag (millions of applications, two labels).
        flag = out["internal"].astype("boolean")
        levels = list(_INTERNAL.categories)
        codes = np.where(flag.isna().to_numpy(), -1,
                         np.where(flag.fillna(False).to_numpy(dtype=bool),
                                  levels.index(INTERNAL_LEVELS[True]),
                                  levels.index(INTERNAL_LEVELS[False])))
        out["internal"] = pd.Categorical.from_codes(codes, dtype=_INTERNAL, validate=False)
    return out, dims


def indicator_2(
    data: Dataset, *, groups: str = "wres", by: str | Sequence[str] | None = None
) -> pd.DataFrame:
    """Indicator 2 results rows, from ``data.frames["recruitment"]``.

    Measures, per year, breakdown level and group:

    - ``likelihood``: appointed / shortlisted, among shortlisted rows (a proportion, with
      Wilson interval; numerator = appointed, denominator = shortlisted);
    - ``relative_likelihood`` on each compared group's row (``BME`` at ``groups="wres"``):
      White likelihood / the group's likelihood, with Katz interval;
    - only for years whose data hold an application that was not shortlisted (elsewhere
      every row is shortlisted and the rate would be a meaningless 100%):
      ``likelihood_shortlisted`` = shortlisted / applications and
      ``relative_likelihood_shortlisted`` (White over the group).

    Dimensions: ``overall`` (level "All"), then each column of ``by`` the recruitment frame
    has (``department``, ``pay_band``, ``staff_group``, ``internal`` with levels "Internal"
    and "External", ...). Groups: see :mod:`wres_core.indicators.likelihood`.

    The published worked example: 46.99% of White shortlisted applicants appointed (39 of
    83) against 14.65% of BME ones (23 of 157) is a relative likelihood of 3.21.

    >>> from wres_core.schema import WRES_GROUPS
    >>> rows = [("White", True)] * 39 + [("White", False)] * 44
    >>> rows += [("BME", True)] * 23 + [("BME", False)] * 134
    >>> df = pd.DataFrame({"year": 2024, "org": "", "count": 1, "shortlisted": True,
    ...     "wres_group": pd.Categorical([g for g, _ in rows], list(WRES_GROUPS)),
    ...     "appointed": [a for _, a in rows]})
    >>> t = indicator_2(Dataset(frames={"recruitment": df}))
    >>> t[["measure", "group", "numerator", "denominator", "value"]].round(4)
                   measure    group  numerator  denominator   value
    0           likelihood    White       39.0         83.0  0.4699
    1           likelihood      BME       23.0        157.0  0.1465
    2           likelihood  Unknown        0.0          0.0    <NA>
    3  relative_likelihood      BME       <NA>         <NA>  3.2074
    """
    check_groups(groups)
    raw = data.get("recruitment")
    if raw is None or raw.empty:
        return results.empty()
    df, dims = _prepare(raw, by)

    # Subsets of the frame as row masks: filtering the frame would copy every column.
    shortlisted = df["shortlisted"].to_numpy(dtype=bool)
    appointed = flag_counts(df, "appointed", groups=groups, dims=dims, keep=shortlisted)
    parts = [
        likelihood_rows(appointed, indicator=INDICATOR, measure="likelihood",
                        wording=APPOINTED),
        relative_rows(appointed, indicator=INDICATOR, measure="relative_likelihood",
                      groups=groups, direction=Direction.WHITE_OVER, wording=APPOINTED),
    ]

    years = df["year"].to_numpy()
    stage_years = np.unique(years[~shortlisted])
    if len(stage_years):
        applied = flag_counts(df, "shortlisted", groups=groups, dims=dims,
                              keep=np.isin(years, stage_years))
        parts += [
            likelihood_rows(applied, indicator=INDICATOR, measure="likelihood_shortlisted",
                            wording=SHORTLISTED),
            relative_rows(applied, indicator=INDICATOR,
                          measure="relative_likelihood_shortlisted", groups=groups,
                          direction=Direction.WHITE_OVER, wording=SHORTLISTED),
        ]
    return assemble(parts)
