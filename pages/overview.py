"""Overview: one card per indicator for the chosen year, and one for unknown ethnicity.

Each card reads its headline from the results table (``engine.results``) and its change on the
year before and since the first year compared from ``engine.changes``: nothing is recomputed
here. The headlines always compare
White and BME staff (the WRES headline), whatever group level the sidebar shows on the
indicator pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd
import streamlit as st

from dashboard import captions, charts, sidebar, state, tables, theme
from dashboard.captions import (
    CAUTION_MARK,
    INDICATOR_NAMES,
    fmt_interval,
    fmt_value,
    gap_sentence,
    md_escape,
    ratio_sentence,
    source,
)
from dashboard.figure import Fig
from dashboard.views.change import change_sentence
from wres_core import display, ranking
from wres_core.codes.bands import SENIOR_BANDS
from wres_core.registry import SURVEY
from wres_core.registry import indicator as indicator_record


@dataclass(frozen=True)
class Ctx:
    """What every card needs: the view, the (headline) query, its tables and the year."""

    view: state.View
    query: object  # wres_core.api.Query
    table: pd.DataFrame
    changes: pd.DataFrame
    year: int
    # Each figure's change since the first year compared (``Engine.changes(since=)``).
    since: pd.DataFrame | None = None
    # Where each figure's row is in ``table`` and ``changes``, found once per run.
    _positions: dict = field(default_factory=dict, compare=False, repr=False)

    def row(self, which: str, key: tuple) -> pd.Series | None:
        """The first row of ``table`` or ``changes`` (``which``) for a figure's ``key``
        (year, indicator, measure, group, dimension, level), or None."""
        frame = getattr(self, which)
        if which not in self._positions:
            self._positions[which] = _positions(frame)
        pos = self._positions[which].get(key)
        return None if pos is None else frame.iloc[pos]

    @property
    def bme(self) -> str:
        return self.view.bme_label

    @property
    def threshold(self) -> int:
        return int(self.query.suppress)

    def withheld(self) -> str:
        return f"withheld (fewer than {self.threshold})"


# --- Reading the results table ----------------------------------------------------------
FIGURE_KEY = ("year", "indicator", "measure", "group", "dimension", "level")


def _positions(frame: pd.DataFrame | None) -> dict[tuple, int]:
    """The position of the first row of each figure: one pass over the table, where six
    comparisons over all of it for each of the cards' 40-odd figures took 0.1 s a run."""
    if frame is None or frame.empty:
        return {}
    out: dict[tuple, int] = {}
    for i, key in enumerate(zip(*(frame[c].tolist() for c in FIGURE_KEY), strict=True)):
        out.setdefault(key, i)
    return out


def pick(ctx: Ctx, *, year: int, indicator: int, measure: str, group: str,
         dimension: str = "overall", level: str = "All") -> pd.Series | None:
    """The one row of the results table for a figure, or None."""
    return ctx.row("table", (year, indicator, measure, group, dimension, level))


def series(ctx: Ctx, *, indicator: int, measure: str, group: str, dimension: str = "overall",
           level: str = "All") -> list[tuple[int, float | None]]:
    """(year, value or None when withheld / missing) for each year compared."""
    out = []
    for y in ctx.view.years:
        row = pick(ctx, year=y, indicator=indicator, measure=measure, group=group,
                   dimension=dimension, level=level)
        shown = row is not None and not bool(row["suppressed"]) and not pd.isna(row["value"])
        out.append((y, float(row["value"]) if shown else None))
    return out


def figure(ctx: Ctx, row: pd.Series | None, measure: str) -> str:
    """A figure as text: the value, "withheld (fewer than N)", or "not available"."""
    if row is None:
        return "not available"
    if bool(row["suppressed"]):
        return ctx.withheld()
    if pd.isna(row["value"]):
        return "not available"
    return fmt_value(measure, row["value"])


def headline(ctx: Ctx, label: str, row: pd.Series | None, measure: str, *,
             help: str | None = None) -> None:
    """The big figure of a card. A metric's value cannot wrap, so a withheld figure shows
    "withheld" in the metric and the reason, "withheld (fewer than N)", right under it."""
    text = figure(ctx, row, measure)
    withheld = row is not None and bool(row["suppressed"])
    st.metric(label, "withheld" if withheld else text, help=help)
    if withheld:
        status_badge("withheld", text[0].upper() + text[1:])


