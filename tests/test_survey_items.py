"""Survey items: which column holds which item, and reading the answers (data contract §4, §7)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wres_core.schema import SURVEY_ITEMS
from wres_core.survey_items import (
    ASSUMED_YEARS,
    ITEM_NAMES,
    item_columns,
    item_names,
    parse_items,
)

NA = pd.NA
BAD = "unreadable"  # expected: NA in the frame and listed in the unreadable counts

HARASSMENT_CASES = [
    # survey codes, as numbers and as text
    (1, False),
    (2, True),
    (3, True),
    (4, True),
    (5, True),
    (np.int64(1), False),
    (np.int64(5), True),
    (2.0, True),
    (1.0, False),
    ("1", False),
    ("4", True),
    ("2.0", True),
    # answer texts, odd case and spacing
    ("Never", False),
    ("NEVER", False),
    ("  never ", False),
    ("1-2", True),
    ("1 - 2", True),
    ("1 - 2 times", True),
    ("1-2 times", True),
    ("1 to 2 times", True),
    ("1\u20132", True),  # en dash, as Excel autocorrects
    ("3-5", True),
    ("3 - 5 TIMES", True),
    ("6-10", True),
    ("6 - 10 times", True),
    ("More than 10", True),
    ("more than 10 times", True),
    ("MORE THAN 10", True),
    # already booleans
    (True, True),
    (False, False),
    ("TRUE", True),
    # blanks: not in the base
    (None, NA),
    (np.nan, NA),
    ("", NA),
    ("   ", NA),
    # not on the scale
    ("often", BAD),
    (6, BAD),
    (0, BAD),
    (9, BAD),
    ("Yes", BAD),
    ("-", BAD),
]

EQUAL_OPPORTUNITIES_CASES = [
    (1, True),
    (2, False),
    (9, NA),  # Don't know: read, and left out of the base
    (1.0, True),
    ("1", True),
    ("2", False),
    ("9", NA),
    ("Yes", True),
    (" YES ", True),
    ("y", True),
    ("No", False),
    ("no", False),
    ("Don't know", NA),
    ("DON'T KNOW", NA),
    ("Don\u2019t know", NA),  # curly apostrophe
    ("dont know", NA),
    ("Do not know", NA),
    ("", NA),
    (None, NA),
    (np.nan, NA),
    ("Maybe", BAD),
    (3, BAD),
]

DISCRIMINATION_CASES = [
    (1, True),
    (2, False),
    ("1", True),
    ("2.0", False),
    ("Yes", True),
    ("yes ", True),
    ("NO", False),
    ("", NA),
    (None, NA),
    (9, BAD),  # q16b has no "Don't know"
    ("Don't know", BAD),
    ("Never", BAD),
]


def _read_one(item: str, value: object) -> tuple[object, pd.Series | None]:
    raw = pd.DataFrame({"col": pd.Series([value], dtype=object)})
    items, bad = parse_items(raw, {item: "col"})
    return items[item].iloc[0], bad.get(item)


def _check(item: str, value: object, expected: object) -> None:
    got, bad = _read_one(item, value)
    if expected is BAD:
        assert got is NA, f"{value!r} should not be read as {got!r}"
        assert bad is not None and int(bad.sum()) == 1, f"{value!r} should be reported"
    elif expected is NA:
        assert got is NA, f"{value!r} read as {got!r}"
        assert bad is None, f"{value!r} is blank or don't know, not an error"
    else:
        assert got is not NA and bool(got) is expected, f"{value!r} read as {got!r}"
        assert bad is None


@pytest.mark.parametrize(
    "item", ["harassment_public", "harassment_manager", "harassment_colleague"]
)
@pytest.mark.parametrize(("value", "expected"), HARASSMENT_CASES)
def test_harassment_answers(item, value, expected):
    _check(item, value, expected)


@pytest.mark.parametrize(("value", "expected"), EQUAL_OPPORTUNITIES_CASES)
def test_equal_opportunities_answers(value, expected):
    _check("equal_opportunities", value, expected)


@pytest.mark.parametrize(("value", "expected"), DISCRIMINATION_CASES)
def test_discrimination_answers(value, expected):
    _check("discrimination_staff", value, expected)


def test_parse_items_frame_shape_and_types():
    raw = pd.DataFrame(
        {
            "Q16B": ["Yes", "No", None],
            "q14a": pd.array(["Never", "3-5", None], dtype="string"),  # Arrow-backed text
            "other": [1, 2, 3],
        },
        index=[10, 11, 12],
    )
    items, bad = parse_items(raw, {"discrimination_staff": "Q16B", "harassment_public": "q14a"})
    # items in SURVEY_ITEMS order, on the raw frame's index, nullable booleans
    assert list(items.columns) == ["harassment_public", "discrimination_staff"]
    assert list(items.index) == [10, 11, 12]
    assert all(str(t) == "boolean" for t in items.dtypes)
    assert items["harassment_public"].tolist() == [False, True, NA]
    assert items["discrimination_staff"].tolist() == [True, False, NA]
    assert bad == {}


def test_parse_items_integer_codes_column():
    raw = pd.DataFrame({"q14b": np.array([1, 2, 3, 4, 5, 1], dtype="int64")})
    items, bad = parse_items(raw, {"harassment_manager": "q14b"})
    assert items["harassment_manager"].tolist() == [False, True, True, True, True, False]
    assert bad == {}


def test_parse_items_float_codes_with_blanks():
    raw = pd.DataFrame({"q15": [1.0, 2.0, 9.0, np.nan, 1.0]})
    items, _ = parse_items(raw, {"equal_opportunities": "q15"})
    assert items["equal_opportunities"].tolist() == [True, False, NA, NA, True]


def test_unreadable_answers_are_counted_per_item():
    raw = pd.DataFrame(
        {
            "q14a": ["Never", "often", "often", "sometimes", "1-2"],
            "q15": ["Yes", "No", "Maybe", "Yes", "Don't know"],
            "q16b": ["Yes", "No", "No", "Yes", "Yes"],
        }
    )
    mapping = {
        "harassment_public": "q14a",
        "equal_opportunities": "q15",
        "discrimination_staff": "q16b",
    }
    items, bad = parse_items(raw, mapping)
    assert set(bad) == {"harassment_public", "equal_opportunities"}
    assert bad["harassment_public"].to_dict() == {"often": 2, "sometimes": 1}
    assert bad["harassment_public"].index[0] == "often"  # most frequent first
    assert bad["equal_opportunities"].to_dict() == {"Maybe": 1}
    assert items["harassment_public"].tolist() == [False, NA, NA, NA, True]


def test_parse_items_empty_frame():
    raw = pd.DataFrame({"q14a": pd.Series([], dtype=object)})
    items, bad = parse_items(raw, {"harassment_public": "q14a"})
    assert len(items) == 0 and str(items["harassment_public"].dtype) == "boolean"
    assert bad == {}


# --------------------------------------------------------------------------- item names


def test_item_names_table_covers_every_item_each_year():
    for year, ids in ITEM_NAMES.items():
        assert tuple(ids) == SURVEY_ITEMS, year
    assert dict(ITEM_NAMES[2021]) == {
        "harassment_public": "q14a",
        "harassment_manager": "q14b",
        "harassment_colleague": "q14c",
        "equal_opportunities": "q15",
        "discrimination_staff": "q16b",
    }
    assert dict(ITEM_NAMES[2018]) == {
        "harassment_public": "Q13a",
        "harassment_manager": "Q13b",
        "harassment_colleague": "Q13c",
        "equal_opportunities": "Q14",
        "discrimination_staff": "Q15b",
    }
    # 2018 to 2020 share a numbering (data contract §4; seed 004 cites Q13a, Q13b/c, Q14
    # and Q15b for the 2020 survey), 2021 to 2025 the redeveloped survey's
    assert ITEM_NAMES[2020] == ITEM_NAMES[2019] == ITEM_NAMES[2018]
    assert ITEM_NAMES[2021] == ITEM_NAMES[2022] == ITEM_NAMES[2023] == ITEM_NAMES[2024]
    assert ITEM_NAMES[2025] == ITEM_NAMES[2021]
    assert ASSUMED_YEARS == {2016, 2017}
    assert item_names(2017) == ITEM_NAMES[2018]
    assert item_names(2031) == ITEM_NAMES[2025]  # (assumed) later years keep the latest


def test_item_columns_year_ids_2021_numbering():
    cols = ["year", "ethnicity", "q14a", "q14b", "q14c", "q15", "q16b"]
    assert item_columns(cols, 2023) == {
        "harassment_public": "q14a",
        "harassment_manager": "q14b",
        "harassment_colleague": "q14c",
        "equal_opportunities": "q15",
        "discrimination_staff": "q16b",
    }


def test_item_columns_year_ids_2018_numbering_any_case():
    cols = ["Q13A", "q13b", "Q13c", "q14", "Q15B"]
    assert item_columns(cols, 2019) == {
        "harassment_public": "Q13A",
        "harassment_manager": "q13b",
        "harassment_colleague": "Q13c",
        "equal_opportunities": "q14",
        "discrimination_staff": "Q15B",
    }


def test_item_columns_q14_means_what_the_survey_year_says():
    cols = ["q14", "q15"]
    # 2019: Q14 is equal opportunities (q15 is no 2019 item)
    assert item_columns(cols, 2019) == {"equal_opportunities": "q14"}
    # 2023: q15 is equal opportunities, and q14 (no letter) is nothing
    assert item_columns(cols, 2023) == {"equal_opportunities": "q15"}
    # 2019 ids are not read in a 2023 file, nor 2023 ids in a 2019 file
    assert item_columns(["q13a", "q15b"], 2023) == {}
    assert item_columns(["q14a", "q16b"], 2019) == {}


def test_item_columns_neutral_names_any_spelling_and_precedence():
    cols = [
        "Harassment Public",
        "harassmentmanager",
        "HARASSMENT_COLLEAGUE",
        "equal-opportunities",
        "discrimination_staff",
        "q14a",
    ]
    got = item_columns(cols, 2023)
    assert got == {
        "harassment_public": "Harassment Public",  # neutral name wins over q14a
        "harassment_manager": "harassmentmanager",
        "harassment_colleague": "HARASSMENT_COLLEAGUE",
        "equal_opportunities": "equal-opportunities",
        "discrimination_staff": "discrimination_staff",
    }


def test_item_columns_without_year():
    # neutral names first, then the 2021+ numbering
    assert item_columns(["harassment_public", "q14a", "q14b", "q15"], None) == {
        "harassment_public": "harassment_public",
        "harassment_manager": "q14b",
        "equal_opportunities": "q15",
    }
    # a file with only 2018/19 ids falls back to that numbering, whole
    assert item_columns(["q13a", "q13b", "q13c", "q14", "q15b"], None) == {
        "harassment_public": "q13a",
        "harassment_manager": "q13b",
        "harassment_colleague": "q13c",
        "equal_opportunities": "q14",
        "discrimination_staff": "q15b",
    }
    # ... but the two numberings are never mixed: any 2021+ id decides
    assert item_columns(["q14a", "q14"], None) == {"harassment_public": "q14a"}


def test_item_columns_missing_items_absent():
    assert item_columns(["year", "ethnicity"], 2024) == {}
    assert item_columns([], None) == {}


def test_a_category_column_reads_as_its_text_does():
    """Parquet gives survey answers as categories, which may include values no row holds:
    the answers and the unreadable values listed are those of the same column as text."""
    text = pd.Series(["Never", "often", "1 - 2 times", None, "often", "sometimes"],
                     dtype="string")
    cat = text.astype(pd.CategoricalDtype(["Never", "1 - 2 times", "often", "sometimes",
                                           "rarely"]))  # "rarely": unreadable, held by none
    got_t, bad_t = parse_items(pd.DataFrame({"q14a": text}), {"harassment_public": "q14a"})
    got_c, bad_c = parse_items(pd.DataFrame({"q14a": cat}), {"harassment_public": "q14a"})
    assert got_t["harassment_public"].tolist() == got_c["harassment_public"].tolist() == \
        [False, pd.NA, True, pd.NA, pd.NA, pd.NA]
    assert bad_t["harassment_public"].to_dict() == bad_c["harassment_public"].to_dict() == \
        {"often": 2, "sometimes": 1}
