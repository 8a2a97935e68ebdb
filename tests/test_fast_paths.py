"""The fast paths (issue 6) give exactly the figures of the plain ones.

The loader and the indicators work on integer codes of categorical columns instead of on
millions of strings. Each fast path is checked here against the plain pandas code it
replaced (kept below, as the reference), or against the same data arriving another way:
CSV, Parquet of text, Parquet of categoricals, Parquet of typed columns.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wres_core import loader, readers
from wres_core import values as vals
from wres_core.api import Engine, Query, filter_data
from wres_core.codes.bands import BAND_ORDER, MEDICAL_ROWS
from wres_core.dataset import Dataset
from wres_core.indicators import _common, workforce
from wres_core.indicators._common import ALL, OVERALL
from wres_core.readers import Source
from wres_core.sample import generate, to_csv_bytes
from wres_core.schema import CLINICAL_LEVELS, GROUP_COLUMN, WRES_GROUPS

QUERIES = [
    Query(suppress=0),
    Query(by="department", suppress=0),
    Query(by="org", suppress=0),
    Query(groups="category", by="pay_band", suppress=0),
    Query(where=(("pay_band", ("Band 5", "Band 6")),), suppress=0),
    Query(),  # publication-safe
]


# --- the same data, four ways in ---------------------------------------------------------


@pytest.fixture(scope="module")
def files() -> dict[str, pd.DataFrame]:
    """A small multi-organisation sample, as text (what the CSV files hold)."""
    return generate(seed=11, n_staff=900, orgs=3)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns as an export tool would type them: whole numbers, decimals, yes/no flags."""
    out = {}
    for col in frame.columns:
        text = frame[col]
        blank = text.eq("")
        filled = text[~blank]
        if filled.isin(["Y", "N"]).all() and len(filled):
            out[col] = filled.eq("Y").reindex(text.index).astype("boolean")
        elif filled.str.fullmatch(r"-?\d+").all() and len(filled):
            out[col] = pd.to_numeric(filled).reindex(text.index).astype("Int64")
        elif filled.str.fullmatch(r"-?\d+\.\d+").all() and len(filled):
            out[col] = pd.to_numeric(filled).reindex(text.index)
        else:
            out[col] = text
    return pd.DataFrame(out)


def _parquet(frame: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False)
    return buf.getvalue()


def _engine(files: dict[str, pd.DataFrame], how: str) -> Engine:
    if how == "csv":
        sources = [(name, to_csv_bytes(f)) for name, f in files.items()]
    else:
        convert = {"text": lambda f: f, "categorical": lambda f: f.astype("category"),
                   "typed": _typed}[how]
        sources = [(name.replace(".csv", ".parquet"), _parquet(convert(f)))
                   for name, f in files.items()]
    return Engine(loader.load(sources))


@pytest.mark.parametrize("how", ["text", "categorical", "typed"])
def test_parquet_gives_the_results_of_csv(files, how):
    csv, parquet = _engine(files, "csv"), _engine(files, how)
    for query in QUERIES:
        pd.testing.assert_frame_equal(parquet.results(query), csv.results(query),
                                      check_exact=True, obj=repr(query))


def test_parquet_gives_the_frames_of_csv(files):
    """Row for row, including the categories (and their order) of every column."""
    csv, parquet = _engine(files, "csv"), _engine(files, "categorical")
    assert sorted(csv.data.frames) == sorted(parquet.data.frames)
    for kind, frame in csv.data.frames.items():
        other = parquet.data.frames[kind].drop(columns="source_file")
        pd.testing.assert_frame_equal(other, frame.drop(columns="source_file"),
                                      check_exact=True, obj=kind)


# --- counting: bincount over codes against the plain group-by -----------------------------