def is_shown(row: pd.Series | None) -> bool:
    return row is not None and not bool(row["suppressed"]) and not pd.isna(row["value"])


# --- Change on the year before ------------------------------------------------------------
def change_status(ctx: Ctx, *, indicator: int, measure: str, group: str,
                  dimension: str = "overall", level: str = "All") -> tuple[str, str] | None:
    """(status key in theme.STATUS, "previous → now") for a figure's change on the year
    before, from engine.changes; None when there is none to show (first year, withheld).

    The verdict is ``wres_core.display.change_verdict`` (the one place for its words):
    "better", "worse" or "no clear change"; a share, which has no better or worse, "up" or
    "down" where the core's test finds the change unlikely to be chance.
    """
    row = ctx.row("changes", (ctx.year, indicator, measure, group, dimension, level))
    if row is None:
        return None
    key = display.change_verdict(row["direction"], row["change"], row["p_value"])
    if not key:  # not computable: a figure is missing or withheld
        return None
    detail = ""
    if not pd.isna(row["previous"]) and not pd.isna(row["value"]):
        detail = f"{fmt_value(measure, row['previous'])} → {fmt_value(measure, row['value'])}"
    return key, detail


# --- Drawing ----------------------------------------------------------------------------
def status_badge(key: str, text: str | None = None) -> None:
    """A status as colour AND icon AND words (never colour alone)."""
    s = theme.STATUS[key]
    st.badge(text or s.word, icon=s.icon, color=s.streamlit_colour)


def change_line(ctx: Ctx, **figure_key) -> None:
    years = ctx.view.years
    if len(years) < 2 or years[-2] != ctx.year - 1:
        st.caption("Change on last year: no figure for the year before.")
    elif (found := change_status(ctx, **figure_key)) is None:
        st.caption(f"Change since {ctx.year - 1}: not available (no figure for one of the "
                   "years, or withheld).")
    else:
        key, detail = found
        word = theme.STATUS[key].word
        label = f"{word} than {ctx.year - 1}" if key in ("worse", "better") else \
            f"{word} since {ctx.year - 1}"
        status_badge(key, label[0].upper() + label[1:])
        if detail:
            st.caption(f"{ctx.year - 1}: {detail.replace(' → ', f' → {ctx.year}: ')}")
    first = years[0] if years else ctx.year
    if first < ctx.year - 1 and ctx.since is not None:
        # The first-to-last change, beside the year on year one: has it changed over the
        # years compared, not only since last year?
        row = ctx.row("since", (ctx.year, *_key(**figure_key)))
        st.caption(md_escape(change_sentence(row, since=first, year=ctx.year,
                                             measure=figure_key["measure"])))


def _key(*, indicator: int, measure: str, group: str, dimension: str = "overall",
         level: str = "All") -> tuple:
    return (indicator, measure, group, dimension, level)


