"""The results table: one row per figure (data contract §5), with fixed column types."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from wres_core.schema import RESULT_COLUMNS

_DTYPES = {
    "year": "int64",
    "indicator": "int64",
    "measure": "string",
    "group": "string",
    "dimension": "string",
    "level": "string",
    "numerator": "Float64",
    "denominator": "Float64",
    "value": "Float64",
    "ci_low": "Float64",
    "ci_high": "Float64",
    "note": "string",
    "caution": "boolean",
    "suppressed": "boolean",
}


def empty() -> pd.DataFrame:
    """An empty results table with the right columns and types."""
    return frame([])


def frame(rows: Iterable[Mapping] | pd.DataFrame) -> pd.DataFrame:
    """Build a results table from row mappings (or a frame), filling absent columns.

    Missing figures stay missing (``<NA>``), never zero; ``note`` defaults to "" and the
    flags to False.

    >>> t = frame([{"year": 2024, "indicator": 2, "measure": "likelihood", "group": "BME",
    ...             "dimension": "overall", "level": "All", "numerator": 1, "denominator": 4,
    ...             "value": 0.25}])
    >>> list(t.columns) == list(RESULT_COLUMNS), float(t.loc[0, "value"]), t.loc[0, "note"]
    (True, 0.25, '')
    """
    df = rows.copy() if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    for col in RESULT_COLUMNS:
        if col not in df.columns:
            df[col] = pd.NA
    df = df.loc[:, list(RESULT_COLUMNS)]
    df["note"] = df["note"].fillna("")
    df["caution"] = df["caution"].fillna(False)
    df["suppressed"] = df["suppressed"].fillna(False)
    for col in ("numerator", "denominator", "value", "ci_low", "ci_high"):
        # inf or nan from a division is "cannot be computed", never a figure.
        s = pd.to_numeric(df[col], errors="coerce").astype("Float64")
        df[col] = s.mask(s.isin([float("inf"), float("-inf")]))
    return df.astype(_DTYPES).reset_index(drop=True)


def add_note(notes: pd.Series, mask: pd.Series, text: str) -> pd.Series:
    """Append ``text`` to the notes where ``mask`` holds, joining with '; '."""
    mask = mask.fillna(False).astype(bool)
    out = notes.copy()
    has = out.str.len() > 0
    out[mask & has] = out[mask & has] + "; " + text
    out[mask & ~has] = text
    return out
