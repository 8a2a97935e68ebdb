"""Reading single values the way real extracts spell them: years, counts, dates, names.

Each reader works on the distinct values of a column and maps back, so a column of millions of
rows costs what its few distinct values cost. A ``category`` column (as the Parquet reader
gives) is already in that form, and its codes are used as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from wres_core.codes.text import code_width


def distinct(values: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Each row's position among the column's distinct values (-1 where blank), and those
    values as text (``string``).

    For a ``category`` column these are its codes and categories, with no pass over the
    rows; a category no row holds is then among the values (readers of single values are
    pure, so asking about it costs one call and changes nothing).
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        uniques = pd.Series(values.cat.categories).astype("string")
        return values.cat.codes.to_numpy(dtype=np.int64), uniques.reset_index(drop=True)
    codes, uniques = pd.factorize(values.astype("string"), use_na_sentinel=True)
    return codes, pd.Series(uniques, dtype="string")


def id_codes(values: pd.Series) -> np.ndarray:
    """Codes of identifiers (person ids: millions of distinct texts), equal exactly where
    the texts are equal, -1 where missing, otherwise from 0 to below 2**32 (not necessarily
    dense). Where every id is the plain decimal text of a whole number below 2**32 (ESR
    employee numbers), that number is its code: no hashing at all, where hashing six
    million ids takes about a second. An id with a leading zero, a space or a sign is not
    plain; then the text is hashed (``pd.factorize``).

    >>> id_codes(pd.Series(["20148655", "7", None, "20148655"], dtype="string")).tolist()
    [20148655, 7, -1, 20148655]
    >>> id_codes(pd.Series(["007", "7", "7"], dtype="string")).tolist()
    [0, 1, 1]
    """
    plain = _plain_numbers(values)
    if plain is not None:
        return plain
    codes, _ = pd.factorize(values, use_na_sentinel=True)
    return codes.astype(np.int64)


# Plain ids at or above this are hashed instead: keys built from several codes (org, year,
# person) must stay clear of int64 overflow.
PLAIN_ID_LIMIT = 2**32


def _plain_numbers(values: pd.Series) -> np.ndarray | None:
    """Each id's number (-1 where missing) where every id is the canonical decimal text of
    a number from 0 to below ``PLAIN_ID_LIMIT`` (or such a number itself), else None."""
    if len(values) == 0:
        return None
    if values.dtype.kind in "iu" and not values.hasnans:
        # Whole numbers already (years): their own codes when in range.
        numbers = values.to_numpy(dtype=np.int64)
        low, high = numbers.min(), numbers.max()
        return numbers if 0 <= low and high < PLAIN_ID_LIMIT else None
    array = getattr(values, "array", None)
    pa_array = getattr(array, "_pa_array", None)
    if pa_array is None:
        return None
    import pyarrow as pa
    import pyarrow.compute as pc

    if not (pa.types.is_string(pa_array.type) or pa.types.is_large_string(pa_array.type)):
        return None
    # ASCII digits without a leading zero ("0" itself aside) are exactly the texts a number
    # prints as: "0042", "+42", " 42" and "42" stay different ids.
    canonical = pc.and_kleene(
        pc.and_kleene(pc.ascii_is_decimal(pa_array), pc.less_equal(pc.utf8_length(pa_array), 10)),
        pc.or_kleene(pc.invert(pc.starts_with(pa_array, "0")), pc.equal(pa_array, "0")))
    if not pc.all(pc.fill_null(canonical, True)).as_py():
        return None
    numbers = pc.cast(pa_array, pa.int64())
    if numbers.null_count == len(numbers):
        return np.full(len(numbers), -1, dtype=np.int64)
    if pc.max(numbers).as_py() >= PLAIN_ID_LIMIT:
        return None
    return np.asarray(pc.fill_null(numbers, -1).to_numpy(), dtype=np.int64)


# Whole numbers spanning at most this many values are numbered by offset, not hashed.
OFFSET_SPAN = 100_000


def offset_codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """For whole numbers spanning few values (years), each row's position
    among the distinct values in ascending order, and those values, from each value's
    offset from the smallest: one pass, no hashing. None for other values.

    >>> codes, distinct = offset_codes(np.array([2025, 2023, 2025]))
    >>> codes.tolist(), distinct.tolist()
    ([1, 0, 1], [2023, 2025])
    """
    if not len(values) or values.dtype.kind not in "iu":
        return None
    low = int(values.min())
    span = int(values.max()) - low + 1
    if span > OFFSET_SPAN:
        return None
    # One new array, in the 64 bits bincount takes (a wider year would be copied again).
    offset = np.subtract(values, low, dtype=np.int64, casting="unsafe")
    present = np.flatnonzero(np.bincount(offset, minlength=span))
    if len(present) == span:  # every value between (a run of years): the offset is the rank
        return offset, (present + low).astype(values.dtype)
    rank = np.full(span, -1, dtype=np.int64)
    rank[present] = np.arange(len(present))
    return rank[offset], (present + low).astype(values.dtype)


def spread(codes: np.ndarray, mapped: pd.Series, blank: object, index: pd.Index, *,
           category: bool = False) -> pd.Series:
    """Rows' values from the distinct values' ``mapped`` ones (``blank`` where the code is
    -1), as the same dtype as ``mapped`` or, with ``category``, as the ``category`` that
    ``astype("category")`` of the rows would give (the distinct values some row holds,
    sorted), built without a pass over the rows' text."""
    full = pd.concat([mapped, pd.Series([blank], dtype=mapped.dtype)], ignore_index=True)
    idx = np.where(codes >= 0, codes, len(mapped))
    if not category:
        return pd.Series(full.array.take(idx), index=index, dtype=mapped.dtype)
    held = np.bincount(idx, minlength=len(full)) > 0
    cats = full[held].astype("category").cat.categories
    # Every value a row picks is among cats (or blank, -1): the codes need no check, and
    # are made in the width pandas keeps them in.
    lookup = cats.get_indexer(full).astype(code_width(len(cats)))
    return pd.Series(pd.Categorical.from_codes(lookup[idx], dtype=pd.CategoricalDtype(cats),
                                               validate=False), index=index)


