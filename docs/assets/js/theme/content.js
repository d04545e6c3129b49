/* Material's partials/javascripts/content.html as a file (see overrides/partials/javascripts/
   content.html for why). Opens the content tab named in the address (#__tabbed_1_2) and, with
   the content.tabs.link feature (data-tabs-link), the tabs the reader picked on other pages.
   Material's instant navigation runs this again on each page it loads. */
(function (script) {
  "use strict";
  if (script.dataset.tabsLink === "true") {
    var tabs = __md_get("__tabs");
    if (Array.isArray(tabs)) {
      document.querySelectorAll(".tabbed-set").forEach(function (set) {
        var labels = set.querySelector(".tabbed-labels").getElementsByTagName("label");
        for (var t = 0; t < tabs.length; t++) {
          for (var l = 0; l < labels.length; l++) {
            if (labels[l].innerText.trim() === tabs[t]) {
              document.getElementById(labels[l].htmlFor).checked = true;
              return;
            }
          }
        }
      });
    }
  }
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})(document.currentScript);
