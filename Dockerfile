# One image for web, worker, beat and migrate (see compose.yaml); only the command differs.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    NENKIN_VAR_DIR=/var/lib/nenkin \
    DJANGO_SETTINGS_MODULE=config.settings.production

# WeasyPrint needs Pango; the forms are laid out with the IPAex fonts, IPAmj明朝 for what IPAex lacks (𠮷).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-ipaexfont fonts-ipamj-mincho \
    && apt-get install -y --no-install-recommends libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system nenkin \
    && useradd --system --gid nenkin --home-dir /var/lib/nenkin --shell /usr/sbin/nologin nenkin

WORKDIR /app

# Dependencies first, from pyproject.toml alone, so editing code does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .
# Production settings refuse to load without their keys and services, and collectstatic needs the
# settings: this RUN draws throw-away keys (one per use, as production demands) and names services it
# never connects to. Nothing of them is stored in the image. tests/test_compose.py runs this step.
RUN pip install --no-deps -e . \
    && mkdir -p /var/lib/nenkin/media /var/lib/nenkin/anchors \
    && key() { python -c "import base64, os; print(base64.b64encode(os.urandom(32)).decode())"; } \
    && DJANGO_SECRET_KEY="$(key)" NENKIN_MYNUMBER_KEYS="build:$(key)" NENKIN_MYNUMBER_HASH_KEY="$(key)" \
       NENKIN_AUDIT_KEYS="build:$(key)" DATABASE_URL=postgres://build@localhost/build \
       REDIS_URL=redis://localhost:6379/0 python manage.py collectstatic --noinput \
    && chown -R nenkin:nenkin /var/lib/nenkin/media /var/lib/nenkin/anchors

# Code and static files stay owned by root: the app writes only to its media and anchors directories
# (a named volume starts as a copy of the image's directory, owner included).
USER nenkin
EXPOSE 8000
# The access log keeps the path without its query string: search forms must not reach the log.
CMD ["gunicorn", "config.wsgi:application", "--bind=0.0.0.0:8000", "--workers=3", "--access-logfile=-", \
     "--access-logformat=%(h)s %(t)s \"%(m)s %(U)s %(H)s\" %(s)s %(b)s %(L)s"]
