# shellcheck shell=bash
# Set-up shared by scripts/demo and scripts/test: system packages, the virtualenv, Python dependencies,
# and the local PostgreSQL/Redis services. Sourced, never executed.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${NENKIN_VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"

# WeasyPrint needs Pango at run time; IPAex is the Japanese font our PDFs are laid out with.
PDF_DEBS=(libpango-1.0-0 libpangoft2-1.0-0 fonts-ipaexfont)
# IPAmj明朝: the glyphs IPAex lacks (𠮷 U+20BB7 and other 人名用 characters), by per-glyph fallback.
PDF_DEBS+=(fonts-ipamj-mincho)
# HarfBuzz-subset embeds the 4 MB IPAex font ~20x faster than WeasyPrint's fontTools fallback.
PDF_DEBS+=(libharfbuzz-subset0)
# msgfmt: the tests check that the committed .mo files are compiled from the .po files.
TEST_DEBS=(gettext)
# tests/browser drives Debian's Chromium through Debian's chromedriver: both come from apt, nothing
# is downloaded when the tests run (Selenium is handed the driver's path, so it never looks for one).
# chromium-l10n: its Japanese, so date pickers read 2026年07月 as a clerk's browser does (manual pictures).
TEST_DEBS+=(chromium chromium-driver chromium-l10n)

say() { printf '\n==> %s\n' "$*"; }
die() {
    printf '\nERROR: %s\n' "$*" >&2
    exit 1
}
have() { command -v "$1" >/dev/null 2>&1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

_apt_updated=""
# Returns non-zero (without printing) when installing is impossible here, so callers can explain why.
apt_install() {
    have apt-get && is_root || return 1
    if [ -z "$_apt_updated" ]; then
        # A fresh Debian image has empty package lists.
        DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
        _apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

debs_missing() {
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || echo "$pkg"
    done
}

ensure_debs() {
    if ! have dpkg-query; then
        say "Not a Debian system: make sure these (or their equivalents) are installed: $*"
        return 0
    fi
    local missing
    missing="$(debs_missing "$@" | tr '\n' ' ')"
    [ -z "${missing// /}" ] && return 0
    say "Installing system packages: $missing"
    # shellcheck disable=SC2086  # one word per package
    apt_install $missing || die "These Debian packages are missing and cannot be installed here (needs apt-get and root): $missing
Install them with: sudo apt-get install $missing"
}

_venv_works() { [ -x "$PY" ] && "$PY" -m pip --version >/dev/null 2>&1; }

ensure_venv() {
    local python="${PYTHON:-python3}"
    if _venv_works; then return 0; fi
    have "$python" || die "$python not found. Install Python 3.11 or newer (Debian 12: apt-get install python3)."
    "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
        die "Python 3.11 or newer is needed; $python is $("$python" --version 2>&1)."
    say "Creating the virtualenv $VENV"
    rm -rf "$VENV"
    if ! "$python" -m venv "$VENV" >/dev/null 2>&1; then
        # Debian ships venv's pip bootstrap separately (python3-venv).
        rm -rf "$VENV"
        say "'$python -m venv' failed; installing python3-venv"
        apt_install python3-venv || die "'$python -m venv' does not work and python3-venv cannot be installed here.
Install it with: sudo apt-get install python3-venv"
        "$python" -m venv "$VENV" || die "Could not create the virtualenv $VENV"
    fi
}

# pip runs again only when pyproject.toml changes, so a second run of the scripts takes seconds.
ensure_python_deps() {
    local stamp="$VENV/.nenkin-deps" want
    want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] &&
        "$PY" -c 'import importlib.metadata as m; m.version("nenkin-desk"); import django, celery, pytest' \
            >/dev/null 2>&1; then
        return 0
    fi
    say "Installing Python dependencies: pip install -e '.[test]'"
    (cd "$ROOT" && "$PY" -m pip install --quiet -e '.[test]') || die "pip install failed (see above)."
    echo "$want" >"$stamp"
}

ensure_python_env() {
    ensure_debs "${PDF_DEBS[@]}"
    ensure_venv
    ensure_python_deps
}

url_part() { # url_part URL hostname|port|path
    python3 -c 'import sys, urllib.parse as u; print(getattr(u.urlsplit(sys.argv[1]), sys.argv[2]) or "")' "$1" "$2"
}

is_local_host() { case "$1" in "" | 127.0.0.1 | localhost | ::1) return 0 ;; *) return 1 ;; esac; }

