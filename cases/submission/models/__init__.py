"""The weekly submission to 日本年金機構 and the reconciliation of its 処理結果一覧表.

Re-exported here so that `from cases.submission.models import …` and the app's model loading keep working."""

from cases.submission.models.bundles import BundleItem, SubmissionBundle
from cases.submission.models.results import Discrepancy, ResultImport, ResultLine
from cases.submission.models.transfers import RegistryTransfer

__all__ = ["BundleItem", "Discrepancy", "RegistryTransfer", "ResultImport", "ResultLine", "SubmissionBundle"]
