"""The indicators, one record each: every fact that names, computes or judges an indicator.

Titles, nouns, the data each needs, the function computing it, its headline measure, which
way is better and the breakdowns it takes live here once. The engine (``wres_core.api``),
the exports (``wres_core.exports``), the chart captions and the evidence pack
(``dashboard.captions``, ``dashboard.pack``) and the pages read them from here, so that
changing how an indicator is named is one edit.

The titles are NHS England's wording (*Additional Information for the NHS Workforce Race
Equality Standard*, version 7, June 2021, and the WRES reporting template); shorter names are
cut from that wording, never reworded (indicator 5 is harassment "from patients, relatives
or the public" everywhere, not "from the public").

>>> INDICATORS[3].short_title
'Formal disciplinary process'
>>> indicator(5).noun
'harassment from patients, relatives or the public'
>>> [i.number for i in WRES], PAY.label
([1, 2, 3, 4, 5, 6, 7, 8, 9], 'Pay gap')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from wres_core.dataset import Dataset
from wres_core.indicators import pay
from wres_core.indicators.board import indicator_9
from wres_core.indicators.disciplinary import indicator_3
from wres_core.indicators.recruitment import indicator_2
from wres_core.indicators.survey import survey_indicators
from wres_core.indicators.training import indicator_4
from wres_core.indicators.workforce import indicator_1
from wres_core.schema import DIMENSIONS

# Every compute function takes the same keywords, so that the engine calls each alike:
# ``compute(data, groups=..., by=..., pay_reference=...)``.
Compute = Callable[..., pd.DataFrame]


def _workforce(data: Dataset, *, groups: str, by, pay_reference: str) -> pd.DataFrame:
    return indicator_1(data, groups=groups, by=by)


def _recruitment(data: Dataset, *, groups: str, by, pay_reference: str) -> pd.DataFrame:
    return indicator_2(data, groups=groups, by=by)


def _disciplinary(data: Dataset, *, groups: str, by, pay_reference: str) -> pd.DataFrame:
    return indicator_3(data, groups=groups, by=by)


def _training(data: Dataset, *, groups: str, by, pay_reference: str) -> pd.DataFrame:
    return indicator_4(data, groups=groups, by=by)


def _survey(data: Dataset, *, groups: str, by, pay_reference: str) -> pd.DataFrame:
    # One function computes 5 to 8 together (they share the survey's respondents).
    return survey_indicators(data, groups=groups, by=by)


def _board(data: Dataset, *, groups: str, by, pay_reference: str) -> pd.DataFrame:
    # The board has no department or band: indicator 9 takes no drill-down.
    return indicator_9(data, groups=groups)


def _pay(data: Dataset, *, groups: str, by, pay_reference: str) -> pd.DataFrame:
    return pay.pay_gaps(data, groups=groups, by=by, reference=pay_reference)


SURVEY_KINDS = ("survey", "survey_summary")
SURVEY_NEEDS = ("the NHS Staff Survey (respondent answers or published percentages by "
                "ethnic group)")
GUIDANCE = ("NHS England, Additional Information for the NHS Workforce Race Equality "
            "Standard (version 7, June 2021)")


@dataclass(frozen=True, kw_only=True)
class Indicator:
    """One indicator.

    ``title``: the official wording. ``short_title``: a heading (sheet, section, contents).
    ``name``: what a chart shows, in a few words (chart titles, captions). ``noun``: the
    same in lower case, inside a sentence. ``population``: who the base counts ("staff",
    "shortlisted applicants"). ``kinds``: the kinds of data of which any one is enough.
    ``measure``: the headline measure of the results table; ``better``: which way is better
    for it, in ``wres_core.stats.change_direction``'s words (None: no better way), with
    ``better_text`` and ``better_short`` the same in words. ``breakdowns``: the drill-downs
    (``Query.by``) it takes, where its data carries the column. ``source``: where the
    wording comes from."""

    number: int
    title: str
    short_title: str
    name: str
    noun: str
    population: str
    kinds: tuple[str, ...]
    needs: str
    compute: Compute
    measure: str
    better: str | None
    better_text: str
    better_short: str
    breakdowns: tuple[str, ...]
    source: str = GUIDANCE
    label: str = ""  # how a table's "Indicator" column shows it ("" : its number)

    @property
    def column_label(self) -> str:
        """The "Indicator" column's text: the number, or the name where there is no WRES
        number (the pay gap)."""
        return self.label or str(self.number)

    @property
    def axis_label(self) -> str:
        """A short label with the number, for a chart axis listing several indicators."""
        return f"{self.number}. {self.short_title}"

    def has(self, data: Dataset) -> bool:
        """The data holds a kind this indicator is computed from."""
        return any(data.has(k) for k in self.kinds)


_WORKFORCE_NEEDS = ("a workforce snapshot (ESR staff in post at 31 March, with ethnicity and "
                    "pay band)")

WRES: tuple[Indicator, ...] = (
    Indicator(
        number=1,
        title="Percentage of staff in each of the AfC bands 1 to 9 and VSM (including "
              "executive board members) and in each medical grade, compared with the "
              "percentage of staff in the overall workforce; non-clinical and clinical staff "
              "shown separately",
        short_title="Workforce by pay band", name="Staff in each pay band by ethnicity",
        noun="staff in each pay band", population="staff", kinds=("workforce",),
        needs=_WORKFORCE_NEEDS, compute=_workforce, measure="share", better=None,
        better_text="each band's BME share close to the overall share",
        better_short="close to the overall share", breakdowns=DIMENSIONS),
    Indicator(
        number=2,
        title="Relative likelihood of White applicants being appointed from shortlisting "
              "across all posts compared with BME applicants",
        short_title="Appointment from shortlisting", name="Appointment from shortlisting",
        noun="appointment from shortlisting", population="shortlisted applicants",
        kinds=("recruitment",),
        needs="a recruitment file (one row per shortlisted applicant, with ethnicity and "
              "whether they were appointed)",
        compute=_recruitment, measure="relative_likelihood", better="closer_to_1",
        better_text="close to 1.00", better_short="close to 1.00", breakdowns=DIMENSIONS),
    Indicator(
        number=3,
        title="Relative likelihood of BME staff entering the formal disciplinary process "
              "compared with White staff",
        short_title="Formal disciplinary process",
        name="Entry into the formal disciplinary process",
        noun="formal disciplinary process", population="staff", kinds=("disciplinary",),
        needs="a disciplinary file (one row per case entering the formal process) and the "
              "workforce",
        compute=_disciplinary, measure="relative_likelihood", better="closer_to_1",
        better_text="close to 1.00", better_short="close to 1.00", breakdowns=DIMENSIONS),
    Indicator(
        number=4,
        title="Relative likelihood of White staff accessing non-mandatory training and CPD "
              "compared with BME staff",
        short_title="Non-mandatory training and CPD",
        name="Access to non-mandatory training and CPD",
        noun="non-mandatory training and CPD", population="staff", kinds=("training",),
        needs="a training file (one row per person who accessed non-mandatory training or "
              "CPD) and the workforce",
        compute=_training, measure="relative_likelihood", better="closer_to_1",
        better_text="close to 1.00", better_short="close to 1.00", breakdowns=DIMENSIONS),
    Indicator(
        number=5,
        title="Percentage of staff experiencing harassment, bullying or abuse from patients, "
              "relatives or the public in the last 12 months",
        short_title="Harassment from patients, relatives or the public",
        name="Harassment, bullying or abuse from patients, relatives or the public",
        noun="harassment from patients, relatives or the public", population="respondents",
        kinds=SURVEY_KINDS, needs=SURVEY_NEEDS, compute=_survey, measure="percent",
        better="lower", better_text="lower", better_short="lower", breakdowns=DIMENSIONS),
    Indicator(
        number=6,
        title="Percentage of staff experiencing harassment, bullying or abuse from staff in "
              "the last 12 months",
        short_title="Harassment from staff", name="Harassment, bullying or abuse from staff",
        noun="harassment from staff", population="respondents", kinds=SURVEY_KINDS,
        needs=SURVEY_NEEDS, compute=_survey, measure="percent", better="lower",
        better_text="lower", better_short="lower", breakdowns=DIMENSIONS),
    Indicator(
        number=7,
        title="Percentage of staff believing that the organisation provides equal "
              "opportunities for career progression or promotion",
        short_title="Equal opportunities for career progression",
        name="Belief that the organisation provides equal opportunities for career "
             "progression",
        noun="equal opportunities for career progression", population="respondents",
        kinds=SURVEY_KINDS, needs=SURVEY_NEEDS, compute=_survey, measure="percent",
        better="higher", better_text="higher", better_short="higher",
        breakdowns=DIMENSIONS),
    Indicator(
        number=8,
        title="Percentage of staff who personally experienced discrimination at work from a "
              "manager, team leader or other colleagues in the last 12 months",
        short_title="Discrimination from a manager or colleague",
        name="Discrimination at work from a manager, team leader or colleague",
        noun="discrimination from a manager or colleague", population="respondents",
        kinds=SURVEY_KINDS, needs=SURVEY_NEEDS, compute=_survey, measure="percent",
        better="lower", better_text="lower", better_short="lower", breakdowns=DIMENSIONS),
    Indicator(
        number=9,
        title="Percentage difference between the board's voting membership and its overall "
              "workforce",
        short_title="Board against the workforce",
        name="Board membership against the workforce",
        noun="board membership against the workforce", population="board members",
        kinds=("board",),
        needs="a board file (one row per board member at 31 March, with ethnicity, voting "
              "and executive) and the workforce",
        compute=_board, measure="difference", better="closer_to_0",
        better_text="close to 0 points", better_short="close to 0",
        breakdowns=("board_role",)),
)

PAY = Indicator(
    number=pay.INDICATOR,
    title="Ethnicity pay gap: the difference between White staff's mean (and median) basic "
          "hourly pay and each other group's, as a percentage of White staff's",
    short_title="Ethnicity pay gap", name="Ethnicity pay gap", noun="ethnicity pay gap",
    population="staff", kinds=("workforce",),
    needs="a workforce snapshot with each person's basic hourly pay",
    compute=_pay, measure="mean_gap", better="closer_to_0", better_text="close to 0%",
    better_short="close to 0", breakdowns=DIMENSIONS,
    source="NHS England, NHS equality, diversity and inclusion improvement plan (June 2023), "
           "high-impact action 3",
    label="Pay gap")

# Every indicator by number, in the order the results table lists them.
INDICATORS: dict[int, Indicator] = {i.number: i for i in (*WRES, PAY)}
SURVEY = tuple(i for i in WRES if i.kinds == SURVEY_KINDS)
RATIOS = tuple(i for i in WRES if i.measure == "relative_likelihood")


def indicator(number: object) -> Indicator:
    """The record of an indicator number (1 to 10).

    >>> indicator(10).short_title
    'Ethnicity pay gap'
    """
    try:
        return INDICATORS[int(number)]  # type: ignore[call-overload]
    except (KeyError, TypeError, ValueError):
        raise ValueError(f"no indicator {number!r}: indicators are 1 to 9 and "
                         f"{pay.INDICATOR} (the pay gap)") from None


def computations() -> tuple[tuple[tuple[str, ...], Compute], ...]:
    """Each distinct compute function once, in the results table's order, with the kinds of
    data any one of which it needs (5 to 8 share one function)."""
    out: list[tuple[tuple[str, ...], Compute]] = []
    for ind in INDICATORS.values():
        if all(fn is not ind.compute for _, fn in out):
            out.append((ind.kinds, ind.compute))
    return tuple(out)
