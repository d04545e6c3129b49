/* Material's partials/javascripts/base.html as a file (see overrides/partials/javascripts/
   base.html for why). Defines the helpers Material's bundle and the palette script use:
   __md_scope (the site's base URL, from data-scope), __md_hash, __md_get and __md_set.
   One change from Material: __md_get returns null instead of throwing when storage is
   blocked, so a browser that refuses localStorage still gets a working page. And one
   addition: the class `hn-has-js` on <html>, set before the page paints, lets the course's
   CSS show what scripts will fill in (the progress page) instead of the no-script text. */
(function (script) {
  "use strict";
  document.documentElement.classList.add("hn-has-js");
  window.__md_scope = new URL(script.dataset.scope, location);
  window.__md_hash = function (value) {
    return Array.from(value).reduce(function (hash, c) { return (hash << 5) - hash + c.charCodeAt(0); }, 0);
  };
  window.__md_get = function (key, storage, scope) {
    try {
      storage = storage || localStorage;
      return JSON.parse(storage.getItem((scope || window.__md_scope).pathname + "." + key));
    } catch (e) {
      return null;
    }
  };
  window.__md_set = function (key, value, storage, scope) {
    try {
      storage = storage || localStorage;
      storage.setItem((scope || window.__md_scope).pathname + "." + key, JSON.stringify(value));
    } catch (e) { /* storage blocked or full: the setting lasts for this page only */ }
  };
})(document.currentScript);
