"""The load benchmark: many sessions open the same page at the same moment, then change a filter.

    uv run python scripts/bench_load.py                       # 1, 4, 8 and 20 sessions
    uv run python scripts/bench_load.py --sessions 1,8 --processes 2

Starts the dashboard on the demo data as a user does (`--processes 2`: two app processes on
the same published data, sessions spread over them as a load balancer with sticky sessions
would). Each session is Streamlit's own websocket protocol, spoken here (`streamlit.proto`),
not a browser: on two cores, N Chromium windows would take the CPU the server is measured on.
A session's "finished page" is the server's last message of the script run; a "filter change"
is the widget's new value sent as the browser sends it, until that run (or fragment) ends.

Per page and N: the median and worst seconds to the finished page and to the redrawn chart
after a filter change, the server's CPU (percent of one core, over the measurement) and its
memory; and the memory with 20 sessions open at once.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from bench_common import free_port, peak_mb, start_server, table
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from dashboard.pages import PAGES
from dashboard.server.process import Server, launcher_command, stop, wait_for_health

# A filter change per page: the widget's label and the option to choose (as shown).
FILTERS = {
    "caseload": ("Lijn", "Lijn 1"),
    "vakantiepieken": ("Tellen", "Contactmomenten"),
    "landen": ("Top", "top 5"),
}
SECONDS = 300


@dataclass
class Widget:
    id: str
    kind: str  # the proto field: "button_group", "radio", "selectbox"


@dataclass
class Session:
    """One browser tab, as the server sees it."""

    url: str
    socket: object = None
    widgets: dict[str, Widget] = field(default_factory=dict)

    async def connect(self) -> None:
        self.socket = await websockets.connect(
            self.url.replace("http", "ws", 1) + "_stcore/stream",
            subprotocols=["streamlit"],
            max_size=None,
            ping_interval=None,  # a busy server answers late; the benchmark waits for it
        )

    async def run(self, page: str, widget_states=None, fragment_id: str = "") -> float:
        """Ask for a run of `page`; seconds until the server says the run has ended."""
        msg = BackMsg()
        state = msg.rerun_script
        state.page_name = page
        state.query_string = ""
        state.fragment_id = fragment_id
        if widget_states is not None:
            state.widget_states.CopyFrom(widget_states)
        started = time.perf_counter()
        await self.socket.send(msg.SerializeToString())
        while True:
            data = await asyncio.wait_for(self.socket.recv(), SECONDS)
            forward = ForwardMsg()
            forward.ParseFromString(data)
            kind = forward.WhichOneof("type")
            if kind == "delta":
                self._note_widget(forward)
            elif kind == "script_finished":
                return time.perf_counter() - started

    def _note_widget(self, forward: ForwardMsg) -> None:
        delta = forward.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind in {"button_group", "radio", "selectbox"}:
            proto = getattr(element, kind)
            self.widgets[proto.label] = Widget(proto.id, kind)

    async def change(self, page: str, label: str, option: str) -> float:
        from streamlit.proto.WidgetStates_pb2 import WidgetStates

        widget = self.widgets[label]
        states = WidgetStates()
        state = states.widgets.add()
        state.id = widget.id
        if widget.kind == "button_group":
            state.string_array_value.data.append(option)
        else:
            state.string_value = option
        return await self.run(page, states)

    async def close(self) -> None:
        await self.socket.close()


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def measure(servers: list[Server], page: str, n: int) -> dict:
    sessions = [Session(servers[i % len(servers)].url) for i in range(n)]
    await asyncio.gather(*(s.connect() for s in sessions))
    pids = [s.process.pid for s in servers]
    cpu0, wall0 = sum(map(cpu_seconds, pids)), time.perf_counter()
    loads = await asyncio.gather(*(s.run(page) for s in sessions))
    changes: list[float] = []
    if page in FILTERS:
        label, option = FILTERS[page]
        changes = await asyncio.gather(*(s.change(page, label, option) for s in sessions))
    cpu = (sum(map(cpu_seconds, pids)) - cpu0) / (time.perf_counter() - wall0) * 100
    memory = sum(map(rss_mb, pids))
    await asyncio.gather(*(s.close() for s in sessions))
    return {"loads": loads, "changes": changes, "cpu": cpu, "memory": memory}


async def open_sessions(servers: list[Server], n: int) -> float:
    """N sessions, each on a different page, all kept open; the servers' memory then."""
    sessions = [Session(servers[i % len(servers)].url) for i in range(n)]
    await asyncio.gather(*(s.connect() for s in sessions))
    pages = [p.url_path for p in PAGES]
    runs = await asyncio.gather(
        *(s.run(pages[i % len(pages)]) for i, s in enumerate(sessions)), return_exceptions=True
    )
    memory = sum(rss_mb(s.process.pid) for s in servers)
    await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)
    late = sum(isinstance(r, BaseException) for r in runs)
    if late:
        print(f"{late} van de {n} sessies niet klaar binnen {SECONDS} s", file=sys.stderr)
    return memory


def s(seconds: float) -> str:
    return f"{seconds:.2f}".replace(".", ",")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="1,4,8,20")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--pages", default=",".join(p.url_path for p in PAGES))
    args = parser.parse_args()
    counts = [int(x) for x in args.sessions.split(",")]
    pages = args.pages.split(",")

    with tempfile.TemporaryDirectory(prefix="iko-load-") as tmp_name:
        tmp = Path(tmp_name)
        env = {**os.environ, "IKO_DATA_HOME": str(tmp / "home")}
        env.pop("IKO_DATA_DIR", None)
        # The demo's marts are built once, before any server starts (as an import would).
        subprocess.run(
            [sys.executable, "-c", "from dashboard.db import open_database; open_database()"],
            env=env, check=True,
        )  # fmt: skip
        servers = []
        for n in range(args.processes):
            port = free_port()
            servers.append(start_server(launcher_command(port), env, tmp / f"s{n}.log", port))
        try:
            for server in servers:
                wait_for_health(server)
            # Each page once per process first: a Monday morning starts after the first visit.
            for server in servers:
                for page in pages:
                    asyncio.run(measure([server], page, 1))
            rows = []
            for page in pages:
                for n in counts:
                    r = asyncio.run(measure(servers, page, n))
                    change = (
                        [s(statistics.median(r["changes"])), s(max(r["changes"]))]
                        if r["changes"]
                        else ["-", "-"]
                    )
                    rows.append(
                        [page, n, s(statistics.median(r["loads"])), s(max(r["loads"])),
                         *change, f"{r['cpu']:.0f}", f"{r['memory']:.0f}"]
                    )  # fmt: skip
                    print(" | ".join(map(str, rows[-1])), file=sys.stderr, flush=True)
            memory_20 = asyncio.run(open_sessions(servers, 20))
            peak = sum(peak_mb(s.process.pid) for s in servers)
        finally:
            for server in servers:
                stop(server.process)

    print(
        f"\n## {args.processes} app-proces(sen), demogegevens, sessies via Streamlits "
        "websocketprotocol (geen browser)\n"
    )
    print(
        table(
            rows,
            [
                "pagina",
                "sessies",
                "klaar mediaan s",
                "klaar slechtst s",
                "filter mediaan s",
                "filter slechtst s",
                "CPU % van 1 kern",
                "geheugen MB",
            ],
        )  # fmt: skip
    )
    print(f"\nGeheugen met 20 open sessies: {memory_20:.0f} MB (piek {peak:.0f} MB)")


if __name__ == "__main__":
    main()
