"""The whole results table over the bundled sample, against the committed golden copy.

Any change to a figure, a note or a flag shows up here as a reviewable diff of
tests/golden/*.csv. The headline numbers in the golden files are checked independently in
test_sample_by_hand.py. To accept a deliberate change:

    WRES_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd
import pytest

from wres_core.api import Engine, Query

from conftest import SAMPLE

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "sample_by_department.csv": Query(by="department", suppress=0),
    "sample_categories_publication_safe.csv": Query(groups="category"),
}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_inputs([SAMPLE])


def _csv(table: pd.DataFrame) -> str:
    return table.to_csv(index=False, lineterminator="\n", float_format="%.10g")


@pytest.mark.parametrize("name", sorted(CASES))
def test_results_match_golden(engine, name):
    got = _csv(engine.results(CASES[name]))
    path = GOLDEN / name
    if os.environ.get("WRES_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(got, encoding="utf-8")
    expected = pd.read_csv(path, keep_default_na=False)
    actual = pd.read_csv(io.StringIO(got), keep_default_na=False)
    assert list(actual.columns) == list(expected.columns)
    assert len(actual) == len(expected)
    pd.testing.assert_frame_equal(actual, expected, check_exact=False, rtol=1e-9)
