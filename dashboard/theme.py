"""Colours, fonts and the little CSS the dashboard uses: one place, so every chart agrees.

Colours come from the NHS identity palette. A group keeps the same colour on every page and
in every chart, so a reader who learnt "orange is BME" on one page is not misled on the next.
The pairs that carry meaning (White / BME, worse / better) are blue against orange and dark
red against dark green with different lightness, which stays distinguishable with the common
colour-vision deficiencies; meaning is never carried by colour alone (see ``STATUS``: every
status has a word and an icon too).

No Streamlit here: pure constants and small functions, safe to import from anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from wres_core import display
from wres_core.stats import NON_ADVERSE

# --- NHS identity palette (https://www.england.nhs.uk/nhsidentity/identity-guidelines/colours/)
NHS_BLUE = "#005EB8"
NHS_DARK_BLUE = "#003087"
NHS_BRIGHT_BLUE = "#0072CE"
NHS_LIGHT_BLUE = "#41B6E6"
NHS_AQUA_BLUE = "#00A9CE"
NHS_BLACK = "#231F20"
NHS_DARK_GREY = "#425563"
NHS_MID_GREY = "#768692"
NHS_PALE_GREY = "#E8EDEE"
NHS_WHITE = "#FFFFFF"
NHS_DARK_GREEN = "#006747"
NHS_GREEN = "#009639"
NHS_LIGHT_GREEN = "#78BE20"
NHS_AQUA_GREEN = "#00A499"
NHS_PURPLE = "#330072"
NHS_DARK_PINK = "#7C2855"
NHS_PINK = "#AE2573"
NHS_DARK_RED = "#8A1538"
NHS_RED = "#DA291C"
NHS_ORANGE = "#ED8B00"
NHS_WARM_YELLOW = "#FFB81C"

# --- Group colours ---------------------------------------------------------------------
# Keys are the canonical group codes of the results table ("BME", never the display word),
# so the colour does not change when the user picks another word for the group.
WRES_COLOURS: dict[str, str] = {
    "White": NHS_BLUE,
    "BME": NHS_ORANGE,
    "Unknown": NHS_MID_GREY,
    "All": NHS_DARK_GREY,
}

# Broad groups: White and Unknown as above; the others far apart in hue and lightness.
BROAD_COLOURS: dict[str, str] = {
    "White": NHS_BLUE,
    "Mixed": NHS_PINK,
    "Asian": NHS_ORANGE,
    "Black": NHS_PURPLE,
    "Other": NHS_AQUA_GREEN,
    "Unknown": NHS_MID_GREY,
}

GROUP_COLOURS: dict[str, str] = {**BROAD_COLOURS, **WRES_COLOURS}

# Shades used for the individual categories inside one broad group (dark to light), so a
# category reads as "one of the Asian groups" at a glance.
_SHADES: dict[str, tuple[str, ...]] = {
    "White": ("#003087", "#005EB8", "#0072CE", "#41B6E6", "#7FCDEE"),
    "Mixed": ("#7C2855", "#AE2573", "#C9579A", "#E195C2"),
    "Asian": ("#9A5A00", "#C47200", "#ED8B00", "#F5AB4A", "#FACB8A"),
    "Black": ("#330072", "#5B2A96", "#8A64B8"),
    "Other": ("#00594F", "#00A499", "#5CC6BE"),
    "Unknown": (NHS_MID_GREY,),
}

# The category labels of wres_core.codes.ethnicity, by their broad-group prefix.
_PREFIX_TO_BROAD = (
    ("White", "White"),
    ("Mixed", "Mixed"),
    ("Asian", "Asian"),
    ("Black", "Black"),
    ("Other", "Other"),
    ("Chinese", "Other"),
    ("Arab", "Other"),
    ("Unknown", "Unknown"),
    ("Not stated", "Unknown"),
)

# Category labels in the order wres_core lists them; used only to pick a stable shade.
_CATEGORY_ORDER = (
    "White - British", "White - Irish", "White - Gypsy or Irish Traveller", "White - Roma",
    "White - Any other White background",
    "Mixed - White and Black Caribbean", "Mixed - White and Black African",
    "Mixed - White and Asian", "Mixed - Any other mixed background",
    "Asian or Asian British - Indian", "Asian or Asian British - Pakistani",
    "Asian or Asian British - Bangladeshi", "Asian or Asian British - Filipino",
    "Asian or Asian British - Any other Asian background",
    "Black or Black British - Caribbean", "Black or Black British - African",
    "Black or Black British - Any other Black background",
    "Other ethnic group - Chinese", "Other ethnic group - Arab",
    "Other ethnic group - Any other ethnic group",
)


def broad_of(group: str) -> str:
    """The broad group a group label belongs to ("Black or Black British - African" ->
    "Black"); "BME" and "All" map to themselves."""
    if group in GROUP_COLOURS:
        return group
    for prefix, broad in _PREFIX_TO_BROAD:
        if str(group).startswith(prefix):
            return broad
    return "Other"


def group_colour(group: str) -> str:
    """The constant colour of a group code (White, BME, Unknown, All, a broad group, or an
    individual ethnic category). Unrecognised labels get a neutral grey rather than failing."""
    if group in GROUP_COLOURS:
        return GROUP_COLOURS[group]
    broad = broad_of(group)
    shades = _SHADES.get(broad)
    if not shades:
        return NHS_DARK_GREY
    siblings = [c for c in _CATEGORY_ORDER if broad_of(c) == broad]
    index = siblings.index(group) if group in siblings else 0
    return shades[index % len(shades)]


def _luminance(colour: str) -> float:
    """Relative luminance of a ``#RRGGBB`` colour (WCAG 2.2's definition)."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#RRGGBB`` colours.

    >>> round(contrast("#FFFFFF", NHS_ORANGE), 2), round(contrast(NHS_BLACK, NHS_ORANGE), 2)
    (2.53, 6.44)
    """
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def text_on(colour: str) -> str:
    """The text colour, white or NHS black, that reads best on a bar of ``colour``: white
    on NHS orange is 2.5:1, under the 4.5:1 text needs (WCAG 1.4.3); black is 6.4:1.

    >>> text_on(NHS_ORANGE) == NHS_BLACK, text_on(NHS_DARK_GREY)
    (True, '#FFFFFF')
    """
    white = "#FFFFFF"
    return white if contrast(white, colour) >= contrast(NHS_BLACK, colour) else NHS_BLACK


def colour_map(groups) -> dict[str, str]:
    """``{group: colour}`` for plotly's ``color_discrete_map``."""
    return {g: group_colour(g) for g in groups}


