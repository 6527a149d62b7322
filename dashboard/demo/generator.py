"""Deterministic demo export: case-level tables whose figures are the published ones.

2024 and 2025 reproduce every measure of the 2025 annual report exactly, through the same SQL
the pages run; 2026 continues the 2025 pattern (marked as extrapolated in `export_meta`).
The shape is realistic: working days only, Lijn 1 peaks before each region's school holidays,
Lijn 2 rises after the spring, May and Christmas holidays and in summer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from dashboard import reference
from dashboard.contract import EXPORT_TABLES, LINE2_CODES, polars_type
from dashboard.demo import targets as t

SEED = 20_251_231
GENERATED_YEARS = (2024, 2025, 2026)
EXTRAPOLATED_FROM = dt.date(2026, 1, 1)
EPOCH = dt.date(1970, 1, 1)

# Who contacts, when the report does not say: Lijn 1 is mostly parents.
LINE1_CONTACTED_BY = {
    "mother": 0.56,
    "father": 0.32,
    "family_acquaintance": 0.07,
    "professional": 0.05,
}
# Third parties per code: professionals dominate child protection, family dominates abduction.
THIRD_PARTY_FAMILY_SHARE = {
    "abduction": 0.55,
    "prevention": 0.45,
    "abduction_by_family": 0.6,
    "international_child_protection": 0.1,
    "hotline_116000": 0.3,
}
DEFAULT_THIRD_PARTY_FAMILY_SHARE = 0.35
# Third parties' cases of the codes the report breaks down for parents only: who acted (odds),
# and the children a case names (drawn evenly from the list).
THIRD_PARTY_CASES = {
    "prevention": ({"father": 0.6, "mother": 0.4}, [1, 1, 1, 2, 2, 3]),
    "relocation_consent": ({"mother": 0.8, "father": 0.2}, [1, 1, 2, 3]),
    "international_access": ({"father": 0.8, "mother": 0.2}, [1, 1, 2]),
    "abduction": ({"mother": 0.72, "father": 0.28}, [1, 1, 1, 2, 2, 3]),
}
# Follow-up contacts per case weigh by how much work a code is.
CONTACT_INTENSITY = {
    "abduction": 3.0,
    "abduction_by_family": 2.5,
    "prevention": 1.6,
    "international_access": 1.6,
    "relocation_consent": 1.4,
    "no_substantive_advice": 0.3,
    "advice_not_netherlands": 0.6,
}
# Lijn 1 peak height before each holiday (summed over the three regions).
LINE1_PEAK = {
    "voorjaarsvakantie": 0.9,
    "meivakantie": 1.2,
    "zomervakantie": 3.6,
    "herfstvakantie": 1.2,
    "kerstvakantie": 1.0,
}
LINE2_AFTER_HOLIDAY = {"voorjaarsvakantie": 0.55, "meivakantie": 0.55, "kerstvakantie": 0.7}


def day_number(d: dt.date) -> int:
    return (d - EPOCH).days


def to_date(n: int) -> dt.date:
    return EPOCH + dt.timedelta(days=int(n))


@dataclass(frozen=True)
class Calendar:
    """Working days (no weekends, no public holidays) as day numbers, and school holidays."""

    working_days: np.ndarray
    school: pl.DataFrame

    @classmethod
    def build(cls, first_year: int, last_year: int) -> Calendar:
        closed = {day_number(d) for d in reference.public_holidays(first_year, last_year)["date"]}
        days = np.arange(
            day_number(dt.date(first_year, 1, 1)), day_number(dt.date(last_year, 12, 31)) + 1
        )
        weekday = (days + 3) % 7  # 1970-01-01 was a Thursday; 0 = Monday
        keep = (weekday < 5) & ~np.isin(days, sorted(closed))
        return cls(days[keep], reference.school_holidays(first_year - 1, last_year + 1))

    def year_days(self, year: int) -> np.ndarray:
        lo = day_number(dt.date(year, 1, 1))
        hi = day_number(dt.date(year, 12, 31))
        return self.working_days[(self.working_days >= lo) & (self.working_days <= hi)]

    def between(self, start: np.ndarray, end: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """A random working day in [start, end] for each pair (end >= start, both inclusive)."""
        lo = np.searchsorted(self.working_days, start, side="left")
        hi = np.searchsorted(self.working_days, end, side="right")
        hi = np.maximum(hi, lo + 1)
        return self.working_days[lo + np.floor(rng.random(len(lo)) * (hi - lo)).astype(int)]

    def on_or_before(self, days: np.ndarray) -> np.ndarray:
        idx = np.searchsorted(self.working_days, days, side="right") - 1
        return self.working_days[np.maximum(idx, 0)]

    def holiday_starts(self, key: str) -> np.ndarray:
        rows = self.school.filter(pl.col("holiday_key") == key)
        return np.array([day_number(d) for d in rows["start_date"]])

    def holiday_ends(self, key: str) -> np.ndarray:
        rows = self.school.filter(pl.col("holiday_key") == key)
        return np.array([day_number(d) for d in rows["end_date"]])


def line1_weights(cal: Calendar, days: np.ndarray) -> np.ndarray:
    # Parents ask for the consent form in the weeks before they travel: a bump peaking about
    # twelve days before each region's holiday starts, quiet once the holiday has begun.
    w = np.full(len(days), 0.55)
    for key, height in LINE1_PEAK.items():
        for start in cal.holiday_starts(key):
            offset = days - start
            bump = np.exp(-0.5 * ((offset + 12) / 8.0) ** 2)
            w += np.where((offset >= -45) & (offset <= 2), height / 3 * bump, 0.0)
    weekday = (days + 3) % 7
    return w * np.choose(weekday, [1.2, 1.05, 1.0, 1.0, 0.8])


def line2_weights(cal: Calendar, days: np.ndarray) -> np.ndarray:
    # A child not brought back after a holiday: Lijn 2 rises in the weeks after the spring,
    # May and Christmas holidays, and stays higher in June to August.
    w = np.ones(len(days))
    for key, height in LINE2_AFTER_HOLIDAY.items():
        for end in cal.holiday_ends(key):
            offset = days - end
            w += np.where(
                (offset >= 0) & (offset <= 35),
                height / 3 * np.exp(-0.5 * ((offset - 9) / 7.0) ** 2),
                0.0,
            )
    month = np.array([to_date(d).month for d in days])
    w += np.where(np.isin(month, [6, 7, 8]), 0.45, 0.0)
    weekday = (days + 3) % 7
    return w * np.choose(weekday, [1.15, 1.05, 1.0, 1.0, 0.85])


def exact_list(rng: np.random.Generator, counts: Mapping[object, int]) -> list:
    """A shuffled list holding each value exactly `counts[value]` times."""
    out = [value for value, n in counts.items() for _ in range(n)]
    rng.shuffle(out)
    return out


def weighted_counts(rng: np.random.Generator, n: int, weights: Mapping[str, float]) -> dict:
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    drawn = rng.multinomial(n, p / p.sum())
    return {k: int(c) for k, c in zip(keys, drawn, strict=True) if c}


def split_total(rng: np.random.Generator, n: int, total: int, cap: int = 6) -> list[int]:
    """`n` whole numbers, each 1..cap, adding up to `total` (children per case)."""
    if n == 0:
        return []
    if not n <= total <= n * cap:
        raise ValueError(f"cannot split {total} over {n} cases")
    counts = np.ones(n, dtype=int)
    extra = total - n
    # Families with two or three children are common, larger ones rare: favour cases that
    # already have an extra child a little, but never above `cap`.
    while extra:
        i = int(rng.integers(n))
        if counts[i] < cap and (counts[i] == 1 or rng.random() < 0.35):
            counts[i] += 1
            extra -= 1
    return counts.tolist()


def tail_counts(rng: np.random.Generator, total: int, pool: Sequence[str], cap: int) -> dict:
    """Spread `total` cases over a long tail of countries, each at most `cap`."""
    if total > cap * len(pool):
        raise ValueError("tail pool too small")
    weights = 1.0 / (1.0 + np.arange(len(pool))) ** 0.6  # earlier in the pool = more common
    counts = dict.fromkeys(pool, 0)
    left = total
    while left:
        k = pool[int(rng.choice(len(pool), p=weights / weights.sum()))]
        if counts[k] < cap:
            counts[k] += 1
            left -= 1
    return {k: v for k, v in counts.items() if v}


def children_by_rank_hold(countries: list[str], children: list[int], ranked: Sequence[str]) -> bool:
    """True when the ranked countries also rank in that order by children, above the rest."""
    per: dict[str, int] = {}
    for c, k in zip(countries, children, strict=True):
        per[c] = per.get(c, 0) + k
    ranked_values = [per.get(c, 0) for c in ranked]
    rest = [v for c, v in per.items() if c not in ranked]
    strictly_down = all(a > b for a, b in zip(ranked_values, ranked_values[1:], strict=False))
    return strictly_down and (not rest or ranked_values[-1] > max(rest))


class CaseRows:
    """The case rows of one generator and the ids it hands out, all drawn from its own stream.

    `ID_MARK` follows an id's prefix (the history marks its ids so they cannot meet the calibrated
    years'); `EXTRA_COLUMNS` are the generator's own columns with their default values."""

    ID_MARK = ""
    EXTRA_COLUMNS: Mapping[str, object] = {}

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.cases: list[dict] = []
        self._ids: set[str] = set()

    def new_id(self, prefix: str, hex_len: int = 8) -> str:
        while True:
            value = prefix + self.ID_MARK + self.rng.bytes(hex_len // 2).hex().upper()
            if value not in self._ids:
                self._ids.add(value)
                return value

    def add(self, year: int, line: int, category: str, contacted_by: str, **attrs) -> dict:
        row = {
            "year": year,
            "line": line,
            "category_code": category,
            "contacted_by": contacted_by,
            "parent_role": None,
            "acting_person": None,
            "direction": None,
            "country_iso2": None,
            "children_count": 1,
            **self.EXTRA_COLUMNS,
        }
        row.update(attrs)
        self.cases.append(row)
        return row


class Builder(CaseRows):
    """Accumulates the rows of one demo export."""

    # link_families sets the conflict cases
    EXTRA_COLUMNS = {"conflict_case": False}

    def __init__(self, seed: int) -> None:
        super().__init__(seed)
        self.hkov = reference.countries().select("iso2", "hkov_party", "hkov_entry_into_force")
        self._hkov_party = {
            r["iso2"]: (r["hkov_party"], r["hkov_entry_into_force"])
            for r in self.hkov.iter_rows(named=True)
        }

    def hkov_flag(self, iso2: str | None, on: dt.date) -> bool | None:
        if iso2 is None:
            return None
        party, since = self._hkov_party.get(iso2, (False, None))
        # China is listed for Hong Kong and Macao only; a mainland case has no HKOV route.
        return bool(party) and iso2 != "CN" and (since is None or since <= on)


def year_factor(year: int, key: str) -> float:
    return t.EXTRAPOLATION_FACTORS[key] if year not in t.CALIBRATED_YEARS else 1.0


def line2_counts(year: int) -> dict[tuple[str, str], int]:
    """(category, party) -> cases: the section 7 table for 2024/2025, scaled for 2026."""
    base_year = year if year in t.CALIBRATED_YEARS else 2025
    out = {}
    for code in LINE2_CODES:
        for party in ("parents", "third_parties"):
            value = t.pub_or(base_year, f"line2.{party}.{code}", 0)
            factor = year_factor(year, "abduction" if code == "abduction" else "line2")
            out[code, party] = t.scaled(value, factor)
    return out


def published_or_shares(year: int, total: int, measures: Mapping[str, str]) -> dict[str, int]:
    """Counts per key: published for this year when every key is, else 2025's shares."""
    values = {k: t.pub(year, m) for k, m in measures.items()}
    if all(v is not None for v in values.values()) and sum(values.values()) == total:
        return values  # type: ignore[return-value]
    return t.apportion(total, {k: t.pub(2025, m) or 0 for k, m in measures.items()})


