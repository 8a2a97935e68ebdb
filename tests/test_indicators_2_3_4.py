"""Indicators 2, 3 and 4: known values worked by hand, and properties that must always hold.

Every frame here is a small hand-made tidy frame (docs/design.md): ``year``, ``org``,
``count``, the three ethnicity columns as categoricals, and the kind's own columns.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wres_core.dataset import Dataset
from wres_core.indicators.disciplinary import indicator_3
from wres_core.indicators.likelihood import HALDANE_NOTE
from wres_core.indicators.recruitment import indicator_2
from wres_core.indicators.training import indicator_4
from wres_core.schema import BROAD_GROUPS, RESULT_COLUMNS, RESULT_KEY, WRES_GROUPS

Z = 1.959963984540054

# A few ethnic categories with their broad and WRES groups.
CATEGORIES = {
    "White - British": ("White", "White"),
    "White - Irish": ("White", "White"),
    "Asian or Asian British - Indian": ("Asian", "BME"),
    "Black or Black British - African": ("Black", "BME"),
    "Unknown": ("Unknown", "Unknown"),
}
# Where a test names only the WRES group, the person is in this category.
CATEGORY_OF = {"White": "White - British", "BME": "Asian or Asian British - Indian",
               "Unknown": "Unknown"}


def tidy(rows: list[dict]) -> pd.DataFrame:
    """A tidy frame from rows that name ``eth`` (a WRES group or a category) and optional
    ``year`` (default 2024), ``n`` (the ``count``, default 1) and the kind's own columns."""
    df = pd.DataFrame(rows)
    cat = df.pop("eth").map(lambda e: CATEGORY_OF.get(e, e))
    df["year"] = df["year"].fillna(2024).astype("int64") if "year" in df else np.int64(2024)
    df["count"] = df.pop("n").astype("int64") if "n" in df else np.int64(1)
    df["org"] = pd.Categorical([""] * len(df))
    df["ethnic_category"] = pd.Categorical(cat, categories=list(CATEGORIES))
    df["broad_group"] = pd.Categorical(cat.map(lambda c: CATEGORIES[c][0]), list(BROAD_GROUPS))
    df["wres_group"] = pd.Categorical(cat.map(lambda c: CATEGORIES[c][1]), list(WRES_GROUPS))
    for col in ("department", "pay_band"):
        if col in df:
            df[col] = df[col].astype("category")
    return df


def recruitment(*blocks) -> Dataset:
    """Blocks ``(eth, shortlisted, appointed, n, extra)``."""
    return Dataset(frames={"recruitment": tidy([
        {"eth": e, "shortlisted": s, "appointed": a, "n": n, **(x[0] if x else {})}
        for e, s, a, n, *x in blocks
    ])})


def with_workforce(kind: str, staff: list[dict], events: list[dict]) -> Dataset:
    return Dataset(frames={"workforce": tidy(staff), kind: tidy(events)})


def row(t: pd.DataFrame, measure: str, group: str, *, year: int = 2024,
        dimension: str = "overall", level: str = "All") -> pd.Series:
    hit = t[(t["measure"] == measure) & (t["group"] == group) & (t["year"] == year)
            & (t["dimension"] == dimension) & (t["level"] == level)]
    assert len(hit) == 1, f"{len(hit)} rows for {measure} {group} {year} {dimension} {level}"
    return hit.iloc[0]


def value(t: pd.DataFrame, measure: str, group: str, **where) -> float | None:
    v = row(t, measure, group, **where)["value"]
    return None if pd.isna(v) else float(v)


def katz(a, n1, c, n2):
    """Katz interval worked out here, independently of wres_core.stats."""
    log_rr = math.log((a / n1) / (c / n2))
    se = math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2)
    return math.exp(log_rr - Z * se), math.exp(log_rr + Z * se)


def wilson(k, n):
    centre = (k + Z * Z / 2) / (n + Z * Z)
    half = Z * math.sqrt(k * (n - k) / n + Z * Z / 4) / (n + Z * Z)
    return centre - half, centre + half


