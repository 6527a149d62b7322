"""Who may see what: login through the organisation's OpenID Connect provider, and roles.

Streamlit does the login itself (`st.login`, `st.logout`, `st.user`) once the `[auth]` section of
its secrets file is filled in (see `streamlit_config/secrets.toml.example`). This module decides
what a visitor may do with the claims of their token:

- `kijker`: every page, publication mode switchable;
- `medewerker`: every page;
- `gegevensbeheerder`: also imports, and sees the import log.

A visitor whose token names none of the mapped roles sees one page that says whom to ask. Without
login configured (one person on a laptop, the tests) nothing changes: everyone may do everything,
as before. `iko-dashboard run` refuses to offer that to a network (see
`dashboard/server/launcher.py`), unless started with `--zonder-login`, which every page then says.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, get_args

import streamlit as st

from dashboard.server.launcher import LOGIN_ENV, WITHOUT_LOGIN_ENV, missing_auth_keys
from dashboard.settings import Role, settings

ROLES: tuple[Role, ...] = get_args(Role)  # fewest rights first

# -- configuration ------------------------------------------------------------------------


def login_configured() -> bool:
    """Login is configured in the secrets Streamlit reads (and not switched off)."""
    if os.environ.get(WITHOUT_LOGIN_ENV):
        return False
    try:
        return not missing_auth_keys(st.secrets.to_dict())
    except Exception:  # no secrets file at all: Streamlit raises its own "not found"
        return False


# A reverse proxy adds one of these; a browser on the same machine sends none.
PROXY_HEADERS = (
    "X-Forwarded-For",
    "X-Forwarded-Host",
    "X-Forwarded-Proto",
    "X-Real-Ip",
    "Forwarded",
)


def reached_through_proxy() -> bool:
    """The request came through a reverse proxy: the launcher, which sees only 127.0.0.1,
    cannot tell that the dashboard is offered to a network."""
    try:
        headers = st.context.headers
    except Exception:  # no browser session (AppTest): no headers
        return False
    return any(headers.get(name) for name in PROXY_HEADERS)


def running_without_login() -> bool:
    """Started with `--zonder-login`: on a network, without asking who anyone is."""
    return bool(os.environ.get(WITHOUT_LOGIN_ENV))


# -- roles --------------------------------------------------------------------------------


def claim_values(claims: Mapping[str, Any], claim: str) -> tuple[str, ...] | None:
    """The values of `claim` as strings; None when the token has no such claim.

    Providers send a list (Entra ID, Keycloak); a few send one string."""
    if claim not in claims or claims[claim] is None:
        return None
    value = claims[claim]
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Sequence):
        return tuple(str(v) for v in value)
    return (str(value),)


def role_from_claims(
    claims: Mapping[str, Any], claim: str, mapping: Mapping[str, Role]
) -> Role | None:
    """The highest role that a value of `claim` maps to; None when none does."""
    values = claim_values(claims, claim) or ()
    granted = {mapping[v] for v in values if v in mapping}
    return max(granted, key=ROLES.index) if granted else None


@dataclass(frozen=True)
class Visitor:
    """Who is looking, as far as the dashboard needs to know."""

    role: Role | None
    name: str | None = None
    email: str | None = None
    logged_in: bool = False

    @property
    def label(self) -> str:
        """'Naam (e-mail)' for the import log and the sidebar."""
        if self.name and self.email and self.name != self.email:
            return f"{self.name} ({self.email})"
        return self.name or self.email or "onbekend"


# Without login everyone may do everything, as on a laptop before there were roles.
EVERYONE = Visitor(role="gegevensbeheerder")


def _text_claim(claims: Mapping[str, Any], *names: str) -> str | None:
    for name in names:
        value = claims.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def visitor() -> Visitor:
    """The visitor of this run: from the token's claims when login is configured."""
    if not login_configured():
        return EVERYONE
    claims = st.user.to_dict()
    if not claims.get("is_logged_in"):
        return Visitor(role=None)
    s = settings()
    return Visitor(
        role=role_from_claims(claims, s.role_claim, s.role_mapping),
        name=_text_claim(claims, "name", "preferred_username"),
        # Entra ID puts the address in `email` only when the account has one; the sign-in name
        # (`preferred_username`, usually the same address) is the fallback.
        email=_text_claim(claims, "email", "preferred_username", "upn"),
        logged_in=True,
    )


