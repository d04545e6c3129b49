/* The Human Network: the learner's saved progress (window.HN.store).

   Everything lives in ONE localStorage key per site, `hn:<site base pathname>:v1`, so two
   forks served from one domain (e.g. user.github.io/course-a/ and /course-b/) never mix.

   Format (version 1):
     { "format": "the-human-network/progress", "version": 1,
       "quizzes":    { quizId: { "answers": { qid: [value, ...] },
                                 "results": { qid: "correct" | "incorrect" },
                                 "revealed": { qid: true }, "updated": ISO date } },
       "worksheets": { wsId:   { "values": { "<section>/<field>": string }, "updated": ISO date } },
       "pages": {}, "last": null }

   API:
     HN.store.key, .status        "ok" | "memory" (cannot save) | "recovered" (corrupt data
                                   was moved to .backupKey and a fresh record started)
     HN.store.read()              a deep copy of the whole record
     HN.store.update(fn, origin)  fn(draft) changes the draft in place; it is saved and every
                                   subscriber is told. Returns the new record.
     HN.store.clearQuiz(id), .clearWorksheet(id), .clearAll()
     HN.store.validate(data)      list of problems (empty when `data` is a usable record)
     HN.store.replace(data)       validate, then save `data` whole (for import); throws on problems
     HN.store.subscribe(fn)       fn(record, origin) after every change; returns an unsubscribe
   Each change is also sent as a "hn:store" CustomEvent on document ({detail: {state, origin}}).
   Changes made in another tab arrive with origin "other-tab".
   When localStorage is blocked or full, the record lives in memory for the visit.

   Two helpers for the components (quiz.js, worksheet.js, and a progress page):
     HN.storeNote()   the note to show near an exercise when saving is not normal, or null
     HN.onPage(fn)    run fn on every page (Material's document$, else DOMContentLoaded)

   And the queue that starts page scripts. Scripts only some pages need (quiz.js, worksheet.js,
   your-data.js, completion.js) are linked from inside those pages by hooks/assets.py, so they
   may run before this file, and Material's instant navigation runs them again on each page
   that links them. Each one queues itself, and starts once, after this file:
     (window.hnQueue = window.hnQueue || []).push(["quiz", function () { ... }]); */
