"""wres_core.codes.ethnicity: every spelling of data contract §3 and §7 to its category."""

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wres_core.codes.ethnicity import (
    BROAD_OF,
    CATEGORY_OF_CODE,
    CATEGORY_ORDER,
    WRES_OF,
    classify,
    survey_codes,
)

W_BRITISH = "White - British"
W_IRISH = "White - Irish"
W_GYPSY = "White - Gypsy or Irish Traveller"
W_ROMA = "White - Roma"
W_OTHER = "White - Any other White background"
M_WBC = "Mixed - White and Black Caribbean"
M_WBA = "Mixed - White and Black African"
M_WA = "Mixed - White and Asian"
M_OTHER = "Mixed - Any other mixed background"
A_INDIAN = "Asian or Asian British - Indian"
A_PAKISTANI = "Asian or Asian British - Pakistani"
A_BANGLADESHI = "Asian or Asian British - Bangladeshi"
A_FILIPINO = "Asian or Asian British - Filipino"
A_OTHER = "Asian or Asian British - Any other Asian background"
B_CARIBBEAN = "Black or Black British - Caribbean"
B_AFRICAN = "Black or Black British - African"
B_OTHER = "Black or Black British - Any other Black background"
O_CHINESE = "Other ethnic group - Chinese"
O_ARAB = "Other ethnic group - Arab"
O_OTHER = "Other ethnic group - Any other ethnic group"
UNKNOWN = "Unknown"


def one(raw, **options):
    """The category of one raw value, and whether it was reported as unrecognised."""
    frame, unknown = classify(pd.Series([raw], dtype=object), **options)
    return frame["ethnic_category"].iloc[0], not unknown.empty


# --- the groups each category belongs to -------------------------------------------------

GROUPS = [
    (W_BRITISH, "White", "White"),
    (W_IRISH, "White", "White"),
    (W_GYPSY, "White", "White"),
    (W_ROMA, "White", "White"),
    (W_OTHER, "White", "White"),
    (M_WBC, "Mixed", "BME"),
    (M_WBA, "Mixed", "BME"),
    (M_WA, "Mixed", "BME"),
    (M_OTHER, "Mixed", "BME"),
    (A_INDIAN, "Asian", "BME"),
    (A_PAKISTANI, "Asian", "BME"),
    (A_BANGLADESHI, "Asian", "BME"),
    (A_FILIPINO, "Asian", "BME"),
    (A_OTHER, "Asian", "BME"),
    (B_CARIBBEAN, "Black", "BME"),
    (B_AFRICAN, "Black", "BME"),
    (B_OTHER, "Black", "BME"),
    (O_CHINESE, "Other", "BME"),
    (O_ARAB, "Other", "BME"),
    (O_OTHER, "Other", "BME"),
    (UNKNOWN, "Unknown", "Unknown"),
]


def test_category_order_is_every_category_once():
    assert CATEGORY_ORDER == [category for category, _, _ in GROUPS]


@pytest.mark.parametrize(("category", "broad", "wres"), GROUPS)
def test_groups_of_each_category(category, broad, wres):
    assert BROAD_OF[category] == broad
    assert WRES_OF[category] == wres
    frame, unknown = classify(pd.Series([category]))
    assert frame.iloc[0].tolist() == [category, broad, wres]
    assert unknown.empty


# --- the 2001 codes (Annex B) ------------------------------------------------------------

CODES = [
    ("A", W_BRITISH), ("B", W_IRISH), ("C", W_OTHER),
    ("D", M_WBC), ("E", M_WBA), ("F", M_WA), ("G", M_OTHER),
    ("H", A_INDIAN), ("J", A_PAKISTANI), ("K", A_BANGLADESHI), ("L", A_OTHER),
    ("M", B_CARIBBEAN), ("N", B_AFRICAN), ("P", B_OTHER),
    ("R", O_CHINESE), ("S", O_OTHER), ("Z", UNKNOWN),
]


@pytest.mark.parametrize(("code", "category"), CODES)
def test_code_letters(code, category):
    assert CATEGORY_OF_CODE[code] == category
    assert one(code) == (category, False)
    assert one(code.lower()) == (category, False)
    assert one(f" {code} ") == (category, False)


# --- spellings in real files: (raw, category); none of them is reported ------------------

