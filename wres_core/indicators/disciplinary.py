"""Indicator 3: relative likelihood of BME staff entering the formal disciplinary process
compared with White staff.

.. math::

    RL = \\frac{entering_B / headcount_B}{entering_W / headcount_W}

People entering come from the disciplinary frame: one row per person entering a formal
disciplinary investigation in the financial year (the loader keeps disciplinary cases only
and each person once a year, see ``wres_core.cases``; ``count`` may weight a row without a
person id). Headcount comes from the workforce at 31 March of the same reporting year, at
the same breakdown level (a department's people entering over that department's
headcount). Above 1 means BME staff are more likely to enter the process: worse for BME
staff.

The headline is the two-year rolling figure: cases and headcounts of the reporting year and
the year before, each summed, then divided *(assumed: pooled counts; see the methodology)*.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

from wres_core import results
from wres_core.dataset import Dataset
from wres_core.indicators.likelihood import (
    Cells,
    Direction,
    Wording,
    assemble,
    check_groups,
    covered_years,
    headcount_cells,
    likelihood_rows,
    note_cells,
    relative_rows,
    year_before,
)

INDICATOR = 3

CASES = Wording(
    noun="staff",
    no_base="no {who} in the headcount",
    no_event="no {who} entered the formal disciplinary process",
    surplus="no interval: more people entering than staff in the headcount (leavers count too)",
)
NO_CASES_NOTE = "no disciplinary cases in the data for {year}"
SINGLE_YEAR_NOTE = "single-year figure: no data for {year}"


def pool_two_years(cnt: Cells, covered: set[int]) -> Cells:
    """Cell table of the reporting year and the year before, pooled.

    For each cell of year Y: ``k = k(Y) + k(Y-1)`` and ``n = n(Y) + n(Y-1)`` at the same
    breakdown level and group (a level or group absent in Y-1 adds 0). Pooling needs Y-1 in
    ``covered`` (both the workforce and the disciplinary data have it); otherwise the cell
    keeps its single-year counts with the note "single-year figure: no data for Y-1".

    >>> cnt = Cells.from_frame(pd.DataFrame({"year": [2023, 2024], "dimension": "overall",
    ...     "level": "All", "group": "BME", "k": [2, 3], "n": [50, 60], "note": ""}))
    >>> pool_two_years(cnt, {2023, 2024}).frame()[["year", "k", "n", "note"]].values.tolist()
    [[2023, 2, 50, 'single-year figure: no data for 2022'], [2024, 5, 110, '']]
    """
    prev = year_before(cnt)
    pooled = np.isin(cnt.year - 1, list(covered))
    add = pooled & (prev >= 0)
    out = replace(cnt, k=cnt.k + np.where(add, cnt.k[prev], 0),
                  n=cnt.n + np.where(add, cnt.n[prev], 0))
    for year in sorted(set(cnt.year[~pooled].tolist())):
        out = note_cells(out, out.year == year, SINGLE_YEAR_NOTE.format(year=year - 1))
    return out


def indicator_3(
    data: Dataset, *, groups: str = "wres", by: str | Sequence[str] | None = None
) -> pd.DataFrame:
    """Indicator 3 results rows, from ``data.frames["disciplinary"]`` over
    ``data.frames["workforce"]``.

    Measures, per year, breakdown level and group:

    - ``likelihood``: cases / headcount of the reporting year (numerator = cases,
      denominator = headcount; a rate, with Wilson interval where cases do not exceed
      headcount);
    - ``relative_likelihood_1y`` on each compared group's row: the group's single-year
      likelihood / White's, Katz interval;
    - ``likelihood_2y``: (cases Y + cases Y-1) / (headcount Y + headcount Y-1);
    - ``relative_likelihood`` (the **headline**): ``likelihood_2y`` of the group / White's.

    Where the data have no year before (in the workforce or in the disciplinary data),
    ``likelihood_2y`` and ``relative_likelihood`` are still given, equal to the single-year
    figures and noted "single-year figure: no data for Y-1", so that the headline is always
    present and always the ratio of the ``likelihood_2y`` rows beside it.

    Years: every year of the workforce. A year the case files cover (``Dataset.
    covered_years``: a header-only file for it, or other case types only) with no one
    entering is a true zero: likelihood 0, and no ratio, as White's likelihood is 0; it
    pools into the next year's headline. A year they do not cover is shown with zero and
    the note "no disciplinary cases in the data for Y", since zero may then mean the year's
    cases were not loaded; it is not pooled. Disciplinary years without a workforce give no
    rows (there is no headcount).

    Everyone entering counts: one whose person id matched no workforce record (a leaver)
    still counts under the ethnicity on their case row, and one of unknown ethnicity under
    Unknown (which enters no ratio). A drill-down by a column the disciplinary frame lacks
    is skipped.
    """
    check_groups(groups)
    cases, staff = data.get("disciplinary"), data.get("workforce")
    if cases is None or staff is None or not data.has("disciplinary") or staff.empty:
        return results.empty()

    # Years the case files cover, with or without a case in them (a header-only file, or
    # a year of other case types only, is a true zero).
    case_years = data.covered_years("disciplinary")
    single = headcount_cells(cases, staff, groups=groups, by=by, no_events_note=NO_CASES_NOTE,
                             event_years=case_years)
    pooled = pool_two_years(single, case_years & covered_years(staff))
    common = {"indicator": INDICATOR, "wording": CASES}
    ratio = {"groups": groups, "direction": Direction.OVER_WHITE}
    return assemble([
        likelihood_rows(single, measure="likelihood", **common),
        relative_rows(single, measure="relative_likelihood_1y", **common, **ratio),
        likelihood_rows(pooled, measure="likelihood_2y", **common),
        relative_rows(pooled, measure="relative_likelihood", **common, **ratio),
    ])

