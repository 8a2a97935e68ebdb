"""The controls a page draws for itself (tabs, breakdown switches, "show all" toggles, the
pay gap's reference and group level, Model Employer targets), as the user left them: the
evidence pack and the chart ZIP draw each page with these, so that they carry the charts as
shown, not as the page first opens.

The widget keys are named here, once: the pages use the same strings (a test checks each
one reaches the exports). ``dashboard.state`` copies their values into the session's
``keys.ON_SCREEN`` at the start of every run, while Streamlit still holds them (it forgets a
widget's value once a run goes by without drawing it, which is what happens when the user
opens the export page). No streamlit here: the command line uses the defaults.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["CONTROL_KEY", "Controls", "LIKELIHOOD_DIMENSIONS", "PAY_DIMENSIONS"]

# --- The pages' widget keys (the strings the pages pass as ``key=``) ----------------------
LK_INDICATOR = "lk-indicator"  # indicators 2 to 4: the indicator open
SV_INDICATOR = "sv-indicator"  # indicators 5 to 8: the indicator in detail
WF_BAND_TAB = "wf-band-tab"  # indicator 1: the pay band tab open
WF_DEPT_ALL = "wf-dept-all"  # indicator 1: every department, not the top ones
PG_WHITE_BRITISH = "pg-white-british"  # pay gap: against White British staff
PG_DIMENSION = "pg-dimension"  # pay gap: the drill-down breakdown


def lk_dim(indicator: int) -> str:
    """Indicators 2 to 4: the breakdown chosen (department, band, staff group, internal)."""
    return f"lk{indicator}-dim"


def lk_all(indicator: int, dim: str) -> str:
    return f"lk{indicator}-{dim}-all"


def sv_dept_all(indicator: int) -> str:
    return f"sv-{indicator}-dept-all"


def wf_target(band: str, year: int) -> str:
    """A Model Employer target typed for a band (percent), for one year."""
    return f"wf-target-{band}-{year}"


def pg_level(display: str) -> str:
    """The pay gap's group level, keyed by the sidebar's Display so that it follows it."""
    return f"pg-level-{display}"


def pg_all(dim: str) -> str:
    return f"pg-{dim}-all"


# The breakdowns the likelihood page offers per indicator (the first is its default).
LIKELIHOOD_DIMENSIONS = {2: ("department", "pay_band", "staff_group", "internal"),
                         3: ("department", "pay_band", "staff_group"),
                         4: ("department", "pay_band", "staff_group")}
# Every page control's key, as one pattern: the state copies the values of these. The
# likelihood page's "show all" keys are built from its breakdowns, so that its charts' own
# keys ("lk3-trend-all") never match.
_LK_DIMS = "|".join(sorted({d for dims in LIKELIHOOD_DIMENSIONS.values() for d in dims}))
CONTROL_KEY = re.compile(
    r"^(lk-indicator|sv-indicator|wf-band-tab|wf-dept-all|pg-white-british|pg-dimension"
    rf"|lk[234]-dim|lk[234]-({_LK_DIMS})-all|sv-[5-8]-dept-all|wf-target-.+-\d{{4}}"
    r"|pg-level-[a-z]+|pg-[a-z_]+-all)$")

# The pay gap page's drill-down breakdowns, in the order it offers them (the first present
# in the data is its default).
PAY_DIMENSIONS = {"staff_group": "Staff group", "clinical": "Clinical / non-clinical",
                  "directorate": "Directorate", "department": "Department", "site": "Site",
                  "occupation": "Occupation"}
PAY_LEVELS = ("broad", "category")


@dataclass(frozen=True)
class Controls:
    """The sidebar's chart switches (intervals, national lines), the click drill-down
    (``drill``: (column, value), already among the query's filters; the pages keep the
    organisation-wide line beside it) and the pages' own controls (``values``: widget key ->
    value, as last drawn). Defaults: each page as it first opens."""

    intervals: bool = True
    national: bool = True
    values: Mapping[str, object] = field(default_factory=dict)
    drill: tuple[str, str] | None = None

    @classmethod
    def of(cls, values: Mapping[str, object], *, intervals: bool = True,
           national: bool = True, drill: tuple[str, str] | None = None) -> Controls:
        """From the values kept by the session (only the page controls' keys are taken)."""
        kept = {k: v for k, v in dict(values).items() if CONTROL_KEY.match(str(k))}
        return cls(intervals=bool(intervals), national=bool(national), values=kept,
                   drill=tuple(drill) if drill else None)

    def _get(self, key: str, default: object = None) -> object:
        value = self.values.get(key)
        return default if value is None else value

    # --- Indicators 2 to 4 ----------------------------------------------------------------
    def breakdown(self, indicator: int) -> str:
        """The breakdown chosen for an indicator of the likelihood page.

        >>> Controls().breakdown(3), Controls(values={"lk3-dim": "pay_band"}).breakdown(3)
        ('department', 'pay_band')
        """
        offered = LIKELIHOOD_DIMENSIONS.get(indicator, ("department",))
        dim = self._get(lk_dim(indicator))
        return str(dim) if dim in offered else offered[0]

    def likelihood_all(self, indicator: int) -> bool:
        return bool(self._get(lk_all(indicator, self.breakdown(indicator)), False))

    # --- Indicators 1 and 5 to 8 ------------------------------------------------------------
    def workforce_all(self) -> bool:
        return bool(self._get(WF_DEPT_ALL, False))

    def survey_all(self, indicator: int) -> bool:
        return bool(self._get(sv_dept_all(indicator), False))

    def targets(self, year: int) -> dict[str, float]:
        """The Model Employer targets typed for ``year`` (band -> percent)."""
        out = {}
        suffix = f"-{int(year)}"
        for key, value in self.values.items():
            if key.startswith("wf-target-") and key.endswith(suffix) and value is not None:
                out[key[len("wf-target-"):-len(suffix)]] = float(value)  # type: ignore
        return out

    # --- The pay gap ------------------------------------------------------------------------
    def pay_reference(self) -> str:
        from wres_core.indicators.pay import WHITE, WHITE_BRITISH

        return WHITE_BRITISH if self._get(PG_WHITE_BRITISH, False) else WHITE

    def pay_level(self, display: str) -> str:
        """The pay gap's "each ethnic group" level: as chosen, else the sidebar's Display
        where that is broad or category, else broad groups.

        >>> Controls().pay_level("wres"), Controls().pay_level("category")
        ('broad', 'category')
        >>> Controls(values={"pg-level-wres": "category"}).pay_level("wres")
        'category'
        """
        level = self._get(pg_level(display))
        if level in PAY_LEVELS:
            return str(level)
        return display if display in PAY_LEVELS else "broad"

    def pay_dimension(self, present: list[str]) -> str | None:
        """The pay gap's drill-down breakdown, among the ``present`` columns."""
        offered = [d for d in PAY_DIMENSIONS if d in present]
        dim = self._get(PG_DIMENSION)
        return str(dim) if dim in offered else (offered[0] if offered else None)

    def pay_all(self, dim: str) -> bool:
        return bool(self._get(pg_all(dim), False))

    # --- In words ---------------------------------------------------------------------------
    def describe(self, *, display: str, year: int | None = None,
                 likelihood: tuple[int, ...] = (2, 3, 4), pay: bool = True,
                 pay_present: tuple[str, ...] = ()) -> list[str]:
        """What the exports draw from the pages' controls, one sentence each (for the export
        page and the ZIP's README)."""
        from dashboard.captions import dimension_label

        out = []
        dims = [f"indicator {i} by {dimension_label(self.breakdown(i)).lower()}"
                + (" (all of them)" if self.likelihood_all(i) else "") for i in likelihood]
        if dims:
            out.append("Indicators 2 to 4 broken down as on their page: " + "; ".join(dims)
                       + ".")
        if self.workforce_all():
            out.append("Indicator 1: every department (\"Show all\" is on).")
        survey_all = [str(i) for i in (5, 6, 7, 8) if self.survey_all(i)]
        if survey_all:
            out.append(("Indicator " if len(survey_all) == 1 else "Indicators ")
                       + ", ".join(survey_all) + ": every department.")
        if year is not None and self.targets(year):
            out.append("Model Employer against your targets: " + ", ".join(
                f"{b} {v:.1f}%" for b, v in self.targets(year).items()) + ".")
        if pay:
            from dashboard.pay import reference_words

            level = {"broad": "broad ethnic group", "category": "ethnic category"}[
                self.pay_level(display)]
            line = (f"Pay gap: against {reference_words(self.pay_reference())}, each "
                    f"{level} this year and over the years")
            dim = self.pay_dimension(list(pay_present))
            if dim:
                line += f", by {PAY_DIMENSIONS[dim].lower()}" + (
                    " (all of them)" if self.pay_all(dim) else "")
            out.append(line + ".")
        out.append(("With" if self.intervals else "Without") + " 95% intervals; national "
                   "reference lines " + ("on" if self.national else "off") + ".")
        return out
