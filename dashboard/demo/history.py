"""Demo history before 2024: the years under the registration of 2006-2023.

`iko-dashboard demo --since 2015` adds these years to the demo export. They follow that era's
registration (Lijn 1: holiday consent and every third party's case; Lijn 2: the parents'
cases; the codes of the 2020 annual report) and the published series the dashboard knows:
2020 gives every figure of the 2020 report exactly (data/reference/published-2020-figures.csv),
other years are interpolated between the printed years and 2024 (the 2025 report). The years
from 2024 are left exactly as the calibrated demo makes them: history uses its own random
stream and ids that cannot meet the others (a two-letter prefix ending in H, never hex).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Mapping
from functools import cache

import numpy as np
import polars as pl

from dashboard import reference
from dashboard.contract import CURRENT_ERA_FROM
from dashboard.demo import generator as g
from dashboard.demo import targets as t
from dashboard.paths import REFERENCE_DIR

HISTORY_SEED = g.SEED + 2006
LAST_YEAR = CURRENT_ERA_FROM.year - 1
# the school holidays the seasonal shape needs start in 2014 (the `holidays` package)
FIRST_POSSIBLE_YEAR = 2014
REPORT_YEAR = 2020
# The 2020 report: "ongeveer 4.000 eerstelijnszaken minder" on holiday consent through COVID.
COVID_DROP_LINE1 = 4000

# Lijn 1 per code in 2020 other than holiday consent (figure 1.6.1): third parties' cases.
LINE1_OTHER_CODES = (
    "abduction",
    "domestic_abduction_access",
    "prevention",
    "international_access",
    "relocation_consent",
    "lawful_relocation",
    "refuting_threat",
    "missing_child",
    "general_advice",
)
# the 'overige tweedelijnszaken' of figure 1.6.2
LINE2_OTHER_CODES = (
    "abduction_within_kingdom",
    "domestic_abduction_access",
    "no_holiday_consent",
    "refuting_threat",
    "lawful_relocation",
    "general_advice",
    "missing_child",
)
HAGUE_POOL = ("PL", "DE", "BE", "ES", "GB", "US", "TR", "FR", "IT", "MA")
NON_HAGUE_POOL = ("EG", "SY", "SA", "IR", "LB", "JO")


@cache
def printed() -> dict[tuple[int, str], float]:
    """(year, measure) -> value as the 2020 report prints it."""
    with (REFERENCE_DIR / "published-2020-figures.csv").open(encoding="utf-8") as f:
        return {(int(r["year"]), r["measure"]): float(r["value"]) for r in csv.DictReader(f)}


def p20(measure: str, year: int = REPORT_YEAR) -> int:
    return int(printed()[year, measure])


def printed_or(year: int, measure: str) -> int | None:
    """The figure the 2020 report prints for this year (it gives some for 2017-2019 too)."""
    value = printed().get((year, measure))
    return None if value is None else int(value)


def interpolated(anchors: Mapping[int, float], year: int) -> int:
    """Linear between the known years, flat beyond the first and the last."""
    years = sorted(anchors)
    return int(round(np.interp(year, years, [anchors[y] for y in years])))


def year_counts(year: int) -> dict[str, int]:
    """Cases per segment: printed for 2020 (and 2019), interpolated towards 2024."""
    line1_2020 = p20("line1.def2020.holiday_consent")
    anchors = {
        "holiday": {
            2019: line1_2020 + COVID_DROP_LINE1,
            2020: line1_2020,
            2024: t.pub(2024, "cases.line1"),
        },
        "prevention": {
            2019: p20("prevention.cases.parents", 2019),
            2020: p20("prevention.cases.parents"),
            2024: t.pub(2024, "prevention.cases.parents"),
        },
        "relocation": {2020: p20("relocation.cases"), 2024: t.pub(2024, "relocation.cases")},
        "abduction": {
            2019: p20("abduction.cases", 2019),
            2020: p20("abduction.cases"),
            2024: t.pub(2024, "abduction.cases"),
        },
        "access": {
            2020: p20("access.advice_sought.mother") + p20("access.advice_sought.father"),
            2024: t.pub(2024, "access.cases"),
        },
    }
    return {key: interpolated(a, year) for key, a in anchors.items()}  # type: ignore[arg-type]


def scale_2020(year: int, measure: str) -> int:
    """A 2020 figure scaled with the year's Lijn 2 parents' cases (2020 if printed)."""
    if year == REPORT_YEAR:
        return p20(measure)
    size = sum(year_counts(year).values()) - year_counts(year)["holiday"]
    size_2020 = sum(year_counts(REPORT_YEAR).values()) - year_counts(REPORT_YEAR)["holiday"]
    return int(round(p20(measure) * size / size_2020))


class History(g.CaseRows):
    """Accumulates the rows of the history years."""

    # a two-letter id prefix ending in H, never hex: no id can meet one of the calibrated years
    ID_MARK = "H"
    # the age band of each child where the 2020 report prints them (abduction in 2020)
    EXTRA_COLUMNS = {"ages": None}

    def __init__(self, first_year: int) -> None:
        super().__init__(HISTORY_SEED)
        self.first_year = first_year
        parties = reference.countries()
        self._party = dict(zip(parties["iso2"], parties["hkov_party"], strict=True))
        self._since = dict(zip(parties["iso2"], parties["hkov_entry_into_force"], strict=True))

    def pick(self, pool: tuple[str, ...]) -> str:
        w = 1.0 / (1.0 + np.arange(len(pool)))
        return pool[int(self.rng.choice(len(pool), p=w / w.sum()))]


def _shares(rng: np.random.Generator, n: int, counts: Mapping[str, int]) -> list[str]:
    """`n` labels in the proportions of `counts` (exact when n equals their sum)."""
    return g.exact_list(rng, t.apportion(n, counts))


def _children(
    rng: np.random.Generator, n: int, ratio: float, total: int | None = None
) -> list[int]:
    total = total if total is not None else max(n, int(round(n * ratio)))
    return g.split_total(rng, n, total) if n else []


def build_year(h: History, year: int) -> None:
    rng = h.rng
    counts = year_counts(year)
    exact = year == REPORT_YEAR
    # Lijn 1: holiday consent (mostly parents) and every third party's case under other codes
    holiday = counts["holiday"]
    kids = _children(rng, holiday, 1.25)
    for who, k in zip(_shares(rng, holiday, g.LINE1_CONTACTED_BY), kids, strict=True):
        h.add(year, 1, "holiday_consent", who, children_count=k)
    for code in LINE1_OTHER_CODES:
        n = scale_2020(year, f"line1.def2020.{code}")
        for _ in range(n):
            h.add(
                year,
                1,
                code,
                str(rng.choice(["family_acquaintance", "professional"])),
                children_count=int(rng.choice([1, 1, 2, 2, 3])),
            )
    if exact:
        # the report's total of children in Lijn 1: move the difference onto holiday consent
        rows = [r for r in h.cases if r["year"] == year and r["line"] == 1]
        diff = p20("cases.line1.def2020.children") - sum(r["children_count"] for r in rows)
        holiday_rows = [r for r in rows if r["category_code"] == "holiday_consent"]
        for r, k in zip(
            holiday_rows,
            _children(
                rng, len(holiday_rows), 0, sum(r["children_count"] for r in holiday_rows) + diff
            ),
            strict=True,
        ):
            r["children_count"] = k

    # Lijn 2: the parents' cases
    n = counts["prevention"]
    who = _shares(
        rng,
        n,
        {"mother": p20("prevention.contact.mother"), "father": p20("prevention.contact.father")},
    )
    kids = _children(rng, n, 329 / 216, p20("prevention.children") if exact else None)
    for c, k in zip(who, kids, strict=True):
        country = h.pick(("MA", "TR", "SY", "EG", "PL", "SR", "US", "ES"))
        h.add(
            year,
            2,
            "prevention",
            c,
            parent_role="potentially_left_behind",
            acting_person=g.other_parent(c),
            direction="from_nl",
            country_iso2=country,
            children_count=k,
        )

    n = counts["relocation"]
    who = _shares(
        rng,
        n,
        {"mother": p20("relocation.contact.mother"), "father": p20("relocation.contact.father")},
    )
    kids = _children(rng, n, 109 / 75, p20("relocation.children") if exact else None)
    outside = min(n, scale_2020(year, "relocation.not_involving_nl"))
    for i, (c, k) in enumerate(zip(who, kids, strict=True)):
        h.add(
            year,
            2,
            "relocation_consent",
            c,
            parent_role="relocating",
            acting_person=c,
            direction="outside_nl" if i < outside else "from_nl",
            country_iso2=h.pick(("BE", "DE", "ES", "GB", "US", "TR")),
            children_count=k,
        )

    n = counts["abduction"]
    acting = _shares(
        rng,
        n,
        {
            who: printed_or(year, f"abduction.taking_parent.{who}")
            or p20(f"abduction.taking_parent.{who}")
            for who in ("mother", "father", "family_member")
        },
    )
    direction = _shares(
        rng,
        n,
        {"from_nl": p20("abduction.outgoing.cases"), "to_nl": p20("abduction.incoming.cases")},
    )
    hague = _shares(
        rng, n, {"yes": p20("abduction.hague.cases"), "no": p20("abduction.non_hague.cases")}
    )
    kids = _children(rng, n, 224 / 152, printed_or(year, "abduction.children"))
    bands = (
        ["0-5"] * p20("abduction.children.age_under_6")
        + ["6-12"] * p20("abduction.children.age_6_12")
        + ["13-17"] * p20("abduction.children.age_over_12")
    )
    rng.shuffle(bands)
    for i in range(n):
        taker = acting[i]
        left_behind = taker == "family_member" or rng.random() < 0.85
        contact = (
            str(rng.choice(["mother", "father"]))
            if taker == "family_member"
            else (g.other_parent(taker) if left_behind else taker)
        )
        country = h.pick(HAGUE_POOL if hague[i] == "yes" else NON_HAGUE_POOL)
        ages = [bands.pop() for _ in range(kids[i])] if exact else None
        h.add(
            year,
            2,
            "abduction",
            contact,
            parent_role="left_behind" if left_behind else "taking",
            acting_person=taker,
            direction=direction[i],
            country_iso2=country,
            children_count=kids[i],
            ages=ages,
        )

    n = counts["access"]
    who = _shares(
        rng,
        n,
        {
            "mother": p20("access.advice_sought.mother"),
            "father": p20("access.advice_sought.father"),
        },
    )
    third = scale_2020(year, "access.advice_sought.third_parties")
    kids = _children(rng, n + third, 59 / 38, p20("access.children.def2020") if exact else None)
    for c, k in zip(who + ["professional"] * third, kids, strict=True):
        # a parent asks for access of their own or about the other parent's wish; for a
        # third party's case the report does not say, we take the father
        own = rng.random() < 0.6
        h.add(
            year,
            2,
            "international_access",
            c,
            parent_role=None
            if c == "professional"
            else ("wants_access" if own else "child_resides"),
            acting_person="father" if c == "professional" else (c if own else g.other_parent(c)),
            direction="to_nl",
            country_iso2=h.pick(("DE", "BE", "GB", "US", "ES")),
            children_count=k,
        )
    # the other Lijn 2 codes make up a printed Lijn 2 total (2019: 644)
    other = {code: scale_2020(year, f"line2.def2020.{code}") for code in LINE2_OTHER_CODES}
    line2_total = printed_or(year, "cases.line2.def2020")
    if line2_total is not None and not exact:
        so_far = sum(1 for r in h.cases if r["year"] == year and r["line"] == 2)
        other = t.apportion(line2_total - so_far, {c: p20(f"line2.def2020.{c}") for c in other})
    for code in LINE2_OTHER_CODES:
        for _ in range(other[code]):
            h.add(
                year,
                2,
                code,
                str(rng.choice(["mother", "father"])),
                children_count=int(rng.choice([1, 1, 2, 3])),
            )


AGE_WEIGHTS = g.AGE_WEIGHTS["abduction"]
BAND_AGES = {"0-5": range(0, 6), "6-12": range(6, 13), "13-17": range(13, 18)}


def _dates(h: History, cal: g.Calendar, cases: pl.DataFrame, years: range) -> pl.DataFrame:
    rng = h.rng
    opened = np.zeros(cases.height, dtype=np.int64)
    closed = np.zeros(cases.height, dtype=np.int64)
    year_of = cases["year"].to_numpy()
    line_of = cases["line"].to_numpy()
    code_of = cases["category_code"].to_numpy()
    for year in years:
        days = cal.year_days(year)
        for line, holiday_only in ((1, True), (1, False), (2, False)):
            is_holiday = code_of == "holiday_consent"
            idx = np.flatnonzero(
                (year_of == year) & (line_of == line) & (is_holiday == holiday_only)
            )
            w = (g.line1_weights if holiday_only else g.line2_weights)(cal, days)
            opened[idx] = np.sort(rng.choice(days, size=len(idx), p=w / w.sum()))
            rng.shuffle(opened[idx])
        year_end = g.day_number(dt.date(year, 12, 31))
        idx = np.flatnonzero((year_of == year) & (line_of == 1))
        closed[idx] = np.minimum(opened[idx] + rng.geometric(0.5, len(idx)) - 1, year_end)
        idx = np.flatnonzero((year_of == year) & (line_of == 2))
        # 2020: 298 of 598 carried to the next year; the late openings most often
        carried_n = int(round(len(idx) * 298 / 598))
        lateness = np.exp((opened[idx] - year_end) / 120.0)
        carried = rng.choice(idx, size=carried_n, replace=False, p=lateness / lateness.sum())
        same = np.setdiff1d(idx, carried)
        closed[same] = np.minimum(
            opened[same] + np.ceil(rng.exponential(30.0, len(same))), year_end
        )
        closed[carried] = year_end + 5 + np.ceil(rng.exponential(70.0, len(carried))).astype(int)
    # The 2020 report: 51 Lijn 2 cases from before 2020 still open at its end; the other
    # carried cases of earlier years close within the year after their opening.
    earlier = np.flatnonzero((line_of == 2) & (year_of < REPORT_YEAR))
    if len(earlier) and REPORT_YEAR in years:
        long_open = rng.choice(earlier, size=min(51, len(earlier)), replace=False)
        closed[long_open] = g.day_number(dt.date(2021, 1, 4)) + rng.integers(0, 500, len(long_open))
        rest = np.setdiff1d(earlier, long_open)
        next_year_end = np.array([g.day_number(dt.date(y + 1, 12, 31)) for y in year_of[rest]])
        closed[rest] = np.minimum(closed[rest], next_year_end)
    closed = np.maximum(cal.on_or_before(closed), opened)
    return cases.with_columns(pl.Series("opened_day", opened), pl.Series("closed_day", closed))


def _contacts(h: History, cal: g.Calendar, cases: pl.DataFrame, years: range) -> pl.DataFrame:
    rng = h.rng
    opened = cases["opened_day"].to_numpy()
    closed = cases["closed_day"].to_numpy()
    natural = np.array(
        [{"mother": "parent", "father": "parent"}.get(c, c) for c in cases["contacted_by"]],
        dtype=object,
    )
    # contacts grow with the cases: 2020 had 7.035 for 2.774 + 598 cases
    cases_2020 = p20("cases.line1.def2020") + p20("cases.line2.def2020")
    parts = []
    for year in years:
        lo, hi = g.day_number(dt.date(year, 1, 1)), g.day_number(dt.date(year, 12, 31))
        first = np.flatnonzero((opened >= lo) & (opened <= hi))
        factor = 1.0 if year == REPORT_YEAR else len(first) / cases_2020
        cells = {
            (ch, pt): int(round(p20(f"contacts.{ch}.{pm}") * factor))
            for ch in ("phone", "email")
            for pt, pm in (("parent", "parents"), ("family_acquaintance", "family_acquaintances"))
        }
        for ch in ("phone", "email"):
            others = (
                p20(f"contacts.{ch}")
                - p20(f"contacts.{ch}.parents")
                - p20(f"contacts.{ch}.family_acquaintances")
            )
            cells[ch, "professional"] = int(round(others * factor))
        follow_n = max(sum(cells.values()) - len(first), 0)
        cells[max(cells, key=cells.get)] += max(len(first) - sum(cells.values()), 0)
        open_idx = np.flatnonzero((opened <= hi) & (closed >= lo))
        start = np.maximum(opened[open_idx], lo)
        end = np.minimum(closed[open_idx], hi)
        pick = rng.choice(len(open_idx), size=follow_n, replace=True)
        idx = np.concatenate([first, open_idx[pick]])
        day = np.concatenate([opened[first], cal.between(start[pick], end[pick], rng)])
        parts.append(g.year_contacts(rng, idx, day, natural[idx], cells))
    contacts = pl.concat(parts).sort("contact_day", "case_row")
    return contacts.with_columns(
        pl.Series("contact_id", [h.new_id("C", 10) for _ in range(contacts.height)])
    )


def _children_rows(h: History, cases: pl.DataFrame) -> pl.DataFrame:
    rng = h.rng
    case_ids, ages = [], []
    for case_id, n, bands in cases.select("case_id", "children_count", "ages").iter_rows():
        for i in range(n):
            band = bands[i] if bands is not None else None
            if band is not None:
                age = int(rng.choice(list(BAND_AGES[band])))
            else:
                age = int(rng.choice(18, p=AGE_WEIGHTS / AGE_WEIGHTS.sum()))
            case_ids.append(case_id)
            ages.append(age)
    return pl.DataFrame(
        {"child_id": [h.new_id("K", 10) for _ in case_ids], "case_id": case_ids, "age_years": ages}
    )


def _mediations(h: History, cal: g.Calendar, cases: pl.DataFrame, years: range) -> pl.DataFrame:
    """2020 as printed: 34 requests (18 IKO, 16 NIKO), 23 started, none stopped after the
    intake, 4 with a full or mirror agreement, one started in 2021, one still running, two
    child interviews in one IKO and two NIKO mediations. Other years: the same shape."""
    rng = h.rng
    rows = []
    for year in years:
        # other years a little busier than the COVID year, which the report says had fewer
        scale = 1.0 if year == REPORT_YEAR else 1.15
        iko, niko = int(round(18 * scale)), int(round(16 * scale))
        started = {"IKO": int(round(11 * scale)), "NIKO": int(round(12 * scale))}
        days = cal.year_days(year)
        received = np.sort(rng.choice(days[:-15], size=iko + niko, replace=False))
        plan = []
        for kind, n in (("IKO", iko), ("NIKO", niko)):
            states = (
                ["full", "partial"]
                + ["none"] * (started[kind] - 2)
                + ["not_started"] * (n - started[kind])
            )
            plan += [(kind, s) for s in states]
        order = rng.permutation(len(plan))
        for (kind, state), day in zip([plan[i] for i in order], received, strict=True):
            rows.append({"kind": kind, "state": state, "day": int(day), "year": year})
        year_rows = [r for r in rows if r["year"] == year]
        last_iko = max(
            (r for r in year_rows if r["kind"] == "IKO" and r["state"] == "none"),
            key=lambda r: r["day"],
        )
        # the latest IKO request starts next year; the latest started NIKO one runs on
        last_iko["state"], last_iko["day"] = "next_year", int(days[-10])
        last_niko = max(
            (r for r in year_rows if r["kind"] == "NIKO" and r["state"] == "none"),
            key=lambda r: r["day"],
        )
        last_niko["state"] = "running"
        interviews = [r for r in year_rows if r["state"] in ("full", "partial", "none")]
        iko_heard = next(r for r in interviews if r["kind"] == "IKO")
        iko_heard["interviews"] = 2
        for r in [r for r in interviews if r["kind"] == "NIKO"][:2]:
            r["interviews"] = 1
    pools = {
        "IKO": cases.filter(category_code="abduction"),
        "NIKO": cases.filter(
            pl.col("category_code").is_in(["international_access", "relocation_consent"])
        ),
    }
    out = []
    for r in rows:
        pool = pools[r["kind"]].filter(pl.col("opened_day") <= r["day"] - 5)
        case_id = pool["case_id"][int(rng.integers(pool.height))] if pool.height else None
        began = r["state"] != "not_started"
        if r["state"] == "next_year":
            start = g.day_number(dt.date(r["year"] + 1, 1, 12))
        else:
            start = min(
                r["day"] + int(rng.integers(10, 30)), g.day_number(dt.date(r["year"], 12, 20))
            )
        # ended within the year of receipt, but for the one that runs on and the late start
        end = min(start + int(rng.integers(20, 60)), g.day_number(dt.date(r["year"], 12, 30)))
        if r["state"] == "next_year":
            end = start + int(rng.integers(20, 60))
        if r["state"] == "running":
            end = g.day_number(dt.date(r["year"] + 1, 3, 1))
        outcome = {
            "full": "full_agreement",
            "partial": "partial_agreement",
            "none": "no_agreement",
            "next_year": "no_agreement",
            "running": "no_agreement",
        }.get(r["state"])
        k = r.get("interviews", 0)
        out.append(
            {
                "mediation_id": h.new_id("M"),
                "case_id": case_id,
                "received_date": g.to_date(r["day"]),
                "mediation_type": r["kind"],
                "started": began,
                "not_started_reason": None
                if began
                else ("court_decided_against" if r["kind"] == "IKO" else "parent_declined"),
                "start_date": g.to_date(start) if began else None,
                "stopped_after_intake": False,
                "outcome": outcome if began else None,
                "end_date": g.to_date(end) if began and end is not None else None,
                "child_interviews": k,
                "children_heard": k,
                "special_guardian_appointed": False,
                "special_guardian_children": 0,
            }
        )
    return pl.DataFrame(out)


def generate_history(since: int) -> dict[str, pl.DataFrame]:
    """The tables of the years `since` to 2023 (no export_meta), in contract order and types."""
    if not FIRST_POSSIBLE_YEAR <= since <= LAST_YEAR:
        raise ValueError(
            f"--since moet tussen {FIRST_POSSIBLE_YEAR} en {LAST_YEAR} liggen (de schoolvakanties "
            f"waarop de demogegevens hun vorm krijgen beginnen in {FIRST_POSSIBLE_YEAR})"
        )
    years = range(since, LAST_YEAR + 1)
    h = History(since)
    for year in years:
        build_year(h, year)
    cal = g.Calendar.build(since, LAST_YEAR + 2)
    cases = pl.DataFrame(h.cases, infer_schema_length=None)
    cases = _dates(h, cal, cases, years).sort(
        "opened_day", "line", "category_code", maintain_order=True
    )
    cases = cases.with_columns(
        pl.Series("case_id", [h.new_id("Z") for _ in range(cases.height)]),
        pl.Series("family_id", [h.new_id("G") for _ in range(cases.height)]),
        pl.lit(False).alias("conflict_case"),
    )
    contacts = _contacts(h, cal, cases, years).join(
        cases.with_row_index("case_row").select(pl.col("case_row").cast(pl.Int64), "case_id"),
        on="case_row",
    )
    party = {
        (iso, day): bool(h._party.get(iso))
        and (h._since.get(iso) is None or h._since[iso] <= g.to_date(day))
        for iso, day in cases.select("country_iso2", "opened_day").drop_nulls().iter_rows()
    }
    cases = cases.with_columns(
        pl.struct("country_iso2", "opened_day")
        .map_elements(
            lambda s: party.get((s["country_iso2"], s["opened_day"])), return_dtype=pl.Boolean
        )
        .alias("hkov_registered")
    )
    tables = {
        "cases": cases.with_columns(
            pl.col("opened_day").map_elements(g.to_date, return_dtype=pl.Date).alias("opened_date"),
            pl.col("closed_day").map_elements(g.to_date, return_dtype=pl.Date).alias("closed_date"),
        ),
        "children": _children_rows(h, cases),
        "contacts": contacts.with_columns(
            pl.col("contact_day")
            .map_elements(g.to_date, return_dtype=pl.Date)
            .alias("contact_date")
        ).sort("contact_day", "contact_id"),
        "mediations": _mediations(h, cal, cases, years),
    }
    return {name: g.conform(name, df) for name, df in tables.items()}


def with_history(tables: dict[str, pl.DataFrame], since: int) -> dict[str, pl.DataFrame]:
    """The demo export with the years `since`-2023 in front; the calibrated years are the same
    rows as without history."""
    history = generate_history(since)
    out = {name: pl.concat([history[name], df]) if name in history else df
           for name, df in tables.items()}  # fmt: skip
    meta = out["export_meta"].with_columns(
        source=pl.lit(
            f"Demonstratiegegevens (vast startgetal): {since}-2023 naar de registratie van "
            "toen, 2020 geijkt op het jaarverslag 2020; 2024 en 2025 geijkt op het jaarverslag "
            "2025, 2026 doorgetrokken."
        )
    )
    out["export_meta"] = meta
    return out