SPELLINGS = [
    # code, with or without its label
    ("A White - British", W_BRITISH),
    ("White - British", W_BRITISH),
    ("White British", W_BRITISH),
    ("A - White British", W_BRITISH),
    ("White: British", W_BRITISH),
    ("WHITE - BRITISH", W_BRITISH),
    ("a white british", W_BRITISH),
    ("B White - Irish", W_IRISH),
    ("C White - Any other White background", W_OTHER),
    ("White - Any other White background", W_OTHER),
    ("White Other", W_OTHER),
    ("D Mixed - White and Black Caribbean", M_WBC),
    ("Mixed White and Black African", M_WBA),
    ("Mixed - White and Asian", M_WA),
    ("G Any other mixed background", M_OTHER),
    ("H Asian or Asian British - Indian", A_INDIAN),
    ("Asian or Asian British - Pakistani", A_PAKISTANI),
    ("Asian Bangladeshi", A_BANGLADESHI),
    ("L Any other Asian background", A_OTHER),
    ("M Black or Black British - Caribbean", B_CARIBBEAN),
    ("Black or Black British - African", B_AFRICAN),
    ("Black British - African", B_AFRICAN),
    ("P Any other Black background", B_OTHER),
    ("R Chinese", O_CHINESE),
    ("Other ethnic group - Chinese", O_CHINESE),
    ("S Any other ethnic group", O_OTHER),
    ("Z Not Stated", UNKNOWN),
    # old code labels (Annex B)
    ("Black - Caribbean", B_CARIBBEAN),
    ("Black - African", B_AFRICAN),
    ("Black - Other", B_OTHER),
    ("Indian", A_INDIAN),
    ("Pakistani", A_PAKISTANI),
    ("Bangladeshi", A_BANGLADESHI),
    ("Chinese", O_CHINESE),
    ("Any other ethnic group", O_OTHER),
    # ESR two-character sub-codes: the first character counts
    ("CA", W_OTHER),
    ("C3", W_OTHER),
    ("LB", A_OTHER),
    ("PC", B_OTHER),
    ("SE", O_OTHER),
    ("CA White English", W_OTHER),
    ("C3 White Unspecified", W_OTHER),
    ("LB Asian Punjabi", A_OTHER),
    ("PC Black Nigerian", B_OTHER),
    ("C3 WHITE UNSPECIFIED", W_OTHER),
    # NHS Staff Survey answer texts, alone and with their section
    ("English / Welsh / Scottish / Northern Irish / British", W_BRITISH),
    ("White - English / Welsh / Scottish / Northern Irish / British", W_BRITISH),
    ("Irish", W_IRISH),
    ("Gypsy or Irish Traveller", W_GYPSY),
    ("Any other White background", W_OTHER),
    ("White and Black Caribbean", M_WBC),
    ("White and Black African", M_WBA),
    ("White and Asian", M_WA),
    ("Any other Mixed / Multiple ethnic background", M_OTHER),
    ("Mixed/Multiple ethnic groups - Any other Mixed/Multiple ethnic background", M_OTHER),
    ("Asian / Asian British - Chinese", O_CHINESE),
    ("Filipino", A_FILIPINO),
    ("Asian / Asian British - Filipino", A_FILIPINO),
    ("Any other Asian background", A_OTHER),
    ("African", B_AFRICAN),
    ("Caribbean", B_CARIBBEAN),
    ("Black / African / Caribbean / Black British - African", B_AFRICAN),
    ("Any other Black / African / Caribbean background", B_OTHER),
    ("Arab", O_ARAB),
    ("Other ethnic group - Any other ethnic group", O_OTHER),
    # 2021 census additions
    ("White - Gypsy or Irish Traveller", W_GYPSY),
    ("White: Gypsy or Irish Traveller", W_GYPSY),
    ("White - Roma", W_ROMA),
    ("Roma", W_ROMA),
    ("Other ethnic group - Arab", O_ARAB),
    ("Other ethnic group: Arab", O_ARAB),
    # a broad group only: its "any other" category (assumed)
    ("White", W_OTHER),
    ("Asian or Asian British", A_OTHER),
    ("Black", B_OTHER),
    ("Mixed", M_OTHER),
    ("Other", O_OTHER),
    ("BME", O_OTHER),
    ("BAME", O_OTHER),
]


@pytest.mark.parametrize(("raw", "category"), SPELLINGS)
def test_spellings(raw, category):
    assert one(raw) == (category, False)


UNKNOWN_SPELLINGS = [
    None, float("nan"), "", "   ", "NA", "N/A", "NULL", "null", "Not stated", "Not Stated",
    "NOT STATED", "Unspecified", "Prefer not to say", "X", "Not Declared", "Blank entry",
    "I do not wish to disclose", "Not known", "Unknown", "Z", "99", "99 Not known",
    "Not given",
]


@pytest.mark.parametrize("raw", UNKNOWN_SPELLINGS)
def test_unknown_spellings_are_unknown_and_not_reported(raw):
    assert one(raw) == (UNKNOWN, False)


