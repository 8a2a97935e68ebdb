"""Indicators 2, 3 and 4's charts, for the likelihood page and the evidence pack: the
relative likelihood over the years, the likelihood of each group, the breakdown by
department, band or staff group, and (indicator 2) application to shortlisting.

Every builder reads the White / BME results table (``wres``) of the view and returns
``Chart`` objects; the page adds only its controls.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import captions, charts
from dashboard.views.chart import Chart, Words
from dashboard.views.groups import LIKELIHOOD
from wres_core.registry import RATIOS

__all__ = ["HEADLINE", "NAMES", "NOUNS", "TOP_N", "Ratios", "breakdown", "likelihoods",
           "shortlisting", "trend"]

TOP_N = 15
HEADLINE = "relative_likelihood"
NAMES = {i.number: i.axis_label for i in RATIOS}
NOUNS = {i.number: i.population for i in RATIOS}


@dataclass(frozen=True)
class Ratios:
    """One indicator's rows of the White / BME table, and the view's words. Drilled into a
    level, ``own`` names the level and ``whole`` holds the indicator's rows of the whole
    organisation's White / BME table, drawn beside the level's own on every chart."""

    indicator: int
    rows: pd.DataFrame
    words: Words
    label: object = str
    own: str = ""
    whole: pd.DataFrame | None = None

    def org(self, *, year=None, measure: str = HEADLINE, group="BME") -> pd.DataFrame | None:
        """The whole organisation's overall rows of ``measure`` (None when not drilled)."""
        if self.whole is None:
            return None
        return charts.select(self.whole, indicator=self.indicator, measure=measure,
                             dimension="overall", group=group,
                             year=year if year is not None else _years(self))

    @property
    def bme(self) -> str:
        return self.label("BME")

    @property
    def name(self) -> str:
        """The indicator's name inside a sentence ("non-mandatory training and CPD")."""
        name = NAMES[self.indicator][3:]
        return name[0].lower() + name[1:]

    def text(self, what: str, slug: str, *, years=None, measure: str = HEADLINE,
             base_rows: pd.DataFrame | None = None, noun: str = "",
             extra: str = "") -> captions.ChartText:
        base = ""
        if base_rows is not None and not base_rows.empty:
            base = captions.base_text(base_rows, noun=noun or "people")
        above = captions.above_one_sentence(self.indicator, bme=self.bme)
        return self.words.text(self.indicator, what, f"indicator-{self.indicator}-{slug}",
                               years=years, measure=measure, base=base,
                               extra=(above + " " + extra).strip())


def _years(r: Ratios) -> list[int]:
    return [y for y in r.words.years if y <= r.words.year]


def trend(r: Ratios, *, intervals: bool = True) -> Chart:
    """The headline relative likelihood in each year compared (indicator 3: the two-year
    figure beside the single-year one)."""
    years, i = _years(r), r.indicator
    series = {HEADLINE: "relative likelihood"}
    if i == 3:
        series = {HEADLINE: "two-year (headline)", "relative_likelihood_1y": "single year"}
    rows = charts.select(r.rows, year=years, measure=list(series), dimension="overall",
                         group="BME")
    t = r.text(f"Relative likelihood, {r.name}, {r.bme} against White"
               + (": two-year and single-year figures" if i == 3 else ""), "trend",
               years=years)
    fig = charts.ratio_trend(rows, t, series=series, intervals=intervals, label=r.label,
                             national=r.words.national, whole=r.org(), own_name=r.own)
    return Chart(i, t, fig, rows, key="trend")


