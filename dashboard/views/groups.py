"""Each ethnic group of the level chosen under Display, for every indicator: the latest
year and the trend over the years compared, with intervals and withheld figures.

``group_charts`` returns the section's charts for one indicator from the results table at
the view's group level (``Query.groups``): White and BME (``wres``), the broad groups or
every ethnic category. Each group is compared with all White staff, as the guidance asks
(White sub-categories too). Indicator 1 shows every group's share of staff, at every level;
indicators 2 to 9 are already about BME against White on their page at the White / BME
level, so they add this section only at the broad and category levels.
"""

from __future__ import annotations

import pandas as pd

from dashboard import captions, charts
from dashboard.charts.groups import groups_by_year
from dashboard.views.chart import Chart, Words
from wres_core.registry import RATIOS

__all__ = ["GROUP_WORDS", "LIKELIHOOD", "group_charts", "subject"]

GROUP_WORDS = {"wres": "group", "broad": "broad ethnic group", "category": "ethnic category"}
# The likelihood rows behind each indicator's headline relative likelihood.
LIKELIHOOD = {2: "likelihood", 3: "likelihood_2y", 4: "likelihood"}
_RATIO_NAMES = {i.number: i.noun for i in RATIOS}
_NOUNS = {i.number: i.population for i in RATIOS}
_VERBS = {2: "be appointed", 3: "enter the formal disciplinary process",
          4: "access non-mandatory training or CPD"}


def subject(groups: str, bme: str = "BME") -> str:
    """The groups a chart shows, in a title's words.

    >>> subject("wres", "Black and minority ethnic"), subject("broad"), subject("category")
    ('Black and minority ethnic, White and Unknown', 'each broad ethnic group', 'each ethnic category')
    """  # noqa: E501
    if groups == "broad":
        return "each broad ethnic group"
    if groups == "category":
        return "each ethnic category"
    return f"{bme}, White and Unknown"


def _not(rows: pd.DataFrame, *groups: str) -> pd.DataFrame:
    return rows[~rows["group"].isin(groups)]


