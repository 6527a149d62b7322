"""The subtractions someone in the audience can do with a pencil on what publication mode
shows of mediation: each returns the hidden small counts it recovers (empty: none)."""

from __future__ import annotations

import re

NUM = r"(<\d+|×|\d[\d.]*)"


def _value(text: str | None) -> int | None:
    if text is None or text.startswith("<") or text == "×":
        return None
    return int(text.replace(".", ""))


def _small(value: int | None) -> bool:
    return value is not None and 1 <= value <= 4


def _x_van_n(text: str, label: str) -> tuple[str, str] | None:
    found = re.search(rf"{label}:?\**:? {NUM} van {NUM}", text)
    return (found.group(1), found.group(2)) if found else None


def type_sums(text: str) -> list[str]:
    """IKO + NIKO = samen, for the successful and for the ended: "IKO <5 van 10", "NIKO 5 van
    11" and "7 van 21 samen" give IKO's 2."""
    types = {t: _x_van_n(text, rf"\b{t}") for t in ("IKO", "NIKO")}
    both = _x_van_n(text, "samen") or _x_van_n(text, r"Geslaagd")
    if both is None:
        return []
    found = []
    for i, what in enumerate(("geslaagd", "beëindigd")):
        total = _value(both[i])
        for t, other in (("IKO", "NIKO"), ("NIKO", "IKO")):
            if types[other] is None or total is None:
                continue
            known = _value(types[other][i])
            own = None if types[t] is None else _value(types[t][i])
            if known is not None and own is None and _small(total - known):
                found.append(f"{t} {what} = {total} − {known} = {total - known}")
    return found


def funnel_lines(text: str) -> list[str]:
    """started − stopped = conducted = running + ended: "12 gestart − <5 gestopt = ×
    voortgezet; daarvan lopen er 0 nog, dus de noemer is 11 beëindigd" gives 1 stopped."""
    found = []
    pattern = (
        rf"\*\*(IKO|NIKO)\*\*: {NUM} gestart − {NUM} gestopt na de intake = {NUM} voortgezet; "
        rf"daarvan lopen er {NUM} nog, dus de noemer is \*\*{NUM} beëindigd"
    )
    for t, started, stopped, conducted, running, ended in re.findall(pattern, text):
        found += _stopped(t, started, stopped, conducted, running, ended)
    return found


def _stopped(t: str, *texts: str) -> list[str]:
    started, stopped, conducted, running, ended = map(_value, texts)
    if stopped is not None or started is None:
        return []
    if conducted is None and running is not None and ended is not None:
        conducted = running + ended
    if conducted is not None and _small(started - conducted):
        return [f"{t} gestopt na de intake = {started} − {conducted} = {started - conducted}"]
    return []


def deck_notes(text: str) -> list[str]:
    """The lecture's notes: "Gestart: 29", "Loopt nog: 0" and "samen: 27 beëindigd" (its "x van
    n") give the stopped after the intake."""

    def stage(label: str) -> str | None:
        found = re.search(rf"{label}: {NUM}", text)
        return found.group(1) if found else None

    both = _x_van_n(text, "samen")
    ended = None if both is None else both[1]
    return _stopped(
        "samen", stage("Gestart") or "×", stage("Gestopt na de intake") or "×",
        stage("Voortgezet na de intake") or "×", stage("Loopt nog") or "×", ended or "×",
    )  # fmt: skip


def derivations(texts: list[str]) -> list[str]:
    text = " ".join(texts)
    return type_sums(text) + funnel_lines(text) + deck_notes(text)