# --- bare numbers: old codes, or the survey's own codes by year --------------------------

OLD_CODES = [
    (0, W_OTHER), (1, B_CARIBBEAN), (2, B_AFRICAN), (3, B_OTHER), (4, A_INDIAN),
    (5, A_PAKISTANI), (6, A_BANGLADESHI), (7, O_CHINESE), (8, O_OTHER), (9, UNKNOWN),
]


@pytest.mark.parametrize("kind", ["workforce", "recruitment", "disciplinary", "training", "board"])
@pytest.mark.parametrize(("number", "category"), OLD_CODES)
def test_old_codes_in_non_survey_files(kind, number, category):
    assert one(str(number), kind=kind) == (category, False)
    assert one(number, kind=kind) == (category, False)
    assert one(float(number), kind=kind) == (category, False)  # as Excel hands it over


SURVEY = [
    # (survey year, answer code, category)
    (2023, 1, W_BRITISH),
    (2023, 3, W_GYPSY),
    (2023, 9, A_INDIAN),
    (2023, 12, O_CHINESE),
    (2023, 13, A_OTHER),
    (2023, 14, B_AFRICAN),
    (2023, 17, O_ARAB),
    (2023, 18, O_OTHER),
    (2024, 13, A_OTHER),
    (2018, 16, B_OTHER),
    (2025, 12, O_CHINESE),
    (2025, 13, A_FILIPINO),
    (2025, 14, A_OTHER),
    (2025, 15, B_AFRICAN),
    (2025, 16, B_CARIBBEAN),
    (2025, 18, O_ARAB),
    (2025, 19, O_OTHER),
    (2026, 13, A_FILIPINO),
]


@pytest.mark.parametrize(("year", "number", "category"), SURVEY)
def test_survey_codes_by_year(year, number, category):
    assert one(str(number), kind="survey", survey_year=year) == (category, False)
    assert one(float(number), kind="survey", survey_year=year) == (category, False)


def test_survey_codes_2025_inserts_filipino_and_shifts_the_rest():
    before, after = survey_codes(2024), survey_codes(2025)
    assert after[13] == A_FILIPINO
    assert [before[n] for n in range(1, 13)] == [after[n] for n in range(1, 13)]
    assert [before[n] for n in range(13, 19)] == [after[n] for n in range(14, 20)]


def test_survey_codes_without_a_year_keep_only_codes_every_year_agrees_on():
    assert one("12", kind="survey") == (O_CHINESE, False)
    assert one("13", kind="survey") == (UNKNOWN, True)


@pytest.mark.parametrize(("raw", "kind", "category", "reported"), [
    ("9", "workforce", UNKNOWN, False),  # old code: not given
    ("9", "survey", A_INDIAN, False),  # survey code
    ("0", "survey", UNKNOWN, True),
    ("10", "workforce", UNKNOWN, True),
    ("99", "survey", UNKNOWN, False),
    ("1 English / Welsh / Scottish / Northern Irish / British", "survey", W_BRITISH, False),
    ("4 Indian", "workforce", A_INDIAN, False),
])
def test_numbers_depend_on_kind(raw, kind, category, reported):
    assert one(raw, kind=kind, survey_year=2024) == (category, reported)


# --- what cannot be recognised ----------------------------------------------------------

@pytest.mark.parametrize("raw", [
    "Purple", "Any other", "NO ANSWER GIVEN", "b white british", "I", "Q", "White - African",
    # "No" is a word, not N; capitals before capitals prove nothing; a description that
    # contradicts its code
    "no", "NO", "NO DATA", "PX WHITE ENGLISH",
])
def test_unrecognised_values_are_unknown_and_reported(raw):
    assert one(raw) == (UNKNOWN, True)


# --- issue 13: ESR extracts as they come ------------------------------------------------

