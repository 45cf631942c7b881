"""Run by tests/demo/test_sqlite_concurrency.py in its own process, on the demo's settings (SQLite):
serves the application from a threaded WSGI server on 127.0.0.1 and sends it ROUNDS rounds of
requests from CLIENTS browsers at once, each logging in as its own demo user (every login writes the
session, the user row and the access log) and opening the desk pages. Prints one JSON line:
{"requests": n, "errors": [status or exception text, ...]}."""

import http.cookiejar
import json
import re
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import django

CLIENTS = 12
# The queue filtered to what is overdue: its date is a shaped value (cases/common/shaped.py).
PAGES = ("/desk/", "/desk/inbox/", "/desk/queue/", "/desk/queue/?overdue=on", "/cases/")


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args) -> None:  # the test reads stdout
        pass


class _Threaded(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def _session(base: str, username: str, password: str, results: list) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def fetch(path: str, data: dict | None = None) -> str:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(base + path, data=body, headers={"Referer": base + "/login/"})
        try:
            with opener.open(request, timeout=60) as response:
                results.append(response.status)
                return response.read().decode()
        except urllib.error.HTTPError as exc:
            results.append(exc.code)
            return ""
        except Exception as exc:  # a dropped connection counts as a failure too
            results.append(f"{type(exc).__name__}: {exc}")
            return ""

    page = fetch("/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    fetch(
        "/login/",
        {"username": username, "password": password, "csrfmiddlewaretoken": token[1] if token else ""},
    )
    for path in PAGES:
        fetch(path)
    fetch("/logout/", {"csrfmiddlewaretoken": _csrf(jar)})


def _csrf(jar) -> str:
    return next((cookie.value for cookie in jar if cookie.name == "csrftoken"), "")


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    django.setup()
    from django.core.wsgi import get_wsgi_application

    from cases.demo.users import DEMO_PASSWORD
    from cases.security.models.users import User

    users = list(User.objects.filter(is_active=True).order_by("pk").values_list("username", flat=True))
    server = make_server("127.0.0.1", 0, get_wsgi_application(), server_class=_Threaded, handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    results: list = []
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        for _ in range(rounds):
            jobs = [
                pool.submit(_session, base, users[i % len(users)], DEMO_PASSWORD, results)
                for i in range(CLIENTS)
            ]
            for job in jobs:
                job.result()
    server.shutdown()
    errors = [r for r in results if not isinstance(r, int) or r >= 500]
    print(json.dumps({"requests": len(results), "errors": errors[:20], "error_count": len(errors)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
