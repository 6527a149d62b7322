"""One set of released numbers: every count a page (or the deck) shows in publication mode,
with the sums it takes part in, suppressed as a whole and checked by an audit.

Protecting each table on its own is not enough: a tile, a sentence and a table beside each
other can be subtracted ("IKO <5 van 10", "NIKO 5 van 11", "7 van 21 samen" give IKO = 2). So a
page puts all its counts in one `Release`: each cell with its value, whether the page prints
it, and the relations between cells (`total = part + part`). Cells the page never prints but
which follow from printed ones (the unsuccessful mediations, ended minus successful) are in
the set too: a small one must stay unrecoverable like a printed one.

The decision: small counts (1 to threshold-1) are hidden ("<5"); then, while the audit finds
a hidden small count whose feasible range lies inside 1..threshold-1, one more printed cell
of a relation around it is hidden ("×"), a total before a part. The audit is the standard
one: for every hidden cell, its minimum and maximum over whole numbers >= 0 that satisfy
every relation with every printed value fixed, by integer programming (scipy's `milp`,
HiGHS).
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from dashboard.format import number, percent

COMPLEMENTARY = "×"
# No count on a page comes near this; a maximum at the cap means "no upper bound".
UNBOUNDED = 10**7


@dataclass(frozen=True)
class Range:
    """What someone holding every released number can tell about a hidden cell."""

    low: int
    high: int  # UNBOUNDED: no upper bound

    def inside(self, low: int, high: int) -> bool:
        return low <= self.low and self.high <= high

    def __str__(self) -> str:
        return f"{self.low}–{'∞' if self.high >= UNBOUNDED else self.high}"


def label_of(key: Hashable) -> str:
    """A cell's key as a reader would name it: ("mediation", 2024, "IKO", "ended") ->
    "mediation · 2024 · IKO · ended"."""
    if isinstance(key, tuple):
        return " · ".join(label_of(k) for k in key)
    return str(key)


@dataclass
class Release:
    """The released numbers of one page or of the deck. Without rules (staff) every cell
    is printed as it is; with them (`threshold`, `min_denominator`) the first text asked
    for decides the suppression, after which the set is closed."""

    name: str
    threshold: int | None = 5
    min_denominator: int = 10
    values: dict[Hashable, int] = field(default_factory=dict)
    printed: set[Hashable] = field(default_factory=set)
    # printed and known from elsewhere too (a headline figure): never hidden to protect another
    fixed: set[Hashable] = field(default_factory=set)
    relations: list[tuple[Hashable, tuple[Hashable, ...]]] = field(default_factory=list)
    # a table's own cells (row, column): kept apart from every other table's on the page
    local: bool = False
    _hidden: frozenset[Hashable] | None = None

    def __post_init__(self) -> None:
        _register(self)

    # -- building ---------------------------------------------------------------------------

    def cell(
        self, key: Hashable, value: int | None, *, printed: bool = True, fixed: bool = False
    ) -> Hashable:
        """Adds a cell (a count of people or cases); `printed=False` for one the page never
        prints but which follows from printed ones through the relations; `fixed` for one
        that is known anyway (a column total published elsewhere, a headline figure): it is
        shown unless it is small itself, and never hidden to protect another."""
        if self._hidden is not None:
            raise RuntimeError(f"{self.name}: de vrijgave is al besloten; {key!r} komt te laat")
        value = int(value or 0)
        if key in self.values and self.values[key] != value:
            raise ValueError(f"{self.name}: {key!r} is {self.values[key]} en {value}")
        self.values[key] = value
        if printed or fixed:
            self.printed.add(key)
        if fixed:
            self.fixed.add(key)
        return key

    def relate(self, total: Hashable, parts: Iterable[Hashable]) -> None:
        """`total` is the sum of `parts` (all cells of this set)."""
        parts = tuple(parts)
        missing = [k for k in (total, *parts) if k not in self.values]
        if missing:
            raise KeyError(f"{self.name}: onbekende cellen {missing!r}")
        if self.values[total] != sum(self.values[p] for p in parts):
            raise ValueError(f"{self.name}: {total!r} is niet de som van {parts!r}")
        relation = (total, parts)
        if relation not in self.relations:
            self.relations.append(relation)

    def merge(self, other: Release, prefix: Hashable | None = None) -> None:
        """Takes `other`'s cells and relations into this set (a deck of several topics);
        with `prefix` its keys as (prefix, key)."""

        def own(key: Hashable) -> Hashable:
            return key if prefix is None else (prefix, key)

        for key, value in other.values.items():
            self.cell(own(key), value, printed=key in other.printed, fixed=key in other.fixed)
        for total, parts in other.relations:
            self.relate(own(total), (own(p) for p in parts))

    # -- deciding and reading -----------------------------------------------------------------

    @property
    def protects(self) -> bool:
        return self.threshold is not None

    def is_small(self, value: int) -> bool:
        return self.threshold is not None and 0 < value < self.threshold

    @property
    def hidden(self) -> frozenset[Hashable]:
        """The printed cells shown as "<5" or "×" (decided once, on first use)."""
        if self._hidden is None:
            self._hidden = (
                frozenset(_decide(self._problem(), self.threshold))
                if self.protects
                else frozenset()
            )
        return self._hidden

    def shows(self, key: Hashable) -> bool:
        return key in self.printed and key not in self.hidden

    def text(self, key: Hashable) -> str:
        """12 -> "12"; a small count "<5"; a complementary one "×"; 0 -> "0"."""
        if key not in self.printed:
            raise KeyError(f"{self.name}: {key!r} is geen getoonde cel")
        value = self.values[key]
        if key not in self.hidden:
            return number(value)
        return f"<{self.threshold}" if self.is_small(value) else COMPLEMENTARY

    def texts(self, keys: Mapping[str, Hashable]) -> dict[str, str]:
        return {name: self.text(key) for name, key in keys.items()}

    def shows_rate(self, part: Hashable, whole: Hashable) -> bool:
        """A percentage only where both counts are printed, the denominator is large enough
        and neither the part nor the rest is small (6 % of 16 is 1)."""
        if not self.protects:
            return bool(self.values[whole])
        p, w = self.values[part], self.values[whole]
        return (
            self.shows(part)
            and self.shows(whole)
            and w >= self.min_denominator
            and not self.is_small(p)
            and not self.is_small(w - p)
        )

    def share(self, part: Hashable, whole: Hashable, what: str = "", decimals: int = 0) -> str:
        """ "12 van 40 (30 %)"; "<5 van 16" (no percentage); "× van 21"."""
        text = f"{self.text(part)} van {self.text(whole)}" + (f" {what}" if what else "")
        if self.protects and self.shows_rate(part, whole):
            text += f" ({percent(100 * self.values[part] / self.values[whole], decimals)})"
        return text

    # -- the audit --------------------------------------------------------------------------

    def _problem(self) -> Problem:
        return Problem(
            tuple(sorted(((k, v) for k, v in self.values.items()), key=lambda kv: repr(kv[0]))),
            frozenset(self.printed),
            tuple(self.relations),
            frozenset(self.fixed),
        )

    def audit(self) -> list[Finding]:
        """Every hidden or unprinted cell with its feasible range given all printed numbers
        and every relation; `exposed` where a small count's range lies inside 1..threshold-1."""
        if not self.protects:
            return []
        problem = self._problem()
        unknown = set(self.hidden) | (set(self.values) - self.printed)
        ranges = _ranges(problem, frozenset(unknown))
        return [
            Finding(
                key,
                self.values[key],
                ranges[key],
                printed=key in self.printed,
                exposed=self.is_small(self.values[key])
                and ranges[key].inside(1, self.threshold - 1),
            )
            for key in sorted(unknown, key=repr)
        ]


