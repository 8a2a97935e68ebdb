"""NHS Staff Survey answers: which column holds which item, and what each answer means.

A respondent-level survey file carries the answers that feed WRES indicators 5 to 8
(data contract §4). The questions were renumbered between survey years, so a column is
recognised either by its neutral name (``harassment_public`` ...) or by the question id of
that survey year (``q14a`` ...). ``parse_items`` then turns the answers, given as text or as
the survey's own numeric codes (data contract §7), into the item booleans of the tidy
``survey`` frame (docs/design.md):

=======================  =====================================  ==============  ===========
item                     True                                   False           NA
=======================  =====================================  ==============  ===========
harassment_public,       "1-2", "3-5", "6-10", "More than 10"   "Never" (1)     blank
harassment_manager,      (codes 2 to 5)
harassment_colleague
equal_opportunities      "Yes" (1)                              "No" (2)        "Don't know"
                                                                                (9), blank
discrimination_staff     "Yes" (1)                              "No" (2)        blank
=======================  =====================================  ==============  ===========

NA means "not in this item's base": the respondent is left out of that indicator's
denominator. An answer that cannot be read is NA too, and is reported back to the loader.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Hashable, Mapping, Sequence
from types import MappingProxyType

import numpy as np
import pandas as pd

from wres_core.codes.text import distinct_codes, value_counts_where
from wres_core.schema import SURVEY_ITEMS

__all__ = [
    "ASSUMED_YEARS",
    "ITEM_NAMES",
    "LATEST_NUMBERING_FROM",
    "item_columns",
    "item_names",
    "parse_items",
]

HARASSMENT_ITEMS = ("harassment_public", "harassment_manager", "harassment_colleague")

# --------------------------------------------------------------------------- item ids

# The question ids of each numbering, in SURVEY_ITEMS order (data contract §4). Spelled as
# the questionnaires spell them; matching ignores case.
_NUMBERING_2018 = ("Q13a", "Q13b", "Q13c", "Q14", "Q15b")
_NUMBERING_2021 = ("q14a", "q14b", "q14c", "q15", "q16b")


def _ids(ids: tuple[str, ...]) -> Mapping[str, str]:
    return MappingProxyType(dict(zip(SURVEY_ITEMS, ids, strict=True)))


#: Survey year -> {neutral item: question id}. The one table of item numbering.
#: 2018 to 2025 are from the data contract §4: Q13a, Q13b/c, Q14, Q15b to 2020 (confirmed
#: for 2020 by seed 004, the WRES technical guidance of June 2021, which cites them for the
#: survey behind the 2021 return), q14a-c, q15, q16b from the redeveloped 2021 survey.
#: 2016 and 2017 *(assumed)*: the 2018 numbering. Years outside the table *(assumed)*: see
#: :func:`item_names`.
ITEM_NAMES: Mapping[int, Mapping[str, str]] = MappingProxyType(
    {
        2016: _ids(_NUMBERING_2018),  # (assumed)
        2017: _ids(_NUMBERING_2018),  # (assumed)
        2018: _ids(_NUMBERING_2018),
        2019: _ids(_NUMBERING_2018),
        2020: _ids(_NUMBERING_2018),
        2021: _ids(_NUMBERING_2021),
        2022: _ids(_NUMBERING_2021),
        2023: _ids(_NUMBERING_2021),
        2024: _ids(_NUMBERING_2021),
        2025: _ids(_NUMBERING_2021),
    }
)

#: Survey years whose numbering the data contract does not give (besides years outside
#: ITEM_NAMES, which are all assumed).
ASSUMED_YEARS = frozenset({2016, 2017})

#: The first survey year of the numbering still in use; also used where a file says no year.
LATEST_NUMBERING_FROM = 2021


def item_names(survey_year: int) -> Mapping[str, str]:
    """{neutral item: question id} for a survey year.

    Years after the table *(assumed)* keep the latest numbering; years before it *(assumed)*
    take the earliest.

    >>> item_names(2023)["equal_opportunities"], item_names(2019)["equal_opportunities"]
    ('q15', 'Q14')
    >>> item_names(2030)["harassment_public"], item_names(2014)["harassment_public"]
    ('q14a', 'Q13a')
    """
    year = int(survey_year)
    first, last = min(ITEM_NAMES), max(ITEM_NAMES)
    return ITEM_NAMES[min(max(year, first), last)]


def _key(name: object) -> str:
    """A column name reduced to lower-case letters and digits (as the loader matches them)."""
    return re.sub(r"[^0-9a-z]+", "", str(name).casefold())


def item_columns(columns: Sequence[str], survey_year: int | None) -> dict[str, str]:
    """Which of the user's columns holds each item: ``{neutral item: column}``.

    A column is recognised by the neutral name (``harassment_public``, also spelled
    ``Harassment Public``) or by the question id of ``survey_year`` (``q14a``, ``Q14A``),
    ignoring case, spaces and punctuation; the neutral name wins where a file has both.
    The survey year decides what an id means: ``q14`` is the 2018 to 2020 equal-opportunities
    question, and is not read as anything in 2021 numbering (where harassment is
    ``q14a`` to ``q14c``). Items no column holds are absent from the result.

    With no survey year (call once per year for a file that holds several), neutral names
    come first, then the 2021+ numbering; the 2018 to 2020 numbering is used only when the
    file has no 2021+ id at all, so that the two are never mixed.

    >>> item_columns(["q14a", "q14b", "q14c", "q15", "q16b"], 2023)["equal_opportunities"]
    'q15'
    >>> item_columns(["q13a", "q14", "q15b"], 2019)
    {'harassment_public': 'q13a', 'equal_opportunities': 'q14', 'discrimination_staff': 'q15b'}
    >>> item_columns(["q14", "q15b"], 2023)
    {}
    >>> item_columns(["harassment_public", "q14b"], None)
    {'harassment_public': 'harassment_public', 'harassment_manager': 'q14b'}
    """
    by_key: dict[str, str] = {}
    for col in columns:
        by_key.setdefault(_key(col), col)  # first spelling wins where two reduce alike

    if survey_year is not None:
        numberings = [item_names(survey_year)]
    else:
        latest, earliest = item_names(LATEST_NUMBERING_FROM), item_names(min(ITEM_NAMES))
        has_latest = any(_key(q) in by_key for q in latest.values())
        numberings = [latest] if has_latest else [latest, earliest]

    out: dict[str, str] = {}
    for item in SURVEY_ITEMS:
        candidates = [item] + [ids[item] for ids in numberings]
        for cand in candidates:
            col = by_key.get(_key(cand))
            if col is not None:
                out[item] = col
                break
    return out


# --------------------------------------------------------------------------- answers

_UNREADABLE = object()  # an answer that is neither blank nor on the item's scale

# Normalised answer text -> item value. Keys are as produced by _answer_key: lower case,
# numbers as integers ("2.0" -> "2"), dashes and "to" between numbers as "-", no spaces,
# no apostrophes, no "times".
_HARASSMENT = {
    "never": False,
    "1": False,  # the survey's code for "Never"
    "1-2": True,
    "3-5": True,
    "6-10": True,
    "morethan10": True,
    "2": True,
    "3": True,
    "4": True,
    "5": True,
    # already converted to the item boolean (a file this tool wrote, for instance)
    "true": True,
    "false": False,
}
_YES_NO = {
    "yes": True,
    "y": True,
    "1": True,
    "true": True,
    "no": False,
    "n": False,
    "2": False,
    "false": False,
    "0": False,  # 1/0 flags (data contract §2 yes/no spellings); 0 is no survey code
}
_DONT_KNOW = {"dontknow": None, "donotknow": None, "9": None}

_SCALES: dict[str, dict[str, bool | None]] = {
    "harassment_public": _HARASSMENT,
    "harassment_manager": _HARASSMENT,
    "harassment_colleague": _HARASSMENT,
    "equal_opportunities": {**_YES_NO, **_DONT_KNOW},
    "discrimination_staff": _YES_NO,
}

_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2019": "'"})


def _answer_key(value: object) -> str | None:
    """One answer reduced for lookup; None where it is blank.

    >>> [_answer_key(v) for v in (" More than 10 times ", "1 - 2", 3.0, "Don\u2019t Know", "")]
    ['morethan10', '1-2', '3', 'dontknow', None]
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):  # a code read as a float, such as 2.0 from Parquet
        value = float(value)
        return str(int(value)) if math.isfinite(value) and value.is_integer() else str(value)
    text = str(value).translate(_DASHES).casefold().strip()
    if not text:
        return None
    text = re.sub(r"^(\d+)\.0+$", r"\1", text)  # "2.0" as a spreadsheet may write 2
    text = re.sub(r"(\d)\s*(?:-|to)\s*(\d)", r"\1-\2", text)  # "1 to 2", "1 - 2"
    text = re.sub(r"\btimes?\b", "", text)
    return re.sub(r"[\s'.]+", "", text)