def likelihoods(r: Ratios, *, intervals: bool = True) -> Chart | None:
    """The likelihood of each group in the latest year (the two terms of the ratio)."""
    i, measure = r.indicator, LIKELIHOOD[r.indicator]
    rows = charts.select(r.rows, year=r.words.year, measure=measure, dimension="overall")
    if rows.empty:
        return None
    what = {2: "Likelihood of appointment from shortlisting, by ethnic group",
            3: "Likelihood of entering the formal disciplinary process (two-year), by ethnic "
               "group",
            4: "Likelihood of accessing non-mandatory training or CPD, by ethnic group"}[i]
    t = r.text(what, "likelihood-by-group", measure=measure, base_rows=rows, noun=NOUNS[i])
    fig = charts.likelihood_bars(rows, t, label=r.label, intervals=intervals,
                                 whole=r.org(year=r.words.year, measure=measure, group=None),
                                 own_name=r.own)
    return Chart(i, t, fig, rows, key="groups",
                 caption="Each bar is the share of the group with the outcome (k of n). The "
                         "relative likelihood divides one group's bar by the other's.")


def breakdown(r: Ratios, dim_table: pd.DataFrame, dim: str, *, show_all: bool = False,
              intervals: bool = True) -> Chart | None:
    """The relative likelihood of each level of ``dim`` (department, band, staff group),
    highest first; None where the breakdown has no rows. Its ``message`` is set where every
    figure is withheld or not available."""
    i, year = r.indicator, r.words.year
    rows = charts.select(dim_table, indicator=i, year=year, measure=HEADLINE, dimension=dim,
                         group="BME")
    if rows.empty:
        return None
    word = captions.dimension_label(dim).lower()
    n = len(rows)
    show_all = show_all or n <= TOP_N
    n_hidden = int((rows["suppressed"].fillna(False).astype(bool) | rows["value"].isna()).sum())
    behind = charts.select(dim_table, indicator=i, year=year, dimension=dim,
                           measure=[HEADLINE, LIKELIHOOD[i]])
    extra = "" if show_all else f"Showing at most {TOP_N} of {n}, the highest first."
    if n_hidden:
        extra += (f" {n_hidden} of {n} withheld or not available (listed in the table"
                  f"{'' if show_all else ' and under Show all'}).")
    t = r.text(f"Relative likelihood by {word}, {r.name}, {r.bme} against White, highest "
               "first", f"by-{dim}", extra=extra.strip())
    drill = dim if dim != "internal" else ""
    own = None if r.whole is None else charts.select(
        r.rows, year=year, measure=HEADLINE, dimension="overall", group="BME")
    fig = charts.ratio_dots(rows, t, drill=drill, top=None if show_all else TOP_N,
                            intervals=intervals, label=r.label, national=r.words.national,
                            own=own, own_name=r.own, whole=r.org(year=year))
    message = "" if n_hidden < n else (
        f"Every {word} figure of indicator {i} is withheld or not available here: "
        "publication-safe mode withholds figures built from small counts. The table lists "
        "them.")
    return Chart(i, t, fig, behind, key=f"by-{dim}", message=message,
                 caption="Highest (worst for the compared group) at the top. Wide intervals "
                         "mean small numbers." + (" Click a row to drill into it."
                                                 if drill else ""))


def shortlisting(r: Ratios, *, intervals: bool = True) -> Chart | None:
    """Indicator 2's application-to-shortlisting stage over the years (None where the data
    has no applications that were not shortlisted)."""
    if r.indicator != 2:
        return None
    years = _years(r)
    stage = charts.select(r.rows, year=years, measure="relative_likelihood_shortlisted",
                          dimension="overall", group="BME")
    if stage.empty:
        return None
    t = r.text(f"Relative likelihood of being shortlisted from application, {r.bme} against "
               "White", "shortlisting-trend", years=years,
               measure="relative_likelihood_shortlisted")
    fig = charts.ratio_trend(stage, t, series={"relative_likelihood_shortlisted":
                                               "relative likelihood of shortlisting"},
                             intervals=intervals, label=r.label,
                             whole=r.org(measure="relative_likelihood_shortlisted"),
                             own_name=r.own)
    behind = charts.select(r.rows, year=years, dimension="overall",
                           measure=["relative_likelihood_shortlisted", "likelihood_shortlisted"])
    return Chart(2, t, fig, behind, key="shortlisting")