def _counts_plain(df, *, groups, dims, flag=None, group_list=None):
    """The group-by ``_common.counts`` replaced."""
    gcol = GROUP_COLUMN[groups]
    glist = list(group_list) if group_list is not None else _common.group_values(df, groups)
    weight = df["count"].astype("int64")
    base = pd.DataFrame({"year": df["year"].astype("int64"), "group": df[gcol], "n": weight})
    if flag is not None:
        base["k"] = weight.where(df[flag].fillna(False).astype(bool), 0)
    value_cols = ["n", "k"] if flag is not None else ["n"]
    parts = []
    for dim in dims:
        level = pd.Series(ALL, index=df.index) if dim == OVERALL else df[dim]
        summed = base.assign(level=level).groupby(
            ["year", "level", "group"], observed=True, dropna=True)[value_cols].sum()
        if summed.empty:
            continue
        cells = summed.index.droplevel("group").unique()
        full = pd.MultiIndex.from_tuples(
            [(y, lvl, g) for y, lvl in cells for g in glist], names=["year", "level", "group"])
        summed = summed.reindex(full, fill_value=0).reset_index()
        summed.insert(1, "dimension", dim)
        parts.append(summed)
    cols = ["year", "dimension", "level", "group", *value_cols]
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True)
    out["level"] = out["level"].astype(str)
    out["group"] = out["group"].astype(str)
    for c in value_cols:
        out[c] = out[c].astype("int64")
    return out[cols]


def _people(seed: int, n: int = 400, *, ones: bool = False) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    groups = rng.choice(["White", "BME", "Unknown", None], size=n, p=[0.6, 0.3, 0.07, 0.03])
    dept = rng.choice(["Cardiology", "Radiology", "A&E", None], size=n, p=[0.4, 0.3, 0.2, 0.1])
    return pd.DataFrame({
        "year": rng.choice([2026, 2024, 2025], size=n),
        "count": np.ones(n, dtype=int) if ones else rng.integers(0, 4, size=n),
        # an unused category and missing values, as real frames have
        "wres_group": pd.Categorical(groups, categories=["White", "BME", "Unknown", "Other"]),
        "dept_cat": pd.Categorical(dept, categories=["Radiology", "Cardiology", "A&E", "Spare"]),
        "dept_text": pd.Series(dept, dtype="string"),
        "band": pd.Categorical(rng.choice(["Band 5", "Band 8a", "VSM"], size=n),
                               categories=BAND_ORDER, ordered=True),
        "hit": pd.array(rng.choice([True, False, None], size=n), dtype="boolean"),
    })


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("ones", [False, True])
@pytest.mark.parametrize("flag", [None, "hit"])
@pytest.mark.parametrize("group_list", [None, ["BME", "White", "Nobody"], ["White"]])
def test_counts_matches_the_group_by(seed, ones, flag, group_list):
    df = _people(seed, ones=ones)
    dims = [OVERALL, "dept_cat", "dept_text", "band"]
    got = _common.counts(df, groups="wres", dims=dims, flag=flag, group_list=group_list)
    want = _counts_plain(df, groups="wres", dims=dims, flag=flag, group_list=group_list)
    pd.testing.assert_frame_equal(got, want, check_exact=True)


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("flag", [None, "hit"])
def test_counts_off_the_grid_match_the_group_by(monkeypatch, seed, flag):
    """A breakdown too fine for the whole grid of slots is counted over its observed cells
    only: the same figures."""
    monkeypatch.setattr(_common, "GRID_SLOTS", 0)
    df = _people(seed, n=30)  # fewer rows than slots: off the grid
    dims = [OVERALL, "dept_cat", "band"]
    got = _common.counts(df, groups="wres", dims=dims, flag=flag)
    want = _counts_plain(df, groups="wres", dims=dims, flag=flag)
    pd.testing.assert_frame_equal(got, want, check_exact=True)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=1, max_size=30),
       st.sampled_from(["int16", "int64", "uint32"]))
def test_offset_codes_rank_values_as_unique_does(values, dtype):
    """Codes by offset, with every value of the span present (a run of years) or gaps."""
    arr = np.asarray([v + 2024 for v in values], dtype=dtype)
    codes, distinct = vals.offset_codes(arr)
    want, inverse = np.unique(arr, return_inverse=True)
    assert codes.tolist() == inverse.reshape(-1).tolist()
    assert distinct.tolist() == want.tolist() and distinct.dtype == arr.dtype


def test_pay_gap_kept_per_dataset_matches_a_fresh_one():
    """The pay gap's work kept for the other group levels (Dataset.memo) gives each level
    the figures of a Dataset that has kept nothing, and a filtered Dataset keeps its own."""
    from wres_core.indicators.pay import pay_gaps

    data = loader.load(["data/sample"])
    if "hourly_pay" not in data.frames["workforce"].columns:
        pytest.skip("the sample has no hourly pay")
    for groups in ("wres", "broad", "category", "wres"):
        for by in (None, "department"):
            got = pay_gaps(data, groups=groups, by=by)
            fresh = Dataset(frames=data.frames, findings=data.findings, tables=data.tables)
            pd.testing.assert_frame_equal(got, pay_gaps(fresh, groups=groups, by=by))
    kept = filter_data(data, (("pay_band", ("Band 5",)),))
    fresh = filter_data(Dataset(frames=data.frames), (("pay_band", ("Band 5",)),))
    pd.testing.assert_frame_equal(pay_gaps(kept), pay_gaps(fresh))
    assert len(pay_gaps(kept)) and not pay_gaps(kept).equals(pay_gaps(data))