def _read(item: str, value: Hashable) -> object:
    """True, False, None (not in base) or _UNREADABLE for one raw answer."""
    k = _answer_key(value)
    if k is None:
        return None
    return _SCALES[item].get(k, _UNREADABLE)


def parse_items(
    raw: pd.DataFrame, mapping: Mapping[str, str]
) -> tuple[pd.DataFrame, dict[str, pd.Series]]:
    """Read the survey answers into the item booleans.

    ``mapping`` is ``{neutral item: column of raw}`` as :func:`item_columns` gives it.
    Returns a frame on ``raw``'s index with one ``boolean`` column per mapped item (in
    ``SURVEY_ITEMS`` order), and for each item with answers it could not read, their value
    counts (raw value -> rows), most frequent first. Unreadable answers are NA in the frame.

    Answers may be text or the survey's codes, as numbers or as text, in any case and
    spacing (see the module docstring for the scales).

    >>> raw = pd.DataFrame({"q14a": ["Never", "1 - 2 times", None, "often"],
    ...                     "q15": [1, 2, 9, None]})
    >>> items, bad = parse_items(raw, {"harassment_public": "q14a",
    ...                                "equal_opportunities": "q15"})
    >>> items["harassment_public"].tolist(), items["equal_opportunities"].tolist()
    ([False, True, <NA>, <NA>], [True, False, <NA>, <NA>])
    >>> bad["harassment_public"].to_dict()
    {'often': 1}
    """
    out: dict[str, pd.Series] = {}
    unreadable: dict[str, pd.Series] = {}
    for item in SURVEY_ITEMS:
        if item not in mapping:
            continue
        col = raw[mapping[item]]
        # Read each distinct answer once: a survey file has many rows and few answers.
        codes, uniques = distinct_codes(col)
        read = [_read(item, u) for u in uniques]
        # One lookup per row for the answer and one for "no answer"; code -1 (a missing
        # value) picks the trailing entries.
        missing = np.array([r is None or r is _UNREADABLE for r in read] + [True])
        answer = np.array([not m and bool(r) for r, m in zip(read, missing, strict=False)]
                          + [False])
        values = pd.arrays.BooleanArray(answer[codes], missing[codes])
        out[item] = pd.Series(values, index=raw.index, name=item)
        bad = np.array([r is _UNREADABLE for r in read] + [False])
        if bad.any():
            counts = value_counts_where(codes, pd.Index(np.asarray(uniques, dtype=object)),
                                        bad[codes])
            if len(counts):  # a category no row holds is not listed
                unreadable[item] = counts.rename(item)
    frame = pd.DataFrame(out, index=raw.index)
    for item in out:
        frame[item] = frame[item].astype("boolean")
    return frame, unreadable
