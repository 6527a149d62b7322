"""The slides of the IKO-lezing: one message per slide, computed from the reports.

`deck(run, year, publication)` returns the slides of a year; the page `/presentatie` shows
them and `iko-dashboard deck` writes them to PowerPoint or PDF. Each slide's figure comes
from the chart builder the dashboard pages use, drawn at slide size (`on_slide`) with the
slide's title, period, source, data date and, for demo data, "demonstratiegegevens".
Everything is in publication mode: the slides are shown to the public.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from dashboard import annual, caseload, caseload_charts, countries, mediation, trends, vacation
from dashboard.charts import FONT_FAMILY, PALETTE, TEXT_COLOUR, wrap_label
from dashboard.format import date_nl, month_name, number, percent
from dashboard.publication import Publication

Runner = Callable[..., pl.DataFrame]

SOURCE = "Bron: registratiesysteem Centrum IKO"
DEMO_MARK = "demonstratiegegevens"
DEMO_COLOUR = "#B3261E"

# The slide in CSS pixels (16:9); images are rendered at twice this.
WIDTH, HEIGHT = 1280, 720
IMAGE_SCALE = 2
# Nothing on a slide smaller than this at 1280 x 720: readable from the back of a hall.
MIN_TEXT_PX = 28
TITLE_PX = 40
# Chart builders size their text for a screen (14-18 px); on a slide it grows by this much,
# and to at least MIN_TEXT_PX.
FONT_SCALE = 1.4
# A page's chart as a slide of its own keeps the density it was drawn with (a heatmap of 16
# categories by 24 months does not fit at 28 px): its text grows less. Title, period and
# source are as on the lecture's slides.
CHART_FONT_SCALE, CHART_MIN_TEXT_PX = 1.1, 18


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    change: str | None


@dataclass(frozen=True)
class Slide:
    """One slide: its file name part, its message, its chart and the speaker notes."""

    key: str
    title: str
    figure: Callable[[], go.Figure] = field(repr=False)
    notes: str
    key_figures: tuple[KeyFigure, ...] = ()


@dataclass(frozen=True)
class Deck:
    year: int
    period: str
    data_until: dt.date
    is_demo: bool
    slides: tuple[Slide, ...]

    @property
    def source_line(self) -> str:
        """Period, source and data date: on every slide."""
        return f"{self.period} · {SOURCE} · gegevens tot en met {date_nl(self.data_until)}"

    @property
    def stem(self) -> str:
        """ "iko-lezing-2025": the start of every file name of the deck."""
        return f"iko-lezing-{self.year}"

    def file_name(self, slide: Slide, suffix: str = "png") -> str:
        return f"{self.stem}-{slide.key}.{suffix}"


class Credits(Protocol):
    """What a slide says under its title: the period, the data's last day, demo or not. A
    `Deck` has them, and so has a page's chart downloaded as a slide (`ChartSlide`)."""

    @property
    def period(self) -> str: ...
    @property
    def data_until(self) -> dt.date: ...
    @property
    def is_demo(self) -> bool: ...


@dataclass(frozen=True)
class ChartPeriod:
    """The period a page's chart shows: as the slide says it ("2026 t/m 22 november") and as
    its file name does ("2026-tm-2026-11-22")."""

    label: str
    key: str

    @classmethod
    def year(cls, year: int, data_until: dt.date) -> ChartPeriod:
        """A calendar year; the running one says up to which day it counts."""
        if data_until >= dt.date(year, 12, 31):
            return cls(str(year), str(year))
        return cls(
            f"{year} t/m {data_until.day} {month_name(data_until.month)}",
            f"{year}-tm-{data_until.isoformat()}",
        )

    @classmethod
    def years(cls, first: int, last: int, data_until: dt.date) -> ChartPeriod:
        """Calendar years `first` to `last`; a running last year says up to which day."""
        if first == last:
            return cls.year(last, data_until)
        label, key = f"{first}–{last}", f"{first}-{last}"
        if data_until < dt.date(last, 12, 31):
            label += f" ({last} t/m {data_until.day} {month_name(data_until.month)})"
            key += f"-tm-{data_until.isoformat()}"
        return cls(label, key)


