"""Chart titles and footnotes: what, who, when and which filters; sources, bases and the
suppression rule applied. Pure functions of plain values (no streamlit), so that a chart, a
table caption and a test all say the same thing.

>>> financial_year(2026)
'2025/26'
>>> source(5, 2026)
'NHS Staff Survey 2025 (run in autumn 2025), reported as WRES 2026'
>>> ratio_sentence(2, 1.42, bme="BME")
'White shortlisted applicants are 1.42 times as likely to be appointed as BME shortlisted applicants.'
"""  # noqa: E501

from __future__ import annotations

import html
import math
import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

# How a figure is written is the core's rule (the command line's table uses it too); the
# names stay importable from here for the pages.
from wres_core.display import (  # noqa: F401
    PERCENT_MEASURES,
    POINTS_MEASURES,
    PROPORTION_MEASURES,
    RATIO_MEASURES,
    fmt_count,
    fmt_interval,
    fmt_percent,
    fmt_points,
    fmt_ratio,
    fmt_value,
)
from wres_core.registry import SURVEY, WRES
from wres_core.registry import indicator as indicator_record

# Chart text is wrapped to these widths (characters) so that a title or a footnote never runs
# off a chart about 700 pixels wide: a 1366x768 screen with the sidebar open, or a projector.
TITLE_WIDTH = 74
FOOTNOTE_WIDTH = 125

WITHHELD = "withheld"
CAUTION_MARK = "†"

# Each indicator's words come from the registry (wres_core.registry), the one place they
# are written; these names stay importable for the pages.
INDICATOR_NAMES = {i.number: i.name for i in WRES}
SURVEY_SHORT = {i.number: i.noun for i in SURVEY}
# Which way is better for indicators 5 to 8.
LOWER_IS_BETTER = {i.number: i.better == "lower" for i in SURVEY}

# What a relative likelihood compares, for the sentence saying what above 1 means.
_RATIO_WORDS = {
    # indicator: (who, what, numerator group first?)
    2: (indicator_record(2).population, "be appointed", "White"),
    3: (indicator_record(3).population, "enter the formal disciplinary process", "BME"),
    4: (indicator_record(4).population, "access non-mandatory training or CPD", "White"),
}
_SHORTLIST_WORDS = ("applicants", "be shortlisted", "White")

DIMENSION_LABELS = {
    "overall": "Overall",
    "pay_band": "Pay band",
    "clinical": "Clinical",
    "clinical_pay_band": "Clinical / non-clinical pay band",
    "staff_group": "Staff group",
    "department": "Department",
    "directorate": "Directorate",
    "site": "Site",
    "occupation": "Occupation",
    "org": "Organisation",
    "board_role": "Board role",
    "internal": "Internal or external",
}


@dataclass(frozen=True)
class ChartText:
    """Everything a chart says about itself: a title (what, who, when, filters), a footnote
    (sources, base, suppression rule, caution) and the file name its PNG downloads as."""

    title: str
    footnote: str
    filename: str


def financial_year(year: int) -> str:
    """The financial year ending 31 March of ``year``.

    >>> financial_year(2000), financial_year(2010)
    ('1999/00', '2009/10')
    """
    return f"{year - 1}/{year % 100:02d}"


def survey_year(year: int) -> int:
    """The NHS Staff Survey year that feeds WRES year ``year`` (it ran the autumn before)."""
    return int(year) - 1


def survey_year_sentence(year: int) -> str:
    """Survey year against WRES year, said plainly.

    >>> survey_year_sentence(2026)
    'WRES 2026 uses the NHS Staff Survey 2025, which ran in autumn 2025 (before the 31 March 2026 snapshot).'
    """  # noqa: E501
    s = survey_year(year)
    return (f"WRES {year} uses the NHS Staff Survey {s}, which ran in autumn {s} "
            f"(before the 31 March {year} snapshot).")


