"""Starts Streamlit on `dashboard/app.py` with `streamlit_config/config.toml` in force.

Streamlit reads config files only from `.streamlit/` folders (home, current directory, beside
the main script), and has no variable that names a config file. So the launcher turns every
option of our file into a `--section.key=value` flag of `streamlit run`: flags outrank all
config files and STREAMLIT_* variables, and it works from any directory. The same way it names
the one secrets file Streamlit reads (`secrets.files`; the login settings, see `IKO_SECRETS_FILE`).

It also keeps the dashboard off the network without login: on an address other machines can
reach, it starts only when login is configured, or with `--zonder-login`.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NoReturn

from dashboard.paths import REPO_ROOT, STREAMLIT_CONFIG_DIR

APP_SCRIPT = Path(__file__).resolve().parents[1] / "app.py"
CONFIG_FILE = STREAMLIT_CONFIG_DIR / "config.toml"
SECRETS_EXAMPLE = STREAMLIT_CONFIG_DIR / "secrets.toml.example"
# What Streamlit needs in [auth] for its default provider (`st.login()` without a name).
REQUIRED_AUTH_KEYS = (
    "redirect_uri",
    "cookie_secret",
    "client_id",
    "client_secret",
    "server_metadata_url",
)
# Values of secrets.toml.example that say "fill me in": a copied example is not a configuration.
PLACEHOLDERS = ("VUL-HIER", "00000000-0000-0000-0000-000000000000")
# Tell the app it was started with `--zonder-login`, or with login configured: secrets that
# become unreadable while it runs then close the dashboard instead of opening it (see auth.py).
WITHOUT_LOGIN_ENV = "IKO_ZONDER_LOGIN"
LOGIN_ENV = "IKO_LOGIN"


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


def streamlit_command(
    port: int, address: str | None = None, secrets_file: Path | None = None
) -> list[str]:
    """`streamlit run` with our config; `address` and `secrets_file` replace the config's."""
    flags = [
        flag for flag in config_flags() if not (address and flag.startswith("--server.address="))
    ]
    if address:
        flags.append(f"--server.address={address}")
    if secrets_file is not None:
        flags.append(f"--secrets.files={secrets_file}")
    # dashboard.server.serve is `python -m streamlit` that also preloads the first page's work
    return [
        sys.executable,
        "-m",
        "dashboard.server.serve",
        "run",
        str(APP_SCRIPT),
        *flags,
        f"--server.port={port}",
    ]


def configured_address() -> str:
    return str(config_options()["server.address"])


def app_url(port: int, address: str | None = None) -> str:
    host = address or configured_address()
    if host in {"0.0.0.0", "::", ""}:  # every interface: name the machine instead
        host = socket.getfqdn()
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/"


# -- login --------------------------------------------------------------------------------


def missing_auth_keys(secrets: Mapping[str, Any]) -> list[str]:
    """The keys of `[auth]` that login still needs (all of them when there is no `[auth]`)."""
    section = secrets.get("auth")
    if not isinstance(section, Mapping):
        return list(REQUIRED_AUTH_KEYS)
    return [
        key
        for key in REQUIRED_AUTH_KEYS
        if not section.get(key) or any(mark in str(section[key]) for mark in PLACEHOLDERS)
    ]


def login_problem(secrets_file: Path) -> str | None:
    """Why the secrets file does not configure login, in Dutch; None when it does."""
    if not secrets_file.is_file():
        return f"het bestand {secrets_file} bestaat niet"
    try:
        with secrets_file.open("rb") as file:
            secrets = tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError) as error:
        return f"{secrets_file} is geen leesbaar TOML-bestand ({error})"
    missing = missing_auth_keys(secrets)
    if missing == list(REQUIRED_AUTH_KEYS) and "auth" not in secrets:
        return f"{secrets_file} heeft geen sectie [auth]"
    if missing:
        return f"in de sectie [auth] van {secrets_file} is niet ingevuld: {', '.join(missing)}"
    return None


def is_loopback(address: str) -> bool:
    """True when only this machine can reach `address` (127.0.0.1, ::1, localhost)."""
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        pass
    try:
        resolved = {info[4][0] for info in socket.getaddrinfo(address, None)}
    except OSError:
        return False
    return bool(resolved) and all(ipaddress.ip_address(a).is_loopback for a in resolved)


def refusal(address: str, secrets_file: Path, *, without_login: bool) -> str | None:
    """The Dutch message for starting on a network address without login; None if it may."""
    if without_login or is_loopback(address):
        return None
    problem = login_problem(secrets_file)
    if problem is None:
        return None
    try:
        shown = secrets_file.relative_to(REPO_ROOT)
    except ValueError:
        shown = secrets_file
    return f"""\
Het dashboard start niet op {address}: dat adres is vanaf het netwerk bereikbaar, en er is geen
login ingesteld ({problem}).
Zonder login ziet iedereen die het adres bereikt alle cijfers, ook kleine aantallen per land,
en kan iedereen een export importeren.

Login instellen (zie README, "Op een server voor het team"):
  1. Kopieer {SECRETS_EXAMPLE.relative_to(REPO_ROOT)} naar {shown}
     (of zet IKO_SECRETS_FILE op het pad van een ander bestand).
  2. Vul in de sectie [auth] {", ".join(REQUIRED_AUTH_KEYS[:-1])} en {REQUIRED_AUTH_KEYS[-1]}
     in, met de gegevens van de app-registratie bij de identiteitsprovider (Microsoft Entra ID).
  3. Geef medewerkers een rol (kijker, medewerker of gegevensbeheerder) en start opnieuw.

Alleen op een gesloten netwerk, bewust zonder login:
  iko-dashboard run --address {address} --zonder-login
"""


def launch(
    port: int,
    data_dir: Path | None = None,
    *,
    address: str | None = None,
    secrets_file: Path,
    without_login: bool = False,
) -> NoReturn:
    """Replace this process by the Streamlit server (so Ctrl+C and kill reach it directly)."""
    env = dict(os.environ)
    if data_dir is not None:
        env["IKO_DATA_DIR"] = str(data_dir.resolve())
    # Only this flag switches login off; a variable left in the shell must not.
    env.pop(WITHOUT_LOGIN_ENV, None)
    env.pop(LOGIN_ENV, None)
    if without_login:
        env[WITHOUT_LOGIN_ENV] = "1"
    elif login_problem(secrets_file) is None:
        env[LOGIN_ENV] = "1"
    command = streamlit_command(port, address, secrets_file)
    print(f"Het dashboard staat op {app_url(port, address)}  (stoppen: Ctrl+C)", flush=True)
    if without_login:
        print("Zonder login: iedereen die dit adres bereikt, ziet alle cijfers.", flush=True)
    os.execve(command[0], command, env)
