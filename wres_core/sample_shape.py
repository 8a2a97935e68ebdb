"""The shape of the bundled sample's invented trust: its organisations, directorates,
departments, staff groups, bands and grades, ethnic mix, and the rates the story is told
with (turnover, promotion, cases, training, survey response). ``wres_core.sample`` draws
the people and their files from these; kept apart so the generator reads as steps.
"""

from __future__ import annotations

import numpy as np

ORG_COLUMN = "Org"
TRUSTS = (
    ("Northfield Valley NHS Trust", "NVT"),
    ("Southmere Hospitals NHS Foundation Trust", "SMH"),
    ("Eastbrook Community NHS Trust", "ECT"),
    ("Westholme University Hospitals NHS Trust", "WUH"),
    ("Ashcombe and Fenley NHS Foundation Trust", "AFF"),
)

# --- Organisation structure ----------------------------------------------------------------

DIRECTORATES = (
    "120 Medicine Directorate L4",
    "130 Surgery Directorate L4",
    "140 Women and Children Directorate L4",
    "150 Clinical Support Services Directorate L4",
    "160 Corporate Services Directorate L4",
)

STAFF_GROUPS = (
    "Add Prof Scientific and Technic",
    "Additional Clinical Services",
    "Administrative and Clerical",
    "Allied Health Professionals",
    "Estates and Ancillary",
    "Healthcare Scientists",
    "Medical and Dental",
    "Nursing and Midwifery Registered",
    "Students",
)
APST, ACS, ADMIN, AHP, ESTATES, HCS, MEDICAL, NURSING, STUDENTS = range(len(STAFF_GROUPS))

# Staff-group mix of each kind of department, in STAFF_GROUPS order (relative weights).
PROFILES = {
    "ward": (1, 28, 10, 3, 2, 0, 15, 40, 1),
    "theatres": (0, 25, 6, 20, 4, 0, 3, 40, 2),
    "anaesthetics": (0, 8, 15, 5, 0, 2, 60, 10, 0),
    "maternity": (0, 22, 8, 0, 1, 0, 8, 60, 1),
    "radiology": (2, 15, 22, 45, 0, 3, 10, 3, 0),
    "pathology": (10, 15, 14, 0, 0, 52, 9, 0, 0),
    "pharmacy": (60, 18, 17, 0, 0, 0, 0, 5, 0),
    "therapies": (0, 22, 8, 70, 0, 0, 0, 0, 0),
    "outpatients": (0, 40, 38, 2, 0, 0, 0, 20, 0),
    "admin": (0, 0, 100, 0, 0, 0, 0, 0, 0),
    "estates": (0, 0, 18, 0, 82, 0, 0, 0, 0),
}

# ESR department (Org L5), directorate, profile, relative size, odds multiplier for a BME
# member of staff (so departments differ in diversity beyond their staff mix), and culture:
# +1 where staff report more harassment and discrimination and more cases are opened, -1 less.
DEPARTMENTS = (
    ("914 Cardiology L5", 0, "ward", 5, 1.2, 0),
    ("915 Respiratory Medicine L5", 0, "ward", 5, 1.0, 0),
    ("916 Emergency Department L5", 0, "ward", 7, 1.3, 1),
    ("917 Elderly Care L5", 0, "ward", 6, 1.7, 0),
    ("918 Gastroenterology L5", 0, "ward", 4, 1.1, 0),
    ("921 General Surgery L5", 1, "ward", 5, 1.1, 0),
    ("922 Trauma and Orthopaedics L5", 1, "ward", 5, 0.9, 0),
    ("923 Theatres L5", 1, "theatres", 6, 1.5, 1),
    ("924 Anaesthetics L5", 1, "anaesthetics", 3, 1.0, 0),
    ("925 Critical Care L5", 1, "ward", 4, 1.2, 0),
    ("931 Maternity L5", 2, "maternity", 6, 0.7, 1),
    ("932 Paediatrics L5", 2, "ward", 4, 0.9, 0),
    ("933 Neonatal Unit L5", 2, "ward", 3, 0.8, 0),
    ("934 Gynaecology L5", 2, "ward", 2, 0.9, 0),
    ("935 Community Midwifery L5", 2, "maternity", 2, 0.5, -1),
    ("941 Radiology L5", 3, "radiology", 4, 1.1, 0),
    ("942 Pathology L5", 3, "pathology", 4, 1.4, 0),
    ("943 Pharmacy L5", 3, "pharmacy", 3, 1.8, -1),
    ("944 Therapies L5", 3, "therapies", 4, 0.7, -1),
    ("945 Outpatients L5", 3, "outpatients", 3, 1.0, 0),
    ("951 Finance L5", 4, "admin", 2, 1.2, 0),
    ("952 Human Resources L5", 4, "admin", 2, 0.9, -1),
    ("953 Estates and Facilities L5", 4, "estates", 5, 1.3, 1),
    ("954 Information Technology L5", 4, "admin", 2, 1.5, 0),
    ("955 Executive Office L5", 4, "admin", 1, 0.5, 0),
)
DEPT_ESR = np.array([d[0] for d in DEPARTMENTS])
DEPT_DIR = np.array([d[1] for d in DEPARTMENTS])
DEPT_SIZE = np.array([d[3] for d in DEPARTMENTS], dtype=float) / sum(d[3] for d in DEPARTMENTS)
DEPT_BME_ODDS = np.array([d[4] for d in DEPARTMENTS])
DEPT_CULTURE = np.array([d[5] for d in DEPARTMENTS])
DEPT_MIX = np.array([PROFILES[d[2]] for d in DEPARTMENTS], dtype=float)
DEPT_MIX /= DEPT_MIX.sum(axis=1, keepdims=True)
# Estates and Facilities records ethnicity less well than the rest of the trust.
DEPT_UNKNOWN = np.where(DEPT_ESR == "953 Estates and Facilities L5", 2.5, 1.0)


