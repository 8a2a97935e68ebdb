"""Text keys for matching spellings, yes/no parsing, and the classify-each-value-once machinery
that every code table in this package shares.

Files hold millions of rows but only a handful of distinct spellings, so every classifier here
works on the distinct values (``pd.factorize``) and spreads the answers back over the rows by
their codes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import numpy as np
import pandas as pd

# Result codes a per-value classifier may return besides a category position (0, 1, ...).
BLANK = -1  # the cell is empty (or says NULL, N/A ...): missing, not an error
UNPLACED = -2  # the cell holds something no table recognises: reported to the user

# Keys (after normalise_key) that mean "no value". Shared by every column kind.
BLANK_KEYS = frozenset({"", "na", "n a", "nan", "nat", "null", "none", "<na>"})

# Spellings of yes and no, after normalise_key (numbers as as_text writes them).
YES_NO: dict[str, bool] = {
    "yes": True, "y": True, "true": True, "1": True,
    "no": False, "n": False, "false": False, "0": False,
}

_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63"})
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`]")
# A dash or a dot is kept only between two digits ("1-2", "6-10", "5.0"), where it means
# something; anywhere else it only separates words.
_LOOSE_DASH_OR_DOT = re.compile(r"(?<!\d)[-.]|[-.](?!\d)")
_OTHER_PUNCTUATION = re.compile(r"[^\w\-.]|_")
_SPACES = re.compile(r"\s+")
_INTEGRAL = re.compile(r"(\d+)(?:\.0+)?")


def normalise_key(s: str) -> str:
    """The form of a spelling used to look it up in a code table.

    Case, spacing, dashes, slashes, colons and brackets stop mattering; apostrophes vanish
    so that "Don't" and "Dont" meet; "&" reads as "and".

    >>> normalise_key("  White \u2013 British ")
    'white british'
    >>> normalise_key("Black/African/Caribbean/Black British: African")
    'black african caribbean black british african'
    >>> normalise_key("Don\u2019t know"), normalise_key("Estates & Ancillary")
    ('dont know', 'estates and ancillary')
    >>> normalise_key("6-10"), normalise_key("Band 8-A"), normalise_key("5.0")
    ('6-10', 'band 8 a', '5.0')
    """
    s = unicodedata.normalize("NFKC", s).casefold().translate(_DASHES)
    s = _APOSTROPHES.sub("", s.replace("&", " and "))
    s = _OTHER_PUNCTUATION.sub(" ", _LOOSE_DASH_OR_DOT.sub(" ", s))
    return _SPACES.sub(" ", s).strip()


def as_text(value: object) -> str:
    """A raw cell as text. Spreadsheets hand whole numbers over as floats, so ``5.0`` reads
    as ``"5"``.

    >>> as_text(5.0), as_text(5), as_text(" A ")
    ('5', '5', ' A ')
    """
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value)


def as_int(key: str) -> int | None:
    """The whole number a normalised key spells ("5", "05", "5.0"), or None.

    >>> as_int("05"), as_int("5.0"), as_int("5a")
    (5, 5, None)
    """
    m = _INTEGRAL.fullmatch(key)
    return int(m[1]) if m else None


def codes_per_row(
    values: pd.Series, classify_one: Callable[[str], int]
) -> tuple[np.ndarray, np.ndarray, pd.Index]:
    """Classify each distinct value once and spread the answers over the rows.

    ``classify_one`` gets a distinct value as text (see ``as_text``) and returns a category
    position, ``BLANK`` or ``UNPLACED``. Missing cells are ``BLANK`` without asking it.

    Returns ``(row_codes, value_codes, uniques)``: the answer for each row; which distinct
    value each row holds (-1 for a missing cell); and the distinct raw values.
    """
    value_codes, uniques = distinct_codes(values)
    per_value = np.fromiter(
        (classify_one(as_text(u)) for u in uniques), dtype=np.int64, count=len(uniques)
    )
    # Index -1 (a missing cell) picks the BLANK appended at the end.
    row_codes = np.append(per_value, BLANK)[value_codes]
    return row_codes, value_codes, pd.Index(np.asarray(uniques, dtype=object))


def distinct_codes(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Which distinct raw value each row holds (-1 where missing), and those values. A
    category column's codes and categories are used as they are (a category no row holds
    is then among the values: readers of single values are pure, and no row picks its
    answer); anything else is hashed.
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(dtype=np.int64), values.cat.categories
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return codes, pd.Index(uniques)


def value_counts_where(value_codes: np.ndarray, uniques: pd.Index, rows: np.ndarray) -> pd.Series:
    """How many of the selected rows hold each distinct raw value, most frequent first.

    The index holds the raw values as they were in the file (each listed once); values
    that occur in none of the selected rows are left out.
    """
    picked = value_codes[rows & (value_codes >= 0)]
    counts = np.bincount(picked, minlength=len(uniques))
    present = np.flatnonzero(counts)
    # Ties in the order the values first appear in the column (for a category column the
    # codes are not in that order); only values some selected row holds are looked for.
    first = np.array([np.argmax(value_codes == c) for c in present], dtype=np.int64)
    order = np.lexsort((first, -counts[present]))
    return pd.Series(counts[present[order]], index=uniques[present[order]], name="count",
                     dtype="int64")


def categorical(row_codes: np.ndarray, categories: list[str], index: pd.Index, *, name: str,
                ordered: bool = False) -> pd.Series:
    """A ``category`` Series from category positions (negative codes become missing)."""
    dtype = pd.CategoricalDtype(categories, ordered=ordered)
    if len(row_codes) and int(row_codes.max()) >= len(categories):
        raise ValueError("a code beyond the categories")
    # Straight into the width pandas keeps a category's codes in, checked above.
    codes = np.maximum(row_codes, -1).astype(code_width(len(categories)))
    return pd.Series(pd.Categorical.from_codes(codes, dtype=dtype, validate=False), index=index,
                     name=name)


def code_width(n: int) -> type[np.signedinteger]:
    """The integer type pandas keeps the codes of ``n`` categories in.

    >>> code_width(126).__name__, code_width(127).__name__, code_width(40_000).__name__
    ('int8', 'int16', 'int32')
    """
    for width in (np.int8, np.int16, np.int32):
        if n < np.iinfo(width).max:
            return width
    return np.int64


def recode(cat: pd.Series, mapping: dict[str, str], categories: list[str], *,
           name: str) -> pd.Series:
    """A coarser ``category`` Series from a finer one (category -> group), done on the
    categories only, never row by row."""
    lookup = np.array([categories.index(mapping[c]) for c in cat.cat.categories], dtype=np.int64)
    codes = cat.cat.codes.to_numpy()
    row_codes = np.where(codes >= 0, lookup[codes], -1)
    return categorical(row_codes, categories, cat.index, name=name)


def _yes_no_one(text: str) -> int:
    key = normalise_key(text)
    if key in BLANK_KEYS:
        return BLANK
    n = as_int(key)
    answer = YES_NO.get(key if n is None else str(n))
    return UNPLACED if answer is None else int(answer)


def parse_yes_no(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Read a yes/no column.

    Accepts yes/no, y/n, true/false and 1/0 (also 1.0/0.0), in any case and with stray
    spaces. Returns the answers as a pandas ``boolean`` Series on the same index (missing
    where the cell is blank or unreadable), and the count of each unreadable raw value.

    >>> flags, bad = parse_yes_no(pd.Series(["Yes", " n ", "TRUE", 0.0, None, "maybe"]))
    >>> flags.tolist()
    [True, False, True, False, <NA>, <NA>]
    >>> bad.to_dict()
    {'maybe': 1}
    """
    row_codes, value_codes, uniques = codes_per_row(values, _yes_no_one)
    answers = pd.arrays.BooleanArray(row_codes == 1, row_codes < 0)
    flags = pd.Series(answers, index=values.index, name=values.name)
    return flags, value_counts_where(value_codes, uniques, row_codes == UNPLACED)
