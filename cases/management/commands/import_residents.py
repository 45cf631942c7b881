from cases.management.imports import ImportCommand
from cases.registry.models.imports import ImportBatch


class Command(ImportCommand):
    help = "住民記録の CSV を取り込みます (宛名情報・個人番号・異動履歴)。1行でも誤りがあれば何も取り込みません。"
    kind = ImportBatch.Kind.RESIDENTS
    purpose = "住民記録の取込"