def source(indicator: int, year: int, *, measure: str = "") -> str:
    """Where the figures of one indicator and WRES year come from, in words.

    >>> source(3, 2026, measure="relative_likelihood")
    'formal disciplinary cases in financial years 2024/25 and 2025/26 (two-year figure) over the workforce snapshots at 31 March 2025 and 31 March 2026'
    >>> source(3, 2026, measure="relative_likelihood_1y")
    'formal disciplinary cases in financial year 2025/26 over the workforce snapshot at 31 March 2026'
    """  # noqa: E501
    year = int(year)
    if indicator == 1:
        return f"workforce snapshot (ESR) at 31 March {year}"
    if indicator == 2:
        return f"recruitment, financial year {financial_year(year)}"
    if indicator == 3:
        if measure in ("relative_likelihood", "likelihood_2y"):
            return (f"formal disciplinary cases in financial years {financial_year(year - 1)} "
                    f"and {financial_year(year)} (two-year figure) over the workforce "
                    f"snapshots at 31 March {year - 1} and 31 March {year}")
        return (f"formal disciplinary cases in financial year {financial_year(year)} over the "
                f"workforce snapshot at 31 March {year}")
    if indicator == 4:
        return (f"non-mandatory training and CPD in financial year {financial_year(year)} over "
                f"the workforce snapshot at 31 March {year}")
    if 5 <= indicator <= 8:
        s = survey_year(year)
        return f"NHS Staff Survey {s} (run in autumn {s}), reported as WRES {year}"
    if indicator == 9:
        return f"board membership and workforce snapshot at 31 March {year}"
    raise ValueError(f"indicator must be 1 to 9, not {indicator!r}")


def sources(indicator: int, years: Iterable[int], *, measure: str = "") -> str:
    """``source`` for several years, joined; consecutive years of the same kind collapse.

    >>> sources(1, [2024, 2025, 2026])
    'workforce snapshots (ESR) at 31 March 2024, 2025 and 2026'
    >>> sources(5, [2025, 2026])
    'NHS Staff Surveys 2024 and 2025 (run each autumn), reported as WRES 2025 and 2026'
    """
    ys = sorted({int(y) for y in years})
    if not ys:
        return ""
    if len(ys) == 1:
        return source(indicator, ys[0], measure=measure)
    if indicator == 1:
        return f"workforce snapshots (ESR) at 31 March {_and(ys)}"
    if indicator == 2:
        return f"recruitment, financial years {_and([financial_year(y) for y in ys])}"
    if indicator == 3:
        extra = " (two-year figures pool each year with the year before)" \
            if measure in ("relative_likelihood", "likelihood_2y") else ""
        return (f"formal disciplinary cases in financial years "
                f"{_and([financial_year(y) for y in ys])}{extra}, over the workforce "
                f"snapshots at 31 March")
    if indicator == 4:
        return (f"non-mandatory training and CPD in financial years "
                f"{_and([financial_year(y) for y in ys])}, over the workforce snapshots at "
                f"31 March")
    if 5 <= indicator <= 8:
        return (f"NHS Staff Surveys {_and([survey_year(y) for y in ys])} (run each autumn), "
                f"reported as WRES {_and(ys)}")
    if indicator == 9:
        return f"board membership and workforce snapshots at 31 March {_and(ys)}"
    raise ValueError(f"indicator must be 1 to 9, not {indicator!r}")


def when(indicator: int, years: Sequence[int]) -> str:
    """The "when" of a title.

    >>> when(1, [2026]), when(2, [2026]), when(6, [2024, 2025, 2026])
    ('31 March 2026', 'financial year 2025/26', 'WRES 2024 to 2026 (surveys 2023 to 2025)')
    """
    ys = sorted({int(y) for y in years})
    first, last = ys[0], ys[-1]
    if indicator in (1, 9):
        return f"31 March {last}" if len(ys) == 1 else f"31 March {first} to {last}"
    if indicator in (2, 3, 4):
        if len(ys) == 1:
            return f"financial year {financial_year(last)}"
        return f"financial years {financial_year(first)} to {financial_year(last)}"
    if len(ys) == 1:
        return f"WRES {last} (NHS Staff Survey {survey_year(last)})"
    return (f"WRES {first} to {last} (surveys {survey_year(first)} to "
            f"{survey_year(last)})")


def suppression_rule(*, suppress: int, survey_min: int = 11, survey: bool = False) -> str:
    """The disclosure rule applied, in words (the policy: ``disclosure.POLICY_TEXT``).

    >>> suppression_rule(suppress=10)
    'Publication-safe: counts of 1 to 9 of an ethnic group, and figures that would reveal them, are withheld.'
    >>> suppression_rule(suppress=0)
    'Publication-safe mode is off: small numbers are shown. Not for publication.'
    """  # noqa: E501
    if suppress < 2:
        return "Publication-safe mode is off: small numbers are shown. Not for publication."
    text = (f"Publication-safe: counts of 1 to {suppress - 1} of an ethnic group, and "
            f"figures that would reveal them, are withheld.")
    if survey:
        text += f" Survey percentages from fewer than {survey_min} responses are withheld."
    return text


