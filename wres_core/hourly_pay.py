"""Reading a workforce file's ``hourly_pay`` column (ordinary basic pay per hour at 31 March).

Pay is used only by the ethnicity pay gap (``wres_core.indicators.pay``), so a person whose
pay cannot be used is left out of the pay figures only, never out of the workforce:

- blank or zero: no pay to count (bank staff with no hours, a missing rate); a note counts
  them;
- text that is not a number, or a negative number: a mistake in the file; a warning names
  the rows and the column as the file spells it.

"£12.45", "12.45", "1,234.50" and "12.45 per hour" are read as numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wres_core import values as vals

# Rows a message lists before it says "and N more".
ROWS_LISTED = 10

_CURRENCY = re.compile(r"[£$€,\s]")
_PER_HOUR = re.compile(r"(?:per\s*hour|per\s*hr|/\s*hr|/\s*hour|/\s*h|p/?h|an\s*hour)$",
                       re.IGNORECASE)


def parse_pay(text: str) -> float | None:
    """One hourly pay as a number, or None when it is not one.

    >>> parse_pay("£12.45"), parse_pay("1,234.5"), parse_pay("-3"), parse_pay("12.45 per hour")
    (12.45, 1234.5, -3.0, 12.45)
    >>> parse_pay("n/a") is None, parse_pay("twelve") is None, parse_pay("nan") is None
    (True, True, True)
    """
    t = _CURRENCY.sub("", _PER_HOUR.sub("", text.strip()))
    if not t or not any(ch.isdigit() for ch in t):
        return None
    try:
        number = float(t)
    except ValueError:
        return None
    return number if np.isfinite(number) else None


@dataclass(frozen=True)
class PayColumn:
    """The pay column read: ``pay`` (float64, NaN where it cannot be used) and the rows
    (spreadsheet row numbers) that could not be used, by reason."""

    pay: pd.Series
    blank_or_zero: int
    text_rows: list[int]
    text_values: list[str]
    negative_rows: list[int]


def read(values: pd.Series) -> PayColumn:
    """Read the raw column (text, index = spreadsheet row numbers)."""
    parsed = vals.by_unique(values, lambda t: parse_pay(t), "Float64")
    given = values.notna().to_numpy(dtype=bool)
    number = parsed.to_numpy(dtype=float, na_value=np.nan)
    text = given & np.isnan(number)
    negative = np.isfinite(number) & (number < 0)
    unusable = ~given | (number == 0)
    usable = np.isfinite(number) & (number > 0)
    index = values.index.to_numpy()
    text_values = pd.Series(values[text]).astype("string").unique().tolist()
    return PayColumn(
        pay=pd.Series(np.where(usable, number, np.nan), index=values.index, dtype="float64"),
        blank_or_zero=int((unusable & ~text).sum()),
        text_rows=[int(r) for r in index[text]],
        text_values=[str(v) for v in text_values],
        negative_rows=[int(r) for r in index[negative]],
    )


def rows_text(rows: list[int]) -> str:
    """Row numbers as a short list.

    >>> rows_text([3, 5]), rows_text(list(range(2, 20)))
    ('rows 3, 5', 'rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 8 more')
    """
    shown = ", ".join(str(r) for r in rows[:ROWS_LISTED])
    more = f" and {len(rows) - ROWS_LISTED} more" if len(rows) > ROWS_LISTED else ""
    return f"row{'s' if len(rows) != 1 else ''} {shown}{more}"
