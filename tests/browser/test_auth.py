"""Login, roles and the safe default off localhost.

Without a browser: the role mapping, the settings, the launcher's refusal to start on a network
address without login (a real `iko-dashboard run` on 0.0.0.0), and the pages in AppTest with a
logged-in user of each role. In Chromium (marked `browser`): a real OpenID Connect provider
(`oidc-provider-mock`, on localhost in this process) and a second dashboard with login
configured, started once for this module, through which people log in and out.
"""

from __future__ import annotations

import json
import os
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from auth_support import MAPPED, auth_section, body
from browser_support import (
    ARTIFACTS,
    CHROMIUM,
    ERROR_TEXTS,
    PAGE_SECONDS,
    Server,
    launcher_command,
    stop,
    wait_for_health,
)

from dashboard import chrome, pages
from dashboard.importer import import_log
from dashboard.paths import REPO_ROOT

# The mock provider uses Authlib APIs that Authlib itself marks as deprecated; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_no_secrets_file_is_committed():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert not [f for f in tracked if Path(f).name == "secrets.toml"]


# -- the safe default ---------------------------------------------------------------------


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    command = [c for c in launcher_command(0) if c not in {"--port", "0", "run"}]
    return subprocess.run(
        [*command, "run", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_refuses_to_start_on_all_addresses_without_login(tmp_path, free_port):
    port = free_port()
    env = {**os.environ, "IKO_SECRETS_FILE": str(tmp_path / "geen-secrets.toml")}
    done = run_cli("--address", "0.0.0.0", "--port", str(port), env=env)

    assert done.returncode != 0
    assert done.stdout == ""
    message = done.stderr
    assert message.startswith("Het dashboard start niet op 0.0.0.0")
    assert "geen-secrets.toml bestaat niet" in message
    assert "secrets.toml.example" in message and "server_metadata_url" in message
    assert "--zonder-login" in message
    assert "Traceback" not in message
    # nothing listens: the refusal comes before Streamlit starts
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)


# -- in Chromium, with a real OpenID Connect provider -------------------------------------

PEOPLE = {
    "kim": {"name": "Kim Kijker", "email": "kim@iko.test", "roles": ["IKO.Kijker"]},
    "mo": {"name": "Mo Medewerker", "email": "mo@iko.test", "roles": ["IKO.Medewerker"]},
    "bea": {"name": "Bea Beheer", "email": "bea@iko.test", "roles": ["IKO.Beheer"]},
    "rik": {"name": "Rik Ruimte", "email": "rik@iko.test", "roles": ["Iets.Anders"]},
    "nora": {"name": "Nora Niemand", "email": "nora@iko.test"},  # no roles claim
}


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """A real OIDC provider on localhost; returns its address."""
    from oidc_provider_mock import User, run_server_in_thread

    users = [User(sub=sub, claims=claims) for sub, claims in PEOPLE.items()]
    with run_server_in_thread(user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def login_server(provider, free_port, tmp_path_factory) -> Iterator[Server]:
    """A second dashboard, with login through `provider`, for this module only."""
    port = free_port()
    folder = tmp_path_factory.mktemp("login")
    secrets = folder / "secrets.toml"
    body = auth_section(
        f"http://localhost:{port}/oauth2callback", f"{provider}/.well-known/openid-configuration"
    )
    secrets.write_text(
        "[auth]\n" + "".join(f'{k} = "{v}"\n' for k, v in body.items()), encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"IKO_DATA_DIR", "IKO_PORT"}}
    env.update(
        IKO_SECRETS_FILE=str(secrets),
        IKO_ROLE_MAPPING=json.dumps(MAPPED),
        IKO_DATA_HOME=str(folder / "home"),
    )
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / "login-server.log"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            launcher_command(port),
            cwd=folder,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    running = Server(process, port, log)
    running.home = folder / "home"  # type: ignore[attr-defined]
    try:
        wait_for_health(running)
        yield running
    finally:
        stop(process)


def app_url(server: Server, path: str = "") -> str:
    # localhost, not 127.0.0.1: the login cookie belongs to the origin of the redirect URI
    return f"http://localhost:{server.port}/{path}"


@pytest.fixture
def visitor(browser):
    """A fresh browser context (no cookies) per test."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} ontbreekt")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(PAGE_SECONDS * 1000)
    yield page
    context.close()


def wait_done(page) -> None:
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden")
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stSkeleton\"]')"
        " && document.querySelector('[data-testid=\"stMain\"]')"
    )


def log_in(page, server: Server, who: str) -> None:
    page.goto(app_url(server))
    page.get_by_role("button", name="Inloggen").click()
    # the provider's own page: one button per known person
    page.get_by_role("button", name=who, exact=True).click()
    page.wait_for_url(f"{app_url(server)}**")


def wait_footer(page) -> None:
    """The footer is the last thing a page run draws."""
    page.locator(f".st-key-{chrome.FOOTER_KEY}").get_by_text("Gegevens tot en met").wait_for()
    wait_done(page)


@pytest.mark.browser
def test_anonymous_sees_the_login_page_only(login_server, visitor):
    visitor.goto(app_url(login_server, "gegevens"))
    visitor.get_by_role("button", name="Inloggen").wait_for()
    wait_done(visitor)
    text = body(visitor)
    assert "Log in met uw account" in text
    assert not [t for t in ERROR_TEXTS if t in text]
    for hidden in ("Jaaroverzicht", "Gegevens tot en met", "Demonstratiegegevens", "Importeren"):
        assert hidden not in text
    assert visitor.locator('[data-testid="stSidebarNav"]').count() == 0


@pytest.mark.browser
def test_kijker_logs_in_cannot_import_and_logs_out(login_server, visitor):
    log_in(visitor, login_server, "kim")
    wait_footer(visitor)
    assert "Ingelogd als Kim Kijker (kim@iko.test) · kijker" in body(visitor)

    visitor.goto(app_url(login_server, "gegevens"))
    wait_footer(visitor)
    text = body(visitor)
    assert "Tabellen in de export" in text
    assert "Importeren en het importlogboek zijn voor de gegevensbeheerder" in text
    assert "Een nieuwe export importeren" not in text and "Importlogboek" not in text
    assert visitor.locator('[data-testid="stFileUploader"]').count() == 0

    visitor.get_by_role("button", name="Uitloggen").click()
    # the provider asks to confirm the end of the session, then sends the browser back
    visitor.get_by_role("button", name="End session").click()
    visitor.get_by_role("button", name="Inloggen").wait_for()
    assert "Kim Kijker" not in body(visitor)
    visitor.goto(app_url(login_server, "gegevens"))
    visitor.get_by_role("button", name="Inloggen").wait_for()


@pytest.mark.browser
def test_medewerker_sees_every_page_but_not_the_import(login_server, visitor):
    log_in(visitor, login_server, "mo")
    visitor.goto(app_url(login_server, "gegevens"))
    wait_footer(visitor)
    text = body(visitor)
    assert "· medewerker" in text and "Tabellen in de export" in text
    assert "Een nieuwe export importeren" not in text and "Importlogboek" not in text
    nav = visitor.locator('[data-testid="stSidebarNav"]').inner_text()
    assert all(p.title in nav for p in pages.PAGES), nav


@pytest.mark.browser
def test_gegevensbeheerder_imports_and_the_log_names_them(login_server, visitor, tmp_path):
    log_in(visitor, login_server, "bea")
    visitor.goto(app_url(login_server, "gegevens"))
    wait_footer(visitor)
    assert "Uw naam" not in body(visitor)

    figures = tmp_path / "jaarverslag-2022.csv"
    figures.write_text("year;measure;value\n2022;cases.total;9000\n", encoding="utf-8")
    visitor.locator(".st-key-published_upload input[type=file]").set_input_files(figures)
    start = visitor.get_by_role("button", name="Jaarcijfers importeren")
    visitor.wait_for_function(
        "() => !document.querySelector('.st-key-published_start button').disabled"
    )
    start.click()
    visitor.get_by_text("Gepubliceerde jaarcijfers geïmporteerd").wait_for()
    visitor.goto(app_url(login_server, "gegevens"))
    wait_footer(visitor)
    assert "Wie: Bea Beheer (bea@iko.test)" in body(visitor)
    who = import_log(login_server.home)["who"].to_list()  # type: ignore[attr-defined]
    assert who == ["Bea Beheer (bea@iko.test)"]


@pytest.mark.browser
@pytest.mark.parametrize(
    "who, says",
    [("rik", "nog geen rol"), ("nora", "claim 'roles' ontbreekt")],
    ids=["unknown-role", "no-claim"],
)
def test_without_a_mapped_role_only_whom_to_ask(login_server, visitor, who, says):
    log_in(visitor, login_server, who)
    visitor.get_by_text(says).wait_for()
    wait_done(visitor)
    text = body(visitor)
    assert "Geen toegang" in text and "Vraag de gegevensbeheerder van Centrum IKO" in text
    for hidden in ("Jaaroverzicht", "Gegevens tot en met", "Demonstratiegegevens"):
        assert hidden not in text
    visitor.goto(app_url(login_server, "gegevens"))
    visitor.get_by_text("Geen toegang").wait_for()
    assert "Tabellen in de export" not in body(visitor)


def test_started_without_login_on_all_addresses_it_runs(free_port, tmp_path):
    """`--zonder-login` overrides the refusal; the server answers (and is stopped at once)."""
    port = free_port()
    env = {**os.environ, "IKO_SECRETS_FILE": str(tmp_path / "geen.toml")}
    log = tmp_path / "server.log"
    command = launcher_command(port) + ["--address", "0.0.0.0", "--zonder-login"]
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            command,
            env=env,
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for_health(Server(process, port, log))
        assert "Zonder login" in log.read_text(encoding="utf-8")
    finally:
        stop(process)


@pytest.mark.browser
def test_through_a_reverse_proxy_without_login_nothing_is_shown(server, browser):
    """Bound to 127.0.0.1 behind a proxy, the launcher cannot see the network; the page can."""
    context = browser.new_context(extra_http_headers={"X-Forwarded-For": "192.0.2.7"})
    try:
        page = context.new_page()
        page.goto(server.url + "jaaroverzicht")
        page.get_by_role("heading", name="Geen login ingesteld").wait_for(
            timeout=PAGE_SECONDS * 1000
        )
        page.get_by_text("Voor de beheerder").wait_for(timeout=PAGE_SECONDS * 1000)
        wait_done(page)
        text = body(page)
        assert "reverse proxy" in text and "--zonder-login" in text
        assert "Gegevens tot en met" not in text and "Demonstratiegegevens" not in text
    finally:
        context.close()
