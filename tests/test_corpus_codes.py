"""Issue 13's realistic extracts (tests/data/corpus/cases.toml has their shapes): the figures
each gives, worked out by hand from the rows of the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from wres_core.api import Engine, Query
from wres_core.cli import main
from wres_core.loader import load

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
ESR = CORPUS / "esr_ethnic_origin_subcodes_workforce_2024.csv"
SURVEY = CORPUS / "staff_survey_two_years_numeric.csv"
TEMPLATE = [CORPUS / "template_grade_names_workforce_2024.csv",
            CORPUS / "template_grade_names_mapping.csv"]


def _figures(paths, indicator: int, dimension: str = "overall") -> dict:
    """{(year, level, group): (numerator, denominator, value)} of one indicator's rows."""
    res = Engine(load(paths)).results(Query(suppress=0))
    rows = res[(res["indicator"] == indicator) & (res["dimension"] == dimension)
               & (res["measure"].isin(["share", "percent"]))]
    return {(int(r.year), str(r.level), str(r.group)):
            (int(r.numerator), int(r.denominator), round(float(r.value), 2))
            for r in rows.itertuples() if r.denominator}  # 2026 has no Unknown respondent


# --- ESR capitals and sub-codes ----------------------------------------------------------
# White: A WHITE - BRITISH (x2), CA WHITE ENGLISH, cl, CN GYPSY/ROMANY, WHITE - ROMA = 6.
# BME: LB ASIAN PUNJABI, PC BLACK NIGERIAN, lb, H ... INDIAN, ARAB, se, N ... AFRICAN = 7.
# Unknown: X, NOT DECLARED, Blank entry, I do not wish to disclose = 4. Of 17.

def test_esr_extract_indicator_1_by_hand():
    got = _figures([ESR], 1)
    assert got[(2024, "All", "White")] == (6, 17, round(100 * 6 / 17, 2))
    assert got[(2024, "All", "BME")] == (7, 17, round(100 * 7 / 17, 2))
    assert got[(2024, "All", "Unknown")] == (4, 17, round(100 * 4 / 17, 2))


def test_esr_extract_unreadable_bands_are_one_unrecognised_band_row():
    bands = _figures([ESR], 1, "pay_band")
    # 'Grade Q' (N ... AFRICAN, BME) and 'Local Grade Z' (A WHITE - BRITISH, White)
    assert bands[(2024, "Unrecognised band", "White")] == (1, 2, 50.0)
    assert bands[(2024, "Unrecognised band", "BME")] == (1, 2, 50.0)
    assert bands[(2024, "Unrecognised band", "Unknown")] == (0, 2, 0.0)
    # Band 5: A WHITE - BRITISH, CA WHITE ENGLISH, PC BLACK NIGERIAN, X, NOT DECLARED
    assert bands[(2024, "Band 5", "White")] == (2, 5, 40.0)
    assert bands[(2024, "Band 5", "Unknown")] == (2, 5, 40.0)
    # The band split leaves them out; the whole workforce counts them (17 above).
    split = _figures([ESR], 1, "clinical_pay_band")
    assert not [k for k in split if "Unrecognised" in k[1]]
    assert sum(d for (y, lvl, g), (n, d, v) in split.items() if g == "White") == 15


def test_esr_extract_categories_by_hand():
    res = Engine(load([ESR])).results(Query(suppress=0, groups="category"))
    rows = res[(res["indicator"] == 1) & (res["dimension"] == "overall")]
    people = {str(r.group): int(r.numerator) for r in rows.itertuples() if r.numerator}
    assert people == {
        "White - British": 2, "White - Gypsy or Irish Traveller": 2, "White - Roma": 1,
        "White - Any other White background": 1,
        "Asian or Asian British - Indian": 1,
        "Asian or Asian British - Any other Asian background": 2,
        "Black or Black British - African": 1,
        "Black or Black British - Any other Black background": 1,
        "Other ethnic group - Arab": 1, "Other ethnic group - Any other ethnic group": 1,
        "Unknown": 4,
    }


def test_wres_check_names_the_file_the_column_and_the_fix(capsys):
    assert main(["check", str(ESR)]) == 0
    out = capsys.readouterr().out
    assert "esr_ethnic_origin_subcodes_workforce_2024.csv" in out
    assert "(row 17, column 'Pay Band')" in out
    assert "'Grade Q' (1 row), 'Local Grade Z' (1 row)" in out
    assert "mapping file: kind 'workforce', column 'Pay Band'" in out
    assert "unknown_ethnicity_code" not in out  # every ESR spelling was read


