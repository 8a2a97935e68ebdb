"""The same figures in plain DuckDB SQL: what an analyst would otherwise write by hand.

It reads the generator's Parquet files directly, maps spellings with small lookup tables
(the analyst's own code lists, taken from the generator's spelling tables: they know their
data), links disciplinary and training rows to the workforce by person id, and counts with
``GROUPING SETS``. It computes, overall and by department, for every year:

- indicator 1: headcount per group and its share (plus the clinical, pay band and
  clinical-by-band rows, and the "Senior medical manager" row);
- indicators 2 to 4: the likelihood counts (k, n), the likelihood, the relative likelihood
  (indicator 2 also at the application stage; indicator 3 also the pooled two-year
  figures);
- indicators 5 to 8: responses in the base and hits, and the percent;
- indicator 9: board shares by role;
- the pay gap (``indicator`` 10) where the workforce files have ``hourly_pay``: BME staff's
  mean and median gap against White staff, overall and by department (people with a pay
  above 0; DuckDB's ``median`` is the mean of the two middle values for an even count, as
  the pay gap's is).

The result is one long table with the results table's key and ``numerator``,
``denominator``, ``value``. Confidence intervals, notes, caution and suppression are left
out: they are arithmetic on the few aggregated rows, not the work being measured.

Needs ``duckdb`` (an optional extra of the benchmarks, not of wres-explorer).
"""

from __future__ import annotations

from pathlib import Path

from wres_core import sample as s

GROUP = {s.W: "White", s.B: "BME", s.U: "Unknown"}

ETHNICITY = sorted({
    (spelling, GROUP[e[3]]) for e in s.ETHNICITIES for spelling in e[:3]
} | {(s.FILIPINO_2025, "BME"), ("Prefer not to say", "Unknown")})

BANDS = {
    "Band 8 - Range A": "Band 8a", "Band 8 - Range B": "Band 8b", "Band 8 - Range C": "Band 8c",
    "Band 8 - Range D": "Band 8d", "Very Senior Manager": "VSM",
    "Consultant": "Consultant", "Specialty Doctor": "Non-consultant career grade",
    "Associate Specialist": "Non-consultant career grade",
    "Specialty Registrar": "Trainee grade", "Core Training": "Trainee grade",
    "Foundation Year 1": "Trainee grade", "Foundation Year 2": "Trainee grade",
    **{f"Band {b}": f"Band {b}" for b in range(1, 10)},
    # The template's own row names (benchmarks.generate's template_grades switch).
    "Non-consultant career grade": "Non-consultant career grade",
    "Trainee grade": "Trainee grade",
}
MEDICAL_ROWS = ("Consultant", "Non-consultant career grade", "Trainee grade")
NON_CLINICAL = ("Administrative and Clerical", "Estates and Ancillary")


def _values(rows) -> str:
    def lit(v: str) -> str:
        return "'" + v.replace("'", "''") + "'"
    return ", ".join("(" + ", ".join(lit(v) for v in r) + ")" for r in rows)


def _has_org(con, folder: Path) -> bool:
    cols = con.execute(
        f"DESCRIBE SELECT * FROM read_parquet('{folder}/workforce_*.parquet')").fetchall()
    return any(c[0] == "org" for c in cols)


def _has_pay(con, folder: Path) -> bool:
    cols = con.execute(
        f"DESCRIBE SELECT * FROM read_parquet('{folder}/workforce_*.parquet')").fetchall()
    return any(c[0] == "hourly_pay" for c in cols)


