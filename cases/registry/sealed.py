"""The registry's sealed column for key rotation: 個人番号 (`MyNumber.ciphertext`)."""

from cases.registry.models.pension import MyNumber
from cases.security.crypto import DecryptionError, mynumber_reencrypt
from cases.security.sealed_stores import MYNUMBERS, SealedColumn, sealed_store_register


def _mynumber_reseal(row: MyNumber) -> None:
    row.ciphertext, row.key_id = mynumber_reencrypt(ciphertext=row.ciphertext, atena_no=row.resident.atena_no)


sealed_store_register(
    SealedColumn(
        kind=MYNUMBERS,
        rows=lambda: MyNumber.objects.exclude(ciphertext="").select_related("resident"),
        lookup="ciphertext",
        sealed_of=lambda row: row.ciphertext,
        reseal=_mynumber_reseal,
        fields=("ciphertext", "key_id"),
        errors=(DecryptionError,),
    )
)