def caution_rule(caution: int) -> str:
    return f"{CAUTION_MARK} fewer than {caution} in the base: read with care."


# Measures whose every group's row has the whole base as its denominator; in any other
# measure (a likelihood, a survey percent) each group's denominator is that group's own base,
# and the whole base is their sum.
SHARE_MEASURES = frozenset({"share", "board_share", "workforce_share", "quartile_share"})


def base_text(rows: pd.DataFrame, *, noun: str = "staff") -> str:
    """The base of a set of rows per year: the whole row's denominator for a share, the sum
    over the groups for a likelihood or percent (largest over levels and measures), e.g.
    "Base: 6,121 staff (2026)". A pooled two-year measure (indicator 3's ``likelihood_2y``,
    which adds two snapshots together) says so, with the years it pools, unless its note says
    it holds a single year. Empty when no base is shown.

    >>> t = pd.DataFrame({"year": [2026, 2026], "denominator": [6121.0, 853.0]})
    >>> base_text(t)
    'Base: 6,121 staff (2026).'
    >>> lk = pd.DataFrame({"year": [2026] * 3, "measure": ["likelihood_2y"] * 3,
    ...                    "group": ["White", "BME", "Unknown"], "level": ["All"] * 3,
    ...                    "denominator": [8451.0, 3452.0, 278.0], "note": [""] * 3})
    >>> base_text(lk)
    'Base: 12,181 staff in the 2025 and 2026 snapshots, pooled.'
    """
    if rows is None or rows.empty or "denominator" not in rows.columns:
        return ""
    den = pd.to_numeric(rows["denominator"], errors="coerce")
    frame = rows.assign(_d=den).dropna(subset=["_d"])
    if frame.empty:
        return ""
    frame = frame.assign(_m=frame["measure"].astype(str) if "measure" in frame.columns
                         else "share")
    keys = [c for c in ("year", "_m", "dimension", "level") if c in frame.columns]
    whole = frame.groupby(keys, dropna=False)["_d"].agg(["max", "sum"]).reset_index()
    one_row = whole["_m"].isin(SHARE_MEASURES) | ("group" not in frame.columns)
    per_year = whole["max"].where(one_row, whole["sum"]).groupby(whole["year"]).max()
    parts = []
    for y, v in per_year.sort_index().items():
        in_year = frame[frame["year"] == y]
        notes = in_year["note"].astype(str) if "note" in in_year.columns else pd.Series(dtype=str)
        pooled = in_year["_m"].str.endswith("_2y").all() and \
            not notes.str.contains("single-year").any()
        parts.append(f"{int(v):,} {noun} in the {int(y) - 1} and {int(y)} snapshots, pooled"
                     if pooled else f"{int(v):,} {noun} ({int(y)})")
    return "Base: " + "; ".join(parts) + "."


def chart_text(
    *,
    what: str,
    org_label: str,
    when_text: str,
    filters_text: str = "All staff",
    source_text: str,
    suppress: int,
    caution: int = 30,
    survey_min: int = 11,
    survey: bool = False,
    base: str = "",
    extra: str = "",
    slug: str,
    year: int,
) -> ChartText:
    """Assemble a chart's title, footnote and PNG file name.

    >>> t = chart_text(what="BME share by pay band", org_label="Northfield Valley NHS Trust",
    ...                when_text="31 March 2026", source_text="workforce snapshot",
    ...                suppress=10, slug="indicator-1-by-band", year=2026)
    >>> t.title
    '<b>BME share by pay band</b><br>Northfield Valley NHS Trust, 31 March 2026. All staff'
    >>> t.filename
    'wres-indicator-1-by-band-2026'
    """
    # Every part may hold user text (an organisation or department name): it is escaped, so
    # plotly shows it as typed and never as markup.
    head = wrap(esc(what), TITLE_WIDTH)
    who = f"{org_label}, {when_text}. {filters_text or 'All staff'}"
    title = f"<b>{head}</b><br>" + wrap(esc(who), TITLE_WIDTH + 14)
    notes = [f"Source: {source_text}."]
    if base:
        notes.append(base)
    if extra:
        notes.append(extra)
    notes.append(suppression_rule(suppress=suppress, survey_min=survey_min, survey=survey))
    notes.append(caution_rule(caution))
    footnote = wrap(esc(" ".join(notes)), FOOTNOTE_WIDTH)
    return ChartText(title=title, footnote=footnote, filename=filename(slug, year))