@pytest.mark.parametrize(("raw", "category"), [
    # any case
    ("A WHITE - BRITISH", W_BRITISH),
    ("a white - british", W_BRITISH),
    ("WHITE - IRISH", W_IRISH),
    ("ASIAN OR ASIAN BRITISH - INDIAN", A_INDIAN),
    ("other ethnic group - arab", O_ARAB),
    # ESR sub-codes by their first letter, in any case, with or without a label
    ("LB ASIAN PUNJABI", A_OTHER),
    ("CA WHITE ENGLISH", W_OTHER),
    ("PC BLACK NIGERIAN", B_OTHER),
    ("lb", A_OTHER),
    ("Lb", A_OTHER),
    ("ca", W_OTHER),
    ("pc black nigerian", B_OTHER),
    ("Ca White English", W_OTHER),
    ("GF OTHER MIXED", M_OTHER),
    ("se", O_OTHER),
    ("SE ANY OTHER GROUP", O_OTHER),
    ("c3", W_OTHER),
    ("C2 NORTHERN IRISH", W_OTHER),  # the code decides: C, whatever the label says
    ("px", B_OTHER),  # not in the table: the first letter still counts
    ("PX BLACK NIGERIAN", B_OTHER),  # unlisted, but the label opens with its group
    # Gypsy, Irish Traveller and Roma to their own 2021 census categories
    ("CL", W_GYPSY),
    ("cl irish traveller", W_GYPSY),
    ("CM TRAVELLER", W_GYPSY),
    ("CN", W_GYPSY),
    ("CN Gypsy/Romany", W_GYPSY),
    ("Gypsy/Romany", W_GYPSY),
    ("WHITE - GYPSY OR IRISH TRAVELLER", W_GYPSY),
    ("White: Gypsy or Irish Traveller", W_GYPSY),
    ("Irish Traveller", W_GYPSY),
    ("Roma", W_ROMA),
    ("WHITE - ROMA", W_ROMA),
    ("White: Roma", W_ROMA),
    # Arab and the 2021 census spellings
    ("Arab", O_ARAB),
    ("ARAB", O_ARAB),
    ("Other ethnic group: Arab", O_ARAB),
    ("Asian, Asian British or Asian Welsh: Indian", A_INDIAN),
    ("Black, Black British, Black Welsh, Caribbean or African: African", B_AFRICAN),
    ("Mixed or Multiple ethnic groups: White and Asian", M_WA),
    ("White: English, Welsh, Scottish, Northern Irish or British", W_BRITISH),
    # the 2021 census list (England and Wales) as ONS writes it, heading: answer
    ("White: Irish", W_IRISH),
    ("White: Other White", W_OTHER),
    ("Mixed or Multiple ethnic groups: White and Black Caribbean", M_WBC),
    ("Mixed or Multiple ethnic groups: White and Black African", M_WBA),
    ("Mixed or Multiple ethnic groups: Other Mixed or Multiple ethnic groups", M_OTHER),
    ("Asian, Asian British or Asian Welsh: Pakistani", A_PAKISTANI),
    ("Asian, Asian British or Asian Welsh: Bangladeshi", A_BANGLADESHI),
    ("Asian, Asian British or Asian Welsh: Chinese", O_CHINESE),  # Other, as in 2001
    ("Asian, Asian British or Asian Welsh: Other Asian", A_OTHER),
    ("Black, Black British, Black Welsh, Caribbean or African: Caribbean", B_CARIBBEAN),
    ("Black, Black British, Black Welsh, Caribbean or African: Other Black", B_OTHER),
    ("Other ethnic group: Any other ethnic group", O_OTHER),
    # Unknown, any case
    ("X", UNKNOWN),
    ("x", UNKNOWN),
    ("Not Declared", UNKNOWN),
    ("NOT DECLARED", UNKNOWN),
    ("Blank entry", UNKNOWN),
    ("I do not wish to disclose", UNKNOWN),
    ("I DO NOT WISH TO DISCLOSE MY ETHNIC ORIGIN", UNKNOWN),
    ("Z NOT STATED", UNKNOWN),
])
def test_esr_extract_spellings(raw, category):
    assert one(raw) == (category, False)


def test_subcode_table_covers_every_letter_it_lists_by_its_first_letter():
    from wres_core.codes.ethnicity import SUBCODES
    gypsy = {"CL", "CM", "CN"}
    assert {c for c, label in SUBCODES.items() if label == W_GYPSY} == gypsy
    for code, label in SUBCODES.items():
        if code not in gypsy:
            assert label == CATEGORY_OF_CODE[code[0]], code


def test_subcode_table_rejects_a_bad_row():
    from wres_core.codes.ethnicity import load_subcodes
    head = "code,label,category,basis,confirmed\n"
    with pytest.raises(ValueError, match="line 2"):
        load_subcodes(head + "QQ,Martian,White - British,first letter,no\n")
    with pytest.raises(ValueError, match="line 2"):
        load_subcodes(head + "CA,English,White - Cornish,first letter,no\n")


def test_unrecognised_values_are_counted_once_each():
    _, unknown = classify(pd.Series(["Martian", "A", "Martian", "Venusian", None, "Martian"]))
    assert list(unknown.items()) == [("Martian", 3), ("Venusian", 1)]


# --- the user's mapping ------------------------------------------------------------------

