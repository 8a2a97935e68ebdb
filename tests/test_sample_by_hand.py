"""The headline figures over the bundled sample, worked out again from the raw CSV files with
plain pandas and nothing from wres_core's loader or indicators, then compared with the
results table. If the two ever disagree, one of them misreads the definitions."""

from __future__ import annotations

import pandas as pd
import pytest

from wres_core.api import Engine, Query

from conftest import SAMPLE

YEARS = (2024, 2025, 2026)


def raw(name: str) -> pd.DataFrame:
    return pd.read_csv(SAMPLE / name, dtype=str, keep_default_na=False)


def group_of_label(label: str) -> str:
    """White / BME / Unknown from a written label (recruitment, survey, board)."""
    text = label.strip().casefold()
    if text in ("", "prefer not to say", "not stated", "unspecified"):
        return "Unknown"
    return "White" if text.startswith("white") else "BME"


def group_of_esr(code: str) -> str:
    """White / BME / Unknown from an ESR 'Ethnic Origin' value: its first letter decides."""
    text = code.strip()
    if not text or text.casefold() == "unspecified" or text[0] in "Z9":
        return "Unknown"
    return "White" if text[0] in "ABC" else "BME"


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return Engine.from_inputs([SAMPLE]).results(Query(suppress=0))


@pytest.fixture(scope="module")
def workforce() -> pd.DataFrame:
    parts = []
    for year in YEARS:
        df = raw(f"workforce_{year}.csv")
        df["year"] = year
        parts.append(df)
    wf = pd.concat(parts, ignore_index=True)
    wf["g"] = wf["Ethnic Origin"].map(group_of_esr)
    return wf


def figure(table, year, indicator, measure, group="BME", dimension="overall", level="All"):
    row = table[(table["year"] == year) & (table["indicator"] == indicator)
                & (table["measure"] == measure) & (table["group"] == group)
                & (table["dimension"] == dimension) & (table["level"] == level)]
    assert len(row) == 1, (year, indicator, measure, group, dimension, level, len(row))
    return float(row["value"].iloc[0])


@pytest.mark.parametrize("year", YEARS)
def test_indicator_1_overall_and_band_shares(table, workforce, year):
    wf = workforce[workforce["year"] == year]
    expected = 100 * (wf["g"] == "BME").mean()
    assert figure(table, year, 1, "share") == pytest.approx(expected)
    band5 = wf[wf["Pay Band"] == "Band 5"]
    assert figure(table, year, 1, "share", dimension="pay_band", level="Band 5") == \
        pytest.approx(100 * (band5["g"] == "BME").mean())


@pytest.mark.parametrize("year", YEARS)
def test_indicator_2_relative_likelihood(table, year):
    rec = raw("recruitment.csv")
    rec = rec[rec["Year"] == f"{year - 1}/{str(year)[2:]}"]
    rec = rec[rec["Shortlisted"] == "Yes"]
    rec = rec.assign(g=rec["Ethnicity"].map(group_of_label), a=rec["Appointed"] == "Yes")
    p = rec.groupby("g")["a"].mean()
    assert figure(table, year, 2, "relative_likelihood") == pytest.approx(p["White"] / p["BME"])


def _cases(workforce: pd.DataFrame) -> pd.DataFrame:
    """People entering the formal disciplinary process: conduct cases only (capability is
    another process), each person once a year."""
    disc = raw("disciplinary.csv")
    disc = disc[disc["Case Type"] == "Conduct"]
    day = pd.to_datetime(disc["Date Opened"], format="%d/%m/%Y")
    disc = disc.assign(year=day.dt.year + (day.dt.month >= 4))
    disc = disc.drop_duplicates(["Employee Number", "year"])
    people = workforce[["Employee Number", "year", "g"]]
    disc = disc.merge(people, on=["Employee Number", "year"], how="left")
    return disc.assign(g=disc["g"].fillna("Unknown"))


@pytest.mark.parametrize("year", YEARS)
def test_indicator_3_single_year_and_pooled(table, workforce, year):
    cases = _cases(workforce)

    def rate(years, group):
        c = ((cases["year"].isin(years)) & (cases["g"] == group)).sum()
        n = ((workforce["year"].isin(years)) & (workforce["g"] == group)).sum()
        return c / n

    single = rate([year], "BME") / rate([year], "White")
    assert figure(table, year, 3, "relative_likelihood_1y") == pytest.approx(single)
    pooled_years = [year - 1, year] if year - 1 in YEARS else [year]
    pooled = rate(pooled_years, "BME") / rate(pooled_years, "White")
    assert figure(table, year, 3, "relative_likelihood") == pytest.approx(pooled)


@pytest.mark.parametrize("year", YEARS)
def test_indicator_4_relative_likelihood(table, workforce, year):
    tr = raw("training.csv")
    tr = tr[tr["Financial Year"] == f"{year - 1}-{str(year)[2:]}"].drop_duplicates(
        "Employee Number")
    wf = workforce[workforce["year"] == year]
    trained = wf["Employee Number"].isin(tr["Employee Number"])
    p = trained.groupby(wf["g"]).mean()
    assert figure(table, year, 4, "relative_likelihood") == pytest.approx(p["White"] / p["BME"])


@pytest.mark.parametrize("year", YEARS)
def test_indicators_5_to_8(table, year):
    s = raw(f"staff_survey_{year - 1}.csv")
    s["g"] = s["Ethnicity"].map(group_of_label)

    def pct(yes, answered, group):
        mask = answered & (s["g"] == group)
        return 100 * (yes & mask).sum() / mask.sum()

    answered = {q: s[q] != "" for q in ("q14a", "q14b", "q14c", "q15", "q16b")}
    i6_base = answered["q14b"] | answered["q14c"]
    i6_yes = s["q14b"].isin(["2", "3", "4", "5"]) | s["q14c"].isin(["2", "3", "4", "5"])
    expected = {
        5: (s["q14a"].isin(["2", "3", "4", "5"]), answered["q14a"]),
        6: (i6_yes, i6_base),
        7: (s["q15"] == "1", s["q15"].isin(["1", "2"])),
        8: (s["q16b"] == "1", answered["q16b"]),
    }
    for indicator, (yes, base) in expected.items():
        for group in ("White", "BME"):
            assert figure(table, year, indicator, "percent", group=group) == \
                pytest.approx(pct(yes, base, group)), (indicator, group)


@pytest.mark.parametrize("year", YEARS)
def test_indicator_9_voting_difference(table, workforce, year):
    board = raw("board.csv")
    board = board[(board["Year"] == str(year)) & (board["Voting"] == "Y")]
    board_share = 100 * (board["Ethnicity"].map(group_of_label) == "BME").mean()
    wf = workforce[workforce["year"] == year]
    workforce_share = 100 * (wf["g"] == "BME").mean()
    assert figure(table, year, 9, "difference", dimension="board_role", level="Voting") == \
        pytest.approx(board_share - workforce_share)
