"""Indicators 2 to 4 (appointment from shortlisting, disciplinary, training): the relative
likelihood by year, sorted ratio dots by level or ethnic group, and each group's
likelihood as bars.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme
from dashboard.captions import WITHHELD, ChartText, category_short, esc
from dashboard.charts import national as national_lines
from dashboard.charts.axes import proportion_axis
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
    REFERENCE_COLOUR,
    WHOLE,
    _bar,
    _cd,
    _err,
    _finish,
    _label_column,
    _left_margin,
    _meta,
    _scatter,
    _withheld_words,
    empty_figure,
)
from dashboard.charts.ratio import (
    _band_legend,
    _floor,
    _is_zero,
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


def ratio_trend(
    rows: pd.DataFrame,
    text: ChartText,
    *,
    series: dict[str, str] | None = None,
    intervals: bool = True,
    label: Label = str,
    national: bool = False,
    whole: pd.DataFrame | None = None,
    own_name: str = "",
) -> go.Figure:
    """Relative likelihood by year, with 95% intervals, the line at 1 and the non-adverse
    range 0.80 to 1.25 shaded, on a log axis (a ratio of 2 and of 0.5 are equally far from
    1). ``series``: measure -> legend name, for several measures (indicator 3: two-year
    against single-year) offset side by side within each year. ``national``: the national
    figure of each year shown (``dashboard.charts.national``). ``whole``: in a drilled
    view, the whole organisation's figure of each year (rows of the first series' measure),
    drawn grey and dotted beside the level's own, whose series are then named in the legend
    after ``own_name`` (the level)."""
    if rows is None or rows.empty:
        return empty_figure(text, "No relative likelihood for this selection.")
    recs = records(rows)
    series = series or {str(recs[0]["measure"]): "relative likelihood"}
    years = sorted({int(r["year"]) for r in recs})
    fig = Fig()
    legend = []
    symbols = ("diamond", "circle", "square")  # later series: white fill, coloured edge
    n = len(series)
    all_vals: list[float | None] = []
    for measure in series:
        ok = [r for r in recs if r["measure"] == measure and _status(r) == "shown"]
        all_vals += [_num(r["value"]) for r in ok]
        if intervals:
            all_vals += [_num(r["ci_low"]) for r in ok] + [_num(r["ci_high"]) for r in ok]
    drawn = [r for r in recs if r["measure"] in series and _status(r) == "shown"]
    org = [r for r in records(whole) if _status(r) == "shown" and int(r["year"]) in years]
    all_vals += [_num(r["value"]) for r in org]
    if national:
        all_vals += national_lines.values(drawn, years)
    rng = _ratio_range(all_vals)
    slots = n + (1 if whole is not None else 0)  # the whole organisation's points last
    if whole is not None and own_name:
        series = {m: (own_name if n == 1 else f"{own_name}: {name}")
                  for m, name in series.items()}
    for i, (measure, name) in enumerate(series.items()):
        sr = sorted((r for r in recs if r["measure"] == measure), key=lambda r: r["year"])
        if not sr:
            continue
        group = str(sr[0]["group"])
        colour = theme.group_colour(group)
        offset = (i - (slots - 1) / 2) * 0.18
        shown = [r for r in sr if _status(r) == "shown"]
        for r in sr:
            if _status(r) != "shown":
                fig.add_annotation(x=int(r["year"]) + offset, y=0, yref="y", showarrow=False,
                                   text=WITHHELD if _status(r) == "withheld"
                                   else "not available", textangle=-90,
                                   font={"size": 11, "color": theme.NHS_DARK_GREY})
        err = _zero_err(_err(shown, intervals), shown, rng)
        if err:
            err["color"] = colour
        if not shown and whole is not None:
            # Named in the legend even with every year withheld (a trace with no point
            # has no legend entry): the level's absence is said beside the whole's line.
            name += f" ({_word(sr[0])})"
        fig.add_trace(_scatter(
            x=[int(r["year"]) + offset for r in shown] or [None],
            y=_ratio_positions(shown, rng) or [None],
            mode="markers+lines+text", name=esc(name),
            line={"color": colour, "width": 2, "dash": "solid" if i == 0 else "dot"},
            marker={"color": colour if i == 0 else "white", "size": 12,
                    "symbol": _ratio_symbols(shown, symbols[i % 3], "y"),
                    "line": {"color": colour, "width": 2}},
            error_y=err, text=_ratio_texts(shown, _label_text),
            # A zero's "0 (none)" stands above its marker: beside it, at the axis's foot,
            # half of it would sit under the year labels.
            textposition=[("top " if _is_zero(r) else "middle ")
                          + ("left" if (n > 1 and i == 0) else "right") for r in shown],
            textfont={"size": 13, "color": theme.NHS_BLACK},
            hovertext=[_hover(r, label, str(int(r["year"]))) for r in shown],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=[_cd("", "", r) for r in shown],
            meta=_meta(sr, group),
        ))
        legend.append(name)
    if whole is not None:
        legend += _whole_by_year(fig, org, offset=(slots - 1) / 2 * 0.18, rng=rng,
                                 label=label)
    _non_adverse(fig, axis="y")
    legend.append(_band_legend(fig))
    legend += _zero_legend(fig, drawn + org, "y")
    if national:
        legend += national_lines.by_year(fig, [r for r in recs if r["measure"] in series],
                                         years, label=label)
    fig.update_yaxes(**_ratio_axis(rng, drawn + org),
                     title={"text": "relative likelihood (1 = equal)", "font": {"size": 12}},
                     fixedrange=True)
    fig.update_xaxes(tickvals=years, ticktext=[str(y) for y in years],
                     range=[years[0] - 0.6, years[-1] + 0.6], fixedrange=True,
                     title={"text": "WRES reporting year", "font": {"size": 12}})
    if n == 1 and whole is None:
        for trace in fig.data:
            if (trace.get("meta") or {}).get("measure"):
                trace["showlegend"] = False
        legend = legend[1:]
    return _finish(fig, text, plot_px=300, legend=legend, left_px=70)


def _whole_by_year(fig: Fig, org: list[dict], *, offset: float, rng: list[float],
                   label: Label) -> list[str]:
    """The whole organisation's relative likelihood of each year, a grey dotted line of open
    circles to the right of the level's own; its legend name in a list (named even where
    every year is withheld, so the comparison's absence is said)."""
    org = sorted(org, key=lambda r: int(r["year"]))
    fig.add_trace(_scatter(
        x=[int(r["year"]) + offset for r in org], y=_ratio_positions(org, rng),
        mode="markers+lines", name=WHOLE,
        line={"color": REFERENCE_COLOUR, "width": 2, "dash": "dot"},
        marker={"color": "white", "size": 11,
                "symbol": _ratio_symbols(org, "circle", "y"),
                "line": {"color": REFERENCE_COLOUR, "width": 2}},
        hovertext=[_hover(r, label, f"{WHOLE}, {int(r['year'])}") for r in org],
        hovertemplate="%{hovertext}<extra></extra>",
        customdata=[_cd("", "", r) for r in org],
        meta={"whole": True, "values": {int(r["year"]): _num(r["value"]) for r in org}},
    ))
    return [WHOLE]


