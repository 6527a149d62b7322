"""Entry point of the dashboard: routes to the page, with the chrome around every page.

Start it with `iko-dashboard run`, which applies `streamlit_config/config.toml`.
"""

import streamlit as st

from dashboard import charts, ui

st.set_page_config(page_title="IKO-dashboard", page_icon=":material/child_care:", layout="wide")
charts.use_iko_template()

page = ui.navigate()
st.set_page_config(page_title=f"{page.title} · IKO-dashboard")
ui.header(page.title)
ui.year_selector()
page.run()
ui.footer()
