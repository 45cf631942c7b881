"""The weekly bundle's seal with the flows resumed: the cases part (cases/submission/bundle_seal.py)
marks the cases 送付済 and is handed `handles_complete` (workflows/bulk.py) to complete their 送付待ち,
a batch at a time. The seal job, the
demo and the tests call this."""

from cases.security.models.users import User
from cases.submission.bundle_common import Progress
from cases.submission.bundle_seal import bundle_seal as _seal
from cases.submission.models import SubmissionBundle
from workflows.bulk import handles_complete


def bundle_seal(*, bundle: SubmissionBundle, by: User, progress: Progress | None = None) -> SubmissionBundle:
    return _seal(bundle=bundle, by=by, resume=handles_complete, progress=progress)
