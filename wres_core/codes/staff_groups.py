"""ESR staff groups, and the clinical / non-clinical split of indicator 1 (data contract §3).

Source: NHS Data Dictionary STAFF GROUP (national codes 01 to 10) and the ESR guide to Staff
Group, Job Role and Area of Work.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from wres_core import schema
from wres_core.codes.text import (
    BLANK,
    BLANK_KEYS,
    UNPLACED,
    YES_NO,
    as_int,
    categorical,
    codes_per_row,
    normalise_key,
    value_counts_where,
)

CLINICAL_LEVELS: list[str] = list(schema.CLINICAL_LEVELS)
NON_CLINICAL_LEVEL, CLINICAL = CLINICAL_LEVELS

# The ten national staff groups: canonical name, national code, clinical or not, and the
# other spellings seen in ESR extracts and reports. Plural/singular, case, "&" and
# punctuation are matched anyway.
# Students: their own group says nothing of the profession they train for, but nearly all
# are nursing, midwifery, medical or AHP students, so they count as Clinical (assumed)
# unless a row's own `clinical` flag says otherwise.
# Supplementary Roles: ESR files roles outside the professional groups here (board and
# other non-standard positions), none defined by patient care, so Non-clinical (assumed).
_GROUPS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("Additional Clinical Services", "07", CLINICAL, (
        "Add Clinical Services", "Additional Clinical Service")),
    ("Additional Professional Scientific and Technical", "05", CLINICAL, (
        "Add Prof Scientific and Technic", "Add Prof Scientific and Technical",
        "Additional Prof Scientific and Technical", "Additional Prof Scientific and Technic",
        "Additional Professional Scientific and Technic", "APST",
        "Professional Scientific and Technical")),
    ("Administrative and Clerical", "08", NON_CLINICAL_LEVEL, (
        "Admin and Clerical", "Admin Clerical", "Administration and Clerical",
        "Administrative Clerical", "A and C")),
    ("Allied Health Professionals", "04", CLINICAL, (
        "Allied Health Professional", "AHP", "AHPs", "Allied Health")),
    ("Estates and Ancillary", "09", NON_CLINICAL_LEVEL, (
        "Estates Ancillary", "Estates and Ancilliary", "E and A")),
    ("Healthcare Scientists", "06", CLINICAL, (
        "Healthcare Scientist", "Healthcare Science", "Health Care Scientists",
        "Healthcare Scientific")),
    ("Medical and Dental", "01", CLINICAL, (
        "Medical Dental", "M and D", "Medical and Dental Staff")),
    # Unregistered nursing support sits in Additional Clinical Services, so a bare "Nursing
    # and Midwifery" in a staff group column is read as ESR's registered group.
    ("Nursing and Midwifery Registered", "03", CLINICAL, (
        "Nursing and Midwifery Reg", "Nursing Midwifery Registered",
        "Registered Nursing and Midwifery", "Nursing and Midwifery",
        "Registered Nurses and Midwives", "Nurses and Midwives")),
    ("Students", "02", CLINICAL, ("Student",)),
    ("Supplementary Roles", "10", NON_CLINICAL_LEVEL, ("Supplementary Role", "Supplementary")),
)

STAFF_GROUPS: list[str] = [name for name, _, _, _ in _GROUPS]
CODE_OF: dict[str, str] = {name: code for name, code, _, _ in _GROUPS}
CLINICAL_OF: dict[str, str] = {name: clinical for name, _, clinical, _ in _GROUPS}
NON_CLINICAL: list[str] = [name for name in STAFF_GROUPS if CLINICAL_OF[name] == NON_CLINICAL_LEVEL]

# Spellings of the `clinical` column besides yes/no.
CLINICAL_SPELLINGS: dict[str, bool] = {
    "clinical": True, "non clinical": False, "nonclinical": False, "not clinical": False,
}


def _key(text: str) -> str:
    """Normalised, with each word's plural "s" dropped, so "Scientists" meets "Scientist"."""
    words = normalise_key(text).split()
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                    for w in words)


def _build_spellings() -> dict[str, str]:
    spellings: dict[str, str] = {}
    for name, _, _, others in _GROUPS:
        for spelling in (name, *others):
            if spellings.setdefault(_key(spelling), name) != name:
                raise ValueError(f"staff group spelling {spelling!r} is used twice")
    return spellings


