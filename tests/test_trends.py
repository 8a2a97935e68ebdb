"""Change on the year before (wres_core.trends).

Expected p-values are worked out here from the textbook formulas (pooled two-proportion z
test; Katz log-ratio test; Wald test of a change in a difference), with ``math.erfc`` for
the normal tail, and rounded literals beside them as a check on the arithmetic.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wres_core.disclosure import suppress
from wres_core.results import frame
from wres_core.trends import CHANGE_COLUMNS, better_direction, changes, gap_change_p

W, B, U = "White", "BME", "Unknown"


def row(year, indicator, measure, group, numerator=None, denominator=None, *, value=None,
        dimension="overall", level="All"):
    if value is None and numerator is not None and denominator:
        scale = 1.0 if measure.startswith("likelihood") else 100.0
        value = scale * numerator / denominator
    return {"year": year, "indicator": indicator, "measure": measure, "group": group,
            "dimension": dimension, "level": level, "numerator": numerator,
            "denominator": denominator, "value": value}


def two_sided(z: float) -> float:
    return math.erfc(abs(z) / math.sqrt(2))


def pooled_p(k1, n1, k2, n2) -> float:
    pbar = (k1 + k2) / (n1 + n2)
    return two_sided((k2 / n2 - k1 / n1) / math.sqrt(pbar * (1 - pbar) * (1 / n1 + 1 / n2)))


def katz_p(year1, year2) -> float:
    """Each year (a, n1, c, n2): ln((a/n1)/(c/n2)), SE^2 = 1/a - 1/n1 + 1/c - 1/n2."""
    logs, var = [], 0.0
    for a, n1, c, n2 in (year1, year2):
        logs.append(math.log((a / n1) / (c / n2)))
        var += 1 / a - 1 / n1 + 1 / c - 1 / n2
    return two_sided((logs[1] - logs[0]) / math.sqrt(var))


def one(out, **key):
    sel = pd.Series(True, index=out.index)
    for k, v in key.items():
        sel &= out[k] == v
    assert sel.sum() == 1, key
    return out[sel].iloc[0]


def test_a_clear_worsening():
    # Indicator 5, BME: 40 of 200 (20%) to 70 of 200 (35%). Pooled 110/400 = 0.275,
    # SE = sqrt(0.275 * 0.725 * 2/200) = 0.04465, z = 0.15 / 0.04465 = 3.359.
    t = frame([row(2023, 5, "percent", B, 40, 200), row(2024, 5, "percent", B, 70, 200)])
    c = changes(t)
    assert list(c.columns) == list(CHANGE_COLUMNS) and len(c) == 1
    r = c.iloc[0]
    assert (r.year, r.value, r.previous, r.change) == (2024, 35.0, 20.0, 15.0)
    assert r.p_value == pytest.approx(pooled_p(40, 200, 70, 200), rel=1e-9)
    assert r.p_value == pytest.approx(0.000781, abs=5e-6)
    assert r.direction == "worse"  # harassment: lower is better


def test_a_noisy_change_is_no_clear_change():
    # Indicator 6, BME: 4 of 20 to 6 of 20. Pooled 0.25, SE = sqrt(0.25*0.75*0.1) = 0.1369,
    # z = 0.1 / 0.1369 = 0.730, p = 0.465: a 10-point rise, but not beyond chance.
    t = frame([row(2023, 6, "percent", B, 4, 20), row(2024, 6, "percent", B, 6, 20)])
    r = changes(t).iloc[0]
    assert r.change == pytest.approx(10.0)
    assert r.p_value == pytest.approx(pooled_p(4, 20, 6, 20)) and r.p_value == pytest.approx(
        0.4652, abs=1e-4)
    assert r.direction == "no clear change"


def test_indicator_7_is_better_higher():
    # 60 of 200 to 90 of 200: pooled 0.375, SE = 0.04841, z = 3.098, p = 0.00195.
    rows = [row(y, ind, "percent", B, k, 200) for ind in (7, 8)
            for y, k in ((2023, 60), (2024, 90))]
    c = changes(frame(rows))
    assert c.p_value.tolist() == pytest.approx([pooled_p(60, 200, 90, 200)] * 2)
    assert c.p_value.iloc[0] == pytest.approx(0.00195, abs=1e-5)
    assert c.direction.tolist() == ["better", "worse"]  # equal opportunities; discrimination


def test_relative_likelihood_indicator_2_moving_towards_1():
    # White over BME. 2023: White 40/100, BME 20/100, RR 2.0, SE^2 = 1/40-1/100+1/20-1/100
    # = 0.055. 2024: White 40/100, BME 36/100, RR 1.11, SE^2 = 0.03278.
    # z = (ln 1.111 - ln 2) / sqrt(0.08778) = -1.984, p = 0.047: better (closer to 1).
    rows = []
    for y, bme in ((2023, 20), (2024, 36)):
        rows += [row(y, 2, "likelihood", W, 40, 100), row(y, 2, "likelihood", B, bme, 100),
                 row(y, 2, "relative_likelihood", B, value=(40 / 100) / (bme / 100))]
    c = changes(frame(rows))
    rr = one(c, measure="relative_likelihood")
    expected = katz_p((40, 100, 20, 100), (40, 100, 36, 100))
    assert rr.p_value == pytest.approx(expected) and rr.p_value == pytest.approx(0.0473, abs=1e-4)
    assert rr.direction == "better"
    # Likelihoods get a p-value but no direction.
    lk = one(c, measure="likelihood", group=B)
    assert lk.p_value == pytest.approx(pooled_p(20, 100, 36, 100))
    assert lk.direction == "not applicable"


def test_relative_likelihood_indicator_3_is_group_over_white():
    # Cases: BME 10/200 then 30/200; White 20/800 both years. RR 2 -> 6.
    # SE^2: 1/10-1/200+1/20-1/800 = 0.14375; 1/30-1/200+1/20-1/800 = 0.07708;
    # z = ln 3 / sqrt(0.22083) = 2.338, p = 0.0194: worse.
    rows = []
    for y, bme in ((2023, 10), (2024, 30)):
        rows += [row(y, 3, "likelihood", W, 20, 800), row(y, 3, "likelihood", B, bme, 200),
                 row(y, 3, "relative_likelihood_1y", B, value=(bme / 200) / (20 / 800))]
    rr = one(changes(frame(rows)), measure="relative_likelihood_1y")
    assert rr.p_value == pytest.approx(katz_p((10, 200, 20, 800), (30, 200, 20, 800)))
    assert rr.p_value == pytest.approx(0.0194, abs=1e-4)
    assert rr.direction == "worse"


def test_ratio_that_cannot_be_computed_has_no_test():
    # White's likelihood below the ratio is 0 in 2023 (indicator 4: White over BME).
    rows = []
    for y, white in ((2023, 0), (2024, 30)):
        rows += [row(y, 4, "likelihood", W, white, 100), row(y, 4, "likelihood", B, 10, 100),
                 row(y, 4, "relative_likelihood", B, value=None if white == 0 else 3.0)]
    rr = one(changes(frame(rows)), measure="relative_likelihood")
    assert pd.isna(rr.previous) and pd.isna(rr.change) and pd.isna(rr.p_value)
    assert rr.direction == "not computable"


def test_survey_gap_closer_to_zero():
    # White 60/300 (20%) both years; BME 50/200 (25%) then 90/200 (45%): gap 5 -> 25.
    # var = 2 * 0.2*0.8/300 + 0.25*0.75/200 + 0.45*0.55/200 = 0.0032417,
    # z = 0.2 / 0.05694 = 3.513, p = 0.00044: worse.
    rows = []
    for y, bme in ((2023, 50), (2024, 90)):
        rows += [row(y, 5, "percent", W, 60, 300), row(y, 5, "percent", B, bme, 200),
                 row(y, 5, "gap", B, value=100 * (bme / 200 - 0.2))]
    g = one(changes(frame(rows)), measure="gap")
    var = 2 * 0.2 * 0.8 / 300 + 0.25 * 0.75 / 200 + 0.45 * 0.55 / 200
    assert g.change == pytest.approx(20.0)
    assert g.p_value == pytest.approx(two_sided(0.2 / math.sqrt(var)))
    assert g.p_value == pytest.approx(0.00044, abs=1e-5)
    assert g.direction == "worse"


def test_board_difference_closer_to_zero():
    # Voting members: BME 2/10 then 5/10; workforce 150/1000 both years: 5 -> 35 points.
    # var = 0.016 + 0.025 + 2 * 0.1275/1000, z = 0.3 / 0.2031 = 1.477, p = 0.14.
    rows = []
    for y, bme in ((2023, 2), (2024, 5)):
        rows += [row(y, 9, "board_share", B, bme, 10, dimension="board_role", level="Voting"),
                 row(y, 9, "workforce_share", B, 150, 1000),
                 row(y, 9, "difference", B, value=10 * bme - 15.0, dimension="board_role",
                     level="Voting")]
    d = one(changes(frame(rows)), measure="difference")
    var = 0.2 * 0.8 / 10 + 0.5 * 0.5 / 10 + 2 * 0.15 * 0.85 / 1000
    assert d.p_value == pytest.approx(two_sided(0.3 / math.sqrt(var)))
    assert d.direction == "no clear change"
    assert one(changes(frame(rows)), measure="board_share").direction == "not applicable"


def test_shares_have_no_direction():
    rows = [row(y, 1, "share", B, k, 500) for y, k in ((2023, 100), (2024, 150))]
    r = changes(frame(rows)).iloc[0]
    assert r.p_value == pytest.approx(pooled_p(100, 500, 150, 500))
    assert r.direction == "not applicable"


def test_missing_previous_year_gives_no_row():
    rows = [row(2022, 5, "percent", B, 40, 200), row(2024, 5, "percent", B, 70, 200),
            row(2024, 5, "percent", W, 70, 300)]
    c = changes(frame(rows))
    assert c.empty and list(c.columns) == list(CHANGE_COLUMNS)
    assert changes(frame([])).empty


def test_types_and_order():
    rows = [row(y, 5, "percent", g, k, 200) for y in (2023, 2024) for g, k in ((W, 50), (B, 60))]
    c = changes(frame(rows))
    assert c.group.tolist() == [W, B]
    assert str(c.year.dtype) == "int64" and str(c.p_value.dtype) == "Float64"
    assert str(c.direction.dtype).startswith("string")


def test_on_a_suppressed_table_withheld_figures_are_not_computable():
    rows = []
    for y, bme in ((2023, 8), (2024, 30)):
        rows += [row(y, 5, "percent", W, 60, 300), row(y, 5, "percent", B, bme, 100),
                 row(y, 5, "gap", B, value=bme - 20.0)]
    safe = suppress(frame(rows))
    c = changes(safe)
    for m in ("percent", "gap"):
        r = one(c, measure=m, group=B)
        assert pd.isna(r.previous) and pd.isna(r.p_value) and r.direction == "not computable"
    assert one(c, measure="percent", group=W).direction == "no clear change"


def test_computed_in_full_then_masked_by_the_published_table():
    rows = []
    for y, bme in ((2023, 8), (2024, 30)):
        rows += [row(y, 2, "likelihood", W, 40, 100), row(y, 2, "likelihood", B, bme, 100),
                 row(y, 2, "relative_likelihood", B, value=0.4 / (bme / 100))]
    full = frame(rows)
    c = changes(full, published=suppress(full))
    rr = one(c, measure="relative_likelihood")
    assert rr.value == pytest.approx(0.4 / 0.3)  # 2024 is shown
    assert pd.isna(rr.previous) and pd.isna(rr.change) and pd.isna(rr.p_value)
    assert rr.direction == "not computable"
    assert one(c, measure="likelihood", group=B).direction == "not applicable"
    assert pd.isna(one(c, measure="likelihood", group=B).p_value)
    # Unmasked, the same change is tested on every count.
    unmasked = one(changes(full), measure="relative_likelihood")
    assert unmasked.p_value == pytest.approx(katz_p((40, 100, 8, 100), (40, 100, 30, 100)))


def test_better_direction_table():
    assert [better_direction(i, "percent") for i in (5, 6, 7, 8)] == [
        "lower", "lower", "higher", "lower"]
    assert better_direction(2, "relative_likelihood_shortlisted") == "closer_to_1"
    assert better_direction(9, "difference") == better_direction(5, "gap") == "closer_to_0"
    assert better_direction(9, "board_share") is None
    assert better_direction(2, "likelihood") is None


def test_gap_change_p_edge_cases():
    assert math.isnan(gap_change_p(5, 0, 1, 10, 5, 10, 1, 10))  # no one in a base
    assert math.isnan(gap_change_p(11, 10, 1, 10, 5, 10, 1, 10))  # impossible count
    assert gap_change_p(0, 10, 0, 10, 0, 10, 0, 10) == 1.0  # nothing varies, nothing moved
    assert math.isnan(gap_change_p(10, 10, 0, 10, 0, 10, 0, 10))  # moved, but no variance
    out = gap_change_p([30, 30], [100, 100], [20, 20], [100, 100], [45, 30], [100, 100],
                       [20, 20], [100, 100])
    assert out[1] == pytest.approx(1.0)


# --- First-to-last change (since=) -----------------------------------------------------------
def test_first_to_last_relative_likelihood_by_hand():
    # Indicator 3 (BME over White), three years. White: 20 of 1,000 every year. BME: 10 of
    # 400 (2024), 14 of 400 (2025), 22 of 400 (2026). RR 1.25, 1.75, 2.75.
    # 2024 to 2026 (Katz): ln(2.75 / 1.25) = ln 2.2 = 0.78846;
    # var = (1/10 - 1/400 + 1/20 - 1/1000) + (1/22 - 1/400 + 1/20 - 1/1000)
    #     = 0.1465 + 0.0919545 = 0.2384545, SE = 0.488318, z = 1.61464, p = 0.10639.
    rows = []
    for y, bme in ((2024, 10), (2025, 14), (2026, 22)):
        rows += [row(y, 3, "likelihood", W, 20, 1000), row(y, 3, "likelihood", B, bme, 400),
                 row(y, 3, "relative_likelihood", B, value=(bme / 400) / (20 / 1000))]
    c = changes(frame(rows), since=2024)
    assert sorted(c["year"].unique().tolist()) == [2025, 2026]
    rr = one(c, year=2026, measure="relative_likelihood")
    assert (rr.previous, rr.value) == (pytest.approx(1.25), pytest.approx(2.75))
    assert rr.change == pytest.approx(1.5)
    assert rr.p_value == pytest.approx(katz_p((10, 400, 20, 1000), (22, 400, 20, 1000)))
    assert rr.p_value == pytest.approx(0.10639, abs=5e-5)
    assert rr.direction == "no clear change"
    # The likelihood itself: 10 of 400 to 22 of 400, pooled 32/800 = 0.04,
    # SE = sqrt(0.04 * 0.96 * 2/400) = 0.013856, z = 0.03 / 0.013856 = 2.1651, p = 0.03038.
    lk = one(c, year=2026, measure="likelihood", group=B)
    assert lk.p_value == pytest.approx(0.03038, abs=5e-5)
    # Year on year the same table pairs 2025 with 2024 and 2026 with 2025 instead.
    yoy = one(changes(frame(rows)), year=2026, measure="relative_likelihood")
    assert yoy.previous == pytest.approx(1.75)


def test_first_to_last_skips_the_first_year_and_earlier():
    t = frame([row(y, 5, "percent", B, k, 100) for y, k in ((2023, 10), (2024, 20),
                                                              (2025, 30))])
    assert changes(t, since=2024)["year"].tolist() == [2025]
    assert changes(t, since=2025).empty


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), min_size=3, max_size=3),
       st.sampled_from([5, 6, 7, 8]))
def test_first_to_last_is_year_on_year_of_the_two_years(counts, indicator):
    """The change since the first year is the year-on-year change of a table holding only
    the first and that year, the later one renumbered to follow the first."""
    years = (2020, 2021, 2022)
    rows = []
    for y, (kw, kb) in zip(years, counts, strict=True):
        rows += [row(y, indicator, "percent", W, kw, 60), row(y, indicator, "percent", B, kb, 60),
                 row(y, indicator, "gap", B, value=(kb - kw) / 0.6)]
    since = changes(frame(rows), since=2020)
    for later in (2021, 2022):
        two = [dict(r, year=2021) if r["year"] == later else r for r in rows
               if r["year"] in (2020, later)]
        yoy = changes(frame(two))
        got = since[since["year"] == later].drop(columns="year").reset_index(drop=True)
        want = yoy.drop(columns="year").reset_index(drop=True)
        pd.testing.assert_frame_equal(got, want)
