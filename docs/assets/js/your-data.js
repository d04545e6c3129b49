/* The Human Network: "Your data" on the progress page ([data-hn-data]): export, import, reset,
   and the copies storage.js kept of saved data it could not read.

   Export file (documented on docs/progress.md and in CONTRIBUTING.md):
     { "format": "the-human-network/progress", "version": 2,
       "site": manifest "site" (the site_url) or the site's base path,
       "exported": ISO date, "state": the whole HN.store record }
   Import reads a file, refuses it with a message in a live region if it is not JSON, not a
   progress file, from another site, of a newer format version (an older one, from version 1,
   is upgraded by HN.store.clean, its review queue derived from the quiz results), or its
   state cannot be used (HN.store.clean); nothing changes then. A good file is summarised, with any values that
   the schema leaves out named, and nothing changes until the learner picks Merge (per quiz
   and worksheet, the newer one wins; per question in the review queue, the one answered
   later wins; visits are combined), Replace or Cancel. Reset asks
   first. After merge, replace or reset an Undo button restores the record from before, until
   the page is left, unless the record changed since (in this tab or another one). A save that
   fails (storage full or blocked) is reported, with Export offered. Every step is guarded:
   whatever the file holds, the learner gets a message. Learner text only goes in through
   textContent, and text from a file is quoted short (HN.show). */