SPELLINGS: dict[str, str] = _build_spellings()
_INDEX = {name: i for i, name in enumerate(STAFF_GROUPS)}
_OF_NUMBER = {int(code): _INDEX[name] for name, code in CODE_OF.items()}


def _classifier(extra: Mapping[str, str] | None) -> Callable[[str], int]:
    own: dict[str, int] = {}
    for raw, target in (extra or {}).items():
        code = _builtin_code(target)
        if code < 0:
            raise ValueError(f"mapping target {target!r} is not a staff group; use one of: "
                             f"{', '.join(STAFF_GROUPS)}")
        own[_key(raw)] = code

    def one(raw: str) -> int:
        key = _key(raw)
        return own[key] if key in own else _builtin_code(raw)

    return one


def _builtin_code(raw: str) -> int:
    key = _key(raw)
    if key in BLANK_KEYS:
        return BLANK
    if key in SPELLINGS:
        return _INDEX[SPELLINGS[key]]
    number = as_int(key)
    return _OF_NUMBER.get(number, UNPLACED) if number is not None else UNPLACED


def classify(values: pd.Series, *, extra: Mapping[str, str] | None = None,
             ) -> tuple[pd.Series, pd.Series]:
    """Canonical ESR staff group of every row (``category`` over ``STAFF_GROUPS``).

    Accepts the names, ESR's abbreviations ("Add Prof Scientific and Technic"), singular or
    plural, "&" for "and", any case, and the national codes 01 to 10. ``extra`` maps the
    user's own spellings to a staff group; it wins over the built-in table.

    Returns the groups, named ``staff_group`` on the same index (NA where blank or not
    recognised), and the count of each raw value that could not be recognised.

    >>> groups, unknown = classify(pd.Series(["Add Prof Scientific and Technic", "08", "x"]))
    >>> groups.tolist()
    ['Additional Professional Scientific and Technical', 'Administrative and Clerical', nan]
    >>> unknown.to_dict()
    {'x': 1}
    """
    row_codes, value_codes, uniques = codes_per_row(values, _classifier(extra))
    unknown = value_counts_where(value_codes, uniques, row_codes == UNPLACED)
    return categorical(row_codes, STAFF_GROUPS, values.index, name="staff_group"), unknown


def _clinical_one(raw: str) -> int:
    key = normalise_key(raw)
    if key in BLANK_KEYS:
        return BLANK
    number = as_int(key)
    answer = CLINICAL_SPELLINGS.get(key, YES_NO.get(key if number is None else str(number)))
    if answer is None:
        return UNPLACED
    return CLINICAL_LEVELS.index(CLINICAL if answer else NON_CLINICAL_LEVEL)


def clinical_from(*, staff_group: pd.Series | None = None,
                  clinical: pd.Series | None = None) -> pd.Series:
    """Clinical or Non-clinical for every row (``category`` over ``CLINICAL_LEVELS``).

    The row's own ``clinical`` answer (yes/no, or "Clinical"/"Non-clinical") wins where it
    can be read; elsewhere the staff group decides (``CLINICAL_OF``). NA where neither is
    known. The two Series are read side by side, by position; the result takes the index of
    ``clinical`` where given, else of ``staff_group``. Unreadable ``clinical`` answers fall
    back on the staff group; the loader reports them with ``text.parse_yes_no``.

    >>> clinical_from(staff_group=pd.Series(["Estates & Ancillary", "Students", None]),
    ...               clinical=pd.Series([None, "No", None])).tolist()
    ['Non-clinical', 'Non-clinical', nan]
    """
    if staff_group is None and clinical is None:
        raise ValueError("clinical_from needs a staff_group or a clinical Series")
    if staff_group is not None and clinical is not None and len(staff_group) != len(clinical):
        raise ValueError("staff_group and clinical must have the same number of rows")
    index = (clinical if clinical is not None else staff_group).index
    levels = np.full(len(index), -1, dtype=np.int64)
    if staff_group is not None:
        groups, _ = classify(staff_group)
        of_group = np.array([CLINICAL_LEVELS.index(CLINICAL_OF[g]) for g in STAFF_GROUPS])
        codes = groups.cat.codes.to_numpy()
        levels = np.where(codes >= 0, of_group[codes], -1)
    if clinical is not None:
        answers, _, _ = codes_per_row(clinical, _clinical_one)
        levels = np.where(answers >= 0, answers, levels)
    return categorical(levels, CLINICAL_LEVELS, index, name="clinical")