def check_table(t: pd.DataFrame) -> None:
    """Results-table conventions every output must keep."""
    assert list(t.columns) == list(RESULT_COLUMNS)
    assert not t.duplicated(list(RESULT_KEY)).any()
    ratios = t["measure"].str.startswith("relative_likelihood")
    assert t.loc[ratios, ["numerator", "denominator"]].isna().all().all()
    assert not t.loc[ratios, "group"].isin(["White", "Unknown"]).any()
    finite = t["value"].dropna().astype(float)
    assert np.isfinite(finite).all()
    # Every interval shown contains its figure.
    ci = t.dropna(subset=["value", "ci_low", "ci_high"]).astype({"value": float})
    assert ((ci["ci_low"] <= ci["value"]) & (ci["value"] <= ci["ci_high"])).all()
    # A missing figure always says why.
    assert (t.loc[t["value"].isna(), "note"].str.len() > 0).all()
    assert not t["caution"].any() and not t["suppressed"].any()


# --------------------------------------------------------------------------- indicator 2


def test_indicator_2_published_worked_example():
    # 46.99% of White shortlisted appointed (39/83) against 14.65% of BME (23/157).
    t = indicator_2(recruitment(("White", True, True, 39), ("White", True, False, 44),
                                ("BME", True, True, 23), ("BME", True, False, 134)))
    check_table(t)
    assert round(value(t, "likelihood", "White") * 100, 2) == 46.99
    assert round(value(t, "likelihood", "BME") * 100, 2) == 14.65
    rl = row(t, "relative_likelihood", "BME")
    assert round(float(rl["value"]), 2) == 3.21
    assert (float(rl["ci_low"]), float(rl["ci_high"])) == pytest.approx(katz(39, 83, 23, 157))
    assert rl["note"] == ""
    white = row(t, "likelihood", "White")
    assert (white["numerator"], white["denominator"]) == (39, 83)
    assert (float(white["ci_low"]), float(white["ci_high"])) == pytest.approx(wilson(39, 83))
    # Unknown is shown, over nobody, and enters no ratio.
    assert value(t, "likelihood", "Unknown") is None
    unknown = row(t, "likelihood", "Unknown")
    assert unknown["note"] == "no applicants of unknown ethnicity shortlisted"
    assert set(t["measure"]) == {"likelihood", "relative_likelihood"}  # all were shortlisted


ZERO_CASES = [
    # id, blocks (eth, shortlisted, appointed, n), BME likelihood, ratio, note on the ratio
    ("no BME shortlisted",
     [("White", True, True, 5), ("White", True, False, 5), ("BME", False, False, 7)],
     None, None, "no BME applicants shortlisted"),
    ("no BME at all",
     [("White", True, True, 5), ("White", True, False, 5)],
     None, None, "no BME applicants shortlisted"),
    ("no BME appointed",
     [("White", True, True, 5), ("White", True, False, 5), ("BME", True, False, 8)],
     0.0, None,
     "no BME applicants appointed from shortlisting, so the relative likelihood cannot be "
     "computed"),
    ("no White shortlisted",
     [("BME", True, True, 2), ("BME", True, False, 8)],
     0.2, None, "no White applicants shortlisted"),
]


@pytest.mark.parametrize("blocks, bme, rl, note", [c[1:] for c in ZERO_CASES],
                         ids=[c[0] for c in ZERO_CASES])
def test_indicator_2_figures_that_cannot_be_computed(blocks, bme, rl, note):
    t = indicator_2(recruitment(*blocks))
    check_table(t)
    assert value(t, "likelihood", "BME") == bme
    ratio_row = row(t, "relative_likelihood", "BME")
    assert value(t, "relative_likelihood", "BME") == rl
    assert pd.isna(ratio_row["ci_low"]) and pd.isna(ratio_row["ci_high"])
    assert note in ratio_row["note"]


