"""Privacy and hostile-text checks that need no browser (the browser ones are in
test_privacy_browser.py): exports keep formulas and markup from uploaded data as text, the
code never renders file text as HTML, nothing is cached across sessions or on disk, and the
server's configuration sends nothing out.
"""

from __future__ import annotations

import ast
import html.parser
import io
import re
import tomllib
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from dashboard import pack, sources, state
from wres_core.api import Engine, Query
from wres_core.exports.report import report_for
from wres_core.exports.workbook import workbook_bytes

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
UI_FILES = [ROOT / "app.py", *sorted((ROOT / "dashboard").glob("*.py")),
            *sorted((ROOT / "pages").glob("*.py"))]
CODE_FILES = UI_FILES + sorted((ROOT / "wres_core").rglob("*.py"))

FORMULA = '=HYPERLINK("http://x","y")'
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"
HOSTILE = [FORMULA, IMG, SCRIPT, "+SUM(1,2)", "-2+3", "@cmd", "Zebra Okapi Ward"]
ETHNICITY = ["A White - British", "N Black or Black British - African",
             "H Asian or Asian British - Indian"]


def hostile_workforce(org: str = "Zebra Test Trust") -> bytes:
    """A workforce CSV whose departments, staff group and organisation are hostile text,
    with enough people per department that no figure is withheld."""
    def q(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    rows = ["Employee Number,Ethnic Origin,Pay Band,Staff Group,Department,Organisation Name"]
    for i in range(30 * len(HOSTILE)):
        dept = HOSTILE[i % len(HOSTILE)]
        group = IMG if i % 2 else "Nursing and Midwifery Registered"
        rows.append(f"{9000 + i},{ETHNICITY[i % 3]},Band {5 + i % 3},{q(group)},{q(dept)},"
                    f"{q(org)}")
    return ("\r\n".join(rows) + "\r\n").encode("utf-8")


@pytest.fixture(scope="module")
def engine() -> Engine:
    eng = Engine.from_inputs([("zebra_workforce_2026.csv", hostile_workforce(FORMULA))])
    assert set(HOSTILE) <= set(eng.data.get("workforce")["department"].astype(str))
    return eng


# --- Exports ---------------------------------------
def test_workbook_keeps_formulas_from_the_data_as_text(engine):
    """Departments and an organisation name from an uploaded file that a spreadsheet would
    read as formulas are text cells with Excel's quote prefix, never formulas."""
    report = report_for(engine, Query(by="department", suppress=0))
    data = workbook_bytes(report)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in z.read(name).decode("utf-8"), name
    wb = load_workbook(io.BytesIO(data))
    seen: dict[str, int] = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate)
                v = cell.value
                if not isinstance(v, str):
                    continue
                for text in HOSTILE:
                    if text in v:
                        seen[text] = seen.get(text, 0) + 1
                if v.startswith(("=", "+", "-", "@", "\t", "\r")):
                    assert cell.data_type == "s" and cell.quotePrefix, (ws.title, v)
    # The department is in the Results sheet as its own cell, exactly as typed.
    results = wb["Results"]
    levels = {c.value for c in results["F"] if isinstance(c.value, str)}
    assert FORMULA in levels and IMG in levels and "-2+3" in levels
    cell = next(c for c in results["F"] if c.value == FORMULA)
    assert cell.data_type == "s" and cell.quotePrefix
    # The organisation (a formula too) is on the cover, as text.
    assert seen.get(FORMULA, 0) >= 2


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_text.append(data)


def test_pack_shows_markup_and_formulas_from_the_data_as_text():
    """The pack names the organisation (here markup) and the departments chosen in the
    filters (here a formula and a script-closing tag): each shows as text."""
    engine = Engine.from_inputs([("zebra_workforce_2026.csv", hostile_workforce(IMG))])
    report = report_for(engine, Query(where=(("department", (FORMULA, SCRIPT)),), suppress=0))
    text = pack.pack_html(report)
    # Nowhere raw, not even inside the charts' JSON (a "</script>" there would end it).
    assert IMG not in text and SCRIPT not in text and "<img" not in text
    assert "alert(1)</script>" not in text
    p = _Tags()
    p.feed(text)
    assert not [a for t, a in p.tags if t in ("img", "iframe", "object", "embed")]
    assert not [a for t, a in p.tags if t == "script" and "src" in a]
    assert not any("onerror" in k for _, a in p.tags for k in a)
    assert not any("alert(1)" in s and "onerror" not in s for s in p.script_text
                   if "<script>alert" in s)
    # The organisation and departments are there, escaped, as readable text.
    assert "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text


