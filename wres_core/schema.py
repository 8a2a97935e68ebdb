"""Names shared by the loader, the indicators and everything that reads the results table.

The loader turns every file into one tidy frame per kind with the columns below; the
indicator functions read only these columns. See docs/design.md for the full contract.
"""

from __future__ import annotations

KINDS = (
    "workforce",
    "recruitment",
    "disciplinary",
    "training",
    "survey",
    "survey_summary",
    "board",
)
MAPPING_KIND = "mapping"

WRES_GROUPS = ("White", "BME", "Unknown")
BROAD_GROUPS = ("White", "Mixed", "Asian", "Black", "Other", "Unknown")
GROUP_LEVELS = ("wres", "broad", "category")
# The frame column that holds each group level.
GROUP_COLUMN = {"wres": "wres_group", "broad": "broad_group", "category": "ethnic_category"}
ETHNICITY_COLUMNS = ("ethnic_category", "broad_group", "wres_group")

CLINICAL_LEVELS = ("Non-clinical", "Clinical")

# Columns every tidy frame carries, whatever its kind.
COMMON_COLUMNS = ("year", "org", "count")

# Dimensions a drill-down may use, where the frame carries them.
DIMENSIONS = (
    "pay_band",
    "clinical",
    "staff_group",
    "department",
    "directorate",
    "site",
    "occupation",
    "org",
)

SURVEY_ITEMS = (
    "harassment_public",
    "harassment_manager",
    "harassment_colleague",
    "equal_opportunities",
    "discrimination_staff",
)

RESULT_COLUMNS = (
    "year",
    "indicator",
    "measure",
    "group",
    "dimension",
    "level",
    "numerator",
    "denominator",
    "value",
    "ci_low",
    "ci_high",
    "note",
    "caution",
    "suppressed",
)

# The key that names one figure in the results table.
RESULT_KEY = ("year", "indicator", "measure", "group", "dimension", "level")