@pytest.mark.parametrize(("mapping", "raw", "category"), [
    ({"Polish": "C"}, "polish", W_OTHER),
    ({"Polish": W_OTHER}, "Polish", W_OTHER),
    ({"Nigerian": "Black or Black British - African"}, "NIGERIAN", B_AFRICAN),
    ({"Punjabi": "Asian Indian"}, "Punjabi", A_INDIAN),
    ({"A": "Z"}, "A", UNKNOWN),  # the user's mapping wins over the built-in codes
    ({"Refugee": "Unknown"}, "Refugee", UNKNOWN),
])
def test_extra_mapping(mapping, raw, category):
    assert one(raw, extra=mapping) == (category, False)


def test_extra_mapping_to_nothing_known_is_an_error():
    with pytest.raises(ValueError, match="not an ethnic category"):
        classify(pd.Series(["x"]), extra={"x": "Martian"})


def test_unknown_kind_is_an_error():
    with pytest.raises(ValueError, match="kind must be one of"):
        classify(pd.Series(["A"]), kind="staff")


# --- shape and types ---------------------------------------------------------------------

def test_frame_columns_dtypes_and_categories():
    values = pd.Series(["A", "N", None], index=["p", "q", "r"], dtype="str")
    frame, unknown = classify(values)
    assert frame.index.equals(values.index)
    assert list(frame.columns) == ["ethnic_category", "broad_group", "wres_group"]
    assert (frame.dtypes == "category").all()
    assert list(frame["ethnic_category"].cat.categories) == CATEGORY_ORDER
    assert list(frame["broad_group"].cat.categories) == [
        "White", "Mixed", "Asian", "Black", "Other", "Unknown"]
    assert list(frame["wres_group"].cat.categories) == ["White", "BME", "Unknown"]
    assert frame["wres_group"].tolist() == ["White", "BME", "Unknown"]
    assert unknown.empty


def test_categorical_input():
    values = pd.Series(["A", "LB", "A", "Z"], dtype="category")
    frame, _ = classify(values)
    assert frame["wres_group"].tolist() == ["White", "BME", "White", "Unknown"]


# --- properties --------------------------------------------------------------------------

RAW = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.sampled_from([raw for raw, _ in SPELLINGS] + ["9", "13", "99", "LB", "no", ""]),
)


@given(st.lists(RAW, max_size=30), st.sampled_from(["workforce", "survey"]),
       st.sampled_from([None, 2024, 2025]))
def test_classify_never_raises_and_keeps_the_index(values, kind, year):
    series = pd.Series(values, index=range(100, 100 + len(values)), dtype=object)
    frame, unknown = classify(series, kind=kind, survey_year=year)
    assert frame.index.equals(series.index)
    assert frame.notna().all().all()
    assert int(unknown.sum()) <= len(values)
    assert (frame["wres_group"] == frame["ethnic_category"].map(WRES_OF)).all()


@given(st.data(), st.lists(RAW, max_size=30))
def test_row_order_does_not_change_any_row(data, values):
    series = pd.Series(values, index=range(len(values)), dtype=object)
    order = data.draw(st.permutations(range(len(values))))
    frame, unknown = classify(series)
    shuffled, unknown_shuffled = classify(series.iloc[order])
    pd.testing.assert_frame_equal(shuffled.sort_index(), frame)
    assert unknown_shuffled.sort_index().equals(unknown.sort_index())


# A sub-code: a 2001 code letter (not Z) and a letter or digit, in any case, alone or
# before a label that opens with its group's word.
_GROUP_WORD = {"White": "WHITE", "Mixed": "MIXED", "Asian": "ASIAN", "Black": "BLACK",
               "Other": "OTHER"}


@given(st.sampled_from(sorted(set(CATEGORY_OF_CODE) - {"Z"})),
       st.sampled_from("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"),
       st.sampled_from([str.upper, str.lower, str.title]),
       st.sampled_from(["", " ESR LOCAL LABEL"]))
def test_any_sub_code_counts_by_its_first_letter(letter, second, case, label):
    from wres_core.codes.ethnicity import SUBCODES
    code = letter + second
    expected = SUBCODES.get(code, CATEGORY_OF_CODE[letter])
    if label:
        label = " " + _GROUP_WORD[BROAD_OF[expected]] + label
    if code.casefold() == "no":
        return  # "No" is a word (tested above)
    from wres_core.codes.ethnicity import UNKNOWN_SPELLINGS as NOT_KNOWN_KEYS
    if not label and code.casefold() in NOT_KNOWN_KEYS:
        expected = UNKNOWN  # "NK", "NS": not known, not stated; "NA": blank
    assert one(case(code) + case(label)) == (expected, False)