def sql(folder: Path, *, org: bool, pay: bool = False) -> list[str]:
    """The statements, in order; the last one returns the results."""
    f = str(folder)
    o = "org" if org else "''"
    dept = (r"trim(regexp_replace(regexp_replace(department, '^\s*\d{2,}\s+', ''), "
            r"'\s+L\d\s*$', '', 'i'))")
    medical = "(" + ", ".join(f"'{m}'" for m in MEDICAL_ROWS) + ")"
    non_clinical = "(" + ", ".join(f"'{m}'" for m in NON_CLINICAL) + ")"
    g3 = "(VALUES ('White'), ('BME'), ('Unknown')) g(grp)"
    return [
        f"CREATE TEMP TABLE eth(spelling VARCHAR, grp VARCHAR); "
        f"INSERT INTO eth VALUES {_values(ETHNICITY)}",
        f"CREATE TEMP TABLE band(raw VARCHAR, band VARCHAR); "
        f"INSERT INTO band VALUES {_values(BANDS.items())}",
        # --- the workforce, one row per person and year, with its breakdowns
        f"""CREATE TEMP TABLE wf AS
        SELECT w.year, {o} AS org, w.person_id, coalesce(e.grp, 'Unknown') AS grp,
               b.band AS pay_band,
               CASE WHEN b.band IN {medical} THEN 'Clinical'
                    WHEN w.staff_group IN {non_clinical} THEN 'Non-clinical'
                    WHEN w.staff_group IS NOT NULL THEN 'Clinical' END AS clinical,
               {dept} AS department, w.senior_medical_manager AS smm,
               {"CAST(w.hourly_pay AS DOUBLE)" if pay else "CAST(NULL AS DOUBLE)"} AS pay
        FROM read_parquet('{f}/workforce_*.parquet') w
        LEFT JOIN eth e ON e.spelling = trim(w.ethnicity)
        LEFT JOIN band b ON b.raw = coalesce(w.medical_grade, w.pay_band)""",
        # --- the pay gap: each group's people with a pay, mean and median
        """CREATE TEMP TABLE pay_cells AS
        SELECT year, CASE WHEN grouping(department) = 0 THEN 'department' ELSE 'overall' END
                     AS dimension,
               coalesce(department, 'All') AS level, grp, count(*) AS n, avg(pay) AS mean,
               median(pay) AS med
        FROM wf WHERE pay > 0 AND isfinite(pay) AND grp IN ('White', 'BME')
        GROUP BY GROUPING SETS ((year, grp), (year, department, grp))
        HAVING grouping(department) = 1 OR department IS NOT NULL""",
        f"""CREATE TEMP TABLE heads AS
        SELECT year,
               CASE WHEN grouping(department) = 0 THEN 'department'
                    WHEN grouping(clinical) = 0 THEN 'clinical'
                    WHEN grouping(pay_band) = 0 THEN 'pay_band'
                    WHEN grouping(cpb) = 0 THEN 'clinical_pay_band' ELSE 'overall' END AS dimension,
               coalesce(department, clinical, pay_band, cpb, 'All') AS level, grp, count(*) AS n
        FROM (SELECT *, CASE WHEN pay_band IN {medical} THEN 'Clinical: ' || pay_band
                             WHEN clinical IS NOT NULL AND pay_band IS NOT NULL
                             THEN clinical || ': ' || pay_band END AS cpb FROM wf)
        GROUP BY GROUPING SETS ((year, grp), (year, clinical, grp), (year, pay_band, grp),
                                (year, cpb, grp), (year, department, grp))
        HAVING (grouping(department) = 1 OR department IS NOT NULL)
           AND (grouping(clinical) = 1 OR clinical IS NOT NULL)
           AND (grouping(pay_band) = 1 OR pay_band IS NOT NULL)
           AND (grouping(cpb) = 1 OR cpb IS NOT NULL)
        UNION ALL
        SELECT year, 'pay_band', 'Senior medical manager', grp, count(*) FROM wf WHERE smm
        GROUP BY ALL""",
        # every group in every (year, dimension, level): zero where it has nobody
        f"""CREATE TEMP TABLE heads3 AS
        SELECT c.year, c.dimension, c.level, g.grp, coalesce(h.n, 0) AS n
        FROM (SELECT DISTINCT year, dimension, level FROM heads) c CROSS JOIN {g3}
        LEFT JOIN heads h USING (year, dimension, level, grp)""",
        # --- indicator 2
        f"""CREATE TEMP TABLE rec AS
        SELECT r.year, coalesce(e.grp, 'Unknown') AS grp, {dept} AS department,
               r.shortlisted, r.appointed
        FROM read_parquet('{f}/recruitment_*.parquet') r
        LEFT JOIN eth e ON e.spelling = trim(r.ethnicity)""",
        """CREATE TEMP TABLE rec_cells AS
        SELECT year, CASE WHEN grouping(department) = 0 THEN 'department' ELSE 'overall' END
                     AS dimension, coalesce(department, 'All') AS level, grp,
               coalesce(sum(appointed::INT) FILTER (WHERE shortlisted), 0) AS k,
               count(*) FILTER (WHERE shortlisted) AS n,
               sum(shortlisted::INT) AS k_app, count(*) AS n_app
        FROM rec GROUP BY GROUPING SETS ((year, grp), (year, department, grp))
        HAVING grouping(department) = 1 OR department IS NOT NULL""",
        # --- indicators 3 and 4: events linked to the workforce by person id
        # people entering a formal disciplinary investigation, each once a year; other
        # case types (the generator writes Capability beside Conduct) are set aside
        f"""CREATE TEMP TABLE cases AS
        SELECT d.year, coalesce(w.grp, 'Unknown') AS grp, w.department
        FROM (SELECT DISTINCT {o} AS org, year, person_id
              FROM read_parquet('{f}/disciplinary_*.parquet')
              WHERE lower(case_type) LIKE '%conduct%'
                 OR lower(case_type) LIKE '%disciplin%') d
        LEFT JOIN wf w ON w.org = d.org AND w.year = d.year AND w.person_id = d.person_id""",
        f"""CREATE TEMP TABLE trained AS
        SELECT t.year, coalesce(w.grp, 'Unknown') AS grp, w.department
        FROM (SELECT DISTINCT {o} AS org, year, person_id
              FROM read_parquet('{f}/training_*.parquet')) t
        LEFT JOIN wf w ON w.org = t.org AND w.year = t.year AND w.person_id = t.person_id""",
        *[f"""CREATE TEMP TABLE {name}_cells AS
        SELECT h.year, h.dimension, h.level, h.grp, coalesce(e.k, 0) AS k, h.n
        FROM heads3 h LEFT JOIN (
            SELECT year, CASE WHEN grouping(department) = 0 THEN 'department' ELSE 'overall'
                         END AS dimension, coalesce(department, 'All') AS level, grp,
                   count(*) AS k
            FROM {name} GROUP BY GROUPING SETS ((year, grp), (year, department, grp))
            HAVING grouping(department) = 1 OR department IS NOT NULL) e
        USING (year, dimension, level, grp)
        WHERE h.dimension IN ('overall', 'department')""" for name in ("cases", "trained")],
        """CREATE TEMP TABLE cases_2y AS
        SELECT c.year, c.dimension, c.level, c.grp,
               c.k + coalesce(p.k, 0) AS k, c.n + coalesce(p.n, 0) AS n
        FROM cases_cells c LEFT JOIN cases_cells p
          ON p.year = c.year - 1 AND p.dimension = c.dimension AND p.level = c.level
         AND p.grp = c.grp
        WHERE c.year - 1 IN (SELECT year FROM cases_cells)""",
        # --- indicators 5 to 8 (survey year + 1 is the WRES year)
        f"""CREATE TEMP TABLE surv AS
        SELECT year,
               CASE WHEN grouping(department) = 0 THEN 'department' ELSE 'overall' END
               AS dimension, coalesce(department, 'All') AS level, grp,
               count(*) FILTER (WHERE q14a IS NOT NULL) AS n5,
               count(*) FILTER (WHERE q14a >= 2) AS k5,
               count(*) FILTER (WHERE q14b IS NOT NULL OR q14c IS NOT NULL) AS n6,
               count(*) FILTER (WHERE q14b >= 2 OR q14c >= 2) AS k6,
               count(*) FILTER (WHERE q15 IN (1, 2)) AS n7,
               count(*) FILTER (WHERE q15 = 1) AS k7,
               count(*) FILTER (WHERE q16b IS NOT NULL) AS n8,
               count(*) FILTER (WHERE q16b = 1) AS k8
        FROM (SELECT r.year + 1 AS year, coalesce(e.grp, 'Unknown') AS grp, {dept} AS department,
                     q14a, q14b, q14c, q15, q16b
              FROM read_parquet('{f}/staff_survey_*.parquet') r
              LEFT JOIN eth e ON e.spelling = trim(r.ethnicity))
        GROUP BY GROUPING SETS ((year, grp), (year, department, grp))
        HAVING grouping(department) = 1 OR department IS NOT NULL""",
        # --- indicator 9: board shares by role
        f"""CREATE TEMP TABLE brd AS
        SELECT b.year, coalesce(e.grp, 'Unknown') AS grp, b.voting, b.executive
        FROM read_parquet('{f}/board.parquet') b
        LEFT JOIN eth e ON e.spelling = trim(b.ethnicity)""",
        # --- the long results table
        _long_sql(),
    ]