def _drawn(indicator: int, table: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``table`` that an indicator's group chart draws: one measure per group,
    the groups compared with White (not White and Unknown themselves where they are the
    comparison or no group). One place, so a drilled view's and the whole organisation's
    points are picked alike."""
    ind = charts.select(table, indicator=indicator, dimension="overall")
    if indicator == 1:
        return charts.select(ind, measure="share")
    if indicator in (2, 3, 4):
        return _not(charts.select(ind, measure="relative_likelihood"), "White", "Unknown")
    if indicator in (5, 6, 7, 8):
        return _not(charts.select(ind, measure="percent"), "Unknown")
    if indicator == 9:
        ind = charts.select(table, indicator=9, dimension="board_role", level="Voting")
        return _not(charts.select(ind, measure="difference"), "Unknown")
    return ind.iloc[0:0]


def group_charts(indicator: int, table: pd.DataFrame, words: Words, *, groups: str,
                 label=str, intervals: bool = True,
                 whole: pd.DataFrame | None = None, own_name: str = "") -> list[Chart]:
    """The latest year and the trend of every group at the level ``groups``, for one
    indicator, from ``table`` (the results at that level; publication-safe where the view
    is). Empty where the indicator has no figures, or (indicators 2 to 9) at the White /
    BME level, where the page's own charts already are this comparison. ``whole``: in a
    drilled view, the whole organisation's results at the same level (the undrilled
    query's), whose latest-year figure of each group both charts mark beside the level's
    own (named ``own_name``, the level's, in the legend); None when not drilled."""
    if indicator != 1 and groups == "wres":
        return []
    year, years = words.year, [y for y in words.years if y <= words.year]
    ind = charts.select(table, indicator=indicator, dimension="overall")
    if indicator == 9:
        ind = charts.select(table, indicator=9, dimension="board_role", level="Voting")
    if ind.empty:
        return []
    drawn = _drawn(indicator, table)
    bme = label("BME")
    subj = subject(groups, bme)
    cats = (" White sub-categories are compared with all White staff too, as the guidance "
            "asks." if groups == "category" else "")
    slug = f"indicator-{indicator}-{'groups' if groups == 'wres' else groups}"
    caption = ""
    if indicator == 1:
        behind = drawn
        spec = dict(scale="percent", axis_title="share of staff")
        what = f"Share of staff: {subj}"
        extra, measure = "", "share"
    elif indicator in (2, 3, 4):
        behind = charts.select(ind, measure=["relative_likelihood", LIKELIHOOD[indicator]])
        spec = dict(scale="ratio", axis_title="relative likelihood against all White "
                                              f"{_NOUNS[indicator]} (1 = equal)")
        what = (f"Relative likelihood, {_RATIO_NAMES[indicator]}"
                + (" (two-year)" if indicator == 3 else "")
                + f": {subj} against all White {_NOUNS[indicator]}")
        worse = "more" if indicator == 3 else "less"
        extra = (f"Each group against all White {_NOUNS[indicator]}: above 1.00, the group is "
                 f"{worse} likely to {_VERBS[indicator]} than White {_NOUNS[indicator]} "
                 "(worse for the group). 0.80 to 1.25 is the non-adverse range." + cats)
        measure = "relative_likelihood"
    elif indicator in (5, 6, 7, 8):
        behind = charts.select(ind, measure=["percent", "gap"])
        spec = dict(scale="percent", axis_title="percent of respondents")
        what = f"{captions.INDICATOR_NAMES[indicator]}: {subj} and all White staff"
        extra = captions.better_sentence(indicator) + cats
        measure = "percent"
        caption = (f"Small groups have wide intervals; withheld ones had fewer than "
                   f"{words.survey_min} responses.")
    elif indicator == 9:
        behind = charts.select(table, indicator=9, group=list(drawn["group"].unique()),
                               measure=["board_share", "workforce_share", "difference"])
        behind = behind[(behind["measure"] == "workforce_share") | (behind["level"] == "Voting")]
        spec = dict(scale="points", axis_title="voting board share minus workforce share "
                                               "(points; 0 = as the workforce)")
        what = f"Voting board members against the workforce: {subj}"
        extra = ("Each group's share of voting board members minus its share of the "
                 "workforce; close to 0 is the aim. Boards are small: one person moves a "
                 "share a long way.")
        measure = "difference"
    else:
        return []
    if whole is not None:
        spec["own_name"] = own_name
        spec["whole"] = charts.select(_drawn(indicator, whole), year=year,
                            group=list(drawn["group"].unique()))
        extra = (f"{extra} The black ticks are the whole organisation's figures in {year}, "
                 "beside the level's own.").strip()
    out = []
    now = charts.select(drawn, year=year)
    if not now.empty:
        t = words.text(indicator, what, f"{slug}-latest", measure=measure, extra=extra)
        fig = groups_by_year(now, t, label=label, intervals=intervals, **spec)
        out.append(Chart(indicator, t, fig, charts.select(behind, year=year),
                         key=f"groups-latest-{indicator}", message=_hidden(now, groups),
                         caption=caption))
    if len(years) >= 2:
        trend = charts.select(drawn, year=years)
        if not trend.empty:
            t = words.text(indicator, f"{what}, {years[0]} to {years[-1]}", f"{slug}-trend",
                           years=years, measure=measure,
                           extra=("Each row is a group; the dots are the years (the latest "
                                  "filled, with its 95% interval). " + extra).strip())
            fig = groups_by_year(trend, t, label=label, intervals=intervals,
                                              **spec)
            out.append(Chart(indicator, t, fig, charts.select(behind, year=years),
                             key=f"groups-trend-{indicator}", message=_hidden(trend, groups),
                             caption=caption))
    if len(out) == 2 and all(c.message for c in out):
        # Nothing shown in any year: one message, with the table of every year.
        out = out[1:]
    return out


def _hidden(rows: pd.DataFrame, groups: str) -> str:
    """What to say instead of a chart whose figures are all withheld or not available."""
    if (~(rows["suppressed"].fillna(False).astype(bool) | rows["value"].isna())).any():
        return ""
    return (f"Every figure by {GROUP_WORDS[groups]} here is withheld or not available: "
            "publication-safe mode withholds figures built from small counts (and those that "
            "would reveal them). The table lists them.")
