"""wres_core.codes.staff_groups: ESR staff group spellings and the clinical split."""

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wres_core.codes.staff_groups import (
    CLINICAL_OF,
    NON_CLINICAL,
    STAFF_GROUPS,
    classify,
    clinical_from,
)

ACS = "Additional Clinical Services"
APST = "Additional Professional Scientific and Technical"
ADMIN = "Administrative and Clerical"
AHP = "Allied Health Professionals"
ESTATES = "Estates and Ancillary"
HCS = "Healthcare Scientists"
MEDICAL = "Medical and Dental"
NURSING = "Nursing and Midwifery Registered"
STUDENTS = "Students"
SUPPLEMENTARY = "Supplementary Roles"


def one(raw, **options):
    """The staff group of one raw value, and whether it was reported as unrecognised."""
    groups, unknown = classify(pd.Series([raw], dtype=object), **options)
    group = groups.iloc[0]
    return (None if pd.isna(group) else group), not unknown.empty


def test_the_ten_national_groups():
    assert STAFF_GROUPS == [ACS, APST, ADMIN, AHP, ESTATES, HCS, MEDICAL, NURSING, STUDENTS,
                            SUPPLEMENTARY]


# Clinical or not: (group, clinical). Students and Supplementary Roles are assumptions.
CLINICAL = [
    (ACS, "Clinical"),
    (APST, "Clinical"),
    (ADMIN, "Non-clinical"),
    (AHP, "Clinical"),
    (ESTATES, "Non-clinical"),
    (HCS, "Clinical"),
    (MEDICAL, "Clinical"),
    (NURSING, "Clinical"),
    (STUDENTS, "Clinical"),
    (SUPPLEMENTARY, "Non-clinical"),
]


@pytest.mark.parametrize(("group", "clinical"), CLINICAL)
def test_clinical_of_each_group(group, clinical):
    assert CLINICAL_OF[group] == clinical
    assert (group in NON_CLINICAL) == (clinical == "Non-clinical")
    assert clinical_from(staff_group=pd.Series([group])).tolist() == [clinical]


SPELLINGS = [
    ("Add Prof Scientific and Technic", APST),
    ("Additional Professional Scientific and Technical", APST),
    ("ADD PROF SCIENTIFIC AND TECHNIC", APST),
    ("Additional Clinical Services", ACS),
    ("Additional Clinical Service", ACS),
    ("Administrative and Clerical", ADMIN),
    ("Administrative & Clerical", ADMIN),
    ("Admin & Clerical", ADMIN),
    ("Allied Health Professionals", AHP),
    ("Allied Health Professional", AHP),
    ("AHP", AHP),
    ("Estates and Ancillary", ESTATES),
    ("Estates & Ancillary", ESTATES),
    ("estates and ancillary", ESTATES),
    ("Healthcare Scientists", HCS),
    ("Healthcare Scientist", HCS),
    ("Medical and Dental", MEDICAL),
    ("Medical & Dental", MEDICAL),
    ("Nursing and Midwifery Registered", NURSING),
    ("Nursing & Midwifery Registered", NURSING),
    ("Students", STUDENTS),
    ("Student", STUDENTS),
    ("Supplementary Roles", SUPPLEMENTARY),
    ("Supplementary Role", SUPPLEMENTARY),
    # national codes (NHS Data Dictionary STAFF GROUP)
    ("01", MEDICAL),
    ("02", STUDENTS),
    ("03", NURSING),
    ("04", AHP),
    ("05", APST),
    ("06", HCS),
    ("07", ACS),
    ("08", ADMIN),
    ("09", ESTATES),
    ("10", SUPPLEMENTARY),
    (8, ADMIN),
    (9.0, ESTATES),
]


@pytest.mark.parametrize(("raw", "group"), SPELLINGS)
def test_spellings(raw, group):
    assert one(raw) == (group, False)


@pytest.mark.parametrize("raw", [None, "", "  ", "NULL", "N/A"])
def test_blank_is_missing_and_not_reported(raw):
    assert one(raw) == (None, False)


@pytest.mark.parametrize("raw", ["Nurses and HVs", "11", "0", "Bank", "Clerical"])
def test_unrecognised_is_missing_and_reported(raw):
    assert one(raw) == (None, True)


