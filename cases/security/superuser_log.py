"""Making and unmaking a superuser is in the access log (PIA III-3 リスク2), however it happens:
`createsuperuser` on the server, the admin's 「スーパーユーザー権限」 tick, or a save in the shell.

A signal sees every path that saves the account through the model (not a bare `QuerySet.update`, which
nothing in the code uses for it). The actor is known only when the admin site saved it: the admin hands
it over (`superuser_change_by`); any other save is logged in the name of 「system」, and the city's records
say who ran the command.
"""

from django.http import HttpRequest

from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.users import User

# What the access log names when no person is known (createsuperuser, the shell).
SYSTEM_ACTOR = "system"


def superuser_change_by(user: User, *, by: User, request: HttpRequest | None = None) -> None:
    """The admin site names who is saving `user` before it saves: the entry, if any, is theirs."""
    user._nenkin_saved_by = (by, request)


def superuser_before_save(sender, instance: User, raw=False, update_fields=None, **kwargs) -> None:
    """pre_save of User: what the row says now, to compare after the save."""
    if update_fields is not None and "is_superuser" not in update_fields:
        instance._nenkin_was_superuser = None  # not saved by this call: nothing to compare
    elif instance._state.adding or instance.pk is None:
        instance._nenkin_was_superuser = False
    else:
        was = User.objects.filter(pk=instance.pk).values_list("is_superuser", flat=True).first()
        instance._nenkin_was_superuser = bool(was)


def superuser_after_save(sender, instance: User, created=False, **kwargs) -> None:
    """post_save of User: one entry when the save switched superuser status on or off."""
    was = getattr(instance, "_nenkin_was_superuser", None)
    instance._nenkin_was_superuser = None
    if was is None or was == instance.is_superuser:
        return
    by, request = getattr(instance, "_nenkin_saved_by", (None, None))
    audit_record(
        action=AuditAction.CHANGE,
        actor=by,
        request=request,
        username="" if by is not None else SYSTEM_ACTOR,
        target=f"職員:{instance.username}",
        detail={
            "event": "superuser_granted" if instance.is_superuser else "superuser_revoked",
            "created": bool(created),
        },
    )
