"""The ethnicity pay gap (wres_core.indicators.pay): figures worked by hand, properties, the
input column, suppression and the sample's figures against a golden table."""

from __future__ import annotations

import io
import math
import os
import statistics
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wres_core.api import Engine, Query
from wres_core.dataset import Dataset
from wres_core.indicators.pay import INDICATOR, pay_gaps, quarter_sizes, quartile_counts
from wres_core.loader import load
from wres_core.pay_stats import gap_change_p
from wres_core.readers import Source
from wres_core.schema import BROAD_GROUPS, WRES_GROUPS
from wres_core.stats import Z95

from conftest import SAMPLE

GOLDEN = Path(__file__).parent / "golden" / "sample_pay_by_band.csv"

# ESR ethnic origin codes: A White British, C Any other White, H Indian, N African,
# Z not stated.
HAND = """year,ethnicity,pay_band,staff_group,Hourly Rate
2024,A,Band 5,Nursing and Midwifery Registered,10
2024,A,Band 5,Nursing and Midwifery Registered,12
2024,A,Band 5,Nursing and Midwifery Registered,14
2024,C,Band 6,Nursing and Midwifery Registered,20
2024,H,Band 5,Nursing and Midwifery Registered,9
2024,H,Band 5,Nursing and Midwifery Registered,11
2024,N,Band 6,Nursing and Midwifery Registered,£13.00
2024,N,Band 6,Nursing and Midwifery Registered,
2024,Z,Band 5,Nursing and Midwifery Registered,12
"""


def _load(text: str, name: str = "workforce.csv") -> Dataset:
    return load([Source(name, text.encode())])


def _pick(table: pd.DataFrame, measure: str, group: str = "BME", dimension: str = "overall",
          level: str = "All") -> pd.Series:
    rows = table[(table["indicator"] == INDICATOR) & (table["measure"] == measure)
                 & (table["group"] == group) & (table["dimension"] == dimension)
                 & (table["level"] == level)]
    assert len(rows) == 1, (measure, group, dimension, level, len(rows))
    return rows.iloc[0]


# --- Worked by hand ---------------------------------------------------------------------------

def test_gaps_by_hand_even_and_odd_counts_and_a_blank_pay():
    t = pay_gaps(_load(HAND))
    # White 10, 12, 14, 20 (even: median (12 + 14) / 2 = 13, mean 14); BME 9, 11, 13 (odd:
    # median 11, mean 11); the blank BME pay is left out.
    mean, median = _pick(t, "mean_gap"), _pick(t, "median_gap")
    assert mean["value"] == pytest.approx((14 - 11) / 14 * 100)  # 21.43
    assert median["value"] == pytest.approx((13 - 11) / 13 * 100)  # 15.38
    assert (mean["numerator"], mean["denominator"]) == (4, 3)
    # Mean interval: Welch standard errors, delta method on log(11 / 14).
    se = math.sqrt((statistics.stdev([9, 11, 13]) / math.sqrt(3) / 11) ** 2
                   + (statistics.stdev([10, 12, 14, 20]) / 2 / 14) ** 2)
    r = math.log(11 / 14)
    assert mean["ci_low"] == pytest.approx(100 * (1 - math.exp(r + Z95 * se)))
    assert mean["ci_high"] == pytest.approx(100 * (1 - math.exp(r - Z95 * se)))
    # Median interval: McKean-Schrader, c = round((n + 1) / 2 - z sqrt(n) / 2) = 1 for n = 3
    # and n = 4, so ranks 1 and n: (13 - 9) / 2z and (20 - 10) / 2z.
    se_m = math.sqrt(((13 - 9) / (2 * Z95) / 11) ** 2 + ((20 - 10) / (2 * Z95) / 13) ** 2)
    r_m = math.log(11 / 13)
    assert median["ci_low"] == pytest.approx(100 * (1 - math.exp(r_m + Z95 * se_m)))
    assert median["ci_high"] == pytest.approx(100 * (1 - math.exp(r_m - Z95 * se_m)))
    assert mean["ci_low"] < mean["value"] < mean["ci_high"]


