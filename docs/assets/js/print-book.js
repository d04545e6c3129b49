/* The Human Network: the learner's entries in the print page's worksheets ([data-hn-paper]).

   hn/printbook.py prints each worksheet as paper: the prompts, and a place for every entry
   that carries the entry's key as worksheet.js saves it (data-hn-key, "section/field") and
   what it holds (data-hn-fill): text, a rating from 1 to 5, or a ticked item. This script
   writes the saved entries into those places, adds each complete rating's total, and draws
   them again whenever the record changes (another tab, or Reset on Your data). With nothing
   saved, or without JavaScript, the worksheets print blank, to fill in by hand.

   Mounted by HN.onPage; mounting again first undoes the previous mount. */
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
