"""The parts every figure shares: pixel budget, title, legend and footnote (``_finish``), the
label column at the right of a plot, trace dicts with their customdata and meta, error
bars from the interval columns, grey connectors, the withheld-word trace, and the figure
that says there is nothing to draw.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme
from dashboard.captions import ChartText, esc, wrap
from dashboard.charts.labels import LABEL_CHARS, Label, _hover, _word
from dashboard.charts.values import _num, _status
from dashboard.figure import Fig
from dashboard.rows import records

# Pixel budget for the parts of a figure around the plot area.
ROW_PX = 28  # one category row of a horizontal chart


TITLE_LINE_PX = 21


# Footnotes at 13 px (they were 11 px, about 10 px as drawn, and unreadable when projected):
# the size of body text on a slide, each line 18 px, wrapped at FOOT_CHARS characters so
# that a line fits a chart about 640 px wide (a 720 px window, or 1440 px at 200% zoom).
FOOT_FONT_PX = 13
FOOT_LINE_PX = 18
FOOT_CHARS = 100


LEGEND_ROW_PX = 24


AXIS_PX = 48  # x tick labels and x axis title below the plot


MIN_PLOT_PX = 110
# Tick labels stand this far off a category axis where a marker (drawn unclipped) can sit at
# zero: half a marker, its outline and a gap.
MARKER_CLEAR_PX = 10


REFERENCE_COLOUR = theme.NHS_DARK_GREY
# A drilled view draws the whole organisation's figure beside the level's own, named so in
# the legend, so that a department's chart never loses the comparison (issue 15).
WHOLE = "whole organisation"


WITHHELD_FILL = theme.NHS_PALE_GREY


def _bar(**props) -> dict:
    return {"type": "bar", **props}


def _scatter(**props) -> dict:
    return {"type": "scatter", **props}


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


# The narrowest a chart is drawn: about 690 px in a 720 px window (1440 px at 200% zoom),
# inside Streamlit's padding. A horizontal legend wraps at the width of the plot area (the
# figure less its left and right margins), and once it wraps every entry takes the width of
# the widest (plotly.js lays the entries out as a grid): a legend budgeted for fewer rows
# than it takes there runs into the first bars.
MIN_FIGURE_PX = 680
LEGEND_CHAR_PX = 7.5  # a 13 px character, a little wide, so the estimate errs high
LEGEND_ENTRY_PX = 60  # the symbol, its gaps and the space before the next (55 px measured)


def _legend_rows(names: Sequence[str], plot_px: float) -> int:
    """Rows a horizontal legend of these names takes in a plot area ``plot_px`` wide.

    >>> _legend_rows(["BME", "White"], 600)  # 60 + 22.5 and 60 + 37.5 px: one row
    1
    >>> _legend_rows(["BME", "White", "Unknown", "overall BME share (27.9%)"], 300)
    4
    """
    if not names:
        return 0
    widths = [LEGEND_ENTRY_PX + LEGEND_CHAR_PX * len(n) for n in names]
    if sum(widths) <= plot_px:
        return 1
    per_row = max(1, int(plot_px // max(widths)))
    return math.ceil(len(names) / per_row)


def _finish(fig: Fig, text: ChartText, *, rows: int = 0, plot_px: int | None = None,
            legend: Sequence[str] = (), left_px: int = 70, right_px: int = 30,
            axis_px: int = AXIS_PX, header_px: int = 0, row_px: int = ROW_PX) -> go.Figure:
    """Title (in the figure), legend under it, footnote under the axis: sizes from the
    number of lines, so nothing overlaps or is clipped at any width from about 700 px.

    The legend's rows depend on the width the chart is drawn at, which only the browser
    knows: the figure's height is budgeted for the rows it takes at ``MIN_FIGURE_PX``,
    and plotly.js moves the plot's top edge to the legend's foot as drawn (a legend placed
    in container coordinates reserves the margin above it), so a wide chart that needs
    one row gives the rows it does not need to the plot rather than leaving them blank
    under the title (at 1440 px, 170 px were blank above the band chart)."""
    title_lines = text.title.count("<br>") + 1
    footnote = wrap(text.footnote.replace("<br>", " "), FOOT_CHARS)
    foot_lines = footnote.count("<br>") + 1
    legend_rows = _legend_rows(legend, MIN_FIGURE_PX - left_px - right_px)
    title_px = 12 + TITLE_LINE_PX * title_lines
    # At least: the title, one legend row where there is a legend, the room below it.
    top = title_px + LEGEND_ROW_PX * min(1, legend_rows) + 10 + header_px
    narrow_top = title_px + LEGEND_ROW_PX * legend_rows + 10 + header_px
    bottom = axis_px + FOOT_LINE_PX * foot_lines + 12
    plot = plot_px if plot_px is not None else max(MIN_PLOT_PX, rows * row_px + 20)
    height = int(narrow_top + plot + bottom)
    # The legend's transparent border is the room between its foot and the plot (for the
    # panel titles and column headers over the plot): plotly.js counts it in the margin
    # the legend reserves. It adds as much above, so the legend starts that much higher.
    gap = 4 + header_px
    fig.update_layout(**theme.base_layout(
        height=height,
        margin={"l": left_px, "r": right_px, "t": top, "b": bottom, "autoexpand": True},
        # plotly anchors a multi-line title's top about half a line too high: pad it down.
        title={"text": text.title, "x": 0, "xref": "container", "xanchor": "left",
               "y": 1, "yref": "container", "yanchor": "top",
               "pad": {"l": 12, "t": 10 if title_lines == 1 else 24}, "font": {"size": 16}},
        showlegend=bool(legend),
        legend={"orientation": "h", "x": 0, "xanchor": "left", "xref": "container",
                "y": 1 - (title_px - gap) / height, "yanchor": "top", "yref": "container",
                "borderwidth": gap, "bordercolor": "rgba(255,255,255,0)",
                "font": {"size": 13}, "traceorder": "normal", "entrywidth": 0,
                "bgcolor": "rgba(255,255,255,0)", "indentation": 12},
        hovermode="closest",
        uniformtext={"minsize": 12, "mode": "hide"},  # one size for every bar label
        clickmode="event+select",
        dragmode=False,
    ))
    fig.add_annotation(
        text=footnote, xref="paper", yref="paper", x=0, y=0, xanchor="left",
        yanchor="top", xshift=-left_px + 12, yshift=-axis_px, showarrow=False, align="left",
        font={"size": FOOT_FONT_PX, "color": theme.NHS_DARK_GREY},
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


def _withheld_words(fig: Fig, rows: Sequence[dict], ys: Sequence, *, x: float, label: Label,
                    drill: str = "") -> None:
    """The word ("withheld", "not available") on each row whose figure is not drawn, from
    ``x`` (the axis's left end) rightwards, with the row's hover text and customdata (the
    drill value where ``drill`` is given: a withheld level can still be drilled into)."""
    if not rows:
        return
    fig.add_trace(_scatter(
        x=[x] * len(rows), y=list(ys), mode="text", text=["  " + _word(r) for r in rows],
        textposition="middle right", textfont={"size": 11, "color": theme.NHS_DARK_GREY},
        hovertext=[_hover(r, label, str(r["level"])) for r in rows],
        hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
        customdata=[_cd(drill, str(r["level"]), r, shown=False) for r in rows],
        meta={"withheld": True},
    ))


# Presentation mode: a projected chart is read from across a room. Every text size and every
# pixel budget of the figure (height, margins, offsets) is scaled together, so the layout
# worked out above holds as it is; the presentation screen is wide enough (1,000 px and
# more) for the legend budgeted at MIN_FIGURE_PX x PRESENTATION_SCALE = 850 px.
PRESENTATION_SCALE = 1.25
_SCALED_KEYS = {"size", "height", "l", "r", "t", "b", "xshift", "yshift", "pad",
                "ticklabelstandoff", "borderwidth"}
_WHOLE_PX = {"ticklabelstandoff"}


def presented(fig: go.Figure, scale: float = PRESENTATION_SCALE) -> go.Figure:
    """The figure with its text sizes, height, margins and offsets times ``scale`` (marker
    sizes and data untouched).

    >>> f = presented(go.Figure(layout={"height": 400, "margin": {"t": 100},
    ...                                 "font": {"size": 12}}), 1.25)
    >>> f.layout.height, f.layout.margin.t, f.layout.font.size
    (500.0, 125.0, 15.0)
    """
    spec = fig.to_plotly_json()
    layout = spec.get("layout", {})
    layout.pop("template", None)
    _scale(layout, scale)
    for trace in spec.get("data", []):
        for key in ("textfont", "insidetextfont", "outsidetextfont"):
            if isinstance(trace.get(key), dict):
                _scale(trace[key], scale)
    out = go.Figure(spec, _validate=False)
    out.layout.template = fig.layout.template
    return out


def _scale(node: object, k: float) -> object:
    """Scale the pixel values under ``node`` in place: font sizes, height, margins, the
    title's padding, annotation offsets, tick label standoffs."""
    if isinstance(node, dict):
        for name, value in list(node.items()):
            if name in ("pattern", "marker", "line"):
                continue  # hatch, marker and line sizes are not text
            if name in _SCALED_KEYS and isinstance(value, (int, float)) \
                    and not isinstance(value, bool):
                # plotly takes a tick label standoff in whole pixels only (7.5 raised, and
                # the clinical split chart failed to draw in presentation mode).
                node[name] = int(value * k + 0.5) if name in _WHOLE_PX else round(value * k, 2)
            else:
                _scale(value, k)
    elif isinstance(node, list):
        for item in node:
            _scale(item, k)
    return node
