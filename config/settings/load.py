"""The load test's settings (bench/load/run.py): production's, on plain HTTP over loopback.

Everything comes from config.settings.production — secrets from the environment (run.py makes fresh
ones for each run), DEBUG off, PBKDF2 at Django's full cost, the second factor required of 係長, the
lockout, the idle timeout, new database connections per request. Only what needs a TLS proxy in front
differs: production marks its cookies Secure and redirects plain HTTP to HTTPS, and the load test
talks to gunicorn directly on 127.0.0.1 with no proxy. Python's cookie jar (like a browser outside
localhost) never sends a Secure cookie over plain HTTP, so with production's flags every request after
the login would arrive without a session and be redirected to the login page.
"""

from .production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
# Sent only on HTTPS responses anyway; none are made here.
