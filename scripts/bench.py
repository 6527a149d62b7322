"""The speed benchmark: every page on the server and in Chromium, the import, memory, at scale.

    uv run python scripts/bench.py                      # 1x, 10x and 100x; about 10 minutes
    uv run python scripts/bench.py --scales 1 --runs 3  # quicker

Figures, not tests: run it on an idle machine and quote its table. For each scale it

- makes the export: the demo export replicated N times with fresh pseudonymous ids (as a real
  export of that size would look), written as Parquet into a temporary folder;
- imports it with `iko-dashboard import` into a temporary data home (seconds, peak memory);
- runs every page in a fresh process with Streamlit's AppTest (all queries and figures): the
  first run on the new data version (nothing cached, the database not yet opened), then the
  median of `--runs` warm runs;
- starts the dashboard as a user does and times app start to the server answering, to the first
  page's run finished (websocket), and, started again, to the first page finished in a cold
  Chromium; opens every page once, and reads the server's peak memory (VmHWM);
- at 1x only, in Chromium, side by side in the same run with a one-chart Streamlit app started
  here: each page's time to its first chart and to the finished page (median of `--runs`
  loads), as a ratio to the one-chart app; and the time from a filter change to the redrawn
  chart on caseload, vakantiepieken and landen. A page is finished when its run is and every
  chart is drawn. With `IKO_CHART_ELEMENT=eigen` it also counts the draws (`Plotly.newPlot`
  and `Plotly.react`): the most of one chart on load, and the charts drawn for a filter change.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench_common import free_port, peak_mb, start_server, table

from dashboard import chrome
from dashboard.pages import PAGES
from dashboard.paths import DEMO_DIR, REPO_ROOT
from dashboard.server.process import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PAGE_SECONDS,
    launcher_command,
    stop,
    wait_for_health,
)

TABLES = ("cases", "children", "contacts", "mediations")
# Every pseudonymous id column: replica k gets "<prefix><k as two hex digits><old hex digits>",
# unique because the old ids are, and still within the contract's pattern.
ID_COLUMNS = {
    "cases": ("case_id", "family_id"),
    "children": ("child_id", "case_id"),
    "contacts": ("contact_id", "case_id"),
    "mediations": ("mediation_id", "case_id"),
}
# A filter change per page: (page, text of the control to click).
FILTER_CHANGES = (
    ("caseload", "Lijn 1"),
    ("vakantiepieken", "Contactmomenten"),
    ("landen", "top 5"),
)
BASELINE_APP = textwrap.dedent(
    """
    import plotly.express as px
    import streamlit as st

    st.title("Eén grafiek")
    st.plotly_chart(px.bar(x=["a", "b", "c"], y=[1, 3, 2]))
    """
)
FIRST_CHART = ".js-plotly-plot .main-svg"
# Pages without a chart: only their finished time is measured.
NO_CHART = frozenset({"gegevens"})


# -- the scaled export --------------------------------------------------------------------


def scaled_export(scale: int, folder: Path) -> Path:
    """The demo export `scale` times over, with fresh ids, as Parquet files in `folder`."""
    import duckdb

    con = duckdb.connect()
    for name in TABLES:
        source = DEMO_DIR / name / f"{name}.parquet"
        columns = con.sql(f"SELECT * FROM read_parquet('{source}') LIMIT 0").columns
        select = ", ".join(
            f"substr({c}, 1, 1) || printf('%02X', k) || substr({c}, 2) AS {c}"
            if c in ID_COLUMNS[name]
            else c
            for c in columns
        )
        target = folder / name
        target.mkdir(parents=True)
        con.execute(
            f"COPY (SELECT {select} FROM read_parquet('{source}'), range({scale}) AS r(k)) "
            f"TO '{target / (name + '.parquet')}' (FORMAT parquet, COMPRESSION zstd)"
        )
    meta = folder / "export_meta"
    meta.mkdir()
    con.execute(
        f"COPY (SELECT * REPLACE (false AS is_demo) FROM "
        f"read_parquet('{DEMO_DIR / 'export_meta' / 'export_meta.parquet'}')) "
        f"TO '{meta / 'export_meta.parquet'}' (FORMAT parquet)"
    )
    return folder


def rows_of(folder: Path) -> dict[str, int]:
    import duckdb

    return {
        t: duckdb.sql(f"SELECT count(*) FROM read_parquet('{folder / t}/*.parquet')").fetchall()[0][
            0
        ]
        for t in ("cases", "contacts")
    }


# -- processes and their memory -----------------------------------------------------------


def run_measured(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run a command; its seconds, its peak memory in MB, and its output."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} faalde:\n{output}")
    return seconds, usage.ru_maxrss / 1024, output


def env_for(home: Path) -> dict[str, str]:
    env = {**os.environ, "IKO_DATA_HOME": str(home)}
    env.pop("IKO_DATA_DIR", None)
    return env


# -- server: every page in AppTest --------------------------------------------------------


def server_worker(runs: int) -> None:
    """In a fresh process (data home from the environment): each page cold, then warm."""
    import logging

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    app = REPO_ROOT / "dashboard" / "app.py"
    results = {}
    for spec in PAGES:
        at = AppTest.from_file(app, default_timeout=600)
        at.run()  # the start page, which forwards to the first page; not timed
        # cleared after it, or the first page's first run would be a warm one
        st.cache_data.clear()
        st.cache_resource.clear()
        started = time.perf_counter()
        at.switch_page(spec.script).run()
        cold = time.perf_counter() - started
        if at.exception:
            raise SystemExit(f"{spec.url_path}: {at.exception[0].value}")
        warm = []
        for _ in range(runs):
            started = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - started)
        results[spec.url_path] = {"cold": cold, "warm": statistics.median(warm)}
    print(json.dumps(results))


def server_times(home: Path, runs: int) -> tuple[dict, float]:
    _, peak, output = run_measured(
        [sys.executable, __file__, "--server-worker", "--runs", str(runs)], env_for(home)
    )
    return json.loads(output.strip().splitlines()[-1]), peak


# -- browser ------------------------------------------------------------------------------


@dataclass
class Load:
    first_chart: float
    finished: float
    # with the dashboard's own chart element: the most times one chart was drawn on load
    draws: int | None = None


def wait_idle(page) -> None:
    page.locator('[data-testid="stStatusWidget"]').wait_for(
        state="hidden", timeout=PAGE_SECONDS * 1000
    )
    # finished means every chart drawn, whichever element draws them
    page.wait_for_function(ALL_DRAWN, timeout=PAGE_SECONDS * 1000, polling=20)


ALL_DRAWN = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .every(c => c.querySelector('.main-svg'))
    && !(window.ikoChartDraws && window.ikoChartDraws().some(c => c.waits))"""