@dataclass(frozen=True)
class ChartSlide:
    """A chart of a dashboard page as a slide of its own: the chart's title, the period it
    shows, and the name of its PNG ("iko-2025-caseload-nieuwe-zaken-per-maand-demo.png")."""

    title: str
    period: str
    data_until: dt.date
    is_demo: bool
    file_name: str

    @classmethod
    def of(
        cls,
        title: str,
        period: ChartPeriod,
        page: str,
        *,
        data_until: dt.date,
        is_demo: bool,
        published: bool = False,
    ) -> ChartSlide:
        stem = f"iko-{period.key}-{page}-{slug(title)}"
        # as the table downloads: demo data and publication mode say so in the name
        stem += ("-demo" if is_demo else "") + ("-publicatie" if published else "")
        return cls(title, period.label, data_until, is_demo, f"{stem}.png")

    def figure(self, fig: go.Figure) -> go.Figure:
        """The page's figure on this slide, its text a little larger than on screen (not the
        lecture's 28 px: the chart keeps the density it was drawn with)."""
        return on_slide(
            fig, self, self.title, font_scale=CHART_FONT_SCALE, min_text=CHART_MIN_TEXT_PX
        )


def slug(text: str) -> str:
    """ "Lijn 2: lopende zaken (per maand)" -> "lijn-2-lopende-zaken-per-maand"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


# -- a builder's figure at slide size -------------------------------------------------------


def _scaled(node: Any, factor: float, minimum: int) -> Any:
    """Every font size in a figure's dict, scaled and raised to `minimum`."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "entrywidth" and node.get("entrywidthmode") == "pixels":
                out[key] = round(value * factor)
            elif key in {"font", "textfont", "tickfont", "insidetextfont", "outsidetextfont"}:
                out[key] = _font(value, factor, minimum)
            else:
                out[key] = _scaled(value, factor, minimum)
        return out
    if isinstance(node, list):
        return [_scaled(v, factor, minimum) for v in node]
    return node


def _font(font: Any, factor: float, minimum: int) -> Any:
    if isinstance(font, list):
        return [_font(f, factor, minimum) for f in font]
    if not isinstance(font, dict):
        return font
    out = {k: _scaled(v, factor, minimum) for k, v in font.items() if k != "size"}
    size = font.get("size")
    if isinstance(size, list):
        out["size"] = [max(minimum, round(s * factor)) for s in size]
    elif isinstance(size, int | float):
        out["size"] = max(minimum, round(size * factor))
    return out


# The gap between stacked Sankey nodes on a slide, in lines of its smallest text.
SANKEY_PAD_LINES = 1.5


def _sankey_on_slide(trace: dict, width: int, min_text: int, char_px: float) -> None:
    """A Sankey diagram's node labels for slide text: wrapped to the gap between its columns
    (a label stands in the gap right of its node), and stacked nodes far enough apart for two
    lines each (the screen's 14 px let the labels of two small ones run into each other)."""
    node = trace.setdefault("node", {})
    node["pad"] = max(node.get("pad", 0), round(SANKEY_PAD_LINES * min_text))
    link = trace.get("link", {})
    labels = list(node.get("label") or [])
    depth = dict.fromkeys(range(len(labels)), 0)
    for _ in labels:  # longest path from a first node: the column (a flow has no cycle)
        for source, target in zip(link.get("source", []), link.get("target", []), strict=True):
            depth[target] = max(depth[target], depth[source] + 1)
    gaps = max(1, max(depth.values(), default=0))
    chars = max(8, int((width - 120) / gaps / char_px))
    node["label"] = [wrap_label(label, chars) for label in labels]