(window.hnQueue = window.hnQueue || []).push(["your-data", function () {
  "use strict";
  var FORMAT = "the-human-network/progress";
  var VERSION = 2;
  var OLDEST = 1; // older files are upgraded by HN.store.clean
  var MAX_BYTES = 5 * 1024 * 1024;
  var KEPT = " Your progress in this browser has not changed.";
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

  function sameSite(a, b) {
    function clean(value) {
      return value.trim().toLowerCase().replace(/^[a-z]+:\/\//, "").replace(/\/+$/, "");
    }
    return clean(a) === clean(b);
  }

  /* Check a parsed file; return {problem} or {data, state, dropped}. */
  function check(data) {
    var site = HN.store.exportData().site;
    if (!isObject(data) || data.format !== FORMAT) {
      return { problem: "This is not a progress file from this course: it has no \"format\": \"" + FORMAT + "\"." + KEPT };
    }
    if (typeof data.version !== "number" || Math.floor(data.version) !== data.version) {
      return { problem: "This progress file is damaged: its \"version\" is not a whole number." + KEPT };
    }
    if (data.version > VERSION) {
      return { problem: "This progress file was made by a newer version of the course (file version " + data.version +
        "); this site reads version " + VERSION + ". Export again from the newer site, or update this copy of the course." + KEPT };
    }
    if (data.version < OLDEST) {
      return { problem: "This progress file uses an older format (file version " + data.version + ") that this site " +
        "cannot read; it reads versions " + OLDEST + " to " + VERSION + "." + KEPT };
    }
    if (typeof data.site !== "string" || !sameSite(data.site, site)) {
      return { problem: "This progress file comes from another site (" + (typeof data.site === "string" ? HN.show(data.site, 60)
        : "no site given") + "), not this one (" + site + "). Its quizzes may not match these, so it was not imported." + KEPT };
    }
    if (!isObject(data.state)) {
      return { problem: "This progress file is damaged: it has no \"state\" with your progress." + KEPT };
    }
    var result = HN.store.clean(data.state);
    if (result.problem) return { problem: "This progress file is damaged: " + result.problem + "." + KEPT };
    return { data: data, state: result.state, dropped: result.dropped };
  }

  function time(value) {
    var t = typeof value === "string" ? Date.parse(value) : NaN;
    return isNaN(t) ? 0 : t;
  }

  /* Merge two checked records: per quiz and per worksheet the newer one wins; visits are
     combined. Both come from HN.store (maps without prototypes), and the result is checked
     again when it is saved. */
  function merge(current, incoming) {
    var result = HN.store.clean(current).state;
    ["quizzes", "worksheets"].forEach(function (kind) {
      Object.keys(incoming[kind]).forEach(function (id) {
        var mine = result[kind][id];
        var theirs = incoming[kind][id];
        if (!mine || time(theirs.updated) > time(mine.updated)) result[kind][id] = theirs;
      });
    });
    Object.keys(incoming.pages).forEach(function (id) {
      var mine = result.pages[id];
      var theirs = incoming.pages[id];
      if (!mine) { result.pages[id] = theirs; return; }
      if (time(theirs.first) && (!time(mine.first) || time(theirs.first) < time(mine.first))) mine.first = theirs.first;
      if (time(theirs.last) > time(mine.last)) { mine.last = theirs.last; mine.title = theirs.title || mine.title; }
    });
    Object.keys(incoming.review).forEach(function (id) {
      var mine = result.review[id] || (result.review[id] = Object.create(null));
      Object.keys(incoming.review[id]).forEach(function (qid) {
        var theirs = incoming.review[id][qid];
        if (!mine[qid] || time(theirs.last) > time(mine[qid].last)) mine[qid] = theirs;
      });
    });
    if (incoming.last && (!result.last || time(incoming.last.time) > time(result.last.time))) result.last = incoming.last;
    return result;
  }

  function describe(record) {
    var quizzes = Object.keys(record.quizzes).length;
    var sheets = Object.keys(record.worksheets).filter(function (id) { return id !== "hn-completion-record"; }).length;
    var pages = Object.keys(record.pages).length;
    var due = reviewCount(record);
    var parts = plural(quizzes, "quiz", "quizzes") + ", " + plural(sheets, "worksheet");
    if (!due) return parts + " and " + plural(pages, "lesson") + " opened";
    return parts + ", " + plural(pages, "lesson") + " opened and " + plural(due, "question") + " in the review queue";
  }

  /* Questions in the spaced-review queue, due or not. */
  function reviewCount(record) {
    return Object.keys(record.review || {}).reduce(function (n, id) { return n + Object.keys(record.review[id]).length; }, 0);
  }

  function listed(dropped) {
    return dropped.slice(0, 5).join("; ") + (dropped.length > 5 ? "; and " + (dropped.length - 5) + " more" : "");
  }

  function isEmpty(record) {
    return !Object.keys(record.quizzes).length && !Object.keys(record.worksheets).length && !Object.keys(record.pages).length &&
      !reviewCount(record);
  }

  function mountData(root) {
    var controller = new AbortController();
    var undoState = null;
    var pending = null;

    function on(el, type, fn) { el.addEventListener(type, fn, { signal: controller.signal }); }
    function button(parent, text, fn, className) {
      var b = parent.appendChild(make("button", "hn-button " + (className || ""), text));
      b.type = "button";
      on(b, "click", function () { attempt(fn); });
      return b;
    }
    function group(title, id) {
      var box = make("div", "hn-data__group");
      box.appendChild(make("h3", "hn-data__title", title)).id = id;
      return box;
    }

    /* Kept copies of data that could not be read (storage.js), with the notice saying why. */
    var recoverBox = group("Data that could not be read", "hn-data-recover");
    recoverBox.hidden = true;
    function drawRecovery() {
      var copies = HN.store.backups();
      var notice = HN.store.notice;
      recoverBox.hidden = !copies.length && !notice;
      var parts = [recoverBox.firstChild];
      if (notice) parts.push(make("p", "hn-data__message hn-data__message--warning", notice));
      copies.forEach(function (copy) {
        var line = make("p", "hn-data__actions", copy.date ? "A copy kept on " + (window.HN.progress
          ? HN.progress.formatDate(copy.date) : copy.date) + "." : "The unreadable data, still where your progress is saved.");
        line.appendChild(document.createTextNode(" "));
        button(line, "Download the copy", function () {
          say("Downloaded " + HN.store.download(HN.store.backup(copy.key) || "", "the-human-network-unreadable-" +
            (copy.date || new Date().toISOString()).slice(0, 10) + ".json") + ". Nothing changed.", "done");
        });
        button(line, "Discard the copy", function () {
          if (HN.store.discard(copy.key)) say("The copy was discarded.", "done");
          else say("The copy could not be discarded: this browser's storage is blocked.", "warning");
          drawRecovery();
        });
        parts.push(line);
      });
      recoverBox.replaceChildren.apply(recoverBox, parts);
      if (notice) HN.store.seen();
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

    /* kind: "info", "done", "error" (an import refused) or "warning" (anything else gone wrong). */
    function say(text, kind, withUndo, withExport) {
      var p = make("p", "hn-data__message hn-data__message--" + (kind || "info"), text);
      status.replaceChildren(p);
      status.dataset.hnKind = kind || "info";
      if (withExport) button(p, "Export your progress", download, "hn-data__undo");
      if (withUndo) button(p, "Undo", undo, "hn-data__undo");
    }

    /* Run a step; whatever goes wrong, the learner is told. */
    function attempt(fn) {
      try {
        fn();
      } catch (error) {
        setTimeout(function () { throw error; });
        refuse("Something went wrong (" + HN.show(String(error), 80) + ")." + KEPT);
      }
    }

    function download() {
      var file = HN.store.exportFile();
      say("Exported " + describe(file.data.state) + " to " + file.name + ".", "done", !!undoState);
    }

    /* Make a change; report whether it was saved, and offer Undo. */
    function change(fn, done, failed) {
      var before = HN.store.read();
      var saved = fn();
      undoState = { before: before, after: HN.store.read() };
      if (saved) say(done, "done", true);
      else say(failed + " Export your progress to keep a copy, or undo.", "warning", true, true);
    }

    function undo() {
      if (!undoState) return;
      var last = undoState;
      undoState = null;
      if (!HN.store.same(HN.store.read(), last.after)) {
        return say("Not undone: your progress changed since then (in this tab or another one), and undoing now would " +
          "lose those changes. Nothing changed.", "warning");
      }
      if (HN.store.replace(last.before)) say("Undone: your progress is back as it was.", "done");
      else say("Undone on this page, but it could not be saved in this browser (its storage is full or blocked).", "warning", false, true);
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

    function accept(text, name) {
      var data;
      try { data = JSON.parse(text); } catch (e) {
        return refuse("This file is not a progress file: it is not valid JSON." + KEPT);
      }
      var result = check(data);
      if (result.problem) return refuse(result.problem);
      pending = result;
      var exported = time(data.exported) && time(data.exported) <= Date.now() + 864e5 && window.HN.progress
        ? HN.progress.formatDate(data.exported) : "";
      choiceLegend.textContent = "What should happen to the file " + HN.show(name, 60) + "?";
      choiceText.textContent = "It holds " + describe(result.state) + (exported ? ", exported on " + exported : "") +
        ". This browser holds " + describe(HN.store.read()) + ". Merge keeps the newer of each quiz and worksheet; " +
        "Replace uses the file and drops what is here. Nothing changes until you choose." +
        (result.dropped.length ? " Some values in the file cannot be used as they are, so they will be left out " +
          "or changed: " + listed(result.dropped) + "." : "");
      choice.hidden = false;
      say("The file can be imported. Choose Merge, Replace or Cancel.", "info");
      choiceActions.querySelector("button").focus();
    }

    function read() {
      var file = input.files && input.files[0];
      if (!file) return;
      confirmBox.hidden = true;
      if (file.size > MAX_BYTES) return refuse("This file is too large to be a progress file." + KEPT);
      file.text().then(function (text) { attempt(function () { accept(text, file.name); }); }, function () {
        refuse("This file could not be read." + KEPT);
      });
    }

    button(exportActions, "Export your progress", download, "hn-button--primary");
    on(input, "change", function () { attempt(read); });
    button(choiceActions, "Merge", function () {
      var merged = merge(HN.store.read(), pending.state);
      closeChoice();
      change(function () { return HN.store.replace(merged); }, "Merged: you now have " + describe(merged) + ".",
        "Merged on this page only: the result could not be saved in this browser (its storage is full or blocked), " +
        "so it is lost when you leave this page.");
    });
    button(choiceActions, "Replace", function () {
      var state = pending.state;
      closeChoice();
      change(function () { return HN.store.replace(state); }, "Replaced: your progress now comes from the file.",
        "Replaced on this page only: the file's progress could not be saved in this browser (its storage is full or " +
        "blocked), so it is lost when you leave this page.");
    });
    button(choiceActions, "Cancel", function () {
      closeChoice();
      say("Import cancelled. Nothing changed.", "info");
      input.focus();
    });

    button(resetActions, "Reset everything\u2026", function () {
      closeChoice();
      var record = HN.store.read();
      confirmText.textContent = isEmpty(record) && !HN.store.backups().length
        ? "Nothing is saved in this browser yet."
        : "This deletes " + describe(record) + " from this browser, your name on the completion record and any " +
          "copies of unreadable data. It cannot be undone once you leave this page.";
      confirmBox.hidden = false;
      confirmActions.querySelector("button").focus();
    });
    button(confirmActions, "Export a copy first", download);
    button(confirmActions, "Delete everything", function () {
      confirmBox.hidden = true;
      change(function () { return HN.store.clearAll("reset"); }, "Your progress in this browser was deleted.",
        "Your progress was cleared on this page, but this browser's storage could not be changed (it is blocked), " +
        "so what it holds may still be there.");
      drawRecovery();
    }, "hn-button--danger");
    button(confirmActions, "Cancel", function () {
      confirmBox.hidden = true;
      say("Reset cancelled. Nothing changed.", "info");
    });

    var fallback = root.querySelector(".hn-data__fallback");
    root.replaceChildren(recoverBox, exportBox, importBox, resetBox, status);
    drawRecovery();
    if (HN.store.status === "memory") say(HN.storeNote(), "warning");
    root.dataset.hnMounted = "true";

    return function cleanup() {
      controller.abort();
      root.replaceChildren.apply(root, fallback ? [fallback] : []);
      delete root.dataset.hnMounted;
    };
  }

  window.HN.data = { exportData: HN.store.exportData, check: check, merge: merge };

  HN.onPage(function () {
    mounted.forEach(function (cleanup) { cleanup(); });
    mounted.clear();
    document.querySelectorAll("[data-hn-data]").forEach(function (root) {
      HN.guard(root, function () { mounted.set(root, mountData(root)); });
    });
  });
}]);
