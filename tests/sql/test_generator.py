"""The demo generator: deterministic, reproducible from the repository, and shaped like the
centre's real work (working days, holiday peaks, the published country rankings)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from dashboard.demo.export import write_demo
from dashboard.paths import DEMO_DIR


@pytest.fixture(scope="module")
def con(demo_db):
    return demo_db.con


def rows(con, sql: str) -> list[tuple]:
    return con.sql(sql).fetchall()


def digest(folder) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*.parquet"))
    }


def test_generator_is_deterministic(tmp_path):
    until = dt.date(2026, 3, 31)
    write_demo(tmp_path / "a", until)
    write_demo(tmp_path / "b", until)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")


def test_embedded_demo_data_is_what_the_generator_makes(tmp_path, con):
    # The committed data must be reproducible: regenerate to the same day, compare bytes.
    until = rows(con, "SELECT data_until FROM stg_export_meta")[0][0]
    write_demo(tmp_path, until)
    assert digest(tmp_path) == digest(DEMO_DIR)


def test_no_cases_or_contacts_on_weekends_or_public_holidays(con):
    for table, column in (("stg_cases", "opened_date"), ("stg_contacts", "contact_date")):
        closed_days = rows(
            con,
            f"""
            SELECT count(*) FROM {table}
            WHERE isodow({column}) > 5
               OR {column} IN (SELECT holiday_date FROM stg_public_holidays)""",
        )[0][0]
        assert closed_days == 0, table


def test_line1_peaks_in_the_weeks_before_each_regions_summer_holiday(con):
    # Lijn 1 cases per working day in the four weeks before a region's summer holiday starts,
    # against the baseline of working days in weeks far from any holiday.
    per_day = """
        WITH days AS (
            SELECT opened_date AS d, count(*) AS n FROM stg_cases
            WHERE line = 1 AND opened_year = 2025 GROUP BY ALL
        ),
        near AS (
            SELECT DISTINCT days.d FROM days, stg_school_holidays h
            WHERE days.d BETWEEN h.start_date - INTERVAL 42 DAY AND h.end_date + INTERVAL 7 DAY
        )
        SELECT avg(n) FROM days WHERE d NOT IN (SELECT d FROM near)"""
    baseline = rows(con, per_day)[0][0]
    for region, start in rows(
        con,
        """
            SELECT region, start_date FROM stg_school_holidays
            WHERE holiday_key = 'zomervakantie' AND holiday_year = 2025""",
    ):
        before = rows(
            con,
            f"""
            SELECT count(*) / count(DISTINCT opened_date) FROM stg_cases
            WHERE line = 1 AND opened_date >= DATE '{start}' - INTERVAL 28 DAY
              AND opened_date < DATE '{start}'""",
        )[0][0]
        assert before > 2.5 * baseline, (region, before, baseline)


def test_line2_is_higher_in_summer_than_in_the_autumn(con):
    summer, autumn = rows(
        con,
        """
        SELECT avg(n) FILTER (WHERE m IN (6, 7, 8)), avg(n) FILTER (WHERE m IN (9, 10, 11))
        FROM (SELECT month(opened_date) AS m, count(*) AS n FROM stg_cases
              WHERE line = 2 AND opened_year = 2025 GROUP BY opened_month, m)""",
    )[0]
    assert summer > autumn * 1.1


def ranking(con, year: int, where: str) -> list[tuple[str, int]]:
    return rows(
        con,
        f"""
        SELECT country_iso2, count(*) AS n FROM stg_cases
        WHERE opened_year = {year} AND contact_party = 'parent' AND {where}
        GROUP BY ALL ORDER BY n DESC, country_iso2""",
    )


THREAT = "category_code = 'prevention' AND direction = 'from_nl'"
OUTGOING = "category_code = 'abduction' AND direction = 'from_nl'"
INCOMING = "category_code = 'abduction' AND direction = 'to_nl'"


def strictly_ranked(ranks: list[tuple[str, int]], expected: list[str]) -> bool:
    top = ranks[: len(expected)]
    counts = [n for _, n in ranks]
    after = counts[len(expected)] if len(ranks) > len(expected) else -1
    return [c for c, _ in top] == expected and all(
        a > b
        for a, b in zip(counts[: len(expected)], counts[1 : len(expected)] + [after], strict=True)
    )


def top_set(ranks, k):
    """Countries strictly inside the top k (a tie at place k+1 would make it ambiguous)."""
    assert ranks[k - 1][1] > ranks[k][1], "top is ambiguous: a tie across the cut"
    return {c for c, _ in ranks[:k]}


def test_published_country_rankings_hold(con):
    threat25 = ranking(con, 2025, THREAT)
    assert [c for c, _ in threat25[:2]] == ["MA", "TR"]
    assert {"SY", "RU", "ID", "DZ", "SR", "ES"} <= top_set(threat25, 10)
    assert not {"US", "EG", "PL"} & top_set(threat25, 10)
    threat24 = ranking(con, 2024, THREAT)
    assert {"MA", "TR", "SR", "ES", "US", "EG", "PL"} <= top_set(threat24, 10)
    assert "US" in top_set(threat24, 5)
    assert not {"SY", "RU", "ID", "DZ"} & top_set(threat24, 10)

    assert strictly_ranked(ranking(con, 2025, OUTGOING), ["PL", "ES", "SY", "US", "EG"])
    out24 = ranking(con, 2024, OUTGOING)
    assert out24[0][0] == "PL" and "US" in top_set(out24, 5)
    assert not {"ES", "SY", "EG"} & top_set(out24, 5), "newcomers in 2025"
    assert "MA" not in top_set(ranking(con, 2025, OUTGOING), 5)
    assert "PL" not in top_set(threat25, 10)

    assert strictly_ranked(ranking(con, 2025, INCOMING), ["ES", "BE", "CW", "PL", "US"])
    in24 = ranking(con, 2024, INCOMING)
    assert in24[1][0] == "BE"
    assert dict(in24).get("CW", 0) < in24[4][1], "Curaçao is a newcomer in 2025"
    assert dict(in24)["PL"] > dict(ranking(con, 2025, INCOMING))["PL"]


def test_families_link_prevention_to_abduction_and_conflict_cases(con):
    linked = rows(
        con,
        """
        SELECT count(*) FROM stg_cases a JOIN stg_cases p USING (family_id)
        WHERE a.category_code = 'abduction' AND p.category_code = 'prevention'
          AND p.opened_date < a.opened_date""",
    )[0][0]
    assert linked >= 5
    conflicts = rows(
        con,
        """
        SELECT count(*) FROM (SELECT family_id FROM stg_cases WHERE conflict_case
                              GROUP BY family_id HAVING count(*) = 2)""",
    )[0][0]
    assert conflicts >= 3


def test_families_have_one_to_several_children(con):
    dist = dict(rows(con, "SELECT children_count, count(*) FROM stg_cases GROUP BY ALL"))
    assert min(dist) == 1 and max(dist) >= 4
    assert dist[1] > dist[2] > dist[3]