def children_total(year: int, measure: str, n_cases: int, per_case_2025: float) -> int:
    value = t.pub(year, measure)
    return value if value is not None else max(n_cases, int(round(n_cases * per_case_2025)))


def parent_of(contacted_by: str) -> str:
    return contacted_by  # mother / father


def other_parent(parent: str) -> str:
    return "father" if parent == "mother" else "mother"


def parent_roles(
    year: int,
    n_parents: int,
    measures: Sequence[str],
    cross: Callable[..., dict[tuple[str, str], int]],
) -> dict[tuple[str, str], int]:
    """(parent, role) -> cases: `cross` of the year's published `measures` when all are printed,
    else the cross of 2025's apportioned over this year's parents (2025 prints them all)."""
    values = [t.pub(year, m) for m in measures]
    if None in values:
        return t.apportion(n_parents, cross(*(t.pub(2025, m) for m in measures)))
    return cross(*values)


def add_third_parties(
    b: Builder,
    year: int,
    code: str,
    n: int,
    country: Callable[[np.random.Generator], str] | None = None,
    direction: Mapping[str, float] | None = None,
) -> None:
    """`n` Lijn 2 cases of `code` brought by third parties (the report gives no breakdown of
    them): who acted and how many children (`THIRD_PARTY_CASES`), to which country (`country`,
    else the general pool), and the direction, from NL unless `direction` gives its odds."""
    rng = b.rng
    acting, children = THIRD_PARTY_CASES[code]
    for _ in range(n):
        way = str(rng.choice(list(direction), p=list(direction.values()))) if direction else None
        contacted = _third_party(rng, code)
        person = str(rng.choice(list(acting), p=list(acting.values())))
        where = (country or _general_country)(rng)
        kids = int(rng.choice(children))
        b.add(
            year,
            2,
            code,
            contacted,
            acting_person=person,
            direction=way or "from_nl",
            country_iso2=where,
            children_count=kids,
        )


