// After a failed submit: focus the error summary (templates/partials/error_summary.html), and
// make each of its links focus its field, scrolled so that the field's label or legend shows.
(function () {
  "use strict";
  function labelFor(field) {
    var fieldset = field.closest("fieldset");
    if (fieldset && (field.type === "radio" || field.type === "checkbox")) {
      return fieldset.querySelector("legend") || fieldset;
    }
    return (field.id && document.querySelector('label[for="' + field.id + '"]')) || field;
  }
  function ready() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("[data-error-link]");
      var field = link && document.getElementById(link.getAttribute("data-error-link"));
      if (!field) {
        return;
      }
      event.preventDefault();
      labelFor(field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
