"""Indicator 1 (workforce share by band, department, staff group) and indicator 9 (board
against workforce): 100% stacked share bars, one group's share by year, and the Model
Employer bars for Band 8a and above.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme
from dashboard.captions import WITHHELD, ChartText, esc, fmt_count
from dashboard.charts import national as national_lines
from dashboard.charts.axes import band_sorted
from dashboard.charts.labels import (
    Label,
    _group_order,
    _hover,
    _label_text,
    _unique_labels,
    _word,
    text_on,
)
from dashboard.charts.layout import (
    MARKER_CLEAR_PX,
    REFERENCE_COLOUR,
    WHOLE,
    WITHHELD_FILL,
    _bar,
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
from dashboard.charts.values import _present, _status
from dashboard.figure import Fig
from dashboard.rows import records

YEAR_SYMBOLS = ("circle-open", "square", "diamond", "circle", "triangle-up")


def share_bars(
    rows: pd.DataFrame,
    text: ChartText,
    *,
    label: Label = str,
    order: Sequence[str] | None = None,
    reference: float | None = None,
    reference_label: str = "",
    split: str | None = None,
    facets: Sequence[str] = (),
    drill: str = "",
    highlight: Sequence[str] = (),
    highlight_label: str = "",
    counts: bool = False,
    column_group: str | None = None,
    trust_wide: float | None = None,
    trust_wide_label: str = "",
    national: bool = False,
) -> go.Figure:
    """100% stacked horizontal bars: each level's split between the groups (indicator 1
    ``share``; indicator 9 ``board_share`` and ``workforce_share``), against a reference
    (a dashed line at the overall BME share). The compared group (BME) sits at the left
    from zero, so its edge reads straight against the line.

    ``rows``: one year's rows for the levels to draw (a ``_row`` column, where present,
    names the rows instead of ``level``). ``order``: the rows top to bottom (default: as
    they come). ``split``: a separator ("": ") that puts each level's prefix in
    its own panel side by side (indicator 1's ``clinical_pay_band``: Non-clinical |
    Clinical); ``facets`` orders the panels. ``highlight``: levels to bracket (Band 8a and
    above), labelled ``highlight_label``. ``counts``: print "n of N" in the bars too (board
    figures are small). ``column_group``: also write that group's figure with "n of N" in a
    column at the right of each row (not with ``split``). A level with a withheld figure
    shows the word "withheld". ``trust_wide``: in a drilled view, the whole organisation's
    BME share, drawn as a dotted line beside the view's own dashed ``reference`` and named
    ``trust_wide_label`` in the legend. ``national``: a line at each national figure
    published for the rows' year (indicator 9: the board and the workforce shares).
    """
    if rows is None or rows.empty:
        return empty_figure(text, "No figures for this selection.")
    recs, panel_names, levels = _share_layout(rows, order=order, split=split, facets=facets)
    labels = dict(zip(levels, _unique_labels(levels), strict=True))
    groups = _group_order(rows["group"])
    n_panels = max(1, len(panel_names))
    fig = Fig(panels=n_panels, titles=[esc(p) for p in panel_names] if split else None)
    legend_names: list[str] = []
    any_withheld = False
    for p, panel in enumerate(panel_names or [""], start=1):
        sub = [r for r in recs if r["_facet"] == panel]
        for group in groups:
            if _share_group_trace(fig, sub, group, levels, labels, panel=p, label=label,
                                  drill=drill, counts=counts) and p == 1:
                legend_names.append(label(group))
        any_withheld |= _share_rest(fig, sub, levels, labels, panel=p)
        if reference is not None:
            fig.add_vline(reference, line={"color": REFERENCE_COLOUR, "width": 2,
                                           "dash": "dash"}, panel=p)
        if trust_wide is not None:
            fig.add_vline(trust_wide, line={"color": REFERENCE_COLOUR, "width": 2,
                                            "dash": "dot"}, panel=p)
        fig.update_xaxes(panel=p, range=[0, 100], ticksuffix="%", dtick=25,
                         title={"text": "Share of staff in the row", "font": {"size": 12}}
                         if p == 1 else None, fixedrange=True)
    # The Band 8a bracket is drawn on the plot's left edge: labels stand clear of it.
    standoff = 6 if highlight else 0
    fig.update_yaxes(autorange="reversed", categoryorder="array",
                     categoryarray=[labels[lv] for lv in levels], fixedrange=True,
                     tickfont={"size": 12},
                     **({"ticklabelstandoff": standoff} if standoff else {}))
    fig.update_layout(barmode="stack", bargap=0.25)
    if highlight:
        _bracket(fig, [levels.index(h) for h in highlight if h in labels], highlight_label,
                 n_panels=n_panels)
    if any_withheld:
        legend_names.append("withheld")
        fig.add_trace(_bar(x=[None], y=[None], orientation="h", name=WITHHELD,
                           marker={"color": WITHHELD_FILL, "pattern": {"shape": "/"}},
                           showlegend=True, hoverinfo="skip", legendgroup="_withheld",
                           customdata=[_cd()], meta={"withheld": True}))
    header = 0
    if column_group and not split:
        col_rows = {r["_level"]: r for r in recs if r["group"] == column_group}
        ys = [labels[lv] for lv in levels if lv in col_rows]
        texts = [_label_text(col_rows[lv], counts=True) for lv in levels if lv in col_rows]
        _label_column(fig, ys, texts, header=f"{label(column_group)} (n of N)")
        header = 8
    if reference is not None and reference_label:
        legend_names.append(reference_label)
        fig.add_trace(_scatter(x=[None], y=[None], mode="lines", name=esc(reference_label),
                               line={"color": REFERENCE_COLOUR, "dash": "dash", "width": 2},
                               hoverinfo="skip", showlegend=True,
                               meta={"reference": reference}))
    if trust_wide is not None and trust_wide_label:
        legend_names.append(trust_wide_label)
        fig.add_trace(_scatter(x=[None], y=[None], mode="lines", name=esc(trust_wide_label),
                               line={"color": REFERENCE_COLOUR, "dash": "dot", "width": 2},
                               hoverinfo="skip", showlegend=True,
                               meta={"reference": trust_wide, "trust_wide": True}))
    if national:
        legend_names += national_lines.at_year(fig, recs, int(recs[0]["year"]), label=label,
                                               panel="all")
    if split:
        header += 22  # the panel titles
    return _finish(fig, text, rows=len(levels), legend=legend_names,
                   left_px=_left_margin(labels.values()) + standoff, header_px=header,
                   right_px=44 if highlight and highlight_label else 30)


def _share_layout(rows: pd.DataFrame, *, order: Sequence[str] | None, split: str | None,
                  facets: Sequence[str]) -> tuple[list[dict], list[str], list[str]]:
    """share_bars' records (each with its ``_facet`` and ``_level``), its panels and its
    rows, in drawing order."""
    rows = rows.copy()
    if split:
        parts = rows["level"].astype(str).str.split(split, n=1, expand=True)
        rows["_facet"] = parts[0]
        rows["_level"] = parts[1] if parts.shape[1] > 1 else parts[0]
    else:
        rows["_facet"] = ""
        # A page may name the rows itself (``_row``: indicator 9 puts the workforce's "All"
        # beside the board's), keeping ``level`` as the results table has it.
        rows["_level"] = (rows["_row"] if "_row" in rows.columns else rows["level"]).astype(str)
    recs = records(rows)
    present_facets = {r["_facet"] for r in recs}
    present_levels = {r["_level"] for r in recs}
    panel_names = list(facets) if facets else list(dict.fromkeys(r["_facet"] for r in recs))
    panel_names = [p for p in panel_names if p in present_facets]
    levels = list(order) if order is not None else list(dict.fromkeys(r["_level"] for r in recs))
    return recs, panel_names, [lv for lv in levels if lv in present_levels]


def _share_group_trace(fig: Fig, sub: list[dict], group: str, levels: Sequence[str],
                       labels: dict[str, str], *, panel: int, label: Label, drill: str,
                       counts: bool) -> bool:
    """One group's bars in one panel (a withheld figure drawn as 0, its word said by
    ``_share_rest``); False where the group has no row there."""
    in_group = [r for r in sub if r["group"] == group]
    by_level: dict[str, list[dict]] = {}
    for r in in_group:
        by_level.setdefault(r["_level"], []).append(r)
    grows = [(lv, r) for lv in levels for r in by_level.get(lv, ())]
    if not grows:
        return False
    xs, ys, txt, hov, cd = [], [], [], [], []
    for lv, r in grows:
        shown = _status(r) == "shown"
        xs.append(float(r["value"]) if shown else 0.0)
        ys.append(labels[lv])
        txt.append(_label_text(r, counts=counts) if shown else "")
        hov.append(_hover(r, label, str(r["level"])))
        cd.append(_cd(drill, lv, r, shown=shown))
    colour = theme.group_colour(group)
    fig.add_trace(_bar(
        x=xs, y=ys, orientation="h", name=esc(label(group)), legendgroup=group,
        showlegend=panel == 1, marker={"color": colour, "line": {"color": "white", "width": 0.5}},
        text=txt, textposition="inside", insidetextanchor="middle", textangle=0,
        textfont={"color": text_on(colour), "size": 12}, hovertext=hov,
        hovertemplate="%{hovertext}<extra></extra>", customdata=cd,
        meta=_meta(in_group, group),
    ), panel=panel)
    return True


def _share_rest(fig: Fig, sub: list[dict], levels: Sequence[str], labels: dict[str, str], *,
                panel: int) -> bool:
    """A level with any figure withheld or missing: the rest of its bar (hatched) says so,
    without a number. True where a figure is withheld."""
    wx, wy, wh = [], [], []
    any_withheld = False
    for lv in levels:
        lrows = [r for r in sub if r["_level"] == lv]
        status = [_status(r) for r in lrows]
        if all(s == "shown" for s in status):
            continue
        shown_total = sum(float(r["value"]) for r, st in zip(lrows, status, strict=True)
                          if st == "shown")
        word = WITHHELD if "withheld" in status else "not available"
        any_withheld |= word == WITHHELD
        wx.append(max(0.0, 100.0 - shown_total))
        wy.append(labels[lv])
        wh.append(word)
    if wx:
        fig.add_trace(_bar(
            x=wx, y=wy, orientation="h", name="withheld / not available",
            legendgroup="_withheld", showlegend=False,
            marker={"color": WITHHELD_FILL, "pattern": {"shape": "/", "fgcolor":
                                                        theme.NHS_MID_GREY}},
            text=wh, textposition="inside", insidetextanchor="middle", textangle=0,
            textfont={"color": theme.NHS_BLACK, "size": 12}, hovertext=wh,
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=[_cd()] * len(wx), meta={"withheld": True},
        ), panel=panel)
    return any_withheld


def _bracket(fig: Fig, idx: list[int], text: str, *, n_panels: int) -> None:
    """A box around the rows ``idx`` (Band 8a and above) in every panel, ``text`` written
    up its right-hand side, in the right margin."""
    if not idx:
        return
    fig.add_hrect(min(idx) - 0.5, max(idx) + 0.5, line={"color": theme.NHS_DARK_BLUE, "width": 2},
                  fillcolor="rgba(0,0,0,0)", layer="above", panel="all")
    if text:
        fig.add_annotation(text=f"<b>{esc(text)}</b>",
                           xref=f"x{n_panels if n_panels > 1 else ''} domain", x=1,
                           xanchor="left", xshift=4, y=(min(idx) + max(idx)) / 2,
                           yref="y", yanchor="middle", textangle=-90, showarrow=False,
                           font={"size": 11, "color": theme.NHS_DARK_BLUE})


def share_by_year(
    rows: pd.DataFrame,
    text: ChartText,
    *,
    label: Label = str,
    order: Sequence[str] | None = None,
    reference: pd.DataFrame | None = None,
    reference_name: str = "",
    trust_wide: pd.DataFrame | None = None,
    trust_wide_name: str = "",
    drill: str = "",
    intervals: bool = True,
) -> go.Figure:
    """One group's share (indicator 1: BME share by band) in each of several years: a dot
    per year on each level's row, joined by a grey line, so that a band's change over three
    years reads along its row. Years differ by shade and marker symbol, named in the legend.
    ``reference``: the overall rows of the view (one per year), the latest drawn as a dashed
    line named ``reference_name`` (default "overall BME share"). ``trust_wide``: in a
    drilled view, the whole organisation's overall rows, drawn as a dotted line beside the
    view's own (named ``trust_wide_name``, default "whole organisation: BME share"). Pay-band
    rows are in the code tables' order whatever ``order`` says. A row with a year withheld
    says which, in a column at the right (never on the plot, over the whiskers).
    """
    if rows is None or rows.empty:
        return empty_figure(text, "No figures for this selection.")
    recs = records(rows)
    present = {r["level"] for r in recs}
    levels = list(order) if order is not None else list(dict.fromkeys(r["level"] for r in recs))
    levels = [lv for lv in levels if lv in present]
    if all(str(r.get("dimension")) == "pay_band" for r in recs):
        levels = band_sorted(levels)
    labels = dict(zip(levels, _unique_labels(levels), strict=True))
    years = sorted({int(r["year"]) for r in recs})
    group = str(recs[0]["group"])
    base = theme.group_colour(group)
    shades = _year_shades(base, len(years))
    fig = Fig()
    # The connecting line per level, first to last shown year.
    segments = []
    for lv in levels:
        vals = [float(r["value"]) for r in recs if r["level"] == lv and _status(r) == "shown"]
        if len(vals) >= 2:
            segments.append((min(vals), max(vals), labels[lv]))
    _connectors(fig, segments, line={"color": theme.NHS_MID_GREY, "width": 2})
    legend: list[str] = []
    for i, year in enumerate(years):
        in_year: dict[object, list[dict]] = {}
        for r in recs:
            if int(r["year"]) == year:
                in_year.setdefault(r["level"], []).append(r)
        shown = [r for lv in levels for r in in_year.get(lv, ()) if _status(r) == "shown"]
        if not shown:
            continue
        fig.add_trace(_scatter(
            x=[float(r["value"]) for r in shown], y=[labels[r["level"]] for r in shown],
            mode="markers", name=str(year), cliponaxis=False,
            marker={"color": base if YEAR_SYMBOLS[i % 5].endswith("-open") else shades[i],
                    "size": 11, "symbol": YEAR_SYMBOLS[i % 5],
                    "line": {"color": base, "width": 1.5}},
            error_x=_err(shown, intervals and i == len(years) - 1),
            hovertext=[_hover(r, label, f"{r['level']}, {year}") for r in shown],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=[_cd(drill, str(r["level"]), r) for r in shown],
            meta={**_meta(shown, group), "year": year},
        ))
        legend.append(str(year))
    own = reference_name or f"overall {label(group)} share"
    legend += _latest_line(fig, reference, years[-1], own, dash="dash")
    legend += _latest_line(fig, trust_wide, years[-1],
                           trust_wide_name or f"{WHOLE}: {label(group)} share",
                           dash="dot")
    gone = _years_withheld(recs, levels)
    if gone:
        _label_column(fig, [labels[lv] for lv in gone], list(gone.values()),
                      meta={"withheld": True})
    lines = [r for r in records(reference) + records(trust_wide) if int(r["year"]) == years[-1]
             and _status(r) == "shown"]  # the reference lines must be on the axis too
    top = max([0.0] + _present(r.get("ci_high") for r in recs) +
              _present(r.get("value") for r in recs + lines))
    fig.update_xaxes(range=[0, min(100.0, max(10.0, top * 1.08))], ticksuffix="%",
                     title={"text": f"{label(group)} share of staff in the row",
                            "font": {"size": 12}}, fixedrange=True, rangemode="tozero")
    # Labels stand off the axis by a marker's width: a dot at 0% (drawn unclipped) would
    # otherwise sit on the band's name.
    fig.update_yaxes(autorange="reversed", categoryorder="array",
                     categoryarray=[labels[lv] for lv in levels], fixedrange=True,
                     tickfont={"size": 12}, ticklabelstandoff=MARKER_CLEAR_PX)
    return _finish(fig, text, rows=len(levels), legend=legend,
                   left_px=_left_margin(labels.values()) + MARKER_CLEAR_PX,
                   header_px=8 if gone else 0)


def _latest_line(fig: Fig, rows: pd.DataFrame | None, year: int, name: str, *,
                 dash: str) -> list[str]:
    """A reference line at the ``year`` row of ``rows`` (an overall share), named with its
    year and value in the legend; nothing where it is withheld or missing."""
    if rows is None or rows.empty:
        return []
    ref = [r for r in records(rows) if int(r["year"]) == year]
    if not ref or _status(ref[0]) != "shown":
        return []
    value = float(ref[0]["value"])
    fig.add_vline(value, line={"color": REFERENCE_COLOUR, "width": 2, "dash": dash})
    words = f"{name}, {year} ({value:.1f}%)"
    fig.add_trace(_scatter(x=[None], y=[None], mode="lines", name=esc(words),
                           line={"color": REFERENCE_COLOUR, "dash": dash, "width": 2},
                           hoverinfo="skip", meta={"reference": value, "name": name}))
    return [words]


def _years_withheld(recs: list[dict], levels: Sequence[str]) -> dict[str, str]:
    """Per level with a figure not shown, the words naming those years ("2024 withheld";
    "2025 not available")."""
    out: dict[str, str] = {}
    for lv in levels:
        words: dict[str, list[str]] = {}
        for r in sorted((r for r in recs if r["level"] == lv), key=lambda r: int(r["year"])):
            if _status(r) != "shown":
                words.setdefault(_word(r), []).append(str(int(r["year"])))
        if words:
            out[lv] = "; ".join(f"{', '.join(ys)} {w}" for w, ys in words.items())
    return out


def _year_shades(base: str, n: int) -> list[str]:
    """``n`` shades of a colour, lightest first (older years lighter)."""
    r, g, b = (int(base[i:i + 2], 16) for i in (1, 3, 5))
    out = []
    for i in range(n):
        t = 0.65 * (n - 1 - i) / max(1, n - 1)  # 0 for the latest year
        out.append("#{:02X}{:02X}{:02X}".format(*(round(c + (255 - c) * t) for c in (r, g, b))))
    return out


def model_employer_bars(
    me: pd.DataFrame,
    text: ChartText,
    *,
    label: Label = str,
    withheld: Iterable[str] = (),
) -> go.Figure:
    """Band 8a and above: each band's BME share (bar) against the target share (a dashed
    tick: the overall BME share unless the user set one), labelled with the number of BME
    staff the band is short. ``me`` is ``wres_core.indicators.workforce.model_employer``
    output (core figures); bands in ``withheld`` show only the word "withheld"."""
    if me is None or me.empty:
        return empty_figure(text, "No staff at Band 8a and above in this selection.")
    hidden = set(withheld)
    recs = records(me)
    bands = [str(r["pay_band"]) for r in recs]
    labels = dict(zip(bands, _unique_labels(bands), strict=True))
    fig = Fig()
    shown = [r for r in recs if r["pay_band"] not in hidden]
    bme = label("BME")
    if shown:
        txt, hov = [], []
        for r in shown:
            short = int(r["additional_bme_needed"])
            verdict = (f"{short:,} short" if short > 0 else "meets the target")
            txt.append(f"{float(r['bme_share']):.1f}% ({fmt_count(r['bme_staff'])} of "
                       f"{fmt_count(r['staff'])}): {verdict}")
            hov.append(f"<b>{esc(r['pay_band'])}</b><br>{esc(bme)} share "
                       f"{float(r['bme_share']):.1f}% ({fmt_count(r['bme_staff'])} of "
                       f"{fmt_count(r['staff'])})<br>target {float(r['target_share']):.1f}% "
                       f"({esc(r['target_source'])})<br>gap {float(r['gap']):+.1f} pts; "
                       f"{short:,} more {esc(bme)} staff needed at the band's current size")
        fig.add_trace(_bar(
            x=[float(r["bme_share"]) for r in shown],
            y=[labels[str(r["pay_band"])] for r in shown], orientation="h",
            name=esc(f"{bme} share of the band"), marker={"color": theme.group_colour("BME")},
            text=txt, textposition="outside", cliponaxis=False,
            textfont={"size": 12, "color": theme.NHS_BLACK}, hovertext=hov,
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=[_cd("pay_band", str(r["pay_band"]), {
                "group": "BME", "level": str(r["pay_band"]), "value": r["bme_share"],
                "measure": "model_employer_bme_share", "year": r["year"]})
                for r in shown],
            meta={"model_employer": True, "group": "BME"},
        ))
        targets = sorted({round(float(r["target_share"]), 1) for r in shown})
        target_name = (f"target: {targets[0]:.1f}%" if len(targets) == 1
                       else "target share of each band")
        fig.add_trace(_scatter(
            x=[float(r["target_share"]) for r in shown],
            y=[labels[str(r["pay_band"])] for r in shown], mode="markers",
            name=esc(target_name), marker={"symbol": "line-ns", "size": 26,
                                           "line": {"color": REFERENCE_COLOUR, "width": 3}},
            hovertemplate="target %{x:.1f}%<extra></extra>", meta={"target": True},
        ))
    if hidden:
        hb = [b for b in bands if b in hidden]
        fig.add_trace(_scatter(x=[0] * len(hb), y=[labels[b] for b in hb], mode="text",
                               text=[f"  {WITHHELD}"] * len(hb), textposition="middle right",
                               showlegend=False, hoverinfo="skip",
                               textfont={"size": 12, "color": theme.NHS_DARK_GREY},
                               meta={"withheld": True}))
    top = max(_present(r["target_share"] for r in recs) +
              _present(r["bme_share"] for r in shown) + [5.0])
    fig.update_xaxes(range=[0, min(100.0, top * 1.9 + 5)], ticksuffix="%", fixedrange=True,
                     title={"text": f"{bme} share of staff in the band", "font": {"size": 12}})
    fig.update_yaxes(autorange="reversed", categoryorder="array",
                     categoryarray=[labels[b] for b in bands], fixedrange=True)
    fig.update_layout(bargap=0.35)
    legend = [f"{bme} share of the band", target_name] if shown else []
    return _finish(fig, text, rows=len(bands), legend=legend,
                   left_px=_left_margin(labels.values()))
