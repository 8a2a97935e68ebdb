"""Findings follow publication-safe mode (issue 14): the data-quality page printed "Band 9:
14% (1 of 7)" with publication-safe mode on."""

from __future__ import annotations

import re

from wres_core.disclosure.findings import publication_safe, withheld_count, withheld_text
from wres_core.findings import Finding
from wres_core.loader import load

from conftest import ROOT, SAMPLE

COUNTS = re.compile(r"\(\d[\d,]* of \d[\d,]*\)")


def test_sample_band_findings_print_no_counts_in_publication_safe_mode():
    findings = load([SAMPLE]).findings
    band = [f for f in findings if f.code == "high_unknown_ethnicity_band"]
    assert band and any(COUNTS.search(f.message) for f in band)  # what the page printed
    safe = publication_safe(findings, 10)
    assert len(safe) == len(findings)
    for before, after in zip(findings, safe, strict=True):
        if before.code == "high_unknown_ethnicity_band":
            assert not COUNTS.search(after.message) and not re.search(r": \d+%", after.message)
            # The bands are still named, in the same order.
            bands = re.findall(r"(?:in |; )([^:;]+?): \d+%", before.message)
            assert bands and all(b in after.message for b in bands)
        else:
            assert after == before


def test_whole_workforce_finding_keeps_its_threshold_and_drops_its_figures():
    # By hand: 1 of 10 staff of unknown ethnicity is 10.0%, above the 5% line.
    f = Finding("warning", "high_unknown_ethnicity", "Workforce 2024 (RXB): ethnicity is "
                "unknown for 10.0% of staff (1 of 10), above 5%; the indicators may not "
                "reflect the whole workforce.", column="Ethnic Origin", hint="Ask staff.")
    [safe] = publication_safe([f], 10)
    assert safe.message.startswith("Workforce 2024 (RXB): ethnicity is unknown for more than "
                                   "5% of staff (figures not printed here")
    assert safe.message.endswith("; the indicators may not reflect the whole workforce.")
    assert not COUNTS.search(safe.message) and "10.0%" not in safe.message
    assert (safe.column, safe.hint, safe.level, safe.code) == (f.column, f.hint, f.level,
                                                               f.code)
    assert publication_safe([f], 2) == [safe] and publication_safe([f], 1) == [f]
    assert withheld_count([f], [safe]) == 1 and withheld_count([f], [f]) == 0


def test_findings_without_figures_are_left_alone_in_publication_safe_mode():
    # A finding of another kind that happens to hold "n of m" is not the rule's business,
    # and a band finding already without figures is not changed twice.
    other = Finding("info", "training_counted_once", "t.csv: 3 of 5 rows (1 of 2) repeat.")
    band = publication_safe([Finding("warning", "high_unknown_ethnicity_band",
                                     "Workforce 2024: unknown in Band 5: 50% (1 of 2).")], 10)
    assert publication_safe([other, *band], 10) == [other, *band]


def test_withheld_text_says_how_many_and_how_to_see_them():
    text = withheld_text(3, "run again with --suppress 0")
    assert text.startswith("Publication-safe mode is on: the figures in 3 finding(s) are not "
                           "printed")
    assert "To see them, run again with --suppress 0 (for internal use only" in text
    assert withheld_text(0, "run again with --suppress 0") == ""


def test_publication_safe_mode_off_leaves_findings_alone():
    findings = load([SAMPLE]).findings
    assert publication_safe(findings, 0) == list(findings)
    assert publication_safe(findings, 1) == list(findings)


def test_data_quality_page_prints_no_band_counts_in_publication_safe_mode():
    # The page as a user opens it (publication-safe mode on by default), on the sample.
    from streamlit.testing.v1 import AppTest

    from dashboard import state

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.session_state[state.DATA_PATH] = str(SAMPLE)
    at.run()
    at.switch_page("pages/data_quality.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    texts = [str(v) for t in at.table for v in t.value.to_numpy().ravel()]
    texts += [str(v) for d in at.dataframe for v in d.value.to_numpy().ravel()]
    band = [t for t in texts if "ethnicity is unknown for more than" in t]
    assert band and not any(COUNTS.search(t) for t in band)
    # The page says that figures were taken out and how to see them (the sample's three
    # band findings, one a year).
    captions = [c.value for c in at.caption]
    assert any("the figures in 3 finding(s) are not printed" in c
               and "turn Publication-safe mode off" in c for c in captions), captions
