"""Time every page in Chromium: the first load after a start (cold caches) and a second one.

    uv run python scripts/bench_pages.py

Starts the dashboard on the demo data (an empty data home) on a free port, as a user starts
it, opens each page until its footer is drawn and the script has finished, and prints the
seconds. A figure, not a test: the machine's load changes it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser_support import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    Server,
    launcher_command,
    open_and_wait,
    stop,
    wait_for_health,
)
from playwright.sync_api import sync_playwright  # noqa: E402

from dashboard import ui  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    port = free_port()
    with tempfile.TemporaryDirectory() as home:
        log = Path(home) / "server.log"
        env = {**os.environ, "IKO_DATA_HOME": home}
        env.pop("IKO_DATA_DIR", None)
        with log.open("w") as out:
            process = subprocess.Popen(
                launcher_command(port), stdout=out, stderr=subprocess.STDOUT, env=env,
                start_new_session=True,
            )  # fmt: skip
        server = Server(process, port, log)
        try:
            started = time.perf_counter()
            wait_for_health(server)
            print(f"start tot /_stcore/health: {time.perf_counter() - started:.1f} s")
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                print(f"{'pagina':<16} {'eerste keer':>12} {'tweede keer':>12}")
                for spec in ui.PAGES:
                    times = []
                    for _ in range(2):
                        started = time.perf_counter()
                        page = open_and_wait(browser, server.url + spec.url_path)
                        times.append(time.perf_counter() - started)
                        page.close()
                    print(f"{spec.url_path:<16} {times[0]:>10.1f} s {times[1]:>10.1f} s")
                browser.close()
        finally:
            stop(process)


if __name__ == "__main__":
    main()
