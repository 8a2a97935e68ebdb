"""Tests for wres_core.stats: published values, independent computations, zero counts,
vectorised input and properties (hypothesis).

Reference values come from the papers the methods are named after (Newcombe 1998a, Table I;
Newcombe 1998b, Table II) and, for Katz intervals and the pooled two-proportion test, from
scipy 1.17 (``scipy.stats.contingency.relative_risk`` and ``chi2_contingency`` without
continuity correction) computed once outside the test suite; each is also recomputed here by
a formula written independently of the module.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wres_core import stats
from wres_core.stats import (
    NON_ADVERSE,
    Z95,
    change_direction,
    classify_relative_likelihood,
    katz_ci,
    log_ratio_change_p,
    newcombe_ci,
    normal_sf,
    prop_change_p,
    ratio,
    rr_change_p,
    wilson_ci,
)

# --------------------------------------------------------------------------- independent refs


def katz_reference(a, n1, c, n2, z=Z95):
    """Katz interval from the 2x2 cells (b = n1 - a, d = n2 - c): SE^2 = b/(a n1) + d/(c n2).

    Algebraically equal to 1/a - 1/n1 + 1/c - 1/n2, written differently on purpose.
    """
    if a == 0 or c == 0 or a == n1 or c == n2:
        a, n1, c, n2 = a + 0.5, n1 + 1, c + 0.5, n2 + 1
    b, d = n1 - a, n2 - c
    rr = (a / n1) / (c / n2)
    se = math.sqrt(b / (a * n1) + d / (c * n2))
    return rr * math.exp(-z * se), rr * math.exp(z * se)


def chi2_p(k1, n1, k2, n2):
    """Pearson chi-squared test (1 df, no continuity correction) of the 2x2 table."""
    table = [[k1, n1 - k1], [k2, n2 - k2]]
    total = n1 + n2
    cols = [k1 + k2, total - k1 - k2]
    rows = [n1, n2]
    chi2 = sum(
        (table[i][j] - rows[i] * cols[j] / total) ** 2 / (rows[i] * cols[j] / total)
        for i in range(2)
        for j in range(2)
    )
    return math.erfc(math.sqrt(chi2 / 2))  # survival function of chi-squared with 1 df


# --------------------------------------------------------------------------- constants, helper


def test_z95_is_the_975th_normal_percentile():
    assert Z95 == pytest.approx(NormalDist().inv_cdf(0.975), abs=1e-12)


def test_normal_sf_matches_the_standard_library():
    xs = np.array([-3.0, -1.0, 0.0, 0.5, 1.959963984540054, 4.0])
    expected = [1 - NormalDist().cdf(x) for x in xs]
    np.testing.assert_allclose(normal_sf(xs), expected, rtol=1e-12, atol=1e-15)
    assert normal_sf(10.0) == pytest.approx(7.619853024160527e-24, rel=1e-12)  # no 1 - cdf loss
    assert normal_sf(math.inf) == 0.0
    assert math.isnan(normal_sf(math.nan))
    assert isinstance(normal_sf(1), float)


# --------------------------------------------------------------------------- ratio


def test_ratio_wres_indicator_2_worked_example():
    # The WRES worked example as given in the brief: 46.99% of White shortlisted applicants
    # appointed against 14.65% of BME ones is a relative likelihood of 3.21.
    rr = ratio(46.99, 100, 14.65, 100)
    assert round(rr, 2) == 3.21
    assert classify_relative_likelihood(rr) == "adverse"


def test_ratio_from_counts():
    # 47 of 100 White, 29 of 198 BME appointed from shortlisting.
    assert ratio(47, 100, 29, 198) == pytest.approx(0.47 / (29 / 198))
    assert ratio(0, 100, 29, 198) == 0.0


@pytest.mark.parametrize(
    "a, n1, c, n2",
    [(5, 0, 3, 10), (5, 10, 3, 0), (5, 10, 0, 10), (0, 0, 0, 0), (math.nan, 10, 3, 10),
     (-1, 10, 3, 10)],
)
def test_ratio_not_computable_is_nan(a, n1, c, n2):
    assert math.isnan(ratio(a, n1, c, n2))


# --------------------------------------------------------------------------- katz


@pytest.mark.parametrize(
    "a, n1, c, n2, rr, low, high",
    [  # values from scipy.stats.contingency.relative_risk(...).confidence_interval()
        (20, 100, 10, 120, 2.4, 1.1785420590149815, 4.887394519304789),
        (35, 250, 12, 400, 4.666666666666667, 2.469760501212592, 8.817769078048428),
        (5, 14, 3, 51, 6.071428571428572, 1.6489057694043303, 22.355580034919605),
        (150, 600, 40, 420, 2.625, 1.8952578260992046, 3.6357190589642348),
    ],
)
def test_katz_known_values(a, n1, c, n2, rr, low, high):
    got_low, got_high, corrected = katz_ci(a, n1, c, n2)
    assert ratio(a, n1, c, n2) == pytest.approx(rr, rel=1e-12)
    assert got_low == pytest.approx(low, rel=1e-12)
    assert got_high == pytest.approx(high, rel=1e-12)
    assert (got_low, got_high) == pytest.approx(katz_reference(a, n1, c, n2), rel=1e-12)
    assert corrected is False


def test_katz_other_confidence_level():
    z90 = NormalDist().inv_cdf(0.95)
    low, high, _ = katz_ci(20, 100, 10, 120, z=z90)
    assert (low, high) == pytest.approx(katz_reference(20, 100, 10, 120, z=z90), rel=1e-12)
    low95, high95, _ = katz_ci(20, 100, 10, 120)
    assert low95 < low < 2.4 < high < high95


@pytest.mark.parametrize(
    "a, n1, c, n2",
    [(0, 50, 4, 60), (4, 50, 0, 60), (0, 50, 0, 60), (50, 50, 4, 60), (4, 50, 60, 60),
     (3, 3, 7, 7), (0, 1, 1, 1)],
)
def test_katz_haldane_correction_where_a_cell_is_zero(a, n1, c, n2):
    low, high, corrected = katz_ci(a, n1, c, n2)  # warnings are errors in this suite
    assert corrected is True
    assert math.isfinite(low) and math.isfinite(high) and 0 < low < high
    assert (low, high) == pytest.approx(katz_reference(a, n1, c, n2), rel=1e-12)
    # The correction is for the interval only: the point estimate stays raw.
    rr = ratio(a, n1, c, n2)
    if c == 0:
        assert math.isnan(rr)
    else:
        assert rr == pytest.approx((a / n1) / (c / n2))


def test_katz_haldane_worked_by_hand():
    # 0 of 50 against 4 of 60: table 0.5 / 51 against 4.5 / 61.
    rr = (0.5 / 51) / (4.5 / 61)
    se = math.sqrt(1 / 0.5 - 1 / 51 + 1 / 4.5 - 1 / 61)
    low, high, corrected = katz_ci(0, 50, 4, 60)
    assert corrected
    assert low == pytest.approx(rr * math.exp(-Z95 * se), rel=1e-12)
    assert high == pytest.approx(rr * math.exp(Z95 * se), rel=1e-12)


@pytest.mark.parametrize(
    "a, n1, c, n2",
    [(5, 0, 3, 10), (5, 10, 3, 0), (0, 0, 0, 0), (11, 10, 3, 10), (5, 10, 11, 10),
     (-1, 10, 3, 10), (math.nan, 10, 3, 10), (5, math.inf, 3, 10)],
)
def test_katz_not_computable_is_nan(a, n1, c, n2):
    low, high, corrected = katz_ci(a, n1, c, n2)
    assert math.isnan(low) and math.isnan(high)
    assert corrected is False


def test_katz_vectorised_with_series_and_nullable_counts():
    a = pd.Series([20, 0, 5, None], dtype="Int64", index=list("wxyz"))
    n1 = pd.Series([100, 50, 0, 10], dtype="Int64", index=list("wxyz"))
    low, high, corrected = katz_ci(a, n1, 10, 120)
    assert isinstance(low, np.ndarray) and low.shape == (4,)
    assert corrected.dtype == bool
    assert corrected.tolist() == [False, True, False, False]
    assert (low[0], high[0]) == pytest.approx(katz_reference(20, 100, 10, 120))
    assert (low[1], high[1]) == pytest.approx(katz_reference(0, 50, 10, 120))
    assert np.isnan(low[2:]).all() and np.isnan(high[2:]).all()
    assert not np.isinf(low).any() and not np.isinf(high).any()


# --------------------------------------------------------------------------- wilson


@pytest.mark.parametrize(
    "k, n, low, high",
    [  # Newcombe (1998a), Table I, method 3 (score interval without continuity correction)
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
        # and the mirror images
        (29, 29, 0.8830, 1.0),
        (19, 20, 0.7639, 0.9911),
    ],
)
def test_wilson_published_values(k, n, low, high):
    got_low, got_high = wilson_ci(k, n)
    assert round(got_low, 4) == low
    assert round(got_high, 4) == high


def test_wilson_against_independent_formula():
    # Wilson's interval: the p for which |p_hat - p| = z sqrt(p (1 - p) / n), a quadratic.
    k, n, z = 37, 90, Z95
    ph = k / n
    qa, qb, qc = 1 + z * z / n, -(2 * ph + z * z / n), ph * ph
    disc = math.sqrt(qb * qb - 4 * qa * qc)
    low, high = wilson_ci(k, n)
    assert low == pytest.approx((-qb - disc) / (2 * qa), rel=1e-12)
    assert high == pytest.approx((-qb + disc) / (2 * qa), rel=1e-12)


def test_wilson_zero_and_full_are_exact():
    assert wilson_ci(0, 7)[0] == 0.0
    assert wilson_ci(7, 7)[1] == 1.0


def test_wilson_not_computable_is_nan():
    low, high = wilson_ci([0, 3, 5, -1, np.nan], [0, 0, 4, 10, 10])
    assert np.isnan(low).all() and np.isnan(high).all()


# --------------------------------------------------------------------------- newcombe


@pytest.mark.parametrize(
    "k1, n1, k2, n2, low, high",
    [  # Newcombe (1998b), Table II, method 10
        (56, 70, 48, 80, 0.0524, 0.3339),
        (9, 10, 3, 10, 0.1705, 0.8090),
        (6, 7, 2, 7, 0.0582, 0.8062),
        (5, 56, 0, 29, -0.0381, 0.1926),
        (0, 10, 0, 20, -0.1611, 0.2775),
        (10, 10, 0, 20, 0.6791, 1.0000),
    ],
)
def test_newcombe_published_values(k1, n1, k2, n2, low, high):
    got_low, got_high = newcombe_ci(k1, n1, k2, n2)
    assert round(got_low, 4) == low
    assert round(got_high, 4) == high


def test_newcombe_not_computable_is_nan():
    low, high = newcombe_ci([5, 5, 5], [0, 10, 10], [3, 3, 12], [10, 0, 10])
    assert np.isnan(low).all() and np.isnan(high).all()


# --------------------------------------------------------------------------- prop_change_p


@pytest.mark.parametrize(
    "k1, n1, k2, n2, p",
    [  # scipy.stats.chi2_contingency(table, correction=False).pvalue
        (56, 70, 48, 80, 0.008045081368196585),
        (120, 400, 150, 410, 0.04683741308363864),
        (9, 40, 3, 38, 0.07394324894143053),
    ],
)
def test_prop_change_p_known_values(k1, n1, k2, n2, p):
    assert prop_change_p(k1, n1, k2, n2) == pytest.approx(p, rel=1e-9)
    assert prop_change_p(k1, n1, k2, n2) == pytest.approx(chi2_p(k1, n1, k2, n2), rel=1e-9)


def test_prop_change_p_no_variation_is_one_and_zero_n_is_nan():
    p = prop_change_p([0, 10, 0, 5, 5], [10, 10, 0, 10, 10], [0, 20, 0, 5, 11], [20, 20, 10, 0, 10])
    assert p[:2].tolist() == [1.0, 1.0]
    assert np.isnan(p[2:]).all()


# --------------------------------------------------------------------------- rr_change_p


def test_rr_change_p_by_hand():
    l1 = math.log((150 / 600) / (40 / 420))
    l2 = math.log((90 / 620) / (55 / 430))
    se1 = math.sqrt(1 / 150 - 1 / 600 + 1 / 40 - 1 / 420)
    se2 = math.sqrt(1 / 90 - 1 / 620 + 1 / 55 - 1 / 430)
    z = (l2 - l1) / math.sqrt(se1**2 + se2**2)
    expected = math.erfc(abs(z) / math.sqrt(2))
    got = rr_change_p(150, 600, 40, 420, 90, 620, 55, 430)
    assert got == pytest.approx(expected, rel=1e-12)
    assert got == pytest.approx(0.0002691747788137107, rel=1e-9)  # scipy norm.sf, outside
    assert log_ratio_change_p is rr_change_p


def test_rr_change_p_haldane_where_a_count_is_zero():
    # Year 1 has no cases in the compared group: its ln RR and SE come from the corrected table.
    l1 = math.log((0.5 / 41) / (6.5 / 201))
    se1 = math.sqrt(1 / 0.5 - 1 / 41 + 1 / 6.5 - 1 / 201)
    l2 = math.log((4 / 42) / (5 / 210))
    se2 = math.sqrt(1 / 4 - 1 / 42 + 1 / 5 - 1 / 210)
    expected = math.erfc(abs(l2 - l1) / math.sqrt(se1**2 + se2**2) / math.sqrt(2))
    got = rr_change_p(0, 40, 6, 200, 4, 42, 5, 210)
    assert math.isfinite(got)
    assert got == pytest.approx(expected, rel=1e-12)


def test_rr_change_p_identical_years_is_one():
    assert rr_change_p(20, 100, 10, 120, 20, 100, 10, 120) == pytest.approx(1.0)
    assert rr_change_p(0, 100, 10, 120, 0, 100, 10, 120) == pytest.approx(1.0)


@pytest.mark.parametrize(
    "year1, year2",
    [((20, 0, 10, 120), (20, 100, 10, 120)),  # n1 = 0
     ((20, 100, 0, 120), (20, 100, 10, 120)),  # reference group has no events: RR undefined
     ((20, 100, 10, 120), (20, 100, 10, 0)),
     ((120, 100, 10, 120), (20, 100, 10, 120)),  # impossible count
     ((np.nan, 100, 10, 120), (20, 100, 10, 120))],
)
def test_rr_change_p_not_computable_is_nan(year1, year2):
    assert math.isnan(rr_change_p(*year1, *year2))
    assert math.isnan(rr_change_p(*year2, *year1))


# --------------------------------------------------------------------------- classify


def test_non_adverse_band():
    assert NON_ADVERSE == (0.80, 1.25)


def test_classify_boundaries_and_missing():
    values = pd.Series(
        [0.0, 0.7999, 0.80, 1.0, 1.25, 1.2501, 3.21, None, math.inf, -0.5],
        dtype="Float64",
        index=range(10, 20),
    )
    got = classify_relative_likelihood(values)
    assert isinstance(got, pd.Series)
    assert got.index.equals(values.index)
    assert got.tolist() == [
        "favourable", "favourable", "non-adverse", "non-adverse", "non-adverse",
        "adverse", "adverse", "not computable", "not computable", "not computable",
    ]


def test_classify_scalar_and_array():
    assert classify_relative_likelihood(1.0) == "non-adverse"
    assert classify_relative_likelihood(pd.NA) == "not computable"
    assert classify_relative_likelihood(None) == "not computable"
    got = classify_relative_likelihood(np.array([0.5, np.nan]))
    assert isinstance(got, np.ndarray)
    assert got.tolist() == ["favourable", "not computable"]


# --------------------------------------------------------------------------- change_direction


@pytest.mark.parametrize(
    "old, new, p, better, expected",
    [
        (20.0, 15.0, 0.01, "lower", "better"),
        (20.0, 25.0, 0.01, "lower", "worse"),
        (20.0, 25.0, 0.01, "higher", "better"),
        (20.0, 15.0, 0.01, "higher", "worse"),
        (20.0, 15.0, 0.05, "lower", "no clear change"),  # p == alpha is not a change
        (20.0, 15.0, 0.30, "lower", "no clear change"),
        (20.0, 15.0, math.nan, "lower", "no clear change"),
        (20.0, 20.0, 0.01, "lower", "no clear change"),
        (math.nan, 15.0, 0.01, "lower", "not computable"),
        (20.0, math.nan, math.nan, "higher", "not computable"),
        (1.6, 1.1, 0.01, "closer_to_1", "better"),
        (0.5, 0.9, 0.01, "closer_to_1", "better"),
        (1.1, 0.6, 0.01, "closer_to_1", "worse"),
        (0.8, 1.25, 0.01, "closer_to_1", "no clear change"),  # equally far from 1
        (2.0, 0.5, 0.01, "closer_to_1", "no clear change"),
        (0.0, 0.5, 0.01, "closer_to_1", "better"),  # no cases at all to some: towards parity
        (0.0, 0.0, 0.01, "closer_to_1", "no clear change"),
        (-1.0, 0.5, 0.01, "closer_to_1", "not computable"),
        (math.inf, 0.5, 0.01, "lower", "not computable"),
        (-4.0, 2.0, 0.01, "closer_to_0", "better"),
        (1.0, -3.0, 0.01, "closer_to_0", "worse"),
    ],
)
def test_change_direction_table(old, new, p, better, expected):
    assert change_direction(old, new, p, better=better) == expected


def test_change_direction_alpha():
    assert change_direction(20, 15, 0.03, better="lower", alpha=0.01) == "no clear change"
    assert change_direction(20, 15, 0.03, better="lower", alpha=0.10) == "better"


def test_change_direction_series():
    idx = pd.Index(["a", "b", "c", "d"])
    old = pd.Series([1.6, 1.6, None, 1.2], dtype="Float64", index=idx)
    new = pd.Series([1.1, 1.1, 1.0, 1.0], dtype="Float64", index=idx)
    p = pd.Series([0.01, None, 0.01, 0.2], dtype="Float64", index=idx)
    got = change_direction(old, new, p, better="closer_to_1")
    assert isinstance(got, pd.Series) and got.index.equals(idx)
    assert got.tolist() == ["better", "no clear change", "not computable", "no clear change"]


def test_change_direction_wired_to_p_values():
    p = rr_change_p(150, 600, 40, 420, 90, 620, 55, 430)
    old, new = ratio(150, 600, 40, 420), ratio(90, 620, 55, 430)
    assert change_direction(old, new, p, better="closer_to_1") == "better"


@pytest.mark.parametrize("kwargs", [{"better": "up"}, {"better": "lower", "alpha": 0},
                                    {"better": "lower", "alpha": 1.5}])
def test_change_direction_bad_arguments(kwargs):
    with pytest.raises(ValueError):
        change_direction(1.0, 2.0, 0.01, **kwargs)


# --------------------------------------------------------------------------- vectorisation


def test_scalar_in_float_out():
    assert isinstance(ratio(1, 2, 1, 4), float)
    assert all(isinstance(x, float) for x in wilson_ci(3, 10))
    assert all(isinstance(x, float) for x in newcombe_ci(3, 10, 4, 10))
    low, high, corrected = katz_ci(3, 10, 4, 10)
    assert isinstance(low, float) and isinstance(high, float) and isinstance(corrected, bool)
    assert isinstance(prop_change_p(3, 10, 4, 10), float)
    assert isinstance(rr_change_p(3, 10, 4, 10, 3, 10, 4, 10), float)


def test_series_in_array_out_matches_scalars():
    k = pd.Series([0, 3, 9, 10], index=[7, 8, 9, 10])
    n = pd.Series([10, 10, 10, 10], index=[7, 8, 9, 10])
    low, high = wilson_ci(k, n)
    assert isinstance(low, np.ndarray)
    for i, (ki, ni) in enumerate(zip(k, n, strict=True)):
        assert (low[i], high[i]) == wilson_ci(ki, ni)
    r = ratio(k, n, 4, 10)
    assert r.tolist() == [ratio(ki, 10, 4, 10) for ki in k]


def test_broadcasting_and_two_dimensions():
    a = np.array([[1, 2], [3, 4]])
    low, high, corrected = katz_ci(a, 10, 5, 20)
    assert low.shape == (2, 2) and corrected.shape == (2, 2)
    assert low[1, 0] == katz_ci(3, 10, 5, 20)[0]


def test_shapes_that_do_not_broadcast_raise():
    with pytest.raises(ValueError, match="do not broadcast"):
        ratio([1, 2, 3], [10, 10], 1, 10)
    with pytest.raises(ValueError, match="do not broadcast"):
        wilson_ci([1, 2, 3], [10, 10])


def test_series_with_different_indexes_raise():
    with pytest.raises(ValueError, match="different indexes"):
        wilson_ci(pd.Series([1, 2], index=[0, 1]), pd.Series([10, 10], index=[1, 2]))


def test_non_numeric_raises():
    with pytest.raises(ValueError, match="must be numeric"):
        wilson_ci(["three"], [10])


def test_module_is_pure():
    with open(stats.__file__, encoding="utf-8") as f:
        source = f.read()
    for banned in ("streamlit", "plotly", "scipy"):
        assert f"import {banned}" not in source and f"from {banned}" not in source


# --------------------------------------------------------------------------- properties


@st.composite
def counts(draw, min_n=1, max_n=5000):
    n = draw(st.integers(min_n, max_n))
    k = draw(st.integers(0, n))
    return k, n


@st.composite
def tables(draw):
    a, n1 = draw(counts())
    c, n2 = draw(counts())
    return a, n1, c, n2


@settings(max_examples=300, deadline=None)
@given(tables())
def test_swapping_groups_inverts_ratio_and_interval(t):
    a, n1, c, n2 = t
    low, high, corrected = katz_ci(a, n1, c, n2)
    low_s, high_s, corrected_s = katz_ci(c, n2, a, n1)
    assert corrected == corrected_s
    assert low_s == pytest.approx(1 / high, rel=1e-9)
    assert high_s == pytest.approx(1 / low, rel=1e-9)
    if a > 0 and c > 0:
        assert ratio(c, n2, a, n1) == pytest.approx(1 / ratio(a, n1, c, n2), rel=1e-12)


@settings(max_examples=300, deadline=None)
@given(tables())
def test_katz_interval_is_finite_ordered_and_flags_zero_cells(t):
    a, n1, c, n2 = t
    low, high, corrected = katz_ci(a, n1, c, n2)
    assert 0 < low <= high < math.inf
    assert corrected == (a in (0, n1) or c in (0, n2))
    if not corrected:
        assert low <= ratio(a, n1, c, n2) <= high


@settings(max_examples=300, deadline=None)
@given(counts(), st.sampled_from([NormalDist().inv_cdf(q) for q in (0.9, 0.95, 0.975, 0.995)]))
def test_wilson_bounds_within_unit_interval_and_contain_estimate(kn, z):
    k, n = kn
    low, high = wilson_ci(k, n, z=z)
    assert 0.0 <= low <= k / n <= high <= 1.0


@settings(max_examples=300, deadline=None)
@given(counts(), counts())
def test_newcombe_contains_difference_and_antisymmetric(g1, g2):
    (k1, n1), (k2, n2) = g1, g2
    low, high = newcombe_ci(k1, n1, k2, n2)
    d = k1 / n1 - k2 / n2
    assert -1.0 <= low <= d + 1e-12 and d - 1e-12 <= high <= 1.0
    low_s, high_s = newcombe_ci(k2, n2, k1, n1)
    assert low_s == pytest.approx(-high, abs=1e-12)
    assert high_s == pytest.approx(-low, abs=1e-12)


@settings(max_examples=300, deadline=None)
@given(counts(), counts())
def test_prop_change_p_in_unit_interval_and_symmetric(g1, g2):
    (k1, n1), (k2, n2) = g1, g2
    p = prop_change_p(k1, n1, k2, n2)
    assert 0.0 <= p <= 1.0
    assert prop_change_p(k2, n2, k1, n1) == pytest.approx(p, rel=1e-12, abs=1e-300)


@settings(max_examples=300, deadline=None)
@given(tables(), tables())
def test_rr_change_p_in_unit_interval_and_symmetric(y1, y2):
    p = rr_change_p(*y1, *y2)
    if y1[2] == 0 or y2[2] == 0:  # reference group without events: RR not computable
        assert math.isnan(p)
        return
    assert 0.0 <= p <= 1.0
    assert rr_change_p(*y2, *y1) == pytest.approx(p, rel=1e-12, abs=1e-300)
    assert rr_change_p(*y1, *y1) == pytest.approx(1.0)


@settings(max_examples=100, deadline=None)
@given(st.lists(tables(), min_size=1, max_size=8))
def test_vectorised_equals_elementwise(ts):
    a, n1, c, n2 = (pd.Series(col) for col in zip(*ts, strict=True))
    low, high, corrected = katz_ci(a, n1, c, n2)
    p = prop_change_p(a, n1, c, n2)
    for i, t in enumerate(ts):
        assert (low[i], high[i], bool(corrected[i])) == katz_ci(*t)
        assert p[i] == prop_change_p(*t)


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 10, allow_nan=False), st.floats(0, 10, allow_nan=False),
       st.floats(0, 1), st.sampled_from(["lower", "higher", "closer_to_1", "closer_to_0"]))
def test_change_direction_is_symmetric_in_time(old, new, p, better):
    forward = change_direction(old, new, p, better=better)
    backward = change_direction(new, old, p, better=better)
    swap = {"better": "worse", "worse": "better"}
    assert backward == swap.get(forward, forward)
    if p >= 0.05:
        assert forward in ("no clear change", "not computable")
