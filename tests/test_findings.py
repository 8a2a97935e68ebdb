"""One test per kind of finding: its level, where it points, and a message a person can act on."""

from __future__ import annotations

import pytest

from wres_core.loader import load

from conftest import WORKFORCE_CSV


def _only(data, code):
    found = [f for f in data.findings if f.code == code]
    assert found, f"no {code} finding in {[f.code for f in data.findings]}"
    return found[0]


def test_missing_required_column(write):
    data = load([write("recruitment.csv", "Year,Ethnicity,Department\n2024,A,X\n")])
    f = _only(data, "missing_column")
    assert (f.level, f.file) == ("error", "recruitment.csv")
    assert "'appointed' or 'stage'" in f.message
    assert "Appointed" in f.hint
    assert "recruitment" not in data.frames


def test_missing_year_says_it_can_come_from_the_file_name(write):
    data = load([write("workforce.csv", "Ethnicity,Pay Band,Staff Group\nA,Band 5,Estates\n")])
    f = _only(data, "missing_column")
    assert "'year'" in f.message and "file name" in f.hint


def test_unreadable_values_are_listed_once_with_counts(write):
    text = ("Ethnicity,Pay Band,Staff Group\nA,Band 5,Estates\nA,Band Q,Estates\n"
            "H,Band Q,Estates\nH,Grade 99,Estates\n")
    data = load([write("workforce_2024.csv", text)])
    f = _only(data, "unknown_pay_band")
    # A warning, not an error: the file is kept and those rows count outside the band rows
    # (issue 13: an unreadable band once dropped a 4.2 million-row workforce file).
    assert f.level == "warning" and f.column == "Pay Band" and f.row == 3
    assert "'Band Q' (2 rows)" in f.message and "'Grade 99' (1 row)" in f.message
    assert "Unrecognised band" in f.message
    assert "mapping file" in f.hint and "column 'Pay Band'" in f.hint
    wf = data.frames["workforce"]
    assert len(wf) == 4 and wf["pay_band"].isna().sum() == 3


def test_unknown_ethnicity_code_is_a_warning_and_counts_as_unknown(write):
    text = "Ethnicity,Pay Band,Staff Group\nMartian,Band 5,Estates\nA,Band 5,Estates\n"
    data = load([write("workforce_2024.csv", text)])
    f = _only(data, "unknown_ethnicity_code")
    assert f.level == "warning" and "'Martian' (1 row)" in f.message
    assert data.frames["workforce"]["wres_group"].astype(str).tolist() == ["Unknown", "White"]


def test_unknown_kind(write):
    data = load([write("notes.csv", "Colour,Shape\nred,square\n")])
    f = _only(data, "unknown_kind")
    assert f.level == "error" and f.file == "notes.csv"
    assert "file or sheet name" in f.hint


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("workforce_2024.csv", b"", "empty_file"),
        ("workforce_2024.xlsx", b"not a workbook at all", "unreadable_file"),
        ("workforce_2024.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
         "unreadable_file"),
        ("bundle.zip", b"PK\x03\x04broken", "unreadable_file"),
        ("workforce_2024.csv", b"\x00\x01\x02\x03binary", "unreadable_file"),
    ],
)
def test_unreadable_or_empty_file(write, name, content, code):
    data = load([write(name, content)])
    f = _only(data, code)
    assert f.level == "error" and f.file.endswith(name) and f.hint


@pytest.mark.parametrize(("name", "header", "years"), [
    ("workforce_2024.csv", "Ethnicity,Pay Band,Staff Group", (2024,)),
    ("disciplinary_2024.csv", "Employee Number,Ethnic Origin,Case Type", (2024,)),
    ("staff_survey_2023.csv", "Ethnicity,q14a,q14b,q14c,q15,q16b", (2024,)),  # feeds 2024
])
def test_header_only_file_is_a_true_zero_with_a_note(write, name, header, years):
    data = load([write(name, header + "\n")])
    f = _only(data, "empty_table")
    assert f.level == "info" and name in f.message
    assert f"year {years[0]}" in f.message
    assert not [x for x in data.findings if x.level == "error"]
    (table,) = data.tables
    assert table.loaded and table.years == years


