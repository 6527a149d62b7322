"""The golden record: every number the pages and the lecture show, as recorded before a move.

The record (`tests/golden/record.json.gz`) holds, for every page in its default state, in
publication mode and for each year, every chart's data (each trace's x, y, z, values, labels,
text, locations, a Sankey's nodes and links, the annotations' texts), every table's cells,
every key figure and every sentence; for every slide of the lecture its chart and its notes;
and the rows of every report query the pages ran, with the parameters they ran it with.

Code that only moves must leave all of it equal. A change that is meant to change a number
re-records it on purpose (`IKO_GOLDEN_RECORD=1 pytest tests/app/test_golden.py`) and says why
in its commit.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import json
import math
import os
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from chart_support import chart_specs
from derivations import derivations
from streamlit.testing.v1 import AppTest

from dashboard import disclosure
from dashboard.chrome import RELEASE_KEY
from dashboard.db import Database, open_database
from dashboard.paths import REPO_ROOT

APP = REPO_ROOT / "dashboard" / "app.py"
RECORD = Path(__file__).resolve().parent.parent / "golden" / "record.json.gz"
RECORDING = os.environ.get("IKO_GOLDEN_RECORD") == "1"
TIMEOUT = 120
YEARS = (2024, 2025, 2026)
# A fixed day: the notices and the vacation outlook depend on "today".
TODAY = "2026-12-07"
TRACE_FIELDS = ("type", "name", "x", "y", "z", "values", "labels", "text", "locations")
TEXT_ELEMENTS = ("markdown", "caption", "subheader", "header", "info", "warning", "success")


def _pages() -> list[Any]:
    from dashboard.pages import PAGES

    return list(PAGES)


def _plain(value: Any) -> Any:
    """JSON-comparable: decoded binary arrays, rounded floats, labels without line breaks."""
    if isinstance(value, dict):
        if set(value) >= {"dtype", "bdata"}:
            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
            if "shape" in value:
                shape = [int(s) for s in str(value["shape"]).split(",")]
                array = array.reshape(shape)
            return _plain(array.tolist())
        return {k: _plain(v) for k, v in sorted(value.items())}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return round(value, 6) + 0.0
    if isinstance(value, str):
        # a label wrapped for another width is the same label
        return re.sub(r"\s+", " ", re.sub(r"<br\s*/?>", " ", value)).strip()
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, np.generic):
        return _plain(value.item())
    return value


def _trace(trace: dict[str, Any]) -> dict[str, Any]:
    out = {f: trace[f] for f in TRACE_FIELDS if f in trace}
    if trace.get("type") == "sankey":
        out["node"] = {"label": trace.get("node", {}).get("label")}
        link = trace.get("link", {})
        out["link"] = {f: link.get(f) for f in ("source", "target", "value")}
    return _plain(out)


def _chart(spec: str) -> dict[str, Any]:
    figure = json.loads(spec)
    layout = figure.get("layout", {})
    annotations = [a.get("text") for a in layout.get("annotations", []) if a.get("text")]
    return {
        "traces": [_trace(t) for t in figure.get("data", [])],
        "annotations": _plain(sorted(annotations)),
    }


def _table(frame: Any) -> dict[str, Any]:
    frame = frame.reset_index(drop=True)
    return {
        "columns": [str(c) for c in frame.columns],
        "rows": _plain([list(r) for r in frame.astype(object).itertuples(index=False)]),
    }


def _content(at: AppTest) -> dict[str, Any]:
    content: dict[str, Any] = {
        "charts": [_chart(spec) for spec in chart_specs(at)],
        "tables": [_table(d.value) for d in at.dataframe],
        "metrics": [_plain([m.label, m.value, m.proto.body]) for m in at.metric],
    }
    for kind in TEXT_ELEMENTS:
        content[kind] = [_plain(e.value) for e in getattr(at, kind)]
    return content


def _open(page: Any, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update({"vandaag": TODAY, **query})
    # Opened at the page, as a link to it opens: a first run of the start page would only draw
    # /jaaroverzicht once more (Streamlit finds the page by its file, named as its url_path).
    at.switch_page(page.script).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _states() -> list[tuple[str, Any, dict[str, str]]]:
    states = []
    for page in _pages():
        if page.url_path == "presentatie":
            continue  # slide by slide below
        states.append((f"{page.url_path}", page, {}))
        states.append((f"{page.url_path}/publicatie", page, {"publicatie": "1"}))
        if page.by_year:
            for year in YEARS:
                states.append((f"{page.url_path}/{year}", page, {"jaar": str(year)}))
                states.append(
                    (
                        f"{page.url_path}/{year}/publicatie",
                        page,
                        {"jaar": str(year), "publicatie": "1"},
                    )
                )
    return states


class _Recorder:
    """Records which report ran with which parameters, in this process (AppTest runs here)."""

    def __init__(self) -> None:
        self.calls: set[str] = set()
        self._run = Database.run

    def __enter__(self) -> _Recorder:
        recorder = self

        def run(db: Database, name: str, **params: Any) -> Any:
            recorder.calls.add(json.dumps([name, _plain(params)], sort_keys=True))
            return recorder._run(db, name, **params)

        Database.run = run  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        Database.run = self._run  # type: ignore[method-assign]


def _date_or_value(value: Any) -> Any:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return dt.date.fromisoformat(value)
    return value


def _report_rows(calls: list[str]) -> dict[str, Any]:
    db = open_database()
    rows = {}
    for call in sorted(calls):
        name, params = json.loads(call)
        params = {
            k: dt.date.fromisoformat(v)
            if isinstance(v, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", v)
            else v
            for k, v in params.items()
        }
        frame = db.run(name, **params)
        rows[call] = {"columns": frame.columns, "rows": _plain(frame.rows())}
    return rows


def _slides(page: Any) -> dict[str, Any]:
    slides = {}
    for year in YEARS:
        number = 1
        while True:
            at = _open(page, jaar=str(year), dia=str(number))
            if number == 1:  # the deck is built whole for every slide: one audit a year
                _audited(at, f"dia {year}")
            content = _content(at)
            # the notes are in a popover; its markdown is part of the page's texts
            slides[f"{year}/{number}"] = content
            count = int(next(c for c in content["caption"] if c.startswith("van "))[4:])
            if number >= count:
                break
            number += 1
    return slides


# What the audit found per state in publication mode: the hidden small counts that could be
# worked out from everything the page released (kept apart from the record: it must be empty).
AUDITS: dict[str, list[str]] = {}


def _audited(at: AppTest, name: str, publishing: bool = True) -> AppTest:
    """Publication mode: the audit of the page's one released set (`dashboard.disclosure`)."""
    if publishing:
        ledger = at.session_state[RELEASE_KEY]
        AUDITS[name] = [
            f"{f.label} = {f.value}, mogelijk {f.range}" for f in disclosure.exposed(ledger)
        ]
    return at


