"""What an export is of, and what every export says about it.

A :class:`Report` names the data (an ``Engine``), the query (filters, group level,
thresholds), the years and the words for titles, and carries the action notes. The workbook
(:mod:`wres_core.exports.workbook`), the evidence pack (``dashboard.pack``) and the chart
images (``dashboard.images``) are all built from one, so they show the same figures: the
publication-safe results table of ``engine.results(query)``, exactly as the screen shows it.

The texts every export carries (the suppression rule in force, the caveats, the methodology)
live here, once.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from wres_core.api import Engine, Query
from wres_core.disclosure import POLICY_TEXT
from wres_core.display import POINTS_MEASURES, PROPORTION_MEASURES, RATIO_MEASURES
from wres_core.exports.notes import Note, Notes, normalise
from wres_core.indicators.pay import METHOD_TEXT as PAY_METHOD_TEXT
from wres_core.registry import WRES
from wres_core.registry import indicator as indicator_record

WITHHELD = "withheld"
NOT_AVAILABLE = "not available"

# Each indicator's words, read from the registry (the one place they are written); kept
# under these names for the exports and the pages that import them.
INDICATOR_TITLES = {i.number: i.title for i in WRES}
SHORT_TITLES = {i.number: i.short_title for i in WRES}
BETTER = {i.number: i.better_text for i in WRES}
KINDS = {i.number: i.kinds for i in WRES}
NEEDS = {i.number: i.needs for i in WRES}


# Parts of a results-table note that every withheld or cautioned figure carries: said once
# in each export's legend rather than beside every figure.
STANDARD_NOTE_PREFIXES = ("withheld:", "small numbers:")


@dataclass(frozen=True, eq=False)
class Report:
    """One export's subject. ``query`` is the query the screen uses (with the drill-down, if
    any, already added to its filters, and ``years=None``); ``years`` the WRES years to show
    (empty: every loaded year)."""

    engine: Engine
    query: Query = Query()
    years: tuple[int, ...] = ()
    org_label: str = ""
    filters_text: str = "All staff"
    bme_label: str = "BME"
    source_label: str = ""
    notes: Notes = field(default_factory=dict)
    produced: _dt.date = field(default_factory=_dt.date.today)

    def __post_init__(self) -> None:
        object.__setattr__(self, "notes", normalise(self.notes))
        loaded = list(self.engine.data.years)
        years = tuple(sorted({int(y) for y in self.years} & set(loaded))) if self.years \
            else tuple(loaded)
        object.__setattr__(self, "years", years)
        if self.query.years is not None:
            object.__setattr__(self, "query", replace(self.query, years=None))

    # --- The figures -------------------------------------------------------------------
    @property
    def safe(self) -> bool:
        """Publication-safe mode is on."""
        return self.query.suppress >= 2

    def label(self, group: str) -> str:
        """A group code as shown: "BME" becomes the chosen word."""
        return self.bme_label if group == "BME" else str(group)

    def table(self, **changes) -> pd.DataFrame:
        """The results table the screen shows for this query (``changes``: other query
        fields, e.g. ``groups="wres"``), for the report's years. Computed by the engine
        over every year and then narrowed, as the pages do, so that suppression is the
        same as on screen."""
        query = replace(self.query, **changes) if changes else self.query
        table = self.engine.results(query)
        return table[table["year"].isin(self.years)].reset_index(drop=True)

    def wres_table(self) -> pd.DataFrame:
        """The table at the WRES group level (White, BME, Unknown): the headline figures."""
        return self.table(groups="wres")

    def note(self, indicator: int) -> Note:
        return self.notes.get(int(indicator), Note())

    def has(self, indicator: int) -> bool:
        """The data for this indicator is loaded."""
        return indicator_record(indicator).has(self.engine.data)

    # --- What every export says ------------------------------------------------------------
    @property
    def org(self) -> str:
        return self.org_label or "Organisation not named in the files"

    def years_text(self) -> str:
        return _and([str(y) for y in self.years]) or "none loaded"

    def suppression_text(self) -> str:
        """The disclosure rule in force, in words."""
        q = self.query
        if not self.safe:
            return ("Publication-safe mode is OFF: small numbers are shown. NOT FOR "
                    "PUBLICATION: do not share outside the organisation.")
        return (f"Publication-safe mode is ON: counts of 1 to {q.suppress - 1} of an "
                f"ethnic group (not of Unknown, not of the board), and any other "
                f"count or figure that would reveal one, are withheld (shown as "
                f"\"{WITHHELD}\", beside a shown figure too). Survey "
                f"percentages from fewer than {q.survey_min} responses are withheld.")

    def caution_text(self) -> str:
        return (f"Figures whose base is fewer than {self.query.caution} are marked for "
                "caution (read with care: small groups make figures jump).")

    def groups_text(self) -> str:
        word = self.bme_label
        extra = "" if word == "BME" else f" (shown as \"{word}\")"
        return (f"White, BME{extra} and Unknown, as in the WRES. The full results table uses "
                f"the group level chosen: {_GROUP_LEVELS.get(self.query.groups, '')}.")

    def unknown_shares(self) -> list[tuple[int, object, object, object, bool]]:
        """(year, share of staff with unknown ethnicity, unknown staff, all staff, withheld)
        per year, from indicator 1's overall row (values may be <NA>)."""
        t = self.wres_table()
        rows = t[(t["indicator"] == 1) & (t["measure"] == "share") & (t["group"] == "Unknown")
                 & (t["dimension"] == "overall")]
        out = []
        for y in self.years:
            r = rows[rows["year"] == y]
            if r.empty:
                continue
            r0 = r.iloc[0]
            out.append((int(y), r0["value"], r0["numerator"], r0["denominator"],
                        bool(r0["suppressed"])))
        return out

    def unknown_text(self) -> str:
        parts = []
        for y, value, _, _, withheld in self.unknown_shares():
            if withheld:
                parts.append(f"{y}: {WITHHELD}")
            elif pd.isna(value):
                parts.append(f"{y}: {NOT_AVAILABLE}")
            else:
                parts.append(f"{y}: {float(value):.1f}%")
        if not parts:
            return "Share of staff with unknown ethnicity: no workforce snapshot loaded."
        return ("Share of staff with unknown ethnicity (31 March): " + "; ".join(parts)
                + ". A high share makes every indicator less reliable.")

    def caveats(self) -> list[str]:
        """What a reader must know before quoting any figure, in words."""
        return [
            self.suppression_text(),
            self.caution_text(),
            self.unknown_text(),
            "Relative likelihoods (indicators 2 to 4) are ratios, not percentages: above 1.00 "
            "is always worse for BME staff. 0.80 to 1.25 is the non-adverse range NHS England "
            "set for indicator 3, applied here to 2 and 4 as a reading aid.",
            "Indicator 3's headline pools the cases and headcounts of the reporting year and "
            "the year before (assumed: pooled counts); the single-year figure is shown too.",
            "Indicators 5 to 8 for WRES year N come from the NHS Staff Survey run in autumn "
            "N-1.",
            "95% intervals and the year-on-year change tests are aids to reading added by "
            "WRES Explorer, not official figures; a change is called better or worse only "
            "where it is unlikely to be chance.",
            "A figure that cannot be computed (for example, no one shortlisted) reads \""
            f"{NOT_AVAILABLE}\"; it is never shown as zero.",
        ]

    def source_rows(self) -> list[dict[str, object]]:
        """The files read, one row per table (a CSV, a sheet)."""
        out = []
        for t in self.engine.data.tables:
            out.append({"file": t.file, "sheet": t.sheet, "kind": t.kind or "not recognised",
                        "rows": int(t.rows), "years": ", ".join(str(y) for y in t.years),
                        "loaded": "yes" if t.loaded else "no (errors: see wres check)"})
        return out