def by_unique(values: pd.Series, fn: Callable[[str], object], dtype: str) -> pd.Series:
    """Apply ``fn`` to each distinct non-blank value, map back, and type the result."""
    codes, uniques = distinct(values)
    mapped = pd.array([fn(str(u)) for u in uniques] + [None], dtype=dtype)
    # code -1 (blank) picks the trailing None
    idx = np.where(codes >= 0, codes, len(uniques))
    return pd.Series(mapped.take(idx), index=values.index, dtype=dtype)


def category_by_unique(values: pd.Series, fn: Callable[[str], str | None]) -> pd.Series:
    """``by_unique(values, fn, "string").astype("category")``, without building the text of
    every row."""
    codes, uniques = distinct(values)
    mapped = pd.Series([fn(str(u)) for u in uniques], dtype="string")
    return spread(codes, mapped, pd.NA, values.index, category=True)


def text_op(values: pd.Series, op: Callable[[pd.Series], pd.Series], *, blank: object = pd.NA,
            category: bool = False) -> pd.Series:
    """``op(values.astype("string"))`` (a vectorised text operation such as
    ``lambda s: s.str.strip()``), computed on the distinct values only; blank rows become
    ``blank``; with ``category``, as ``.astype("category")`` of that would give."""
    if not category and not isinstance(values.dtype, pd.CategoricalDtype):
        # Plain text (identifiers, mostly all different): the operation is vectorised.
        out = op(values.astype("string")).astype("string")
        return out if blank is pd.NA else out.fillna(blank)
    codes, uniques = distinct(values)
    mapped = op(uniques).astype("string")
    return spread(codes, mapped, blank, values.index, category=category)


