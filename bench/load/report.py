"""What a stage measured (locust's CSV files, the sampled CPU) as the printed table and the docs section."""

import csv
from dataclasses import dataclass, field
from pathlib import Path

# Order of the table: the clerks' pages, then the 係長's, then the login.
GROUPS = ["gunicorn", "celery", "postgres", "redis", "locust"]


@dataclass
class Stage:
    label: str  # "floor", "1×", …
    clerks: int
    supervisors: int
    seconds: float
    pages: dict[str, dict] = field(default_factory=dict)  # name → {count, failures, p50, p95}
    total: dict = field(default_factory=dict)
    exceptions: int = 0
    cpu: dict[str, tuple[float, float]] = field(default_factory=dict)
    worker_errors: int = 0
    loadavg: tuple[float, float, float] = (0.0, 0.0, 0.0)

    @property
    def users(self) -> int:
        return self.clerks + self.supervisors

    @property
    def errors(self) -> int:
        return int(self.total.get("failures", 0)) + self.exceptions + self.worker_errors


def stage_read(stage: Stage, prefix: Path) -> None:
    """locust's <prefix>_stats.csv (one row per page name and the Aggregated row) and the exceptions
    raised inside the users (a flow that broke on a page it could not read)."""
    with open(f"{prefix}_stats.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            figures = {
                "count": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50": float(row["50%"] or 0),
                "p95": float(row["95%"] or 0),
                "rps": float(row["Requests/s"] or 0),
            }
            if row["Name"] == "Aggregated":
                stage.total = figures
            else:
                stage.pages[f"{row['Type']} {row['Name']}"] = figures
    with open(f"{prefix}_exceptions.csv", encoding="utf-8") as fh:
        stage.exceptions = sum(int(row["Count"]) for row in csv.DictReader(fh))


def _ms(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def page_rows(floor: Stage | None, stages: list[Stage]) -> tuple[list[str], list[list[str]]]:
    names = sorted({name for stage in stages for name in stage.pages})
    headers = ["page", "floor p50 ms (1 clerk + 1 係長)"]
    for stage in stages:
        headers += [f"{stage.label} p95 ms", f"{stage.label} requests (failed)"]
    rows = []
    for name in names:
        base = floor.pages.get(name, {}).get("p50") if floor else None
        row = [name, _ms(base)]
        for stage in stages:
            page = stage.pages.get(name)
            row += [_ms(page["p95"]), f"{page['count']:,} ({page['failures']})"] if page else ["", ""]
        rows.append(row)
    row = ["all pages", _ms(floor.total.get("p50")) if floor else ""]
    for stage in stages:
        row += [
            _ms(stage.total.get("p95")),
            f"{stage.total.get('count', 0):,} ({stage.total.get('failures', 0)})",
        ]
    rows.append(row)
    return headers, rows


def summary_rows(stages: list[Stage]) -> tuple[list[str], list[list[str]]]:
    headers = ["run", "users (clerks + 係長)", "seconds", "requests/s", "errors", "load avg at start",
               "machine CPU (cores, mean / busiest)", *[f"{g} (cores)" for g in GROUPS],
               "gunicorn CPU ms per request"]  # fmt: skip
    rows = []
    for stage in stages:
        mean, peak = stage.cpu.get("machine", (0.0, 0.0))
        rows.append([
            stage.label, f"{stage.users} ({stage.clerks} + {stage.supervisors})", f"{stage.seconds:.0f}",
            f"{stage.total.get('rps', 0):.1f}" if stage.total else "",
            f"{stage.errors} ({stage.total.get('failures', 0)} failed, {stage.exceptions} broken flows, "
            f"{stage.worker_errors} worker errors)",
            " ".join(f"{x:.2f}" for x in stage.loadavg), f"{mean:.2f} / {peak:.2f}",
            *[f"{stage.cpu.get(g, (0.0, 0.0))[0]:.2f} / {stage.cpu.get(g, (0.0, 0.0))[1]:.2f}" for g in GROUPS],
            _per_request(stage),
        ])  # fmt: skip
    return headers, rows


def _per_request(stage: Stage) -> str:
    """The web processes' own CPU per request (logins' PBKDF2 included): what sizes the web tier,
    whatever else shared the machine."""
    count = stage.total.get("count", 0)
    if not count:
        return ""
    return f"{stage.cpu.get('gunicorn', (0.0, 0.0))[0] * stage.seconds / count * 1000:.0f}"


def saturation(background: Stage, stages: list[Stage], cpus: int) -> str:
    """Which resource runs out first: the first stage whose machine CPU is nearly all used, and which of
    our process groups grew most over the idle machine there; else the biggest at the largest stage."""

    def grown(stage: Stage, group: str) -> float:
        return stage.cpu.get(group, (0.0, 0.0))[0] - background.cpu.get(group, (0.0, 0.0))[0]

    idle = background.cpu.get("machine", (0.0, 0.0))[0]
    if idle < 0.1 * cpus:
        before = f"(quiet before: {idle:.2f} cores busy with the services up and no users)"
    else:
        before = f"(the machine was {idle:.2f} cores busy with no users: other work on it)"
    if idle >= 0.25 * cpus:
        before += (
            "; with that much other work the figures show what the stack does on the CPU left over, "
            "not on a quiet machine"
        )
    for stage in stages:
        mean, _peak = stage.cpu.get("machine", (0.0, 0.0))
        if mean >= 0.85 * cpus:
            top = max(GROUPS, key=lambda g: grown(stage, g))
            shares = ", ".join(f"{g} {grown(stage, g):+.2f}" for g in GROUPS)
            return (
                f"CPU saturates first, at {stage.label} ({stage.users} users): the machine's {cpus} CPUs "
                f"{mean / cpus:.0%} busy on average {before}; of the added work {top} takes the most "
                f"(cores over idle: {shares})."
            )
    last = stages[-1]
    top = max(GROUPS, key=lambda g: grown(last, g))
    mean = last.cpu.get("machine", (0.0, 0.0))[0]
    return (
        f"Nothing saturates up to {last.label} ({last.users} users): the machine's {cpus} CPUs are "
        f"{mean / cpus:.0%} busy on average {before}; {top} adds the most."
    )


def markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
