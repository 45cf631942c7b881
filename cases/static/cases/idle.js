// Screen lock (assessment III: スクリーンセーバー等を利用して端末画面には長時間特定個人情報を表示させない).
// The server ends the session after data-idle-timeout seconds without a request; this script makes
// sure nothing of the page is left on screen by then. It counts from the page load, as the server
// does, and checks the clock rather than trusting one timer (background tabs throttle timers).
(function () {
  "use strict";
  var body = document.body;
  var seconds = parseInt(body.getAttribute("data-idle-timeout"), 10);
  var url = body.getAttribute("data-idle-url");
  if (!seconds || seconds <= 0 || !url) {
    return;
  }
  var started = Date.now();
  var locked = false;

  function lock() {
    if (locked) {
      return;
    }
    locked = true;
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
    // A request after the timeout: the server logs the session out and shows the login screen.
    window.setTimeout(function () {
      window.location.replace(url);
    }, 1500);
  }

  function check() {
    // One second after the server's limit, so the server has certainly timed the session out.
    if (Date.now() - started >= (seconds + 1) * 1000) {
      lock();
    }
  }

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