def test_indicator_2_zero_on_top_is_a_figure_with_a_corrected_interval():
    # No White applicant appointed: White likelihood 0, so the ratio is 0 (not missing),
    # and its interval adds 0.5 to every cell: (0.5/11) / (3.5/11), from 0 (the interval
    # shown always reaches the value shown).
    t = indicator_2(recruitment(("White", True, False, 10), ("BME", True, True, 3),
                                ("BME", True, False, 7)))
    rl = row(t, "relative_likelihood", "BME")
    assert float(rl["value"]) == 0.0
    assert rl["note"] == HALDANE_NOTE
    assert float(rl["ci_low"]) == 0.0
    assert float(rl["ci_high"]) == pytest.approx(katz(0.5, 11, 3.5, 11)[1])


def test_indicator_2_everyone_appointed_uses_the_correction_too():
    t = indicator_2(recruitment(("White", True, True, 10), ("BME", True, True, 2),
                                ("BME", True, False, 8)))
    rl = row(t, "relative_likelihood", "BME")
    assert float(rl["value"]) == pytest.approx(5.0)
    assert rl["note"] == HALDANE_NOTE
    assert (float(rl["ci_low"]), float(rl["ci_high"])) == pytest.approx(katz(10.5, 11, 2.5, 11))


def test_indicator_2_application_to_shortlisting_stage():
    # White: 50 applications, 20 shortlisted (0.4); BME: 40 applications, 8 shortlisted (0.2).
    t = indicator_2(recruitment(
        ("White", True, True, 10), ("White", True, False, 10), ("White", False, False, 30),
        ("BME", True, True, 2), ("BME", True, False, 6), ("BME", False, False, 32),
    ))
    check_table(t)
    white = row(t, "likelihood_shortlisted", "White")
    assert (white["numerator"], white["denominator"], float(white["value"])) == (20, 50, 0.4)
    assert value(t, "likelihood_shortlisted", "BME") == 0.2
    assert value(t, "relative_likelihood_shortlisted", "BME") == pytest.approx(2.0)
    # Appointment from shortlisting counts shortlisted rows only: 10/20 against 2/8.
    assert value(t, "likelihood", "White") == 0.5
    assert value(t, "relative_likelihood", "BME") == pytest.approx(2.0)


def test_indicator_2_stage_only_for_years_with_applications_not_shortlisted():
    t = indicator_2(Dataset(frames={"recruitment": tidy([
        {"year": 2023, "eth": "White", "shortlisted": True, "appointed": True},
        {"year": 2023, "eth": "BME", "shortlisted": True, "appointed": True},
        {"year": 2024, "eth": "White", "shortlisted": False, "appointed": False},
        {"year": 2024, "eth": "BME", "shortlisted": True, "appointed": False},
    ])}))
    stage = t[t["measure"] == "likelihood_shortlisted"]
    assert set(stage["year"]) == {2024}
    assert set(t.loc[t["measure"] == "likelihood", "year"]) == {2023, 2024}


def test_indicator_2_by_department_with_a_department_without_bme_staff():
    dept = [{"department": "Estates"}, {"department": "Surgery"}]
    t = indicator_2(recruitment(
        ("White", True, True, 4, dept[0]), ("White", True, False, 6, dept[0]),
        ("White", True, True, 3, dept[1]), ("White", True, False, 3, dept[1]),
        ("BME", True, True, 1, dept[1]), ("BME", True, False, 3, dept[1]),
    ), by=["department", "site"])  # no site column: that drill-down is skipped
    check_table(t)
    assert list(dict.fromkeys(t["dimension"])) == ["overall", "department"]
    estates = {"dimension": "department", "level": "Estates"}
    assert value(t, "likelihood", "White", **estates) == 0.4
    assert value(t, "likelihood", "BME", **estates) is None
    assert row(t, "likelihood", "BME", **estates)["note"] == "no BME applicants shortlisted"
    assert value(t, "relative_likelihood", "BME", **estates) is None
    note = row(t, "relative_likelihood", "BME", **estates)["note"]
    assert note == "no BME applicants shortlisted"
    surgery = {"dimension": "department", "level": "Surgery"}
    assert value(t, "relative_likelihood", "BME", **surgery) == pytest.approx(0.5 / 0.25)
    # Overall: 7/16 White against 1/4 BME.
    assert value(t, "relative_likelihood", "BME") == pytest.approx((7 / 16) / (1 / 4))


