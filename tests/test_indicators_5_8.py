"""Indicators 5 to 8 (staff survey): known values worked by hand, and properties."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wres_core.dataset import Dataset
from wres_core.indicators.survey import survey_indicators
from wres_core.schema import BROAD_GROUPS, RESULT_COLUMNS, SURVEY_ITEMS, WRES_GROUPS

Z = 1.959963984540054

# ethnic category -> (broad group, WRES group)
CATEGORIES = {
    "White - British": ("White", "White"),
    "White - Irish": ("White", "White"),
    "Mixed - White and Black Caribbean": ("Mixed", "BME"),
    "Asian or Asian British - Indian": ("Asian", "BME"),
    "Black or Black British - African": ("Black", "BME"),
    "Unknown": ("Unknown", "Unknown"),
}
# a representative category for each WRES group
DEFAULT_CATEGORY = {
    "White": "White - British",
    "BME": "Asian or Asian British - Indian",
    "Unknown": "Unknown",
}


def survey_frame(rows: list[dict], survey_year: int = 2023) -> pd.DataFrame:
    """A tidy survey frame (docs/design.md) from rows of {"cat" or "wres", item: answer...,
    optional "count", "department"}; absent items are NA."""
    cats = [r.get("cat") or DEFAULT_CATEGORY[r["wres"]] for r in rows]
    df = pd.DataFrame(
        {
            "year": np.array([r.get("year", survey_year + 1) for r in rows], dtype="int64"),
            "survey_year": np.array(
                [r.get("year", survey_year + 1) - 1 for r in rows], dtype="int64"
            ),
            "org": pd.Categorical([""] * len(rows)),
            "count": np.array([r.get("count", 1) for r in rows], dtype="int64"),
            "source_file": pd.Categorical(["survey.csv"] * len(rows)),
            "source_row": np.arange(2, len(rows) + 2, dtype="int64"),
            "ethnic_category": pd.Categorical(cats, categories=list(CATEGORIES)),
            "broad_group": pd.Categorical(
                [CATEGORIES[c][0] for c in cats], categories=list(BROAD_GROUPS)
            ),
            "wres_group": pd.Categorical(
                [CATEGORIES[c][1] for c in cats], categories=list(WRES_GROUPS)
            ),
        }
    )
    if any("department" in r for r in rows):
        df["department"] = pd.Categorical([r.get("department") for r in rows])
    for item in SURVEY_ITEMS:
        df[item] = pd.array([r.get(item) for r in rows], dtype="boolean")
    return df


def rows_of(group: str, n: int, **items) -> list[dict]:
    return [{"wres": group, **items} for _ in range(n)]


def run(survey=None, summary=None, **kw) -> pd.DataFrame:
    frames = {}
    if survey is not None:
        frames["survey"] = survey
    if summary is not None:
        frames["survey_summary"] = summary
    return survey_indicators(Dataset(frames=frames), **kw)


def pick(
    r: pd.DataFrame,
    indicator: int,
    group: str,
    measure: str = "percent",
    dimension: str = "overall",
    level: str = "All",
    year: int = 2024,
) -> pd.Series:
    sel = r[
        (r.indicator == indicator)
        & (r.group == group)
        & (r.measure == measure)
        & (r.dimension == dimension)
        & (r.level == level)
        & (r.year == year)
    ]
    assert len(sel) == 1, f"expected one row, got {len(sel)}:\n{sel}"
    return sel.iloc[0]


def wilson(k: int, n: int) -> tuple[float, float]:
    """Wilson's score interval, written out independently of wres_core.stats."""
    p = k / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z / (1 + Z * Z / n) * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe(k1: int, n1: int, k2: int, n2: int) -> tuple[float, float]:
    """Newcombe (1998) method 10, written out independently of wres_core.stats."""
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = wilson(k1, n1)
    l2, u2 = wilson(k2, n2)
    d = p1 - p2
    return d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + math.sqrt(
        (u1 - p1) ** 2 + (p2 - l2) ** 2
    )


# --------------------------------------------------------------------------- known values


