"""The dashboard as a process of its own: started as a user starts it, awaited, stopped.

For whatever starts a real server from outside: the browser tests and the benchmarks
(`scripts/bench.py`, `scripts/bench_load.py`). With them, the headless Chromium they open it in.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

STARTUP_SECONDS = 90
# How long a page may take to finish in the browser.
PAGE_SECONDS = 90
CHROMIUM = Path("/usr/bin/chromium")
# Headless Chromium as root, offline, with no background traffic. Playwright gives every
# launch a fresh temporary profile (it refuses --user-data-dir in `launch`).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class NotStarted(RuntimeError):
    """The server stopped, or did not answer in time; the message holds its output."""


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def launcher_command(port: int) -> list[str]:
    """The installed console script, as a user runs it (`uv run iko-dashboard run`)."""
    script = Path(sys.executable).with_name("iko-dashboard")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "dashboard.server.cli"]
    return [*base, "run", "--port", str(port)]


def wait_for_health(server: Server) -> None:
    """Return once the server answers its health check; `NotStarted` if it never does."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise NotStarted(f"het dashboard stopte meteen:\n{server.output()}")
        try:
            with urllib.request.urlopen(server.url + "_stcore/health", timeout=2) as response:
                if response.read().decode() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise NotStarted(f"geen /_stcore/health binnen {STARTUP_SECONDS} s:\n{server.output()}")


def stop(process: subprocess.Popen) -> None:
    """End the server and everything it started (it runs in a process group of its own)."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)
