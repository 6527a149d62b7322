"""Charts of vacation: figure builders over the frames of `dashboard.reports.vacation`."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from dashboard.charts import fit
from dashboard.charts.canvas import SCREEN, Canvas
from dashboard.charts.template import (
    FONT_SIZE,
    GRID_COLOUR,
    MIN_FONT_SIZE,
    PALETTE,
    vline,
    vrect,
)
from dashboard.format import (
    MONTH_ABBREVIATIONS,
    WEEKDAY_ABBREVIATIONS,
    date_nl,
)
from dashboard.reports.vacation import (
    ALIGNMENT_NL,
    CASES_NL,
    CONTACTS_NL,
    HOLIDAY_ORDER,
    REGION_NL,
    REGIONS,
    short_date,
    week_label,
)

REGION_COLOUR = {"noord": PALETTE[5], "midden": PALETTE[2], "zuid": PALETTE[4]}
# A row of the holiday strip (its label "Noord", "Feestdag"), in sizes of its font: the label's
# line and air above and below it, so that labels one under the other never touch.
STRIP_ROW_LINES = 1.6
STRIP_SPACING = 0.04  # between the strip and the chart under it, a share of the plot area
STRIP_MOST = 0.4  # the most of the plot area the strip may take


# -- chart helpers ------------------------------------------------------------------------


def _month_ticks(first: dt.date, last: dt.date) -> tuple[list[dt.date], list[str]]:
    """A label in the middle of every month (one at the 1st would sit on the value axis's 0)."""
    ticks, labels = [], []
    day = dt.date(first.year, first.month, 1)
    while day <= last:
        ticks.append(day + dt.timedelta(days=14))
        labels.append(MONTH_ABBREVIATIONS[day.month - 1])
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return ticks, labels


def _school_spans(holidays: pl.DataFrame) -> pl.DataFrame:
    return holidays.filter(pl.col("region").is_in(REGIONS))


def _strip_traces(
    fig: go.Figure, holidays: pl.DataFrame, position, *, row: int, public: bool = True
) -> None:
    """Holiday bars per region (and public-holiday markers) on a strip subplot."""
    spans = _school_spans(holidays)
    strips: list[go.Scatter] = []  # added at once, not one call each
    for region in REGIONS:
        xs: list = []
        texts: list = []
        for span in spans.filter(pl.col("region") == region).iter_rows(named=True):
            x0, x1 = position(span["start_date"]), position(span["end_date"], end=True)
            text = (
                f"{REGION_NL[region]}: {span['holiday_nl'].lower()}<br>"
                f"{date_nl(span['start_date'])} – {date_nl(span['end_date'])}"
            )
            xs += [x0, x1, None]
            texts += [text, text, None]
        strips.append(
            go.Scatter(
                x=xs,
                y=[REGION_NL[region] if x is not None else None for x in xs],
                mode="lines",
                line={"width": 12, "color": REGION_COLOUR[region]},
                text=texts,
                hovertemplate="%{text}<extra></extra>",
                showlegend=False,
                connectgaps=False,
            )
        )
    public_days = holidays.filter(pl.col("region") == "feestdag")
    if public and public_days.height:
        strips.append(
            go.Scatter(
                x=[position(d) for d in public_days["start_date"]],
                y=["Feestdag"] * public_days.height,
                mode="markers",
                marker={"symbol": "diamond", "size": 11, "color": PALETTE[1]},
                text=[
                    f"{n} ({date_nl(d)})"
                    for n, d in zip(
                        public_days["holiday_nl"], public_days["start_date"], strict=True
                    )
                ],
                hovertemplate="%{text}<extra></extra>",
                showlegend=False,
            )
        )
    fig.add_traces(strips, rows=row, cols=1)
    categories = [REGION_NL[r] for r in REGIONS] + (["Feestdag"] if public else [])
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=list(reversed(categories)),
        type="category",
        showgrid=False,
        row=row,
        col=1,
    )


