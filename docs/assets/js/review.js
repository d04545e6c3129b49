/* The Human Network: the review page ([data-hn-review], docs/review.md).

   The page holds every quiz of the course, hidden ([data-hn-review-bank], hooks/review_page.py);
   quiz.js mounts them in review mode and shows only the questions due (HN.review, storage.js).
   This script says how many are due, shows the box of quizzes when there are any, and says
   when the next ones fall due. The line is redrawn whenever the record changes (an answer
   here moves its question to a later day). Without JavaScript the line says review needs it,
   and the list of quizzes under the box links to each one.

   A long course is reviewed in parts (hooks/review_page.py), each page holding the quizzes of
   some lessons; then the line counts this page's questions, and the list of parts above the
   box says how many are due in each of the others.

   Mounted by HN.onPage, and again when more of the course manifest arrives; mounting again
   first undoes the previous mount. */
(window.hnQueue = window.hnQueue || []).push(["review", function () {
  "use strict";
  var cleanup = null;

  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "s");
  }

  function dayText(day) {
    var parts = day.split("-").map(Number);
    return new Date(parts[0], parts[1] - 1, parts[2])
      .toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long" });
  }

  function mountReview(root) {
    var line = root.querySelector("[data-hn-review-status]");
    var bank = root.querySelector("[data-hn-review-bank]");
    var fallback = line.textContent;
    var parts = Array.prototype.map.call(root.querySelectorAll("[data-hn-review-quizzes]"), function (item) {
      return { item: item, quizzes: item.dataset.hnReviewQuizzes.split(" "), here: item.hasAttribute("aria-current") };
    });
    var mine = {}; // the quizzes on this page
    Array.prototype.forEach.call(bank.querySelectorAll("[data-hn-quiz]"), function (quiz) { mine[quiz.dataset.hnQuiz] = true; });
    function dueHere() { // this page's questions, and (in `all`) the whole course's
      var now = parts.length ? HN.review.due(null, function (id) { return mine[id]; }) : HN.review.due();
      now.all = parts.length ? HN.review.due().due : now.due;
      return now;
    }
    var asked = dueHere().due.length;
    line.setAttribute("role", "status");
    line.setAttribute("aria-live", "polite");

    /* Beside each other part, how many of its questions are due; the total of the others. */
    function drawParts(now) {
      var elsewhere = 0;
      parts.forEach(function (part) {
        var count = now.all.filter(function (item) { return part.quizzes.indexOf(item.quiz.id) >= 0; }).length;
        if (!part.here) elsewhere += count;
        part.item.querySelector("[data-hn-review-part-due]").textContent = part.here ? "" : count
          ? ": " + plural(count, "question") + " due" : ": nothing due";
      });
      return elsewhere;
    }

    function draw() {
      var now = dueHere();
      var elsewhere = drawParts(now);
      var text;
      if (now.due.length) {
        text = plural(now.due.length, "question") + " to review today" +
          (asked ? ". Answer " + (now.due.length === 1 ? "it" : "them") + " below." : ". Reload the page to see them.");
      } else if (asked) {
        text = "Done for today: you reviewed every question that was due" + (parts.length ? " on this page." : ".");
      } else {
        var any = Object.keys(HN.store.read().review).length > 0;
        text = any ? "Nothing to review " + (parts.length ? "on this page " : "") + "today." : "Nothing to review yet. " +
          "Check your answers to a quiz in any lesson, and its questions come back here.";
      }
      if (elsewhere) text += " " + plural(elsewhere, "question") + (now.due.length || asked ? " more " : " ") +
        (elsewhere === 1 ? "is" : "are") + " due in the other parts of the course: see the list of parts.";
      if (now.next) text += " Next: " + plural(now.nextCount, "question") + " on " + dayText(now.next) + ".";
      line.textContent = text;
      line.dataset.hnDue = String(now.due.length);
    }

    bank.hidden = !asked;
    draw();
    var unsubscribe = HN.store.subscribe(draw);
    root.dataset.hnMounted = "true";
    return function () {
      unsubscribe();
      bank.hidden = true;
      line.textContent = fallback;
      line.removeAttribute("role");
      line.removeAttribute("aria-live");
      delete line.dataset.hnDue;
      parts.forEach(function (part) { part.item.querySelector("[data-hn-review-part-due]").textContent = ""; });
      delete root.dataset.hnMounted;
    };
  }

  function mount() {
    if (cleanup) cleanup();
    cleanup = null;
    var root = document.querySelector("[data-hn-review]");
    if (root) HN.guard(root, function () { cleanup = mountReview(root); });
  }
  HN.onPage(mount);
  // Reached from a lesson by instant navigation, the page may run before the whole course
  // manifest arrives (storage.js): count again with it.
  document.addEventListener("hn:manifest", function () { if (cleanup) mount(); });
}]);
