"""The wres command: findings grouped by file, exit codes, and no traceback whatever the input."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wres_core.cli import main

from conftest import SAMPLE, WORKFORCE_CSV


def test_check_clean_files_exits_zero(write, capsys):
    code = main(["check", str(write("workforce_2024.csv", WORKFORCE_CSV))])
    out = capsys.readouterr().out
    assert code == 0
    assert "workforce_2024.csv: workforce, 5 rows" in out


def test_check_reports_errors_grouped_by_file_and_exits_one(write, tmp_path, capsys):
    write("in/workforce_2024.csv", WORKFORCE_CSV)
    write("in/recruitment.csv", "Year,Ethnicity\n2024,A\n")
    code = main(["check", str(tmp_path / "in")])
    out = capsys.readouterr().out
    assert code == 1
    assert "recruitment.csv\n  ERROR   [missing_column]" in out
    assert "How to fix:" in out
    assert "1 error(s)" in out


def test_check_missing_path(capsys):
    assert main(["check", "/no/such/file.csv"]) == 1
    assert "does not exist" in capsys.readouterr().out


def test_usage_error_is_not_a_traceback(capsys):
    assert main(["indicators"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_bad_where_is_a_plain_message(capsys):
    assert main(["indicators", str(SAMPLE), "--where", "department"]) == 2
    assert "COLUMN=VALUE" in capsys.readouterr().err


def test_indicators_csv_and_json(capsys):
    assert main(["indicators", str(SAMPLE), "--year", "2026", "--format", "csv"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert set(table["year"]) == {2026}
    assert set(table["indicator"]) == set(range(1, 10))
    assert main(["indicators", str(SAMPLE), "--year", "2026", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == len(table)


def test_indicators_by_department_with_where(capsys):
    assert main(["indicators", str(SAMPLE), "--by", "department", "--where",
                 "clinical=yes", "--suppress", "0"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert "department" in set(table["dimension"])


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=600),
       name=st.sampled_from(["workforce_2024.csv", "recruitment.csv", "x.csv", "board.xlsx",
                             "a.parquet", "b.zip", "staff_survey_2023.csv"]))
def test_check_never_raises_on_arbitrary_bytes(content, name):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(content)
        assert main(["check", str(path)]) in (0, 1)


_cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(_cell, min_size=1, max_size=6), max_size=8),
       header=st.sampled_from(["Year,Ethnicity,Pay Band,Staff Group,Count",
                               "Year,Ethnicity,Appointed,Shortlisted",
                               "Year,Ethnicity,q14a,q15,q16b", "Year,Ethnicity,Voting,Executive",
                               "Employee Number,Date Opened", "Year,Indicator,Group,Percent,Base"]))
def test_check_never_raises_on_arbitrary_csv_content(rows, header):
    text = header + "\n" + "\n".join(",".join(r) for r in rows)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data_2024.csv"
        path.write_text(text, encoding="utf-8")
        assert main(["check", str(path)]) in (0, 1)


# --- strict: a question that matches nothing is an error naming the choices (§6) ----------

CASE_TRACKER = Path(__file__).resolve().parent / "data" / "corpus" / "case_tracker"


def _refused(capsys, args, code):
    assert main(args) == code
    out, err = capsys.readouterr()
    assert out == ""  # nothing half-answered on stdout
    assert "Traceback" not in err
    return err


def test_where_column_that_no_data_has(capsys):
    err = _refused(capsys, ["indicators", str(CASE_TRACKER), "--where", "colour=red"], 2)
    assert err == ("wres: --where colour=... names no column of the data loaded; the columns "
                   "are: case_type, clinical, department, directorate, pay_band, "
                   "staff_group\n")


def test_where_value_that_matches_no_row(capsys):
    err = _refused(capsys, ["indicators", str(CASE_TRACKER), "--where",
                            "department=Ward 99"], 2)
    assert err == ("wres: --where department=Ward 99 matches no row; department is one of: "
                   "Facilities, Ward 12, Ward 14\n")


def test_where_values_that_match_nothing_together(capsys):
    err = _refused(capsys, ["indicators", str(CASE_TRACKER), "--where", "department=Ward 14",
                            "--where", "pay_band=Band 2"], 2)
    assert "each filter matches some rows, but no row matches them all" in err


def test_where_may_name_the_column_as_the_file_does(capsys):
    assert main(["indicators", str(CASE_TRACKER), "--where", "Pay Band=Band 5",
                 "--suppress", "0"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert not table.empty


def test_year_not_loaded(capsys):
    err = _refused(capsys, ["indicators", str(CASE_TRACKER), "--year", "2025", "--year",
                            "2031"], 2)
    assert err == "wres: --year 2031 is not loaded; the years loaded are: 2024, 2025\n"


def test_report_refuses_the_same_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "wres.xlsx"
    err = _refused(capsys, ["report", str(CASE_TRACKER), "--out", str(out), "--where",
                            "department=Ward 99"], 2)
    assert "department is one of: Facilities, Ward 12, Ward 14" in err
    assert not out.exists()


def _with_a_broken_table(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for f in CASE_TRACKER.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "recruitment_2025.csv").write_text("Ethnicity,Pay Band\nA,Band 5\n")
    return folder


def test_a_table_left_out_for_errors_stops_indicators(tmp_path, capsys):
    err = _refused(capsys, ["indicators", str(_with_a_broken_table(tmp_path))], 1)
    assert ("wres: error: recruitment_2025.csv: a recruitment file needs a column 'appointed' "
            "or 'stage', and it has none.") in err
    assert ("wres: left out for errors: recruitment_2025.csv (recruitment data); the results "
            "would be incomplete.") in err
    assert "--keep-going" in err


def test_keep_going_gives_the_results_without_it(tmp_path, capsys):
    assert main(["indicators", str(_with_a_broken_table(tmp_path)), "--keep-going"]) == 0
    out, err = capsys.readouterr()
    table = pd.read_csv(io.StringIO(out))
    assert set(table["indicator"]) == {1, 3}
    assert "the results are without them (--keep-going)" in err


def test_a_table_left_out_stops_report_unless_keep_going(tmp_path, capsys):
    folder, out = _with_a_broken_table(tmp_path), tmp_path / "wres.xlsx"
    err = _refused(capsys, ["report", str(folder), "--out", str(out)], 1)
    assert "left out for errors: recruitment_2025.csv (recruitment data)" in err
    assert not out.exists()
    assert main(["report", str(folder), "--out", str(out), "--keep-going"]) == 0
    assert out.exists()


def test_header_only_file_without_a_year_takes_the_year_asked_for(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("workforce_2024.csv", "workforce_2025.csv"):
        (folder / name).write_bytes((CASE_TRACKER / name).read_bytes())
    (folder / "er_cases.csv").write_text("Case Ref,Employee Number,Case Type,Date Opened\n")
    assert main(["indicators", str(folder), "--year", "2025", "--suppress", "0"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    ind3 = table[(table["indicator"] == 3) & (table["measure"] == "likelihood")]
    assert ind3["numerator"].tolist() == [0, 0, 0]
    assert ind3["denominator"].tolist() == [5, 4, 1]
