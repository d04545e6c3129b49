/* The Human Network: the completion record ([data-hn-completion], docs/completion.md).

   A printable, self-reported record: the learner's name (typed here), the lessons completed
   with the date and quiz score of each, and the final check. The figures come from
   HN.progress (progress.js). The name is kept in HN.store as the worksheet entry
   worksheets["hn-completion-record"].values["learner/name"], so it is exported, imported and
   reset with the rest of the learner's data without changing the storage format. Only the
   name is saved from here; when it cannot be saved (storage blocked or full) a message says
   so and offers to print the record or export the progress, which hold the typed name.
   Mounted by HN.onPage; mounting again first undoes the previous mount. */
(window.hnQueue = window.hnQueue || []).push(["completion", function () {
  "use strict";
  var SHEET = "hn-completion-record";
  var FIELD = "learner/name";
  var mounted = new Map(); // root -> cleanup

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function savedName(record) {
    return ((record.worksheets[SHEET] || {}).values || {})[FIELD] || "";
  }

  function mountRecord(root) {
    var P = window.HN.progress;
    var controller = new AbortController();
    var origin = "completion:" + Math.random().toString(36).slice(2);
    var timer = null;
    function on(el, type, fn) { el.addEventListener(type, fn, { signal: controller.signal }); }

    var form = make("div", "hn-completion__form");
    var line = form.appendChild(make("p", "hn-completion__field"));
    var label = line.appendChild(make("label", null, "Your name, as it should appear on the record"));
    label.htmlFor = "hn-completion-name";
    var input = line.appendChild(make("input"));
    input.type = "text";
    input.id = "hn-completion-name";
    input.autocomplete = "name";
    input.setAttribute("aria-describedby", "hn-completion-name-hint");
    form.appendChild(make("p", "hn-completion__hint", "Kept in this browser only, with your progress.")).id = "hn-completion-name-hint";
    var warning = form.appendChild(make("div", "hn-completion__status"));
    warning.setAttribute("role", "status");
    warning.setAttribute("aria-live", "polite");
    var actions = form.appendChild(make("p"));
    var print = actions.appendChild(make("button", "hn-button hn-button--primary", "Print the record"));
    print.type = "button";

    var record = make("article", "hn-record");
    record.setAttribute("aria-labelledby", "hn-record-title");
    record.dataset.hnRecord = "";

    function save() {
      clearTimeout(timer);
      timer = null;
      var name = input.value.trim();
      var saved = HN.store.update(function (state) {
        var sheet = state.worksheets[SHEET] || (state.worksheets[SHEET] = { values: {} });
        if (name) sheet.values[FIELD] = name;
        else delete sheet.values[FIELD];
        sheet.updated = new Date().toISOString();
      }, origin);
      if (saved) warning.replaceChildren();
      else warn();
    }

    function warn() {
      if (warning.querySelector("button")) return;
      var p = warning.appendChild(make("p", "hn-data__message hn-data__message--warning", "Your name can\u2019t be saved in this browser (its storage is " +
        "blocked or full), so it is lost when you leave this page. Print the record now, or export your progress " +
        "to a file to keep it. "));
      var button = p.appendChild(make("button", "hn-button", "Export your progress"));
      button.type = "button";
      on(button, "click", function () { HN.store.exportFile(); });
      warning.replaceChildren(p);
    }

    function cell(row, tag, text) {
      var node = row.appendChild(make(tag, null, text));
      if (tag === "th") node.scope = row.parentNode.tagName === "THEAD" ? "col" : "row";
      return node;
    }

    function render(state) {
      var sum = P.summary(state);
      var manifest = P.manifest;
      var name = input.value.trim() || savedName(state);
      var today = P.formatDate(new Date().toISOString());
      var parts = [];
      parts.push(make("p", "hn-record__course", manifest.course || document.title));
      parts.push(make("h2", "hn-record__title", "Record of completion"));
      parts[1].id = "hn-record-title";
      var notice = make("p", "hn-record__self");
      notice.appendChild(make("strong", null, "Self-reported."));
      notice.appendChild(document.createTextNode(" The learner made this record in their own browser from their answers " +
        "to the course's self-check quizzes and worksheets. No one has checked it, and it is not an assessment."));
      parts.push(notice);

      var facts = make("dl", "hn-record__facts");
      [["Name", name || "Not given"],
        ["Lessons completed", sum.complete + " of " + sum.lessons.length],
        ["Date of this record", today]].forEach(function (pair) {
        facts.appendChild(make("dt", null, pair[0]));
        facts.appendChild(make("dd", null, pair[1])).dataset.hnFact = pair[0].toLowerCase();
      });
      parts.push(facts);

      var table = make("table", "hn-record__table");
      table.appendChild(make("caption", null, "Each lesson, with the date it was completed and its quiz score."));
      var head = table.appendChild(make("thead")).appendChild(make("tr"));
      ["Lesson", "Completed on", "Quiz score"].forEach(function (name) { cell(head, "th", name); });
      var body = table.appendChild(make("tbody"));
      sum.lessons.forEach(function (lesson) {
        var row = body.appendChild(make("tr"));
        row.dataset.hnLesson = lesson.lesson.id;
        row.dataset.hnStatus = lesson.status;
        cell(row, "th", P.lessonName(lesson.lesson));
        cell(row, "td", lesson.completed ? P.formatDate(lesson.completed) : "Not completed");
        cell(row, "td", lesson.quizzes.map(function (q) {
          return q.started ? q.right + " of " + q.total + " (" + q.percent + "%)" : "Not tried";
        }).join("; ") || "No quiz");
      });
      var wrap = make("div", "hn-record__tablewrap");
      wrap.appendChild(table);
      parts.push(wrap);
      sum.checks.forEach(function (check) {
        parts.push(make("p", "hn-record__check", check.quiz.title + ". " +
          (check.started ? check.right + " of " + check.total + " right (" + check.percent + "%)" +
            (check.passed ? ", passed." : ", not passed (pass mark " + check.quiz.pass_mark + "%).") : "Not taken.")));
      });
      parts.push(make("p", "hn-record__footer", "A lesson counts as completed when its quiz is passed and every section of its " +
        "worksheet is filled in. " + (manifest.site ? "Course: " + manifest.site : "")));
      record.replaceChildren.apply(record, parts);
    }

    on(input, "input", function () {
      render(HN.store.read());
      clearTimeout(timer);
      timer = setTimeout(save, 400);
    });
    on(input, "change", save);
    on(window, "pagehide", function () { if (timer) save(); });
    on(print, "click", function () { if (timer) save(); window.print(); });
    var unsubscribe = HN.store.subscribe(function (state, from) {
      if (from === origin) return;
      HN.guard(root, function () {
        if (!timer && document.activeElement !== input) input.value = savedName(state);
        render(state);
      });
    });

    var fallback = root.querySelector(".hn-completion__fallback");
    if (HN.store.status !== "ok") warn();
    else if (HN.storeNote()) warning.appendChild(make("p", "hn-data__message hn-data__message--warning", HN.storeNote()));
    input.value = savedName(HN.store.read());
    render(HN.store.read());
    root.replaceChildren(form, record);
    root.dataset.hnMounted = "true";

    return function cleanup() {
      if (timer) save();
      controller.abort();
      unsubscribe();
      root.replaceChildren.apply(root, fallback ? [fallback] : []);
      delete root.dataset.hnMounted;
    };
  }

  function mountAll() {
    mounted.forEach(function (cleanup) { cleanup(); });
    mounted.clear();
    if (!window.HN.progress) return; // the manifest is still loading; hn:progress-ready mounts again
    document.querySelectorAll("[data-hn-completion]").forEach(function (root) {
      HN.guard(root, function () { mounted.set(root, mountRecord(root)); });
    });
  }

  document.addEventListener("hn:progress-ready", mountAll);
  HN.onPage(mountAll);
}]);
