"""The figures table beside each chart: the same results-table rows the chart draws, with
their numerator and denominator, value, 95% interval and note, as text.

Publication-safe mode is respected exactly as the charts respect it: a withheld figure (or a
withheld count) reads "withheld", never a number; a figure that cannot be computed reads
"not available" with its note. Nothing is recomputed: every cell is a results-table cell,
formatted (likelihoods, which are proportions, are written as percents; relative
likelihoods as ratios with two decimals, never as percents; gaps in points).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from dashboard.captions import (
    CAUTION_MARK,
    WITHHELD,
    dimension_label,
    fmt_count,
    fmt_interval,
    fmt_value,
)
from dashboard.rows import records
from wres_core.display import MEASURE_LABELS, indicator_label

COLUMNS = ("Year", "Indicator", "Measure", "Group", "Breakdown", "Level", "Numerator",
           "Denominator", "Figure", "95% interval", "Note")


def _missing(v: object) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v)


def _flag(v: object) -> bool:
    return bool(v) if not _missing(v) else False


def figures_table(rows: pd.DataFrame, *, label: Callable[[str], str] = str,
                  drop: tuple[str, ...] = ()) -> pd.DataFrame:
    """Display table of results rows (one row per figure), all cells text.

    ``drop``: columns to leave out where they say nothing (e.g. "Indicator" on a page about
    one indicator). Columns with no content at all (every cell empty) are dropped too.

    >>> rows = pd.DataFrame({"year": [2026, 2026], "indicator": [1, 1],
    ...     "measure": ["share", "share"], "group": ["BME", "White"],
    ...     "dimension": ["pay_band", "pay_band"], "level": ["Band 9", "Band 9"],
    ...     "numerator": [pd.NA, 10.0], "denominator": [pd.NA, 11.0], "value": [pd.NA, 90.9],
    ...     "ci_low": [pd.NA, 62.3], "ci_high": [pd.NA, 98.4],
    ...     "note": ["withheld: small numbers", ""], "caution": [True, True],
    ...     "suppressed": [True, False]})
    >>> figures_table(rows)[["Group", "Numerator", "Figure"]].values.tolist()
    [['BME', 'withheld', 'withheld'], ['White', '10', '90.9% †']]
    """
    if rows is None or rows.empty:
        return pd.DataFrame(columns=[c for c in COLUMNS if c not in drop])
    out = []
    for r in records(rows):
        measure = str(r["measure"])
        withheld = _flag(r.get("suppressed"))
        value = r.get("value")
        if withheld:
            figure = WITHHELD
            interval = WITHHELD if _missing(r.get("ci_low")) else \
                fmt_interval(measure, r.get("ci_low"), r.get("ci_high"))
        elif _missing(value):
            figure, interval = "not available", ""
        else:
            figure = fmt_value(measure, value)
            if _flag(r.get("caution")):
                figure += f" {CAUTION_MARK}"
            interval = fmt_interval(measure, r.get("ci_low"), r.get("ci_high"))
        out.append({
            "Year": str(int(r["year"])),
            "Indicator": indicator_label(r["indicator"]),
            "Measure": MEASURE_LABELS.get(measure, measure),
            "Group": label(str(r["group"])),
            "Breakdown": dimension_label(str(r["dimension"])),
            "Level": str(r["level"]),
            "Numerator": _count(r.get("numerator"), withheld),
            "Denominator": _count(r.get("denominator"), withheld),
            "Figure": figure,
            "95% interval": interval,
            "Note": "" if _missing(r.get("note")) else str(r.get("note")),
        })
    keep = [c for c in COLUMNS if c not in drop and any(line[c] != "" for line in out)]
    return pd.DataFrame({c: [line[c] for line in out] for c in keep}, columns=keep)


def _count(v: object, withheld: bool) -> str:
    """A count as text: the number, "withheld" when the figure is withheld and the count is
    not shown, else empty (a ratio or gap row has no counts of its own)."""
    if _missing(v):
        return WITHHELD if withheld else ""
    return fmt_count(v)


def model_employer_table(me: pd.DataFrame, *, withheld: set[str] | frozenset[str] = frozenset(),
                         bme: str = "BME") -> pd.DataFrame:
    """The Model Employer rows (core output) as text; bands in ``withheld`` read "withheld"
    in every count and figure, as their indicator 1 rows do.

    >>> me = pd.DataFrame({"year": [2026], "pay_band": ["Band 8a"], "staff": [218],
    ...     "bme_staff": [31], "bme_share": [14.22], "target_share": [32.07],
    ...     "target_source": ["overall workforce"], "gap": [-17.85],
    ...     "additional_bme_needed": [39]})
    >>> model_employer_table(me).iloc[0].tolist()
    ['2026', 'Band 8a', '218', '31', '14.2%', '32.1%', 'overall workforce', '-17.9 pts', '39']
    """
    cols = ["Year", "Band", "Staff", f"{bme} staff", f"{bme} share", "Target share",
            "Target from", "Gap", f"More {bme} staff needed"]
    if me is None or me.empty:
        return pd.DataFrame(columns=cols)
    out = []
    for _, r in me.iterrows():
        hide = str(r["pay_band"]) in withheld
        out.append([
            str(int(r["year"])), str(r["pay_band"]),
            WITHHELD if hide else fmt_count(r["staff"]),
            WITHHELD if hide else fmt_count(r["bme_staff"]),
            WITHHELD if hide else fmt_value("share", r["bme_share"]),
            fmt_value("share", r["target_share"]), str(r["target_source"]),
            WITHHELD if hide else fmt_value("gap", r["gap"]),
            WITHHELD if hide else fmt_count(r["additional_bme_needed"]),
        ])
    return pd.DataFrame(out, columns=cols)


# --------------------------------------------------------------------------- on the page
def show_chart(fig, text, rows: pd.DataFrame | None, *, key: str,
               label: Callable[[str], str] = str, drillable: bool = False,
               table: pd.DataFrame | None = None, caption: str = "") -> None:
    """Draw a chart and, under it, the figures table of the same rows (in an expander, so
    the chart keeps the width a projector needs). ``drillable``: a click on a bar or dot
    sets the drill-down (``dashboard.state.set_drill``) to the point's level, and a list
    under the chart does the same from the keyboard.

    ``table`` replaces the default figures table (for core output that is not results
    rows, e.g. the Model Employer gap). ``caption`` is a sentence under the chart.

    The chart's title is drawn inside the chart (so that its PNG carries it); it is also a
    heading for screen readers (in the page's outline, hidden on screen) and names the
    figures table, the chart's text alternative."""
    import streamlit as st

    from dashboard import charts, state
    from dashboard.captions import dimension_label, md_escape, title_words
    from dashboard.headings import SCREEN_READER_ONLY, heading

    title = title_words(text)
    heading(3, title, SCREEN_READER_ONLY)
    kwargs: dict = {"key": key, "config": charts.plotly_config(text), "theme": None,
                    "width": "stretch"}
    column, levels = charts.drill_levels(fig) if drillable else ("", [])
    if drillable:
        def _on_select() -> None:
            event = st.session_state.get(key)
            selection = event.get("selection") if event is not None else None
            drill = charts.drill_from_selection(selection or {})
            if drill is not None:
                state.set_drill(*drill)

        kwargs.update(on_select=_on_select, selection_mode="points")
    if st.session_state.get(state.PRESENTATION):
        fig = charts.presented(fig)  # larger text to be read on a projector
    st.plotly_chart(fig, **kwargs)
    if caption:
        st.caption(caption)
    if levels:
        # The keyboard's way to a click's drill-down (WCAG 2.1.1): the same levels.
        noun = dimension_label(column).lower()

        def _on_choose() -> None:
            chosen = st.session_state.get(f"{key}-drill")
            if chosen:
                state.set_drill(column, chosen)

        st.selectbox(f"Drill into a {noun}", levels, index=None, key=f"{key}-drill",
                     placeholder=f"Choose a {noun} (as a click on the chart does)",
                     on_change=_on_choose, width=420)
    shown = table if table is not None else figures_table(rows, label=label)
    with st.expander(f"Figures behind this chart: {md_escape(title)} ({len(shown)} rows)",
                     icon=":material/table:"):
        st.dataframe(shown, hide_index=True, width="stretch", key=f"{key}-table")


def show_view_chart(chart, *, key: str, label: Callable[[str], str] = str,
                    drillable: bool = False) -> None:
    """Draw one chart of a view builder (``dashboard.views.Chart``) as ``show_chart`` does;
    where every figure of it is withheld, its message and the table instead."""
    import streamlit as st

    from dashboard.captions import md_escape, title_words

    if chart.message:
        st.info(chart.message, icon=":material/visibility_off:")
        shown = chart.table if chart.table is not None else figures_table(chart.rows,
                                                                            label=label)
        with st.expander(f"Figures: {md_escape(title_words(chart.text))} ({len(shown)} rows)",
                         icon=":material/table:"):
            st.dataframe(shown, hide_index=True, width="stretch", key=f"{key}-table")
        return
    show_chart(chart.figure, chart.text, chart.rows, key=key, label=label, table=chart.table,
               caption=chart.caption, drillable=drillable)


def drill_chip(view, *, key: str) -> None:
    """The active drill-down as a removable chip ("Department: Cardiology ✕")."""
    import streamlit as st

    from dashboard import state
    from dashboard.captions import md_escape

    if view.drill is None:
        return
    st.button(f"{md_escape(view.drill_text)} ✕", key=key, on_click=state.clear_drill,
              icon=":material/filter_alt:", help="Remove this drill-down")


def drill_down_notice(table: pd.DataFrame, what: str) -> None:
    """Say so where a drill-down could not withhold exactly what the overall figures
    withhold (``disclosure.suppress`` marks it ``attrs["released_kept"]`` False; seen with
    individual ethnic categories): each is safe alone, not side by side."""
    if table.attrs.get("released_kept", True):
        return
    import streamlit as st

    st.warning(f"The {what} view could not be made to withhold exactly what the overall "
               "figures withhold at this group level. Each is publication-safe on its own, "
               "but published side by side a withheld count could be worked out: publish "
               "one of them, or use White and BME or broad groups.",
               icon=":material/shield:")