def _shade(fig: go.Figure, holidays: pl.DataFrame, position, *, row: int) -> None:
    """Light bands behind the data for every region's school holiday (darker where they meet),
    set on the layout at once."""
    bands = [
        vrect(
            position(span["start_date"]),
            position(span["end_date"], end=True),
            row=row,
            fillcolor=REGION_COLOUR[span["region"]],
            opacity=0.08,
            line_width=0,
            layer="below",
        )
        for span in _school_spans(holidays).iter_rows(named=True)
    ]
    fig.update_layout(shapes=[*fig.layout.shapes, *bands])


def _date_position(day: dt.date, end: bool = False) -> dt.date:
    return day + dt.timedelta(days=1) if end else day


def _with_strip(title: str) -> go.Figure:
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, row_heights=[0.2, 0.8], vertical_spacing=STRIP_SPACING
    )
    fig.update_layout(title=title, height=620, hovermode="closest")
    return fig


def _strip_room(fig: go.Figure, canvas: Canvas) -> go.Figure:
    """The holiday strip as high, in pixels, as its labels one under the other need, once the
    figure's margins are known (`fit.lay_out`): a fixed share of the plot area left them
    touching, and a legend that wraps (ten years of history) makes the plot area lower."""
    layout = fig.layout
    rows = len(layout.yaxis.categoryarray or ()) or 4
    size = layout.yaxis.tickfont.size or layout.font.size or FONT_SIZE
    template_margin = layout.template.layout.margin
    top, bottom = (
        getattr(layout.margin, side) or getattr(template_margin, side) or 80 for side in "tb"
    )
    plot = (layout.height or canvas.drawn_height) - top - bottom
    share = min(STRIP_MOST, max(0.2, rows * size * STRIP_ROW_LINES / max(plot, 1)))
    fig.update_layout(
        yaxis={"domain": [1 - share, 1]},
        yaxis2={"domain": [0, 1 - share - STRIP_SPACING]},
    )
    return fig


# -- chart builders -----------------------------------------------------------------------


def daily_chart(
    days: pl.DataFrame, holidays: pl.DataFrame, year: int, *, canvas: Canvas = SCREEN
) -> go.Figure:
    """Lijn 1 cases (bars) and contacts (line) per working day of `year`, holidays above."""
    work = days.filter(pl.col("is_working_day"))
    fig = _with_strip(f"Lijn 1 per werkdag, {year}")
    fig.add_trace(
        go.Bar(
            x=work["day"],
            y=work["cases"],
            name=CASES_NL,
            marker={"color": PALETTE[0]},
            customdata=[date_nl(d) for d in work["day"]],
            hovertemplate="%{customdata}<br>%{y:,.0f} zaken<extra></extra>",
        ),
        row=2,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=work["day"],
            y=work["contacts"],
            name=CONTACTS_NL,
            mode="lines",
            line={"color": PALETTE[1], "width": 1.5},
            customdata=[date_nl(d) for d in work["day"]],
            hovertemplate="%{customdata}<br>%{y:,.0f} contactmomenten<extra></extra>",
        ),
        row=2,
        col=1,
    )
    _strip_traces(fig, holidays, _date_position, row=1)
    _shade(fig, holidays, _date_position, row=2)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    ticks, labels = _month_ticks(first, last)
    fig.update_xaxes(
        tickvals=ticks, ticktext=labels, range=[first, last + dt.timedelta(days=1)], row=2, col=1
    )
    fig.update_yaxes(title_text="per werkdag", row=2, col=1)
    fig.update_layout(bargap=0.1)
    return _strip_room(fit.lay_out(fig, canvas), canvas)


def _iso_position(day: dt.date, end: bool = False) -> float:
    """A date as a position on an ISO-week axis: week n runs from n - 0,5 to n + 0,5."""
    year, week, weekday = day.isocalendar()
    return week - 0.5 + (weekday - (0 if end else 1)) / 7


OLDER_YEAR_GREY = "#B8B8B8"


