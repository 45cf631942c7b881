"""Start-up checks: no Japanese font, no documents (a PDF of tofu is worse than none)."""

from django.core import checks

from documents.fonts import (
    FONT_MISSING_MESSAGE,
    harfbuzz_subset_available,
    installed_font_families,
    pdf_font_family,
    weasyprint_load_error,
)


@checks.register()
def japanese_font_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    load_error = weasyprint_load_error()
    if load_error:
        return [
            checks.Error(
                f"WeasyPrint を読み込めないため帳票を作成できません ({load_error})。",
                hint="Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0",
                id="documents.E002",
            )
        ]
    family = pdf_font_family()
    if family in installed_font_families():
        return []
    return [
        checks.Error(
            FONT_MISSING_MESSAGE,
            hint=f"フォント「{family}」が fontconfig に登録されていません (設定 NENKIN_PDF_FONT_FAMILY)。"
            " Debian: apt-get install fonts-ipaexfont",
            id="documents.E001",
        )
    ]


@checks.register()
def harfbuzz_subset_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if harfbuzz_subset_available() or weasyprint_load_error():
        return []
    return [
        checks.Warning(
            "HarfBuzz-subset がないため、PDF の作成が大幅に遅くなります (1ページ約0.4秒)。",
            hint="Debian: apt-get install libharfbuzz-subset0",
            id="documents.W001",
        )
    ]