def _ratio_line(fig: Fig, row: dict | None, name: str, *, dash: str, rng: list[float],
                whole: bool) -> list[str]:
    """A vertical line at one relative likelihood (a ratio of 0 at the axis floor), named
    with its figure in the legend; nothing where the figure is not shown."""
    if row is None or _status(row) != "shown":
        return []
    value = float(row["value"])
    at = _floor(rng) if _is_zero(row) else value
    words = f"{name} ({'0' if _is_zero(row) else _label_text(row)})"
    fig.add_vline(at, line={"color": REFERENCE_COLOUR, "width": 2, "dash": dash})
    fig.add_trace(_scatter(x=[None], y=[None], mode="lines", name=esc(words),
                           line={"color": REFERENCE_COLOUR, "dash": dash, "width": 2},
                           hoverinfo="skip", showlegend=True,
                           meta={"reference": value, "whole": whole}))
    return [words]


def ratio_dots(
    rows: pd.DataFrame,
    text: ChartText,
    *,
    by: str = "level",
    drill: str = "",
    top: int | None = None,
    intervals: bool = True,
    label: Label = str,
    colour_by_group: bool = False,
    national: bool = False,
    own: pd.DataFrame | None = None,
    own_name: str = "",
    whole: pd.DataFrame | None = None,
) -> go.Figure:
    """Sorted dot-and-interval chart of relative likelihoods: one row per level (``by =
    "level"``: departments, bands, staff groups) or per group (``by = "group"``: each ethnic
    category against White), highest (worst for the compared group) at the top, on a log
    axis with the line at 1 and the non-adverse range shaded. ``top``: at most ``top`` rows,
    the highest first (the page offers "show all"). Levels whose figure is withheld or
    missing are listed at the bottom with the word, where there is room. ``national``: a
    line at the national figure for the rows' year, where one was published. ``own`` and
    ``whole``: in a drilled view, the level's own overall figure (a dashed line named
    ``own_name``) and the whole organisation's (dotted), one row each."""
    if rows is None or rows.empty:
        return empty_figure(text, "No relative likelihoods for this breakdown.")
    recs = records(rows)
    for r in recs:
        r["_key"] = str(r[by])
        r["_status"] = _status(r)
    shown = sorted((r for r in recs if r["_status"] == "shown"),
                   key=lambda r: float(r["value"]), reverse=True)
    rest = [r for r in recs if r["_status"] != "shown"]
    if top is not None:  # the highest first; withheld rows only where there is room
        shown = shown[:top]
        rest = rest[:max(0, top - len(shown))]
    keys = [r["_key"] for r in shown + rest]
    disp = [category_short(label(k)) for k in keys] if by == "group" else keys
    labels = _unique_labels(disp)
    ylab = dict(zip(keys, labels, strict=True))
    fig = Fig()
    vals: list[float | None] = [_num(r["value"]) for r in shown]
    if intervals:
        vals += [_num(r["ci_low"]) for r in shown] + [_num(r["ci_high"]) for r in shown]
    year = int(recs[0]["year"])
    if national:
        vals += national_lines.values(shown, [year])
    lines = [(r, name, dash, w) for rows_, name, dash, w in
             ((own, f"{own_name}, {year}", "dash", False), (whole, f"{WHOLE}, {year}", "dot",
                                                            True))
             for r in records(rows_)[:1]]
    vals += [_num(r["value"]) for r, *_ in lines if _status(r) == "shown"]
    rng = _ratio_range(vals)
    if shown:
        groups = [str(r["group"]) for r in shown]
        colours = [theme.group_colour(g) for g in groups] if colour_by_group else \
            theme.group_colour(groups[0])
        symbols = [_symbol(g, i) for i, g in enumerate(groups)] if colour_by_group else \
            _symbol(groups[0])
        fig.add_trace(_scatter(
            x=_ratio_positions(shown, rng),
            y=[ylab[r["_key"]] for r in shown],
            mode="markers+text",
            marker={"color": colours, "size": 12, "symbol": _ratio_symbols(shown, symbols, "x"),
                    "line": {"color": "white", "width": 1}},
            error_x=_zero_err(_err(shown, intervals), shown, rng),
            text=_ratio_texts(shown, _label_text),
            textposition="top center", textfont={"size": 11, "color": theme.NHS_BLACK},
            cliponaxis=False,
            hovertext=[_hover(r, label, str(r["level"]) if by == "level" else "")
                       for r in shown],
            hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
            customdata=[_cd(drill if by == "level" else "", str(r["level"]), r)
                        for r in shown],
            meta=_meta(shown, groups[0] if by == "level" else "*"),
        ))
    _withheld_words(fig, rest, [ylab[r["_key"]] for r in rest], x=10 ** rng[0], label=label,
                    drill=drill if by == "level" else "")
    _non_adverse(fig, axis="x")
    legend = [_band_legend(fig), *_zero_legend(fig, shown, "x")]
    for r, name, dash, w in lines:
        legend += _ratio_line(fig, r, name, dash=dash, rng=rng, whole=w)
    if national:
        legend += national_lines.at_year(fig, recs, year, label=label)
    fig.update_xaxes(**_ratio_axis(rng, shown + [r for r, *_ in lines
                                                 if _status(r) == "shown"]),
                     title={"text": "relative likelihood (1 = equal; right = worse for the "
                                    "compared group)", "font": {"size": 12}}, fixedrange=True)
    # Top to bottom, with room above the first row for its label.
    fig.update_yaxes(categoryorder="array", categoryarray=labels,
                     range=[len(labels) - 0.5, -0.95], fixedrange=True, tickfont={"size": 12})
    return _finish(fig, text, rows=len(keys), left_px=_left_margin(labels), legend=legend,
                   header_px=8)


