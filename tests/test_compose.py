"""compose.yaml can only be run where Docker is; here we prove that what it runs is real."""

import os
import pkgutil
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from celery import Celery
from celery.beat import Scheduler
from django.conf import settings
from django.core.management import get_commands
from django.db import connection

from cases.common.system_models import WorkerHeartbeat

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]
APP_SERVICES = ("web", "worker", "beat")
ENV_EXAMPLE = (ROOT / ".env.example").read_text(encoding="utf-8")
DOCUMENTED = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE, flags=re.MULTILINE))
KEY_B64 = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="


def command(service: str) -> list[str]:
    cmd = SERVICES[service]["command"]
    return cmd.split() if isinstance(cmd, str) else list(cmd)


def option(cmd: list[str], *names: str) -> str:
    for i, arg in enumerate(cmd):
        for name in names:
            if arg == name:
                return cmd[i + 1]
            if arg.startswith(f"{name}="):
                return arg.split("=", 1)[1]
    raise AssertionError(f"{names} not in {cmd}")


def test_every_service_is_declared():
    assert {"db", "redis", "web", "worker", "beat"} <= set(SERVICES)
    assert SERVICES["db"]["image"].startswith("postgres:15")
    assert "pg_isready" in " ".join(SERVICES["db"]["healthcheck"]["test"])
    assert SERVICES["redis"]["image"].startswith("redis:7")


@pytest.mark.parametrize("service", APP_SERVICES)
def test_app_services_share_the_image_the_env_file_and_production_settings(service):
    spec = SERVICES[service]
    assert spec["build"] == "."
    assert spec["env_file"] == ".env"
    assert spec["environment"]["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    assert spec["depends_on"]["db"]["condition"] == "service_healthy"


def test_web_runs_the_wsgi_application_under_gunicorn():
    cmd = command("web")
    assert cmd[0] == "gunicorn"
    application = pkgutil.resolve_name(cmd[1])
    assert callable(application)
    assert cmd[1] == "config.wsgi:application"


def test_worker_and_beat_load_the_celery_app_with_its_tasks():
    for service in ("worker", "beat"):
        cmd = command(service)
        assert cmd[0] == "celery"
        module = __import__(option(cmd, "-A", "--app"), fromlist=["app"])
        assert isinstance(module.app, Celery)
        module.app.loader.import_default_modules()
        assert "system.heartbeat" in module.app.tasks
    assert command("worker")[3] == "worker"
    assert command("beat")[3] == "beat"


def test_beat_uses_the_database_scheduler():
    scheduler = pkgutil.resolve_name(option(command("beat"), "--scheduler", "-S"))
    assert issubclass(scheduler, Scheduler)
    assert scheduler.__module__ == "django_celery_beat.schedulers"


def test_manage_py_commands_in_compose_exist():
    for name, spec in SERVICES.items():
        cmd = spec.get("command")
        cmd = cmd.split() if isinstance(cmd, str) else cmd
        if cmd and cmd[:2] == ["python", "manage.py"]:
            assert cmd[2] in get_commands(), f"{name}: manage.py {cmd[2]} does not exist"


def test_every_compose_variable_is_documented_in_env_example():
    used = set(
        re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)", (ROOT / "compose.yaml").read_text(encoding="utf-8"))
    )
    assert used, "compose.yaml uses no variables?"
    assert used <= DOCUMENTED, f"missing from .env.example: {sorted(used - DOCUMENTED)}"


def test_every_variable_the_settings_read_is_documented_in_env_example():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "config").rglob("*.py"))
    read = set(re.findall(r"env_(?:str|bool|int|list)\(\s*\"([A-Z][A-Z0-9_]*)\"", source))
    assert {"DJANGO_SECRET_KEY", "NENKIN_MYNUMBER_KEYS", "DATABASE_URL"} <= read
    assert read <= DOCUMENTED, f"missing from .env.example: {sorted(read - DOCUMENTED)}"


# The services production names (never reached by these start-up checks: nothing connects).
PRODUCTION_SERVICES = {
    "DATABASE_URL": "postgres://nenkin@db:5432/nenkin",
    "REDIS_URL": "redis://redis:6379/0",
}


def _production(
    env: dict[str, str], tmp_path: Path, *, services=PRODUCTION_SERVICES
) -> subprocess.CompletedProcess:
    clean = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONIOENCODING": "utf-8",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "NENKIN_VAR_DIR": str(tmp_path),
        **services,
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", "from config.wsgi import application; print('started', application)"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


PRODUCTION_SECRETS = {
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-for-this-test-only",
    "NENKIN_MYNUMBER_KEYS": f"k1:{KEY_B64}",
    "NENKIN_MYNUMBER_HASH_KEY": "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA=",
    "NENKIN_AUDIT_KEYS": "a1:CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCA=",
}


