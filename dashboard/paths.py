"""Where the repository keeps what the dashboard needs at run time."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_ROOT = REPO_ROOT / "data"
DEMO_DIR = DATA_ROOT / "demo"
REFERENCE_DIR = DATA_ROOT / "reference"
QUERIES_DIR = REPO_ROOT / "queries"
STREAMLIT_CONFIG_DIR = REPO_ROOT / "streamlit_config"
STATIC_DIR = Path(__file__).resolve().parent / "static"  # served at /app/static/
