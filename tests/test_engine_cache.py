"""The Engine's cache: one build per query however many sessions ask at once."""

from __future__ import annotations

import threading
import time

import pandas as pd
import pytest

from wres_core.api import Engine, Query
from wres_core.dataset import Dataset


def _engine() -> Engine:
    return Engine(Dataset(frames={}, findings=[], tables=[]))


def test_sessions_asking_at_once_share_one_build():
    engine, builds, results = _engine(), [], []
    start = threading.Barrier(8)

    def build():
        builds.append(1)
        time.sleep(0.2)  # long enough for every thread to arrive while it runs
        return "table"

    def ask():
        start.wait()
        results.append(engine._cached(("results", Query()), build))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert len(builds) == 1
    assert results == ["table"] * 8


def test_a_failed_build_is_not_cached_and_the_next_caller_builds_again():
    engine, calls = _engine(), []

    def failing():
        calls.append("fail")
        raise RuntimeError("out of memory")

    with pytest.raises(RuntimeError):
        engine._cached(("k",), failing)
    assert engine._cached(("k",), lambda: "ok") == "ok"
    assert engine._cached(("k",), failing) == "ok"
    assert calls == ["fail"]


def test_different_queries_build_side_by_side():
    engine, running, most = _engine(), [], []
    lock = threading.Lock()

    def build():
        with lock:
            running.append(1)
            most.append(len(running))
        time.sleep(0.2)
        with lock:
            running.pop()
        return "t"

    threads = [threading.Thread(target=engine._cached, args=((f"q{i}",), build))
               for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert max(most) > 1


def test_model_employer_is_the_filtered_datas_and_computed_once():
    from wres_core.api import filter_data
    from wres_core.indicators.workforce import model_employer

    engine = Engine.from_inputs(["data/sample"])
    query = Query(where=(("clinical", ("Clinical",)),))
    got = engine.model_employer(query, year=2026, targets={"Band 8a": 20.0})
    want = model_employer(filter_data(engine.data, query.where), year=2026,
                          targets={"Band 8a": 20.0})
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert engine.model_employer(query, year=2026, targets={"Band 8a": 20.0}) is got
    # Other targets, another year or other filters are other figures.
    assert engine.model_employer(query, year=2026) is not got
    assert engine.model_employer(query, year=2025, targets={"Band 8a": 20.0}) is not got
