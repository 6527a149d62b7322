"""Login, roles and the safe default off localhost.

Without a browser: the role mapping, the settings, the launcher's refusal to start on a network
address without login (a real `iko-dashboard run` on 0.0.0.0), and the pages in AppTest with a
logged-in user of each role. In Chromium (marked `browser`): a real OpenID Connect provider
(`oidc-provider-mock`, on localhost in this process) and a second dashboard with login
configured, started once for this module, through which people log in and out.
"""

from __future__ import annotations

import tomllib

import pytest
from auth_support import MAPPED, auth_section

from dashboard.paths import REPO_ROOT
from dashboard.server import auth, launcher
from dashboard.settings import ENV_VARS, SettingsError, settings

# The mock provider uses Authlib APIs that Authlib itself marks as deprecated; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


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
