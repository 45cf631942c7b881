from celery import shared_task


@shared_task(name="cases.retention_purge")
def retention_purge() -> int:
    from cases.qualification.list_retention import list_unmatched_erase
    from cases.registry.retention import retention_dates_refresh
    from cases.registry.retention import retention_purge as purge

    retention_dates_refresh()
    purged = len(purge())
    list_unmatched_erase()
    return purged