def filename(slug: str, year: int) -> str:
    """A PNG file name: lower case, hyphens, no characters a file system dislikes.

    >>> filename("Indicator 2 by Department", 2026)
    'wres-indicator-2-by-department-2026'
    """
    clean = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-")
    return f"wres-{clean}-{int(year)}"


def wrap(text: str, width: int) -> str:
    """Wrap (escaped) text for a plotly title or annotation (``<br>`` between lines).

    >>> wrap("one two three", 7)
    'one two<br>three'
    """
    # Long words are not broken: an escaped entity (&amp;) must stay whole.
    lines = textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(lines)


def esc(text: object) -> str:
    """Text escaped for plotly, which reads a few HTML tags and entities in every label.

    >>> esc("A&E <b>")
    'A&amp;E &lt;b&gt;'
    """
    return html.escape(str(text), quote=False)


def title_words(text: ChartText) -> str:
    """What a chart shows, in plain words: the bold first part of its title (the heading
    a screen reader finds it by, and the name of the figures table behind it).

    >>> title_words(ChartText("<b>BME share by<br>pay band</b><br>Trust, 2026", "", "f"))
    'BME share by pay band'
    """
    match = re.match(r"\s*<b>(.*?)</b>", text.title, re.S)
    return plain(match.group(1) if match else text.title).strip()


def plain(text: str) -> str:
    """Plotly chart text back to plain text: tags dropped, ``<br>`` as a space, entities
    decoded (for tests and screen-reader captions).

    >>> plain("<b>A&amp;E</b><br>2026")
    'A&E 2026'
    """
    text = re.sub(r"\s*<br>\s*", " ", text)
    text = re.sub(r"</?(b|i|span)[^>]*>", "", text)
    return html.unescape(text)


def ratio_sentence(indicator: int, value: float | None, *, bme: str = "BME",
                   group: str | None = None, stage: str = "") -> str:
    """What a relative likelihood says, in words, the right way round.

    >>> ratio_sentence(3, 1.72, bme="BME")
    'BME staff are 1.72 times as likely as White staff to enter the formal disciplinary process.'
    >>> ratio_sentence(4, 0.95, bme="ethnic minority")
    'White staff are 0.95 times as likely to access non-mandatory training or CPD as ethnic minority staff.'
    >>> ratio_sentence(2, None)
    'The relative likelihood cannot be shown for this selection.'
    """  # noqa: E501
    if value is None or _missing(value):
        return "The relative likelihood cannot be shown for this selection."
    who, what, first = _SHORTLIST_WORDS if stage == "shortlisted" else _RATIO_WORDS[indicator]
    other = group or bme
    if first == "White":
        return (f"White {who} are {value:.2f} times as likely to {what} as {other} {who}.")
    return f"{other} {who} are {value:.2f} times as likely as White {who} to {what}."


def above_one_sentence(indicator: int, *, bme: str = "BME") -> str:
    """What above 1 means, whatever the figure.

    >>> above_one_sentence(3)
    'Above 1.00: BME staff are more likely than White staff to enter the formal disciplinary process (worse for BME staff). 0.80 to 1.25 is the non-adverse range.'
    """  # noqa: E501
    who, what, first = _RATIO_WORDS[indicator]
    if first == "White":
        body = f"White {who} are more likely than {bme} {who} to {what}"
    else:
        body = f"{bme} {who} are more likely than White {who} to {what}"
    return (f"Above 1.00: {body} (worse for {bme} staff). 0.80 to 1.25 is the non-adverse "
            f"range.")


def better_sentence(indicator: int) -> str:
    """Which direction is better for a survey indicator.

    >>> better_sentence(7)
    'Higher is better: more staff believe the organisation offers equal opportunities.'
    """
    if indicator == 7:
        return "Higher is better: more staff believe the organisation offers equal opportunities."
    return f"Lower is better: fewer staff report {SURVEY_SHORT[indicator]}."


