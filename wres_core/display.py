"""How a figure of the results table is written for people: one rule for the dashboard, the
evidence pack, the workbook and the command line's table.

- Percents (shares, survey percents) to one decimal with "%"; likelihoods, which are
  proportions, as percents too; relative likelihoods as ratios to two decimals, never as a
  percent; gaps and differences in signed points to one decimal; counts whole, with
  thousands separators.
- A relative likelihood is judged against the non-adverse range (0.80 to 1.25) on its 95%
  interval, by the core's one rule (``wres_core.stats.non_adverse_verdict``), never on the
  rounded figure; the interval is shown beside the verdict.
- A change on the year before reads "better", "worse" or "no clear change"; a share or a
  likelihood, which has no better way, reads "up" or "down" where the change is unlikely to
  be chance.

Pure functions of plain values (no pandas objects needed, none returned).

>>> fmt_value("share", 32.07), fmt_value("likelihood", 0.2884), fmt_value(
...     "relative_likelihood", 1.7199), fmt_value("gap", -3.49)
('32.1%', '28.8%', '1.72', '-3.5 pts')
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from wres_core.registry import INDICATORS
from wres_core.stats import INSIDE, OUTSIDE, UNCLEAR, non_adverse_verdict
from wres_core.trends import ALPHA, NOT_APPLICABLE

PERCENT_MEASURES = frozenset({"share", "percent", "board_share", "workforce_share"})
PROPORTION_MEASURES = frozenset({"likelihood", "likelihood_2y", "likelihood_shortlisted"})
RATIO_MEASURES = frozenset({"relative_likelihood", "relative_likelihood_1y",
                            "relative_likelihood_shortlisted"})
POINTS_MEASURES = frozenset({"gap", "difference"})

# Each measure in words, for a table's "Measure" column.
MEASURE_LABELS = {
    "share": "share of staff",
    "likelihood": "likelihood",
    "likelihood_2y": "likelihood (two-year)",
    "likelihood_shortlisted": "likelihood of shortlisting",
    "relative_likelihood": "relative likelihood",
    "relative_likelihood_1y": "relative likelihood (single year)",
    "relative_likelihood_shortlisted": "relative likelihood of shortlisting",
    "percent": "percent",
    "gap": "gap (points)",
    "board_share": "board share",
    "workforce_share": "workforce share",
    "difference": "board minus workforce (points)",
}

# Indicators named in words rather than by number (the registry's ``label``): the pay gap is
# not a WRES indicator, only numbered 10 so that the results table can hold it.
INDICATOR_LABELS = {i.number: i.label for i in INDICATORS.values() if i.label}


def indicator_label(indicator: object) -> str:
    """An indicator as a table's "Indicator" column shows it: its number, or its name where
    it has no WRES number of its own.

    >>> indicator_label(3), indicator_label(10)
    ('3', 'Pay gap')
    """
    number = int(indicator)
    return INDICATOR_LABELS.get(number, str(number))


# Verdicts, in the words the dashboard shows beside them.
BETTER, WORSE, NO_CLEAR_CHANGE, UP, DOWN = "better", "worse", "no clear change", "up", "down"


def missing(v: object) -> bool:
    """None, pandas' NA, NaN or anything that is not a number.

    >>> missing(None), missing(float("nan")), missing("x"), missing(0)
    (True, True, True, False)
    """
    if v is None:
        return True
    try:
        return math.isnan(float(v))
    except (TypeError, ValueError):
        return True


def fmt_value(measure: str, v: object) -> str:
    """A figure as the results table means it: percents with %, likelihoods (proportions)
    as percents, ratios with two decimals (never as a percent), gaps in points.

    >>> fmt_value("percent", 12.25), fmt_value("relative_likelihood_1y", 0.8), fmt_value(
    ...     "difference", 0.04), fmt_value("share", None)
    ('12.2%', '0.80', '+0.0 pts', '')
    """
    if missing(v):
        return ""
    if measure in PROPORTION_MEASURES:
        return fmt_percent(100.0 * float(v))
    if measure in RATIO_MEASURES:
        return fmt_ratio(v)
    if measure in POINTS_MEASURES:
        return fmt_points(v)
    return fmt_percent(v)


def fmt_interval(measure: str, low: object, high: object) -> str:
    """A 95% interval in the figure's own unit.

    >>> fmt_interval("relative_likelihood", 1.23, 2.4), fmt_interval("share", 1, 2.5)
    ('1.23 to 2.40', '1.0% to 2.5%')
    >>> fmt_interval("gap", -1.25, 3), fmt_interval("share", 1, None)
    ('-1.2 to +3.0 pts', '')
    """
    if missing(low) or missing(high):
        return ""
    if measure in POINTS_MEASURES:
        return f"{float(low):+.1f} to {float(high):+.1f} pts"
    return f"{fmt_value(measure, low)} to {fmt_value(measure, high)}"


def fmt_count(v: object) -> str:
    """A count, whole, with thousands separators.

    >>> fmt_count(12345.0), fmt_count(2.5), fmt_count(None)
    ('12,345', '2', '')
    """
    if missing(v):
        return ""
    return f"{int(round(float(v))):,}"


def _unsigned_zero(v: float, digits: int) -> float:
    """``v`` rounded, with a figure that rounds to zero written without a sign: a pay gap
    of -0.04% reads 0.0%, never "-0.0%" (which says "below" about nothing)."""
    return round(v, digits) + 0.0  # -0.0 + 0.0 is +0.0


def fmt_percent(v: object, digits: int = 1) -> str:
    """
    >>> fmt_percent(-0.04), fmt_percent(-0.06), fmt_percent(12.25)
    ('0.0%', '-0.1%', '12.2%')
    """
    if missing(v):
        return ""
    return f"{_unsigned_zero(float(v), digits):.{digits}f}%"


def fmt_ratio(v: object) -> str:
    if missing(v):
        return ""
    return f"{float(v):.2f}"


def fmt_points(v: object) -> str:
    """
    >>> fmt_points(-0.04), fmt_points(1.25)
    ('+0.0 pts', '+1.2 pts')
    """
    if missing(v):
        return ""
    return f"{_unsigned_zero(float(v), 1):+.1f} pts"


# What a non-adverse verdict says, in words.
RANGE_WORDS = {INSIDE: "inside the non-adverse range",
               OUTSIDE: "outside the non-adverse range",
               UNCLEAR: "not clearly inside or outside the non-adverse range"}


def non_adverse(value: object, ci_low: object = None, ci_high: object = None) -> bool:
    """Whether a relative likelihood is called inside the non-adverse range: by the core's
    one rule (``wres_core.stats.non_adverse_verdict``), on its 95% interval where given,
    else on the unrounded value (never on the figure as rounded for the screen).

    >>> non_adverse(1.2549), non_adverse(1.25), non_adverse(1.2549, 1.05, 1.50)
    (False, True, False)
    """
    return range_verdict("relative_likelihood", value, ci_low, ci_high) == INSIDE


def range_verdict(measure: str, value: object, ci_low: object = None,
                  ci_high: object = None) -> str:
    """"inside", "outside" or "unclear" (:data:`RANGE_WORDS`) for a relative likelihood that
    is shown, judged on its interval by ``wres_core.stats.non_adverse_verdict``; "" for any
    other figure.

    >>> range_verdict("relative_likelihood", 1.3), range_verdict("relative_likelihood_1y", 1)
    ('outside', 'inside')
    >>> range_verdict("relative_likelihood", 1.2549, 1.05, 1.50)
    'unclear'
    >>> range_verdict("share", 1.0), range_verdict("relative_likelihood", None)
    ('', '')
    """
    if measure not in RATIO_MEASURES or missing(value):
        return ""
    lo, hi = (None, None) if missing(ci_low) or missing(ci_high) else \
        (float(ci_low), float(ci_high))
    verdict = non_adverse_verdict(float(value), lo, hi)
    return verdict if verdict in RANGE_WORDS else ""


@dataclass(frozen=True)
class RangeJudgement:
    """What a page shows for a relative likelihood against the non-adverse range: the
    verdict (``key``, one of :data:`RANGE_WORDS`), its words, and the interval it was judged
    on, formatted as the figure is ("" where there is none), to print beside the verdict."""

    key: str
    words: str
    interval: str

    @property
    def sentence(self) -> str:
        """The verdict with the interval beside it, e.g. "not clearly inside or outside the
        non-adverse range (95% interval 1.05 to 1.50)"."""
        return self.words + (f" (95% interval {self.interval})" if self.interval else "")


