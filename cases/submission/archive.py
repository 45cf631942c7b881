"""The bundle ZIP, byte-for-byte reproducible.

Same inputs, same bytes: entries sorted by path, every entry stamped with the same fixed time (the
bundle's cut-off), fixed permissions and creator system, fixed compression (PDFs are already
compressed and are stored; text is deflated at level 9), and a manifest with sorted keys. So a
rebuild can be compared with what was sent by its SHA-256 alone.
"""

import datetime as dt
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass

MANIFEST = "manifest.json"
FORMAT = "nenkin-desk/submission-bundle/1"
_UNIX = 3
_FILE_MODE = 0o100644 << 16


@dataclass(frozen=True)
class Entry:
    path: str
    data: bytes
    sha256: str = ""  # when the caller has just verified it (a stored PDF), so it is not hashed twice

    @property
    def digest(self) -> str:
        return self.sha256 or sha256_hex(self.data)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_bytes(manifest: dict) -> bytes:
    return json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=2).encode("utf-8") + b"\n"


def _info(path: str, stamp: tuple[int, ...]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(path, date_time=stamp)
    info.create_system = _UNIX
    info.external_attr = _FILE_MODE
    info.compress_type = zipfile.ZIP_STORED if path.endswith(".pdf") else zipfile.ZIP_DEFLATED
    return info


def archive_build(*, entries: list[Entry], manifest: dict, stamp: dt.datetime) -> tuple[bytes, dict]:
    """The ZIP and the full manifest (the given one plus the SHA-256 and size of every entry).

    `stamp` is a naive local time; ZIP stores no time zone and nothing before 1980.
    """
    paths = [entry.path for entry in entries]
    if len(set(paths)) != len(paths) or MANIFEST in paths:
        raise ValueError("ZIP のファイル名が重複しています。")
    full = {
        **manifest,
        "format": FORMAT,
        "files": {
            entry.path: {"sha256": entry.digest, "bytes": len(entry.data)}
            for entry in sorted(entries, key=lambda e: e.path)
        },
    }
    when = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_info(MANIFEST, when), manifest_bytes(full), compresslevel=9)
        for entry in sorted(entries, key=lambda e: e.path):
            archive.writestr(_info(entry.path, when), entry.data, compresslevel=9)
    return buffer.getvalue(), full


def archive_verify(data: bytes) -> list[str]:
    """Problems found when checking every entry against the manifest (empty when it is intact)."""
    problems = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read(MANIFEST))
        listed = manifest.get("files", {})
        for name in sorted(names - {MANIFEST} - set(listed)):
            problems.append(f"{name}: マニフェストにありません")
        for name, expected in sorted(listed.items()):
            if name not in names:
                problems.append(f"{name}: ZIP にありません")
                continue
            try:
                content = archive.read(name)
            except zipfile.BadZipFile:
                problems.append(f"{name}: 破損しています (CRC 不一致)")
                continue
            if sha256_hex(content) != expected["sha256"]:
                problems.append(f"{name}: SHA-256 が一致しません")
    return problems
