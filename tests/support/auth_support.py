"""Helpers shared by the tier files tests/*/test_auth.py."""

from __future__ import annotations

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


def body(page) -> str:
    return page.locator("body").inner_text()