def build_prevention(b: Builder, year: int, n_parents: int, n_third: int) -> None:
    rng = b.rng
    combos = published_or_shares(
        year,
        n_parents,
        {
            (
                "mother",
                "potentially_left_behind",
            ): "prevention.contact.mother.potentially_left_behind",
            ("mother", "potentially_taking"): "prevention.contact.mother.potentially_taking",
            (
                "father",
                "potentially_left_behind",
            ): "prevention.contact.father.potentially_left_behind",
            ("father", "potentially_taking"): "prevention.contact.father.potentially_taking",
        },
    )
    directions = published_or_shares(
        year,
        n_parents,
        {
            "from_nl": "prevention.direction.from_nl",
            "to_nl": "prevention.direction.to_nl",
            "outside_nl": "prevention.direction.between_other_countries",
        },
    )
    spec = t.THREAT_FROM_NL[min(year, 2025)]
    top = dict(spec["top"])
    if year not in t.CALIBRATED_YEARS:
        top = {k: t.scaled(v, directions["from_nl"] / 310) for k, v in top.items()}
    threat = {
        **top,
        **tail_counts(
            rng, directions["from_nl"] - sum(top.values()), spec["tail"], spec["tail_max"]
        ),
    }
    children = split_total(
        rng, n_parents, children_total(year, "prevention.children", n_parents, 493 / 330), cap=5
    )
    roles = exact_list(rng, combos)
    dirs = exact_list(rng, directions)
    threat_list = exact_list(rng, threat)
    for i, ((parent, role), direction) in enumerate(zip(roles, dirs, strict=True)):
        country = threat_list.pop() if direction == "from_nl" else _general_country(rng)
        acting = other_parent(parent) if role == "potentially_left_behind" else parent
        b.add(
            year,
            2,
            "prevention",
            parent,
            parent_role=role,
            acting_person=acting,
            direction=direction,
            country_iso2=country,
            children_count=children[i],
        )
    # Third parties: countries follow this year's threats.
    weights = {k: v for k, v in threat.items()}
    add_third_parties(b, year, "prevention", n_third, country=lambda rng: _weighted(rng, weights))


def build_relocation(b: Builder, year: int, n_parents: int, n_third: int) -> None:
    rng = b.rng
    combos = published_or_shares(
        year,
        n_parents,
        {
            ("mother", "relocating"): "relocation.contact.mother.self_relocating",
            ("mother", "staying"): "relocation.contact.mother.other_parent_relocating",
            ("father", "relocating"): "relocation.contact.father.self_relocating",
            ("father", "staying"): "relocation.contact.father.other_parent_relocating",
        },
    )
    outside = t.pub(year, "relocation.not_involving_nl")
    if outside is None:
        outside = t.apportion(n_parents, {"o": 5, "r": 84})["o"]
    directions = {
        "outside_nl": outside,
        **t.apportion(n_parents - outside, {"from_nl": 0.78, "to_nl": 0.22}),
    }
    children = split_total(
        rng, n_parents, children_total(year, "relocation.children", n_parents, 140 / 89), cap=5
    )
    for i, ((parent, role), direction) in enumerate(
        zip(exact_list(rng, combos), exact_list(rng, directions), strict=True)
    ):
        acting = parent if role == "relocating" else other_parent(parent)
        b.add(
            year,
            2,
            "relocation_consent",
            parent,
            parent_role=role,
            acting_person=acting,
            direction=direction,
            country_iso2=_general_country(rng),
            children_count=children[i],
        )
    add_third_parties(b, year, "relocation_consent", n_third)


ACCESS_MEASURES = (
    "access.advice_sought.father",
    "access.advice_sought.mother",
    "access.wants_contact.father",
)


def access_cross(
    father_asked: int, mother_asked: int, father_wants: int
) -> dict[tuple[str, str], int]:
    # The report gives who asked (48 fathers, 21 mothers) and who wants contact (57 fathers,
    # 12 mothers); the cross of the two is not printed. We assume 3 fathers asked about the
    # mother's wish for contact; the other three cells then follow from the totals.
    fa_fr = 3
    fa_fw = father_asked - fa_fr
    mo_fw = father_wants - fa_fw
    return {
        ("father", "wants_access"): fa_fw,
        ("father", "child_resides"): fa_fr,
        ("mother", "wants_access"): mother_asked - mo_fw,
        ("mother", "child_resides"): mo_fw,
    }


def build_access(b: Builder, year: int, n_parents: int, n_third: int) -> None:
    rng = b.rng
    for parent, role in exact_list(
        rng, parent_roles(year, n_parents, ACCESS_MEASURES, access_cross)
    ):
        acting = parent if role == "wants_access" else other_parent(parent)
        b.add(
            year,
            2,
            "international_access",
            parent,
            parent_role=role,
            acting_person=acting,
            direction=str(rng.choice(["from_nl", "to_nl"], p=[0.55, 0.45])),
            country_iso2=_general_country(rng),
            children_count=int(rng.choice([1, 1, 1, 2, 2, 3])),
        )
    add_third_parties(b, year, "international_access", n_third)


