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
import tomllib
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
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
from streamlit.testing.v1 import AppTest

from dashboard import chrome, pages
from dashboard.importer import import_log
from dashboard.paths import REPO_ROOT
from dashboard.server import auth, launcher
from dashboard.settings import ENV_VARS, SettingsError, settings

# The mock provider uses Authlib APIs that Authlib itself marks as deprecated; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

APP = REPO_ROOT / "dashboard" / "app.py"
TIMEOUT = 120
GEGEVENS = next(p for p in pages.PAGES if p.url_path == "gegevens")
# Entra ID app roles are often named like this; the mapping turns them into our three roles.
MAPPED = {"IKO.Kijker": "kijker", "IKO.Medewerker": "medewerker", "IKO.Beheer": "gegevensbeheerder"}


def auth_section(redirect_uri: str, metadata_url: str) -> dict[str, str]:
    return {
        "redirect_uri": redirect_uri,
        "cookie_secret": "een-lange-geheime-tekst-alleen-voor-de-test",
        "client_id": "iko-dashboard",
        "client_secret": "geheim",
        "server_metadata_url": metadata_url,
    }


# -- roles and settings -------------------------------------------------------------------


@pytest.mark.parametrize(
    "claims, role",
    [
        ({"roles": ["IKO.Kijker"]}, "kijker"),
        ({"roles": ["IKO.Kijker", "IKO.Beheer", "Iets.Anders"]}, "gegevensbeheerder"),
        ({"roles": ["IKO.Medewerker", "IKO.Kijker"]}, "medewerker"),
        ({"roles": "IKO.Medewerker"}, "medewerker"),  # a single value as a string
        ({"roles": ["Iets.Anders"]}, None),
        ({"roles": []}, None),
        ({"email": "a@b.nl"}, None),  # no roles claim at all
        ({"groups": ["IKO.Beheer"]}, None),  # another claim than the configured one
    ],
)
def test_the_highest_mapped_role_wins(claims, role):
    assert auth.role_from_claims(claims, "roles", MAPPED) == role


def test_a_missing_claim_differs_from_an_empty_one():
    assert auth.claim_values({"email": "a@b.nl"}, "roles") is None
    assert auth.claim_values({"roles": []}, "roles") == ()


def test_role_claim_and_mapping_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("IKO_ROLE_CLAIM", "groups")
    monkeypatch.setenv("IKO_ROLE_MAPPING", '{"5f1c-guid": "gegevensbeheerder"}')
    settings.cache_clear()
    try:
        assert settings().role_claim == "groups"
        assert settings().role_mapping == {"5f1c-guid": "gegevensbeheerder"}
        monkeypatch.setenv("IKO_ROLE_MAPPING", '{"5f1c-guid": "directeur"}')
        settings.cache_clear()
        with pytest.raises(SettingsError, match="'directeur' is geen rol"):
            settings()
        monkeypatch.setenv("IKO_ROLE_MAPPING", '{"5f1c-guid": ')
        settings.cache_clear()
        with pytest.raises(SettingsError, match="geen geldig JSON-object"):
            settings()
    finally:
        settings.cache_clear()


def test_by_default_the_role_values_are_the_role_names():
    for role in auth.ROLES:
        assert auth.role_from_claims({"roles": [role]}, "roles", settings().role_mapping) == role


def test_the_example_secrets_file_documents_every_key_and_configures_nothing(tmp_path):
    example = launcher.SECRETS_EXAMPLE
    with example.open("rb") as file:
        section = tomllib.load(file)["auth"]
    assert set(launcher.REQUIRED_AUTH_KEYS) <= set(section)
    text = example.read_text(encoding="utf-8")
    for key in launcher.REQUIRED_AUTH_KEYS:
        # every key has a Dutch comment right above it
        above = text.split(f"\n{key} = ")[0].rstrip().splitlines()[-1]
        assert above.startswith("# "), key
    # copied as it is, it is not a login configuration
    copied = tmp_path / "secrets.toml"
    copied.write_text(text, encoding="utf-8")
    assert "is niet ingevuld" in launcher.login_problem(copied)


def test_every_setting_is_documented_in_the_readme():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    for variable in ENV_VARS.values():
        assert f"`{variable}`" in readme, variable


def test_xsrf_and_cors_stay_as_streamlit_sets_them():
    options = launcher.config_options()
    assert "server.enableXsrfProtection" not in options and "server.enableCORS" not in options
    assert options["server.maxUploadSize"] == 50


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


def test_refusal_rules(tmp_path):
    secrets = tmp_path / "secrets.toml"
    assert launcher.refusal("127.0.0.1", secrets, without_login=False) is None
    assert launcher.refusal("localhost", secrets, without_login=False) is None
    assert launcher.refusal("::1", secrets, without_login=False) is None
    assert launcher.refusal("0.0.0.0", secrets, without_login=True) is None
    assert launcher.refusal("192.168.1.20", secrets, without_login=False)
    secrets.write_text("[auth]\nclient_id = 'x'\n", encoding="utf-8")
    assert "niet ingevuld: redirect_uri, cookie_secret, client_secret" in launcher.refusal(
        "0.0.0.0", secrets, without_login=False
    )
    body = auth_section("https://iko.example/oauth2callback", "https://idp.example/.well-known")
    secrets.write_text(
        "[auth]\n" + "".join(f'{k} = "{v}"\n' for k, v in body.items()), encoding="utf-8"
    )
    assert launcher.refusal("0.0.0.0", secrets, without_login=False) is None