def likelihood_bars(
    rows: pd.DataFrame,
    text: ChartText,
    *,
    label: Label = str,
    intervals: bool = True,
    whole: pd.DataFrame | None = None,
    own_name: str = "",
) -> go.Figure:
    """The likelihood of each group (appointed from shortlisting, entering the disciplinary
    process, accessing training) as horizontal bars with 95% intervals, and "k of n" in a
    column at the right, on a percent axis from zero. The figures stay proportions; the
    axis shows them as percents. ``whole``: in a drilled view, the whole organisation's
    likelihood of each group, a black tick across the group's bar; the legend then names
    the bars after ``own_name`` (the level) and the ticks after the whole organisation."""
    if rows is None or rows.empty:
        return empty_figure(text, "No likelihoods for this selection.")
    groups = _group_order(rows["group"])
    by_group: dict[str, list[dict]] = {}
    for r in records(rows):
        by_group.setdefault(str(r["group"]), []).append(r)
    recs = [r for g in groups for r in by_group[g]]
    labels = _unique_labels([category_short(label(g)) for g in groups])
    fig = Fig()
    shown = [r for r in recs if _status(r) == "shown"]
    for i, r in enumerate(recs):
        g = str(r["group"])
        ok = _status(r) == "shown"
        fig.add_trace(_bar(
            x=[float(r["value"]) if ok else 0.0], y=[labels[i]], orientation="h",
            name=esc(label(g)), marker={"color": theme.group_colour(g),
                                        "pattern": {"shape": "" if g != "Unknown" else "."}},
            error_x=_err([r], intervals and ok),
            hovertext=[_hover(r, label)], hovertemplate="%{hovertext}<extra></extra>",
            customdata=[_cd("", "", r, shown=ok)], meta=_meta([r], g), showlegend=False,
        ))
    _label_column(fig, labels, [_label_text(r, counts=True) for r in recs],
                  header="likelihood (k of n)")
    legend: list[str] = []
    org = {str(r["group"]): r for r in records(whole) if _status(r) == "shown"}
    if whole is not None:
        legend = _whole_ticks(fig, [org.get(g) for g in groups], labels, own_name, label)
    hi = [_num(r["ci_high" if intervals else "value"]) for r in shown] + \
        [_num(r["value"]) for r in shown] + [_num(r["value"]) for r in org.values()]
    top = max([h for h in hi if h is not None] + [0.01])
    # Ticks at a step each printed distinctly (".0%" alone printed 0.5% as "1%").
    fig.update_layout(xaxis={**proportion_axis(min(1.0, top * 1.15)), "rangemode": "tozero",
                             "title": {"text": "likelihood (percent of the group)",
                                       "font": {"size": 12}}})
    fig.update_yaxes(autorange="reversed", fixedrange=True, tickfont={"size": 12})
    fig.update_layout(bargap=0.35)
    return _finish(fig, text, rows=len(groups), left_px=_left_margin(labels), header_px=8,
                   legend=legend)


