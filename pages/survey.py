"""Indicators 5 to 8: NHS Staff Survey percentages for White and BME staff, and the gap.

WRES year N uses the survey run in the autumn of N - 1; the page says so. 5, 6 and 8 are
better lower; 7 is better higher: said in words beside every figure. Reads only the results
table.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard import captions, charts, tables
from dashboard.state import current_view
from dashboard.views import Words, controls
from dashboard.views import survey as sv_views
from dashboard.views.change import change_sentences
from dashboard.views.groups import GROUP_WORDS, group_charts

INDICATORS = sv_views.INDICATORS
SHORT = sv_views.SHORT

view = current_view()
label = view.group_label
bme = view.bme_label

st.title("Indicators 5 to 8: NHS Staff Survey")
tables.drill_chip(view, key="sv-drill-chip")

if view.year is None:
    st.info("No data is loaded: see the Data and quality page.", icon=":material/info:")
    st.stop()
if not (view.data.has("survey") or view.data.has("survey_summary")):
    st.info("No NHS Staff Survey file is loaded, so indicators 5 to 8 cannot be shown. Load "
            "the respondent-level survey file (ethnicity and the answers to q14a, q14b, q14c, "
            "q15 and q16b) or a published summary (percent and responses per group).",
            icon=":material/info:")
    st.stop()

year = view.year
years = list(view.years)
st.markdown(f"**{captions.survey_year_sentence(year)}**")

query = view.drilled_query()
engine = view.engine
wres_query = replace(query, groups="wres")
survey_frame = view.data.get("survey")
dept_query = replace(wres_query, by="department") \
    if survey_frame is not None and "department" in survey_frame.columns else None
# One call for the page's views (Engine.page): the department figures first, so the overall
# table is cut from them (made publication-safe further down, where they are drawn).
table = engine.page(wres_query, drills=[dept_query and "department"]).overall
rows = charts.select(table, indicator=list(INDICATORS))
if charts.select(rows, year=year).empty:
    st.info(f"No survey figures for WRES {year} (NHS Staff Survey {year - 1}) with these "
            f"filters ({captions.md_escape(view.filters_text)}). The survey may not cover that "
            "year, or a filter (for example a pay band) is not in the survey file.",
            icon=":material/info:")
    st.stop()

drill_id = "-".join(view.drill) if view.drill else "all"


def key(name: str) -> str:
    return f"sv-{name}-{drill_id}"


# --- All four at a glance ----------------------------------------------------------------------
words = Words.of_view(view)
# Drilled in, the whole organisation's figures stay on the charts beside the level's own.
whole = engine.results(replace(view.query, groups="wres")) if view.drill else None
own = view.drill[1] if view.drill else ""
st.header("All four indicators")
chart = sv_views.overview(table, words, label=label, intervals=view.intervals, whole=whole,
                          own=own)
tables.show_view_chart(chart, key=key(chart.key), label=label)

# --- One indicator in detail -------------------------------------------------------------------
st.header("One indicator in detail")
indicator = st.segmented_control("Indicator", options=list(INDICATORS), format_func=SHORT.get,
                                  default=6, required=True, key=controls.SV_INDICATOR)
indicator = int(indicator or 6)
st.markdown(f"**{captions.INDICATOR_NAMES[indicator]}.** "
            f"{captions.md_escape(captions.better_sentence(indicator))}")
ind = charts.select(rows, indicator=indicator)
gap_now = charts.select(ind, year=year, measure="gap", dimension="overall", group="BME")
if not gap_now.empty:
    g = gap_now.iloc[0]
    if bool(g["suppressed"]):
        st.info("The gap is withheld in publication-safe mode (too few responses).",
                icon=":material/visibility_off:")
    else:
        interval = tables.figures_table(gap_now, label=label).iloc[0].get("95% interval", "")
        st.markdown(captions.md_escape(captions.gap_sentence(
            indicator, None if pd.isna(g["value"]) else float(g["value"]), bme=bme))
            + (f" (95% interval {interval})" if interval else ""))
said = change_sentences(engine.changes(wres_query), engine.changes(wres_query, since=years[0]),
                        year=year, years=years, indicator=indicator, measure="gap",
                        group="BME")
if said:
    st.markdown("**Change in the gap.** " + captions.md_escape(" ".join(said)))

# Trend
st.subheader("Over the years")
chart = sv_views.trend(table, indicator, words, label=label, intervals=view.intervals,
                      whole=whole, own=own)
if chart is None:
    st.info(f"Only one survey year is loaded or chosen (WRES {year}), so there is no trend. "
            "Load earlier surveys, or compare more years in the sidebar.",
            icon=":material/info:")
else:
    tables.show_view_chart(chart, key=key(chart.key), label=label)

# By department
st.subheader("By department")
if dept_query is None:
    st.info("The survey data has no department column, so there is no department view.",
            icon=":material/info:")
else:
    dept_table = engine.results(dept_query)
    n = sv_views.department_count(dept_table, indicator, year)
    show_all = True
    if n > sv_views.TOP_N:
        show_all = st.toggle(f"Show all {n} departments", value=False,
                             key=controls.sv_dept_all(indicator))
    chart = sv_views.departments(dept_table, indicator, words, label=label,
                                 intervals=view.intervals, show_all=show_all)
    if chart is None:
        st.info("No department figures for this selection.", icon=":material/info:")
    else:
        tables.show_view_chart(chart, key=key(chart.key), label=label, drillable=True)

# Each group of the level chosen under Display
st.subheader(f"Each {GROUP_WORDS[query.groups]} against White")
if query.groups == "wres":
    st.caption(f"The charts above compare {captions.md_escape(bme)} and White staff. Choose "
               "broad ethnic groups or individual categories under Display in the sidebar to "
               "see each group beside all White staff, this year and over the years.")
else:
    # Drilled in, the whole organisation's figure of each group beside the level's own.
    group_list = group_charts(indicator, engine.results(query), Words.of_view(view),
                              groups=query.groups, label=label, intervals=view.intervals,
                              whole=engine.results(view.query) if view.drill else None,
                              own_name=view.drill[1] if view.drill else "")
    if not group_list:
        st.info(f"No figures by {GROUP_WORDS[query.groups]} for this selection (a published "
                "summary may give only White and BME).", icon=":material/info:")
    for chart in group_list:
        tables.show_view_chart(chart, key=key(chart.key), label=label)