def test_the_launcher_names_the_secrets_file_and_the_address(tmp_path):
    command = launcher.streamlit_command(8600, "0.0.0.0", tmp_path / "s.toml")
    assert f"--secrets.files={tmp_path / 's.toml'}" in command
    assert [c for c in command if c.startswith("--server.address=")] == ["--server.address=0.0.0.0"]


def open_app(page: pages.PageSpec | None = None, *, user=None, secrets=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if secrets is not None:
        at.secrets.update(secrets)
    if user is not None:
        at.user = user
    at.run()
    if page is not None and not at.exception:
        at.switch_page(page.script).run()
    return at


def test_without_login_flag_every_page_says_so(monkeypatch):
    monkeypatch.setenv(launcher.WITHOUT_LOGIN_ENV, "1")
    at = open_app()
    for page in pages.PAGES:
        at.switch_page(page.script).run()
        assert not at.exception, (page.url_path, at.exception)
        assert any("Zonder login gestart" in w.value for w in at.warning), page.url_path


def test_started_with_login_and_then_unreadable_secrets_it_stays_closed(monkeypatch):
    """The launcher saw a login configuration; if the secrets break while it runs (Streamlit
    rereads the file when it changes), the dashboard must not fall back to no login."""
    monkeypatch.setenv(launcher.LOGIN_ENV, "1")
    at = open_app(GEGEVENS)
    assert not at.exception
    assert [t.value for t in at.title] == ["Login niet te lezen"]
    assert not at.header and not at.dataframe and not at.selectbox


# -- roles in the pages (AppTest) ---------------------------------------------------------

SECRETS = {"auth": auth_section("http://localhost:8501/oauth2callback", "http://localhost/x")}


def user(*roles: str, **claims: str) -> dict[str, object]:
    return {
        "is_logged_in": True,
        "name": "Bea Beheer",
        "email": "bea@iko.test",
        **({"roles": list(roles)} if roles else {}),
        **claims,
    }


def test_anonymous_visitor_sees_only_the_login_button():
    at = open_app(secrets=SECRETS, user={"is_logged_in": False})
    assert not at.exception
    assert [t.value for t in at.title] == ["IKO-dashboard"]
    assert [b.label for b in at.button] == ["Inloggen"]
    assert not at.warning and not at.dataframe and not at.selectbox


@pytest.mark.parametrize(
    "roles, imports",
    [(("kijker",), False), (("medewerker",), False), (("gegevensbeheerder",), True)],
)
def test_only_the_gegevensbeheerder_sees_the_import(roles, imports, data_home):
    at = open_app(GEGEVENS, secrets=SECRETS, user=user(*roles))
    assert not at.exception, at.exception
    headers = [h.value for h in at.header]
    assert ("Een nieuwe export importeren" in headers) is imports
    assert ("Importlogboek" in headers) is imports
    assert ("Laatste import" in headers) is imports
    assert bool(at.get("file_uploader")) is imports
    locked = [i.value for i in at.info if "voor de gegevensbeheerder" in i.value]
    assert bool(locked) is not imports
    assert f"Ingelogd als Bea Beheer (bea@iko.test) · {roles[0]}" in [c.value for c in at.caption]
    # nobody types a name: the log takes it from the login
    assert not at.text_input


def test_the_import_log_names_the_logged_in_person(data_home):
    at = open_app(GEGEVENS, secrets=SECRETS, user=user("gegevensbeheerder"))
    uploader = next(u for u in at.get("file_uploader") if u.proto.id.endswith("published_upload"))
    uploader.set_value(
        [("jaarverslag-2023.csv", b"year;measure;value\n2023;cases.total;9960\n", "text/csv")]
    )
    at.run()
    at.button(key="published_start").click().run()
    assert not at.exception, at.exception
    assert import_log(data_home)["who"].to_list() == ["Bea Beheer (bea@iko.test)"]


def test_a_person_without_a_mapped_role_sees_whom_to_ask_and_nothing_else():
    at = open_app(GEGEVENS, secrets=SECRETS, user=user("Iets.Anders"))
    assert [t.value for t in at.title] == ["Geen toegang"]
    text = "\n".join(m.value for m in at.markdown)
    assert "U bent ingelogd als **Bea Beheer (bea@iko.test)**" in text
    assert "Vraag de gegevensbeheerder van Centrum IKO" in text
    assert not at.header and not at.dataframe and not at.warning and not at.selectbox


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


def body(page) -> str:
    return page.locator("body").inner_text()


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