def test_counts_of_nobody():
    df = _people(4).iloc[:0]
    got = _common.counts(df, groups="wres", dims=[OVERALL, "dept_cat"], group_list=["White"])
    assert got.empty and list(got.columns) == ["year", "dimension", "level", "group", "n"]


# --- indicator 1's clinical-by-band rows: codes against text -------------------------------


def _clinical_pay_band_plain(df):
    """The text version ``workforce._with_clinical_pay_band`` replaced."""
    clinical = df["clinical"].astype("string")
    bands = workforce._band_order(df)
    band = df["pay_band"].astype("string")
    medical = band.isin(MEDICAL_ROWS).fillna(False)
    clinical = clinical.mask(medical & clinical.isna(), "Clinical")
    side = clinical.mask(medical, "Clinical")
    combined = side + ": " + band
    clinical = workforce._clinical_in_order(clinical)
    labels = [f"{c}: {b}" for c in clinical.cat.categories for b in bands
              if not (b in MEDICAL_ROWS and c != "Clinical")]
    return df.assign(clinical=clinical,
                     clinical_pay_band=pd.Categorical(combined, categories=labels))


@pytest.mark.parametrize("categorical", [True, False])
def test_clinical_pay_band_matches_text(categorical):
    rng = np.random.default_rng(5)
    n = 300
    band = rng.choice(["Band 5", "Consultant", "Trainee grade", "VSM", None], size=n)
    clinical = rng.choice(["Clinical", "Non-clinical", "Unsure", None], size=n)
    df = pd.DataFrame({"pay_band": pd.Categorical(band, categories=BAND_ORDER, ordered=True),
                       "clinical": pd.Categorical(clinical, categories=[*CLINICAL_LEVELS,
                                                                        "Unsure"])})
    if not categorical:
        df = df.astype({"pay_band": "string", "clinical": "string"})
    pd.testing.assert_frame_equal(workforce._with_clinical_pay_band(df),
                                  _clinical_pay_band_plain(df), check_exact=True)


# --- reading values: distinct values and codes against row by row --------------------------


def _by_unique_plain(values, fn, dtype):
    codes, uniques = pd.factorize(values.astype("string"), use_na_sentinel=True)
    mapped = pd.array([fn(str(u)) for u in uniques] + [None], dtype=dtype)
    idx = codes.copy()
    idx[idx < 0] = len(uniques)
    return pd.Series(mapped.take(idx), index=values.index, dtype=dtype)


TEXT = pd.Series([" 914 Cardiology L5", "Ward 7 ", None, "914 Cardiology L5", "", "A&E"],
                 dtype="string", index=range(10, 16))


@pytest.mark.parametrize("values", [TEXT, TEXT.astype("category")])
def test_value_readers_match_row_by_row(values):
    pd.testing.assert_series_equal(vals.by_unique(values, vals.display_name, "string"),
                                   _by_unique_plain(TEXT, vals.display_name, "string"))
    pd.testing.assert_series_equal(
        vals.category_by_unique(values, vals.display_name),
        _by_unique_plain(TEXT, vals.display_name, "string").astype("category"))
    strip = vals.text_op(values, lambda s: s.str.strip(), category=True)
    pd.testing.assert_series_equal(strip, TEXT.str.strip().astype("category"))
    org = vals.text_op(values, lambda s: s.str.strip(), blank="", category=True)
    pd.testing.assert_series_equal(org, TEXT.str.strip().fillna("").astype("category"))
    ids = vals.text_op(values, lambda s: s.str.strip())
    pd.testing.assert_series_equal(ids, TEXT.str.strip().astype("string"))


