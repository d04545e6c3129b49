/* The Human Network: the SCORM 1.2 adapter. Only the package build loads it (`make scorm`:
   SCORM=true, hooks/scorm.py); the normal site and the offline zip never ship it.

   Two roles, one file:
   - On the launch page (scorm-launch.html, the package's entry point) it keeps the session.
     It finds the platform's API in the parent frames, then the opener's (the search from
     the SCORM 1.2 run-time guide), calls LMSInitialize, frames the course, and on pagehide
     sets the session time and exit, then calls LMSCommit and LMSFinish. With no API (the
     package opened outside a platform) it simply opens the course: nothing is reported.
   - On each course page, inside that frame, it reports to the session (window.HNScorm of a
     parent frame): cmi.core.lesson_status, cmi.core.score.raw/min/max and cmi.suspend_data.
     On the first page of a session it restores the suspend data through HN.store.clean.

   Status: "passed" or "failed" once every question of the final check (HN.manifest.checks)
   has been checked, from its pass mark; before that "completed" when every lesson of the
   course is complete (as on the progress page), else "incomplete". The score is the final
   check's percentage of right answers (0 to 100), sent once the check has been taken. A
   status the platform already has as completed, passed or failed is never set back to
   incomplete.

   Suspend data (at most 4,096 characters): "hn1:" and a compact JSON record that lists
   everything by its position in the course manifest (HN.manifest), with "v", a hash of the
   course's lessons, quizzes, questions and worksheet fields, so data saved by a different
   course or version is refused rather than misread:
     {"v": hash,
      "q": [[time, "0.2+,1~,,3!"] or 0, ...],   one per quiz (lessons', then the final check):
                                                 per question the options joined by ".", then
                                                 "+" right, "~" wrong, "!" answer shown
      "w": [[time, [value, ...]] or 0, ...],     one per worksheet, its fields in order
                                                 (a rating as a number, a ticked box as 1)
      "x": {worksheet: [time, {key: text}]},     worksheets not in the manifest (the
                                                 completion record's name)
      "p": [[first, last] or 0, ...],            the visit to each lesson
      "l": [lesson, time]}                       the lesson opened last
   Times are whole seconds since 1970 in base 36; lesson titles come from the course. When
   the record does not fit, the longest worksheet entries are cut short, ending in "…" (never
   below 10 characters); if it still does not fit, the last suspend data that did is kept.
   Restoring merges: each quiz or worksheet keeps the newer of the two copies (this
   browser's on a tie), visits are joined. Suspend data that cannot be read is refused:
   nothing in this browser changes, and a copy is kept as a backup that the progress page
   offers to download. */
