"""Counter data (who came, 代理人, 委任状, identity documents shown) kept once for every case type in
CounterRecord; the exemption application and the resident request lose their own copies. Existing
cases keep what was recorded: it is copied before the columns go."""

import django.db.models.deletion
from django.db import migrations, models


def copy_counter(apps, schema_editor):
    CounterRecord = apps.get_model("cases", "CounterRecord")
    ExemptionApplication = apps.get_model("cases", "ExemptionApplication")
    ResidentRequest = apps.get_model("cases", "ResidentRequest")
    records = []
    for app in ExemptionApplication.objects.all().iterator():
        agent = bool(app.agent_name or app.agent_relationship)
        records.append(
            CounterRecord(
                case_id=app.case_id,
                requester="agent" if agent else "self",
                agent_name=app.agent_name,
                agent_relationship=app.agent_relationship,
                power_of_attorney=app.power_of_attorney,
                identity_documents=app.identity_documents,
                identity_note=app.identity_note,
            )
        )
    for request in ResidentRequest.objects.all().iterator():
        records.append(
            CounterRecord(
                case_id=request.case_id,
                requester=request.requester or "self",
                agent_name=request.agent_name,
                agent_relationship=request.agent_relationship,
                identity_documents=request.identity_documents,
                identity_note=request.identity_note,
            )
        )
    CounterRecord.objects.bulk_create(records, batch_size=1000)


def copy_back(apps, schema_editor):
    CounterRecord = apps.get_model("cases", "CounterRecord")
    ExemptionApplication = apps.get_model("cases", "ExemptionApplication")
    ResidentRequest = apps.get_model("cases", "ResidentRequest")
    for record in CounterRecord.objects.all().iterator():
        values = {
            "agent_name": record.agent_name,
            "agent_relationship": record.agent_relationship,
            "identity_documents": record.identity_documents,
            "identity_note": record.identity_note,
        }
        ExemptionApplication.objects.filter(case_id=record.case_id).update(
            power_of_attorney=record.power_of_attorney, **values
        )
        ResidentRequest.objects.filter(case_id=record.case_id).update(requester=record.requester, **values)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0014_office_phone_use_resumed"),
    ]

    operations = [
        migrations.CreateModel(
            name='CounterRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='作成日時')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新日時')),
                ('requester', models.CharField(choices=[('self', '本人'), ('agent', '代理人')], default='self', max_length=10, verbose_name='来庁者')),
                ('agent_name', models.CharField(blank=True, max_length=100, verbose_name='代理人氏名')),
                ('agent_relationship', models.CharField(blank=True, max_length=50, verbose_name='代理人との関係')),
                ('power_of_attorney', models.BooleanField(default=False, verbose_name='委任状あり')),
                ('identity_documents', models.JSONField(blank=True, default=list, verbose_name='本人確認書類')),
                ('identity_note', models.CharField(blank=True, max_length=200, verbose_name='本人確認の備考')),
                ('case', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='counter', to='cases.case', verbose_name='案件')),
            ],
            options={
                'verbose_name': '窓口の記録',
                'verbose_name_plural': '窓口の記録',
            },
        ),
        migrations.RunPython(copy_counter, copy_back),
        migrations.RemoveField(
            model_name='exemptionapplication',
            name='agent_name',
        ),
        migrations.RemoveField(
            model_name='exemptionapplication',
            name='agent_relationship',
        ),
        migrations.RemoveField(
            model_name='exemptionapplication',
            name='identity_documents',
        ),
        migrations.RemoveField(
            model_name='exemptionapplication',
            name='identity_note',
        ),
        migrations.RemoveField(
            model_name='exemptionapplication',
            name='power_of_attorney',
        ),
        migrations.RemoveField(
            model_name='residentrequest',
            name='agent_name',
        ),
        migrations.RemoveField(
            model_name='residentrequest',
            name='agent_relationship',
        ),
        migrations.RemoveField(
            model_name='residentrequest',
            name='identity_documents',
        ),
        migrations.RemoveField(
            model_name='residentrequest',
            name='identity_note',
        ),
        migrations.RemoveField(
            model_name='residentrequest',
            name='requester',
        ),
        migrations.AlterField(
            model_name='case',
            name='case_type',
            field=models.CharField(max_length=20, verbose_name='種別'),
        ),
    ]