def _capture() -> dict[str, Any]:
    with _Recorder() as recorder:
        pages = {
            name: _content(_audited(_open(page, **query), name, "publicatie" in query))
            for name, page, query in _states()
        }
        presentation = next(p for p in _pages() if p.url_path == "presentatie")
        slides = _slides(presentation)
    return {"pages": pages, "slides": slides, "reports": _report_rows(sorted(recorder.calls))}


@pytest.fixture(scope="module")
def captured() -> dict[str, Any]:
    return _capture()


@pytest.fixture(scope="module")
def record(captured) -> dict[str, Any]:
    if RECORDING:
        RECORD.parent.mkdir(exist_ok=True)
        text = json.dumps(captured, sort_keys=True, ensure_ascii=False, indent=0)
        RECORD.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    return json.loads(gzip.decompress(RECORD.read_bytes()))


def _differences(before: Any, after: Any, where: str = "") -> list[str]:
    if isinstance(before, dict) and isinstance(after, dict):
        out = []
        for key in sorted(set(before) | set(after)):
            if key not in after:
                out.append(f"{where}/{key}: ontbreekt nu")
            elif key not in before:
                out.append(f"{where}/{key}: nieuw")
            else:
                out += _differences(before[key], after[key], f"{where}/{key}")
        return out
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [d for i, (b, a) in enumerate(zip(before, after, strict=True))
                for d in _differences(b, a, f"{where}[{i}]")]  # fmt: skip
    return [] if before == after else [f"{where}: {str(before)[:200]} -> {str(after)[:200]}"]


