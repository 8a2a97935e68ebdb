"""Methodology: every definition, assumption and statistical aid in plain words, with sources.

The rules themselves live in wres_core (and in shared/spec/methodology.md); this page explains
them. Rules marked "assumed" are ones whose official text could not be checked: they are
stated here so that a reader can judge them, and each sits in one place in the core so it can
be changed.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import pay as paytext
from dashboard import state
from wres_core import national
from wres_core.disclosure import POLICY_TEXT
from wres_core.registry import INDICATORS
from wres_core.stats import NON_ADVERSE_RULE

view = state.current_view()
threshold = view.query.suppress if view.query.suppress >= 2 else \
    int(st.session_state[state.THRESHOLD])
caution = view.query.caution
safe = view.query.suppress >= 2
word = view.bme_label

st.title("Methodology")
st.caption("How every figure in WRES Explorer is defined and computed, what is assumed, and "
           "where the rules come from. Rules marked **(assumed)** could not be checked "
           "against the official text.")

st.markdown(
    """
**Sources.** NHS England, *Additional Information for the NHS Workforce Race Equality
Standard* (version 7, June 2021) for the indicator definitions; the NHS Staff Survey
questionnaires 2018 to 2025 for the survey items; NHS England's annual *WRES data analysis
reports* for the national reference figures; the NHS Standard Contract and the *Model
Employer* strategy (2019) for Band 8a+ representation goals; the NHS Data Dictionary for
ethnic category codes. Trusts' published WRES reports were used to check the arithmetic.
"""
)

st.header("Groups")
st.markdown(
    f"""
- **White**: NHS ethnic categories A to C (White British, White Irish, any other White
  background), old code 0, and the 2021 census White categories (Gypsy or Irish Traveller,
  Roma).
- **BME** (shown as "{word}", the word chosen in the sidebar; only the label changes):
  categories D to S, old codes 1 to 8, and every other stated category (Arab, Filipino).
- **Unknown**: Z, 99, old 9, blank, "Not stated", "Prefer not to say", "I do not wish to
  disclose" and similar. Unknown is always shown and is never counted as White or BME; it
  enters no ratio.
- **Broad groups**: White, Mixed, Asian, Black, Other (Chinese sits under Other, as in the
  2001 codes), Unknown. **Individual categories**: every category on its own. The guidance
  asks that the experience of staff in White Irish and "any other White background"
  (including Gypsy and Traveller and Eastern European staff) be explored: every indicator can
  be viewed by individual category, with all White staff as the reference group.
- An ESR two-character sub-code counts by its first character (`LB` is category L).
"""
)

st.header("Which year a figure belongs to")
st.markdown("Every figure belongs to a **WRES reporting year** N:")
st.table(
    pd.DataFrame(
        [
            ("Workforce (indicator 1, and the headcounts of 3, 4 and 9)",
             "Staff in post at 31 March N (primary assignment; headcount, not FTE)"),
            ("Board (indicator 9)", "Board members at 31 March N"),
            ("Recruitment, disciplinary, training (indicators 2 to 4)",
             "The financial year 1 April N-1 to 31 March N (2023/24, 2023-24 and FY2024 all "
             "mean 2024)"),
            ("NHS Staff Survey (indicators 5 to 8)",
             "The survey run in the autumn of N-1: the 2023 survey sits beside the 31 March "
             "2024 workforce"),
        ],
        columns=["Data", "What year N means"],
    ),
    hide_index=True,
)
st.caption("Every card and chart says which snapshot, financial year or survey its figure "
           "comes from.")

st.header("The nine indicators")
indicators = pd.DataFrame(
    [
        (1, INDICATORS[1].title,
         "Share of White, BME and Unknown staff in each row (they add up to 100%)",
         "Each band's BME share close to the whole workforce's"),
        (2, INDICATORS[2].title,
         "(appointed White / shortlisted White) / (appointed BME / shortlisted BME)",
         "Close to 1"),
        (3, INDICATORS[3].title,
         "(BME staff entering / headcount BME) / (White staff entering / headcount White): "
         "people entering a formal disciplinary investigation, each once a year, "
         "disciplinary cases only; pooled over the reporting year and the year before "
         "(assumed: pooled counts)",
         "Close to 1"),
        (4, INDICATORS[4].title,
         "(trained White / headcount White) / (trained BME / headcount BME)",
         "Close to 1"),
        (5, INDICATORS[5].title, "Percent of White and of BME respondents",
         "Lower"),
        (6, INDICATORS[6].title,
         "Percent of White and of BME respondents", "Lower"),
        (7, INDICATORS[7].title, "Percent of White and of BME respondents", "Higher"),
        (8, INDICATORS[8].title,
         "Percent of White and of BME respondents", "Lower"),
        (9, INDICATORS[9].title,
         "BME % of voting board members minus BME % of the workforce, in percentage points; "
         "also for all, non-voting, executive and non-executive members", "Close to 0"),
    ],
    columns=["Indicator", "What it measures", "Figure", "Better is"],
)
# st.table, not st.dataframe: these are sentences and must wrap (all static text).
st.table(indicators, hide_index=True)

st.subheader("Details")
st.markdown(
    """