def test_indicator_2_internal_recruitment_drill_down():
    inside, outside = {"internal": True}, {"internal": False}
    t = indicator_2(recruitment(
        ("White", True, True, 3, inside), ("White", True, False, 1, inside),
        ("BME", True, True, 1, inside), ("BME", True, False, 1, inside),
        ("White", True, True, 1, outside), ("White", True, False, 4, outside),
        ("BME", True, True, 1, outside), ("BME", True, False, 9, outside),
    ), by="internal")
    assert value(t, "relative_likelihood", "BME", dimension="internal",
                 level="Internal") == pytest.approx(0.75 / 0.5)
    assert value(t, "relative_likelihood", "BME", dimension="internal",
                 level="External") == pytest.approx(0.2 / 0.1)


# --------------------------------------------------------------------------- indicator 3


def staff_rows(year: int, white: int, bme: int, **extra) -> list[dict]:
    return [{"year": year, "eth": "White", "n": white, **extra},
            {"year": year, "eth": "BME", "n": bme, **extra}]


def test_indicator_3_single_year_and_pooled_headline_by_hand():
    staff = staff_rows(2023, 200, 100) + staff_rows(2024, 220, 110)
    cases = staff_rows(2023, 4, 6) + staff_rows(2024, 2, 5)
    t = indicator_3(with_workforce("disciplinary", staff, cases))
    check_table(t)
    # 2024 single year: BME 5/110 over White 2/220 = 5.0.
    assert value(t, "likelihood", "BME") == pytest.approx(5 / 110)
    assert value(t, "relative_likelihood_1y", "BME") == pytest.approx(5.0)
    # 2024 headline, pooled with 2023: BME 11/210 over White 6/420.
    pooled = row(t, "likelihood_2y", "BME")
    assert (pooled["numerator"], pooled["denominator"]) == (11, 210)
    assert value(t, "relative_likelihood", "BME") == pytest.approx((11 / 210) / (6 / 420))
    headline = row(t, "relative_likelihood", "BME")
    assert (float(headline["ci_low"]), float(headline["ci_high"])) == pytest.approx(
        katz(11, 210, 6, 420))
    assert headline["note"] == ""
    # 2023 has no year before: the headline is the single-year figure, and says so.
    note = "single-year figure: no data for 2022"
    assert value(t, "relative_likelihood", "BME", year=2023) == pytest.approx(3.0)
    assert row(t, "relative_likelihood", "BME", year=2023)["note"] == note
    assert value(t, "likelihood_2y", "BME", year=2023) == pytest.approx(0.06)
    assert row(t, "likelihood_2y", "White", year=2023)["note"] == note
    assert row(t, "relative_likelihood_1y", "BME", year=2023)["note"] == ""


def test_indicator_3_previous_year_missing_from_the_disciplinary_data():
    # Workforce for 2023 and 2024, cases for 2024 only.
    staff = staff_rows(2023, 200, 100) + staff_rows(2024, 200, 100)
    t = indicator_3(with_workforce("disciplinary", staff, staff_rows(2024, 2, 3)))
    check_table(t)
    headline = row(t, "relative_likelihood", "BME")
    assert float(headline["value"]) == pytest.approx(3.0)
    assert headline["note"] == "single-year figure: no data for 2023"
    # 2023 is shown as the data say, zero cases, with a warning that zero may mean "not
    # loaded"; the ratio cannot be computed as White's likelihood is 0.
    assert value(t, "likelihood", "BME", year=2023) == 0.0
    assert "no disciplinary cases in the data for 2023" in row(t, "likelihood", "BME",
                                                               year=2023)["note"]
    one_year = row(t, "relative_likelihood_1y", "BME", year=2023)
    assert pd.isna(one_year["value"])
    assert ("no White staff entered the formal disciplinary process, so the relative "
            "likelihood cannot be computed") in one_year["note"]


