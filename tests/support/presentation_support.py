"""Helpers shared by the tier files tests/*/test_presentation.py."""

from __future__ import annotations

import re

# A count from 1 to 4 as a word of its own: "3 zaken", "(2)", "4 van"; not "2025" or "<5".
SMALL_COUNT = re.compile(r"(?<![\d.,<−-])[1-4](?![\d.,])")
NOT_COUNTS = re.compile(
    r"<[^>]+>|%\{[^}]*\}|\d{4}|week \d+|\d+,\d|[+-]?\d+ %|Lijn \d|plaats \d+"
    r"|\d+ (?:weken|dagen|maanden)"
)


def figure_texts(fig) -> list[str]:
    """What a figure writes as numbers of cases: titles, annotations, trace and node labels
    (axis ticks are scales, not counts)."""
    layout = fig.layout
    out = [layout.title.text or ""]
    out += [a.text or "" for a in layout.annotations]
    for trace in fig.data:
        for attr in ("text", "hovertemplate", "hovertext"):
            value = getattr(trace, attr, None)
            if isinstance(value, str):
                out.append(value)
            elif value is not None:
                out += [str(v) for v in value]
        node = getattr(trace, "node", None)
        if node is not None and node.label is not None:
            out += list(node.label)
    return out