def test_indicator_5_known_values():
    # White: Never, 1-2, blank, 3-5 -> 2 of 3 answered; BME: 6-10, Never x3 -> 1 of 4
    rows = (
        rows_of("White", 1, harassment_public=False)
        + rows_of("White", 1, harassment_public=True)
        + rows_of("White", 1)  # blank: out of the base
        + rows_of("White", 1, harassment_public=True)
        + rows_of("BME", 1, harassment_public=True)
        + rows_of("BME", 3, harassment_public=False)
    )
    r = run(survey_frame(rows))
    white, bme = pick(r, 5, "White"), pick(r, 5, "BME")
    assert (white.numerator, white.denominator) == (2, 3)
    assert white.value == pytest.approx(200 / 3)
    assert (bme.numerator, bme.denominator, bme.value) == (1, 4, 25.0)
    low, high = wilson(2, 3)
    assert (white.ci_low, white.ci_high) == pytest.approx((100 * low, 100 * high))
    assert white.note == "NHS Staff Survey 2023"
    # Unknown is shown, empty, not zero
    unknown = pick(r, 5, "Unknown")
    assert unknown.denominator == 0 and pd.isna(unknown.value)
    assert unknown.note == "NHS Staff Survey 2023; no responses"
    # nothing else asked for: no other indicator, no caution or suppression set
    assert set(r.indicator) == {5}
    assert not r.caution.any() and not r.suppressed.any()
    assert list(r.columns) == list(RESULT_COLUMNS)


def test_indicator_6_base_rules():
    m, c = "harassment_manager", "harassment_colleague"
    rows = [
        {"wres": "White", m: True, c: None},  # hit
        {"wres": "White", m: None, c: False},  # in base (one blank, one Never), not a hit
        {"wres": "White", m: None, c: None},  # both blank: out
        {"wres": "White", m: False, c: True},  # hit
        {"wres": "White", m: False, c: False},  # in base, not a hit
        {"wres": "White", m: True, c: True},  # hit once, not twice
        {"wres": "BME", m: None, c: True},  # hit
        {"wres": "BME", m: False, c: None},  # in base
    ]
    r = run(survey_frame(rows))
    white, bme = pick(r, 6, "White"), pick(r, 6, "BME")
    assert (white.numerator, white.denominator, white.value) == (3, 5, 60.0)
    assert (bme.numerator, bme.denominator, bme.value) == (1, 2, 50.0)
    gap = pick(r, 6, "BME", "gap")
    assert gap.value == pytest.approx(-10.0)


def test_indicator_7_dont_know_left_out():
    eo = "equal_opportunities"
    rows = (
        rows_of("White", 6, **{eo: True})
        + rows_of("White", 2, **{eo: False})
        + rows_of("White", 5)  # don't know / blank
        + rows_of("BME", 1, **{eo: True})
        + rows_of("BME", 3, **{eo: False})
        + rows_of("BME", 4)
    )
    r = run(survey_frame(rows))
    white, bme = pick(r, 7, "White"), pick(r, 7, "BME")
    assert (white.numerator, white.denominator, white.value) == (6, 8, 75.0)
    assert (bme.numerator, bme.denominator, bme.value) == (1, 4, 25.0)
    assert pick(r, 7, "BME", "gap").value == pytest.approx(-50.0)


def test_indicator_8_known_values_with_counts():
    ds = "discrimination_staff"
    rows = [
        {"wres": "White", ds: True, "count": 5},
        {"wres": "White", ds: False, "count": 95},
        {"wres": "BME", ds: True, "count": 8},
        {"wres": "BME", ds: False, "count": 32},
        {"wres": "BME", "count": 7},  # blank
    ]
    r = run(survey_frame(rows))
    white, bme = pick(r, 8, "White"), pick(r, 8, "BME")
    assert (white.numerator, white.denominator, white.value) == (5, 100, 5.0)
    assert (bme.numerator, bme.denominator, bme.value) == (8, 40, 20.0)
    low, high = wilson(8, 40)
    assert (bme.ci_low, bme.ci_high) == pytest.approx((100 * low, 100 * high))


