"""The shape of the code: each job in its own place, pages that only arrange, nothing too long.

Reports hold no Plotly and no Streamlit; charts no Streamlit; only charts and the presentation
build figures; page scripts read data through typed report functions, never by a report's
name; no page script, module or function grows past the size a newcomer can read at once.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from dashboard.paths import REPO_ROOT

DASHBOARD = REPO_ROOT / "dashboard"
PAGE_SCRIPTS = DASHBOARD / "page_scripts"
# importer/ and demo/ keep their own shape (validation rules and a generator, long by nature)
EXEMPT = ("importer", "demo")
FIGURE_MAKERS = re.compile(
    r"\bgo\.(?!layout\b|Figure\b)[A-Z]\w*\(|\bgo\.Figure\(|\bmake_subplots\(|"
    r"\.update_layout\(|\.update_traces\("
)
MAX_PAGE_LINES = 250
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80


def _modules() -> list[Path]:
    return sorted(
        p for p in DASHBOARD.rglob("*.py") if p.relative_to(DASHBOARD).parts[0] not in EXEMPT
    )


def _name(path: Path) -> str:
    return str(path.relative_to(REPO_ROOT))


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_only_charts_and_the_presentation_build_figures():
    allowed = (DASHBOARD / "charts", DASHBOARD / "presentation")
    offenders = [
        f"{_name(p)}:{n}: {line.strip()}"
        for p in _modules()
        if not p.is_relative_to(allowed[0]) and not p.is_relative_to(allowed[1])
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if FIGURE_MAKERS.search(line)
    ]
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("package", ["reports", "charts"])
def test_reports_and_charts_know_nothing_of_streamlit(package):
    offenders = [
        _name(p)
        for p in (DASHBOARD / package).rglob("*.py")
        if any(m == "streamlit" or m.startswith("streamlit.") for m in _imports(p))
    ]
    assert not offenders


def test_reports_draw_nothing():
    offenders = [
        _name(p)
        for p in (DASHBOARD / "reports").rglob("*.py")
        if any(m.startswith("plotly") or m.startswith("dashboard.charts") for m in _imports(p))
    ]
    assert not offenders


def test_pages_read_reports_through_typed_functions():
    offenders = [
        f"{_name(p)}:{n}: {line.strip()}"
        for p in sorted(PAGE_SCRIPTS.glob("*.py"))
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\breport\(\s*[\"']", line)
    ]
    assert not offenders, "\n".join(offenders)


def test_page_scripts_are_short():
    long = {
        _name(p): n
        for p in sorted(PAGE_SCRIPTS.glob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_PAGE_LINES
    }
    assert not long


def test_modules_are_short():
    long = {
        _name(p): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long


def test_functions_are_short():
    long = {}
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                if (n := node.end_lineno - first + 1) > MAX_FUNCTION_LINES:
                    long[f"{_name(path)}:{node.lineno} {node.name}"] = n
    assert not long
