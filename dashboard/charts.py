"""Plotly figure builders. Every builder takes rows of the results table (never raw rows),
already narrowed by the page to what the chart shows, plus the chart's words (``ChartText``),
and returns a ``plotly.graph_objects.Figure`` that stands alone as evidence: its title says
what, who and when, its footnote (inside the figure) says the source, the base and the
suppression rule, so that a screenshot or the downloaded PNG can be quoted as it is.

Conventions shared by every builder:

- Colours are the group's constant colour (``dashboard.theme.group_colour``); meaning is
  never carried by colour alone: every series also has a marker symbol, a legend entry or a
  label in words. Reference lines are dark grey and dashed, and say what they are.
- Percent axes start at zero. Relative likelihoods are ratios: shown with two decimals on a
  log axis around 1, with the non-adverse range 0.80 to 1.25 shaded, never as percentages.
  Likelihoods (proportions) are shown as percents by plotly's own axis format, without
  changing the figure.
- Withheld figures (publication-safe mode) are drawn as the word "withheld", never as a
  number, a zero or a gap without explanation; figures that cannot be computed say "not
  available". Figures with a small base carry the caution mark (†).
- User text (department names) is escaped before plotly sees it (plotly reads a few HTML
  tags in labels), and long names are shortened on the axis (in full on hover).
- Every point carries ``customdata = [drill column, drill value, group, level, figure,
  measure, year, indicator]`` (the drill column empty where a click means nothing) and
  every trace a
  ``meta`` dict (indicator, measure, group, year, dimension) so that a click can drill down
  and a test can check each drawn figure against the results table.
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Callable, Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme
from dashboard.captions import (
    CAUTION_MARK,
    WITHHELD,
    ChartText,
    category_short,
    esc,
    fmt_count,
    fmt_interval,
    fmt_value,
)
from dashboard.figure import Fig
from dashboard.rows import records

Label = Callable[[str], str]

# Pixel budget for the parts of a figure around the plot area.
ROW_PX = 28  # one category row of a horizontal chart
TITLE_LINE_PX = 21
FOOT_LINE_PX = 15
LEGEND_ROW_PX = 24
AXIS_PX = 48  # x tick labels and x axis title below the plot
MIN_PLOT_PX = 110
LABEL_CHARS = 38  # longest category label drawn on an axis (full text on hover)

SYMBOLS = {"White": "circle", "BME": "diamond", "Unknown": "square", "All": "circle"}
_MORE_SYMBOLS = ("triangle-up", "star", "hexagon", "cross", "x", "pentagon", "triangle-down",
                 "hourglass", "bowtie", "diamond-wide")
YEAR_SYMBOLS = ("circle-open", "square", "diamond", "circle", "triangle-up")
REFERENCE_COLOUR = theme.NHS_DARK_GREY
WITHHELD_FILL = theme.NHS_PALE_GREY
RATIO_TICKS = (0.1, 0.2, 0.25, 0.33, 0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 5.0, 10.0)

MODEBAR_REMOVE = ["zoom2d", "pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d",
                  "autoScale2d", "resetScale2d", "toggleSpikelines", "hoverClosestCartesian",
                  "hoverCompareCartesian"]


# --------------------------------------------------------------------------- selection
def select(table: pd.DataFrame, **where) -> pd.DataFrame:
    """Rows of a results table matching every ``column=value`` (a list, tuple or set means
    any of those values). Filtering only: no figure is changed.

    >>> t = pd.DataFrame({"indicator": [1, 1, 2], "measure": ["share", "share", "likelihood"]})
    >>> len(select(t, indicator=1)), len(select(t, measure=("share", "likelihood")))
    (2, 3)
    """
    if table is None or table.empty:
        return table.iloc[0:0] if table is not None else pd.DataFrame()
    keep = pd.Series(True, index=table.index)
    for column, value in where.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            keep &= table[column].isin(list(value)).fillna(False)
        else:
            keep &= (table[column] == value).fillna(False)
    return table[keep.to_numpy(dtype=bool)].reset_index(drop=True)


def plotly_config(text: ChartText) -> dict:
    """``st.plotly_chart`` config: the modebar with only "download as PNG" (a clean, 3x
    image named after the chart) and nothing that reaches the internet."""
    return {
        **theme.PLOTLY_CONFIG,
        "displayModeBar": True,
        "displaylogo": False,
        "modeBarButtonsToRemove": MODEBAR_REMOVE,
        "toImageButtonOptions": {"format": "png", "filename": text.filename, "scale": 3},
        "showLink": False,
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "typesetMath": False,
        "scrollZoom": False,
        "responsive": True,
    }


def drill_from_selection(selection: object) -> tuple[str, str] | None:
    """The ``(column, value)`` a click asks to drill into, from a plotly selection state
    (``{"points": [{"customdata": [column, value, ...]}, ...]}``), or None.

    >>> drill_from_selection({"points": [{"customdata": ["pay_band", "Band 5", "BME"]}]})
    ('pay_band', 'Band 5')
    >>> drill_from_selection({"points": [{"customdata": ["", "2026"]}]}) is None
    True
    """
    points = []
    try:
        points = list(selection.get("points") or [])  # type: ignore[union-attr]
    except AttributeError:
        return None
    for point in points:
        data = point.get("customdata") if isinstance(point, dict) else None
        if isinstance(data, (list, tuple)) and len(data) >= 2 and data[0] and data[1]:
            return str(data[0]), str(data[1])
    return None


def drill_levels(fig: object) -> tuple[str, list[str]]:
    """The drill column and every value a click on the chart can drill into, in the order
    the chart's traces hold them: what the keyboard's drill-down list offers instead of a
    click (``dashboard.tables.show_chart``). ``("", [])`` when a click means nothing.

    >>> fig = {"data": [{"customdata": [["pay_band", "Band 5", "BME"], ["", "", "BME"]]},
    ...                 {"customdata": [["pay_band", "Band 6"], ["pay_band", "Band 5"]]}]}
    >>> drill_levels(fig)
    ('pay_band', ['Band 5', 'Band 6'])
    """
    column, values = "", {}
    traces = fig["data"] if isinstance(fig, dict) else getattr(fig, "data", ())
    for trace in traces or ():
        rows = trace.get("customdata") if isinstance(trace, dict) else trace.customdata
        for row in rows if rows is not None else ():
            if row is None or len(row) < 2 or not row[0] or not row[1]:
                continue
            if not column:
                column = str(row[0])
            if str(row[0]) == column:
                values.setdefault(str(row[1]), None)
    return column, list(values)


# --------------------------------------------------------------------------- helpers
def _bar(**props) -> dict:
    return {"type": "bar", **props}


def _scatter(**props) -> dict:
    return {"type": "scatter", **props}


def _num(v: object) -> float | None:
    if v is None or v is pd.NA:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _missing(v: object) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _present(values: Iterable[object]) -> list[float]:
    """The values that are numbers, as floats (NA, NaN and None left out)."""
    return [f for f in map(_num, values) if f is not None]


def _flag(v: object) -> bool:
    return bool(v) if v is not None and v is not pd.NA else False


def _status(row: pd.Series) -> str:
    """'shown', 'withheld' or 'missing' for one results row."""
    if _flag(row.get("suppressed")):
        return "withheld"
    return "shown" if _num(row.get("value")) is not None else "missing"


def short_label(text: object, limit: int = LABEL_CHARS, *, wrap: int = 0) -> str:
    """A category label for an axis: shortened with an ellipsis, then escaped. ``wrap``:
    break into at most two lines of that many characters first (``<br>`` between).

    >>> short_label("Trauma & Orthopaedics")
    'Trauma &amp; Orthopaedics'
    >>> short_label("x" * 50, 10)
    'xxxxxxxxx…'
    >>> short_label("Harassment from patients or public (lower is better)", wrap=30)
    'Harassment from patients or<br>public (lower is better)'
    """
    s = str(text)
    if wrap and len(s) > wrap:
        lines = textwrap.wrap(s, wrap, break_on_hyphens=False)
        if len(lines) > 2:
            lines = [lines[0], _cut(" ".join(lines[1:]), wrap)]
        return "<br>".join(esc(line) for line in lines)
    return esc(_cut(s, limit))


def _cut(s: str, limit: int) -> str:
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def _unique_labels(levels: Sequence[str], limit: int = LABEL_CHARS, *,
                   wrap: int = 0) -> list[str]:
    """Axis labels for levels, unique even where two long names shorten alike."""
    out: list[str] = []
    seen: set[str] = set()
    for level in levels:
        lab = short_label(level, limit, wrap=wrap)
        while lab in seen:
            lab += "\u200b"  # zero-width space: looks the same, is another category
        seen.add(lab)
        out.append(lab)
    return out


def _row_px(labels: Iterable[str]) -> int:
    return ROW_PX + 10 if any("<br>" in lab for lab in labels) else ROW_PX


def _cd(drill: str = "", value: str = "", row: pd.Series | None = None, *,
        shown: bool = True) -> list:
    """A point's customdata: ``[drill column, drill value, group, level, figure, measure,
    year, indicator]``. The drill value only where a click on the point means something;
    ``figure`` the results-table value the point stands for (None where withheld or
    missing), so that a test can check it even where the drawn position differs (a ratio of
    0 sits at the left edge of a log axis); the rest name the results row."""
    if row is None:
        return [drill, value if drill else "", "", "", None, "", None, None]
    year, indicator = _num(row.get("year")), _num(row.get("indicator"))
    return [drill, value if drill else "", str(row.get("group", "")),
            str(row.get("level", "")), _num(row.get("value")) if shown else None,
            str(row.get("measure", "")), int(year) if year is not None else None,
            int(indicator) if indicator is not None else None]


def text_on(colour: str) -> str:
    """Black or white, whichever reads better on a fill colour (WCAG contrast).

    >>> text_on("#ED8B00"), text_on("#005EB8")
    ('#231F20', '#FFFFFF')
    """
    def lum(hex_: str) -> float:
        chans = [int(hex_[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in chans]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    bg = lum(colour)
    black = (bg + 0.05) / (lum(theme.NHS_BLACK) + 0.05)
    white = 1.05 / (bg + 0.05)
    return theme.NHS_BLACK if black >= white else theme.NHS_WHITE


def _symbol(group: str, i: int = 0) -> str:
    return SYMBOLS.get(group, _MORE_SYMBOLS[i % len(_MORE_SYMBOLS)])


def _group_order(groups: Iterable[str]) -> list[str]:
    """Groups in reading order: BME (the compared group) first, then the other non-White
    groups as given, White, then Unknown last."""
    groups = list(dict.fromkeys(str(g) for g in groups))
    head = [g for g in groups if g == "BME"]
    mid = [g for g in groups if g not in ("BME", "White", "Unknown", "All")]
    tail = [g for g in ("White", "Unknown", "All") if g in groups]
    return head + mid + tail


def _hover_counts(row: pd.Series) -> str:
    num, den = _num(row.get("numerator")), _num(row.get("denominator"))
    if num is not None and den is not None:
        return f"{fmt_count(num)} of {fmt_count(den)}"
    if den is not None:
        return f"base {fmt_count(den)}"
    return ""


def _hover(row: pd.Series, label: Label, level: str = "") -> str:
    """Hover text for one figure: group, level, figure, interval, counts, note (escaped)."""
    measure = str(row.get("measure", ""))
    parts = [f"<b>{esc(label(str(row['group'])))}</b>"]
    if level:
        parts[0] += f" · {esc(level)}"
    status = _status(row)
    if status == "withheld":
        parts.append("withheld (publication-safe mode)")
    elif status == "missing":
        parts.append("not available")
    else:
        value = fmt_value(measure, row["value"])
        if _flag(row.get("caution")):
            value += f" {CAUTION_MARK}"
        parts.append(value)
        interval = fmt_interval(measure, row.get("ci_low"), row.get("ci_high"))
        if interval:
            parts.append(f"95% interval {interval}")
        counts = _hover_counts(row)
        if counts:
            parts.append(counts)
    note = str(row.get("note") or "")
    if note and note != "<NA>":
        parts.append(f"<i>{esc(note)}</i>")
    return "<br>".join(parts)


def _label_text(row: pd.Series, *, counts: bool = False) -> str:
    """The label drawn beside a figure: the value (with † where cautioned), or a word."""
    status = _status(row)
    if status == "withheld":
        return WITHHELD
    if status == "missing":
        return "not available"
    text = fmt_value(str(row.get("measure", "")), row["value"])
    if counts:
        c = _hover_counts(row)
        if c:
            text += f" ({c})"
    if _flag(row.get("caution")):
        text += f" {CAUTION_MARK}"
    return text


def _legend_rows(names: Sequence[str], width_px: int = 640) -> int:
    if not names:
        return 0
    px = sum(40 + 7 * len(n) for n in names)
    return max(1, math.ceil(px / width_px))


def _finish(fig: Fig, text: ChartText, *, rows: int = 0, plot_px: int | None = None,
            legend: Sequence[str] = (), left_px: int = 70, right_px: int = 30,
            axis_px: int = AXIS_PX, header_px: int = 0, row_px: int = ROW_PX) -> go.Figure:
    """Title (in the figure), legend under it, footnote under the axis: sizes from the
    number of lines, so nothing overlaps or is clipped at any width from about 700 px."""
    title_lines = text.title.count("<br>") + 1
    foot_lines = text.footnote.count("<br>") + 1
    legend_rows = _legend_rows(legend)
    title_px = 12 + TITLE_LINE_PX * title_lines
    top = title_px + LEGEND_ROW_PX * legend_rows + 10 + header_px
    bottom = axis_px + FOOT_LINE_PX * foot_lines + 12
    plot = plot_px if plot_px is not None else max(MIN_PLOT_PX, rows * row_px + 20)
    height = int(top + plot + bottom)
    fig.update_layout(**theme.base_layout(
        height=height,
        margin={"l": left_px, "r": right_px, "t": top, "b": bottom, "autoexpand": False},
        # plotly anchors a multi-line title's top about half a line too high: pad it down.
        title={"text": text.title, "x": 0, "xref": "container", "xanchor": "left",
               "y": 1, "yref": "container", "yanchor": "top",
               "pad": {"l": 12, "t": 10 if title_lines == 1 else 24}, "font": {"size": 16}},
        showlegend=bool(legend),
        # The legend sits between the title and the plot, in pixels from the top, so panel
        # titles (clinical | non-clinical) and labels above the plot never run into it.
        legend={"orientation": "h", "x": 0, "xanchor": "left", "xref": "container",
                "y": 1 - (title_px + 6) / height, "yanchor": "top", "yref": "container",
                "font": {"size": 13}, "traceorder": "normal", "entrywidth": 0,
                "bgcolor": "rgba(255,255,255,0)", "indentation": 12},
        hovermode="closest",
        uniformtext={"minsize": 12, "mode": "hide"},  # one size for every bar label
        clickmode="event+select",
        dragmode=False,
    ))
    fig.add_annotation(
        text=text.footnote, xref="paper", yref="paper", x=0, y=0, xanchor="left",
        yanchor="top", xshift=-left_px + 12, yshift=-axis_px, showarrow=False, align="left",
        font={"size": 11, "color": theme.NHS_DARK_GREY},
    )
    return fig.figure()


def _left_margin(labels: Iterable[str], minimum: int = 70) -> int:
    """Left margin wide enough for the longest line of the (shortened) category labels."""
    lines = [line for lab in labels for line in str(lab).split("<br>")]
    longest = max((len(html.unescape(line)) for line in lines), default=0)
    return int(max(minimum, 18 + 7.0 * min(longest, LABEL_CHARS)))


def _label_column(fig: Fig, y: Sequence, texts: Sequence[str], *, header: str = "",
                  hover: Sequence[str] | None = None, meta: dict | None = None) -> float:
    """Write one label per row in a column of its own at the right of the plot (an axis
    of its own), so that labels never sit on bars, whiskers or reference lines. Returns the
    fraction of the width the plot keeps."""
    longest = max([len(html.unescape(str(t))) for t in texts] + [len(header) * 0.85])
    share = min(0.34, max(0.12, (7.0 * longest + 16) / 820))
    keep = 1.0 - share - 0.01
    fig.add_trace(_scatter(
        x=[0.0] * len(texts), y=list(y), xaxis="x9", mode="text", text=list(texts),
        textposition="middle right", textfont={"size": 12, "color": theme.NHS_BLACK},
        hovertext=list(hover) if hover is not None else None,
        hovertemplate="%{hovertext}<extra></extra>" if hover is not None else None,
        hoverinfo=None if hover is not None else "skip", showlegend=False,
        cliponaxis=False, meta={"labels": True, **(meta or {})},
    ))
    fig.update_layout(xaxis9={"domain": [keep + 0.01, 1.0], "range": [0, 1], "visible": False,
                              "fixedrange": True, "anchor": "y"})
    fig.update_layout(xaxis={"domain": [0.0, keep]})
    if header:
        fig.add_annotation(text=esc(header), xref="x9 domain", x=0, xanchor="left", y=1,
                           yref="paper", yanchor="bottom", showarrow=False,
                           font={"size": 11, "color": theme.NHS_DARK_GREY})
    return keep


def _band_legend(fig: Fig) -> str:
    """A legend entry for the shaded non-adverse range (a label on the plot would collide
    with the points); returns its name."""
    name = "non-adverse range 0.80 to 1.25"
    fig.add_trace(_scatter(x=[None], y=[None], mode="markers", name=name,
                           marker={"symbol": "square", "size": 14,
                                   "color": "rgba(0, 103, 71, 0.25)",
                                   "line": {"color": theme.NHS_DARK_GREEN, "width": 1}},
                           hoverinfo="skip", showlegend=True, meta={"band": True}))
    return name


def _ratio_range(values: Iterable[float | None]) -> list[float]:
    """A log-axis range around 1 that holds every figure and the non-adverse band."""
    vals = [v for v in values if v is not None and v > 0]
    low = min([theme.NON_ADVERSE_LOW * 0.9, *vals])
    high = max([theme.NON_ADVERSE_HIGH * 1.1, *vals])
    return [math.log10(low) - 0.04, math.log10(high) + 0.04]


def _ratio_ticks(rng: Sequence[float]) -> list[float]:
    lo, hi = 10 ** rng[0], 10 ** rng[1]
    ticks = [t for t in RATIO_TICKS if lo <= t <= hi]
    return ticks or [1.0]


def _non_adverse(fig: Fig, *, axis: str = "x") -> None:
    """Shade 0.80 to 1.25 and draw the line at 1 on the ratio axis. The band's edges are
    dotted lines as well as a faint shade (too faint alone: WCAG 1.4.1 and 1.4.11), and the
    axis has ticks at 0.8 and 1.25."""
    line = {"color": REFERENCE_COLOUR, "width": 1.5}
    edge = {"color": theme.NHS_DARK_GREEN, "width": 1, "dash": "dot"}
    if axis == "x":
        fig.add_vrect(theme.NON_ADVERSE_LOW, theme.NON_ADVERSE_HIGH,
                      fillcolor=theme.NON_ADVERSE_FILL, line=edge, layer="below")
        fig.add_vline(1, line=line, layer="below")
    else:
        fig.add_hrect(theme.NON_ADVERSE_LOW, theme.NON_ADVERSE_HIGH,
                      fillcolor=theme.NON_ADVERSE_FILL, line=edge, layer="below")
        fig.add_hline(1, line=line, layer="below")


def _connectors(fig: Fig, segments: Sequence[tuple[float, float, object]], *,
                line: dict) -> None:
    """A grey line from x0 to x1 on each row ``(x0, x1, y)``: one trace whose lines are
    broken by gaps (None), which plotly draws as it would draw one trace per line, but
    supplies, computes and redraws once instead of once per row."""
    if not segments:
        return
    xs: list[float | None] = []
    ys: list[object] = []
    for x0, x1, y in segments:
        xs += [x0, x1, None]
        ys += [y, y, None]
    fig.add_trace(_scatter(x=xs[:-1], y=ys[:-1], mode="lines", line=dict(line),
                           hoverinfo="skip", showlegend=False, meta={"connector": True}))


def _err(rows: pd.DataFrame | list[dict], show: bool) -> dict | None:
    """Asymmetric error bars from ci_low / ci_high (None where there is no interval)."""
    if not show:
        return None
    plus, minus = [], []
    for r in records(rows):
        v, lo, hi = _num(r.get("value")), _num(r.get("ci_low")), _num(r.get("ci_high"))
        if v is None or lo is None or hi is None or _status(r) != "shown":
            plus.append(None)
            minus.append(None)
        else:
            plus.append(max(0.0, hi - v))
            minus.append(max(0.0, v - lo))
    if all(p is None for p in plus):
        return None
    return {"type": "data", "symmetric": False, "array": plus, "arrayminus": minus,
            "color": theme.NHS_DARK_GREY, "thickness": 1.5, "width": 4}


def _meta(rows: pd.DataFrame | list[dict], group: str) -> dict:
    recs = records(rows)
    first = recs[0] if recs else {}
    return {
        "indicator": int(first["indicator"]) if recs else None,
        "measure": str(first["measure"]) if recs else "",
        "group": group,
        "years": sorted({int(r["year"]) for r in recs}),
        "dimensions": sorted({str(r["dimension"]) for r in recs}),
    }


def empty_figure(text: ChartText, message: str) -> go.Figure:
    """A figure that says why there is nothing to draw (still titled and footnoted)."""
    fig = Fig()
    fig.add_annotation(text=esc(message), x=0.5, y=0.5, xref="paper", yref="paper",
                       showarrow=False, font={"size": 15, "color": theme.NHS_DARK_GREY})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _finish(fig, text, plot_px=120)


# --------------------------------------------------------------------------- indicator 1 / 9
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
    shows the word "withheld".
    """
    if rows is None or rows.empty:
        return empty_figure(text, "No figures for this selection.")
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
    levels = [lv for lv in levels if lv in present_levels]
    labels = dict(zip(levels, _unique_labels(levels), strict=True))
    groups = _group_order(rows["group"])
    n_panels = max(1, len(panel_names))
    fig = Fig(panels=n_panels, titles=[esc(p) for p in panel_names] if split else None)
    legend_names: list[str] = []
    any_withheld = False
    for p, panel in enumerate(panel_names or [""], start=1):
        sub = [r for r in recs if r["_facet"] == panel]
        for group in groups:
            in_group = [r for r in sub if r["group"] == group]
            by_level: dict[str, list[dict]] = {}
            for r in in_group:
                by_level.setdefault(r["_level"], []).append(r)
            grows = [(lv, r) for lv in levels for r in by_level.get(lv, ())]
            if not grows:
                continue
            xs, ys, txt, hov, cd = [], [], [], [], []
            for lv, r in grows:
                shown = _status(r) == "shown"
                xs.append(float(r["value"]) if shown else 0.0)
                ys.append(labels[lv])
                txt.append(_label_text(r, counts=counts) if shown else "")
                hov.append(_hover(r, label, str(r["level"])))
                cd.append(_cd(drill, lv, r, shown=shown))
            name = esc(label(group))
            fig.add_trace(_bar(
                x=xs, y=ys, orientation="h", name=name, legendgroup=group,
                showlegend=p == 1, marker={"color": theme.group_colour(group),
                                           "line": {"color": "white", "width": 0.5}},
                text=txt, textposition="inside", insidetextanchor="middle", textangle=0,
                textfont={"color": text_on(theme.group_colour(group)), "size": 12},
                hovertext=hov,
                hovertemplate="%{hovertext}<extra></extra>", customdata=cd,
                meta=_meta(in_group, group),
            ), panel=p)
            if p == 1:
                legend_names.append(label(group))
        # A level with any figure withheld: the rest of the bar says so, without a number.
        wx, wy, wh = [], [], []
        for lv in levels:
            lrows = [r for r in sub if r["_level"] == lv]
            if not lrows:
                continue
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
            ), panel=p)
        if reference is not None:
            fig.add_vline(reference, line={"color": REFERENCE_COLOUR, "width": 2,
                                           "dash": "dash"}, panel=p)
        fig.update_xaxes(panel=p, range=[0, 100], ticksuffix="%", dtick=25,
                         title={"text": "Share of staff in the row", "font": {"size": 12}}
                         if p == 1 else None, fixedrange=True)
    fig.update_yaxes(autorange="reversed", categoryorder="array",
                     categoryarray=[labels[lv] for lv in levels], fixedrange=True,
                     tickfont={"size": 12})
    fig.update_layout(barmode="stack", bargap=0.25)
    if highlight:
        marked = [labels[h] for h in highlight if h in labels]
        if marked:
            idx = [levels.index(h) for h in highlight if h in labels]
            fig.add_hrect(min(idx) - 0.5, max(idx) + 0.5,
                          line={"color": theme.NHS_DARK_BLUE, "width": 2},
                          fillcolor="rgba(0,0,0,0)", layer="above", panel="all")
            if highlight_label:
                # Written up the right-hand side of the bracket, in the right margin.
                fig.add_annotation(text=f"<b>{esc(highlight_label)}</b>",
                                   xref=f"x{n_panels if n_panels > 1 else ''} domain", x=1,
                                   xanchor="left", xshift=4, y=(min(idx) + max(idx)) / 2,
                                   yref="y", yanchor="middle", textangle=-90,
                                   showarrow=False,
                                   font={"size": 11, "color": theme.NHS_DARK_BLUE})
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
    if split:
        header += 22  # the panel titles
    return _finish(fig, text, rows=len(levels), legend=legend_names,
                   left_px=_left_margin(labels.values()), header_px=header,
                   right_px=44 if highlight and highlight_label else 30)


