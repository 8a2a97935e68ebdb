"""The house's shape: the core stands alone, and no module imports itself in a circle.

Read from the source (``ast``), not by importing: every ``import`` counts, including one
inside a function (a deferred import still ties the two modules together), except those
under ``if TYPE_CHECKING:`` (never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("wres_core", "dashboard", "wres_app")
UI = ("dashboard", "wres_app", "streamlit", "plotly")


def _modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = path
    return out


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(path: Path, module: str, is_package: bool) -> set[str]:
    """Every module name this file imports (absolute, as written or resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            skip |= {id(n) for child in node.body for n in ast.walk(child)}
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = module.split(".") if is_package else module.split(".")[:-1]
                here = here[:len(here) - (node.level - 1)]
                base = ".".join(here + ([base] if base else []))
            out.add(base)
            out |= {f"{base}.{alias.name}" for alias in node.names}
    return out


def _graph() -> dict[str, set[str]]:
    """Project module -> the project modules it imports (the most specific one named: ``from
    wres_core.exports import workbook`` is an edge to ``wres_core.exports.workbook``)."""
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        edges = set()
        for imported in _imports(path, name, path.name == "__init__.py"):
            if imported in modules:
                # "from pkg import sub" names both pkg.sub and pkg: keep the submodule.
                edges.add(imported)
        edges = {e for e in edges if not any(o.startswith(e + ".") for o in edges)}
        edges.discard(name)
        graph[name] = edges
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_graph_sees_the_imports():
    # The checker itself: it finds a known edge, a deferred one and a relative one.
    graph = _graph()
    assert "wres_core.registry" in graph["wres_core.api"]
    assert "wres_core.exports.pay_sheet" in graph["wres_core.exports.workbook"]  # deferred
    assert "dashboard.sources" in graph["dashboard.state"]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles():
    assert _cycles(_graph()) == []


def test_the_core_imports_no_user_interface():
    offenders = []
    for name, path in _modules().items():
        if not name.startswith("wres_core"):
            continue
        for imported in _imports(path, name, path.name == "__init__.py"):
            if imported.split(".")[0] in UI:
                offenders.append(f"{name} imports {imported}")
    assert offenders == []
