"""The wres command: findings grouped by file, exit codes, and no traceback whatever the input."""

from __future__ import annotations

import io
import json
import re
import sys
import tempfile
import tomllib
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


def _small_unknown_csv() -> str:
    """By hand: Band 5 has 20 White staff and 3 of unknown ethnicity (23: 13.0%, shown as
    13%), Band 6 has 30 White staff; 3 of 53 staff in all (5.7%): above the 5% warning
    line overall and in Band 5 only."""
    rows = ["Employee Number,Ethnic Origin,Pay Band,Staff Group"]
    rows += [f"{1000 + i},A White - British,Band 5,Nursing" for i in range(20)]
    rows += [f"{2000 + i},Z Not Stated,Band 5,Nursing" for i in range(3)]
    rows += [f"{3000 + i},A White - British,Band 6,Nursing" for i in range(30)]
    return "\n".join(rows) + "\n"


def test_check_withholds_a_small_count_by_default_and_says_how_to_see_it(write, capsys):
    path = str(write("workforce_2024.csv", _small_unknown_csv()))
    assert main(["check", path]) == 0
    out = capsys.readouterr().out
    assert "Band 5" in out and "more than 5% of staff" in out  # the warnings are still there
    assert not re.search(r"\b3 of \d", out) and "13%" not in out and "5.7%" not in out
    assert "figures in 2 finding(s) are not printed" in out
    assert "run again with --suppress 0 (for internal use only" in out
    # The same as --suppress 10 said outright, and as any threshold of 2 or more.
    assert main(["check", path, "--suppress", "10"]) == 0
    assert capsys.readouterr().out == out


def test_check_prints_the_small_count_with_suppress_0(write, capsys):
    path = str(write("workforce_2024.csv", _small_unknown_csv()))
    assert main(["check", path, "--suppress", "0"]) == 0
    out = capsys.readouterr().out
    assert "Band 5: 13% (3 of 23)" in out
    assert "unknown for 5.7% of staff (3 of 53), above 5%" in out
    assert "not printed" not in out
    assert "Publication-safe mode is off (--suppress 0)" in out and "internal use only" in out


def test_check_says_nothing_of_withholding_when_nothing_was(write, capsys):
    assert main(["check", str(write("workforce_2024.csv", WORKFORCE_CSV.replace(
        "Z Not Stated", "A White - British")))]) == 0
    out = capsys.readouterr().out
    assert "Publication-safe" not in out and "No problems found." in out


def test_check_refuses_a_negative_threshold(write, capsys):
    path = str(write("workforce_2024.csv", _small_unknown_csv()))
    assert main(["check", path, "--suppress", "-1"]) == 2
    err = capsys.readouterr().err
    assert "negative" in err and "Traceback" not in err


def test_check_on_the_sample_prints_no_band_count_by_default(capsys):
    # The sample's Band 9 has 1 of 9 staff of unknown ethnicity (wres check printed
    # "Band 9: 11% (1 of 9)" whatever the mode).
    assert main(["check", str(SAMPLE)]) == 0
    safe = capsys.readouterr().out
    assert main(["check", str(SAMPLE), "--suppress", "0"]) == 0
    full = capsys.readouterr().out
    assert "Band 9: 11% (1 of 9)" in full
    assert "Band 9" in safe and not re.search(r"\(\d[\d,]* of \d", safe)
    # Everything else is the same, word for word.
    others = [ln for ln in full.splitlines() if "unknown" not in ln and "Publication" not in ln]
    assert others == [ln for ln in safe.splitlines()
                      if "unknown" not in ln and "Publication" not in ln]


# By hand: 40 White, 3 BME and 12 of unknown ethnicity, all in Band 5 (55 staff). The BME 3
# is withheld, so the Unknown 12 is withheld too (55 - 40 - 12 = 3 would give it back): a
# finding that printed "12 of 55" would undo the table.
BESIDE_A_SMALL_GROUP = "\n".join(
    ["Employee Number,Ethnic Origin,Pay Band,Staff Group"]
    + [f"{1000 + i},A White - British,Band 5,Nursing and Midwifery Registered" for i in range(40)]
    + [f"{2000 + i},N Black or Black British - African,Band 5,Nursing and Midwifery Registered"
       for i in range(3)]
    + [f"{3000 + i},Z Not Stated,Band 5,Nursing and Midwifery Registered" for i in range(12)]
) + "\n"


