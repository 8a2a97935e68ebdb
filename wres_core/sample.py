"""The bundled sample: a fictional trust's files, in the shapes a trust really uploads.

``python -m wres_core.sample data/sample`` writes them; ``generate()`` returns them as frames
of text. Everything comes from one fixed seed, so the committed files can be checked byte for
byte against the generator.

Northfield Valley NHS Trust is invented. About 6,000 staff sit in 25 departments across five
directorates; the same people (same ``Employee Number``) appear in each 31 March snapshot,
with leavers, joiners (about 10% a year) and promotions between snapshots. The files:

- ``workforce_<year>.csv``: an ESR-style extract, one primary assignment per person.
- ``recruitment.csv``: one row per application (shortlisted or not), by financial year.
- ``disciplinary.csv``: cases by date opened; ethnicity comes from the workforce record, and
  three employee numbers deliberately match no one (the loader should report them).
- ``training.csv``: CPD courses taken, several rows for some people.
- ``staff_survey_<survey year>.csv``: anonymous respondent-level answers, surveys run in the
  autumn before each snapshot.
- ``board.csv``: board members by year, roles but no names.

The data are made to tell a story the dashboard can show, and to be plausible underneath it:
BME staff concentrated in Bands 5 and 6 and thin at Band 8a and above; the overall BME share
rising as joiners are more diverse than leavers; indicator 2 narrowing (about 1.6 to 1.25);
indicator 3 widening (about 1.3 to 1.9); indicator 4 near 1; BME staff reporting more
harassment from colleagues, more discrimination and less faith in equal opportunities, worst in
a few departments. The three ratios are held to the story rather than left to chance: for
indicators 3 and 4 the number of cases (or of people trained) in each group is set, and who
they are is drawn at random; for indicator 2 each vacancy still draws its appointees from its
own shortlist, with the White candidates' weight found (by bisection) that gives the ratio.

With ``orgs > 1`` (for the benchmarks) staff are split across several invented trusts and
every file gains an ``Org`` column. (``Organisation`` would be the natural header, but in ESR
and in the data contract it is an alias for the *department*.)
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from wres_core.sample_shape import (  # the trust's shape; tests read some as sample.X
    ACS,
    ADMIN,
    APST,
    B5,
    B6,
    B8A,
    BAND_BME,
    BAND_MIX,
    BANDS,
    BME_MIX,
    CAPABILITY_SHARE,
    CONSULTANT,
    COURSES,
    DEPARTMENTS,
    DEPT_BME_ODDS,
    DEPT_CULTURE,
    DEPT_DIR,
    DEPT_ESR,
    DEPT_MIX,
    DEPT_PLAIN,
    DEPT_SIZE,
    DEPT_UNKNOWN,
    DIR_PLAIN,
    DIRECTORATES,
    DISCIPLINARY_RATE,
    DOCTOR_TURNOVER,
    ESTATES,
    ETH_ESR,
    ETH_GROUP,
    ETH_RECRUIT,
    ETH_SURVEY,
    ETHNICITIES,
    FEMALE,
    FILIPINO_2025,
    GRADE_BME,
    GRADE_MIX,
    GRADE_OCCUPATIONS,
    GRADES,
    GROWTH,
    HCS,
    IND2,
    IND3,
    IND4,
    JOINER_BME_SHIFT,
    MEDICAL,
    MEDICAL_BAND,
    NURSING,
    OCCUPATIONS,
    ORG_COLUMN,
    PROMOTION,
    RESPONSE,
    SG_BME_ODDS,
    STAFF_GROUPS,
    STUDENTS,
    TRAINEE,
    TRAINING,
    TRUSTS,
    TURNOVER,
    UNKNOWN_MIX,
    UNKNOWN_RATE,
    UNMATCHED_CASES,
    WHITE_MIX,
    WTE,
    WTE_MIX,
    B,
    U,
    W,
)


def _expit(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _logit(p: np.ndarray) -> np.ndarray:
    return np.log(p / (1.0 - p))


def _pick(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One draw per row of ``probs`` (each row a probability vector): the column index."""
    u = rng.random(len(probs))[:, None]
    return np.minimum((u > np.cumsum(probs, axis=1)).sum(axis=1), probs.shape[1] - 1)