def share_by_year(
    rows: pd.DataFrame,
    text: ChartText,
    *,
    label: Label = str,
    order: Sequence[str] | None = None,
    reference: pd.DataFrame | None = None,
    drill: str = "",
    intervals: bool = True,
) -> go.Figure:
    """One group's share (indicator 1: BME share by band) in each of several years: a dot
    per year on each level's row, joined by a grey line, so that a band's change over three
    years reads along its row. Years differ by shade and marker symbol, named in the legend.
    ``reference``: the overall rows (one per year) drawn as short dashed ticks per year.
    """
    if rows is None or rows.empty:
        return empty_figure(text, "No figures for this selection.")
    recs = records(rows)
    present = {r["level"] for r in recs}
    levels = list(order) if order is not None else list(dict.fromkeys(r["level"] for r in recs))
    levels = [lv for lv in levels if lv in present]
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
    withheld_y: list[str] = []
    for i, year in enumerate(years):
        in_year: dict[object, list[dict]] = {}
        for r in recs:
            if int(r["year"]) == year:
                in_year.setdefault(r["level"], []).append(r)
        yr = [r for lv in levels for r in in_year.get(lv, ())]
        shown = [r for r in yr if _status(r) == "shown"]
        for r in yr:
            if _status(r) != "shown" and labels[r["level"]] not in withheld_y:
                withheld_y.append(labels[r["level"]])
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
    if reference is not None and not reference.empty:
        ref = [r for r in records(reference) if r["year"] == years[-1]]
        if ref and _status(ref[0]) == "shown":
            value = float(ref[0]["value"])
            fig.add_vline(value, line={"color": REFERENCE_COLOUR, "width": 2, "dash": "dash"})
            name = f"overall {label(group)} share, {years[-1]} ({value:.1f}%)"
            legend.append(name)
            fig.add_trace(_scatter(x=[None], y=[None], mode="lines", name=esc(name),
                                   line={"color": REFERENCE_COLOUR, "dash": "dash"},
                                   hoverinfo="skip", meta={"reference": value}))
    if withheld_y:
        fig.add_trace(_scatter(x=[0] * len(withheld_y), y=withheld_y, mode="text",
                               text=["  some years withheld"] * len(withheld_y),
                               textposition="middle right", showlegend=False,
                               textfont={"size": 11, "color": theme.NHS_DARK_GREY},
                               hoverinfo="skip", meta={"withheld": True}))
    top = max([0.0] + _present(r.get("ci_high") for r in recs) +
              _present(r.get("value") for r in recs))
    fig.update_xaxes(range=[0, min(100.0, max(10.0, top * 1.08))], ticksuffix="%",
                     title={"text": f"{label(group)} share of staff in the row",
                            "font": {"size": 12}}, fixedrange=True, rangemode="tozero")
    fig.update_yaxes(autorange="reversed", categoryorder="array",
                     categoryarray=[labels[lv] for lv in levels], fixedrange=True,
                     tickfont={"size": 12})
    return _finish(fig, text, rows=len(levels), legend=legend,
                   left_px=_left_margin(labels.values()))


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


