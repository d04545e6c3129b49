/* The Human Network: the learner's saved progress (window.HN.store).

   Everything lives in ONE localStorage key per site, `hn:<site base pathname>:v1`, so two
   forks served from one domain (e.g. user.github.io/course-a/ and /course-b/) never mix.

   Format (version 2):
     { "format": "the-human-network/progress", "version": 2,
       "quizzes":    { quizId: { "answers": { qid: [value, ...] },
                                 "results": { qid: "correct" | "incorrect" },
                                 "revealed": { qid: true }, "updated": ISO date } },
       "worksheets": { wsId:   { "values": { "<section>/<field>": string }, "updated": ISO date } },
       "pages": { lessonId: { "title": str, "first": ISO date, "last": ISO date } },
       "last": null | { "page": lessonId, "title": str, "time": ISO date },
       "review": { quizId: { qid: { "box": 1-4, "due": "yyyy-mm-dd", "last": ISO date } } } }

   "review" is the spaced-review queue (HN.review, below): each quiz question the learner
   checked, in a Leitner box. A miss puts it in box 1, due the next day; a right answer moves
   it up a box (2, 3, 4: due 3, 7 and 21 days later). "due" is a day on the learner's own
   calendar; "last" is when the question was last answered (a merge keeps the later entry).
   Version 1 had no queue: a version 1 record or file is upgraded as it is read, its queue
   derived from the quiz results (right: box 2, due 3 days after the quiz was last saved;
   missed: box 1, due the day after). The key keeps its ":v1" name, so a browser's saved
   progress upgrades in place.

   The schema (clean, below) is the one place that decides what a usable record is. It checks
   the record value by value when it is loaded, when another tab saves, after every change and
   on import: types, the two result words, dates that parse (a date more than a day ahead is
   set to now), ids and, where the course manifest (HN.manifest) knows the quiz, worksheet or
   lesson, that the question, field or lesson exists and that the value suits the field (a
   rating 1 to 5, a ticked box "true", a plan date yyyy-mm-dd). A result needs an answer. A
   value that fails is dropped with a message naming it; a record whose format or version is
   wrong, or that is not JSON, cannot be used at all. Maps are made without prototypes, so no
   key from the data ("__proto__") reaches Object.prototype.

   Nothing is lost quietly: what a load drops or cannot read is first copied to a backup key
   (`<key>:corrupt-<date>`), and a notice (`<key>:notice`) says why until the learner has seen
   it on the progress page, where your-data.js offers to download or discard each copy. When
   the copy does not fit, the unreadable record stays where it is and nothing is saved
   (status "unreadable") until the learner downloads or discards it there, or resets.

   Two tabs: each tab saves only what it changed, on top of the newest saved record, and
   keeps its changes of the last two seconds; when another tab's save arrives without them
   (both saved at once), they are applied again, once, to fields that tab did not change.

   API:
     HN.store.key, .status        "ok" | "memory" (the last save failed: blocked or full) |
                                   "unreadable" (see above)
     HN.store.read()              a copy of the whole record
     HN.store.update(fn, origin)  fn(draft) changes the draft in place (or returns a record);
                                   it is checked, saved, and every subscriber told. Returns
                                   true when saved in the browser, false when kept in memory.
     HN.store.replace(data)       the same with a whole record (import); throws on a record
                                   that cannot be used
     HN.store.clearQuiz(id), .clearWorksheet(id), .clearAll()   also return true when saved;
                                   clearAll also removes the backups and the notice
     HN.store.clean(data)         {state, dropped: [message]} or {problem: message}
     HN.store.same(a, b)          deep equality of two records
     HN.store.subscribe(fn)       fn(record, origin) after every change; returns an unsubscribe
     HN.store.notice, .seen()     the recovery notice, and forgetting it once shown
     HN.store.backups(), .backup(key), .discard(key)   the kept copies: [{key, date}], text
     HN.store.exportData(), .exportFile()   the export file (docs/progress.md), and downloading it
     HN.store.download(text, name, type)    any file made in the page
   Each change is also sent as a "hn:store" CustomEvent on document ({detail: {state, origin}}).
   Changes made in another tab arrive with origin "other-tab".

   The review queue (HN.review), used by quiz.js and the progress and review pages:
     HN.review.record(draft, quizId, qid, correct)   move a question between boxes (inside update)
     HN.review.due(record, only)  {due: [{quiz, lesson, question, entry}], next: day | null,
                                   nextCount, today}: the questions due now, in course order
                                   (of the quizzes only(quizId) keeps, if given)
     HN.review.feeds(quizId)      whether the quiz feeds the queue (it is in this course: a
                                   team's course list leaves the others out)
     HN.review.localDay(date), .addDays(day, n), .intervals   the learner's calendar days
   "Now" is the browser's clock (Date), so tests move it with Playwright's page.clock.

   Helpers for the components (quiz.js, worksheet.js, and the progress pages):
     HN.storeNote()   the note to show near an exercise when saving is not normal, or null
     HN.onPage(fn)    run fn on every page (Material's document$, else DOMContentLoaded)
     HN.guard(root, fn)  run fn; if it throws, say so in root instead of leaving it broken
     HN.show(value)   a value quoted for a message: one line, no control characters, short

   And the queue that starts page scripts. Scripts only some pages need (quiz.js, worksheet.js,
   your-data.js, completion.js) are linked from inside those pages by hooks/assets.py, so they
   may run before this file, and Material's instant navigation runs them again on each page
   that links them. Each one queues itself, and starts once, after this file:
     (window.hnQueue = window.hnQueue || []).push(["quiz", function () { ... }]); */
