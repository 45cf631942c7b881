// Progress pages (the weekly bundle, an import) ask the server how their job is doing, instead of
// reloading themselves. The requests carry X-Nenkin-Poll, so they never count as activity: the idle
// logout (assessment III: 端末画面には長時間特定個人情報を表示させない) still fires on a page left open.
// When the job ends or stops, polling stops and the page says so; a 401 means the session ended.
(function () {
  "use strict";
  var box = document.querySelector("[data-poll-url]");
  if (!box || !window.fetch) {
    return;
  }
  var url = box.getAttribute("data-poll-url");
  var loginUrl = document.body.getAttribute("data-idle-url") || "/login/";
  var done = box.querySelector("[data-poll-done]");
  var bar = box.querySelector("progress");
  var count = box.querySelector("[data-poll-count]");
  var timer = null;

  function finish() {
    window.clearInterval(timer);
    if (done) {
      done.hidden = false;
    }
  }

  function tick() {
    window
      .fetch(url, { headers: { "X-Nenkin-Poll": "1" }, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.status === 401) {
          window.clearInterval(timer);
          window.location.replace(loginUrl);
          return null;
        }
        return response.ok ? response.json() : null;
      })
      .then(function (state) {
        if (!state) {
          return;
        }
        if (bar) {
          bar.max = state.total || 1;
          bar.value = state.done || 0;
        }
        if (count) {
          count.textContent = (state.done || 0) + " / " + (state.total || 0);
        }
        if (!state.running) {
          finish();
        }
      })
      .catch(function () {});
  }

  timer = window.setInterval(tick, 3000);
})();
