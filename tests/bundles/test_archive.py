import datetime as dt
import io
import json
import zipfile

import pytest

from cases.submission.archive import MANIFEST, Entry, archive_build, archive_verify, sha256_hex

STAMP = dt.datetime(2026, 3, 6, 15, 0)  # noqa: DTZ001 - ZIP times are naive local times
ENTRIES = [
    Entry("data/S20260306-1500.dat", b"1" * 200 + b"\r\n"),
    Entry("cases/2026-000002/filing.pdf", b"%PDF-1.4 two"),
    Entry("cases/2026-000001/filing.pdf", b"%PDF-1.4 one"),
]


def test_same_inputs_give_the_same_bytes_in_any_order():
    first, _ = archive_build(entries=ENTRIES, manifest={"bundle": {"number": "S1"}}, stamp=STAMP)
    second, _ = archive_build(entries=ENTRIES[::-1], manifest={"bundle": {"number": "S1"}}, stamp=STAMP)
    assert first == second


def test_entries_are_sorted_and_stamped_with_the_cut_off():
    data, _ = archive_build(entries=ENTRIES, manifest={}, stamp=STAMP)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    assert [info.filename for info in infos] == [
        MANIFEST,
        "cases/2026-000001/filing.pdf",
        "cases/2026-000002/filing.pdf",
        "data/S20260306-1500.dat",
    ]
    assert {info.date_time for info in infos} == {(2026, 3, 6, 15, 0, 0)}
    assert [info.compress_type for info in infos] == [
        zipfile.ZIP_DEFLATED,
        zipfile.ZIP_STORED,
        zipfile.ZIP_STORED,
        zipfile.ZIP_DEFLATED,
    ]


def test_the_manifest_hashes_every_other_file():
    data, manifest = archive_build(entries=ENTRIES, manifest={"bundle": {"number": "S1"}}, stamp=STAMP)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        stored = json.loads(archive.read(MANIFEST))
        for name, expected in stored["files"].items():
            assert sha256_hex(archive.read(name)) == expected["sha256"]
    assert stored == manifest
    assert set(stored["files"]) == {entry.path for entry in ENTRIES}
    assert archive_verify(data) == []


def test_verification_finds_a_replaced_or_damaged_file():
    data, manifest = archive_build(entries=ENTRIES, manifest={}, stamp=STAMP)
    replaced = io.BytesIO()
    with zipfile.ZipFile(replaced, "w") as archive:
        archive.writestr(MANIFEST, json.dumps(manifest))
        for entry in ENTRIES:
            archive.writestr(entry.path, entry.data.replace(b"one", b"uno"))
    assert archive_verify(replaced.getvalue()) == ["cases/2026-000001/filing.pdf: SHA-256 が一致しません"]
    damaged = data.replace(b"%PDF-1.4 one", b"%PDF-1.4 two")
    assert archive_verify(damaged) == ["cases/2026-000001/filing.pdf: 破損しています (CRC 不一致)"]


def test_duplicate_paths_are_refused():
    with pytest.raises(ValueError, match="重複"):
        archive_build(entries=[ENTRIES[0], ENTRIES[0]], manifest={}, stamp=STAMP)
