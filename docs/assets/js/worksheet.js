/* The Human Network: self-assessment worksheets (section[data-hn-worksheet], see
   scripts/hn/templates/worksheet.html).

   Saves every entry in HN.store (storage.js) as "<section>/<field>" -> string (text as the
   learner types, debounced). Only the fields changed in this tab are saved, so a second tab
   on the same worksheet keeps its entries; entries saved in another tab fill the fields that
   are not being edited here. Scores rating scales into the author's bands with a gauge chart;
   checks each draft against its rules as the learner writes (the checklist at once, a
   summary announced politely once they pause); under each plan, adds "Add to calendar" (an
   iCalendar file of its dated rows, made in the page: nothing is sent); adds Download (Markdown, with the learner's text escaped so it
   holds no HTML or links), Print and Clear. The two files are made by worksheet-files.js,
   fetched the first time a learner asks for one. Mounted on every page by HN.onPage; mounting
   again first undoes the previous mount. Learner text only ever goes in through textContent
   or form values, never as HTML. */
(window.hnQueue = window.hnQueue || []).push(["worksheet", function (FILES) {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var mounted = new Map(); // root -> cleanup

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    return node;
  }

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function text(node) {
    return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
  }

  /* The storage key of a form control: "<section>/<statement|prompt|item|field-row>". */
  function fieldKey(input) {
    var section = input.closest("[data-hn-section]").dataset.hnSection;
    var statement = input.closest("[data-hn-statement]");
    if (statement) return section + "/" + statement.dataset.hnStatement;
    if (input.dataset.hnPrompt) return section + "/" + input.dataset.hnPrompt;
    if (input.dataset.hnItem) return section + "/" + input.dataset.hnItem;
    return section + "/" + input.dataset.hnField + "-" + input.closest("[data-hn-row]").dataset.hnRow;
  }

  /* One rating section: the learner's ratings, the total and its band. */
  function scoreRating(section) {
    var statements = all(section, "[data-hn-statement]").map(function (fs) {
      var checked = fs.querySelector("input:checked");
      var rating = checked ? Number(checked.value) : null;
      var reverse = fs.dataset.hnReverse === "true";
      return {
        text: text(fs.querySelector("legend")), reverse: reverse, rating: rating,
        label: checked ? text(checked.parentNode.querySelector(".hn-rating__label")) : "",
        score: rating === null ? null : (reverse ? 6 - rating : rating)
      };
    });
    var bands = all(section, "dt[data-hn-band-min]").map(function (dt) {
      return {
        min: Number(dt.dataset.hnBandMin), max: Number(dt.dataset.hnBandMax),
        label: text(dt).replace(/^\d+ to \d+: /, ""), interpretation: text(dt.nextElementSibling)
      };
    });
    var rated = statements.filter(function (s) { return s.rating !== null; });
    var total = rated.reduce(function (sum, s) { return sum + s.score; }, 0);
    var complete = rated.length === statements.length;
    return {
      statements: statements, bands: bands, rated: rated.length, total: total, complete: complete,
      low: statements.length, high: 5 * statements.length,
      band: complete ? bands.filter(function (b) { return total >= b.min && total <= b.max; })[0] : null
    };
  }

  /* A horizontal gauge: the bands as segments, a marker at the total. Decorative (aria-hidden);
     the figcaption says the same in words. */
  function gauge(score) {
    var left = 10, width = 240, from = score.low - 0.5, span = score.high - score.low + 1;
    function x(value) { return left + (width * (value - from)) / span; }
    var chart = svg("svg", { viewBox: "0 0 260 58", class: "hn-gauge__svg", "aria-hidden": "true", focusable: "false" });
    score.bands.forEach(function (band) {
      var current = band === score.band;
      chart.appendChild(svg("rect", {
        x: x(band.min - 0.5), y: 26, width: x(band.max + 0.5) - x(band.min - 0.5), height: 14,
        class: "hn-gauge__band" + (current ? " hn-gauge__band--current" : "")
      }));
      chart.appendChild(svg("text", { x: x(band.min - 0.5) + 1, y: 54, class: "hn-gauge__tick" })).textContent = band.min;
    });
    chart.appendChild(svg("text", { x: x(score.high + 0.5), y: 54, class: "hn-gauge__tick", "text-anchor": "end" })).textContent = score.high;
    var mark = x(score.total);
    chart.appendChild(svg("path", { d: "M" + (mark - 6) + " 10h12l-6 9z", class: "hn-gauge__marker" }));
    chart.appendChild(svg("rect", { x: mark - 1.5, y: 19, width: 3, height: 24, class: "hn-gauge__marker" }));
    chart.appendChild(svg("text", { x: mark, y: 8, class: "hn-gauge__value", "text-anchor": "middle" })).textContent = score.total;
    var figure = make("figure", "hn-gauge");
    figure.appendChild(chart);
    figure.appendChild(make("figcaption", "hn-gauge__caption",
      "Chart: your total of " + score.total + " on the scale from " + score.low + " to " + score.high + ". Bands: " +
      score.bands.map(function (b) { return b.min + " to " + b.max + " " + b.label; }).join("; ") + "."));
    return figure;
  }

  /* Learner text for Markdown: HTML, links, emphasis and table bars written as text. */
  function plain(value) {
    return value.replace(/[\\`*_[\]<>&#|~]/g, "\\$&");
  }

  /* --- Drafts: a message checked against the author's rules (data-hn-rule on each item) -- */
  var WORD = /[\p{L}\p{N}]+(?:['\u2019-][\p{L}\p{N}]+)*/gu;

  function countWords(value) { return (value.match(WORD) || []).length; }
  function countQuestions(value) { return (value.match(/[?\uff1f]+/g) || []).length; }

  /* One pattern for a rule's phrases: whole words, any case, curly or straight apostrophes,
     any spacing between words, and a final "*" for any ending ("thank*"). */
  function phrasePattern(phrases) {
    var parts = phrases.map(function (phrase) {
      var star = phrase.slice(-1) === "*";
      var core = (star ? phrase.slice(0, -1) : phrase).trim().split(/\s+/).map(function (word) {
        return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/['\u2019]/g, "['\u2019]");
      }).join("\\s+");
      return core + (star ? "[\\p{L}\\p{N}]*" : "");
    });
    return new RegExp("(?<![\\p{L}\\p{N}])(?:" + parts.join("|") + ")(?![\\p{L}\\p{N}])", "iu");
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  /* Whether a draft passes one rule, and a short note on what the checker saw. */
  function checkRule(item, value) {
    var kind = item.dataset.hnRule;
    var min = item.dataset.hnMin === undefined ? null : Number(item.dataset.hnMin);
    var max = item.dataset.hnMax === undefined ? null : Number(item.dataset.hnMax);
    var inRange = function (n) { return (min === null || n >= min) && (max === null || n <= max); };
    if (kind === "words") {
      var n = countWords(value);
      return { met: inRange(n), note: "You have " + plural(n, "word", "words") + "." };
    }
    if (kind === "question") {
      var q = countQuestions(value);
      return { met: inRange(q), note: "You ask " + plural(q, "question", "questions") + "." };
    }
    var found = value.match(phrasePattern(JSON.parse(item.dataset.hnPhrases)));
    if (kind === "contains") return { met: !!found, note: found ? "Found \u201c" + found[0] + "\u201d." : "" };
    return { met: !found, note: found ? "Found \u201c" + found[0] + "\u201d." : "" };
  }

  /* Every rule of a draft checked against its text: [{item, text, met, note}]. */
  function checkDraft(box) {
    var value = box.querySelector("textarea").value;
    return all(box, "[data-hn-rule]").map(function (item) {
      var result = checkRule(item, value);
      return { item: item, text: text(item.querySelector(".hn-draft__rule")), met: result.met, note: result.note };
    });
  }

  /* What the live region says about a draft ("" while it is empty). */
  function draftSummary(checks, value) {
    if (!value.trim()) return "";
    var missing = checks.filter(function (c) { return !c.met; });
    if (!missing.length) return "Your draft passes all " + checks.length + " checks.";
    return "Your draft passes " + (checks.length - missing.length) + " of " + checks.length + " checks. Still to do: " +
      missing.map(function (c) { return c.text.replace(/[.!?]$/, ""); }).join("; ") + ".";
  }

  /* --- Files on request: the plan as an iCalendar file, the worksheet as Markdown -------- */

  /* worksheet-files.js makes them (HN.worksheetFiles), with the helpers above
     (HN.worksheetParts). Few learners ask for a file, so it is fetched the first time one does,
     not with every lesson. */
  window.HN.worksheetParts = { text: text, all: all, fieldKey: fieldKey, scoreRating: scoreRating,
    checkDraft: checkDraft, plain: plain };
  var loading = null;
  function withFiles(use, failed) {
    if (window.HN.worksheetFiles) return use(window.HN.worksheetFiles);
    loading = loading || new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = FILES || new URL("assets/js/worksheet-files.js", HN.navmarks.base).href;
      script.onload = function () { if (window.HN.worksheetFiles) resolve(); else script.onerror(); };
      script.onerror = function () { loading = null; script.remove(); reject(); };
      document.head.appendChild(script);
    });
    loading.then(function () { use(window.HN.worksheetFiles); }, failed);
  }

  function mountWorksheet(root) {
    var sheetId = root.dataset.hnWorksheet;
    var origin = "worksheet:" + sheetId + ":" + Math.random().toString(36).slice(2);
    var controller = new AbortController();
    var added = [];
    var fields = all(root, "input, textarea");
    var status = root.querySelector("[data-hn-status]");
    var timer = null;
    var note = null;
    var dirty = {}; // field key -> true: changed here, not saved yet

    function on(el, type, fn) { el.addEventListener(type, fn, { signal: controller.signal }); }
    function add(parent, node, before) {
      parent.insertBefore(node, before || null);
      added.push(node);
      return node;
    }
    function button(parent, label, fn) {
      var b = add(parent, make("button", "hn-button", label));
      b.type = "button";
      on(b, "click", fn);
      return b;
    }

    function saved() {
      return (HN.store.read().worksheets[sheetId] || {}).values || {};
    }
    /* The value of one field key as the page shows it ("" when empty or unticked). */
    function current(key) {
      var value = "";
      fields.forEach(function (input) {
        if (fieldKey(input) !== key) return;
        if (input.type === "radio" || input.type === "checkbox") {
          if (input.checked) value = input.type === "radio" ? input.value : "true";
        } else {
          value = input.value;
        }
      });
      return value;
    }
    function save() {
      clearTimeout(timer);
      timer = null;
      var stored = saved();
      var keys = Object.keys(dirty).filter(function (key) { return current(key) !== (stored[key] || ""); });
      dirty = {};
      if (!keys.length) return;
      HN.store.update(function (s) {
        var sheet = s.worksheets[sheetId] || (s.worksheets[sheetId] = { values: {} });
        keys.forEach(function (key) {
          var value = current(key);
          if (value) sheet.values[key] = value;
          else delete sheet.values[key];
        });
        sheet.updated = new Date().toISOString();
      }, origin);
      showNote();
    }
    /* Show saved values; with `others`, only in fields not changed or being typed in here. */
    function restore(values, others) {
      fields.forEach(function (input) {
        var key = fieldKey(input);
        if (others && (dirty[key] || (input === document.activeElement && input.type !== "radio" && input.type !== "checkbox"))) return;
        var value = values[key];
        if (input.type === "radio") input.checked = value === input.value;
        else if (input.type === "checkbox") input.checked = value === "true";
        else input.value = value || "";
      });
      mirrors.forEach(function (m) { m.copy.textContent = m.area.value; });
      renderDrafts();
    }

    function showNote() {
      var message = HN.storeNote();
      if (!message || note) return;
      note = add(root, make("p", "hn-note", message), root.querySelector("[data-hn-section]"));
      note.setAttribute("role", "note");
    }

    /* The rating result (live region) and its chart, for every rating section. */
    var charts = [];
    function renderResults() {
      charts.forEach(function (chart) { chart.remove(); });
      charts = [];
      all(root, "[data-hn-type=rating]").forEach(function (section) {
        var box = section.querySelector("[data-hn-result]");
        var score = scoreRating(section);
        if (!score.rated) return box.replaceChildren();
        if (!score.complete) {
          return box.replaceChildren(make("p", null, "You have rated " + score.rated + " of " + score.statements.length +
            " statements. Rate them all to see your total."));
        }
        var head = make("p", "hn-result__total");
        head.appendChild(make("strong", null, "Your total: " + score.total + " of " + score.high + ". " + score.band.label + "."));
        box.replaceChildren(head, make("p", "hn-result__meaning", score.band.interpretation));
        charts.push(section.insertBefore(gauge(score), box.nextSibling));
      });
    }

    function say(message) {
      status.replaceChildren(make("p", null, message));
    }

    function noFiles() {
      say("The file could not be made: this page could not load the code that makes it. Check your connection, " +
        "then try again.");
    }

    function download() {
      save();
      withFiles(function (files) {
        HN.store.download(files.markdown(root, saved()), sheetId + ".md", "text/markdown;charset=utf-8");
        say("Downloaded " + sheetId + ".md with your entries.");
      }, noFiles);
    }

    function print() {
      save();
      document.documentElement.classList.add("hn-printing");
      root.classList.add("hn-print-target");
      window.addEventListener("afterprint", function () {
        document.documentElement.classList.remove("hn-printing");
        root.classList.remove("hn-print-target");
      }, { once: true, signal: controller.signal });
      window.print();
    }

    function clear() {
      var title = text(root.querySelector(".hn-worksheet__title"));
      if (!window.confirm("Clear everything you entered in \u201c" + title + "\u201d? This cannot be undone.")) return;
      clearTimeout(timer);
      timer = null;
      dirty = {};
      HN.store.clearWorksheet(sheetId, origin);
      restore({});
      renderResults();
      say("Your entries were cleared.");
      fields[0].focus();
    }

    /* Drafts: each rule gets a mark ("Done" / "To do") and a note, updated as the learner
       types; the live region gets a summary once they pause, and only when it changed. */
    var DRAFT_PAUSE = 1200;
    var drafts = all(root, "[data-hn-draft]").map(function (box) {
      var draft = { box: box, area: box.querySelector("textarea"), live: box.querySelector("[data-hn-draft-result]"),
        said: "", timer: null, rules: [] };
      draft.rules = all(box, "[data-hn-rule]").map(function (item) {
        var mark = add(item, make("span", "hn-draft__mark"), item.firstChild);
        var note = add(item, make("span", "hn-draft__note"), item.querySelector(".hn-draft__rule").nextSibling); // before the advice
        return { item: item, mark: mark, note: note };
      });
      return draft;
    });
    /* Redraw a draft's checklist. After a pause in typing (`speak`), the live region says
       the summary if it changed since it last spoke; after a restore or a clear (`quiet`), it
       says nothing and starts again from what the page now shows. */
    function renderDraft(draft, mode) {
      var value = draft.area.value;
      var checks = checkDraft(draft.box);
      var started = !!value.trim();
      checks.forEach(function (c, i) {
        var rule = draft.rules[i];
        rule.item.classList.toggle("hn-draft__check--met", started && c.met);
        rule.item.classList.toggle("hn-draft__check--todo", started && !c.met);
        rule.mark.textContent = started ? (c.met ? "Done" : "To do") : "";
        rule.note.textContent = started && c.note ? " " + c.note : "";
      });
      var summary = draftSummary(checks, value);
      if (mode === "speak" && summary !== draft.said) {
        draft.said = summary;
        draft.live.replaceChildren(make("p", null, summary));
      } else if (mode === "quiet" && !draft.timer) {
        draft.said = summary;
        draft.live.replaceChildren();
      }
    }
    function renderDrafts() {
      drafts.forEach(function (draft) { renderDraft(draft, "quiet"); });
    }
    function draftTyped(area) {
      drafts.forEach(function (draft) {
        if (draft.area !== area) return;
        renderDraft(draft, "type");
        clearTimeout(draft.timer);
        draft.timer = setTimeout(function () {
          draft.timer = null;
          renderDraft(draft, "speak");
        }, DRAFT_PAUSE);
      });
    }

    /* "Add to calendar" under each plan: its dated rows as an .ics file, made in the page. */
    function addToCalendar(section, time) {
      save();
      var sid = section.dataset.hnSection;
      var title = text(root.querySelector(".hn-worksheet__title"));
      var host = location.host || "offline.the-human-network";
      var events = all(section, "[data-hn-row]").map(function (row) {
        var get = function (field) { return row.querySelector("[data-hn-field=" + field + "]").value.trim(); };
        var day = get("date"), goal = get("goal"), step = get("step");
        if (!/^\d{4}-\d\d-\d\d$/.test(day)) return null;
        return { uid: sheetId + "." + sid + "." + row.dataset.hnRow + "@" + host, day: day, time: time,
          summary: goal || step || text(section.querySelector("legend")),
          description: (step ? "First step: " + step + "\n" : "") + "From your worksheet \u201c" + title +
            "\u201d in " + document.title + "." };
      }).filter(Boolean);
      if (!events.length) return say("Add a date to at least one row, then add the plan to your calendar.");
      var name = sheetId + "-" + sid + ".ics";
      withFiles(function (files) {
        HN.store.download(files.calendar(events, new Date()), name, "text/calendar;charset=utf-8");
        say("Downloaded " + name + " with " + plural(events.length, "dated step", "dated steps") +
          ". Open it to add them to your calendar.");
      }, noFiles);
    }
    all(root, "[data-hn-calendar]").forEach(function (box, index) {
      var section = box.closest("[data-hn-section]");
      var line = add(box, make("p", "hn-calendar__time"));
      var label = line.appendChild(make("label", null, "Time of day (optional: leave empty for all-day events)"));
      var input = line.appendChild(make("input"));
      input.type = "time";
      input.id = label.htmlFor = root.id + "-calendar-time-" + index;
      button(box, "Add to calendar", function () { addToCalendar(section, input.value); });
    });

    /* Printed copies of the text boxes: a textarea prints cut off, a plain block does not. */
    var mirrors = all(root, "textarea").map(function (area) {
      return { area: area, copy: add(area.parentNode, make("div", "hn-print-copy"), area.nextSibling) };
    });
    mirrors.forEach(function (m) { m.copy.setAttribute("aria-hidden", "true"); });

    var actions = root.querySelector("[data-hn-ws-actions]");
    button(actions, "Download as Markdown", download);
    button(actions, "Print", print);
    button(actions, "Clear worksheet", clear);

    on(root, "change", function (event) {
      if (fields.indexOf(event.target) >= 0) dirty[fieldKey(event.target)] = true;
      save();
      renderResults();
    });
    on(root, "input", function (event) {
      var mirror = mirrors.filter(function (m) { return m.area === event.target; })[0];
      if (mirror) mirror.copy.textContent = event.target.value;
      if (event.target.closest("[data-hn-draft]")) draftTyped(event.target);
      if (event.target.type === "radio" || event.target.type === "checkbox") return;
      if (fields.indexOf(event.target) >= 0) dirty[fieldKey(event.target)] = true;
      clearTimeout(timer);
      timer = setTimeout(save, 400);
    });
    on(window, "pagehide", function () { if (timer) save(); });

    var unsubscribe = HN.store.subscribe(function (state, from) {
      if (from === origin) return;
      HN.guard(root, function () {
        restore((state.worksheets[sheetId] || {}).values || {}, true);
        renderResults();
        showNote();
      });
    });

    showNote();
    restore(saved());
    renderResults();
    root.dataset.hnMounted = "true";
    root.classList.add("hn-js");

    return function cleanup() {
      if (timer) save(); // keep what was typed just before leaving the page
      controller.abort();
      unsubscribe();
      drafts.forEach(function (draft) {
        clearTimeout(draft.timer);
        draft.live.replaceChildren();
        draft.rules.forEach(function (rule) { rule.item.classList.remove("hn-draft__check--met", "hn-draft__check--todo"); });
      });
      added.forEach(function (node) { node.remove(); });
      charts.forEach(function (chart) { chart.remove(); });
      status.replaceChildren();
      all(root, "[data-hn-result]").forEach(function (box) { box.replaceChildren(); });
      root.classList.remove("hn-js", "hn-print-target");
      document.documentElement.classList.remove("hn-printing");
      delete root.dataset.hnMounted;
    };
  }

  HN.onPage(function () {
    mounted.forEach(function (cleanup) { cleanup(); });
    mounted.clear();
    document.querySelectorAll("[data-hn-worksheet]").forEach(function (root) {
      HN.guard(root, function () { mounted.set(root, mountWorksheet(root)); });
    });
  });
}.bind(null, document.currentScript ? new URL("worksheet-files.js", document.currentScript.src).href
  : "")]); // beside this file
