"""Reference tables of the dashboard (categories, countries, holidays), built from packages
and committed CSVs rather than hand-typed dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gettext
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import holidays
import polars as pl
import pycountry
from holidays.constants import PUBLIC, SCHOOL

from dashboard.contract import CATEGORIES, ERAS

# The app may only read what ships in the repository, wherever it is checked out.
REPO_ROOT = Path(__file__).resolve().parent.parent
HKOV_PARTIES_CSV = REPO_ROOT / "data" / "reference" / "hkov-1980-parties.csv"

# Short names as used in Dutch reporting (the annual report, Rijksoverheid), replacing the
# formal, inverted or bracketed forms of the pycountry Dutch translation.
SHORT_NAMES_NL: dict[str, str] = {
    "BO": "Bolivia",  # Bolivia, Multinationale Staat
    "BQ": "Caribisch Nederland",  # Bonaire, Sint Eustatius en Saba
    "BY": "Belarus",  # Wit-Rusland: the Dutch government has used Belarus since 2020
    "CC": "Cocoseilanden",  # Cocoseilanden (Keelingeilanden)
    "CD": "Congo-Kinshasa",  # Congo, Democratische Republiek
    "CG": "Congo-Brazzaville",  # Congo
    "FK": "Falklandeilanden",  # Falklandeilanden (Malvinas)
    "FM": "Micronesië",  # Micronesia (English spelling)
    "GE": "Georgië",  # Georgia (English spelling)
    "KP": "Noord-Korea",  # Korea, Democratische Volksrepubliek
    "KR": "Zuid-Korea",  # Korea, Republiek
    "LA": "Laos",  # Laos Democratische Volksrepubliek
    "MD": "Moldavië",  # Moldavië, Republiek
    "MF": "Saint-Martin",  # Sint-Maarten (Frans deel)
    "PS": "Palestina",  # Palestina, Staat
    "SH": "Sint-Helena",  # Sint-Helena, Ascension en Tristan da Cunha
    "SX": "Sint Maarten",  # Sint Maarten (Nederlands deel)
    "VA": "Vaticaanstad",  # Vaticaanstad, Staat
    "VE": "Venezuela",  # Venezuela, Bolivariaanse Republiek
    "VG": "Britse Maagdeneilanden",  # Maagdeneilanden, Britse
    "VI": "Amerikaanse Maagdeneilanden",  # Maagdeneilanden, Amerikaanse
}

# Kosovo has no ISO 3166-1 code but is registered as a country; XK/XKX is the code the EU
# and most software use for it.
KOSOVO = {"iso2": "XK", "iso3": "XKX", "name_nl": "Kosovo"}

SCHOOL_REGIONS = ("noord", "midden", "zuid")
SCHOOL_HOLIDAY_KEYS = (
    "voorjaarsvakantie",
    "meivakantie",
    "zomervakantie",
    "herfstvakantie",
    "kerstvakantie",
)

SCHOOL_HOLIDAY_SCHEMA = {
    "region": pl.String,
    "holiday_key": pl.String,
    "name_nl": pl.String,
    "year": pl.Int16,
    "start_date": pl.Date,
    "end_date": pl.Date,
}


# The Polars type of a field of a reference record; its integers (a line, a place in a table)
# are small.
_POLARS_TYPES: dict[type, type[pl.DataType]] = {
    str: pl.String,
    int: pl.Int8,
    bool: pl.Boolean,
    dt.date: pl.Date,
}


def _records(items: Sequence[Any]) -> pl.DataFrame:
    """A frame of dataclass records: a column per field, typed from the field's annotation."""
    hints = typing.get_type_hints(type(items[0]))
    schema = {}
    for f in dataclasses.fields(items[0]):
        hint = hints[f.name]
        (kind,) = [t for t in typing.get_args(hint) or (hint,) if t is not type(None)]
        schema[f.name] = _POLARS_TYPES[kind]
    return pl.DataFrame([dataclasses.astuple(i) for i in items], schema=schema, orient="row")


def categories() -> pl.DataFrame:
    """Every registration code with the dates it was in use (`valid_until` empty: still is)."""
    return _records(CATEGORIES)


def registration_eras() -> pl.DataFrame:
    """The periods of one way of registering, with what Lijn 1 and Lijn 2 held then."""
    return _records(ERAS).rename({"key": "era"})


def _iso_countries_nl() -> pl.DataFrame:
    dutch = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"])
    rows = [
        {
            "iso2": c.alpha_2,
            "iso3": c.alpha_3,
            "name_nl": SHORT_NAMES_NL.get(c.alpha_2, dutch.gettext(c.name)),
        }
        for c in pycountry.countries
    ]
    return pl.DataFrame(
        [*rows, KOSOVO], schema={"iso2": pl.String, "iso3": pl.String, "name_nl": pl.String}
    )


def _hkov_parties(path: Path = HKOV_PARTIES_CSV) -> pl.DataFrame:
    """iso2 and entry into force (null where no source gave it) of the HKOV 1980 parties."""
    raw = pl.read_csv(path, infer_schema=False, columns=["iso2", "entry_into_force"])
    return raw.select(
        pl.col("iso2"),
        pl.col("entry_into_force").str.to_date("%Y-%m-%d", strict=True),
    )


