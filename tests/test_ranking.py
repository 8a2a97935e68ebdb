"""Ranking organisations: on the conservative end of the interval, withheld ones last."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from wres_core.api import Engine, Query
from wres_core.ranking import rank
from wres_core.readers import Source
from wres_core.results import frame
from wres_core.sample import generate, to_csv_bytes


def _rows(figures, indicator=3, measure="relative_likelihood", suppressed=()):
    return frame([{"year": 2026, "indicator": indicator, "measure": measure, "group": "BME",
                   "dimension": "org", "level": name, "value": v, "ci_low": lo,
                   "ci_high": hi, "suppressed": name in suppressed}
                  for name, v, lo, hi in figures])


def test_a_small_organisation_with_a_wide_interval_does_not_top_the_list():
    t = _rows([("Tiny", 4.0, 0.5, 30.0), ("Big", 1.5, 1.35, 1.66), ("Mid", 1.2, 1.0, 1.45)])
    assert rank(t, year=2026, indicator=3, measure="relative_likelihood")[
        "level"].tolist() == ["Big", "Mid", "Tiny"]


def test_lower_is_worse_ranks_on_the_upper_end():
    t = _rows([("A", 40.0, 35.0, 45.0), ("B", 30.0, 10.0, 60.0), ("C", 50.0, 48.0, 52.0)],
              indicator=7, measure="percent")
    out = rank(t, year=2026, indicator=7, measure="percent")
    assert out["level"].tolist() == ["A", "C", "B"]
    assert out["rank_on"].tolist() == [45.0, 52.0, 60.0]


def test_a_share_has_no_direction_and_ranks_on_its_value():
    t = _rows([("A", 20.0, 1.0, 60.0), ("B", 30.0, 29.0, 31.0)], indicator=1, measure="share")
    assert rank(t, year=2026, indicator=1, measure="share")["level"].tolist() == ["B", "A"]


def test_withheld_and_missing_figures_come_last_unranked():
    t = _rows([("A", 1.5, 1.2, 1.9), ("B", None, None, None), ("C", 1.1, 0.7, 1.6),
               ("D", 2.0, 1.4, 2.8)], suppressed={"D"})
    out = rank(t, year=2026, indicator=3, measure="relative_likelihood")
    assert out["level"].tolist() == ["A", "C", "B", "D"]
    assert out["rank"].tolist() == [1, 2, pd.NA, pd.NA]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.floats(0.1, 10), st.floats(0, 5), st.booleans()),
                min_size=1, max_size=12), st.randoms(use_true_random=False))
def test_row_order_never_changes_the_ranking(figures, rnd):
    rows = [(f"Org {i}", v, v / (1 + w), v * (1 + w)) for i, (v, w, _) in enumerate(figures)]
    hidden = {f"Org {i}" for i, (_, _, h) in enumerate(figures) if h}
    shuffled = rows[:]
    rnd.shuffle(shuffled)
    a = rank(_rows(rows, suppressed=hidden), year=2026, indicator=3,
             measure="relative_likelihood")
    b = rank(_rows(shuffled, suppressed=hidden), year=2026, indicator=3,
             measure="relative_likelihood")
    assert a["level"].tolist()[:len(rows) - len(hidden)] == \
        b["level"].tolist()[:len(rows) - len(hidden)]
    assert a["rank"].dropna().tolist() == list(range(1, len(rows) - len(hidden) + 1))


def test_organisations_of_a_region_ranked_from_the_results_table():
    files = generate(seed=5, n_staff=1500, years=(2025, 2026), orgs=3)
    engine = Engine.from_inputs([Source(name, to_csv_bytes(df)) for name, df in files.items()])
    table = engine.results(Query(by="org", suppress=0))
    out = rank(table, year=2026, indicator=1, measure="share")
    assert len(out) == 3 and out["rank"].tolist() == [1, 2, 3]
    assert out["value"].is_monotonic_decreasing
    ratio = rank(table, year=2026, indicator=2, measure="relative_likelihood")
    assert set(ratio["level"]) == set(out["level"])
    assert ratio["rank_on"].dropna().is_monotonic_decreasing
