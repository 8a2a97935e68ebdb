"""Ethnic category: every spelling found in the files, to one category, broad group and WRES
group (data contract §3 and §7).

Sources: NHS England, *Additional Information for the NHS WRES* (v7, 2021), Annex B (the
2001 census categories A to S and Z, and the old codes 0 to 9); the NHS Data Dictionary
ETHNIC CATEGORY; the 2021 census additions; the NHS Staff Survey's ethnicity question.

Everything that decides a classification is one of the tables below, or the editable CSV
``tables/esr_ethnicity_subcodes.csv`` (the ESR / NHS Data Dictionary two-character local
sub-codes). ``classify`` reads them in this order, first match wins: the user's own mapping
(``extra``); a spelling that means "not known"; a spelling of a category; a bare number (old
code, or the survey's own code in survey files); a 2001 code letter or an ESR two-character
sub-code, in any case, with or without a description after it; a number followed by a
description.

Sub-codes (data contract §3 and §7): only the first letter counts ("LB Punjabi" is L, Any
other Asian background), except the Gypsy and Irish Traveller ones, which go to their own
2021 census category. Confirmed: the C, G, L and P sub-codes, from the NHS Data Dictionary
(PDS ETHNIC CATEGORY CODE, the national codes with the local sub-codes ESR uses; CL Irish
Traveller, CM Traveller, CN Gypsy/Romany). Assumed: the S sub-codes (SA to SE, as ESR
extracts show them; not in that source), and that neither ESR nor the Data Dictionary has a
sub-code for Roma or Arab: those arrive as labels ("White - Roma", "Arab") and are read by
name.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Mapping
from importlib import resources

import numpy as np
import pandas as pd

from wres_core import schema
from wres_core.codes.text import (
    BLANK,
    BLANK_KEYS,
    UNPLACED,
    as_int,
    categorical,
    codes_per_row,
    normalise_key,
    recode,
    value_counts_where,
)

WRES_GROUPS: list[str] = list(schema.WRES_GROUPS)
BROAD_GROUPS: list[str] = list(schema.BROAD_GROUPS)
WHITE, BME, UNKNOWN = WRES_GROUPS

# The categories, in display order: 2001 code letter (none for later additions), label,
# broad group, WRES group. Chinese sits under broad Other, as in the 2001 codes. Filipino
# is the 2025 Staff Survey's answer; it has no 2001 code.
CATEGORIES: tuple[tuple[str, str, str, str], ...] = (
    ("A", "White - British", "White", WHITE),
    ("B", "White - Irish", "White", WHITE),
    ("", "White - Gypsy or Irish Traveller", "White", WHITE),
    ("", "White - Roma", "White", WHITE),
    ("C", "White - Any other White background", "White", WHITE),
    ("D", "Mixed - White and Black Caribbean", "Mixed", BME),
    ("E", "Mixed - White and Black African", "Mixed", BME),
    ("F", "Mixed - White and Asian", "Mixed", BME),
    ("G", "Mixed - Any other mixed background", "Mixed", BME),
    ("H", "Asian or Asian British - Indian", "Asian", BME),
    ("J", "Asian or Asian British - Pakistani", "Asian", BME),
    ("K", "Asian or Asian British - Bangladeshi", "Asian", BME),
    ("", "Asian or Asian British - Filipino", "Asian", BME),
    ("L", "Asian or Asian British - Any other Asian background", "Asian", BME),
    ("M", "Black or Black British - Caribbean", "Black", BME),
    ("N", "Black or Black British - African", "Black", BME),
    ("P", "Black or Black British - Any other Black background", "Black", BME),
    ("R", "Other ethnic group - Chinese", "Other", BME),
    ("", "Other ethnic group - Arab", "Other", BME),
    ("S", "Other ethnic group - Any other ethnic group", "Other", BME),
    ("Z", "Unknown", "Unknown", UNKNOWN),
)

CATEGORY_ORDER: list[str] = [label for _, label, _, _ in CATEGORIES]
BROAD_OF: dict[str, str] = {label: broad for _, label, broad, _ in CATEGORIES}
WRES_OF: dict[str, str] = {label: wres for _, label, _, wres in CATEGORIES}
CATEGORY_OF_CODE: dict[str, str] = {code: label for code, label, _, _ in CATEGORIES if code}

(W_BRITISH, W_IRISH, W_GYPSY, W_ROMA, W_OTHER, M_WBC, M_WBA, M_WA, M_OTHER, A_INDIAN,
 A_PAKISTANI, A_BANGLADESHI, A_FILIPINO, A_OTHER, B_CARIBBEAN, B_AFRICAN, B_OTHER, O_CHINESE,
 O_ARAB, O_OTHER, NOT_KNOWN) = CATEGORY_ORDER

# The old (pre-2001) codes, Annex B. Old 0 says only "White": it goes where ESR puts an
# unspecified White background, C (assumed).
OLD_CODES: dict[int, str] = {
    0: W_OTHER,
    1: B_CARIBBEAN,
    2: B_AFRICAN,
    3: B_OTHER,
    4: A_INDIAN,
    5: A_PAKISTANI,
    6: A_BANGLADESHI,
    7: O_CHINESE,
    8: O_OTHER,
    9: NOT_KNOWN,
}

# NHS Staff Survey answer codes for "What is your ethnic background?", by survey year
# (first, last; None = open-ended).
# (assumed) The numbering follows the order the questionnaire prints its answers in, the
# 18-answer GOV.UK / 2011 census list (White 1-4, Mixed 5-8, Asian 9-13, Black 14-16,
# Other 17-18); the official data dictionary was not available to check it, nor whether
# surveys before 2021 used the same list. What is known: the 2025 survey inserted
# "13 Filipino" in the Asian section and moved every later answer up by one.
SURVEY_CODES: tuple[tuple[int | None, int | None, dict[int, str]], ...] = (
    (None, 2024, {
        1: W_BRITISH,  # English / Welsh / Scottish / Northern Irish / British
        2: W_IRISH,
        3: W_GYPSY,  # Gypsy or Irish Traveller
        4: W_OTHER,
        5: M_WBC,
        6: M_WBA,
        7: M_WA,
        8: M_OTHER,
        9: A_INDIAN,
        10: A_PAKISTANI,
        11: A_BANGLADESHI,
        12: O_CHINESE,
        13: A_OTHER,
        14: B_AFRICAN,
        15: B_CARIBBEAN,
        16: B_OTHER,
        17: O_ARAB,
        18: O_OTHER,
    }),
    (2025, None, {
        1: W_BRITISH,
        2: W_IRISH,
        3: W_GYPSY,
        4: W_OTHER,
        5: M_WBC,
        6: M_WBA,
        7: M_WA,
        8: M_OTHER,
        9: A_INDIAN,
        10: A_PAKISTANI,
        11: A_BANGLADESHI,
        12: O_CHINESE,
        13: A_FILIPINO,
        14: A_OTHER,
        15: B_AFRICAN,
        16: B_CARIBBEAN,
        17: B_OTHER,
        18: O_ARAB,
        19: O_OTHER,
    }),
)

# Spellings (after normalise_key) that mean the ethnicity is not known. Bare numbers are
# not here ("9" is Unknown only as an old code) except 99, the Data Dictionary's "not known".
UNKNOWN_SPELLINGS: frozenset[str] = BLANK_KEYS | {
    "z", "x", "99", "unknown", "not known", "nk", "ns", "not stated", "not stated person asked "
    "but declined to provide a response", "unspecified", "not specified", "prefer not to say",
    "i would prefer not to say", "prefer not to answer", "not declared", "undeclared",
    "blank", "blank entry", "i do not wish to disclose", "i do not wish to disclose my "
    "ethnic origin", "do not wish to disclose", "not disclosed", "not given", "not provided",
    "not recorded", "refused", "declined", "information refused", "withheld", "no response",
    "no answer", "not answered", "missing",
}

# How the files name each category: the group words that may come first ("White",
# "Asian or Asian British", "Black/African/Caribbean/Black British" ...) and the names that
# follow them. A name is accepted on its own too, wherever it names only one category
# ("Irish", "Indian"; not "Any other", which every group has).
_FAMILIES: dict[str, tuple[str, ...]] = {
    "white": ("white",),
    "mixed": ("mixed", "mixed multiple ethnic groups", "mixed multiple ethnic group",
              "mixed or multiple ethnic groups", "mixed or multiple ethnic group", "mixed multiple",
              "mixed or multiple", "mixed ethnic group", "mixed background", "dual heritage"),
    "asian": ("asian", "asian or asian british", "asian asian british", "asian british",
              "asian asian british or asian welsh", "asian asian british asian welsh"),
    "black": ("black", "black or black british", "black black british", "black british",
              "black african caribbean black british", "black african caribbean or black british",
              "black african caribbean", "black black british black welsh caribbean or african",
              "black black british caribbean or african"),
    "other": ("other", "other ethnic group", "other ethnic groups", "other ethnic background",
              "other ethnic"),
}
_ANY_OTHER = ("other", "any other", "any other background", "other background", "unspecified")
_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    W_BRITISH: (("white",), (
        "british", "english welsh scottish northern irish british",
        "english welsh scottish northern irish or british", "english", "welsh", "scottish",
        "northern irish", "english scottish welsh northern irish british")),
    W_IRISH: (("white",), ("irish",)),
    W_GYPSY: (("white",), (
        "gypsy or irish traveller", "gypsy irish traveller", "gypsy or traveller",
        "gypsy traveller", "gypsy", "irish traveller", "traveller", "gypsy romany",
        "romany gypsy", "romany", "traveller of irish heritage", "gypsy or romany")),
    W_ROMA: (("white",), ("roma",)),
    W_OTHER: (("white",), (
        "any other white background", "any other white", "other white background",
        "other white", "white other", *_ANY_OTHER)),
    M_WBC: (("mixed",), ("white and black caribbean", "white black caribbean",
                         "black caribbean and white")),
    M_WBA: (("mixed",), ("white and black african", "white black african",
                         "black african and white")),
    M_WA: (("mixed",), ("white and asian", "white asian", "asian and white")),
    M_OTHER: (("mixed",), (
        "any other mixed background", "any other mixed multiple ethnic background",
        "any other mixed or multiple ethnic background", "any other mixed ethnic background",
        "other mixed background", "other mixed", "any other mixed",
        "other mixed or multiple ethnic groups", "other mixed multiple ethnic groups",
        *_ANY_OTHER)),
    A_INDIAN: (("asian",), ("indian",)),
    A_PAKISTANI: (("asian",), ("pakistani",)),
    A_BANGLADESHI: (("asian",), ("bangladeshi",)),
    A_FILIPINO: (("asian",), ("filipino",)),
    A_OTHER: (("asian",), (
        "any other asian background", "any other asian", "other asian background",
        "other asian", *_ANY_OTHER)),
    B_CARIBBEAN: (("black",), ("caribbean",)),
    B_AFRICAN: (("black",), ("african",)),
    B_OTHER: (("black",), (
        "any other black background", "any other black african caribbean background",
        "any other black african or caribbean background", "any other black",
        "other black background", "other black", *_ANY_OTHER)),
    # The 2001 codes put Chinese under Other; the 2011 and 2021 lists under Asian.
    O_CHINESE: (("other", "asian"), ("chinese",)),
    O_ARAB: (("other",), ("arab",)),
    O_OTHER: (("other",), (
        "any other ethnic group", "any other ethnic background", "other ethnic group",
        "other ethnic background", *_ANY_OTHER)),
}

# Spellings that give only a broad group, and the few words that give even less ("BME").
# Each goes to that group's "any other" category, where ESR itself files an unspecified
# background (assumed): the WRES group is right, the category and broad group are a guess.
_GROUP_ONLY: dict[str, str] = {
    "white": W_OTHER,
    "mixed": M_OTHER, "mixed multiple ethnic groups": M_OTHER,
    "mixed or multiple ethnic groups": M_OTHER,
    "asian": A_OTHER, "asian or asian british": A_OTHER, "asian british": A_OTHER,
    "asian asian british": A_OTHER,
    "black": B_OTHER, "black or black british": B_OTHER, "black british": B_OTHER,
    "black african caribbean black british": B_OTHER,
    "other": O_OTHER,
    "bme": O_OTHER, "bame": O_OTHER, "black and minority ethnic": O_OTHER,
    "black asian and minority ethnic": O_OTHER, "minority ethnic": O_OTHER,
    "ethnic minority": O_OTHER,
}


def _build_spellings() -> dict[str, str]:
    """Every accepted spelling (normalised) -> category, from the tables above."""
    spellings: dict[str, str] = {}

    def add(key: str, label: str) -> None:
        if spellings.setdefault(key, label) != label:
            raise ValueError(f"spelling {key!r} means both {spellings[key]!r} and {label!r}")

    owners: dict[str, set[str]] = {}
    for label, (families, names) in _NAMES.items():
        add(normalise_key(label), label)
        for name in names:
            owners.setdefault(name, set()).add(label)
            for family in families:
                for prefix in _FAMILIES[family]:
                    add(f"{prefix} {name}", label)
    for name, labels in owners.items():
        if len(labels) == 1:
            add(name, *labels)
    for key, label in _GROUP_ONLY.items():
        # A group word on its own may already be a name ("other ethnic group"); that wins.
        spellings.setdefault(key, label)
    return spellings


SPELLINGS: dict[str, str] = _build_spellings()

_SUBCODES_CSV = "tables/esr_ethnicity_subcodes.csv"


def load_subcodes(text: str | None = None) -> dict[str, str]:
    """The sub-code table, code (upper case) -> category label.

    Reads ``tables/esr_ethnicity_subcodes.csv`` (columns ``code``, ``label``, ``category``,
    ``basis``, ``confirmed``) unless ``text`` gives the CSV itself. Raises ValueError, naming
    the line, on a code that is not two characters after a 2001 code letter, or a category
    that is not one of ``CATEGORY_ORDER``.
    """
    if text is None:
        text = resources.files(__package__).joinpath(_SUBCODES_CSV).read_text("utf-8")
    codes: dict[str, str] = {}
    for line, record in enumerate(csv.DictReader(text.splitlines()), start=2):
        code, category = record["code"].strip().upper(), record["category"].strip()
        if len(code) != 2 or code[0] not in CATEGORY_OF_CODE or not code[1].isalnum():
            raise ValueError(f"{_SUBCODES_CSV} line {line}: {code!r} is not a two-character "
                             "sub-code of a 2001 code letter")
        if category not in CATEGORY_ORDER:
            raise ValueError(f"{_SUBCODES_CSV} line {line}: category {category!r} must be one "
                             f"of {', '.join(CATEGORY_ORDER)}")
        codes[code] = category
    return codes


SUBCODES: dict[str, str] = load_subcodes()

# Two letters that read as a word, not a code, when they stand alone ("No" is not "N,
# African").
_NOT_CODES = frozenset({"no"})
# The words a description may open with for each broad group ("WHITE ENGLISH" after "CA").
_FAMILY_OF_BROAD = {b: b.lower() for b in BROAD_GROUPS if b.lower() in _FAMILIES}

_INDEX = {label: i for i, label in enumerate(CATEGORY_ORDER)}
_UNKNOWN_CODE = _INDEX[NOT_KNOWN]
# A 2001 code letter or an ESR sub-code ("C3", "LB") at the start, then anything.
_CODE_PREFIX = re.compile(r"\s*([A-Za-z][A-Za-z0-9]?)(?![A-Za-z0-9])(.*)", re.DOTALL)
_NUMBER_PREFIX = re.compile(r"(\d+) (.+)")


def survey_codes(survey_year: int | None) -> dict[int, str]:
    """The Staff Survey's answer codes for a survey year. Without a year, only the codes
    that mean the same in every year."""
    if survey_year is None:
        tables = [codes for _, _, codes in SURVEY_CODES]
        return {n: label for n, label in tables[0].items()
                if all(t.get(n) == label for t in tables)}
    for first, last, codes in SURVEY_CODES:
        if (first is None or survey_year >= first) and (last is None or survey_year <= last):
            return codes
    return {}


def _named(key: str) -> str | None:
    """The category a whole normalised spelling names, if any."""
    if key in UNKNOWN_SPELLINGS:
        return NOT_KNOWN
    return SPELLINGS.get(key)


def _label_of(raw: str, key: str, numbers: Mapping[int, str]) -> str | None:
    named = _named(key)
    if named:
        return named
    number = as_int(key)
    if number is not None:
        return numbers.get(number)
    m = _CODE_PREFIX.match(raw)
    if m and m[1][0].upper() in CATEGORY_OF_CODE and m[1].casefold() not in _NOT_CODES:
        code, description = m[1], m[2]
        listed = SUBCODES.get(code.upper())
        code_label = listed or CATEGORY_OF_CODE[code[0].upper()]
        described = normalise_key(description)
        # A code alone, or a listed sub-code, is a code in any case ("lb", "LB ASIAN
        # PUNJABI"). Before a description, an unlisted code is trusted in capitals before
        # ordinary case ("PX Black Nigerian"), or where its description agrees with it:
        # names the same category or opens with its group ("PX BLACK NIGERIAN"). Capitals
        # alone prove nothing ("NO DATA").
        if listed or not described:
            trusted = True
        else:
            trusted = (code.isupper() and not description.isupper()) or _agrees(
                described, code_label)
        if trusted:
            return code_label
    m = _NUMBER_PREFIX.fullmatch(key)
    if m:
        return _named(m[2]) or numbers.get(int(m[1]))
    return None


def _agrees(described: str, code_label: str) -> bool:
    """Whether a description after a code names the code's own category or group."""
    named = _named(described)
    if named is not None:  # "B WHITE BRITISH" contradicts itself: not read
        return named == code_label
    family = _FAMILY_OF_BROAD.get(BROAD_OF[code_label])
    return family is not None and any(
        described == prefix or described.startswith(prefix + " ")
        for prefix in _FAMILIES[family])