def countries() -> pl.DataFrame:
    iso = _iso_countries_nl()
    parties = _hkov_parties()
    # A typo in the CSV would otherwise silently drop a party.
    unknown = set(parties["iso2"]) - set(iso["iso2"])
    if unknown:
        raise ValueError(f"{HKOV_PARTIES_CSV.name} has codes that are not countries: {unknown}")
    return (
        iso.join(parties, on="iso2", how="left", validate="1:1")
        .select(
            "iso2",
            "iso3",
            "name_nl",
            pl.col("iso2").is_in(parties["iso2"].implode()).alias("hkov_party"),
            pl.col("entry_into_force").alias("hkov_entry_into_force"),
        )
        .sort("iso2")
    )


def _school_days(region: str, years: range) -> pl.DataFrame:
    # Without language="nl" the package falls back to English names under a C locale.
    days = holidays.Netherlands(
        years=years, categories=(SCHOOL,), subdiv=region.capitalize(), language="nl"
    )
    return pl.DataFrame(
        {"date": list(days.keys()), "name_nl": list(days.values())},
        schema={"date": pl.Date, "name_nl": pl.String},
    ).sort("date")


def _collapse_to_spans(days: pl.DataFrame) -> pl.DataFrame:
    """One row per run of consecutive days with the same name; the package lists every day.

    The package fills one calendar year at a time, so a Christmas break is returned as a
    December and a January part; on consecutive dates they collapse into one span here.
    """
    new_span = (pl.col("date").diff().dt.total_days() != 1) | (
        pl.col("name_nl") != pl.col("name_nl").shift()
    )
    return (
        days.with_columns(new_span.fill_null(True).cum_sum().alias("span"))
        .group_by("span", maintain_order=True)
        .agg(
            pl.col("name_nl").first(),
            pl.col("date").min().alias("start_date"),
            pl.col("date").max().alias("end_date"),
        )
        .drop("span")
    )


def _holiday_key(name_nl: pl.Expr) -> pl.Expr:
    return name_nl.str.to_lowercase()


def school_holidays(first_year: int = 2014, last_year: int = 2030) -> pl.DataFrame:
    """School breaks per region, `year` being the year the break starts.

    The package only has school data for 2014-2030, so the Christmas break at either edge
    comes back cut off at 1 January or 31 December (2013/14 and 2030/31). Such halves are
    dropped rather than kept as shorter breaks. The package gives no autumn break for 2030
    (the 2030/31 school year is not yet fixed by the ministry).
    """
    if first_year > last_year:
        raise ValueError(f"first_year {first_year} is after last_year {last_year}")
    # One extra year so the January part of last_year's Christmas break is included.
    years = range(first_year, last_year + 2)
    spans = pl.concat(
        [
            _collapse_to_spans(_school_days(region, years)).with_columns(
                pl.lit(region).alias("region")
            )
            for region in SCHOOL_REGIONS
        ]
    ).with_columns(
        _holiday_key(pl.col("name_nl")).alias("holiday_key"),
        pl.col("start_date").dt.year().cast(pl.Int16).alias("year"),
    )
    unknown = set(spans["holiday_key"]) - set(SCHOOL_HOLIDAY_KEYS)
    if unknown:
        raise ValueError(f"holidays package returned unknown school breaks: {unknown}")
    is_cut_christmas = (pl.col("holiday_key") == "kerstvakantie") & (
        (pl.col("start_date").dt.month() != 12) | (pl.col("end_date").dt.month() != 1)
    )
    return (
        spans.filter(~is_cut_christmas, pl.col("year").is_between(first_year, last_year))
        .select(list(SCHOOL_HOLIDAY_SCHEMA))
        .cast(SCHOOL_HOLIDAY_SCHEMA)
        .sort("region", "start_date")
    )


def public_holidays(first_year: int = 2014, last_year: int = 2030) -> pl.DataFrame:
    """The package's PUBLIC category, taken as the days the office is closed.

    Kept as the package gives it: Goede vrijdag is in it, Koningsdag moves to Saturday when
    27 April is a Sunday, and Bevrijdingsdag is only in lustrum years (2015, 2020, ...), as
    many CAOs have it; Easter and Whit Sunday are listed although they are Sundays.
    """
    if first_year > last_year:
        raise ValueError(f"first_year {first_year} is after last_year {last_year}")
    days = holidays.Netherlands(
        years=range(first_year, last_year + 1), categories=(PUBLIC,), language="nl"
    )
    return pl.DataFrame(
        {"date": list(days.keys()), "name_nl": list(days.values())},
        schema={"date": pl.Date, "name_nl": pl.String},
    ).sort("date")


def write_reference_tables(out_dir: Path) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = {
        "categories": categories(),
        "registration_eras": registration_eras(),
        "countries": countries(),
        "school_holidays": school_holidays(),
        "public_holidays": public_holidays(),
    }
    paths: dict[str, Path] = {}
    for name, df in tables.items():
        path = out_dir / f"{name}.parquet"
        # Without statistics the file depends only on the data, so rewriting it is a no-op in git.
        df.write_parquet(path, compression="zstd", statistics=False)
        paths[name] = path
    return paths
