"""Indicator 1 (share of each group in each pay band) and the Model Employer gap.

Every expected figure below was worked out by hand from the small frames built here.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wres_core.codes.bands import BAND_ORDER
from wres_core.dataset import Dataset
from wres_core.indicators.workforce import MODEL_EMPLOYER_COLUMNS, indicator_1, model_employer
from wres_core.schema import BROAD_GROUPS, RESULT_COLUMNS, WRES_GROUPS

# Ethnic category -> (broad group, WRES group), for the categories the tests use.
ETHNICITY = {
    "White - British": ("White", "White"),
    "White - Irish": ("White", "White"),
    "Mixed - White and Black Caribbean": ("Mixed", "BME"),
    "Asian or Asian British - Indian": ("Asian", "BME"),
    "Black or Black British - African": ("Black", "BME"),
    "Other ethnic group - Chinese": ("Other", "BME"),
    "Unknown": ("Unknown", "Unknown"),
}
WB, WI, MIX, IND, AFR, CHI, UNK = ETHNICITY


def workforce(rows, **extra) -> pd.DataFrame:
    """A tidy workforce frame from ``(year, ethnic category, pay band, clinical, count)``
    tuples, typed as the loader types it; ``extra`` adds columns (one value per row)."""
    years, cats, bands, clinical, count = (list(c) for c in zip(*rows, strict=True))
    n = len(rows)
    df = pd.DataFrame(
        {
            "year": pd.Series(years, dtype="int64"),
            "org": pd.Categorical([""] * n),
            "count": pd.Series(count, dtype="int64"),
            "source_file": pd.Categorical(["workforce.csv"] * n),
            "source_row": pd.Series(range(2, n + 2), dtype="int64"),
            "ethnic_category": pd.Categorical(cats, categories=list(ETHNICITY)),
            "broad_group": pd.Categorical([ETHNICITY[c][0] for c in cats], BROAD_GROUPS),
            "wres_group": pd.Categorical([ETHNICITY[c][1] for c in cats], WRES_GROUPS),
            "pay_band": pd.Categorical(bands, categories=BAND_ORDER, ordered=True),
            "clinical": pd.Categorical(clinical, categories=["Clinical", "Non-clinical"]),
            "senior_medical_manager": [False] * n,
        }
    )
    for col, values in extra.items():
        df[col] = values
    return df


def run(df: pd.DataFrame, **kwargs) -> pd.DataFrame:
    return indicator_1(Dataset(frames={"workforce": df}), **kwargs)


def figures(res: pd.DataFrame, year: int, dimension: str) -> dict:
    """{(level, group): (numerator, denominator, value)} for one year and dimension."""
    sub = res[(res.year == year) & (res.dimension == dimension)]
    return {
        (lvl, g): (float(n), float(d), round(float(v), 4))
        for lvl, g, n, d, v in sub[
            ["level", "group", "numerator", "denominator", "value"]
        ].itertuples(index=False)
    }


# 20 staff in 2024: White 12, BME 6, Unknown 2. The Indian consultant is a senior medical
# manager.
KNOWN = [
    (2024, WB, "Band 5", "Non-clinical", 6),
    (2024, IND, "Band 5", "Non-clinical", 2),
    (2024, UNK, "Band 5", "Clinical", 2),
    (2024, AFR, "Band 5", "Clinical", 2),
    (2024, WB, "Band 8a", "Non-clinical", 3),
    (2024, AFR, "Band 8a", "Clinical", 1),
    (2024, WI, "Consultant", "Clinical", 3),
    (2024, IND, "Consultant", "Clinical", 1),
]
KNOWN_SMM = [False] * 7 + [True]


@pytest.fixture
def known() -> pd.DataFrame:
    return run(workforce(KNOWN, senior_medical_manager=KNOWN_SMM))


# (dimension, level, (White, BME, Unknown) people, row total), worked by hand from KNOWN.
EXPECTED = [
    ("overall", "All", (12, 6, 2), 20),
    ("clinical", "Non-clinical", (9, 2, 0), 11),
    ("clinical", "Clinical", (3, 4, 2), 9),
    ("pay_band", "Band 5", (6, 4, 2), 12),
    ("pay_band", "Band 8a", (3, 1, 0), 4),
    ("pay_band", "Consultant", (3, 1, 0), 4),
    ("pay_band", "Senior medical manager", (0, 1, 0), 1),
    ("clinical_pay_band", "Non-clinical: Band 5", (6, 2, 0), 8),
    ("clinical_pay_band", "Non-clinical: Band 8a", (3, 0, 0), 3),
    ("clinical_pay_band", "Clinical: Band 5", (0, 2, 2), 4),
    ("clinical_pay_band", "Clinical: Band 8a", (0, 1, 0), 1),
    ("clinical_pay_band", "Clinical: Consultant", (3, 1, 0), 4),
]


@pytest.mark.parametrize(("dimension", "level", "people", "total"), EXPECTED)
def test_known_shares(known, dimension, level, people, total):
    got = figures(known, 2024, dimension)
    for group, k in zip(WRES_GROUPS, people, strict=True):
        assert got[(level, group)] == (k, total, round(100 * k / total, 4))


def test_rows_are_exactly_the_expected_ones_in_display_order(known):
    expected = [(d, lvl, g) for d, lvl, _, _ in EXPECTED for g in WRES_GROUPS]
    assert list(known[["dimension", "level", "group"]].itertuples(index=False, name=None)) == (
        expected
    )
    assert set(known["measure"]) == {"share"}
    assert set(known["indicator"]) == {1}
    assert list(known.columns) == list(RESULT_COLUMNS)


def test_wilson_interval_in_percent(known):
    # BME overall: 6 of 20. Wilson by hand with z = 1.96: centre (6 + z^2/2) / (20 + z^2)
    # = 0.33223, half-width z * sqrt(6 * 14 / 20 + z^2 / 4) / (20 + z^2) = 0.18675.
    row = known[(known.dimension == "overall") & (known.group == "BME")].iloc[0]
    assert float(row.ci_low) == pytest.approx(14.548, abs=0.005)
    assert float(row.ci_high) == pytest.approx(51.897, abs=0.005)
    # 0 of n: the interval starts at exactly 0; n of n ends at exactly 100.
    none = known[(known.level == "Non-clinical: Band 8a") & (known.group == "BME")].iloc[0]
    assert float(none.ci_low) == 0.0 and float(none.value) == 0.0
    allw = known[(known.level == "Non-clinical: Band 8a") & (known.group == "White")].iloc[0]
    assert float(allw.ci_high) == 100.0


def test_senior_medical_manager_is_an_of_which_row(known):
    bands = known[(known.dimension == "pay_band") & (known.group == "BME")]
    smm = bands[bands.level == "Senior medical manager"]
    assert smm["note"].tolist() == ["of which row: included in Consultant"]
    # Adding the band rows without the of-which row gives back the whole workforce.
    rows = bands[bands.level != "Senior medical manager"]
    assert rows["denominator"].sum() == 20
    assert (known.loc[known.level != "Senior medical manager", "note"] == "").all()


def test_senior_medical_managers_outside_consultant_change_the_note():
    smm = [False] * 6 + [True, True]
    rows = KNOWN[:7] + [(2024, IND, "Non-consultant career grade", "Clinical", 1)]
    res = run(workforce(rows, senior_medical_manager=smm))
    got = res[res.level == "Senior medical manager"]
    assert set(got["note"]) == {
        "of which row: included in their own band rows (not all in Consultant)"
    }
    assert figures(res, 2024, "pay_band")[("Senior medical manager", "BME")] == (1, 4, 25.0)


def test_no_senior_medical_manager_row_without_flagged_staff():
    res = run(workforce(KNOWN))
    assert "Senior medical manager" not in set(res["level"])


def test_caution_and_suppressed_are_left_to_the_later_step(known):
    assert not known["caution"].any() and not known["suppressed"].any()


def test_count_column_gives_the_same_figures_as_repeated_rows():
    rows = KNOWN + [(2023, WB, "Band 6", "Clinical", 4), (2023, CHI, "Band 6", "Clinical", 2)]
    smm = KNOWN_SMM + [False, False]
    weighted = workforce(rows, senior_medical_manager=smm)
    repeated = workforce(
        [(y, c, b, cl, 1) for y, c, b, cl, n in rows for _ in range(n)],
        senior_medical_manager=[f for f, r in zip(smm, rows, strict=True) for _ in range(r[4])],
    )
    for groups in ("wres", "broad", "category"):
        pd.testing.assert_frame_equal(run(weighted, groups=groups), run(repeated, groups=groups))


def test_medical_grades_sit_under_clinical_only():
    df = workforce(
        [
            (2024, WB, "Consultant", "Non-clinical", 2),  # the flag says otherwise
            (2024, IND, "Trainee grade", None, 1),  # no flag
            (2024, AFR, "Other", "Non-clinical", 1),  # other pay scales do split
        ]
    )
    res = run(df)
    levels = res.loc[res.dimension == "clinical_pay_band", "level"].unique().tolist()
    assert levels == ["Non-clinical: Other", "Clinical: Consultant", "Clinical: Trainee grade"]
    # A medical grade with no clinical flag counts as Clinical; an explicit flag is kept.
    assert figures(res, 2024, "clinical")[("Clinical", "BME")] == (1, 1, 100.0)
    assert figures(res, 2024, "clinical")[("Non-clinical", "White")] == (2, 3, 66.6667)


def test_bands_in_canonical_order_whatever_the_row_order():
    df = workforce(
        [(2024, WB, b, "Clinical", 1) for b in ["VSM", "Consultant", "Band 2", "Band 8b"]]
    )
    res = run(df)
    assert res.loc[res.dimension == "pay_band", "level"].unique().tolist() == [
        "Band 2",
        "Band 8b",
        "VSM",
        "Consultant",
    ]


def test_bands_are_per_year_and_groups_cover_every_year():
    df = workforce([(2023, WB, "Band 3", "Clinical", 2), (2024, AFR, "Band 4", "Clinical", 1)])
    res = run(df)
    assert figures(res, 2023, "pay_band") == {
        ("Band 3", "White"): (2, 2, 100.0),
        ("Band 3", "BME"): (0, 2, 0.0),
    }
    assert figures(res, 2024, "pay_band") == {
        ("Band 4", "White"): (0, 1, 0.0),
        ("Band 4", "BME"): (1, 1, 100.0),
    }
    assert res["year"].tolist() == sorted(res["year"].tolist())


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        (None, ["overall", "clinical", "pay_band", "clinical_pay_band"]),
        ("department", ["overall", "clinical", "pay_band", "clinical_pay_band", "department"]),
        (["site", "department"], ["overall", "clinical", "pay_band", "clinical_pay_band",
                                  "department"]),
        ("pay_band", ["overall", "clinical", "pay_band", "clinical_pay_band"]),
    ],
)  # fmt: skip
def test_drill_down_dimensions(by, expected):
    df = workforce(KNOWN, department=pd.Categorical(list("AABBAACC")))
    assert run(df, by=by)["dimension"].unique().tolist() == expected


def test_drill_down_figures():
    df = workforce(KNOWN, department=pd.Categorical(list("AABBAACC")))
    got = figures(run(df, by="department"), 2024, "department")
    # A: 6 WB + 2 IND + 3 WB + 1 AFR; B: 2 UNK + 2 AFR; C: 3 WI + 1 IND.
    assert got[("A", "White")] == (9, 12, 75.0)
    assert got[("B", "Unknown")] == (2, 4, 50.0)
    assert got[("C", "BME")] == (1, 4, 25.0)


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        ("wres", {"White": 12, "BME": 6, "Unknown": 2}),
        ("broad", {"White": 12, "Asian": 3, "Black": 3, "Unknown": 2}),
        ("category", {WB: 9, WI: 3, IND: 3, AFR: 3, UNK: 2}),
    ],
)
def test_group_levels(groups, expected):
    res = run(workforce(KNOWN), groups=groups)
    overall = res[res.dimension == "overall"]
    assert dict(zip(overall.group, overall.numerator.astype(int), strict=True)) == expected
    # Only groups present in the data, in the codes' order.
    assert overall.group.tolist() == list(expected)


def test_without_clinical_column():
    res = run(workforce(KNOWN).drop(columns="clinical"))
    assert res["dimension"].unique().tolist() == ["overall", "pay_band"]


def test_no_workforce_gives_an_empty_table():
    res = indicator_1(Dataset())
    assert res.empty and list(res.columns) == list(RESULT_COLUMNS)


def test_unknown_group_level_is_an_error():
    with pytest.raises(ValueError, match="groups"):
        run(workforce(KNOWN), groups="census")


# --------------------------------------------------------------------------- properties

CATEGORIES = list(ETHNICITY)
BANDS = ["Band 2", "Band 5", "Band 8a", "VSM", "Consultant", "Trainee grade", "Other"]
row_strategy = st.tuples(
    st.sampled_from([2023, 2024]),
    st.sampled_from(CATEGORIES),
    st.sampled_from(BANDS),
    st.sampled_from(["Clinical", "Non-clinical"]),
    st.integers(1, 5),
    st.booleans(),  # senior medical manager (kept only on Consultant rows)
    st.sampled_from(["A", "B"]),
)


def frame_from(rows) -> pd.DataFrame:
    return workforce(
        [r[:5] for r in rows],
        senior_medical_manager=[r[5] and r[2] == "Consultant" for r in rows],
        department=pd.Categorical([r[6] for r in rows], categories=["A", "B"]),
    )


@settings(max_examples=40, deadline=None)
@given(
    st.lists(row_strategy, min_size=1, max_size=25), st.sampled_from(["wres", "broad", "category"])
)
def test_shares_add_to_100_in_every_row(rows, groups):
    res = run(frame_from(rows), groups=groups, by="department")
    totals = res.groupby(["year", "dimension", "level"])["value"].sum()
    assert ((totals - 100).abs() < 1e-9).all()
    # and the numerators add up to the denominator
    num = res.groupby(["year", "dimension", "level"])["numerator"].sum()
    den = res.groupby(["year", "dimension", "level"])["denominator"].first()
    assert (num == den).all()


@settings(max_examples=40, deadline=None)
@given(
    st.lists(row_strategy, min_size=1, max_size=25),
    st.randoms(use_true_random=False),
    st.sampled_from(["wres", "broad", "category"]),
)
def test_row_order_never_changes_a_figure(rows, rnd, groups):
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    pd.testing.assert_frame_equal(
        run(frame_from(rows), groups=groups, by="department"),
        run(frame_from(shuffled), groups=groups, by="department"),
    )


@settings(max_examples=25, deadline=None)
@given(st.lists(row_strategy, min_size=1, max_size=15))
def test_count_equals_repeated_rows_property(rows):
    repeated = [(*r[:4], 1, *r[5:]) for r in rows for _ in range(r[4])]
    pd.testing.assert_frame_equal(
        run(frame_from(rows), by="department"), run(frame_from(repeated), by="department")
    )


@settings(max_examples=40, deadline=None)
@given(st.lists(row_strategy, min_size=1, max_size=25))
def test_band_rows_add_up_to_the_workforce(rows):
    res = run(frame_from(rows))
    for dim in ("clinical", "pay_band", "clinical_pay_band"):
        sub = res[(res.dimension == dim) & (res.level != "Senior medical manager")]
        by_year = sub.groupby("year")["numerator"].sum()
        overall = res[res.dimension == "overall"].groupby("year")["numerator"].sum()
        pd.testing.assert_series_equal(by_year, overall)


# --------------------------------------------------------------------------- Model Employer

# 2024: 100 staff, 31 BME (overall share 31%).
ME_ROWS = [
    (2024, WB, "Band 5", "Clinical", 60),
    (2024, AFR, "Band 5", "Clinical", 25),
    (2024, IND, "Band 8a", "Clinical", 3),
    (2024, WB, "Band 8a", "Clinical", 6),
    (2024, UNK, "Band 8a", "Clinical", 1),
    (2024, WI, "Band 8c", "Non-clinical", 2),
    (2024, CHI, "VSM", "Non-clinical", 3),
    (2023, WB, "Band 8a", "Clinical", 5),
]


def me(rows=ME_ROWS, **kwargs) -> pd.DataFrame:
    return model_employer(Dataset(frames={"workforce": workforce(rows)}), **kwargs)


def test_model_employer_against_the_overall_share():
    res = me(year=2024)
    assert list(res.columns) == list(MODEL_EMPLOYER_COLUMNS)
    got = [
        (b, s, k, round(float(sh), 4), float(t), src, round(float(g), 4), a)
        for b, s, k, sh, t, src, g, a in res.drop(columns="year").itertuples(index=False)
    ]
    assert got == [
        # 8a: 10 staff (the Unknown one included), 3 BME = 30%; 31% of 10 = 3.1 -> 1 more.
        ("Band 8a", 10, 3, 30.0, 31.0, "overall workforce", -1.0, 1),
        # 8c: 2 staff, none BME; 31% of 2 = 0.62 -> 1.
        ("Band 8c", 2, 0, 0.0, 31.0, "overall workforce", -31.0, 1),
        # VSM: 3 of 3 BME: above the target, none needed.
        ("VSM", 3, 3, 100.0, 31.0, "overall workforce", 69.0, 0),
    ]
    assert set(res["year"]) == {2024}


def test_model_employer_with_targets():
    res = me(year=2024, targets={"Band 8a": 50, "VSM": 100})
    got = res.set_index("pay_band")
    assert float(got.loc["Band 8a", "target_share"]) == 50.0
    assert got.loc["Band 8a", "target_source"] == "target"
    assert float(got.loc["Band 8a", "gap"]) == -20.0
    assert got.loc["Band 8a", "additional_bme_needed"] == 2  # 5 - 3
    assert got.loc["Band 8c", "target_source"] == "overall workforce"
    assert got.loc["VSM", "additional_bme_needed"] == 0


@pytest.mark.parametrize(
    ("target", "bme", "needed"),
    [
        (30.0, 0, 3),  # 0.3 * 10 is 3.0000000000000004 in floating point: still 3
        (30.0, 3, 0),
        (30.0, 5, 0),  # never negative
        (31.0, 3, 1),
        (0.0, 0, 0),
        (100.0, 4, 6),
    ],
)
def test_additional_staff_rounding(target, bme, needed):
    rows = [(2024, AFR, "Band 8b", "Clinical", bme)] if bme else []
    rows += [(2024, WB, "Band 8b", "Clinical", 10 - bme)]
    res = me(rows, year=2024, targets={"Band 8b": target})
    assert res["additional_bme_needed"].tolist() == [needed]


def test_model_employer_missing_year_is_empty():
    res = me(year=2022)
    assert res.empty and list(res.columns) == list(MODEL_EMPLOYER_COLUMNS)
    assert model_employer(Dataset(), year=2024).empty


@pytest.mark.parametrize("targets", [{"Band 8A": 30}, {"Band 5": 30}, {"VSM": 130}, {"VSM": -1}])
def test_model_employer_rejects_bad_targets(targets):
    with pytest.raises(ValueError):
        me(year=2024, targets=targets)


def test_model_employer_agrees_with_indicator_1():
    df = workforce(ME_ROWS)
    res = run(df)
    band = res[(res.year == 2024) & (res.dimension == "pay_band") & (res.group == "BME")]
    overall = res[(res.year == 2024) & (res.dimension == "overall") & (res.group == "BME")]
    got = me(year=2024).set_index("pay_band")
    for level, value in zip(band.level, band.value, strict=True):
        if level in got.index:
            assert float(got.loc[level, "bme_share"]) == pytest.approx(float(value))
    assert float(got["target_share"].iloc[0]) == pytest.approx(float(overall.value.iloc[0]))
    assert math.isclose(float(got.loc["Band 8a", "bme_share"]), 30.0)