def test_production_refuses_to_start_without_any_secret(tmp_path):
    result = _production({}, tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    for name in PRODUCTION_SECRETS:
        assert name in result.stderr
    assert "started" not in result.stdout


@pytest.mark.parametrize("missing", sorted(PRODUCTION_SECRETS))
def test_production_names_exactly_the_missing_secret(missing, tmp_path):
    env = {name: value for name, value in PRODUCTION_SECRETS.items() if name != missing}
    result = _production(env, tmp_path)
    assert result.returncode != 0
    message = result.stderr.strip().splitlines()[-1]
    assert missing in message
    assert all(name not in message for name in env)


@pytest.mark.parametrize("missing", sorted(PRODUCTION_SERVICES))
def test_production_refuses_the_demos_embedded_database_and_in_process_tasks(missing, tmp_path):
    """Without DATABASE_URL or REDIS_URL the settings fall back to the demo's SQLite and in-process
    Celery; production started on them without a word (the IT review of 2026-12-06)."""
    services = {name: value for name, value in PRODUCTION_SERVICES.items() if name != missing}
    result = _production(PRODUCTION_SECRETS, tmp_path, services=services)
    assert result.returncode != 0 and "started" not in result.stdout
    assert missing in result.stderr.strip().splitlines()[-1]


def test_production_refuses_sqlite(tmp_path):
    services = {**PRODUCTION_SERVICES, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"}
    result = _production(PRODUCTION_SECRETS, tmp_path, services=services)
    assert result.returncode != 0 and "PostgreSQL" in result.stderr


def test_the_images_collectstatic_step_runs_as_the_dockerfile_writes_it(tmp_path):
    """The Dockerfile's build step collects the static files under production settings with throw-away
    keys; it failed once production asked for a key the step did not give (the image could not be
    built). Run here as written, with this machine's Python."""
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    run = re.search(r"\n(RUN pip install --no-deps -e \..*?)\n\n", dockerfile, flags=re.DOTALL).group(1)
    script = run.replace("\\\n", " ")
    step = script[
        script.index("key()") : script.index("collectstatic --noinput") + len("collectstatic --noinput")
    ]
    python = Path(sys.executable).parent
    env = {
        "PATH": f"{python}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "NENKIN_VAR_DIR": str(tmp_path),
        "PYTHONIOENCODING": "utf-8",
    }
    result = subprocess.run(
        ["sh", "-c", step], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "static" / "cases" / "desk.css").exists() or any(
        (tmp_path / "static").rglob("desk*.css")
    )


def test_every_volume_the_app_writes_is_made_and_owned_by_the_app_user_in_the_image():
    """A named volume starts as a copy of the image's directory, owner included: the anchors volume was
    not made in the image, so it would have been root's and the worker could not write the anchors."""
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    mounts = {
        volume.split(":", 1)[1]
        for service in APP_SERVICES
        for volume in SERVICES[service].get("volumes", [])
        if isinstance(volume, str) and volume.split(":", 1)[1].startswith("/var/lib/nenkin/")
    }
    assert mounts, "no app volume found"
    made = re.search(r"mkdir -p ([^\\&]+)", dockerfile).group(1).split()
    owned = re.search(r"chown -R nenkin:nenkin ([^\n]+)", dockerfile).group(1).split()
    for mount in mounts:
        assert mount in made and mount in owned, mount


def test_production_starts_with_the_secrets_set(tmp_path):
    result = _production(PRODUCTION_SECRETS, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def _wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


@pytest.mark.worker
@pytest.mark.pg
@pytest.mark.django_db(transaction=True)
def test_compose_worker_command_runs_a_task_through_redis(tmp_path):
    from tasks.celery import app
    from tasks.system import heartbeat

    cmd = command("worker")
    assert cmd[0] == "celery"
    cmd[0] = str(Path(sys.executable).parent / "celery")
    # The worker must write into this test's database, which pytest-django created under another name.
    database_url = urlsplit(os.environ["DATABASE_URL"])._replace(path="/" + connection.settings_dict["NAME"])
    redis_url = settings.CELERY_BROKER_URL
    assert redis_url.startswith("redis://")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url.geturl(),
        "REDIS_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "PYTHONPATH": str(ROOT),
    }
    log_path = tmp_path / "worker.log"
    token = uuid.uuid4().hex
    with open(log_path, "wb") as log:
        worker = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        # Publishing before the worker has bound its queue would drop the message on Redis.
        ready = _wait_for(lambda: b" ready." in log_path.read_bytes() or worker.poll() is not None, 60)
        output = log_path.read_text(encoding="utf-8", errors="replace")
        assert ready and worker.poll() is None, f"worker did not start:\n{output}"

        eager = app.conf.task_always_eager
        app.conf.task_always_eager = False
        try:
            with app.connection_for_write(redis_url) as conn:
                heartbeat.apply_async(args=[token], connection=conn)
        finally:
            app.conf.task_always_eager = eager

        done = _wait_for(lambda: WorkerHeartbeat.objects.filter(token=token).exists(), 60)
        output = log_path.read_text(encoding="utf-8", errors="replace")
        assert done, f"the worker did not record heartbeat {token}:\n{output}"
        assert "succeeded" in output and token in output, output
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)


def test_env_example_states_the_least_value_of_every_variable_that_has_one():
    """Set below its minimum, a variable stops every process at start (gunicorn: 'Worker failed to
    boot'); the operator reads the minimum beside the variable, not only in that error."""
    from config.settings.base import ENV_MINIMUMS

    for name, minimum in ENV_MINIMUMS.items():
        block = re.search(rf"((?:^#[^\n]*\n)+)#?\s*{name}=", ENV_EXAMPLE, flags=re.MULTILINE)
        assert block, name
        assert f"minimum {minimum})" in block.group(1), f"{name}: '(minimum {minimum})' not stated"