def test_gap_and_newcombe_interval_against_published_example():
    # Newcombe (1998b), Table II: 56/70 against 48/80 -> -0.0524 .. 0.3339 (method 10:
    # 0.0524 to 0.3339 for the difference 0.2).
    ds = "discrimination_staff"
    rows = [
        {"wres": "BME", ds: True, "count": 56},
        {"wres": "BME", ds: False, "count": 14},
        {"wres": "White", ds: True, "count": 48},
        {"wres": "White", ds: False, "count": 32},
    ]
    r = run(survey_frame(rows))
    gap = pick(r, 8, "BME", "gap")
    assert gap.value == pytest.approx(20.0)
    assert gap.ci_low == pytest.approx(5.24, abs=0.005)
    assert gap.ci_high == pytest.approx(33.39, abs=0.005)
    # and the same from the independent formula above
    low, high = newcombe(56, 70, 48, 80)
    assert (gap.ci_low, gap.ci_high) == pytest.approx((100 * low, 100 * high))
    assert pd.isna(gap.numerator) and pd.isna(gap.denominator)
    assert gap.note == "NHS Staff Survey 2023"
    # exactly one gap per indicator and breakdown at wres level, on BME
    assert r.loc[r.measure == "gap", "group"].tolist() == ["BME"]


def test_gap_missing_when_a_group_has_no_responses():
    r = run(survey_frame(rows_of("White", 4, harassment_public=True)))
    gap = pick(r, 5, "BME", "gap")
    assert pd.isna(gap.value) and pd.isna(gap.ci_low) and pd.isna(gap.ci_high)
    assert gap.note == "NHS Staff Survey 2023; no BME responses"
    assert pd.isna(pick(r, 5, "BME").value)


def test_broad_and_category_levels_compare_with_all_white():
    hp = "harassment_public"
    rows = (
        [{"cat": "White - British", hp: True}] * 1
        + [{"cat": "White - British", hp: False}] * 3
        + [{"cat": "White - Irish", hp: True}] * 3
        + [{"cat": "White - Irish", hp: False}] * 1
        + [{"cat": "Asian or Asian British - Indian", hp: True}] * 2
        + [{"cat": "Black or Black British - African", hp: False}] * 2
        + [{"cat": "Unknown", hp: True}] * 1
    )
    survey = survey_frame(rows)

    broad = run(survey, groups="broad")
    pct = broad[broad.measure == "percent"]
    assert pct.group.tolist() == ["White", "Asian", "Black", "Unknown"]
    white = pick(broad, 5, "White")
    assert (white.numerator, white.denominator, white.value) == (4, 8, 50.0)
    gaps = broad[broad.measure == "gap"].set_index("group")["value"].astype(float)
    assert gaps.to_dict() == {"Asian": 50.0, "Black": -50.0}  # no gap for Unknown

    cat = run(survey, groups="category")
    pct = cat[cat.measure == "percent"]
    assert pct.group.tolist() == [
        "White",  # reference: all White respondents
        "White - British",
        "White - Irish",
        "Asian or Asian British - Indian",
        "Black or Black British - African",
        "Unknown",
    ]
    assert pick(cat, 5, "White").value == 50.0
    assert pick(cat, 5, "White - Irish").value == 75.0
    gaps = cat[cat.measure == "gap"].set_index("group")["value"].astype(float)
    assert gaps.to_dict() == {
        "White - British": -25.0,
        "White - Irish": 25.0,
        "Asian or Asian British - Indian": 50.0,
        "Black or Black British - African": -50.0,
    }


def test_drill_down_by_department():
    hp = "harassment_public"
    rows = (
        [{"wres": "White", "department": "Cardiology", hp: True}] * 2
        + [{"wres": "White", "department": "Cardiology", hp: False}] * 2
        + [{"wres": "BME", "department": "Cardiology", hp: True}] * 3
        + [{"wres": "White", "department": "Estates", hp: False}] * 5
        + [{"wres": "BME", "department": "Estates", hp: True}] * 1
    )
    survey = survey_frame(rows)
    r = run(survey, by=["department", "pay_band"])  # no pay_band: left out, not an error
    assert list(dict.fromkeys(r.dimension)) == ["overall", "department"]
    cardio = pick(r, 5, "BME", dimension="department", level="Cardiology")
    assert (cardio.numerator, cardio.denominator, cardio.value) == (3, 3, 100.0)
    assert pick(r, 5, "BME", "gap", "department", "Cardiology").value == pytest.approx(50.0)
    assert pick(r, 5, "BME", "gap", "department", "Estates").value == pytest.approx(100.0)
    assert pick(r, 5, "White").value == pytest.approx(2 / 9 * 100)
    # percent rows, then the gap, for each cell
    first = r[(r.dimension == "department") & (r.level == "Cardiology")]
    assert first.measure.tolist() == ["percent"] * 3 + ["gap"]