(function () {
  "use strict";
  var LIMIT = 4096;
  var PREFIX = "hn1:";
  var SESSION = "HNScorm";
  var FINISHED = /^(completed|passed|failed)$/;

  /* --- The launch page: the session ------------------------------------------------------ */

  function findAPI(win) {
    for (var tries = 0; tries <= 500; tries++) {
      try {
        if (win.API) return win.API;
      } catch (e) { return null; } // another origin's frame: stop there
      if (!win.parent || win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }

  function getAPI() {
    var api = findAPI(window);
    if (!api && window.opener) api = findAPI(window.opener);
    return api;
  }

  function pad(n, width) {
    var text = String(n);
    while (text.length < width) text = "0" + text;
    return text;
  }

  /* CMITimespan: HHHH:MM:SS.SS */
  function timespan(ms) {
    var cs = Math.min(Math.round(ms / 10), 9999 * 360000 + 359999);
    return pad(Math.floor(cs / 360000), 4) + ":" + pad(Math.floor(cs / 6000) % 60, 2) + ":" +
      pad(Math.floor(cs / 100) % 60, 2) + "." + pad(cs % 100, 2);
  }

  function session(frame) {
    var course = frame.getAttribute("data-src");
    var api = getAPI();
    if (!api || String(api.LMSInitialize("")) !== "true") {
      location.replace(course);
      return;
    }
    var started = Date.now();
    var finished = false;
    var sent = {};
    var status = "incomplete";
    function get(name) {
      var value = api.LMSGetValue(name);
      return value === null || value === undefined ? "" : String(value);
    }
    function set(name, value) {
      value = String(value);
      if (finished || sent[name] === value) return;
      if (String(api.LMSSetValue(name, value)) === "true") sent[name] = value;
      else if (window.console) console.warn("SCORM: the platform refused " + name + " (error " + api.LMSGetLastError() + ")");
    }
    function commit() {
      if (finished) return;
      set("cmi.core.session_time", timespan(Date.now() - started));
      set("cmi.core.exit", status === "passed" || status === "completed" ? "" : "suspend");
      api.LMSCommit("");
    }
    var before = get("cmi.core.lesson_status");
    if (before && before !== "not attempted") status = before;
    else set("cmi.core.lesson_status", status);

    window[SESSION] = {
      suspendData: get("cmi.suspend_data"),
      restored: false,
      report: function (values, now) {
        // A finished attempt is never set back to "incomplete" (progress reset in this
        // browser, or a new computer whose suspend data was refused).
        if (values.status !== "incomplete" || !FINISHED.test(status)) {
          status = values.status;
          set("cmi.core.lesson_status", values.status);
        }
        if (values.score !== null) {
          set("cmi.core.score.min", "0");
          set("cmi.core.score.max", "100");
          set("cmi.core.score.raw", String(values.score));
        }
        if (values.suspend !== null) set("cmi.suspend_data", values.suspend);
        if (now) commit();
      },
      commit: commit
    };
    function finish() {
      if (finished) return;
      commit();
      api.LMSFinish("");
      finished = true;
    }
    window.addEventListener("pagehide", finish);
    window.addEventListener("unload", finish);
    frame.style.cssText = "position:fixed;inset:0;width:100%;height:100%;border:0";
    frame.src = course;
  }

  /* --- A course page: what the learner has done ------------------------------------------ */

  function findSession() {
    var win = window;
    for (var i = 0; i < 20 && win.parent && win.parent !== win; i++) {
      win = win.parent;
      try {
        if (win[SESSION]) return win[SESSION];
      } catch (e) { return null; }
    }
    return null;
  }

  function seconds(iso) {
    var t = Date.parse(iso);
    return isNaN(t) ? undefined : Math.floor(t / 1000).toString(36);
  }

  function iso(code) {
    if (code === 0) return undefined; // no time was saved
    var t = typeof code === "string" && /^[0-9a-z]{1,9}$/.test(code) ? parseInt(code, 36) : NaN;
    return isNaN(t) ? code : new Date(t * 1000).toISOString();
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /* Where each value goes, from the course manifest: the suspend data lists quizzes,
     worksheet fields and lessons by position, and names the layout with a short hash. */
  function layout(manifest) {
    var quizzes = [], sheets = [], lessons = [];
    manifest.lessons.forEach(function (lesson) {
      lessons.push(lesson.id);
      lesson.quizzes.forEach(function (quiz) { quizzes.push(quiz); });
      lesson.worksheets.forEach(function (sheet) {
        var fields = [];
        sheet.sections.forEach(function (section) {
          section.fields.forEach(function (field) { fields.push({ key: section.id + "/" + field, kind: section.type }); });
        });
        sheets.push({ id: sheet.id, fields: fields });
      });
    });
    (manifest.checks || []).forEach(function (quiz) { quizzes.push(quiz); });
    var text = JSON.stringify([lessons, quizzes.map(function (q) { return [q.id, q.questions]; }),
      sheets.map(function (s) { return [s.id, s.fields.map(function (f) { return f.key; })]; })]);
    var hash = 2166136261; // FNV-1a
    for (var i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
    return { quizzes: quizzes, sheets: sheets, lessons: lessons, id: hash.toString(36) };
  }

  function trim(list, none) {
    while (list.length && list[list.length - 1] === none) list.pop();
    return list;
  }

  /* One question's answer: the options joined by ".", then "+" right, "~" wrong, "!" shown. */
  function code(quiz, qid) {
    var result = quiz.results[qid];
    return (quiz.answers[qid] || []).join(".") + (result === "correct" ? "+" : result === "incorrect" ? "~" : "") +
      (quiz.revealed[qid] ? "!" : "");
  }

  /* The record as suspend data, worksheet entries cut to `cap` characters. */
  function encode(record, shape, cap) {
    function cut(value) { return value.length > cap ? value.slice(0, cap - 1) + "\u2026" : value; }
    var out = { v: shape.id };
    out.q = trim(shape.quizzes.map(function (quiz) {
      var saved = record.quizzes[quiz.id];
      return saved ? [seconds(saved.updated) || 0,
        quiz.questions.map(function (qid) { return code(saved, qid); }).join(",").replace(/,+$/, "")] : 0;
    }), 0);
    out.w = trim(shape.sheets.map(function (sheet) {
      var saved = record.worksheets[sheet.id];
      return saved ? [seconds(saved.updated) || 0, trim(sheet.fields.map(function (field) {
        var value = saved.values[field.key];
        return !value ? "" : field.kind === "rating" ? Number(value) || value : field.kind === "checklist" ? 1 : cut(value);
      }), "")] : 0;
    }), 0);
    var known = shape.sheets.map(function (sheet) { return sheet.id; });
    Object.keys(record.worksheets).forEach(function (id) { // the completion record's name, say
      if (known.indexOf(id) >= 0) return;
      var values = {};
      Object.keys(record.worksheets[id].values).forEach(function (key) { values[key] = cut(record.worksheets[id].values[key]); });
      out.x = out.x || {};
      out.x[id] = [seconds(record.worksheets[id].updated) || 0, values];
    });
    out.p = trim(shape.lessons.map(function (id) {
      var visit = record.pages[id];
      return visit ? [seconds(visit.first) || 0, seconds(visit.last) || 0] : 0;
    }), 0);
    var last = record.last ? shape.lessons.indexOf(record.last.page) : -1;
    if (last >= 0) out.l = [last, seconds(record.last.time) || 0];
    return PREFIX + JSON.stringify(out);
  }

  /* The shortest cut that fits, or null. */
  function fit(record, shape) {
    var text = encode(record, shape, Infinity);
    if (text.length <= LIMIT) return text;
    var longest = 10;
    Object.keys(record.worksheets).forEach(function (id) {
      var values = record.worksheets[id].values;
      Object.keys(values).forEach(function (key) { longest = Math.max(longest, values[key].length); });
    });
    var low = 10, high = longest, best = null;
    while (low <= high) {
      var cap = Math.floor((low + high) / 2);
      text = encode(record, shape, cap);
      if (text.length <= LIMIT) { best = text; low = cap + 1; } else { high = cap - 1; }
    }
    return best;
  }

  /* Suspend data as a progress record for HN.store.clean, or throw when it is not one. */
  function decode(text, shape, manifest) {
    if (text.indexOf(PREFIX) !== 0) throw new Error("it does not start with " + PREFIX);
    var data = JSON.parse(text.slice(PREFIX.length));
    if (!isObject(data)) throw new Error("it is not a record");
    if (data.v !== shape.id) throw new Error("it was saved by another version of the course");
    var titles = {};
    manifest.lessons.forEach(function (lesson) { titles[lesson.id] = lesson.title; });
    var record = { format: "the-human-network/progress", version: 1, quizzes: {}, worksheets: {}, pages: {}, last: null };
    function entries(part, known, fn) {
      var list = data[part] === undefined ? [] : data[part];
      if (!Array.isArray(list) || list.length > known.length) throw new Error("\"" + part + "\" does not suit this course");
      list.forEach(function (entry, index) {
        if (entry === 0) return;
        if (!Array.isArray(entry) || entry.length !== 2) throw new Error("\"" + part + "\" has an entry that is not a pair");
        fn(known[index], entry[0], entry[1]);
      });
    }
    entries("q", shape.quizzes, function (quiz, time, codes) {
      var saved = { answers: {}, results: {}, revealed: {}, updated: iso(time) };
      String(codes).split(",").forEach(function (item, index) {
        if (!item) return;
        var qid = quiz.questions[index];
        var match = /^((?:[\w-]+)(?:\.[\w-]+)*)?([+~]?)(!?)$/.exec(item);
        if (!qid || !match) throw new Error("quiz " + quiz.id + " has an answer that cannot be read");
        if (match[1]) saved.answers[qid] = match[1].split(".");
        if (match[2]) saved.results[qid] = match[2] === "+" ? "correct" : "incorrect";
        if (match[3]) saved.revealed[qid] = true;
      });
      record.quizzes[quiz.id] = saved;
    });
    entries("w", shape.sheets, function (sheet, time, values) {
      if (!Array.isArray(values) || values.length > sheet.fields.length) throw new Error("worksheet " + sheet.id + " does not suit this course");
      var saved = { values: {}, updated: iso(time) };
      values.forEach(function (value, index) {
        var field = sheet.fields[index];
        if (value === "") return;
        saved.values[field.key] = field.kind === "checklist" && value === 1 ? "true" : typeof value === "number" ? String(value) : value;
      });
      record.worksheets[sheet.id] = saved;
    });
    if (data.x !== undefined) {
      if (!isObject(data.x)) throw new Error("\"x\" is not a list of named entries");
      Object.keys(data.x).forEach(function (id) {
        var entry = data.x[id];
        if (!Array.isArray(entry)) throw new Error("\"x\" has an entry that is not a pair");
        record.worksheets[id] = { values: entry[1], updated: iso(entry[0]) };
      });
    }
    entries("p", shape.lessons, function (id, first, last) {
      record.pages[id] = { title: titles[id] || "", first: iso(first), last: iso(last) };
    });
    if (data.l !== undefined) {
      if (!Array.isArray(data.l) || !shape.lessons[data.l[0]]) throw new Error("\"l\" is not a lesson of this course");
      var page = shape.lessons[data.l[0]];
      record.last = { page: page, title: titles[page] || "", time: iso(data.l[1]) };
    }
    return record;
  }

  function newer(a, b) {
    return Date.parse(a || 0) > Date.parse(b || 0);
  }

  /* Put what the platform kept into this browser's record (`draft`), newer copies winning. */
  function merge(draft, saved) {
    ["quizzes", "worksheets"].forEach(function (part) {
      Object.keys(saved[part]).forEach(function (id) {
        var here = draft[part][id];
        if (!here || newer(saved[part][id].updated, here.updated)) draft[part][id] = saved[part][id];
      });
    });
    Object.keys(saved.pages).forEach(function (id) {
      var here = draft.pages[id], there = saved.pages[id];
      if (!here) { draft.pages[id] = there; return; }
      if (there.first && (!here.first || newer(here.first, there.first))) here.first = there.first;
      if (there.last && (!here.last || newer(there.last, here.last))) here.last = there.last;
    });
    if (saved.last && (!draft.last || newer(saved.last.time, draft.last.time))) draft.last = saved.last;
  }

  function restore(text, manifest) {
    if (!text) return;
    var record, result;
    try {
      record = decode(text, layout(manifest), manifest);
      result = HN.store.clean(record);
      if (result.problem) throw new Error(result.problem);
    } catch (error) {
      if (window.console) console.warn("SCORM: the saved progress from the platform was refused (" + error.message + ")");
      try { localStorage.setItem(HN.store.key + ":corrupt-" + new Date().toISOString(), text); } catch (e) { /* no room */ }
      return;
    }
    HN.store.update(function (draft) { merge(draft, result.state); }, "scorm");
  }

  var shape = null;
  function report(record) {
    shape = shape || layout(HN.progress.manifest);
    var sum = HN.progress.summary(record);
    var checks = sum.checks;
    var taken = checks.length > 0 && checks.every(function (c) { return c.checked === c.total; });
    var right = 0, total = 0;
    checks.forEach(function (c) { right += c.right; total += c.total; });
    return {
      status: taken ? (checks.every(function (c) { return c.passed; }) ? "passed" : "failed")
        : sum.lessons.length && sum.complete === sum.lessons.length ? "completed" : "incomplete",
      score: taken ? Math.round(100 * right / total) : null,
      complete: sum.complete,
      results: JSON.stringify(Object.keys(record.quizzes).sort().map(function (id) { return [id, record.quizzes[id].results]; })),
      suspend: fit(record, shape)
    };
  }

  function page(session) {
    var manifest = HN.progress.manifest;
    if (!session.restored) {
      session.restored = true;
      restore(session.suspendData, manifest);
    }
    var last = report(HN.store.read());
    session.report(last, false);
    HN.store.subscribe(function (record) {
      var now = report(record);
      // Commit when a lesson is newly complete or answers were checked (a quiz submitted).
      session.report(now, now.complete > last.complete || now.results !== last.results || now.status !== last.status);
      last = now;
    });
    window.addEventListener("pagehide", function () { session.commit(); });
  }

  var frame = document.getElementById("hn-scorm-course");
  if (frame) {
    session(frame);
    return;
  }
  var found = findSession();
  if (!found || !window.HN || !window.HN.store) return; // outside a platform: the offline course
  if (window.HN.progress) page(found);
  else document.addEventListener("hn:progress-ready", function () { page(found); }, { once: true });
})();