def range_judgement(measure: str, value: object, ci_low: object = None,
                    ci_high: object = None) -> RangeJudgement | None:
    """The verdict and the interval behind it, for a page or an export; None where there is
    no verdict (not a relative likelihood, or no figure).

    >>> j = range_judgement("relative_likelihood", 1.2549, 1.0512, 1.4981)
    >>> j.key, j.sentence
    ('unclear', 'not clearly inside or outside the non-adverse range (95% interval 1.05 to 1.50)')
    """
    key = range_verdict(measure, value, ci_low, ci_high)
    if not key:
        return None
    return RangeJudgement(key, RANGE_WORDS[key], fmt_interval(measure, ci_low, ci_high))


def change_verdict(direction: object, change: object, p_value: object) -> str:
    """A change on the year before in words, from ``wres_core.trends.changes``' direction,
    change and p-value: "better", "worse" or "no clear change" where the figure has a better
    way; "up" or "down" (p < 0.05) or "no clear change" where it has none; "" where the
    change cannot be computed (a figure missing or withheld).

    >>> change_verdict("worse", 0.3, 0.01), change_verdict("not applicable", -2.0, 0.001)
    ('worse', 'down')
    >>> change_verdict("not applicable", 2.0, 0.2), change_verdict("not computable", None, None)
    ('no clear change', '')
    """
    word = direction if isinstance(direction, str) else ""
    if word in (BETTER, WORSE, NO_CLEAR_CHANGE):
        return word
    if word == NOT_APPLICABLE and not missing(p_value):
        if float(p_value) < ALPHA and not missing(change):
            return UP if float(change) > 0 else DOWN
        return NO_CLEAR_CHANGE
    return ""