# Draws per chart and the draws so far (the own element counts them; st.plotly_chart does not).
DRAWS = """() => window.ikoChartDraws ? [
    Math.max(0, ...window.ikoChartDraws().map(c => c.newPlot + c.react)),
    window.ikoChartLog.length] : [null, null]"""


def load(
    browser, url: str, *, footer: bool = True, chart: bool = True, width: int = 1600
) -> tuple[Load, object]:
    page = browser.new_page(viewport={"width": width, "height": 1000}, locale="nl-NL")
    started = time.perf_counter()
    page.goto(url)
    first_chart = float("nan")
    if chart:
        page.locator(FIRST_CHART).first.wait_for(timeout=PAGE_SECONDS * 1000)
        first_chart = time.perf_counter() - started
    if footer:
        page.locator(f".st-key-{chrome.FOOTER_KEY}").get_by_text("Gegevens tot en met").wait_for(
            timeout=PAGE_SECONDS * 1000
        )
    wait_idle(page)
    finished = time.perf_counter() - started
    return Load(first_chart, finished, page.evaluate(DRAWS)[0]), page


CHART_SIGNATURE = """() => [...document.querySelectorAll('.js-plotly-plot')]
    .map(e => JSON.stringify(e.data || null).length + ':' + JSON.stringify(
        (e.data || []).map(t => [t.y && t.y.length, t.y && t.y[0], t.y && t.y[t.y.length - 1]])))
    .join('|')"""


def filter_change(browser, url: str, control: str) -> tuple[float, int | None]:
    """Seconds from a click on `control` to the redrawn charts of a finished script run, and
    how many charts were drawn for it (with the own chart element)."""
    _, page = load(browser, url)
    try:
        drawn_before = page.evaluate(DRAWS)[1]
        before = page.evaluate(CHART_SIGNATURE)
        # the control itself, not a chart legend with the same word
        target = (
            page.locator('[data-testid="stRadio"], [data-testid="stButtonGroup"]')
            .get_by_text(control, exact=True)
            .first
        )
        started = time.perf_counter()
        target.click()
        page.wait_for_function(
            f"""(before) => ({CHART_SIGNATURE})() !== before
                && !document.querySelector('[data-testid="stStatusWidget"] svg')""",
            arg=before,
            timeout=PAGE_SECONDS * 1000,
            polling=20,
        )
        wait_idle(page)
        seconds = time.perf_counter() - started
        drawn = page.evaluate(DRAWS)[1]
        return seconds, None if drawn is None else drawn - drawn_before
    finally:
        page.close()