wait_until() { # wait_until SECONDS DESCRIPTION COMMAND...
    local seconds="$1" what="$2" i
    shift 2
    for ((i = 0; i < seconds; i++)); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 1
    done
    die "$what did not answer within ${seconds}s."
}

_pg_version() { find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n1; }

# Only on a cluster this script has just installed: CI and newcomers connect as postgres without a password.
_pg_trust_loopback() {
    local version="$1" hba
    hba="/etc/postgresql/$version/main/pg_hba.conf"
    [ -f "$hba" ] || return 0
    say "Allowing password-less connections from 127.0.0.1/::1 to the new test cluster ($hba)"
    sed -i -E 's/^(host[[:space:]]+all[[:space:]]+all[[:space:]]+(127\.0\.0\.1\/32|::1\/128)[[:space:]]+)[^[:space:]]+/\1trust/' "$hba"
    if pg_ctlcluster "$version" main status >/dev/null 2>&1; then
        pg_ctlcluster "$version" main reload
    fi
}

ensure_postgres() {
    local url="$1" host version
    host="$(url_part "$url" hostname)"
    if is_local_host "$host"; then
        if ! have pg_ctlcluster; then
            say "PostgreSQL is not installed; trying apt-get install postgresql"
            apt_install postgresql || die "PostgreSQL is not installed and cannot be installed here (needs Debian apt-get and root).
Install PostgreSQL 15 or newer, or set DATABASE_URL to a running server."
            _pg_trust_loopback "$(_pg_version)"
        fi
        if ! pg_isready -q -d "$url"; then
            version="$(_pg_version)"
            [ -n "$version" ] || die "No PostgreSQL cluster found under /etc/postgresql (create one with pg_createcluster)."
            if ! pg_ctlcluster "$version" main status >/dev/null 2>&1; then
                say "Starting PostgreSQL $version/main"
                pg_ctlcluster --skip-systemctl-redirect "$version" main start ||
                    die "Could not start PostgreSQL $version/main (try as root, or start it yourself)."
            fi
        fi
    else
        have pg_isready || apt_install postgresql-client ||
            die "pg_isready is needed to check $host (Debian package postgresql-client)."
    fi
    wait_until 60 "PostgreSQL at ${host:-localhost}" pg_isready -q -d "$url"
}

_redis_ping() { [ "$(redis-cli -u "$1" ping 2>/dev/null)" = "PONG" ]; }

ensure_redis() {
    local url="$1" host port
    host="$(url_part "$url" hostname)"
    port="$(url_part "$url" port)"
    if is_local_host "$host"; then
        if ! have redis-server; then
            say "Redis is not installed; trying apt-get install redis-server"
            apt_install redis-server || die "Redis is not installed and cannot be installed here (needs Debian apt-get and root).
Install Redis 7, or set REDIS_URL to a running server."
        fi
        if ! _redis_ping "$url"; then
            say "Starting Redis on 127.0.0.1:${port:-6379}"
            # Test broker only: nothing is persisted.
            redis-server --daemonize yes --bind 127.0.0.1 --port "${port:-6379}" --save "" --appendonly no \
                --dir "${TMPDIR:-/tmp}" >/dev/null ||
                die "Could not start redis-server."
        fi
    else
        have redis-cli || apt_install redis-tools || die "redis-cli is needed to check $host (Debian package redis-tools)."
    fi
    wait_until 30 "Redis at ${host:-localhost}:${port:-6379}" _redis_ping "$url"
}
