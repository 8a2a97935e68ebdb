"""Organisations side by side (a multi-organisation upload): ranked dots with intervals.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme
from dashboard.captions import ChartText, fmt_value
from dashboard.charts.labels import Label, _hover, _label_text, _symbol, _unique_labels
from dashboard.charts.layout import (
    MARKER_CLEAR_PX,
    _cd,
    _err,
    _finish,
    _left_margin,
    _meta,
    _scatter,
    _withheld_words,
    empty_figure,
)
from dashboard.charts.ratio import (
    _band_legend,
    _non_adverse,
    _ratio_axis,
    _ratio_positions,
    _ratio_range,
    _ratio_symbols,
    _ratio_texts,
    _zero_err,
    _zero_legend,
)
from dashboard.charts.values import _num, _status
from dashboard.figure import Fig
from dashboard.rows import records


def ranked_dots(
    rows: pd.DataFrame,
    text: ChartText,
    *,
    ratio: bool,
    reference: float | None = None,
    intervals: bool = True,
    label: Label = str,
) -> go.Figure:
    """Organisations (or any levels) in the order given (``wres_core.ranking.rank``: worst
    first, on the conservative end of the interval), one dot and interval each, first at the
    top. Ratios on a log axis with the non-adverse range; percentages on 0 to 100 with the
    ``reference`` line (all organisations combined). Withheld rows say so at the bottom."""
    if rows is None or rows.empty:
        return empty_figure(text, "No figures for this comparison.")
    recs = records(rows)
    status = [_status(r) for r in recs]
    shown = [(i, r) for i, r in enumerate(recs) if status[i] == "shown"]
    rest = [(i, r) for i, r in enumerate(recs) if status[i] != "shown"]
    labels = _unique_labels([str(r["level"]) for r in recs])
    rows_shown = [r for _, r in shown]
    fig = Fig()
    err = _err(rows_shown, intervals)
    group = str(rows_shown[0]["group"]) if rows_shown else ""
    symbol = _symbol(group)
    if ratio:
        vals = [_num(r["value"]) for _, r in shown]
        if intervals:
            vals += [_num(r["ci_low"]) for _, r in shown] + \
                [_num(r["ci_high"]) for _, r in shown]
        rng = _ratio_range(vals)
        xs = _ratio_positions(rows_shown, rng)
        err = _zero_err(err, rows_shown, rng)
        symbol = _ratio_symbols(rows_shown, symbol, "x")
        left = 10 ** rng[0]
    else:
        xs = [float(r["value"]) for _, r in shown]
        left = 0.0
    if shown:
        fig.add_trace(_scatter(
            x=xs, y=[labels[i] for i, _ in shown], mode="markers+text",
            marker={"color": theme.group_colour(group), "size": 12, "symbol": symbol,
                    "line": {"color": "white", "width": 1}},
            error_x=err,
            text=(_ratio_texts(rows_shown, _label_text) if ratio
                  else [_label_text(r) for r in rows_shown]),
            textposition="top center", textfont={"size": 11, "color": theme.NHS_BLACK},
            cliponaxis=False, showlegend=False,
            hovertext=[_hover(r, label, str(r["level"])) for r in rows_shown],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=[_cd("org", str(r["level"]), r) for r in rows_shown],
            meta=_meta(rows_shown, group)))
    _withheld_words(fig, [r for _, r in rest], [labels[i] for i, _ in rest], x=left,
                    label=label, drill="org")
    legend: list[str] = []
    if ratio:
        _non_adverse(fig, axis="x")
        legend += [_band_legend(fig), *_zero_legend(fig, rows_shown, "x")]
        fig.update_xaxes(**_ratio_axis(rng, rows_shown), fixedrange=True,
                         title={"text": "relative likelihood (1 = equal; right = worse for "
                                        "the compared group)", "font": {"size": 12}})
    else:
        if reference is not None:
            fig.add_vline(reference, line={"color": theme.NHS_DARK_GREY, "dash": "dash",
                                           "width": 1.5})
            fig.add_annotation(x=reference, y=1, yref="paper", yanchor="bottom",
                               text=f"all combined {fmt_value('percent', reference)}",
                               showarrow=False, font={"size": 11,
                                                      "color": theme.NHS_DARK_GREY})
        fig.update_xaxes(range=[0, 100], ticksuffix="%", fixedrange=True,
                         title={"text": "per cent", "font": {"size": 12}})
    # A percent of 0 sits on the axis, drawn unclipped: labels stand off by a marker.
    fig.update_yaxes(categoryorder="array", categoryarray=labels,
                     range=[len(labels) - 0.5, -0.95], fixedrange=True, tickfont={"size": 12},
                     ticklabelstandoff=MARKER_CLEAR_PX)
    return _finish(fig, text, rows=len(labels), left_px=_left_margin(labels) + MARKER_CLEAR_PX,
                   legend=legend,
                   header_px=8)
