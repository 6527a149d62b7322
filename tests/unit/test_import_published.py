"""`iko-dashboard import-published`: annual figures for years without a case-level export."""

from __future__ import annotations

from pathlib import Path

from import_published_support import write

from dashboard.server.cli import main


def test_command_line(tmp_path: Path, capsys) -> None:
    home = tmp_path / "home"
    good = write(tmp_path, "year,measure,value\n2023,cases.total,1\n", "goed.csv")
    bad = write(tmp_path, "year,measure,value\n2023,onbekend,1\n", "fout.csv")
    assert main(["import-published", str(good), "--data-home", str(home)]) == 0
    assert "Gepubliceerde jaarcijfers geïmporteerd: 1 cijfer voor 2023" in capsys.readouterr().out
    assert main(["import-published", str(bad), "--data-home", str(home)]) == 2
    assert "Import afgewezen" in capsys.readouterr().out
