"""Loading: every format, header alias, kind and year source the data contract promises."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest

from wres_core.loader import load

from conftest import WORKFORCE_CSV, csv_bytes, xlsx_bytes


def _wf(data):
    return data.frames["workforce"]


def test_workforce_csv_with_esr_headers(write):
    data = load([write("workforce_2024.csv", WORKFORCE_CSV)])
    wf = _wf(data)
    assert len(wf) == 5
    assert set(wf["year"]) == {2024}
    assert wf["wres_group"].astype(str).tolist() == ["White", "BME", "BME", "White", "Unknown"]
    assert wf["pay_band"].astype(str).tolist() == ["Band 5", "Band 5", "Band 6", "Band 8a",
                                                   "Band 3"]
    assert wf["department"].astype(str).tolist()[:3] == ["Cardiology", "Cardiology", "Radiology"]
    assert wf["clinical"].astype(str).tolist() == ["Clinical", "Clinical", "Clinical",
                                                   "Non-clinical", "Non-clinical"]
    assert wf["count"].tolist() == [1] * 5
    assert wf["source_row"].tolist() == [2, 3, 4, 5, 6]
    assert not [f for f in data.findings if f.level == "error"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_encodings(write, encoding):
    text = WORKFORCE_CSV.replace("914 Cardiology L5", "914 Café Cardiology L5")
    data = load([write("workforce_2024.csv", csv_bytes(text, encoding))])
    assert "Café Cardiology" in set(_wf(data)["department"].astype(str))


def test_semicolon_separated_and_trailing_blank_columns(write):
    text = WORKFORCE_CSV.replace(",", ";").replace("\n", ";;\n")
    data = load([write("workforce_2024.csv", text)])
    assert len(_wf(data)) == 5
    assert any(f.code == "empty_columns_dropped" for f in data.findings)


def test_title_rows_and_totals_row_are_skipped(write):
    text = "Staff in post report\nRun on 01/04/2024\n\n" + WORKFORCE_CSV + "Total,,,,\n"
    data = load([write("workforce_2024.csv", text)])
    assert len(_wf(data)) == 5
    codes = {f.code for f in data.findings}
    assert {"title_rows_skipped", "total_rows_dropped"} <= codes
    assert _wf(data)["source_row"].tolist()[0] == 5


def test_excel_one_sheet_per_kind_with_title_rows(write):
    wf = pd.read_csv(io.StringIO(WORKFORCE_CSV), dtype=str)
    wf.insert(0, "Year", "2024")
    board = pd.DataFrame({"Year": ["2024"] * 3, "Ethnicity": ["A", "H", "A"],
                          "Voting": ["Y", "Y", "N"], "Executive": ["Y", "N", "N"]})
    data = load([write("wres.xlsx", xlsx_bytes({"Workforce": wf, "Board": board},
                                               title_rows=2))])
    assert len(_wf(data)) == 5
    assert data.frames["board"]["voting"].tolist() == [True, True, False]


def test_parquet(write, tmp_path):
    df = pd.read_csv(io.StringIO(WORKFORCE_CSV), dtype=str)
    df["year"] = 2025
    df["count"] = [3, 1, 1, 2, 1]
    path = tmp_path / "staff.parquet"
    df.to_parquet(path)
    data = load([path])
    wf = _wf(data)
    assert set(wf["year"]) == {2025}
    assert wf["count"].sum() == 8


def test_folder_and_zip(write, tmp_path):
    write("in/workforce_2024.csv", WORKFORCE_CSV)
    write("in/workforce_2025.csv", WORKFORCE_CSV)
    folder = load([tmp_path / "in"])
    assert sorted(set(_wf(folder)["year"])) == [2024, 2025]

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("export/workforce_2024.csv", WORKFORCE_CSV)
        z.writestr("export/readme.pdf", b"%PDF")
        z.writestr("__MACOSX/._workforce_2024.csv", b"junk")
    zipped = load([("wres.zip", buf.getvalue())])
    assert len(_wf(zipped)) == 5


@pytest.mark.parametrize(
    ("header", "canonical"),
    [
        ("Assignment Number", "person_id"), ("PersonID", "person_id"),
        ("NHSUniqueID", "person_id"), ("Unique Nhs Identifier", "person_id"),
        ("Ethnic Group", "ethnicity"), ("ETHNICITY", "ethnicity"),
        ("AfC Band", "pay_band"), ("Banding", "pay_band"), ("Pay Grade Name", "pay_band"),
        ("Job Staff Group", "staff_group"), ("Occupation Code", "occupation"),
        ("Job Role", "occupation"), ("Area of Work", "occupation"),
        ("Department", "department"), ("Organisation", "department"),
        ("Contracted WTE", "fte"), ("FTE", "fte"), ("Primary Assignment", "primary"),
        ("Assignment Category", "contract"), ("Type of Contract", "contract"),
    ],
)
def test_header_aliases(header, canonical):
    from wres_core.columns import rename_map

    mapping, _ = rename_map([header])
    assert mapping == {header: canonical}


def test_org_levels_give_department_and_directorate():
    from wres_core.columns import rename_map

    mapping, _ = rename_map(["Org L3", "Org L4", "Org L6", "Ethnic Origin"])
    assert mapping["Org L6"] == "department"
    assert mapping["Org L4"] == "directorate"
    assert "Org L3" not in mapping


@pytest.mark.parametrize(
    ("name", "columns", "kind"),
    [
        ("workforce_2024.csv", "Ethnicity,Band,Staff Group", "workforce"),
        ("esr_extract.csv", "Ethnicity,Band,Staff Group", "workforce"),
        ("export.csv", "Year,Ethnicity,Band,Staff Group", "workforce"),
        ("export.csv", "Year,Ethnicity,Appointed,Shortlisted", "recruitment"),
        ("TRAC 2023-24.csv", "Ethnicity,Appointed", "recruitment"),
        ("cases.csv", "Year,Employee Number,Date Opened", "disciplinary"),
        ("cpd.csv", "Year,Employee Number,Course", "training"),
        ("staff_survey_2023.csv", "Ethnicity,q14a,q14b,q14c,q15,q16b", "survey"),
        ("export.csv", "Year,Indicator,Group,Percent,Responses", "survey_summary"),
        ("members.csv", "Year,Ethnicity,Voting,Executive", "board"),
    ],
)
def test_kind_from_name_or_columns(name, columns, kind):
    from wres_core.loader import _kind
    from wres_core.readers import RawTable

    table = RawTable(name, "", pd.DataFrame(columns=columns.split(",")), 2)
    assert _kind(table) == kind


def test_misleading_file_name_is_read_by_its_columns(write):
    text = "Year,Ethnicity,Shortlisted,Appointed\n2024,A,Y,Y\n2024,H,Y,N\n"
    data = load([write("workforce_2024.csv", text)])
    assert "recruitment" in data.frames and "workforce" not in data.frames
    assert any(f.code == "kind_from_columns" for f in data.findings)


@pytest.mark.parametrize(
    ("value", "year"),
    [("2024", 2024), ("2023/24", 2024), ("2023-24", 2024), ("FY2024", 2024),
     ("31/03/2024", 2024), ("2024-03-31", 2024)],
)
def test_year_spellings(write, value, year):
    text = f"Year,Ethnicity,Shortlisted,Appointed\n{value},A,Y,Y\n"
    data = load([write("recruitment.csv", text)])
    assert data.frames["recruitment"]["year"].tolist() == [year]


def test_date_opened_stands_in_for_year(write):
    text = "Employee Number,Ethnicity,Date Opened\n1,A,31/03/2024\n2,H,01/04/2024\n"
    data = load([write("disciplinary.csv", text)])
    assert data.frames["disciplinary"]["year"].tolist() == [2024, 2025]


def test_survey_year_feeds_next_wres_year(write):
    text = "Ethnicity,q14a,q14b,q14c,q15,q16b\nWhite - British,1,1,2,1,2\n"
    data = load([write("staff_survey_2023.csv", text)])
    survey = data.frames["survey"]
    assert survey["year"].tolist() == [2024]
    assert survey["survey_year"].tolist() == [2023]


def test_count_column_and_org(write):
    text = ("Year,Org,Ethnicity,Pay Band,Staff Group,Count\n"
            "2024,RXA,A,Band 5,Nursing and Midwifery Registered,40\n"
            "2024,RXB,H,Band 5,Nursing and Midwifery Registered,12\n")
    data = load([write("workforce.csv", text)])
    wf = _wf(data)
    assert wf["count"].tolist() == [40, 12]
    assert data.orgs == ["RXA", "RXB"]


def test_mapping_file_maps_local_spellings(write, tmp_path):
    write("in/workforce_2024.csv", "Ethnicity,Pay Band,Staff Group\nA,Grade X,Estates\n")
    write("in/mapping.csv", "kind,column,raw,canonical\nworkforce,pay_band,Grade X,Band 4\n")
    data = load([tmp_path / "in"])
    assert _wf(data)["pay_band"].astype(str).tolist() == ["Band 4"]
    assert not [f for f in data.findings if f.level == "error"]


def test_recruitment_stage_column(write):
    text = ("Year,Ethnicity,Status\n2024,A,Appointed\n2024,A,Invited for Interview\n"
            "2024,H,Shortlisting: Rejected\n2024,H,Offer: Conditional\n")
    rec = load([write("recruitment.csv", text)]).frames["recruitment"]
    assert rec["shortlisted"].tolist() == [True, True, False, True]
    assert rec["appointed"].tolist() == [True, False, False, True]


def test_non_primary_assignments_and_duplicates(write):
    text = ("Employee Number,Ethnicity,Pay Band,Staff Group,Primary Assignment\n"
            "1,A,Band 5,Estates and Ancillary,Y\n1,A,Band 2,Estates and Ancillary,N\n"
            "2,H,Band 5,Estates and Ancillary,Y\n2,H,Band 5,Estates and Ancillary,Y\n")
    data = load([write("workforce_2024.csv", text)])
    assert _wf(data)["person_id"].tolist() == ["1", "2"]
    codes = {f.code for f in data.findings}
    assert {"secondary_assignments_dropped", "duplicate_person"} <= codes


def test_disciplinary_takes_ethnicity_from_workforce(write, tmp_path):
    write("in/workforce_2024.csv", WORKFORCE_CSV)
    write("in/disciplinary.csv", "Employee Number,Year\n1002,2024\n1004,2023/24\n9999,2024\n")
    data = load([tmp_path / "in"])
    disc = data.frames["disciplinary"]
    assert disc["wres_group"].astype(str).tolist() == ["BME", "White", "Unknown"]
    assert disc["department"].astype(str).tolist()[:2] == ["Cardiology", "Radiology"]
    assert disc["matched"].tolist() == [True, True, False]
    found = [f for f in data.findings if f.code == "unmatched_person"]
    assert found and "9999" in found[0].message


def test_training_counts_each_person_once(write, tmp_path):
    write("in/workforce_2024.csv", WORKFORCE_CSV)
    write("in/training.csv", "Employee Number,Financial Year,Course\n1001,2023/24,A\n"
                             "1001,2023/24,B\n1003,2023/24,A\n")
    data = load([tmp_path / "in"])
    assert data.frames["training"]["person_id"].tolist() == ["1001", "1003"]


def test_same_snapshot_in_two_files_is_counted_once(write, tmp_path):
    write("in/workforce_2024.csv", WORKFORCE_CSV)
    write("in/workforce_copy_2024.csv", WORKFORCE_CSV)
    data = load([tmp_path / "in"])
    assert len(_wf(data)) == 5
    assert any(f.code == "duplicate_year" for f in data.findings)


def test_error_in_one_file_does_not_stop_the_others(write, tmp_path):
    write("in/workforce_2024.csv", WORKFORCE_CSV)
    write("in/board.csv", "Year,Ethnicity,Voting\n2024,A,Y\n")  # no executive column
    data = load([tmp_path / "in"])
    assert len(_wf(data)) == 5
    assert "board" not in data.frames
    assert any(f.level == "error" and f.file == "board.csv" for f in data.findings)


def test_loading_never_changes_the_users_files(write):
    path = write("workforce_2024.csv", WORKFORCE_CSV)
    before = path.read_bytes()
    load([path])
    assert path.read_bytes() == before
