"""The ethnicity pay gap (beside the nine indicators): headline mean and median gaps, the gap
by pay band, the composition of the pay quarters, the trend, each ethnic group, and a
drill-down. Reads only the results table (indicator 10, ``wres_core.indicators.pay``).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard import captions, tables
from dashboard import pay as paytext
from dashboard.pay import pay_rows
from dashboard.state import current_view
from wres_core.indicators.pay import WHITE, WHITE_BRITISH
from wres_core.registry import PAY

TOP_N = 15
DRILL_DIMENSIONS = {"staff_group": "Staff group", "clinical": "Clinical / non-clinical",
                    "directorate": "Directorate", "department": "Department", "site": "Site",
                    "occupation": "Occupation"}

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
                          value=False, key="pg-white-british",
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


def key(name: str) -> str:
    return f"pg-{name}-{drill_id}-{reference.replace(' ', '')}"


def text(what: str, slug: str, *, years_=(year,), base_rows=None) -> captions.ChartText:
    filters = view.filters_text + (f"; {view.drill_text}" if view.drill else "")
    base = captions.base_text(base_rows) if base_rows is not None else ""
    if reference == WHITE_BRITISH:
        what += " (against White British staff)"
    return captions.chart_text(
        what=what, org_label=view.org_label, when_text=paytext.when(list(years_)),
        filters_text=filters, source_text=paytext.source(years_), suppress=query.suppress,
        caution=query.caution, base=base, extra=paytext.extra(reference),
        slug=f"pay-gap-{slug}", year=year)


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
band_table = engine.results(band_query)
band = pay_rows(band_table, year=year, dimension="pay_band", group="BME",
                measure=["mean_gap", "median_gap"])
t = text(f"Pay gap of {bme} staff within each pay band", "by-band",
         base_rows=None)
fig = paytext.gap_dots(band, t, drill="pay_band", intervals=view.intervals, label=label)
tables.show_chart(fig, t, band, key=key("band"), label=label, drillable=True,
                  caption="A gap within a band is about pay points (time in the band, "
                          "starting point); the overall gap is mostly about who is in which "
                          "band. Click a band to drill into it.")

# --- Quarters -----------------------------------------------------------------------------------
st.subheader("Who is in each pay quarter")
quarters = pay_rows(rows, year=year, dimension="pay_quartile", measure="quartile_share")
t = text("Staff in each pay quarter by ethnicity (everyone with an hourly pay ranked and split "
         "into four equal quarters)", "quarters", base_rows=quarters)
fig = paytext.quartile_bars(quarters, t, label=label)
tables.show_chart(fig, t, quarters, key=key("quarters"), label=label,
                  caption="Quarters as the Gender Pay Gap Regulations make them: left-over "
                          "people go to Lower, Upper middle, then Lower middle; people on the "
                          "same rate across a boundary are shared in their groups' proportions.")

# --- Trend --------------------------------------------------------------------------------------
st.subheader("Over the years")
if len(years) < 2:
    st.info("Only one year is loaded or chosen, so there is no trend.", icon=":material/info:")
else:
    trend = pay_rows(rows, year=years, dimension="overall", group="BME",
                     measure=["mean_gap", "median_gap"])
    t = text(f"Pay gap of {bme} staff, {years[0]} to {years[-1]}", "trend", years_=years)
    fig = paytext.gap_trend(trend, t, intervals=view.intervals, label=label)
    changes = engine.changes(wres_query)
    ch = pay_rows(changes, dimension="overall", group="BME", year=years[1:],
                  measure=["mean_gap", "median_gap"])
    tables.show_chart(fig, t, trend, key=key("trend"), label=label)
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
shown_level = view.query.groups if view.query.groups in ("broad", "category") else "broad"
level = st.segmented_control("Groups", options=["broad", "category"],
                             format_func={"broad": "Broad groups",
                                          "category": "Each ethnic category"}.get,
                             default=shown_level, required=True,
                             key=f"pg-level-{view.query.groups}")
group_table = engine.results(replace(query, groups=level or "broad"))
grp = pay_rows(group_table, year=year, dimension="overall",
               measure=["mean_gap", "median_gap"])
t = text(f"Pay gap of each ethnic group against {ref_words}", f"by-{level}")
fig = paytext.gap_dots(grp, t, by="group", intervals=view.intervals, label=label)
tables.show_chart(fig, t, grp, key=key(f"groups-{level}"), label=label,
                  caption="Small groups have wide intervals; withheld ones are under the "
                          "publication-safe threshold.")

# --- Drill-down ---------------------------------------------------------------------------------
st.subheader("Drill down")
present = [d for d in DRILL_DIMENSIONS if d in workforce.columns]
if not present:
    st.info("The workforce file has no staff group, department or site to drill into.",
            icon=":material/info:")
else:
    dim = st.selectbox("Breakdown", present, format_func=DRILL_DIMENSIONS.get,
                       key="pg-dimension")
    dim_table = engine.results(replace(wres_query, by=dim))
    dd = pay_rows(dim_table, year=year, dimension=dim, group="BME",
                  measure=["mean_gap", "median_gap"])
    median = dd[dd["measure"] == "median_gap"].assign(_v=lambda d: d["value"].astype("Float64"))
    order = list(median.sort_values("_v", ascending=False, na_position="last",
                                    kind="stable")["level"])
    n = len(order)
    show_all = n <= TOP_N or st.toggle(f"Show all {n}", value=False, key=f"pg-{dim}-all")
    if not show_all:
        order = order[:TOP_N]
        dd = dd[dd["level"].isin(order)]
    t = text(f"Pay gap of {bme} staff by {DRILL_DIMENSIONS[dim].lower()}"
             + ("" if show_all else f" (the {TOP_N} widest median gaps of {n})"), f"by-{dim}")
    fig = paytext.gap_dots(dd, t, drill=dim, intervals=view.intervals, label=label,
                           order=order)
    tables.show_chart(fig, t, dd, key=key(f"dim-{dim}"), label=label, drillable=True,
                      caption="Sorted by the median gap, widest first. Click a level to "
                              "drill into it.")