def test_combined_codes_agree_with_duplicated():
    df = _people(6, n=600)[["year", "wres_group", "dept_text", "dept_cat"]]
    cols = list(df.columns)
    key = vals.combined_codes(df, cols)
    assert (pd.Series(key).duplicated().to_numpy() == df.duplicated(cols).to_numpy()).all()
    # equal keys exactly where the rows are equal
    first = pd.Series(range(len(df))).groupby(key).transform("min").to_numpy()
    assert (pd.DataFrame({"k": key}).groupby(df.apply(tuple, axis=1)).nunique()["k"] == 1).all()
    assert len(set(first)) == len(df.drop_duplicates())


# --- the Parquet reader: text of distinct values against text of every value ---------------


def _parquet_text_plain(s: pd.Series) -> pd.Series:
    """The per-row conversion ``readers._read_parquet`` replaced."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        return s.cat.rename_categories([str(c) for c in s.cat.categories])
    if pd.api.types.is_bool_dtype(s):
        return s.map({True: "yes", False: "no"}).astype("string")
    if pd.api.types.is_float_dtype(s):
        return s.map(lambda v: pd.NA if pd.isna(v) else
                     (str(int(v)) if float(v).is_integer() else repr(float(v))))
    return s.astype("string")


def test_parquet_text_matches_row_by_row():
    n = 3000
    rng = np.random.default_rng(8)
    frame = pd.DataFrame({
        "year": rng.choice([2024, 2025], size=n),
        "answer": pd.array(rng.choice([1, 2, 9, None], size=n), dtype="Int8"),
        "fte": rng.choice([1.0, 0.8, -0.0, 0.0, 2.5e-7, np.nan], size=n),
        "flag": rng.choice([True, False], size=n),
        "maybe": pd.array(rng.choice([True, False, None], size=n), dtype="boolean"),
        "band": rng.choice(["Band 5", " Band 6", "", None], size=n),
        "person": [f"E{i:07d}" for i in range(n)],
        "number": np.arange(n) * 7,
        "dept": pd.Categorical(rng.choice(["Cardiology", "Radiology"], size=n)),
        "when": pd.to_datetime("2024-04-01") + pd.to_timedelta(rng.integers(0, 9, n), "D"),
    })
    got = readers.read(Source("workforce.parquet", _parquet(frame)))[0].data
    plain = pd.read_parquet(io.BytesIO(_parquet(frame)))
    assert list(got.columns) == list(frame.columns)
    assert got.index.tolist() == list(range(2, 2 + n))
    for col in frame.columns:
        want = _parquet_text_plain(plain[col]).astype(object).where(plain[col].notna(), None)
        have = got[col].astype(object).where(got[col].notna(), None)
        assert have.tolist() == want.tolist(), col
    # Few distinct values are kept as categories; identifiers stay plain text.
    assert isinstance(got["answer"].dtype, pd.CategoricalDtype)
    assert isinstance(got["band"].dtype, pd.CategoricalDtype)
    assert not isinstance(got["person"].dtype, pd.CategoricalDtype)


# --- linking cases and training to the workforce: codes against a merge --------------------


def _fill_plain(mine, theirs):
    if isinstance(mine.dtype, pd.CategoricalDtype) or isinstance(theirs.dtype,
                                                                   pd.CategoricalDtype):
        dtype = theirs.dtype if isinstance(theirs.dtype, pd.CategoricalDtype) else mine.dtype
        cats = list(dtype.categories)
        for v in mine.dropna().unique():
            if v not in cats:
                cats.append(v)
        dt = pd.CategoricalDtype(cats, ordered=dtype.ordered)
        return mine.astype(object).where(mine.notna(), theirs.astype(object)).astype(dt)
    return mine.where(mine.notna(), theirs)


def _join_plain(df, wf, take):
    """The merge ``loader._join_workforce`` replaced."""
    keys = ["org", "year", "person_id"]
    lookup = wf.loc[wf["person_id"].notna(), [*keys, *take]].drop_duplicates(keys)
    joined = df.merge(lookup, on=keys, how="left", suffixes=("", "__wf"), indicator=True)
    matched = (joined["_merge"] == "both").to_numpy()
    for c in take:
        if f"{c}__wf" in joined.columns:
            # The person's workforce record wins; the row's own value where it has none.
            joined[c] = _fill_plain(joined[f"{c}__wf"], joined[c])
    return joined.drop(columns=[c for c in joined.columns
                                if c.endswith("__wf") or c == "_merge"]), matched


def test_join_matches_merge():
    rng = np.random.default_rng(9)
    n = 500
    orgs = pd.Categorical(rng.choice(["A", "B", "C"], size=n))
    wf = pd.DataFrame({
        "org": orgs, "year": rng.choice([2024, 2025], size=n),
        "person_id": pd.Series(rng.choice([f"P{i}" for i in range(200)] + [None], size=n),
                               dtype="string"),
        "department": pd.Categorical(rng.choice(["Cardiology", "Radiology"], size=n)),
        "wres_group": pd.Categorical(rng.choice(list(WRES_GROUPS), size=n),
                                     categories=list(WRES_GROUPS)),
    })
    m = 300
    events = pd.DataFrame({
        # other categories (and one org the workforce lacks), ids that match nobody
        "org": pd.Categorical(rng.choice(["C", "A", "D"], size=m)),
        "year": rng.choice([2024, 2025, 2026], size=m),
        "person_id": pd.Series(rng.choice([f"P{i}" for i in range(260)] + [None], size=m),
                               dtype="string"),
        "department": pd.Categorical(rng.choice(["Cardiology", "Theatres", None], size=m)),
    })
    take = ["wres_group", "department"]
    keys = loader._joint_keys([wf, events], loader.PERSON_KEY)
    index = loader._first_rows(keys[0], wf["person_id"].notna().to_numpy())
    got, found = loader._join_workforce(events, wf, take, keys[1], index)
    want, matched = _join_plain(events, wf, take)
    assert (found == matched).all() and matched.any() and not matched.all()
    # A merge on categorical keys whose categories differ turns ``org`` into text; the join
    # keeps it a category, as docs/design.md has it. The values are the same.
    assert isinstance(got["org"].dtype, pd.CategoricalDtype)
    pd.testing.assert_frame_equal(got.astype({"org": str}), want.astype({"org": str}),
                                  check_exact=True)


# --- filters: distinct values against every row --------------------------------------------


def _filter_plain(df: pd.DataFrame, column: str, allowed: list[str]) -> pd.DataFrame:
    """Every row's text compared, as ``api._matches`` did before it compared each distinct
    value once."""
    wanted = {v.strip().casefold() for v in allowed}
    text = df[column].astype("string").str.strip().str.casefold()
    return df[text.isin(wanted).fillna(False).to_numpy(dtype=bool)].reset_index(drop=True)


@pytest.mark.parametrize("column", ["dept_cat", "dept_text"])
@pytest.mark.parametrize("allowed", [["Radiology"], [" cardiology ", "A&E"], ["Spare"],
                                     ["Nowhere"]])
def test_filter_matches_the_row_by_row_comparison(column, allowed):
    df = _people(7)
    got = filter_data(Dataset(frames={"workforce": df}, findings=[], tables=[]),
                      [(column, tuple(allowed))]).frames["workforce"]
    pd.testing.assert_frame_equal(got, _filter_plain(df, column, allowed), check_exact=True)


@pytest.fixture(scope="module")
def sample_engine():
    return Engine.from_inputs(["data/sample"])


@pytest.mark.parametrize("where", [
    (("clinical", ("Clinical",)),),
    (("pay_band", ("Band 5", "Band 6")), ("department", ("Theatres",))),
    (("staff_group", ("Nursing and Midwifery Registered",)),),
])
def test_a_filtered_query_gives_the_indicators_of_the_filtered_data(sample_engine, where):
    # The engine leaves the ids out of the frames it filters (they cost the most to copy and
    # no indicator reads them); every figure must be what the full filtered frames give.
    from wres_core import api

    query = Query(where=where, by="department", suppress=0)
    got = sample_engine.unsuppressed(query)
    data = filter_data(sample_engine.data, where)
    parts = api.indicator_parts(data, query)
    plain = api.results.frame(pd.concat([p for p in parts if len(p)], ignore_index=True))
    plain = api.disclosure.apply_caution(plain, threshold=query.caution)
    assert len(got) > 100
    pd.testing.assert_frame_equal(got, plain, check_exact=True)


# --- person ids: plain numbers are their own codes -------------------------------------------


def _same_partition(codes: np.ndarray, s: pd.Series) -> None:
    """``codes`` are equal exactly where the texts are, and -1 exactly where one is missing:
    what ``pd.factorize``'s codes are, up to renaming."""
    want, _ = pd.factorize(s, use_na_sentinel=True)
    assert ((codes == -1) == (want == -1)).all()
    pairs = set(zip(codes.tolist(), want.tolist(), strict=True))
    assert len(pairs) == len(set(codes.tolist())) == len(set(want.tolist()))
    assert codes.min(initial=0) >= -1 and codes.max(initial=0) < vals.PLAIN_ID_LIMIT