# --- Status of a change or a band: colour AND an icon AND a word ------------------------
@dataclass(frozen=True)
class Status:
    word: str  # what the reader sees, e.g. "worse"
    icon: str  # a Streamlit material icon, shown beside the word
    symbol: str  # a plain-text symbol for places that cannot show icons (chart labels, CSV)
    colour: str  # text colour (NHS palette, AA contrast on white)
    streamlit_colour: str  # the name for st.badge / :color[...] markdown


STATUS: dict[str, Status] = {
    "worse": Status("worse", ":material/trending_down:", "▼", NHS_DARK_RED, "red"),
    "better": Status("better", ":material/trending_up:", "▲", NHS_DARK_GREEN, "green"),
    "no clear change": Status("no clear change", ":material/trending_flat:", "●",
                              NHS_DARK_GREY, "gray"),
    # A share has no better or worse: a change that is unlikely to be chance is only "up"
    # or "down", in a neutral colour.
    "up": Status("up", ":material/arrow_upward:", "↑", NHS_DARK_BLUE, "blue"),
    "down": Status("down", ":material/arrow_downward:", "↓", NHS_DARK_BLUE, "blue"),
    "inside": Status("inside the non-adverse range", ":material/check_circle:", "✓",
                     NHS_DARK_GREEN, "green"),
    "outside": Status("outside the non-adverse range", ":material/warning:", "!",
                      NHS_DARK_RED, "red"),
    # The interval crosses an edge of the range (wres_core.stats.non_adverse_verdict).
    "unclear": Status("not clearly inside or outside the non-adverse range",
                      ":material/help:", "?", NHS_DARK_GREY, "gray"),
    "caution": Status("small numbers: read with care", ":material/warning:", "⚠",
                      "#7A5300", "orange"),
    "withheld": Status("withheld", ":material/visibility_off:", "–", NHS_DARK_GREY, "gray"),
}

# The non-adverse band for relative likelihoods (NHS England, 2019; four-fifths rule), and
# whether a figure is in it, judged on its interval: the core's rule, which the command line
# uses too.
NON_ADVERSE_LOW, NON_ADVERSE_HIGH = NON_ADVERSE
non_adverse = display.non_adverse
NON_ADVERSE_FILL = "rgba(0, 103, 71, 0.10)"  # NHS dark green, faint: a band, not a signal

# --- Plotly -----------------------------------------------------------------------------
# A system font stack: nothing is fetched from the internet.
FONT_FAMILY = ('"Source Sans Pro", "Segoe UI", Arial, "Helvetica Neue", Helvetica, '
               'sans-serif')


