"""The app's navigation: Streamlit's router, with the sidebar menu drawn by us.

Streamlit's own sidebar menu, when its pages are in sections, puts each page's ``<li>``
outside any ``<ul>`` (axe-core's ``listitem`` and ``list`` rules, WCAG 1.3.1; see
docs/accessibility.md). So the router runs hidden and the menu is drawn here from
``st.page_link`` (a link moves within the app, so the session and an upload stay), with each
section's name as a heading. ``app.py`` lists the pages; adding one there adds it here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from dashboard import theme
from dashboard.headings import NAV_SECTION, heading

# The menu's container key: Streamlit gives it the class ``st-key-wres-nav`` (the CSS and
# the browser tests find the menu by it).
KEY = "wres-nav"


def navigation(pages: Mapping[str, Sequence[st.Page]]) -> st.Page:
    """Register ``pages`` (section name -> pages; "" for pages without a section), draw the
    menu at the top of the sidebar and the app's own CSS, and return the page to run."""
    current = st.navigation(dict(pages), position="hidden")
    # Static CSS only (never built from user text).
    st.markdown(theme.APP_CSS, unsafe_allow_html=True)
    with st.sidebar, st.container(key=KEY):
        for section, entries in pages.items():
            if section:
                # A heading, so that a screen reader can jump between sections.
                heading(2, section, NAV_SECTION)
            for page in entries:
                st.page_link(page, label=page.title, icon=page.icon)
    return current
