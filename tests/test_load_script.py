"""The load benchmark's own logic: its arguments and its judgement of the server's memory.

The benchmark itself (benchmarks/load.py, 20 browsers for two minutes) is not part of the
test suite; these are its pure functions, on given numbers, with no server or browser.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # benchmarks/ is a folder of the checkout, not installed
    sys.path.insert(0, str(ROOT))
load = importlib.import_module("benchmarks.load")


def test_defaults_are_twenty_sessions_for_two_minutes_on_one_browser() -> None:
    args = load.parse_args([])
    assert (args.sessions, args.minutes, args.browsers, args.data) == (20, 2.0, 1, None)
    assert args.tolerance == 0.10 and not args.smoke


def test_smoke_is_two_sessions_for_twenty_seconds_whatever_else_is_given() -> None:
    args = load.parse_args(["--smoke", "--sessions", "50"])
    assert (args.sessions, args.minutes * 60) == (2, pytest.approx(20))


def test_options_are_read_and_browsers_never_outnumber_sessions() -> None:
    args = load.parse_args(["--sessions", "3", "--minutes", "0.5", "--browsers", "8",
                            "--data", "some/folder", "--tolerance", "0.2"])
    assert (args.sessions, args.minutes, args.browsers) == (3, 0.5, 3)
    assert args.data == Path("some/folder") and args.tolerance == 0.2


@pytest.mark.parametrize("argv", [["--sessions", "0"], ["--minutes", "0"],
                                  ["--browsers", "0"], ["--sessions", "many"],
                                  ["--tolerance", "-0.1"], ["--step-timeout", "0"]])
def test_nonsense_is_refused(argv) -> None:
    with pytest.raises(SystemExit):
        load.parse_args(argv)


def test_memory_that_levels_off_after_the_caches_fill_is_bounded() -> None:
    # A steep first third (caches filling), then flat with noise.
    samples = [70, 150, 250, 300, 305, 310, 312, 309, 311, 315, 313, 318]
    ok, why = load.rss_bounded(samples)
    assert ok, why
    assert "middle-third peak 312" in why and "last-third peak 318" in why


def test_memory_that_keeps_climbing_is_not_bounded() -> None:
    samples = [300 + 10 * i for i in range(30)]  # +10 MB a second, never levelling off
    ok, why = load.rss_bounded(samples)
    assert not ok and "allowed 10%" in why


def test_the_tolerance_decides_at_the_edge() -> None:
    samples = [100, 100, 100, 200, 200, 200, 220, 220, 220]  # last third 10% above middle
    assert load.rss_bounded(samples, tolerance=0.10)[0]
    assert not load.rss_bounded(samples, tolerance=0.09)[0]


def test_memory_falling_at_the_end_is_bounded() -> None:
    assert load.rss_bounded([100, 300, 300, 400, 400, 400, 350, 340, 330])[0]


def test_too_few_samples_are_not_judged_a_leak() -> None:
    ok, why = load.rss_bounded([100, 200, 400])
    assert ok and "too few" in why


def test_percentiles_are_nearest_rank() -> None:
    values = list(range(1, 101))
    assert [load.percentile(values, q) for q in (50, 90, 99, 100)] == [50, 90, 99, 100]
    assert load.percentile([5.0, 1.0], 50) == 1.0


def test_only_this_machine_counts_as_local() -> None:
    assert load.is_local("http://127.0.0.1:8501/_stcore/stream")
    assert load.is_local("ws://127.0.0.1:8501/_stcore/stream")
    assert load.is_local("data:image/png;base64,AAAA")
    assert not load.is_local("http://localhost.evil.example/")
    assert not load.is_local("https://127.0.0.1.example.com/x")