def test_header_only_file_without_a_year_says_how_to_give_one(write):
    data = load([write("disciplinary.csv", "Employee Number,Ethnic Origin,Case Type\n")])
    f = _only(data, "empty_table_no_year")
    assert f.level == "warning" and "file name" in f.hint
    # The year asked for (the command line's --year) stands in for the missing one.
    data = load([write("disciplinary.csv", "Employee Number,Ethnic Origin,Case Type\n")],
                years=[2025])
    assert "year 2025" in _only(data, "empty_table").message
    assert data.covered_years("disciplinary") == {2025}


def test_password_protected_workbook_says_so(write):
    data = load([write("workforce_2024.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)])
    assert "password" in _only(data, "unreadable_file").message


@pytest.mark.parametrize("bad", ["-1", "2.5", "many"])
def test_negative_or_non_integer_count(write, bad):
    text = f"Ethnicity,Pay Band,Staff Group,Count\nA,Band 5,Estates,4\nH,Band 5,Estates,{bad}\n"
    data = load([write("workforce_2024.csv", text)])
    f = _only(data, "bad_count")
    assert (f.level, f.column, f.row) == ("error", "Count", 3)
    assert f"'{bad}'" in f.message


def test_duplicate_person_in_one_snapshot(write):
    text = ("Employee Number,Ethnicity,Pay Band,Staff Group\n7,A,Band 5,Estates\n"
            "7,A,Band 6,Estates\n")
    data = load([write("workforce_2024.csv", text)])
    f = _only(data, "duplicate_person")
    assert f.level == "warning" and f.row == 3 and "7" in f.message
    assert len(data.frames["workforce"]) == 1


def test_person_id_with_no_workforce_record(write, tmp_path):
    write("in/workforce_2024.csv", WORKFORCE_CSV)
    write("in/training.csv", "Employee Number,Year\n1001,2024\n4242,2024\n")
    data = load([tmp_path / "in"])
    f = _only(data, "unmatched_person")
    assert f.level == "warning" and "4242" in f.message and f.column == "Employee Number"
    assert len(data.frames["training"]) == 2  # reported, never dropped


def test_high_unknown_ethnicity_overall_and_by_band(write):
    rows = ["Ethnicity,Pay Band,Staff Group"] + ["A,Band 5,Estates"] * 18 + ["Z,Band 2,Estates"] * 2
    data = load([write("workforce_2024.csv", "\n".join(rows) + "\n")])
    overall = _only(data, "high_unknown_ethnicity")
    assert "10.0%" in overall.message and "2 of 20" in overall.message
    band = _only(data, "high_unknown_ethnicity_band")
    assert "Band 2" in band.message and "Band 5" not in band.message


def test_year_present_in_one_kind_but_not_another(write, tmp_path):
    write("in/workforce_2024.csv", WORKFORCE_CSV)
    write("in/workforce_2025.csv", WORKFORCE_CSV)
    write("in/board.csv", "Year,Ethnicity,Voting,Executive\n2025,A,Y,Y\n")
    data = load([tmp_path / "in"])
    f = _only(data, "year_not_in_all_kinds")
    assert f.level == "info" and "board" in f.message and "2024" in f.message


def test_bad_year(write):
    data = load([write("recruitment.csv", "Year,Ethnicity,Appointed\nsoon,A,Y\n2024,A,N\n")])
    f = _only(data, "bad_year")
    assert (f.level, f.row, f.column) == ("error", 2, "Year") and "'soon'" in f.message


def test_bad_yes_no_in_required_flag(write):
    data = load([write("recruitment.csv", "Year,Ethnicity,Appointed\n2024,A,maybe\n")])
    f = _only(data, "bad_yes_no")
    assert f.level == "error" and "'maybe'" in f.message and "yes/no" in f.hint


def test_finding_where_names_file_sheet_row_and_column():
    from wres_core.findings import Finding

    f = Finding("error", "x", "m", file="a.xlsx", sheet="Staff", row=4, column="Band")
    assert f.where == "a.xlsx, sheet 'Staff', row 4, column 'Band'"
