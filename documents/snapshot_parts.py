"""The parts every document snapshot shares: the Snapshot itself, its version, the case's and the city's
heading, the staff's names, and which documents a case can have (documents/snapshots.py builds them)."""

import hashlib
import json
from dataclasses import dataclass

from django.conf import settings

from cases.kernel.casetypes import CaseTypeNotRegistered, casetype_spec, filing_form_of
from cases.kernel.filing import FilingForm
from cases.kernel.models import Case
from documents.filing import iso
from documents.models import Document
from documents.mynumber import mynumber_digest_view

Kind = Document.Kind
SNAPSHOT_VERSION = 1


class DocumentNotAvailable(ValueError):
    """This kind of document cannot be made for this case (yet)."""


@dataclass(frozen=True)
class Snapshot:
    template: str
    context: dict
    includes_mynumber: bool = False

    @property
    def sha256(self) -> str:
        context = dict(self.context)
        if "mynumber" in context:
            context["mynumber"] = mynumber_digest_view(context["mynumber"])
        canonical = json.dumps(
            {"template": self.template, "context": context},
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
        return hashlib.sha256(canonical.encode()).hexdigest()


def _staff(user) -> str:
    return (user.display_name or user.username) if user else ""


def _office_phone(office) -> str:
    return office.phone if office else ""


def _case_part(case: Case) -> dict:
    return {
        "id": case.pk,
        "number": case.number,
        "case_type": case.case_type,
        "case_type_label": case.type_label,
        "received_on": iso(case.received_on),
        "office": {"code": case.office.code, "name": case.office.name, "phone": _office_phone(case.office)},
    }


def case_part(case: Case) -> dict:
    """What every case document prints of the case (for builders registered by a type's module)."""
    return _case_part(case)


def city_part() -> dict:
    return _city()


def _city() -> dict:
    return {
        "name": settings.NENKIN_CITY_NAME,
        "section": getattr(settings, "NENKIN_SENDER_SECTION", "市民課"),
        "lg_code": settings.NENKIN_LG_CODE,
        "pension_office": settings.NENKIN_PENSION_OFFICE,
    }


def form_for_listing(case: Case) -> FilingForm:
    """The 機構 form a case is filed on; a type kept at the city is listed under its own name."""
    try:
        return filing_form_of(case)
    except CaseTypeNotRegistered:
        return FilingForm(str(case.case_type), case.type_label, case.type_label, case.type_label)


def case_document_kinds(case: Case) -> list[str]:
    """The documents a case can have, in the order the case page lists them (its type's spec)."""
    return casetype_spec(case.case_type).document_kinds(case)