def combined_codes(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """One integer per row that is equal exactly where the rows agree in every column
    (missing values agreeing with each other), for ``duplicated`` and joins on several
    columns without hashing their text again and again."""
    key = np.zeros(len(frame), dtype=np.int64)
    span = 1  # keys run from 0 to span - 1
    for col in columns:
        s = frame[col]
        few = offset_codes(s.to_numpy()) if s.dtype.kind in "iu" else None
        if isinstance(s.dtype, pd.CategoricalDtype):
            codes, n = s.cat.codes.to_numpy(dtype=np.int64), len(s.cat.categories)
        elif few is not None:  # years: numbered from the first, keeping the key small
            codes, n = few[0], len(few[1])
        else:
            codes = id_codes(s)
            n = int(codes.max(initial=-1)) + 1
        if span * (n + 1) >= 2**62:  # renumber densely before the product could overflow
            key, found = pd.factorize(key)
            key, span = key.astype(np.int64), len(found)
        key = key * (n + 1) + (codes + 1)
        span *= n + 1
    return key


def stable_sort(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``key`` sorted, and the positions it came from, equal keys in their first order:
    what a stable argsort gives. Where each non-negative key and its position fit in one
    int64 together, that number is sorted instead (a plain sort of numbers is about ten
    times quicker than a stable argsort of millions).

    >>> [a.tolist() for a in stable_sort(np.array([5, 2, 5, 0]))]
    [[0, 2, 5, 5], [3, 1, 0, 2]]
    """
    n = len(key)
    if n and int(key.min()) >= 0:
        shift = max(int(n - 1).bit_length(), 1)
        if int(key.max()).bit_length() + shift <= 62:
            packed = np.sort((key << shift) | np.arange(n, dtype=np.int64))
            return packed >> shift, packed & ((1 << shift) - 1)
    order = np.argsort(key, kind="stable")
    return key[order], order


def duplicated(key: np.ndarray) -> np.ndarray:
    """Which rows repeat an earlier row's key: ``pd.Series(key).duplicated()``, found by
    sorting (``stable_sort``) rather than hashing millions of keys.

    >>> duplicated(np.array([7, 3, 7, 7, 3, 1])).tolist()
    [False, False, True, True, True, False]
    """
    ordered, rows = stable_sort(np.asarray(key, dtype=np.int64))
    out = np.ones(len(key), dtype=bool)
    if len(key):
        first = np.r_[True, ordered[1:] != ordered[:-1]]
        out[rows[first]] = False
    return out


def bad_values(raw: pd.Series, parsed: pd.Series) -> pd.Series:
    """Counts of the distinct raw values that were given but could not be read."""
    bad = raw[raw.notna() & parsed.isna()]
    return bad.astype("string").value_counts(sort=True)


_FY = re.compile(r"^(?:fy\s*)?(\d{4})\s*[/\-–]\s*(\d{2}|\d{4})$")
_FY_END = re.compile(r"^fy\s*(\d{2}|\d{4})$")
_FY_SHORT = re.compile(r"^(?:fy\s*)?(\d{2})\s*[/\-–]\s*(\d{2})$")
_YEAR = re.compile(r"^(\d{4})(?:\.0+)?$")


def parse_year(text: str) -> int | None:
    """A reporting year from the spellings in real files, or None.

    Financial years count as the year they end in (``2023/24`` and ``FY2024`` are 2024);
    a date counts as the financial year it falls in (31 March 2024 is 2024).

    >>> [parse_year(t) for t in ["2024", "2023/24", "2023-24", "FY2024", "FY23/24", "2023/2024"]]
    [2024, 2024, 2024, 2024, 2024, 2024]
    >>> parse_year("31/03/2024"), parse_year("2024-04-01"), parse_year("soon")
    (2024, 2025, None)
    """
    t = text.strip().casefold()
    if m := _YEAR.match(t):
        return _plausible(int(m.group(1)))
    if m := _FY.match(t):
        start, end = int(m.group(1)), m.group(2)
        end_year = int(end) if len(end) == 4 else (start // 100) * 100 + int(end)
        return _plausible(end_year) if end_year == start + 1 else None
    if m := _FY_END.match(t):
        end = int(m.group(1))
        return _plausible(end if end > 999 else 2000 + end)
    if m := _FY_SHORT.match(t):
        start, end = int(m.group(1)), int(m.group(2))
        return _plausible(2000 + end) if end == (start + 1) % 100 else None
    day = parse_date(text)
    return financial_year(day) if day is not None else None


def _plausible(year: int) -> int | None:
    return year if 1990 <= year <= 2100 else None


def financial_year(day: pd.Timestamp) -> int | None:
    """The financial year (April to March) a date falls in, named by the year it ends."""
    return _plausible(day.year + 1 if day.month >= 4 else day.year)


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")
_DMY = re.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}$")
_MONTH_NAME = re.compile(r"^\d{1,2}[\s\-/][a-z]{3,9}[\s\-/]\d{2,4}$", re.IGNORECASE)


def parse_date(text: str) -> pd.Timestamp | None:
    """A date as UK files write it (day first), ISO, or an Excel serial number; else None.

    >>> str(parse_date("05/04/2024").date()), str(parse_date("2024-04-05").date())
    ('2024-04-05', '2024-04-05')
    >>> str(parse_date("45387").date())
    '2024-04-05'
    """
    t = text.strip()
    try:
        if _ISO.match(t):
            return pd.Timestamp(t[:10])
        if _DMY.match(t):
            day, month, year = (int(p) for p in re.split(r"[/.\-]", t))
            return pd.Timestamp(year + 2000 if year < 100 else year, month, day)
        if _MONTH_NAME.match(t):
            return pd.to_datetime(t, dayfirst=True)
        if re.fullmatch(r"\d{5}(\.\d+)?", t):
            # Excel's serial day numbers count from 30 December 1899.
            return pd.Timestamp("1899-12-30") + pd.Timedelta(days=int(float(t)))
    except (ValueError, OverflowError):
        return None
    return None


_YEAR_IN_NAME = re.compile(r"(?<!\d)(20\d{2})(?:\s*[-_/]\s*(\d{2}|20\d{2}))?(?!\d)")


def year_in_name(name: str) -> int | None:
    """A four-digit year in a file or sheet name (``workforce_2024.csv``, ``ESR 2023-24``).

    A span such as 2023-24 is a financial year and gives its end.

    >>> year_in_name("workforce_2024.csv"), year_in_name("training 2023-24.xlsx")
    (2024, 2024)
    >>> year_in_name("survey.csv") is None
    True
    """
    found = list(_YEAR_IN_NAME.finditer(name))
    if not found:
        return None
    m = found[-1]
    start, end = int(m.group(1)), m.group(2)
    if end:
        end_year = int(end) if len(end) == 4 else (start // 100) * 100 + int(end)
        if end_year == start + 1:
            return end_year
    return start


def parse_count(text: str) -> int | None:
    """A whole, non-negative number of people, else None.

    >>> parse_count("12"), parse_count("12.0"), parse_count("1,200"), parse_count("-1")
    (12, 12, 1200, None)
    """
    t = text.strip().replace(",", "")
    try:
        v = float(t)
    except ValueError:
        return None
    if v < 0 or not v.is_integer():
        return None
    return int(v)


def parse_number(text: str) -> float | None:
    t = text.strip().replace(",", "").rstrip("%")
    try:
        return float(t)
    except ValueError:
        return None


_ESR_PREFIX = re.compile(r"^\s*\d{2,}\s+")
_ESR_LEVEL = re.compile(r"\s+L\d\s*$", re.IGNORECASE)


def display_name(text: str) -> str:
    """An ESR organisation name as people say it: without the number prefix and level tag.

    >>> display_name("914 Cardiology L5"), display_name("Ward 7"), display_name("  A&E  ")
    ('Cardiology', 'Ward 7', 'A&E')
    """
    cleaned = _ESR_LEVEL.sub("", _ESR_PREFIX.sub("", text)).strip()
    return cleaned or text.strip()
