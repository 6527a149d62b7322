"""Entry point of the dashboard: routes to the page, with the chrome around every page.

Start it with `iko-dashboard run`, which applies `streamlit_config/config.toml`.
"""

from dashboard.server import preload

# When the server preloads the pages' modules, a first run waits for that instead of importing
# the same modules beside it (see dashboard.server.preload).
preload.wait()

import streamlit as st  # noqa: E402

from dashboard import chart_element, chrome, disclosure  # noqa: E402
from dashboard.charts import template  # noqa: E402
from dashboard.paths import STATIC_DIR  # noqa: E402
from dashboard.server import auth  # noqa: E402
from dashboard.settings import settings  # noqa: E402

# A file of our own: a material icon as favicon makes the browser fetch it from a font server,
# which a machine without internet cannot reach.
st.set_page_config(
    page_title="IKO-dashboard", page_icon=str(STATIC_DIR / "favicon.png"), layout="wide"
)
template.use_iko_template()
# With login configured, a visitor without a role stops here and sees nothing of the data.
auth.gate()

page = chrome.navigate()
if settings().chart_element == "eigen":
    chart_element.preload()  # plotly.js loads while the page runs
st.set_page_config(page_title=f"{page.title} · IKO-dashboard")
chrome.header(page.title)
auth.without_login_banner()
spec = chrome.page_spec(page)
if spec is not None and spec.by_year:
    chrome.year_selector()
chrome.publication_selector()
# every count the page releases, for the audit (`iko-dashboard audit`, the tests)
st.session_state[chrome.RELEASE_KEY] = disclosure.begin(page.url_path)
try:
    page.run()
finally:
    disclosure.end()
chrome.footer()
