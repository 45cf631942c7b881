"""The 資格届出's background jobs. Ids only; safe to run twice (documents/solicitations.py)."""

from celery import shared_task


@shared_task(name="qualification.letters")
def qualification_letters(list_id: int, user_id: int) -> list[int]:
    """The 勧奨状 of a list, one batched PDF, with progress on the list (as asked for by `user_id`)."""
    from cases.security.models.users import User
    from documents.solicitations import letters_render

    return letters_render(list_id=list_id, by=User.objects.filter(pk=user_id).first())
