/* Partner network: add rows to Django formsets (agenda, guests, decisions, actions), and keep the
   activity-report list polling only while a report is being built (htmx does the polling). */
(function () {
  "use strict";

  function addRow(container) {
    var prefix = container.getAttribute("data-formset");
    var total = container.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var template = container.querySelector("template[data-formset-template]");
    var rows = container.querySelector("[data-formset-rows]");
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var first = rows.lastElementChild.querySelector("input, select, textarea");
    if (first) {
      first.focus();
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-formset-add]");
    if (button) {
      addRow(button.closest("[data-formset]"));
    }
  });
})();