@pytest.mark.parametrize("ids", [
    ["20148655", "7", None, "20148655", "-3"],
    ["007", "7", "7", None],            # a leading zero: text
    ["+7", "7"], [" 7", "7"], ["-0", "0"], ["0", "00", "0"],
    ["A123", "123", "A123"], ["\u0661", "1"],   # an Arabic-Indic one is not an ASCII digit
    [None, None],
    ["99999999999999999999", "1"],      # beyond int64: text
    ["4294967296", "1"],                # 2**32: hashed, so that joint keys cannot overflow
])
def test_id_codes_are_the_codes_of_the_text(ids):
    s = pd.Series(ids, dtype="string")
    _same_partition(vals.id_codes(s), s)


def test_plain_ids_are_their_own_numbers():
    s = pd.Series(["20148655", None, "7", "0"], dtype="string")
    assert vals.id_codes(s).tolist() == [20148655, -1, 7, 0]
    assert vals.id_codes(pd.Series([2024, 2025, 2024])).tolist() == [2024, 2025, 2024]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(0, 2**33).map(str),
                          st.sampled_from(["0", "00", "07", "7", "+7", " 7", "-1", "x"])),
                max_size=40))
def test_id_codes_partition_any_ids_as_their_text_does(ids):
    s = pd.Series(ids, dtype="string")
    _same_partition(vals.id_codes(s), s)