def test_quartiles_by_hand_with_a_tie_across_a_boundary():
    t = pay_gaps(_load(HAND))
    # Eight people with a pay: 9 B, 10 W, 11 B, 12 W, 12 U, 13 B, 14 W, 20 W: two a quarter.
    # The two on 12 (one White, one Unknown) straddle Lower middle / Upper middle: one each.
    expected = {"Lower": (1, 1, 0), "Lower middle": (1, 1, 0), "Upper middle": (0, 1, 1),
                "Upper": (2, 0, 0)}
    for quarter, counts in expected.items():
        for group, k in zip(WRES_GROUPS, counts, strict=True):
            row = _pick(t, "quartile_share", group, "pay_quartile", quarter)
            assert (row["numerator"], row["denominator"]) == (k, 2), (quarter, group)
            assert row["value"] == pytest.approx(50.0 * k)


def test_quarter_sizes_follow_the_gender_pay_gap_guidance():
    # Left over: 1 to Lower; 2 to Lower and Upper middle; 3 to Lower, Lower middle and Upper
    # middle. The Upper quarter never takes one.
    assert quarter_sizes(np.array([4, 5, 6, 7, 8])).tolist() == [
        [1, 1, 1, 1], [2, 1, 1, 1], [2, 1, 2, 1], [2, 2, 2, 1], [2, 2, 2, 2]]


def test_people_on_one_rate_across_a_boundary_are_shared_in_proportion():
    # Ranks 0..7: 5 (U), four on 10 (W, W, B, B) at ranks 1-4, then W on 20, 21, 22. Two a
    # quarter, so the four on 10 sit 1 in Lower, 2 in Lower middle, 1 in Upper middle: half
    # White and half Black in each as far as whole people allow (Lower takes the White one,
    # the first group, on a tie of remainders; Lower middle one of each; Upper middle Black).
    group = np.array([2, 0, 0, 1, 1, 0, 0, 0])  # 0 White, 1 BME, 2 Unknown
    pay = np.array([5, 10, 10, 10, 10, 20, 21, 22], dtype=float)
    got = quartile_counts(np.zeros(8, dtype=np.int64), group, pay, 1, 3)[0]
    assert got.tolist() == [[1, 0, 1], [1, 1, 0], [1, 1, 0], [2, 0, 0]]
    # Order of the rows does not matter.
    order = np.array([7, 3, 0, 5, 1, 6, 4, 2])
    again = quartile_counts(np.zeros(8, dtype=np.int64), group[order], pay[order], 1, 3)[0]
    assert again.tolist() == got.tolist()


def test_the_pay_column_findings_name_the_rows_and_the_column():
    text = HAND.replace("2024,H,Band 5,Nursing and Midwifery Registered,9\n",
                        "2024,H,Band 5,Nursing and Midwifery Registered,nine\n").replace(
        "2024,A,Band 5,Nursing and Midwifery Registered,10\n",
        "2024,A,Band 5,Nursing and Midwifery Registered,-10\n")
    data = _load(text)
    found = {f.code: f for f in data.findings}
    assert found["bad_hourly_pay"].column == "Hourly Rate"
    assert found["bad_hourly_pay"].row == 6 and "row 6" in found["bad_hourly_pay"].message
    assert "'nine'" in found["bad_hourly_pay"].message
    assert found["negative_hourly_pay"].row == 2
    assert found["negative_hourly_pay"].hint
    assert "1 row(s) have a blank or zero" in found["no_hourly_pay"].message
    # Everyone still counts in the workforce; only the pay figures leave them out.
    assert len(data.frames["workforce"]) == 9
    t = pay_gaps(data)
    assert _pick(t, "mean_gap")["denominator"] == 2 and _pick(t, "mean_gap")["numerator"] == 3


@pytest.mark.parametrize("header", ["Hourly Rate", "Basic Hourly Rate", "Hourly Pay",
                                    "Hourly pay rate", "hourly_pay"])
def test_aliases(header):
    data = _load(HAND.replace("Hourly Rate", header))
    assert "hourly_pay" in data.frames["workforce"].columns


def test_no_pay_column_gives_no_pay_rows():
    text = "\n".join(line.rsplit(",", 1)[0] for line in HAND.splitlines())
    assert pay_gaps(_load(text)).empty


