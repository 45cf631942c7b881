"""A long 送付一覧表 is laid out in parts by several processes and joined (documents/parts.py,
documents/parallel.py): the joined PDF must read as the one-piece PDF does, and a part whose
process dies or fails must neither be lost nor hang the weekly job."""

import io
import logging
import os
import re
import time

import pytest
from pypdf import PdfReader

import documents.parallel
from documents.parts import bundle_list_parts, part_count
from documents.rendering import DocumentResourceRefused, render_pdf
from tests.documents.test_rendering import TEMPLATES, embedded_fonts

TEMPLATE, CONTEXT, _EXPECTED = TEMPLATES["bundle_list"]


def long_list(count: int, *, sections: bool = False) -> dict:
    rows = [{**CONTEXT["rows"][0], "number": f"2026-{n:06d}"} for n in range(1, count + 1)]
    if sections:
        cut = count // 3
        return {
            **CONTEXT,
            "rows": rows,
            "sections": [
                {"label": "免除・納付猶予", "code": "a", "rows": rows[:cut]},
                {"label": "障害基礎年金", "code": "b", "rows": rows[cut:]},
            ],
        }
    return {**CONTEXT, "rows": rows}


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def two_processes(settings):
    settings.NENKIN_DOCUMENT_PROCESSES = 2
    settings.NENKIN_DOCUMENT_PART_ROWS = 30
    return settings


def test_a_short_list_stays_in_one_piece(two_processes):
    context = long_list(59)
    assert part_count(59) == 1 and bundle_list_parts(context) == [context]


def test_the_parts_carry_every_row_once_in_order_numbered_as_in_the_whole_list(settings):
    settings.NENKIN_DOCUMENT_PROCESSES, settings.NENKIN_DOCUMENT_PART_ROWS = 3, 10
    context = long_list(40, sections=True)  # sections of 13 and 27 rows; parts of 14, 13, 13
    parts = bundle_list_parts(context)

    assert [part["part"]["first"] for part in parts] == [True, False, False]
    assert [part["part"]["last"] for part in parts] == [False, False, True]
    assert {part["part"]["total"] for part in parts} == {40} and all(part["part"]["note"] for part in parts)
    numbers = [row["number"] for part in parts for row in part["rows"]]
    assert numbers == [row["number"] for row in context["rows"]]
    listed = [(s["label"], row["no"]) for part in parts for s in part["sections"] for row in s["rows"]]
    assert listed == [("免除・納付猶予", n) for n in range(1, 14)] + [
        ("障害基礎年金", n) for n in range(1, 28)
    ]
    # The second section starts in the first part and goes on in the others, with its whole count.
    heads = [[(s["label"], s["count"], s["continued"]) for s in part["sections"]] for part in parts]
    assert heads == [
        [("免除・納付猶予", 13, False), ("障害基礎年金", 27, False)],
        [("障害基礎年金", 27, True)],
        [("障害基礎年金", 27, True)],
    ]
    assert "no" not in context["rows"][0]  # the snapshot itself is left as it was


def test_a_long_list_laid_out_in_parts_reads_as_the_one_piece_list(two_processes, tmp_path, monkeypatch):
    """Rows, numbering, heading and note as in one piece; 「n / N」 across the whole; IPAex only."""
    pids = tmp_path / "pids"
    layout = documents.parallel.layout_pdf

    def recording(**kwargs):
        with pids.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return layout(**kwargs)

    monkeypatch.setattr(documents.parallel, "layout_pdf", recording)
    context = long_list(90, sections=True)
    rendered = render_pdf(template=TEMPLATE, context=context)

    assert len(set(pids.read_text().split())) == 2  # this process and one forked for the second part
    pages = page_texts(rendered.pdf)
    assert rendered.pages == len(pages) >= 3
    for n, text in enumerate(pages, start=1):
        assert f"{n} / {rendered.pages}" in text and "整理番号" in text
    whole = "\n".join(pages)
    assert re.findall(r"2026-0000\d\d", whole) == [f"2026-{n:06d}" for n in range(1, 91)]
    assert whole.count("送 付 一 覧 表") == 1 and whole.count("90件") == 1
    assert re.findall(r"障害基礎年金 \(60件\)(（続き）)?", whole) == ["", "（続き）"]
    assert whole.count("原本別送") == 1 and "原本別送" in pages[-1]
    assert embedded_fonts(rendered.pdf) == {"IPAexGothic"}
    box = PdfReader(io.BytesIO(rendered.pdf)).pages[-1].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (297, 210)

    two_processes.NENKIN_DOCUMENT_PROCESSES = 1  # the same list in one piece: the same rows on the pages
    alone = page_texts(render_pdf(template=TEMPLATE, context=context).pdf)
    assert re.findall(r"2026-0000\d\d", "\n".join(alone)) == re.findall(r"2026-0000\d\d", whole)


