"""Driving a city-year's cases through every stage with the calls the screens and the Celery jobs make:
`workflows.start.case_start` with each type's intake service, `workflows.steps` for each person's step
(after `engine.task_claim`, as the desk's 「担当する」 does), `workflows.withdraw.case_withdraw`, the
weekly bundle's build, seal and hand-over, and 機構's results uploaded by one 係長 and applied by another
(the flow completions run as the jobs the import queues; Celery is in-process in these settings).

Each week: 受付 of the week's cases, then every open step once, in the order a desk works them
(書類不備 answered, 本人確認, 入力, 照合, 決裁); then the week's bundle and 機構's answer to it. A case sent
back (差戻し, 返戻) or waiting for papers goes on the next week. Used by bench/bench_city_year.py and
tests/bench/test_city_year.py.
"""

import datetime as dt
import os
import pickle
import time
from contextlib import contextmanager
from pathlib import Path

from django.db import connection, models
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from bench.city_year_spread import children_cpu, spread
from bench.city_year_world import WEEKS, Plan

STAGES = (
    "受付",
    "書類不備",
    "本人確認",
    "入力",
    "照合",
    "決裁",
    "取下げ",
    "送付",
    "結果受領",
    "VACUUM ANALYZE",
)
RESULTS_HEADER = "整理番号,基礎年金番号,判定結果,判定日,免除種類,期間開始,期間終了,理由,等級"
_TICK = 100.0  # Linux's clock ticks per second in /proc/<pid>/stat (USER_HZ)


def _backend_cpu() -> float:
    """CPU seconds the PostgreSQL backend serving this connection has used (it runs on this machine)."""
    return _backend()[1]


