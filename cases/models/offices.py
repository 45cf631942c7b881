from django.db import models


class Office(models.Model):
    """市民課 (本庁) or one of the 支所 where a counter takes filings."""

    class Kind(models.TextChoices):
        MAIN = "main", "本庁"
        BRANCH = "branch", "支所"

    code = models.SlugField("事務所コード", max_length=30, unique=True)
    name = models.CharField("名称", max_length=50, unique=True)
    kind = models.CharField("区分", max_length=10, choices=Kind.choices)
    sort_order = models.PositiveSmallIntegerField("表示順", default=0)
    allowed_networks = models.TextField(
        "利用可能な端末のネットワーク",
        blank=True,
        help_text="CIDR を1行に1つ (例: 10.20.0.0/16)。空欄は制限なし。",
    )

    class Meta:
        verbose_name = "事務所"
        verbose_name_plural = "事務所"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name