def test_note_names_the_survey_year_and_year_is_wres_year():
    rows = [
        {"wres": "White", "harassment_public": True, "year": 2023},
        {"wres": "BME", "harassment_public": False, "year": 2025},
    ]
    r = run(survey_frame(rows))
    notes = {int(y): set(g) for y, g in r.groupby("year")["note"]}
    assert notes == {
        2023: {
            "NHS Staff Survey 2022",
            "NHS Staff Survey 2022; no responses",
            "NHS Staff Survey 2022; no BME responses",
        },
        2025: {
            "NHS Staff Survey 2024",
            "NHS Staff Survey 2024; no responses",
            "NHS Staff Survey 2024; no White responses",
        },
    }


def test_missing_item_column_skips_indicator():
    survey = survey_frame(rows_of("White", 3, equal_opportunities=True)).drop(
        columns=["harassment_manager"]
    )
    r = run(survey)
    assert set(r.indicator) == {7}  # 6 lacks an item; 5 and 8 have nobody in their base


def test_bad_groups_and_empty_data():
    with pytest.raises(ValueError, match="groups"):
        run(survey_frame(rows_of("White", 1, harassment_public=True)), groups="ethnic")
    r = run()
    assert r.empty and list(r.columns) == list(RESULT_COLUMNS)


# --------------------------------------------------------------------------- summary


def summary_frame(rows: list[tuple]) -> pd.DataFrame:
    """(survey year, indicator, group, percent, responses) rows as a tidy summary frame."""
    sy = [r[0] for r in rows]
    return pd.DataFrame(
        {
            "year": np.array([y + 1 for y in sy], dtype="int64"),
            "org": pd.Categorical([""] * len(rows)),
            "count": np.ones(len(rows), dtype="int64"),
            "source_file": pd.Categorical(["summary.csv"] * len(rows)),
            "source_row": np.arange(2, len(rows) + 2, dtype="int64"),
            "survey_year": np.array(sy, dtype="int64"),
            "indicator": np.array([r[1] for r in rows], dtype="int64"),
            "group": pd.array([r[2] for r in rows], dtype="string"),
            "percent": pd.array([r[3] for r in rows], dtype="Float64"),
            "responses": np.array([r[4] for r in rows], dtype="int64"),
        }
    )


def test_summary_rows():
    summary = summary_frame(
        [
            (2022, 6, "White", 23.4, 250),
            (2022, 6, "BME", 28.9, 45),
            (2022, 7, "BME", None, 8),  # suppressed ("-")
            (2022, 7, "White", 55.0, 240),
        ]
    )
    r = run(summary=summary)
    white = pick(r, 6, "White", year=2023)
    # 23.4% of 250 = 58.5 -> 59 respondents (half up)
    assert (white.numerator, white.denominator, white.value) == (59, 250, 23.4)
    low, high = wilson(59, 250)
    assert (white.ci_low, white.ci_high) == pytest.approx((100 * low, 100 * high))
    assert white.note == "NHS Staff Survey 2022; from published summary"
    bme = pick(r, 6, "BME", year=2023)
    assert (bme.numerator, bme.denominator, bme.value) == (13, 45, 28.9)  # 13.005 -> 13
    gap = pick(r, 6, "BME", "gap", year=2023)
    assert gap.value == pytest.approx(5.5)
    low, high = newcombe(13, 45, 59, 250)
    assert (gap.ci_low, gap.ci_high) == pytest.approx((100 * low, 100 * high))
    suppressed = pick(r, 7, "BME", year=2023)
    assert pd.isna(suppressed.value) and pd.isna(suppressed.numerator)
    assert suppressed.denominator == 8
    assert "not published" in suppressed.note
    assert pd.isna(pick(r, 7, "BME", "gap", year=2023).value)
    # the broad level has no BME, so only White shows there
    broad = run(summary=summary, groups="broad")
    assert set(broad.group) == {"White"} and set(broad.measure) == {"percent"}