def sparkline(ctx: Ctx, points: list[tuple[int, float | None]], *, measure: str,
              key: str, colour: str = theme.NHS_BLUE) -> None:
    """A small trend line over the years compared, with the years on its axis. Withheld
    years are gaps. Ratios show the non-adverse band; percentage axes start at zero."""
    if len([v for _, v in points if v is not None]) < 1 or len(points) < 2:
        return
    xs = [str(y) for y, _ in points]
    ys = [v for _, v in points]
    shown = [v for v in ys if v is not None]
    # Plotly's default template (Streamlit's, in the app), as the sparklines always had.
    fig = Fig(template=None)
    ratio = measure.startswith("relative_likelihood")
    if ratio:
        low = min([theme.NON_ADVERSE_LOW * 0.9, *shown])
        # Headroom above the highest point for its label.
        high = max([theme.NON_ADVERSE_HIGH * 1.1, *shown]) * 1.12
        fig.add_hrect(theme.NON_ADVERSE_LOW, theme.NON_ADVERSE_HIGH,
                      fillcolor=theme.NON_ADVERSE_FILL, line={"width": 0}, layer="below")
        fig.add_hline(1, line={"color": theme.NHS_MID_GREY, "width": 1, "dash": "dot"})
        y_range = [low, high]
    elif measure in ("difference", "gap"):
        span = max(abs(v) for v in shown) * 1.35 or 1
        fig.add_hline(0, line={"color": theme.NHS_MID_GREY, "width": 1, "dash": "dot"})
        y_range = [-span, span]
    else:
        y_range = [0, max(shown) * 1.3 or 1]
    labels = ["" if v is None else fmt_value(measure, v) for v in ys]
    fig.add_trace(dict(
        type="scatter", x=xs, y=ys, mode="lines+markers+text", text=labels,
        textposition="top center",
        textfont={"size": 10, "color": theme.NHS_DARK_GREY},
        line={"color": colour, "width": 2}, marker={"size": 6, "color": colour},
        hoverinfo="skip", connectgaps=False, cliponaxis=False))
    fig.update_layout(**theme.base_layout(
        height=104, margin={"l": 18, "r": 18, "t": 8, "b": 24}, showlegend=False))
    fig.update_xaxes(type="category", showgrid=False, tickfont={"size": 10},
                     fixedrange=True)
    fig.update_yaxes(visible=False, range=y_range, fixedrange=True)
    st.plotly_chart(fig.figure(), key=key, config=theme.PLOTLY_CONFIG, width="stretch")


def caution_line(ctx: Ctx, *rows: pd.Series | None) -> None:
    if any(r is not None and bool(r["caution"]) and not bool(r["suppressed"]) for r in rows):
        status_badge("caution", f"{CAUTION_MARK} fewer than {ctx.query.caution} in the base: "
                     "read with care")


# Notes the card already says with a badge.
_SAID = ("withheld", "small numbers")


def note_line(*rows: pd.Series | None) -> None:
    """The results table's notes (a single-year fallback, a zero-count correction), less
    the withheld and caution notes the badges already give."""
    notes: list[str] = []
    for r in rows:
        if r is None or not isinstance(r["note"], str):
            continue
        for part in r["note"].split("; "):
            part = part.strip()
            if part and not part.startswith(_SAID) and part not in notes:
                notes.append(part)
    if notes:
        st.caption(md_escape("; ".join(notes)))


def source_line(indicator: int, year: int, measure: str = "") -> None:
    st.caption(f"Source: {source(indicator, year, measure=measure)}.")


def missing(what: str) -> None:
    st.info(what, icon=":material/upload_file:")


def not_loaded(ctx: Ctx, kinds: tuple[str, ...], what_to_load: str) -> None:
    """Why a kind is absent: a file of that kind was read but left out for its errors, or
    no such file was loaded (and which to load)."""
    bad = [t.file for t in ctx.view.data.tables if t.kind in kinds and not t.loaded]
    if bad:
        names = ", ".join(sorted(set(bad)))
        st.error(f"{md_escape(names)}: left out because of errors. Data and quality says "
                 "where and how to fix them.", icon=":material/error:")
        sidebar.page_link("pages/data_quality.py", "See the errors",
                          icon=":material/fact_check:")
    else:
        missing(what_to_load)


FILTER_WORDS = {column: label.lower() for _, column, label in state.FILTERS}
FILTER_WORDS["org"] = "organisation"


def filtered_out(ctx: Ctx, *kinds: str) -> bool:
    """Say so (and return True) when the filters leave these kinds out: a kind whose data
    lacks a filtered column drops out rather than being shown unfiltered."""
    data = ctx.view.data
    frames = [data.get(k) for k in kinds if data.has(k)]
    lacking = sorted({c for c, _ in ctx.query.where
                      for df in frames if c not in df.columns})
    if not frames or not lacking:
        return False
    words = " or ".join(FILTER_WORDS.get(c, c.replace("_", " ")) for c in lacking)
    st.info(f"Not shown under the current filters: this data has no {words} column. Clear "
            "that filter in the sidebar to see it.", icon=":material/filter_alt_off:")
    return True