def _resolve_target(target: str) -> int:
    """Position of the category a user's mapping points at (a label, a spelling or a code)."""
    label = _label_of(target, normalise_key(target), {})
    if label is None:
        raise ValueError(
            f"mapping target {target!r} is not an ethnic category; use a code letter "
            f"(A to S, Z) or one of: {', '.join(CATEGORY_ORDER)}"
        )
    return _INDEX[label]


def _classifier(kind: str, survey_year: int | None,
                extra: Mapping[str, str] | None) -> Callable[[str], int]:
    # Bare numbers are the old codes 0 to 9 in every kind of file but the survey's.
    if kind not in schema.KINDS:
        raise ValueError(f"kind must be one of {', '.join(schema.KINDS)}; got {kind!r}")
    numbers = survey_codes(survey_year) if kind == "survey" else OLD_CODES
    own = {normalise_key(raw): _resolve_target(target) for raw, target in (extra or {}).items()}

    def one(raw: str) -> int:
        key = normalise_key(raw)
        if key in own:
            return own[key]
        if key in BLANK_KEYS:
            return BLANK
        label = _label_of(raw, key, numbers)
        return UNPLACED if label is None else _INDEX[label]

    return one


def classify(
    values: pd.Series,
    *,
    kind: str = "workforce",
    survey_year: int | None = None,
    extra: Mapping[str, str] | None = None,
) -> tuple[pd.DataFrame, pd.Series]:
    """Ethnic category, broad group and WRES group of every row.

    ``kind`` says what bare numbers mean: the old codes 0 to 9 everywhere but in
    ``"survey"`` files, where they are the Staff Survey's own answer codes for
    ``survey_year``. ``extra`` maps the user's own spellings to a category label, a
    spelling this module knows, or a code letter; it wins over the built-in tables.

    Returns a frame on the same index with ``category`` columns ``ethnic_category``,
    ``broad_group`` and ``wres_group``, and the count of each raw value that could not be
    recognised (those rows are Unknown). Blank cells are Unknown and not reported.

    >>> frame, unknown = classify(pd.Series(["A", "LB", "Black British - African", "", "Purple"]))
    >>> frame["wres_group"].tolist()
    ['White', 'BME', 'BME', 'Unknown', 'Unknown']
    >>> frame["ethnic_category"].iloc[1]
    'Asian or Asian British - Any other Asian background'
    >>> unknown.to_dict()
    {'Purple': 1}
    """
    row_codes, value_codes, uniques = codes_per_row(
        values, _classifier(kind, survey_year, extra)
    )
    unplaced = value_counts_where(value_codes, uniques, row_codes == UNPLACED)
    row_codes = np.where(row_codes >= 0, row_codes, _UNKNOWN_CODE)
    category = categorical(row_codes, CATEGORY_ORDER, values.index, name="ethnic_category")
    frame = pd.DataFrame({
        "ethnic_category": category,
        "broad_group": recode(category, BROAD_OF, BROAD_GROUPS, name="broad_group"),
        "wres_group": recode(category, WRES_OF, WRES_GROUPS, name="wres_group"),
    }, index=values.index)
    return frame, unplaced
