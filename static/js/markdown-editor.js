// Markdown editors (django-markdownx) turn Tab into "indent" and Shift+Tab into "unindent",
// which traps keyboard users inside the field (WCAG 2.1.2). Stop those keys before the
// editor sees them, so Tab moves the focus as everywhere else; Ctrl+] and Ctrl+[ still
// indent and unindent.
(function () {
  "use strict";
  window.addEventListener("keydown", function (event) {
    if (event.key === "Tab" && !event.ctrlKey && !event.metaKey && !event.altKey &&
        event.target.classList && event.target.classList.contains("markdownx-editor")) {
      event.stopPropagation();
    }
  }, true);
})();
