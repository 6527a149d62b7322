"""Every page of the navigation runs in AppTest with its title, the demo banner and the footer.

The page list comes from `dashboard.pages.PAGES`, the definition the app navigates by, so a new
page is tested the moment it is registered.
"""

from __future__ import annotations

import datetime as dt
import re

from pages_support import APP, DEMO_BANNER

from dashboard import chrome, data, pages
from dashboard.paths import REPO_ROOT


def test_page_list_is_complete():
    assert [p.url_path for p in pages.PAGES] == [
        "jaaroverzicht", "trends", "caseload", "vakantiepieken", "landen", "mediation",
        "presentatie", "gegevens",
    ]  # fmt: skip
    for page in pages.PAGES:
        assert (APP.parent / page.script).is_file(), page.script


def test_no_pages_folder_beside_the_entry_point():
    # With a pages/ folder Streamlit falls back to its old multipage mode and runs a page
    # script without app.py around it (see dashboard/pages.py).
    assert not (APP.parent / "pages").exists()


def test_the_product_names_no_issue_numbers():
    # The product speaks of itself only: no "issue #3" on a page, in the README or the code.
    sources = [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "dashboard").rglob("*.py"))]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        # (a Streamlit issue, named where we work around it, is not ours)
        assert not re.search(r"(?<!streamlit )\bissues? ?#?\d", text, flags=re.I), path


def test_default_year_is_the_last_complete_year():
    assert data.default_year([2024, 2025, 2026], dt.date(2026, 11, 22)) == 2025
    assert data.default_year([2024, 2025, 2026], dt.date(2027, 1, 3)) == 2026
    # no complete year in the data yet: the latest there is
    assert data.default_year([2026], dt.date(2026, 11, 22)) == 2026


def test_demo_notice_is_composed_from_the_export_metadata():
    meta = {"is_demo": True, "extrapolated_from": dt.date(2026, 1, 1)}
    assert chrome.demo_notice(meta, [2024, 2025, 2026]) == DEMO_BANNER
    assert chrome.demo_notice(meta, [2025, 2026]).endswith(
        "2025 is geijkt op het jaarverslag 2025; vanaf 1 januari 2026 doorgetrokken."
    )
    later = {"is_demo": True, "extrapolated_from": dt.date(2027, 3, 1)}
    assert "2024, 2025 en 2026 zijn geijkt op het jaarverslag 2026; vanaf 1 maart 2027" in (
        chrome.demo_notice(later, [2024, 2025, 2026, 2027])
    )
    plain = {"is_demo": True, "extrapolated_from": None}
    assert chrome.demo_notice(plain, [2025]) == (
        "Demonstratiegegevens — geen echte cijfers van Centrum IKO."
    )
    assert chrome.demo_notice({"is_demo": False, "extrapolated_from": None}, [2025]) is None


def test_notice_line_names_mode_demo_and_age_in_one_line():
    meta = {"data_until": dt.date(2026, 11, 22)}
    four_days = dt.date(2026, 11, 26)
    assert chrome.notice_line(meta, four_days, demo=True, publishing=False) == (
        "Demonstratiegegevens · gegevens tot en met 22 november 2026 (4 dagen oud)"
    )
    assert chrome.notice_line(meta, four_days, demo=True, publishing=True) == (
        "Publicatiemodus · Demonstratiegegevens · gegevens tot en met 22 november 2026 "
        "(4 dagen oud)"
    )
    assert chrome.notice_line(meta, dt.date(2026, 11, 23), demo=False, publishing=False) == (
        "Gegevens tot en met 22 november 2026 (1 dag oud)"
    )
    assert chrome.age_text(meta, dt.date(2026, 11, 22)) == "van vandaag"
    # a day asked for before the export's last day (?vandaag=...) gives no age
    assert chrome.age_text(meta, dt.date(2026, 11, 1)) == ""
