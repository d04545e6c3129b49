/* The Human Network: self-check quizzes (section[data-hn-quiz], see scripts/hn/templates/quiz.html).

   Adds Check / Try again / Reveal answer to each question, move buttons to ordering questions,
   a score with the pass mark and a Reset button. Answers, results and reveals are kept in
   HN.store (storage.js). Mounted on every page by HN.onPage; mounting again first undoes the
   previous mount (listeners through an AbortController, added nodes removed). Feedback is
   copied from the author's <details>; text typed by learners is never inserted as HTML.

   Every checked answer also moves the question in the spaced-review queue (HN.review in
   storage.js). On the review page (inside [data-hn-review]) a quiz is in review mode: only
   the questions due when the page opened are shown, answers are kept for this visit only
   (the lesson's saved answers stay as they were), checking moves the question between
   boxes, and the score says how many were reviewed. */
(window.hnQueue = window.hnQueue || []).push(["quiz", function () {
  "use strict";
  var mounted = new Map(); // root -> cleanup

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "s");
  }

  /* One question: its elements and the learner's current answer, read from the inputs. */
  function Question(el) {
    this.el = el;
    this.id = el.dataset.hnQuestion;
    this.type = el.dataset.hnType;
    this.fieldset = el.querySelector("fieldset");
    this.inputs = Array.prototype.slice.call(this.fieldset.querySelectorAll("input"));
    this.list = el.querySelector("[data-hn-order]");
    this.status = el.querySelector("[data-hn-status]");
    this.details = el.querySelector("[data-hn-answer]");
    this.actions = el.querySelector("[data-hn-actions]");
    this.initialOrder = this.list ? this.items().map(function (li) { return li.dataset.hnItem; }) : null;
  }

  Question.prototype.items = function () {
    return Array.prototype.slice.call(this.list.children);
  };

  Question.prototype.answer = function () {
    if (this.list) return this.items().map(function (li) { return li.dataset.hnItem; });
    return this.inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
  };

  Question.prototype.feedbackFor = function (value) {
    return this.details.querySelector('[data-hn-feedback-for="' + value + '"]');
  };

  Question.prototype.isCorrect = function (answer) {
    if (this.list) return answer.every(function (value, index) { return value === String(index); });
    var correct = Array.prototype.map.call(
      this.details.querySelectorAll('[data-hn-correct="true"]'),
      function (li) { return li.dataset.hnFeedbackFor; });
    return answer.length === correct.length && correct.every(function (v) { return answer.indexOf(v) >= 0; });
  };

  /* A saved answer made safe to use: known values only, and a full order for ordering questions
     (saved data may come from an older version of the quiz, or from an imported file). */
  Question.prototype.clean = function (answer) {
    var known = this.list ? this.initialOrder : this.inputs.map(function (i) { return i.value; });
    var kept = (Array.isArray(answer) ? answer : []).map(String).filter(function (v) { return known.indexOf(v) >= 0; });
    if (this.list && kept.slice().sort().join() !== known.slice().sort().join()) return [];
    return kept;
  };

  /* What to show for this question: the answer, whether it was checked (re-marked against the
     page, in case the quiz changed since), and whether the answer was revealed. */
  Question.prototype.stateIn = function (saved) {
    var answer = this.clean(saved.answers[this.id]);
    var checked = answer.length > 0 && !!saved.results[this.id];
    return {
      answer: answer,
      result: checked ? (this.isCorrect(answer) ? "correct" : "incorrect") : null,
      revealed: saved.revealed[this.id] === true
    };
  };

  Question.prototype.restore = function (answer) {
    if (this.list) {
      var order = answer && answer.length ? answer : this.initialOrder;
      var byValue = {};
      this.items().forEach(function (li) { byValue[li.dataset.hnItem] = li; });
      order.forEach(function (value) { this.list.appendChild(byValue[value]); }, this);
    } else {
      this.inputs.forEach(function (input) { input.checked = !!answer && answer.indexOf(input.value) >= 0; });
    }
  };

  /* A copy of the author's feedback item for the live region (author HTML, not learner text). */
  function feedbackCopy(li, prefix) {
    var copy = make("li");
    if (prefix) copy.appendChild(prefix);
    Array.prototype.forEach.call(li.childNodes, function (node) { copy.appendChild(node.cloneNode(true)); });
    // The verdict line already says right or wrong; the author's "(correct)" would repeat it.
    copy.querySelectorAll(".hn-answer__verdict").forEach(function (node) { node.remove(); });
    return copy;
  }

  function verdictLine(correct, detail) {
    var line = make("p", "hn-verdict hn-verdict--" + (correct ? "correct" : "incorrect"));
    line.appendChild(make("span", "hn-verdict__icon")).setAttribute("aria-hidden", "true");
    line.appendChild(make("strong", null, correct ? "Correct." : "Not quite."));
    if (detail) line.appendChild(document.createTextNode(" " + detail));
    return line;
  }

  /* Fill the status region with the verdict and the feedback for what the learner chose. */
  Question.prototype.showFeedback = function (answer, correct) {
    var q = this;
    var list = make(this.list ? "ol" : "ul", "hn-feedback");
    var detail = "";
    if (this.list) {
      var placed = answer.filter(function (value, index) { return value === String(index); }).length;
      detail = placed + " of " + plural(answer.length, "step") + " in the right place.";
      answer.forEach(function (value, index) {
        var right = value === String(index);
        var tag = make("span", "hn-tag hn-tag--" + (right ? "correct" : "incorrect"),
          right ? "Right place: " : "Wrong place: ");
        list.appendChild(feedbackCopy(q.feedbackFor(value), tag));
      });
    } else {
      if (!correct && this.el.dataset.hnSelect === "multiple") {
        detail = "Select every answer that applies, and only those.";
      }
      answer.forEach(function (value) {
        list.appendChild(feedbackCopy(q.feedbackFor(value), make("span", "hn-tag", "You chose: ")));
      });
    }
    this.status.replaceChildren(verdictLine(correct, detail), list);
  };

  /* Bring the question's markup in line with the saved state. */
  Question.prototype.render = function (saved) {
    var state = this.stateIn(saved);
    var result = state.result;
    var revealed = state.revealed;
    var answer = state.answer;
    this.restore(answer);
    this.fieldset.disabled = !!result;
    this.el.classList.toggle("hn-question--correct", result === "correct");
    this.el.classList.toggle("hn-question--incorrect", result === "incorrect");
    this.el.classList.toggle("hn-question--revealed", revealed);
    this.buttons.check.hidden = !!result;
    this.buttons.retry.hidden = !result;
    this.buttons.reveal.hidden = revealed;
    this.details.hidden = !(revealed || result === "correct");
    if (revealed) this.details.open = true;
    this.markOptions(result ? answer : [], revealed);
    if (this.list) this.updateMoveButtons();
    if (result) this.showFeedback(answer, result === "correct");
    else if (!this.status.dataset.hnMessage) this.status.replaceChildren();
  };

  /* Tags beside the options: which chosen ones were right, and (once revealed) the answer. */
  Question.prototype.markOptions = function (chosen, revealed) {
    var q = this;
    this.el.querySelectorAll(".hn-option__tag").forEach(function (tag) { tag.remove(); });
    if (this.list) return;
    this.inputs.forEach(function (input) {
      var right = q.feedbackFor(input.value).dataset.hnCorrect === "true";
      var text = null;
      if (chosen.indexOf(input.value) >= 0) text = right ? "Your choice: right" : "Your choice: not right";
      else if (revealed && right) text = "Correct answer";
      if (!text) return;
      var kind = right ? "correct" : "incorrect";
      input.parentNode.appendChild(make("span", "hn-option__tag hn-tag hn-tag--" + kind, text));
    });
  };

  Question.prototype.updateMoveButtons = function () {
    var items = this.items();
    items.forEach(function (li, index) {
      li.querySelector(".hn-order__move--up").setAttribute("aria-disabled", String(index === 0));
      li.querySelector(".hn-order__move--down").setAttribute("aria-disabled", String(index === items.length - 1));
    });
  };

  function mountQuiz(root) {
    var quizId = root.dataset.hnQuiz;
    var passMark = Number(root.dataset.hnPass) || 70;
    var origin = "quiz:" + quizId + ":" + Math.random().toString(36).slice(2);
    var controller = new AbortController();
    var added = [];
    var questions = Array.prototype.map.call(root.querySelectorAll("[data-hn-question]"), function (el) {
      return new Question(el);
    });
    var scoreBox = root.querySelector("[data-hn-score]");
    var reviewing = !!root.closest("[data-hn-review]");
    var session = { answers: {}, results: {}, revealed: {} }; // review mode: this visit's answers
    var hiddenNodes = [];
    if (reviewing) {
      var due = HN.review.due().due.filter(function (item) { return item.quiz.id === quizId; })
        .map(function (item) { return item.question; });
      questions = questions.filter(function (q) {
        if (due.indexOf(q.id) >= 0) return true;
        q.el.hidden = true;
        hiddenNodes.push(q.el);
        return false;
      });
      var meta = root.querySelector(".hn-quiz__meta");
      if (meta) { meta.hidden = true; hiddenNodes.push(meta); }
      if (!questions.length) { root.hidden = true; hiddenNodes.push(root); }
    }

    function on(el, type, fn) { el.addEventListener(type, fn, { signal: controller.signal }); }
    function add(parent, node, before) {
      parent.insertBefore(node, before || null);
      added.push(node);
      return node;
    }
    function button(parent, text, className, fn) {
      var b = add(parent, make("button", "hn-button " + (className || ""), text));
      b.type = "button";
      on(b, "click", fn);
      return b;
    }

    function saved() {
      if (reviewing) return session;
      var quiz = HN.store.read().quizzes[quizId] || {};
      return { answers: quiz.answers || {}, results: quiz.results || {}, revealed: quiz.revealed || {} };
    }
    /* fn(quiz, record) changes the quiz's saved answers (in review mode, this visit's). */
    function change(fn) {
      if (reviewing) {
        fn(session, null);
        return;
      }
      HN.store.update(function (s) {
        var quiz = s.quizzes[quizId] || (s.quizzes[quizId] = {});
        ["answers", "results", "revealed"].forEach(function (k) { quiz[k] = quiz[k] || {}; });
        fn(quiz, s);
        quiz.updated = new Date().toISOString();
      }, origin);
      showNote();
    }

    var note = null;
    function showNote() {
      var text = HN.storeNote();
      if (!text || note) return;
      note = add(root, make("p", "hn-note", text), root.querySelector(".hn-quiz__questions"));
      note.setAttribute("role", "note");
    }

    function renderScore(state, message) {
      var total = questions.length;
      var results = questions.map(function (q) { return q.stateIn(state).result; });
      var checked = results.filter(Boolean).length;
      var right = results.filter(function (r) { return r === "correct"; }).length;
      var percent = Math.round((100 * right) / total);
      var parts = [];
      if (message) parts.push(make("p", null, message));
      if (reviewing) {
        if (checked) {
          parts.push(make("p", "hn-score", "Reviewed " + checked + " of " + plural(total, "question") + ", " + right +
            " right. " + (checked < total ? "" : "Questions you got right come back later; any you missed come back tomorrow.")));
        }
      } else if (checked) {
        var passed = percent >= passMark;
        var line = make("p", "hn-score hn-score--" + (passed ? "pass" : "fail"));
        line.appendChild(make("strong", null, "Score: " + right + " of " + total + " correct (" + percent + "%)."));
        line.appendChild(document.createTextNode(" Pass mark: " + passMark + "%."));
        parts.push(line);
        if (checked < total) {
          parts.push(make("p", null, plural(total - checked, "question") + " still to check."));
        } else {
          parts.push(make("p", null, passed
            ? "Passed. Well done. Look back at any question you missed, then move on."
            : "Not passed yet. Try the questions you missed again, or reveal their answers and follow the review links."));
        }
      }
      scoreBox.replaceChildren.apply(scoreBox, parts);
    }

    function render(message) {
      var state = saved();
      questions.forEach(function (q) { q.render(state); });
      renderScore(state, message);
    }

    function say(q, text) {
      q.status.dataset.hnMessage = "1";
      q.status.replaceChildren(make("p", null, text));
    }
    function quiet(q) { delete q.status.dataset.hnMessage; }

    function firstControl(q) {
      return q.list ? q.list.querySelector(".hn-order__move--down") : (q.inputs.filter(function (i) { return i.checked; })[0] || q.inputs[0]);
    }

    function check(q) {
      var answer = q.answer();
      if (!answer.length) {
        say(q, "Choose an answer first, then check it.");
        return;
      }
      quiet(q);
      var result = q.isCorrect(answer) ? "correct" : "incorrect";
      change(function (quiz, record) {
        quiz.answers[q.id] = answer;
        quiz.results[q.id] = result;
        if (record) HN.review.record(record, quizId, q.id, result === "correct");
      });
      if (reviewing) {
        HN.store.update(function (s) { HN.review.record(s, quizId, q.id, result === "correct"); }, origin);
        showNote();
      }
      render();
      q.status.focus();
    }

    function retry(q) {
      quiet(q);
      change(function (quiz) { delete quiz.results[q.id]; });
      render();
      firstControl(q).focus();
    }

    function reveal(q) {
      change(function (quiz) { quiz.revealed[q.id] = true; });
      if (!saved().results[q.id]) say(q, "The answer and explanation are shown below.");
      render();
      q.details.querySelector("summary").focus();
    }

    function move(q, li, step) {
      var items = q.items();
      var from = items.indexOf(li);
      var to = from + step;
      if (q.fieldset.disabled || to < 0 || to >= items.length) return;
      q.list.insertBefore(li, step < 0 ? items[to] : items[to].nextSibling);
      change(function (quiz) { quiz.answers[q.id] = q.answer(); });
      q.updateMoveButtons();
      say(q, "Moved \u201c" + li.querySelector(".hn-order__text").textContent.trim() + "\u201d to position " + (to + 1) + " of " + items.length + ".");
      var target = li.querySelector(step < 0 ? ".hn-order__move--up" : ".hn-order__move--down");
      if (target.getAttribute("aria-disabled") === "true") target = li.querySelector(".hn-order__move:not([aria-disabled=true])");
      target.focus();
    }

    function reset() {
      HN.store.clearQuiz(quizId, origin);
      questions.forEach(quiet);
      render("Quiz reset: your answers were cleared.");
      firstControl(questions[0]).focus();
    }

    showNote();
    questions.forEach(function (q) {
      q.status.tabIndex = -1;
      q.buttons = {
        check: button(q.actions, "Check answer", "hn-button--primary", function () { check(q); }),
        retry: button(q.actions, "Try again", "", function () { retry(q); }),
        reveal: button(q.actions, "Reveal answer", "", function () { reveal(q); })
      };
      if (q.list) {
        q.items().forEach(function (li) {
          var text = li.querySelector(".hn-order__text").textContent.trim();
          var box = add(li, make("span", "hn-order__moves"));
          [["up", -1], ["down", 1]].forEach(function (pair) {
            var b = button(box, pair[0] === "up" ? "Up" : "Down", "hn-order__move hn-order__move--" + pair[0], function () {
              if (b.getAttribute("aria-disabled") !== "true") move(q, li, pair[1]);
            });
            b.setAttribute("aria-label", "Move \u2018" + text + "\u2019 " + pair[0]);
          });
        });
      }
      on(q.fieldset, "change", function () {
        quiet(q);
        q.status.replaceChildren();
        change(function (quiz) { quiz.answers[q.id] = q.answer(); });
      });
    });
    if (!reviewing) button(root.querySelector("[data-hn-quiz-actions]"), "Reset quiz", "hn-quiz__reset", reset);
    var unsubscribe = HN.store.subscribe(function (state, from) {
      if (from !== origin) HN.guard(root, function () { questions.forEach(quiet); render(); showNote(); });
    });
    root.dataset.hnMounted = "true";
    root.classList.add("hn-js");
    render();

    return function cleanup() {
      controller.abort();
      unsubscribe();
      added.forEach(function (node) { node.remove(); });
      questions.forEach(function (q) {
        quiet(q);
        q.restore(null);
        q.fieldset.disabled = false;
        q.details.hidden = false;
        q.status.removeAttribute("tabindex");
        q.status.replaceChildren();
        q.el.querySelectorAll(".hn-option__tag").forEach(function (tag) { tag.remove(); });
        q.el.classList.remove("hn-question--correct", "hn-question--incorrect", "hn-question--revealed");
      });
      scoreBox.replaceChildren();
      hiddenNodes.forEach(function (node) { node.hidden = false; });
      root.classList.remove("hn-js");
      delete root.dataset.hnMounted;
    };
  }

  HN.onPage(function () {
    mounted.forEach(function (cleanup) { cleanup(); });
    mounted.clear();
    document.querySelectorAll("[data-hn-quiz]").forEach(function (root) {
      HN.guard(root, function () { mounted.set(root, mountQuiz(root)); });
    });
  });
}]);
