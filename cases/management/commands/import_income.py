from cases.management.imports import ImportCommand
from cases.registry.models.imports import ImportBatch


class Command(ImportCommand):
    help = "住民税の所得情報 CSV (1人1賦課年度1行) を取り込みます。1行でも誤りがあれば何も取り込みません。"
    kind = ImportBatch.Kind.INCOME
    purpose = "所得情報の取込"