def test_groups_levels_and_the_white_british_reference():
    data = _load(HAND)
    broad = pay_gaps(data, groups="broad")
    # Each broad group present against White; Unknown and White itself have no gap.
    assert set(broad.loc[broad["measure"] == "mean_gap", "group"]) == {"Asian", "Black"}
    asian = _pick(broad, "mean_gap", "Asian")
    assert asian["value"] == pytest.approx((14 - 10) / 14 * 100)  # Indian 9 and 11
    cats = pay_gaps(data, groups="category")
    other_white = _pick(cats, "mean_gap", "White - Any other White background")
    assert other_white["value"] == pytest.approx((14 - 20) / 14 * 100)
    british = pay_gaps(data, reference="White British")
    row = _pick(british, "mean_gap")
    assert row["value"] == pytest.approx((12 - 11) / 12 * 100)  # White British 10, 12, 14
    assert row["numerator"] == 3 and "against White British staff" in row["note"]
    cats_b = pay_gaps(data, groups="category", reference="White British")
    assert "White - British" not in set(cats_b.loc[cats_b["measure"] == "mean_gap", "group"])
    assert _pick(cats_b, "mean_gap", "White - Any other White background")["value"] == \
        pytest.approx((12 - 20) / 12 * 100)


def test_a_drill_down_gives_each_level_its_gaps_and_its_own_quarters():
    t = pay_gaps(_load(HAND), by="pay_band")
    # Band 5: White 10, 12, 14; BME 9, 11.
    assert _pick(t, "mean_gap", "BME", "pay_band", "Band 5")["value"] == pytest.approx(
        (12 - 10) / 12 * 100)
    # Band 6: White 20; BME 13 (the blank one is out).
    assert _pick(t, "median_gap", "BME", "pay_band", "Band 6")["value"] == pytest.approx(
        (20 - 13) / 20 * 100)
    # Quarters stay organisation-wide: a drill-down adds no quarter rows of its own.
    q = t[t["measure"] == "quartile_share"]
    assert set(q["dimension"]) == {"pay_quartile", "overall"}


# --- Properties -------------------------------------------------------------------------------

CATEGORIES = ("White - British", "White - Irish", "Asian or Asian British - Indian",
              "Black or Black British - African", "Unknown")
BROAD = {"White - British": "White", "White - Irish": "White",
         "Asian or Asian British - Indian": "Asian",
         "Black or Black British - African": "Black", "Unknown": "Unknown"}
WRES = {"White": "White", "Asian": "BME", "Black": "BME", "Unknown": "Unknown"}


def _frame(people: list[tuple[int, int, float, int]]) -> Dataset:
    cat = [CATEGORIES[c] for _, c, _, _ in people]
    broad = [BROAD[c] for c in cat]
    return Dataset(frames={"workforce": pd.DataFrame({
        "year": np.array([y for y, _, _, _ in people], dtype=np.int64),
        "org": "",
        "count": np.ones(len(people), dtype=np.int64),
        "ethnic_category": pd.Categorical(cat, categories=CATEGORIES),
        "broad_group": pd.Categorical(broad, categories=BROAD_GROUPS),
        "wres_group": pd.Categorical([WRES[b] for b in broad], categories=WRES_GROUPS),
        "pay_band": pd.Categorical([f"Band {5 + b}" for _, _, _, b in people]),
        "hourly_pay": np.array([p for _, _, p, _ in people], dtype=float),
    })})


people = st.lists(st.tuples(st.sampled_from([2024, 2025]), st.integers(0, 4),
                            st.sampled_from([9.5, 11.25, 12.0, 14.75, 20.0, 31.5]),
                            st.integers(0, 1)), min_size=1, max_size=40)


def _sorted(t: pd.DataFrame) -> pd.DataFrame:
    key = ["year", "measure", "group", "dimension", "level"]
    return t.sort_values(key).reset_index(drop=True)


@settings(max_examples=60, deadline=None)
@given(people, st.randoms(use_true_random=False), st.sampled_from(["wres", "broad", "category"]))
def test_row_order_does_not_change_any_figure(rows, rnd, groups):
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    a = pay_gaps(_frame(rows), groups=groups, by="pay_band")
    b = pay_gaps(_frame(shuffled), groups=groups, by="pay_band")
    pd.testing.assert_frame_equal(_sorted(a), _sorted(b), check_exact=False, rtol=1e-9)


