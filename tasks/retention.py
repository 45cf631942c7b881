from celery import shared_task


@shared_task(name="cases.retention_purge")
def retention_purge() -> int:
    from cases.registry.retention import retention_dates_refresh
    from cases.registry.retention import retention_purge as purge

    retention_dates_refresh()
    return len(purge())
