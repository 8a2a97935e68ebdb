"""Headings drawn as HTML, the one place the dashboard calls ``st.html``.

Screen readers navigate by headings: the sidebar's section names and each chart's title (a
heading only they see) need real ``<h2>``/``<h3>`` elements, which markdown cannot give a
class to. The text is always escaped here, so nothing from a user's file can become markup
(``tests/test_privacy.py`` allows ``st.html`` in this module only).
"""

from __future__ import annotations

import html

import streamlit as st

# The classes the app's CSS (``theme.APP_CSS``) styles, and the only ones allowed here.
NAV_SECTION = "wres-nav-section"
SCREEN_READER_ONLY = "wres-sr-only"
_CLASSES = {NAV_SECTION, SCREEN_READER_ONLY}


def heading(level: int, text: str, css_class: str) -> None:
    """Draw ``<hN class=css_class>text</hN>`` with ``text`` escaped."""
    if level not in (2, 3) or css_class not in _CLASSES:
        raise ValueError(f"no heading h{level} of class {css_class!r}")
    st.html(f'<h{level} class="{css_class}">{html.escape(str(text))}</h{level}>')
