"""axe-core in the browser tests (tests/browser/test_accessibility.py): the axe.min.js bundled in the
axe-core-python package (axe-core 4.4.3, MIT/MPL-2.0; the `test` extra installs it), injected into the
page by Selenium and run on the whole document for the rules tagged WCAG 2.0 A and AA, the criteria of
JIS X 8341-3:2016. Nothing is downloaded when the tests run (docs/decisions.md §48)."""

from pathlib import Path

import axe_core_python

AXE_SCRIPT = (Path(axe_core_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")

# JIS X 8341-3:2016 takes WCAG 2.0's success criteria as they are: level A and AA. axe files some checks
# of those criteria under "best-practice" (landmarks, heading order, a main heading, regions); they pass
# today and keep the structure the manual walk gave the pages, so they are checked too. No rule is
# excluded.
OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "best-practice"]},
    "resultTypes": ["violations"],
}

RUN = """
const options = arguments[0], done = arguments[arguments.length - 1];
axe.run(document, options).then(
  results => done(results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary || ''})),
  }))),
  error => done([{id: 'axe-error', impact: 'critical', help: String(error), nodes: []}]),
);
"""


def axe_violations(driver) -> list[dict]:
    """The current page's violations: each rule with its impact and the elements that fail it."""
    if not driver.execute_script("return typeof window.axe !== 'undefined'"):
        driver.execute_script(AXE_SCRIPT)
    driver.set_script_timeout(30)
    return driver.execute_async_script(RUN, OPTIONS)


def report(violations: list[dict], page: str) -> list[str]:
    """One line per failing element: rule id, impact, selector, page (and what axe says to fix)."""
    lines = []
    for violation in violations:
        for node in violation["nodes"] or [{"target": "", "summary": ""}]:
            summary = " ".join(node["summary"].split())[:200]
            lines.append(
                f"{violation['id']} ({violation['impact']}) {node['target']} on {page}: {violation['help']}"
                + (f" — {summary}" if summary else "")
            )
    return lines
