"""What the first page run would otherwise do for the first visitor, done once the server is up.

A started server answers in about a second, but the first script run then imports pandas
(which `st.dataframe` needs), polars, plotly's trace types and DuckDB, builds the chart
template and opens the data version's database: seconds of one core. A browser that opens
the new server spends about as long loading Streamlit's scripts before it asks for a page. So
`start` does that work in a thread as soon as the server listens, and the first run waits for
it (`wait`) instead of doing it again beside it: two threads importing the same modules at
once could see each other's half-imported modules.

Only `dashboard.server.serve` starts it; anywhere else (AppTest, `streamlit run` by hand) `wait`
returns at once and the first run does the work itself, as before.
"""

from __future__ import annotations

import importlib
import logging
import os
import pkgutil
import socket
import threading
import time

# The heavy libraries the pages import, heaviest first (pandas alone is a second); the
# dashboard's own modules follow (`modules`).
LIBRARIES = (
    "pandas",
    "polars",
    "pyarrow",
    "duckdb",
    "plotly.graph_objects",
)
# Not imported by the walk: the app script and the page scripts run as scripts (importing them
# would draw a page); the server side is loaded already; the demo is a command-line tool.
NOT_PRELOADED = ("dashboard.app", "dashboard.page_scripts", "dashboard.server", "dashboard.demo")
# How long the thread waits for the server to listen before it gives up (it then does nothing;
# the first run does the work).
LISTEN_SECONDS = 60.0

_done = threading.Event()
_started = False
log = logging.getLogger(__name__)


def start(port: int, host: str = "127.0.0.1") -> None:
    """Preload in a daemon thread once something listens on `port`."""
    global _started
    _started = True
    threading.Thread(target=_run, args=(port, host), name="iko-preload", daemon=True).start()


def wait() -> None:
    """Return when the preload is finished (at once when none was started)."""
    if _started:
        _done.wait()


def _listening(port: int, host: str) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _run(port: int, host: str) -> None:
    try:
        deadline = time.monotonic() + LISTEN_SECONDS
        # Streamlit's own start comes first: the server answers as soon as it can.
        while not _listening(port, host):
            if time.monotonic() > deadline:
                return
            time.sleep(0.05)
        warm()
    except Exception:  # noqa: BLE001 - the first run does it again and shows any error
        log.exception("voorladen mislukt; de eerste pagina doet het zelf")
    finally:
        _done.set()


def _preloaded(name: str) -> bool:
    return not any(name == no or name.startswith(f"{no}.") for no in NOT_PRELOADED)


def dashboard_modules() -> list[str]:
    """Every module of the dashboard package a page may import, found by walking the folders:
    a module moved into a new subpackage is still preloaded. Only lists them; nothing is
    imported on the way (an excluded package's `__init__` neither)."""
    import dashboard

    found = []

    def walk(path: list[str], prefix: str) -> None:
        for info in pkgutil.iter_modules(path, prefix):
            if not _preloaded(info.name):
                continue
            found.append(info.name)
            if info.ispkg:
                name = info.name.rpartition(".")[2]
                walk([os.path.join(folder, name) for folder in path], f"{info.name}.")

    walk(list(dashboard.__path__), "dashboard.")
    return sorted(found)


def modules() -> list[str]:
    """Everything `warm` imports, in that order."""
    return [*LIBRARIES, *dashboard_modules()]


def warm() -> None:
    """Import the pages' modules, make the chart template and every trace type drawn, and open
    the database of the data version shown now (building its marts if it has none yet)."""
    for name in modules():
        importlib.import_module(name)
    from dashboard import data
    from dashboard.charts import template

    template.use_iko_template()
    template.load_trace_types()
    data.database()
