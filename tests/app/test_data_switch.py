"""After an import the running app shows the new version on the next page load, without a
restart, and a page run never mixes two versions."""

from __future__ import annotations

import datetime as dt

from states import demo_export
from streamlit.testing.v1 import AppTest

from dashboard import settings as settings_module
from dashboard.importer import import_files
from dashboard.paths import DEMO_DIR, REPO_ROOT

APP = REPO_ROOT / "dashboard" / "app.py"


def export(until: dt.date):
    return [demo_export(until)]


def cases_shown(at: AppTest) -> int:
    table = next(d.value for d in at.dataframe if "Naam in de export" in d.value.columns)
    return int(table.set_index("Naam in de export").loc["cases", "Rijen"])


def test_app_follows_each_published_version(data_home):
    assert settings_module.data_dir_now() == DEMO_DIR.resolve()

    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("page_scripts/gegevens.py").run()
    demo_cases = cases_shown(at)

    first = import_files(export(dt.date(2026, 1, 15)), data_home, who="test")
    assert first.outcome == "published", first.report_nl()
    version_one = settings_module.data_dir_now()
    assert version_one.parent == (data_home / "versions").resolve()
    at.run()
    january = cases_shown(at)
    assert january < demo_cases

    second = import_files(export(dt.date(2026, 2, 15)), data_home, who="test")
    assert second.outcome == "published", second.report_nl()
    assert settings_module.data_dir_now() != version_one
    at.run()
    assert not at.exception
    assert cases_shown(at) > january