_GROUP_LEVELS = {"wres": "White, BME and Unknown", "broad": "broad ethnic groups",
                 "category": "individual ethnic categories"}


def number_kind(measure: str, column: str) -> str:
    """How a results-table cell is formatted: "count", "percent" (0 to 100), "proportion"
    (0 to 1, shown as a percent), "ratio" or "points".

    >>> number_kind("share", "value"), number_kind("likelihood", "ci_low")
    ('percent', 'proportion')
    >>> number_kind("relative_likelihood", "value"), number_kind("gap", "numerator")
    ('ratio', 'count')
    """
    if column in ("numerator", "denominator"):
        return "count"
    if measure in PROPORTION_MEASURES:
        return "proportion"
    if measure in RATIO_MEASURES:
        return "ratio"
    if measure in POINTS_MEASURES:
        return "points"
    return "percent"


def extra_notes(note: object) -> list[str]:
    """The parts of a results-table note that are not the standard withheld / caution
    wording (which each export explains once in its legend).

    >>> extra_notes("single-year figure: no data for 2023; withheld: fewer than 10")
    ['single-year figure: no data for 2023']
    """
    if note is None or note is pd.NA or not isinstance(note, str):
        return []
    parts = [p.strip() for p in note.split(";")]
    return [p for p in parts if p and not p.startswith(STANDARD_NOTE_PREFIXES)]


# One methodology text for every export: (heading, paragraphs).
def _plain(markdown: str) -> list[str]:
    r"""Markdown paragraphs as plain sentences for a spreadsheet cell (emphasis and code marks
    dropped, lines joined).

    >>> _plain("**Pay.** Basic *hourly* pay, `hourly_pay`.\n\nTwo\nlines.")
    ['Pay. Basic hourly pay, hourly_pay.', 'Two lines.']
    """
    paragraphs = [" ".join(p.split()) for p in markdown.strip().split("\n\n")]
    return [p.replace("**", "").replace("*", "").replace("`", "") for p in paragraphs if p]


