"""Pay bands and medical grades: every spelling found in the files, to one row of indicator 1
(data contract §3 and §7).

The tables that decide: ``BAND_SPELLINGS`` (whole spellings), ``_FILLER_WORDS`` and
``_BAND_TOKENS`` (what is left of "AfC Band 8 - Range A" once the words that say nothing are
taken out), and the editable CSV ``tables/medical_grades.csv`` (ESR medical grade names to
the four medical rows).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Mapping
from importlib import resources

import numpy as np
import pandas as pd

from wres_core.codes.text import (
    BLANK,
    BLANK_KEYS,
    UNPLACED,
    as_int,
    categorical,
    codes_per_row,
    normalise_key,
    parse_yes_no,
    value_counts_where,
)

AFC_BANDS: list[str] = [
    "Under Band 1", "Band 1", "Band 2", "Band 3", "Band 4", "Band 5", "Band 6", "Band 7",
    "Band 8a", "Band 8b", "Band 8c", "Band 8d", "Band 9", "VSM",
]
MEDICAL_ROWS: list[str] = [
    "Consultant", "Non-consultant career grade", "Trainee grade", "Other medical",
]
OTHER = "Other"  # staff on a pay scale that is neither Agenda for Change nor medical
# Data quality's row for staff whose band or grade could not be read. Not a band: those
# staff count in every figure that does not split by band, and in no band row.
UNRECOGNISED = "Unrecognised band"
# The tidy frame's column marking those staff (the category UNRECOGNISED; NA elsewhere).
UNRECOGNISED_COLUMN = "unrecognised_band"
BAND_ORDER: list[str] = [*AFC_BANDS, *MEDICAL_ROWS, OTHER]
# Band 8a and above, the Model Employer bands.
SENIOR_BANDS: list[str] = AFC_BANDS[AFC_BANDS.index("Band 8a"):]

# A pay band that says only "a doctor": the medical grade must decide the row.
MEDICAL_NO_BAND = "(medical: use the grade)"
# The "of which" row indicator 1 prints under Consultant (data contract §3). Read back as
# input it is a Consultant; the loader also sets the row's senior medical manager flag.
SENIOR_MEDICAL_MANAGER = "Senior medical manager"

# Whole spellings (after normalise_key) that the band tokens below do not cover.
BAND_SPELLINGS: dict[str, str] = {
    "vsm": "VSM",
    "very senior manager": "VSM",
    "very senior managers": "VSM",
    "very senior management": "VSM",
    "medical": MEDICAL_NO_BAND,
    "medical and dental": MEDICAL_NO_BAND,
    "medical dental": MEDICAL_NO_BAND,
    "m and d": MEDICAL_NO_BAND,
    "doctor": MEDICAL_NO_BAND,
    "doctors": MEDICAL_NO_BAND,
    "other": OTHER,
    "other pay scale": OTHER,
    "other pay": OTHER,
    "non afc": OTHER,
    "non agenda for change": OTHER,
    "not afc": OTHER,
    "local pay": OTHER,
    "local": OTHER,
    "locally agreed": OTHER,
    "local terms": OTHER,
    "spot salary": OTHER,
    "spot": OTHER,
    "ad hoc": OTHER,
    "adhoc": OTHER,
    "personal salary": OTHER,
    "non nhs": OTHER,
    "senior medical managers": "Consultant",
}

# Words that carry nothing about which band ("AfC Band 5", "Review Body Band 5",
# "Apprentice/Band 1"); what is left, without spaces, is looked up in _BAND_TOKENS.
_FILLER_WORDS = ("agenda for change", "afc", "review body", "nhs", "payband", "pay", "band",
                 "range", "apprentice")
_BAND_TOKENS: dict[str, str] = {
    "under1": "Under Band 1",
    "below1": "Under Band 1",
    "1": "Band 1",
    "2": "Band 2",
    "3": "Band 3",
    "4": "Band 4",
    "5": "Band 5",
    "6": "Band 6",
    "7": "Band 7",
    "8a": "Band 8a",
    "8b": "Band 8b",
    "8c": "Band 8c",
    "8d": "Band 8d",
    "9": "Band 9",
}
_FILLER = re.compile(r"\b(?:" + "|".join(_FILLER_WORDS) + r")\b")

_MEDICAL_GRADES_CSV = "tables/medical_grades.csv"


def load_medical_grades(text: str | None = None) -> dict[str, str]:
    """The medical grade table, normalised grade name -> medical row.

    Reads ``tables/medical_grades.csv`` (columns ``grade``, ``row``) unless ``text`` gives
    the CSV itself. Raises ValueError, naming the line, on a row that is not one of
    ``MEDICAL_ROWS`` or a grade listed twice with different rows.
    """
    if text is None:
        text = resources.files(__package__).joinpath(_MEDICAL_GRADES_CSV).read_text("utf-8")
    grades: dict[str, str] = {}
    for line, record in enumerate(csv.DictReader(text.splitlines()), start=2):
        grade, row = record["grade"].strip(), record["row"].strip()
        if row not in MEDICAL_ROWS:
            raise ValueError(f"{_MEDICAL_GRADES_CSV} line {line}: row {row!r} for {grade!r} "
                             f"must be one of {', '.join(MEDICAL_ROWS)}")
        if grades.setdefault(normalise_key(grade), row) != row:
            raise ValueError(f"{_MEDICAL_GRADES_CSV} line {line}: {grade!r} is listed twice "
                             "with different rows")
    return grades


MEDICAL_GRADES: dict[str, str] = load_medical_grades()

# Every row name the results table prints reads back to itself ("Trainee grade",
# "Non-consultant career grade"): a file or a mapping written from our own output loads.
BAND_SPELLINGS.update({normalise_key(row): row for row in BAND_ORDER})
BAND_SPELLINGS[normalise_key(SENIOR_MEDICAL_MANAGER)] = "Consultant"

_INDEX = {row: i for i, row in enumerate(BAND_ORDER)}
_OTHER_CODE = _INDEX[OTHER]
_MEDICAL_CODE = -3  # besides BLANK and UNPLACED: "Medical", no band


def _builtin_code(key: str) -> int:
    row = BAND_SPELLINGS.get(key) or MEDICAL_GRADES.get(key)
    if row is None:
        number = as_int(key)
        token = str(number) if number is not None else _FILLER.sub("", key).replace(" ", "")
        row = _BAND_TOKENS.get(token)
    if row is None:
        return UNPLACED
    return _MEDICAL_CODE if row == MEDICAL_NO_BAND else _INDEX[row]


def _classifier(extra: Mapping[str, str] | None) -> Callable[[str], int]:
    own: dict[str, int] = {}
    for raw, target in (extra or {}).items():
        code = _builtin_code(normalise_key(target))
        if code == UNPLACED:
            raise ValueError(f"mapping target {target!r} is not a pay band or medical grade; "
                             f"use one of: {', '.join(BAND_ORDER)}")
        own[normalise_key(raw)] = code

    def one(raw: str) -> int:
        # Pay-scale strings ("NHS|XR05|Review Body Band 5") name the band after the last "|".
        keys = (normalise_key(raw), normalise_key(raw.rsplit("|", 1)[-1]))
        for key in keys:
            if key in own:
                return own[key]
        if keys[1] in BLANK_KEYS:
            return BLANK
        return _builtin_code(keys[1])

    return one


def classify(
    pay_band: pd.Series | None,
    *,
    medical_grade: pd.Series | None = None,
    extra: Mapping[str, str] | None = None,
) -> tuple[pd.Series, pd.Series]:
    """Canonical pay band row of every row (an ordered ``category`` over ``BAND_ORDER``).

    An Agenda for Change band or a medical row in ``pay_band`` decides. Where the band is
    blank, says only "Medical", is a non-AfC pay scale ("Other") or cannot be read, a
    recognised ``medical_grade`` on the same row decides instead (the two Series are read
    side by side, by position); either Series alone works too. ``extra`` maps the user's
    own spellings to a row or to any spelling this module knows; it wins over the built-in
    tables.

    Returns the rows, named ``pay_band`` on ``pay_band``'s index (NA where nothing could
    place the row), and the count of each raw value that could not be placed: the pay band
    where it was given, else the medical grade ("Medical" itself where there is no grade).
    Rows with neither are NA and not reported.

    >>> rows, unplaced = classify(pd.Series(["Band 8 - Range A", "Medical", "Band 8"]),
    ...                           medical_grade=pd.Series(["", "Specialty Doctor", ""]))
    >>> rows.tolist()
    ['Band 8a', 'Non-consultant career grade', nan]
    >>> unplaced.to_dict()
    {'Band 8': 1}
    """
    if pay_band is None and medical_grade is None:
        raise ValueError("classify needs a pay_band or a medical_grade Series")
    if pay_band is not None and medical_grade is not None and len(pay_band) != len(medical_grade):
        raise ValueError("pay_band and medical_grade must have the same number of rows")
    one = _classifier(extra)
    index = (pay_band if pay_band is not None else medical_grade).index
    band, band_values, band_uniques = _codes(pay_band, one, len(index))
    grade, grade_values, grade_uniques = _codes(medical_grade, one, len(index))

    band_decides = (band >= 0) & (band != _OTHER_CODE)
    row = np.where(band_decides, band, np.where(grade >= 0, grade, band))
    unplaced = row < 0
    report_band = unplaced & ((band == UNPLACED) | ((band == _MEDICAL_CODE) & (grade == BLANK)))
    report_grade = unplaced & ~report_band & (grade != BLANK)
    counts = pd.concat([
        value_counts_where(band_values, band_uniques, report_band),
        value_counts_where(grade_values, grade_uniques, report_grade),
    ])
    counts = counts.groupby(level=0, sort=False).sum().sort_values(ascending=False,
                                                                   kind="stable")
    return categorical(row, BAND_ORDER, index, name="pay_band", ordered=True), counts


def _codes(values: pd.Series | None, one: Callable[[str], int],
           n: int) -> tuple[np.ndarray, np.ndarray, pd.Index]:
    if values is None:
        return np.full(n, BLANK), np.full(n, -1), pd.Index([], dtype=object)
    return codes_per_row(values, one)


def is_senior_medical_manager(values: pd.Series) -> pd.Series:
    """The senior medical manager flag as plain bools: yes/no as ``parse_yes_no`` reads it,
    blank or unreadable as False (the flag marks the few, so no answer means not one)."""
    flags, _ = parse_yes_no(values)
    return flags.fillna(False).astype(bool)