@pytest.mark.parametrize("part", ["pages", "slides"])
def test_every_shown_number_is_as_recorded(part, captured, record):
    differences = _differences(record[part], captured[part])
    assert not differences, "\n".join(differences[:40])


def test_every_report_query_returns_the_recorded_rows(record):
    # The recorded calls run again directly, whichever page runs them now.
    differences = _differences(record["reports"], _report_rows(list(record["reports"])))
    assert not differences, "\n".join(differences[:40])


def test_publication_mode_gives_no_small_count_away(captured):
    """Every page in publication mode for 2024-2026 and the lecture of each year: no hidden
    count of 1 to 4 lies, given every number the page releases and every sum between them,
    within 1 to 4 (integer programming over the page's one released set)."""
    assert len(AUDITS) >= 3 * 5 + 3, sorted(AUDITS)
    exposed = [f"{where}: {finding}" for where, found in AUDITS.items() for finding in found]
    assert not exposed, "\n".join(exposed[:40])


def _mediation_texts(captured: dict[str, Any], year: int) -> tuple[list[str], list[str]]:
    page = captured["pages"][f"mediation/{year}/publicatie"]
    shown = [" ".join(map(str, m)) for m in page["metrics"]] + page["markdown"] + page["caption"]
    notes = [m for k, v in captured["slides"].items() if k.startswith(f"{year}/")
             for m in v["markdown"]]  # fmt: skip
    return shown, notes


@pytest.mark.parametrize("year", YEARS)
def test_no_pencil_subtraction_recovers_a_hidden_mediation_count(captured, year):
    """The subtractions of the issue, redone on what the page and the deck show: IKO + NIKO =
    samen (successful and ended), started - stopped = running + ended, the deck's notes.
    On the record made before the released sets, they recovered 2024's IKO 2 and NIKO 1
    stopped, 2025's 2 stopped and 2026's NIKO denominator 1."""
    shown, notes = _mediation_texts(captured, year)
    assert derivations(shown) == [] and derivations(notes) == []


def test_the_record_covers_every_page_and_year(record):
    pages = {p.url_path for p in _pages()} - {"presentatie"}
    assert {name.split("/")[0] for name in record["pages"]} == pages
    assert {name.split("/")[0] for name in record["slides"]} == {str(y) for y in YEARS}
    assert len(record["reports"]) > 20


def _numbers(values: Any) -> list[Any]:
    return values if isinstance(values, list) else []


def _has_marks(trace: dict[str, Any]) -> bool:
    """Whether a trace draws anything: a point with both coordinates, a cell, a slice, a flow."""
    if trace.get("type") == "sankey":
        return any(v for v in _numbers(trace.get("link", {}).get("value")) if v)
    if "z" in trace:
        cells = _numbers(trace["z"])
        return any(
            v is not None for row in cells for v in (row if isinstance(row, list) else [row])
        )
    if "values" in trace:
        return any(v for v in _numbers(trace["values"]) if v)
    xs, ys = _numbers(trace.get("x")), _numbers(trace.get("y"))
    if not xs or not ys:
        return bool(xs or ys)
    return any(x is not None and y is not None for x, y in zip(xs, ys, strict=False))


def test_no_chart_or_slide_has_axes_without_marks(captured):
    """In either mode, for every year: a chart shows data, or it is not there."""
    views = {f"pagina {k}": v for k, v in captured["pages"].items()}
    views |= {f"dia {k}": v for k, v in captured["slides"].items()}
    empty = [
        f"{where}, grafiek {i + 1}"
        + (f" ({', '.join(chart['annotations'])})" if chart["annotations"] else "")
        for where, content in views.items()
        for i, chart in enumerate(content["charts"])
        # a figure of text only (the key-figures slide) has no axes to leave empty
        if chart["traces"] and not any(_has_marks(t) for t in chart["traces"])
    ]
    assert not empty, "\n".join(empty)