def on_slide(
    fig: go.Figure,
    deck: Credits,
    title: str,
    *,
    width: int | None = WIDTH,
    height: int | None = HEIGHT,
    with_title: bool = True,
    font_scale: float = FONT_SCALE,
    min_text: int = MIN_TEXT_PX,
) -> go.Figure:
    """A chart builder's figure as a slide: `width` x `height`, every text of the chart
    scaled by `font_scale` up to at least `min_text`, and (with `with_title`) the message as
    its title with the period, source, data date and demo mark under it. Without, the chart
    alone (for PowerPoint, which has the title as text). `width` and `height` None: the size
    of the screen it is shown on (the presentation page; text stays at its pixel size, so
    never under 28 px). A page's chart downloaded as a slide has smaller chart text
    (CHART_FONT_SCALE, CHART_MIN_TEXT_PX): it was drawn for a screen, not for the lecture."""
    spec = fig.to_dict()
    spec["layout"] = _scaled(spec.get("layout", {}), font_scale, min_text)
    spec["data"] = [_scaled(trace, font_scale, min_text) for trace in spec.get("data", [])]
    # character widths and line heights below are measured at MIN_TEXT_PX
    ratio = min_text / MIN_TEXT_PX
    char_px = LABEL_CHAR_PX * ratio
    sankey = False
    for trace in spec["data"]:
        if trace.get("type") == "sankey":
            sankey = True
            _sankey_on_slide(trace, width or WIDTH, min_text, char_px)
    _one_line_categories(spec, height or HEIGHT, min_text)
    out = go.Figure(spec)
    layout: dict[str, Any] = {
        "width": width,
        "height": height,
        "autosize": width is None,
        "font": {"family": FONT_FAMILY, "size": min_text, "color": TEXT_COLOUR},
        "paper_bgcolor": "white",
    }
    margin = dict(spec["layout"].get("margin", {}))
    # a builder's fixed side margins hold labels that are now larger; and room for the
    # longest value-axis label, as plotly's automargin does not always make it (kaleido)
    room = _label_room(spec, char_px)
    floor = max(60, round(6 * char_px) + 20)  # a value axis's "10.000"
    margin.update(
        {side: max(round(margin.get(side, 0) * font_scale), floor, room[side]) for side in "lr"}
    )
    names = [t.get("name") or "" for t in spec["data"] if t.get("showlegend", True) is not False]
    names = [n for n in names if n]
    if spec["layout"].get("showlegend", True) is not False and names:
        # In the bottom margin, under the axis labels: above the chart sits the title. Rows
        # estimated from the entries' lengths at MIN_TEXT_PX (about 15 px a character).
        entry_px = round(char_px * max(map(len, names)) + 60 * ratio)
        per_row = max(1, ((width or WIDTH) - 80) // entry_px)
        rows = -(-len(dict.fromkeys(names)) // per_row)
        layout["legend"] = {
            **spec["layout"].get("legend", {}),
            "orientation": "h", "x": 0.02, "xanchor": "left", "xref": "container",
            "y": 0, "yanchor": "bottom", "yref": "container",
            # entries of a fixed width: measured before the web font has loaded they overlap
            "entrywidth": entry_px, "entrywidthmode": "pixels",
        }  # fmt: skip
        margin["b"] = max(margin.get("b", 0), round((110 + 42 * rows) * ratio))
    if sankey:
        # the label of the lowest node is centred on it, and its second line hangs below
        margin["b"] = max(margin.get("b", 0), round(SANKEY_PAD_LINES * min_text))
    # Larger text needs fewer value ticks (a builder thins them for its screen size)
    for key, axis in spec["layout"].items():
        if key.startswith("yaxis") and isinstance(axis, dict) and "tickvals" not in axis:
            span = axis.get("domain", [0, 1])
            layout[key] = {"nticks": max(3, round(6 * (span[1] - span[0])))}
    lines = title_lines(title)
    if with_title:
        demo = (
            f' · <span style="color:{DEMO_COLOUR}"><b>{DEMO_MARK}</b></span>'
            if deck.is_demo
            else ""
        )
        layout["title"] = {
            "text": "<br>".join(f"<b>{line}</b>" for line in lines),
            "font": {
                "size": TITLE_PX if len(lines) == 1 else TITLE_PX - 4,
                "color": TEXT_COLOUR,
                "family": FONT_FAMILY,
            },
            # from the slide's edge: a chart with long labels on the left has its plot
            # area far to the right, and a title from there ran off the slide
            "x": 0.03,
            "xanchor": "left",
            "xref": "container",
            # plotly places a title's top by its first line only: two lines start a line lower
            "y": 0.975 if len(lines) == 1 else 0.915,
            "yref": "container",
            "yanchor": "top",
            "automargin": False,  # the top margin below is set for the title and source
            "pad": {"t": 0},
            "subtitle": {
                "text": f"{deck.period} · {SOURCE}<br>gegevens tot en met "
                f"{date_nl(deck.data_until)}{demo}",
                "font": {"size": MIN_TEXT_PX, "color": "#4A5568"},
            },
        }
        margin["t"] = 190 if len(lines) == 1 else 250
    else:
        layout["title"] = {"text": ""}
        margin["t"] = max(margin.get("t", 0), 50)
    layout["margin"] = margin
    out.update_layout(**layout)
    return out


def _one_line_categories(spec: dict[str, Any], height: int, min_text: int) -> None:
    """Category labels a builder broke over two lines for a narrow screen column (the
    heatmap's 16 categories), on one line when the slide's rows are too low for two: the
    left margin then grows to the longest label (`_label_room`)."""
    for key, axis in spec["layout"].items():
        labels = (
            axis.get("ticktext") if key.startswith("yaxis") and isinstance(axis, dict) else None
        )
        if not labels or not any("<br>" in str(t) for t in labels):
            continue
        text_px = max(min_text, (axis.get("tickfont") or {}).get("size") or 0)
        # about 60 % of a slide is plot area under the title, the source and the axis labels
        if 0.6 * height / len(labels) < 2.4 * text_px:
            axis["ticktext"] = [str(t).replace("<br>", " ") for t in labels]


# Places per list on the country slide: more rows than this do not fit at MIN_TEXT_PX.
SLOPE_TOP = 5


def _label_room(spec: dict[str, Any], char_px: float) -> dict[str, int]:
    """Pixels for the longest category or tick label on the left and on the right."""

    def width(texts: list[Any]) -> int:
        plain = [re.sub(r"<[^>]+>", "", str(t)) for t in texts if isinstance(t, str)]
        return round(max((len(t) for t in plain), default=0) * char_px) + 30 if plain else 0

    room = {"l": 0, "r": 0}
    for key, axis in spec["layout"].items():
        if key.startswith("yaxis") and isinstance(axis, dict) and axis.get("ticktext"):
            side = "r" if axis.get("side") == "right" else "l"
            room[side] = max(room[side], width(list(axis["ticktext"])))
    for trace in spec["data"]:
        y = trace.get("y")
        if y is not None and len(y) and all(isinstance(v, str) for v in y):  # categories
            room["l"] = max(room["l"], width(list(y)))
    return room


LABEL_CHAR_PX = 15  # a character of MIN_TEXT_PX Source Sans, generously
TITLE_CHARS = 50  # what fits on one line at TITLE_PX, bold


def title_lines(title: str) -> list[str]:
    """A message on one line, or on two, broken after the comma or colon nearest the middle."""
    if len(title) <= TITLE_CHARS:
        return [title]
    breaks = [i + 1 for i, c in enumerate(title) if c in ",:" and i + 1 < len(title)]
    if not breaks:
        breaks = [i for i, c in enumerate(title) if c == " "]
    cut = min(breaks, key=lambda i: abs(i - len(title) / 2))
    return [title[:cut].strip(), title[cut:].strip()]


# -- the slides --------------------------------------------------------------------------


def _key_figures(headlines: pl.DataFrame, year: int) -> tuple[KeyFigure, ...]:
    wanted = [
        "cases.total", "cases.line1", "cases.line2", "contacts.total",
        "abduction.cases", "abduction.children", "prevention.cases", "mediation.requests",
    ]  # fmt: skip
    rows = {r["measure"]: r for r in headlines.iter_rows(named=True)}
    figures = []
    for measure in wanted:
        row = rows.get(measure)
        if row is None or row["value"] is None:
            continue
        tile = annual.tiles(pl.DataFrame([row], schema=headlines.schema))[0]
        change = f"{tile.delta} t.o.v. {year - 1}" if tile.delta else None
        figures.append(KeyFigure(tile.label, tile.value, change))
    return tuple(figures)


def key_figures_figure(figures: tuple[KeyFigure, ...]) -> go.Figure:
    """The key figures as a grid of tiles: the number large, its label and change under it."""
    columns = 4
    annotations = []
    for i, f in enumerate(figures):
        row, col = divmod(i, columns)
        x = (col + 0.5) / columns
        y = 0.86 - row * 0.5  # both rows, change lines included, inside the plot area
        annotations.append(
            {"x": x, "y": y, "text": f"<b>{f.value}</b>", "font": {"size": 48, "color": PALETTE[0]}}
        )
        annotations.append({"x": x, "y": y - 0.18, "text": f.label, "font": {"size": 20}})
        if f.change:
            annotations.append(
                {"x": x, "y": y - 0.3, "text": f.change, "font": {"size": 20, "color": "#4A5568"}}
            )
    for a in annotations:
        a.update(xref="paper", yref="paper", showarrow=False, xanchor="center", yanchor="middle")
    fig = go.Figure()
    fig.update_layout(
        annotations=annotations,
        xaxis={"visible": False},
        yaxis={"visible": False},
        plot_bgcolor="white",
        margin={"b": 20},
    )
    return fig


def _trend_pair(rows: pl.DataFrame, data_until_short: str) -> go.Figure:
    """Abduction cases and the children in them, side by side, from the trends builder."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=("Ontvoeringszaken", "Kinderen daarin"))
    for col, measure in ((1, "abduction.cases"), (2, "abduction.children")):
        own = rows.filter(pl.col("measure") == measure)
        part = trends.trend_figure(own, "", data_until_short, compact=True)
        for trace in part.data:
            fig.add_trace(trace, row=1, col=col)
        fig.update_xaxes(part.layout.xaxis, row=1, col=col)
    fig.update_layout(showlegend=False, barmode="overlay")
    return fig


def _first(df: pl.DataFrame, which: str) -> list[str]:
    return countries.in_top(df, which, 1)  # type: ignore[arg-type]


def deck(run: Runner, year: int, publication: Publication) -> Deck:
    """The slides of `year`, every number protected by `publication`."""
    meta = run("export_meta").row(0, named=True)
    data_until: dt.date = meta["data_until"]
    last_day = min(data_until, dt.date(year, 12, 31))
    period = str(year) if last_day == dt.date(year, 12, 31) else (
        f"1 januari – {date_nl(last_day)}"
    )  # fmt: skip
    count = publication.count
    slides: list[Slide] = []
    shell = Deck(year, period, data_until, bool(meta["is_demo"]), ())

    # 1. the year in key figures
    # a running year against the same days of the year before, never against a whole year
    complete = last_day == dt.date(year, 12, 31)
    headlines = run("annual_headlines", year=year, period="year" if complete else "to_date")
    figures = _key_figures(headlines, year)
    total = next(r for r in headlines.iter_rows(named=True) if r["measure"] == "cases.total")
    change = total["change_pct"]
    direction = (
        "" if change is None else
        f", {percent(abs(change), 0)} {'minder' if change < 0 else 'meer'} dan in {year - 1}"
        + ("" if complete else " tot dezelfde dag")
    )  # fmt: skip
    slides.append(
        Slide(
            "kerncijfers",
            f"{period}: {number(total['value'])} zaken{direction}",
            lambda: key_figures_figure(figures),
            "Kerncijfers van het jaar, zoals in het jaarverslag geteld: zaken in het jaar van "
            "opening, contactmomenten in het jaar waarin ze plaatsvonden, ontvoering en "
            "preventie alleen zaken waarin een ouder contact opnam. "
            + " ".join(f"{f.label}: {f.value}" + (f" ({f.change})" if f.change else "") + "."
                       for f in figures),
            key_figures=figures,
        )
    )  # fmt: skip

    # 2. Lijn 1 and Lijn 2 per month, with the school holidays
    filters = caseload.Filters(start=dt.date(year, 1, 1), end=dt.date(year, 12, 1))
    months = caseload.new_cases_by_month(run, filters).filter(
        pl.col("month") <= last_day.replace(day=1)
    )
    holidays = caseload.school_holidays(run, filters)
    busiest = {
        r["line_nl"]: r
        for r in months.sort("cases", descending=True)
        .unique("line_nl", keep="first")
        .iter_rows(named=True)
    }
    peak_months = {line: month_name(r["month"].month) for line, r in busiest.items()}
    if len(set(peak_months.values())) == 1 and len(peak_months) == 2:
        month = next(iter(peak_months.values()))
        line_texts = [f"{month.capitalize()} de drukste maand, voor Lijn 1 én Lijn 2"]
    else:
        line_texts = [f"{line} het drukst in {month}" for line, month in peak_months.items()]
    slides.append(
        Slide(
            "maanden",
            ", ".join(line_texts) or f"Zaken per maand, {period}",
            lambda: caseload_charts.monthly_comparison(
                months, facet="line", facet_label="line_nl", value="cases",
                year_before="cases_year_before", holidays=holidays, unit="zaken",
                data_until=data_until,
            ),
            "Nieuwe zaken per maand van opening, Lijn 1 (informatie en advies) en Lijn 2 "
            "(casusbehandeling), naast dezelfde maand een jaar eerder (grijs); de banden zijn de "
            "schoolvakanties per regio. "
            + " ".join(
                f"{line}: {count(r['cases'])} zaken in {month_name(r['month'].month)}."
                for line, r in busiest.items()
            ),
        )
    )  # fmt: skip

    # 3. the Lijn 1 peaks before the holidays
    peaks = run("line1_peaks", year=year)
    aligned = run("line1_holiday_aligned")
    if not peaks.is_empty() and not aligned.is_empty():
        top = peaks.sort("peak_to_baseline", descending=True).row(0, named=True)
        weeks = top["weeks_before_midden"]
        slides.append(
            Slide(
                "vakantiepieken",
                f"Lijn 1 piekt vóór de {top['holiday_nl'].lower()}: "
                f"{number(top['peak_to_baseline'], 1)} keer een gewone week",
                lambda: vacation.aligned_chart(aligned),
                "Lijn 1-zaken per werkdag rond de eerste vakantiedag, gemiddeld over alle jaren "
                "in de gegevens. Piekweek per vakantie in "
                f"{year} (zaken in de drukste volledige ISO-week, tegenover het gemiddelde van "
                f"{number(top['baseline_weeks'])} gewone weken, "
                f"{number(top['baseline_cases'], 1)} zaken): "
                + "; ".join(
                    f"{r['holiday_nl']}: week {r['peak_iso_week']}, {count(r['peak_cases'])} "
                    f"zaken ({number(r['peak_to_baseline'], 1)} keer)"
                    for r in peaks.iter_rows(named=True)
                )
                + (f". De zomerpiek ligt {weeks} weken vóór de start in regio midden."
                   if weeks is not None and top["holiday_key"] == "zomervakantie" else "."),
            )
        )  # fmt: skip

    # 4. threat against actual abduction per country
    country_period = countries.Period.ending(year)
    by_country = countries.threat_vs_abduction_by_country(run, country_period)
    if not by_country.is_empty():
        feared, taken = _first(by_country, "threat"), _first(by_country, "outgoing")
        title = (
            f"{' en '.join(feared)} het meest gevreesd, {' en '.join(taken)} het vaakst bestemming"
            if feared != taken
            else f"{' en '.join(feared)} het meest gevreesd én het vaakst bestemming"
        )
        ranked = {
            which: countries.published_places(by_country, publication)
            .filter(pl.col(f"{which}_cases") >= publication.threshold)
            .sort(f"{which}_cases", descending=True)
            .head(SLOPE_TOP)
            for which in ("threat", "outgoing")
        }
        slides.append(
            Slide(
                "landen",
                title,
                lambda: countries.rank_slope_figure(
                    by_country, SLOPE_TOP, mark_newcomers=False, publication=publication
                ),
                f"Rangorde van landen in {country_period.label}, alleen zaken waarin een ouder "
                "contact opnam. Links dreiging (preventiezaken: een ouder vreest ontvoering naar "
                "het land), rechts uitgaande ontvoering (kinderen vanuit Nederland naar het "
                f"land). Landen met {publication.small} zaken delen één plaats. "
                + " ".join(
                    f"{'Dreiging' if which == 'threat' else 'Uitgaand'}: "
                    + ", ".join(
                        f"{r['country_nl']} {count(r[f'{which}_cases'])}"
                        for r in rows.iter_rows(named=True)
                    )
                    + "."
                    for which, rows in ranked.items()
                ),
            )
        )  # fmt: skip

    # 5. HKOV and non-HKOV
    split = countries.hkov_split(run, country_period)
    if not split.is_empty():
        outgoing = split.filter(pl.col("direction") == "from_nl")
        all_out = int(outgoing["cases"].sum())
        hkov_out = int(outgoing.filter(pl.col("hkov_group") == "hkov")["cases"].sum())
        texts = countries.hkov_split_texts(split, publication)
        slides.append(
            Slide(
                "hkov",
                f"{publication.share(hkov_out, all_out)} uitgaande ontvoeringen naar een "
                "HKOV-land",
                lambda: countries.hkov_split_figure(split, publication=publication),
                "Ontvoeringszaken van ouders en de kinderen daarin, naar de HKOV-vlag op de zaak "
                "(Haags Kinderontvoeringsverdrag 1980; bepaalt de juridische route). "
                + "; ".join(f"{k}, {'zaken' if v == 'cases' else 'kinderen'}: {t}"
                            for (k, v), t in texts.items())
                + ". Noemer van het aandeel: alle uitgaande ontvoeringszaken.",
            )
        )  # fmt: skip

    # 6. mediation: requests to outcomes; 7. the success rate
    steps = mediation.funnel(run, year)
    totals = mediation.stage_totals(steps)
    summed: dict[str, int] = {}
    for per_type in totals.values():
        for stage, n in per_type.items():
            summed[stage] = summed.get(stage, 0) + n
    if summed.get("requests"):
        shown = mediation.stage_texts(summed, publication)
        slides.append(
            Slide(
                "mediation",
                f"Van {shown['requests']} mediationverzoeken naar {shown['full_agreement']} "
                "volledige overeenkomsten",
                lambda: mediation.funnel_figure(steps, "samen", publication=publication),
                f"Mediationverzoeken die in {year} binnenkwamen (IKO en NIKO samen) en waar elk "
                "nu staat. "
                + "; ".join(f"{mediation.STAGE_LABELS[s]}: {t}" for s, t in shown.items())
                + ".",
            )
        )  # fmt: skip
    rates = mediation.success_rates(run)
    year_rates = {r["mediation_type"]: r for r in rates.filter(year=year).iter_rows(named=True)}
    both = year_rates.get("samen")
    if both is not None and both["ended"]:
        share = publication.share(both["successful"], both["ended"])
        slides.append(
            Slide(
                "slagingspercentage",
                f"{share} beëindigde mediations geslaagd",
                lambda: mediation.success_rate_figure(rates, year, publication=publication),
                "Geslaagd is een volledige overeenkomst; een gedeeltelijke of "
                "spiegelovereenkomst telt, zoals in het jaarverslag, als niet geslaagd. Noemer: "
                "de na de intake voortgezette mediations die zijn beëindigd; lopende tellen niet "
                f"mee. Een percentage staat er alleen bij een noemer van ten minste "
                f"{publication.min_denominator}. "
                + "; ".join(
                    f"{t}: {publication.share(r['successful'], r['ended'])}"
                    + (f", {count(r['running'])} lopend" if r["running"] else "")
                    for t, r in year_rates.items()
                )
                + ".",
            )
        )  # fmt: skip

    # 8. the multi-year trend of abduction cases and children
    trend_rows = run("trend_measures").filter(
        pl.col("measure").is_in(["abduction.cases", "abduction.children"])
        & (pl.col("year") <= year)
    )
    cases_rows = trend_rows.filter(pl.col("measure") == "abduction.cases").sort("year")
    if cases_rows.height:
        first, last = cases_rows.row(0, named=True), cases_rows.row(-1, named=True)
        short = f"t/m {data_until.day} {month_name(data_until.month)[:3]}"
        slides.append(
            Slide(
                "trend",
                f"Ontvoeringszaken: {count(int(first['value']))} in {first['year']}, "
                f"{count(int(last['value']))} in {last['year']}",
                lambda: _trend_pair(trend_rows, short),
                "Ontvoeringszaken (uitgaand en inkomend, waarin een ouder contact opnam) en de "
                "kinderen daarin, per jaar van opening; jaren vóór de export uit de "
                "jaarverslagen (gearceerd). "
                + " ".join(
                    f"{r['year']}: {count(int(r['value']))} "
                    f"{'zaken' if r['measure'] == 'abduction.cases' else 'kinderen'}."
                    for r in trend_rows.sort("measure", "year").iter_rows(named=True)
                ),
            )
        )  # fmt: skip

    return Deck(shell.year, period, data_until, shell.is_demo, tuple(slides))


def slide_figure(deck_: Deck, slide: Slide, **size: Any) -> go.Figure:
    """The slide as one figure: title, source line and chart, at slide size."""
    return on_slide(slide.figure(), deck_, slide.title, **size)


def notes_text(deck_: Deck, slide: Slide) -> str:
    return f"{slide.notes}\n\n{deck_.source_line}." + (
        f" {DEMO_MARK.capitalize()}: geen echte cijfers." if deck_.is_demo else ""
    )
