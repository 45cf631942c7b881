from django.db import models
from django.utils.translation import gettext_lazy as _


class ScreeningRuleSet(models.Model):
    """所得基準 parameters (domain.md §1.2) in force from one 免除年度 until the next row's.

    Rules read these values instead of constants because the figures change with tax reforms and
    some are still UNCONFIRMED against the 施行令 text.
    """

    valid_from_year = models.PositiveSmallIntegerField(
        _("適用開始年度"), unique=True, help_text=_("免除年度 (7月始まり)")
    )
    params = models.JSONField(_("パラメータ (円)"))
    source = models.TextField(_("根拠・備考"), blank=True)

    class Meta:
        verbose_name = _("所得基準")
        verbose_name_plural = _("所得基準")
        ordering = ["-valid_from_year"]
        permissions = [("screen_exemption", "免除の所得基準 事前判定 (参考)")]

    def __str__(self) -> str:
        return f"{self.valid_from_year}年度〜"