def _abduction_group_countries(
    b: Builder, year: int, direction: str, hague: int, non_hague: int
) -> list[tuple[str, bool]]:
    spec = (t.ABDUCTION_OUTGOING if direction == "from_nl" else t.ABDUCTION_INCOMING)[
        min(year, 2025)
    ]
    top = dict(spec["top"])
    if year not in t.CALIBRATED_YEARS:
        top = {k: max(1, t.scaled(v, year_factor(year, "abduction"))) for k, v in top.items()}
    on = dt.date(year, 7, 1)
    top_hague = {k: v for k, v in top.items() if b.hkov_flag(k, on)}
    top_non = {k: v for k, v in top.items() if not b.hkov_flag(k, on)}
    hague_counts = {
        **top_hague,
        **tail_counts(b.rng, hague - sum(top_hague.values()), spec["hague_tail"], spec["tail_max"]),
    }
    non_counts = {
        **top_non,
        **tail_counts(
            b.rng, non_hague - sum(top_non.values()), spec["non_hague_tail"], spec["tail_max"]
        ),
    }
    for iso2 in list(hague_counts) + list(non_counts):
        if b.hkov_flag(iso2, on) != (iso2 in hague_counts):
            raise ValueError(f"{iso2} is in the wrong HKOV pool for {year}")
    return [(c, True) for c in exact_list(b.rng, hague_counts)] + [
        (c, False) for c in exact_list(b.rng, non_counts)
    ]


ABDUCTION_MEASURES = (
    "abduction.taking_parent.mother",
    "abduction.contact.left_behind_parent",
    "abduction.contact.taking_parent",
)


def abduction_cross(taking_mother: int, lb: int, taking_called: int) -> dict[tuple[str, str], int]:
    # Published: taking mother/father and left-behind/taking contacts; the cross is ours:
    # 24 taking mothers and 5 taking fathers called themselves.
    mothers_taking_called = 24
    return {
        ("father", "left_behind"): taking_mother - mothers_taking_called,
        ("mother", "left_behind"): lb - (taking_mother - mothers_taking_called),
        ("mother", "taking"): mothers_taking_called,
        ("father", "taking"): taking_called - mothers_taking_called,
    }


def build_abduction(b: Builder, year: int, n_parents: int, n_third: int) -> None:
    rng = b.rng
    m = "abduction."
    combos = parent_roles(year, n_parents, ABDUCTION_MEASURES, abduction_cross)
    # Directions and HKOV groups: cases and children.
    outgoing = t.pub(year, m + "outgoing.cases")
    incoming = t.pub(year, m + "incoming.cases")
    if outgoing is None or incoming is None:
        shares = t.apportion(n_parents, {"o": 137, "i": 42, "x": 11})
        outgoing, incoming = shares["o"], shares["i"]
    outside = n_parents - outgoing - incoming
    groups: dict[tuple[str, bool | None], tuple[int, int]] = {}
    for direction, key, n, per_child in (
        ("from_nl", "outgoing", outgoing, 188 / 137),
        ("to_nl", "incoming", incoming, 65 / 42),
    ):
        hague = t.pub(year, f"{m}{key}.hague.cases")
        if hague is None:
            hague = t.apportion(
                n, {"h": 104 if key == "outgoing" else 34, "n": 33 if key == "outgoing" else 8}
            )["h"]
        kids = children_total(year, f"{m}{key}.children", n, per_child)
        kids_hague = t.pub(year, f"{m}{key}.hague.children")
        if kids_hague is None:
            kids_hague = max(hague, min(kids - (n - hague), round(kids * hague / n)))
        groups[direction, True] = (hague, kids_hague)
        groups[direction, False] = (n - hague, kids - kids_hague)
    all_kids = children_total(year, m + "children", n_parents, 270 / 190)
    groups["outside_nl", None] = (outside, all_kids - sum(k for _, k in groups.values()))

    rows: list[dict] = []
    for direction in ("from_nl", "to_nl"):
        ranked = list(
            (t.ABDUCTION_OUTGOING if direction == "from_nl" else t.ABDUCTION_INCOMING)[
                min(year, 2025)
            ]["top"]
        )
        countries = _abduction_group_countries(
            b, year, direction, groups[direction, True][0], groups[direction, False][0]
        )
        # Children per case, drawn again until the ranked countries also rank by children.
        for _attempt in range(200):
            kids: list[int] = []
            for hague in (True, False):
                n, k = groups[direction, hague]
                kids += split_total(rng, n, k, cap=6)
            if children_by_rank_hold([c for c, _ in countries], kids, ranked):
                break
        else:
            raise RuntimeError(f"no children split keeps the {direction} ranking for {year}")
        for (country, _hague), k in zip(countries, kids, strict=True):
            rows.append({"direction": direction, "country_iso2": country, "children_count": k})
    n, k = groups["outside_nl", None]
    for kk in split_total(rng, n, k, cap=6):
        rows.append(
            {"direction": "outside_nl", "country_iso2": _general_country(rng), "children_count": kk}
        )
    roles = exact_list(rng, combos)
    # In nearly all Syrian cases it is the father who took the children (report, section 5):
    # give the Syrian rows the father-taking roles first.
    syria = [i for i, r in enumerate(rows) if r["country_iso2"] == "SY"]
    father_taking = [
        i
        for i, (p, r) in enumerate(roles)
        if (p == "mother" and r == "left_behind") or (p == "father" and r == "taking")
    ]
    for i, j in zip(syria, father_taking, strict=False):
        roles[i], roles[j] = roles[j], roles[i]
    for row, (parent, role) in zip(rows, roles, strict=True):
        acting = parent if role == "taking" else other_parent(parent)
        b.add(year, 2, "abduction", parent, parent_role=role, acting_person=acting, **row)
    directions = {"from_nl": 0.7, "to_nl": 0.22, "outside_nl": 0.08}
    add_third_parties(b, year, "abduction", n_third, direction=directions)


def build_abduction_by_family(b: Builder, year: int, n_parents: int, n_third: int) -> None:
    n = n_parents + n_third
    kids = split_total(b.rng, n, children_total(year, "abduction.by_family.children", n, 1.2), 4)
    parties = ["parent"] * n_parents + ["third"] * n_third
    for party, k in zip(parties, kids, strict=True):
        contacted = (
            str(b.rng.choice(["mother", "father"]))
            if party == "parent"
            else _third_party(b.rng, "abduction_by_family")
        )
        b.add(
            year,
            2,
            "abduction_by_family",
            contacted,
            parent_role="left_behind" if party == "parent" else None,
            acting_person="family_member",
            direction="from_nl",
            country_iso2=_general_country(b.rng),
            children_count=k,
        )


