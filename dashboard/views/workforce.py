"""Indicator 1's charts, for the workforce page and the evidence pack: each group's share of
every Agenda for Change band and medical grade against the overall BME share, clinical and
non-clinical side by side, Band 8a and above against the Model Employer target, each
department, and the BME share of each band over the years.

Every builder reads results tables (and the Model Employer gap, core output) and returns
``Chart`` objects; the page adds only its controls (tabs, targets, "show all").
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import captions, charts, tables
from dashboard.views.chart import Chart, Words
from dashboard.views.groups import GROUP_WORDS
from wres_core.codes.bands import MEDICAL_ROWS, SENIOR_BANDS
from wres_core.indicators.workforce import SENIOR_MEDICAL_MANAGER, model_employer_withheld

__all__ = ["MEDICAL", "TOP_N", "Indicator1", "band_trend", "bands", "departments",
           "model_employer"]

TOP_N = 15
# Medical and dental rows, with the "of which" Senior medical manager row after Consultant.
MEDICAL = (MEDICAL_ROWS[0], SENIOR_MEDICAL_MANAGER, *MEDICAL_ROWS[1:])
AFC, MEDICAL_GRADES, SPLIT = "afc", "medical", "split"


@dataclass(frozen=True)
class Indicator1:
    """What every indicator 1 chart of a view shares: the share rows at the view's group
    level (``ind1``) and at White / BME (``ind1_wres``, for the reference line and the
    Model Employer's withholding), the year, the words and the group level."""

    ind1: pd.DataFrame
    ind1_wres: pd.DataFrame
    words: Words
    groups: str
    label: object = str
    # Drilled into a level ((column, value)), the dashed line is that level's own share and
    # the whole organisation's BME share rows (``trust``) stay beside it, so the comparison
    # is not lost.
    drill: tuple | None = None
    trust: pd.DataFrame | None = None

    @classmethod
    def of(cls, table: pd.DataFrame, wres_table: pd.DataFrame, words: Words, *,
           groups: str, label=str, drill: tuple | None = None,
           trust_table: pd.DataFrame | None = None) -> Indicator1:
        trust = None
        if drill and trust_table is not None:
            trust = charts.select(trust_table, indicator=1, measure="share",
                                  dimension="overall", group="BME")
        return cls(charts.select(table, indicator=1, measure="share"),
                   charts.select(wres_table, indicator=1, measure="share"), words, groups,
                   label, drill or None, trust)

    @property
    def year(self) -> int:
        return self.words.year

    @property
    def bme(self) -> str:
        return self.label("BME")

    @property
    def ref_value(self) -> float | None:
        """The overall BME share of the year, where it is shown."""
        row = charts.select(self.ind1_wres, year=self.year, dimension="overall", group="BME")
        if row.empty or bool(row.iloc[0]["suppressed"]) or pd.isna(row.iloc[0]["value"]):
            return None
        return float(row.iloc[0]["value"])

    @property
    def own_name(self) -> str:
        """The dashed line's name: the drilled level's own share, or the overall share."""
        return (f"{self.drill[1]}: {self.bme} share" if self.drill
                else f"overall {self.bme} share")

    @property
    def overall_words(self) -> str:
        """The words before the dashed line's figure: "the overall", or, drilled in, the
        level's ("Cardiology's overall"), so a sentence never calls the level's share the
        organisation's."""
        return f"{self.drill[1]}'s overall" if self.drill else "the overall"

    @property
    def workforce_words(self) -> str:
        """Whose workforce the dashed line's share is of, in words."""
        return f"{self.drill[1]}'s workforce" if self.drill else "the workforce"

    @property
    def against(self) -> str:
        """The titles' words for the lines drawn: the overall share, or, drilled in, the
        level's own and the whole organisation's."""
        if self.drill and self.trust is not None:
            return f"the {self.bme} share of {self.drill[1]} and of the whole organisation"
        return f"the overall {self.bme} share"

    @property
    def ref_label(self) -> str:
        v = self.ref_value
        return self.own_name + (f" ({v:.1f}%)" if v is not None else "")

    @property
    def trust_kw(self) -> dict:
        """``share_bars`` arguments for the whole organisation's line of a drilled view."""
        if self.trust is None:
            return {}
        now = charts.select(self.trust, year=self.year)
        if now.empty or bool(now.iloc[0]["suppressed"]) or pd.isna(now.iloc[0]["value"]):
            return {}
        value = float(now.iloc[0]["value"])
        return {"trust_wide": value,
                "trust_wide_label": f"{charts.WHOLE}: {self.bme} share ({value:.1f}%)"}

    @property
    def share(self) -> str:
        """The titles' words for the groups drawn."""
        return f"{self.bme}, White and Unknown share" if self.groups == "wres" else "Share"

    @property
    def by(self) -> str:
        return "" if self.groups == "wres" else f" by {GROUP_WORDS[self.groups]}"

    def text(self, what: str, slug: str, *, years=None, extra: str = "",
             base: bool = True) -> captions.ChartText:
        ys = list(years) if years is not None else [self.year]
        rows = self.ind1_wres
        base_text = captions.base_text(charts.select(
            rows, dimension="overall", year=ys,
            group=rows["group"].iloc[0] if len(rows) else None)) if base else ""
        return self.words.text(1, what, slug, years=ys, base=base_text, extra=extra)

    def band_levels(self) -> tuple[list[str], list[str]]:
        """(Agenda for Change bands, medical grades) present in the year, in order."""
        rows = charts.select(self.ind1, year=self.year, dimension="pay_band")
        afc = [lv for lv in dict.fromkeys(rows["level"]) if lv not in MEDICAL]
        medical = [lv for lv in MEDICAL if (rows["level"] == lv).any()]
        return afc, medical

    def senior_sentence(self) -> str:
        """How many bands at 8a and above are below the overall BME share, in words."""
        ref = self.ref_value
        afc, _ = self.band_levels()
        present = [b for b in SENIOR_BANDS if b in afc]
        if ref is None:
            return ""
        rows = charts.select(self.ind1_wres, year=self.year, dimension="pay_band", group="BME",
                             level=present)
        shown = [r for _, r in rows.iterrows()
                 if not bool(r["suppressed"]) and pd.notna(r["value"])]
        below = [r["level"] for r in shown if float(r["value"]) < ref]
        hidden = len(rows) - len(shown)
        bme, out = self.bme, ""
        if len(present) > 1 and len(shown) == 1:
            r0 = shown[0]
            side = "below" if below else "at or above"
            out = (f"At Band 8a and above, the one band whose {bme} share is shown "
                   f"({r0['level']}, {float(r0['value']):.1f}%) is {side} "
                   f"{self.overall_words} {ref:.1f}%.")
        elif len(present) > 1 and shown:
            out = (f"At Band 8a and above, {len(below)} of the {len(shown)} bands whose {bme} "
                   f"share is shown are below {self.overall_words} {ref:.1f}%.")
        if hidden:
            out += (f" {hidden} of the {len(present)} bands at 8a and above have their {bme} "
                    "share withheld or not available; see the table.")
        return out.strip()


def bands(v: Indicator1, which: str) -> Chart | None:
    """One of the three views of the band breakdown (``AFC``, ``MEDICAL_GRADES``,
    ``SPLIT``), or None where the year has none."""
    afc_levels, medical_levels = v.band_levels()
    rows = charts.select(v.ind1, year=v.year, dimension="pay_band")
    ref, ref_label = v.ref_value, v.ref_label
    if which == AFC:
        if not afc_levels:
            return None
        afc = charts.select(rows, level=afc_levels)
        senior = [b for b in SENIOR_BANDS if b in afc_levels]
        t = v.text(f"{v.share} of staff in each Agenda for Change band{v.by}, against "
                   f"{v.against}", "indicator-1-by-band")
        fig = charts.share_bars(afc, t, label=v.label, order=afc_levels, reference=ref,
                                reference_label=ref_label, **v.trust_kw, drill="pay_band",
                                highlight=senior,
                                highlight_label="Band 8a and above")
        return Chart(1, t, fig, afc, key="bands",
                     caption=(v.senior_sentence() + " Click a band to drill into it.").strip())
    if which == MEDICAL_GRADES:
        if not medical_levels:
            return None
        med = charts.select(rows, level=medical_levels)
        t = v.text(f"{v.share} of medical and dental staff in each grade{v.by}, against "
                   f"{v.against}", "indicator-1-medical-grades")
        fig = charts.share_bars(med, t, label=v.label, order=medical_levels, reference=ref,
                                reference_label=ref_label, **v.trust_kw, drill="pay_band")
        return Chart(1, t, fig, med, key="medical",
                     caption="Senior medical managers are an \"of which\" row: they are "
                             "already counted under Consultant.")
    split = charts.select(v.ind1, year=v.year, dimension="clinical_pay_band")
    if split.empty:
        return None
    order = list(dict.fromkeys(str(lv).split(": ", 1)[-1] for lv in split["level"]))
    t = v.text(f"{v.share}{v.by} by band: non-clinical and clinical staff side by side, "
               f"against {v.against}", "indicator-1-clinical-split")
    fig = charts.share_bars(split, t, label=v.label, order=order, reference=ref,
                            reference_label=ref_label, **v.trust_kw, split=": ",
                            facets=("Non-clinical", "Clinical"), drill="pay_band",
                            highlight=[b for b in SENIOR_BANDS if b in order],
                            highlight_label="Band 8a and above")
    return Chart(1, t, fig, split, key="clinical",
                 caption="Medical and dental grades are clinical: they appear only in the "
                         "Clinical panel.")


def model_employer(v: Indicator1, me: pd.DataFrame, *, targets: dict | None = None
                   ) -> Chart | None:
    """Band 8a and above against the target (core output ``model_employer``), each band
    withheld exactly where indicator 1 withholds its BME figure or its base. The chart's
    ``message`` is set where every band is withheld."""
    if me is None or me.empty:
        return None
    bme, year = v.bme, v.year
    withheld = model_employer_withheld(v.ind1_wres, me, year=year)
    short = me[~me["pay_band"].isin(withheld)]
    extra = (f"Target: {'your own where set, else ' if targets else ''}the {bme} share of "
             f"{v.workforce_words} at 31 March {year}.")
    if withheld:
        extra += f" Withheld: {', '.join(sorted(withheld))}."
    t = v.text(f"Band 8a and above: {bme} share of each band against the target, and the "
               f"number of {bme} staff each band is short", "indicator-1-model-employer",
               extra=extra)
    table = tables.model_employer_table(me, withheld=withheld, bme=bme)
    fig = charts.model_employer_bars(me, t, label=v.label, withheld=withheld)
    message = "" if not short.empty else (
        f"The {bme} share of every band at 8a and above is withheld here: publication-safe "
        "mode withholds figures built from small counts (and those that would reveal them). "
        "The table lists the bands.")
    total = int(short["additional_bme_needed"].sum())
    return Chart(1, t, fig, None, table, key="model-employer", message=message,
                 caption=(f"Across the bands shown, {total:,} more {bme} staff would be "
                          "needed to match the target at today's band sizes."))


def departments(v: Indicator1, dept_table: pd.DataFrame, *, show_all: bool = False
                ) -> Chart | None:
    """Each department's shares, the highest BME share first (withheld ones last); at most
    ``TOP_N`` unless ``show_all``."""
    depts = charts.select(dept_table, indicator=1, measure="share", year=v.year,
                          dimension="department")
    if depts.empty:
        return None
    bme = v.bme
    key_rows = charts.select(depts, group="BME") if (depts["group"] == "BME").any() \
        else depts[depts["group"] != "White"]
    ranked = key_rows.assign(_v=key_rows["value"].astype("Float64").fillna(-1.0))
    order = list(dict.fromkeys(ranked.sort_values("_v", ascending=False, kind="stable")["level"]))
    n = len(order)
    show_all = show_all or n <= TOP_N
    shown_levels = order if show_all else order[:TOP_N]
    n_hidden = int(ranked["_v"].lt(0).sum())
    extra = "" if show_all else (f"Showing {TOP_N} of {n} departments, the highest {bme} "
                                 "share first.")
    if n_hidden:
        extra += (f" {n_hidden} of {n} departments have their {bme} share withheld or not "
                  "available" + (": they come last." if not show_all else "."))
    t = v.text(f"{v.share} of staff in each department{v.by}, against {v.against}",
               "indicator-1-by-department", extra=extra.strip())
    rows = charts.select(depts, level=shown_levels)
    fig = charts.share_bars(rows, t, label=v.label, order=shown_levels, reference=v.ref_value,
                            reference_label=v.ref_label, **v.trust_kw, drill="department")
    return Chart(1, t, fig, rows, key="departments",
                 caption="Click a department to drill into it.")


def department_count(dept_table: pd.DataFrame, year: int) -> int:
    """How many departments the year has (the page offers "show all" above ``TOP_N``)."""
    depts = charts.select(dept_table, indicator=1, measure="share", year=year,
                          dimension="department")
    return int(depts["level"].nunique())


def band_trend(v: Indicator1, *, intervals: bool = True) -> Chart | None:
    """The BME share of each band in each year compared (None with one year)."""
    years = [y for y in v.words.years if y <= v.year]
    if len(years) < 2:
        return None
    w = v.ind1_wres
    trend = charts.select(w, year=years, dimension="pay_band", group="BME")
    ref_rows = charts.select(w, year=years, dimension="overall", group="BME")
    levels = [lv for lv in dict.fromkeys(charts.select(w, dimension="pay_band")["level"])
              if (trend["level"] == lv).any()]
    t = v.text(f"{v.bme} share of staff in each band, {years[0]} to {years[-1]}",
               "indicator-1-trend-by-band", years=years)
    fig = charts.share_by_year(trend, t, label=v.label, order=levels, reference=ref_rows,
                               reference_name=v.own_name, trust_wide=v.trust,
                               drill="pay_band", intervals=intervals)
    whose = f"{v.drill[1]}'s overall shares" if v.drill else "overall shares"
    return Chart(1, t, fig, pd.concat([trend, ref_rows]), key="trend",
                 caption="Each row is a band; the dots are the years (the latest darkest, with "
                         f"its 95% interval). Earlier years' {whose} are in the table.")