# --- a survey export holding two survey years, answers as numbers ------------------------
# 2024 survey (WRES 2025): White = codes 1, 4; BME = 9, 13 (Any other Asian in 2024), 15;
# Unknown = 99. 2025 survey (WRES 2026): White = 1, 3 (Gypsy); BME = 13 (Filipino),
# 19 (Any other ethnic group: Unknown if read with 2024's codes), 16, 17.
SURVEY_BY_HAND = {
    # indicator: {(WRES year, group): (yes, base)}
    5: {(2025, "White"): (1, 2), (2025, "BME"): (1, 3),   # q14a: 3 | 2; 1; 1
        (2026, "White"): (1, 2), (2026, "BME"): (1, 4)},  # q14a: 2 | 1; 4; 1; 1
    6: {(2025, "White"): (0, 2), (2025, "BME"): (2, 3),   # q14b or q14c: none | 2; c3; -
        (2026, "White"): (1, 2), (2026, "BME"): (1, 4)},  # c2 | -; -; b3; -
    7: {(2025, "White"): (2, 2), (2025, "BME"): (1, 2),   # q15: 9 (don't know) is out
        (2026, "White"): (1, 2), (2026, "BME"): (2, 3)},
    8: {(2025, "White"): (0, 2), (2025, "BME"): (2, 3),   # q16b = 1
        (2026, "White"): (0, 2), (2026, "BME"): (2, 4)},
}


@pytest.mark.parametrize("indicator", sorted(SURVEY_BY_HAND))
def test_two_year_survey_export_by_hand(indicator):
    got = _figures([SURVEY], indicator)
    for (year, group), (yes, base) in SURVEY_BY_HAND[indicator].items():
        assert got[(year, "All", group)] == (yes, base, round(100 * yes / base, 2)), \
            (indicator, year, group)


def test_two_year_survey_gap_by_hand():
    res = Engine(load([SURVEY])).results(Query(suppress=0))
    gap = res[(res["indicator"] == 5) & (res["measure"] == "gap")].set_index("year")["value"]
    assert round(float(gap[2025]), 4) == round(100 / 3 - 50, 4)
    assert float(gap[2026]) == 25.0 - 50.0


# --- the WRES template's own names, and a mapping onto them ------------------------------

def test_template_names_load_and_give_the_figures_by_hand():
    data = load(TEMPLATE)
    assert not [f for f in data.findings if f.level == "error"]
    assert not [f for f in data.findings
                if f.code in ("unknown_pay_band", "unknown_ethnicity_code",
                              "unknown_staff_group", "bad_mapping_target")]
    bands = _figures(TEMPLATE, 1, "pay_band")
    # Trainee grade: Pakistani, Irish, and 'Junior Doctor' (Filipino) by the mapping file
    assert bands[(2024, "Trainee grade", "BME")] == (2, 3, 66.67)
    assert bands[(2024, "Trainee grade", "White")] == (1, 3, 33.33)
    # Consultant: White - British, and the 'Senior medical manager' row (Indian), who is
    # also the "of which" row
    assert bands[(2024, "Consultant", "BME")] == (1, 2, 50.0)
    assert bands[(2024, "Senior medical manager", "BME")] == (1, 1, 100.0)
    assert bands[(2024, "Non-consultant career grade", "BME")] == (1, 1, 100.0)
    clinical = _figures(TEMPLATE, 1, "clinical")
    assert clinical[(2024, "Clinical", "BME")] == (7, 10, 70.0)
    assert clinical[(2024, "Non-clinical", "White")] == (2, 4, 50.0)
    overall = _figures(TEMPLATE, 1)
    assert overall[(2024, "All", "White")] == (5, 14, round(500 / 14, 2))


# --- property: a file of several survey years reads each row as its own year would -------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ROW = st.tuples(st.sampled_from([2020, 2021, 2024, 2025]),  # survey year
                 st.integers(1, 20).map(str),  # ethnicity answer code (20 is no answer)
                 st.sampled_from(["1", "2", "3", ""]),  # harassment item
                 st.sampled_from(["1", "2", "9", ""]))  # equal opportunities item
_ITEMS = {2020: ("Q13a", "Q14"), 2021: ("q14a", "q15"), 2024: ("q14a", "q15"),
          2025: ("q14a", "q15")}
_COLUMNS = ["Survey Year", "Ethnicity", "Q13a", "Q14", "q14a", "q15"]


def _survey_csv(rows) -> bytes:
    lines = [",".join(_COLUMNS)]
    for year, code, harassment, equal in rows:
        cells = dict.fromkeys(_COLUMNS, "")
        cells.update({"Survey Year": str(year), "Ethnicity": code})
        public, opportunities = _ITEMS[year]
        cells[public], cells[opportunities] = harassment, equal
        lines.append(",".join(cells[c] for c in _COLUMNS))
    return ("\n".join(lines) + "\n").encode()


@settings(deadline=None, max_examples=25)
@given(st.lists(_ROW, min_size=1, max_size=12))
def test_several_survey_years_read_as_each_year_alone(rows):
    columns = ["survey_year", "ethnic_category", "harassment_public", "equal_opportunities"]
    together = load([("survey.csv", _survey_csv(rows))]).frames["survey"][columns]
    for year in sorted({r[0] for r in rows}):
        mine = [r for r in rows if r[0] == year]
        alone = load([("survey.csv", _survey_csv(mine))]).frames["survey"][columns]
        got = together[together["survey_year"] == year]
        for c in columns:
            assert got[c].astype(object).tolist() == alone[c].astype(object).tolist(), (year, c)
