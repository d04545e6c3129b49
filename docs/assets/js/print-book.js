/* The Human Network: the learner's entries in the print page's worksheets ([data-hn-paper]).

   hn/printbook.py prints each worksheet as paper: the prompts, and a place for every entry
   that carries the entry's key as worksheet.js saves it (data-hn-key, "section/field") and
   what it holds (data-hn-fill): text, a rating from 1 to 5, or a ticked item. This script
   writes the saved entries into those places, adds each complete rating's total, and draws
   them again whenever the record changes (another tab, or Reset on Your data). With nothing
   saved, or without JavaScript, the worksheets print blank, to fill in by hand.

   Mounted by HN.onPage; mounting again first undoes the previous mount.

   It also tells the browser how tall each chapter will be. On screen a chapter is laid out
   only when it nears the view (content-visibility in progress.css); until then it takes the
   height set here, estimated from its text and blocks at the page's width (fitted on the
   course's chapters at widths from 320 to 1,600 px, where it came within 6%; 10% is added).
   A close height keeps the scroll bar honest, and keeps every element of a chapter not yet
   drawn inside that chapter's box: tools that check a page's colours, Lighthouse among them,
   read such an element's background from whatever is drawn where the element would be. This
   part runs on every print page as soon as the file does, with or without saved progress. */
(function () {
  "use strict";
  function count(chapter, selector) { return chapter.querySelectorAll(selector).length; }
  function estimate() {
    var chapters = document.querySelectorAll(".hn-book__chapter");
    if (!chapters.length) return;
    var rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    var width = Math.max(chapters[0].clientWidth / rem, 10); // in rem, like the heights
    chapters.forEach(function (chapter) {
      var codeLines = 0; // a line of code is a line, however short
      chapter.querySelectorAll("pre").forEach(function (pre) { codeLines += pre.textContent.split("\n").length + 1; });
      var height = 0.52 * chapter.textContent.replace(/\s+/g, " ").length / width +
        1.14 * count(chapter, "p, li, dt, dd, tr") + 2.04 * count(chapter, "h2, h3, h4, h5, h6") +
        7.4 * count(chapter, "fieldset") + 12 * count(chapter, "img, svg") + 1.1 * codeLines;
      chapter.style.containIntrinsicSize = "auto " + Math.ceil(1.1 * height) + "rem";
    });
  }
  estimate();
  if (window.hnBookResize) return; // run again by instant navigation: one listener is enough
  window.hnBookResize = true;
  var timer = null;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(estimate, 200);
  }, { passive: true });
})();

(window.hnQueue = window.hnQueue || []).push(["print-book", function () {
  "use strict";
  var cleanup = null;

  /* A rating section's total and band, as the worksheet shows it, or "" until all are rated. */
  function total(section, values) {
    var places = section.querySelectorAll("[data-hn-fill=rating]");
    var sum = 0;
    for (var i = 0; i < places.length; i++) {
      var value = Number(values[places[i].dataset.hnKey]);
      if (!(value >= 1 && value <= 5)) return "";
      sum += places[i].dataset.hnReverse === "true" ? 6 - value : value;
    }
    var band = Array.prototype.filter.call(section.querySelectorAll("[data-hn-band-min]"), function (dt) {
      return sum >= Number(dt.dataset.hnBandMin) && sum <= Number(dt.dataset.hnBandMax);
    })[0];
    return "Your total: " + sum + (band ? ". " + band.textContent.trim() : "") + ".";
  }

  function fill(sheet) {
    var values = (HN.store.read().worksheets[sheet.dataset.hnPaper] || {}).values || {};
    sheet.querySelectorAll("[data-hn-section]").forEach(function (section) {
      var scale = section.dataset.hnScale ? JSON.parse(section.dataset.hnScale) : [];
      section.querySelectorAll("[data-hn-key]").forEach(function (place) {
        var value = values[place.dataset.hnKey] || "";
        var kind = place.dataset.hnFill;
        if (kind === "check") {
          place.toggleAttribute("data-hn-done", value === "true");
        } else if (kind === "rating") {
          place.textContent = scale[value - 1] ? "Your rating: " + value + " (" + scale[value - 1] + ")" : place.dataset.hnBlank;
        } else {
          place.textContent = value;
        }
      });
      var line = section.querySelector("[data-hn-total]");
      if (line) line.textContent = total(section, values);
    });
  }

  function mountBook(sheets) {
    function draw() { sheets.forEach(fill); }
    draw();
    var unsubscribe = HN.store.subscribe(draw);
    sheets.forEach(function (sheet) { sheet.dataset.hnMounted = "true"; });
    return function () {
      unsubscribe();
      sheets.forEach(function (sheet) { delete sheet.dataset.hnMounted; });
    };
  }

  HN.onPage(function () {
    if (cleanup) cleanup();
    cleanup = null;
    var sheets = Array.prototype.slice.call(document.querySelectorAll("[data-hn-paper]"));
    if (sheets.length) HN.guard(sheets[0].parentNode, function () { cleanup = mountBook(sheets); });
  });
}]);
