/* The Human Network: the marks beside lessons in the navigation (HN.navmarks), on every page.

   A reading page (a glossary, a reference page, a notebook) has no exercises and writes
   nothing, so it does not load the saved-progress scripts (the manifest, storage.js and
   progress.js: about 11 KB gzip, growing with the course). It still shows which lessons are
   done, from a small copy of the marks kept beside the record:

     localStorage["<record key>:marks"] = {"v": 1, "marks": [[path, status, label], ...]}

   path is a lesson's address under the site root ("lessons/x/"), status a lesson status
   (progress.js), label its words for screen readers. progress.js, which every page with
   exercises or progress tools loads (hooks/assets.py), works the marks out from the record
   and the manifest, draws them with draw() and saves this copy whenever they change; so the
   copy is as new as the last page that could change the record. It is only ever a display:
   if it is missing or unreadable, a reading page shows no marks and nothing else changes.

   On a page where progress.js runs, it draws the marks; here they are drawn only when it is
   absent. A save in another tab redraws them. On a lesson, progress.js knows only its own
   lesson (its part of the manifest), so the others' marks come from the copy there too. */
(function () {
  "use strict";
  if (window.HN && window.HN.navmarks) return; // run again by instant navigation

  /* The site root, from the page first loaded: instant navigation keeps its #__config, whose
     relative "base" would be wrong from any other page. This file is on every page, so it
     always runs on the first one; storage.js and progress.js, which may first run after an
     instant navigation, take the root from here (HN.navmarks.base). */
  var BASE = (function () {
    try {
      var config = JSON.parse(document.getElementById("__config").textContent);
      return new URL(config.base + (/\/$/.test(config.base) ? "" : "/"), location.href);
    } catch (e) {
      return new URL("/", location.href);
    }
  })();
  var KEY = "hn:" + BASE.pathname + ":v1:marks"; // storage.js keeps the record at "hn:<base>:v1"

  /* A URL as a path under the site root, in one spelling ("x/index.html" is "x/"); null if outside. */
  function sitePath(url) {
    var target = new URL(url, location.href);
    if (target.origin !== BASE.origin || target.pathname.indexOf(BASE.pathname) !== 0) return null;
    return decodeURI(target.pathname.slice(BASE.pathname.length)).replace(/(^|\/)index\.html$/, "$1");
  }

  function span(className, text) {
    var node = document.createElement("span");
    node.className = className;
    node.textContent = text;
    return node;
  }

  /* Mark each lesson link in the primary navigation; marks: [[path, status, label], ...]. */
  function draw(marks) {
    document.querySelectorAll("[data-hn-navmark]").forEach(function (node) { node.remove(); });
    var byPath = {};
    marks.forEach(function (mark) { byPath[mark[0]] = mark; });
    document.querySelectorAll(".md-nav--primary a.md-nav__link[href]").forEach(function (link) {
      var mark = !link.hash && byPath[sitePath(link.href)]; // not the page's own contents (#a-section)
      if (!mark || mark[1] === "not-started") return;
      var node = span("hn-navmark hn-navmark--" + mark[1], "");
      node.dataset.hnNavmark = "";
      var symbol = mark[1] === "complete" ? "\u2713" : "\u25D0";
      node.appendChild(span("hn-navmark__symbol", symbol)).setAttribute("aria-hidden", "true");
      node.appendChild(span("hn-visually-hidden", " (" + String(mark[2]).toLowerCase() + ")"));
      link.appendChild(node); // outside .md-ellipsis, which would clip it
    });
  }

  function saved() {
    try {
      var data = JSON.parse(localStorage.getItem(KEY));
      return data && data.v === 1 && Array.isArray(data.marks) ? data.marks.filter(function (m) {
        return Array.isArray(m) && typeof m[0] === "string" && /^[\w-]+$/.test(m[1]) && typeof m[2] === "string";
      }) : [];
    } catch (e) {
      return []; // blocked storage or a damaged copy: no marks
    }
  }

  /* progress.js: draw the marks and keep the copy for reading pages. With nothing begun (a new
     learner, or after Reset) there is no copy at all. `partial`: the marks are for some lessons
     only (a lesson page knows its own lesson: progress.js), and the copy keeps the others'. */
  function show(marks, partial) {
    if (partial) {
      var fresh = {};
      marks.forEach(function (mark) { fresh[mark[0]] = true; });
      marks = saved().filter(function (mark) { return !fresh[mark[0]]; }).concat(marks);
    }
    draw(marks);
    try {
      if (!marks.some(function (mark) { return mark[1] !== "not-started"; })) {
        if (localStorage.getItem(KEY) !== null) localStorage.removeItem(KEY);
        return;
      }
      var text = JSON.stringify({ v: 1, marks: marks });
      if (localStorage.getItem(KEY) !== text) localStorage.setItem(KEY, text);
    } catch (e) { /* blocked or full: reading pages show no marks */ }
  }

  function fromCopy() {
    if (!window.HN.progress) draw(saved());
  }

  /* Another tab saved the copy: redraw from it where progress.js knows only part of the course. */
  function copyChanged() {
    var progress = window.HN.progress;
    if (!progress || (progress.manifest && progress.manifest.partial)) draw(saved());
  }

  window.HN = window.HN || {};
  window.HN.navmarks = { base: BASE, key: KEY, sitePath: sitePath, show: show };
  window.addEventListener("storage", function (event) {
    if (event.key === KEY || event.key === null) copyChanged();
  });
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(fromCopy);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fromCopy);
  } else {
    fromCopy();
  }
})();