def test_respondent_data_win_over_summary_for_same_year_and_indicator():
    survey = survey_frame(
        rows_of("White", 4, harassment_public=True) + rows_of("BME", 2, harassment_public=False)
    )  # survey 2023 -> WRES 2024, indicator 5 only
    summary = summary_frame(
        [
            (2023, 5, "White", 10.0, 300),  # same year and indicator: ignored
            (2023, 8, "White", 12.0, 300),  # same year, other indicator: used
            (2022, 5, "White", 30.0, 200),  # other year: used
        ]
    )
    r = run(survey, summary)
    i5 = pick(r, 5, "White")
    assert (i5.numerator, i5.denominator, i5.value) == (4, 4, 100.0)
    assert "summary" not in i5.note
    assert pick(r, 8, "White").value == 12.0
    assert pick(r, 5, "White", year=2023).value == 30.0
    assert len(r[(r.indicator == 5) & (r.year == 2024) & (r.group == "White")]) == 1


# --------------------------------------------------------------------------- properties

ITEM_ANSWER = st.sampled_from([True, False, None])


@st.composite
def respondents(draw):
    n = draw(st.integers(1, 30))
    rows = []
    for _ in range(n):
        row = {
            "cat": draw(st.sampled_from(list(CATEGORIES))),
            "count": draw(st.integers(1, 4)),
            "department": draw(st.sampled_from(["A", "B", "C"])),
            "year": draw(st.sampled_from([2023, 2024])),
        }
        for item in SURVEY_ITEMS:
            row[item] = draw(ITEM_ANSWER)
        rows.append(row)
    return rows


KEY = ["year", "indicator", "measure", "group", "dimension", "level"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def canonical(r: pd.DataFrame) -> pd.DataFrame:
    return r.sort_values(KEY).reset_index(drop=True)


@SETTINGS
@given(
    respondents(), st.randoms(use_true_random=False), st.sampled_from(["wres", "broad", "category"])
)
def test_row_order_never_changes_a_figure(rows, rnd, groups):
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    a = run(survey_frame(rows), groups=groups, by="department")
    b = run(survey_frame(shuffled), groups=groups, by="department")
    pd.testing.assert_frame_equal(canonical(a), canonical(b))


@SETTINGS
@given(respondents(), st.sampled_from(["wres", "broad", "category"]))
def test_count_column_equals_repeated_rows(rows, groups):
    repeated = [{**r, "count": 1} for r in rows for _ in range(r["count"])]
    a = run(survey_frame(rows), groups=groups, by="department")
    b = run(survey_frame(repeated), groups=groups, by="department")
    pd.testing.assert_frame_equal(canonical(a), canonical(b))


@SETTINGS
@given(respondents(), st.sampled_from(["wres", "broad", "category"]))
def test_percent_in_range_and_intervals_contain_figures(rows, groups):
    r = run(survey_frame(rows), groups=groups, by="department")
    pct = r[(r.measure == "percent") & r.value.notna()]
    assert ((pct.value >= 0) & (pct.value <= 100)).all()
    assert ((pct.ci_low >= 0) & (pct.ci_high <= 100)).all()
    eps = 1e-9
    for part in (pct, r[(r.measure == "gap") & r.value.notna()]):
        assert (part.ci_low <= part.value + eps).all()
        assert (part.value <= part.ci_high + eps).all()
    gaps = r[(r.measure == "gap") & r.value.notna()]
    assert ((gaps.value >= -100) & (gaps.value <= 100)).all()
    # every figure that cannot be computed says why
    missing = r[r.value.isna()]
    assert missing.note.str.contains("no ").all()
    # the counts behind a percent are possible counts
    counted = r[r.measure == "percent"]
    assert (counted.numerator <= counted.denominator).all()
