"""`python -m streamlit`, with the first page's work started as soon as the server listens.

`iko-dashboard run` (dashboard.server.launcher) execs this module with the arguments of `streamlit
...`; for `run` it starts `dashboard.server.preload` on the port and address of the command.
"""

from __future__ import annotations

import sys

from dashboard.server import preload

EVERY_INTERFACE = {"", "0.0.0.0", "::"}  # noqa: S104 - a value to recognise, not to bind


def flag(args: list[str], name: str) -> str | None:
    """The value of `--name=value` (the form the launcher writes) among `args`."""
    prefix = f"--{name}="
    return next((a.removeprefix(prefix) for a in reversed(args) if a.startswith(prefix)), None)


def main(args: list[str]) -> None:
    if args[:1] == ["run"]:
        port = flag(args, "server.port")
        address = flag(args, "server.address") or ""
        if port is not None:
            preload.start(int(port), "127.0.0.1" if address in EVERY_INTERFACE else address)
    from streamlit.web.cli import main as streamlit

    sys.argv = ["streamlit", *args]
    streamlit(prog_name="streamlit")


if __name__ == "__main__":
    main(sys.argv[1:])