# Codes whose cases name a country (a holiday destination, the country of a relocation...).
COUNTRY_CODES = {
    "no_holiday_consent",
    "lawful_relocation",
    "international_child_protection",
    "abandonment",
    "advice_not_netherlands",
}


def build_other_line2(b: Builder, year: int, code: str, n_parents: int, n_third: int) -> None:
    rng = b.rng
    for party, n in (("parent", n_parents), ("third", n_third)):
        for _ in range(n):
            contacted = (
                str(rng.choice(["mother", "father"], p=[0.6, 0.4]))
                if party == "parent"
                else _third_party(rng, code)
            )
            country = _general_country(rng) if code in COUNTRY_CODES else None
            b.add(
                year,
                2,
                code,
                contacted,
                direction="from_nl" if country else None,
                country_iso2=country,
                children_count=int(rng.choice([1, 1, 1, 2, 2, 3])),
            )


def build_line1(b: Builder, year: int, n: int) -> None:
    for contacted, count in weighted_counts(b.rng, n, LINE1_CONTACTED_BY).items():
        for _ in range(count):
            b.add(
                year,
                1,
                "holiday_consent",
                contacted,
                children_count=int(b.rng.choice([1, 1, 1, 2, 2, 3, 4])),
            )


def _third_party(rng: np.random.Generator, code: str) -> str:
    family = THIRD_PARTY_FAMILY_SHARE.get(code, DEFAULT_THIRD_PARTY_FAMILY_SHARE)
    return str(rng.choice(["family_acquaintance", "professional"], p=[family, 1 - family]))


def _general_country(rng: np.random.Generator) -> str:
    pool = t.GENERAL_COUNTRIES
    w = 1.0 / (1.0 + np.arange(len(pool))) ** 0.8
    return pool[int(rng.choice(len(pool), p=w / w.sum()))]


def _weighted(rng: np.random.Generator, weights: Mapping[str, float]) -> str:
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def build_year_cases(b: Builder, year: int) -> None:
    counts = line2_counts(year)
    builders = {
        "prevention": build_prevention,
        "relocation_consent": build_relocation,
        "international_access": build_access,
        "abduction": build_abduction,
        "abduction_by_family": build_abduction_by_family,
    }
    for code in LINE2_CODES:
        n_parents, n_third = counts[code, "parents"], counts[code, "third_parties"]
        if code in builders:
            builders[code](b, year, n_parents, n_third)
        else:
            build_other_line2(b, year, code, n_parents, n_third)
    line1 = (
        t.pub(year, "cases.line1")
        if year in t.CALIBRATED_YEARS
        else t.scaled(t.pub(2025, "cases.line1") or 0, year_factor(year, "line1"))
    )
    build_line1(b, year, line1)


def assign_dates(b: Builder, cal: Calendar, cases: pl.DataFrame) -> pl.DataFrame:
    """Opening dates: each year's cases spread over its working days by the seasonal weights."""
    opened = np.zeros(cases.height, dtype=np.int64)
    years = cases["year"].to_numpy()
    lines = cases["line"].to_numpy()
    for year in GENERATED_YEARS:
        days = cal.year_days(year)
        for line, weigh in ((1, line1_weights), (2, line2_weights)):
            idx = np.flatnonzero((years == year) & (lines == line))
            w = weigh(cal, days)
            per_day = b.rng.multinomial(len(idx), w / w.sum())
            dates = np.repeat(days, per_day)
            b.rng.shuffle(dates)
            opened[idx] = dates
    return cases.with_columns(pl.Series("opened_day", opened))


def assign_closing(b: Builder, cal: Calendar, cases: pl.DataFrame) -> pl.DataFrame:
    rng = b.rng
    opened = cases["opened_day"].to_numpy()
    years = cases["year"].to_numpy()
    lines = cases["line"].to_numpy()
    closed = np.zeros(len(opened), dtype=np.int64)
    for year in GENERATED_YEARS:
        year_end = day_number(dt.date(year, 12, 31))
        # Lijn 1: answered the same day or within a few days, always within the year.
        idx = np.flatnonzero((years == year) & (lines == 1))
        closed[idx] = cal.on_or_before(
            np.minimum(opened[idx] + rng.geometric(0.55, len(idx)) - 1, year_end)
        )
        closed[idx] = np.maximum(closed[idx], opened[idx])
        # Lijn 2: most close within the year; the carried-over ones are mostly late openings.
        idx = np.flatnonzero((years == year) & (lines == 2))
        base = year if year in t.CALIBRATED_YEARS else 2025
        carried_n = t.pub(base, "cases.line2.carried_to_next_year")
        if carried_n is None:
            carried_n = round(len(idx) * 150 / 1879)
        elif base != year:
            carried_n = round(len(idx) * carried_n / (t.pub(base, "cases.line2") or 1))
        lateness = np.exp((opened[idx] - year_end) / 45.0)
        carried = rng.choice(idx, size=carried_n, replace=False, p=lateness / lateness.sum())
        same = np.setdiff1d(idx, carried)
        duration = np.ceil(rng.exponential(32.0, len(same))).astype(int)
        closed[same] = np.maximum(
            cal.on_or_before(np.minimum(opened[same] + duration, year_end)), opened[same]
        )
        start_next = day_number(dt.date(year + 1, 1, 2))
        later = start_next + np.ceil(rng.exponential(50.0, len(carried))).astype(int)
        closed[carried] = cal.on_or_before(later) if year + 1 <= max(GENERATED_YEARS) else later
        closed[carried] = np.maximum(closed[carried], start_next)
    return cases.with_columns(pl.Series("closed_day", closed))