def _whole_ticks(fig: Fig, org: list[dict | None], labels: list[str], own_name: str,
                 label: Label) -> list[str]:
    """The whole organisation's likelihood of each group (``org``, in the bars' order; None
    where not shown) as a black tick across the bar, and the two legend entries."""
    own = f"{own_name}: each group's bar" if own_name else "each group's bar"
    fig.add_trace(_bar(x=[None], y=[None], orientation="h", name=esc(own),
                       marker={"color": theme.NHS_MID_GREY}, showlegend=True,
                       hoverinfo="skip", meta={"own": True}))
    here = [(r, lab) for r, lab in zip(org, labels, strict=True) if r is not None]
    fig.add_trace(_scatter(
        x=[float(r["value"]) for r, _ in here], y=[lab for _, lab in here], mode="markers",
        name=WHOLE, cliponaxis=False,
        marker={"symbol": "line-ns-open", "size": 26, "color": theme.NHS_BLACK,
                "line": {"color": theme.NHS_BLACK, "width": 3}},
        hovertext=[_hover(r, label, WHOLE) for r, _ in here],
        hovertemplate="%{hovertext}<extra></extra>",
        customdata=[_cd("", "", r) for r, _ in here], showlegend=True,
        meta={"whole": True, "values": {str(r["group"]): float(r["value"]) for r, _ in here}},
    ))
    return [own, WHOLE]