def _backend() -> tuple[int, float]:
    """The pid of the PostgreSQL backend serving this connection and the CPU seconds it has used."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return pid, 0.0
    return pid, (int(fields[11]) + int(fields[12])) / _TICK  # utime + stime


def rendering_once_per_template(render_pdf, keep: Path | None = None):
    """A stand-in for documents.services.render_pdf: WeasyPrint lays out the first document of each
    template, later ones store that PDF (snapshot, seal and storage stay real; see the bench's docstring).
    With `keep`, the PDFs are kept there too, so that processes forked later (--workers) find them."""
    rendered = {}

    def once_per_template(*, template: str, context: dict):
        if template not in rendered:
            kept = keep / template.replace("/", "__") if keep is not None else None
            if kept is not None and kept.exists():
                rendered[template] = pickle.loads(kept.read_bytes())  # written by this bench
            else:
                rendered[template] = render_pdf(template=template, context=context)
                if kept is not None:  # written whole, then renamed: a sibling never reads half of it
                    part = kept.with_name(f"{kept.name}.{os.getpid()}")
                    part.write_bytes(pickle.dumps(rendered[template]))
                    part.replace(kept)
        return rendered[template]

    return once_per_template


class Stats:
    """Per stage: how many cases went through it, wall seconds, this process's CPU seconds, the CPU
    seconds of the PostgreSQL backend of this process's connection, and the statements it sent."""

    def __init__(self) -> None:
        self.rows = {stage: [0, 0.0, 0.0, 0.0, 0] for stage in STAGES}
        self.queries = 0
        self.log: list[str] | None = None  # set to a list to keep the statements' text (profiling)

    def __call__(self, execute, sql, params, many, context):
        self.queries += 1
        if self.log is not None:
            self.log.append(sql)
        return execute(sql, params, many, context)

    @contextmanager
    def timed(self, stage: str, count: int):
        """The stage's figures; its CPU includes the processes it forked (joined inside it), whose
        backends' CPU and statements `shared` adds."""
        (backend, pg), queries = _backend(), self.queries
        wall, cpu = time.perf_counter(), time.process_time() + children_cpu()
        with connection.execute_wrapper(self):
            yield
        row = self.rows[stage]
        row[0] += count
        row[1] += time.perf_counter() - wall
        row[2] += time.process_time() + children_cpu() - cpu
        # Forking closes the connection; a backend opened inside the stage counts from its start.
        after, pg_after = _backend()
        row[3] += pg_after - pg if after == backend else pg_after
        row[4] += self.queries - queries

    def shared(self, stage: str, pg: float, queries: int) -> None:
        self.rows[stage][3] += pg
        self.rows[stage][4] += queries


class CityYear:
    def __init__(
        self, plans: list[Plan], clerks, supervisors, *, today: dt.date | None = None, workers: int = 1
    ) -> None:
        from cases.submission.bundle_common import weekly_cutoff

        self.plans = plans
        self.by_case: dict[int, Plan] = {}
        self.clerks, self.supervisors = clerks, supervisors
        self.users = {u.pk: u for u in [*clerks, *supervisors]}
        self.stats = Stats()
        self.workers = workers  # processes sharing each person's stage (the bundle and results: one)
        self.spread_stages = 0  # stages whose steps were shared among the workers
        self.today = today or timezone.localdate()
        last = weekly_cutoff()
        self.cutoffs = [last - dt.timedelta(weeks=WEEKS - 1 - w) for w in range(WEEKS)]
        self.papers_asked: dict[int, int] = {}  # case id → week the papers were asked for
        self.bundles: list[str] = []
        self.imports: list[int] = []

    # --- people ------------------------------------------------------------------------------------

    def clerk_of(self, plan: Plan):
        return self.clerks[plan.index % len(self.clerks)]

    def checker_of(self, plan: Plan):
        return self.clerks[(plan.index + 1) % len(self.clerks)]

    # --- the desk ----------------------------------------------------------------------------------

    def _open_tasks(self, node_name: str, stage: str) -> list[tuple[Plan, Task]]:
        """The open `node_name` tasks of cases at `stage`, oldest first (one query, as a desk list)."""
        from workflows.casetypes import flows

        nodes = [getattr(flow, node_name) for flow in flows() if hasattr(flow, node_name)]
        tasks = (
            Task.objects.filter(
                flow_task__in=nodes,
                status__in=[STATUS.NEW, STATUS.ASSIGNED],
                process__case__stage=stage,
            )
            .only("pk", "owner_id", "process_id")
            .annotate(case_id=models.F("process__case__id"))
            .order_by("pk")
        )
        return [(self.by_case[task.case_id], task) for task in tasks]

    def _take(self, task: Task, user) -> int:
        from workflows import engine

        if task.owner_id != user.pk:
            if task.owner_id:
                engine.task_release(task_id=task.pk, user=self.users[task.owner_id])
            engine.task_claim(task_id=task.pk, user=user)
        return task.pk

    def _steps(self, stage: str, todo: list, act) -> list:
        """`act` for each of the stage's cases, in this process or shared among `workers` processes
        (bench/city_year_spread.py); what act returns comes back in todo's order, for the parent's plans."""
        with self.stats.timed(stage, len(todo)):
            if self.workers == 1 or len(todo) < 2:
                return [act(item) for item in todo]
            returned, pg, queries = spread(todo, act, self.workers, _backend_cpu)
        self.stats.shared(stage, pg, queries)
        self.spread_stages += 1
        return returned

    def intake(self, week: int) -> None:
        from bench.city_year_types import intake

        todo = [p for p in self.plans if p.week == week]
        case_ids = self._steps("受付", todo, lambda plan: intake(plan, self.clerk_of(plan), self.today).pk)
        for plan, case_id in zip(todo, case_ids, strict=True):
            plan.case_id = case_id
            self.by_case[case_id] = plan

    def papers(self, week: int) -> None:
        from cases.kernel.stages import Stage
        from workflows import steps

        def act(item) -> None:
            plan, task = item
            clerk = self.clerk_of(plan)
            withdraw = plan.event == "withdraw_papers"
            steps.documents_outcome(
                task_id=self._take(task, clerk),
                user=clerk,
                received=not withdraw,
                comment="本人から取下げの申出" if withdraw else "通知カードと運転免許証を受領",
            )

        todo = [
            (p, t)
            for p, t in self._open_tasks("await_documents", Stage.AWAITING_DOCUMENTS)
            if self.papers_asked.get(p.case_id, week) < week
        ]
        self._steps("書類不備", todo, act)

    def identity(self, week: int) -> None:
        from cases.kernel.stages import Stage
        from workflows import steps

        def act(item) -> bool:
            plan, task = item
            clerk = self.clerk_of(plan)
            short = plan.event in ("papers", "withdraw_papers") and "papers" not in plan.done
            documents = ["notification_card"] if short else ["mynumber_card"]
            steps.identity_record(task_id=self._take(task, clerk), user=clerk, documents=documents)
            return short

        todo = self._open_tasks("verify_identity", Stage.IDENTITY)
        for (plan, _task), short in zip(todo, self._steps("本人確認", todo, act), strict=True):
            if short:
                plan.done.add("papers")
                self.papers_asked[plan.case_id] = week

    def input(self, week: int) -> None:
        from bench.city_year_types import input_data, papers_after_input
        from cases.kernel.stages import Stage
        from workflows import steps
        from workflows.withdraw import case_withdraw

        def act(item) -> None:
            plan, task = item
            clerk = self.clerk_of(plan)
            task_id = self._take(task, clerk)
            steps.input_save(task_id=task_id, user=clerk, data=input_data(plan, clerk))
            papers_after_input(plan, clerk)

        todo = self._open_tasks("enter_data", Stage.INPUT)
        withdrawn = [(p, t) for p, t in todo if p.event == "withdraw_input"]
        with self.stats.timed("取下げ", len(withdrawn)):
            for plan, _task in withdrawn:
                case_withdraw(case_id=plan.case_id, user=self.clerk_of(plan), reason="本人から取下げの申出")
        self._steps("入力", [(p, t) for p, t in todo if p.event != "withdraw_input"], act)

    def _sending_back_once(self, stage: str, node_name: str, at: str, event: str, act) -> None:
        """A stage that sends a case back once when its plan says so: `act(item, back)` does the step;
        the detour is then marked played, so the case goes through the next time."""
        todo = self._open_tasks(node_name, at)

        def step(item) -> bool:
            plan, _task = item
            back = plan.event == event and event not in plan.done
            act(item, back)
            return back

        for (plan, _task), back in zip(todo, self._steps(stage, todo, step), strict=True):
            if back:
                plan.done.add(event)

    def cross_check(self, week: int) -> None:
        from cases.kernel.stages import Stage
        from workflows import steps

        def act(item, back: bool) -> None:
            plan, task = item
            checker = self.checker_of(plan)
            steps.cross_check(
                task_id=self._take(task, checker),
                user=checker,
                matches=not back,
                reason="所得の年度が申請内容と異なります" if back else "",
            )

        self._sending_back_once("照合", "cross_check", Stage.CROSS_CHECK, "cross_back", act)

    def approval(self, week: int) -> None:
        from cases.kernel.stages import Stage
        from workflows import steps

        def act(item, back: bool) -> None:
            plan, task = item
            supervisor = self.supervisors[plan.index % len(self.supervisors)]
            steps.approval(
                task_id=self._take(task, supervisor),
                user=supervisor,
                approved=not back,
                reason="添付書類を確認してください" if back else "",
            )

        self._sending_back_once("決裁", "approve", Stage.APPROVAL, "approval_back", act)

    def dispatch(self, week: int):
        """The week passes (the approvals fall before Friday 15:00, as tests/browser/test_day.py does),
        then the 係長 builds the week's bundle, seals it and records the hand-over."""
        from cases.kernel.models import Case
        from cases.kernel.stages import Stage
        from cases.submission import bundles
        from workflows.submission import bundle_seal

        cutoff = self.cutoffs[week]
        ready = Case.objects.filter(stage=Stage.READY_TO_SEND)
        count = ready.update(stage_since=cutoff - dt.timedelta(hours=1))
        if not count:
            return None
        supervisor = self.supervisors[0]
        with self.stats.timed("送付", count):
            bundle = bundles.bundle_build(cutoff_at=cutoff, by=supervisor)
            bundle = bundle_seal(bundle=bundle, by=supervisor)
            # Sealed now (the seal has no date of its own), so handed over today.
            bundle = bundles.bundle_hand_over(
                bundle=bundle, by=supervisor, sent_on=self.today, medium="cd_r", received_by="旭川年金事務所"
            )
        self.bundles.append(bundle.number)
        return bundle

    def results(self, week: int, bundle) -> None:
        """機構's 処理結果一覧表 for the bundle: one 係長 uploads it, the other confirms and applies it."""
        from bench.city_year_types import answers
        from cases.submission.results_confirm import result_upload_apply, result_upload_stage

        if bundle is None:
            return
        case_ids = list(bundle.items.filter(live=True).values_list("case_id", flat=True))
        plans = [self.by_case[pk] for pk in case_ids]
        decided = self.today  # 機構's 判定日: not before the hand-over
        with self.stats.timed("結果受領", len(plans)):
            lines = answers(plans, decided)
            data = ("\n".join([RESULTS_HEADER, *lines]) + "\n").encode("utf-8")
            upload = result_upload_stage(
                filename=f"kekka-{bundle.number}.csv", data=data, by=self.supervisors[0]
            )
            imported = result_upload_apply(upload=upload, by=self.supervisors[1])
        for plan in plans:
            if plan.event == "returned":
                plan.done.add("returned")
        self.imports.append(imported.pk)

    def week(self, week: int) -> None:
        self.intake(week)
        self.papers(week)
        self.identity(week)
        self.input(week)
        self.cross_check(week)
        self.approval(week)
        self.results(week, self.dispatch(week))
        self.maintenance()

    def maintenance(self) -> None:
        """What autovacuum does in production, once a week (benchlib.autovacuum_stand_in): without it the
        30,000-case year ran 9.2 cases/s at week 4 and 5.3 at week 16 (2026-12-04)."""
        from bench.benchlib import autovacuum_stand_in

        with self.stats.timed("VACUUM ANALYZE", 0):
            autovacuum_stand_in()

    def run(self, progress=None, *, weeks: int = WEEKS) -> None:
        for week in range(weeks):
            self.week(week)
            if progress is not None:
                progress(week)


def expected_stage(plan: Plan) -> str:
    """Where a case of the plan ends: withdrawn, or 完了 (承認, 却下 or 支給決定 from 機構)."""
    from cases.kernel.stages import Stage

    return Stage.WITHDRAWN if plan.withdrawn else Stage.CLOSED