(function () {
  "use strict";
  if (window.HN && window.HN.store) return; // run again by instant navigation: already running
  var FORMAT = "the-human-network/progress";
  var VERSION = 2;
  var OLDEST = 1;                                        // older versions are upgraded (clean)
  var ID = /^[A-Za-z0-9][\w.-]{0,99}$/;                 // exercise, question, section, lesson ids
  var OPTION = /^[\w-]{1,40}$/;                          // a quiz option's value
  var ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;
  var DAY = /^\d{4}-\d\d-\d\d$/;
  var MAX_TEXT = 20000;                                  // characters in one entry
  var AHEAD = 864e5;                                     // a clock a day fast is tolerated
  var RECENT = 2000;                                     // ms a change is kept to apply again
  var listeners = [];

  function basePath() {
    try {
      var config = JSON.parse(document.getElementById("__config").textContent);
      return new URL(config.base, location.href).pathname;
    } catch (e) {
      return "/";
    }
  }

  function map() { return Object.create(null); }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function empty() {
    var record = map();
    record.format = FORMAT;
    record.version = VERSION;
    record.quizzes = map();
    record.worksheets = map();
    record.pages = map();
    record.last = null;
    record.review = map();
    return record;
  }

  /* A deep copy whose objects have no prototype. */
  function copy(value) {
    if (Array.isArray(value)) return value.map(copy);
    if (!isObject(value)) return value;
    var out = map();
    Object.keys(value).forEach(function (k) { out[k] = copy(value[k]); });
    return out;
  }

  function same(a, b) {
    if (a === b) return true;
    if (Array.isArray(a) !== Array.isArray(b) || !a || !b || typeof a !== "object" || typeof b !== "object") return false;
    var keys = Object.keys(a);
    return keys.length === Object.keys(b).length &&
      keys.every(function (k) { return Object.prototype.hasOwnProperty.call(b, k) && same(a[k], b[k]); });
  }

  /* A value quoted for a message: one line, no control or direction characters, at most `max`. */
  function show(value, max) {
    var text;
    try { text = typeof value === "string" ? value : JSON.stringify(value); } catch (e) { text = ""; }
    text = String(text).replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\s]+/g, " ").trim();
    max = max || 40;
    return "\u201c" + (text.length > max ? text.slice(0, max - 1) + "\u2026" : text) + "\u201d";
  }

  /* --- The schema ------------------------------------------------------------------------ */

  /* What the manifest says exists: quiz id -> question ids, worksheet id -> field -> kind,
     lesson id -> lesson (lessons is null when there is no manifest, or only a lesson's part of
     it: a part cannot say that another lesson does not exist). */
  var known = null;
  function learn(manifest) {
    known = { quizzes: map(), sheets: map(), lessons: null };
    if (!manifest || !Array.isArray(manifest.lessons)) return;
    if (!manifest.partial) known.lessons = map();
    manifest.lessons.forEach(function (lesson) {
      if (known.lessons) known.lessons[lesson.id] = lesson;
      lesson.quizzes.forEach(function (quiz) { known.quizzes[quiz.id] = quiz.questions; });
      lesson.worksheets.forEach(function (sheet) {
        var fields = known.sheets[sheet.id] = map();
        sheet.sections.forEach(function (section) {
          section.fields.forEach(function (field) {
            fields[section.id + "/" + field] = section.type === "plan" ? "plan-" + field.split("-")[0] : section.type;
          });
        });
      });
    });
    (manifest.checks || []).forEach(function (quiz) { known.quizzes[quiz.id] = quiz.questions; });
  }

  function clean(data) {
    if (!isObject(data)) return { problem: "it is not a progress record" };
    if (data.format !== FORMAT) return { problem: "its \"format\" is not \"" + FORMAT + "\"" };
    // Older versions are upgraded here, so that older records and files still load.
    if (typeof data.version !== "number" || Math.floor(data.version) !== data.version ||
        data.version < OLDEST || data.version > VERSION) {
      return { problem: "its \"version\" is " + show(data.version, 12) + ", not " + VERSION };
    }
    if (!known) learn(window.HN && window.HN.manifest);
    var out = empty();
    var dropped = [];
    var now = Date.now();
    function drop(where, why) { dropped.push(where + " " + why); }

    // Calls fn(key, value) for each entry of the map data[name] whose key passes `test`.
    function each(where, value, fn, test) {
      if (value === undefined || value === null) return;
      if (!isObject(value)) return drop(where, "is not a list of named entries, so it was left out");
      Object.keys(value).forEach(function (k) {
        if (!(test || ID).test(k)) return drop(where + ": the name " + show(k), "is not a valid name");
        fn(k, value[k]);
      });
    }
    function date(where, value) {
      if (value === undefined) return undefined;
      var t = typeof value === "string" && ISO.test(value) ? Date.parse(value) : NaN;
      if (isNaN(t)) return drop(where, "is not a date: " + show(value));
      if (t > now + AHEAD) {
        drop(where, "is in the future (" + show(value) + "), so it was set to now");
        return new Date(now).toISOString();
      }
      return value;
    }
    function text(value) {
      return typeof value === "string" ? value.slice(0, 300) : "";
    }

    each("\"quizzes\"", data.quizzes, function (id, quiz) {
      var where = "quiz \"" + id + "\"";
      if (!isObject(quiz)) return drop(where, "is not a quiz record");
      var questions = known.quizzes[id];
      var kept = { answers: map(), results: map(), revealed: map() };
      function question(part, fn) {
        each(where + " \"" + part + "\"", quiz[part], function (qid, value) {
          var at = where + ", question \"" + qid + "\"";
          if (questions && questions.indexOf(qid) < 0) return drop(at, "is not in this quiz");
          var why = fn(value, qid);
          if (why) drop(at, why + ": " + show(value));
          else if (why === undefined) kept[part][qid] = part === "answers" ? value.slice() : value;
        });
      }
      question("answers", function (value) {
        if (Array.isArray(value) && !value.length) return null; // nothing chosen: nothing to keep
        if (!Array.isArray(value) || value.length > 50 ||
            !value.every(function (v) { return typeof v === "string" && OPTION.test(v); })) return "has an answer that is not a list of options";
      });
      question("results", function (value, qid) {
        if (value !== "correct" && value !== "incorrect") return "has a result that is not \"correct\" or \"incorrect\"";
        if (!kept.answers[qid]) return "has a result but no answer";
      });
      question("revealed", function (value) { if (value !== true) return "has a \"revealed\" mark that is not true"; });
      var updated = date(where + " \"updated\"", quiz.updated);
      if (updated) kept.updated = updated;
      if (Object.keys(kept.answers).length || Object.keys(kept.revealed).length) out.quizzes[id] = kept;
    });

    each("\"worksheets\"", data.worksheets, function (id, sheet) {
      var where = "worksheet \"" + id + "\"";
      if (!isObject(sheet)) return drop(where, "is not a worksheet record");
      var fields = known.sheets[id];
      var values = map();
      each(where + " \"values\"", sheet.values, function (key, value) {
        var at = where + ", entry \"" + key + "\"";
        var kind = fields ? fields[key] : /\/date-\d+$/.test(key) ? "plan-date" : "text";
        if (!kind) return drop(at, "is not in this worksheet");
        if (typeof value !== "string") return drop(at, "is not text: " + show(value));
        if (!value) return; // an empty entry: nothing to keep
        if (value.length > MAX_TEXT) return drop(at, "is longer than " + MAX_TEXT + " characters: " + show(value));
        if (kind === "rating" && !/^[1-5]$/.test(value)) return drop(at, "is not a rating from 1 to 5: " + show(value));
        if (kind === "checklist" && value !== "true") return drop(at, "is not a ticked box: " + show(value));
        if (kind === "plan-date" && !(DAY.test(value) && !isNaN(Date.parse(value)))) {
          return drop(at, "is not a date written yyyy-mm-dd: " + show(value));
        }
        values[key] = value;
      }, /^[A-Za-z0-9][\w.-]{0,99}\/[A-Za-z0-9][\w.-]{0,99}$/);
      if (!Object.keys(values).length) return;
      out.worksheets[id] = { values: values };
      var updated = date(where + " \"updated\"", sheet.updated);
      if (updated) out.worksheets[id].updated = updated;
    });

    each("\"pages\"", data.pages, function (id, visit) {
      var where = "the visit to lesson \"" + id + "\"";
      if (known.lessons && !known.lessons[id]) return drop(where, "is not a lesson of this course");
      if (!isObject(visit)) return drop(where, "is not a visit record");
      var kept = { title: text(visit.title) };
      ["first", "last"].forEach(function (k) {
        var value = date(where + " \"" + k + "\"", visit[k]);
        if (value) kept[k] = value;
      });
      out.pages[id] = kept;
    });

    var last = data.last;
    if (last !== undefined && last !== null) {
      var time = isObject(last) ? date("the last lesson opened \"time\"", last.time) : undefined;
      if (!isObject(last) || typeof last.page !== "string" || !ID.test(last.page) || !time ||
          (known.lessons && !known.lessons[last.page])) {
        drop("\"last\"", "is not a lesson of this course and a time: " + show(last));
      } else {
        out.last = { page: last.page, title: text(last.title), time: time };
      }
    }
    var today = localDay(new Date(now));
    var latest = addDays(today, INTERVALS[INTERVALS.length - 1] + 1);
    if (data.version === 1) {
      // Version 1 had no queue: derive it from the quiz results.
      Object.keys(out.quizzes).forEach(function (id) {
        var quiz = out.quizzes[id];
        if (!feeds(id, true)) return;
        var last = quiz.updated || new Date(now).toISOString();
        Object.keys(quiz.results).forEach(function (qid) {
          var box = quiz.results[qid] === "correct" ? 2 : 1;
          (out.review[id] = out.review[id] || map())[qid] = {
            box: box, due: addDays(localDay(new Date(last)), INTERVALS[box]), last: last };
        });
      });
    } else {
      each("\"review\"", data.review, function (id, quiz) {
        var where = "the review of quiz \"" + id + "\"";
        if (!isObject(quiz)) return drop(where, "is not a list of questions");
        var questions = known.quizzes[id];
        var kept = map();
        each(where, quiz, function (qid, entry) {
          var at = where + ", question \"" + qid + "\"";
          if (questions && questions.indexOf(qid) < 0) return drop(at, "is not in this quiz");
          if (!isObject(entry) || [1, 2, 3, 4].indexOf(entry.box) < 0 || typeof entry.due !== "string" ||
              !DAY.test(entry.due) || isNaN(Date.parse(entry.due))) {
            return drop(at, "is not a review box from 1 to 4 with a due date yyyy-mm-dd: " + show(entry));
          }
          if (entry.last === undefined) return drop(at, "has no time it was last answered: " + show(entry));
          var last = date(at + " \"last\"", entry.last);
          if (!last) return;
          var due = entry.due;
          if (due > latest) {
            due = addDays(today, INTERVALS[entry.box]);
            drop(at, "is due too far ahead (" + show(entry.due) + "), so it is due on " + due);
          }
          kept[qid] = { box: entry.box, due: due, last: last };
        });
        if (Object.keys(kept).length) out.review[id] = kept;
      });
    }
    return { state: copy(out), dropped: dropped };
  }

  /* --- Spaced review (the "review" queue) -------------------------------------------------- */

  var INTERVALS = [0, 1, 3, 7, 21];                    // days until due, by box (box 1: missed)

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* A date as a day on the learner's own calendar, yyyy-mm-dd. */
  function localDay(date) {
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  function addDays(day, days) {
    var parts = day.split("-").map(Number);
    return localDay(new Date(parts[0], parts[1] - 1, parts[2] + days));
  }

  /* The quizzes of this course (a team's course list limits them), or null with no manifest;
     with only part of it (`part` true), those the part knows, else null. */
  function courseQuizzes(part) {
    var manifest = window.HN && window.HN.manifest;
    if (!manifest || !Array.isArray(manifest.lessons) || (manifest.partial && !part)) return null;
    var found = [];
    manifest.lessons.forEach(function (lesson) {
      lesson.quizzes.forEach(function (quiz) { found.push({ quiz: quiz, lesson: lesson }); });
    });
    (manifest.checks || []).forEach(function (quiz) {
      found.push({ quiz: quiz, lesson: manifest.lessons[quiz.lesson - 1] || null });
    });
    return found;
  }

  /* Whether answers to a quiz go into the review queue: a quiz of the course does, a demo or
     one a team's course leaves out does not. With part of the manifest, a quiz it does not
     know is left out too, unless `unknown` (upgrading a record, which must not lose the other
     lessons' queue: the review page counts only the course's quizzes). */
  function feeds(quizId, unknown) {
    var quizzes = courseQuizzes(true);
    return !quizzes || quizzes.some(function (entry) { return entry.quiz.id === quizId; }) ||
      !!(unknown && window.HN.manifest.partial);
  }

  /* Put one checked answer into the queue of `record` (a draft inside HN.store.update). A miss
     always goes back to box 1; a right answer moves up a box only when the question is new or
     due, so answering again before then does not skip ahead. */
  function recordAnswer(record, quizId, qid, correct) {
    if (!feeds(quizId)) return;
    var now = new Date();
    var today = localDay(now);
    var quiz = record.review[quizId] || (record.review[quizId] = map());
    var entry = quiz[qid];
    var box;
    if (!correct) box = 1;
    else if (!entry) box = 2;
    else if (entry.due > today) { entry.last = now.toISOString(); return; }
    else box = Math.min(entry.box + 1, INTERVALS.length - 1);
    quiz[qid] = { box: box, due: addDays(today, INTERVALS[box]), last: now.toISOString() };
  }

  /* The questions of this course due today or before, in course order, and the next day one
     falls due after today: {due: [{quiz, lesson, question, entry}], next: day|null, nextCount}.
     `only(quizId)`, if given, keeps some quizzes (a review page of a long course: review.js). */
  function dueNow(record, only) {
    record = record || state;
    var today = localDay(new Date());
    var due = [];
    var next = null;
    var nextCount = 0;
    var quizzes = courseQuizzes() || Object.keys(record.review).map(function (id) {
      return { quiz: { id: id, questions: Object.keys(record.review[id]) }, lesson: null };
    });
    quizzes.forEach(function (item) {
      var queue = record.review[item.quiz.id];
      if (!queue || (only && !only(item.quiz.id))) return;
      item.quiz.questions.forEach(function (qid) {
        var entry = queue[qid];
        if (!entry) return;
        if (entry.due <= today) {
          due.push({ quiz: item.quiz, lesson: item.lesson, question: qid, entry: entry });
        } else if (!next || entry.due < next) {
          next = entry.due;
          nextCount = 1;
        } else if (entry.due === next) {
          nextCount++;
        }
      });
    });
    return { due: due, next: next, nextCount: nextCount, today: today };
  }

  /* --- Saving ---------------------------------------------------------------------------- */

  // The root from the page first loaded: instant navigation keeps its #__config, and this file
  // may first run after one (on a reading page it is not loaded), so navmarks.js's root comes
  // first; on a full load this page's #__config is right.
  var BASE = window.HN && window.HN.navmarks ? window.HN.navmarks.base.pathname : basePath();
  var key = "hn:" + BASE + ":v1";
  var BACKUP = key + ":corrupt-";
  var NOTICE = key + ":notice";
  var storage = null;
  var status = "ok";
  var state = empty();
  var lastRaw = null;     // the record's text as this tab last read or wrote it
  var unreadable = null;  // the stored text while status is "unreadable"
  var recent = [];        // this tab's changes of the last RECENT ms: {time, changes: [[path, before, after]]}

  function parse(raw) {
    try { return JSON.parse(raw); } catch (e) { return undefined; }
  }

  function write(record) {
    if (!storage || status === "unreadable") return false;
    try {
      var raw = JSON.stringify(record);
      storage.setItem(key, raw);
      lastRaw = raw;
      status = "ok";
      return true;
    } catch (e) {
      status = "memory"; // full or blocked: keep going in memory; the next save tries again
      return false;
    }
  }

  /* Keep a copy of `raw` under a backup key; false when it does not fit. */
  function keep(raw) {
    try {
      storage.setItem(BACKUP + new Date().toISOString(), raw);
      return true;
    } catch (e) {
      return false;
    }
  }

  /* Say what happened until the learner has seen it on the progress page. */
  function tell(why) {
    notice = why;
    try { storage.setItem(NOTICE, why); } catch (e) { /* shown for this visit only */ }
  }

  /* Values dropped from a record that was saved: copy it first, then say which. */
  function setAside(raw, dropped) {
    tell("Some saved values could not be used and were left out" + (keep(raw)
      ? ", with a copy of the whole record kept in this browser: " : " (there was no room to keep a copy): ") +
      dropped.slice(0, 5).join("; ") + (dropped.length > 5 ? "; and " + (dropped.length - 5) + " more" : "") + ".");
  }

  var notice = null;
  function load() {
    try {
      storage = window.localStorage;
      notice = storage.getItem(NOTICE);
      var raw = storage.getItem(key);
    } catch (e) {
      storage = null;
      status = "memory";
      return;
    }
    if (raw === null) return;
    var parsed = parse(raw);
    var result = parsed === undefined ? { problem: "it is not valid JSON" } : clean(parsed);
    if (result.problem) {
      var why = "Your saved progress could not be read (" + result.problem + ")";
      if (keep(raw)) {
        tell(why + ". A copy was kept in this browser and you started afresh.");
        storage.removeItem(key);
      } else {
        status = "unreadable";
        unreadable = raw;
        notice = why + ", and there is no room to keep a copy, so nothing new is saved until you download " +
          "or discard it here.";
      }
      return;
    }
    state = result.state;
    lastRaw = raw;
    if (result.dropped.length) {
      setAside(raw, result.dropped);
      write(state);
    }
  }
  load();

  /* The leaves that differ between two records, as [path, before, after]. */
  function diff(a, b, path, out) {
    if ((isObject(a) || a === undefined) && (isObject(b) || b === undefined)) {
      a = a || map();
      b = b || map();
      Object.keys(a).concat(Object.keys(b).filter(function (k) { return !(k in a); })).forEach(function (k) {
        diff(a[k], b[k], path.concat(k), out);
      });
    } else if (!same(a, b)) {
      out.push([path, a, b]);
    }
    return out;
  }
  function at(record, path) {
    return path.reduce(function (node, k) { return isObject(node) ? node[k] : undefined; }, record);
  }
  function put(record, path, value) {
    var node = record;
    path.slice(0, -1).forEach(function (k) { node = isObject(node[k]) ? node[k] : (node[k] = map()); });
    if (value === undefined) delete node[path[path.length - 1]];
    else node[path[path.length - 1]] = copy(value);
  }

  /* Another tab's record, with this tab's recent changes put back where it lacks them and
     left them as they were before (so a field the other tab changed keeps its value). */
  function replay(record) {
    var cutoff = Date.now() - RECENT;
    recent = recent.filter(function (entry) { return entry.time > cutoff; });
    var changed = false;
    recent.forEach(function (entry) {
      entry.changes = entry.changes.filter(function (change) {
        var now = at(record, change[0]);
        if (!same(now, change[1]) || same(now, change[2])) return true;
        put(record, change[0], change[2]);
        changed = true;
        return false; // applied again once: never twice
      });
    });
    return changed;
  }

  /* Take the newest saved record if another tab changed it; true when it did. */
  function refresh() {
    if (!storage || status !== "ok") return false;
    var raw;
    try { raw = storage.getItem(key); } catch (e) { return false; }
    if (raw === lastRaw) return false;
    lastRaw = raw;
    var result = raw === null ? { state: empty() } : clean(parse(raw));
    if (result.problem) return false; // unreadable from the other tab: keep ours
    state = result.state;
    if (replay(state)) {
      state = clean(state).state;
      write(state);
    }
    return true;
  }

  function notify(origin) {
    var snapshot = copy(state);
    listeners.slice().forEach(function (fn) {
      try { fn(copy(snapshot), origin); } catch (e) { setTimeout(function () { throw e; }); }
    });
    document.dispatchEvent(new CustomEvent("hn:store", { detail: { state: snapshot, origin: origin } }));
  }

  function commit(next, origin) {
    var changes = diff(state, next, [], []);
    var now = Date.now();
    recent = recent.filter(function (entry) { return entry.time > now - RECENT; });
    if (changes.length) recent.push({ time: now, changes: changes });
    state = next;
    var saved = write(state);
    notify(origin);
    return saved;
  }

  function update(fn, origin) {
    if (refresh()) notify("other-tab");
    var draft = copy(state);
    var result = fn(draft);
    return commit(clean(result === undefined ? draft : result).state, origin);
  }

  function replace(data) {
    var result = clean(data);
    if (result.problem) throw new Error("Not a progress record for this course: " + result.problem + ".");
    refresh();
    return commit(result.state, "replace");
  }

  window.addEventListener("storage", function (event) {
    if (event.key === key || event.key === null) {
      if (refresh()) notify("other-tab");
    }
  });

  function backups() {
    var found = [];
    try {
      for (var i = 0; i < storage.length; i++) {
        var name = storage.key(i);
        if (name && name.indexOf(BACKUP) === 0) found.push({ key: name, date: name.slice(BACKUP.length) });
      }
    } catch (e) { /* no storage: no copies */ }
    found.sort(function (a, b) { return a.date < b.date ? -1 : 1; });
    if (unreadable !== null) found.unshift({ key: key, date: null });
    return found;
  }

  function discard(name) {
    try {
      storage.removeItem(name);
    } catch (e) {
      return false;
    }
    if (name === key && unreadable !== null) {
      unreadable = null;
      status = "ok";
      lastRaw = null;
      write(state);
    }
    return true;
  }

  function seen() {
    notice = null;
    try { storage.removeItem(NOTICE); } catch (e) { /* shown again next time */ }
  }

  /* The export file (docs/progress.md): this site's identity is its site_url, or the base path. */
  function exportData() {
    var manifest = window.HN.manifest;
    return { format: FORMAT, version: VERSION, site: manifest && manifest.site ? manifest.site : BASE,
      exported: new Date().toISOString(), state: copy(state) };
  }

  function download(text, name, type) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type || "application/json" }));
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    return name;
  }

  window.HN = window.HN || {};
  window.HN.show = show;
  window.HN.review = {
    intervals: INTERVALS.slice(1), localDay: localDay, addDays: addDays, feeds: feeds,
    record: recordAnswer, due: dueNow
  };
  window.HN.store = {
    key: key,
    get status() { return status; },
    get notice() { return notice; },
    read: function () { return copy(state); },
    update: update,
    replace: replace,
    clean: clean,
    same: same,
    learn: function (manifest) {
      learn(manifest);
      var result = clean(state);
      if (result.dropped.length) {
        setAside(JSON.stringify(state), result.dropped);
        commit(result.state, "manifest");
      }
    },
    clearQuiz: function (id, origin) { return update(function (s) { delete s.quizzes[id]; }, origin || "clear"); },
    clearWorksheet: function (id, origin) { return update(function (s) { delete s.worksheets[id]; }, origin || "clear"); },
    clearAll: function (origin) {
      backups().forEach(function (b) { discard(b.key); });
      seen();
      return update(function () { return empty(); }, origin || "clear") && backups().length === 0;
    },
    subscribe: function (fn) {
      listeners.push(fn);
      return function () { listeners = listeners.filter(function (f) { return f !== fn; }); };
    },
    seen: seen,
    backups: backups,
    backup: function (name) { return name === key ? unreadable : storage.getItem(name); },
    discard: discard,
    exportData: exportData,
    exportFile: function () {
      var data = exportData();
      return { data: data, name: download(JSON.stringify(data, null, 2) + "\n",
        "the-human-network-progress-" + data.exported.slice(0, 10) + ".json") };
    },
    download: download
  };

  /* --- The course manifest ---------------------------------------------------------------

     HN.manifest (hooks/manifest.py) says which lessons, quizzes and worksheets exist. A lesson
     page loads only its own lesson's part ("partial": true); other pages that save progress
     load the whole. Its script sets HN.manifest when it runs before this file, as on a full
     load; on a page reached by instant navigation this file is already running, and the script
     hands its manifest here. A part is added to the lessons already known; the whole replaces
     them. The record is then checked again against what is known (dropping only what the
     whole manifest rules out, as a fresh load would), and "hn:manifest" tells the page. */
  function addManifest(data) {
    if (!isObject(data) || !Array.isArray(data.lessons)) return;
    var now = window.HN.manifest;
    if (data.partial && isObject(now) && Array.isArray(now.lessons)) {
      if (!now.partial) return; // the whole course is known already
      var byId = map();
      now.lessons.concat(data.lessons).forEach(function (lesson) { byId[lesson.id] = lesson; });
      var checks = map();
      (now.checks || []).concat(data.checks || []).forEach(function (quiz) { checks[quiz.id] = quiz; });
      data = Object.assign({}, data, {
        lessons: Object.keys(byId).map(function (id) { return byId[id]; })
          .sort(function (a, b) { return a.number - b.number; }),
        checks: Object.keys(checks).map(function (id) { return checks[id]; })
      });
    }
    window.HN.manifest = data;
    window.HN.store.learn(data);
    document.dispatchEvent(new CustomEvent("hn:manifest"));
  }
  window.HN.addManifest = addManifest;

  /* A short note for the top of an exercise when saving is not normal, or null.
     Exercises call this on mount and after each change (storage can fill up mid-visit). */
  window.HN.storeNote = function () {
    if (status === "memory") {
      return "Your answers can't be saved in this browser (storage is blocked or full). " +
        "Everything works until you close or reload the page.";
    }
    if (status === "unreadable") {
      return "Your saved progress could not be read, and there is no room to keep a copy of it, so nothing new is " +
        "saved. On the Your progress page you can download it or discard it.";
    }
    return notice ? notice + " See Your progress to download or discard the copy." : null;
  };

  /* Run fn; if it throws, put a message at the top of root instead of a half-drawn component. */
  window.HN.guard = function (root, fn) {
    try {
      return fn();
    } catch (error) {
      setTimeout(function () { throw error; }); // still reported in the console
      var note = root.querySelector(":scope > [data-hn-guard]") || document.createElement("p");
      note.className = "hn-note";
      note.dataset.hnGuard = "";
      note.setAttribute("role", "alert");
      note.textContent = "Something went wrong, so this part of the page may not work (" + show(String(error), 80) +
        "). Your saved progress is kept. Reload the page to try again.";
      root.insertBefore(note, root.firstChild);
    }
  };

  /* Run `mount` for every page: on Material's document$ (initial load and each instant
     navigation), or once on DOMContentLoaded when Material's JavaScript is absent. On a
     page's first load this file may run before the theme's bundle (hooks/assets.py links it
     from inside the article, which comes first), so until DOMContentLoaded, when every
     deferred script has run, the choice waits. A script the parser met runs before
     DOMContentLoaded; one that instant navigation inserted is always async. */
  var self = document.currentScript;
  var early = document.readyState === "loading" || !!(self && !self.async);
  document.addEventListener("DOMContentLoaded", function () { early = false; });
  window.HN.onPage = function (mount) {
    function choose() {
      if (window.document$ && typeof window.document$.subscribe === "function") {
        window.document$.subscribe(function () { mount(); });
      } else {
        mount();
      }
    }
    if (window.document$ || !early) choose();
    else document.addEventListener("DOMContentLoaded", choose);
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
