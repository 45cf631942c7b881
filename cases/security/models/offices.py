from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Office(models.Model):
    """市民課 (本庁) or one of the 支所 where a counter takes filings."""

    class Kind(models.TextChoices):
        MAIN = "main", _("本庁")
        BRANCH = "branch", _("支所")

    code = models.SlugField(_("事務所コード"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=50, unique=True)
    kind = models.CharField(_("区分"), max_length=10, choices=Kind.choices)
    sort_order = models.PositiveSmallIntegerField(_("表示順"), default=0)
    phone = models.CharField(
        _("電話番号"), max_length=20, blank=True, help_text=_("受付票・送付書に印刷する窓口の電話番号")
    )
    allowed_networks = models.TextField(
        _("利用可能な端末のネットワーク"),
        blank=True,
        help_text=_("CIDR を1行に1つ (例: 10.20.0.0/16)。空欄は制限なし。"),
    )

    class Meta:
        verbose_name = _("事務所")
        # Japanese has no plural; English needs its own (the admin counts "29 Staff members").
        verbose_name_plural = pgettext_lazy("複数", "事務所")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name
