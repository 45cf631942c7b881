"""The names staff have had, for the access log's 職員 filter (models.audit.StaffName)."""

from cases.security.models.audit import StaffName


def staff_name_note(sender, instance, **kwargs) -> None:
    """post_save of User: the name it is saved with is noted once (entries written from now on keep it)."""
    if instance.display_name:
        StaffName.objects.get_or_create(user_id=instance.pk, name=instance.display_name)