def test_indicator_3_zero_cases_for_one_group():
    # No BME case: the ratio is 0 (a figure: less likely), with the corrected interval.
    t = indicator_3(with_workforce("disciplinary", staff_rows(2024, 100, 50),
                                   [{"eth": "White", "n": 4}]))
    rl = row(t, "relative_likelihood_1y", "BME")
    assert float(rl["value"]) == 0.0
    assert rl["note"] == HALDANE_NOTE
    assert float(rl["ci_low"]) == 0.0
    assert float(rl["ci_high"]) == pytest.approx(katz(0.5, 51, 4.5, 101)[1])


def test_indicator_3_unmatched_and_unknown_cases_still_count():
    cases = tidy([
        {"eth": "BME", "matched": True}, {"eth": "BME", "matched": False},
        {"eth": "White", "matched": False}, {"eth": "Unknown", "matched": False},
    ])
    staff = tidy(staff_rows(2024, 100, 20) + [{"eth": "Unknown", "n": 10}])
    t = indicator_3(Dataset(frames={"workforce": staff, "disciplinary": cases}))
    assert row(t, "likelihood", "BME")["numerator"] == 2
    assert value(t, "likelihood", "Unknown") == pytest.approx(0.1)
    assert value(t, "relative_likelihood_1y", "BME") == pytest.approx((2 / 20) / (1 / 100))
    assert set(t.loc[t["measure"].str.startswith("relative"), "group"]) == {"BME"}


def test_indicator_3_department_drill_down_needs_department_in_both_frames():
    staff = staff_rows(2024, 100, 20, department="Surgery") + [
        {"eth": "White", "n": 30, "department": "Estates"}]
    cases_with = staff_rows(2024, 2, 2, department="Surgery") + [
        {"eth": "White", "n": 3, "department": "Estates"}]
    cases_without = staff_rows(2024, 5, 2)

    t = indicator_3(with_workforce("disciplinary", staff, cases_without), by="department")
    assert set(t["dimension"]) == {"overall"}

    t = indicator_3(with_workforce("disciplinary", staff, cases_with), by="department")
    check_table(t)
    estates = {"dimension": "department", "level": "Estates"}
    assert value(t, "likelihood", "White", **estates) == pytest.approx(0.1)
    assert row(t, "likelihood", "BME", **estates)["note"] == "no BME staff in the headcount"
    assert row(t, "relative_likelihood", "BME", **estates)["note"] == (
        "single-year figure: no data for 2023; no BME staff in the headcount")
    surgery = {"dimension": "department", "level": "Surgery"}
    assert value(t, "relative_likelihood_1y", "BME", **surgery) == pytest.approx(
        (2 / 20) / (2 / 100))


def test_indicator_3_cases_in_a_year_without_workforce_give_no_rows():
    t = indicator_3(with_workforce("disciplinary", staff_rows(2024, 10, 10),
                                   staff_rows(2024, 1, 1) + staff_rows(2022, 1, 1)))
    assert set(t["year"]) == {2024}


def test_indicator_3_more_cases_than_staff_is_a_rate_without_interval():
    t = indicator_3(with_workforce("disciplinary", staff_rows(2024, 100, 2),
                                   staff_rows(2024, 5, 3)))
    bme = row(t, "likelihood", "BME")
    assert float(bme["value"]) == 1.5 and pd.isna(bme["ci_low"])
    assert bme["note"] == ("no interval: more people entering than staff in the headcount (leavers "
                          "count too)")
    rl = row(t, "relative_likelihood_1y", "BME")
    assert float(rl["value"]) == pytest.approx(1.5 / 0.05) and pd.isna(rl["ci_low"])
    assert rl["note"] == ("no interval: more people entering than staff in the headcount (leavers "
                          "count too)")


# --------------------------------------------------------------------------- indicator 4


