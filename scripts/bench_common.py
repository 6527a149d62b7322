"""What both benchmarks need: a free port, a server started with its output in a file, peak
memory, and the Markdown table they print.

Its own module, so that `bench.py` may use `bench_load.py`'s websocket session without the
two importing each other.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from dashboard.server.process import Server


def start_server(command: list[str], env: dict[str, str], log: Path, port: int) -> Server:
    with log.open("w") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
    return Server(process, port, log)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_mb(pid: int) -> float:
    """The peak resident memory of a running process and its children, in MB."""
    total = 0.0
    for p in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            pass
    return total


def _children(pid: int) -> list[int]:
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    found = []
    for kid in map(int, kids):
        found += [kid, *_children(kid)]
    return found


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(row: list) -> str:
        return "| " + " | ".join(str(c).rjust(w) for c, w in zip(row, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), rule, *map(line, rows)])
