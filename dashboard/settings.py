"""Settings, typed and read once: where the data is, and how the app runs."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from dashboard.paths import DATA_ROOT, DEMO_DIR, REPO_ROOT

# The three roles, from fewest to most rights (see dashboard/server/auth.py).
Role = Literal["kijker", "medewerker", "gegevensbeheerder"]

# Report results are cached this long in the app. The cache is keyed by the data version
# (see data_dir_now), so a new import shows at once; the limit only bounds memory.
REPORT_CACHE_SECONDS = 300


class Settings(BaseModel):
    data_dir: Path = Field(
        default=DEMO_DIR,
        description="Map met de gepubliceerde export (één submap per tabel). "
        "Omgevingsvariabele IKO_DATA_DIR; standaard '<data_home>/current' zodra er iets is "
        "geïmporteerd, anders de ingebouwde demogegevens.",
    )
    data_home: Path = Field(
        default=DATA_ROOT / "published",
        description="Map waarin 'iko-dashboard import' publiceert: versies, 'current', "
        "originelen en het importlogboek. Omgevingsvariabele IKO_DATA_HOME.",
    )
    reference_root: Path = Field(
        default=DATA_ROOT,
        description="Map die 'reference/' bevat (categorieën, landen, vakanties, "
        "gepubliceerde cijfers). Omgevingsvariabele IKO_REFERENCE_ROOT.",
    )
    port: int = Field(default=8501, description="Poort van het dashboard (IKO_PORT).")
    publication_threshold: int = Field(
        default=5,
        ge=2,
        description="Publicatiemodus: aantallen van 1 tot deze waarde staan als '<drempel' "
        "(IKO_PUBLICATION_THRESHOLD).",
    )
    secrets_file: Path = Field(
        default=REPO_ROOT / ".streamlit" / "secrets.toml",
        description="Bestand met de logininstellingen ([auth], zie "
        "streamlit_config/secrets.toml.example); 'iko-dashboard run' laat Streamlit alleen dit "
        "bestand lezen. Omgevingsvariabele IKO_SECRETS_FILE.",
    )
    role_claim: str = Field(
        default="roles",
        description="De claim in het token van de identiteitsprovider die de rollen of groepen "
        "van de gebruiker noemt, bv. 'roles' (app-rollen in Entra ID) of 'groups'. "
        "Omgevingsvariabele IKO_ROLE_CLAIM.",
    )
    role_mapping: dict[str, Role] = Field(
        default={
            "kijker": "kijker",
            "medewerker": "medewerker",
            "gegevensbeheerder": "gegevensbeheerder",
        },
        description="Welke waarde in die claim welke rol geeft, als JSON-object "
        '(\'{"IKO.Beheer": "gegevensbeheerder", "<groeps-id>": "medewerker"}\'). Wie meer '
        "waarden heeft, krijgt de hoogste rol. Omgevingsvariabele IKO_ROLE_MAPPING.",
    )
    chart_element: Literal["eigen", "plotly_chart"] = Field(
        default="plotly_chart",
        description="Waarmee een pagina haar grafieken tekent: 'eigen' (het grafiekelement van "
        "het dashboard: plotly.js één keer geladen, elke grafiek één keer getekend, de eerste "
        "eerst) of 'plotly_chart' (Streamlits eigen st.plotly_chart). Omgevingsvariabele "
        "IKO_CHART_ELEMENT.",
    )
    access_contact: str = Field(
        default="de gegevensbeheerder van Centrum IKO",
        description="Wie toegang geeft: genoemd op de pagina voor wie wel inlogt maar geen rol "
        "heeft. Omgevingsvariabele IKO_ACCESS_CONTACT.",
    )


class SettingsError(ValueError):
    """A setting that cannot be read; the message is Dutch and names the variable."""


def _problem_nl(error: Mapping[str, Any]) -> str:
    name = str(error["loc"][0])
    if name == "role_mapping" and error["type"] == "dict_type":
        return "IKO_ROLE_MAPPING is geen JSON-object ({...})"
    if name == "role_mapping":
        return (
            f"IKO_ROLE_MAPPING: {error['input']!r} is geen rol "
            "(kijker, medewerker of gegevensbeheerder)"
        )
    return f"{ENV_VARS.get(name, name)}: {error['input']!r} kan niet ({error['msg']})"


ENV_VARS = {
    "data_dir": "IKO_DATA_DIR",
    "data_home": "IKO_DATA_HOME",
    "reference_root": "IKO_REFERENCE_ROOT",
    "port": "IKO_PORT",
    "secrets_file": "IKO_SECRETS_FILE",
    "role_claim": "IKO_ROLE_CLAIM",
    "role_mapping": "IKO_ROLE_MAPPING",
    "access_contact": "IKO_ACCESS_CONTACT",
    "publication_threshold": "IKO_PUBLICATION_THRESHOLD",
    "chart_element": "IKO_CHART_ELEMENT",
}


@cache
def settings() -> Settings:
    env: dict[str, object] = {name: os.environ.get(var) for name, var in ENV_VARS.items()}
    if env["role_mapping"]:
        try:
            env["role_mapping"] = json.loads(str(env["role_mapping"]))
        except json.JSONDecodeError as error:
            raise SettingsError(
                f"IKO_ROLE_MAPPING is geen geldig JSON-object ({error.msg}, teken {error.pos})."
            ) from None
    try:
        loaded = Settings(**{k: v for k, v in env.items() if v})
    except ValidationError as error:
        raise SettingsError(
            "Ongeldige instelling: " + "; ".join(map(_problem_nl, error.errors())) + "."
        ) from None
    # Once an export has been imported the app shows it; the demo only until then.
    current = loaded.data_home / "current"
    if not env["data_dir"] and current.is_dir():
        loaded = loaded.model_copy(update={"data_dir": current})
    return loaded


def data_dir_now() -> Path:
    """The data the app shows at this moment: IKO_DATA_DIR when set, else the last published
    import (the `current` link resolved, so a connection opened on it keeps one complete
    version however many imports follow), else the embedded demo data."""
    s = settings()
    if os.environ.get("IKO_DATA_DIR"):
        return s.data_dir.resolve()
    current = s.data_home / "current"
    return current.resolve() if current.is_dir() else DEMO_DIR.resolve()
