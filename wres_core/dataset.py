"""The loaded data: one tidy frame per kind, every finding, and what each file gave."""

from __future__ import annotations

from dataclasses import dataclass, field

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

    def get(self, kind: str) -> pd.DataFrame | None:
        return self.frames.get(kind)

    def has(self, kind: str) -> bool:
        df = self.frames.get(kind)
        return df is not None and len(df) > 0

    @property
    def years(self) -> list[int]:
        """Every WRES reporting year present in any kind, ascending."""
        found: set[int] = set()
        for df in self.frames.values():
            found.update(int(y) for y in df["year"].unique())
        return sorted(found)

    @property
    def orgs(self) -> list[str]:
        found: set[str] = set()
        for df in self.frames.values():
            if "org" in df.columns:
                found.update(str(o) for o in df["org"].unique() if str(o))
        return sorted(found)
