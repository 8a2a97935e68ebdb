"""Caution marks on figures built on small numbers, and which rows a figure without counts
is computed from (its sources)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_core.derived import derived_rows, rests_on_marked, source_lists
from wres_core.disclosure.rules import CAUTION_THRESHOLD, _check_threshold, caution_note
from wres_core.results import add_note


def sources(results: pd.DataFrame) -> dict[int, list[int]]:
    """Rows without counts mapped to the positions of the rows they are computed from.

    Positions are 0-based row positions in ``results``. See the module docstring.

    >>> from wres_core.results import frame
    >>> t = frame([
    ...     {"year": 2024, "indicator": 2, "measure": "likelihood", "group": "White",
    ...      "dimension": "overall", "level": "All", "numerator": 40, "denominator": 80},
    ...     {"year": 2024, "indicator": 2, "measure": "likelihood", "group": "BME",
    ...      "dimension": "overall", "level": "All", "numerator": 20, "denominator": 80},
    ...     {"year": 2024, "indicator": 2, "measure": "relative_likelihood", "group": "BME",
    ...      "dimension": "overall", "level": "All", "value": 2.0}])
    >>> sources(t)
    {2: [0, 1]}
    """
    table = results.reset_index(drop=True)
    return source_lists(table, derived_rows(table))


# --------------------------------------------------------------------------- caution


def apply_caution(results: pd.DataFrame, *, threshold: int = CAUTION_THRESHOLD) -> pd.DataFrame:
    """Mark figures built on small numbers.

    ``caution`` becomes True (it is never set back to False) where the denominator is below
    ``threshold``, and on rows without counts where any row they are computed from has
    caution. The note "small numbers: fewer than 30 (read with care)" is added once, and
    not on rows already withheld by :func:`suppress` (their own note says enough).
    ``threshold`` 0 marks nothing. Returns a new table; figures are untouched.

    >>> from wres_core.results import frame
    >>> t = frame([{"year": 2024, "indicator": 1, "measure": "share", "group": "BME",
    ...             "dimension": "overall", "level": "All", "numerator": 5,
    ...             "denominator": 20, "value": 25.0}])
    >>> out = apply_caution(t)
    >>> bool(out.loc[0, "caution"]), out.loc[0, "note"]
    (True, 'small numbers: fewer than 30 (read with care)')
    """
    _check_threshold("threshold", threshold)
    out = results.reset_index(drop=True).copy()
    if out.empty:
        return out
    den = out["denominator"].to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        small = np.isfinite(den) & (den < threshold)
    caution = out["caution"].fillna(False).to_numpy(dtype=bool) | small
    derived_small = rests_on_marked(out, derived_rows(out), caution)
    caution |= derived_small
    shown = ~out["suppressed"].fillna(False).to_numpy(dtype=bool)
    notes = out["note"].fillna("")
    for mask, text in ((small, caution_note(threshold)),
                       (derived_small & ~small, caution_note(threshold, derived=True))):
        missing = ~notes.str.contains(text, regex=False).to_numpy(dtype=bool)
        notes = add_note(notes, pd.Series(mask & shown & missing, index=out.index), text)
    out["note"] = notes.astype("string")
    out["caution"] = pd.array(caution, dtype="boolean")
    out.index = results.index
    return out
