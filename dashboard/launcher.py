"""Starts Streamlit on `dashboard/app.py` with `streamlit_config/config.toml` in force.

Streamlit reads config files only from `.streamlit/` folders (home, current directory, beside
the main script), and has no variable that names a config file. So the launcher turns every
option of our file into a `--section.key=value` flag of `streamlit run`: flags outrank all
config files and STREAMLIT_* variables, and it works from any directory.
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NoReturn

from dashboard.paths import STREAMLIT_CONFIG_DIR

APP_SCRIPT = Path(__file__).resolve().with_name("app.py")
CONFIG_FILE = STREAMLIT_CONFIG_DIR / "config.toml"


def config_options(path: Path = CONFIG_FILE) -> dict[str, Any]:
    """The options of a Streamlit config file by dotted name ("theme.primaryColor")."""
    with path.open("rb") as file:
        return dict(_flatten(tomllib.load(file)))


def _flatten(table: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in table.items():
        if isinstance(value, Mapping):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _flag_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def config_flags(path: Path = CONFIG_FILE) -> list[str]:
    """Every option of the config file as a `streamlit run` flag; a list repeats its flag."""
    flags = []
    for name, value in config_options(path).items():
        for item in value if isinstance(value, list) else [value]:
            flags.append(f"--{name}={_flag_value(item)}")
    return flags


def streamlit_command(port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP_SCRIPT),
        *config_flags(),
        f"--server.port={port}",
    ]


def app_url(port: int) -> str:
    return f"http://{config_options()['server.address']}:{port}/"


def launch(port: int, data_dir: Path | None = None) -> NoReturn:
    """Replace this process by the Streamlit server (so Ctrl+C and kill reach it directly)."""
    env = dict(os.environ)
    if data_dir is not None:
        env["IKO_DATA_DIR"] = str(data_dir.resolve())
    command = streamlit_command(port)
    print(f"Het dashboard staat op {app_url(port)}  (stoppen: Ctrl+C)", flush=True)
    os.execve(command[0], command, env)