# --- Cards ------------------------------------------------------------------------------
def card_workforce(ctx: Ctx) -> None:
    st.markdown("**1. Workforce**")
    st.caption(INDICATOR_NAMES[1])
    if not ctx.view.data.has("workforce"):
        not_loaded(ctx, ("workforce",), "Load a workforce extract (ESR staff in post at 31 "
                   "March, with ethnicity and pay band) to see who is in each band.")
        return
    row = pick(ctx, year=ctx.year, indicator=1, measure="share", group="BME")
    if row is None:
        missing(f"No workforce snapshot at 31 March {ctx.year}: load that year's extract.")
        return
    headline(ctx, f"{ctx.bme} share of all staff", row, "share", help=_base_help(row, "staff"))
    senior = [(lvl, pick(ctx, year=ctx.year, indicator=1, measure="share", group="BME",
                         dimension="pay_band", level=lvl)) for lvl in SENIOR_BANDS]
    senior = [(lvl, r) for lvl, r in senior if r is not None]
    if senior:
        parts = [f"{lvl.replace('Band ', '')} {_short(ctx, r, 'share')}" for lvl, r in senior]
        st.caption(f"{ctx.bme} share at Band 8a and above: " + " · ".join(parts))
    caution_line(ctx, row)
    change_line(ctx, indicator=1, measure="share", group="BME")
    sparkline(ctx, series(ctx, indicator=1, measure="share", group="BME"), measure="share",
              key="spark_1", colour=theme.group_colour("BME"))
    source_line(1, ctx.year)
    sidebar.page_link("pages/workforce.py", "Pay bands in detail",
                      icon=":material/arrow_forward:")


def card_unknown(ctx: Ctx) -> None:
    st.markdown("**Unknown ethnicity**")
    st.caption("Staff whose ethnicity is not recorded: a high share makes every indicator "
               "less reliable.")
    if not ctx.view.data.has("workforce"):
        missing("Load a workforce extract to see how many staff have no recorded ethnicity.")
        return
    row = pick(ctx, year=ctx.year, indicator=1, measure="share", group="Unknown")
    if row is None:
        missing(f"No workforce snapshot at 31 March {ctx.year}.")
        return
    headline(ctx, "Share of all staff", row, "share", help=_base_help(row, "staff"))
    caution_line(ctx, row)
    change_line(ctx, indicator=1, measure="share", group="Unknown")
    sparkline(ctx, series(ctx, indicator=1, measure="share", group="Unknown"),
              measure="share", key="spark_unknown", colour=theme.group_colour("Unknown"))
    source_line(1, ctx.year)
    sidebar.page_link("pages/data_quality.py", "By band and department",
                      icon=":material/arrow_forward:")


RATIO_CARDS = {
    2: ("2. Recruitment", "recruitment",
        "Load a recruitment file (one row per shortlisted applicant, with ethnicity and "
        "whether they were appointed).", "pages/likelihood.py"),
    3: ("3. Disciplinary", "disciplinary",
        "Load a disciplinary file (one row per case entering a formal investigation, with a "
        "person id or ethnicity) and the workforce extract.", "pages/likelihood.py"),
    4: ("4. Training", "training",
        "Load a training file (one row per person who accessed non-mandatory training or "
        "CPD) and the workforce extract.", "pages/likelihood.py"),
}


# The non-adverse verdict (wres_core.stats.non_adverse_verdict) in words short enough for a
# card.
RANGE_BADGES = {"inside": "Inside the non-adverse range",
                "outside": "Outside the non-adverse range",
                "unclear": "Not clearly inside or outside the non-adverse range"}


