"""Shared test helpers: small files written the way users' systems write them; and, for the
browser tests (marked ``browser``), one headless Chromium and one dashboard server on the
bundled sample for the whole session (tests/browser_kit.py has the helpers they share)."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import settings

from browser_kit import HAVE_CHROMIUM, chromium, serve

# Speed is measured in benchmarks/, not in tests: hypothesis's per-example deadline (200 ms)
# failed properties at random on a loaded 2-core machine, so no example has a deadline.
settings.register_profile("wres", deadline=None)
settings.load_profile("wres")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"

WORKFORCE_CSV = """Employee Number,Ethnic Origin,Pay Band,Staff Group,Org L5
1001,A White - British,Band 5,Nursing and Midwifery Registered,914 Cardiology L5
1002,N Black or Black British - African,Band 5,Nursing and Midwifery Registered,914 Cardiology L5
1003,H Asian or Asian British - Indian,Band 6,Allied Health Professionals,915 Radiology L5
1004,A White - British,Band 8 - Range A,Administrative and Clerical,915 Radiology L5
1005,Z Not Stated,Band 3,Administrative and Clerical,914 Cardiology L5
"""


def csv_bytes(text: str, encoding: str = "utf-8") -> bytes:
    return text.replace("\n", "\r\n").encode(encoding)


def xlsx_bytes(sheets: dict[str, pd.DataFrame], *, title_rows: int = 0) -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        for name, df in sheets.items():
            df.to_excel(xl, sheet_name=name, index=False, startrow=title_rows)
            if title_rows:
                xl.sheets[name].cell(row=1, column=1, value="ESR BI report: staff in post")
    return buf.getvalue()


@pytest.fixture
def write(tmp_path: Path):
    """write(name, content) puts a file in a fresh folder and returns its path."""

    def _write(name: str, content: bytes | str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return _write


# --- The browser tests ----------------------------------------------------------------------
def pytest_collection_modifyitems(session, config, items):
    """Run the browser tests last (in their files' order).

    Playwright's synchronous API keeps its event loop marked as running on this thread for as
    long as it is open, so while the session's browser is open no other test could use
    asyncio (Streamlit's AppTest does). With every browser test at the end, the browser opens
    once, after all the others, and stays open until the session ends."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test (each test opens its own context: its own
    cookies, and so its own Streamlit session)."""
    if not HAVE_CHROMIUM:
        pytest.skip("Debian's chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = chromium(p)
        yield b
        b.close()


@pytest.fixture(scope="session")
def server():
    """One dashboard on the bundled sample for every browser test that needs nothing else
    (a test that needs its own settings or environment starts its own with
    ``browser_kit.serve``). Each browser tab is its own Streamlit session, so an upload, a
    filter or a drill-down in one test is not seen by another; what tabs share is the server's
    cache of the sample's figures, which is what makes one server faster than one per file."""
    with serve("server.log") as base:
        yield base
