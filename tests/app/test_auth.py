"""Login, roles and the safe default off localhost.

Without a browser: the role mapping, the settings, the launcher's refusal to start on a network
address without login (a real `iko-dashboard run` on 0.0.0.0), and the pages in AppTest with a
logged-in user of each role. In Chromium (marked `browser`): a real OpenID Connect provider
(`oidc-provider-mock`, on localhost in this process) and a second dashboard with login
configured, started once for this module, through which people log in and out.
"""

from __future__ import annotations

import pytest
from auth_support import auth_section
from streamlit.testing.v1 import AppTest

from dashboard import pages
from dashboard.importer import import_log
from dashboard.paths import REPO_ROOT
from dashboard.server import launcher

# The mock provider uses Authlib APIs that Authlib itself marks as deprecated; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

APP = REPO_ROOT / "dashboard" / "app.py"
TIMEOUT = 120
GEGEVENS = next(p for p in pages.PAGES if p.url_path == "gegevens")


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