def median_load(browser, url: str, runs: int, *, footer: bool = True, chart: bool = True) -> Load:
    loads = []
    for _ in range(runs):
        measured, page = load(browser, url, footer=footer, chart=chart)
        page.close()
        loads.append(measured)
    return Load(
        statistics.median(m.first_chart for m in loads),
        statistics.median(m.finished for m in loads),
        loads[-1].draws,
    )


def browser_times(home: Path, tmp: Path, runs: int, browser) -> dict:
    """Pages of our app and the one-chart app, alternately, in one run; filter changes."""
    app_port, base_port = free_port(), free_port()
    baseline_script = tmp / "een_grafiek.py"
    baseline_script.write_text(BASELINE_APP)
    ours = start_server(launcher_command(app_port), env_for(home), tmp / "app.log", app_port)
    base = start_server(
        [sys.executable, "-m", "streamlit", "run", str(baseline_script),
         "--server.headless=true", f"--server.port={base_port}",
         "--server.address=127.0.0.1", "--browser.gatherUsageStats=false"],
        os.environ.copy(), tmp / "base.log", base_port,
    )  # fmt: skip
    try:
        wait_for_health(ours)
        wait_for_health(base)
        for spec in PAGES:  # a first visit of each: caches filled as a user finds them
            load(browser, ours.url + spec.url_path, chart=spec.url_path not in NO_CHART)[1].close()
        load(browser, base.url, footer=False)[1].close()
        pages, baselines = {}, []
        for spec in PAGES:
            baselines.append(median_load(browser, base.url, runs, footer=False))
            pages[spec.url_path] = median_load(
                browser, ours.url + spec.url_path, runs, chart=spec.url_path not in NO_CHART
            )
        baseline = Load(
            statistics.median(b.first_chart for b in baselines),
            statistics.median(b.finished for b in baselines),
        )
        filters = {}
        for page, control in FILTER_CHANGES:
            changes = [filter_change(browser, ours.url + page, control) for _ in range(runs)]
            filters[page] = (statistics.median(c[0] for c in changes), changes[-1][1])
        return {"pages": pages, "baseline": baseline, "filters": filters}
    finally:
        stop(ours.process)
        stop(base.process)


@dataclass
class Start:
    ready: float  # start to the server answering /_stcore/health
    first_run: float  # start to the first page's run finished, over Streamlit's websocket
    first_page: float  # start to the first page finished in a fresh Chromium
    peak_mb: float  # the server's peak memory after every page once


