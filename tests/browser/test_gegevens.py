"""/gegevens: the upload, the last import and the import log, on a data home of its own."""

from __future__ import annotations

import pytest
from browser_support import open_and_wait

from dashboard.server import launcher


@pytest.mark.browser
def test_uploader_speaks_dutch_and_still_opens_the_file_chooser(server, browser) -> None:
    # Dutch by CSS over Streamlit's own texts (gegevens.py): after a Streamlit upgrade the
    # English comes back silently, unless this fails.
    page = open_and_wait(browser, server.url + "gegevens")
    try:
        uploader = page.locator(".st-key-upload")
        read_out = uploader.aria_snapshot()
        assert 'button "Bestanden kiezen"' in read_out, read_out
        mb = launcher.config_options()["server.maxUploadSize"]
        assert f"Sleep bestanden hierheen CSV, XLSX of Parquet, tot {mb} MB per bestand" in read_out
        for english in ("Upload", "per file", "Drag", "Browse"):
            assert english not in read_out, read_out
        with page.expect_file_chooser() as chooser:
            uploader.get_by_role("button", name="Bestanden kiezen").click()
        assert chooser.value.is_multiple()
    finally:
        page.close()