METHODOLOGY: Sequence[tuple[str, Sequence[str]]] = (
    ("Groups", (
        "White: NHS ethnic categories A to C (White British, White Irish, any other White "
        "background) and the 2021 White categories (Gypsy or Irish Traveller, Roma). BME: "
        "every other stated category. Unknown: not stated, not known, prefer not to say, "
        "blank. Unknown is always shown and enters no ratio.",
    )),
    ("Years", (
        "Each figure belongs to a WRES reporting year N: the workforce and the board at 31 "
        "March N; recruitment, disciplinary cases and training in the financial year ending "
        "31 March N; the NHS Staff Survey run in autumn N-1.",
    )),
    ("The indicators", tuple(
        f"Indicator {i.number}: {i.title}. Better is {i.better_text}." for i in WRES
    ) + (
        "Indicator 1: the share of White, BME and Unknown staff in each band (they add up to "
        "100%), headcount not FTE, primary assignments only.",
        "Indicators 2 to 4: likelihood = people with the outcome / people in the group; "
        "relative likelihood = White over BME for 2 and 4, BME over White for 3, so that "
        "above 1.00 is worse for BME staff. Headcount for 3 and 4 is the 31 March workforce "
        "of the same year (for 3's two-year headline, both snapshots pooled).",
        "Indicators 5 to 8: percent of respondents in each group; the gap is BME minus "
        "White in percentage points.",
        "Indicator 9: BME share of voting board members minus BME share of the workforce, in "
        "percentage points; also for all, non-voting, executive and non-executive members.",
    )),
    ("Ethnicity pay gap (beside the nine indicators)", tuple(_plain(PAY_METHOD_TEXT))),
    ("Statistical aids (not official figures)", (
        "95% interval of a relative likelihood: Katz's log method; where a count is zero, "
        "0.5 is added to every cell for the interval only (Haldane-Anscombe), and the note "
        "says so.",
        "95% interval of a percentage: Wilson score interval; of a White-BME gap: Newcombe's "
        "hybrid score interval.",
        "Change on the year before: called better or worse only where a test at the 5% level "
        "finds it unlikely to be chance; otherwise \"no clear change\".",
    )),
    ("Small numbers and publication safety", (
        "Caution: a figure whose base is below the caution threshold (default 30) is marked: "
        "read with care.",
        "Publication-safe mode (on by default): small counts that could reveal a person's "
        "ethnicity are withheld, with any figure computed from them, as set out below. "
        "Survey percentages from fewer than 11 responses are withheld (assumed: the Staff "
        "Survey's own rule). Zero is shown. Publication-safe mode never changes a figure "
        "that is shown.",
        *POLICY_TEXT,
    )),
    ("Assumptions", (
        "Indicator 3's two-year headline pools the counts of both years (assumed).",
        "Survey percentages from fewer than 11 responses are withheld (assumed).",
        "The 0.80 to 1.25 non-adverse range is applied to indicators 2 and 4 as a reading "
        "aid (NHS England set it for indicator 3).",
        "Where a workforce file has no primary-assignment flag, one record per person and "
        "year is kept and the duplicates are reported.",
    )),
    ("Sources", (
        "NHS England, Additional Information for the NHS Workforce Race Equality Standard "
        "(version 7, June 2021); the NHS Staff Survey questionnaires; NHS England's WRES data "
        "analysis reports.",
    )),
)


def _and(items: Sequence[str]) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def report_for(engine: Engine, query: Query | None = None, *, years: Sequence[int] = (),
               org_label: str = "", filters_text: str = "", bme_label: str = "BME",
               source_label: str = "", notes: Mapping[object, object] | None = None
               ) -> Report:
    """A :class:`Report` with the organisation and filters in words worked out from the
    data and the query where they are not given (the command line's case)."""
    query = query if query is not None else Query()
    orgs = list(engine.data.orgs)
    where = dict(query.where)
    if not org_label:
        if "org" in where:
            org_label = ", ".join(where["org"])
        elif len(orgs) == 1:
            org_label = orgs[0]
        elif orgs:
            org_label = "All organisations combined"
    if not filters_text:
        parts = [f"{c.replace('_', ' ')} {' or '.join(v)}" for c, v in query.where
                 if c != "org"]
        filters_text = "; ".join(parts) if parts else "All staff"
    return Report(engine=engine, query=query, years=tuple(years), org_label=org_label,
                  filters_text=filters_text, bme_label=bme_label, source_label=source_label,
                  notes=normalise(notes))