@dataclass(frozen=True)
class Finding:
    key: Hashable
    value: int
    range: Range
    printed: bool
    exposed: bool

    @property
    def label(self) -> str:
        return label_of(self.key)


# -- deciding --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """A release's cells, printed keys and relations, hashable so a decision is made once
    per set of numbers (a page's warm rerun asks again)."""

    cells: tuple[tuple[Hashable, int], ...]
    printed: frozenset[Hashable]
    relations: tuple[tuple[Hashable, tuple[Hashable, ...]], ...]
    fixed: frozenset[Hashable] = frozenset()

    @property
    def values(self) -> dict[Hashable, int]:
        return dict(self.cells)


@lru_cache(maxsize=512)
def _decide(problem: Problem, threshold: int) -> frozenset[Hashable]:
    values = problem.values
    small = {k for k, v in values.items() if 0 < v < threshold}
    hidden = small & problem.printed
    check = frozenset(small)
    while True:
        unknown = hidden | (set(values) - problem.printed)
        ranges = _ranges(problem, frozenset(unknown), only=check, quick=True)
        exposed = sorted((k for k in check if ranges[k].inside(1, threshold - 1)), key=repr)
        if not exposed:
            return frozenset(hidden)
        # hiding a cell only widens the others' ranges: a safe cell stays safe
        check = frozenset(exposed)
        choice = _complement(problem, exposed[0], frozenset(hidden), frozenset(unknown))
        if choice is None:  # nothing printed is left around it to hide
            return frozenset(hidden)
        hidden.add(choice)


def _complement(
    problem: Problem, target: Hashable, hidden: frozenset, unknown: frozenset
) -> Hashable | None:
    """The printed cell to hide next to protect `target`: in a relation with it, or failing
    that with any unknown cell linked to it; a total before a part, then the smallest
    nonzero count (a hidden zero protects nothing: the other hidden cell is the difference)."""
    values = problem.values
    reach = {target}
    while True:
        candidates = []
        for total, parts in problem.relations:
            if not reach & {total, *parts}:
                continue
            for key in (total, *parts):
                if key in problem.printed and key not in hidden and key not in problem.fixed:
                    candidates.append((key != total, values[key] == 0, values[key], repr(key), key))
        if candidates:
            return min(candidates)[-1]
        grown = reach | {
            key
            for total, parts in problem.relations
            if reach & {total, *parts}
            for key in (total, *parts)
            if key in unknown
        }
        if grown == reach:
            return None
        reach = grown


def _ranges(
    problem: Problem, unknown: frozenset, only: frozenset | None = None, quick: bool = False
) -> dict[Hashable, Range]:
    """Each unknown cell's (or each of `only`'s) minimum and maximum over whole numbers >= 0
    that satisfy every relation, the other cells fixed at their values. `quick`: where the
    minimum is 0 the maximum is not looked for (the cell is safe either way)."""
    values = problem.values
    keys = sorted(unknown, key=repr)
    index = {k: i for i, k in enumerate(keys)}
    rows, rhs = [], []
    for total, parts in problem.relations:
        row = np.zeros(len(keys))
        known = 0
        for key, sign in ((total, -1), *((p, 1) for p in parts)):
            if key in index:
                row[index[key]] += sign
            else:
                known += sign * values[key]
        if row.any():
            rows.append(row)
            rhs.append(-known)
    out = {}
    systems: dict[int, tuple[list[int], np.ndarray, np.ndarray]] = {}
    for row_ids in _components(rows):
        variables = sorted({j for r in row_ids for j in np.flatnonzero(rows[r])})
        system = (variables, np.array([[rows[r][j] for j in variables] for r in row_ids]),
                  np.array([rhs[r] for r in row_ids]))  # fmt: skip
        systems.update({j: system for j in variables})
    for key in keys:
        if only is not None and key not in only:
            continue
        out[key] = _range_of(index[key], systems.get(index[key]), values[key], quick)
    return out


def _range_of(
    i: int, system: tuple[list[int], np.ndarray, np.ndarray] | None, value: int, quick: bool
) -> Range:
    """Cell i's range, solved on the relations that reach it (the others cannot bound it)."""
    if system is None:
        return Range(0, UNBOUNDED)
    variables, a, b = system
    position = variables.index(i)
    ends = []
    for sign in (1, -1):
        cost = np.zeros(len(variables))
        cost[position] = sign
        ends.append(_optimum(cost, a, b, position, value))
        if quick and ends[0] == 0:
            return Range(0, UNBOUNDED)
    return Range(ends[0], ends[1])


def _optimum(cost: np.ndarray, a: np.ndarray, b: np.ndarray, position: int, value: int) -> int:
    """The cell's extreme over whole numbers >= 0. The linear program first: where its
    optimal vertex is whole it is the integer optimum (a table's rows and columns, a funnel's
    stages, give such vertices), else integer programming."""
    bounds = [(0, UNBOUNDED)] * len(cost)
    lp = linprog(cost, A_eq=a, b_eq=b, bounds=bounds, method="highs-ds")
    if lp.success and np.allclose(lp.x, np.round(lp.x), atol=1e-7):
        return round(lp.x[position])
    result = milp(cost, constraints=LinearConstraint(a, b, b), integrality=np.ones(len(cost)),
                  bounds=Bounds(0, UNBOUNDED))  # fmt: skip
    return round(result.x[position]) if result.success else value


def _components(rows: list) -> list[list[int]]:
    """The relations in groups linked through shared unknown cells."""
    groups: list[tuple[set[int], list[int]]] = []
    for r, row in enumerate(rows):
        support = set(np.flatnonzero(row))
        linked = [g for g in groups if g[0] & support]
        merged = (support.union(*(g[0] for g in linked)), [r] + [x for g in linked for x in g[1]])
        groups = [g for g in groups if not g[0] & support] + [merged]
    return [sorted(g[1]) for g in groups]


# -- the releases of one page run --------------------------------------------------------------

_current = threading.local()


class Ledger:
    """The releases made while one page (or the deck) was built: what the audit reads."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.releases: list[Release] = []

    def __iter__(self) -> Iterator[Release]:
        return iter(self.releases)

    def combined(self) -> Release:
        """Every release of the page as one set (cells with the same key are one cell)."""
        whole = Release.__new__(Release)
        whole.name, whole.values, whole.printed, whole.relations = self.name, {}, set(), []
        whole.fixed, whole.local = set(), False
        whole._hidden = None
        rules = [r for r in self.releases if r.protects]
        whole.threshold = rules[0].threshold if rules else None
        whole.min_denominator = rules[0].min_denominator if rules else 10
        hidden: set[Hashable] = set()
        shown: set[Hashable] = set()
        for i, release in enumerate(rules):
            prefix = (i, release.name) if release.local else None
            whole.merge(release, prefix)
            own = lambda k, p=prefix: k if p is None else (p, k)  # noqa: E731
            hidden |= {own(k) for k in release.hidden}
            shown |= {own(k) for k in release.printed if k not in release.hidden}
        # a cell one part of the page hides and another prints is printed
        whole._hidden = frozenset(hidden - shown)
        return whole


def begin(name: str) -> Ledger:
    """Starts collecting the releases of this thread's page run (Streamlit runs each
    session's script in its own thread)."""
    ledger = Ledger(name)
    _current.ledger = ledger
    return ledger


def end() -> None:
    _current.ledger = None


def _register(release: Release) -> None:
    ledger = getattr(_current, "ledger", None)
    if ledger is not None and release.protects:
        ledger.releases.append(release)


def audit_lines(ledger: Ledger) -> list[str]:
    """The audit of a page in words: per release the printed cells, the hidden ones and each
    hidden or unprinted cell's feasible range."""
    whole = ledger.combined()
    findings = whole.audit()
    shown = sorted((k for k in whole.printed if k not in whole.hidden), key=repr)
    lines = [
        f"== {ledger.name}: {len(shown)} getoond, {len(whole.hidden)} afgeschermd, "
        f"{sum(f.exposed for f in findings)} terug te rekenen"
    ]
    lines += [f"  getoond      {label_of(k)} = {whole.values[k]}" for k in shown]
    for f in findings:
        kind = "afgeschermd " if f.printed else "niet getoond"
        flag = "  TERUG TE REKENEN" if f.exposed else ""
        lines.append(f"  {kind} {f.label}: waarde {f.value}, mogelijk {f.range}{flag}")
    return lines


def exposed(releases: Sequence[Release] | Ledger) -> list[Finding]:
    """The hidden small counts someone could work out (empty: the set is safe)."""
    ledger = releases if isinstance(releases, Ledger) else _ledger_of(releases)
    return [f for f in ledger.combined().audit() if f.exposed]


def _ledger_of(releases: Sequence[Release]) -> Ledger:
    ledger = Ledger("vrijgave")
    ledger.releases = list(releases)
    return ledger
