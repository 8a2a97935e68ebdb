"""Indicators 2, 3 and 4: relative likelihoods, one page with a switch and one layout.

- 2: White shortlisted applicants' likelihood of appointment over BME applicants' (and the
  application-to-shortlisting stage where the data has it);
- 3: BME staff's likelihood of entering the formal disciplinary process over White staff's
  (the two-year headline against the single-year figure);
- 4: White staff's likelihood of accessing non-mandatory training and CPD over BME staff's.

Above 1 is always worse for BME staff. Reads only the results table.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard import captions, charts, tables, theme
from dashboard.state import current_view
from dashboard.views import Words, controls
from dashboard.views import likelihood as lk_views
from dashboard.views.change import change_sentences
from dashboard.views.groups import GROUP_WORDS, group_charts
from wres_core import display

KINDS = {2: "recruitment", 3: "disciplinary", 4: "training"}
NAMES = lk_views.NAMES
MISSING = {
    2: "No recruitment file is loaded, so indicator 2 cannot be shown. It needs one row per "
       "shortlisted applicant with ethnicity and whether they were appointed.",
    3: "No disciplinary file is loaded, so indicator 3 cannot be shown. It needs one row per "
       "case entering the formal process (a person id or an ethnicity) and the workforce.",
    4: "No training file is loaded, so indicator 4 cannot be shown. It needs one row per "
       "member of staff who accessed non-mandatory training or CPD, and the workforce.",
}
# Breakdowns offered per indicator (the column must be in the data for rows to come back):
# the pack and the chart ZIP read the same table.
BREAKDOWNS = controls.LIKELIHOOD_DIMENSIONS
HEADLINE = lk_views.HEADLINE

view = current_view()
label = view.group_label
bme = view.bme_label

st.title("Indicators 2 to 4: relative likelihoods")
indicator = st.segmented_control(
    "Indicator", options=list(NAMES), format_func=NAMES.get, default=2, required=True,
    key=controls.LK_INDICATOR)
indicator = int(indicator or 2)
tables.drill_chip(view, key="lk-drill-chip")

if view.year is None:
    st.info("No data is loaded: see the Data and quality page.", icon=":material/info:")
    st.stop()
if not view.data.has(KINDS[indicator]):
    st.info(MISSING[indicator], icon=":material/info:")
    st.stop()

year = view.year
years = list(view.years)
query = view.drilled_query()
engine = view.engine
wres_query = replace(query, groups="wres")
# One call for the page's views (Engine.page), the breakdown shown below (the one chosen
# last time) first: the overall table is cut from it (made publication-safe further down,
# where it is drawn).
table = engine.page(wres_query, drills=[st.session_state.get(f"lk{indicator}-dim")
                                        or "department"]).overall
rows = charts.select(table, indicator=indicator)
if rows.empty or charts.select(rows, year=year).empty:
    st.info(f"No indicator {indicator} figures for {captions.when(indicator, [year])} with these "
            f"filters ({captions.md_escape(view.filters_text)}). The {KINDS[indicator]} data "
            "may not cover this year, or the filters leave no one.", icon=":material/info:")
    st.stop()

drill_id = "-".join(view.drill) if view.drill else "all"


def key(name: str) -> str:
    return f"lk{indicator}-{name}-{drill_id}"


# --- Headline ------------------------------------------------------------------------------
head = charts.select(rows, year=year, measure=HEADLINE, dimension="overall", group="BME")
st.subheader(NAMES[indicator][3:] + f": {captions.when(indicator, [year])}")
if head.empty:
    st.info("No relative likelihood for this year.", icon=":material/info:")
else:
    r = head.iloc[0]
    figure = tables.figures_table(head, label=label).iloc[0]
    c1, c2 = st.columns([1, 2])
    c1.metric("Relative likelihood" + (" (two-year)" if indicator == 3 else ""),
              figure["Figure"], border=True,
              help="A ratio, not a percentage: 1.00 means equally likely.")
    if bool(r["suppressed"]):
        c2.info("The relative likelihood is withheld in publication-safe mode (a count "
                "behind it is small).", icon=":material/visibility_off:")
    elif pd.notna(r["value"]):
        value = float(r["value"])
        verdict = display.range_judgement(HEADLINE, value, r["ci_low"], r["ci_high"])
        status = theme.STATUS[verdict.key]
        c2.markdown(
            f"**{captions.md_escape(captions.ratio_sentence(indicator, value, bme=bme))}**  \n"
            f"{captions.md_escape(captions.above_one_sentence(indicator, bme=bme))}  \n"
            f":{status.streamlit_colour}[{status.icon} {status.word}]"
            + (f" · 95% interval {verdict.interval}" if verdict.interval else ""))
    else:
        c2.info("Not available: " + captions.md_escape(r["note"] or "the figure cannot be "
                "computed") + ".",
                icon=":material/info:")
    said = change_sentences(engine.changes(wres_query),
                            engine.changes(wres_query, since=years[0]), year=year, years=years,
                            indicator=indicator, measure=HEADLINE, group="BME")
    if said:
        st.markdown("**Change in the relative likelihood.** "
                    + captions.md_escape(" ".join(said)))
    if indicator == 3:
        st.caption("The headline pools the cases and headcounts of this financial year and "
                   "the one before (two-year figure), as the WRES does; the single-year figure "
                   "is shown beside it in the trend.")

# --- Trend ---------------------------------------------------------------------------------
# Drilled in, the whole organisation's figures stay on the charts beside the level's own.
whole = engine.results(replace(view.query, groups="wres")) if view.drill else None
ratios = lk_views.Ratios(indicator, rows, Words.of_view(view), label,
                         own=view.drill[1] if view.drill else "", whole=whole)
st.header("Over the years")
if len(years) < 2:
    st.info(f"Only one year is loaded or chosen ({year}), so there is no trend: the chart "
            "shows that year alone. Load earlier years, or compare more years in the "
            "sidebar.", icon=":material/info:")
chart = lk_views.trend(ratios, intervals=view.intervals)
tables.show_view_chart(chart, key=key(chart.key), label=label)

# --- Likelihood of each group --------------------------------------------------------------
st.header("The likelihood of each group")
chart = lk_views.likelihoods(ratios, intervals=view.intervals)
if chart is None:
    st.info("No likelihoods for this year.", icon=":material/info:")
else:
    tables.show_view_chart(chart, key=key(chart.key), label=label)

# --- Breakdown: department, band, staff group ---------------------------------------------
st.header("By department, band or staff group")
dim = st.segmented_control("Break down by", options=list(BREAKDOWNS[indicator]),
                           default="department", format_func=captions.dimension_label,
                           required=True, key=controls.lk_dim(indicator))
dim = dim or "department"
dim_table = engine.results(replace(wres_query, by=dim))
n = len(charts.select(dim_table, indicator=indicator, year=year, measure=HEADLINE,
                      dimension=dim, group="BME"))
show_all = True
if n > lk_views.TOP_N:
    show_all = st.toggle(f"Show all {n} ({captions.dimension_label(dim).lower()})",
                         value=False, key=controls.lk_all(indicator, dim))
chart = lk_views.breakdown(ratios, dim_table, dim, show_all=show_all, intervals=view.intervals)
if chart is None:
    st.info(f"No {captions.dimension_label(dim).lower()} breakdown for indicator {indicator}: "
            f"the {KINDS[indicator]} data (or the workforce behind it) has no "
            f"{captions.dimension_label(dim).lower()} column.", icon=":material/info:")
else:
    tables.show_view_chart(chart, key=key(chart.key), label=label, drillable=dim != "internal")

# --- Each group of the level chosen, against White ---------------------------------------------
st.header(f"Each {GROUP_WORDS[query.groups]} against White")
if query.groups == "wres":
    st.caption(f"The charts above compare {captions.md_escape(bme)} and White staff. Choose "
               "broad ethnic groups or individual categories under Display in the sidebar to "
               "compare each group with White staff, this year and over the years.")
else:
    # Drilled in, the whole organisation's figure of each group beside the level's own.
    group_list = group_charts(indicator, engine.results(query), Words.of_view(view),
                              groups=query.groups, label=label, intervals=view.intervals,
                              whole=engine.results(view.query) if view.drill else None,
                              own_name=view.drill[1] if view.drill else "")
    if not group_list:
        st.info(f"No figures by {GROUP_WORDS[query.groups]} for this selection.",
                icon=":material/info:")
    for chart in group_list:
        tables.show_view_chart(chart, key=key(chart.key), label=label)

# --- Indicator 2: application to shortlisting ----------------------------------------------
if indicator == 2:
    st.header("Application to shortlisting")
    chart = lk_views.shortlisting(ratios, intervals=view.intervals)
    if chart is None:
        st.info("The recruitment data has no applications that were not shortlisted, so the "
                "application-to-shortlisting stage cannot be shown.", icon=":material/info:")
    else:
        latest = charts.select(chart.rows, year=year, measure="relative_likelihood_shortlisted")
        if not latest.empty and not bool(latest.iloc[0]["suppressed"]) and \
                pd.notna(latest.iloc[0]["value"]):
            st.markdown(captions.md_escape(captions.ratio_sentence(
                2, float(latest.iloc[0]["value"]), bme=bme, stage="shortlisted")))
        tables.show_view_chart(chart, key=key(chart.key), label=label)
