"""The indicator registry is the one place an indicator is named: the workbook, the chart
captions, the evidence pack and the engine all say what it says."""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import pytest

from dashboard import captions, pack
from wres_core import api, registry
from wres_core.api import Engine, Query
from wres_core.exports import report as report_module
from wres_core.exports.report import report_for
from wres_core.exports.workbook import SHEET_NAMES, build_workbook
from wres_core.registry import INDICATORS, PAY, SURVEY, WRES, Indicator

from conftest import SAMPLE

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sample_report():
    return report_for(Engine.from_inputs([SAMPLE]), Query())


def test_records_are_frozen_and_keyword_only():
    record = INDICATORS[3]
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.title = "something else"  # type: ignore[misc]
    fields = [f.name for f in dataclasses.fields(Indicator)]
    with pytest.raises(TypeError):
        Indicator(*[getattr(record, f) for f in fields])  # positional: refused


def test_every_indicator_once_in_order():
    assert list(INDICATORS) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    assert [i.number for i in WRES] == list(range(1, 10))
    assert PAY.number == 10 and PAY.column_label == "Pay gap"
    assert [i.number for i in SURVEY] == [5, 6, 7, 8]
    assert registry.indicator("7") is INDICATORS[7]
    with pytest.raises(ValueError, match="indicators are 1 to 9"):
        registry.indicator(11)


def test_official_wording_of_indicator_5():
    # The drift issue 16 found: "from the public" and "from patients or public" on some
    # pages; the WRES says "patients, relatives or the public".
    five = INDICATORS[5]
    assert "patients, relatives or the public" in five.title
    for text in (five.short_title, five.name, five.noun, five.axis_label):
        assert text.lower().endswith("from patients, relatives or the public")


def test_the_engine_computes_what_the_registry_lists(sample_report):
    # One compute function per family, in the registry's order; 5 to 8 share one.
    assert len(api.INDICATORS) == 7
    table = sample_report.engine.unsuppressed(Query())
    assert set(table["indicator"].unique()) <= set(INDICATORS)
    for record in WRES:
        assert sample_report.has(record.number) == record.has(sample_report.engine.data)
        headline = table[(table["indicator"] == record.number)
                         & (table["measure"] == record.measure)]
        assert not headline.empty, record.number


def test_the_report_reads_the_registry():
    for record in WRES:
        i = record.number
        assert report_module.INDICATOR_TITLES[i] == record.title
        assert report_module.SHORT_TITLES[i] == record.short_title
        assert report_module.NEEDS[i] == record.needs
    listed = dict(report_module.METHODOLOGY)["The indicators"]
    for record in WRES:
        assert (f"Indicator {record.number}: {record.title}. Better is "
                f"{record.better_text}.") in listed


def test_the_workbook_titles_are_the_registrys(sample_report):
    wb = build_workbook(sample_report).workbook
    for record in WRES:
        ws = wb[SHEET_NAMES[record.number]]
        assert ws["A1"].value == f"Indicator {record.number}: {record.short_title}"
        assert record.title in [c.value for c in ws["A"][:6]]
    notes = wb["Action notes"]
    named = {notes.cell(r, 1).value: notes.cell(r, 2).value for r in range(1, notes.max_row + 1)}
    assert {i.number: i.short_title for i in WRES} == {k: v for k, v in named.items()
                                                       if isinstance(k, int)}
    cover = [(c.value, wb["Cover"].cell(c.row, 2).value) for c in wb["Cover"]["A"]]
    for record in WRES:
        assert (SHEET_NAMES[record.number], record.title) in cover


def test_the_captions_are_the_registrys():
    for record in WRES:
        assert captions.INDICATOR_NAMES[record.number] == record.name
    for record in SURVEY:
        assert captions.SURVEY_SHORT[record.number] == record.noun
        assert captions.LOWER_IS_BETTER[record.number] == (record.better == "lower")
        assert captions.better_sentence(record.number).startswith(
            "Lower" if record.better == "lower" else "Higher")
    for record in registry.RATIOS:
        assert f" {record.population} " in captions.ratio_sentence(record.number, 1.5)


def test_the_pack_titles_are_the_registrys(sample_report):
    text = pack.pack_html(sample_report)
    for record in WRES:
        assert (f"<h2>Indicator {record.number}: {html.escape(record.short_title)}</h2>"
                in text)
        assert f'<p class="definition">{html.escape(record.title)}. Better is ' in text
        assert f"{record.better_short}.</p>" in text
    # The survey overview chart names each indicator by the registry's axis label.
    overview = [c for c in pack.charts_for(sample_report) if c.indicator == 0]
    drawn = re.sub(r"<br>|\s", "", " ".join(str(c.figure.to_plotly_json()) for c in overview))
    for record in SURVEY:
        assert re.sub(r"\s", "", record.axis_label) in drawn


# Words that named an indicator before the registry and must not come back.
STALE = ("Harassment from the public", "Harassment from patients or public",
         "harassment from the public", "Discrimination from colleagues",
         "Equal opportunities for progression")


def test_no_module_spells_an_indicator_title_of_its_own():
    """Every official title and chart name is written once, in the registry: a copy
    elsewhere is the drift this registry exists to stop. (Short titles are checked where
    they are shown, above: a phrase like "Non-mandatory training and CPD" also names a kind
    of data.)"""
    wordings = {w for i in INDICATORS.values() for w in (i.title, i.name)}
    offenders = []
    for folder in ("wres_core", "dashboard", "pages"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "registry.py":
                continue
            source = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                                if ">>>" not in line)  # a doctest may quote old words
            flat = re.sub(r'"\s*\n\s*"', "", source)  # implicit string concatenation
            for words in wordings | set(STALE):
                if f'"{words}"' in flat or (words in STALE and words in flat):
                    offenders.append(f"{path.relative_to(ROOT)}: {words}")
    assert offenders == []
