"""The first page's work done when the server listens, and the first run waiting for it."""

from __future__ import annotations

import sys
import threading

from dashboard.server import launcher, preload, serve


def test_without_a_preload_the_first_run_does_not_wait(fresh_preload):
    finished = threading.Event()
    threading.Thread(target=lambda: (fresh_preload.wait(), finished.set()), daemon=True).start()
    assert finished.wait(5)


def test_warm_imports_the_pages_modules_and_opens_the_database(monkeypatch, tmp_path):
    from dashboard import data
    from dashboard.charts import template

    opened = []
    monkeypatch.setattr(data, "database", lambda: opened.append(True))
    preload.warm()
    assert opened == [True]
    assert all(name in sys.modules for name in preload.modules())
    assert template.TEMPLATE_NAME in __import__("plotly.io").io.templates


def _page_imports() -> set[str]:
    """The dashboard modules the page scripts import (`from dashboard import x` names the
    module dashboard.x), read from their source: they run as scripts, not as modules."""
    import ast

    from dashboard.paths import REPO_ROOT

    found = set()
    for script in (REPO_ROOT / "dashboard" / "page_scripts").glob("*.py"):
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("dashboard"):
                for alias in node.names:
                    name = f"{node.module}.{alias.name}"
                    path = REPO_ROOT.joinpath(*name.split("."))
                    is_module = path.with_suffix(".py").exists() or path.is_dir()
                    found.add(name if is_module else node.module)
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name.startswith("dashboard.")}
    return found


def test_the_preload_finds_every_module_the_pages_import_and_no_script():
    found = preload.modules()
    assert found[:5] == ["pandas", "polars", "pyarrow", "duckdb", "plotly.graph_objects"]
    wanted = {name for name in _page_imports() if not name.startswith("dashboard.server")}
    assert "dashboard.importer.upload" in wanted
    assert wanted <= set(found)
    assert not [
        name
        for name in found
        if name == "dashboard.app" or name.split(".")[:2][-1] in {"page_scripts", "server", "demo"}
    ]


def test_the_launcher_serves_through_the_preload_on_its_port_and_address():
    command = launcher.streamlit_command(8600, "10.1.2.3")
    assert command[1:4] == ["-m", "dashboard.server.serve", "run"]
    args = command[3:]
    assert serve.flag(args, "server.port") == "8600"
    assert serve.flag(args, "server.address") == "10.1.2.3"
    assert serve.flag(args, "server.nothing") is None


def test_serve_preloads_only_for_run(monkeypatch):
    started = []
    monkeypatch.setattr(preload, "start", lambda port, host: started.append((port, host)))
    monkeypatch.setattr("streamlit.web.cli.main", lambda prog_name: None)
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    serve.main(["config", "show", "--server.port=8601"])
    assert started == []
    serve.main(["run", "app.py", "--server.address=0.0.0.0", "--server.port=8601"])
    serve.main(["run", "app.py", "--server.address=10.1.2.3", "--server.port=8602"])
    assert started == [(8601, "127.0.0.1"), (8602, "10.1.2.3")]


def test_the_installed_packages_carry_their_bytecode():
    """uv installs compiled bytecode (pyproject: compile-bytecode): where Python may not write
    it (PYTHONDONTWRITEBYTECODE, as on CI), every start compiled pandas and Streamlit anew."""
    import pathlib

    import pandas
    import polars
    import streamlit

    for module in (pandas, polars, streamlit):
        assert pathlib.Path(module.__cached__).is_file(), module.__name__