def test_id_codes_of_many_numeric_ids_match_factorize():
    rng = np.random.default_rng(3)
    raw = rng.integers(1, 10**9, size=5000).astype(str).astype(object)
    raw[rng.random(5000) < 0.05] = None
    s = pd.Series(np.concatenate([raw, raw[:1000]]), dtype="string")
    _same_partition(vals.id_codes(s), s)


# --- keys in order of first appearance, and work once per distinct row --------------------


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["overall", "department", "pay_band"]),
                          st.sampled_from(["All", "A", "B", "Band 5"]),
                          st.integers(2023, 2026)), max_size=50))
def test_first_seen_ranks_keys_as_a_dict_of_tuples_does(rows):
    from wres_core.indicators._common import first_seen, per_distinct

    df = pd.DataFrame(rows, columns=["dimension", "level", "year"]).astype(
        {"dimension": "string", "level": "string"})
    keys = list(zip(df["dimension"], df["level"], df["year"], strict=True))
    rank = {k: i for i, k in enumerate(dict.fromkeys(keys))}
    assert first_seen(df["dimension"], df["level"], df["year"]).tolist() == [rank[k] for k in keys]
    calls = []

    def label(d, lvl, y):
        calls.append(1)
        return f"{d}/{lvl}/{y}"

    got = per_distinct(label, {"d": df["dimension"], "lvl": df["level"], "y": df["year"]})
    assert got.tolist() == [f"{d}/{lvl}/{y}" for d, lvl, y in keys]
    assert len(calls) == len(rank)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.integers(2015, 2030), st.integers(-10**12, 10**12)), max_size=30))
def testsorted_codes_number_values_in_ascending_order(values):
    from wres_core.indicators._common import sorted_codes

    arr = np.array(values, dtype=np.int64)
    codes, uniques = sorted_codes(arr)
    assert uniques.tolist() == sorted(set(values))
    assert uniques[codes].tolist() == values


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "RX1", "RX2", None]), st.integers(2024, 2026),
                          st.sampled_from(["Band 5", "Band 6", "VSM", None]),
                          st.sampled_from(["White", "BME", "Unknown"]), st.integers(0, 3)),
                max_size=40))
def test_unknown_counts_match_a_group_by(rows):
    df = pd.DataFrame(rows, columns=["org", "year", "pay_band", "wres_group", "count"])
    df["org"] = df["org"].astype(pd.CategoricalDtype(["RX2", "", "RX1"]))
    df["pay_band"] = df["pay_band"].astype(pd.CategoricalDtype(["Band 5", "Band 6", "VSM"],
                                                               ordered=True))
    df["wres_group"] = df["wres_group"].astype("category")
    for keys in (["org", "year"], ["org", "year", "pay_band"]):
        got = loader._unknown_counts(df, keys)
        people = df.assign(n=df["count"], u=df["count"].where(df["wres_group"] == "Unknown", 0))
        want = people.groupby(keys, observed=True)[["n", "u"]].sum().reset_index()
        want = want[want["n"] > 0]
        assert [tuple(r) for r in got.itertuples(index=False)] == \
            [tuple(r) for r in want.itertuples(index=False)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.integers(0, 50), st.integers(0, 2**40), st.integers(0, 2**62)),
                max_size=60))
