"""Fixtures shared by the test modules."""

from __future__ import annotations

import os
import socket
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser_support import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    Server,
    serving,
)
from states import CACHE_ENV
from streamlit import config as streamlit_config

# Fixtures used by more than one tier file of a topic live once, in tests/support.
pytest_plugins = ["chart_png_support", "history_support", "preload_support"]

# The tests are about the embedded demo data: a machine where a real export was imported
# (data/published/current) must not change what they see. An empty data home makes every
# process of the test run, the launched dashboard included, fall back to the demo data.
_EMPTY_DATA_HOME = tempfile.mkdtemp(prefix="iko-test-data-home-")
os.environ["IKO_DATA_HOME"] = _EMPTY_DATA_HOME
os.environ.pop("IKO_DATA_DIR", None)
# Likewise no login: a machine where `.streamlit/secrets.toml` configures it must not put every
# page behind it. The launched dashboard reads IKO_SECRETS_FILE; Streamlit in this process
# (AppTest) reads its option `secrets.files`. Tests that want login configure it themselves
# (tests/*/test_auth.py).
_NO_SECRETS = str(Path(_EMPTY_DATA_HOME) / "geen-secrets.toml")
os.environ["IKO_SECRETS_FILE"] = _NO_SECRETS
os.environ.pop("IKO_ZONDER_LOGIN", None)
os.environ.pop("IKO_LOGIN", None)
streamlit_config.set_option("secrets.files", [_NO_SECRETS])


@pytest.fixture
def data_home(tmp_path, monkeypatch) -> Iterator[Path]:
    """A data home of this test's own, for what this process reads (AppTest included)."""
    from dashboard.settings import settings

    home = tmp_path / "home"
    monkeypatch.setenv("IKO_DATA_HOME", str(home))
    monkeypatch.delenv("IKO_DATA_DIR", raising=False)
    settings.cache_clear()
    yield home
    settings.cache_clear()  # the other tests see the demo data again


@pytest.fixture(scope="session", autouse=True)
def _shared_exports(tmp_path_factory) -> None:
    """The demo exports the tests import, generated once for the whole run: in the run's
    temporary folder, which every pytest-xdist worker's own folder lies in (states.demo_export)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    os.environ[CACHE_ENV] = str(base / "demo-exports")


@pytest.fixture(scope="session")
def free_port() -> Callable[[], int]:
    """A function that returns a TCP port on 127.0.0.1 that nothing listens on right now."""

    def pick() -> int:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]

    return pick


@pytest.fixture(scope="session")
def server(free_port, tmp_path_factory) -> Iterator[Server]:
    # one log per pytest-xdist worker: each worker starts its own server
    log = ARTIFACTS / f"server{os.environ.get('PYTEST_XDIST_WORKER', '')}.log"
    with serving(free_port(), tmp_path_factory.mktemp("elders"), log) as up:
        yield up


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} ontbreekt (apt-get install chromium, of bash scripts/test.sh)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


TIERS = ("unit", "sql", "app", "browser")
# The order pytest-xdist hands the modules out in (scripts/test.sh: --no-loadscope-reorder):
# the longest first, so that at the end only short modules are left to share between the
# workers, and neither waits long for the other. The browser matrix is about a third of all.
LONGEST_FIRST = ("browser/test_legibility.py",)
TIER_ORDER = ("browser", "app", "sql", "unit")


def pytest_collection_modifyitems(config, items) -> None:
    """Mark every test with its tier, from the folder it is in (tests/<tier>/...), so that
    `pytest -m "not browser"` runs the fast tiers. In a pytest-xdist worker, order the
    modules longest first (LONGEST_FIRST, then TIER_ORDER)."""
    tests = Path(__file__).resolve().parent
    rank = {}
    for item in items:
        try:
            where = item.path.resolve().relative_to(tests)
        except ValueError:
            rank[item] = (len(LONGEST_FIRST), len(TIER_ORDER))
            continue
        tier = where.parts[0]
        if tier in TIERS:
            item.add_marker(getattr(pytest.mark, tier))
        first = where.as_posix()
        rank[item] = (
            LONGEST_FIRST.index(first) if first in LONGEST_FIRST else len(LONGEST_FIRST),
            TIER_ORDER.index(tier) if tier in TIER_ORDER else len(TIER_ORDER),
        )
    if os.environ.get("PYTEST_XDIST_WORKER"):
        items.sort(key=rank.__getitem__)  # stable: a module's tests keep their order


@pytest.fixture(scope="session")
def demo_db():
    """The embedded demo data, opened once for the whole run. Opened from the demo folder
    itself, not from the settings, so a test that points the settings elsewhere (data_home)
    while this is first asked for still gets the demo data."""
    from dashboard.db import open_database
    from dashboard.paths import DATA_ROOT, DEMO_DIR

    return open_database(DEMO_DIR, DATA_ROOT, Path(_EMPTY_DATA_HOME))
