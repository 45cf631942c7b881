// Typed input kept over a re-login. A clerk typing a long form was called away, the session ended (the idle
// lock, or a logout in another tab), and sending the form led to the login page with everything typed lost.
// Forms marked data-draft are now kept by this tab (sessionStorage: never on the server, never in another
// tab, gone when the tab closes) at three moments:
//  - the screen lock: idle.js sends "nenkin:lock" before it blanks the page; a form typed into is kept;
//  - a submit: kept as "sent" until the next page says what came of it. The login page saying that nothing
//    was saved (its message carries data-draft-keep), or the refusal of a form older than a login in another
//    tab (403_csrf.html, marked the same), keeps it; any other page means the server had the form
//    (saved it, or showed it again with its errors), and the copy goes.
//  - the language switch (data-draft-carry): the same page comes back in the other language, and the forms
//    typed into are kept as the lock keeps them, to be put back by that page (carry() below). A date box
//    comes back as the new page spells dates (respelled() below); a search whose results the page showed
//    (the intake's name search, data-draft-search) is sent again, so its results come back too.
// Kept encrypted only (AES-GCM, 256 bits, a new random 96-bit IV at every write): the tab waits at a locked
// counter terminal, where anyone could open the developer tools, and the lock is there to take personal
// data off the screen. The key comes with the signed-in user's pages only (data-draft-key, derived on the
// server: cases/security/drafts.py); it is imported as a key the page cannot hand out again and taken off
// <body> at once. The storage holds {v, user, iv, ct, at} and nothing else of the form; the user and the
// time are bound to the ciphertext, so neither can be changed to keep a draft longer or give it to another.
// A draft that does not decrypt (another user, a changed password, altered) is deleted without a word.
// Without WebCrypto (a page not served over HTTPS) or when encrypting takes over DEADLINE, nothing is kept:
// never plain text.
// After the login (or the switch) the same user (data-draft-user on <body>: a keyed hash of the account, the
// same at every login) finds it put back into the same form on the same page, with a note and a button to
// discard it; on another page a note links to that page. It is put back once and then removed from the tab:
// the form holds it, and a second lock (or switch) keeps it again. Anyone else who logs in at the tab makes
// it go unseen; the logout button discards it; after MAX_AGE it goes too.
// One draft per form (its page's path, its place among the page's kept forms and its action): a clerk
// whose intake waits in the tab and who then loses a second form to the end of a session gets both back,
// each on its own page with its own note and discard (one draft per tab lost the first). Each is stored
// under a random name ("nenkin-draft:" and letters telling nothing of the form), since which form a draft
// belongs to is known only once it is decrypted: an older copy of the same form is then deleted unseen.
// At most MAX_KEPT are kept, the oldest going first: the storage does not grow without bound.
// Never kept: boxes marked data-draft-skip (the 個人番号, one-time codes), a box holding a 個人番号
// anywhere in it (mynumberIn() below), every password, one-time-code, file and hidden input (CSRF
// token, one-time keys, revisions: the page shown after the login has the current ones, and the server's
// checks against a stale form stay as they are). Without JavaScript or storage,
// nothing changes.
(function () {
  "use strict";
  var KEPT = "nenkin-draft:"; // the drafts waiting for their user to log in again, one name each
  var KEPT_BEFORE = "nenkin-draft"; // the one draft a tab kept before drafts were kept per form
  var SENT = "nenkin-draft-sent"; // a form on its way to the server
  // The clerk is back within a working session or not at all; personal data does not wait in a tab longer.
  var MAX_AGE = 2 * 60 * 60 * 1000;
  // Encrypting a form takes a few milliseconds; one that has not finished by then keeps nothing (idle.js
  // leaves the locked page soon after, and a submit should not wait).
  var DEADLINE = 1000;
  // A few forms at most are ever left half-typed at once; more would only hold residents' data longer.
  var MAX_KEPT = 5;
  var SKIPPED_TYPES = ["hidden", "password", "file", "submit", "button", "reset", "image"];
  // The page's language (base.html <html lang>): a draft says which it was typed in, for its dates.
  var pageLang = document.documentElement.getAttribute("lang") || "";
  var storage = null;
  try {
    storage = window.sessionStorage;
    storage.getItem(SENT);
  } catch (ignored) {
    return; // storage switched off: forms work as they always did
  }
  var body = document.body;
  var owner = body.getAttribute("data-draft-user") || "";
  var rawKey = body.getAttribute("data-draft-key") || "";
  body.removeAttribute("data-draft-key");
  var subtle = window.isSecureContext && window.crypto && window.crypto.subtle;
  if (!subtle || !window.Promise || !window.TextEncoder) {
    // Nothing can be kept encrypted here: nothing is kept, and nothing older stays either.
    dropKept();
    drop(SENT);
    return;
  }
  var keyReady = null; // resolves to this user's CryptoKey (or null): signed-in pages only
  if (owner && rawKey) {
    try {
      keyReady = subtle.importKey("raw", fromBase64(rawKey), "AES-GCM", false, ["encrypt", "decrypt"]);
    } catch (ignored) {
      keyReady = Promise.resolve(null); // not base64: nothing can be kept
    }
    keyReady = keyReady.catch(function () {
      return null;
    });
  }
  rawKey = "";
  var lastTouched = null;

  function toBase64(bytes) {
    var text = "";
    for (var i = 0; i < bytes.length; i += 1) {
      text += String.fromCharCode(bytes[i]);
    }
    return window.btoa(text);
  }

  function fromBase64(text) {
    var binary = window.atob(text);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i += 1) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes;
  }

  // The user and the moment are not secret but are bound to the ciphertext (GCM's additional data).
  function bound(user, at) {
    return new TextEncoder().encode("nenkin-draft:1:" + user + ":" + at);
  }

  function inTime(promise) {
    return Promise.race([
      promise,
      new Promise(function (resolve) {
        window.setTimeout(resolve, DEADLINE, null);
      }),
    ]);
  }

  // The form's values (capture()) as kept in the storage, or null when they cannot be kept encrypted.
  function seal(draft) {
    if (!keyReady) {
      return Promise.resolve(null);
    }
    var plain = JSON.stringify(draft);
    return inTime(
      keyReady
        .then(function (key) {
          if (!key) {
            return null;
          }
          var iv = window.crypto.getRandomValues(new Uint8Array(12));
          var params = { name: "AES-GCM", iv: iv, additionalData: bound(owner, draft.at) };
          return subtle.encrypt(params, key, new TextEncoder().encode(plain)).then(function (ct) {
            return { v: 1, user: owner, iv: toBase64(iv), ct: toBase64(new Uint8Array(ct)), at: draft.at };
          });
        })
        .catch(function () {
          return null;
        })
    );
  }

  // A kept record's values, or null when this page's key does not open it.
  function unseal(record) {
    if (!keyReady) {
      return Promise.resolve(null);
    }
    return keyReady
      .then(function (key) {
        var params = { name: "AES-GCM", iv: fromBase64(record.iv), additionalData: bound(record.user, record.at) };
        return subtle.decrypt(params, key, fromBase64(record.ct));
      })
      .then(function (plain) {
        var draft = JSON.parse(new TextDecoder().decode(plain));
        return draft && typeof draft.fields === "object" && draft.at === record.at ? draft : null;
      })
      .catch(function () {
        return null;
      });
  }

  function read(key) {
    var record = null;
    try {
      record = JSON.parse(storage.getItem(key));
    } catch (ignored) {
      record = null;
    }
    var age = record && typeof record.at === "number" ? Date.now() - record.at : -1;
    if (
      !record ||
      record.v !== 1 ||
      typeof record.user !== "string" ||
      typeof record.iv !== "string" ||
      typeof record.ct !== "string" ||
      age < 0 ||
      age > MAX_AGE
    ) {
      drop(key);
      return null;
    }
    return record;
  }

  function write(key, draft) {
    try {
      storage.setItem(key, JSON.stringify(draft));
    } catch (ignored) {
      // Storage full: kept nowhere, as before.
    }
  }

  function drop(key) {
    try {
      storage.removeItem(key);
    } catch (ignored) {
      // Nothing to do.
    }
  }

  function keptNames() {
    var names = [];
    try {
      for (var i = 0; i < storage.length; i += 1) {
        var name = storage.key(i);
        if (name === KEPT_BEFORE || (name && name.indexOf(KEPT) === 0)) {
          names.push(name);
        }
      }
    } catch (ignored) {
      // Nothing readable: nothing kept.
    }
    return names;
  }

  // The kept drafts still in their time, oldest first, each as {name, record} (the others are deleted).
  function readKept() {
    return keptNames()
      .map(function (name) {
        return { name: name, record: read(name) };
      })
      .filter(function (kept) {
        return kept.record;
      })
      .sort(function (a, b) {
        return a.record.at - b.record.at;
      });
  }

  function dropKept() {
    keptNames().forEach(drop);
  }

  // Keeps one more draft under a new name, the oldest going when MAX_KEPT are there already.
  function keep(record) {
    var kept = readKept();
    while (kept.length >= MAX_KEPT) {
      drop(kept.shift().name);
    }
    var random = toBase64(window.crypto.getRandomValues(new Uint8Array(6)));
    write(KEPT + Date.now().toString(36) + "-" + random, record);
  }

  // Two drafts of the same form on the same page: the later one replaces the earlier.
  function sameForm(a, b) {
    return a.path === b.path && a.form === b.form && a.action === b.action;
  }

  function draftForms() {
    var main = document.querySelector("main") || body;
    return Array.prototype.slice.call(main.querySelectorAll("form[data-draft]"));
  }

  function each(form, callback) {
    Array.prototype.forEach.call(form.elements, function (element) {
      var tag = element.tagName;
      if (
        !element.name ||
        element.disabled ||
        (tag !== "INPUT" && tag !== "SELECT" && tag !== "TEXTAREA") ||
        SKIPPED_TYPES.indexOf(element.type) !== -1 ||
        element.name === "csrfmiddlewaretoken" ||
        element.getAttribute("autocomplete") === "one-time-code" ||
        element.closest("[data-draft-skip]")
      ) {
        return;
      }
      callback(element);
    });
  }

  function isChoice(element) {
    return element.type === "checkbox" || element.type === "radio";
  }

  // A 個人番号 is never kept, whatever box it was typed in: its own boxes are skipped (data-draft-skip), and
  // a box holding one anywhere is kept empty — the rule of cases/common/freetext.py, which refuses such free
  // text on the server: digit groups (full-width, kanji digits 一二三…〇, 大字) joined by up to three
  // separators, consecutive groups adding up to exactly 12 digits (1234 5678 9012, 「番号 123456789012 確認」).
  // A clerk may type it into the name search's 宛名番号 or a note. Not a number, as there: a 西暦 date among
  // the groups (2025.07.01 2026.06.30), a run glued to a Latin letter (送付番号 S20260102-1500) unless one
  // group is 12 digits, a longer unbroken run (a 13-digit 法人番号).
  var SEPARATOR = "[\\s\\-\u2010-\u2015\u2212\u30fc\uff70\uff0d\ufe63.\uff0e\u30fb\uff65\u00b7]";
  var RUN = new RegExp("\\d+(?:" + SEPARATOR + "{1,3}\\d+)*", "g");
  var KANJI_DIGITS = "〇0零0一1壱1壹1二2弐2貳2三3参3參3四4肆4五5伍5六6陸6七7漆7八8捌8九9玖9";
  var DATE = /(18|19|20)\d\d([./-])(0?[1-9]|1[0-2])\2(0?[1-9]|[12]\d|3[01])(?!\d)(?!\2\d)/g;
  function digitsRead(value) {
    var folded = typeof value.normalize === "function" ? value.normalize("NFKC") : value;
    var read = "";
    for (var i = 0; i < folded.length; i += 1) {
      var at = KANJI_DIGITS.indexOf(folded.charAt(i));
      read += at !== -1 && at % 2 === 0 ? KANJI_DIGITS.charAt(at + 1) : folded.charAt(i);
    }
    // A date's characters masked, same length (not when a digit, or a digit and its separator, come before).
    return read.replace(DATE, function (date, year, sep, month, day, offset, whole) {
      var before = whole.slice(Math.max(0, offset - 2), offset);
      var glued = /\d$/.test(before) || (before.charAt(1) === sep && /\d/.test(before.charAt(0)));
      return glued
        ? date
        : new Array(date.length + 1).join("#");
    });
  }
  function mynumberIn(value) {
    var text = digitsRead(value);
    var run;
    RUN.lastIndex = 0;
    while ((run = RUN.exec(text)) !== null) {
      var lengths = run[0].match(/\d+/g).map(function (group) {
        return group.length;
      });
      var end = run.index + run[0].length;
      if (/[A-Za-z]/.test(text.charAt(run.index - 1)) || /[A-Za-z]/.test(text.charAt(end))) {
        if (lengths.indexOf(12) !== -1) {
          return true;
        }
        continue;
      }
      for (var first = 0; first < lengths.length; first += 1) {
        var total = 0;
        for (var last = first; last < lengths.length && total < 12; last += 1) {
          total += lengths[last];
        }
        if (total === 12) {
          return true;
        }
      }
    }
    return false;
  }

  // Every kept box's values by name, in page order: a box's text, the ticked values of a group (none is an
  // answer too), the chosen options. `withheld` says a box was kept empty (mynumberIn).
  function capture(form) {
    var fields = {};
    var withheld = false;
    each(form, function (element) {
      var values = fields[element.name] || (fields[element.name] = []);
      if (isChoice(element)) {
        if (element.checked) {
          values.push(element.value);
        }
      } else if (element.tagName === "SELECT") {
        Array.prototype.forEach.call(element.options, function (option) {
          if (option.selected) {
            values.push(option.value);
          }
        });
      } else if (mynumberIn(element.value)) {
        withheld = true;
        values.push(""); // in its place: a later box of the same name comes back into its own
      } else {
        values.push(element.value);
      }
    });
    var heading = document.querySelector("main h1");
    return {
      owner: owner,
      // Which screen a note elsewhere links to (encrypted like the rest).
      title: heading ? heading.textContent.replace(/\s+/g, " ").trim().slice(0, 100) : "",
      path: window.location.pathname,
      search: window.location.search,
      form: draftForms().indexOf(form),
      action: form.getAttribute("action") || "",
      at: Date.now(),
      lang: pageLang,
      withheld: withheld,
      fields: fields,
    };
  }

  // Whether every kept box still holds what the page came with (a search: the values its results are for).
  function asServed(form) {
    var same = true;
    each(form, function (element) {
      if (isChoice(element)) {
        same = same && element.checked === element.defaultChecked;
      } else if (element.tagName === "SELECT") {
        var chosen = Array.prototype.map.call(element.options, function (option) {
          return option.defaultSelected;
        });
        if (!element.multiple && chosen.length && chosen.indexOf(true) === -1) {
          chosen[0] = true; // none marked: the browser shows the first
        }
        same =
          same &&
          Array.prototype.every.call(element.options, function (option, index) {
            return option.selected === chosen[index];
          });
      } else {
        same = same && element.value === element.defaultValue;
      }
    });
    return same;
  }

  // Puts the values back (a date box's as this page spells dates, when typed in another language); says
  // whether anything changed (a draft equal to the page needs no note).
  function restore(form, fields, typedIn) {
    var changed = false;
    var seen = {};
    each(form, function (element) {
      var values = fields[element.name];
      if (!Array.isArray(values)) {
        return;
      }
      if (isChoice(element)) {
        var on = values.indexOf(element.value) !== -1;
        changed = changed || element.checked !== on;
        element.checked = on;
      } else if (element.tagName === "SELECT" && element.multiple) {
        Array.prototype.forEach.call(element.options, function (option) {
          var chosen = values.indexOf(option.value) !== -1;
          changed = changed || option.selected !== chosen;
          option.selected = chosen;
        });
      } else if (element.tagName === "SELECT") {
        // Only a choice the list still offers (it may have changed since).
        var offered = Array.prototype.some.call(element.options, function (option) {
          return option.value === values[0];
        });
        if (values.length && offered && element.value !== values[0]) {
          element.value = values[0];
          changed = true;
        }
      } else {
        var index = seen[element.name] || 0;
        seen[element.name] = index + 1;
        var value = index < values.length && typeof values[index] === "string" ? values[index] : null;
        if (value !== null && element.getAttribute("data-date") && typedIn && typedIn !== pageLang) {
          value = respelled(value, element.getAttribute("data-date"));
        }
        if (value !== null && element.value !== value) {
          element.value = value;
          changed = true;
        }
      }
    });
    return changed;
  }

  function note(id) {
    var template = document.getElementById(id);
    return template && template.content ? template.content.firstElementChild.cloneNode(true) : null;
  }

  function formOf(draft) {
    var forms = draftForms();
    var form = forms[draft.form];
    if (form && (form.getAttribute("action") || "") === draft.action) {
      return form;
    }
    var same = forms.filter(function (candidate) {
      return (candidate.getAttribute("action") || "") === draft.action;
    });
    return same.length === 1 ? same[0] : null;
  }

  function putBack(name, draft) {
    drop(name);
    var form = formOf(draft);
    if (!form || !restore(form, draft.fields, draft.lang)) {
      return; // the form is gone (the step was done meanwhile) or already shows the same
    }
    form.setAttribute("data-draft-touched", "");
    lastTouched = form;
    var shown = note("draft-restored");
    if (!shown) {
      return;
    }
    shown.querySelector("[data-draft-discard]").addEventListener("click", function () {
      // Back to the form as the server sent it.
      form.reset();
      form.removeAttribute("data-draft-touched");
      shown.remove();
    });
    form.insertBefore(shown, form.firstChild);
  }

  function pointTo(name, draft) {
    var shown = note("draft-elsewhere");
    var main = document.querySelector("main");
    if (!shown || !main) {
      return;
    }
    // The origin is put in front: a path is never read as another site's address.
    shown.querySelector("[data-draft-link]").setAttribute(
      "href",
      window.location.origin + draft.path + (draft.search || "")
    );
    var title = shown.querySelector("[data-draft-title]");
    if (title && typeof draft.title === "string" && draft.title) {
      title.textContent = " (" + draft.title + ")"; // text, never markup
    }
    shown.querySelector("[data-draft-discard]").addEventListener("click", function () {
      drop(name);
      shown.remove();
    });
    main.insertBefore(shown, main.firstChild);
    expireLater(name, draft.at, shown);
  }

  // --- dates as the page spells them ---------------------------------------------------------------

  // A date typed on a Japanese page (令和8年4月1日, R8.7) came back after a language switch spelled so on the
  // English page, beside the ISO dates that page fills in: the server reads both, but the clerk saw a mixed
  // page. A date box (data-date, cases/common/fields.py) put back on a page of another language than it was
  // typed in is written as that page writes a date into a box (cases/common/date_display.py
  // date_input_value, month_input_value): 2026-04-01 and 2026-04 in English, 令和8年4月1日 and 令和8年4月 in
  // Japanese. Re-spelled where it is put back, not stored as ISO at the switch: the draft keeps what was
  // typed, and a draft kept by the lock on a Japanese page and put back after a login on a page switched to
  // English is spelled for that page too. Only what reads as a day (or month) of its era within the
  // fields' years is re-spelled, a subset of what the server reads; anything else stays as typed for the
  // server to read or refuse with its reason (令和8年2月30日; 平成31年5月1日, written after the 改元, which the
  // server reads in 令和 with a warning that re-spelling would hide).
  // The eras as cases/common/identifiers/eras.py ERAS has them (tests/security/test_form_drafts.py
  // compares them): name, letter, first day.
  var ERAS = [
    ["明治", "M", 1868, 10, 23],
    ["大正", "T", 1912, 7, 30],
    ["昭和", "S", 1926, 12, 25],
    ["平成", "H", 1989, 1, 8],
    ["令和", "R", 2019, 5, 1],
  ];
  var FIRST_YEAR = 1900; // cases/common/fields.py EARLIEST and LATEST
  var LAST_YEAR = 2099;
  var ERA_YEAR_MONTH = "^(明治|大正|昭和|平成|令和|[MTSHRmtshr])\\s*(元|\\d{1,3})\\s*[年.\\-/]\\s*(\\d{1,2})";
  var WAREKI_DAY = new RegExp(ERA_YEAR_MONTH + "\\s*[月.\\-/]\\s*(\\d{1,2})\\s*日?$");
  var WAREKI_MONTH = new RegExp(ERA_YEAR_MONTH + "\\s*月?$");

  function ordinal(year, month, day) {
    return year * 10000 + month * 100 + day;
  }

  function daysIn(year, month) {
    return new Date(Date.UTC(year, month, 0)).getUTCDate();
  }

  function day(year, month, date) {
    var real = year >= FIRST_YEAR && year <= LAST_YEAR && month >= 1 && month <= 12;
    return real && date >= 1 && date <= daysIn(year, month) ? { y: year, m: month, d: date } : null;
  }

  // An era's index by its name or letter (-1: none); whether a day of from..to (ordinals) falls in that era
  // (a date: the day itself; a month: any of its days, as the server reads 平成元年1月 and refuses 令和元年4月).
  function eraIndex(name) {
    for (var i = 0; i < ERAS.length; i += 1) {
      if (ERAS[i][0] === name || ERAS[i][1] === name.toUpperCase()) {
        return i;
      }
    }
    return -1;
  }

  function inEra(index, from, to) {
    var next = ERAS[index + 1];
    var first = ordinal(ERAS[index][2], ERAS[index][3], ERAS[index][4]);
    return to >= first && (!next || from < ordinal(next[2], next[3], next[4]));
  }

  // {y, m, d} (d = 1 for a month), or null: the spellings the box takes (fields.py), 和暦 only within its era.
  function readDate(text, kind) {
    var folded = (typeof text.normalize === "function" ? text.normalize("NFKC") : text).trim();
    var found = null;
    if (kind === "month") {
      found =
        /^(\d{4})[-/.](\d{1,2})$/.exec(folded) ||
        /^(\d{4})(\d{2})$/.exec(folded) ||
        /^(\d{4})年(\d{1,2})月$/.exec(folded);
      if (found) {
        return day(+found[1], +found[2], 1);
      }
      found = WAREKI_MONTH.exec(folded);
    } else {
      found = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(folded);
      if (found) {
        return day(+found[1], +found[3], +found[4]);
      }
      found =
        /^(\d{4})(\d{2})(\d{2})$/.exec(folded) || /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(folded);
      if (found) {
        return day(+found[1], +found[2], +found[3]);
      }
      found = WAREKI_DAY.exec(folded);
    }
    var index = found ? eraIndex(found[1]) : -1;
    var year = found && found[2] === "元" ? 1 : found ? +found[2] : 0;
    if (index < 0 || year < 1) {
      return null;
    }
    var read = day(ERAS[index][2] + year - 1, +found[3], kind === "month" ? 1 : +found[4]);
    if (!read) {
      return null;
    }
    var last = kind === "month" ? daysIn(read.y, read.m) : read.d;
    return inEra(index, ordinal(read.y, read.m, read.d), ordinal(read.y, read.m, last)) ? read : null;
  }

  function twoDigits(number) {
    return (number < 10 ? "0" : "") + number;
  }

  // The value as this page spells a date (kind "day") or a month ("month") it puts in a box, or as typed.
  function respelled(value, kind) {
    var read = readDate(value, kind);
    if (!read) {
      return value;
    }
    var month = kind === "month";
    if (pageLang === "en") {
      return read.y + "-" + twoDigits(read.m) + (month ? "" : "-" + twoDigits(read.d));
    }
    var at = ordinal(read.y, read.m, read.d);
    var index = ERAS.length - 1;
    while (index > 0 && at < ordinal(ERAS[index][2], ERAS[index][3], ERAS[index][4])) {
      index -= 1;
    }
    var year = read.y - ERAS[index][2] + 1;
    return ERAS[index][0] + (year === 1 ? "元" : year) + "年" + read.m + "月" + (month ? "" : read.d + "日");
  }

  // --- the page just shown -------------------------------------------------------------------------

  var sent = read(SENT);
  drop(SENT);
  if (sent && document.querySelector("[data-draft-keep]")) {
    keep(sent); // as it is: the login page has no key and needs none
  } else if (sent && owner && sent.user === owner) {
    unseal(sent).then(function (draft) {
      if (draft && draft.path === window.location.pathname) {
        // The same form shown again (its errors, a 判定 or 計算): what it holds was typed, and a lock keeps it.
        var again = formOf(draft);
        if (again) {
          again.setAttribute("data-draft-touched", "");
          lastTouched = again;
        }
      }
    });
  }
  // A tab left on the login page (or a page pointing to a draft) does not keep it past its age either.
  function expireLater(name, at, shown) {
    window.setTimeout(function () {
      if (name) {
        drop(name);
      }
      if (shown) {
        shown.hidden = true;
      }
    }, Math.max(0, at + MAX_AGE - Date.now()));
  }

  var kept = readKept();
  if (kept.length && !owner) {
    // The login page: say that the input waits in this tab (to whoever logs in as its user), as long as
    // the newest draft does.
    kept.forEach(function (one) {
      expireLater(one.name, one.record.at, null);
    });
    var hint = document.querySelector("[data-draft-kept]");
    if (hint) {
      hint.hidden = false;
      expireLater(null, kept[kept.length - 1].record.at, hint);
    }
  } else if (kept.length) {
    var mine = kept.filter(function (one) {
      if (one.record.user !== owner) {
        drop(one.name); // another user logged in at this tab: never shown to them
        return false;
      }
      return true;
    });
    Promise.all(
      mine.map(function (one) {
        return unseal(one.record).then(function (draft) {
          return { name: one.name, draft: draft };
        });
      })
    ).then(function (opened) {
      var shown = [];
      // Newest first: an older copy of a form already seen goes unseen.
      opened.reverse().forEach(function (one) {
        if (!one.draft) {
          drop(one.name); // not this key's (a changed password) or altered: gone unseen
        } else if (
          shown.some(function (other) {
            return sameForm(other.draft, one.draft);
          })
        ) {
          drop(one.name); // an older copy of the same form
        } else {
          shown.push(one);
        }
      });
      // A search carried over a language switch with its results on the page is sent again at once (the
      // page came back by a GET, without them). The other drafts stay in the tab meanwhile: the page the
      // search brings is this same page, and puts them back.
      var again = shown.filter(function (one) {
        var form = one.draft.resend && one.draft.path === window.location.pathname ? formOf(one.draft) : null;
        return form && form.hasAttribute("data-draft-search");
      })[0];
      if (again) {
        drop(again.name);
        var search = formOf(again.draft);
        restore(search, again.draft.fields, again.draft.lang);
        send(search, null);
        return;
      }
      // Oldest first, each note put on top: the newest is read first.
      shown.reverse().forEach(function (one) {
        if (one.draft.path === window.location.pathname) {
          putBack(one.name, one.draft);
        } else {
          pointTo(one.name, one.draft);
        }
      });
    });
  }

  // --- what happens next ---------------------------------------------------------------------------

  function touched(event) {
    var form = event.target && event.target.form;
    if (form && form.hasAttribute("data-draft")) {
      form.setAttribute("data-draft-touched", "");
      lastTouched = form;
    }
  }
  document.addEventListener("input", touched, true);
  document.addEventListener("change", touched, true);

  // Encrypting is asynchronous and a page being left does not wait for it: a kept form's submit is held
  // until its copy is stored, then sent as it was (the clicked button's name and value too). This listens
  // first (capture), so desk.js's guard against a second click is not set by the held submit.
  // (form.requestSubmit() from here fired no submit event in Chromium, and sent nothing.)
  function resend(form, submitter) {
    var carried = null;
    if (submitter && submitter.name && !submitter.disabled) {
      carried = document.createElement("input");
      carried.type = "hidden";
      carried.name = submitter.name;
      carried.value = submitter.value;
      form.appendChild(carried);
    }
    // form.submit() fires no submit event: desk.js's guard is set here, for as long as desk.js sets it.
    form.setAttribute("data-sending", "1");
    window.setTimeout(function () {
      form.setAttribute("data-sending", "");
    }, 8000);
    HTMLFormElement.prototype.submit.call(form); // the values are taken now, the page is left later
    if (carried) {
      carried.remove(); // a page brought back from the history sends only what is clicked then
    }
  }
  // Sends a kept form, its copy stored as "sent" first (what came of it is said by the next page, above).
  function send(form, submitter) {
    form.setAttribute("data-draft-sealing", "");
    seal(capture(form)).then(function (record) {
      if (record) {
        write(SENT, record);
      }
      form.removeAttribute("data-draft-sealing");
      resend(form, submitter);
    });
  }
  // The language switch (_language.html, marked data-draft-carry) reloads this same page in the other
  // language (set_language returns to the Referer), and what its forms held was lost. Each form typed
  // into is kept as the lock keeps it (encrypted, one draft per form), and the page shown next puts it back
  // as it puts back any kept draft (above: the same user, page and form, once, within MAX_AGE). The switch
  // still sends only the language: it is held while the copies are encrypted (DEADLINE at most), then sent
  // as clicked. Nothing typed, or nothing that can be encrypted here: it goes at once, as it always did.
  // A search whose results the page shows (data-draft-results) is carried too, marked to be sent again
  // when its boxes still hold what the results were found for and none was kept empty (resend): the other
  // page then shows the same search and its results. Changed since, it only comes back, as typed: nothing
  // is searched that the clerk did not send. It stays posted: nothing of it goes into an address.
  function carry(event) {
    var form = event.target;
    var typed = draftForms().filter(function (one) {
      // typed, or holding a draft put back (not discarded), or a search with its results
      return one.hasAttribute("data-draft-touched") || one.hasAttribute("data-draft-results");
    });
    if (!keyReady || !typed.length || event.defaultPrevented) {
      return;
    }
    event.preventDefault();
    if (form.hasAttribute("data-draft-sealing") || form.getAttribute("data-sending") === "1") {
      return; // a second click: the first is on its way
    }
    form.setAttribute("data-draft-sealing", "");
    var submitter = event.submitter && event.submitter.form === form ? event.submitter : null;
    Promise.all(
      typed.map(function (one) {
        var draft = capture(one);
        draft.resend = one.hasAttribute("data-draft-results") && !draft.withheld && asServed(one);
        return seal(draft);
      })
    ).then(function (records) {
      records.forEach(function (record) {
        if (record) {
          keep(record);
        }
      });
      form.removeAttribute("data-draft-sealing");
      resend(form, submitter);
    });
  }
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (form.hasAttribute("data-draft-clear")) {
        dropKept();
        drop(SENT);
        return;
      }
      drop(SENT);
      if (form.hasAttribute("data-draft-carry")) {
        carry(event);
        return;
      }
      var kept =
        keyReady &&
        form.hasAttribute("data-draft") &&
        (form.method || "").toLowerCase() === "post";
      if (!kept || event.defaultPrevented) {
        return;
      }
      event.preventDefault();
      if (form.hasAttribute("data-draft-sealing") || form.getAttribute("data-sending") === "1") {
        // A second click while the first is being kept, or after it was sent and the next page is
        // loading (desk.js's guard, which this listener runs before): nothing more is sent.
        return;
      }
      send(form, event.submitter && event.submitter.form === form ? event.submitter : null);
    },
    true
  );

  // idle.js blanks the page right after this event and leaves it once what it was handed (waitUntil) is
  // done: the values are read now, encrypted and stored by then, or not at all.
  document.addEventListener("nenkin:lock", function (event) {
    if (!keyReady || !lastTouched || !document.contains(lastTouched)) {
      return;
    }
    var stored = seal(capture(lastTouched)).then(function (record) {
      if (record) {
        keep(record);
      }
    });
    if (event.detail && typeof event.detail.waitUntil === "function") {
      event.detail.waitUntil(stored);
    }
  });
})();
