"""Indicator 9's charts, for the board page and the evidence pack: each board role against
the whole workforce, and the BME share of the board over the years against the workforce's.

Every builder reads the White / BME results table of the view and returns ``Chart``
objects. Counts are printed beside the figures: boards are small.
"""

from __future__ import annotations

import pandas as pd

from dashboard import captions, charts
from dashboard.views.chart import Chart, Words

__all__ = ["ROLES", "ROLE_NAMES", "WORKFORCE", "roles", "trend"]

ROLES = ("All", "Voting", "Non-voting", "Executive", "Non-executive")
ROLE_NAMES = {"All": "All board members", "Voting": "Voting members",
              "Non-voting": "Non-voting members", "Executive": "Executive members",
              "Non-executive": "Non-executive members"}
WORKFORCE = "Whole workforce"


def _text(rows: pd.DataFrame, words: Words, what: str, slug: str, *, years=None,
          extra: str = "") -> captions.ChartText:
    ys = list(years) if years is not None else [words.year]
    board_all = charts.select(rows, year=ys, measure="board_share", level="All", group="BME")
    return words.text(9, what, f"indicator-9-{slug}", years=ys,
                      base=captions.base_text(board_all, noun="board members"), extra=extra)


def roles(wres: pd.DataFrame, words: Words, *, label=str) -> Chart | None:
    """The White, BME and Unknown share of each board role and of the whole workforce."""
    rows = charts.select(wres, indicator=9)
    now = charts.select(rows, year=words.year)
    board = charts.select(now, measure="board_share", dimension="board_role")
    if board.empty:
        return None
    bme = label("BME")
    board = board.assign(_row=board["level"].map(lambda lv: ROLE_NAMES.get(lv, lv)))
    workforce = charts.select(now, measure="workforce_share").assign(_row=WORKFORCE)
    both = pd.concat([board, workforce], ignore_index=True)
    wf = charts.select(now, measure="workforce_share", group="BME")
    ref = None
    if not wf.empty and not bool(wf.iloc[0]["suppressed"]) and pd.notna(wf.iloc[0]["value"]):
        ref = float(wf.iloc[0]["value"])
    t = _text(rows, words, f"{bme}, White and Unknown share of board members by role, against "
                           "the whole workforce", "board-roles",
              extra="Counts (n of N) are printed beside the bars: boards are small, so one "
                    "person moves a share a long way.")
    fig = charts.share_bars(both, t, label=label, order=[ROLE_NAMES[r] for r in ROLES]
                            + [WORKFORCE], reference=ref,
                            reference_label=f"{bme} share of the workforce"
                            + (f" ({ref:.1f}%)" if ref is not None else ""),
                            column_group="BME", national=words.national)
    behind = pd.concat([charts.select(now, measure="board_share"),
                        charts.select(now, measure="workforce_share"),
                        charts.select(now, measure="difference")], ignore_index=True)
    return Chart(9, t, fig, behind, key="roles",
                 caption="Voting and non-voting members add up to all members; so do "
                         "executive and non-executive members.")


def trend(wres: pd.DataFrame, words: Words, *, label=str) -> Chart | None:
    """The BME share of all and of voting board members in each year compared, against
    the BME share of the workforce (None with one year). No intervals: a board is the whole
    population of its members, and an interval on 14 people would swamp the chart; the
    counts are printed instead."""
    years = [y for y in words.years if y <= words.year]
    if len(years) < 2:
        return None
    rows = charts.select(wres, indicator=9)
    bme = label("BME")
    parts = [charts.select(rows, year=years, measure="board_share", level=lv, group="BME")
             .assign(_series=name) for lv, name in
             (("All", f"Board: all members ({bme})"), ("Voting", f"Board: voting members ({bme})"))]
    series = pd.concat(parts, ignore_index=True)
    reference = charts.select(rows, year=years, measure="workforce_share", group="BME")
    t = _text(rows, words, f"{bme} share of the board (all and voting members) against the "
                           f"workforce, {years[0]} to {years[-1]}", "trend", years=years)
    fig = charts.percent_trend(series, t, label=label, intervals=False, counts=True,
                               reference=reference,
                               reference_label=f"{bme} share of the workforce",
                               y_title=f"{bme} share", national=words.national)
    behind = charts.select(rows, year=years, group="BME",
                           measure=["board_share", "workforce_share", "difference"])
    behind = behind[(behind["measure"] == "workforce_share") |
                    behind["level"].isin(["All", "Voting"])]
    return Chart(9, t, fig, behind, key="trend")
