"""The loaded data: one tidy frame per kind, every finding, and what each file gave."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from wres_core.findings import Finding


@dataclass(frozen=True)
class SourceTable:
    """One table read from the user's files (a CSV, a sheet, a Parquet file)."""

    file: str
    sheet: str
    kind: str  # "" when it could not be recognised
    rows: int  # data rows read (before any was dropped)
    loaded: bool  # False when an error stopped this table
    years: tuple[int, ...] = ()


@dataclass
class Dataset:
    """Everything the loader produced. ``frames`` maps a kind to its tidy frame
    (see docs/design.md); kinds with no data are absent."""

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    tables: list[SourceTable] = field(default_factory=list)
    # Work on these frames that does not depend on the query's group level (see ``memo``).
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def memo(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """``build()``, once per Dataset and ``key``: for work on the loaded frames that a
        computation repeats for each group level (a publication-safe overall table computes
        all three). A filtered Dataset is a new one, with its own, and ``Engine`` filters
        afresh for each group level, so today only unfiltered tables share the work. The
        frames are never changed after loading, so what is kept stays true."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def get(self, kind: str) -> pd.DataFrame | None:
        return self.frames.get(kind)

    def has(self, kind: str) -> bool:
        """Whether there is data of this kind: rows, or a header-only file of it (a true
        zero for its year, such as no disciplinary case)."""
        df = self.frames.get(kind)
        return df is not None and (len(df) > 0 or bool(self.covered_years(kind)))

    def covered_years(self, kind: str) -> set[int]:
        """The WRES years the data of this kind covers: those of its rows, and those of the
        tables of it that loaded (before any row was set aside, and a header-only file's
        year). A year covered without a row of this kind is a true zero, not a gap. (A
        filter keeps this: a year with no case in the department filtered on is still
        covered by the file.)"""
        df = self.frames.get(kind)
        found = set() if df is None else {int(y) for y in df["year"].unique()}
        found.update(y for t in self.tables if t.kind == kind and t.loaded for y in t.years)
        return found

    @property
    def years(self) -> list[int]:
        """Every WRES reporting year present in any kind, ascending (a header-only file's
        year too)."""
        found: set[int] = set()
        for df in self.frames.values():
            found.update(int(y) for y in df["year"].unique())
        found.update(y for t in self.tables if t.loaded and t.kind in self.frames
                     for y in t.years)
        return sorted(found)

    @property
    def orgs(self) -> list[str]:
        found: set[str] = set()
        for df in self.frames.values():
            if "org" in df.columns:
                found.update(str(o) for o in df["org"].unique() if str(o))
        return sorted(found)
