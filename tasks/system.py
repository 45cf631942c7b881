from celery import shared_task


@shared_task(name="system.heartbeat")
def heartbeat(token: str) -> str:
    """Records that a worker ran a task; used by the deployment check and tests."""
    from cases.common.system import worker_heartbeat_record

    worker_heartbeat_record(token=token)
    return token
