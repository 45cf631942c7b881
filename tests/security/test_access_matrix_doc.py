from pathlib import Path

from django.conf import settings

from cases.management.access_matrix_doc import access_matrix_markdown

DOC = Path(settings.BASE_DIR) / "docs" / "security" / "access-matrix.md"


def test_the_access_matrix_document_matches_the_data():
    assert DOC.read_text(encoding="utf-8") == access_matrix_markdown(), (
        "docs/security/access-matrix.md が cases/security/access_matrix.py と食い違っています。"
        "python manage.py access_matrix > docs/security/access-matrix.md で作り直してください。"
    )
