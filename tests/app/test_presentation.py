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


def test_the_waarom_slide_comes_after_the_key_figures_from_the_url_and_the_toggle():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    # as people type it; Streamlit itself writes the toggle as "true"
    at.query_params.update({"jaar": "2025", "dia": "9", "waarom_dia": "1"})
    at.run()
    at.switch_page("page_scripts/presentatie.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.toggle(key="waarom_dia").value and "van 9" in [c.value for c in at.caption]
    at.selectbox(key="dia").set_value(2).run()
    assert (
        "**1.305 zaken minder: Lijn 1, toestemming voor vakantie, kreeg er 1.263 minder; …**"
        in [m.value for m in at.markdown]
    )
    at.selectbox(key="dia").set_value(9).run()
    at.toggle(key="waarom_dia").set_value(False).run()
    # one slide fewer: the last one stays shown, the deck as it is without the option
    assert "van 8" in [c.value for c in at.caption] and at.selectbox(key="dia").value == 8
    assert not at.exception
