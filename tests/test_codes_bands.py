"""wres_core.codes.bands: pay band and medical grade spellings to the rows of indicator 1."""

import csv
from importlib import resources

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wres_core.codes.bands import (
    AFC_BANDS,
    BAND_ORDER,
    MEDICAL_ROWS,
    SENIOR_BANDS,
    classify,
    is_senior_medical_manager,
    load_medical_grades,
)

CONSULTANT, NCCG, TRAINEE, OTHER_MEDICAL = MEDICAL_ROWS


def one(raw, grade=None, **options):
    """The row of one pay band (and grade), and whether anything was reported."""
    grades = None if grade is None else pd.Series([grade], dtype=object)
    rows, unplaced = classify(pd.Series([raw], dtype=object), medical_grade=grades, **options)
    row = rows.iloc[0]
    return (None if pd.isna(row) else row), not unplaced.empty


def test_row_lists():
    assert BAND_ORDER == [
        "Under Band 1", "Band 1", "Band 2", "Band 3", "Band 4", "Band 5", "Band 6", "Band 7",
        "Band 8a", "Band 8b", "Band 8c", "Band 8d", "Band 9", "VSM",
        "Consultant", "Non-consultant career grade", "Trainee grade", "Other medical", "Other",
    ]
    assert AFC_BANDS == BAND_ORDER[:14]
    assert MEDICAL_ROWS == BAND_ORDER[14:18]
    assert SENIOR_BANDS == ["Band 8a", "Band 8b", "Band 8c", "Band 8d", "Band 9", "VSM"]


# --- pay band spellings: (raw, row); none of them is reported ----------------------------

BANDS = [
    ("Under Band 1", "Under Band 1"),
    ("Band 1", "Band 1"),
    ("Apprentice/Band 1", "Band 1"),
    ("2", "Band 2"),
    (3, "Band 3"),
    (4.0, "Band 4"),
    ("5", "Band 5"),
    ("5.0", "Band 5"),
    ("Band 5", "Band 5"),
    ("band 5", "Band 5"),
    ("AfC Band 5", "Band 5"),
    ("Agenda for Change Band 5", "Band 5"),
    ("NHS|XR05|Review Body Band 5", "Band 5"),
    ("Review Body Band 6", "Band 6"),
    ("Band 7", "Band 7"),
    ("Band 8 - Range A", "Band 8a"),
    ("Band 8 Range B", "Band 8b"),
    ("Band 8A", "Band 8a"),
    ("8a", "Band 8a"),
    ("8c", "Band 8c"),
    ("Band 8d", "Band 8d"),
    ("Band 8-D", "Band 8d"),
    ("NHS|XR08|Review Body Band 8 - Range C", "Band 8c"),
    ("Band 9", "Band 9"),
    ("9", "Band 9"),
    ("VSM", "VSM"),
    ("Very Senior Manager", "VSM"),
    ("Very Senior Managers", "VSM"),
    # medical grades written in the pay band column
    ("Consultant", CONSULTANT),
    ("NHS|MC72|Consultant", CONSULTANT),
    ("Specialty Registrar", TRAINEE),
    # other pay scales
    ("Non-AfC", "Other"),
    ("Non AfC", "Other"),
    ("Local pay", "Other"),
    ("Spot salary", "Other"),
    ("Ad hoc", "Other"),
    ("Ad-hoc", "Other"),
    ("Other pay scale", "Other"),
    ("Other", "Other"),
]


@pytest.mark.parametrize(("raw", "row"), BANDS)
def test_pay_band_spellings(raw, row):
    assert one(raw) == (row, False)


# --- medical grade names, alone or beside a band of "Medical" ----------------------------

GRADES = [
    ("Consultant", CONSULTANT),
    ("Locum Consultant", CONSULTANT),
    ("Specialty Doctor", NCCG),
    ("Staff Grade", NCCG),
    ("Associate Specialist", NCCG),
    ("Specialist", NCCG),
    ("Hospital Practitioner", NCCG),
    ("Hospital Practitioner / Clinical Assistant", NCCG),
    ("Specialty Registrar", TRAINEE),
    ("Specialist Registrar", TRAINEE),
    ("Core Training", TRAINEE),
    ("Foundation Doctor Year 1", TRAINEE),
    ("Foundation Doctor Year 2", TRAINEE),
    ("Foundation Year 1", TRAINEE),
    ("Foundation House Officer 1", TRAINEE),
    ("Foundation House Officer 2", TRAINEE),
    ("FY1", TRAINEE),
    ("Registrar", TRAINEE),
    ("Senior House Officer", TRAINEE),
    ("SHO", TRAINEE),
    ("Other and Local HCHS Doctor Grades", OTHER_MEDICAL),
    ("Clinical Fellow", OTHER_MEDICAL),
    ("Trust Grade Doctor", OTHER_MEDICAL),
]


@pytest.mark.parametrize(("grade", "row"), GRADES)
@pytest.mark.parametrize("band", ["Medical", "Medical and Dental", "", None])
def test_medical_grade_decides_where_the_band_is_medical_or_blank(band, grade, row):
    assert one(band, grade) == (row, False)


@pytest.mark.parametrize(("grade", "row"), GRADES)
def test_medical_grade_alone(grade, row):
    rows, unplaced = classify(None, medical_grade=pd.Series([grade]))
    assert rows.tolist() == [row]
    assert unplaced.empty


def _csv_rows():
    text = resources.files("wres_core.codes").joinpath("tables/medical_grades.csv").read_text()
    return [(r["grade"], r["row"]) for r in csv.DictReader(text.splitlines())]


