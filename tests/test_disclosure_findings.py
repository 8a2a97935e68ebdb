"""Findings follow publication-safe mode (issue 14): the data-quality page printed "Band 9:
14% (1 of 7)" with publication-safe mode on."""

from __future__ import annotations

import re

from wres_core.disclosure.findings import publication_safe
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