def card_ratio(ctx: Ctx, indicator: int) -> None:
    title, kind, what_to_load, page = RATIO_CARDS[indicator]
    st.markdown(f"**{title}**")
    st.caption(INDICATOR_NAMES[indicator])
    if not ctx.view.data.has(kind):
        not_loaded(ctx, (kind,), what_to_load)
        return
    if filtered_out(ctx, kind):
        return
    measure = "relative_likelihood"
    row = pick(ctx, year=ctx.year, indicator=indicator, measure=measure, group="BME")
    if row is None:
        missing(f"No {kind} figures for WRES {ctx.year}: load that financial year's file.")
        return
    headline(ctx, "Relative likelihood", row, measure,
             help="A ratio, not a percentage. Above 1.00 is worse for "
                  f"{ctx.bme} staff; 0.80 to 1.25 is the non-adverse range.")
    if is_shown(row):
        value = float(row["value"])
        if ctx.view.intervals:
            ci = fmt_interval(measure, row["ci_low"], row["ci_high"])
            if ci:
                st.caption(f"95% interval {ci} (an aid to reading, not an official figure)")
        verdict = display.range_judgement(measure, value, row["ci_low"], row["ci_high"])
        # Short enough for a card at 1366 pixels; the range itself is in the sentence below.
        # The verdict is judged on the interval: shown above, or here when intervals are off.
        status_badge(verdict.key, RANGE_BADGES[verdict.key] + (
            f" (95% interval {verdict.interval})"
            if verdict.interval and not ctx.view.intervals else ""))
        st.caption("Non-adverse range: 0.80 to 1.25"
                   + ("." if indicator == 3 else " (NHS England's band for indicator 3, "
                      "applied here as a guide)."))
        st.caption(md_escape(ratio_sentence(indicator, value, bme=ctx.bme)))
    caution_line(ctx, *[pick(ctx, year=ctx.year, indicator=indicator,
                             measure="likelihood_2y" if indicator == 3 else "likelihood",
                             group=g) for g in ("White", "BME")], row)
    note_line(row)
    change_line(ctx, indicator=indicator, measure=measure, group="BME")
    sparkline(ctx, series(ctx, indicator=indicator, measure=measure, group="BME"),
              measure=measure, key=f"spark_{indicator}", colour=theme.NHS_DARK_BLUE)
    source_line(indicator, ctx.year, measure)
    sidebar.page_link(page, "Groups, bands, departments",
                      icon=":material/arrow_forward:")


SURVEY_TITLES = {i.number: i.axis_label for i in SURVEY}


def card_survey(ctx: Ctx, indicator: int) -> None:
    st.markdown(f"**{SURVEY_TITLES[indicator]}**")
    st.caption(INDICATOR_NAMES[indicator])
    if filtered_out(ctx, "survey", "survey_summary"):
        return
    white = pick(ctx, year=ctx.year, indicator=indicator, measure="percent",
                 group="White")
    bme = pick(ctx, year=ctx.year, indicator=indicator, measure="percent", group="BME")
    if white is None and bme is None:
        missing(f"No {ctx.year - 1} staff survey (it feeds WRES {ctx.year}): load it.")
        return
    # One under the other: side by side, two percentages do not fit a quarter of a laptop.
    headline(ctx, "White", white, "percent", help=_base_help(white, "responses"))
    headline(ctx, ctx.bme, bme, "percent", help=_base_help(bme, "responses"))
    gap = pick(ctx, year=ctx.year, indicator=indicator, measure="gap", group="BME")
    if is_shown(gap):
        st.caption(md_escape(gap_sentence(indicator, float(gap["value"]), bme=ctx.bme)))
    caution_line(ctx, white, bme)
    change_line(ctx, indicator=indicator, measure="percent", group="BME")
    sparkline(ctx, series(ctx, indicator=indicator, measure="percent", group="BME"),
              measure="percent", key=f"spark_{indicator}", colour=theme.group_colour("BME"))
    source_line(indicator, ctx.year)
    sidebar.page_link("pages/survey.py", "Survey in detail",
                      icon=":material/arrow_forward:")