@settings(max_examples=60, deadline=None)
@given(people, st.sampled_from([0.5, 3.0, 7.25, 100.0]))
def test_scaling_every_pay_leaves_every_figure_unchanged(rows, k):
    a = pay_gaps(_frame(rows), groups="category", by="pay_band")
    b = pay_gaps(_frame([(y, c, p * k, band) for y, c, p, band in rows]), groups="category",
                 by="pay_band")
    pd.testing.assert_frame_equal(_sorted(a), _sorted(b), check_exact=False, rtol=1e-9,
                                  atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(people, st.sampled_from([9.5, 12.0, 40.0]))
def test_a_group_paid_the_same_as_white_staff_has_gap_zero(rows, pay):
    t = pay_gaps(_frame([(y, c, pay, band) for y, c, _, band in rows]), groups="category")
    gaps = t[t["measure"].isin(["mean_gap", "median_gap"])]
    shown = gaps["value"].dropna()
    assert (shown.abs() < 1e-9).all()
    # Wherever both a group and White staff have a pay, the gap is there (and zero).
    has_both = (gaps["numerator"] > 0) & (gaps["denominator"] > 0)
    assert gaps.loc[has_both, "value"].notna().all()


@settings(max_examples=60, deadline=None)
@given(people)
def test_quartile_shares_add_up_and_cover_everyone(rows):
    t = pay_gaps(_frame(rows), groups="broad")
    q = t[t["measure"] == "quartile_share"]
    for _key, cell in q.groupby(["year", "level"]):
        assert cell["numerator"].sum() == cell["denominator"].iloc[0]
    quarters, whole = q[q["dimension"] == "pay_quartile"], q[q["dimension"] == "overall"]
    assert (whole["level"] == "All").all()
    per_year = quarters.groupby("year")["numerator"].sum()
    for year, n in per_year.items():
        assert n == sum(1 for y, _, _, _ in rows if y == year)
    # Each group's quarters add up to its All row (publication-safe mode relies on it).
    summed = quarters.groupby(["year", "group"])["numerator"].sum()
    for _, r in whole.iterrows():
        assert summed[(r["year"], r["group"])] == r["numerator"]


# --- Through the engine: suppression, caution, trends ----------------------------------------

def test_publication_safe_withholds_a_gap_from_a_small_group_and_caution_marks_it():
    data = _load(HAND)
    safe = Engine(data).results(Query())
    mean = _pick(safe, "mean_gap")
    assert bool(mean["suppressed"]) and pd.isna(mean["value"]) and pd.isna(mean["denominator"])
    raw = Engine(data).unsuppressed(Query())
    assert bool(_pick(raw, "mean_gap")["caution"])
    q = safe[(safe["indicator"] == INDICATOR) & (safe["measure"] == "quartile_share")]
    # Every quarter count is under 10: each from 1 to 9 is withheld; a 0 may be shown (it
    # is not a small count of people, and the policy shows zeros), never a 1 to 9.
    shown = q[~q["suppressed"].astype(bool)]
    assert len(q) == 15 and len(shown) >= 1
    assert (shown["numerator"] == 0).all() and (shown["value"] == 0).all()
    assert shown["denominator"].isna().all()  # the quarter's size (under 10) stays withheld


def test_change_test_across_years():
    # The same pay in two years: no change. A widened gap with many people: a change.
    same = gap_change_p(10.0, 5.0, 15.0, 10.0, 5.0, 15.0)
    assert same == pytest.approx(1.0)
    assert gap_change_p(2.0, 1.0, 3.0, 12.0, 11.0, 13.0) < 0.001
    lines = ["year,ethnicity,pay_band,staff_group,Hourly Rate"]
    for year, bme_pay in ((2024, 15), (2025, 12)):
        lines += [f"{year},A,Band 5,Nursing and Midwifery Registered,{15 + i % 3}"
                  for i in range(60)]
        lines += [f"{year},H,Band 5,Nursing and Midwifery Registered,{bme_pay + i % 3}"
                  for i in range(60)]
    changes = Engine(_load("\n".join(lines) + "\n")).changes(Query())
    row = changes[(changes["indicator"] == INDICATOR) & (changes["measure"] == "mean_gap")]
    assert len(row) == 1
    assert row.iloc[0]["direction"] == "worse"
    # White 15, 16, 17 (mean 16) both years; BME mean 16, then 13: 0% then 3 / 16 = 18.75%.
    assert row.iloc[0]["change"] == pytest.approx((16 - 13) / 16 * 100)


# --- The sample -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_inputs([SAMPLE])


def test_sample_headline_gap_checked_from_the_file(engine):
    w = pd.read_csv(SAMPLE / "workforce_2026.csv", dtype=str, keep_default_na=False)
    pay = pd.to_numeric(w["Hourly Rate"], errors="coerce")
    code = w["Ethnic Origin"].str[0]
    white = pay[code.isin(["A", "B", "C"]) & pay.gt(0)]
    bme = pay[code.isin(list("DEFGHJKLMNPRS")) & pay.gt(0)]
    t = engine.unsuppressed(Query())
    row = _pick(t[t["year"] == 2026], "mean_gap")
    assert row["value"] == pytest.approx((white.mean() - bme.mean()) / white.mean() * 100)
    assert (row["numerator"], row["denominator"]) == (len(white), len(bme))
    median = _pick(t[t["year"] == 2026], "median_gap")
    assert median["value"] == pytest.approx(
        (white.median() - bme.median()) / white.median() * 100)


def test_sample_pay_figures_match_golden(engine):
    table = engine.results(Query(by="pay_band"))
    table = table[table["indicator"] == INDICATOR]
    got = table.to_csv(index=False, lineterminator="\n", float_format="%.10g")
    if os.environ.get("WRES_UPDATE_GOLDEN"):
        GOLDEN.write_text(got, encoding="utf-8")
    expected = pd.read_csv(GOLDEN, keep_default_na=False)
    actual = pd.read_csv(io.StringIO(got), keep_default_na=False)
    assert len(actual) == len(expected)
    pd.testing.assert_frame_equal(actual, expected, check_exact=False, rtol=1e-9)


# --- The workbook -----------------------------------------------------------------------------

def test_workbook_pay_sheet_holds_the_results_figures(engine):
    import openpyxl

    from wres_core.exports.report import Report
    from wres_core.exports.workbook import build_workbook

    report = Report(engine, Query())
    built = build_workbook(report)
    wb = openpyxl.load_workbook(io.BytesIO(built.to_bytes()))
    assert wb.sheetnames.index("Pay gap") == wb.sheetnames.index("Results") - 1
    ws = wb["Pay gap"]
    tables = pd.concat([engine.results(Query(groups=g, by=b)) for g, b in
                        (("wres", None), ("wres", "pay_band"), ("broad", None))])
    index = {tuple(r[c] for c in ("year", "indicator", "measure", "group", "dimension",
                                  "level")): r for _, r in tables.iterrows()}
    checked = withheld = 0
    for (sheet, coord), key in built.cells.items():
        if sheet != "Pay gap":
            continue
        rec = index[key[:6]]
        got = ws[coord].value
        want = rec[key[6]]
        if pd.isna(want):
            assert got in ("withheld", "not available", None), (coord, key, got)
            withheld += got == "withheld"
        else:
            assert got == pytest.approx(float(want)), (coord, key)
            checked += 1
    assert checked > 100 and withheld > 10
    # The headline: 2026's median gap of BME staff, on the row after "Median gap".
    labels = [c.value for c in ws["A"]]
    assert "BME staff against White staff" in labels and "Lower middle" in labels


@settings(max_examples=60, deadline=None)
@given(people)
def test_quarter_counts_agree_across_group_levels(rows):
    data = _frame(rows)
    levels = {g: pay_gaps(data, groups=g) for g in ("wres", "broad", "category")}
    counts = {}
    for g, t in levels.items():
        q = t[t["measure"] == "quartile_share"]
        counts[g] = {(int(r["year"]), r["level"], r["group"]): int(r["numerator"])
                     for _, r in q.iterrows()}
    for (year, quarter, group), k in counts["wres"].items():
        if group == "BME":
            parts = [counts["broad"].get((year, quarter, b), 0) for b in ("Asian", "Black")]
        else:
            parts = [counts["broad"].get((year, quarter, group), 0)]
        assert sum(parts) == k, (year, quarter, group)
    for (year, quarter, group), k in counts["broad"].items():
        cats = [c for c in CATEGORIES if BROAD[c] == group]
        assert sum(counts["category"].get((year, quarter, c), 0) for c in cats) == k


def test_evidence_pack_has_a_pay_gap_section(engine):
    from dashboard import pack
    from wres_core.exports.report import Report

    report = Report(engine, Query())
    page = pack.pack_html(report)
    assert 'href="#pay-gap"' in page and '<section id="pay-gap"' in page
    section = page[page.index('<section id="pay-gap"'):page.index('<section id="caveats"')]
    for what in ("Pay gap of BME staff, 2024 to 2026", "within each pay band",
                 "Staff in each pay quarter"):
        assert what in section
    t = engine.results(Query())
    row = _pick(t[t["year"] == 2026], "median_gap")
    assert f"{float(row['value']):.1f}%" in section


def test_a_withheld_quarter_count_cannot_be_had_by_subtraction(engine):
    # Each group's quarters add up to its All row: never exactly one of the five withheld.
    t = engine.results(Query(groups="category"))
    q = t[(t["indicator"] == INDICATOR) & (t["measure"] == "quartile_share")]
    assert q["suppressed"].any()
    for (_, _), rows in q.groupby(["year", "group"]):
        assert len(rows) == 5
        assert rows["numerator"].isna().sum() != 1, rows


# --- The command line and the labels ----------------------------------------------------------

def _cli_pay_rows(capsys, *extra: str) -> pd.DataFrame:
    from wres_core.cli import main

    assert main(["indicators", str(SAMPLE), "--year", "2026", "--suppress", "0", "--format",
                 "csv", *extra]) == 0
    t = pd.read_csv(io.StringIO(capsys.readouterr().out), keep_default_na=False)
    return t[t["indicator"] == INDICATOR]


def test_cli_pay_reference_compares_with_white_british_and_says_so(capsys, engine):
    default = _cli_pay_rows(capsys)
    british = _cli_pay_rows(capsys, "--pay-reference", "white_british")
    assert _cli_pay_rows(capsys, "--pay-reference", "white").equals(default)
    gaps = ("mean_gap", "median_gap")
    assert not default[default["measure"].isin(gaps)]["note"].str.contains("White British").any()
    assert british[british["measure"].isin(gaps)]["note"].str.contains(
        "against White British staff").all()
    # The same figures as the core's Query gives, and not those against all White staff.
    core = engine.results(Query(years=(2026,), suppress=0, pay_reference="White British"))
    want = float(_pick(core, "mean_gap")["value"])
    assert float(_pick(british, "mean_gap")["value"]) == pytest.approx(want, rel=1e-9)
    assert float(_pick(default, "mean_gap")["value"]) != pytest.approx(want, rel=1e-6)


def test_cli_pay_reference_refuses_anything_else(capsys):
    from wres_core.cli import PAY_REFERENCES, main
    from wres_core.indicators.pay import REFERENCES

    assert sorted(PAY_REFERENCES.values()) == sorted(REFERENCES)
    assert main(["indicators", str(SAMPLE), "--pay-reference", "british"]) == 2
    assert "--pay-reference" in capsys.readouterr().err


def test_report_workbook_takes_the_pay_reference(tmp_path):
    import openpyxl

    from wres_core.cli import main

    found = {}
    for word in ("white", "white_british"):
        out = tmp_path / f"{word}.xlsx"
        assert main(["report", str(SAMPLE), "--out", str(out), "--pay-reference", word]) == 0
        wb = openpyxl.load_workbook(out, read_only=True)
        found[word] = any("against White British staff" in str(v)
                          for ws in wb for row in ws.iter_rows(values_only=True) for v in row
                          if v is not None)
    assert found == {"white": False, "white_british": True}


def test_tables_name_the_pay_gap_not_its_number():
    from dashboard.tables import figures_table
    from wres_core.results_text import rows_text

    rows = pd.DataFrame({"year": [2026, 2026], "indicator": [1, INDICATOR],
                         "measure": ["share", "mean_gap"], "group": ["BME", "BME"],
                         "dimension": ["overall", "overall"], "level": ["All", "All"],
                         "numerator": [10.0, 40.0], "denominator": [50.0, 10.0],
                         "value": [20.0, 5.0], "ci_low": [11.0, 1.0], "ci_high": [33.0, 9.0],
                         "note": ["", ""]})
    assert figures_table(rows)["Indicator"].tolist() == ["1", "Pay gap"]
    assert [r["Ind"] for r in rows_text(rows)] == ["1", "Pay gap"]
