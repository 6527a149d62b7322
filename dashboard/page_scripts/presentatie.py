"""Presentatie: de dia's van de IKO-lezing op het hele scherm, in publicatiemodus.

Dezelfde dia's als `iko-dashboard deck` (dashboard/presentation/). Pijltjestoetsen of de knoppen
rechtsonder bladeren; het dianummer staat in de URL (?dia=3), zodat een link op die dia opent.
De schakelaar "Waarom" voegt na de kerncijfers de dia "Waarom" toe (?waarom_dia=1, zoals
`iko-dashboard deck --waarom`).
De knoppen staan in een eigen strook onder de dia (`canvas.CONTROLS_PX`), nooit op haar tekst.
"""

import streamlit as st

from dashboard import chrome, data, pages, widgets
from dashboard.charts.canvas import CONTROLS_PX
from dashboard.presentation import lecture, render, slides

SLIDE_KEY = "dia"
NEXT_KEY, PREVIOUS_KEY = "dia_volgende", "dia_vorige"
SCREEN_KEY, BAR_KEY = "dia_scherm", "dia_knoppen"
WHY_KEY = "waarom_dia"  # the URL parameter too; not `waarom`, the measure of "Waarom?" on a page
# How people type and share it; Streamlit writes a bound toggle as "true".
SWITCHED_ON = {"1", "ja", "aan"}
FORMATS = {"pptx": "PowerPoint (.pptx)", "pdf": "PDF"}

year = chrome.selected_year()
rules = chrome.publication_rules()  # always: what is on a slide is shown to the public
# Read before the toggle is drawn: the deck, and so the number of slides, depends on it. A
# typed "?waarom_dia=1" is read here first, because the binding would drop it as no boolean;
# the toggle's own "true" counts only until the toggle has a state (then the state decides).
asked = st.query_params.get(WHY_KEY, "").strip().lower()
if asked in SWITCHED_ON:
    st.session_state[WHY_KEY] = True
why = bool(st.session_state.get(WHY_KEY, asked == "true"))
deck = lecture.deck(data.report, year, rules, why=why)
count = len(deck.slides)

# The slide covers the window (sidebar and Streamlit's chrome stay underneath it) but for a
# strip along the bottom, where the controls stand: the figure takes the rest, its text keeps
# its pixel size (at least 28 px). The controls are one row, centred in their strip.
st.html(
    f"""<style>
header[data-testid="stHeader"], [data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"] {{ display: none; }}
.st-key-{SCREEN_KEY} {{
    position: fixed; inset: 0; z-index: 999990; background: white;
    display: flex; justify-content: flex-start; align-items: center;
}}
.st-key-{SCREEN_KEY} [data-testid="stElementContainer"] {{
    width: 100vw !important; height: calc(100vh - {CONTROLS_PX}px) !important;
}}
.st-key-{BAR_KEY} {{
    position: fixed; right: 12px; bottom: 0; height: {CONTROLS_PX}px; z-index: 999991;
    width: auto; flex-wrap: nowrap; opacity: 0.35; transition: opacity 0.2s;
}}
.st-key-{BAR_KEY}:hover, .st-key-{BAR_KEY}:focus-within {{ opacity: 1; }}
</style>"""
)
# Keys: the script runs in the page itself, once (a rerun finds it installed).
st.html(
    f"""<script>
(() => {{
  if (window.__ikoDia) return;
  window.__ikoDia = true;
  addEventListener("keydown", (event) => {{
    if (event.target.closest("input, textarea, [contenteditable]")) return;
    const next = ["ArrowRight", "PageDown", " "].includes(event.key);
    const previous = ["ArrowLeft", "PageUp"].includes(event.key);
    if (!next && !previous) return;
    const key = next ? "{NEXT_KEY}" : "{PREVIOUS_KEY}";
    const button = document.querySelector(`.st-key-${{key}} button`);
    if (button && !button.disabled) {{ event.preventDefault(); button.click(); }}
  }});
}})();
</script>""",
    unsafe_allow_javascript=True,
)

if not count:
    st.info(f"Voor {year} zijn er geen dia's: er zijn geen gegevens.")
    st.stop()
if (st.session_state.get(SLIDE_KEY) or 1) > count:  # the last slide, the Waarom slide taken out
    st.session_state[SLIDE_KEY] = count


def go_to(step: int) -> None:
    current = st.session_state.get(SLIDE_KEY) or 1
    st.session_state[SLIDE_KEY] = min(max(current + step, 1), count)


with st.container(key=BAR_KEY, horizontal=True, vertical_alignment="center"):
    number = st.session_state.get(SLIDE_KEY) or 1
    st.button("←", key=PREVIOUS_KEY, on_click=go_to, args=(-1,), disabled=number <= 1,
              help="Vorige dia (pijl naar links)")  # fmt: skip
    current = st.selectbox(
        "Dia",
        list(range(1, count + 1)),
        key=SLIDE_KEY,
        bind="query-params",
        label_visibility="collapsed",
        width=90,
    )
    st.caption(f"van {count}")
    st.button("→", key=NEXT_KEY, on_click=go_to, args=(1,), disabled=current >= count,
              help="Volgende dia (pijl naar rechts)")  # fmt: skip
    slide = deck.slides[current - 1]
    st.toggle(
        "Waarom",
        key=WHY_KEY,
        bind="query-params",
        help="Met de dia 'Waarom' na de kerncijfers: het verschil in zaken met het jaar "
        "ervoor, per registratiecode, met het deel van de kalender.",
    )
    with st.popover("Notities"):
        st.markdown(f"**{slide.title}**")
        st.write(slides.notes_text(deck, slide))
    with st.popover("Downloaden"):
        fmt = st.radio("Formaat", list(FORMATS), format_func=FORMATS.get, horizontal=True)
        # a file made before the Waarom slide was switched on or off is another deck's
        ready_key = f"dia_bestand_{year}_{fmt}" + ("_waarom" if why else "")
        if st.button("Maak de presentatie", icon=":material/slideshow:"):
            bar = st.progress(0.0, text="Dia's tekenen…")
            st.session_state[ready_key] = render.deck_bytes(
                deck, fmt, progress=lambda text, done: bar.progress(done, text=text)
            )
        if ready_key in st.session_state:
            st.download_button(
                f"Download {deck.stem}.{fmt}",
                st.session_state[ready_key],
                file_name=f"{deck.stem}.{fmt}",
                mime="application/pdf"
                if fmt == "pdf"
                else "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                icon=":material/download:",
            )
    st.page_link(pages.PAGES[0].script, label="Dashboard", icon=":material/close:")

with st.container(key=SCREEN_KEY):
    widgets.show_chart(
        slides.presented_figure(deck, slide),
        config={"displayModeBar": False, "responsive": True},
        height="stretch",
    )
