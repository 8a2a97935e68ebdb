"""What a page asks of a chart before and after it is drawn: the rows it draws (``select``),
the plotly config (only "download as PNG"), and the drill-down a click or the keyboard's list
asks for (``drill_from_selection``, ``drill_levels``).
"""

from __future__ import annotations

import pandas as pd

from dashboard import theme
from dashboard.captions import ChartText

MODEBAR_REMOVE = ["zoom2d", "pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d",
                  "autoScale2d", "resetScale2d", "toggleSpikelines", "hoverClosestCartesian",
                  "hoverCompareCartesian"]


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
