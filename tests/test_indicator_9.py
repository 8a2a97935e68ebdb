"""Indicator 9: the board's ethnic make-up against the workforce's.

Every expected figure below was worked out by hand from the small frames built here.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wres_core.dataset import Dataset
from wres_core.indicators.board import indicator_9
from wres_core.schema import BROAD_GROUPS, RESULT_COLUMNS, WRES_GROUPS

# Ethnic category -> (broad group, WRES group), for the categories the tests use.
ETHNICITY = {
    "White - British": ("White", "White"),
    "White - Irish": ("White", "White"),
    "Asian or Asian British - Indian": ("Asian", "BME"),
    "Black or Black British - African": ("Black", "BME"),
    "Unknown": ("Unknown", "Unknown"),
}
WB, WI, IND, AFR, UNK = ETHNICITY


def ethnicity_columns(cats: list[str]) -> dict:
    return {
        "ethnic_category": pd.Categorical(cats, categories=list(ETHNICITY)),
        "broad_group": pd.Categorical([ETHNICITY[c][0] for c in cats], BROAD_GROUPS),
        "wres_group": pd.Categorical([ETHNICITY[c][1] for c in cats], WRES_GROUPS),
    }


def board(rows) -> pd.DataFrame:
    """A tidy board frame from ``(year, ethnic category, voting, executive, count)``."""
    years, cats, voting, executive, count = (list(c) for c in zip(*rows, strict=True))
    n = len(rows)
    return pd.DataFrame(
        {
            "year": pd.Series(years, dtype="int64"),
            "org": pd.Categorical([""] * n),
            "count": pd.Series(count, dtype="int64"),
            **ethnicity_columns(cats),
            "voting": pd.Series(voting, dtype=bool),
            "executive": pd.Series(executive, dtype=bool),
        }
    )


def workforce(rows) -> pd.DataFrame:
    """A tidy workforce frame (just what indicator 9 reads) from ``(year, category, count)``."""
    years, cats, count = (list(c) for c in zip(*rows, strict=True))
    n = len(rows)
    return pd.DataFrame(
        {
            "year": pd.Series(years, dtype="int64"),
            "org": pd.Categorical([""] * n),
            "count": pd.Series(count, dtype="int64"),
            **ethnicity_columns(cats),
        }
    )


def run(board_rows, workforce_rows=None, **kwargs) -> pd.DataFrame:
    frames = {"board": board(board_rows)}
    if workforce_rows:
        frames["workforce"] = workforce(workforce_rows)
    return indicator_9(Dataset(frames=frames), **kwargs)


def value(res, year, measure, level, group):
    row = res[
        (res.year == year) & (res.measure == measure) & (res.level == level) & (res.group == group)
    ]
    assert len(row) == 1, (year, measure, level, group)
    return row.iloc[0]


# 2024 board of 8: voting = 2 executive (WB, AFR) + 4 non-executive (WB, WB, IND, UNK);
# non-voting = 2 executive (WI, WB).
BOARD = [
    (2024, WB, True, True, 1),
    (2024, AFR, True, True, 1),
    (2024, WB, True, False, 2),
    (2024, IND, True, False, 1),
    (2024, UNK, True, False, 1),
    (2024, WI, False, True, 1),
    (2024, WB, False, True, 1),
]
# 2024 workforce of 200: White 150, BME 40, Unknown 10.
WORKFORCE = [(2024, WB, 140), (2024, WI, 10), (2024, IND, 25), (2024, AFR, 15), (2024, UNK, 10)]

# (role, (White, BME, Unknown) members, members in role), worked by hand from BOARD.
ROLES = [
    ("All", (5, 2, 1), 8),
    ("Voting", (3, 2, 1), 6),
    ("Non-voting", (2, 0, 0), 2),
    ("Executive", (3, 1, 0), 4),
    ("Non-executive", (2, 1, 1), 4),
]
WORKFORCE_SHARE = {"White": 75.0, "BME": 20.0, "Unknown": 5.0}


@pytest.fixture
def known() -> pd.DataFrame:
    return run(BOARD, WORKFORCE)


@pytest.mark.parametrize(("role", "members", "total"), ROLES)
def test_board_share_and_difference(known, role, members, total):
    for group, k in zip(WRES_GROUPS, members, strict=True):
        share = value(known, 2024, "board_share", role, group)
        assert (share.dimension, float(share.numerator), float(share.denominator)) == (
            "board_role",
            k,
            total,
        )
        assert float(share.value) == pytest.approx(100 * k / total)
        diff = value(known, 2024, "difference", role, group)
        assert diff.dimension == "board_role"
        assert float(diff.value) == pytest.approx(100 * k / total - WORKFORCE_SHARE[group])
        assert pd.isna(diff.numerator) and pd.isna(diff.ci_low) and diff.note == ""


def test_headline_is_voting_bme(known):
    # 2 of 6 voting members are BME (33.33%) against 20% of the workforce: +13.33 points.
    assert float(value(known, 2024, "difference", "Voting", "BME").value) == pytest.approx(
        100 / 3 - 20
    )


def test_workforce_share(known):
    rows = known[known.measure == "workforce_share"]
    assert rows[["dimension", "level"]].drop_duplicates().values.tolist() == [["overall", "All"]]
    got = {g: (float(n), float(d), float(v)) for g, n, d, v in rows[
        ["group", "numerator", "denominator", "value"]].itertuples(index=False)}  # fmt: skip
    assert got == {"White": (150, 200, 75.0), "BME": (40, 200, 20.0), "Unknown": (10, 200, 5.0)}
    # Wilson 95% for 40 of 200, by hand (z = 1.96): centre (40 + z^2/2) / (200 + z^2)
    # = 0.20565, half-width z * sqrt(40 * 160 / 200 + z^2 / 4) / (200 + z^2) = 0.05520.
    bme = value(known, 2024, "workforce_share", "All", "BME")
    assert float(bme.ci_low) == pytest.approx(15.045, abs=0.005)
    assert float(bme.ci_high) == pytest.approx(26.086, abs=0.005)


def test_board_share_interval(known):
    # 2 of 6 voting members BME: Wilson centre (2 + z^2/2) / (6 + z^2) = 0.39839,
    # half-width z * sqrt(2 * 4 / 6 + z^2 / 4) / (6 + z^2) = 0.30162.
    row = value(known, 2024, "board_share", "Voting", "BME")
    assert float(row.ci_low) == pytest.approx(9.677, abs=0.005)
    assert float(row.ci_high) == pytest.approx(70.001, abs=0.005)


def test_row_layout(known):
    assert list(known.columns) == list(RESULT_COLUMNS)
    assert set(known["indicator"]) == {9}
    assert known["measure"].unique().tolist() == ["board_share", "workforce_share", "difference"]
    share_levels = known.loc[known.measure == "board_share", "level"].unique().tolist()
    assert share_levels == ["All", "Voting", "Non-voting", "Executive", "Non-executive"]
    assert known.loc[known.measure == "board_share", "group"].tolist()[:3] == list(WRES_GROUPS)
    assert len(known) == 5 * 3 + 3 + 5 * 3
    assert not known["caution"].any() and not known["suppressed"].any()


def test_roles_with_no_members_have_no_rows():
    res = run([(2024, WB, True, False, 3), (2024, AFR, True, False, 1)], WORKFORCE)
    assert res.loc[res.measure == "board_share", "level"].unique().tolist() == [
        "All",
        "Voting",
        "Non-executive",
    ]
    assert res.loc[res.measure == "difference", "level"].unique().tolist() == [
        "All",
        "Voting",
        "Non-executive",
    ]


def test_an_all_white_board_still_shows_bme():
    res = run([(2024, WB, True, True, 5)], WORKFORCE)
    bme = value(res, 2024, "board_share", "Voting", "BME")
    assert (float(bme.numerator), float(bme.value)) == (0.0, 0.0)
    assert float(value(res, 2024, "difference", "Voting", "BME").value) == -20.0


def test_missing_workforce_year():
    res = run(BOARD + [(2023, WB, True, True, 4)], WORKFORCE)
    wf = res[(res.year == 2023) & (res.measure == "workforce_share")]
    assert wf.group.tolist() == list(WRES_GROUPS)
    assert wf.value.isna().all() and wf.numerator.isna().all()
    assert set(wf.note) == {"no workforce data for 2023"}
    diff = res[(res.year == 2023) & (res.measure == "difference")]
    assert len(diff) == 3 * 3  # roles All, Voting, Executive; three groups each
    assert diff.value.isna().all() and set(diff.note) == {"no workforce data for 2023"}
    # The board figures of that year are still there, and 2024 is unaffected.
    assert float(value(res, 2023, "board_share", "Voting", "White").value) == 100.0
    assert float(value(res, 2024, "difference", "Voting", "BME").value) == pytest.approx(
        100 / 3 - 20
    )


def test_no_workforce_at_all():
    res = run(BOARD)
    assert res.loc[res.measure == "workforce_share", "value"].isna().all()
    assert res.loc[res.measure == "difference", "value"].isna().all()
    assert set(res.loc[res.measure != "board_share", "note"]) == {"no workforce data for 2024"}


def test_no_board_gives_an_empty_table():
    res = indicator_9(Dataset(frames={"workforce": workforce(WORKFORCE)}))
    assert res.empty and list(res.columns) == list(RESULT_COLUMNS)


def test_broad_groups_include_groups_only_in_the_workforce():
    # No Black member on the board: Black still shows, at 0% against 7.5% of the workforce.
    res = run([(2024, WB, True, True, 3), (2024, IND, True, False, 1)], WORKFORCE, groups="broad")
    groups = res.loc[res.measure == "board_share", "group"].unique().tolist()
    assert groups == ["White", "Asian", "Black", "Unknown"]
    assert float(value(res, 2024, "board_share", "Voting", "Black").value) == 0.0
    assert float(value(res, 2024, "difference", "Voting", "Black").value) == -7.5
    assert float(value(res, 2024, "difference", "Voting", "Asian").value) == 25 - 12.5


def test_category_groups():
    res = run(BOARD, WORKFORCE, groups="category")
    assert res.loc[res.measure == "workforce_share", "group"].tolist() == [WB, WI, IND, AFR, UNK]
    # 1 of 8 board members is White Irish against 10 of 200 staff: 12.5 - 5 points.
    assert float(value(res, 2024, "difference", "All", WI).value) == pytest.approx(7.5)


def test_count_column_gives_the_same_figures_as_repeated_rows():
    expand = [(*r[:-1], 1) for r in BOARD for _ in range(r[-1])]
    wf_expand = [(y, c, 1) for y, c, n in WORKFORCE for _ in range(n)]
    for groups in ("wres", "broad", "category"):
        pd.testing.assert_frame_equal(
            run(BOARD, WORKFORCE, groups=groups), run(expand, wf_expand, groups=groups)
        )


def test_unknown_group_level_is_an_error():
    with pytest.raises(ValueError, match="groups"):
        run(BOARD, WORKFORCE, groups="census")


# --------------------------------------------------------------------------- properties

board_row = st.tuples(
    st.sampled_from([2023, 2024]),
    st.sampled_from(list(ETHNICITY)),
    st.booleans(),
    st.booleans(),
    st.integers(1, 3),
)
workforce_row = st.tuples(
    st.sampled_from([2023, 2024, 2025]), st.sampled_from(list(ETHNICITY)), st.integers(1, 50)
)
GROUP_LEVELS = st.sampled_from(["wres", "broad", "category"])


@settings(max_examples=30, deadline=None)
@given(
    st.lists(board_row, min_size=1, max_size=15),
    st.lists(workforce_row, max_size=15),
    GROUP_LEVELS,
)
def test_difference_is_board_share_minus_workforce_share(b, w, groups):
    res = run(b, w, groups=groups)
    key = ["year", "level", "group"]
    share = res[res.measure == "board_share"].set_index(key)["value"]
    diff = res[res.measure == "difference"].set_index(key)["value"]
    wf = res[res.measure == "workforce_share"].set_index(["year", "group"])["value"]
    assert share.index.equals(diff.index)
    expected = share.to_numpy(dtype=float) - wf.reindex(
        pd.MultiIndex.from_arrays(
            [share.index.get_level_values(0), share.index.get_level_values(2)]
        )
    ).to_numpy(dtype=float, na_value=float("nan"))
    got = diff.to_numpy(dtype=float, na_value=float("nan"))
    assert ((abs(got - expected) < 1e-9) | (pd.isna(got) & pd.isna(expected))).all()
    # A difference is missing exactly where the workforce of that year is.
    have = {y for y, _, _ in w}
    assert (pd.isna(got) == ~share.index.get_level_values(0).isin(have)).all()


@settings(max_examples=30, deadline=None)
@given(
    st.lists(board_row, min_size=1, max_size=15),
    st.lists(workforce_row, max_size=15),
    GROUP_LEVELS,
)
def test_shares_add_to_100(b, w, groups):
    res = run(b, w, groups=groups)
    shares = res[res.measure.isin(["board_share", "workforce_share"])].dropna(subset=["value"])
    totals = shares.groupby(["year", "measure", "level"])["value"].sum()
    assert ((totals - 100).abs() < 1e-9).all()
    # Voting and non-voting (and executive and non-executive) make up the whole board.
    n = res[res.measure == "board_share"].groupby(["year", "level"])["numerator"].sum()
    for year in {r[0] for r in b}:
        parts = [n.get((year, lvl), 0) for lvl in ("Voting", "Non-voting")]
        assert sum(parts) == n[(year, "All")]
        parts = [n.get((year, lvl), 0) for lvl in ("Executive", "Non-executive")]
        assert sum(parts) == n[(year, "All")]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(board_row, min_size=1, max_size=15),
    st.lists(workforce_row, max_size=15),
    st.randoms(use_true_random=False),
    GROUP_LEVELS,
)
def test_row_order_never_changes_a_figure(b, w, rnd, groups):
    b2, w2 = list(b), list(w)
    rnd.shuffle(b2)
    rnd.shuffle(w2)
    pd.testing.assert_frame_equal(run(b, w, groups=groups), run(b2, w2, groups=groups))
