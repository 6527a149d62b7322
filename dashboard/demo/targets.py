"""Calibration targets for the demo data: the published figures, and our stated assumptions.

Every number the 2025 annual report prints is read from `data/reference/published-2025-report.csv`
at run time, not typed here. What the report does not print (2024 breakdowns, countries beyond the
named ranks, 2026) is an assumption of ours, written down below with the reason for it.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from functools import cache

from dashboard.paths import REFERENCE_DIR

FIRST_YEAR = 2024
CALIBRATED_YEARS = (2024, 2025)
# 2026 has no published figures: it continues 2025 with these growth factors per segment.
EXTRAPOLATION_FACTORS = {
    "line1": 0.96,
    "line2": 1.04,
    "abduction": 1.08,
    "contacts": 1.0,
    "mediation": 1.0,
}


@cache
def published() -> dict[tuple[int, str], int]:
    """(year, measure) -> value as printed in the 2025 annual report."""
    with (REFERENCE_DIR / "published-2025-report.csv").open(encoding="utf-8") as f:
        return {(int(r["year"]), r["measure"]): int(r["value"]) for r in csv.DictReader(f)}


def pub(year: int, measure: str) -> int | None:
    return published().get((year, measure))


def pub_or(year: int, measure: str, fallback: int) -> int:
    value = pub(year, measure)
    return fallback if value is None else value


def apportion(total: int, weights: Mapping[str, float]) -> dict[str, int]:
    """Split `total` in proportion to `weights` with whole numbers that add up exactly
    (largest remainder), so assumed breakdowns never disturb a published total."""
    keys = list(weights)
    wsum = sum(weights.values())
    if total == 0 or wsum == 0:
        return dict.fromkeys(keys, 0)
    raw = {k: total * weights[k] / wsum for k in keys}
    out = {k: int(raw[k]) for k in keys}
    short = total - sum(out.values())
    for k in sorted(keys, key=lambda k: (raw[k] - out[k], -keys.index(k)), reverse=True)[:short]:
        out[k] += 1
    return out


def scaled(value: int, factor: float) -> int:
    return int(round(value * factor))


# Country rankings. Keys are ISO 3166-1 alpha-2 codes; values are case counts for parents'
# cases. Ranked countries come from `published-2025-countries.csv` (checked in the tests);
# the counts themselves are assumptions chosen so the published ranks hold strictly.
# The rest of each group is a long tail whose counts stay below the last ranked country: the
# countries of one pool per group that are not ranked that year, in pool order (earlier in the
# pool = more cases), so a country that leaves the ranking falls back into the same tail.
THREAT_TAIL_POOL = (
    "GB",
    "BE",
    "TN",
    "NG",
    "GH",
    "IN",
    "PK",
    "SO",
    "ER",
    "ET",
    "IR",
    "LB",
    "SA",
    "AE",
    "RO",
    "BG",
    "UA",
    "BR",
    "CO",
    "DO",
    "CV",
    "TH",
    "PH",
    "FR",
    "IT",
    "PT",
    "CW",
    "US",
    "EG",
    "PL",
    "AF",
    "SY",
    "RU",
    "ID",
    "DZ",
    "GR",
    "HU",
    "JO",
)
HAGUE_TAIL_POOL = (
    "DE",
    "BE",
    "GB",
    "FR",
    "ES",
    "IT",
    "PT",
    "MA",
    "TR",
    "RO",
    "BG",
    "HU",
    "GR",
    "UA",
    "BR",
    "CO",
    "DO",
    "AT",
    "CH",
    "SE",
    "CZ",
    "LT",
    "RS",
    "MX",
    "AU",
    "CA",
    "IE",
)
NON_HAGUE_TAIL_POOL = (
    "SY",
    "EG",
    "SA",
    "AE",
    "IN",
    "NG",
    "GH",
    "SO",
    "IR",
    "AF",
    "LB",
    "ID",
    "SR",
    "DZ",
    "LY",
)


def unranked(pool: tuple[str, ...], top: Mapping[str, int], *absent: str) -> list[str]:
    """The tail of a ranking: the pool's countries not in `top` (nor `absent`), in pool order."""
    return [c for c in pool if c not in top and c not in absent]


THREAT_TOP = {
    2024: {
        "MA": 40,
        "TR": 33,
        "SR": 18,
        "ES": 15,
        "US": 14,
        "EG": 12,
        "PL": 11,
        "IQ": 10,
        "DE": 9,
        "AF": 9,
    },
    2025: {
        "MA": 38,
        "TR": 30,
        "SR": 17,
        "ES": 14,
        "SY": 13,
        "RU": 11,
        "ID": 10,
        "DZ": 9,
        "IQ": 8,
        "DE": 8,
    },
}
THREAT_FROM_NL = {
    2024: {
        "top": THREAT_TOP[2024],
        "tail_max": 7,
        "tail": unranked(THREAT_TAIL_POOL, THREAT_TOP[2024]),
    },
    2025: {
        "top": THREAT_TOP[2025],
        "tail_max": 6,
        "tail": unranked(THREAT_TAIL_POOL, THREAT_TOP[2025]),
    },
}

# Outgoing abductions (from NL), split by whether the country is a HKOV party.
OUTGOING_TOP = {
    2024: {"PL": 12, "DE": 9, "US": 8, "TR": 7, "BE": 6},
    2025: {"PL": 16, "ES": 13, "SY": 11, "US": 9, "EG": 8},
}
ABDUCTION_OUTGOING = {
    2024: {
        "top": OUTGOING_TOP[2024],
        "tail_max": 5,
        # no abduction to Ireland in 2024 (an assumption: the tail then has one country fewer)
        "hague_tail": unranked(HAGUE_TAIL_POOL, OUTGOING_TOP[2024], "IE"),
        "non_hague_tail": unranked(NON_HAGUE_TAIL_POOL, OUTGOING_TOP[2024]),
    },
    2025: {
        "top": OUTGOING_TOP[2025],
        "tail_max": 6,
        "hague_tail": unranked(HAGUE_TAIL_POOL, OUTGOING_TOP[2025]),
        "non_hague_tail": unranked(NON_HAGUE_TAIL_POOL, OUTGOING_TOP[2025]),
    },
}

ABDUCTION_INCOMING = {
    2024: {
        "top": {"PL": 8, "BE": 6, "DE": 5},
        "tail_max": 4,
        "hague_tail": ["ES", "GB", "FR", "US", "TR", "MA", "IT", "PT", "RO", "BG"],
        "non_hague_tail": ["SR", "AW", "EG", "AE"],
    },
    2025: {
        "top": {"ES": 7, "BE": 6, "CW": 5, "PL": 4, "US": 3},
        "tail_max": 2,
        "hague_tail": ["DE", "GB", "FR", "TR", "MA", "IT", "PT", "RO", "BG", "HU", "GR", "CH"],
        "non_hague_tail": ["SR", "AW", "AE", "EG"],
    },
}

# Countries for cases with no published ranking (relocation, access, abductions outside NL).
GENERAL_COUNTRIES = [
    "DE",
    "BE",
    "GB",
    "ES",
    "FR",
    "US",
    "TR",
    "MA",
    "PL",
    "SR",
    "CW",
    "IT",
    "PT",
    "CH",
    "AU",
    "CA",
    "SE",
    "NO",
    "IE",
    "AE",
    "ZA",
    "BR",
    "ID",
    "TH",
]