def test_indicator_4_by_hand_with_a_department_without_bme_staff():
    staff = (staff_rows(2024, 80, 40, department="Surgery")
             + [{"eth": "White", "n": 20, "department": "Estates"}])
    trained = (staff_rows(2024, 40, 10, department="Surgery")
               + [{"eth": "White", "n": 5, "department": "Estates"}])
    t = indicator_4(with_workforce("training", staff, trained), by="department")
    check_table(t)
    assert set(t["measure"]) == {"likelihood", "relative_likelihood"}
    # Overall: White 45/100 over BME 10/40.
    assert value(t, "relative_likelihood", "BME") == pytest.approx(0.45 / 0.25)
    rl = row(t, "relative_likelihood", "BME")
    assert (float(rl["ci_low"]), float(rl["ci_high"])) == pytest.approx(katz(45, 100, 10, 40))
    surgery = {"dimension": "department", "level": "Surgery"}
    assert value(t, "relative_likelihood", "BME", **surgery) == pytest.approx(2.0)
    estates = {"dimension": "department", "level": "Estates"}
    assert value(t, "relative_likelihood", "BME", **estates) is None
    note = row(t, "relative_likelihood", "BME", **estates)["note"]
    assert note == "no BME staff in the headcount"


def test_indicator_4_no_bme_trained_and_no_training_year():
    staff = staff_rows(2023, 50, 50) + staff_rows(2024, 50, 50)
    t = indicator_4(with_workforce("training", staff, [{"eth": "White", "n": 10}]))
    assert value(t, "likelihood", "BME") == 0.0
    assert row(t, "relative_likelihood", "BME")["note"] == (
        "no BME staff accessed non-mandatory training or CPD, so the relative likelihood "
        "cannot be computed")
    assert row(t, "likelihood", "White", year=2023)["note"] == (
        "no training records in the data for 2023")


# --------------------------------------------------------------------------- group levels


CATEGORY_STAFF = [
    {"eth": "White - British", "n": 60}, {"eth": "White - Irish", "n": 20},
    {"eth": "Asian or Asian British - Indian", "n": 30},
    {"eth": "Black or Black British - African", "n": 10}, {"eth": "Unknown", "n": 5},
]
CATEGORY_TRAINED = [
    {"eth": "White - British", "n": 36}, {"eth": "White - Irish", "n": 4},
    {"eth": "Asian or Asian British - Indian", "n": 12},
    {"eth": "Black or Black British - African", "n": 5}, {"eth": "Unknown", "n": 1},
]


@pytest.mark.parametrize("groups, likelihood_groups, ratios", [
    ("wres", ["White", "BME", "Unknown"], {"BME": 0.5 / (17 / 40)}),
    ("broad", ["White", "Asian", "Black", "Unknown"],
     {"Asian": 0.5 / 0.4, "Black": 0.5 / 0.5}),
    ("category", ["White", "White - British", "White - Irish",
                  "Asian or Asian British - Indian", "Black or Black British - African",
                  "Unknown"],
     {"White - British": 0.5 / 0.6, "White - Irish": 0.5 / 0.2,
      "Asian or Asian British - Indian": 0.5 / 0.4,
      "Black or Black British - African": 0.5 / 0.5}),
])
def test_group_levels_compare_every_group_with_all_white_staff(groups, likelihood_groups,
                                                               ratios):
    # All White: 40 trained of 80 (0.5).
    t = indicator_4(with_workforce("training", CATEGORY_STAFF, CATEGORY_TRAINED),
                    groups=groups)
    check_table(t)
    assert list(t.loc[t["measure"] == "likelihood", "group"]) == likelihood_groups
    white = row(t, "likelihood", "White")
    assert (white["numerator"], white["denominator"]) == (40, 80)
    got = t[t["measure"] == "relative_likelihood"].set_index("group")["value"].astype(float)
    assert got.to_dict() == pytest.approx(ratios)


def test_no_data_and_bad_groups():
    for fn in (indicator_2, indicator_3, indicator_4):
        t = fn(Dataset())
        assert t.empty and list(t.columns) == list(RESULT_COLUMNS)
        with pytest.raises(ValueError, match="groups must be one of"):
            fn(Dataset(), groups="census")
    # Cases without a workforce have no headcount: nothing to show.
    assert indicator_3(Dataset(frames={"disciplinary": tidy(staff_rows(2024, 1, 1))})).empty


