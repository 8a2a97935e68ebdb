"""The evidence pack: one self-contained HTML file for the board, for the filters chosen.

It opens offline (plotly.js is embedded once, MathJax is not used, no font or stylesheet is
fetched: nothing in it refers to an address off the machine) and prints cleanly to PDF from a
browser (print CSS: A4, each indicator on a new page, charts scaled to the page, tables that
do not split a row). Contents: a cover with whether publication-safe mode is on, the overview
(each indicator's headline in every year compared, with the change on the year before), every
indicator with its charts (the pages' own view builders, ``dashboard.views``, so the pack
shows the charts the pages show), the figures behind them as tables
(``dashboard.tables.figures_table``, the screen's own), the action notes, the caveats, the
methodology and the files read.

Every figure comes from ``Report.table()``: the publication-safe results table when the
query's threshold is 2 or more, exactly as the screen shows it. All user text (organisation,
filters, department and file names, notes) is HTML-escaped.

No streamlit here, so the command line (``wres report --out FILE.html``) can use it.

>>> from wres_core.api import Engine                                      # doctest: +SKIP
>>> html = pack_html(Report(Engine.from_inputs(["data/sample"])))        # doctest: +SKIP
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, replace

import pandas as pd
import plotly.io as pio

from dashboard import captions, charts, pack_pay, theme
from dashboard.captions import CAUTION_MARK, WITHHELD, fmt_value
from dashboard.tables import figures_table
from dashboard.views import Chart, Words
from dashboard.views import board as board_views
from dashboard.views import likelihood as likelihood_views
from dashboard.views import survey as survey_views
from dashboard.views import workforce as workforce_views
from dashboard.views.controls import Controls
from dashboard.views.groups import group_charts
from wres_core import __version__, display
from wres_core.exports.notes import FIELD_LABELS
from wres_core.exports.report import (
    METHODOLOGY,
    Report,
    extra_notes,
)
from wres_core.registry import WRES
from wres_core.registry import indicator as indicator_record

__all__ = ["CHART_WIDTH", "Chart", "all_charts", "charts_for", "pack_bytes", "pack_html"]

# Charts are drawn at a fixed width (the width the dashboard's figures are designed for) and
# scaled down to the page when printed, so that a printed chart looks like the screen's.
CHART_WIDTH = 940
PRINT_ZOOM = 0.74  # 940 px into A4 portrait with 12 mm margins (about 700 px)


def _shown(row: pd.Series | None) -> bool:
    return row is not None and not bool(row["suppressed"]) and not pd.isna(row["value"])


def _one(rows: pd.DataFrame) -> pd.Series | None:
    return None if rows is None or rows.empty else rows.iloc[0]


def charts_for(report: Report, controls: Controls | None = None) -> list[Chart]:
    """Every chart of the report's view, in reading order: the pages' own charts
    (``dashboard.views``, the builders the pages draw), each page with its controls as the
    user left them (``controls``: the breakdown chosen, "show all", Model Employer targets,
    intervals and national lines; None: each page as it first opens), from the
    publication-safe results table at the report's group level. Tabs that show one view at a
    time on a page (the indicator, the survey item, the pay band tab) are all drawn here."""
    if not report.years:
        return []
    controls = controls or Controls()
    ci = controls.intervals
    words = replace(Words.of_report(report), national=controls.national)
    label, groups, q = report.label, report.query.groups, report.query
    wres = report.wres_table()
    level = report.table() if groups != "wres" else wres
    engine = report.engine
    frames = engine.data.frames
    out: list[Chart | None] = []
    # Drilled in, the whole organisation's results at the report's group level, for the
    # group charts' whole-organisation marks, as on the pages.
    whole, own = None, controls.drill[1] if controls.drill else ""
    if controls.drill:
        column, value = controls.drill
        where = q.where[:-1] if q.where[-1:] == ((column, (value,)),) else q.where
        whole = engine.results(replace(q, where=where))

    def has_department(kind: str) -> bool:
        frame = frames.get(kind)
        return frame is not None and "department" in frame.columns

    if any(report.has(i) for i in (5, 6, 7, 8)):
        out.append(survey_views.overview(wres, words, label=label, intervals=ci))
    for i in range(1, 10):
        if not report.has(i):
            continue
        if i == 1:
            # Drilled in, the organisation-wide BME share beside the level's own, as the page.
            trust = None
            if controls.drill:
                # The drill is the last filter (``View.drilled_query`` appends it); a sidebar
                # filter on the same value stays, as on the page.
                column, value = controls.drill
                where = q.where[:-1] if q.where[-1:] == ((column, (value,)),) else q.where
                trust = engine.results(replace(q, where=where, groups="wres"))
            v1 = workforce_views.Indicator1.of(level, wres, words, groups=groups, label=label,
                                               drill=controls.drill, trust_table=trust)
            if charts.select(v1.ind1, year=words.year).empty:
                continue
            out += [workforce_views.bands(v1, which) for which in
                    (workforce_views.AFC, workforce_views.MEDICAL_GRADES, workforce_views.SPLIT)]
            targets = controls.targets(words.year)
            out.append(workforce_views.model_employer(
                v1, engine.model_employer(q, year=words.year, targets=targets),
                targets=targets))
            if has_department("workforce"):
                out.append(workforce_views.departments(
                    v1, engine.results(replace(q, by="department")),
                    show_all=controls.workforce_all()))
            out.append(workforce_views.band_trend(v1, intervals=ci))
        elif i in (2, 3, 4):
            r = likelihood_views.Ratios(i, charts.select(wres, indicator=i), words, label)
            if charts.select(r.rows, year=words.year).empty:
                continue
            dim = controls.breakdown(i)
            out += [likelihood_views.trend(r, intervals=ci),
                    likelihood_views.likelihoods(r, intervals=ci),
                    likelihood_views.breakdown(r, engine.results(replace(
                        q, groups="wres", by=dim)), dim, show_all=controls.likelihood_all(i),
                        intervals=ci)]
            out += group_charts(i, level, words, groups=groups, label=label, intervals=ci,
                            whole=whole, own_name=own)
            out.append(likelihood_views.shortlisting(r, intervals=ci))
            continue
        elif i in (5, 6, 7, 8):
            if charts.select(wres, indicator=i, year=words.year).empty:
                continue
            out.append(survey_views.trend(wres, i, words, label=label, intervals=ci))
            if has_department("survey"):
                out.append(survey_views.departments(engine.results(replace(
                    q, groups="wres", by="department")), i, words, label=label,
                    intervals=ci, show_all=controls.survey_all(i)))
        else:
            if charts.select(wres, indicator=9, year=words.year, measure="board_share").empty:
                continue
            out += [board_views.roles(wres, words, label=label),
                    board_views.trend(wres, words, label=label)]
            out += group_charts(9, level, words, groups=groups, label=label, intervals=False)
            continue
        out += group_charts(i, level, words, groups=groups, label=label, intervals=ci,
                            whole=whole, own_name=own)
    return [c for c in out if c is not None]


def all_charts(report: Report, controls: Controls | None = None) -> list[Chart]:
    """Every chart of the pages, the pay gap's too, in the pack's order (the chart ZIP)."""
    return charts_for(report, controls) + pack_pay.charts(report, controls)


# --------------------------------------------------------------------------- the overview
@dataclass(frozen=True)
class Headline:
    indicator: int
    what: str
    measure: str
    group: str
    dimension: str = "overall"
    level: str = "All"
    better: str = ""  # which way is better, where it is not the indicator's own

    @property
    def better_text(self) -> str:
        return self.better or _BETTER_SHORT[self.indicator]


def headlines(report: Report) -> list[Headline]:
    bme = report.label("BME")
    out = [Headline(1, f"{bme} share of all staff", "share", "BME"),
           Headline(1, "Unknown ethnicity: share of all staff", "share", "Unknown",
                    better="lower (better recording)"),
           Headline(2, "Relative likelihood of appointment from shortlisting (White over "
                       f"{bme})", "relative_likelihood", "BME"),
           Headline(3, f"Relative likelihood of formal disciplinary ({bme} over White, "
                       "two-year)", "relative_likelihood", "BME"),
           Headline(4, f"Relative likelihood of non-mandatory training (White over {bme})",
                    "relative_likelihood", "BME")]
    for i in (5, 6, 7, 8):
        out += [Headline(i, f"{captions.SURVEY_SHORT[i].capitalize()}: White",
                         "percent", "White"),
                Headline(i, f"{captions.SURVEY_SHORT[i].capitalize()}: {bme}",
                         "percent", "BME")]
    out.append(Headline(9, f"Voting board minus workforce, {bme} share (points)",
                        "difference", "BME", "board_role", "Voting"))
    return out


def _cell_text(row: pd.Series | None, measure: str) -> str:
    if row is None:
        return ""
    if bool(row["suppressed"]):
        return WITHHELD
    if pd.isna(row["value"]):
        return "not available"
    text = fmt_value(measure, row["value"])
    if bool(row["caution"]) if not pd.isna(row["caution"]) else False:
        text += f" {CAUTION_MARK}"
    return text


def _change_text(changes: pd.DataFrame, h: Headline, year: int) -> str:
    """A change (on the year before, or since the first year: ``changes`` says which) in
    words, as the Overview page says it."""
    if changes is None or changes.empty:
        return ""
    rows = changes[(changes["year"] == year) & (changes["indicator"] == h.indicator)
                   & (changes["measure"] == h.measure) & (changes["group"] == h.group)
                   & (changes["dimension"] == h.dimension) & (changes["level"] == h.level)]
    if rows.empty:
        return ""
    r = rows.iloc[0]
    key = display.change_verdict(r["direction"], r["change"], r["p_value"])
    if not key:
        return ""
    status = theme.STATUS[key]
    return f"{status.symbol} {status.word}"


# --------------------------------------------------------------------------- HTML
def _e(text: object) -> str:
    """User (or any) text for HTML: everything escaped, quotes included."""
    return html.escape(str(text), quote=True)


_NUMERIC = frozenset({"Numerator", "Denominator", "Figure", "95% interval", "Staff", "Rows",
                      "Share", "Gap", "Target share"})


def _table(df: pd.DataFrame, *, caption: str = "", cls: str = "figures") -> str:
    """A DataFrame of text as an HTML table; every cell escaped, each cell tagged with its
    column name (``data-col``) so that a reader (or a test) can tell counts from figures."""
    if df is None or df.empty:
        return ""
    def is_num(c: object) -> bool:
        c = str(c)
        return c in _NUMERIC or c.isdigit() or c.endswith((" share", " staff", "needed"))

    num = ' class="num"'
    head = "".join(f'<th scope="col"{num if is_num(c) else ""}>{_e(c)}</th>'
                   for c in df.columns)
    body = []
    for rec in df.itertuples(index=False):
        cells = []
        for c, v in zip(df.columns, rec, strict=True):
            klass = num if is_num(c) else ""
            cells.append(f'<td data-col="{_e(c)}"{klass}>{_e("" if v is None else v)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{_e(caption)}</caption>" if caption else ""
    return (f'<table class="{cls}">{cap}<thead><tr>{head}</tr></thead><tbody>'
            + "".join(body) + "</tbody></table>")


# Config keys plotly.py's HTML writer does not know (it warns about them); their defaults
# are already off in plotly.js 3.
_NOT_PLOTLY_JS_CONFIG = frozenset({"showLink", "showEditInChartStudio"})


def _figure_html(chart: Chart, first: bool) -> str:
    # A plain dict (no second Figure object: building one is the slow part of plotly).
    fig = chart.figure.to_dict()
    fig.setdefault("layout", {})["width"] = CHART_WIDTH
    config = {k: v for k, v in charts.plotly_config(chart.text).items()
              if k not in _NOT_PLOTLY_JS_CONFIG}
    config.update({"responsive": False, "displayModeBar": "hover"})
    return pio.to_html(fig, full_html=False, include_plotlyjs=bool(first),
                       include_mathjax=False, config=config, validate=False,
                       div_id=f"chart-{chart.filename}", default_width=f"{CHART_WIDTH}px")


# Columns of the figures table that are dropped when every row has the same value (said
# once in the caption instead).
_CONSTANT = ("Indicator", "Breakdown", "Level", "Year", "Measure", "Group")


def compact(table: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """A figures table for print: columns whose value is the same on every row dropped (and
    said once), and each note without the standard withheld / caution words, which the
    Figure column and the legend already say.

    >>> t = pd.DataFrame({"Year": ["2026", "2026"], "Group": ["White", "BME"],
    ...                   "Figure": ["1.0%", "withheld"],
    ...                   "Note": ["", "withheld: fewer than 10; NHS Staff Survey 2025"]})
    >>> table, said = compact(t)
    >>> list(table.columns), said, table["Note"].tolist()
    (['Group', 'Figure', 'Note'], 'Year: 2026', ['', 'NHS Staff Survey 2025'])
    """
    if table is None or table.empty:
        return table, ""
    out = table.copy()
    said = []
    for col in _CONSTANT:
        if col in out.columns and len(out) > 1 and out[col].nunique(dropna=False) == 1:
            said.append(f"{col}: {out[col].iloc[0]}")
            out = out.drop(columns=col)
    if "Note" in out.columns:
        out["Note"] = out["Note"].map(lambda n: "; ".join(extra_notes(n)))
        if (out["Note"] == "").all():
            out = out.drop(columns="Note")
    return out.reset_index(drop=True), "; ".join(said)


def _chart_block(chart: Chart, first: bool, label: Callable[[str], str]) -> str:
    title = captions.plain(chart.text.title)
    if chart.message:
        # Every figure withheld: the page's words and the table, as the page shows them.
        table = chart.table if chart.table is not None else \
            compact(figures_table(chart.rows, label=label))[0]
        return (f"<h3>{_e(title)}</h3><p class=\"none\">{_e(chart.message)}</p>"
                + _table(table, caption=title))
    # The title is drawn in the chart; it is also a heading (hidden on screen) so that the
    # chart is in the document's outline for a screen reader.
    block = (f'<h3 class="sr-only">{_e(title)}</h3>'
             f'<figure class="chart" aria-label="{_e(title)}">'
             f'<div class="chartbox">{_figure_html(chart, first)}</div></figure>')
    if chart.table is not None:
        table, said = chart.table, ""
    else:
        table, said = compact(figures_table(chart.rows, label=label))
    if table is None or table.empty:
        return block
    caption = title + (f". {said}." if said else "")
    return (block + '<div class="behind"><h4>Figures behind this chart</h4>'
            + _table(table, caption=caption) + "</div>")


def _notes_html(report: Report, indicator: int) -> str:
    note = report.note(indicator)
    parts = []
    for key in ("shows", "action"):
        text = getattr(note, key)
        body = (_e(text).replace("\n", "<br>") if text else
                '<span class="none">(none written)</span>')
        parts.append(f"<dt>{_e(FIELD_LABELS[key])}</dt><dd>{body}</dd>")
    return f'<dl class="notes">{"".join(parts)}</dl>'


CSS = """
:root { --blue: #005EB8; --dark: #003087; --grey: #425563; --pale: #E8EDEE;
        --red: #8A1538; --green: #006747; --caution: #FFF1CC; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Arial, "Helvetica Neue", Helvetica, sans-serif;
       color: #231F20; margin: 0; line-height: 1.45; font-size: 15px; }
main { max-width: 1000px; margin: 0 auto; padding: 24px; }
h1 { color: var(--dark); font-size: 28px; margin: 0 0 4px; }
h2 { color: var(--dark); font-size: 22px; border-bottom: 3px solid var(--blue);
     padding-bottom: 4px; margin-top: 40px; }
h3 { color: var(--dark); font-size: 17px; margin: 20px 0 6px; }
h4 { font-size: 14px; margin: 8px 0 4px; color: var(--grey); }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
           overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.who { font-size: 17px; margin: 0 0 12px; }
.status { padding: 10px 14px; border-left: 6px solid; font-weight: 600; margin: 12px 0; }
.status.safe { background: #E0F0E8; border-color: var(--green); color: #1E5631; }
.status.unsafe { background: #F9E0E6; border-color: var(--red); color: var(--red); }
dl.facts { display: grid; grid-template-columns: 190px 1fr; gap: 4px 12px; margin: 12px 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
dl.notes { border: 1px solid var(--pale); border-left: 6px solid var(--blue);
           padding: 8px 14px; background: #F7F9FA; }
dl.notes dt { font-weight: 600; color: var(--dark); }
dl.notes dd { margin: 0 0 8px; white-space: normal; }
.none { color: var(--grey); font-style: italic; }
.definition { color: var(--grey); font-style: italic; }
table { border-collapse: collapse; margin: 6px 0 14px; font-size: 13px; width: 100%; }
caption { text-align: left; font-size: 12px; color: var(--grey); padding: 2px 0; }
th { background: var(--blue); color: white; text-align: left; padding: 4px 6px;
     font-weight: 600; }
td { border-bottom: 1px solid var(--pale); padding: 3px 6px; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
figure.chart { margin: 14px 0 4px; }
figure.chart .chartbox { width: 940px; max-width: 100%; overflow-x: auto; }
figcaption { font-size: 12px; color: var(--grey); margin-top: 2px; }
.behind h4 { margin-top: 2px; }
nav ol { columns: 2; }
/* Each link a target of at least 24 px (WCAG 2.5.8). */
nav li a { display: inline-block; min-height: 24px; padding: 3px 0; }
a { color: var(--blue); }
footer { color: var(--grey); font-size: 12px; margin-top: 40px; }
@page { size: A4 portrait; margin: 12mm; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  section.indicator, section.page { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  figure.chart { break-inside: avoid; }
  figure.chart .chartbox { zoom: 0.74; overflow: visible; max-width: none; }
  tr, dl.notes { break-inside: avoid; }
  thead { display: table-header-group; }
  nav, .modebar-container { display: none !important; }
  .status { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def pack_html(report: Report, controls: Controls | None = None) -> str:
    """The evidence pack for a report, as one HTML document (text); ``controls``: the pages'
    controls as the user left them (None: each page as it first opens)."""
    label = report.label
    chart_list = charts_for(report, controls)
    wres = report.wres_table()
    year = report.years[-1] if report.years else None
    out: list[str] = []
    title = f"WRES evidence pack: {report.org}, WRES {report.years_text()}"
    out.append("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
               f"<meta name=\"generator\" content=\"WRES Explorer {_e(__version__)}\">"
               f"<title>{_e(title)}</title><style>{CSS}</style></head><body><main>")
    # --- Cover
    out.append('<header class="cover">')
    out.append("<h1>Workforce Race Equality Standard: evidence pack</h1>")
    out.append(f'<p class="who">{_e(report.org)}. WRES {_e(report.years_text())}. '
               f"{_e(report.filters_text)}.</p>")
    out.append(f'<p class="status {"safe" if report.safe else "unsafe"}">'
               f"{_e(report.suppression_text())}</p>")
    facts = [("Organisation", report.org), ("WRES years", report.years_text()),
             ("Filters", report.filters_text), ("Ethnic groups", report.groups_text()),
             ("Data", report.source_label or "the files listed at the end"),
             ("Produced", f"{report.produced.isoformat()} by WRES Explorer {__version__}")]
    out.append('<dl class="facts">' + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>"
                                              for k, v in facts) + "</dl>")
    sections = [("overview", "Overview")] + [
        (f"indicator-{i.number}", f"Indicator {i.number}: {i.short_title}") for i in WRES] + (
        [(pack_pay.SECTION_ID, pack_pay.TITLE)] if pack_pay.has_pay(report) else []) + [
        ("caveats", "Caveats"), ("methodology", "Methodology"), ("sources", "Files read")]
    out.append('<nav aria-label="Contents"><h3>Contents</h3><ol>' + "".join(
        f'<li><a href="#{a}">{_e(t)}</a></li>' for a, t in sections) + "</ol></nav>")
    out.append("</header>")
    first = [True]

    def chart_html(chart: Chart) -> str:
        block = _chart_block(chart, first[0], label)
        first[0] = False
        return block

    # --- Overview
    out.append('<section id="overview" class="page"><h2>Overview</h2>')
    if year is None:
        out.append("<p>No data is loaded.</p>")
    else:
        out.append(f"<p>The headline of each indicator in every year compared, with the change "
                   f"on the year before ({_e(year - 1)} to {_e(year)}) and since the first year "
                   f"compared ({_e(report.years[0])}): called better or worse "
                   "only where it is unlikely to be chance. Ratios are not percentages; "
                   f"{_e(CAUTION_MARK)} marks a small base.</p>")
        wres_query = replace(report.query, groups="wres")
        changes = report.engine.changes(wres_query)
        first_year = report.years[0]
        # The change since the first year compared too, where that is not the year before.
        since = (report.engine.changes(wres_query, since=first_year)
                 if first_year < year - 1 else None)
        head = ["Indicator", "Headline", *[str(y) for y in report.years],
                f"Change since {year - 1}",
                *([f"Change since {first_year}"] if since is not None else []), "Better is"]
        rows = []
        for h in headlines(report):
            if not report.has(h.indicator):
                continue
            cells = [str(h.indicator), h.what]
            for y in report.years:
                r = _one(wres[(wres["year"] == y) & (wres["indicator"] == h.indicator)
                              & (wres["measure"] == h.measure) & (wres["group"] == h.group)
                              & (wres["dimension"] == h.dimension)
                              & (wres["level"] == h.level)])
                cells.append(_cell_text(r, h.measure))
            cells.append(_change_text(changes, h, year))
            if since is not None:
                cells.append(_change_text(since, h, year))
            cells.append(h.better_text)
            rows.append(cells)
        out.append(_table(pd.DataFrame(rows, columns=head), cls="headline",
                          caption=f"Headline figures, {report.org}, {report.filters_text}"))
        out.append(f"<p>{_e(report.unknown_text())}</p>")
        for chart in [c for c in chart_list if c.indicator == 0]:
            out.append(chart_html(chart))
    out.append("</section>")
    # --- Indicators
    for i in range(1, 10):
        out.append(f'<section id="indicator-{i}" class="indicator">')
        out.append(f"<h2>Indicator {i}: {_e(indicator_record(i).short_title)}</h2>")
        out.append(f'<p class="definition">{_e(indicator_record(i).title)}. Better is '
                   f"{_e(_BETTER_SHORT[i])}.</p>")
        out.append(_notes_html(report, i))
        mine = [c for c in chart_list if c.indicator == i]
        if not report.has(i):
            out.append(f'<p class="none">No figures: load {_e(indicator_record(i).needs)}.</p>')
        elif not mine:
            out.append(f'<p class="none">No figures for WRES {_e(report.years_text())} with '
                       f"these filters ({_e(report.filters_text)}).</p>")
        for chart in mine:
            out.append(chart_html(chart))
        out.append("</section>")
    # --- The ethnicity pay gap, beside the nine indicators
    out.append(pack_pay.section_html(report, chart_html, _table, controls))
    # --- Caveats, methodology, sources
    out.append('<section id="caveats" class="page"><h2>Caveats</h2><ul>'
               + "".join(f"<li>{_e(c)}</li>" for c in report.caveats()) + "</ul></section>")
    out.append('<section id="methodology"><h2>Methodology</h2>')
    for heading, paragraphs in METHODOLOGY:
        out.append(f"<h3>{_e(heading)}</h3>" + "".join(f"<p>{_e(p)}</p>" for p in paragraphs))
    out.append("</section>")
    src = pd.DataFrame(report.source_rows())
    if not src.empty:
        src.columns = ["File", "Sheet", "Kind", "Rows", "WRES years", "Loaded"]
        src["Rows"] = src["Rows"].map(lambda n: f"{int(n):,}")
    out.append('<section id="sources"><h2>Files read</h2>'
               + (_table(src, cls="sources") if not src.empty else "<p>None.</p>")
               + "</section>")
    out.append(f"<footer>{_e(report.suppression_text())} Produced "
               f"{_e(report.produced.isoformat())} by WRES Explorer {_e(__version__)}. "
               "Everything in this file was computed on the machine that produced it; it "
               "refers to nothing on the internet.</footer>")
    out.append("</main></body></html>\n")
    return "".join(out)


_BETTER_SHORT = {i.number: i.better_short for i in WRES}


def pack_bytes(report: Report, controls: Controls | None = None) -> bytes:
    """The evidence pack as UTF-8 bytes, for a download or a file."""
    return pack_html(report, controls).encode("utf-8")
