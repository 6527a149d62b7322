"""The stored layers: computed once per data version into a DuckDB file that any number of app
processes open read-only, with the same rows as the views they replace."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from browser_support import PAGE_SECONDS, Server, launcher_command, stop, wait_for_health
from states import demo_export

from dashboard import db
from dashboard.format import date_nl
from dashboard.importer import import_files
from dashboard.paths import DATA_ROOT, DEMO_DIR


@pytest.mark.browser
def test_two_app_processes_serve_one_version_and_follow_an_import(browser, free_port, tmp_path):
    home = tmp_path / "home"
    first = import_files([demo_export(dt.date(2026, 1, 15))], home, who="test")
    assert first.outcome == "published", first.report_nl()

    env = {k: v for k, v in os.environ.items() if k != "IKO_DATA_DIR"}
    env["IKO_DATA_HOME"] = str(home)
    servers = []
    try:
        for n in range(2):
            port = free_port()
            log = tmp_path / f"server-{n}.log"
            with log.open("w") as out:
                process = subprocess.Popen(
                    launcher_command(port), env=env, stdout=out, stderr=subprocess.STDOUT,
                    start_new_session=True, cwd=tmp_path,
                )  # fmt: skip
            servers.append(Server(process, port, log))
        for server in servers:
            wait_for_health(server)

        def footers() -> list[str]:
            """The footer of a page from each process, both pages loading at the same time
            (requested together, then awaited)."""
            pages = [browser.new_page() for _ in servers]
            try:
                for page, server in zip(pages, servers, strict=True):
                    page.goto(server.url + "jaaroverzicht", wait_until="commit")
                texts = []
                for page in pages:
                    footer = page.locator(".st-key-voettekst")
                    footer.get_by_text("Gegevens tot en met").wait_for(timeout=PAGE_SECONDS * 1000)
                    texts.append(footer.inner_text())
                return texts
            finally:
                for page in pages:
                    page.close()

        assert all(date_nl(dt.date(2026, 1, 15)) in text for text in footers())

        second = import_files([demo_export(dt.date(2026, 2, 15))], home, who="test")
        assert second.outcome == "published", second.report_nl()
        assert all(date_nl(dt.date(2026, 2, 15)) in text for text in footers())
    finally:
        for server in servers:
            stop(server.process)


def test_processes_read_the_same_marts_file_at_once(tmp_path):
    """Several processes attach one marts file read-only at the same moment (no file lock
    between readers)."""
    home = tmp_path / "home"
    path = db.ensure_marts(DEMO_DIR, DATA_ROOT, home)
    script = (
        "import sys, duckdb; con = duckdb.connect(); "
        f"con.execute(\"ATTACH '{path}' AS m (READ_ONLY)\"); "
        "print(con.sql('SELECT count(*) FROM m.stg_cases').fetchall()[0][0])"
    )
    with ThreadPoolExecutor(4) as pool:
        outputs = list(
            pool.map(
                lambda _: subprocess.run(
                    [sys.executable, "-c", script],
                    capture_output=True, text=True, check=True,
                ).stdout.strip(),
                range(4),
            )
        )  # fmt: skip
    assert len(set(outputs)) == 1 and int(outputs[0]) > 0