def _long_sql() -> str:
    """The union of every figure, with relative likelihoods on the compared group's row."""
    rl = []
    for table, ind, measure, top in (
        ("rec_cells", 2, "relative_likelihood", "White"),
        ("cases_cells", 3, "relative_likelihood_1y", "BME"),
        ("cases_2y", 3, "relative_likelihood", "BME"),
        ("trained_cells", 4, "relative_likelihood", "White"),
    ):
        a, c = ("w", "b") if top == "White" else ("b", "w")
        rl.append(f"""
        SELECT b.year, {ind}, '{measure}', 'BME', b.dimension, b.level, NULL, NULL,
               ({a}.k / nullif({a}.n, 0)) / nullif({c}.k / nullif({c}.n, 0), 0)
        FROM {table} b JOIN {table} w USING (year, dimension, level)
        WHERE b.grp = 'BME' AND w.grp = 'White'""")
    return """
        SELECT year, 1 AS indicator, 'share' AS measure, grp AS "group", dimension, level,
               n AS numerator, sum(n) OVER w AS denominator,
               100.0 * n / sum(n) OVER w AS value
        FROM heads3 WINDOW w AS (PARTITION BY year, dimension, level)
        UNION ALL
        SELECT year, 2, 'likelihood', grp, dimension, level, k, n, k / nullif(n, 0)
        FROM rec_cells
        UNION ALL
        SELECT year, 2, 'likelihood_shortlisted', grp, dimension, level, k_app, n_app,
               k_app / nullif(n_app, 0)
        FROM rec_cells WHERE year IN (SELECT year FROM rec WHERE NOT shortlisted)
        UNION ALL
        SELECT year, 3, 'likelihood', grp, dimension, level, k, n, k / nullif(n, 0)
        FROM cases_cells
        UNION ALL
        SELECT year, 3, 'likelihood_2y', grp, dimension, level, k, n, k / nullif(n, 0)
        FROM cases_2y
        UNION ALL
        SELECT year, 4, 'likelihood', grp, dimension, level, k, n, k / nullif(n, 0)
        FROM trained_cells
        UNION ALL
        SELECT year, unnest([5, 6, 7, 8]), 'percent', grp, dimension, level,
               unnest([k5, k6, k7, k8]), unnest([n5, n6, n7, n8]),
               unnest([100.0 * k5 / nullif(n5, 0), 100.0 * k6 / nullif(n6, 0),
                       100.0 * k7 / nullif(n7, 0), 100.0 * k8 / nullif(n8, 0)])
        FROM surv
        UNION ALL
        SELECT year, 9, 'board_share', grp, 'board_role', role, n, sum(n) OVER w,
               100.0 * n / sum(n) OVER w
        FROM (SELECT year, grp, role, count(*) AS n
              FROM (SELECT year, grp, unnest(['All',
                           CASE WHEN voting THEN 'Voting' ELSE 'Non-voting' END,
                           CASE WHEN executive THEN 'Executive' ELSE 'Non-executive' END])
                           AS role FROM brd)
              GROUP BY ALL)
        WINDOW w AS (PARTITION BY year, role)
        UNION ALL
        SELECT b.year, 10, unnest(['mean_gap', 'median_gap']), 'BME', b.dimension, b.level,
               w.n, b.n, unnest([100.0 * (1 - b.mean / w.mean), 100.0 * (1 - b.med / w.med)])
        FROM pay_cells b JOIN pay_cells w USING (year, dimension, level)
        WHERE b.grp = 'BME' AND w.grp = 'White'
        UNION ALL""" + "\n        UNION ALL".join(rl)


def compute(folder: str | Path, threads: int | None = None):
    """Run the SQL over one scale's folder; the long table as a pandas DataFrame."""
    import duckdb

    folder = Path(folder).resolve()
    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    statements = sql(folder, org=_has_org(con, folder), pay=_has_pay(con, folder))
    for stmt in statements[:-1]:
        con.execute(stmt)
    return con.execute(statements[-1]).df()