def may_import() -> bool:
    """Imports and the import log are for the gegevensbeheerder."""
    return visitor().role == "gegevensbeheerder"


def may_switch_publication() -> bool:
    """Every role may switch publication mode (small counts protected) on and off."""
    return visitor().role in ROLES


def import_who() -> str | None:
    """Who the import log names: the logged-in person; None without login (then a typed name)."""
    current = visitor()
    return current.label if current.logged_in else None


# -- pages --------------------------------------------------------------------------------


def gate() -> Visitor:
    """Stop this run at the login page or the no-role page unless the visitor may look.

    Call before anything of the dashboard is drawn: a visitor who may not look sees nothing
    else, not even the names of the pages."""
    current = visitor()
    if not login_configured():
        if os.environ.get(LOGIN_ENV):  # configured at the start, unreadable now: stay closed
            st.title("Login niet te lezen")
            st.error(
                "Het dashboard is met login gestart, maar de logininstellingen zijn nu niet te "
                "lezen. De beheerder controleert het secrets-bestand en start het dashboard "
                "opnieuw.",
                icon=":material/lock:",
            )
            st.stop()
        if reached_through_proxy() and not running_without_login():
            _proxy_without_login_page()
            st.stop()
        return current
    if not current.logged_in:
        _login_page()
        st.stop()
    if current.role is None:
        _no_role_page(current)
        st.stop()
    _account(current)
    return current


def _login_page() -> None:
    st.title("IKO-dashboard")
    st.markdown(
        "Het dashboard van Centrum IKO is alleen voor medewerkers. Log in met uw account "
        "van de organisatie."
    )
    if st.button("Inloggen", type="primary", icon=":material/login:", key="inloggen"):
        st.login()


def _no_role_page(current: Visitor) -> None:
    s = settings()
    st.title("Geen toegang")
    values = claim_values(st.user.to_dict(), s.role_claim)
    said = (
        f"Uw account heeft nog geen rol voor het IKO-dashboard (de claim '{s.role_claim}' "
        "ontbreekt in uw token)."
        if values is None
        else "Uw account heeft nog geen rol voor het IKO-dashboard."
    )
    st.markdown(
        f"U bent ingelogd als **{current.label}**. {said}\n\n"
        f"Vraag {s.access_contact} om u een van deze rollen te geven: **kijker** (alle "
        "pagina's bekijken), **medewerker** (alle pagina's) of **gegevensbeheerder** (ook "
        "importeren). Log daarna opnieuw in."
    )
    if st.button("Uitloggen", icon=":material/logout:", key="uitloggen"):
        st.logout()


def _proxy_without_login_page() -> None:
    st.title("Geen login ingesteld")
    st.markdown(
        "Dit dashboard wordt via een andere server (een reverse proxy) aan het netwerk "
        "aangeboden, maar er is geen login ingesteld: dan zou iedereen die dit adres bereikt "
        "alle cijfers zien en kunnen importeren. Daarom toont het niets.\n\n"
        "Voor de beheerder: stel login in (README, *Op een server voor het team*), of start het "
        "dashboard, alleen op een gesloten netwerk, bewust met `iko-dashboard run --zonder-login`."
    )


def _account(current: Visitor) -> None:
    with st.sidebar.container(key="account"):
        st.caption(f"Ingelogd als {current.label} · {current.role}")
        if st.button("Uitloggen", icon=":material/logout:", key="uitloggen"):
            st.logout()


def without_login_banner() -> None:
    """On every page of a dashboard started with `--zonder-login`: say that anyone may look."""
    if running_without_login():
        st.warning(
            "Zonder login gestart: iedereen die dit adres bereikt, ziet alle cijfers en kan "
            "importeren. Alleen bedoeld voor een gesloten netwerk.",
            icon=":material/lock_open:",
        )