def link_families(b: Builder, cases: pl.DataFrame) -> pl.DataFrame:
    """Family ids. Most cases are a family of their own; some prevention cases are followed by
    an abduction case of the same family, and some abduction cases are conflict cases where
    both parents called (two cases, one family)."""
    rng = b.rng
    family = [b.new_id("G") for _ in range(cases.height)]
    conflict = np.zeros(cases.height, dtype=bool)
    rows = cases.with_row_index("i").filter(pl.col("line") == 2)
    prevention = rows.filter(
        (pl.col("category_code") == "prevention")
        & pl.col("contacted_by").is_in(["mother", "father"])
        & (pl.col("direction") == "from_nl")
    )
    abduction = rows.filter(
        (pl.col("category_code") == "abduction")
        & pl.col("contacted_by").is_in(["mother", "father"])
    )
    # From prevention to abduction: about one in twelve parents' abductions out of NL had an
    # earlier prevention case of the same family, to the same country.
    used: set[int] = set()
    for a in abduction.filter(pl.col("direction") == "from_nl").iter_rows(named=True):
        if rng.random() > 1 / 12:
            continue
        earlier = prevention.filter(
            (pl.col("country_iso2") == a["country_iso2"])
            & (pl.col("opened_day") < a["opened_day"] - 20)
            & (pl.col("opened_day") > a["opened_day"] - 540)
            & ~pl.col("i").is_in(sorted(used))
        )
        if earlier.height:
            p = earlier.row(int(rng.integers(earlier.height)), named=True)
            used.add(p["i"])
            family[a["i"]] = family[p["i"]]
    # Conflict cases: a taking parent's case paired with the left-behind parent's case about
    # the same children (same country, direction and number of children, close in time).
    taking = abduction.filter(pl.col("parent_role") == "taking")
    left = abduction.filter(pl.col("parent_role") == "left_behind")
    paired: set[int] = set()
    for a in taking.iter_rows(named=True):
        match = left.filter(
            (pl.col("country_iso2") == a["country_iso2"])
            & (pl.col("direction") == a["direction"])
            & (pl.col("children_count") == a["children_count"])
            & (pl.col("acting_person") == a["acting_person"])
            & ((pl.col("opened_day") - a["opened_day"]).abs() < 60)
            & ~pl.col("i").is_in(sorted(paired))
        )
        if match.height:
            m = match.row(0, named=True)
            paired.add(m["i"])
            family[m["i"]] = family[a["i"]]
            conflict[[a["i"], m["i"]]] = True
    return cases.with_columns(pl.Series("family_id", family), pl.Series("conflict_case", conflict))


def contact_targets(year: int) -> tuple[dict[int, int], dict[tuple[str, str], int]]:
    """Contacts per line and per channel x person type for one year."""
    base = year if year in t.CALIBRATED_YEARS else 2025
    per_line = {1: t.pub(base, "contacts.line1") or 0, 2: t.pub(base, "contacts.line2") or 0}
    if base != year:
        per_line = {
            1: t.scaled(per_line[1], year_factor(year, "line1")),
            2: t.scaled(per_line[2], year_factor(year, "line2")),
        }
    # contact_form: the report calls its 98 professionals 'derden'
    cells = {
        (ch, pt): f"contacts.{ch}.{pm}"
        for ch in ("phone", "email", "contact_form")
        for pt, pm in (
            ("parent", "parents"),
            ("family_acquaintance", "family_acquaintances"),
            ("professional", "professionals" if ch != "contact_form" else "third_parties"),
        )
    }
    total = per_line[1] + per_line[2]
    return per_line, published_or_shares(year, total, cells)


def assign_contacts(b: Builder, cal: Calendar, cases: pl.DataFrame) -> pl.DataFrame:
    """Every case has its first contact on its opening day; the rest of each year's published
    contacts are follow-ups on working days while a case is open, heavier for heavier codes."""
    rng = b.rng
    opened = cases["opened_day"].to_numpy()
    closed = cases["closed_day"].to_numpy()
    lines = cases["line"].to_numpy()
    intensity = np.array([CONTACT_INTENSITY.get(c, 1.0) for c in cases["category_code"]])
    natural = np.array(
        [{"mother": "parent", "father": "parent"}.get(c, c) for c in cases["contacted_by"]],
        dtype=object,
    )
    parts = []
    for year in GENERATED_YEARS:
        lo, hi = day_number(dt.date(year, 1, 1)), day_number(dt.date(year, 12, 31))
        per_line, cells = contact_targets(year)
        case_idx, days = [], []
        for line in (1, 2):
            first = np.flatnonzero((lines == line) & (opened >= lo) & (opened <= hi))
            follow_n = per_line[line] - len(first)
            if follow_n < 0:
                raise ValueError(f"{year} Lijn {line}: fewer contacts than new cases")
            open_in_year = np.flatnonzero((lines == line) & (opened <= hi) & (closed >= lo))
            start = np.maximum(opened[open_in_year], lo)
            end = np.minimum(closed[open_in_year], hi)
            span = np.searchsorted(cal.working_days, end, "right") - np.searchsorted(
                cal.working_days, start, "left"
            )
            w = intensity[open_in_year] * np.sqrt(np.maximum(span, 1))
            pick = rng.choice(open_in_year, size=follow_n, replace=True, p=w / w.sum())
            pick_pos = np.searchsorted(open_in_year, pick)
            follow_days = cal.between(start[pick_pos], end[pick_pos], rng)
            case_idx += [first, pick]
            days += [opened[first], follow_days]
        idx = np.concatenate(case_idx)
        day = np.concatenate(days)
        parts.append(year_contacts(rng, idx, day, natural[idx], cells))
    contacts = pl.concat(parts).sort("contact_day", "case_row")
    return contacts.with_columns(
        pl.Series("contact_id", [b.new_id("C", 10) for _ in range(contacts.height)])
    )


def year_contacts(
    rng: np.random.Generator,
    case_row: np.ndarray,
    day: np.ndarray,
    natural: np.ndarray,
    cells: Mapping[tuple[str, str], int],
) -> pl.DataFrame:
    """One year's contacts: each the person type its case suggests (`natural`), relabelled as
    little as needed to meet the year's totals per type, then each type's channels dealt out
    exactly as `cells` ((channel, person type) -> contacts) says."""
    person = _match_totals(rng, natural, _sum_by(cells, 1))
    channel = np.empty(len(case_row), dtype=object)
    for pt in ("parent", "family_acquaintance", "professional"):
        where = np.flatnonzero(person == pt)
        channel[where] = exact_list(rng, {ch: n for (ch, p), n in cells.items() if p == pt})
    return pl.DataFrame(
        {
            "case_row": case_row,
            "contact_day": day,
            "channel": channel.tolist(),
            "person_type": person.tolist(),
        }
    )


def _sum_by(cells: Mapping[tuple[str, str], int], pos: int) -> dict[str, int]:
    out: dict[str, int] = {}
    for key, n in cells.items():
        out[key[pos]] = out.get(key[pos], 0) + n
    return out


