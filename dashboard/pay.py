"""The pay gap's words and charts (``wres_core.indicators.pay`` rows): captions in the house
style of ``dashboard.captions`` and figure builders in that of ``dashboard.charts`` (titled,
footnoted, withheld figures drawn as the word, constant group colours, customdata and meta
on every point). No streamlit, so the evidence pack can use them too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme
from dashboard.captions import WITHHELD, ChartText, _and, category_short, esc
from dashboard.charts.labels import Label, _hover, _label_text, _unique_labels, _word
from dashboard.charts.layout import (
    REFERENCE_COLOUR,
    _cd,
    _err,
    _finish,
    _left_margin,
    _meta,
    _scatter,
    _withheld_words,
    empty_figure,
)
from dashboard.charts.values import _num, _status
from dashboard.figure import Fig
from dashboard.rows import records
from wres_core.indicators import pay
from wres_core.indicators.pay import INDICATOR, QUARTERS, WHITE_BRITISH

MEASURE_NAMES = {"mean_gap": "Mean gap", "median_gap": "Median gap"}
MEASURE_SYMBOLS = {"mean_gap": "circle", "median_gap": "diamond"}
MEASURE_COLOURS = {"mean_gap": theme.NHS_BLUE, "median_gap": theme.NHS_DARK_PINK}
GAP_AXIS = "pay gap, % of the reference's pay (right of 0 = group paid less)"
DEFINITION = ("Pay gap = (reference figure − group figure) / reference figure × 100, from "
              "ordinary basic hourly pay at 31 March; positive means the group is paid less.")


def reference_words(reference: str) -> str:
    """Who the gaps compare with, in words.

    >>> reference_words("White"), reference_words("White British")
    ('all White staff', 'White British staff')
    """
    return "White British staff" if reference == WHITE_BRITISH else "all White staff"


def source(years: Iterable[int]) -> str:
    """The source line of a pay chart.

    >>> source([2026]), source([2024, 2025, 2026])
    ('hourly pay in the workforce snapshot (ESR) at 31 March 2026', 'hourly pay in the workforce snapshots (ESR) at 31 March 2024, 2025 and 2026')
    """  # noqa: E501
    ys = sorted({int(y) for y in years})
    if len(ys) == 1:
        return f"hourly pay in the workforce snapshot (ESR) at 31 March {ys[0]}"
    return f"hourly pay in the workforce snapshots (ESR) at 31 March {_and(ys)}"


def when(years: Sequence[int]) -> str:
    ys = sorted({int(y) for y in years})
    return f"31 March {ys[-1]}" if len(ys) == 1 else f"31 March {ys[0]} to {ys[-1]}"


def extra(reference: str) -> str:
    """The footnote sentence every pay chart carries: the definition and the reference."""
    return (f"{DEFINITION} Compared with {reference_words(reference)}. Intervals: Welch/delta "
            "method (mean), McKean-Schrader order statistics (median).")


def gap_sentence(row: pd.Series | None, group: str, reference: str) -> str:
    """A headline gap in words.

    >>> r = pd.Series({"measure": "median_gap", "value": 4.2, "suppressed": False})
    >>> gap_sentence(r, "BME", "White")
    "BME staff's median hourly pay is 4.2% lower than all White staff's."
    """
    if row is None:
        return ""
    if bool(row.get("suppressed")):
        return "Withheld in publication-safe mode (too few people)."
    v = _num(row.get("value"))
    what = "median" if row["measure"] == "median_gap" else "mean"
    if v is None:
        return f"The {what} gap is not available."
    ref = reference_words(reference)
    if abs(v) < 0.05:
        return f"{group} staff's {what} hourly pay is the same as {ref}'s."
    way = "lower" if v > 0 else "higher"
    return f"{group} staff's {what} hourly pay is {abs(v):.1f}% {way} than {ref}'s."


def _axis_values(shown: list[dict], intervals: bool) -> list[float]:
    """The numbers a pay chart's axis must hold: each shown figure, and its interval's ends
    where intervals are drawn."""
    values = [float(r["value"]) for r in shown]
    if intervals:
        values += [v for r in shown for v in (_num(r["ci_low"]), _num(r["ci_high"]))
                   if v is not None]
    return values


def _zero_line(fig: Fig) -> None:
    fig.add_vline(x=0, line={"color": REFERENCE_COLOUR, "dash": "dash", "width": 1})


def gap_dots(rows: pd.DataFrame, text: ChartText, *, by: str = "level", drill: str = "",
             intervals: bool = True, label: Label = str, order: Sequence[str] | None = None
             ) -> go.Figure:
    """Mean and median gap (two marker shapes) per level (``by="level"``: bands,
    departments) or per group (``by="group"``: each ethnic group against the reference),
    with intervals and the line at 0. Withheld and missing figures are listed in words."""
    rows = rows[rows["measure"].isin(list(MEASURE_NAMES))] if rows is not None else rows
    if rows is None or rows.empty:
        return empty_figure(text, "No pay gaps for this breakdown.")
    recs = records(rows)
    keys = list(dict.fromkeys(order or [str(r[by]) for r in recs]))
    keys = [k for k in keys if any(str(r[by]) == k for r in recs)]
    disp = [category_short(label(k)) for k in keys] if by == "group" else keys
    labels = _unique_labels(disp)
    ylab = dict(zip(keys, labels, strict=True))
    fig = Fig()
    values: list[float] = []
    legend = []
    for measure, name in MEASURE_NAMES.items():
        shown = [r for r in recs if r["measure"] == measure and _status(r) == "shown"
                 and str(r[by]) in ylab]
        if not shown:
            continue
        legend.append(name)
        values += _axis_values(shown, intervals)
        fig.add_trace(_scatter(
            name=name, x=[float(r["value"]) for r in shown], y=[ylab[str(r[by])] for r in shown],
            mode="markers+text",
            marker={"color": MEASURE_COLOURS[measure], "size": 11,
                    "symbol": MEASURE_SYMBOLS[measure], "line": {"color": "white", "width": 1}},
            error_y=None, error_x=_err(shown, intervals),
            # Mean labels above the dot, median below: the two often sit close together.
            text=[_label_text(r) for r in shown],
            textposition="top center" if measure == "mean_gap" else "bottom center",
            textfont={"size": 11, "color": theme.NHS_BLACK}, cliponaxis=False,
            hovertext=[f"{name}<br>" + _hover(r, label, str(r["level"]) if by == "level" else "")
                       for r in shown],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=[_cd(drill if by == "level" else "", str(r["level"]), r) for r in shown],
            meta=_meta(shown, str(shown[0]["group"]) if by == "level" else "*"),
        ))
    lo = min([*values, 0.0])
    hi = max([*values, 0.0])
    pad = max(2.0, 0.08 * (hi - lo))
    rest_keys = [k for k in keys if not any(
        str(r[by]) == k and _status(r) == "shown" for r in recs)]
    rest = [next(r for r in recs if str(r[by]) == k) for k in rest_keys]
    _withheld_words(fig, rest, [ylab[k] for k in rest_keys], x=lo - pad, label=label,
                    drill=drill if by == "level" else "")
    _zero_line(fig)
    fig.update_xaxes(range=[lo - pad, hi + pad], ticksuffix="%", zeroline=False,
                     title={"text": GAP_AXIS, "font": {"size": 12}}, fixedrange=True)
    fig.update_yaxes(categoryorder="array", categoryarray=labels,
                     range=[len(labels) - 0.2, -0.95], fixedrange=True, tickfont={"size": 12})
    return _finish(fig, text, rows=len(keys), left_px=_left_margin(labels), legend=legend,
                   header_px=8, row_px=44)


def gap_trend(rows: pd.DataFrame, text: ChartText, *, intervals: bool = True,
              label: Label = str) -> go.Figure:
    """Mean and median gap of one group by year, with intervals and the line at 0."""
    rows = rows[rows["measure"].isin(list(MEASURE_NAMES))] if rows is not None else rows
    if rows is None or rows.empty:
        return empty_figure(text, "No pay gaps for these years.")
    recs = records(rows)
    years = sorted({int(r["year"]) for r in recs})
    fig = Fig()
    legend = []
    values: list[float] = [0.0]
    for measure, name in MEASURE_NAMES.items():
        mine = sorted((r for r in recs if r["measure"] == measure), key=lambda r: r["year"])
        shown = [r for r in mine if _status(r) == "shown"]
        if not mine:
            continue
        legend.append(name)
        values += _axis_values(shown, intervals)
        fig.add_trace(_scatter(
            name=name, x=[str(r["year"]) for r in shown], y=[float(r["value"]) for r in shown],
            mode="lines+markers+text",
            line={"color": MEASURE_COLOURS[measure], "width": 2},
            marker={"color": MEASURE_COLOURS[measure], "size": 10,
                    "symbol": MEASURE_SYMBOLS[measure]},
            error_y=_err(shown, intervals), text=[_label_text(r) for r in shown],
            textposition="top right", textfont={"size": 11, "color": theme.NHS_BLACK},
            cliponaxis=False,
            hovertext=[f"{name}, {r['year']}<br>" + _hover(r, label) for r in shown],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=[_cd("", "", r) for r in shown], meta=_meta(shown, str(mine[0]["group"])),
        ))
        gone = [r for r in mine if _status(r) != "shown"]
        if gone:
            fig.add_trace(_scatter(
                x=[str(r["year"]) for r in gone], y=[0.0] * len(gone), mode="text",
                text=[_word(r) for r in gone],
                textposition="bottom center", showlegend=False,
                textfont={"size": 11, "color": theme.NHS_DARK_GREY},
                hovertext=[_hover(r, label) for r in gone],
                hovertemplate="%{hovertext}<extra></extra>", meta={"withheld": True},
            ))
    lo, hi = min(values), max(values)
    pad = max(2.0, 0.1 * (hi - lo))
    fig.add_hline(y=0, line={"color": REFERENCE_COLOUR, "dash": "dash", "width": 1})
    fig.update_xaxes(type="category", categoryorder="array",
                     categoryarray=[str(y) for y in years], fixedrange=True,
                     title={"text": "WRES year (31 March)", "font": {"size": 12}})
    fig.update_yaxes(range=[lo - pad, hi + pad], ticksuffix="%", zeroline=False,
                     fixedrange=True, title={"text": "pay gap (positive = paid less)",
                                             "font": {"size": 12}})
    return _finish(fig, text, plot_px=300, legend=legend, left_px=70)


def quartile_bars(rows: pd.DataFrame, text: ChartText, *, label: Label = str,
                  order: Sequence[str] = QUARTERS) -> go.Figure:
    """Each group's percent of each pay quarter as stacked bars, Upper quarter at the top.
    A withheld share is not drawn; the quarter's bar says how many groups are withheld."""
    rows = rows[rows["measure"] == "quartile_share"] if rows is not None else rows
    if rows is None or rows.empty:
        return empty_figure(text, "No pay quarters for this selection.")
    recs = records(rows)
    levels = [q for q in order if any(str(r["level"]) == q for r in recs)]
    labels = levels  # a category axis draws the first at the bottom: Upper at the top
    groups = list(dict.fromkeys(str(r["group"]) for r in recs))
    fig = Fig()
    legend = []
    for i, g in enumerate(groups):
        mine = [r for r in recs if str(r["group"]) == g and _status(r) == "shown"
                and str(r["level"]) in levels]
        if not mine:
            continue
        name = category_short(label(g))
        legend.append(name)
        colour = theme.group_colour(g)
        fig.add_trace({"type": "bar", "orientation": "h", "name": name,
                       "x": [float(r["value"]) for r in mine],
                       "y": [str(r["level"]) for r in mine],
                       "marker": {"color": colour, "line": {"color": "white", "width": 1},
                                  "pattern": {"shape": ["", "/", ".", "x", "-", "|", "+"][i % 7],
                                              "fgcolor": "white", "size": 6}},
                       "text": [_label_text(r) for r in mine], "textposition": "inside",
                       "insidetextanchor": "middle",
                       "textfont": {"color": theme.text_on(colour)},
                       "hovertext": [_hover(r, label, str(r["level"])) for r in mine],
                       "hovertemplate": "%{hovertext}<extra></extra>",
                       "customdata": [_cd("", "", r) for r in mine],
                       "meta": _meta(mine, g)})
    withheld = {q: sum(1 for r in recs if str(r["level"]) == q and _status(r) == "withheld")
                for q in levels}
    for q, n in withheld.items():
        if n:
            fig.add_annotation(text=esc(f"{n} group{'s' if n > 1 else ''} {WITHHELD}"),
                               x=100, y=q, xanchor="left", showarrow=False, xshift=4,
                               font={"size": 11, "color": theme.NHS_DARK_GREY})
    fig.update_layout(barmode="stack")
    fig.update_xaxes(range=[0, 100], ticksuffix="%", fixedrange=True,
                     title={"text": "percent of the staff in each pay quarter",
                            "font": {"size": 12}})
    fig.update_yaxes(categoryorder="array", categoryarray=labels, fixedrange=True,
                     tickfont={"size": 12})
    return _finish(fig, text, rows=len(labels), legend=legend, left_px=110, right_px=110,
                   row_px=48)


def pay_rows(table: pd.DataFrame, **where) -> pd.DataFrame:
    """The pay rows of a results table, narrowed by column values (lists allowed)."""
    rows = table[table["indicator"] == INDICATOR]
    for column, value in where.items():
        values = value if isinstance(value, (list, tuple, set)) else [value]
        rows = rows[rows[column].isin(list(values))]
    return rows


# The methodology page's section (markdown): one text in the core, which the workbook's
# methodology sheet reads too.
METHODOLOGY = pay.METHOD_TEXT
