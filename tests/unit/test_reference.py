"""Tests of the reference tables built from pycountry, holidays and the committed CSVs."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from dashboard.reference import (
    HKOV_PARTIES_CSV,
    REPO_ROOT,
    SCHOOL_HOLIDAY_KEYS,
    SCHOOL_REGIONS,
    categories,
    countries,
    public_holidays,
    registration_eras,
    school_holidays,
    write_reference_tables,
)

EXPECTED_NAMES_NL = {
    "MA": "Marokko",
    "TR": "Turkije",
    "SY": "Syrië",
    "RU": "Rusland",
    "ID": "Indonesië",
    "DZ": "Algerije",
    "SR": "Suriname",
    "ES": "Spanje",
    "US": "Verenigde Staten",
    "EG": "Egypte",
    "PL": "Polen",
    "BE": "België",
    "CW": "Curaçao",
    "GB": "Verenigd Koninkrijk",
    "DE": "Duitsland",
    "FR": "Frankrijk",
    "IR": "Iran",
    "IQ": "Irak",
    "AF": "Afghanistan",
    "KR": "Zuid-Korea",
    "KP": "Noord-Korea",
    "TZ": "Tanzania",
    "VE": "Venezuela",
    "BO": "Bolivia",
    "MD": "Moldavië",
    "VN": "Vietnam",
    "LA": "Laos",
    "CZ": "Tsjechië",
    "TW": "Taiwan",
    "PS": "Palestina",
    "CD": "Congo-Kinshasa",
    "CG": "Congo-Brazzaville",
    "FM": "Micronesië",
    "XK": "Kosovo",
}


@pytest.fixture(scope="module")
def country_table() -> pl.DataFrame:
    return countries()


@pytest.fixture(scope="module")
def school() -> pl.DataFrame:
    return school_holidays()


def _hkov_csv_rows() -> list[dict[str, str]]:
    with HKOV_PARTIES_CSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_categories() -> None:
    df = categories()
    assert df.schema == pl.Schema(
        {
            "code": pl.String,
            "label_nl": pl.String,
            "line": pl.Int8,
            "overview_order": pl.Int8,
            "valid_from": pl.Date,
            "valid_until": pl.Date,
        }
    )
    assert df["code"].n_unique() == df.height
    # today's registration: the 15 Lijn 2 codes of the 2025 report and the Lijn 1 code
    current = df.filter(pl.col("valid_until").is_null())
    assert current.height == 16
    assert current.filter(pl.col("line") == 2).height == 15
    assert df.filter(pl.col("line") == 1)["code"].to_list() == ["holiday_consent"]
    assert sorted(df["overview_order"].drop_nulls().to_list()) == list(range(1, 14))
    # the codes of the 2020 report that the registration no longer has end on 31-12-2023
    retired = df.filter(pl.col("valid_until").is_not_null())
    assert set(retired["valid_until"]) == {dt.date(2023, 12, 31)}
    assert retired.height == 5
    assert df["valid_from"].min() == dt.date(2006, 1, 1)


def test_registration_eras_cover_every_day_since_2006() -> None:
    eras = registration_eras().sort("valid_from")
    assert eras["valid_from"][0] == dt.date(2006, 1, 1)
    assert eras["valid_until"][-1] is None
    rows = list(eras.iter_rows(named=True))
    for before, after in zip(rows, rows[1:], strict=False):
        assert before["valid_until"] + dt.timedelta(days=1) == after["valid_from"]


@pytest.mark.parametrize(("iso2", "name_nl"), sorted(EXPECTED_NAMES_NL.items()))
def test_country_names_as_in_annual_report(
    country_table: pl.DataFrame, iso2: str, name_nl: str
) -> None:
    assert country_table.filter(pl.col("iso2") == iso2)["name_nl"].to_list() == [name_nl]


def test_country_names_match_published_report(country_table: pl.DataFrame) -> None:
    published = pl.read_csv(
        REPO_ROOT / "data" / "reference" / "published-2025-countries.csv", infer_schema=False
    ).select("iso2", "country_nl")
    joined = published.unique().join(country_table, on="iso2", how="left")
    assert joined.filter(pl.col("name_nl") != pl.col("country_nl")).height == 0
    assert joined["name_nl"].null_count() == 0


def test_no_formal_country_names(country_table: pl.DataFrame) -> None:
    names = country_table["name_nl"].to_list()
    assert [n for n in names if "," in n or "(" in n] == []
    assert [n for n in names if n.startswith(("Republiek", "Staat", "Islamitische"))] == []
    assert "Wit-Rusland" not in names
    assert country_table["name_nl"].n_unique() == country_table.height


def test_countries_shape(country_table: pl.DataFrame) -> None:
    assert country_table.schema == pl.Schema(
        {
            "iso2": pl.String,
            "iso3": pl.String,
            "name_nl": pl.String,
            "hkov_party": pl.Boolean,
            "hkov_entry_into_force": pl.Date,
        }
    )
    assert country_table.height >= 249
    assert country_table["iso2"].is_unique().all()
    assert country_table["iso3"].is_unique().all()
    assert country_table["iso2"].str.contains(r"^[A-Z]{2}$").all()
    assert country_table["iso3"].str.contains(r"^[A-Z]{3}$").all()
    assert country_table.filter(pl.col("iso2") == "XK")["iso3"].to_list() == ["XKX"]


def test_hkov_parties_follow_csv(country_table: pl.DataFrame) -> None:
    rows = _hkov_csv_rows()
    parties = country_table.filter("hkov_party")
    assert parties.height == len(rows)
    assert set(parties["iso2"]) == {r["iso2"] for r in rows}
    with_date = {
        r["iso2"]: dt.date.fromisoformat(r["entry_into_force"])
        for r in rows
        if r["entry_into_force"]
    }
    got = dict(
        parties.drop_nulls("hkov_entry_into_force")
        .select("iso2", "hkov_entry_into_force")
        .iter_rows()
    )
    assert got == with_date
    assert country_table.filter(~pl.col("hkov_party"))["hkov_entry_into_force"].null_count() == (
        country_table.height - parties.height
    )


@pytest.mark.parametrize(
    ("iso2", "party"),
    [
        ("PL", True),
        ("ES", True),
        ("US", True),
        ("BE", True),
        ("MA", True),
        ("NL", True),
        ("SY", False),
        ("EG", False),
        ("CW", False),
        ("AW", False),
        ("SX", False),
    ],
)
def test_hkov_party_flags(country_table: pl.DataFrame, iso2: str, party: bool) -> None:
    assert country_table.filter(pl.col("iso2") == iso2)["hkov_party"].to_list() == [party]


def test_hkov_entry_dates(country_table: pl.DataFrame) -> None:
    eif = dict(country_table.select("iso2", "hkov_entry_into_force").iter_rows())
    assert eif["NL"] == dt.date(1990, 9, 1)
    assert eif["MA"] == dt.date(2010, 6, 1)
    assert eif["AD"] is None  # a party whose entry into force no source gave


def test_school_holidays_schema(school: pl.DataFrame) -> None:
    assert school.schema == pl.Schema(
        {
            "region": pl.String,
            "holiday_key": pl.String,
            "name_nl": pl.String,
            "year": pl.Int16,
            "start_date": pl.Date,
            "end_date": pl.Date,
        }
    )
    assert set(school["region"]) == set(SCHOOL_REGIONS)
    assert set(school["holiday_key"]) == set(SCHOOL_HOLIDAY_KEYS)
    assert (
        school.select(pl.col("name_nl").str.to_lowercase() == pl.col("holiday_key"))
        .to_series()
        .all()
    )
    assert school["year"].min() == 2014
    assert school["year"].max() == 2030


def test_every_region_has_each_break_once_per_year(school: pl.DataFrame) -> None:
    counts = school.group_by("region", "year", "holiday_key").len()
    assert counts["len"].max() == 1
    per_year = school.group_by("region", "year").agg(pl.col("holiday_key").sort())
    for region, year, keys in per_year.iter_rows():
        if year <= 2029:
            assert keys == sorted(SCHOOL_HOLIDAY_KEYS), (region, year)
        else:
            # The package stops at the 2029/30 school year: no autumn break for 2030 and
            # only the December half of Christmas 2030, which is dropped.
            assert keys == ["meivakantie", "voorjaarsvakantie", "zomervakantie"], (region, year)
    assert per_year.height == 3 * (2030 - 2014 + 1)


def test_no_cut_off_christmas_at_the_edges(school: pl.DataFrame) -> None:
    christmas = school.filter(pl.col("holiday_key") == "kerstvakantie")
    assert christmas["year"].min() == 2014  # the Jan 2014 half of Christmas 2013 is dropped
    assert christmas["year"].max() == 2029
    assert (christmas["start_date"].dt.month() == 12).all()
    assert (christmas["end_date"].dt.month() == 1).all()
    assert (christmas["end_date"] - christmas["start_date"] == dt.timedelta(days=15)).all()


def test_spans_are_sane(school: pl.DataFrame) -> None:
    assert (school["start_date"] <= school["end_date"]).all()
    assert (school["end_date"] - school["start_date"] < dt.timedelta(weeks=10)).all()
    # Saturday to Sunday, as the package defines breaks ...
    assert (school["start_date"].dt.weekday() == 6).all()
    # ... except May 2014, which the package extends through Liberation Day (Monday).
    not_sunday = school.filter(pl.col("end_date").dt.weekday() != 7)
    assert set(not_sunday["end_date"]) == {dt.date(2014, 5, 5)}
    assert set(not_sunday["holiday_key"]) == {"meivakantie"}


def test_spans_do_not_overlap_within_region(school: pl.DataFrame) -> None:
    gaps = school.sort("region", "start_date").with_columns(
        prev_end=pl.col("end_date").shift().over("region")
    )
    assert gaps.filter(pl.col("start_date") <= pl.col("prev_end")).height == 0


def test_summer_2025(school: pl.DataFrame) -> None:
    summer = dict(
        school.filter(pl.col("holiday_key") == "zomervakantie", pl.col("year") == 2025)
        .select("region", pl.struct("start_date", "end_date"))
        .iter_rows()
    )
    assert summer == {
        "noord": {"start_date": dt.date(2025, 7, 12), "end_date": dt.date(2025, 8, 24)},
        "midden": {"start_date": dt.date(2025, 7, 19), "end_date": dt.date(2025, 8, 31)},
        "zuid": {"start_date": dt.date(2025, 7, 5), "end_date": dt.date(2025, 8, 17)},
    }
    starts = [s["start_date"] for s in summer.values()]
    assert len(set(starts)) == 3
    assert all(s.month == 7 for s in starts)


def test_christmas_2025_is_one_row_into_2026(school: pl.DataFrame) -> None:
    christmas = school.filter(
        pl.col("holiday_key") == "kerstvakantie",
        pl.col("end_date").is_between(dt.date(2026, 1, 1), dt.date(2026, 1, 31)),
    )
    assert christmas.height == 3
    assert set(christmas["year"]) == {2025}
    assert set(christmas["start_date"]) == {dt.date(2025, 12, 20)}
    assert set(christmas["end_date"]) == {dt.date(2026, 1, 4)}


def test_may_break_is_national(school: pl.DataFrame) -> None:
    may = school.filter(pl.col("holiday_key") == "meivakantie")
    per_year = may.group_by("year").agg(pl.struct("start_date", "end_date").n_unique())
    assert (per_year["start_date"] == 1).all()


def test_school_holidays_year_window() -> None:
    df = school_holidays(2025, 2026)
    assert set(df["year"]) == {2025, 2026}
    assert (
        df.filter(pl.col("year") == 2026, pl.col("holiday_key") == "kerstvakantie")[
            "end_date"
        ].to_list()
        == [dt.date(2027, 1, 3)] * 3
    )
    with pytest.raises(ValueError):
        school_holidays(2026, 2025)


def test_public_holidays() -> None:
    df = public_holidays()
    assert df.schema == pl.Schema({"date": pl.Date, "name_nl": pl.String})
    assert df["date"].is_unique().all()
    days = dict(df.iter_rows())
    assert days[dt.date(2025, 12, 25)] == "Eerste kerstdag"
    assert days[dt.date(2026, 4, 27)] == "Koningsdag"
    assert days[dt.date(2025, 4, 26)] == "Koningsdag"  # 27 April 2025 was a Sunday
    assert days[dt.date(2025, 4, 18)] == "Goede vrijdag"
    liberation = sorted(d.year for d, n in days.items() if n == "Bevrijdingsdag")
    assert liberation == [2015, 2020, 2025, 2030]
    assert {d.year for d in days} == set(range(2014, 2031))


def test_write_reference_tables_is_deterministic(tmp_path: Path) -> None:
    first = write_reference_tables(tmp_path / "a")
    second = write_reference_tables(tmp_path / "b")
    assert set(first) == {
        "categories",
        "registration_eras",
        "countries",
        "school_holidays",
        "public_holidays",
    }
    for name, path in first.items():
        assert path.name == f"{name}.parquet"
        assert path.read_bytes() == second[name].read_bytes(), name
    again = write_reference_tables(tmp_path / "a")
    assert all(again[n].read_bytes() == second[n].read_bytes() for n in again)
    assert pl.read_parquet(first["school_holidays"]).equals(school_holidays())
    assert pl.read_parquet(first["countries"]).equals(countries())