# --- No user text rendered as HTML ---------------------------------------
def _calls(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield node


def _name(func: ast.expr) -> str:
    return ast.unparse(func)


def test_no_html_rendering_of_data():
    """``unsafe_allow_html`` only with a module constant (static CSS), and no ``st.html`` or
    HTML components: the dashboard has no way to render text from a file as HTML."""
    found = []
    for path in UI_FILES:
        for call in _calls(path):
            name = _name(call.func)
            where = f"{path.relative_to(ROOT)}:{call.lineno}"
            # st.html only in dashboard/headings.py, which escapes every text it draws.
            assert not name.endswith((".html", "components.v1.html", "iframe")) or \
                name.startswith(("html.", "pack.", "self.")) or \
                (name == "st.html" and path.name == "headings.py"), where
            for kw in call.keywords:
                if kw.arg == "unsafe_allow_html" and not (
                        isinstance(kw.value, ast.Constant) and kw.value.value is False):
                    arg = call.args[0] if call.args else None
                    # Only a constant defined in code (NAME or module.NAME in capitals).
                    ok = (isinstance(arg, ast.Attribute | ast.Name)
                          and _name(arg).split(".")[-1].isupper())
                    assert ok, f"{where}: unsafe_allow_html with {_name(arg) if arg else ''}"
                    found.append(where)
    assert found, "the audit found no unsafe_allow_html at all: is it looking at the code?"


def test_presentation_css_is_static():
    from dashboard import theme

    assert "{" in theme.PRESENTATION_CSS and "<style>" in theme.PRESENTATION_CSS
    assert not re.search(r"<(?!/?style\b)[a-z]", theme.PRESENTATION_CSS)


# --- Nothing cached across sessions, nothing on disk ---------------------------------------
def test_no_persistent_or_shared_cache_of_uploads():
    for path in CODE_FILES:
        for call in _calls(path):
            name = _name(call.func)
            if name.endswith(("cache_data", "cache_resource", "cache")):
                assert all(kw.arg != "persist" for kw in call.keywords), \
                    f"{path.relative_to(ROOT)}:{call.lineno} persists a cache to disk"
    text = (ROOT / "dashboard" / "sources.py").read_text(encoding="utf-8")
    # Uploads never go through the per-process engine cache.
    assert "engine_for" not in re.sub(r"(?s)\"\"\".*?\"\"\"|#.*", "", text)


def test_uploads_are_held_in_memory_by_the_server():
    """Starlette spools a multipart upload over 1 MB to a temporary file; the dashboard
    raises that limit above the upload size so an upload's bytes stay in memory."""
    from starlette.formparsers import MultiPartParser

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    max_mb = config["server"]["maxUploadSize"]
    sources.keep_uploads_in_memory()
    assert MultiPartParser.spool_max_size > max_mb * 1024 * 1024


def test_server_config_sends_nothing_and_keeps_protections():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    server = config.get("server", {})
    # Protections Streamlit has on by default must not be switched off.
    assert server.get("enableXsrfProtection", True) is True
    assert server.get("enableCORS", True) is True
    assert "persist" not in (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert not (ROOT / ".streamlit" / "secrets.toml").exists() or \
        ".streamlit/secrets.toml" in (ROOT / ".gitignore").read_text(encoding="utf-8")


def test_one_sessions_uploads_are_not_in_another_session(monkeypatch):
    """Two AppTest sessions in one process: B never sees A's uploaded data."""
    monkeypatch.setenv("WRES_RAISE", "1")
    a = AppTest.from_file(APP, default_timeout=120)
    a.session_state[state.UPLOADS] = (("zebra_workforce_2026.csv", hostile_workforce()),)
    a.session_state[state.SOURCE] = "upload"
    a.run(timeout=300)
    assert not a.exception, [e.value for e in a.exception]
    text_a = " ".join(str(e.value) for e in a.markdown) + " ".join(
        str(e.value) for e in a.caption)
    assert "Zebra Test Trust" in text_a

    b = AppTest.from_file(APP, default_timeout=120).run(timeout=300)
    assert not b.exception, [e.value for e in b.exception]
    assert b.session_state[state.UPLOADS] == ()
    text_b = " ".join(str(e.value) for e in [*b.markdown, *b.caption, *b.error, *b.info])
    assert "Zebra" not in text_b and "zebra_workforce" not in text_b


def test_headings_escape_their_text_and_take_only_known_classes(monkeypatch):
    import streamlit as st

    from dashboard import headings

    drawn = []
    monkeypatch.setattr(st, "html", drawn.append)
    headings.heading(3, 'Trust <img src=x onerror="1">', headings.SCREEN_READER_ONLY)
    assert drawn == ['<h3 class="wres-sr-only">Trust &lt;img src=x onerror=&quot;1&quot;&gt;'
                     '</h3>']
    with pytest.raises(ValueError):
        headings.heading(3, "x", 'x" onclick="alert(1)')
    with pytest.raises(ValueError):
        headings.heading(1, "x", headings.NAV_SECTION)
