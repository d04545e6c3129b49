/* Accessibility fixes for markup the theme writes in partials we do not copy (see
   docs/accessibility.md). Each fix only adds a missing attribute, so running it twice is safe.
   - the search overlay is a dialog with no name: name it after its search box;
   - the instant-loading progress bar has no name and sits outside every landmark; it is a
     purely visual hint (it carries no value), so hide it from assistive technology;
   - task-list checkboxes (pymdownx.tasklist) are wrapped in an empty label: name each one
     after the text of its list item. */
(function () {
  "use strict";

  function fixHeader() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    var input = document.querySelector(".md-search__input");
    if (dialog && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
    }
    var progress = document.querySelector(".md-progress");
    if (progress) progress.setAttribute("aria-hidden", "true");
  }

  function itemText(item) {
    var copy = item.cloneNode(true);
    copy.querySelectorAll("ul, ol, .task-list-control").forEach(function (el) { el.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function fixTaskLists() {
    document.querySelectorAll(".task-list-item > .task-list-control > input[type=checkbox]").forEach(function (box) {
      var control = box.parentElement;
      if (box.hasAttribute("aria-label") || control.textContent.trim()) return;
      var text = itemText(control.parentElement);
      if (text) box.setAttribute("aria-label", text);
    });
  }

  function run() {
    fixHeader();
    fixTaskLists();
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(run);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