# --------------------------------------------------------------------------- indicators 2-4
def ratio_trend(
    rows: pd.DataFrame,
    text: ChartText,
    *,
    series: dict[str, str] | None = None,
    intervals: bool = True,
    label: Label = str,
) -> go.Figure:
    """Relative likelihood by year, with 95% intervals, the line at 1 and the non-adverse
    range 0.80 to 1.25 shaded, on a log axis (a ratio of 2 and of 0.5 are equally far from
    1). ``series``: measure -> legend name, for several measures (indicator 3: two-year
    against single-year) offset side by side within each year."""
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
    rng = _ratio_range(all_vals)
    floor = 10 ** rng[0] * 1.03  # a ratio of 0 sits at the bottom edge, labelled 0.00
    for i, (measure, name) in enumerate(series.items()):
        sr = sorted((r for r in recs if r["measure"] == measure), key=lambda r: r["year"])
        if not sr:
            continue
        group = str(sr[0]["group"])
        colour = theme.group_colour(group)
        offset = (i - (n - 1) / 2) * 0.18
        shown = [r for r in sr if _status(r) == "shown"]
        for r in sr:
            if _status(r) != "shown":
                fig.add_annotation(x=int(r["year"]) + offset, y=0, yref="y", showarrow=False,
                                   text=WITHHELD if _status(r) == "withheld"
                                   else "not available", textangle=-90,
                                   font={"size": 11, "color": theme.NHS_DARK_GREY})
        err = _err(shown, intervals)
        if err:
            err["color"] = colour
        fig.add_trace(_scatter(
            x=[int(r["year"]) + offset for r in shown],
            y=[max(float(r["value"]), floor) for r in shown],
            mode="markers+lines+text", name=esc(name),
            line={"color": colour, "width": 2, "dash": "solid" if i == 0 else "dot"},
            marker={"color": colour if i == 0 else "white", "size": 12,
                    "symbol": symbols[i % 3], "line": {"color": colour, "width": 2}},
            error_y=err, text=[_label_text(r) for r in shown],
            textposition="middle left" if (n > 1 and i == 0) else "middle right",
            textfont={"size": 13, "color": theme.NHS_BLACK},
            hovertext=[_hover(r, label, str(int(r["year"]))) for r in shown],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=[_cd("", "", r) for r in shown],
            meta=_meta(sr, group),
        ))
        legend.append(name)
    _non_adverse(fig, axis="y")
    legend.append(_band_legend(fig))
    ticks = _ratio_ticks(rng)
    fig.update_yaxes(type="log", range=rng, tickvals=ticks, ticktext=[f"{t:.2f}" for t in ticks],
                     title={"text": "relative likelihood (1 = equal)", "font": {"size": 12}},
                     fixedrange=True)
    fig.update_xaxes(tickvals=years, ticktext=[str(y) for y in years],
                     range=[years[0] - 0.6, years[-1] + 0.6], fixedrange=True,
                     title={"text": "WRES reporting year", "font": {"size": 12}})
    if n == 1:
        for trace in fig.data:
            if (trace.get("meta") or {}).get("measure"):
                trace["showlegend"] = False
        legend = legend[1:]
    return _finish(fig, text, plot_px=300, legend=legend, left_px=70)


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
) -> go.Figure:
    """Sorted dot-and-interval chart of relative likelihoods: one row per level (``by =
    "level"``: departments, bands, staff groups) or per group (``by = "group"``: each ethnic
    category against White), highest (worst for the compared group) at the top, on a log
    axis with the line at 1 and the non-adverse range shaded. ``top``: at most ``top`` rows,
    the highest first (the page offers "show all"). Levels whose figure is withheld or
    missing are listed at the bottom with the word, where there is room."""
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
    rng = _ratio_range(vals)
    floor = 10 ** rng[0] * 1.03  # a ratio of 0 (no cases) sits at the left edge, labelled
    if shown:
        groups = [str(r["group"]) for r in shown]
        colours = [theme.group_colour(g) for g in groups] if colour_by_group else \
            theme.group_colour(groups[0])
        symbols = [_symbol(g, i) for i, g in enumerate(groups)] if colour_by_group else \
            _symbol(groups[0])
        fig.add_trace(_scatter(
            x=[max(float(r["value"]), floor) for r in shown],
            y=[ylab[r["_key"]] for r in shown],
            mode="markers+text", marker={"color": colours, "size": 12, "symbol": symbols,
                                         "line": {"color": "white", "width": 1}},
            error_x=_err(shown, intervals), text=[_label_text(r) for r in shown],
            textposition="top center", textfont={"size": 11, "color": theme.NHS_BLACK},
            cliponaxis=False,
            hovertext=[_hover(r, label, str(r["level"]) if by == "level" else "")
                       for r in shown],
            hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
            customdata=[_cd(drill if by == "level" else "", str(r["level"]), r)
                        for r in shown],
            meta=_meta(shown, groups[0] if by == "level" else "*"),
        ))
    if rest:
        fig.add_trace(_scatter(
            x=[10 ** rng[0]] * len(rest), y=[ylab[r["_key"]] for r in rest], mode="text",
            text=["  " + (WITHHELD if r["_status"] == "withheld" else "not available")
                  for r in rest],
            textposition="middle right", textfont={"size": 11, "color": theme.NHS_DARK_GREY},
            hovertext=[_hover(r, label, str(r["level"])) for r in rest],
            hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
            customdata=[_cd(drill if by == "level" else "", str(r["level"]), r, shown=False)
                        for r in rest],
            meta={"withheld": True},
        ))
    _non_adverse(fig, axis="x")
    legend = [_band_legend(fig)]
    ticks = _ratio_ticks(rng)
    fig.update_xaxes(type="log", range=rng, tickvals=ticks, ticktext=[f"{t:.2f}" for t in ticks],
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
) -> go.Figure:
    """The likelihood of each group (appointed from shortlisting, entering the disciplinary
    process, accessing training) as horizontal bars with 95% intervals, and "k of n" in a
    column at the right, on a percent axis from zero. The figures stay proportions; the
    axis shows them as percents."""
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
    hi = [_num(r["ci_high" if intervals else "value"]) for r in shown] + \
        [_num(r["value"]) for r in shown]
    top = max([h for h in hi if h is not None] + [0.01])
    fig.update_layout(xaxis={"range": [0, min(1.0, top * 1.15)], "tickformat": ".0%",
                             "rangemode": "tozero", "title": {
                                 "text": "likelihood (percent of the group)",
                                 "font": {"size": 12}}})
    fig.update_yaxes(autorange="reversed", fixedrange=True, tickfont={"size": 12})
    fig.update_layout(bargap=0.35)
    return _finish(fig, text, rows=len(groups), left_px=_left_margin(labels), header_px=8)


