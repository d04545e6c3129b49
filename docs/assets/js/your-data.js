/* The Human Network: "Your data" on the progress page ([data-hn-data]): export, import, reset.

   Export file (documented on docs/progress.md and in CONTRIBUTING.md):
     { "format": "the-human-network/progress", "version": 1,
       "site": manifest "site" (the site_url) or the site's base path,
       "exported": ISO date, "state": the whole HN.store record }
   Import reads a file, refuses it with a message in a live region if it is not JSON, not a
   progress file, from another site, of another format version, or damaged (HN.store.validate);
   nothing changes then. A good file is summarised, and nothing changes until the learner picks
   Merge (per quiz and worksheet, the newer one wins; visits are combined), Replace or Cancel.
   Reset asks first. After merge, replace or reset an Undo button restores the record from
   before, until the page is left. Learner text only goes in through textContent. */
(window.hnQueue = window.hnQueue || []).push(["your-data", function () {
  "use strict";
  var FORMAT = "the-human-network/progress";
  var VERSION = 1;
  var MAX_BYTES = 5 * 1024 * 1024;
  var mounted = new Map(); // root -> cleanup

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function plural(count, word, words) {
    return count + " " + (count === 1 ? word : words || word + "s");
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /* The site's base path, worked out on the page first loaded (instant navigation keeps that
     page's #__config, whose relative "base" is wrong from other pages). */
  var BASE_PATH = (function () {
    try {
      var config = JSON.parse(document.getElementById("__config").textContent);
      return new URL(config.base, location.href).pathname;
    } catch (e) {
      return "/";
    }
  })();

  /* This site's identity in an export file: its site_url, or the base path when it has none. */
  function siteId() {
    var manifest = window.HN.manifest || (window.HN.progress && window.HN.progress.manifest);
    return manifest && manifest.site ? manifest.site : BASE_PATH;
  }

  function sameSite(a, b) {
    function clean(value) {
      return String(value || "").trim().toLowerCase().replace(/^[a-z]+:\/\//, "").replace(/\/+$/, "");
    }
    return clean(a) === clean(b);
  }

  function exportData() {
    return { format: FORMAT, version: VERSION, site: siteId(), exported: new Date().toISOString(), state: HN.store.read() };
  }

  /* Check a parsed file; return {problem} or {data}. Every refusal says the progress is unchanged. */
  function check(data) {
    var kept = " Your progress in this browser has not changed.";
    if (!isObject(data) || data.format !== FORMAT) {
      return { problem: "This is not a progress file from this course: it has no \"format\": \"" + FORMAT + "\"." + kept };
    }
    if (typeof data.version !== "number" || Math.floor(data.version) !== data.version) {
      return { problem: "This progress file is damaged: its \"version\" is not a whole number." + kept };
    }
    if (data.version > VERSION) {
      return { problem: "This progress file was made by a newer version of the course (file version " + data.version +
        "); this site reads version " + VERSION + ". Export again from the newer site, or update this copy of the course." + kept };
    }
    if (data.version < VERSION) {
      return { problem: "This progress file uses an older format (file version " + data.version + ") that this site " +
        "cannot read; it reads version " + VERSION + "." + kept };
    }
    if (!sameSite(data.site, siteId())) {
      return { problem: "This progress file comes from another site (" + String(data.site || "no site given") +
        "), not this one (" + siteId() + "). Its quizzes may not match these, so it was not imported." + kept };
    }
    if (!isObject(data.state)) {
      return { problem: "This progress file is damaged: it has no \"state\" with your progress." + kept };
    }
    var problems = HN.store.validate(data.state);
    if (problems.length) {
      return { problem: "This progress file is damaged: " + problems.join("; ") + "." + kept };
    }
    return { data: data };
  }

  function time(value) {
    var t = Date.parse(value);
    return isNaN(t) ? 0 : t;
  }

  /* Merge two records: per quiz and per worksheet the newer one wins; visits are combined. */
  function merge(current, incoming) {
    var result = JSON.parse(JSON.stringify(current));
    ["quizzes", "worksheets"].forEach(function (kind) {
      Object.keys(incoming[kind] || {}).forEach(function (id) {
        var mine = result[kind][id];
        var theirs = incoming[kind][id];
        if (!mine || time(theirs.updated) > time(mine.updated)) result[kind][id] = JSON.parse(JSON.stringify(theirs));
      });
    });
    Object.keys(incoming.pages || {}).forEach(function (id) {
      var mine = result.pages[id];
      var theirs = incoming.pages[id];
      if (!isObject(theirs)) return;
      if (!isObject(mine)) { result.pages[id] = JSON.parse(JSON.stringify(theirs)); return; }
      mine.first = time(theirs.first) && (!time(mine.first) || time(theirs.first) < time(mine.first)) ? theirs.first : mine.first;
      if (time(theirs.last) > time(mine.last)) { mine.last = theirs.last; mine.title = theirs.title || mine.title; }
    });
    if (isObject(incoming.last) && (!isObject(result.last) || time(incoming.last.time) > time(result.last.time))) {
      result.last = JSON.parse(JSON.stringify(incoming.last));
    }
    return result;
  }

  function describe(record) {
    var quizzes = Object.keys(record.quizzes || {}).length;
    var sheets = Object.keys(record.worksheets || {}).filter(function (id) { return id !== "hn-completion-record"; }).length;
    var pages = Object.keys(record.pages || {}).length;
    return plural(quizzes, "quiz", "quizzes") + ", " + plural(sheets, "worksheet") + " and " +
      plural(pages, "lesson") + " opened";
  }

  function isEmpty(record) {
    return !Object.keys(record.quizzes).length && !Object.keys(record.worksheets).length && !Object.keys(record.pages).length;
  }

  function mountData(root) {
    var controller = new AbortController();
    var undoState = null;
    var pending = null;

    function on(el, type, fn) { el.addEventListener(type, fn, { signal: controller.signal }); }
    function button(parent, text, fn, className) {
      var b = parent.appendChild(make("button", "hn-button " + (className || ""), text));
      b.type = "button";
      on(b, "click", fn);
      return b;
    }
    function group(title, id) {
      var box = make("div", "hn-data__group");
      box.appendChild(make("h3", "hn-data__title", title)).id = id;
      return box;
    }

    var exportBox = group("Export", "hn-data-export");
    exportBox.appendChild(make("p", null, "Save everything to a file: your quiz answers, worksheet entries, the lessons " +
      "you opened and your name for the completion record."));
    var exportActions = exportBox.appendChild(make("p", "hn-data__actions"));

    var importBox = group("Import", "hn-data-import");
    importBox.appendChild(make("p", null, "Load a file you exported from this course, in this or another browser. " +
      "You see what it holds before anything changes."));
    var fileLine = importBox.appendChild(make("p", "hn-data__file"));
    var fileLabel = fileLine.appendChild(make("label", null, "Progress file to import"));
    fileLabel.htmlFor = "hn-data-file";
    var input = fileLine.appendChild(make("input"));
    input.type = "file";
    input.id = "hn-data-file";
    input.accept = ".json,application/json";
    var choice = importBox.appendChild(make("fieldset", "hn-data__choice"));
    choice.hidden = true;
    var choiceLegend = choice.appendChild(make("legend"));
    var choiceText = choice.appendChild(make("p"));
    var choiceActions = choice.appendChild(make("p", "hn-data__actions"));

    var resetBox = group("Reset", "hn-data-reset");
    resetBox.appendChild(make("p", null, "Delete everything this course saved in this browser. Export first if you want a copy."));
    var resetActions = resetBox.appendChild(make("p", "hn-data__actions"));
    var confirmBox = resetBox.appendChild(make("fieldset", "hn-data__choice"));
    confirmBox.hidden = true;
    confirmBox.appendChild(make("legend", null, "Delete all your progress?"));
    var confirmText = confirmBox.appendChild(make("p"));
    var confirmActions = confirmBox.appendChild(make("p", "hn-data__actions"));

    var status = make("div", "hn-data__status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.dataset.hnDataStatus = "";

    function say(text, kind, withUndo) {
      var p = make("p", "hn-data__message hn-data__message--" + (kind || "info"), text);
      status.replaceChildren(p);
      status.dataset.hnKind = kind || "info";
      if (withUndo) {
        p.appendChild(document.createTextNode(" "));
        button(p, "Undo", undo, "hn-data__undo");
      }
    }

    function download() {
      var data = exportData();
      var blob = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
      var link = make("a");
      link.href = URL.createObjectURL(blob);
      link.download = "the-human-network-progress-" + data.exported.slice(0, 10) + ".json";
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
      say("Exported " + describe(data.state) + " to " + link.download + ".", "done");
    }

    function change(fn, message) {
      undoState = HN.store.read();
      fn();
      say(message, "done", true);
    }

    function undo() {
      if (!undoState) return;
      HN.store.replace(undoState);
      undoState = null;
      say("Undone: your progress is back as it was.", "done");
    }

    function closeChoice() {
      pending = null;
      choice.hidden = true;
      input.value = "";
    }

    function refuse(text) {
      closeChoice();
      say(text, "error");
    }

    function read() {
      var file = input.files && input.files[0];
      if (!file) return;
      confirmBox.hidden = true;
      if (file.size > MAX_BYTES) return refuse("This file is too large to be a progress file. Your progress in this browser has not changed.");
      file.text().then(function (text) {
        var data;
        try { data = JSON.parse(text); } catch (e) {
          return refuse("This file is not a progress file: it is not valid JSON. Your progress in this browser has not changed.");
        }
        var result = check(data);
        if (result.problem) return refuse(result.problem);
        pending = result.data;
        var exported = window.HN.progress ? HN.progress.formatDate(pending.exported) : pending.exported;
        choiceLegend.textContent = "What should happen to the file \u201c" + file.name + "\u201d?";
        choiceText.textContent = "It holds " + describe(pending.state) + (exported ? ", exported on " + exported : "") +
          ". This browser holds " + describe(HN.store.read()) + ". Merge keeps the newer of each quiz and worksheet; " +
          "Replace uses the file and drops what is here. Nothing changes until you choose.";
        choice.hidden = false;
        say("The file can be imported. Choose Merge, Replace or Cancel.", "info");
        choiceActions.querySelector("button").focus();
      }, function () {
        refuse("This file could not be read. Your progress in this browser has not changed.");
      });
    }

    button(exportActions, "Export your progress", download, "hn-button--primary");
    on(input, "change", read);
    button(choiceActions, "Merge", function () {
      var merged = merge(HN.store.read(), pending.state);
      closeChoice();
      change(function () { HN.store.replace(merged); }, "Merged: you now have " + describe(merged) + ".");
    });
    button(choiceActions, "Replace", function () {
      var data = pending;
      closeChoice();
      change(function () { HN.store.replace(data.state); }, "Replaced: your progress now comes from the file.");
    });
    button(choiceActions, "Cancel", function () {
      closeChoice();
      say("Import cancelled. Nothing changed.", "info");
      input.focus();
    });

    button(resetActions, "Reset everything\u2026", function () {
      closeChoice();
      var record = HN.store.read();
      confirmText.textContent = isEmpty(record)
        ? "Nothing is saved in this browser yet."
        : "This deletes " + describe(record) + " from this browser, and your name on the completion record. " +
          "It cannot be undone once you leave this page.";
      confirmBox.hidden = false;
      confirmActions.querySelector("button").focus();
    });
    button(confirmActions, "Export a copy first", download);
    button(confirmActions, "Delete everything", function () {
      confirmBox.hidden = true;
      change(function () { HN.store.clearAll("reset"); }, "Your progress in this browser was deleted.");
    }, "hn-button--danger");
    button(confirmActions, "Cancel", function () {
      confirmBox.hidden = true;
      say("Reset cancelled. Nothing changed.", "info");
    });

    var fallback = root.querySelector(".hn-data__fallback");
    root.replaceChildren(exportBox, importBox, resetBox, status);
    if (HN.store.status !== "ok" && HN.storeNote()) say(HN.storeNote(), "error");
    root.dataset.hnMounted = "true";

    return function cleanup() {
      controller.abort();
      root.replaceChildren.apply(root, fallback ? [fallback] : []);
      delete root.dataset.hnMounted;
    };
  }

  window.HN.data = { exportData: exportData, check: check, merge: merge };

  HN.onPage(function () {
    mounted.forEach(function (cleanup) { cleanup(); });
    mounted.clear();
    document.querySelectorAll("[data-hn-data]").forEach(function (root) { mounted.set(root, mountData(root)); });
  });
}]);