def test_a_part_whose_process_dies_is_laid_out_by_the_job_itself(two_processes, monkeypatch, caplog):
    two_processes.NENKIN_DOCUMENT_PART_TIMEOUT = 2
    parent, layout = os.getpid(), documents.parallel.layout_pdf

    def dying_in_a_child(**kwargs):
        if os.getpid() != parent:
            os._exit(1)  # as a worker killed by the OOM killer would
        return layout(**kwargs)

    monkeypatch.setattr(documents.parallel, "layout_pdf", dying_in_a_child)
    with caplog.at_level(logging.WARNING, logger="documents.parallel"):
        rendered = render_pdf(template=TEMPLATE, context=long_list(60))

    assert "part 2 of 2 came back from no process" in caplog.text
    pages = page_texts(rendered.pdf)
    assert re.findall(r"2026-0000\d\d", "\n".join(pages)) == [f"2026-{n:06d}" for n in range(1, 61)]
    assert f"{rendered.pages} / {rendered.pages}" in pages[-1]


def test_a_part_still_at_it_after_the_timeout_is_killed_and_laid_out_by_the_job(
    two_processes, monkeypatch, caplog
):
    two_processes.NENKIN_DOCUMENT_PART_TIMEOUT = 1
    parent, layout = os.getpid(), documents.parallel.layout_pdf
    hung = []

    def hanging_in_a_child(**kwargs):
        if os.getpid() != parent:
            time.sleep(120)  # a child stuck on a lock it inherited
        return layout(**kwargs)

    monkeypatch.setattr(documents.parallel, "layout_pdf", hanging_in_a_child)
    real_kill = os.kill
    monkeypatch.setattr(
        documents.parallel.os, "kill", lambda pid, sig: (hung.append(pid), real_kill(pid, sig))
    )
    with caplog.at_level(logging.WARNING, logger="documents.parallel"):
        rendered = render_pdf(template=TEMPLATE, context=long_list(60))

    assert len(hung) == 1 and "part 2 of 2 came back from no process" in caplog.text
    with pytest.raises(ChildProcessError):
        os.waitpid(hung[0], 0)  # killed and reaped: no zombie left behind
    text = "\n".join(page_texts(rendered.pdf))
    assert re.findall(r"2026-0000\d\d", text) == [f"2026-{n:06d}" for n in range(1, 61)]


def test_an_error_in_a_part_fails_the_document_as_in_one_piece(two_processes, monkeypatch):
    parent, layout = os.getpid(), documents.parallel.layout_pdf

    def refused_in_a_child(**kwargs):
        if os.getpid() != parent:
            raise DocumentResourceRefused(
                "帳票テンプレートが許可されていない資源を参照しています: ['https://x']"
            )
        return layout(**kwargs)

    monkeypatch.setattr(documents.parallel, "layout_pdf", refused_in_a_child)
    with pytest.raises(DocumentResourceRefused):
        render_pdf(template=TEMPLATE, context=long_list(60))


def _in_a_worker_child(count: int) -> tuple[int, list[str]]:
    rendered = render_pdf(template=TEMPLATE, context=long_list(count))
    return rendered.pages, re.findall(r"2026-0000\d\d", "\n".join(page_texts(rendered.pdf)))


def test_a_celery_prefork_child_lays_out_the_parts(two_processes):
    """Celery's prefork children are daemonic billiard processes, from which multiprocessing may not
    start children: the parts are forked with os.fork, which works there too."""
    import billiard

    with billiard.Pool(1) as pool:
        pages, numbers = pool.apply_async(_in_a_worker_child, (90,)).get(timeout=120)

    assert pages >= 3 and numbers == [f"2026-{n:06d}" for n in range(1, 91)]