def test_check_does_not_give_back_an_unknown_count_the_table_withholds(write, capsys):
    path = str(write("workforce_2024.csv", BESIDE_A_SMALL_GROUP))
    assert main(["indicators", path, "--format", "csv"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    overall = table[(table["indicator"] == 1) & (table["dimension"] == "overall")].set_index(
        "group")
    assert overall.loc["White", "numerator"] == 40 and overall.loc["White", "denominator"] == 55
    assert pd.isna(overall.loc["BME", "numerator"]) and pd.isna(overall.loc["Unknown",
                                                                        "numerator"])
    assert main(["check", path]) == 0
    safe = capsys.readouterr().out
    assert "more than 5% of staff" in safe
    assert not re.search(r"\b12 of 55\b|21\.8%|22%|\b3 of 55\b", safe)
    assert main(["check", path, "--suppress", "0"]) == 0
    full = capsys.readouterr().out
    assert "unknown for 21.8% of staff (12 of 55)" in full and "Band 5: 22% (12 of 55)" in full


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


# --- The table for a terminal ---------------------------------------------------------------
def _parse_table(text: str) -> list[dict[str, str]]:
    """The table's lines as cells, cut at the columns the rule of dashes marks."""
    lines = text.split("\n")
    spans = [m.span() for m in re.finditer(r"-+", lines[1])]
    names = [lines[0].ljust(spans[-1][1])[a:b].strip() for a, b in spans]
    rows = []
    for line in lines[2:]:
        if not line.strip():
            break
        line = line.ljust(spans[-1][1] + 200)
        cells = [line[a:b].strip() for a, b in spans[:-1]] + [line[spans[-1][0]:].strip()]
        rows.append(dict(zip(names, cells, strict=True)))
    return rows


def _shown(measure: str, v: float) -> str:
    """The rounding rule as the dashboard states it (methodology and figures tables):
    percents to one decimal; likelihoods, which are proportions, as percents; relative
    likelihoods to two decimals; gaps and differences in signed points to one decimal."""
    if measure.startswith("relative_likelihood"):
        return f"{v:.2f}"
    if measure.startswith("likelihood"):
        return f"{100 * v:.1f}%"
    if measure in ("gap", "difference"):
        return f"{v:+.1f} pts"
    return f"{v:.1f}%"


def test_indicators_table_has_every_figure_of_the_results_table_rounded_as_shown(capsys):
    from wres_core.api import Engine, Query
    from wres_core.display import indicator_label  # the pay gap reads "Pay gap", not 10

    assert main(["indicators", str(SAMPLE), "--format", "table"]) == 0
    text = capsys.readouterr().out
    rows = _parse_table(text)
    engine = Engine.from_inputs([SAMPLE])
    results = engine.results(Query())
    changes = engine.changes(Query()).set_index(
        ["year", "indicator", "measure", "group", "dimension", "level"])
    assert len(rows) == len(results) > 500
    seen = {"withheld": 0, "inside": 0, "outside": 0, "change": 0, "caution": 0,
            "withheld beside a shown figure": 0}
    for row, r in zip(rows, results.to_dict("records"), strict=True):
        assert (row["Year"], row["Ind"], row["Group"], row["Breakdown"], row["Level"]) == (
            str(r["year"]), indicator_label(r["indicator"]), r["group"], r["dimension"],
            r["level"])
        if r["suppressed"]:
            seen["withheld"] += 1
            assert row["Figure"] == "withheld"
            assert row["Numerator"] == ("withheld" if pd.isna(r["numerator"])
                                        else f"{round(float(r['numerator'])):,}")
        elif pd.isna(r["value"]):
            assert row["Figure"] == "not available"
        else:
            want = _shown(r["measure"], float(r["value"]))
            if r["caution"]:
                seen["caution"] += 1
                want += " †"
            assert row["Figure"] == want, (row, r)
            # A 0 of a small group is shown beside its withheld base (issue 14's policy):
            # the base's cell then reads "withheld", as the row's note says, never blank
            # (it read blank before: a withheld count looked like one that does not apply).
            part = "withheld:" in str(r["note"])
            seen["withheld beside a shown figure"] += part
            for col, name in (("numerator", "Numerator"), ("denominator", "Denominator")):
                assert row[name] == ("withheld" if pd.isna(r[col]) and part
                                     else "" if pd.isna(r[col])
                                     else f"{round(float(r[col])):,}"), (row, r)
            if pd.isna(r["ci_low"]) and part:
                assert row["95% interval"] == "withheld"
            if not pd.isna(r["ci_low"]):
                lo, hi = float(r["ci_low"]), float(r["ci_high"])
                want_ci = (f"{lo:+.1f} to {hi:+.1f} pts" if r["measure"] in ("gap", "difference")
                           else f"{_shown(r['measure'], lo)} to {_shown(r['measure'], hi)}")
                assert row["95% interval"] == want_ci
            if r["measure"].startswith("relative_likelihood"):
                # Judged on the interval (or, without one, the unrounded figure).
                lo, hi = (float(r["value"]),) * 2 if pd.isna(r["ci_low"]) else (
                    float(r["ci_low"]), float(r["ci_high"]))
                key = ("inside" if 0.80 <= lo and hi <= 1.25 else
                       "outside" if lo > 1.25 or hi < 0.80 else "unclear")
                assert row["Non-adverse range"] == key
                seen[key] = seen.get(key, 0) + 1
            key = (r["year"], r["indicator"], r["measure"], r["group"], r["dimension"],
                   r["level"])
            if key in changes.index and changes.loc[key, "direction"] in (
                    "better", "worse", "no clear change"):
                assert row["Change"] == changes.loc[key, "direction"]
                seen["change"] += 1
    assert all(seen.values()), seen  # the sample exercises every kind of cell
    assert "Publication-safe mode is ON" in text and "† Figures whose base" in text


def test_a_count_withheld_beside_a_shown_figure_is_marked_in_every_format(write, capsys):
    """By hand: Band 8d has 5 White staff and no one else. The 5 is withheld, and so is the
    band's headcount (5, with the shown zeros, would give it back); BME's 0 is shown (zero is
    shown) and so is its 0.0%, beside the withheld headcount. CSV and JSON keep the results
    table's columns: the headcount is empty / null and the note says it was withheld; the
    table reads "withheld" in its cell."""
    nurse = "Nursing and Midwifery Registered"
    path = str(write("workforce_2024.csv", "\n".join(
        ["Employee Number,Ethnic Origin,Pay Band,Staff Group"]
        + [f"{1000 + i},A White - British,Band 5,{nurse}" for i in range(30)]
        + [f"{2000 + i},N Black or Black British - African,Band 5,{nurse}" for i in range(20)]
        + [f"{3000 + i},A White - British,Band 8d,{nurse}" for i in range(5)]) + "\n"))
    assert main(["indicators", path, "--format", "csv"]) == 0
    csv_rows = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert main(["indicators", path, "--format", "json"]) == 0
    json_rows = pd.DataFrame(json.loads(capsys.readouterr().out))
    for rows in (csv_rows, json_rows):
        band = rows[(rows["indicator"] == 1) & (rows["level"] == "Band 8d")
                    & (rows["dimension"] == "pay_band")].set_index("group")
        assert (band.loc["BME", "value"], band.loc["BME", "numerator"]) == (0, 0)
        assert pd.isna(band.loc["BME", "denominator"]) and pd.isna(band.loc["White",
                                                                            "numerator"])
        assert "withheld:" in band.loc["BME", "note"]
        # The rule, on every row: a missing count beside a shown figure is said to be
        # withheld (the only other empty count is a row without counts, a ratio or gap).
        counted = rows["measure"].isin(["share", "likelihood", "percent"])
        gap = counted & rows["value"].notna() & rows["denominator"].isna()
        assert gap.any() and rows.loc[gap, "note"].str.contains("withheld:").all()
    assert main(["indicators", path, "--format", "table"]) == 0
    table = _parse_table(capsys.readouterr().out)
    [bme] = [r for r in table if r["Ind"] == "1" and r["Level"] == "Band 8d"
             and r["Breakdown"] == "pay_band" and r["Group"] == "BME"]
    assert (bme["Numerator"], bme["Denominator"], bme["95% interval"]) == (
        "0", "withheld", "withheld")
    assert bme["Figure"].startswith("0.0%")


def test_indicators_table_known_values(capsys):
    """Figures of the sample worked by hand from its files: 2026's workforce has 1,758 BME
    staff of 6,121 (1758 / 6121 = 28.72%, shown 28.7%) and 139 Unknown (2.27%, shown 2.3%)."""
    assert main(["indicators", str(SAMPLE), "--year", "2026", "--format", "table"]) == 0
    rows = _parse_table(capsys.readouterr().out)
    overall = {r["Group"]: r for r in rows if r["Ind"] == "1" and r["Breakdown"] == "overall"}
    assert (overall["BME"]["Numerator"], overall["BME"]["Denominator"],
            overall["BME"]["Figure"]) == ("1,758", "6,121", "28.7%")
    assert overall["Unknown"]["Figure"] == "2.3%"
    assert overall["White"]["Figure"] == "69.0%"  # 4224 / 6121 = 69.01%


def test_indicators_format_follows_the_terminal(capsys, monkeypatch):
    """A table on a terminal, CSV into a pipe, unless --format says."""
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["indicators", str(SAMPLE), "--year", "2026"]) == 0
    assert capsys.readouterr().out.startswith("Year  Ind      Measure")  # "Pay gap" is widest
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    assert main(["indicators", str(SAMPLE), "--year", "2026"]) == 0
    assert capsys.readouterr().out.startswith('"year","indicator"')
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["indicators", str(SAMPLE), "--year", "2026", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith('"year","indicator"')


def test_version_is_the_one_in_pyproject(capsys):
    project = tomllib.loads((SAMPLE.parent.parent / "pyproject.toml").read_text())["project"]
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"wres {project['version']}"


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