def base_layout(**overrides) -> dict:
    """Layout settings every chart starts from (pass to ``fig.update_layout``)."""
    layout = {
        "font": {"family": FONT_FAMILY, "color": NHS_BLACK, "size": 13},
        "paper_bgcolor": NHS_WHITE,
        "plot_bgcolor": NHS_WHITE,
        "colorway": [NHS_BLUE, NHS_ORANGE, NHS_MID_GREY, NHS_PURPLE, NHS_PINK,
                     NHS_AQUA_GREEN, NHS_DARK_BLUE],
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
    }
    layout.update(overrides)
    return layout


# Plotly config for st.plotly_chart: no logo link, nothing that reaches the internet.
PLOTLY_CONFIG = {"displaylogo": False, "displayModeBar": False}

# --- Presentation mode ------------------------------------------------------------------
# Static CSS only (never built from user text). Hides the sidebar, its open/close control
# and the toolbar so that the screen shows only the figures, and gives them more room.
PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stToolbar"],
[data-testid="stSidebarNav"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 2rem; max-width: 100%; }
</style>
"""


# --- The app's own CSS (accessibility) ----------------------------------------------------
# Text shades with at least 4.5:1 contrast (WCAG 1.4.3) on white and on the sidebar's pale
# grey: NHS dark grey is 7.6:1 on white and 6.3:1 on #E8EDEE. Streamlit draws captions and
# hints in the text colour at 60% opacity, which is 4.1:1 on the sidebar.
TEXT_SECONDARY = NHS_DARK_GREY
# The focus ring (WCAG 2.4.7): NHS warm yellow inside a black ring, visible on white, on the
# pale grey and on NHS blue buttons alike.
FOCUS_RING = f"0 0 0 3px {NHS_WARM_YELLOW}, 0 0 0 6px {NHS_BLACK}"
FOCUS_RING_INSET = f"inset 0 0 0 2px {NHS_BLACK}, inset 0 0 0 5px {NHS_WARM_YELLOW}"

# Static CSS only (never built from user text); drawn on every page by dashboard.navigation.
APP_CSS = f"""
<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stWidgetLabel"] [data-testid="stMarkdownContainer"] p small,
[data-testid="stMetricDelta"], [data-testid="stMarkdownContainer"] small {{
  color: {TEXT_SECONDARY} !important; opacity: 1 !important; }}
.wres-sr-only, .stElementContainer:has(.wres-sr-only) {{
  position: absolute !important; width: 1px !important; height: 1px !important;
  margin: -1px !important; padding: 0 !important; overflow: hidden !important;
  clip: rect(0 0 0 0) !important; white-space: nowrap !important; border: 0 !important; }}
.st-key-wres-nav h2.wres-nav-section {{
  font-size: 0.8rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em;
  color: {TEXT_SECONDARY}; margin: 0.75rem 0 0.1rem 0.5rem; padding: 0; }}
a:focus-visible, button:focus-visible, summary:focus-visible,
[tabindex]:not(input):focus-visible {{
  outline: none !important; box-shadow: {FOCUS_RING} !important; }}
/* Where the control's box clips a ring drawn outside it (tabs, list and text boxes), or the
   focused input is hidden behind a drawn one (radio buttons, toggles), the ring is drawn
   inside the visible box instead. */
[role="tab"][tabindex]:focus-visible, div:has(> input[role="combobox"]:focus),
[data-testid="stTextInputRootElement"]:focus-within,
[data-testid="stTextAreaRootElement"]:focus-within,
[data-testid="stNumberInputContainer"]:focus-within {{
  outline: none !important; box-shadow: {FOCUS_RING_INSET} !important; }}
label:has(input[type="radio"]:focus-visible), label:has(input[type="checkbox"]:focus-visible) {{
  border-radius: 4px; box-shadow: {FOCUS_RING} !important; }}
/* A folded sidebar (at 200% zoom it starts folded) keeps its controls in the page, off
   screen: Tab walked through some twenty of them, the focus out of sight (WCAG 2.4.7,
   2.4.11). Hidden while folded, they leave the Tab order until the sidebar is opened. */
[data-testid="stSidebar"][data-collapsed="true"] [data-testid="stSidebarContent"] {{
  visibility: hidden; }}
/* 200% zoom (WCAG 1.4.4, 1.4.10): labels wrap instead of being cut short. */
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *, .st-key-wres-nav a * {{
  white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; }}
</style>
"""