(function () {
  "use strict";
  var FORMAT = "the-human-network/progress";
  var VERSION = 1;
  var listeners = [];

  function basePath() {
    try {
      var config = JSON.parse(document.getElementById("__config").textContent);
      return new URL(config.base, location.href).pathname;
    } catch (e) {
      return "/";
    }
  }

  function empty() {
    return { format: FORMAT, version: VERSION, quizzes: {}, worksheets: {}, pages: {}, last: null };
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function validate(data) {
    var problems = [];
    if (!isObject(data)) return ["it is not a progress record"];
    if (data.format !== FORMAT) problems.push('"format" is not "' + FORMAT + '"');
    if (data.version !== VERSION) problems.push('"version" is not ' + VERSION);
    ["quizzes", "worksheets", "pages"].forEach(function (name) {
      if (data[name] !== undefined && !isObject(data[name])) problems.push('"' + name + '" is not an object');
    });
    Object.keys(isObject(data.quizzes) ? data.quizzes : {}).forEach(function (id) {
      var quiz = data.quizzes[id];
      if (!isObject(quiz)) return problems.push('quiz "' + id + '" is not an object');
      ["answers", "results", "revealed"].forEach(function (part) {
        if (quiz[part] !== undefined && !isObject(quiz[part])) problems.push('quiz "' + id + '": "' + part + '" is not an object');
      });
    });
    Object.keys(isObject(data.worksheets) ? data.worksheets : {}).forEach(function (id) {
      var sheet = data.worksheets[id];
      if (!isObject(sheet) || (sheet.values !== undefined && !isObject(sheet.values))) {
        problems.push('worksheet "' + id + '" has no "values" object');
      }
    });
    return problems;
  }

  function normalise(data) {
    var record = empty();
    record.quizzes = data.quizzes || {};
    record.worksheets = data.worksheets || {};
    record.pages = data.pages || {};
    record.last = data.last === undefined ? null : data.last;
    return record;
  }

  var key = "hn:" + basePath() + ":v1";
  var storage = null;
  var status = "ok";
  var backupKey = null;
  var state = empty();

  try {
    storage = window.localStorage;
    var raw = storage.getItem(key);
    if (raw !== null) {
      var parsed = null;
      try { parsed = JSON.parse(raw); } catch (e) { parsed = undefined; }
      if (parsed !== undefined && validate(parsed).length === 0) {
        state = normalise(parsed);
      } else {
        backupKey = key + ":corrupt-" + new Date().toISOString();
        storage.setItem(backupKey, raw);
        storage.removeItem(key);
        status = "recovered";
      }
    }
  } catch (e) {
    storage = null;
    status = "memory";
  }

  function copy(value) {
    return JSON.parse(JSON.stringify(value));
  }

  function notify(origin) {
    var snapshot = copy(state);
    listeners.slice().forEach(function (fn) {
      try { fn(copy(snapshot), origin); } catch (e) { setTimeout(function () { throw e; }); }
    });
    document.dispatchEvent(new CustomEvent("hn:store", { detail: { state: snapshot, origin: origin } }));
  }

  function save(origin) {
    if (storage) {
      try {
        storage.setItem(key, JSON.stringify(state));
      } catch (e) {
        storage = null; // full or newly blocked: keep going in memory for this visit
        status = "memory";
      }
    }
    notify(origin);
    return copy(state);
  }

  function update(fn, origin) {
    var draft = copy(state);
    var result = fn(draft);
    state = normalise(result === undefined ? draft : result);
    return save(origin);
  }

  function replace(data) {
    var problems = validate(data);
    if (problems.length) throw new Error("Not a progress file for this course: " + problems.join("; ") + ".");
    state = normalise(copy(data));
    return save("replace");
  }

  // Another tab saved: take its record, unless it is unreadable (then keep ours).
  window.addEventListener("storage", function (event) {
    if (!storage || event.key !== key) return;
    try {
      var data = event.newValue === null ? empty() : JSON.parse(event.newValue);
      if (validate(data).length === 0) {
        state = normalise(data);
        notify("other-tab");
      }
    } catch (e) { /* keep the record we have */ }
  });

  window.HN = window.HN || {};
  window.HN.store = {
    key: key,
    get status() { return status; },
    get backupKey() { return backupKey; },
    read: function () { return copy(state); },
    update: update,
    replace: replace,
    validate: validate,
    clearQuiz: function (id, origin) { return update(function (s) { delete s.quizzes[id]; }, origin || "clear"); },
    clearWorksheet: function (id, origin) { return update(function (s) { delete s.worksheets[id]; }, origin || "clear"); },
    clearAll: function (origin) { return update(function () { return empty(); }, origin || "clear"); },
    subscribe: function (fn) {
      listeners.push(fn);
      return function () { listeners = listeners.filter(function (f) { return f !== fn; }); };
    }
  };

  /* A short note for the top of an exercise when saving is not normal, or null.
     Exercises call this on mount and after each change (storage can fill up mid-visit). */
  window.HN.storeNote = function () {
    if (status === "memory") {
      return "Your answers can't be saved in this browser (storage is blocked or full). " +
        "Everything works until you close or reload the page.";
    }
    if (status === "recovered") {
      return "Your saved answers could not be read; a copy was kept in this browser's storage " +
        "(under " + backupKey + ") and you are starting fresh.";
    }
    return null;
  };

  /* Run `mount` for every page: on Material's document$ (initial load and each instant
     navigation), or once on DOMContentLoaded when Material's JavaScript is absent. */
  window.HN.onPage = function (mount) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () { mount(); });
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { mount(); });
    } else {
      mount();
    }
  };

  var started = {};
  function start(entry) {
    if (started[entry[0]]) return; // loaded again by instant navigation: already running
    started[entry[0]] = true;
    entry[1]();
  }
  var queued = Array.isArray(window.hnQueue) ? window.hnQueue : [];
  window.hnQueue = { push: start };
  queued.forEach(start);
})();