- **Headcount** for indicators 3 and 4 is the 31 March workforce of the same reporting year;
  for the pooled indicator 3, the two snapshots added together. One row per person and year
  after removing duplicate assignments (the primary assignment is kept).
- **Relative likelihoods** (indicators 2 to 4) are ratios, never percentages. The direction
  is the WRES one, so **above 1.00 always means worse for BME staff**.
- **Indicator 3** counts **people entering** a formal disciplinary investigation in the
  financial year, each person once a year however many cases they had. Where the case file
  has a case type, only disciplinary (conduct) cases count: capability, grievance, sickness
  absence, bullying and harassment, appeals and the rest are left out, and the Data and
  quality page says how many of each. A person not in the 31 March snapshot (a leaver)
  still counts, under the ethnicity, band and department on their case row; the headcount
  stays the snapshot. A case file with a header and no rows means no one entered the
  process that year (a true zero), so the likelihoods are 0 and the ratio is left empty.
- Indicator 3 uses the two-year rolling figure as its headline (the people entering and
  the headcounts of the reporting year and the year before, pooled) *(assumed: pooled
  counts rather than an average of two ratios)*. The single-year figure is shown beside it.
  Where the year before is missing, the headline is the single-year figure and a note says
  so.
- **Indicator 2** counts shortlisted applicants; applications that were not shortlisted feed
  only the application-to-shortlisting view. Internal and external recruitment are both
  included.
