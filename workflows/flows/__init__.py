"""One flow file per case type. viewflow imports `<app>.flows` on migrate, and the app loads it at
start-up (workflows/apps.py): every module here is imported, and each registers its flow for its case
types (workflows/casetypes.py). A new case type adds its file; nothing else here changes. filed.py is
the kernel's wiring that the types filed with 機構 share (it registers nothing)."""

import importlib
import pkgutil


def _import_flow_files() -> list[str]:
    names = sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))
    for name in names:
        importlib.import_module(f"{__name__}.{name}")
    return names


FLOW_FILES = _import_flow_files()