def _plain(esr_name: str) -> str:
    """'914 Cardiology L5' -> 'Cardiology': the name as people type it outside ESR."""
    return esr_name.split(" ", 1)[1].rsplit(" ", 1)[0]


DEPT_PLAIN = np.array([_plain(d) for d in DEPT_ESR])
DIR_PLAIN = np.array([_plain(d) for d in DIRECTORATES])

# --- Pay bands and grades --------------------------------------------------------------------

BANDS = (
    "Band 2", "Band 3", "Band 4", "Band 5", "Band 6", "Band 7",
    "Band 8 - Range A", "Band 8 - Range B", "Band 8 - Range C", "Band 8 - Range D",
    "Band 9", "Very Senior Manager", "Medical",
)  # fmt: skip
B5, B6, B8A, MEDICAL_BAND = 3, 4, 6, 12
# Band mix of each staff group, over BANDS[:12] (doctors are all "Medical").
BAND_MIX = np.array([
    (0, 10, 15, 15, 20, 20, 12, 5, 2, 1, 0, 0),
    (40, 45, 15, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    (15, 30, 22, 10, 7, 6, 4, 2.5, 1.5, 0.8, 0.5, 0.7),
    (0, 0, 0, 25, 40, 25, 8, 2, 0, 0, 0, 0),
    (55, 25, 10, 5, 3, 1.5, 0.5, 0, 0, 0, 0, 0),
    (0, 0, 0, 15, 35, 30, 12, 5, 2, 1, 0, 0),
    (1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),  # placeholder: doctors take a grade instead
    (0, 0, 0, 45, 32, 16, 5, 1.5, 0.5, 0, 0, 0),
    (0, 50, 50, 0, 0, 0, 0, 0, 0, 0, 0, 0),
], dtype=float)  # fmt: skip
BAND_MIX /= BAND_MIX.sum(axis=1, keepdims=True)

GRADES = (
    "Consultant", "Specialty Doctor", "Associate Specialist", "Specialty Registrar",
    "Core Training", "Foundation Year 1", "Foundation Year 2",
)  # fmt: skip
CONSULTANT = 0
TRAINEE = np.array([False, False, False, True, True, True, True])
GRADE_MIX = np.array([40, 12, 3, 25, 10, 5, 5], dtype=float) / 100

# The BME share a band would have in a department of average diversity, before the staff
# group's and department's odds multipliers: high in Bands 5 and 6, thin from Band 8a.
BAND_BME = np.array([0.22, 0.20, 0.17, 0.36, 0.30, 0.16, 0.09, 0.06, 0.04, 0.03, 0.02, 0.03])
GRADE_BME = np.array([0.30, 0.65, 0.60, 0.55, 0.50, 0.40, 0.42])
SG_BME_ODDS = np.array([1.2, 1.0, 0.5, 0.75, 0.9, 1.1, 0.9, 1.35, 1.0])

# Occupation by staff group and band (2-4, 5-6, 7, 8a and above): codes in ESR's style,
# invented for the sample rather than taken from the national occupation code list.
OCCUPATIONS = (
    ("S1A Pharmacy Assistant", "S2A Pharmacist", "S2B Senior Pharmacist", "S2C Chief Pharmacist"),
    ("H2A Healthcare Assistant", "H2B Assistant Practitioner", "", ""),
    ("G2A Clerical Officer", "G1B Administrator", "G1C Manager", "G0A Senior Manager"),
    ("S7A Therapy Assistant", "S7B Therapist", "S7C Senior Therapist", "S7D Therapy Manager"),
    ("H1A Porter/Domestic", "H1B Estates Officer", "H1C Estates Manager", "H1D Head of Estates"),
    ("S5A Associate Practitioner", "S5B Biomedical Scientist", "S5C Senior Scientist",
     "S5D Consultant Scientist"),
    ("", "", "", ""),
    ("", "N2C Staff Nurse", "N1C Sister/Charge Nurse", "N0C Matron/Nurse Manager"),
    ("U1A Apprentice", "", "", ""),
)  # fmt: skip
GRADE_OCCUPATIONS = (
    "010 Consultant", "020 Specialty Doctor", "021 Associate Specialist",
    "040 Specialty Registrar", "045 Core Training", "060 Foundation Year 1",
    "050 Foundation Year 2",
)  # fmt: skip
FEMALE = np.array([0.70, 0.80, 0.78, 0.80, 0.45, 0.60, 0.48, 0.89, 0.85])
WTE = ("1.00", "0.80", "0.60", "0.53", "0.40", "0.93", "0.75")
WTE_MIX = (0.70, 0.10, 0.07, 0.04, 0.04, 0.03, 0.02)

# --- Ethnicity ---------------------------------------------------------------------------------

# Each spelling of the workforce file, with how the same person is written in a recruitment
# system and how they would answer the staff survey. ESR two-character sub-codes (CA, CP, LE,
# PC, SC ...) group by their first letter, so "CA English" is "any other White background".
W, B, U = 0, 1, 2
ETHNICITIES = (
    # ESR (workforce), recruitment, staff survey, WRES group
    ("A White - British", "White - British",
     "White - English, Welsh, Scottish, Northern Irish or British", W),
    ("B White - Irish", "White - Irish", "White - Irish", W),
    ("C White - Any other White background", "White - Any other White background",
     "White - Any other White background", W),
    ("CA English", "White - Any other White background",
     "White - English, Welsh, Scottish, Northern Irish or British", W),
    ("CP Polish", "White - Any other White background", "White - Any other White background", W),
    ("CY Other white European", "White - Any other White background",
     "White - Any other White background", W),
    ("D Mixed - White & Black Caribbean", "Mixed - White & Black Caribbean",
     "Mixed / Multiple ethnic groups - White and Black Caribbean", B),
    ("E Mixed - White & Black African", "Mixed - White & Black African",
     "Mixed / Multiple ethnic groups - White and Black African", B),
    ("F Mixed - White & Asian", "Mixed - White & Asian",
     "Mixed / Multiple ethnic groups - White and Asian", B),
    ("G Mixed - Any other mixed background", "Mixed - Any other mixed background",
     "Mixed / Multiple ethnic groups - Any other Mixed / Multiple ethnic background", B),
    ("H Asian or Asian British - Indian", "Asian or Asian British - Indian",
     "Asian / Asian British - Indian", B),
    ("J Asian or Asian British - Pakistani", "Asian or Asian British - Pakistani",
     "Asian / Asian British - Pakistani", B),
    ("K Asian or Asian British - Bangladeshi", "Asian or Asian British - Bangladeshi",
     "Asian / Asian British - Bangladeshi", B),
    ("L Asian or Asian British - Any other Asian background",
     "Asian or Asian British - Any other Asian background",
     "Asian / Asian British - Any other Asian background", B),
    ("LE Sri Lanka", "Asian or Asian British - Any other Asian background",
     "Asian / Asian British - Any other Asian background", B),
    ("M Black or Black British - Caribbean", "Black or Black British - Caribbean",
     "Black / Black British - Caribbean", B),
    ("N Black or Black British - African", "Black or Black British - African",
     "Black / Black British - African", B),
    ("P Black or Black British - Any other Black background",
     "Black or Black British - Any other Black background",
     "Black / Black British - Any other Black background", B),
    ("PC Nigerian", "Black or Black British - African", "Black / Black British - African", B),
    ("R Chinese", "Chinese", "Asian / Asian British - Chinese", B),
    ("S Any Other Ethnic Group", "Any other ethnic group",
     "Other ethnic group - Any other ethnic group", B),
    ("SC Filipino", "Any other ethnic group",
     "Asian / Asian British - Any other Asian background", B),
    ("Z Not Stated", "Prefer not to say", "Prefer not to say", U),
    ("Unspecified", "Prefer not to say", "Prefer not to say", U),
    ("", "Prefer not to say", "Prefer not to say", U),
)  # fmt: skip
ETH_ESR = np.array([e[0] for e in ETHNICITIES])
ETH_RECRUIT = np.array([e[1] for e in ETHNICITIES])
ETH_SURVEY = np.array([e[2] for e in ETHNICITIES])
ETH_GROUP = np.array([e[3] for e in ETHNICITIES])
# The 2025 survey added Filipino as an answer of its own.
FILIPINO_2025 = "Asian / Asian British - Filipino"


def _mix(weights: dict[str, float]) -> np.ndarray:
    """A probability vector over ETHNICITIES from weights keyed by ESR code (first word)."""
    codes = [e[0].split(" ")[0] for e in ETHNICITIES]
    p = np.array([weights.get(c, 0.0) for c in codes])
    return p / p.sum()


WHITE_MIX = _mix({"A": 80, "B": 3, "C": 14, "CA": 0.5, "CP": 2, "CY": 0.5})
UNKNOWN_MIX = _mix({"Z": 60, "Unspecified": 25, "": 15})
BME_MIX = {  # which BME categories, by staff group: nurses, doctors, everyone else
    "nursing": _mix({"H": 22, "N": 22, "L": 10, "S": 8, "SC": 5, "M": 5, "J": 4, "K": 2, "R": 2,
                     "D": 3, "E": 2, "F": 2, "G": 2, "P": 4, "PC": 2, "LE": 1}),
    "medical": _mix({"H": 32, "J": 18, "K": 4, "L": 8, "LE": 2, "N": 12, "PC": 2, "M": 2, "R": 4,
                     "S": 8, "D": 2, "F": 3, "G": 2, "P": 1}),
    "general": _mix({"H": 18, "J": 12, "K": 5, "L": 6, "N": 18, "M": 10, "P": 4, "R": 3, "S": 6,
                     "D": 6, "E": 3, "F": 4, "G": 4, "PC": 1}),
}  # fmt: skip

# --- The story ---------------------------------------------------------------------------------

JOINER_BME_SHIFT = 0.4  # log-odds: joiners are more diverse than the staff they replace
UNKNOWN_RATE = 0.022
# Leavers a year, by staff group.
TURNOVER = np.array([0.08, 0.11, 0.09, 0.08, 0.12, 0.07, 0.06, 0.08, 0.35])
# Doctors by grade: foundation doctors all rotate on within the year, other trainees often.
DOCTOR_TURNOVER = np.array([0.05, 0.07, 0.05, 0.30, 0.30, 1.0, 1.0])
PROMOTION = {W: 0.045, B: 0.030, U: 0.035}  # a band up a year, non-medical
GROWTH = 0.01  # headcount a year
# Indicator 2 (White over BME, appointed from shortlisting) and 3 (BME over White, entering
# the disciplinary process), first year -> last year, interpolated between.
IND2 = (1.6, 1.25)
IND3 = (1.3, 1.9)
IND4 = 1.03
DISCIPLINARY_RATE = 0.0125  # cases a year per member of staff (all case types)
CAPABILITY_SHARE = 0.2  # of those, capability cases (not counted by indicator 3)
UNMATCHED_CASES = 3  # cases whose employee number is in no workforce snapshot
# Chance of taking a CPD course in a year, by staff group.
TRAINING = np.array([0.35, 0.22, 0.22, 0.45, 0.08, 0.38, 0.25, 0.40, 0.50])
COURSES = (
    "Leadership Essentials", "Mary Seacole Programme", "Coaching Skills for Managers",
    "Quality Improvement Foundations", "Clinical Supervision", "Mentorship in Practice",
    "Advanced Communication Skills", "Non-Medical Prescribing", "Project Management Basics",
    "Research Methods in Healthcare", "Excel Intermediate", "Compassionate Leadership",
    "Advanced Clinical Practice Module", "Reciprocal Mentoring",
)  # fmt: skip
# Staff survey response rate, by staff group (about 47% overall).
RESPONSE = np.array([0.55, 0.40, 0.58, 0.60, 0.33, 0.55, 0.38, 0.46, 0.40])
