"""Indicators 5 to 8 (staff survey): White and BME percentages on each row (dumbbell),
percentages by year, and one bar per ethnic category against the White percentage.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme
from dashboard.captions import ChartText, category_short, esc
from dashboard.charts import national as national_lines
from dashboard.charts.labels import (
    Label,
    _group_order,
    _hover,
    _label_text,
    _symbol,
    _unique_labels,
    _word,
)
from dashboard.charts.layout import (
    MARKER_CLEAR_PX,
    REFERENCE_COLOUR,
    WHOLE,
    _bar,
    _cd,
    _connectors,
    _err,
    _finish,
    _label_column,
    _left_margin,
    _meta,
    _row_px,
    _scatter,
    empty_figure,
)
from dashboard.charts.values import _missing, _present, _status
from dashboard.figure import Fig
from dashboard.rows import records


def percent_dumbbell(
    rows: pd.DataFrame,
    text: ChartText,
    *,
    by: str = "level",
    order: Sequence[str] | None = None,
    names: dict[str, str] | None = None,
    label: Label = str,
    intervals: bool = True,
    drill: str = "",
    groups: Sequence[str] = ("White", "BME"),
    top: int | None = None,
    gap_rows: pd.DataFrame | None = None,
    whole: pd.DataFrame | None = None,
    own_name: str = "",
) -> go.Figure:
    """White and BME percentages on each row (an indicator, or a department), each with its
    95% interval a little above or below the row's line so the whiskers never overlap, a
    grey line between them, and the gap (BME minus White, in points, from the results
    table's ``gap`` rows) in a column at the right. Percent axis from zero.

    ``by``: the column that names a row ("level", or "indicator" for the overview of 5 to
    8, with ``names`` mapping it to words). ``order``: row keys top to bottom; ``top``: keep
    the first ``top`` of ``order``. ``whole``: in a drilled view, the whole organisation's
    rows (keyed as ``rows``), each an open marker on its row beside the level's own; the
    legend then names the level's markers after ``own_name``."""
    if rows is None or rows.empty:
        return empty_figure(text, "No survey figures for this selection.")
    recs = records(rows)
    for r in recs:
        r["_key"] = str(r[by])
    present = {r["_key"] for r in recs}
    keys = list(order) if order is not None else list(dict.fromkeys(r["_key"] for r in recs))
    keys = [k for k in keys if k in present]
    if top is not None:
        keys = keys[:top]
    names = names or {}
    labels = _unique_labels([names.get(k, k) for k in keys], wrap=34)
    pos = {k: float(i) for i, k in enumerate(keys)}
    fig = Fig()
    n_groups = len(groups)
    step = 0.28 if n_groups > 1 else 0.0
    shift = {g: (i - (n_groups - 1) / 2) * step for i, g in enumerate(groups)}
    segments = []
    for k in keys:
        vals = [float(r["value"]) for r in recs
                if r["_key"] == k and r["group"] in groups and _status(r) == "shown"]
        if len(vals) >= 2:
            segments.append((min(vals), max(vals), pos[k]))
    _connectors(fig, segments, line={"color": theme.NHS_MID_GREY, "width": 3})
    legend = []
    highs: list[float] = []
    missing: dict[str, list[str]] = {}  # row key -> "BME withheld", ...
    for i, g in enumerate(groups):
        by_key: dict[str, list[dict]] = {}
        for r in recs:
            if r["group"] == g:
                by_key.setdefault(r["_key"], []).append(r)
        gr = [r for k in keys for r in by_key.get(k, ())]
        ok = [r for r in gr if _status(r) == "shown"]
        for r in gr:
            if _status(r) != "shown":
                word = _word(r)
                missing.setdefault(r["_key"], []).append(f"{label(g)} {word}")
        if not ok:
            continue
        highs += [float(r["value"]) for r in ok]
        if intervals:
            highs += _present(r["ci_high"] for r in ok)
        err = _err(ok, intervals)
        if err:
            err["color"] = theme.group_colour(g)
        name = f"{own_name}: {label(g)}" if whole is not None and own_name else label(g)
        fig.add_trace(_scatter(
            x=[float(r["value"]) for r in ok], y=[pos[r["_key"]] + shift[g] for r in ok],
            mode="markers", name=esc(name), cliponaxis=False,
            marker={"color": theme.group_colour(g), "size": 12, "symbol": _symbol(g, i),
                    "line": {"color": "white", "width": 1}},
            error_x=err,
            hovertext=[_hover(r, label, names.get(r["_key"], r["_key"])) for r in ok],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=[_cd(drill if by == "level" else "", str(r["level"]), r) for r in ok],
            meta=_meta(ok, g),
        ))
        legend.append(name)
    if whole is not None:
        legend += _whole_markers(fig, records(whole), by, keys, pos, shift, groups,
                                 label=label, names=names, highs=highs)
    xmax = min(100.0, max(highs + [10.0]) * 1.08)
    # The right-hand column: the gap where it is shown, else which figure is withheld (said
    # there rather than on the plot, where it would sit on the other group's whisker).
    gap_by_key: dict[str, dict] = {}
    for r in records(gap_rows):
        gap_by_key.setdefault(str(r[by]), r)
    col_y, col_text, col_hover, col_cd = [], [], [], []
    for k in keys:
        r = gap_by_key.get(k)
        if r is not None and _status(r) == "shown":
            text_ = _label_text(r)
        elif k in missing:
            text_ = "; ".join(missing[k])
        elif r is not None:
            text_ = _label_text(r)
        else:
            continue
        col_y.append(pos[k])
        col_text.append(text_)
        col_hover.append(_hover(r, label, names.get(k, k)) if r is not None else esc(text_))
        col_cd.append(_cd("", "", r, shown=_status(r) == "shown") if r is not None
                      else _cd())
    if col_y:
        _label_column(fig, col_y, col_text, hover=col_hover,
                      header="gap (points)" if gap_rows is not None else "",
                      meta={"gap": True})
        fig.data[-1]["customdata"] = col_cd
    fig.update_layout(xaxis={"title": {"text": "percent of respondents", "font": {"size": 12}},
                             "range": [0, xmax], "ticksuffix": "%", "rangemode": "tozero",
                             "fixedrange": True})
    fig.update_yaxes(autorange="reversed", tickvals=list(range(len(keys))), ticktext=labels,
                     range=[len(keys) - 0.5, -0.5], fixedrange=True, tickfont={"size": 12},
                     showgrid=False, zeroline=False, ticklabelstandoff=MARKER_CLEAR_PX)
    return _finish(fig, text, rows=len(keys), legend=legend,
                   left_px=_left_margin(labels) + MARKER_CLEAR_PX,
                   row_px=max(_row_px(labels), 34), header_px=8)


def _whole_markers(fig: Fig, recs: list[dict], by: str, keys: Sequence[str],
                   pos: dict[str, float], shift: dict[str, float], groups: Sequence[str], *,
                   label: Label, names: dict[str, str], highs: list[float]) -> list[str]:
    """The whole organisation's figure of each group on each row, an open marker in the
    group's colour on the group's line; the legend names, one per group drawn. ``highs``
    takes the figures drawn (for the axis)."""
    legend = []
    for g in groups:
        ok = [r for k in keys for r in recs
              if str(r[by]) == k and r["group"] == g and _status(r) == "shown"]
        if not ok:
            continue
        name = f"{WHOLE}: {label(g)}"
        highs += [float(r["value"]) for r in ok]
        fig.add_trace(_scatter(
            x=[float(r["value"]) for r in ok], y=[pos[str(r[by])] + shift[g] for r in ok],
            mode="markers", name=esc(name), cliponaxis=False,
            # An open symbol is drawn in the marker's colour (a white one was invisible).
            marker={"color": theme.group_colour(g), "size": 13, "symbol": "circle-open",
                    "line": {"color": theme.group_colour(g), "width": 2.5}},
            hovertext=[_hover(r, label, f"{WHOLE}, {names.get(str(r[by]), str(r[by]))}")
                       for r in ok],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=[_cd("", "", r) for r in ok],
            meta={**_meta(ok, g), "whole": True,
                  "values": {str(r[by]): float(r["value"]) for r in ok}},
        ))
        legend.append(name)
    return legend


def _text_positions(series: dict[str, dict[int, float]]) -> dict[str, dict[int, str]]:
    """Per year, the highest series' label goes above its point and the lowest below, so
    that labels of close values do not collide."""
    years = sorted({y for pts in series.values() for y in pts})
    out: dict[str, dict[int, str]] = {k: {} for k in series}
    for y in years:
        here = sorted(((pts[y], k) for k, pts in series.items() if y in pts), reverse=True)
        for rank, (v, k) in enumerate(here):
            # Right of the point, clear of its vertical whisker.
            if rank == 0:
                out[k][y] = "top right"
            elif rank == len(here) - 1:
                out[k][y] = "bottom right"
            else:  # a middle line: its label goes to the side with more room
                room_up, room_down = here[rank - 1][0] - v, v - here[rank + 1][0]
                out[k][y] = "top right" if room_up >= room_down else "bottom right"
    return out


def percent_trend(
    rows: pd.DataFrame,
    text: ChartText,
    *,
    label: Label = str,
    intervals: bool = True,
    reference: pd.DataFrame | None = None,
    reference_label: str = "",
    y_title: str = "percent",
    counts: bool = False,
    national: bool = False,
    whole: pd.DataFrame | None = None,
    own_name: str = "",
) -> go.Figure:
    """Percentages by year, one line per group (White, BME, ...) or per ``_series`` (a
    column the page adds to name several lines of one group), with 95% intervals and each
    point labelled (``counts``: with "k of n"); percent axis from zero. ``reference``: rows
    drawn as a dark grey dashed line (indicator 9: the workforce share). ``national``: the
    national figure of each year shown, for the lines and the reference alike. ``whole``: in
    a drilled view, the whole organisation's rows of each group, a thinner dotted line of
    open markers in the group's colour beside the level's own, whose lines are then named
    after ``own_name``."""
    if rows is None or rows.empty:
        return empty_figure(text, "No figures for this selection.")
    recs = records(rows)
    refs = records(reference) if reference is not None and not reference.empty else []
    years = sorted({int(r["year"]) for r in recs} | {int(r["year"]) for r in refs})
    named = "_series" in rows.columns
    lookup: dict[str, list[dict]] = {}
    for r in recs:
        key = r["_series" if named else "group"]
        if not _missing(key):  # as pandas' groupby, which leaves out missing keys
            lookup.setdefault(str(key), []).append(r)
    order = list(lookup) if named else _group_order(list(lookup))
    by_year = lambda r: r["year"]  # noqa: E731
    ref_ok = sorted((r for r in refs if _status(r) == "shown"), key=by_year)
    points = {k: {int(r["year"]): float(r["value"]) for r in lookup[k]
                  if _status(r) == "shown"} for k in order}
    if ref_ok:
        points["_ref"] = {int(r["year"]): float(r["value"]) for r in ref_ok}
    where = _text_positions(points)
    fig = Fig()
    legend = []
    highs: list[float] = [10.0]
    n = len(order)
    for i, key in enumerate(order):
        sr = sorted(lookup[key], key=by_year)
        group = str(sr[0]["group"])
        name = key if named else label(group)
        if whole is not None and own_name:
            name = f"{own_name}: {name}"
        colour = theme.group_colour(group)
        ok = [r for r in sr if _status(r) == "shown"]
        offset = (i - (n - 1) / 2) * 0.06
        highs += [float(r["value"]) for r in ok]
        if intervals:
            highs += _present(r["ci_high"] for r in ok)
        err = _err(ok, intervals)
        if err:
            err["color"] = colour
        fig.add_trace(_scatter(
            x=[int(r["year"]) + offset for r in ok], y=[float(r["value"]) for r in ok],
            mode="lines+markers+text", name=esc(name),
            line={"color": colour, "width": 2.5,
                  "dash": ("solid", "dot", "dashdot")[i % 3] if named else "solid"},
            marker={"color": colour, "size": 11,
                    "symbol": (("diamond", "circle-open", "square")[i % 3] if named
                               else _symbol(group, i)),
                    "line": {"color": colour, "width": 2}},
            error_y=err, text=[_label_text(r, counts=counts) for r in ok],
            textposition=[where[key].get(int(r["year"]), "top right") for r in ok],
            textfont={"size": 12, "color": theme.NHS_BLACK},
            hovertext=[_hover(r, label, str(int(r["year"]))) for r in ok],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=[_cd("", "", r) for r in ok],
            meta={**_meta(sr, group), "series": name},
        ))
        legend.append(name)
        for r in sr:
            if _status(r) != "shown":
                word = _word(r)
                fig.add_annotation(x=int(r["year"]) + offset, y=0, yref="y", yanchor="bottom",
                                   text=f"{esc(name)}: {word}", showarrow=False,
                                   textangle=-90, font={"size": 10,
                                                        "color": theme.NHS_DARK_GREY})
    if ref_ok:
        highs += [float(r["value"]) for r in ref_ok]
        fig.add_trace(_scatter(
            x=[int(r["year"]) for r in ref_ok], y=[float(r["value"]) for r in ref_ok],
            mode="lines+markers+text", name=esc(reference_label),
            line={"color": REFERENCE_COLOUR, "dash": "dash", "width": 2},
            marker={"symbol": "line-ew-open", "size": 12,
                    "line": {"color": REFERENCE_COLOUR, "width": 2}},
            text=[_label_text(r, counts=counts) for r in ref_ok],
            textposition=[where["_ref"].get(int(r["year"]), "top right") for r in ref_ok],
            textfont={"size": 11, "color": REFERENCE_COLOUR},
            hovertext=[_hover(r, label, str(int(r["year"]))) for r in ref_ok],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=[_cd("", "", r) for r in ref_ok],
            meta={**_meta(ref_ok, str(ref_ok[0]["group"])), "reference": True},
        ))
        legend.append(reference_label)
    if whole is not None:
        legend += _whole_lines(fig, records(whole), years, label=label, highs=highs)
    if national:
        both = recs + refs
        highs += national_lines.values(both, years)
        legend += national_lines.by_year(fig, both, years, label=label)
    fig.update_yaxes(range=[0, min(100.0, max(highs) * 1.2)], ticksuffix="%",
                     rangemode="tozero", fixedrange=True,
                     title={"text": y_title, "font": {"size": 12}})
    fig.update_xaxes(tickvals=years, ticktext=[str(y) for y in years],
                     range=[years[0] - 0.5, years[-1] + 0.5], fixedrange=True,
                     title={"text": "WRES reporting year", "font": {"size": 12}})
    return _finish(fig, text, plot_px=300, legend=legend, left_px=70)


def _whole_lines(fig: Fig, recs: list[dict], years: Sequence[int], *, label: Label,
                 highs: list[float]) -> list[str]:
    """The whole organisation's figure of each group and year, a dotted line of open
    markers in the group's colour, a little right of the year (clear of the level's own
    whiskers); the legend names. ``highs`` takes the figures drawn."""
    legend = []
    by_group: dict[str, list[dict]] = {}
    for r in recs:
        if _status(r) == "shown" and int(r["year"]) in years:
            by_group.setdefault(str(r["group"]), []).append(r)
    for group in _group_order(list(by_group)):
        ok = sorted(by_group[group], key=lambda r: int(r["year"]))
        colour = theme.group_colour(group)
        name = f"{WHOLE}: {label(group)}"
        highs += [float(r["value"]) for r in ok]
        fig.add_trace(_scatter(
            x=[int(r["year"]) + 0.12 for r in ok], y=[float(r["value"]) for r in ok],
            mode="lines+markers", name=esc(name),
            line={"color": colour, "width": 1.5, "dash": "dot"},
            marker={"color": colour, "size": 10, "symbol": "circle-open",
                    "line": {"color": colour, "width": 2}},
            hovertext=[_hover(r, label, f"{WHOLE}, {int(r['year'])}") for r in ok],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=[_cd("", "", r) for r in ok],
            meta={**_meta(ok, group), "whole": True,
                  "values": {int(r["year"]): float(r["value"]) for r in ok}},
        ))
        legend.append(name)
    return legend


def percent_bars(
    rows: pd.DataFrame,
    text: ChartText,
    *,
    label: Label = str,
    intervals: bool = True,
    reference: float | None = None,
    reference_label: str = "",
    sort: bool = True,
) -> go.Figure:
    """One bar per group (each ethnic category) with its 95% interval, coloured by its broad
    group, against a reference line (the White percentage); percent axis from zero; the
    figure and "k of n" in a column at the right. Withheld groups say so."""
    if rows is None or rows.empty:
        return empty_figure(text, "No figures for this selection.")
    recs = records(rows)
    for r in recs:
        r["_status"] = _status(r)
    shown = [r for r in recs if r["_status"] == "shown"]
    if sort:
        shown.sort(key=lambda r: float(r["value"]), reverse=True)
    ordered = shown + [r for r in recs if r["_status"] != "shown"]
    groups = [str(r["group"]) for r in ordered]
    labels = _unique_labels([category_short(label(g)) for g in groups])
    fig = Fig()
    fig.add_trace(_bar(
        x=[float(r["value"]) if r["_status"] == "shown" else 0.0 for r in ordered],
        y=labels, orientation="h",
        marker={"color": [theme.group_colour(g) for g in groups]},
        error_x=_err(ordered, intervals),
        hovertext=[_hover(r, label) for r in ordered],
        hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
        customdata=[_cd("", "", r, shown=r["_status"] == "shown") for r in ordered],
        meta=_meta(ordered, "*"),
    ))
    _label_column(fig, labels, [_label_text(r, counts=True) for r in ordered],
                  header="percent (k of n)")
    legend = []
    if reference is not None:
        fig.add_vline(reference, line={"color": REFERENCE_COLOUR, "dash": "dash", "width": 2})
        legend.append(reference_label)
        fig.add_trace(_scatter(x=[None], y=[None], mode="lines", name=esc(reference_label),
                               line={"color": REFERENCE_COLOUR, "dash": "dash"},
                               hoverinfo="skip", meta={"reference": reference}))
    top = max(_present(r["ci_high" if intervals else "value"] for r in shown) +
              [float(r["value"]) for r in shown] + [reference or 0.0, 10.0])
    fig.update_layout(xaxis={"range": [0, min(100.0, top * 1.1)], "ticksuffix": "%",
                             "rangemode": "tozero", "fixedrange": True,
                             "title": {"text": "percent of respondents",
                                       "font": {"size": 12}}})
    fig.update_yaxes(autorange="reversed", fixedrange=True, tickfont={"size": 12})
    fig.update_layout(bargap=0.3)
    return _finish(fig, text, rows=len(groups), legend=legend, left_px=_left_margin(labels),
                   header_px=8)
