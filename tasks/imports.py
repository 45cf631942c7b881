from celery import shared_task


@shared_task(name="imports.run")
def run_import(batch_id: int) -> str:
    """Runs an uploaded import; takes the ImportBatch id only (the file stays in private storage)."""
    from cases.registry.imports.batches import importbatch_run

    return importbatch_run(batch_id=batch_id).status


@shared_task(name="imports.sweep_abandoned")
def sweep_abandoned() -> int:
    """Deletes uploaded files of imports stopped long ago (they may hold plain 個人番号)."""
    from cases.registry.imports.sweep import imports_sweep_abandoned

    return imports_sweep_abandoned()