def test_stable_sort_is_a_stable_argsort(values):
    key = np.array(values, dtype=np.int64)
    got_keys, got_order = vals.stable_sort(key)
    order = np.argsort(key, kind="stable")
    assert got_order.tolist() == order.tolist()
    assert got_keys.tolist() == key[order].tolist()
    assert vals.duplicated(key).tolist() == pd.Series(key).duplicated().tolist()


# --- person ids as numbers or as text (issue 17) --------------------------------------------


def _styled(number: str, style: str) -> str:
    """An ESR employee number written as a pseudonymised extract might: ``P`` and the
    number, or a hash-like string (one to one with the number)."""
    if style == "text":
        return f"P{number}"
    if style == "hash":
        return f"{(int(number) * 0x9E3779B97F4A7C15) % 2**64:016x}"
    return number


@pytest.mark.parametrize("style", ["text", "hash"])
def test_text_ids_give_the_results_of_numeric_ids(files, style):
    """The same people under text ids: every result, and every linked row, unchanged."""
    restyled = {}
    for name, frame in files.items():
        if "Employee Number" in frame.columns:
            ids = frame["Employee Number"]
            frame = frame.assign(**{"Employee Number": ids.where(
                ids.eq(""), ids.map(lambda v: _styled(v, style) if v else v))})
        restyled[name] = frame
    numeric, text = _engine(files, "text"), _engine(restyled, "text")
    for query in QUERIES:
        pd.testing.assert_frame_equal(text.results(query), numeric.results(query),
                                      check_exact=True, obj=repr(query))
    for kind in ("disciplinary", "training"):
        a, b = numeric.data.frames[kind], text.data.frames[kind]
        assert a["matched"].tolist() == b["matched"].tolist()
        assert a["wres_group"].astype(str).tolist() == b["wres_group"].astype(str).tolist()


_ID_STYLE = st.sampled_from(["numeric", "text", "hash"])


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32 - 1), _ID_STYLE, st.integers(5, 80), st.integers(1, 60))
def test_join_matches_merge_for_any_ids(seed, style, n, m):
    """The sorted-key join against a plain merge, ids numeric or text, with years spanning
    a few values (numbered from the first), duplicates, missing ids and unknown orgs."""
    rng = np.random.default_rng(seed)

    def ids(size: int, people: int) -> pd.Series:
        chosen = rng.integers(0, people, size=size) + 10_000_000
        out = pd.Series([_styled(str(v), style) for v in chosen], dtype="string")
        return out.mask(rng.random(size) < 0.1)

    wf = pd.DataFrame({
        "org": pd.Categorical(rng.choice(["A", "B"], size=n)),
        "year": rng.choice([2024, 2026], size=n),
        "person_id": ids(n, 40),
        "wres_group": pd.Categorical(rng.choice(list(WRES_GROUPS), size=n),
                                     categories=list(WRES_GROUPS)),
    })
    events = pd.DataFrame({
        "org": pd.Categorical(rng.choice(["B", "A", "Z"], size=m)),
        "year": rng.choice([2024, 2025, 2026], size=m),
        "person_id": ids(m, 50),
    })
    keys = loader._joint_keys([wf, events], loader.PERSON_KEY)
    index = loader._first_rows(keys[0], wf["person_id"].notna().to_numpy())
    got, found = loader._join_workforce(events, wf, ["wres_group"], keys[1], index)
    want, matched = _join_plain(events, wf, ["wres_group"])
    assert found.tolist() == matched.tolist()
    pd.testing.assert_frame_equal(got.astype({"org": str}), want.astype({"org": str}),
                                  check_exact=True)
    # Duplicates by the sorted keys are those of the rows themselves.
    for frame, key in ((wf, keys[0]), (events, keys[1])):
        assert vals.duplicated(key).tolist() == frame.duplicated(loader.PERSON_KEY).tolist()
        own = vals.combined_codes(frame, loader.PERSON_KEY)
        assert vals.duplicated(own).tolist() == frame.duplicated(loader.PERSON_KEY).tolist()
