"""Indicator 3 as the guidance defines it, from files shaped like real case-management exports:
people entering a formal disciplinary investigation, each once a year, disciplinary cases
only, leavers under the ethnicity on their case row, over the 31 March headcount.

The case tracker (tests/data/corpus/case_tracker/ER_case_tracker_export.csv) beside two ESR
snapshots, worked by hand. Headcount, both years: White 5, BME 4, Unknown 1.

Financial year 2023/24 (WRES 2024), 13 rows:
  counted  ER-2023-001 20001001 White (Disciplinary)
           ER-2023-002 20001006 BME (Indian)
           ER-2023-008 20001010 BME (Pakistani; "Conduct"; the same person's bullying and
                        harassment case is left out)
           ER-2023-009 20000950 BME: a leaver, counted under the "N ... African" on the row
           ER-2024-001 20000951 Unknown: a leaver with no ethnicity on the row
           ER-2024-002 20001008 BME: the row says White British, the snapshot Caribbean;
                        the snapshot is used, as the headcount uses it
  once     ER-2023-007 20001001 (Gross Misconduct): the same person again in the year
  left out Capability, Grievance, Sickness Absence, Bullying and Harassment, Probation,
           Appeal (an appeal is not a new entry)
  -> White 1/5 = 0.2, BME 4/4 = 1.0, Unknown 1/1; relative likelihood 1.0 / 0.2 = 5.0

Financial year 2024/25 (WRES 2025), 9 rows:
  counted  ER-2024-004 20001001 White: left before 31 March 2025 (a case in both years)
           ER-2024-005 20001003 White
           ER-2024-008 20001007 BME
           ER-2025-002 20001009 Unknown (the snapshot's Z Not Stated)
  once     ER-2024-006 20001003 again
  left out Capability, Grievance, Sickness Absence, and "Other" (unreadable: a warning)
  -> White 2/5 = 0.4, BME 1/4 = 0.25; relative likelihood 0.25 / 0.4 = 0.625

Two-year headline for 2025: White (1 + 2) / (5 + 5) = 0.3, BME (4 + 1) / (4 + 4) = 0.625;
0.625 / 0.3 = 2.0833. For 2024 there is no 2022/23, so the headline is the single year (5.0).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wres_core.api import Engine, Query
from wres_core.cases import case_type
from wres_core.loader import load

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
TRACKER = CORPUS / "case_tracker"


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return Engine.from_inputs([TRACKER]).results(Query(by="department", suppress=0))


def row(table, year, measure, group="BME", dimension="overall", level="All") -> pd.Series:
    hit = table[(table["indicator"] == 3) & (table["year"] == year)
                & (table["measure"] == measure) & (table["group"] == group)
                & (table["dimension"] == dimension) & (table["level"] == level)]
    assert len(hit) == 1, (year, measure, group, dimension, level)
    return hit.iloc[0]


@pytest.mark.parametrize(("year", "group", "cases", "staff"), [
    (2024, "White", 1, 5), (2024, "BME", 4, 4), (2024, "Unknown", 1, 1),
    (2025, "White", 2, 5), (2025, "BME", 1, 4), (2025, "Unknown", 1, 1),
])
def test_people_entering_each_year_by_hand(table, year, group, cases, staff):
    r = row(table, year, "likelihood", group)
    assert (r["numerator"], r["denominator"]) == (cases, staff)
    assert r["value"] == pytest.approx(cases / staff)


def test_relative_likelihoods_by_hand(table):
    assert row(table, 2024, "relative_likelihood_1y")["value"] == pytest.approx(5.0)
    assert row(table, 2025, "relative_likelihood_1y")["value"] == pytest.approx(0.625)
    pooled_white = row(table, 2025, "likelihood_2y", "White")
    pooled_bme = row(table, 2025, "likelihood_2y", "BME")
    assert (pooled_white["numerator"], pooled_white["denominator"]) == (3, 10)
    assert (pooled_bme["numerator"], pooled_bme["denominator"]) == (5, 8)
    assert row(table, 2025, "relative_likelihood")["value"] == pytest.approx(0.625 / 0.3)
    first = row(table, 2024, "relative_likelihood")
    assert first["value"] == pytest.approx(5.0)
    assert "single-year figure: no data for 2023" in first["note"]


def test_by_department_a_leaver_counts_where_the_case_row_says(table):
    # 2025, Facilities: headcount 20001005 and 20001012 (White), 20001008 (BME); the one
    # case is 20001001's, who left before 31 March 2025 and whose row says Facilities.
    white = row(table, 2025, "likelihood", "White", "department", "Facilities")
    bme = row(table, 2025, "likelihood", "BME", "department", "Facilities")
    assert (white["numerator"], white["denominator"]) == (1, 2)
    assert (bme["numerator"], bme["denominator"]) == (0, 1)
    assert row(table, 2025, "relative_likelihood_1y", "BME", "department",
               "Facilities")["value"] == 0
    # Ward 14: White 0 of 1, BME 1 of 2: no ratio over a White likelihood of 0, and a note.
    ward = row(table, 2025, "relative_likelihood_1y", "BME", "department", "Ward 14")
    assert pd.isna(ward["value"])
    assert "no White staff entered the formal disciplinary process" in ward["note"]


def test_the_findings_say_what_was_left_out_and_why():
    data = load([TRACKER])
    by_code = {f.code: f for f in data.findings}
    assert by_code["other_case_types"].message.endswith(
        "9 other case(s) in column 'Case Type' were left out: 2 Capability, 2 Grievance, "
        "2 Sickness Absence, 1 Appeal, 1 Bullying and Harassment, 1 Probation.")
    assert "'Other' (1 case)" in by_code["unknown_case_type"].message
    assert by_code["unknown_case_type"].hint.startswith("Fill in the case type, or add rows")
    assert "2 disciplinary case(s) are further cases of 2 person(s)" in \
        by_code["cases_counted_once"].message
    leavers = by_code["unmatched_person"]
    assert "3 person id(s)" in leavers.message
    assert "20000950, 20000951, 20001001" in leavers.message
    assert "2 case(s) under the ethnicity on the case row (column 'Ethnic Origin'), and 1 " \
           "with no ethnicity of their own as Unknown" in leavers.message
    assert leavers.column == "Employee Number"
    assert "for 1 disciplinary row(s)" in by_code["ethnicity_from_workforce"].message


def test_a_mapping_row_makes_a_local_case_type_count(tmp_path):
    shutil.copytree(TRACKER, tmp_path / "in")
    (tmp_path / "in" / "mapping.csv").write_text(
        "kind,column,raw,canonical\ndisciplinary,Case Type,Other,Disciplinary\n")
    data = load([tmp_path / "in"])
    assert "unknown_case_type" not in {f.code for f in data.findings}
    disc = data.frames["disciplinary"]
    assert "20001005" in set(disc.loc[disc["year"] == 2025, "person_id"])


def _with_workforce(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for snapshot in ("workforce_2024.csv", "workforce_2025.csv"):
        shutil.copy(TRACKER / snapshot, folder / snapshot)
    (folder / name).write_text(text)
    return folder


def test_header_only_case_file_is_a_true_zero(tmp_path):
    folder = _with_workforce(tmp_path, "disciplinary_2025.csv",
                             "Case Ref,Employee Number,Case Type,Date Opened,Ethnic Origin\n")
    t = Engine.from_inputs([folder]).results(Query(suppress=0))
    for group, staff in (("White", 5), ("BME", 4), ("Unknown", 1)):
        r = row(t, 2025, "likelihood", group)
        assert (r["numerator"], r["denominator"], r["value"]) == (0, staff, 0)
        assert "no disciplinary cases in the data" not in r["note"]
    ratio = row(t, 2025, "relative_likelihood_1y")
    assert pd.isna(ratio["value"])
    assert ratio["note"].startswith("no White staff entered the formal disciplinary process, "
                                    "so the relative likelihood cannot be computed")
    # 2024 was not covered by any case file: zero there may mean "not loaded", and says so.
    assert "no disciplinary cases in the data for 2024" in row(t, 2024, "likelihood")["note"]
    assert "single-year figure: no data for 2024" in row(t, 2025, "relative_likelihood")["note"]


def test_a_year_of_other_case_types_only_is_a_true_zero_and_pools(tmp_path):
    folder = _with_workforce(
        tmp_path, "er_cases.csv",
        "Employee Number,Case Type,Date Opened\n"
        "20001006,Capability,01/06/2023\n20001002,Grievance,01/07/2023\n"
        "20001007,Disciplinary,01/06/2024\n")
    t = Engine.from_inputs([folder]).results(Query(suppress=0))
    assert row(t, 2024, "likelihood")["numerator"] == 0
    assert "no disciplinary cases" not in row(t, 2024, "likelihood")["note"]
    pooled = row(t, 2025, "likelihood_2y")
    assert (pooled["numerator"], pooled["denominator"]) == (1, 8)
    assert "single-year" not in pooled["note"]


def test_rows_without_an_id_count_as_given_and_ids_once_per_organisation(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "workforce_2024.csv").write_text(
        "Org,Employee Number,Ethnic Origin,Pay Band,Staff Group\n"
        "RX1,7,A,Band 5,Estates and Ancillary\nRX2,7,H,Band 5,Estates and Ancillary\n"
        "RX1,8,H,Band 5,Estates and Ancillary\n")
    (folder / "disciplinary_2024.csv").write_text(
        "Org,Employee Number,Ethnic Origin,Count\n"
        "RX1,7,,1\nRX1,7,,1\nRX2,7,,1\nRX1,,H,3\nRX1,,H,2\n")
    disc = load([folder]).frames["disciplinary"]
    people = disc.groupby("wres_group", observed=True)["count"].sum()
    # Person 7 once in RX1 (White there) and once in RX2 (BME there); 3 + 2 without ids.
    assert people.to_dict() == {"White": 1, "BME": 6}


@pytest.mark.parametrize(("text", "kind"), [
    ("Disciplinary", "Disciplinary"), ("DISCIPLINARY", "Disciplinary"),
    ("Conduct", "Disciplinary"), ("Gross Misconduct", "Disciplinary"),
    ("Formal Disciplinary Investigation", "Disciplinary"),
    ("Capability", "Capability"), ("Capability (ill health)", "Capability"),
    ("Performance", "Capability"), ("Grievance", "Grievance"),
    ("Sickness Absence", "Sickness Absence"), ("Attendance management", "Sickness Absence"),
    ("Bullying and Harassment", "Bullying and Harassment"),
    ("Dignity at Work", "Bullying and Harassment"), ("Disciplinary Appeal", "Appeal"),
    ("Informal resolution", "Informal"), ("Whistleblowing", "Whistleblowing"),
    ("Probationary review", "Probation"), ("Other", None), ("Investigation", None),
])
def test_case_type_spellings(text, kind):
    assert case_type(text) == kind


RECORDS = st.lists(st.tuples(st.sampled_from(["Disciplinary", "Conduct", "Capability",
                                              "Grievance", "Sickness Absence"]),
                             st.integers(1, 6), st.sampled_from(["2023", "2024"])),
                   min_size=1, max_size=25)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=RECORDS)
def test_counted_people_are_the_distinct_people_with_a_disciplinary_case(records, tmp_path):
    path = tmp_path / "er_cases.csv"
    lines = ["Employee Number,Ethnic Origin,Case Type,Date Opened"]
    lines += [f"{pid},A,{kind},01/06/{year}" for kind, pid, year in records]
    path.write_text("\n".join(lines) + "\n")
    disc = load([path]).frames.get("disciplinary")
    expected = {(int(y) + 1, str(p)) for k, p, y in records if k in ("Disciplinary", "Conduct")}
    got = set() if disc is None else set(zip(disc["year"], disc["person_id"], strict=True))
    assert got == expected
    assert disc is None or len(disc) == len(expected)


@pytest.mark.parametrize("header", ["Case Type", "Type of Case", "ER Case Type",
                                    "Case Category", "case_type", "CASE TYPE"])
def test_case_type_header_spellings(tmp_path, header):
    path = tmp_path / "er_cases.csv"
    path.write_text(f"Employee Number,Ethnic Origin,{header},Date Case Opened\n"
                    "1,A,Disciplinary,01/06/2023\n2,H,Grievance,01/06/2023\n")
    data = load([path])
    assert data.frames["disciplinary"]["person_id"].tolist() == ["1"]
    (other,) = [f for f in data.findings if f.code == "other_case_types"]
    assert other.column == header and f"column '{header}'" in other.message
