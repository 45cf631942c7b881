// Screen lock (assessment III: スクリーンセーバー等を利用して端末画面には長時間特定個人情報を表示させない).
// The server ends the session after data-idle-timeout seconds without a request; this script makes
// sure nothing of the page is left on screen by then. It checks the clock rather than trusting one
// timer (background tabs throttle timers).
//
// Typing into a form makes no request, so a clerk filling in 備考 for the whole timeout was logged out
// and lost the input (browser test of the clerk's day). Real input (keys, pointer, wheel, scrolling)
// is therefore reported to the server by a keep-alive POST (data-idle-keepalive): at most once a
// minute (a third of the timeout when that is shorter), and only when there was input since the last
// one, so a page left alone still times out. The server's clock is the one that counts: the screen
// locks a second after the server's limit from the last request this page made (the page itself or
// a keep-alive). Before that a warning counts down; any input cancels it.
//
// Tabs of the same session share that moment (localStorage, a timestamp only): a tab left alone does
// not lock while the clerk keeps the session alive in another one.
(function () {
  "use strict";
  var body = document.body;
  var seconds = parseInt(body.getAttribute("data-idle-timeout"), 10);
  var url = body.getAttribute("data-idle-url");
  var keepaliveUrl = body.getAttribute("data-idle-keepalive");
  if (!seconds || seconds <= 0 || !url) {
    return;
  }
  var limit = seconds * 1000;
  var every = Math.min(60, Math.max(5, Math.floor(seconds / 3))) * 1000;
  var warnBefore = Math.min(60, Math.floor(seconds / 3)) * 1000;
  var warning = document.getElementById("idle-warning");
  var countdown = warning ? warning.querySelector("[data-idle-countdown]") : null;
  var countdownText = (countdown && countdown.getAttribute("data-idle-countdown-text")) || "{seconds}";
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");

  // When this page's last request (the page itself, then each keep-alive) was answered: the server
  // took its time no later than that.
  var SHARED = "nenkin-idle-server-seen";
  var serverSeen = Date.now();
  share(serverSeen);
  var inputPending = false;
  var sending = false;
  var locked = false;

  function share(moment) {
    try {
      window.localStorage.setItem(SHARED, String(moment));
    } catch (ignored) {
      // Storage off (a private window's settings): each tab keeps its own clock, as before.
    }
  }

  function sharedSeen() {
    try {
      var moment = parseInt(window.localStorage.getItem(SHARED), 10);
      if (moment > serverSeen && moment <= Date.now()) {
        serverSeen = moment;
      }
    } catch (ignored) {
      // As above.
    }
  }

  function lock() {
    if (locked) {
      return;
    }
    locked = true;
    hideWarning();
    // draft.js reads the form being typed (for after the login) before the page is blanked below, and
    // hands back its encrypting (waitUntil), which the move to the login page waits for, a second at most.
    var waits = [];
    document.dispatchEvent(
      new CustomEvent("nenkin:lock", {
        detail: {
          waitUntil: function (promise) {
            waits.push(promise);
          },
        },
      })
    );
    body.classList.add("idle-locked");
    var main = document.querySelector("main");
    if (main) {
      // Removed, not only hidden: the back button and the page cache must not bring it back.
      main.hidden = true;
      main.textContent = "";
    }
    var notice = document.getElementById("idle-lock");
    if (notice) {
      notice.hidden = false;
    }
    // A request after the timeout: the server logs the session out and shows the login screen (not before
    // the lock notice has been seen for a moment).
    var shownUntil = Date.now() + 1500;
    function leave() {
      window.setTimeout(function () {
        window.location.replace(url);
      }, Math.max(0, shownUntil - Date.now()));
    }
    if (waits.length && window.Promise) {
      var caught = waits.map(function (promise) {
        return Promise.resolve(promise).catch(function () {});
      });
      Promise.race([
        Promise.all(caught),
        new Promise(function (resolve) {
          window.setTimeout(resolve, 1000);
        }),
      ]).then(leave);
    } else {
      leave();
    }
  }

  function showWarning(remaining) {
    if (!warning) {
      return;
    }
    if (countdown) {
      countdown.textContent = countdownText.replace("{seconds}", String(Math.max(0, Math.ceil(remaining / 1000))));
    }
    warning.hidden = false;
  }

  function hideWarning() {
    if (warning) {
      warning.hidden = true;
    }
  }

  function keepAlive() {
    if (sending || locked || !keepaliveUrl || !window.fetch) {
      return;
    }
    sending = true;
    inputPending = false;
    var headers = {};
    if (token) {
      headers["X-CSRFToken"] = token.value;
    }
    window
      .fetch(keepaliveUrl, {
        method: "POST",
        headers: headers,
        credentials: "same-origin",
        cache: "no-store",
        redirect: "manual",
      })
      .then(function (response) {
        sending = false;
        if (response.status === 204) {
          serverSeen = Date.now();
          share(serverSeen);
          hideWarning();
        } else if (response.status === 401 || response.type === "opaqueredirect") {
          // The server has already ended the session (or sends us to the login).
          lock();
        } else {
          inputPending = true; // try again with the next input or tick
        }
      })
      .catch(function () {
        sending = false;
        inputPending = true;
      });
  }

  function check() {
    if (locked) {
      return;
    }
    sharedSeen();
    var now = Date.now();
    if (inputPending && now - serverSeen >= every) {
      keepAlive();
    }
    // One second after the server's limit, so the server has certainly timed the session out.
    var remaining = serverSeen + limit + 1000 - now;
    if (remaining <= 0 && (!sending || remaining <= -5000)) {
      lock();
    } else if (remaining <= warnBefore + 1000 && !sending && !inputPending) {
      showWarning(remaining);
    } else {
      hideWarning();
    }
  }

  function activity() {
    // While a keep-alive is on its way the server hears of this moment anyway: counting it again
    // (one key press fires keydown and input) sent a second keep-alive a minute later for nothing.
    if (locked || sending) {
      return;
    }
    inputPending = true;
    if (warning && !warning.hidden) {
      // The person is back: the warning goes at once and the server hears of it now.
      hideWarning();
      keepAlive();
    } else if (Date.now() - serverSeen >= every) {
      keepAlive();
    }
  }

  ["keydown", "input", "pointerdown", "pointermove", "wheel", "touchstart", "scroll"].forEach(function (name) {
    // Capture: a scroll inside a box and a key in a field count as well as on the page.
    document.addEventListener(name, activity, { capture: true, passive: true });
  });
  window.setInterval(check, 1000);
  document.addEventListener("visibilitychange", check);
  window.addEventListener("focus", check);
  window.addEventListener("pageshow", function (event) {
    // A page restored from the back-forward cache is as old as when it was left.
    if (event.persisted) {
      check();
    }
  });
})();
