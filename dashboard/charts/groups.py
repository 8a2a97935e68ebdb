"""Each ethnic group of the level shown (White and BME, the broad groups, or every ethnic
category), one row per group, for the latest year or as a trend over the years compared.

One figure builder, :func:`groups_by_year`, for every indicator family: shares and survey
percents on a percent axis from zero, relative likelihoods on a log axis around 1 with the
non-adverse range shaded, gaps and differences in points around 0. Each year is a dot on
the group's row (older years lighter and open, the latest filled with its 95% interval and
its figure printed), joined by a grey line, so a group's change over the years reads along
its row and dozens of categories stay legible (a line per category would not be).

It follows the conventions of the ``dashboard.charts`` package (whose shared parts it uses):
constant group colours, the year also told by marker symbol and the legend, withheld figures
said in words ("withheld in 2024"), never drawn as a number, and every point carrying the
``customdata`` that names its results row.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme
from dashboard.captions import WITHHELD, ChartText, category_short, esc
from dashboard.charts.labels import _group_order, _hover, _label_text, _unique_labels
from dashboard.charts.layout import (
    REFERENCE_COLOUR,
    ROW_PX,
    WHOLE,
    _cd,
    _connectors,
    _err,
    _finish,
    _label_column,
    _left_margin,
    _meta,
    _scatter,
    empty_figure,
)
from dashboard.charts.ratio import (
    ZERO_TEXT,
    _band_legend,
    _floor,
    _is_zero,
    _non_adverse,
    _ratio_axis,
    _ratio_range,
    _ratio_symbols,
    _zero_err,
    _zero_legend,
)
from dashboard.charts.values import _present, _status
from dashboard.figure import Fig
from dashboard.rows import records

__all__ = ["SCALES", "groups_by_year"]

SCALES = ("percent", "ratio", "points", "gap")
# Oldest to latest; the latest is filled (the figure the row is about).
_YEAR_SYMBOLS = ("circle-open", "square-open", "diamond-open", "triangle-up-open", "circle")


def _order(groups: list[str]) -> list[str]:
    """The reading order of ``dashboard.charts`` (BME, other groups, White, Unknown)."""
    return _group_order(groups)


def groups_by_year(
    rows: pd.DataFrame,
    text: ChartText,
    *,
    scale: str = "percent",
    label=str,
    intervals: bool = True,
    axis_title: str = "",
    reference: float | None = None,
    reference_label: str = "",
    count_column: bool = False,
    whole: pd.DataFrame | None = None,
    own_name: str = "",
) -> go.Figure:
    """One row per group of ``rows`` (results rows of one measure and dimension), a dot per
    year. ``scale``: "percent", "ratio" (log axis, non-adverse range), "points" (a signed
    difference, line at 0) or "gap" (a signed percent, line at 0: the pay gap).
    ``reference``: a dashed line (for survey percents, all White
    staff in the latest year), named ``reference_label`` in the legend. A column at the
    right prints each row's latest figure (``count_column``: with "k of n") and the years
    withheld or not available. ``whole``: in a drilled view, the whole organisation's rows
    of the same measure (one year), each shown figure a black tick on its group's row, named
    "whole organisation, <year>" in the legend; a group the level lacks gets no tick. The
    level's latest dots are then named "``own_name``, <year>", so the two marks read apart."""
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {SCALES}")
    if rows is None or rows.empty:
        return empty_figure(text, "No figures for this selection.")
    recs = records(rows)
    groups = _order([str(r["group"]) for r in recs])
    labels = dict(zip(groups, _unique_labels(
        [category_short(label(g)) for g in groups]), strict=True))
    years = sorted({int(r["year"]) for r in recs})
    latest = years[-1]
    status = {id(r): _status(r) for r in recs}
    shown = [r for r in recs if status[id(r)] == "shown"]

    values = [float(r["value"]) for r in shown]
    if intervals:
        values += _present(r.get("ci_low") for r in shown if int(r["year"]) == latest)
        values += _present(r.get("ci_high") for r in shown if int(r["year"]) == latest)
    if reference is not None:
        values.append(float(reference))
    org = [r for r in records(whole) if str(r["group"]) in set(groups)
           and _status(r) == "shown"] if whole is not None and not whole.empty else []
    values += [float(r["value"]) for r in org]
    floor = None
    if scale == "ratio":
        # A ratio of 0 (no one in the group with the outcome) is drawn at the axis's low
        # edge as an arrow head, its tick "0" and its label "0 (none)", as on every ratio
        # chart (``dashboard.charts.ratio``): never as a small ratio or "0.00".
        rng = _ratio_range(values)
        floor = _floor(rng)
        left = 10 ** rng[0]
    elif scale == "percent":
        rng = [0.0, min(100.0, max([10.0, *values]) * 1.1)]
        left = 0.0
    else:
        span = max([2.0, *(abs(v) for v in values)]) * 1.15
        rng = [-span, span]
        left = -span

    def x_of(r: dict) -> float:
        v = float(r["value"])
        return max(v, floor) if floor is not None else v

    fig = Fig()
    segments = []
    for g in groups:
        xs = [x_of(r) for r in shown if str(r["group"]) == g]
        if len(xs) >= 2:
            segments.append((min(xs), max(xs), labels[g]))
    _connectors(fig, segments, line={"color": theme.NHS_MID_GREY, "width": 2})
    legend: list[str] = []
    n = len(years)
    for i, year in enumerate(years):
        yr = [r for g in groups for r in shown if str(r["group"]) == g and int(r["year"]) == year]
        if not yr:
            continue
        last = year == latest
        symbol = _YEAR_SYMBOLS[-1] if last else _YEAR_SYMBOLS[(i + 5 - n) % 4]
        colours = [theme.group_colour(str(r["group"])) for r in yr]
        err = _err(yr, intervals and last)
        year_symbol = symbol
        if scale == "ratio":
            err = _zero_err(err, yr, rng)
            symbol = _ratio_symbols(yr, symbol, "x")
        fig.add_trace(_scatter(
            x=[x_of(r) for r in yr], y=[labels[str(r["group"])] for r in yr],
            mode="markers", cliponaxis=False,
            name=esc(f"{own_name}, {year}") if last and org and own_name else str(year),
            # An open symbol is drawn in its marker colour (its outline), so earlier years
            # keep the group's colour and differ from the latest by shape and fill.
            marker={"color": colours, "size": 12 if last else 10, "symbol": symbol,
                    "line": {"color": colours, "width": 2} if last else {"width": 2}},
            error_x=err,
            hovertext=[_hover(r, label, str(year)) for r in yr],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=[_cd("", "", r) for r in yr],
            meta={**_meta(yr, "*"), "year": year},
        ))
        if not (last and org and own_name) and n > 1:
            # The dots take each group's colour, so the year's legend swatch would show the
            # first group's: the legend gets a neutral one of the year's shape instead.
            fig.data[-1]["showlegend"] = False
            fig.add_trace(_scatter(
                x=[None], y=[None], mode="markers", name=str(year), showlegend=True,
                marker={"color": theme.NHS_MID_GREY, "size": 12 if last else 10,
                        "symbol": year_symbol,
                        "line": {"color": theme.NHS_MID_GREY, "width": 2}},
                hoverinfo="skip", meta={"legend": year}))
        legend.append(f"{own_name}, {year}" if last and org and own_name else str(year))
    # The latest figure of each row, and which years are withheld or not available, in a
    # column of their own at the right (never on the dots, whiskers or reference lines).
    column, cds, hovers, hidden_y = [], [], [], []
    for g in groups:
        rs = sorted((r for r in recs if str(r["group"]) == g), key=lambda r: int(r["year"]))
        now = [r for r in rs if int(r["year"]) == latest]
        parts = [ZERO_TEXT if scale == "ratio" and _is_zero(now[0])
                 else _label_text(now[0], counts=count_column)] \
            if now and status[id(now[0])] == "shown" else []
        gone = [r for r in rs if status[id(r)] != "shown"]
        for word in (WITHHELD, "not available"):
            yrs = [str(int(r["year"])) for r in gone
                   if (status[id(r)] == "withheld") == (word == WITHHELD)]
            if yrs:
                parts.append(word if n == 1 else f"{word} in {', '.join(yrs)}")
        column.append("; ".join(parts))
        for r in rs:
            if status[id(r)] != "shown":
                hidden_y.append(labels[g])
                cds.append(_cd("", "", r, shown=False))
                hovers.append(_hover(r, label, str(int(r["year"]))))
    if hidden_y:
        # Invisible points for the withheld figures: their hover says why, and their
        # customdata names the results rows (a test checks them).
        fig.add_trace(_scatter(
            x=[left] * len(hidden_y), y=hidden_y, mode="markers", showlegend=False,
            marker={"size": 8, "opacity": 0}, hovertext=hovers,
            hovertemplate="%{hovertext}<extra></extra>", customdata=cds,
            meta={"withheld": True}, cliponaxis=False))
    if org and own_name:
        # The level's dots take each group's colour; a legend swatch would show the first
        # group's, so the level's entry is a neutral dot of its own.
        for trace in fig.data:
            if trace.get("name") == esc(f"{own_name}, {latest}"):
                trace["showlegend"] = False
        fig.add_trace(_scatter(x=[None], y=[None], mode="markers",
                               name=esc(f"{own_name}, {latest}"), showlegend=True,
                               marker={"color": theme.NHS_MID_GREY, "size": 12},
                               hoverinfo="skip", meta={"own": True}))
    if org:
        legend.append(_whole_ticks(fig, org, labels, x_of, label))
    if reference is not None:
        fig.add_vline(float(reference), line={"color": REFERENCE_COLOUR, "width": 2,
                                              "dash": "dash"})
        fig.add_trace(_scatter(x=[None], y=[None], mode="lines",
                                      name=esc(reference_label),
                                      line={"color": REFERENCE_COLOUR, "dash": "dash"},
                                      hoverinfo="skip", meta={"reference": reference}))
        legend.append(reference_label)
    if scale == "ratio":
        _non_adverse(fig, axis="x")
        legend.append(_band_legend(fig))
        legend += _zero_legend(fig, shown, "x")
        fig.update_xaxes(**_ratio_axis(rng, shown))
    elif scale == "percent":
        fig.update_xaxes(range=rng, ticksuffix="%", rangemode="tozero")
    else:
        fig.add_vline(0, line={"color": REFERENCE_COLOUR, "width": 1.5}, layer="below")
        fig.update_xaxes(range=rng, ticksuffix="%" if scale == "gap" else " pts",
                         zeroline=False)
    fig.update_xaxes(fixedrange=True, title={"text": axis_title, "font": {"size": 12}})
    order = [labels[g] for g in groups]
    # After the x axes are set: their updates would reach the label column's own axis too.
    _label_column(fig, [labels[g] for g in groups], column,
                         header=f"{latest}" + (" (k of n)" if count_column else "")
                         + (", and years withheld" if n > 1 and hidden_y else ""))
    fig.update_yaxes(categoryorder="array", categoryarray=order,
                     range=[len(order) - 0.5, -0.6], fixedrange=True, tickfont={"size": 12})
    if n == 1 and not (org and own_name):  # one year: the legend would name it only
        for trace in fig.data:
            if trace.get("name") == str(latest):
                trace["showlegend"] = False
        legend = [x for x in legend if x != str(latest)]
    return _finish(fig, text, rows=len(groups), legend=legend,
                          left_px=_left_margin(order), header_px=8,
                          row_px=34 if n > 1 else ROW_PX)


def _whole_ticks(fig: Fig, org: list[dict], labels: dict[str, str], x_of, label) -> str:
    """The whole organisation's figure of each group (``org``) as a black tick across the
    group's row, as on the likelihood page's group bars: a mark unlike the years' dots, so
    it is never read as one of the level's years. Returns its legend name."""
    years = sorted({int(r["year"]) for r in org})
    name = f"{WHOLE}, {', '.join(map(str, years))}"
    fig.add_trace(_scatter(
        x=[x_of(r) for r in org], y=[labels[str(r["group"])] for r in org], mode="markers",
        name=esc(name), cliponaxis=False, showlegend=True,
        marker={"symbol": "line-ns-open", "size": 22, "color": theme.NHS_BLACK,
                "line": {"color": theme.NHS_BLACK, "width": 3}},
        hovertext=[_hover(r, label, f"{WHOLE}, {int(r['year'])}") for r in org],
        hovertemplate="%{hovertext}<extra></extra>",
        customdata=[_cd("", "", r) for r in org],
        meta={"whole": True, "values": {str(r["group"]): float(r["value"]) for r in org}},
    ))
    return name