def start_and_memory(home: Path, tmp: Path, browser) -> Start:
    """App start to the first page, three ways: the server ready; the first page's run on the
    server (what a start costs, measured as the page's websocket client sees it); and the
    first page in Chromium (which adds a cold browser loading Streamlit's scripts). Then every
    page once, and the server's peak memory."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from bench_load import Session

    async def first_run(url: str) -> None:
        session = Session(url)
        await session.connect()
        await session.run(PAGES[0].url_path)
        await session.close()

    port = free_port()
    started = time.perf_counter()
    server = start_server(launcher_command(port), env_for(home), tmp / "start.log", port)
    try:
        wait_for_health(server)
        ready = time.perf_counter() - started
        # in a thread of its own: playwright's sync API holds this thread's event loop
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, first_run(server.url)).result()
        run = time.perf_counter() - started
        stop(server.process)
        # again, cold, for the browser
        port = free_port()
        started = time.perf_counter()
        server = start_server(launcher_command(port), env_for(home), tmp / "start.log", port)
        wait_for_health(server)
        _, page = load(browser, server.url)
        first_page = time.perf_counter() - started
        page.close()
        for spec in PAGES:
            url = server.url + spec.url_path
            load(browser, url, chart=spec.url_path not in NO_CHART)[1].close()
        return Start(ready, run, first_page, peak_mb(server.process.pid))
    finally:
        stop(server.process)


# -- the table ----------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}".replace(",", ".")


def s(seconds: float) -> str:
    return f"{seconds:.2f}".replace(".", ",")


def scale_tables(results: dict[int, dict], scales: list[int]) -> str:
    """The server, import, start and memory tables for the scales measured."""
    out = ["\n## Server: paginarun in ms (AppTest, alle queries en grafieken)\n"]
    header = ["pagina"] + [f"{k}x {w}" for k in scales for w in ("eerste", "warm")]
    rows = [
        [spec.url_path]
        + [ms(results[k]["pages"][spec.url_path][w]) for k in scales for w in ("cold", "warm")]
        for spec in PAGES
    ]
    out.append(table(rows, header))
    out.append(
        "\n## Import, start en geheugen\n\nStart: tot de server antwoordt; tot de eerste "
        "paginarun klaar is (websocket); tot de eerste pagina klaar is in een koude Chromium.\n"
    )
    header = ["schaal", "zaken", "contacten", "import s", "import MB", "start->server s",
              "start->paginarun s", "start->Chromium s", "server MB",
              "AppTest-proces MB"]  # fmt: skip
    rows = []
    for k in scales:
        r = results[k]
        start: Start | None = r.get("start")
        rows.append(
            [f"{k}x", f"{r['rows']['cases']:,}".replace(",", "."),
             f"{r['rows']['contacts']:,}".replace(",", "."),
             s(r["import"][0]), f"{r['import'][1]:.0f}",
             *([s(start.ready), s(start.first_run), s(start.first_page), f"{start.peak_mb:.0f}"]
               if start else ["-"] * 4),
             f"{r['worker_peak']:.0f}"]
        )  # fmt: skip
    out.append(table(rows, header))
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100", help="komma-gescheiden, bv. 1,10,100")
    parser.add_argument("--runs", type=int, default=5, help="herhalingen per meting (mediaan)")
    parser.add_argument("--no-browser", action="store_true", help="alleen server en import")
    parser.add_argument("--server-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--make-export", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.server_worker:
        server_worker(args.runs)
        return
    if args.make_export:
        scaled_export(int(args.make_export[0]), Path(args.make_export[1]))
        return
    scales = [int(x) for x in args.scales.split(",")]
    say: Callable[[str], None] = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731

    results: dict[int, dict] = {}
    browser_result = None
    with tempfile.TemporaryDirectory(prefix="iko-bench-") as tmp_name:
        tmp = Path(tmp_name)
        playwright = browser = None
        if not args.no_browser:
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for scale in scales:
                say(f"{scale}x: export maken")
                # in a process of its own: a child's peak memory (ru_maxrss) starts from this
                # process's size when it forks, and DuckDB here would hold the whole export
                export = tmp / f"export-{scale}"
                subprocess.run(
                    [sys.executable, __file__, "--make-export", str(scale), str(export)],
                    check=True,
                )
                home = tmp / f"home-{scale}"
                say(f"{scale}x: importeren")
                seconds, peak, output = run_measured(
                    [sys.executable, "-m", "dashboard.server.cli", "import", str(export)],
                    env_for(home),
                )
                if "Gepubliceerd" not in output and "gepubliceerd" not in output:
                    raise SystemExit(f"import {scale}x niet gepubliceerd:\n{output}")
                say(f"{scale}x: pagina's op de server")
                pages, worker_peak = server_times(home, args.runs)
                results[scale] = {
                    "rows": rows_of(export),
                    "import": (seconds, peak),
                    "pages": pages,
                    "worker_peak": worker_peak,
                }
                if browser is not None:
                    say(f"{scale}x: start en geheugen")
                    results[scale]["start"] = start_and_memory(home, tmp, browser)
                    if scale == 1:
                        say("1x: in Chromium naast een app met één grafiek")
                        browser_result = browser_times(home, tmp, args.runs, browser)
                # what is measured so far, should a larger scale not finish
                say(scale_tables(results, list(results)))
        finally:
            if browser is not None:
                browser.close()
                playwright.stop()

    print(scale_tables(results, scales))

    if browser_result:
        base = browser_result["baseline"]
        print(
            f"\n## Chromium, 1x (mediaan van {args.runs}); app met één grafiek: eerste grafiek "
            f"{s(base.first_chart)} s, klaar {s(base.finished)} s\n"
        )
        header = ["pagina", "eerste grafiek s", "x één-grafiek-app", "klaar s", "x één-grafiek-app",
                  "max. tekeningen per grafiek"]  # fmt: skip
        rows = [
            [name, s(m.first_chart) if m.first_chart == m.first_chart else "-",
             s(m.first_chart / base.first_chart) if m.first_chart == m.first_chart else "-",
             s(m.finished), s(m.finished / base.finished),
             "-" if m.draws is None else str(m.draws)]
            for name, m in browser_result["pages"].items()
        ]  # fmt: skip
        print(table(rows, header))
        print("\n## Filter wijzigen tot bijgewerkte grafiek (Chromium, 1x)\n")
        rows = [
            [page, control, s(seconds), "-" if drawn is None else str(drawn)]
            for (page, control), (seconds, drawn) in zip(
                FILTER_CHANGES, browser_result["filters"].values(), strict=True
            )
        ]
        print(table(rows, ["pagina", "klik op", "s", "grafieken getekend"]))


if __name__ == "__main__":
    main()
