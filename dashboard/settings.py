"""Settings, typed and read once: where the data is, and how the app runs."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from pydantic import BaseModel, Field

from dashboard.paths import DATA_ROOT, DEMO_DIR

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


@cache
def settings() -> Settings:
    env = {
        "data_dir": os.environ.get("IKO_DATA_DIR"),
        "data_home": os.environ.get("IKO_DATA_HOME"),
        "reference_root": os.environ.get("IKO_REFERENCE_ROOT"),
        "port": os.environ.get("IKO_PORT"),
        "publication_threshold": os.environ.get("IKO_PUBLICATION_THRESHOLD"),
    }
    loaded = Settings(**{k: v for k, v in env.items() if v})
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