def _match_totals(rng: np.random.Generator, values: np.ndarray, want: Mapping[str, int]):
    """Relabel as few values as possible so each label occurs exactly `want[label]` times
    (a parent's lawyer may phone about a parent's case; a relative may follow up)."""
    values = values.copy()
    surplus = []
    for label, n in want.items():
        where = np.flatnonzero(values == label)
        if len(where) > n:
            surplus += list(rng.choice(where, size=len(where) - n, replace=False))
    surplus = [int(i) for i in surplus]
    rng.shuffle(surplus)
    for label, n in want.items():
        short = n - int((values == label).sum())
        for _ in range(max(short, 0)):
            values[surplus.pop()] = label
    return values


AGE_WEIGHTS = {
    "abduction": np.array([8, 9, 9, 9, 9, 8, 8, 7, 7, 6, 6, 5, 4, 4, 3, 3, 2, 1], float),
    "default": np.array([5, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 5, 5, 5, 4, 4, 3], float),
}


def build_children(b: Builder, cases: pl.DataFrame) -> pl.DataFrame:
    rng = b.rng
    rows_case, ages = [], []
    for case_id, code, n in cases.select("case_id", "category_code", "children_count").iter_rows():
        w = AGE_WEIGHTS[
            "abduction" if code in ("abduction", "abduction_by_family", "prevention") else "default"
        ]
        rows_case += [case_id] * n
        ages += list(rng.choice(18, size=n, p=w / w.sum()))
    return pl.DataFrame(
        {
            "child_id": [b.new_id("K", 10) for _ in rows_case],
            "case_id": rows_case,
            "age_years": [int(a) for a in ages],
        }
    )


@dataclass(frozen=True)
class MediationYear:
    iko: dict[str, int]
    niko: dict[str, int]
    interviews: tuple[int, int, int]  # IKO interviews, NIKO interviews, children heard
    guardians: tuple[int, int]  # appointments, children


def mediation_year(year: int) -> MediationYear:
    p = t.pub
    if year == 2025:
        iko_started = p(2025, "mediation.started.abduction")
        niko_started = p(2025, "mediation.started.other")
        stopped = p(2025, "mediation.stopped_after_intake.other")
        # Unsuccessful is every conducted mediation without full agreement; how many of those
        # reached a partial or mirror agreement is not printed: we assume 3 (IKO) and 2 (NIKO).
        iko = {
            "requests": p(2025, "mediation.requests.abduction"),
            "started": iko_started,
            "stopped": 0,
            "full": p(2025, "mediation.successful.abduction"),
            "partial": 3,
            "running": 0,
        }
        niko = {
            "requests": p(2025, "mediation.requests.other"),
            "started": niko_started,
            "stopped": stopped,
            "full": p(2025, "mediation.successful.other"),
            "partial": 2,
            "running": 0,
        }
        interviews = (
            p(2025, "mediation.child_interviews.abduction"),
            p(2025, "mediation.child_interviews.other"),
            p(2025, "mediation.child_interviews.children"),
        )
        guardians = (
            p(2025, "mediation.special_guardian.appointments"),
            p(2025, "mediation.special_guardian.children"),
        )
        return MediationYear(iko, niko, interviews, guardians)  # type: ignore[arg-type]
    if year == 2024:
        # Not published in the 2025 report; chosen to show the fall the report describes
        # (2 of 10 IKO mediations succeeded in 2024 against 1 of 16 in 2025).
        return MediationYear(
            {"requests": 22, "started": 10, "stopped": 0, "full": 2, "partial": 2, "running": 0},
            {"requests": 16, "started": 12, "stopped": 1, "full": 5, "partial": 1, "running": 0},
            (7, 3, 13),
            (15, 20),
        )
    return MediationYear(
        {"requests": 26, "started": 15, "stopped": 0, "full": 2, "partial": 3, "running": 3},
        {"requests": 17, "started": 12, "stopped": 2, "full": 3, "partial": 2, "running": 2},
        (8, 3, 14),
        (20, 26),
    )


def build_mediations(b: Builder, cal: Calendar, cases: pl.DataFrame, until: int) -> pl.DataFrame:
    rng = b.rng
    rows = []
    for year in GENERATED_YEARS:
        spec = mediation_year(year)
        year_rows = []
        for kind, s in (("IKO", spec.iko), ("NIKO", spec.niko)):
            conducted = s["started"] - s["stopped"]
            none = conducted - s["full"] - s["partial"] - s["running"]
            outcomes = (
                ["full_agreement"] * s["full"]
                + ["partial_agreement"] * s["partial"]
                + ["no_agreement"] * none
                + ["running"] * s["running"]
            )
            rng.shuffle(outcomes)
            not_started = s["requests"] - s["started"]
            reasons = (
                ["court_decided_against"] * not_started
                if kind == "IKO"
                else exact_list(
                    rng, t.apportion(not_started, {"parent_declined": 3, "withdrawn": 2})
                )
            )
            states = (
                [("started", o) for o in outcomes]
                + [("stopped", None)] * s["stopped"]
                + [("not_started", r) for r in reasons]
            )
            rng.shuffle(states)
            for state, detail in states:
                year_rows.append({"kind": kind, "state": state, "detail": detail})
        days = cal.year_days(year)
        received = np.sort(rng.choice(days, size=len(year_rows), replace=False))
        # Running mediations are the most recent ones: give them the latest dates.
        year_rows.sort(key=lambda r: r["detail"] == "running")
        for r, day in zip(year_rows, received, strict=True):
            r["received_day"] = int(day)
        _spread_interviews(rng, year_rows, spec)
        rows += year_rows
    return _mediation_frame(b, cal, cases, rows, until)