def test_unrecognised_values_are_counted_once_each():
    _, unknown = classify(pd.Series(["Bank", "Students", "Bank", "Agency"]))
    assert list(unknown.items()) == [("Bank", 2), ("Agency", 1)]


@pytest.mark.parametrize(("mapping", "raw", "group"), [
    ({"Nurses and HVs": NURSING}, "nurses and hvs", NURSING),
    ({"Scientific Therapeutic and Technical": "Add Prof Scientific and Technic"},
     "Scientific, Therapeutic and Technical", APST),
    ({"Students": ADMIN}, "Students", ADMIN),  # the user's mapping wins
])
def test_extra_mapping(mapping, raw, group):
    assert one(raw, extra=mapping) == (group, False)


def test_extra_mapping_to_nothing_known_is_an_error():
    with pytest.raises(ValueError, match="not a staff group"):
        classify(pd.Series(["x"]), extra={"x": "Wizards"})


def test_result_is_a_category_on_the_same_index():
    values = pd.Series(["AHP", None], index=["a", "b"], dtype="str")
    groups, _ = classify(values)
    assert groups.name == "staff_group"
    assert groups.index.equals(values.index)
    assert list(groups.cat.categories) == STAFF_GROUPS


# --- clinical_from: (staff group, clinical answer, result) -------------------------------

CLINICAL_FROM = [
    (ADMIN, None, "Non-clinical"),  # no answer: the staff group decides
    (MEDICAL, None, "Clinical"),
    (ADMIN, "Yes", "Clinical"),  # an answer wins
    (NURSING, "No", "Non-clinical"),
    (STUDENTS, "N", "Non-clinical"),
    (ESTATES, "1", "Clinical"),
    (ESTATES, 0.0, "Non-clinical"),
    (ADMIN, "Clinical", "Clinical"),
    (MEDICAL, "Non-clinical", "Non-clinical"),
    (MEDICAL, "NON CLINICAL", "Non-clinical"),
    (ADMIN, "maybe", "Non-clinical"),  # an unreadable answer gives way to the staff group
    (None, "Yes", "Clinical"),
    ("Bank", None, None),  # neither known
    (None, None, None),
]


@pytest.mark.parametrize(("group", "answer", "expected"), CLINICAL_FROM)
def test_clinical_from(group, answer, expected):
    result = clinical_from(staff_group=pd.Series([group], dtype=object),
                           clinical=pd.Series([answer], dtype=object))
    assert (None if pd.isna(result.iloc[0]) else result.iloc[0]) == expected


def test_clinical_from_answers_alone():
    result = clinical_from(clinical=pd.Series(["Y", "no", None], index=[4, 5, 6]))
    assert result.index.tolist() == [4, 5, 6]
    assert result.name == "clinical"
    assert list(result.cat.categories) == ["Non-clinical", "Clinical"]
    assert result.tolist()[:2] == ["Clinical", "Non-clinical"]
    assert pd.isna(result.iloc[2])


def test_clinical_from_needs_a_series():
    with pytest.raises(ValueError):
        clinical_from()
    with pytest.raises(ValueError, match="same number of rows"):
        clinical_from(staff_group=pd.Series(["AHP"]), clinical=pd.Series(["y", "n"]))


# --- properties --------------------------------------------------------------------------

RAW = st.one_of(st.none(), st.text(max_size=40),
                st.sampled_from([raw for raw, _ in SPELLINGS if isinstance(raw, str)]))


@given(st.lists(RAW, max_size=30))
def test_classify_never_raises_and_keeps_the_index(values):
    series = pd.Series(values, index=range(10, 10 + len(values)), dtype=object)
    groups, unknown = classify(series)
    assert groups.index.equals(series.index)
    assert int(unknown.sum()) <= groups.isna().sum()
    clinical = clinical_from(staff_group=series, clinical=series)
    assert clinical.index.equals(series.index)


@given(st.data(), st.lists(RAW, max_size=30))
def test_row_order_does_not_change_any_row(data, values):
    series = pd.Series(values, dtype=object)
    order = data.draw(st.permutations(range(len(values))))
    groups, _ = classify(series)
    shuffled, _ = classify(series.iloc[order])
    pd.testing.assert_series_equal(shuffled.sort_index(), groups)