def card_board(ctx: Ctx) -> None:
    st.markdown("**9. Board**")
    st.caption(INDICATOR_NAMES[9])
    data = ctx.view.data
    if not data.has("board"):
        not_loaded(ctx, ("board",), "Load a board file (one row per board member at 31 "
                   "March, with ethnicity, voting and executive yes/no).")
        return
    if not data.has("workforce"):
        missing("Load the workforce extract too: indicator 9 compares the board with it.")
        return
    if filtered_out(ctx, "board"):
        return
    diff = pick(ctx, year=ctx.year, indicator=9, measure="difference", group="BME",
                dimension="board_role", level="Voting")
    if diff is None:
        missing(f"No board or workforce at 31 March {ctx.year}: load that year's files.")
        return
    headline(ctx, "Voting board minus workforce", diff, "difference",
             help=f"The {ctx.bme} share of voting board members minus the {ctx.bme} share of "
                  "the workforce, in percentage points. Close to 0 means the voting board "
                  "looks like the workforce.")
    board = pick(ctx, year=ctx.year, indicator=9, measure="board_share", group="BME",
                 dimension="board_role", level="Voting")
    staff = pick(ctx, year=ctx.year, indicator=9, measure="workforce_share",
                 group="BME")
    st.caption(f"{ctx.bme} share of voting board members: {_short(ctx, board, 'board_share')}"
               f"; of the workforce: {_short(ctx, staff, 'workforce_share')}.")
    caution_line(ctx, board)
    change_line(ctx, indicator=9, measure="difference", group="BME", dimension="board_role",
                level="Voting")
    sparkline(ctx, series(ctx, indicator=9, measure="difference", group="BME",
                          dimension="board_role", level="Voting"),
              measure="difference", key="spark_9", colour=theme.NHS_DARK_BLUE)
    source_line(9, ctx.year)
    sidebar.page_link("pages/board.py", "Board by role", icon=":material/arrow_forward:")


def _short(ctx: Ctx, row: pd.Series | None, measure: str) -> str:
    """A figure inside a sentence: "withheld" without the reason (the card gives it)."""
    text = figure(ctx, row, measure)
    return "withheld" if row is not None and bool(row["suppressed"]) else text


def _base_help(row: pd.Series | None, noun: str) -> str | None:
    if row is None or pd.isna(row["denominator"]) or bool(row["suppressed"]):
        return None
    return f"Base: {int(row['denominator']):,} {noun}."


# --- Page -------------------------------------------------------------------------------
def grid(cards: list[Callable[[], None]], columns: int) -> None:
    for start in range(0, len(cards), columns):
        cols = st.columns(columns)
        for col, draw in zip(cols, cards[start:start + columns], strict=False):
            with col, st.container(border=True, height="stretch"):
                draw()


# What the organisations can be ranked on: label -> (indicator, measure). The direction of
# each (which end is worse) is wres_core.ranking's.
RANK_CHOICES = {
    "2. Relative likelihood of appointment from shortlisting": (2, "relative_likelihood"),
    "3. Relative likelihood of entering the disciplinary process (two-year)":
        (3, "relative_likelihood"),
    "4. Relative likelihood of accessing non-mandatory training": (4, "relative_likelihood"),
    "1. Share of staff who are {bme}": (1, "share"),
    f"5. {{bme}} staff reporting {indicator_record(5).noun} (%)": (5, "percent"),
    "6. {bme} staff reporting harassment from staff (%)": (6, "percent"),
    "7. {bme} staff believing in equal opportunities (%)": (7, "percent"),
    "8. {bme} staff reporting discrimination (%)": (8, "percent"),
}
RANK_TOP = 15


