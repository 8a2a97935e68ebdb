"""What publication-safe mode protects, and the thresholds and notes that say so (the policy
in one place: the methodology page and every export print ``POLICY_TEXT``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wres_core.codes.ethnicity import BROAD_OF, WRES_OF

CAUTION_THRESHOLD = 30
SUPPRESSION_THRESHOLD = 10
SURVEY_MIN_RESPONSES = 11

OVERALL, ALL = "overall", "All"
SURVEY_INDICATORS = frozenset({5, 6, 7, 8})
# "Of which" rows: counted inside another level of the same dimension.
OF_WHICH_LEVELS = frozenset({"Senior medical manager"})
# Dimensions whose levels split a level of the same dimension, rather than ``overall``.
PARTITIONS: dict[str, tuple[str, tuple[tuple[str, ...], ...]]] = {
    "board_role": (ALL, (("Voting", "Non-voting"), ("Executive", "Non-executive"))),
}
# Dimensions whose levels "a: b" cross two others: a level of the first and one of the second.
CROSSED: dict[str, tuple[str, str]] = {"clinical_pay_band": ("clinical", "pay_band")}

_CAUTION_PREFIX = "small numbers:"
_HALDANE_TEXT = "interval uses +0.5 correction"
_COUNT_COLUMNS = ("numerator", "denominator")
_KEY = ("year", "indicator", "measure", "group", "dimension", "level")
_FIGURE_COLUMNS = ("value", "ci_low", "ci_high")
_WRES_OF_BROAD = {BROAD_OF[c]: WRES_OF[c] for c in BROAD_OF}
BOARD_INDICATOR, BOARD_MEASURE = 9, "board_share"


@dataclass(frozen=True)
class Policy:
    """Which small counts publication-safe mode withholds for their own sake (primary
    suppression). Every count still takes part in the equations, so a count that is not
    protected can be withheld to protect one that is (secondary suppression).

    ``unknown``: a count of people whose ethnicity is unknown (the Unknown group's counts);
    ``totals``: a count of everyone whatever their ethnicity (a share's denominator, the
    ``All`` group); ``board``: indicator 9's board counts (also never withheld as secondary
    suppression when not protected: a board's membership is published).

    Whatever the policy, a count withheld as secondary suppression is itself made impossible
    to work out (a looser rule, protecting only the small counts, was tried: on the sample
    it withheld more, not less, and took three times as long)."""

    unknown: bool
    totals: bool
    board: bool


# This project's rule (methodology: "Small numbers and disclosure"): what must not be learnt
# is a small group's ethnicity. A count of people whose ethnicity is unknown, or of everyone
# in a band or department, says nothing about anyone's ethnicity, and a board's membership
# and ethnicity are published by the trust itself.
PEOPLE = Policy(unknown=False, totals=False, board=False)
# Every count from 1 to threshold - 1, whatever it counts (the rule before issue 14).
EVERY_COUNT = Policy(unknown=True, totals=True, board=True)

# Why indicator 9 is shown in publication-safe mode, for the board page (one text).
BOARD_SHOWN_TEXT = (
    "Shown in publication-safe mode: board members are named public office holders, trusts "
    "publish their board's membership, and the WRES asks every trust to report its board's "
    "ethnicity, so a small board count identifies no one who is not already public (the "
    "Methodology page gives the whole policy).")

# The policy in words, for the methodology page and every export's methodology (one text).
POLICY_TEXT: tuple[str, ...] = (
    "What is protected: a person's ethnicity. Ethnicity is special-category personal data "
    "(UK GDPR Article 9), and a small count of a group in a band, department or category "
    "can point at the people in it. So a count from 1 to the threshold minus one (default "
    "1 to 9) of White, BME, a broad group or an ethnic category is withheld, in every "
    "view, and so is any figure computed from one.",
    "What is not withheld for its own sake, and why: a count of staff whose ethnicity is "
    "unknown (it says no one's ethnicity: not recorded, or not stated); a count of "
    "everyone in a band or department (a headcount says no one's ethnicity); and the "
    "board (indicator 9): board members are named public office holders whose membership "
    "trusts publish, and the WRES asks every trust to report its board's ethnicity, so "
    "indicator 9 is never withheld. Such counts can still be withheld to protect a small "
    "group count beside them (secondary suppression), and an Unknown count is the first "
    "choice, since withholding it hides no White or BME figure.",
    "No figure can be worked out from the others: a withheld count cannot be recovered "
    "from shown totals, sums across bands, categories adding up to broad groups and "
    "those to White/BME/Unknown, or from the bounds a reader knows (a withheld count is "
    "at least 1, since zero is shown). The overall view, a drill-down and the three group "
    "levels of the same filters and years are made safe as one: a count shown in one is "
    "shown in all, and a count withheld in one is withheld in all.",
    "A share of 0% or 100% that the shown zeros already give (no BME or Unknown staff in "
    "a band: White is everyone) is shown even where the band's headcount is withheld; "
    "its interval, which would tell the headcount, is not.",
    "Rounding (to the nearest 5, as some official statistics do) was not used: it changes "
    "every figure a trust checks against its own records, and withholding alone, made "
    "consistent across views, keeps nearly all of the picture. Sources: UK GDPR Article "
    "9; the Government Statistical Service's disclosure control policy for tables from "
    "administrative data (primary and secondary suppression); NHS England's WRES "
    "technical guidance (indicator 9, board membership by ethnicity).",
)


def caution_note(threshold: int = CAUTION_THRESHOLD, *, derived: bool = False) -> str:
    """The note a caution mark adds.

    >>> caution_note(30)
    'small numbers: fewer than 30 (read with care)'
    """
    based = "based on " if derived else ""
    return f"{_CAUTION_PREFIX} {based}fewer than {threshold} (read with care)"


def withheld_note(
    threshold: int = SUPPRESSION_THRESHOLD,
    survey_min: int = SURVEY_MIN_RESPONSES,
    *,
    survey: bool = False,
) -> str:
    """The note on every withheld figure. It is the same whatever the reason (a small count,
    or a figure that would give one away), so that it does not tell one from the other.

    >>> withheld_note(10)
    'withheld: fewer than 10, or would reveal such a count (publication-safe mode)'
    >>> withheld_note(10, 11, survey=True)
    'withheld: fewer than 11 responses or 10 people, or would reveal such a count (publication-safe mode)'
    """  # noqa: E501
    what = (
        f"fewer than {survey_min} responses or {threshold} people"
        if survey
        else f"fewer than {threshold}"
    )
    return f"withheld: {what}, or would reveal such a count (publication-safe mode)"


def _check_threshold(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
        raise ValueError(f"{name} must be a whole number, 0 or more; got {value!r}")


# The group the WRES is about: where another cell can protect a small count just as well,