def gap_sentence(indicator: int, gap: float | None, *, bme: str = "BME") -> str:
    """The BME minus White gap of a survey indicator, said with its direction.

    >>> gap_sentence(6, 13.96)
    'The BME percentage is 14.0 points higher than the White percentage (worse for BME staff).'
    >>> gap_sentence(7, -4.0, bme="ethnic minority")
    'The ethnic minority percentage is 4.0 points lower than the White percentage (worse for ethnic minority staff).'
    """  # noqa: E501
    if gap is None or _missing(gap):
        return "The gap between the groups cannot be shown for this selection."
    if abs(gap) < 0.05:
        return f"The {bme} and White percentages are the same."
    side = "higher" if gap > 0 else "lower"
    worse = (gap > 0) == LOWER_IS_BETTER[indicator]
    verdict = "worse" if worse else "better"
    return (f"The {bme} percentage is {abs(gap):.1f} points {side} than the White "
            f"percentage ({verdict} for {bme} staff).")


_CATEGORY_PREFIXES = (
    ("Asian or Asian British - ", "Asian: "),
    ("Black or Black British - ", "Black: "),
    ("Mixed - ", "Mixed: "),
    ("White - ", "White: "),
    ("Other ethnic group - ", "Other: "),
)


def share_lines_sentence(year: int, own: float | None, *, bme: str = "BME", level: str = "",
                         whole: float | None = None) -> str:
    """What the workforce charts' share lines are, in words: the overall BME share (dashed),
    or, drilled into ``level``, the level's own share (dashed) and the whole organisation's
    (dotted, ``whole``); a share withheld or not available is said so, never drawn. Plain
    text: escape it for markdown.

    >>> share_lines_sentence(2026, 22.14)
    'The dashed line on each chart is the overall BME share of the workforce in view (22.1%). Snapshot: 31 March 2026.'
    >>> share_lines_sentence(2026, 30.0, level="Cardiology", whole=22.14)
    "The dashed line on each chart is the BME share of Cardiology (30.0%); the dotted line is the whole organisation's (22.1%). Snapshot: 31 March 2026."
    >>> share_lines_sentence(2026, None, level="Cardiology", whole=22.14)
    "The BME share of Cardiology is withheld or not available, so the charts draw no dashed line; the dotted line is the whole organisation's (22.1%). Snapshot: 31 March 2026."
    """  # noqa: E501
    snapshot = f"Snapshot: 31 March {year}."
    if not level:
        if own is None:
            return (f"The overall {bme} share is withheld or not available for this "
                    f"selection, so the charts draw no reference line. {snapshot}")
        return (f"The dashed line on each chart is the overall {bme} share of the workforce "
                f"in view ({own:.1f}%). {snapshot}")
    first = (f"The dashed line on each chart is the {bme} share of {level} ({own:.1f}%)"
             if own is not None else
             f"The {bme} share of {level} is withheld or not available, so the charts draw "
             "no dashed line")
    second = (f"the dotted line is the whole organisation's ({whole:.1f}%)"
              if whole is not None else
              "the whole organisation's is withheld or not available, so no dotted line "
              "is drawn")
    return f"{first}; {second}. {snapshot}"


def category_short(group: str) -> str:
    """An ethnic category with its broad group shortened, for chart axes (tables keep the
    full name).

    >>> category_short("Asian or Asian British - Any other Asian background")
    'Asian: Any other Asian background'
    >>> category_short("BME")
    'BME'
    """
    for long, short in _CATEGORY_PREFIXES:
        if group.startswith(long):
            return short + group[len(long):]
    return group


def dimension_label(dimension: str) -> str:
    return DIMENSION_LABELS.get(dimension, dimension.replace("_", " ").capitalize())


def md_escape(text: object) -> str:
    """User text made safe for Streamlit markdown (labels, captions): every markdown or
    directive character is backslash-escaped, so a department name shows as typed.

    >>> md_escape("A&E *[link](x)*")
    'A&E \\\\*\\\\[link\\\\]\\\\(x\\\\)\\\\*'

    Streamlit's markdown also turns bare addresses into links after parsing (GFM autolink
    literals), which no backslash stops; an invisible word joiner (U+2060) after ``http`` /
    ``www`` and before ``@`` breaks the pattern, so a department named like an address
    never becomes a link.

    >>> md_escape("see http://x.example a@b.example") == (
    ...     "see http\u2060\\\\://x\\\\.example a\u2060@b\\\\.example")
    True
    """
    text = _NO_AUTOLINK.sub("\\1\u2060", str(text)).replace("@", "\u2060@")
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^])", r"\\\1", text)


_NO_AUTOLINK = re.compile(r"(?i)(https?|www)(?=[:.])")


def _missing(v: object) -> bool:
    if v is None or v is pd.NA:
        return True
    try:
        return math.isnan(float(v))
    except (TypeError, ValueError):
        return True


def _and(items: Sequence[object]) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
