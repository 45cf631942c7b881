"""Long documents cut into parts that several processes lay out at once (documents/parallel.py).

WeasyPrint lays out a document in one thread, about 5–8 ms a row of the 送付一覧表, so the weekly
job's 1,000-row list kept one CPU busy for 5–7.5 s while the others idled (docs/benchmarks.md,
## Weekly bundle). A part is the template's context with a run of its rows: the first part
carries the heading, the last the closing note, every row keeps its number in the whole list and a
section cut in two says so, so the joined PDF reads as the one-piece PDF does. The snapshot is not
changed: parts are derived at render time, and a short list is rendered in one piece as before.
"""

from collections.abc import Callable

from django.conf import settings


def part_count(rows: int) -> int:
    """How many parts for a list of `rows`: no more than the processes allowed, and none shorter than
    NENKIN_DOCUMENT_PART_ROWS (a part costs a process start and a join, ≈ 0.1 s)."""
    return max(1, min(settings.NENKIN_DOCUMENT_PROCESSES, rows // settings.NENKIN_DOCUMENT_PART_ROWS))


def _runs(total: int, count: int) -> list[range]:
    """`total` positions in `count` consecutive runs whose lengths differ by at most one."""
    size, extra = divmod(total, count)
    runs, start = [], 0
    for n in range(count):
        end = start + size + (n < extra)
        runs.append(range(start, end))
        start = end
    return runs


def bundle_list_parts(context: dict) -> list[dict]:
    """The 送付一覧表 (documents/pdf/bundle_list.html) in parts. With sections (one per case type)
    rows are numbered within their section, as the one-piece list numbers them."""
    sections = context.get("sections") or []
    groups = [section["rows"] for section in sections] if sections else [context["rows"]]
    flat = [(s, row, no) for s, rows in enumerate(groups) for no, row in enumerate(rows, 1)]
    count = part_count(len(flat))
    if count < 2:
        return [context]
    note = bool(sections) or bool(context["rows"] and context["rows"][0].get("originals_separate"))
    parts = []
    for n, run in enumerate(_runs(len(flat), count)):
        rows, cut = [], {}
        for position in run:
            s, row, no = flat[position]
            rows.append({**row, "no": no})
            if sections:
                if s not in cut:  # the section's heading again, with its whole count
                    cut[s] = {**sections[s], "rows": [], "count": len(groups[s]), "continued": no > 1}
                cut[s]["rows"].append(rows[-1])
        part = {"first": n == 0, "last": n == count - 1, "total": len(context["rows"]), "note": note}
        parts.append({**context, "rows": rows, "sections": list(cut.values()), "part": part})
    return parts


# template → the function that cuts its context into parts ([context] when it is short).
SPLITTERS: dict[str, Callable[[dict], list[dict]]] = {"documents/pdf/bundle_list.html": bundle_list_parts}


def document_parts(*, template: str, context: dict) -> list[dict]:
    splitter = SPLITTERS.get(template)
    return splitter(context) if splitter is not None else [context]
