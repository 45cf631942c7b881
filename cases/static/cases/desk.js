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