# --------------------------------------------------------------------------- indicators 5-8
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
) -> go.Figure:
    """White and BME percentages on each row (an indicator, or a department), each with its
    95% interval a little above or below the row's line so the whiskers never overlap, a
    grey line between them, and the gap (BME minus White, in points, from the results
    table's ``gap`` rows) in a column at the right. Percent axis from zero.

    ``by``: the column that names a row ("level", or "indicator" for the overview of 5 to
    8, with ``names`` mapping it to words). ``order``: row keys top to bottom; ``top``: keep
    the first ``top`` of ``order``."""
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
                word = WITHHELD if _status(r) == "withheld" else "not available"
                missing.setdefault(r["_key"], []).append(f"{label(g)} {word}")
        if not ok:
            continue
        highs += [float(r["value"]) for r in ok]
        if intervals:
            highs += _present(r["ci_high"] for r in ok)
        err = _err(ok, intervals)
        if err:
            err["color"] = theme.group_colour(g)
        fig.add_trace(_scatter(
            x=[float(r["value"]) for r in ok], y=[pos[r["_key"]] + shift[g] for r in ok],
            mode="markers", name=esc(label(g)), cliponaxis=False,
            marker={"color": theme.group_colour(g), "size": 12, "symbol": _symbol(g, i),
                    "line": {"color": "white", "width": 1}},
            error_x=err,
            hovertext=[_hover(r, label, names.get(r["_key"], r["_key"])) for r in ok],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=[_cd(drill if by == "level" else "", str(r["level"]), r) for r in ok],
            meta=_meta(ok, g),
        ))
        legend.append(label(g))
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
                     showgrid=False, zeroline=False)
    return _finish(fig, text, rows=len(keys), legend=legend, left_px=_left_margin(labels),
                   row_px=max(_row_px(labels), 34), header_px=8)


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
) -> go.Figure:
    """Percentages by year, one line per group (White, BME, ...) or per ``_series`` (a
    column the page adds to name several lines of one group), with 95% intervals and each
    point labelled (``counts``: with "k of n"); percent axis from zero. ``reference``: rows
    drawn as a dark grey dashed line (indicator 9: the workforce share)."""
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
                word = WITHHELD if _status(r) == "withheld" else "not available"
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
    fig.update_yaxes(range=[0, min(100.0, max(highs) * 1.2)], ticksuffix="%",
                     rangemode="tozero", fixedrange=True,
                     title={"text": y_title, "font": {"size": 12}})
    fig.update_xaxes(tickvals=years, ticktext=[str(y) for y in years],
                     range=[years[0] - 0.5, years[-1] + 0.5], fixedrange=True,
                     title={"text": "WRES reporting year", "font": {"size": 12}})
    return _finish(fig, text, plot_px=300, legend=legend, left_px=70)


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
    fig = Fig()
    if ratio:
        vals = [_num(r["value"]) for _, r in shown]
        if intervals:
            vals += [_num(r["ci_low"]) for _, r in shown] + \
                [_num(r["ci_high"]) for _, r in shown]
        rng = _ratio_range(vals)
        floor = 10 ** rng[0] * 1.03
        xs = [max(float(r["value"]), floor) for _, r in shown]
        left = 10 ** rng[0]
    else:
        xs = [float(r["value"]) for _, r in shown]
        left = 0.0
    if shown:
        rows_shown = [r for _, r in shown]
        group = str(rows_shown[0]["group"])
        fig.add_trace(_scatter(
            x=xs, y=[labels[i] for i, _ in shown], mode="markers+text",
            marker={"color": theme.group_colour(group), "size": 12, "symbol": _symbol(group),
                    "line": {"color": "white", "width": 1}},
            error_x=_err(rows_shown, intervals), text=[_label_text(r) for r in rows_shown],
            textposition="top center", textfont={"size": 11, "color": theme.NHS_BLACK},
            cliponaxis=False, showlegend=False,
            hovertext=[_hover(r, label, str(r["level"])) for r in rows_shown],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=[_cd("org", str(r["level"]), r) for r in rows_shown],
            meta=_meta(rows_shown, group)))
    if rest:
        fig.add_trace(_scatter(
            x=[left] * len(rest), y=[labels[i] for i, _ in rest], mode="text",
            text=["  " + (WITHHELD if status[i] == "withheld" else "not available")
                  for i, _ in rest],
            textposition="middle right", textfont={"size": 11, "color": theme.NHS_DARK_GREY},
            hovertext=[_hover(r, label, str(r["level"])) for _, r in rest],
            hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
            customdata=[_cd("org", str(r["level"]), r, shown=False) for _, r in rest],
            meta={"withheld": True}))
    legend: list[str] = []
    if ratio:
        _non_adverse(fig, axis="x")
        legend.append(_band_legend(fig))
        ticks = _ratio_ticks(rng)
        fig.update_xaxes(type="log", range=rng, tickvals=ticks,
                         ticktext=[f"{t:.2f}" for t in ticks], fixedrange=True,
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
    fig.update_yaxes(categoryorder="array", categoryarray=labels,
                     range=[len(labels) - 0.5, -0.95], fixedrange=True, tickfont={"size": 12})
    return _finish(fig, text, rows=len(labels), left_px=_left_margin(labels), legend=legend,
                   header_px=8)
