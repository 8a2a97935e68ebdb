"""Indicator 9: the ethnic make-up of the board against that of the whole workforce."""

from __future__ import annotations

import pandas as pd

from wres_core import results
from wres_core.dataset import Dataset
from wres_core.indicators._common import ALL, OVERALL, counts
from wres_core.indicators.workforce import shares
from wres_core.schema import BROAD_GROUPS, GROUP_COLUMN, GROUP_LEVELS, WRES_GROUPS

INDICATOR = 9
BOARD_ROLE = "board_role"
ROLES = (ALL, "Voting", "Non-voting", "Executive", "Non-executive")

# Working columns holding each member's role level, one per split of the board.
_VOTING = "_voting"
_EXECUTIVE = "_executive"


def _group_list(frames: list[pd.DataFrame], groups: str) -> list[str]:
    """The groups to report: at ``wres`` level always White, BME, Unknown (an all-White board
    must still show BME at 0%); otherwise every group present on the board or in the
    workforce (a group absent from the board is a finding: 0% against its workforce share),
    in the usual order."""
    if groups == "wres":
        return list(WRES_GROUPS)
    col = GROUP_COLUMN[groups]
    present: set[str] = set()
    order: list[str] = list(BROAD_GROUPS) if groups == "broad" else []
    for df in frames:
        if col not in df.columns:
            continue
        present.update(str(v) for v in df[col].dropna().unique())
        if isinstance(df[col].dtype, pd.CategoricalDtype):
            order.extend(str(c) for c in df[col].cat.categories if str(c) not in order)
    order.extend(sorted(present - set(order)))
    return [g for g in order if g in present]


def _role_levels(board: pd.DataFrame) -> pd.DataFrame:
    """Add the two role splits as ordered categories (NA where the flag is missing)."""
    voting = board["voting"].astype("boolean")
    executive = board["executive"].astype("boolean")
    return board.assign(
        **{
            _VOTING: pd.Categorical(
                voting.map({True: "Voting", False: "Non-voting"}), categories=ROLES[1:3]
            ),
            _EXECUTIVE: pd.Categorical(
                executive.map({True: "Executive", False: "Non-executive"}),
                categories=ROLES[3:5],
            ),
        }
    )


def indicator_9(data: Dataset, *, groups: str = "wres") -> pd.DataFrame:
    """WRES indicator 9: board membership by ethnicity against the workforce.

    For every year of ``data.frames["board"]`` (31 March snapshot, the WRES reporting year),
    three measures per group:

    - ``board_share`` (dimension ``board_role``; levels "All", "Voting", "Non-voting",
      "Executive", "Non-executive")::

          board_share = 100 * members of the role in group / members of the role

      with the Wilson 95% interval in percent. A role with no members that year has no rows.
    - ``workforce_share`` (dimension ``overall``, level "All"): 100 * staff in group / all
      staff, from the workforce of the same year (as indicator 1's overall row, Unknown
      ethnicity in the denominator), with its Wilson interval.
    - ``difference`` (dimension ``board_role``, same levels as the board rows)::

          difference = board_share - workforce_share      (percentage points, no interval)

      numerator and denominator are empty (the counts are on the share rows).

    **The headline WRES figure is the difference for group "BME" at level "Voting"** (the
    board's voting membership against the overall workforce); the other roles are context.

    Groups: White, BME and Unknown at ``wres`` level (all three always, with 0 where there is
    nobody); at ``broad`` and ``category`` level every group present on the board or in the
    workforce. Where there is no workforce for a board year, ``workforce_share`` and
    ``difference`` have rows with empty figures and the note "no workforce data for YEAR".

    >>> cat = lambda v, c: pd.Categorical(v, categories=c)
    >>> board = pd.DataFrame({"year": [2024] * 4, "count": [1, 1, 1, 1],
    ...     "wres_group": cat(["White", "White", "White", "BME"], ["White", "BME", "Unknown"]),
    ...     "voting": [True, True, False, True], "executive": [True, False, False, False]})
    >>> wf = pd.DataFrame({"year": [2024, 2024], "count": [80, 20],
    ...     "wres_group": cat(["White", "BME"], ["White", "BME", "Unknown"])})
    >>> r = indicator_9(Dataset(frames={"board": board, "workforce": wf}))
    >>> head = (r.measure == "difference") & (r.group == "BME") & (r.level == "Voting")
    >>> round(float(r.loc[head, "value"].iloc[0]), 2)
    13.33
    """
    if groups not in GROUP_LEVELS:
        raise ValueError(f"groups must be one of {', '.join(GROUP_LEVELS)}; got {groups!r}")
    board = data.get("board")
    if board is None or board.empty:
        return results.empty()
    workforce = data.get("workforce")
    frames = [board] + ([workforce] if workforce is not None else [])
    group_list = _group_list(frames, groups)
    group_rank = {g: i for i, g in enumerate(group_list)}

    # Board shares per role.
    cnt = counts(
        _role_levels(board),
        groups=groups,
        dims=[OVERALL, _VOTING, _EXECUTIVE],
        group_list=group_list,
    )
    cnt["dimension"] = BOARD_ROLE
    board_rows = shares(cnt).assign(measure="board_share", note="")

    # Workforce shares of the same years.
    years = sorted(int(y) for y in board_rows["year"].unique())
    if workforce is not None and not workforce.empty:
        wf = workforce[workforce["year"].astype("int64").isin(years)]
        wf_cnt = counts(wf, groups=groups, dims=[OVERALL], group_list=group_list)
    else:
        wf_cnt = pd.DataFrame(columns=["year", "dimension", "level", "group", "n"])
    wf_rows = shares(wf_cnt).assign(measure="workforce_share", note="")
    have = set(int(y) for y in wf_rows["year"].unique())
    missing = [y for y in years if y not in have]
    if missing:
        gap_rows = pd.DataFrame(
            [
                {
                    "year": y,
                    "dimension": OVERALL,
                    "level": ALL,
                    "group": g,
                    "measure": "workforce_share",
                    "note": f"no workforce data for {y}",
                }
                for y in missing
                for g in group_list
            ]
        )
        wf_rows = pd.concat([wf_rows, gap_rows], ignore_index=True)

    # Difference: board share minus the workforce share of the same year and group.
    wf_value = wf_rows.set_index(["year", "group"])["value"]
    key = pd.MultiIndex.from_arrays([board_rows["year"], board_rows["group"]])
    wf_for_board = wf_value.reindex(key).to_numpy(dtype=float, na_value=float("nan"))
    diff_rows = board_rows[["year", "dimension", "level", "group"]].assign(
        measure="difference",
        value=board_rows["value"].to_numpy(dtype=float) - wf_for_board,
        note=[
            "" if int(y) in have else f"no workforce data for {int(y)}" for y in board_rows["year"]
        ],
    )

    out = pd.concat([board_rows, wf_rows, diff_rows], ignore_index=True)
    measure_rank = {"board_share": 0, "workforce_share": 1, "difference": 2}
    role_rank = {r: i for i, r in enumerate(ROLES)}
    out = out.assign(
        _m=out["measure"].map(measure_rank),
        _l=out["level"].map(role_rank).fillna(0),
        _g=out["group"].map(group_rank),
    ).sort_values(["year", "_m", "_l", "_g"], kind="stable")
    out = out.assign(indicator=INDICATOR)
    return results.frame(out.drop(columns=[c for c in ("n", "_m", "_l", "_g") if c in out]))
