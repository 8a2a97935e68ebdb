"""Caution marks and publication-safe mode (wres_core.disclosure).

Tables are built by hand with ``wres_core.results.frame``; every expected outcome below was
worked out by hand from the counts in the test. The property tests check the outcome with an
attacker written here (plain row and column sums), independent of the module's own audit.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wres_core.disclosure import (
    EVERY_COUNT,
    apply_caution,
    caution_note,
    recoverable_counts,
    sources,
    withheld_note,
)
from wres_core.disclosure import suppress as suppress_as_published
from wres_core.results import frame
from wres_core.schema import RESULT_COLUMNS, RESULT_KEY

W, B, U = "White", "BME", "Unknown"


def suppress(table, **kwargs):
    """The mechanics of suppression, worked by hand with every count from 1 to 9 protected
    (Unknown's, totals' and the board's too: ``EVERY_COUNT``), so that a small Unknown
    count exercises them like any other. The published rule (``PEOPLE``) is tested in
    test_disclosure_policy.py."""
    return suppress_as_published(table, policy=kwargs.pop("policy", EVERY_COUNT), **kwargs)
Other = "Mixed"
WITHHELD = withheld_note(10)
SURVEY_WITHHELD = withheld_note(10, 11, survey=True)


def row(indicator, measure, group, numerator=None, denominator=None, *, year=2024,
        dimension="overall", level="All", value=None, note=""):
    if value is None and numerator is not None and denominator:
        scale = 100.0 if measure in ("share", "percent", "board_share", "workforce_share") else 1
        value = scale * numerator / denominator
    return {"year": year, "indicator": indicator, "measure": measure, "group": group,
            "dimension": dimension, "level": level, "numerator": numerator,
            "denominator": denominator, "value": value, "note": note}


def shares(cells, *, year=2024, dimension="overall", indicator=1, measure="share", note=""):
    """Share rows for {level: {group: count}} (denominator = the level's total)."""
    out = []
    for level, counts in cells.items():
        total = sum(counts.values())
        for g, k in counts.items():
            out.append(row(indicator, measure, g, k, total, year=year, dimension=dimension,
                           level=level, note=note))
    return out


def banded(bands, *, year=2024):
    """Indicator 1 over pay bands, with the overall row as the sum of the bands."""
    groups = list(next(iter(bands.values())))
    overall = {g: sum(c[g] for c in bands.values()) for g in groups}
    return shares({"All": overall}, year=year) + shares(bands, year=year, dimension="pay_band")


def cell(t, column="numerator", **key):
    sel = pd.Series(True, index=t.index)
    for k, v in key.items():
        sel &= t[k] == v
    assert sel.sum() == 1, key
    return t.loc[sel, column].iloc[0]


def is_na(x) -> bool:
    return x is pd.NA or (isinstance(x, float) and math.isnan(x))


def check_published(original: pd.DataFrame, published: pd.DataFrame, threshold=10):
    """What every publication-safe table must satisfy."""
    assert list(published.columns) == list(RESULT_COLUMNS)
    assert len(published) == len(original)
    pd.testing.assert_frame_equal(published[list(RESULT_KEY)], original[list(RESULT_KEY)])
    for col in ("numerator", "denominator", "value", "ci_low", "ci_high"):
        shown = published[col].notna()
        assert (published.loc[shown, col] == original.loc[shown, col]).all(), col
    counts = pd.concat([published["numerator"], published["denominator"]]).dropna()
    assert not ((counts > 0) & (counts < threshold)).any()
    # A withheld count takes its figure with it.
    gone = published["numerator"].isna() & original["numerator"].notna()
    gone |= published["denominator"].isna() & original["denominator"].notna()
    # ... except a share of 0% or 100%, which shown zeros give anyway (the base withheld);
    # its interval, which would tell the base, goes.
    implied = published["measure"].isin(["share", "board_share", "workforce_share"]) & (
        published["numerator"].isin([0]) | original["value"].isin([100.0]))
    assert published.loc[gone & ~implied, "value"].isna().all()
    assert published.loc[gone & ~implied, "suppressed"].all()
    assert published.loc[gone, ["ci_low", "ci_high"]].isna().all().all()
    assert recoverable_counts(published, original) == []


# --------------------------------------------------------------------------- primary


@pytest.mark.parametrize("k", range(0, 13))
def test_primary_withholds_counts_1_to_9_and_shows_0_and_10_up(k):
    # Likelihoods of indicator 2: no total of the groups is shown, so only primary applies.
    t = frame([row(2, "likelihood", W, 40, 100), row(2, "likelihood", B, k, 60)])
    out = suppress(t)
    bme = out[out.group == B].iloc[0]
    if 1 <= k <= 9:
        assert is_na(bme.numerator) and is_na(bme.value) and is_na(bme.ci_low)
        assert bool(bme.suppressed) and WITHHELD in bme.note
    else:
        assert bme.numerator == k and bme.value == pytest.approx(k / 60)
        assert not bool(bme.suppressed) and bme.note == ""
    assert bme.denominator == 60  # the base of 60 is safe to show
    assert out[out.group == W].iloc[0].numerator == 40
    check_published(t, out)


def test_small_denominator_withholds_both_counts_and_the_figure():
    t = frame([row(2, "likelihood", W, 40, 100), row(2, "likelihood", B, 3, 7),
               row(2, "likelihood", U, 0, 6)])
    out = suppress(t)
    assert is_na(cell(out, group=B)) and is_na(cell(out, "denominator", group=B))
    # Zero is shown; its denominator of 6 is not, so the likelihood 0/6 is withheld too.
    assert cell(out, group=U) == 0 and is_na(cell(out, "denominator", group=U))
    assert is_na(cell(out, "value", group=U))
    check_published(t, out)


def test_ratio_withheld_with_its_likelihoods_but_not_for_unknown():
    t = frame([
        row(2, "likelihood", W, 40, 100), row(2, "likelihood", B, 4, 50),
        row(2, "likelihood", U, 2, 30), row(2, "relative_likelihood", B, value=4.0),
        row(4, "likelihood", W, 60, 100), row(4, "likelihood", B, 30, 50),
        row(4, "likelihood", U, 3, 30), row(4, "relative_likelihood", B, value=1.0),
    ])
    out = suppress(t)
    assert is_na(cell(out, "value", indicator=2, measure="relative_likelihood"))
    assert bool(cell(out, "suppressed", indicator=2, measure="relative_likelihood"))
    # Unknown enters no ratio: indicator 4's ratio stays although Unknown's 3 is withheld.
    assert cell(out, "value", indicator=4, measure="relative_likelihood") == 1.0
    assert is_na(cell(out, indicator=4, measure="likelihood", group=U))
    check_published(t, out)


def test_small_white_count_withholds_every_ratio_against_white():
    t = frame([
        row(3, "likelihood", W, 5, 300), row(3, "likelihood", "Asian", 12, 80),
        row(3, "likelihood", "Black", 15, 90),
        row(3, "relative_likelihood_1y", "Asian", value=9.0),
        row(3, "relative_likelihood_1y", "Black", value=10.0),
    ])
    out = suppress(t)
    rr = out[out.measure == "relative_likelihood_1y"]
    assert rr.value.isna().all() and rr.suppressed.all()
    assert cell(out, group="Asian", measure="likelihood") == 12  # its own counts are fine
    check_published(t, out)


def test_gap_and_difference_withheld_with_their_percents():
    t = frame([
        row(5, "percent", W, 60, 300, note="NHS Staff Survey 2023"),
        row(5, "percent", B, 7, 40, note="NHS Staff Survey 2023"),
        row(5, "gap", B, value=-2.5, note="NHS Staff Survey 2023"),
        *shares({"All": {W: 9, B: 3, U: 0}}, dimension="board_role", indicator=9,
                measure="board_share"),
        *shares({"All": {W: 800, B: 150, U: 50}}, indicator=9, measure="workforce_share"),
        row(9, "difference", B, dimension="board_role", value=10.0),
        row(9, "difference", U, dimension="board_role", value=-5.0),
    ])
    out = suppress(t)
    assert is_na(cell(out, "value", measure="gap"))
    assert cell(out, "note", measure="gap") == f"NHS Staff Survey 2023; {SURVEY_WITHHELD}"
    assert is_na(cell(out, "value", measure="difference", group=B))
    # Nobody of unknown ethnicity on the board: 0 is shown, and so is its difference.
    assert cell(out, "value", measure="difference", group=U) == -5.0
    assert out[out.measure == "workforce_share"].value.notna().all()
    check_published(t, out)


def test_survey_percent_from_fewer_than_11_responses_is_withheld_whatever_the_numerator():
    t = frame([
        row(7, "percent", W, 0, 10), row(7, "percent", B, 10, 10),
        row(7, "percent", U, 0, 11), row(2, "likelihood", W, 0, 10),
    ])
    out = suppress(t)
    for g in (W, B):
        r = out[(out.indicator == 7) & (out.group == g)].iloc[0]
        assert is_na(r.numerator) and is_na(r.denominator) and is_na(r.value)
        assert SURVEY_WITHHELD in r.note
    assert cell(out, "value", indicator=7, group=U) == 0.0  # 11 responses: shown
    assert cell(out, "value", indicator=2, group=W) == 0.0  # not a survey figure
    check_published(t, out)
    # survey_min 0 turns only the survey rule off (and its wording).
    relaxed = suppress(t, survey_min=0)
    assert cell(relaxed, "value", indicator=7, group=B) == 100.0
    assert cell(suppress(frame([row(7, "percent", B, 3, 40)]), survey_min=0), "note",
                group=B) == WITHHELD


# --------------------------------------------------------------------------- secondary


def test_one_small_group_in_a_row_takes_the_next_smallest_with_it():
    t = frame(shares({"All": {W: 40, Other: 15, U: 5}}))
    out = suppress(t)
    assert cell(out, group=W) == 40 and cell(out, "denominator", group=W) == 60
    assert is_na(cell(out, group=Other)) and is_na(cell(out, group=U))  # 60 - 40 - 15 = 5
    assert is_na(cell(out, "value", group=Other))
    assert out.suppressed.tolist() == [False, True, True]
    check_published(t, out)


def test_a_bme_count_is_kept_on_show_where_another_cell_can_protect():
    t = frame(shares({"All": {W: 40, B: 15, U: 5}}))
    out = suppress(t)
    assert cell(out, group=B) == 15 and cell(out, "value", group=B) == 25
    assert is_na(cell(out, group=W)) and is_na(cell(out, group=U))
    check_published(t, out)


def test_zero_is_not_a_second_cell():
    # 60 = 55 + 5 + 0: the zero cannot protect the 5, so the 55 goes.
    t = frame(shares({"All": {W: 55, B: 5, U: 0}}))
    out = suppress(t)
    assert is_na(cell(out, group=W)) and cell(out, group=U) == 0
    assert cell(out, "denominator", group=U) == 60
    check_published(t, out)


def test_bands_adding_up_to_overall_protect_across_levels():
    bands = {"Band 5": {W: 50, B: 20, U: 12}, "Band 6": {W: 40, B: 14, U: 11},
             "Band 7": {W: 30, B: 3, U: 10}}
    t = frame(banded(bands))
    out = suppress(t)
    bme = out[(out.dimension == "pay_band") & (out.group == B)]
    # Band 7 BME (3) is withheld, and so is Band 7 Unknown (row); then the BME column
    # (20 + 14 + 3 = 37 shown overall) needs a second cell: the next smallest, Band 6's 14;
    # and the Unknown column (12 + 11 + 10 = 33) needs Band 6's 11.
    assert bme.numerator.isna().tolist() == [False, True, True]
    unk = out[(out.dimension == "pay_band") & (out.group == U)]
    assert unk.numerator.isna().tolist() == [False, True, True]
    assert cell(out, dimension="overall", group=B) == 37  # the totals stay
    check_published(t, out)


def test_a_dimension_that_does_not_add_up_gives_no_secondary_across_levels():
    # Two staff have no department, so departments do not add up to the whole.
    overall = {"All": {W: 93, B: 38, U: 23}}  # departments: 92 White, 37 BME
    depts = {"Estates": {W: 50, B: 20, U: 12}, "Surgery": {W: 40, B: 15, U: 11}}
    t = frame(shares(overall) + shares(depts, dimension="department")
              + shares({"Pharmacy": {W: 2, B: 2, U: 0}}, dimension="department"))
    out = suppress(t)
    dept = out[out.dimension == "department"]
    # Pharmacy's small counts go; no further department is touched.
    assert dept[dept.level != "Pharmacy"].numerator.notna().all()
    assert dept[dept.level == "Pharmacy"].numerator.isna().tolist() == [True, True, False]
    check_published(t, out)


def test_iterates_to_a_fixed_point():
    # Band 8d: BME 1 and Unknown 1 are withheld; their 2 = 42 - 40 gives both away (each is
    # at least 1, zeros being shown), so White 40 goes. The White column then has one
    # withheld cell, so Band 6's White 30 goes; Band 6's row then has one, so its
    # Unknown 12 goes. Band 6 had no small count at all. (A non-BME group, so that the
    # preference for keeping BME counts on show does not change the path.)
    B = Other  # noqa: N806
    bands = {"Band 5": {W: 40, B: 15, U: 5}, "Band 6": {W: 30, B: 20, U: 12},
             "Band 8d": {W: 40, B: 1, U: 1}}
    t = frame(banded(bands))
    out = suppress(t)
    band = out[out.dimension == "pay_band"]
    shown = {(r.level, r.group): not is_na(r.numerator) for r in band.itertuples()}
    assert shown == {
        ("Band 5", W): True, ("Band 5", B): False, ("Band 5", U): False,
        ("Band 6", W): False, ("Band 6", B): True, ("Band 6", U): False,
        ("Band 8d", W): False, ("Band 8d", B): False, ("Band 8d", U): False,
    }
    check_published(t, out)
    # Running it again changes nothing.
    pd.testing.assert_frame_equal(suppress(out), out)


def test_two_ones_are_not_safe_together():
    t = frame(shares({"All": {W: 40, B: 1, U: 1}}))
    out = suppress(t)
    assert out.numerator.isna().all()  # 42 - 40 = 2 = 1 + 1 would give both away
    assert out.denominator.notna().all()
    check_published(t, out)


def test_senior_medical_manager_is_left_out_of_the_band_sums():
    note = "of which row: included in Consultant"
    bands = {"Consultant": {W: 30, B: 20, U: 10}, "Band 5": {W: 50, B: 4, U: 12}}
    t = frame(banded(bands) + shares({"Senior medical manager": {W: 12, B: 0, U: 0}},
                                     dimension="pay_band", note=note))
    out = suppress(t)
    # Band 5 BME 4 and (row) Unknown 12 go; BME column 20 + 4 = 24 needs Consultant's 20,
    # Unknown 10 + 12 = 22 needs Consultant's 10; the of which row is untouched.
    smm = out[out.level == "Senior medical manager"]
    assert smm.numerator.tolist() == [12, 0, 0]
    assert is_na(cell(out, level="Consultant", group=B))
    check_published(t, out)


def clinical_table(cross):
    """overall, clinical, pay_band and clinical_pay_band rows from the crossed cells
    {(clinical, band): {group: count}}."""
    groups = list(next(iter(cross.values())))
    bands = list(dict.fromkeys(b for _, b in cross))

    def add(keys):
        return {g: sum(cross[k][g] for k in keys) for g in groups}

    rows = shares({"All": add(cross)})
    rows += shares({c: add([k for k in cross if k[0] == c]) for c in ("Non-clinical", "Clinical")
                    if any(k[0] == c for k in cross)}, dimension="clinical")
    rows += shares({b: add([k for k in cross if k[1] == b]) for b in bands},
                   dimension="pay_band")
    rows += shares({f"{c}: {b}": v for (c, b), v in cross.items()},
                   dimension="clinical_pay_band")
    return rows


def test_clinical_bands_add_up_to_bands_and_to_clinical():
    t = frame(clinical_table({
        ("Clinical", "Band 5"): {W: 30, B: 12, U: 10},
        ("Non-clinical", "Band 5"): {W: 20, B: 4, U: 11},
        ("Clinical", "Band 6"): {W: 25, B: 11, U: 10},
        ("Non-clinical", "Band 6"): {W: 22, B: 13, U: 12},
    }))
    out = suppress(t)
    cpb = out[out.dimension == "clinical_pay_band"]
    bme = dict(zip(cpb[cpb.group == B].level, cpb[cpb.group == B].numerator, strict=True))
    # The 4 is withheld. Its clinical_pay_band column (12 + 4 + 11 + 13 = 40 overall) takes
    # the smallest other, 11 (Clinical: Band 6); but pay_band Band 5's 16 = 12 + 4 and
    # clinical Non-clinical's 17 = 4 + 13 need the 12 and the 13 to go as well.
    assert all(is_na(bme[lvl]) for lvl in ("Non-clinical: Band 5", "Clinical: Band 5",
                                           "Non-clinical: Band 6"))
    assert cell(out, dimension="pay_band", level="Band 5", group=B) == 16
    check_published(t, out)
    assert _attack(out, 10) == []


# Indicator 1 of the bundled sample, 2026: staff per (clinical, band) and group.
SAMPLE_2026 = {
    ("Non-clinical", "Band 2"): (243, 68, 11), ("Non-clinical", "Band 3"): (391, 38, 12),
    ("Non-clinical", "Band 4"): (260, 36, 8), ("Non-clinical", "Band 5"): (113, 34, 3),
    ("Non-clinical", "Band 6"): (84, 27, 5), ("Non-clinical", "Band 7"): (58, 12, 3),
    ("Non-clinical", "Band 8a"): (43, 3, 1), ("Non-clinical", "Band 8b"): (26, 0, 0),
    ("Non-clinical", "Band 8c"): (15, 0, 0), ("Non-clinical", "Band 8d"): (5, 0, 0),
    ("Non-clinical", "Band 9"): (8, 0, 1), ("Non-clinical", "VSM"): (9, 0, 0),
    ("Clinical", "Band 2"): (375, 123, 16), ("Clinical", "Band 3"): (445, 168, 12),
    ("Clinical", "Band 4"): (233, 61, 4), ("Clinical", "Band 5"): (467, 399, 15),
    ("Clinical", "Band 6"): (505, 321, 21), ("Clinical", "Band 7"): (358, 120, 5),
    ("Clinical", "Band 8a"): (156, 18, 4), ("Clinical", "Band 8b"): (73, 6, 1),
    ("Clinical", "Band 8c"): (17, 1, 0), ("Clinical", "Band 8d"): (3, 0, 0),
    ("Clinical", "Consultant"): (164, 95, 4),
    ("Clinical", "Non-consultant career grade"): (36, 56, 1),
    ("Clinical", "Trainee grade"): (137, 172, 12),
}


def test_headline_survives_small_counts_in_a_three_way_table():
    # Band 9 and VSM are all non-clinical, the medical grades all clinical, so their
    # pay_band and clinical_pay_band rows are the same counts; small Unknown counts are
    # spread over the bands. The sums taken together pin Band 9's Unknown 1. Fixing that
    # with the smallest count next to it, again and again, ended by withholding the whole
    # organisation's BME and Unknown shares; the overall row must stay.
    t = frame(clinical_table({k: dict(zip((W, B, U), v, strict=True))
                              for k, v in SAMPLE_2026.items()}))
    out = suppress(t)
    overall = out[out.dimension == "overall"]
    assert overall.numerator.notna().all() and overall.value.notna().all()
    check_published(t, out)
    assert _attack(out, 10) == []


def test_white_categories_add_up_to_the_white_reference():
    # At category level the reference "White" (all White staff) sits beside the White
    # categories: 80 = 74 + 6, so White - Irish's 6 needs White - British's 74 to go.
    irish, british, indian = "White - Irish", "White - British", "Asian or Asian British - Indian"
    dens = {W: 80, british: 74, irish: 6, indian: 30, U: 12}
    t = frame([row(2, "likelihood", g, n // 2, n) for g, n in dens.items()]
              + [row(2, "relative_likelihood", g, value=1.0) for g in (british, irish, indian)])
    out = suppress(t)
    likelihood = out[out.measure == "likelihood"].set_index("group")
    assert is_na(likelihood.denominator[irish]) and is_na(likelihood.denominator[british])
    assert is_na(likelihood.numerator[british])  # 40 = 37 + 3 likewise
    assert likelihood.denominator[W] == 80 and likelihood.denominator[indian] == 30
    rr = out[out.measure == "relative_likelihood"].set_index("group")
    assert rr.value.isna().tolist() == [True, True, False]
    check_published(t, out)


def test_a_count_shown_under_another_name_is_withheld_there_too():
    # Indicator 4's headcounts are indicator 1's numerators. In indicator 1, Band 5 BME 9 is
    # withheld, and with it (BME column: 9 + 12 = 21) Band 6's BME 12; indicator 4 shows
    # Band 6 only through its own rows, where nothing is small: its BME headcount of 12
    # must go all the same, or 21 - 12 = 9 comes back.
    bands = {"Band 5": {W: 30, B: 9, U: 11}, "Band 6": {W: 20, B: 12, U: 14}}
    ind4 = [row(4, "likelihood", g, 10 if g == W else 0, n, dimension="pay_band", level=b)
            for b, counts in bands.items() for g, n in counts.items()]
    t = frame(banded(bands) + ind4)
    out = suppress(t)
    assert is_na(cell(out, indicator=1, level="Band 6", group=B))
    assert is_na(cell(out, "denominator", indicator=4, level="Band 6", group=B))
    assert is_na(cell(out, "value", indicator=4, level="Band 6", group=B))
    assert cell(out, "denominator", indicator=4, level="Band 6", group=W) == 20
    check_published(t, out)


def test_pooled_two_year_counts_protect_the_single_year():
    t = frame([
        row(3, "likelihood", B, 12, 200, year=2023), row(3, "likelihood", B, 4, 210),
        row(3, "likelihood_2y", B, 16, 410), row(3, "likelihood", W, 20, 800, year=2023),
        row(3, "likelihood", W, 25, 820), row(3, "likelihood_2y", W, 45, 1620),
    ])
    out = suppress(t)
    # 16 - 12 = 4: one of the two must go with the 4.
    assert is_na(cell(out, year=2024, measure="likelihood", group=B))
    assert (is_na(cell(out, year=2024, measure="likelihood_2y", group=B))
            or is_na(cell(out, year=2023, measure="likelihood", group=B)))
    check_published(t, out)


def test_board_roles_split_all_two_ways():
    roles = {"All": {W: 10, B: 3, U: 0}, "Voting": {W: 8, B: 3, U: 0},
             "Non-voting": {W: 2, B: 0, U: 0}, "Executive": {W: 5, B: 1, U: 0},
             "Non-executive": {W: 5, B: 2, U: 0}}
    t = frame(shares(roles, dimension="board_role", indicator=9, measure="board_share"))
    out = suppress(t)
    check_published(t, out)
    assert out[out.group == U].numerator.tolist() == [0] * 5


def test_counts_fixed_only_by_several_sums_together_are_protected():
    # Small counts in two rectangles joined by one more (L1, C): every row and column has
    # two or more, and their sums are far above their minimums, yet all the sums together
    # give (L1, C) away. One more count must go.
    small = {("L0", "A"): 5, ("L0", "B"): 6, ("L1", "A"): 7, ("L1", "B"): 8, ("L1", "C"): 9,
             ("L2", "C"): 5, ("L2", "D"): 6, ("L3", "C"): 7, ("L3", "D"): 8}
    groups = ["A", "B", "C", "D"]
    counts = {lvl: {g: small.get((lvl, g), 40 + 3 * i + j) for j, g in enumerate(groups)}
              for i, lvl in enumerate(["L0", "L1", "L2", "L3"])}
    overall = {"All": {g: sum(c[g] for c in counts.values()) for g in groups}}
    t = frame(shares(overall) + shares(counts, dimension="pay_band"))
    naive = t.copy()
    mask = [(r.level, r.group) in small for r in t.itertuples()]
    naive.loc[mask, ["numerator", "value"]] = pd.NA
    assert [(r.level, r.group, r.method) for r in recoverable_counts(naive, t)] == [
        ("L1", "C", "equations together")]
    out = suppress(t)
    assert out.numerator.isna().sum() > len(small)
    check_published(t, out)


# --------------------------------------------------------------------------- switches, notes


@pytest.mark.parametrize("threshold", [0, 1])
def test_threshold_0_or_1_turns_it_off(threshold):
    t = frame(banded({"Band 5": {W: 40, B: 1, U: 1}, "Band 6": {W: 30, B: 20, U: 0}}))
    t = pd.concat([t, frame([row(5, "percent", B, 2, 5)])], ignore_index=True)
    pd.testing.assert_frame_equal(suppress(t, threshold=threshold), t)


def test_other_thresholds():
    t = frame(shares({"All": {W: 40, B: 15, U: 25}}))
    assert suppress(t).numerator.notna().all()
    out = suppress(t, threshold=20)
    assert out.numerator.isna().tolist() == [False, True, True]
    check_published(t, out, threshold=20)


@pytest.mark.parametrize("bad", [-1, 2.5, "10", True])
def test_bad_thresholds_raise(bad):
    with pytest.raises(ValueError):
        suppress(frame([]), threshold=bad)


def test_empty_table():
    assert suppress(frame([])).empty
    assert apply_caution(frame([])).empty
    assert recoverable_counts(frame([]), frame([])) == []


def test_withheld_base_says_nothing_through_caution_or_interval_notes():
    haldane = "interval uses +0.5 correction (a count is zero)"
    t = apply_caution(frame([
        row(2, "likelihood", W, 40, 100), row(2, "likelihood", B, 0, 8),
        row(2, "relative_likelihood", B, value=None, note=haldane),
    ]))
    assert caution_note(30) in cell(t, "note", group=B, measure="likelihood")
    out = suppress(t)
    bme = out[(out.group == B) & (out.measure == "likelihood")].iloc[0]
    assert bool(bme.caution) and bme.note == WITHHELD
    rr = out[out.measure == "relative_likelihood"].iloc[0]
    assert bool(rr.caution) and rr.note == WITHHELD


def test_no_hidden_copy_of_withheld_counts():
    t = frame(shares({"All": {W: 40, B: 15, U: 5}}))
    out = suppress(t)
    assert list(out.columns) == list(RESULT_COLUMNS)
    assert out.attrs == {}
    assert "5" not in " ".join(out.note.tolist()) and "15" not in " ".join(out.note.tolist())


def test_original_table_is_not_modified():
    t = frame(shares({"All": {W: 40, B: 15, U: 5}}))
    before = t.copy()
    suppress(t)
    apply_caution(t)
    pd.testing.assert_frame_equal(t, before)


def test_audit_finds_what_a_naive_suppression_leaves():
    t = frame(shares({"All": {W: 40, B: 15, U: 5}}))
    naive = t.copy()
    naive.loc[naive.group == U, ["numerator", "value"]] = pd.NA
    found = recoverable_counts(naive, t)
    assert [(r.group, r.column, r.value, r.method) for r in found] == [
        (U, "numerator", 5.0, "equation")]
    # A percentage left beside its denominator gives the count back.
    leaky = t.copy()
    leaky.loc[leaky.group == U, "numerator"] = pd.NA
    assert [r.method for r in recoverable_counts(leaky, t)] == ["figure shown"]


@pytest.mark.parametrize("algebra", ["dense", "sparse"])
def test_audit_finds_counts_fixed_only_by_several_equations_together(algebra, monkeypatch):
    # Two rectangles of withheld cells joined by one cell (r1, c2): every row and column
    # has two withheld cells, yet the joining cell follows from all the sums together.
    # "sparse": solved the way a nation's table is, which must find the same.
    if algebra == "sparse":
        from wres_core.disclosure import recovery

        monkeypatch.setattr(recovery, "DENSE_VARIABLES", 0)
        monkeypatch.setattr(recovery, "DENSE_ENTRIES", 0)
    counts = {"L0": {"A": 20, "B": 21, "C": 30, "D": 31},
              "L1": {"A": 22, "B": 23, "C": 24, "D": 32},
              "L2": {"A": 33, "B": 34, "C": 25, "D": 26},
              "L3": {"A": 35, "B": 36, "C": 27, "D": 28}}
    groups = ["A", "B", "C", "D"]
    overall = {"All": {g: sum(c[g] for c in counts.values()) for g in groups}}
    t = frame(shares(overall) + shares(counts, dimension="pay_band"))
    hide = {("L0", "A"), ("L0", "B"), ("L1", "A"), ("L1", "B"), ("L2", "C"), ("L2", "D"),
            ("L3", "C"), ("L3", "D"), ("L1", "C")}
    naive = t.copy()
    mask = [(r.level, r.group) in hide for r in t.itertuples()]
    naive.loc[mask, ["numerator", "value"]] = pd.NA
    found = recoverable_counts(naive, t)
    assert [(r.level, r.group, r.value, r.method) for r in found] == [
        ("L1", "C", 24.0, "equations together")]
    # suppress() itself leaves nothing of the kind.
    check_published(t, suppress(t))


# --------------------------------------------------------------------------- caution


def test_caution_below_30_and_on_ratios_built_on_it():
    t = frame([
        row(2, "likelihood", W, 40, 100), row(2, "likelihood", B, 12, 29),
        row(2, "relative_likelihood", B, value=0.97),
        row(4, "likelihood", W, 40, 100), row(4, "likelihood", B, 12, 30),
        row(4, "relative_likelihood", B, value=0.97),
    ])
    out = apply_caution(t)
    assert out.caution.tolist() == [False, True, True, False, False, False]
    assert out.note.tolist()[1:3] == [caution_note(30), caution_note(30, derived=True)]
    assert cell(out, "note", indicator=2, group=B, measure="relative_likelihood") == (
        "small numbers: based on fewer than 30 (read with care)")
    # Figures untouched; running it twice adds nothing.
    pd.testing.assert_frame_equal(out.drop(columns=["caution", "note"]),
                                  t.drop(columns=["caution", "note"]))
    pd.testing.assert_frame_equal(apply_caution(out), out)
    assert not apply_caution(t, threshold=0).caution.any()


def test_caution_on_gap_and_difference():
    t = frame([
        row(8, "percent", W, 30, 500), row(8, "percent", B, 5, 25), row(8, "gap", B, value=14.0),
        *shares({"Voting": {W: 8, B: 2, U: 0}}, dimension="board_role", indicator=9,
                measure="board_share"),
        *shares({"All": {W: 800, B: 150, U: 50}}, indicator=9, measure="workforce_share"),
        row(9, "difference", B, dimension="board_role", level="Voting", value=5.0),
    ])
    out = apply_caution(t)
    assert bool(cell(out, "caution", measure="gap"))
    assert bool(cell(out, "caution", measure="difference"))
    assert not cell(out, "caution", measure="workforce_share", group=B)


def test_sources_of_each_derived_measure():
    t = frame([
        row(3, "likelihood", W, 20, 800), row(3, "likelihood", B, 12, 200),
        row(3, "likelihood_2y", W, 45, 1620), row(3, "likelihood_2y", B, 16, 410),
        row(3, "relative_likelihood_1y", B, value=2.4),
        row(3, "relative_likelihood", B, value=1.9),
        row(2, "likelihood_shortlisted", W, 100, 300), row(2, "likelihood_shortlisted", B, 50, 300),
        row(2, "relative_likelihood_shortlisted", B, value=2.0),
    ])
    assert sources(t) == {4: [0, 1], 5: [2, 3], 8: [6, 7]}


# --------------------------------------------------------------------------- properties

# An attacker independent of the module: the sums an indicator-1 table has by construction.


def _attack(published: pd.DataFrame, threshold: int) -> list[str]:
    """Withheld counts a reader could recover from single sums (with the knowledge that a
    withheld count is at least 1), and shown small counts: empty means safe."""
    problems = []
    p = published
    counts = pd.concat([p.numerator, p.denominator]).dropna()
    if ((counts > 0) & (counts < threshold)).any():
        problems.append("small count shown")
    groups = sorted(set(p.group))
    lines = []
    # Groups within a level add up to the level's denominator.
    for (dim, level), r in p.groupby(["dimension", "level"]):
        den = r.denominator.dropna()
        lines.append((f"{dim}/{level}", list(r.numerator), den.iloc[0] if len(den) else None))
    # Levels of each dimension add up to overall, per group and for the denominators.
    overall = p[p.dimension == "overall"]
    for dim in set(p.dimension) - {"overall"}:
        part = p[p.dimension == dim]
        for g in groups:
            total = overall[overall.group == g].numerator.iloc[0]
            lines.append((f"{dim}/{g}", list(part[part.group == g].numerator),
                          None if is_na(total) else total))
        dens = part.groupby("level").denominator.first()
        total = overall.denominator.iloc[0]
        lines.append((f"{dim}/total", list(dens), None if is_na(total) else total))
    # Crossed levels "Clinical: Band 5" add up to the clinical and the pay_band rows.
    cross = p[p.dimension == "clinical_pay_band"]
    if len(cross):
        split = cross.level.str.split(": ", n=1, expand=True)
        for side, dim in ((0, "clinical"), (1, "pay_band")):
            for lvl in set(split[side]):
                part = cross[split[side] == lvl]
                whole = p[(p.dimension == dim) & (p.level == lvl)]
                for g in groups:
                    total = whole[whole.group == g].numerator.iloc[0]
                    lines.append((f"{dim}={lvl}/{g}", list(part[part.group == g].numerator),
                                  None if is_na(total) else total))
                total = whole.denominator.iloc[0]
                lines.append((f"{dim}={lvl}/total", list(part.groupby("level").denominator
                                                         .first()),
                              None if is_na(total) else total))
    for name, cells, total in lines:
        if total is None:
            continue
        missing = [c for c in cells if is_na(c)]
        rest = total - sum(c for c in cells if not is_na(c))
        if len(missing) == 1 or (missing and rest == len(missing)):
            problems.append(f"{name}: {len(missing)} withheld, remainder {rest}")
    return problems


small_count = st.one_of(st.integers(0, 12), st.integers(0, 60))


@st.composite
def indicator_1_tables(draw):
    n_bands = draw(st.integers(1, 5))
    groups = [W, B, U]
    bands = {
        f"Band {b}": {g: draw(small_count) for g in groups} for b in range(2, 2 + n_bands)
    }
    return banded(bands)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(indicator_1_tables(), st.sampled_from([10, 5, 20]))
def test_property_nothing_small_shown_and_nothing_recoverable(rows, threshold):
    t = frame(rows)
    out = suppress(t, threshold=threshold)
    check_published(t, out, threshold=threshold)
    assert _attack(out, threshold) == []
    # Shown figures equal the originals, and a row is withheld exactly when flagged.
    assert (out.value.isna() == (out.suppressed | t.value.isna())).all()
    assert out.loc[out.suppressed, "note"].str.contains("withheld").all()


@st.composite
def clinical_band_tables(draw):
    """Bands split clinical / non-clinical: overall, clinical, pay_band and
    clinical_pay_band rows, all sums of the crossed cells."""
    bands = [f"Band {b}" for b in range(5, 5 + draw(st.integers(1, 3)))]
    return clinical_table({(c, b): {g: draw(small_count) for g in (W, B, U)}
                           for c in ("Clinical", "Non-clinical") for b in bands})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(clinical_band_tables())
def test_property_crossed_dimensions(rows):
    t = frame(rows)
    out = suppress(t)
    check_published(t, out)
    assert _attack(out, 10) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(indicator_1_tables(), st.lists(st.integers(0, 40), min_size=3, max_size=3))
def test_property_with_a_headcount_indicator_beside_it(rows, trained):
    """Indicator 4 over the same overall headcounts: the two indicators share counts."""
    t = frame(rows)
    overall = t[t.dimension == "overall"]
    extra = []
    for (g, n), k in zip(zip(overall.group, overall.numerator, strict=True), trained,
                         strict=True):
        extra.append(row(4, "likelihood", g, min(k, int(n)), int(n)))
    t = frame(rows + extra)
    out = suppress(t)
    check_published(t, out)
    assert _attack(out[out.indicator == 1], 10) == []
    ind1 = out[(out.indicator == 1) & (out.dimension == "overall")].set_index("group")
    ind4 = out[out.indicator == 4].set_index("group")
    for g in ind1.index:  # the same headcount is shown in both places or in neither
        assert is_na(ind1.numerator[g]) == is_na(ind4.denominator[g])


def test_keeps_the_callers_index():
    t = frame(shares({"All": {W: 40, B: 15, U: 5}}))
    t.index = [10, 11, 12]
    assert suppress(t).index.tolist() == [10, 11, 12]
    assert apply_caution(t).index.tolist() == [10, 11, 12]
    assert recoverable_counts(suppress(t), t) == []


# --------------------------------------------------------------------------- large tables


def test_sparse_row_space_agrees_with_dense_on_tables_with_margins():
    # Unknown cells of an R x C table whose row and column sums are known: a cell is fixed
    # exactly when it is a bridge of the rows-columns graph; both methods must say which.
    import numpy as np
    from scipy import sparse

    from wres_core.disclosure.recovery import _in_row_space, _in_row_space_sparse

    rng = np.random.default_rng(7)
    for _ in range(20):
        n_rows, n_cols = rng.integers(3, 30, size=2)
        unknown = rng.random((n_rows, n_cols)) < rng.uniform(0.05, 0.6)
        index = np.full((n_rows, n_cols), -1)
        index[unknown] = np.arange(unknown.sum())
        eqs = [index[i][unknown[i]] for i in range(n_rows)]
        eqs += [index[:, j][unknown[:, j]] for j in range(n_cols)]
        a = np.zeros((len(eqs), int(unknown.sum())))
        for r, cols in enumerate(eqs):
            a[r, cols] = 1
        assert (_in_row_space(a) == _in_row_space_sparse(sparse.csr_array(a))).all()


def test_sample_by_department_is_the_same_through_the_sparse_paths(monkeypatch):
    from wres_core.api import Engine, Query
    from wres_core.disclosure import recovery

    from conftest import SAMPLE

    raw = Engine.from_inputs([SAMPLE]).unsuppressed(Query(by="department"))
    dense = suppress(raw)
    monkeypatch.setattr(recovery, "DENSE_VARIABLES", 0)
    monkeypatch.setattr(recovery, "DENSE_ENTRIES", 0)
    pd.testing.assert_frame_equal(suppress(raw), dense)
