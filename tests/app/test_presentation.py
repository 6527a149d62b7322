"""The IKO-lezing: the slides, the page /presentatie and the deck command."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard.paths import REPO_ROOT

APP = REPO_ROOT / "dashboard" / "app.py"
TIMEOUT = 120


def test_the_presentation_page_navigates_with_its_buttons_and_the_url():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update({"jaar": "2025", "dia": "4"})
    at.run()
    at.switch_page("page_scripts/presentatie.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="dia").value == 4
    at.button(key="dia_volgende").click().run()
    assert at.selectbox(key="dia").value == 5
    at.button(key="dia_vorige").click().run()
    at.button(key="dia_vorige").click().run()
    assert at.selectbox(key="dia").value == 3
    assert not at.exception