def _spread_interviews(rng: np.random.Generator, rows: list[dict], spec: MediationYear) -> None:
    iko_n, niko_n, children = spec.interviews
    for r in rows:
        r.update(child_interviews=0, children_heard=0, guardian=False, guardian_children=0)
    conducted = {
        k: [r for r in rows if r["kind"] == k and r["state"] == "started"] for k in ("IKO", "NIKO")
    }
    chosen = (
        list(rng.permutation(len(conducted["IKO"]))[:iko_n]),
        list(rng.permutation(len(conducted["NIKO"]))[:niko_n]),
    )
    heard_rows = [conducted["IKO"][i] for i in chosen[0]] + [
        conducted["NIKO"][i] for i in chosen[1]
    ]
    for r, k in zip(heard_rows, split_total(rng, len(heard_rows), children, cap=3), strict=True):
        r["child_interviews"], r["children_heard"] = 1, k
    # A special guardian (bijzondere curator) is appointed in IKO cases, also where the court
    # then decides against mediation.
    appointments, guardian_children = spec.guardians
    iko = [r for r in rows if r["kind"] == "IKO"]
    iko.sort(key=lambda r: (r["state"] != "started", r["received_day"]))
    picked = iko[:appointments]
    for r, k in zip(picked, split_total(rng, len(picked), guardian_children, cap=3), strict=True):
        r["guardian"], r["guardian_children"] = True, k


def _mediation_frame(
    b: Builder, cal: Calendar, cases: pl.DataFrame, rows: list[dict], until: int
) -> pl.DataFrame:
    rng = b.rng
    pools = {
        "IKO": cases.filter(pl.col("category_code") == "abduction"),
        "NIKO": cases.filter(
            pl.col("category_code").is_in(["international_access", "relocation_consent"])
        ),
    }
    used: set[str] = set()
    out = []
    for r in rows:
        need = max(r["guardian_children"], r["children_heard"], 1)
        pool = pools[r["kind"]].filter(
            (pl.col("opened_day") <= r["received_day"] - 5)
            & (pl.col("opened_day") >= r["received_day"] - 200)
            & (pl.col("children_count") >= need)
            & ~pl.col("case_id").is_in(sorted(used))
        )
        case_id = pool["case_id"][int(rng.integers(pool.height))] if pool.height else None
        if case_id:
            used.add(case_id)
        started = r["state"] in ("started", "stopped")
        start = int(cal.on_or_before(np.array([r["received_day"] + int(rng.integers(14, 50))]))[0])
        end = None
        if r["state"] == "stopped":
            end = start + int(rng.integers(7, 30))
        elif r["state"] == "started" and r["detail"] != "running":
            # IKO mediations run in the short time a Hague return procedure allows.
            end = start + int(rng.integers(20, 60) if r["kind"] == "IKO" else rng.integers(40, 150))
        pending = started and start > until
        out.append(
            {
                "mediation_id": b.new_id("M"),
                "case_id": case_id,
                "received_date": to_date(r["received_day"]),
                "mediation_type": r["kind"],
                "started": started and not pending,
                "not_started_reason": r["detail"] if r["state"] == "not_started" else None,
                "start_date": to_date(start) if started and not pending else None,
                "stopped_after_intake": r["state"] == "stopped" and not pending,
                "outcome": (
                    None
                    if not started or r["state"] == "stopped" or pending
                    else ("running" if end is None or end > until else r["detail"])
                ),
                "end_date": to_date(end) if end is not None and end <= until else None,
                "child_interviews": r["child_interviews"],
                "children_heard": r["children_heard"],
                "special_guardian_appointed": r["guardian"],
                "special_guardian_children": r["guardian_children"],
            }
        )
    return pl.DataFrame(out).filter(pl.col("received_date") <= to_date(until))


def generate(until: dt.date, seed: int = SEED) -> dict[str, pl.DataFrame]:
    """All export tables, with data up to and including `until`."""
    if until < dt.date(2025, 12, 31):
        raise ValueError("de demogegevens moeten minstens tot en met 2025-12-31 lopen")
    b = Builder(seed)
    cal = Calendar.build(GENERATED_YEARS[0], GENERATED_YEARS[-1] + 1)
    for year in GENERATED_YEARS:
        build_year_cases(b, year)
    cases = pl.DataFrame(b.cases, infer_schema_length=None)
    cases = assign_dates(b, cal, cases)
    cases = assign_closing(b, cal, cases)
    cases = cases.sort("opened_day", "year", "line", "category_code", maintain_order=True)
    cases = link_families(b, cases)
    cases = cases.with_columns(pl.Series("case_id", [b.new_id("Z") for _ in range(cases.height)]))
    contacts = assign_contacts(b, cal, cases)
    cases = cases.with_columns(
        pl.struct("country_iso2", "opened_day")
        .map_elements(
            lambda s: b.hkov_flag(s["country_iso2"], to_date(s["opened_day"])),
            return_dtype=pl.Boolean,
        )
        .alias("hkov_registered")
    )
    children = build_children(b, cases)
    until_day = day_number(until)
    mediations = build_mediations(b, cal, cases, until_day)

    contacts = contacts.join(
        cases.with_row_index("case_row").select(pl.col("case_row").cast(pl.Int64), "case_id"),
        on="case_row",
    ).filter(pl.col("contact_day") <= until_day)
    keep = cases.filter(pl.col("opened_day") <= until_day)
    tables = {
        "cases": keep.select(
            "case_id",
            "family_id",
            pl.col("opened_day").map_elements(to_date, return_dtype=pl.Date).alias("opened_date"),
            pl.when(pl.col("closed_day") <= until_day)
            .then(pl.col("closed_day"))
            .map_elements(to_date, return_dtype=pl.Date)
            .alias("closed_date"),
            "line",
            "category_code",
            "contacted_by",
            "parent_role",
            "acting_person",
            "direction",
            "country_iso2",
            "hkov_registered",
            "children_count",
            "conflict_case",
        ),
        "children": children.filter(pl.col("case_id").is_in(keep["case_id"].implode())),
        "contacts": contacts.sort("contact_day", "contact_id").select(
            "contact_id",
            "case_id",
            pl.col("contact_day").map_elements(to_date, return_dtype=pl.Date).alias("contact_date"),
            "channel",
            "person_type",
        ),
        "mediations": mediations,
        "export_meta": pl.DataFrame(
            [
                {
                    "export_date": until + dt.timedelta(days=1),
                    "data_until": until,
                    "is_demo": True,
                    "extrapolated_from": EXTRAPOLATED_FROM,
                    "source": "Demonstratiegegevens (vast startgetal): 2024 en 2025 geijkt op het "
                    "jaarverslag 2025, 2026 doorgetrokken.",
                }
            ]
        ),
    }
    return {name: conform(name, df) for name, df in tables.items()}


def conform(table: str, df: pl.DataFrame) -> pl.DataFrame:
    """Columns in contract order, with contract types."""
    fields = EXPORT_TABLES[table].model_fields
    return df.select([pl.col(c).cast(polars_type(f)) for c, f in fields.items()])
