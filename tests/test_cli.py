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
    assert set(table["indicator"]) == set(range(1, 11))  # 10: the pay gap (sample has pay)
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
