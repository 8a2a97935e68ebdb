"""Indicator 1: who is in each pay band, against the whole workforce.

Reads only the results table (``engine.results``) and the Model Employer gap, which is core
output (``wres_core.indicators.workforce.model_employer``) on the filtered data; the charts
are built by ``dashboard.views.workforce`` (the evidence pack's too). Draws: the
White / BME / Unknown split of each Agenda for Change band and each medical grade against the
overall BME share, clinical and non-clinical side by side, Band 8a and above against the
overall share with the number of staff each band is short, each department, and the trend
per band over the years compared, and each ethnic group of the level chosen under Display
this year and over the years.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard import captions, charts, tables
from dashboard.state import current_view
from dashboard.views import Words, controls
from dashboard.views import workforce as wf_views
from dashboard.views.change import change_sentences
from dashboard.views.groups import GROUP_WORDS, group_charts
from wres_core.codes.bands import SENIOR_BANDS

view = current_view()
label = view.group_label
bme = view.bme_label

st.title("Indicator 1: the workforce by pay band")
tables.drill_chip(view, key="wf-drill-chip")

if view.year is None or not view.data.has("workforce"):
    st.info("No workforce snapshot is loaded, so indicator 1 cannot be shown. Load an ESR "
            "staff-in-post extract (one row per person at 31 March, with ethnicity and pay "
            "band): see the Data and quality page.", icon=":material/info:")
    st.stop()

year = view.year
query = view.drilled_query()
wres_query = replace(query, groups="wres")
engine = view.engine
dept_query = replace(query, by="department") \
    if "department" in view.data.get("workforce").columns else None
# One call for the page's views (Engine.page): the department figures are computed first, so
# the overall table is cut from them; they are made publication-safe further down, where
# they are drawn, so that the browser draws the charts above while the server works on them.
table = engine.page(query, drills=[dept_query and "department"]).overall
wres_table = table if query.groups == "wres" else engine.results(wres_query)
ind1 = charts.select(table, indicator=1, measure="share")
ind1_wres = charts.select(wres_table, indicator=1, measure="share")
this_year = charts.select(ind1, year=year)
if this_year.empty:
    st.info(f"No workforce figures for 31 March {year} with these filters "
            f"({captions.md_escape(view.filters_text)}). Try another year or fewer filters.",
            icon=":material/info:")
    st.stop()

drill_id = "-".join(view.drill) if view.drill else "all"


def key(name: str) -> str:
    """Chart keys change with the drill-down, so a new chart starts with no selection."""
    return f"wf-{name}-{drill_id}"


# --- Headline -------------------------------------------------------------------------------
overall = charts.select(ind1_wres, year=year, dimension="overall")
overall_bme = charts.select(overall, group="BME")
ref_value = None
if not overall_bme.empty and not bool(overall_bme.iloc[0]["suppressed"]) and \
        pd.notna(overall_bme.iloc[0]["value"]):
    ref_value = float(overall_bme.iloc[0]["value"])
cols = st.columns(3)
for col, group in zip(cols, ("BME", "White", "Unknown"), strict=True):
    row = charts.select(overall, group=group)
    if row.empty:
        col.metric(f"{label(group)} staff", "–")
        continue
    r = row.iloc[0]
    shown = tables.figures_table(row, label=label).iloc[0]
    col.metric(f"{label(group)} share of staff, 31 March {year}", shown["Figure"],
               help=f"{shown.get('Numerator', '')} of {shown.get('Denominator', '')} staff",
               border=True)
    if group == "Unknown" and pd.notna(r["value"]) and float(r["value"]) > 5:
        col.warning(f"Ethnicity is unknown for {float(r['value']):.1f}% of staff: the "
                    "guidance warns that a high unknown share makes every indicator less "
                    "reliable.", icon=":material/warning:")
# Drilled in, the whole organisation's BME share stays on the charts beside the level's own.
trust_table = engine.results(replace(view.query, groups="wres")) if view.drill else None
v1 = wf_views.Indicator1.of(table, wres_table, Words.of_view(view), groups=query.groups,
                            label=label, drill=view.drill, trust_table=trust_table)
st.caption(captions.md_escape(captions.share_lines_sentence(
    year, ref_value, bme=bme, level=view.drill[1] if view.drill else "",
    whole=v1.trust_kw.get("trust_wide"))))
# The BME share's change on the year before and since the first year compared.
said = change_sentences(engine.changes(wres_query),
                        engine.changes(wres_query, since=view.years[0]), year=year,
                        years=view.years, indicator=1, measure="share", group="BME")
if said:
    st.markdown(f"**Change in the {captions.md_escape(bme)} share of staff.** "
                + captions.md_escape(" ".join(said)))

# --- Pay bands: Agenda for Change, medical grades, clinical split ---------------------------
afc_levels, medical_levels = v1.band_levels()
senior_present = [b for b in SENIOR_BANDS if b in afc_levels]
split = charts.select(ind1, year=year, dimension="clinical_pay_band")

st.header("By pay band")
# The bands, the medical grades and the clinical split are three views of one breakdown: tabs,
# only the open one drawn (a chart costs the browser two plotly draws on every change, and
# a chart in a closed tab would be drawn unseen). Opening another tab reruns the page.
AFC_TAB, MEDICAL_TAB, SPLIT_TAB = ("Agenda for Change bands", "Medical and dental grades",
                                   "Non-clinical and clinical")
tab_names = [AFC_TAB] + ([MEDICAL_TAB] if medical_levels else []) + \
    ([SPLIT_TAB] if not split.empty else [])
tabs = dict(zip(tab_names, st.tabs(tab_names, key=controls.WF_BAND_TAB, on_change="rerun"),
                strict=True))
for name, which in ((AFC_TAB, wf_views.AFC), (MEDICAL_TAB, wf_views.MEDICAL_GRADES),
                    (SPLIT_TAB, wf_views.SPLIT)):
    if name in tabs and tabs[name].open:
        with tabs[name]:
            chart = wf_views.bands(v1, which)
            if chart is None:
                st.info("No Agenda for Change bands in this selection.", icon=":material/info:")
            else:
                tables.show_view_chart(chart, key=key(chart.key), label=label, drillable=True)
if split.empty and afc_levels:
    st.info("The workforce data has no staff group or clinical flag, so clinical and "
            "non-clinical staff cannot be shown side by side.", icon=":material/info:")

# --- Model Employer: Band 8a and above ----------------------------------------------------
st.header("Band 8a and above against the "
          + (f"{captions.md_escape(view.drill[1])} share" if view.drill else "overall share"))
st.caption(f"Model Employer: each band's {captions.md_escape(bme)} share against a target "
           f"(the {captions.md_escape(bme)} share of "
           f"{captions.md_escape(v1.workforce_words)} unless you set your own), and how many "
           "more "
           f"{captions.md_escape(bme)} staff the band would need at its current size.")
targets: dict[str, float] = {}
with st.expander("Use your own targets (percent, per band)", icon=":material/flag:"):
    tcols = st.columns(max(1, len(senior_present) or 1))
    for col, band in zip(tcols, senior_present, strict=False):
        value = col.number_input(band, min_value=0.0, max_value=100.0, value=None, step=1.0,
                                 format="%.1f", key=controls.wf_target(band, year),
                                 placeholder="overall")
        if value is not None:
            targets[band] = float(value)
chart = wf_views.model_employer(v1, engine.model_employer(query, year=year, targets=targets),
                                targets=targets)
if chart is None:
    st.info("No staff at Band 8a and above in this selection.", icon=":material/info:")
else:
    tables.show_view_chart(chart, key=key(chart.key), label=label, drillable=True)

# --- By department ----------------------------------------------------------------------------
st.header("By department")
if dept_query is None:
    st.info("The workforce data has no department column, so there is no department view.",
            icon=":material/info:")
else:
    dept_table = engine.results(dept_query)
    tables.drill_down_notice(dept_table, "department")
    n = wf_views.department_count(dept_table, year)
    show_all = True
    if n > wf_views.TOP_N:
        show_all = st.toggle(f"Show all {n} departments", key=controls.WF_DEPT_ALL, value=False)
    chart = wf_views.departments(v1, dept_table, show_all=show_all)
    if chart is None:
        st.info("No department figures for this selection.", icon=":material/info:")
    else:
        tables.show_view_chart(chart, key=key(chart.key), label=label, drillable=True)

# --- Trend per band -------------------------------------------------------------------------
st.header("Trend per band")
chart = wf_views.band_trend(v1, intervals=view.intervals)
if chart is None:
    st.info(f"Only one year is loaded or chosen ({year}), so there is no trend to show. Load "
            "earlier workforce snapshots, or compare more years in the sidebar.",
            icon=":material/info:")
else:
    tables.show_view_chart(chart, key=key(chart.key), label=label, drillable=True)

# --- Each group, this year and over the years ----------------------------------------------
st.header(f"Each {GROUP_WORDS[query.groups]}: share of staff")
# Drilled in, the whole organisation's share of each group beside the level's own.
for chart in group_charts(1, table, Words.of_view(view), groups=query.groups, label=label,
                          intervals=view.intervals,
                          whole=engine.results(view.query) if view.drill else None,
                          own_name=view.drill[1] if view.drill else ""):
    tables.show_view_chart(chart, key=key(chart.key), label=label)
if query.groups == "wres":
    st.caption("Choose broad ethnic groups or individual categories under Display in the "
               "sidebar to see each group's share.")
