"""The ethnicity pay gap (beside the nine indicators): headline mean and median gaps, the gap
by pay band, the composition of the pay quarters, the trend, each ethnic group this year and
over the years, and a drill-down. Reads only the results table (indicator 10,
``wres_core.indicators.pay``); the charts are the builders of ``dashboard.views.pay``, which
the evidence pack and the chart ZIP draw too.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard import captions, state, tables
from dashboard import pay as paytext
from dashboard.pay import pay_rows
from dashboard.state import current_view
from dashboard.views import Words, controls
from dashboard.views import pay as pay_views
from wres_core.indicators.pay import WHITE, WHITE_BRITISH
from wres_core.registry import PAY

view = current_view()
label = view.group_label
bme = view.bme_label

st.title(PAY.short_title)
tables.drill_chip(view, key="pg-drill-chip")
st.markdown("NHS England's EDI Improvement Plan (2023, high-impact action 3) asks every NHS "
            "organisation to publish its pay gaps, ethnicity among them. "
            + captions.md_escape(paytext.DEFINITION))

if view.year is None:
    st.info("No data is loaded: see the Data and quality page.", icon=":material/info:")
    st.stop()
workforce = view.data.get("workforce")
if workforce is None or "hourly_pay" not in workforce.columns:
    st.info("No workforce file with an hourly pay is loaded, so there is no pay gap. Add the "
            "ESR 'Hourly Rate' (ordinary basic pay per hour at 31 March) to the workforce "
            "extract.", icon=":material/info:")
    st.stop()

white_british = st.toggle("Compare with White British staff instead of all White staff",
                          value=False, key=controls.PG_WHITE_BRITISH,
                          help="Stated on every chart when on.")
reference = WHITE_BRITISH if white_british else WHITE
ref_words = paytext.reference_words(reference)

year = view.year
years = list(view.years)
query = replace(view.drilled_query(), pay_reference=reference)
engine = view.engine
wres_query = replace(query, groups="wres")
band_query = replace(wres_query, by="pay_band")
# One call for the page's views (Engine.page): the band figures first, so the overall table
# is cut from them (docs/design.md).
table = engine.page(wres_query, drills=["pay_band"]).overall
rows = pay_rows(table)
if pay_rows(rows, year=year).empty:
    st.info(f"No pay figures for {year} with these filters "
            f"({captions.md_escape(view.filters_text)}).", icon=":material/info:")
    st.stop()

drill_id = "-".join(view.drill) if view.drill else "all"
# The charts: the builders the evidence pack and the chart ZIP use too.
pv = pay_views.PayView(Words.of_view(view), reference=reference, label=label,
                       intervals=view.intervals)


def key(name: str) -> str:
    return f"pg-{name}-{drill_id}-{reference.replace(' ', '')}"


def show(chart, *, drillable: bool = False) -> None:
    tables.show_view_chart(chart, key=key(chart.key), label=label, drillable=drillable)


# --- Headline ----------------------------------------------------------------------------------
st.header(f"{bme} staff against {ref_words}, 31 March {year}")
now = pay_rows(rows, year=year, dimension="overall", group="BME")
cols = st.columns(2)
for col, measure in zip(cols, ("median_gap", "mean_gap"), strict=True):
    pick = now[now["measure"] == measure]
    row = pick.iloc[0] if len(pick) else None
    with col:
        shown = row is not None and not bool(row["suppressed"]) and pd.notna(row["value"])
        interval = captions.fmt_interval("share", row["ci_low"], row["ci_high"]) \
            if shown else ""
        st.metric(paytext.MEASURE_NAMES[measure], captions.fmt_percent(row["value"])
                  if shown else ("withheld" if row is not None and bool(row["suppressed"])
                                 else "not available"),
                  help=f"95% interval {interval}" if interval else None, border=True)
        st.caption(captions.md_escape(paytext.gap_sentence(row, bme, reference))
                   + (f" 95% interval {interval}." if interval else ""))

# --- By pay band --------------------------------------------------------------------------------
st.subheader("Gap within each pay band")
show(pay_views.bands(pv, engine.results(band_query)), drillable=True)

# --- Quarters -----------------------------------------------------------------------------------
st.subheader("Who is in each pay quarter")
show(pay_views.quarters(pv, rows))

# --- Trend --------------------------------------------------------------------------------------
st.subheader("Over the years")
chart = pay_views.trend(pv, rows)
if chart is None:
    st.info("Only one year is loaded or chosen, so there is no trend.", icon=":material/info:")
else:
    show(chart)
    changes = engine.changes(wres_query)
    ch = pay_rows(changes, dimension="overall", group="BME", year=years[1:],
                  measure=["mean_gap", "median_gap"])
    if len(ch):
        last = ch[ch["year"] == ch["year"].max()]
        words = "; ".join(f"{paytext.MEASURE_NAMES[str(r['measure'])].lower()}: "
                          f"{r['direction']}" for _, r in last.iterrows())
        st.caption(captions.md_escape(f"Change on the year before ({int(last['year'].iloc[0])}): "
                                      f"{words} (tested at 5%)."))

# --- Each ethnic group --------------------------------------------------------------------------
st.subheader("Each ethnic group")
# Starts at the level chosen under Display (broad groups where that is White and BME, which
# the charts above already are); the key carries it, so changing Display changes this too.
on_screen = state.controls(view)
level = st.segmented_control("Groups", options=list(controls.PAY_LEVELS),
                             format_func={"broad": "Broad groups",
                                          "category": "Each ethnic category"}.get,
                             default=on_screen.pay_level(view.query.groups), required=True,
                             key=controls.pg_level(view.query.groups))
level = level or "broad"
group_table = engine.results(replace(query, groups=level))
show(pay_views.groups(pv, group_table, level))
if len(years) < 2:
    st.caption("Only one year is loaded or chosen, so there is no trend by group.")
for chart in pay_views.group_trends(pv, group_table, level):
    show(chart)

# --- Drill-down ---------------------------------------------------------------------------------
st.subheader("Drill down")
present = [d for d in controls.PAY_DIMENSIONS if d in workforce.columns]
if not present:
    st.info("The workforce file has no staff group, department or site to drill into.",
            icon=":material/info:")
else:
    dim = st.selectbox("Breakdown", present, format_func=controls.PAY_DIMENSIONS.get,
                       key=controls.PG_DIMENSION)
    dim_table = engine.results(replace(wres_query, by=dim))
    n = pay_views.breakdown_count(dim_table, dim, year)
    show_all = n <= pay_views.TOP_N or st.toggle(f"Show all {n}", value=False,
                                                 key=controls.pg_all(dim))
    show(pay_views.breakdown(pv, dim_table, dim, show_all=show_all), drillable=True)