def weekly_overlay_chart(
    weeks: pl.DataFrame,
    holidays: pl.DataFrame,
    year: int,
    measure: str,
    *,
    canvas: Canvas = SCREEN,
) -> go.Figure:
    """Lijn 1 per ISO week, one line per year (the chosen year bold); holidays of `year` above.

    `measure` is "cases" or "contacts". Incomplete weeks (the data's first and last) are left out.
    """
    label = CASES_NL if measure == "cases" else CONTACTS_NL
    fig = _with_strip(f"Lijn 1 per ISO-week: {label.lower()}, jaren over elkaar")
    complete = weeks.filter(pl.col("is_complete"))
    years = sorted(complete["iso_year"].unique().to_list())
    # the most recent other years get the palette's colours; with ten years of history the
    # older ones run out of colours and are drawn in grey
    palette = [c for c in PALETTE[1:] if c != PALETTE[1]]
    others = [y for y in years if y != year]
    coloured = others[-len(palette) :]
    colour = {y: OLDER_YEAR_GREY for y in others} | dict(zip(coloured, palette, strict=False))
    lines: list[go.Scatter] = []  # added at once, not one call each
    for y in years:
        part = complete.filter(pl.col("iso_year") == y).sort("iso_week")
        chosen = y == year
        lines.append(
            go.Scatter(
                x=part["iso_week"],
                y=part[measure],
                name=str(y),
                mode="lines+markers" if chosen else "lines",
                line={
                    "width": 4 if chosen else 1.8,
                    "color": PALETTE[0] if chosen else colour[y],
                },
                marker={"size": 6},
                customdata=[f"{y}, week {w}" for w in part["iso_week"]],
                hovertemplate="%{customdata}<br>%{y:,.0f} " + label.lower() + "<extra></extra>",
            )
        )
    fig.add_traces(lines, rows=2, cols=1)
    in_year = holidays.filter(
        pl.col("start_date").dt.iso_year() == year, pl.col("end_date").dt.iso_year() == year
    )
    _strip_traces(fig, in_year, _iso_position, row=1)
    _shade(fig, in_year, _iso_position, row=2)
    fig.update_xaxes(range=[0.5, 53.5], dtick=4, row=2, col=1)
    fig.update_xaxes(title_text=f"ISO-week (vakanties en feestdagen van {year})", row=2, col=1)
    fig.update_yaxes(title_text="per week", rangemode="tozero", row=2, col=1)
    return _strip_room(fit.lay_out(fig, canvas), canvas)


