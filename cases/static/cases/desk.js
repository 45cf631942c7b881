// Small helpers of the desk's lists, without inline script (the Content-Security-Policy forbids it).
// A checkbox with data-check-all="NAME" ticks or clears every checkbox named NAME in its form.
(function () {
  "use strict";
  document.querySelectorAll("input[data-check-all]").forEach(function (all) {
    all.addEventListener("change", function () {
      var name = all.getAttribute("data-check-all");
      all.form.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (box) {
        box.checked = all.checked;
      });
    });
  });
})();

// The page's main form (marked data-autofocus) starts with the cursor in its first field, or in
// the first field with an error after a refused submit: no Tab presses through the menu first.
(function () {
  "use strict";
  var fields = "input:not([type=hidden]):not([disabled]), select, textarea";
  var form = document.querySelector("form[data-autofocus]");
  if (!form || (document.activeElement && document.activeElement !== document.body)) {
    return;
  }
  var target = form.querySelector(".has-error " + fields.split(", ").join(", .has-error ")) || form.querySelector(fields);
  if (target) {
    target.focus();
  }
})();

// A form sent is not sent again by a second click while the next page loads (a double click on
// 「受け付ける」 made two cases; the server refuses the repeat too: workflows/start.py). Buttons are
// not disabled (that would drop the clicked button's name and value); a second submit is ignored
// until the page is shown again from the history, or for 8 seconds when nothing came (a download).
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || (form.method || "").toLowerCase() !== "post") {
      return;
    }
    if (form.dataset.sending === "1") {
      event.preventDefault();
      return;
    }
    form.dataset.sending = "1";
    setTimeout(function () {
      form.dataset.sending = "";
    }, 8000);
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sending]").forEach(function (form) {
      form.dataset.sending = "";
    });
  });
})();
