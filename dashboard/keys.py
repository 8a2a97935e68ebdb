"""Session-state keys and their defaults: the one table both the settings
(``dashboard.state``) and the data sources (``dashboard.sources``) read. It imports neither,
so that those two need not import each other (``state`` builds the view from ``sources``;
``sources`` only needs the keys).
"""

from __future__ import annotations

import copy

import streamlit as st

# --- Keys -------------------------------------------------------------------------------
# Widget keys are the state keys, so a widget and the code that reads it cannot disagree.
SOURCE = "wres_source"  # "sample" (the bundled sample or the --data path) or "upload"
UPLOADS = "wres_uploads"  # tuple of (file name, bytes): this session's uploaded files
UPLOAD_ENGINE = "wres_upload_engine"  # (digest, Engine) built from UPLOADS, this session only
UPLOADER_GEN = "wres_uploader_gen"  # bumped to empty the file uploader ("use the sample")
DATA_PATH = "wres_data_path"  # a path that replaces the sample (tests set it; --data sets it)
ORG = "wres_org"
# The organisation's name as typed in the sidebar, for titles and exports ("": the default).
ORG_NAME = "wres_org_name"
YEAR = "wres_year"  # None means "the latest year loaded"
N_YEARS = "wres_n_years"
CLINICAL = "wres_f_clinical"
STAFF_GROUP = "wres_f_staff_group"
DIRECTORATE = "wres_f_directorate"
DEPARTMENT = "wres_f_department"
PAY_BAND = "wres_f_pay_band"
GROUPS = "wres_groups"
BME_WORD = "wres_bme_word"
SAFE = "wres_safe"
THRESHOLD = "wres_threshold"
CAUTION = "wres_caution"
INTERVALS = "wres_intervals"
NATIONAL = "wres_national"  # national reference lines on indicators 2 to 9
PRESENTATION = "wres_presentation"
DRILL = "wres_drill"  # (column, value) or None
URL_READ = "wres_url_read"  # True once this session has taken its settings from the URL
# The pages' own controls as last drawn (widget key -> value; the keys are named in
# dashboard.views.controls): the exports draw each page as the user left it.
ON_SCREEN = "wres_on_screen"

ALL_ORGS = "All organisations combined"

# One defaults table. Lists are copied on use, so no session shares a mutable default.
DEFAULTS: dict[str, object] = {
    SOURCE: "sample",
    UPLOADS: (),
    UPLOAD_ENGINE: None,
    UPLOADER_GEN: 0,
    DATA_PATH: None,
    ORG: ALL_ORGS,
    ORG_NAME: "",
    YEAR: None,
    N_YEARS: 3,
    CLINICAL: [],
    STAFF_GROUP: [],
    DIRECTORATE: [],
    DEPARTMENT: [],
    PAY_BAND: [],
    GROUPS: "wres",
    BME_WORD: "BME",
    SAFE: True,
    THRESHOLD: 10,
    CAUTION: 30,
    INTERVALS: True,
    NATIONAL: True,
    PRESENTATION: False,
    DRILL: None,
    URL_READ: False,
    ON_SCREEN: {},
}


def init() -> None:
    """Give every key its default (the first time this session sees it). Safe to call
    anywhere, any number of times."""
    ss = st.session_state
    for key, value in DEFAULTS.items():
        if key not in ss:
            ss[key] = copy.copy(value)
