"""Synthetic WRES data at trust and national scale, written as Parquet in the data contract's
columns (``year``, ``org``, ``person_id``, ``ethnicity``, ``pay_band`` ...).

    python -m benchmarks.generate trust      # 10,000 staff, one trust, 40 departments
    python -m benchmarks.generate national   # 1.4 million staff a year, 200 trusts, 1,600 depts

Unlike ``wres_core.sample`` (which tells a story for the bundled sample and writes ESR-style
CSV), this generator is built for size: every step is vectorised over all organisations at
once, so the national dataset (about 13 million rows over three years) takes a minute or two.
It borrows the sample's code tables (ethnicity spellings, bands, staff-group mixes) so that
the loader meets the same spellings as in real extracts, and keeps the proportions of the
sample: per member of staff and year about 1.2 applications, 0.4 training records, 0.47
survey responses and 0.0125 disciplinary cases; 14 board seats per organisation.

The same staff (same ``person_id``) appear in each 31 March snapshot, with leavers, joiners
and promotions between them, so that disciplinary and training rows (which carry no
ethnicity) are matched to the workforce as they would be in a real return.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from wres_core import sample as s

DATA = Path(__file__).resolve().parent / "data"
YEARS = (2024, 2025, 2026)


@dataclass(frozen=True)
class Scale:
    name: str
    staff: int  # headcount in the first year (the trust grows ~1% a year)
    orgs: int
    departments: int  # in all, spread over the organisations
    seed: int = 2026
    # How person ids are written (``ID_STYLES``): ESR employee numbers ("10000042"), or
    # pseudonymised text as real extracts often have ("P10000042", or a hash-like string).
    ids: str = "numeric"
    # Write doctors' medical_grade as the WRES template's own row names ("Trainee grade",
    # "Non-consultant career grade") instead of ESR grade names, as a trust that keeps its
    # doctors by template row does.
    template_grades: bool = False


SCALES = {
    "trust": Scale("trust", 10_000, 1, 40),
    "national": Scale("national", 1_400_000, 200, 1_600),
    # For tests and a quick look: national in shape, 1/100 in size.
    "mini": Scale("mini", 14_000, 20, 160),
}

APPLICATIONS = 1.2  # applications a year per member of staff (bundled sample: 1.2)
APPOINTED = {s.W: 0.33, s.B: 0.33 / 1.5, s.U: 0.28}  # from shortlisting: indicator 2 ~ 1.5
CASES_BME_RATIO = 1.3  # indicator 3


ID_STYLES = ("numeric", "text", "hash")


def variant(scale: str, ids: str = "numeric", *, template_grades: bool | None = None) -> Scale:
    """One of ``SCALES`` with its person ids written in style ``ids``. Unless told, the
    pseudonymised variants (text and hash ids) also write the WRES template's grade names, so
    that the two variants between them cover both shapes of a medical grade column."""
    if ids not in ID_STYLES:
        raise ValueError(f"ids must be one of {ID_STYLES}")
    if template_grades is None:
        template_grades = ids != "numeric"
    base = SCALES[scale]
    name = base.name + ("" if ids == "numeric" else f"-{ids}") \
        + ("-template-grades" if template_grades else "")
    return Scale(name, base.staff, base.orgs, base.departments, base.seed, ids, template_grades)


def folder(scale: str) -> Path:
    return DATA / scale


def person_ids(numbers: np.ndarray, style: str) -> np.ndarray:
    """Person ids as text in one of ``ID_STYLES``, one to one with the numbers.

    >>> person_ids(np.array([10000042, 7]), "text").tolist()
    ['P10000042', 'P7']
    >>> [len(i) for i in person_ids(np.array([10000042, 7]), "hash")]
    [16, 16]
    """
    text = numbers.astype(np.int64).astype(str)
    if style == "numeric":
        return text
    if style == "text":
        return np.char.add("P", text)
    # A pseudonymised id: the number scrambled by an invertible multiplication modulo 2**64
    # (so distinct people keep distinct ids), written as 16 hex digits.
    scrambled = numbers.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    return np.array([f"{x:016x}" for x in scrambled.tolist()])


# --- structure ------------------------------------------------------------------------------


@dataclass
class Structure:
    """Organisations and departments, as integer codes and their names."""

    org_names: np.ndarray  # per org
    org_weight: np.ndarray  # share of staff, per org
    dept_org: np.ndarray  # per department: its organisation
    dept_spec: np.ndarray  # per department: its specialty (a row of sample.DEPARTMENTS)
    dept_weight: np.ndarray  # per department: share of its organisation's staff
    dept_esr: np.ndarray  # "914 Cardiology (T007) L5" as ESR writes it
    dept_plain: np.ndarray  # "Cardiology (T007)" as other systems write it
    dir_esr: np.ndarray  # per department: its directorate, as ESR writes it
    dir_plain: np.ndarray


def structure(scale: Scale, rng: np.random.Generator) -> Structure:
    per_org = scale.departments // scale.orgs
    n_spec = len(s.DEPARTMENTS)
    org_weight = np.linspace(1.0, 0.6, scale.orgs)
    org_weight /= org_weight.sum()
    dept_org = np.repeat(np.arange(scale.orgs), per_org)
    # Each organisation has its own mix of specialties (with repeats when it has more
    # departments than there are specialties: "Cardiology 2").
    dept_spec = np.concatenate([
        rng.permutation(np.resize(rng.permutation(n_spec), per_org)) for _ in range(scale.orgs)
    ])
    size = s.DEPT_SIZE[dept_spec] * rng.uniform(0.5, 1.5, len(dept_spec))
    dept_weight = size / np.bincount(dept_org, weights=size)[dept_org]
    codes = [s._trust(k)[1] for k in range(scale.orgs)]
    dept_esr, dept_plain, dir_esr, dir_plain = [], [], [], []
    for d, (org, spec) in enumerate(zip(dept_org, dept_spec, strict=True)):
        repeat = int(np.sum(dept_spec[dept_org == org][: d - org * per_org] == spec))
        plain = s.DEPT_PLAIN[spec] + (f" {repeat + 1}" if repeat else "")
        tag = f" ({codes[org]})" if scale.orgs > 1 else ""
        dept_plain.append(plain + tag)
        dept_esr.append(f"{900 + d % per_org} {plain}{tag} L5")
        directorate = s.DEPT_DIR[spec]
        dir_plain.append(s.DIR_PLAIN[directorate] + tag)
        dir_esr.append(s.DIRECTORATES[directorate].replace(" L4", f"{tag} L4"))
    return Structure(
        org_names=np.array([s._trust(k)[0] for k in range(scale.orgs)]),
        org_weight=org_weight, dept_org=dept_org, dept_spec=dept_spec, dept_weight=dept_weight,
        dept_esr=np.array(dept_esr), dept_plain=np.array(dept_plain),
        dir_esr=np.array(dir_esr), dir_plain=np.array(dir_plain),
    )


def _posts(rng: np.random.Generator, st: Structure, n: int) -> pd.DataFrame:
    """``n`` new posts: organisation, department, staff group, band and grade."""
    org = rng.choice(len(st.org_weight), size=n, p=st.org_weight)
    # Department within the organisation: inverse CDF over that organisation's departments.
    cum = np.zeros(len(st.dept_weight))
    for o in range(len(st.org_weight)):
        idx = np.flatnonzero(st.dept_org == o)
        cum[idx] = np.cumsum(st.dept_weight[idx])
    first = np.searchsorted(st.dept_org, np.arange(len(st.org_weight)))
    per_org = np.bincount(st.dept_org)
    local = np.empty(n, dtype=np.int64)
    u = rng.random(n)
    for o in range(len(st.org_weight)):
        rows = org == o
        local[rows] = np.minimum(
            np.searchsorted(cum[first[o]:first[o] + per_org[o]], u[rows]), per_org[o] - 1)
    dept = first[org] + local
    spec = st.dept_spec[dept]
    sg = s._pick(rng, s.DEPT_MIX[spec])
    doctor = sg == s.MEDICAL
    band = np.where(doctor, s.MEDICAL_BAND, s._pick(rng, s.BAND_MIX[sg]))
    grade = np.where(doctor, rng.choice(len(s.GRADES), size=n, p=s.GRADE_MIX), -1)
    return pd.DataFrame({"org": org, "dept": dept, "sg": sg, "band": band, "grade": grade})


def _hire(rng: np.random.Generator, st: Structure, posts: pd.DataFrame, shift: float,
          org_shift: np.ndarray, next_id: int) -> tuple[pd.DataFrame, int]:
    posts = posts.reset_index(drop=True)
    bme_shift = shift + org_shift[posts["org"].to_numpy()]
    # sample._people reads the specialty as "dept"; put the real department back after.
    people = s._people(rng, posts.assign(dept=st.dept_spec[posts["dept"].to_numpy()]),
                       bme_shift=bme_shift, dept_odds=s.DEPT_BME_ODDS)
    ids = next_id + np.cumsum(rng.integers(1, 4, size=len(people)))
    people = people.assign(dept=posts["dept"].to_numpy(), id=ids)
    return people, (int(ids[-1]) + 1 if len(ids) else next_id)


def snapshots(scale: Scale, rng: np.random.Generator, st: Structure) -> list[pd.DataFrame]:
    """Staff in post at each 31 March: leavers replaced in the same post, promotions, and
    about 1% growth a year."""
    org_shift = rng.normal(0, 0.3, scale.orgs) if scale.orgs > 1 else np.zeros(1)
    staff, next_id = _hire(rng, st, _posts(rng, st, scale.staff), 0.0, org_shift, 10_000_000)
    out = [staff]
    for i in range(1, len(YEARS)):
        grade = staff["grade"].to_numpy()
        leave = np.where(grade >= 0, s.DOCTOR_TURNOVER[np.maximum(grade, 0)],
                         s.TURNOVER[staff["sg"].to_numpy()])
        left = rng.random(len(staff)) < leave
        vacated = staff.loc[left, ["org", "dept", "sg", "band", "grade"]]
        staff = staff[~left].copy()
        staff["band"] = s._promote(rng, staff)
        growth = _posts(rng, st, round(scale.staff * (1 + s.GROWTH) ** i) - len(staff)
                        - len(vacated))
        joiners, next_id = _hire(rng, st, pd.concat([vacated, growth]), s.JOINER_BME_SHIFT,
                                 org_shift, next_id)
        staff = pd.concat([staff, joiners], ignore_index=True)
        out.append(staff)
    return out


# --- files ----------------------------------------------------------------------------------


# The WRES template's rows for each of ``sample.GRADES``: what a trust that keeps its doctors
# by template row rather than by ESR grade writes in the medical grade column.
TEMPLATE_GRADES = ("Consultant", "Non-consultant career grade", "Non-consultant career grade",
                   "Trainee grade", "Trainee grade", "Trainee grade", "Trainee grade")


def _cat(values: np.ndarray) -> pd.Categorical:
    """Strings as a categorical: written as a dictionary-encoded Parquet column, as an
    export tool would write a column of few distinct values."""
    return pd.Categorical(values)


def _org(st: Structure, org: np.ndarray, scale: Scale) -> dict:
    return {"org": _cat(st.org_names[org])} if scale.orgs > 1 else {}


def workforce(st: Structure, staff: pd.DataFrame, year: int, scale: Scale) -> pd.DataFrame:
    band, grade, sg, dept = (staff[c].to_numpy() for c in ("band", "grade", "sg", "dept"))
    doctor = grade >= 0
    g = np.maximum(grade, 0)
    occupation = np.array(s.OCCUPATIONS)[sg, s._tier(band)]
    occupation = np.where(doctor, np.array(s.GRADE_OCCUPATIONS)[g], occupation)
    trainee = doctor & s.TRAINEE[g]
    return pd.DataFrame({
        "year": np.full(len(staff), year, dtype=np.int64),
        **_org(st, staff["org"].to_numpy(), scale),
        "person_id": person_ids(staff["id"].to_numpy(), scale.ids),
        "ethnicity": _cat(s.ETH_ESR[staff["eth"].to_numpy()]),
        "pay_band": _cat(np.array(s.BANDS)[band]),
        "medical_grade": _cat(np.where(doctor, np.array(
            TEMPLATE_GRADES if scale.template_grades else s.GRADES)[g], None)),
        "senior_medical_manager": doctor & (grade == s.CONSULTANT) & staff["smm"].to_numpy(),
        "staff_group": _cat(np.array(s.STAFF_GROUPS)[sg]),
        "directorate": _cat(st.dir_esr[dept]),
        "department": _cat(st.dept_esr[dept]),
        "occupation": _cat(np.where(occupation == "", None, occupation)),
        "contract": _cat(np.where(trainee | staff["fixed_term"].to_numpy(), "Fixed Term Temp",
                                  "Permanent")),
        "fte": np.array(s.WTE, dtype=float)[staff["wte"].to_numpy()],
        "gender": _cat(np.where(staff["female"].to_numpy(), "Female", "Male")),
        "hourly_pay": s.hourly_pay_values(  # a stream of its own: other columns unchanged
            np.random.default_rng([scale.seed, s.PAY_STREAM, year]), staff, year - YEARS[0]),
    })


def recruitment(rng: np.random.Generator, st: Structure, staff: pd.DataFrame, year: int,
                scale: Scale) -> pd.DataFrame:
    """Applications: vacancies in posts like the staff's own, ~8 applications each."""
    m = round(APPLICATIONS * len(staff))
    n_vac = max(1, m // 8)
    template = staff.iloc[rng.integers(0, len(staff), size=n_vac)]
    vac = np.sort(rng.integers(0, n_vac, size=m))
    org, dept, sg, band, grade = (template[c].to_numpy()[vac]
                                  for c in ("org", "dept", "sg", "band", "grade"))
    doctor = grade >= 0
    internal = rng.random(m) < np.select([band <= 2, band <= 5], [0.12, 0.28], 0.45)
    bme_p = np.select([internal, doctor, band >= s.B8A], [0.28, 0.65, 0.25], 0.45)
    group = np.where(rng.random(m) < bme_p, s.B, s.W)
    group[rng.random(m) < 0.025] = s.U
    mixes = np.where((group == s.W)[:, None], s.WHITE_MIX, s.BME_MIX["general"])
    mixes[group == s.U] = s.UNKNOWN_MIX
    eth = s._pick(rng, mixes)
    score = -1.0 + 0.9 * internal + np.select([group == s.B, group == s.U], [-0.4, -0.1], 0.0)
    shortlisted = rng.random(m) < s._expit(score)
    appointed = shortlisted & (rng.random(m) < np.vectorize(APPOINTED.get)(group))
    band_label = np.where(doctor, np.where(grade == s.CONSULTANT, "Consultant",
                                           "Specialty Doctor"), np.array(s.BANDS)[band])
    code = np.array([s._trust(k)[1] for k in range(scale.orgs)])[org]
    vacancy = np.char.add(np.char.add(code, f"-{year % 100:02d}-"),
                          np.char.zfill(vac.astype(str), 6))
    return pd.DataFrame({
        "year": np.full(m, year, dtype=np.int64),
        **_org(st, org, scale),
        "vacancy_id": vacancy,
        "ethnicity": _cat(s.ETH_RECRUIT[eth]),
        "shortlisted": shortlisted,
        "appointed": appointed,
        "department": _cat(st.dept_plain[dept]),
        "pay_band": _cat(band_label),
        "staff_group": _cat(np.array(s.STAFF_GROUPS)[sg]),
        "internal": internal,
    })


def disciplinary(rng: np.random.Generator, st: Structure, staff: pd.DataFrame, year: int,
                 scale: Scale, next_id: int) -> pd.DataFrame:
    """Cases: ~1.25% of staff a year, likelier in lower bands, support roles, poor cultures
    and for BME staff; ethnicity and department come from the workforce by ``person_id``.
    A few ids (0.5%) match nobody, as in real returns."""
    sg, band = staff["sg"].to_numpy(), staff["band"].to_numpy()
    risk = (np.where(band <= 2, 2.0, 1.0) * np.where(np.isin(sg, [s.ACS, s.ESTATES]), 1.8, 1.0)
            * np.where(sg == s.MEDICAL, 0.5, 1.0)
            * np.exp(0.5 * s.DEPT_CULTURE[st.dept_spec[staff["dept"].to_numpy()]])
            * np.where(s.ETH_GROUP[staff["eth"].to_numpy()] == s.B, CASES_BME_RATIO, 1.0))
    p = s.DISCIPLINARY_RATE * risk / risk.mean()
    chosen = np.flatnonzero(rng.random(len(staff)) < p)
    ids = staff["id"].to_numpy()[chosen]
    orgs = staff["org"].to_numpy()[chosen]
    ghosts = max(1, len(ids) // 200)
    ids = np.concatenate([ids, next_id + 7 * np.arange(ghosts)])
    orgs = np.concatenate([orgs, rng.integers(0, scale.orgs, size=ghosts)])
    n = len(ids)
    return pd.DataFrame({
        "year": np.full(n, year, dtype=np.int64),
        **_org(st, orgs, scale),
        "person_id": person_ids(ids, scale.ids),
        "case_type": _cat(np.where(rng.random(n) < 0.8, "Conduct", "Capability")),
    })


def training(rng: np.random.Generator, st: Structure, staff: pd.DataFrame, year: int,
             scale: Scale) -> pd.DataFrame:
    """CPD: one to three courses for each person trained (several rows count once)."""
    p = s.TRAINING[staff["sg"].to_numpy()]
    p = p * np.where(s.ETH_GROUP[staff["eth"].to_numpy()] == s.B, 1 / s.IND4, 1.0)
    trained = np.flatnonzero(rng.random(len(staff)) < p)
    who = np.repeat(trained, rng.choice([1, 2, 3], size=len(trained), p=[0.7, 0.22, 0.08]))
    n = len(who)
    return pd.DataFrame({
        "year": np.full(n, year, dtype=np.int64),
        **_org(st, staff["org"].to_numpy()[who], scale),
        "person_id": person_ids(staff["id"].to_numpy()[who], scale.ids),
        "course": _cat(np.array(s.COURSES)[rng.integers(0, len(s.COURSES), size=n)]),
    })


def survey(rng: np.random.Generator, st: Structure, staff: pd.DataFrame, survey_year: int,
           scale: Scale) -> pd.DataFrame:
    """Respondents (~47%) with the survey's numeric answer codes, blanks as nulls."""
    resp = staff[rng.random(len(staff)) < s.RESPONSE[staff["sg"].to_numpy()]]
    n = len(resp)
    eth, sg, dept = (resp[c].to_numpy() for c in ("eth", "sg", "dept"))
    bme = s.ETH_GROUP[eth] == s.B
    culture = s.DEPT_CULTURE[st.dept_spec[dept]]
    answers = s.ETH_SURVEY[eth].astype(object)
    if survey_year >= 2025:
        answers[s.ETH_ESR[eth] == "SC Filipino"] = s.FILIPINO_2025
    answers[rng.random(n) < 0.02] = "Prefer not to say"
    public_facing = np.where(np.isin(sg, [s.ADMIN, s.APST, s.HCS]), -0.9, 0.3)
    out = {
        "year": np.full(n, survey_year, dtype=np.int64),
        **_org(st, resp["org"].to_numpy(), scale),
        "ethnicity": _cat(answers.astype(str)),
        "directorate": _cat(st.dir_plain[dept]),
        "department": _cat(st.dept_plain[dept]),
        "staff_group": _cat(np.array(s.STAFF_GROUPS)[sg]),
    }
    for item, (base, gap, cult, bme_cult) in s.SURVEY_ITEMS.items():
        x = base + gap * bme + cult * culture + bme_cult * bme * (culture > 0)
        if item == "q14a":
            x = x + public_facing
        yes = rng.random(n) < s._expit(x)
        if item.startswith("q14"):  # 1 Never; 2 to 5 how often
            answer = np.where(yes, rng.choice([2, 3, 4, 5], size=n, p=[0.55, 0.25, 0.1, 0.1]), 1)
        elif item == "q15":  # 1 Yes, 2 No, 9 Don't know
            answer = np.where(rng.random(n) < 0.22, 9, np.where(yes, 1, 2))
        else:
            answer = np.where(yes, 1, 2)
        out[item] = pd.array(answer, dtype="Int8")
        out[item][rng.random(n) < 0.02] = pd.NA
    return pd.DataFrame(out)


def board(rng: np.random.Generator, st: Structure, scale: Scale) -> pd.DataFrame:
    parts = []
    for k in range(scale.orgs):
        b = s._board(rng, YEARS, k)
        parts.append(pd.DataFrame({
            "year": b["Year"].astype("int64"),
            **({"org": st.org_names[np.full(len(b), k)]} if scale.orgs > 1 else {}),
            "ethnicity": b["Ethnicity"], "role": b["Role"],
            "voting": b["Voting"].eq("Y"), "executive": b["Executive"].eq("Y"),
        }))
    out = pd.concat(parts, ignore_index=True)
    for c in ("org", "ethnicity", "role"):
        if c in out:
            out[c] = out[c].astype("category")
    return out


def _write(frame: pd.DataFrame, path: Path) -> int:
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)
    return len(frame)


def generate(scale: Scale, out: Path | None = None) -> dict:
    """Write every file of one scale into ``out`` (benchmarks/data/<scale>); return a
    description (rows per kind) that is also saved as ``manifest.json``."""
    out = out or folder(scale.name)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.parquet"):
        old.unlink()
    started = time.perf_counter()
    rng = np.random.default_rng(scale.seed)
    st = structure(scale, rng)
    staffs = snapshots(scale, rng, st)
    next_id = int(max(f["id"].max() for f in staffs)) + 1
    rows: dict[str, int] = {}

    def add(kind: str, n: int) -> None:
        rows[kind] = rows.get(kind, 0) + n

    for year, staff in zip(YEARS, staffs, strict=True):
        add("workforce", _write(workforce(st, staff, year, scale),
                                out / f"workforce_{year}.parquet"))
        add("recruitment", _write(recruitment(rng, st, staff, year, scale),
                                  out / f"recruitment_{year}.parquet"))
        add("disciplinary", _write(disciplinary(rng, st, staff, year, scale, next_id),
                                   out / f"disciplinary_{year}.parquet"))
        next_id += 1_000_000
        add("training", _write(training(rng, st, staff, year, scale),
                               out / f"training_{year}.parquet"))
        add("survey", _write(survey(rng, st, staff, year - 1, scale),
                             out / f"staff_survey_{year - 1}.parquet"))
    add("board", _write(board(rng, st, scale), out / "board.parquet"))
    manifest = {"scale": asdict(scale), "years": list(YEARS), "rows": rows,
                "total_rows": sum(rows.values()),
                "bytes": sum(p.stat().st_size for p in out.glob("*.parquet")),
                "seconds": round(time.perf_counter() - started, 1)}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return manifest


def ensure(scale: str, ids: str = "numeric", *, template_grades: bool | None = None) -> Path:
    """The folder of a scale's data with person ids in style ``ids``, generating it when
    missing or made by another version."""
    sc = variant(scale, ids, template_grades=template_grades)
    path = folder(sc.name)
    manifest = path / "manifest.json"
    if not manifest.exists() or json.loads(manifest.read_text())["scale"] != asdict(sc):
        generate(sc, path)
    return path


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("scale", choices=sorted(SCALES), nargs="+")
    p.add_argument("--ids", choices=ID_STYLES, default="numeric",
                   help="how person ids are written (default: ESR-style numbers)")
    p.add_argument("--template-grades", action=argparse.BooleanOptionalAction, default=None,
                   help="medical grades as the WRES template's row names (default: for text "
                        "and hash ids)")
    args = p.parse_args(argv)
    for name in args.scale:
        sc = variant(name, args.ids, template_grades=args.template_grades)
        print(json.dumps(generate(sc, folder(sc.name)), indent=2))


if __name__ == "__main__":
    main()
