/* The Human Network: the progress page ([data-hn-progress]) and the home page's "continue
   where you left off" box ([data-hn-continue]).

   Drawn from HN.progress (progress.js, on every page) and redrawn whenever the learner's
   record changes, in this tab or another one. Only the pages with these boxes load this file
   (hooks/assets.py), so a lesson does not download it. The build writes the progress page as
   a first visit sees it (hooks/progress_page.py, hn/progress_view.py), so nothing moves when
   this runs; tests/test_progress_browser.py checks the two agree.

   Mounted by HN.onPage; mounting again first undoes the previous mount. */
(window.hnQueue = window.hnQueue || []).push(["progress-page", function () {
  "use strict";
  var P = null; // HN.progress, once progress.js has read the manifest
  var manifest = null;
  var cleanup = null;

  // progress.js's helpers, from HN.progress once it is ready.
  function make(tag, className, text) { return P.make(tag, className, text); }
  function href(path) { return P.href(path); }
  function lessonName(lesson) { return P.lessonName(lesson); }
  function formatDate(iso) { return P.formatDate(iso); }
  function quizText(score) { return P.quizText(score); }
  function worksheetText(state) { return P.worksheetText(state); }

  function lessonLink(lesson, text) {
    var link = make("a", null, text || lessonName(lesson));
    link.href = href(lesson.url);
    return link;
  }

  /* "N questions to review", linked to the review page, when any are due (HN.review); else null.
     A long course is reviewed in parts (manifest "review_parts"): the link goes to the part
     that holds the first question due, in course order. */
  function reviewLine() {
    var due = HN.review.due().due;
    if (!due.length || !manifest.pages.review) return null;
    var number = due[0].lesson ? due[0].lesson.number : 0;
    var part = (manifest.review_parts || []).filter(function (range) {
      return number >= range.first && number <= range.last;
    })[0];
    var p = make("p", "hn-review-count");
    p.dataset.hnReviewCount = String(due.length);
    var link = p.appendChild(make("a", null, due.length + " question" + (due.length === 1 ? "" : "s") + " to review"));
    link.href = href(part ? part.url : manifest.pages.review);
    p.appendChild(document.createTextNode(": quiz questions from earlier lessons, due today."));
    return p;
  }

  /* "Continue where you left off": the last lesson opened, and the next one to finish. */
  function continueParts(sum, compact) {
    var parts = [];
    if (sum.last) {
      var p = make("p");
      p.appendChild(document.createTextNode(compact ? "Welcome back. Continue where you left off: " : "You last opened "));
      p.appendChild(lessonLink(sum.last.state.lesson));
      p.appendChild(document.createTextNode((compact ? "" : ", on " + formatDate(sum.last.time)) + "."));
      parts.push(p);
    }
    if (sum.next && (!sum.last || sum.next.lesson.id !== sum.last.state.lesson.id) && !(compact && sum.last)) {
      var q = make("p");
      q.appendChild(document.createTextNode(sum.last ? "Next lesson to finish: " : "You have not opened a lesson yet. Start with "));
      q.appendChild(lessonLink(sum.next.lesson));
      q.appendChild(document.createTextNode("."));
      parts.push(q);
    }
    if (!sum.next) {
      var done = make("p", null, "You have completed every lesson. Well done. ");
      if (manifest.pages.completion) done.appendChild(make("a", null, "Print your completion record")).href = href(manifest.pages.completion);
      parts.push(done);
    }
    if (!compact) {
      var target = sum.last ? sum.last.state : sum.next;
      if (target) {
        var go = lessonLink(target.lesson, (sum.last ? "Continue: lesson " : "Start: lesson ") + target.lesson.number);
        go.className = "md-button md-button--primary hn-continue__button";
        var wrap = make("p");
        wrap.appendChild(go);
        parts.push(wrap);
      }
    }
    return parts;
  }

  function section(root, id, title) {
    var box = make("section", "hn-progress__section");
    box.setAttribute("aria-labelledby", id);
    box.appendChild(make("h2", null, title)).id = id;
    root.appendChild(box);
    return box;
  }

  function progressPage(root, sum) {
    var fragment = document.createDocumentFragment();
    var resume = section(fragment, "hn-progress-continue", "Continue where you left off");
    resume.classList.add("hn-continue");
    var review = reviewLine();
    if (review) resume.appendChild(review);
    continueParts(sum, false).forEach(function (p) { resume.appendChild(p); });

    var overall = section(fragment, "hn-progress-overall", "Across the course");
    var line = make("p", "hn-progress__overall");
    var label = line.appendChild(make("label", null, "Lessons complete"));
    label.htmlFor = "hn-progress-bar";
    var bar = line.appendChild(make("progress"));
    bar.id = "hn-progress-bar";
    bar.max = sum.lessons.length;
    bar.value = sum.complete;
    bar.textContent = sum.complete + " of " + sum.lessons.length;
    line.appendChild(make("span", "hn-progress__count", sum.complete + " of " + sum.lessons.length + " lessons complete (" +
      Math.round((100 * sum.complete) / sum.lessons.length) + "%)"));
    overall.appendChild(line);
    var facts = overall.appendChild(make("ul", "hn-progress__facts"));
    facts.appendChild(make("li", null, "Quizzes passed: " + sum.quizzesPassed + " of " + sum.quizTotal + "."));
    facts.appendChild(make("li", null, "Worksheets done: " + sum.worksheetsDone + " of " + sum.worksheetTotal + "."));
    sum.checks.forEach(function (check) {
      var item = facts.appendChild(make("li"));
      var link = item.appendChild(make("a", null, check.quiz.title));
      link.href = href(check.quiz.url);
      item.appendChild(document.createTextNode(". " + quizText(check) + "."));
    });

    var lessons = section(fragment, "hn-progress-lessons", "Lessons");
    var wrap = lessons.appendChild(make("div", "hn-progress__tablewrap"));
    var table = wrap.appendChild(make("table", "hn-progress__table"));
    table.appendChild(make("caption", null, "Each lesson in course order, with its status, quiz score and worksheet."));
    var head = table.appendChild(make("thead")).appendChild(make("tr"));
    ["Lesson", "Status", "Quiz", "Worksheet", "Last opened"].forEach(function (name) {
      head.appendChild(make("th", null, name)).scope = "col";
    });
    var body = table.appendChild(make("tbody"));
    sum.lessons.forEach(function (state) {
      var row = body.appendChild(make("tr"));
      row.dataset.hnLesson = state.lesson.id;
      row.dataset.hnStatus = state.status;
      var name = row.appendChild(make("th"));
      name.scope = "row";
      name.appendChild(lessonLink(state.lesson));
      var status = row.appendChild(make("td", "hn-status hn-status--" + state.status));
      status.appendChild(make("span", "hn-status__symbol", state.status === "complete" ? "\u2713" : state.status === "not-started" ? "\u2013" : "\u25D0"))
        .setAttribute("aria-hidden", "true");
      status.appendChild(document.createTextNode(" " + state.label));
      row.appendChild(make("td", null, state.quizzes.map(quizText).join("; ") || "No quiz"));
      row.appendChild(make("td", null, state.worksheets.map(worksheetText).join("; ") || "No worksheet"));
      row.appendChild(make("td", null, state.visit ? formatDate(state.visit.last) : "Not yet"));
    });
    root.replaceChildren(fragment);
  }

  function homeContinue(root, sum) {
    var review = reviewLine();
    if (!sum.last) return review ? root.replaceChildren(review) : root.replaceChildren();
    var parts = continueParts(sum, true);
    if (review) parts.unshift(review);
    if (manifest.pages.progress) {
      var more = make("p");
      more.appendChild(make("a", null, "See your progress")).href = href(manifest.pages.progress);
      parts.push(more);
    }
    root.replaceChildren.apply(root, parts);
  }

  function draw() {
    var sum = null;
    document.querySelectorAll("[data-hn-progress]").forEach(function (root) {
      HN.guard(root, function () {
        progressPage(root, sum = sum || P.summary());
        root.dataset.hnMounted = "true";
      });
    });
    document.querySelectorAll("[data-hn-continue]").forEach(function (root) {
      HN.guard(root, function () { homeContinue(root, sum = sum || P.summary()); });
    });
  }

  function mount() {
    if (cleanup) cleanup();
    P = window.HN.progress || null;
    if (!P) return; // the manifest is still loading: hn:progress-ready mounts again
    if (!document.querySelector("[data-hn-progress], [data-hn-continue]")) return;
    manifest = P.manifest;
    draw();
    var unsubscribe = HN.store.subscribe(draw);
    cleanup = function () {
      unsubscribe();
      cleanup = null;
    };
  }

  HN.onPage(mount);
  document.addEventListener("hn:progress-ready", mount);
}]);