def compare_organisations(ctx: Ctx) -> None:
    """Every organisation loaded, ranked on one figure with its interval."""
    view = ctx.view
    st.subheader("Compare organisations")
    st.caption("Ranked on the end of each 95% interval nearest to no concern, so that a "
               "small organisation tops the list only where its numbers are clear, not by "
               "chance. Click a dot to look at that organisation.")
    labels = {k.format(bme=ctx.bme): v for k, v in RANK_CHOICES.items()}
    choice = st.selectbox("Rank organisations on", list(labels), key="overview-rank-on")
    indicator, measure = labels[choice or next(iter(labels))]
    table = view.engine.results(replace(ctx.query, by="org"))
    tables.drill_down_notice(table, "organisation")
    rows = ranking.rank(table, year=ctx.year, indicator=indicator, measure=measure)
    if rows.empty:
        st.info(f"No organisation-level figures for indicator {indicator} in {ctx.year}: "
                "its data may not be loaded, or may not carry an organisation column.",
                icon=":material/info:")
        return
    n = len(rows)
    show_all = n <= RANK_TOP or st.toggle(f"Show all {n} organisations", value=False,
                                          key="overview-rank-all")
    shown = rows if show_all else rows.head(RANK_TOP)
    ratio = measure.startswith("relative_likelihood")
    overall = pick(ctx, year=ctx.year, indicator=indicator, measure=measure,
                   group="BME")
    reference = float(overall["value"]) if is_shown(overall) and not ratio else None
    worse = ranking.RANKABLE.get((indicator, measure))
    order = {"high": "worst (highest) first", "low": "worst (lowest) first",
             None: "highest first"}[worse]
    extra = "" if show_all else f"Showing {RANK_TOP} of {n}."
    text = captions.chart_text(
        what=f"{choice}, by organisation, {order}", org_label=view.org_label,
        when_text=captions.when(indicator, [ctx.year]), filters_text=view.filters_text,
        source_text=captions.sources(indicator, (ctx.year,), measure=measure),
        suppress=ctx.query.suppress, caution=ctx.query.caution, base="",
        survey=indicator in (5, 6, 7, 8),
        extra=((captions.above_one_sentence(indicator, bme=ctx.bme) + " ") if ratio else "")
        + extra, slug=f"organisations-indicator-{indicator}", year=ctx.year)
    fig = charts.ranked_dots(shown, text, ratio=ratio, reference=reference,
                             intervals=view.intervals, label=view.group_label)
    tables.show_chart(fig, text, rows.drop(columns=["rank_on", "rank"]),
                      key=f"overview-rank-{indicator}-{measure}", label=view.group_label,
                      drillable=True)


def _compares_organisations(view, query) -> bool:
    """Whether the page ranks the organisations: several loaded, none filtered on."""
    return len(view.data.orgs) > 1 and not any(c == "org" for c, _ in query.where)


def main() -> None:
    view = state.current_view()
    st.title("Overview")
    if view.year is None:
        st.info("No data is loaded. Choose **My files** in the sidebar and load your "
                "workforce extract (and any recruitment, disciplinary, training, staff survey "
                "and board files), or use the sample.", icon=":material/upload_file:")
        if view.data.findings:
            sidebar.page_link("pages/data_quality.py", "See what went wrong",
                              icon=":material/fact_check:")
        return

    # The WRES headline compares White and BME staff; the other levels are on the pages.
    query = replace(view.drilled_query(), groups="wres")
    if _compares_organisations(view, query):
        # The organisation drill-down is computed first: the overall table is then cut from
        # it (Engine._cached_drill_down) instead of computed again (a nation's: seconds).
        view.engine.unsuppressed(replace(query, by="org"))
    since = view.engine.changes(query, since=view.years[0]) if len(view.years) > 2 else None
    ctx = Ctx(view=view, query=query, table=view.engine.results(query),
              changes=view.engine.changes(query), year=view.year, since=since)
    who = f"{view.org_label}, WRES {view.year}. {view.filters_text}"
    if view.drill:
        who += f"; {view.drill_text}"
    st.markdown(md_escape(who))
    st.caption(sidebar.year_words(view.year) + " Changes are called worse or better only "
               "where they are unlikely to be chance; the intervals and change tests are aids "
               "to reading, not official figures.")
    if query.suppress < 2:
        st.warning("Publication-safe mode is off: small numbers are shown. Do not share "
                   "screenshots of this page outside the organisation.",
                   icon=":material/visibility:")

    st.subheader("Representation")
    grid([lambda: card_workforce(ctx), lambda: card_unknown(ctx), lambda: card_board(ctx)], 3)
    st.subheader("Relative likelihoods")
    grid([lambda i=i: card_ratio(ctx, i) for i in (2, 3, 4)], 3)
    st.subheader("NHS Staff Survey")
    if view.data.has("survey") or view.data.has("survey_summary"):
        grid([lambda i=i: card_survey(ctx, i) for i in (5, 6, 7, 8)], 4)
    else:  # one message for the four indicators, not four copies of it
        not_loaded(ctx, ("survey", "survey_summary"), "Indicators 5 to 8 need the NHS Staff "
                   "Survey: load the respondent-level answers (q14a-c, q15 and q16b with "
                   "ethnicity) or the published percentages by ethnic group. The survey run "
                   f"in autumn {view.year - 1} feeds WRES {view.year}.")
    if _compares_organisations(view, query):
        compare_organisations(ctx)


main()