def aligned_chart(aligned: pl.DataFrame, *, canvas: Canvas = SCREEN) -> go.Figure:
    """Mean Lijn 1 cases per working day around each holiday's first day, one panel each."""
    keys = [k for k in HOLIDAY_ORDER if k in set(aligned["holiday_key"].to_list())]
    names = {k: aligned.filter(pl.col("holiday_key") == k)["holiday_nl"][0] for k in keys}
    fig = make_subplots(
        rows=1,
        cols=max(len(keys), 1),
        shared_yaxes=True,
        subplot_titles=[names[k] for k in keys],
        horizontal_spacing=0.02,
    )
    colours = {"eerste": PALETTE[0], "regios": PALETTE[1]}
    first_days = [
        vline(0, col=col, dash="dot", color=PALETTE[6]) for col in range(1, len(keys) + 1)
    ]
    lines: list[go.Scatter] = []  # added at once, not one call each
    for col, key in enumerate(keys, start=1):
        for alignment, label in ALIGNMENT_NL.items():
            part = aligned.filter(
                pl.col("holiday_key") == key, pl.col("alignment") == alignment
            ).sort("day_offset")
            lines.append(
                go.Scatter(
                    x=part["day_offset"],
                    y=part["avg_cases"],
                    name=label,
                    legendgroup=alignment,
                    showlegend=col == 1,
                    mode="lines",
                    line={"color": colours[alignment], "width": 2.5},
                    customdata=[_offset_text(o) for o in part["day_offset"]],
                    hovertemplate="%{customdata}<br>%{y:,.1f} zaken per werkdag<extra></extra>",
                    xaxis=f"x{'' if col == 1 else col}",
                    yaxis=f"y{'' if col == 1 else col}",
                )
            )
    fig.add_traces(lines)
    # Weeks as bare numbers and upright: five panels side by side leave a 1280 px screen
    # about 110 px per panel, too little for "-6 wk" four times (and no "+2", which would
    # touch the next panel's "-6"). The same in every panel: one call for all.
    fig.update_xaxes(
        tickvals=[-42, -28, -14, 0],
        ticktext=["−6", "−4", "−2", "0"],
        tickangle=0,
        tickfont={"size": MIN_FONT_SIZE},
        range=[-43, 15],
    )
    fig.update_xaxes(title_text="weken tot de eerste vakantiedag", row=1, col=(len(keys) + 1) // 2)
    fig.update_yaxes(title_text="zaken per werkdag", row=1, col=1)
    # A panel is narrower than its holiday's name on a 1280 px screen: the names go a line
    # above the panels' top value, whose label reaches above the plot area.
    fig.update_annotations(font={"size": MIN_FONT_SIZE}, yshift=14)
    fig.update_layout(
        title={"text": "Lijn 1 rond de eerste vakantiedag, gemiddeld"},
        height=540,
        shapes=first_days,
        # under the title, above the panel names
        legend={"y": 1.14},
    )
    return fit.lay_out(fig, canvas)


def _offset_text(offset: int) -> str:
    if offset == 0:
        return "eerste vakantiedag"
    days = abs(offset)
    word = "dag" if days == 1 else "dagen"
    return f"{days} {word} {'vóór' if offset < 0 else 'na'} de eerste vakantiedag"


def outlook_chart(outlook: pl.DataFrame, *, canvas: Canvas = SCREEN) -> go.Figure:
    """Expected Lijn 1 cases and contacts for the weeks ahead, with their range; a week that
    is over but not in the data yet is drawn pale and hatched (neither data nor forecast)."""
    # Upright on two lines: twelve slanted "wk 49 (30 nov)" run into each other and off the chart.
    labels = [
        f"wk {w}<br>{short_date(d)}"
        for d, w in zip(outlook["week_start"], outlook["iso_week"], strict=True)
    ]
    fig = go.Figure()
    traces: list[go.Bar | go.Scatter] = []  # added at once, not one call each
    for measure, name, colour in (
        ("cases", CASES_NL, PALETTE[0]),
        ("contacts", CONTACTS_NL, PALETTE[5]),
    ):
        expected = outlook[f"expected_{measure}"]
        traces.append(
            go.Bar(
                x=labels,
                y=expected,
                name=name,
                marker={
                    "color": colour,
                    "opacity": [0.35 if p else 1.0 for p in outlook["is_past"]],
                    "pattern": {"shape": ["/" if p else "" for p in outlook["is_past"]]},
                },
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": (outlook[f"high_{measure}"] - expected).to_list(),
                    "arrayminus": (expected - outlook[f"low_{measure}"]).to_list(),
                    "color": PALETTE[6],
                    "thickness": 1.5,
                },
                customdata=list(
                    zip(
                        outlook[f"low_{measure}"].to_list(),
                        outlook[f"high_{measure}"].to_list(),
                        strict=True,
                    )
                ),
                hovertemplate="%{x}: verwacht %{y:,.0f} "
                + name.lower()
                + "<br>bereik %{customdata[0]:,.0f}–%{customdata[1]:,.0f}<extra></extra>",
            )
        )
    fig.add_traces(traces)
    fig.update_layout(
        title="Verwacht per week (Lijn 1)",
        barmode="group",
        height=500,
    )
    fig.update_xaxes(tickangle=0, tickfont={"size": MIN_FONT_SIZE})
    fig.update_yaxes(title_text="per week", rangemode="tozero")
    return fit.lay_out(fig, canvas)


