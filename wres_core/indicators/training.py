"""Indicator 4: relative likelihood of White staff accessing non-mandatory training and CPD
compared with BME staff.

.. math::

    RL = \\frac{trained_W / headcount_W}{trained_B / headcount_B}

Staff trained come from the training frame (already one row per person and year; ``count``
may weight a row), headcount from the workforce at 31 March of the same reporting year, at
the same breakdown level. Above 1 means White staff are more likely to access training:
worse for BME staff.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from wres_core import results
from wres_core.dataset import Dataset
from wres_core.indicators.likelihood import (
    Direction,
    Wording,
    assemble,
    check_groups,
    headcount_cells,
    likelihood_rows,
    relative_rows,
)

INDICATOR = 4

TRAINED = Wording(
    noun="staff",
    no_base="no {who} in the headcount",
    no_event="no {who} accessed non-mandatory training or CPD",
    surplus="no interval: more staff trained than in the headcount",
)
NO_TRAINING_NOTE = "no training records in the data for {year}"


def indicator_4(
    data: Dataset, *, groups: str = "wres", by: str | Sequence[str] | None = None
) -> pd.DataFrame:
    """Indicator 4 results rows, from ``data.frames["training"]`` over
    ``data.frames["workforce"]``.

    Measures, per year, breakdown level and group:

    - ``likelihood``: staff trained / headcount (numerator = trained, denominator =
      headcount; Wilson interval);
    - ``relative_likelihood`` on each compared group's row: White's likelihood / the
      group's, Katz interval.

    Years: every year of the workforce; a year with no training row at all is shown with
    nobody trained and the note "no training records in the data for Y" (zero may mean the
    year was not loaded). People trained who are not in the headcount (leavers, say) still
    count, so a rate can exceed 1 in a small cell; it then has no interval, and says so.
    A drill-down by a column the training frame lacks is skipped.

    >>> from wres_core.schema import WRES_GROUPS
    >>> wg = pd.Categorical(["White", "BME"], list(WRES_GROUPS))
    >>> staff = pd.DataFrame({"year": 2024, "org": "", "count": [80, 40], "wres_group": wg})
    >>> trained = pd.DataFrame({"year": 2024, "org": "", "count": [40, 10], "wres_group": wg})
    >>> t = indicator_4(Dataset(frames={"workforce": staff, "training": trained}))
    >>> t[["measure", "group", "value"]]
                   measure    group  value
    0           likelihood    White    0.5
    1           likelihood      BME   0.25
    2           likelihood  Unknown   <NA>
    3  relative_likelihood      BME    2.0
    >>> t.loc[2, "note"]
    'no staff of unknown ethnicity in the headcount'
    """
    check_groups(groups)
    trained, staff = data.get("training"), data.get("workforce")
    if trained is None or staff is None or not data.has("training") or staff.empty:
        return results.empty()

    cells = headcount_cells(trained, staff, groups=groups, by=by,
                            no_events_note=NO_TRAINING_NOTE,
                            event_years=data.covered_years("training"))
    return assemble([
        likelihood_rows(cells, indicator=INDICATOR, measure="likelihood", wording=TRAINED),
        relative_rows(cells, indicator=INDICATOR, measure="relative_likelihood",
                      groups=groups, direction=Direction.WHITE_OVER, wording=TRAINED),
    ])
