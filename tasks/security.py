"""Periodic account housekeeping (assessment III: 有効期限までに変更を行わない場合は、ユーザーIDが失効)."""

from celery import shared_task


@shared_task(name="security.accounts_disable_expired")
def accounts_disable_expired() -> int:
    from cases.security.passwords import accounts_disable_expired as disable

    return disable()


@shared_task(name="security.audit_anchor")
def audit_anchor() -> int | None:
    """Appends the signed head of the access log to the anchor file (outside the database)."""
    from cases.security.audit_anchor import audit_anchor_write

    return audit_anchor_write().last_id


@shared_task(name="security.reveal_report")
def reveal_report() -> int:
    """Yesterday's unusual 個人番号 reveal counts, as alerts on the auditor's screen."""
    from cases.registry.reveals import reveal_report as report

    return len(report())
