"""The residents seeder: households → 宛名, 個人番号, 年金記録 and 所得情報, inserted in batches."""

from django.db import transaction

from cases.demo import households
from cases.demo.context import SeedContext
from cases.demo.income import current_tax_year
from cases.demo.lifecycle import settle
from cases.demo.records import TABLES, RowBuilder, Rows
from cases.demo.writer import BackgroundFlush, RowWriter, indexes_built_afterwards
from cases.registry.models.income import IncomeRecord
from cases.registry.models.residents import Resident


def _flush(writer: RowWriter, rows: Rows) -> None:
    for name, model in TABLES:
        writer.write(model, getattr(rows, name))


def seed_residents(ctx: SeedContext) -> None:
    if ctx.residents <= 0:
        return
    existing = Resident.objects.count()
    if existing:
        ctx.notify(
            f"住民データが既に {existing:,} 人分あるため、デモ住民は作成しません (residents exist; skipped)."
        )
        ctx.count("住民 (既存)", "residents already present", existing)
        return
    rng = ctx.rng("residents")
    latest = current_tax_year(ctx.as_of)
    builder = RowBuilder(rng, ctx.as_of, (latest - 1, latest))
    totals = {name: 0 for name, _ in TABLES}
    made = 0
    # The tables are empty (no residents means no records hanging off them): load first, index after.
    with (
        transaction.atomic(),
        indexes_built_afterwards([model for _, model in TABLES if model is not IncomeRecord]),
    ):
        writer = RowWriter()
        background = BackgroundFlush(writer, lambda batch: _flush(writer, batch))
        rows = Rows()
        try:
            while made < ctx.residents:
                household = households.household(rng, ctx.as_of)
                household.members.sort(key=lambda m: not m.is_head)  # a trimmed household keeps its head
                del household.members[ctx.residents - made :]
                settle(rng, household, ctx.as_of)
                builder.add(rows, household)
                made += len(household.members)
                if len(rows.residents) >= ctx.batch_size or made >= ctx.residents:
                    for name in totals:
                        totals[name] += len(getattr(rows, name))
                    builder.seal(rows)
                    background.put(rows)
                    rows = Rows()
        except BaseException:
            background.close(discard=True)
            raise
        background.close()
    ctx.count("世帯", "households", builder.households)
    ctx.count("住民 (宛名・個人番号)", "residents with 個人番号", totals["residents"])
    ctx.count("年金基本情報", "pension records", totals["pensions"])
    ctx.count("資格情報", "qualification periods", totals["qualifications"])
    ctx.count("付加年金情報", "additional pension rows", totals["additional"])
    ctx.count("免除情報 (過去分)", "past exemptions", totals["exemptions"])
    ctx.count(f"所得情報 ({latest - 1}・{latest}年度)", "income records", totals["incomes"])
    ctx.count("所得の未申告者", "adults without any income record", builder.counts["undeclared"])
