"""WRES Explorer: the Streamlit entry point.

    streamlit run app.py                      # opens on the bundled sample (data/sample)
    streamlit run app.py -- --data PATH       # opens on a file, folder or ZIP instead

Page config, navigation, the shared sidebar, then the chosen page. An unexpected error in a
page is shown as a plain message (and logged with its traceback) instead of a traceback on
screen: the people reading this dashboard are not the people who can fix the code. Set
WRES_RAISE=1 to let errors through (the tests do, to see the traceback).
"""

from __future__ import annotations

import logging
import os

import streamlit as st
from PIL import Image, ImageDraw


def _favicon() -> Image.Image:
    """An NHS-blue square drawn here: a material icon or emoji as the favicon would be
    fetched from a font or emoji CDN, and nothing may leave the machine. Setting one also
    stops the pages' navigation icons being used (and fetched) as the favicon."""
    icon = Image.new("RGB", (32, 32), (0x00, 0x5E, 0xB8))
    ImageDraw.Draw(icon).rectangle((6, 10, 25, 21), fill=(0xFF, 0xFF, 0xFF))
    return icon


st.set_page_config(
    page_title="WRES Explorer",
    page_icon=_favicon(),
    layout="wide",
    # "auto": open on a wide screen, folded away on a narrow one (or at 200% zoom), where it
    # would cover the page; its button brings it back.
    initial_sidebar_state="auto",
    menu_items={"About": "WRES Explorer: the NHS Workforce Race Equality Standard indicators "
                         "from your own files. Everything runs on this machine."},
)

# set_page_config must come first.
from dashboard import access, navigation, sidebar, sources  # noqa: E402

log = logging.getLogger("wres_explorer")


def _page(path: str, title: str, icon: str, default: bool = False) -> st.Page:
    return st.Page(path, title=title, icon=icon, default=default)


PAGES = {
    "": [_page("pages/overview.py", "Overview", ":material/dashboard:", default=True)],
    "Indicators": [
        _page("pages/workforce.py", "Workforce (1)", ":material/groups:"),
        _page("pages/likelihood.py", "Recruitment, discipline, CPD (2-4)",
              ":material/balance:"),
        _page("pages/survey.py", "Staff survey (5-8)", ":material/forum:"),
        _page("pages/board.py", "Board (9)", ":material/account_balance:"),
        _page("pages/pay_gap.py", "Pay gap", ":material/payments:"),
    ],
    "Data": [
        _page("pages/data_quality.py", "Data and quality", ":material/fact_check:"),
        _page("pages/methodology.py", "Methodology", ":material/menu_book:"),
        _page("pages/export.py", "Export and notes", ":material/download:"),
    ],
}

# A shared deployment may ask for a password or single sign-on first (off by default).
access.gate(PAGES)
pg = navigation.navigation(PAGES)


def guarded(step, what: str) -> None:
    """Run one part of the app; an unexpected error becomes a plain message. Streamlit's own
    control flow (rerun, stop, switch_page) derives from BaseException and passes through."""
    try:
        step()
    except Exception:
        if os.environ.get("WRES_RAISE"):
            raise
        log.exception("%s failed", what)
        st.error(f"Something went wrong drawing {what}. The other pages may still work; if "
                 "this keeps happening, note what you clicked and the data you loaded, and "
                 "tell whoever looks after WRES Explorer (the details are in the server log).",
                 icon=":material/error:")


guarded(sidebar.render, "the sidebar")
guarded(pg.run, "this page")
sources.freeze_long_lived()
