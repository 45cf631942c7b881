"""送付用の表記 from the case page: the spelling the data file for 機構 carries where the 住民記録's cannot
(cases/submission/sendable.py). Offered only until the case's bundle is sealed (spelling_closed)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.kernel.access import case_get_for_user, user_acts_on
from cases.security.audit import audit_record
from cases.security.authz import permission_any
from cases.security.models.audit import AuditAction
from cases.security.refusals import refusal_record
from cases.security.scope import user_acts_citywide
from cases.submission.selectors.bundles import bundle_stopped_for_case
from cases.submission.sendable import (
    SPELLING_PERMISSIONS,
    SpellingClosed,
    datafile_panel,
    datafile_spelling_set,
    spelling_closed,
    spelling_sources,
)


def _refused(request: HttpRequest, case, text: str) -> HttpResponse:
    """A spelling sent for a case whose data file is sealed (a page opened before the seal, a hand-made
    POST): said on the case page and logged as a refusal (cases/security/refusals.py)."""
    refusal_record(request, message=text)
    messages.error(request, text)
    return redirect("case_detail", case_id=case.pk)


@require_POST
@login_required
@permission_any(*SPELLING_PERMISSIONS)
def datafile_spelling_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, case_id=case_id)
    if not user_acts_on(request.user, case):
        # Another office's case, seen but not theirs to act on: a refusal, logged by the middleware.
        raise PermissionDenied
    if closed := spelling_closed(case):
        return _refused(request, case, closed)
    if not datafile_panel(user=request.user, case=case)["editable"]:
        messages.error(request, _("この案件の送付用の表記は変更できません。"))
        return redirect("case_detail", case_id=case.pk)
    # Only the boxes this case's records carry (a カナ氏名 always, 漢字氏名 and 住所 on a 資格届出); a box
    # not sent is left as it is.
    given = {source: request.POST.get(source) for source in spelling_sources(case)}
    try:
        datafile_spelling_set(case=case, by=request.user, **given)
    except SpellingClosed as exc:  # sealed since the check above
        return _refused(request, case, str(exc))
    except ValueError as exc:
        messages.error(
            request, _("送付用の表記も送付データに載せられません: %(problems)s") % {"problems": exc}
        )
        return redirect("case_detail", case_id=case.pk)
    audit_record(
        action=AuditAction.CHANGE,
        request=request,
        resident_id=case.resident_id,
        case_id=case.pk,
        target="datafile_spelling",
        detail={source: bool((value or "").strip()) for source, value in given.items()},
    )
    messages.success(request, _("送付用の表記を保存しました。送付データにだけ使われます。"))
    _rebuild_hint(request, case)
    return redirect("case_detail", case_id=case.pk)


def _rebuild_hint(request: HttpRequest, case) -> None:
    """The case's draft bundle whose build stopped stays stopped until its ZIP is made again: say which,
    and who may do it (only the 本庁's 係長 rebuilds a bundle: cases/submission/views/bundle_common.py)."""
    bundle = bundle_stopped_for_case(case)
    if bundle is None:
        return
    if request.user.has_perm("cases.seal_bundle") and user_acts_citywide(request.user):
        stopped = _("この案件を含む送付の ZIP は作成が止まったままです。")
        link = _("送付 %(number)s の ZIP を再作成してください") % {"number": bundle.number}
        url = reverse("bundle_detail", args=[bundle.pk])
        messages.warning(request, format_html('{} <a href="{}">{}</a>', stopped, url, link))
        return
    messages.warning(
        request,
        _("送付 %(number)s の ZIP は作成が止まったままです。本庁の係長に「ZIP を再作成」を依頼してください。")
        % {"number": bundle.number},
    )