# --------------------------------------------------------------------------- properties

ETH = st.sampled_from(["White", "BME", "Unknown"])
YEAR = st.sampled_from([2023, 2024])
DEPT = st.sampled_from(["Surgery", "Estates"])

recruitment_rows = st.lists(st.fixed_dictionaries({
    "eth": ETH, "year": YEAR, "department": DEPT, "n": st.integers(1, 4),
    "shortlisted": st.booleans(), "appointed": st.booleans(),
}), min_size=1, max_size=25)
people_rows = st.lists(st.fixed_dictionaries({
    "eth": ETH, "year": YEAR, "department": DEPT, "n": st.integers(1, 6),
}), min_size=1, max_size=15)


def compute(which: int, frames: dict[str, list[dict]], **kw) -> pd.DataFrame:
    data = Dataset(frames={k: tidy(v) for k, v in frames.items()})
    fn = {2: indicator_2, 3: indicator_3, 4: indicator_4}[which]
    return fn(data, by="department", **kw)


def cases(which: int):
    """Frames for one indicator: recruitment alone, or workforce with its events."""
    if which == 2:
        return st.fixed_dictionaries({"recruitment": recruitment_rows})
    kind = "disciplinary" if which == 3 else "training"
    return st.fixed_dictionaries({"workforce": people_rows, kind: people_rows})


def by_key(t: pd.DataFrame) -> pd.DataFrame:
    return t.sort_values(list(RESULT_KEY)).reset_index(drop=True)


PROPERTY = settings(max_examples=20, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("which", [2, 3, 4])
@PROPERTY
@given(data=st.data())
def test_row_order_never_changes_a_figure(which, data):
    frames = data.draw(cases(which))
    shuffled = {k: data.draw(st.permutations(v)) for k, v in frames.items()}
    pd.testing.assert_frame_equal(by_key(compute(which, frames)),
                                  by_key(compute(which, shuffled)))


@pytest.mark.parametrize("which", [2, 3, 4])
@PROPERTY
@given(data=st.data())
def test_a_count_column_gives_the_same_figures_as_repeated_rows(which, data):
    frames = data.draw(cases(which))
    repeated = {k: [{**r, "n": 1} for r in v for _ in range(r["n"])] for k, v in frames.items()}
    pd.testing.assert_frame_equal(compute(which, frames), compute(which, repeated))


SWAP = {"White": "BME", "BME": "White", "Unknown": "Unknown"}


@pytest.mark.parametrize("which", [2, 3, 4])
@PROPERTY
@given(data=st.data())
def test_swapping_white_and_bme_inverts_the_relative_likelihood(which, data):
    frames = data.draw(cases(which))
    swapped = {k: [{**r, "eth": SWAP[r["eth"]]} for r in v] for k, v in frames.items()}
    t, s = compute(which, frames), compute(which, swapped)
    check_table(t)
    key = ["year", "measure", "dimension", "level"]
    ratios = t["measure"].str.startswith("relative")
    pair = t[ratios].merge(s[ratios], on=[*key, "group"], suffixes=("", "_s"), validate="1:1")
    assert len(pair) == ratios.sum()
    for r in pair.itertuples():
        v, vs = r.value, r.value_s
        if pd.notna(v) and pd.notna(vs) and v > 0 and vs > 0:
            assert vs == pytest.approx(1 / v)
            if pd.notna(r.ci_low):
                assert (r.ci_low_s, r.ci_high_s) == pytest.approx((1 / r.ci_high, 1 / r.ci_low))
        else:
            # Where one way round cannot be computed the other is 0 or cannot be either.
            assert all(pd.isna(x) or x == 0 for x in (v, vs))
    # The likelihood rows change places.
    lik = ~ratios
    white = t[lik & (t["group"] == "White")].drop(columns=["group", "note"])
    bme = s[lik & (s["group"] == "BME")].drop(columns=["group", "note"])
    pd.testing.assert_frame_equal(white.reset_index(drop=True), bme.reset_index(drop=True))
