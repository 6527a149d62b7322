"""The import graph of the dashboard and the scripts: no cycles, and an importer without the demo.

A cycle means no module of it can be understood, tested or moved on its own, and which half
runs first depends on who imports first; so every import counts, also one inside a function
(it only runs later, but the two modules still need each other). Only imports under
`if TYPE_CHECKING:` are left out: they never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from dashboard.paths import REPO_ROOT

ROOTS = ("dashboard", "scripts")
# Cycles between modules that are being split up elsewhere right now, each as its set of
# modules; a cycle not on this list fails. Empty it once those modules are split.
KNOWN_CYCLES_BEING_REMOVED: list[frozenset[str]] = []


def module_files() -> dict[str, Path]:
    """Every module of the dashboard and the scripts by dotted name (a package by its own)."""
    found = {}
    for root in ROOTS:
        for path in sorted((REPO_ROOT / root).rglob("*.py")):
            parts = path.relative_to(REPO_ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement below `node`, in functions too, but not under TYPE_CHECKING."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child
        elif isinstance(child, ast.If) and _type_checking(child.test):
            for branch in child.orelse:
                yield from _imports_in(branch)
        else:
            yield from _imports(child)


def _imports_in(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
    else:
        yield from _imports(node)


def _known(name: str, modules: dict[str, Path]) -> str | None:
    """`name`, or the closest package above it that is one of ours (`dashboard.x.f` where f
    is a function of dashboard/x.py is an import of dashboard.x)."""
    parts = name.split(".")
    while parts:
        if ".".join(parts) in modules:
            return ".".join(parts)
        parts.pop()
    return None


def imported_modules(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The modules of ours that `module` imports."""
    is_package = path.name == "__init__.py"
    in_scripts = module.startswith("scripts.")
    out = set()
    for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                package = module.split(".") if is_package else module.split(".")[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join([*package, *([base] if base else [])])
            # `from package import name`: the submodule when there is one, else the package
            targets = [f"{base}.{alias.name}" if base else alias.name for alias in node.names]
            targets = [t if t in modules else base for t in targets]
        for target in targets:
            # a script runs with scripts/ first on sys.path: `import bench` is scripts/bench.py
            if in_scripts and f"scripts.{target}" in modules:
                target = f"scripts.{target}"
            known = _known(target, modules) if target else None
            if known is not None and known != module:
                out.add(known)
    return out


def import_graph() -> dict[str, set[str]]:
    modules = module_files()
    return {name: imported_modules(name, path, modules) for name, path in modules.items()}


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's components of more than one module: each holds at least one cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def a_cycle(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """One cycle through the first module of `component`, as the path back to it."""
    members = set(component)
    start = component[0]
    path = [start]
    seen = {start}

    def walk(node: str) -> bool:
        for nxt in sorted(graph[node] & members):
            if nxt == start:
                path.append(start)
                return True
            if nxt not in seen:
                seen.add(nxt)
                path.append(nxt)
                if walk(nxt):
                    return True
                path.pop()
        return False

    walk(start)
    return path


def test_the_graph_sees_the_imports_it_must():
    graph = import_graph()
    assert "dashboard.contract" in graph["dashboard.importer.validate"]
    assert "dashboard.server.preload" in graph["dashboard.server.serve"]
    assert "scripts.bench_common" in graph["scripts.bench_load"]
    # deferred, inside a function
    assert "dashboard.demo.export" in graph["dashboard.server.cli"]


def test_no_import_cycles():
    graph = import_graph()
    cycles = strongly_connected(graph)
    unexpected = [c for c in cycles if frozenset(c) not in KNOWN_CYCLES_BEING_REMOVED]
    assert not unexpected, "importcycli:\n" + "\n".join(
        " -> ".join(a_cycle(graph, c)) + f"  (samen: {', '.join(c)})" for c in unexpected
    )


def _reaches(graph: dict[str, set[str]], start: str) -> dict[str, str]:
    """Every module `start` imports, directly or not, with the module that imports it."""
    via: dict[str, str] = {}
    todo = [start]
    while todo:
        node = todo.pop()
        for nxt in sorted(graph[node]):
            if nxt not in via and nxt != start:
                via[nxt] = node
                todo.append(nxt)
    return via


def _in_demo(module: str) -> bool:
    return module.split(".")[:2] == ["dashboard", "demo"]


def test_the_importer_imports_nothing_of_the_demo():
    graph = import_graph()
    found = []
    for module in sorted(graph):
        if module != "dashboard.importer" and not module.startswith("dashboard.importer."):
            continue
        via = _reaches(graph, module)
        for demo in sorted(m for m in via if _in_demo(m) and not _in_demo(via[m])):
            chain = [demo]
            while chain[-1] != module:
                chain.append(via[chain[-1]])
            found.append(" -> ".join(reversed(chain)))
    assert not found, "de importer gebruikt de demo:\n" + "\n".join(found)