def _quarter_ticks(first: dt.date, last: dt.date) -> tuple[list[dt.date], list[str]]:
    """A label at the start of every quarter, the year under January's (and the first's): two
    years of twelve months each do not fit a laptop's width side by side."""
    ticks, labels = [], []
    day = dt.date(first.year, (first.month - 1) // 3 * 3 + 1, 1)
    while day <= last:
        if day >= first:
            name = MONTH_ABBREVIATIONS[day.month - 1]
            labels.append(f"{name}<br>{day.year}" if day.month == 1 or not ticks else name)
            ticks.append(day)
        day = dt.date(day.year + (day.month + 2) // 12, (day.month + 2) % 12 + 1, 1)
    return ticks, labels


BACKTEST_RANGE_FILL = "rgba(27, 63, 139, 0.16)"  # PALETTE[0], light: the band under the lines


def backtest_chart(weeks: pl.DataFrame, *, canvas: Canvas = SCREEN) -> go.Figure:
    """Per week of the backtest: the range of the forecast (a band), the forecast, the actual
    Lijn 1 cases and the seasonal-naive forecast (same week a year earlier)."""
    x = weeks["week_start"].to_list()
    when = [week_label(d, w) for d, w in zip(x, weeks["iso_week"], strict=True)]
    lines = (
        ("expected_cases", "Verwachting", {"color": PALETTE[0], "width": 2}, "lines"),
        ("actual_cases", "Werkelijk", {"color": PALETTE[1], "width": 1.5}, "lines+markers"),
        ("naive_cases", "Naïef (week vorig jaar)", {"color": PALETTE[6], "width": 1.5,
                                                     "dash": "dot"}, "lines"),
    )  # fmt: skip
    traces = [
        go.Scatter(
            x=x, y=weeks["low_cases"], mode="lines", line={"width": 0}, showlegend=False,
            hoverinfo="skip",
        ),
        go.Scatter(
            x=x, y=weeks["high_cases"], mode="lines", line={"width": 0}, fill="tonexty",
            fillcolor=BACKTEST_RANGE_FILL, name="Bereik", customdata=list(zip(
                when, weeks["low_cases"].to_list(), strict=True)),
            hovertemplate="%{customdata[0]}: bereik %{customdata[1]:,.0f}–%{y:,.0f} zaken"
            "<extra></extra>",
        ),
        *(
            go.Scatter(
                x=x, y=weeks[column], name=name, mode=mode, line=line, marker={"size": 4},
                customdata=when,
                hovertemplate="%{customdata}: " + name.lower() + " %{y:,.0f} zaken<extra></extra>",
            )
            for column, name, line, mode in lines
        ),
    ]  # fmt: skip
    fig = go.Figure(traces)
    ticks, labels = _quarter_ticks(min(x), max(x))
    fig.update_layout(title="Verwachting tegenover werkelijkheid, per week (Lijn 1)", height=460)
    fig.update_xaxes(tickvals=ticks, ticktext=labels, tickangle=0)
    fig.update_yaxes(title_text="zaken per week", rangemode="tozero")
    return fit.lay_out(fig, canvas)


def weekday_heatmap(days: pl.DataFrame, year: int, *, canvas: Canvas = SCREEN) -> go.Figure:
    """Lijn 1 contacts per weekday (rows) and ISO week (columns) of ISO year `year`."""
    work = days.filter(pl.col("iso_year") == year, pl.col("iso_weekday") <= 5)
    weeks = list(range(1, int(work["iso_week"].max() or 52) + 1)) if work.height else []
    grid: list[list[float | None]] = [[None] * len(weeks) for _ in range(5)]
    dates: list[list[str]] = [[""] * len(weeks) for _ in range(5)]
    for row in work.iter_rows(named=True):
        r, c = row["iso_weekday"] - 1, row["iso_week"] - 1
        dates[r][c] = date_nl(row["day"])
        if row["is_working_day"]:
            grid[r][c] = row["contacts"]
        else:
            dates[r][c] += f" ({row['public_holiday_nl']}, gesloten)"
    fig = go.Figure(
        go.Heatmap(
            z=grid,
            x=weeks,
            y=[WEEKDAY_ABBREVIATIONS[i] for i in range(5)],
            customdata=dates,
            colorscale=[[0, "#F3F6FB"], [0.5, "#5B7FC7"], [1, PALETTE[0]]],
            hovertemplate="%{customdata}<br>%{z:,.0f} contactmomenten<extra></extra>",
            colorbar={"title": {"text": "contact-<br>momenten"}},
            xgap=1,
            ygap=1,
        )
    )
    fig.update_layout(title=f"Lijn 1-contactmomenten per weekdag en ISO-week, {year}", height=360)
    fig.update_xaxes(title_text="ISO-week", dtick=4, showgrid=False)
    fig.update_yaxes(autorange="reversed", showgrid=False, gridcolor=GRID_COLOUR)
    return fit.lay_out(fig, canvas)