@pytest.mark.parametrize(("grade", "row"), _csv_rows())
def test_every_row_of_the_medical_grade_table(grade, row):
    assert one("Medical", grade) == (row, False)


# --- band and grade together: (band, grade, row, reported) -------------------------------

TOGETHER = [
    ("Band 5", "Consultant", "Band 5", False),  # an AfC band decides
    ("Consultant", "Registrar", CONSULTANT, False),  # so does a medical row in the band
    ("Local pay", "Specialty Doctor", NCCG, False),  # a non-AfC scale gives way to the grade
    ("Local pay", "", "Other", False),
    ("MN37", "Consultant", CONSULTANT, False),  # an unreadable band gives way to the grade
    ("Medical", "", None, True),  # "Medical" with no grade cannot be placed
    ("Medical", "Wizard", None, True),
    ("", "Wizard", None, True),
    ("Band 8", "", None, True),
    ("", "", None, False),  # nothing given: missing, not an error
    (None, None, None, False),
]


@pytest.mark.parametrize(("band", "grade", "row", "reported"), TOGETHER)
def test_band_and_grade_together(band, grade, row, reported):
    assert one(band, grade) == (row, reported)


def test_unplaced_values_are_listed_once_with_their_counts():
    bands = pd.Series(["Band 8", "Medical", "Band 8", "Medical", "", "Band 5", "xx"])
    grades = pd.Series(["", "", "", "Wizard", "Wizard", "", ""])
    rows, unplaced = classify(bands, medical_grade=grades)
    assert rows.isna().tolist() == [True, True, True, True, True, False, True]
    assert list(unplaced.items()) == [("Band 8", 2), ("Wizard", 2), ("Medical", 1), ("xx", 1)]


@pytest.mark.parametrize("raw", ["Band 8", "Band 10", "Apprentice", "XR05", "Nurse", "0"])
def test_unrecognised_bands_are_missing_and_reported(raw):
    assert one(raw) == (None, True)


# --- the user's mapping and the editable table -------------------------------------------

@pytest.mark.parametrize(("mapping", "raw", "row"), [
    ({"Exec": "VSM"}, "EXEC", "VSM"),
    ({"Grade 12": "Band 7"}, "Grade 12", "Band 7"),
    ({"Dr": "Specialty Doctor"}, "Dr", NCCG),
    ({"Band 8": "Band 8a"}, "Band 8", "Band 8a"),
    ({"NHS|XR99|Odd": "Other"}, "NHS|XR99|Odd", "Other"),
])
def test_extra_mapping(mapping, raw, row):
    assert one(raw, extra=mapping) == (row, False)


def test_extra_mapping_to_nothing_known_is_an_error():
    with pytest.raises(ValueError, match="not a pay band"):
        classify(pd.Series(["x"]), extra={"x": "Band 99"})


def test_medical_grade_table_rejects_an_unknown_row():
    with pytest.raises(ValueError, match="line 3"):
        load_medical_grades("grade,row\nConsultant,Consultant\nWizard,Magic\n")


def test_medical_grade_table_rejects_a_grade_listed_twice_differently():
    with pytest.raises(ValueError, match="listed twice"):
        load_medical_grades("grade,row\nRegistrar,Trainee grade\nREGISTRAR,Other medical\n")


def test_classify_needs_a_series():
    with pytest.raises(ValueError):
        classify(None)
    with pytest.raises(ValueError, match="same number of rows"):
        classify(pd.Series(["5"]), medical_grade=pd.Series(["", ""]))


# --- senior medical managers ------------------------------------------------------------

@pytest.mark.parametrize(("raw", "flag"), [
    ("Yes", True), ("Y", True), (1, True), ("true", True),
    ("No", False), ("n", False), (0.0, False), (None, False), ("", False), ("?", False),
])
def test_is_senior_medical_manager(raw, flag):
    flags = is_senior_medical_manager(pd.Series([raw], dtype=object))
    assert flags.dtype == bool
    assert flags.tolist() == [flag]


# --- shape and types ---------------------------------------------------------------------

def test_result_is_an_ordered_category_on_the_same_index():
    values = pd.Series(["Band 9", "5", None], index=[7, 3, 5], dtype="str")
    rows, _ = classify(values)
    assert rows.name == "pay_band"
    assert rows.index.equals(values.index)
    assert rows.dtype == pd.CategoricalDtype(BAND_ORDER, ordered=True)
    assert rows.sort_values().tolist()[:2] == ["Band 5", "Band 9"]


RAW = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.sampled_from([raw for raw, _ in BANDS if isinstance(raw, str)] + ["Medical", ""]),
)


@given(st.lists(RAW, max_size=30), st.data())
def test_classify_never_raises_and_keeps_the_index(values, data):
    grades = data.draw(st.lists(st.one_of(st.none(), st.text(max_size=20),
                                          st.sampled_from([g for g, _ in GRADES])),
                                min_size=len(values), max_size=len(values)))
    bands = pd.Series(values, index=range(50, 50 + len(values)), dtype=object)
    rows, unplaced = classify(bands, medical_grade=pd.Series(grades, dtype=object))
    assert rows.index.equals(bands.index)
    assert int(unplaced.sum()) <= rows.isna().sum()


@given(st.data(), st.lists(RAW, max_size=30))
def test_row_order_does_not_change_any_row(data, values):
    bands = pd.Series(values, dtype=object)
    order = data.draw(st.permutations(range(len(values))))
    rows, _ = classify(bands)
    shuffled, _ = classify(bands.iloc[order])
    pd.testing.assert_series_equal(shuffled.sort_index(), rows)
