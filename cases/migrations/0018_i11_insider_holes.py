# Issue 11: close the insider holes (docs/decisions.md §17).
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# PostgreSQL: TRUNCATE is refused like UPDATE and DELETE (0009). The test suite empties tables between
# transactional tests with session_replication_role = replica, which only a superuser may set
# (tests/conftest.py); the application's role can do neither (cases/security/db_roles.py).
PG_TRUNCATE = """
DROP TRIGGER IF EXISTS cases_auditentry_no_truncate ON cases_auditentry;
CREATE TRIGGER cases_auditentry_no_truncate
    BEFORE TRUNCATE ON cases_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION cases_auditentry_append_only();
"""
PG_TRUNCATE_DROP = "DROP TRIGGER IF EXISTS cases_auditentry_no_truncate ON cases_auditentry;"

# SQLite (the embedded demo): the same refusal. SQLite has no TRUNCATE; DELETE covers it.
SQLITE_TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS cases_auditentry_no_update BEFORE UPDATE ON cases_auditentry
    BEGIN SELECT RAISE(ABORT, 'cases_auditentry is append-only (UPDATE refused)'); END;""",
    """CREATE TRIGGER IF NOT EXISTS cases_auditentry_no_delete BEFORE DELETE ON cases_auditentry
    BEGIN SELECT RAISE(ABORT, 'cases_auditentry is append-only (DELETE refused)'); END;""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS cases_auditentry_no_update;",
    "DROP TRIGGER IF EXISTS cases_auditentry_no_delete;",
]


def triggers_forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_TRUNCATE, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement, params=None)


def triggers_backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_TRUNCATE_DROP, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("cases", "0017_i10_statute_rules")]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="key_id",
            field=models.CharField(blank=True, default="", max_length=16, verbose_name="鍵ID"),
        ),
        migrations.CreateModel(
            name="RoleGrant",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("role", models.CharField(max_length=20, verbose_name="役割")),
                (
                    "state",
                    models.CharField(
                        choices=[("pending", "承認待ち"), ("approved", "承認済"), ("refused", "却下")],
                        default="pending",
                        max_length=10,
                        verbose_name="状態",
                    ),
                ),
                ("requested_at", models.DateTimeField(auto_now_add=True, verbose_name="依頼日時")),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="承認日時")),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="承認者",
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="依頼者",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="role_grants",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="職員",
                    ),
                ),
            ],
            options={
                "verbose_name": "役割の付与",
                "verbose_name_plural": "役割の付与 (承認待ち・履歴)",
                "ordering": ["-requested_at"],
                "permissions": [("approve_rolegrant", "役割の付与の承認")],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("state", "pending")),
                        fields=("user", "role"),
                        name="rolegrant_one_pending_per_role",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="RevealApproval",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("requested_at", models.DateTimeField(auto_now_add=True, verbose_name="依頼日時")),
                (
                    "purpose",
                    models.CharField(
                        choices=[
                            ("identity", "本人確認 (窓口での番号の確認)"),
                            ("filing", "申請書・届書の作成・確認"),
                            ("pension_office", "日本年金機構への照会・回答"),
                            ("request", "開示・訂正・利用停止請求への対応"),
                            ("other", "その他 (備考に記載)"),
                        ],
                        max_length=20,
                        verbose_name="利用目的",
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="備考")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("pending", "承認待ち"),
                            ("approved", "承認済"),
                            ("refused", "却下"),
                            ("used", "表示済"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="状態",
                    ),
                ),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="承認日時")),
                ("used_at", models.DateTimeField(blank=True, null=True, verbose_name="表示日時")),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="承認者",
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="依頼者",
                    ),
                ),
                (
                    "resident",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="cases.resident",
                        verbose_name="対象者",
                    ),
                ),
            ],
            options={
                "verbose_name": "個人番号の表示の承認",
                "verbose_name_plural": "個人番号の表示の承認",
                "ordering": ["-requested_at"],
            },
        ),
        migrations.CreateModel(
            name="SecurityAlert",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("reveal_limit", "個人番号の表示が上限に達し停止"),
                            ("reveal_unusual", "個人番号の表示件数が通常と異なる"),
                        ],
                        max_length=20,
                        verbose_name="種類",
                    ),
                ),
                ("at", models.DateTimeField(auto_now_add=True, verbose_name="日時")),
                ("detail", models.JSONField(blank=True, default=dict, verbose_name="詳細")),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="security_alerts",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="職員",
                    ),
                ),
            ],
            options={
                "verbose_name": "警告",
                "verbose_name_plural": "警告",
                "ordering": ["-at"],
            },
        ),
        migrations.CreateModel(
            name="RevealSuspension",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("since", models.DateTimeField(auto_now_add=True, verbose_name="停止日時")),
                ("reason", models.CharField(max_length=200, verbose_name="理由")),
                ("lifted_at", models.DateTimeField(blank=True, null=True, verbose_name="解除日時")),
                (
                    "lifted_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="解除者",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reveal_suspensions",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="職員",
                    ),
                ),
            ],
            options={
                "verbose_name": "個人番号の表示の停止",
                "verbose_name_plural": "個人番号の表示の停止",
                "ordering": ["-since"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("lifted_at__isnull", True)),
                        fields=("user",),
                        name="revealsuspension_one_open",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ResultUpload",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("filename", models.CharField(max_length=255, verbose_name="ファイル名")),
                ("sha256", models.CharField(max_length=64, verbose_name="SHA-256")),
                ("stored", models.CharField(max_length=255, verbose_name="保存先 (暗号化)")),
                ("line_count", models.PositiveIntegerField(default=0, verbose_name="行数")),
                ("preview", models.JSONField(blank=True, default=list, verbose_name="反映内容")),
                (
                    "state",
                    models.CharField(
                        choices=[("pending", "確認待ち"), ("applied", "反映済"), ("rejected", "却下")],
                        default="pending",
                        max_length=10,
                        verbose_name="状態",
                    ),
                ),
                ("uploaded_at", models.DateTimeField(auto_now_add=True, verbose_name="取込日時")),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="確認日時")),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="確認者",
                    ),
                ),
                (
                    "result_import",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="uploads",
                        to="cases.resultimport",
                        verbose_name="取込番号",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="取込者",
                    ),
                ),
            ],
            options={
                "verbose_name": "処理結果一覧表の確認待ち",
                "verbose_name_plural": "処理結果一覧表の確認待ち",
                "ordering": ["-uploaded_at", "-id"],
            },
        ),
        migrations.AddField(
            model_name="importbatch",
            name="beat_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="最終応答"),
        ),
        migrations.AddField(
            model_name="submissionbundle",
            name="job_beat_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="ジョブの最終応答"),
        ),
        migrations.AddField(
            model_name="inquiry",
            name="office",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="cases.office",
                verbose_name="受付事務所",
            ),
        ),
        migrations.CreateModel(
            name="InquiryRevision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField(auto_now_add=True, verbose_name="日時")),
                ("data", models.JSONField(verbose_name="内容")),
                (
                    "by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="変更者",
                    ),
                ),
                (
                    "inquiry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="revisions",
                        to="cases.inquiry",
                        verbose_name="問合せ",
                    ),
                ),
            ],
            options={
                "verbose_name": "問合せの変更履歴",
                "verbose_name_plural": "問合せの変更履歴",
                "ordering": ["at", "id"],
            },
        ),
        migrations.RunPython(triggers_forward, triggers_backward),
    ]
