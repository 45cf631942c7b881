from cases.common.system_models import WorkerHeartbeat


def worker_heartbeat_record(*, token: str) -> WorkerHeartbeat:
    heartbeat, _ = WorkerHeartbeat.objects.get_or_create(token=token)
    return heartbeat