def _story(pair: tuple[float, float], i: int, n: int) -> float:
    """The story's figure for year ``i`` of ``n``: from pair[0] in the first to pair[1]."""
    return pair[0] + (pair[1] - pair[0]) * (i / (n - 1) if n > 1 else 0.0)


def _fy(year: int, sep: str) -> str:
    """The financial year ending 31 March ``year``: _fy(2024, "/") == "2023/24"."""
    return f"{year - 1}{sep}{year % 100:02d}"


# --- Staff -----------------------------------------------------------------------------------


def _posts(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """``n`` posts: department, staff group, band and (for doctors) grade, as integer codes."""
    dept = rng.choice(len(DEPARTMENTS), size=n, p=DEPT_SIZE)
    sg = _pick(rng, DEPT_MIX[dept])
    doctor = sg == MEDICAL
    band = np.where(doctor, MEDICAL_BAND, _pick(rng, BAND_MIX[sg]))
    grade = np.where(doctor, rng.choice(len(GRADES), size=n, p=GRADE_MIX), -1)
    return pd.DataFrame({"dept": dept, "sg": sg, "band": band, "grade": grade})


def _people(
    rng: np.random.Generator, posts: pd.DataFrame, *, bme_shift: float, dept_odds: np.ndarray
) -> pd.DataFrame:
    """New members of staff in ``posts``: ethnicity (ESR spelling index), gender, WTE..."""
    n = len(posts)
    dept, sg, band, grade = (posts[c].to_numpy() for c in ("dept", "sg", "band", "grade"))
    doctor = sg == MEDICAL
    share = np.where(doctor, GRADE_BME[np.maximum(grade, 0)], BAND_BME[np.minimum(band, 11)])
    odds = _logit(share) + np.log(SG_BME_ODDS[sg] * dept_odds[dept]) + bme_shift
    group = np.where(rng.random(n) < _expit(odds), B, W)
    group[rng.random(n) < UNKNOWN_RATE * DEPT_UNKNOWN[dept]] = U
    # The category within the group: doctors and nurses come from different places.
    bme_kind = np.where(doctor, 1, np.where(sg == NURSING, 0, 2))
    bme_mixes = np.stack([BME_MIX["nursing"], BME_MIX["medical"], BME_MIX["general"]])
    mixes = np.where((group == W)[:, None], WHITE_MIX, bme_mixes[bme_kind])
    mixes[group == U] = UNKNOWN_MIX
    return posts.assign(
        eth=_pick(rng, mixes),
        female=rng.random(n) < FEMALE[sg],
        wte=rng.choice(len(WTE), size=n, p=WTE_MIX),
        fixed_term=rng.random(n) < 0.06,
        smm=rng.random(n) < 0.08,  # applies only while a consultant
    )


def _simulate(
    rng: np.random.Generator, n: int, years: tuple[int, ...], first_id: int, dept_odds: np.ndarray
) -> tuple[list[pd.DataFrame], int]:
    """The staff in post at each 31 March (integer codes, one row per person), and the next
    unused employee number. Between snapshots some leave and are replaced in the same post
    (so the trust's shape holds), some are promoted, and the trust grows a little."""
    next_id = first_id

    def hire(posts: pd.DataFrame, bme_shift: float) -> pd.DataFrame:
        nonlocal next_id
        people = _people(
            rng, posts.reset_index(drop=True), bme_shift=bme_shift, dept_odds=dept_odds
        )
        # ESR numbers are issued in sequence, so joiners have the highest.
        ids = next_id + np.cumsum(rng.integers(1, 40, size=len(people)))
        next_id = int(ids[-1]) + 1 if len(ids) else next_id
        return people.assign(id=ids)

    staff = hire(_posts(rng, n), 0.0)
    snapshots = [staff]
    for i in range(1, len(years)):
        grade = staff["grade"].to_numpy()
        leave = np.where(
            grade >= 0, DOCTOR_TURNOVER[np.maximum(grade, 0)], TURNOVER[staff["sg"].to_numpy()]
        )
        left = rng.random(len(staff)) < leave
        vacated = staff.loc[left, ["dept", "sg", "band", "grade"]]
        staff = staff[~left].copy()
        staff["band"] = _promote(rng, staff)
        growth = _posts(rng, round(n * (1 + GROWTH) ** i) - len(staff) - len(vacated))
        joiners = hire(pd.concat([vacated, growth]), JOINER_BME_SHIFT)
        staff = pd.concat([staff, joiners], ignore_index=True)
        snapshots.append(staff)
    return snapshots, next_id


def _promote(rng: np.random.Generator, staff: pd.DataFrame) -> np.ndarray:
    """A year's promotions: a band up for some, a little less often for BME staff."""
    band, sg = staff["band"].to_numpy().copy(), staff["sg"].to_numpy()
    group = ETH_GROUP[staff["eth"].to_numpy()]
    p = np.select([group == W, group == B], [PROMOTION[W], PROMOTION[B]], PROMOTION[U])
    # Only within the bands the staff group has (a healthcare assistant does not become Band 7).
    can = (band <= 8) & (BAND_MIX[sg, np.minimum(band + 1, 11)] > 0) & (sg != STUDENTS)
    up = can & (rng.random(len(band)) < p)
    band[up] += 1
    return band


def _tier(band: np.ndarray) -> np.ndarray:
    """Bands 2-4, 5-6, 7, 8a and above -> 0..3 (for occupation codes)."""
    return np.digitize(band, [B5, B6 + 1, B8A])


# --- Hourly pay (the pay gap) ------------------------------------------------------------
# Drawn from a random stream of its own (seeded by the trust and the year), so that adding
# pay changed no other figure of the sample.
PAY_STREAM = 18
# Hourly rates at the 2024 snapshot: Agenda for Change pay points (annual / 1,950 hours),
# doctors' grades (annual / 2,086 hours); every later snapshot 4% a year higher.
BAND_POINTS = (
    (12.11,), (12.34, 13.17), (13.61, 14.93), (15.37, 16.58, 18.71), (19.15, 20.21, 23.06),
    (23.67, 24.89, 27.08), (27.57, 31.03), (31.91, 37.07), (38.10, 43.90), (45.21, 52.14),
    (54.04, 62.19), (60.00, 66.00, 72.00, 80.00, 88.00),
)  # fmt: skip
GRADE_POINTS = (
    (50.58, 53.08, 55.58, 58.09, 60.60, 67.06), (25.18, 28.30, 32.38, 35.70, 39.50),
    (41.23, 47.00, 52.00, 56.09), (23.93, 28.00, 31.00, 33.76), (21.06, 23.93), (15.53,),
    (17.88,),
)  # fmt: skip
# How far BME staff sit lower among their band's pay points than White staff (log-odds per
# point): the within-band gap differs by band, widest in Bands 7 to 8b.
BAND_PAY_TILT = np.array([0.1, 0.1, 0.2, 0.35, 0.45, 0.6, 0.7, 0.6, 0.4, 0.3, 0.2, 0.3])
GRADE_PAY_TILT = np.array([0.4, 0.3, 0.3, 0.2, 0.1, 0.0, 0.0])
PAY_UPLIFT = 1.04
NO_PAY_RATE = 0.004  # a blank rate (zero-hours and bank contracts)


def _points(table: tuple[tuple[float, ...], ...]) -> np.ndarray:
    out = np.full((len(table), max(len(t) for t in table)), np.nan)
    for i, t in enumerate(table):
        out[i, :len(t)] = t
    return out


def _hourly_pay(rng: np.random.Generator, s: pd.DataFrame, year_index: int) -> np.ndarray:
    """Each person's hourly rate as text ("" for a blank rate): see ``hourly_pay_values``."""
    pay = hourly_pay_values(rng, s, year_index)
    return np.where(np.isnan(pay), "", np.char.mod("%.2f", np.nan_to_num(pay)))


def hourly_pay_values(rng: np.random.Generator, s: pd.DataFrame, year_index: int
                      ) -> np.ndarray:
    """Each person's hourly rate (NaN for a blank rate): a pay point of their band or grade,
    higher points more common, BME staff a little lower within the band. ``s`` holds the
    integer codes ``band``, ``grade`` and ``eth``."""
    band, grade = s["band"].to_numpy(), s["grade"].to_numpy()
    doctor = grade >= 0
    by_grade = _points(GRADE_POINTS)[np.clip(grade, 0, len(GRADE_POINTS) - 1)]
    by_band = _points(BAND_POINTS)[np.minimum(band, len(BAND_POINTS) - 1)]
    by_band = np.pad(by_band, ((0, 0), (0, by_grade.shape[1] - by_band.shape[1])),
                     constant_values=np.nan)
    points = np.where(doctor[:, None], by_grade, by_band)
    bme = ETH_GROUP[s["eth"].to_numpy()] == B
    tilt = np.where(doctor, GRADE_PAY_TILT[np.maximum(grade, 0)],
                    BAND_PAY_TILT[np.minimum(band, 11)])
    step = np.arange(points.shape[1])
    logits = 0.4 * step[None, :] - np.where(bme, tilt, 0.0)[:, None] * step[None, :]
    logits = np.where(np.isnan(points), -np.inf, logits)
    pick = np.argmax(logits + rng.gumbel(size=points.shape), axis=1)
    pay = np.round(points[np.arange(len(s)), pick] * PAY_UPLIFT ** year_index, 2)
    return np.where(rng.random(len(s)) < NO_PAY_RATE, np.nan, pay)


def _workforce_file(s: pd.DataFrame, pay: np.ndarray | None = None) -> pd.DataFrame:
    """A snapshot of integer codes spelled as an ESR extract (with ``pay``, the hourly rate
    of each row of ``s``, as the last column)."""
    band, grade, sg, dept = (s[c].to_numpy() for c in ("band", "grade", "sg", "dept"))
    doctor = grade >= 0
    g = np.maximum(grade, 0)
    occupation = np.array(OCCUPATIONS)[sg, _tier(band)]
    trainee = doctor & TRAINEE[g]
    consultant = doctor & (grade == CONSULTANT)
    return pd.DataFrame({
        "Employee Number": s["id"].astype(str).to_numpy(),
        "Ethnic Origin": ETH_ESR[s["eth"].to_numpy()],
        "Pay Band": np.array(BANDS)[band],
        "Grade": np.where(doctor, np.array(GRADES)[g], ""),
        "Senior Medical Manager": np.where(consultant & s["smm"].to_numpy(), "Y", "N"),
        "Staff Group": np.array(STAFF_GROUPS)[sg],
        "Org L4": np.array(DIRECTORATES)[DEPT_DIR[dept]],
        "Org L5": DEPT_ESR[dept],
        "Occupation Code": np.where(doctor, np.array(GRADE_OCCUPATIONS)[g], occupation),
        "Assignment Category": np.where(trainee | s["fixed_term"].to_numpy(),
                                        "Fixed Term Temp", "Permanent"),
        "Contracted WTE": np.array(WTE)[s["wte"].to_numpy()],
        "Gender": np.where(s["female"].to_numpy(), "Female", "Male"),
        "Primary Assignment": "Y",
        **({"Hourly Rate": pay} if pay is not None else {}),
    }).sort_values("Employee Number", ignore_index=True)  # fmt: skip


# --- Recruitment --------------------------------------------------------------------------


def _recruitment(
    rng: np.random.Generator, n: int, year: int, ind2: float, org_code: str
) -> pd.DataFrame:
    """A financial year's applications, about one vacancy for every ten staff. Vacancies come
    from the departments' staff mix; BME applicants are more numerous but less often
    shortlisted; each vacancy appoints from its own shortlist, White candidates weighted so
    that, over the year, they are ``ind2`` times as likely to be appointed as BME ones."""
    nv = rng.poisson(0.1 * n)
    dept = rng.choice(len(DEPARTMENTS), size=nv, p=DEPT_SIZE)
    sg = _pick(rng, DEPT_MIX[dept])
    doctor = sg == MEDICAL
    band = np.where(doctor, MEDICAL_BAND, _pick(rng, BAND_MIX[sg]))
    # Trusts advertise consultant and specialty doctor posts; trainees are recruited nationally.
    band_label = np.where(
        doctor,
        np.where(rng.random(nv) < 0.55, "Consultant", "Specialty Doctor"),
        np.array(BANDS)[band],
    )
    posts = rng.choice([1, 2, 3], size=nv, p=[0.82, 0.13, 0.05])
    mean_apps = np.select([doctor, band <= 1, band <= 4, band <= 5], [5, 17, 12, 8], 6)
    apps = 1 + rng.poisson(mean_apps - 1)

    v = np.repeat(np.arange(nv), apps)
    m = len(v)
    internal = rng.random(m) < np.select([band[v] <= 2, band[v] <= 5], [0.12, 0.28], 0.45)
    bme_p = np.select(
        [internal, doctor[v], (sg[v] == NURSING) & (band[v] <= B6), band[v] >= B8A],
        [0.28, 0.65, 0.68, 0.25],
        0.42,
    )
    group = np.where(rng.random(m) < bme_p, B, W)
    group[rng.random(m) < 0.025] = U
    mixes = np.where((group == W)[:, None], WHITE_MIX, BME_MIX["general"])
    mixes[group == U] = UNKNOWN_MIX
    eth = _pick(rng, mixes)

    score = -1.0 + 0.9 * internal + np.select([group == B, group == U], [-0.4, -0.1], 0.0)
    shortlisted = rng.random(m) < _expit(score)

    # Each vacancy appoints its posts from its shortlist by a weighted draw without
    # replacement (Efraimidis-Spirakis: the smallest draw/weight wins), internal candidates
    # favoured and White candidates weighted by w.
    draws = rng.exponential(size=m) / np.where(internal, 1.4, 1.0)
    first = np.repeat(np.cumsum(apps) - apps, apps)

    def appoint(w: float) -> np.ndarray:
        key = np.where(
            shortlisted, draws / np.select([group == W, group == U], [w, 1.1], 1.0), np.inf
        )
        rank = np.empty(m, dtype=int)
        rank[np.lexsort((key, v))] = np.arange(m) - first
        return shortlisted & (rank < posts[v])

    def ratio(appointed: np.ndarray) -> float:
        rate = [appointed[shortlisted & (group == g)].mean() for g in (W, B)]
        return rate[0] / rate[1] if rate[1] > 0 else np.inf

    # Small shortlists appoint everyone whatever the weights, which dilutes w, so find by
    # bisection the w at which the realised ratio is the story's. The draws stay fixed and a
    # larger w only moves posts to White candidates, so the ratio rises with w.
    lo, hi = 0.0, np.log(10.0)
    if (shortlisted & (group == W)).any() and (shortlisted & (group == B)).any():
        for _ in range(30):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if ratio(appoint(np.exp(mid))) < ind2 else (lo, mid)
    appointed = appoint(np.exp(hi))

    yes_no = np.array(["No", "Yes"])
    return pd.DataFrame({
        "Year": _fy(year, "/"),
        "Ethnicity": ETH_RECRUIT[eth],
        "Shortlisted": yes_no[shortlisted.astype(int)],
        "Appointed": yes_no[appointed.astype(int)],
        # (numpy's zfill fails on an empty array: a tiny organisation may advertise nothing)
        "Vacancy ID": np.char.add(f"{org_code}-{_fy(year, '')[2:]}-",
                                  np.char.zfill((v + 1).astype(str), 4)) if len(v) else [],
        "Department": DEPT_PLAIN[dept[v]],
        "Pay Band": band_label[v],
        "Staff Group": np.array(STAFF_GROUPS)[sg[v]],
        "Internal": yes_no[internal.astype(int)],
    })  # fmt: skip


# --- Disciplinary and training ----------------------------------------------------------------


def _choose(
    rng: np.random.Generator, s: pd.DataFrame, total: int, bme_ratio: float, weight: np.ndarray
) -> np.ndarray:
    """``total`` distinct staff (row positions in ``s``), so many BME that their rate is
    ``bme_ratio`` times that of White staff (and of Unknown); within each group, chosen at
    random in proportion to ``weight``."""
    group = ETH_GROUP[s["eth"].to_numpy()]
    heads = {g: (group == g).sum() for g in (W, B, U)}
    other_rate = total / (heads[W] + bme_ratio * heads[B] + heads[U])
    counts = {B: round(bme_ratio * other_rate * heads[B]), U: round(other_rate * heads[U])}
    counts[W] = total - counts[B] - counts[U]
    chosen = [np.empty(0, dtype=int)]
    for g in (W, B, U):
        pool = np.flatnonzero(group == g)
        size = min(max(counts[g], 0), len(pool))
        if size:
            p = weight[pool] / weight[pool].sum()
            chosen.append(rng.choice(pool, size=size, replace=False, p=p))
    return np.concatenate(chosen)


def _disciplinary(
    rng: np.random.Generator, s: pd.DataFrame, year: int, ind3: float, unmatched: np.ndarray
) -> pd.DataFrame:
    """Cases opened in the financial year ending 31 March ``year``. The number of BME cases is
    set so that their rate is ``ind3`` times the White rate; who is chosen is drawn, likelier
    in lower bands, in estates and support roles and in departments with a poor culture.
    Of each group's cases the same share (``CAPABILITY_SHARE``, at random) are capability
    cases, which indicator 3 leaves out, so that the disciplinary cases keep the ratio."""
    sg, band = s["sg"].to_numpy(), s["band"].to_numpy()
    risk = (
        np.where(band <= 2, 2.0, 1.0)
        * np.where(np.isin(sg, [ACS, ESTATES]), 1.8, 1.0)
        * np.where(sg == MEDICAL, 0.5, 1.0)
        * np.exp(0.5 * DEPT_CULTURE[s["dept"].to_numpy()])
    )
    chosen = _choose(rng, s, rng.poisson(DISCIPLINARY_RATE * len(s)), ind3, risk)
    ids = np.concatenate([s["id"].to_numpy()[chosen], unmatched])
    start = pd.Timestamp(year - 1, 4, 1)
    days = (pd.Timestamp(year, 4, 1) - start).days  # 366 when the year has a 29 February
    opened = start + pd.to_timedelta(rng.integers(0, days, size=len(ids)), unit="D")
    draw = rng.random(len(ids))
    group = np.concatenate([ETH_GROUP[s["eth"].to_numpy()[chosen]],
                            np.full(len(unmatched), -1)])
    capability = np.zeros(len(ids), dtype=bool)
    for g in np.unique(group):
        at = np.flatnonzero(group == g)
        take = round(CAPABILITY_SHARE * len(at))
        capability[at[np.argsort(draw[at], kind="stable")[:take]]] = True
    frame = pd.DataFrame({
        "Employee Number": ids.astype(str),
        "opened": opened,
        "Case Type": np.where(capability, "Capability", "Conduct"),
    }).sort_values(["opened", "Employee Number"], ignore_index=True)  # fmt: skip
    frame.insert(1, "Date Opened", frame.pop("opened").dt.strftime("%d/%m/%Y"))
    return frame


def _training(rng: np.random.Generator, s: pd.DataFrame, year: int) -> pd.DataFrame:
    """CPD taken in the financial year ending 31 March ``year``: one to three courses for
    each person trained, likelier in some staff groups than others. The number of BME staff
    trained is set so that White staff are IND4 times as likely to be trained."""
    p = TRAINING[s["sg"].to_numpy()]
    trained = np.sort(_choose(rng, s, rng.binomial(len(s), p.mean()), 1 / IND4, p))
    courses = rng.choice([1, 2, 3], size=len(trained), p=[0.7, 0.22, 0.08])
    who = np.repeat(trained, courses)
    frame = pd.DataFrame({
        "Employee Number": s["id"].to_numpy()[who].astype(str),
        "Financial Year": _fy(year, "-"),
        "Course": np.array(COURSES)[rng.integers(0, len(COURSES), size=len(who))],
    })  # fmt: skip
    return frame.drop_duplicates().sort_values(["Employee Number", "Course"], ignore_index=True)


# --- Staff survey -----------------------------------------------------------------------------

# Log-odds of each answer for a White respondent in an average department, the BME
# difference, the effect of department culture, and the extra BME effect where culture is poor.
SURVEY_ITEMS = {
    # item: (base, BME, culture, BME where culture is poor)
    "q14a": (-1.10, 0.15, 0.30, 0.0),  # harassment from patients and the public: any
    "q14b": (-2.30, 0.30, 0.60, 0.35),  # from managers: any
    "q14c": (-1.75, 0.25, 0.50, 0.35),  # from colleagues: any
    "q15": (0.45, -0.60, -0.50, -0.35),  # equal opportunities: yes (of yes and no)
    "q16b": (-2.75, 0.90, 0.60, 0.45),  # discrimination from staff: yes
}


def _survey(rng: np.random.Generator, s: pd.DataFrame, survey_year: int) -> pd.DataFrame:
    """Anonymous answers to the autumn survey, drawn from the staff of the next snapshot."""
    s = s[rng.random(len(s)) < RESPONSE[s["sg"].to_numpy()]]
    s = s.iloc[rng.permutation(len(s))]  # providers' files are in no useful order
    n = len(s)
    eth, sg, dept = (s[c].to_numpy() for c in ("eth", "sg", "dept"))
    bme = ETH_GROUP[eth] == B
    culture = DEPT_CULTURE[dept]
    answers = ETH_SURVEY[eth].astype(object)
    if survey_year >= 2025:
        answers[ETH_ESR[eth] == "SC Filipino"] = FILIPINO_2025
    answers[rng.random(n) < 0.02] = "Prefer not to say"
    public_facing = np.where(np.isin(sg, [ADMIN, APST, HCS]), -0.9, 0.3)
    out = {
        "Ethnicity": answers,
        "Directorate": DIR_PLAIN[DEPT_DIR[dept]],
        "Department": DEPT_PLAIN[dept],
        "Staff Group": np.array(STAFF_GROUPS)[sg],
    }
    for item, (base, gap, cult, bme_cult) in SURVEY_ITEMS.items():
        x = base + gap * bme + cult * culture + bme_cult * bme * (culture > 0)
        if item == "q14a":
            x = x + public_facing
        yes = rng.random(n) < _expit(x)
        if item.startswith("q14"):  # 1 Never; otherwise how often, 2 to 5
            often = rng.choice(["2", "3", "4", "5"], size=n, p=[0.55, 0.25, 0.10, 0.10])
            answer = np.where(yes, often, "1")
        elif item == "q15":  # 1 Yes, 2 No, 9 Don't know
            answer = np.where(rng.random(n) < 0.22, "9", np.where(yes, "1", "2"))
        else:
            answer = np.where(yes, "1", "2")
        answer[rng.random(n) < 0.02] = ""
        out[item] = answer
    return pd.DataFrame(out)


# --- Board ------------------------------------------------------------------------------------

BOARD = (  # role, voting, executive
    ("Chair", "Y", "N"),
    *[("Non-Executive Director", "Y", "N")] * 5,
    ("Associate Non-Executive Director", "N", "N"),
    ("Chief Executive", "Y", "Y"),
    ("Director of Finance", "Y", "Y"),
    ("Medical Director", "Y", "Y"),
    ("Chief Nurse", "Y", "Y"),
    ("Chief Operating Officer", "Y", "Y"),
    ("Director of People", "N", "Y"),
    ("Director of Strategy", "N", "Y"),
)
# Seats that BME members take, in turn, as the board slowly diversifies.
BME_SEATS = (3, 6, 12, 10)


def _board(rng: np.random.Generator, years: tuple[int, ...], org_index: int) -> pd.DataFrame:
    """The same 14 seats each year; one more is held by a BME member each year (1 to 3 in
    the sample), the rest White."""
    seats = len(BOARD)
    white = ETH_RECRUIT[rng.choice(len(ETHNICITIES), size=seats, p=WHITE_MIX)]
    bme = ETH_RECRUIT[rng.choice(len(ETHNICITIES), size=seats, p=BME_MIX["general"])]
    rows = []
    for i, year in enumerate(years):
        taken = BME_SEATS[: min(1 + i + org_index % 2, len(BME_SEATS))]
        for seat, (role, voting, executive) in enumerate(BOARD):
            eth = bme[seat] if seat in taken else white[seat]
            rows.append((str(year), role, eth, voting, executive))
    return pd.DataFrame(rows, columns=["Year", "Role", "Ethnicity", "Voting", "Executive"])


# --- Putting it together ----------------------------------------------------------------------


def _trust(index: int) -> tuple[str, str]:
    """Name and short code (for vacancy ids) of the ``index``-th trust."""
    if index < len(TRUSTS):
        return TRUSTS[index]
    return f"Fictional NHS Trust {index + 1}", f"T{index + 1:02d}"


def generate(
    *,
    seed: int = 2026,
    n_staff: int = 6000,
    years: tuple[int, ...] = (2024, 2025, 2026),
    orgs: int = 1,
) -> dict[str, pd.DataFrame]:
    """Every file of the sample: file name -> frame of strings, exactly as written.

    ``years`` are consecutive WRES reporting years (31 March snapshots); recruitment,
    disciplinary and training cover the financial years ending then, and the surveys ran the
    autumn before. ``n_staff`` is the first year's headcount, split across ``orgs`` trusts.
    """
    years = tuple(sorted(years))
    if not years or n_staff < 1 or orgs < 1:
        raise ValueError("generate() needs at least one year, one member of staff and one org")
    rng = np.random.default_rng(seed)
    sizes = np.linspace(1.0, 0.6, orgs)
    sizes = np.floor(n_staff * sizes / sizes.sum()).astype(int)
    sizes[0] += n_staff - sizes.sum()
    parts: dict[str, list[pd.DataFrame]] = {}

    def add(name: str, frame: pd.DataFrame, org: str) -> None:
        if orgs > 1:
            frame.insert(0, ORG_COLUMN, org)
        parts.setdefault(name, []).append(frame)

    for k, org_rng in enumerate(rng.spawn(orgs)):
        org, code = _trust(k)
        # Each trust differs a little in diversity, department by department.
        dept_odds = DEPT_BME_ODDS * (
            1.0 if k == 0 else np.exp(org_rng.normal(0, 0.3, len(DEPARTMENTS)))
        )
        first_id = 20_000_000 + k * 2_000_000
        snapshots, next_id = _simulate(org_rng, int(sizes[k]), years, first_id, dept_odds)
        unmatched = np.array_split(next_id + 17 * np.arange(UNMATCHED_CASES), len(years))
        for i, (year, s) in enumerate(zip(years, snapshots, strict=True)):
            pay_rng = np.random.default_rng([seed, PAY_STREAM, k, i])
            add(f"workforce_{year}.csv", _workforce_file(s, _hourly_pay(pay_rng, s, i)), org)
            add(
                "recruitment.csv",
                _recruitment(org_rng, len(s), year, _story(IND2, i, len(years)), code),
                org,
            )
            add(
                "disciplinary.csv",
                _disciplinary(org_rng, s, year, _story(IND3, i, len(years)), unmatched[i]),
                org,
            )
            add("training.csv", _training(org_rng, s, year), org)
            add(f"staff_survey_{year - 1}.csv", _survey(org_rng, s, year - 1), org)
        add("board.csv", _board(org_rng, years, k), org)
    return {
        name: pd.concat(frames, ignore_index=True).astype(str)
        for name, frames in sorted(parts.items())
    }


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The file as written: UTF-8, no index, "\\n" line endings."""
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def write(folder: str | Path, **kwargs) -> list[Path]:
    """Write the sample (``generate(**kwargs)``) into ``folder``; return the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in generate(**kwargs).items():
        path = folder / name
        path.write_bytes(to_csv_bytes(frame))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write the bundled WRES sample data.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--n-staff", type=int, default=6000)
    parser.add_argument("--orgs", type=int, default=1)
    args = parser.parse_args(argv)
    for path in write(args.folder, seed=args.seed, n_staff=args.n_staff, orgs=args.orgs):
        print(path)


if __name__ == "__main__":
    main()
