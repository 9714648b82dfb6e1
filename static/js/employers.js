// Employers: suggestions for inputs with data-autocomplete-url (e.g. the COR occupation of a job
// offer). Each input names its <datalist> in `list`; the endpoint answers [{code, label}, ...].
// Without JavaScript the field still works: the 6-digit COR code is enough.
(function () {
  "use strict";

  var MIN_LENGTH = 2;
  var DELAY_MS = 200;

  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) {
      return;
    }
    var timer = null;
    var lastQuery = "";
    input.addEventListener("input", function () {
      var query = input.value.trim();
      if (query.length < MIN_LENGTH || query === lastQuery || /^\d{6} /.test(query)) {
        return;
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        lastQuery = query;
        var url = input.dataset.autocompleteUrl + "?q=" + encodeURIComponent(query);
        fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (items) {
            list.replaceChildren();
            items.forEach(function (item) {
              var option = document.createElement("option");
              option.value = item.code ? item.code + " " + item.label : item.label;
              list.appendChild(option);
            });
          })
          .catch(function () { list.replaceChildren(); });
      }, DELAY_MS);
    });
  }

  document.querySelectorAll("input[data-autocomplete-url][list]").forEach(attach);
})();