- **Disciplinary and training** rows of a person in the workforce snapshot of the same
  year take the ethnicity, band and department of that record, as the headcount they are
  counted over does (the row's own value stands where the record has none). Ids that match
  no one are listed on the Data and quality page, never silently dropped. Several training
  rows for one person in one year count once.
- **Survey items** (2021 to 2025 numbering; 2018 to 2020 in brackets): indicator 5 is q14a
  (Q13a), any answer but "Never". Indicator 6 is q14b or q14c (Q13b, Q13c): a respondent who
  answered anything but "Never" to either, over those who answered at least one. Indicator 7
  is q15 (Q14): "Yes" over "Yes" and "No"; "Don't know" is left out of the base. Indicator 8
  is q16b (Q15b): "Yes". A blank answer leaves the respondent out of that item's base.
- **Which year's numbering.** A survey file holding several survey years is read row by
  row, each row's items and numeric ethnicity code by its own survey year. Confirmed: the
  2020 survey's Q13a, Q13b/c, Q14 and Q15b (cited by the WRES technical guidance of June
  2021 for the survey behind that year's return) and the redeveloped survey's q14a to q14c,
  q15 and q16b for 2021 to 2025 (the data contract). 2018 and 2019 are read with the 2020
  numbering *(assumed: the data contract gives it; those questionnaires were not checked)*,
  as are earlier years; later years keep the 2025 numbering *(assumed)*. The survey's numeric
  ethnicity codes follow the order the questionnaire prints its answers in *(assumed)*; the
  2025 survey inserted "13 Filipino" and moved every later answer up by one, so code 19 is
  "Any other ethnic group" in 2025 and unused before.
- **ESR ethnicity sub-codes** (`CA`, `LB`, `PC` ...) count by their first letter, except the
  Gypsy and Irish Traveller ones (`CL`, `CM`, `CN`), which go to the 2021 census category
  White - Gypsy or Irish Traveller. A pay band or grade that cannot be read keeps its row in
  every figure that does not split by band and appears as "Unrecognised band" on the Data
  and quality page.
- **Indicator 9**: the board's BME share (voting members for the headline) minus the
  workforce's BME share, in percentage points.
- **Model Employer**: for Band 8a and above, the app shows the gap between each band's BME
  share and the whole workforce's, and how many BME staff each band would need to close it.
"""
)

st.header("The non-adverse range (0.80 to 1.25)")
st.markdown(
    """
In 2019 NHS England set a **"non-adverse" range of 0.80 to 1.25** for indicator 3, from the
four-fifths rule used in employment testing: a relative likelihood inside it is not taken as
evidence of an adverse difference. WRES Explorer draws the same band for indicators 2 and 4,
**labelled as such**: for those two it is this app's reading aid, not an NHS England
threshold.
"""
)
st.markdown("**How a figure is judged against it.** " + NON_ADVERSE_RULE + " The interval is "
            "shown beside the verdict.")

st.header("Statistical aids (not official figures)")
st.info("The intervals and change tests below are **aids to reading**, added by this app. "
        "They are not part of the official WRES return, and the official figures are the "
        "point values.", icon=":material/info:")
st.markdown(
    """
- **95% interval of a relative likelihood**: on the log scale, with standard error
  √(1/a − 1/n₁ + 1/c − 1/n₂) (Katz's method). Where a count is zero, 0.5 is added to every
  cell for the interval only (Haldane-Anscombe correction), and the figure's note says so.
- **95% interval of a survey percentage**: the Wilson score interval. **Of a White-BME gap**
  in percentage points: Newcombe's hybrid score interval.
- **Change on the year before**: called "worse" or "better" only where it is unlikely to be
  chance, tested at the 5% level (the log ratio of two relative likelihoods, or the
  difference of two proportions). Otherwise the view says **"no clear change"**, whatever the
  arrow would show. Worse and better are always said in words and with an icon, never by
  colour alone.
- Intervals can be switched off in the sidebar (Display).
"""
)

st.header("Small numbers and publication safety")
st.markdown(
    f"""
- **Caution mark**: every figure whose base (denominator) is below the caution threshold
  (default 30; now **{caution}**) carries a caution mark: small groups make percentages and
  ratios jump from year to year.
- **Publication-safe mode** is on by default (now **{"on" if safe else "off"}**) because
  screenshots and exports leave the building. A count of White, BME, a broad group or an
  ethnic category from 1 to the suppression threshold minus one (default threshold 10; now
  **{threshold}**) is not shown, and any figure computed from such a count is **withheld**:
  it reads "withheld (fewer than {threshold})". The policy, with its reasons, is below.
- **Survey percentages** from fewer than 11 responses are never shown, whatever the setting
  *(assumed: the NHS Staff Survey's own reporting rule)*.
- **Secondary suppression**: a withheld cell cannot be recovered by subtracting the shown
  cells from a shown total; where it could, a second cell is withheld too. Publication-safe
  mode never changes a figure that is shown, it only withholds.
- **A drill-down and the overall view agree**: a count that both show (Band 5's BME staff
  on the overview and in the pay-band drill-down) is shown in both or withheld in both, so
  that one cannot fill in what the other withholds; so do the three group levels. Views of
  two different filters, or two different drill-downs, are each safe but are not checked
  against each other: publish the overall view with one drill-down at a time.
"""
)
st.subheader("The suppression policy: what is protected, and why")
st.markdown("\n".join(f"- {p}" for p in POLICY_TEXT))
st.markdown(
    """
- A figure that cannot be computed (no one shortlisted, no BME staff in a department) is left
  empty with a note; it is never shown as zero and never as infinite.
- **Unknown ethnicity** is itself a finding: a high share of staff with unknown ethnicity
  makes every indicator less reliable (the guidance warns of this). The Overview shows it as
  its own card, and Data and quality shows it by band and department.
"""
)

st.header("National reference figures")
st.caption("NHS trusts in England, from NHS England's WRES data analysis reports; each is "
           "labelled with its WRES year. Shown as benchmark lines on the charts of "
           "indicators 2 to 9 for the chart's own WRES year (the sidebar's Display switch), "
           "never as targets.")
# One table (wres_core.national), which the charts draw from too.
national_table = pd.DataFrame(
    [(fig.name, national.by_year_text(fig)) for fig in national.FIGURES],
    columns=["Figure", "National value by WRES year"],
)
st.table(national_table, hide_index=True)

st.header("Ethnicity pay gap (beside the nine indicators)")
st.markdown(paytext.METHODOLOGY)

st.header("Assumptions, in one list")
st.markdown(
    """
- Indicator 3's two-year headline pools the counts of both years *(assumed)*.
- Survey percentages from fewer than 11 responses are withheld *(assumed: the Staff Survey's
  rule)*.
- The 0.80 to 1.25 band is applied to indicators 2 and 4 by this app (NHS England set it for
  indicator 3).
- Where a workforce file has no primary-assignment flag, one record per person and year is
  kept and the duplicates are reported.
- Clinical / non-clinical: a `clinical` column wins where given; otherwise Administrative
  and Clerical, and Estates and Ancillary, are non-clinical and the other ESR staff groups
  are clinical; students follow their staff group (data contract, not an official list).
"""
)
