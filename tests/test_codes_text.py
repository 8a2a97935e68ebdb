"""wres_core.codes.text: matching keys, yes/no answers, classify-each-value-once."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wres_core.codes.text import (
    BLANK,
    UNPLACED,
    codes_per_row,
    normalise_key,
    parse_yes_no,
    value_counts_where,
)

KEYS = [
    ("White - British", "white british"),
    ("  WHITE   british ", "white british"),
    ("White \u2013 British", "white british"),
    ("White \u2014 British", "white british"),
    ("White: British", "white british"),
    ("Asian/Asian British - Indian", "asian asian british indian"),
    ("Estates & Ancillary", "estates and ancillary"),
    ("Don\u2019t know", "dont know"),
    ("Don't know", "dont know"),
    ("Band 8 - Range A", "band 8 range a"),
    ("Band 8-A", "band 8 a"),
    ("Hospital Practitioner / Clinical Assistant", "hospital practitioner clinical assistant"),
    ("Consultant (Locum)", "consultant locum"),
    ("1-2", "1-2"),
    ("6\u201310", "6-10"),
    ("5.0", "5.0"),
    ("Dr.", "dr"),
    ("N/A", "n a"),
    ("", ""),
    ("?", ""),
    ("Stra\u00dfe", "strasse"),
]


@pytest.mark.parametrize(("raw", "key"), KEYS)
def test_normalise_key(raw, key):
    assert normalise_key(raw) == key


YES_NO = [
    ("yes", True), ("Yes", True), ("YES", True), (" yes ", True), ("y", True), ("Y", True),
    ("true", True), ("True", True), ("TRUE", True), ("1", True), ("1.0", True), (1, True),
    (1.0, True), (True, True),
    ("no", False), ("No", False), ("NO", False), ("n", False), ("N ", False),
    ("false", False), ("FALSE", False), ("0", False), ("0.0", False), (0, False), (0.0, False),
    (False, False),
]
BLANKS = [None, np.nan, "", "  ", "NA", "N/A", "NULL", "null", "nan", "None"]
NEITHER = ["maybe", "2", "yess", "Don't know", "10"]


@pytest.mark.parametrize(("raw", "expected"), YES_NO)
def test_parse_yes_no_reads_yes_and_no(raw, expected):
    flags, bad = parse_yes_no(pd.Series([raw], dtype=object))
    assert bool(flags.iloc[0]) is expected
    assert bad.empty


@pytest.mark.parametrize("raw", BLANKS)
def test_parse_yes_no_blank_is_missing_and_not_reported(raw):
    flags, bad = parse_yes_no(pd.Series([raw], dtype=object))
    assert flags.isna().all()
    assert bad.empty


@pytest.mark.parametrize("raw", NEITHER)
def test_parse_yes_no_reports_other_values(raw):
    flags, bad = parse_yes_no(pd.Series([raw, raw, "yes"], dtype=object))
    assert flags.isna().tolist() == [True, True, False]
    assert bad.to_dict() == {raw: 2}


def test_parse_yes_no_keeps_index_and_dtype():
    values = pd.Series(["y", "n", None], index=[10, 5, 7], dtype="str", name="voting")
    flags, _ = parse_yes_no(values)
    assert flags.dtype == "boolean"
    assert flags.index.tolist() == [10, 5, 7]
    assert flags.name == "voting"


def test_parse_yes_no_counts_most_frequent_first():
    _, bad = parse_yes_no(pd.Series(["a", "b", "b", "c", "b", "a", "yes"]))
    assert list(bad.items()) == [("b", 3), ("a", 2), ("c", 1)]


def test_codes_per_row_classifies_each_distinct_value_once():
    seen = []

    def one(text):
        seen.append(text)
        return UNPLACED if text == "x" else 0

    values = pd.Series(["a", "x", "a", None, "x", "a"] * 1000)
    row_codes, value_codes, uniques = codes_per_row(values, one)
    assert sorted(seen) == ["a", "x"]
    assert row_codes[:6].tolist() == [0, UNPLACED, 0, BLANK, UNPLACED, 0]
    counts = value_counts_where(value_codes, uniques, row_codes == UNPLACED)
    assert counts.to_dict() == {"x": 2000}


def test_codes_per_row_reads_categorical_input():
    values = pd.Series(["b", "a", None, "b"], dtype="category")
    row_codes, _, _ = codes_per_row(values, lambda text: {"a": 0, "b": 1}[text])
    assert row_codes.tolist() == [1, 0, BLANK, 1]


@given(st.text())
def test_normalise_key_is_idempotent(text):
    key = normalise_key(text)
    assert normalise_key(key) == key


@given(st.lists(st.one_of(st.none(), st.text(), st.sampled_from(["Yes", "n", "1.0", "TRUE"]))))
def test_parse_yes_no_never_raises_and_keeps_shape(values):
    series = pd.Series(values, index=range(100, 100 + len(values)), dtype=object)
    flags, bad = parse_yes_no(series)
    assert flags.index.equals(series.index)
    assert int(bad.sum()) <= len(values)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["yes", "No", "maybe", "perhaps", "?", "1", None, "x", "y"]),
                max_size=40))
def test_a_category_column_reads_as_its_text_does(values):
    """Unreadable values are listed most frequent first, ties in the order they first
    appear, whether the column arrives as text (CSV) or as a category (Parquet)."""
    from wres_core.codes.text import parse_yes_no

    text = pd.Series(values, dtype="string")
    flags_t, bad_t = parse_yes_no(text)
    flags_c, bad_c = parse_yes_no(text.astype("category"))
    assert flags_t.tolist() == flags_c.tolist()
    assert list(bad_t.items()) == list(bad_c.items())
