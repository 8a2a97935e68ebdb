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

TOP_N = 15
INDICATORS = (5, 6, 7, 8)
SHORT = {5: "5. Harassment from patients or public", 6: "6. Harassment from staff",
         7: "7. Equal opportunities for progression", 8: "8. Discrimination from colleagues"}

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


def text(what: str, slug: str, indicator: int | None, *, years_=(year,), base_rows=None,
         extra: str = "") -> captions.ChartText:
    filters = view.filters_text + (f"; {view.drill_text}" if view.drill else "")
    base = ""
    if base_rows is not None and not base_rows.empty:
        base = captions.base_text(base_rows, noun="respondents")
    return captions.chart_text(
        what=what, org_label=view.org_label, when_text=captions.when(5, list(years_)),
        filters_text=filters, source_text=captions.sources(5, years_), suppress=query.suppress,
        caution=query.caution, survey_min=query.survey_min, survey=True, base=base,
        extra=extra, slug=f"indicator-{indicator}-{slug}" if indicator else slug, year=year)


# --- All four at a glance ----------------------------------------------------------------------
st.header("All four indicators")
now = charts.select(rows, year=year, dimension="overall")
pct = charts.select(now, measure="percent", group=["White", "BME"])
gaps = charts.select(now, measure="gap", group="BME")
names = {str(i): SHORT[i] + (" (higher is better)" if i == 7 else " (lower is better)")
         for i in INDICATORS}  # wrapped onto two lines by the chart
t = text(f"White and {bme} staff reporting each experience, with the gap ({bme} minus White, "
         "points)", "indicators-5-8", None,
         extra="5, 6 and 8: lower is better. 7: higher is better.")
fig = charts.percent_dumbbell(pct, t, by="indicator", order=[str(i) for i in INDICATORS],
                              names=names, label=label, intervals=view.intervals,
                              gap_rows=gaps)
tables.show_chart(fig, t, pd.concat([pct, gaps]), key=key("overview"), label=label)

# --- One indicator in detail -------------------------------------------------------------------
st.header("One indicator in detail")
indicator = st.segmented_control("Indicator", options=list(INDICATORS), format_func=SHORT.get,
                                  default=6, required=True, key="sv-indicator")
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

# Trend
st.subheader("Over the years")
if len(years) < 2:
    st.info(f"Only one survey year is loaded or chosen (WRES {year}), so there is no trend. "
            "Load earlier surveys, or compare more years in the sidebar.",
            icon=":material/info:")
else:
    trend = charts.select(ind, year=years, measure="percent", dimension="overall",
                          group=["White", "BME"])
    t = text(f"{captions.INDICATOR_NAMES[indicator]}: White and {bme} staff, "
             f"{years[0]} to {years[-1]}", "trend", indicator, years_=years, base_rows=None,
             extra=captions.better_sentence(indicator))
    fig = charts.percent_trend(trend, t, label=label, intervals=view.intervals,
                               y_title="percent of respondents")
    tgap = charts.select(ind, year=years, measure="gap", dimension="overall", group="BME")
    tables.show_chart(fig, t, pd.concat([trend, tgap]), key=key(f"trend-{indicator}"),
                      label=label)

# By department
st.subheader("By department")
if dept_query is None:
    st.info("The survey data has no department column, so there is no department view.",
            icon=":material/info:")
else:
    dept_table = engine.results(dept_query)
    dp = charts.select(dept_table, indicator=indicator, year=year, dimension="department")
    dpct = charts.select(dp, measure="percent", group=["White", "BME"])
    dgap = charts.select(dp, measure="gap", group="BME")
    if dpct.empty:
        st.info("No department figures for this selection.", icon=":material/info:")
    else:
        # Worst gap first: the largest BME-minus-White gap where lower is better (5, 6, 8),
        # the most negative where higher is better (7). Withheld gaps go last.
        worse_high = indicator != 7
        ranked = dgap.assign(_v=dgap["value"].astype("Float64"))
        ranked = ranked.sort_values("_v", ascending=not worse_high, na_position="last",
                                    kind="stable")
        order = list(dict.fromkeys(list(ranked["level"]) + list(dpct["level"])))
        n = len(order)
        show_all = True
        if n > TOP_N:
            show_all = st.toggle(f"Show all {n} departments", value=False,
                                 key=f"sv-{indicator}-dept-all")
        extra = captions.better_sentence(indicator) + " Sorted by the gap, worst first."
        if not show_all:
            extra += f" Showing {TOP_N} of {n} departments."
        t = text(f"{captions.INDICATOR_NAMES[indicator]}: White and {bme} staff by "
                 "department, with the gap", "by-department", indicator, extra=extra)
        fig = charts.percent_dumbbell(dpct, t, order=order, label=label,
                                      intervals=view.intervals, drill="department",
                                      top=None if show_all else TOP_N, gap_rows=dgap)
        tables.show_chart(fig, t, pd.concat([dpct, dgap]), key=key(f"dept-{indicator}"),
                          label=label, drillable=True,
                          caption="Click a department to drill into it.")

# Each ethnic category
st.subheader("Each ethnic category")
cat_table = engine.results(replace(query, groups="category"))
cp = charts.select(cat_table, indicator=indicator, year=year, dimension="overall",
                   measure="percent")
white = charts.select(cp, group="White")
cats = cp[~cp["group"].isin(["White"])]
if cats.empty:
    st.info("No figures by ethnic category for this selection (a published summary may give "
            "only White and BME).", icon=":material/info:")
else:
    ref = None
    if not white.empty and not bool(white.iloc[0]["suppressed"]) and \
            pd.notna(white.iloc[0]["value"]):
        ref = float(white.iloc[0]["value"])
    t = text(f"{captions.INDICATOR_NAMES[indicator]}: each ethnic category", "by-category",
             indicator, extra=captions.better_sentence(indicator))
    fig = charts.percent_bars(cats, t, label=label, intervals=view.intervals, reference=ref,
                              reference_label="all White staff" + (f" ({ref:.1f}%)" if ref
                                                                   is not None else ""))
    cgap = charts.select(cat_table, indicator=indicator, year=year, dimension="overall",
                         measure="gap")
    tables.show_chart(fig, t, pd.concat([white, cats, cgap]), key=key(f"cat-{indicator}"),
                      label=label,
                      caption="Small categories have wide intervals; withheld ones had fewer "
                              f"than {query.survey_min} responses.")
