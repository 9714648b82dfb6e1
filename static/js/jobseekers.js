/* Jobseekers: suggestions for occupation and competence inputs.
   An input with data-autocomplete-url and a list="…" datalist gets the labels matching what the
   person types (COR occupations as "code name"); the form submits the text, which the server
   resolves. A <select data-cor-input="…"> of ESCO occupations is refilled with those of the
   picked COR occupation's group, closest first. */
(function () {
  "use strict";

  var COR_CODE = /^(\d{6})(\s|$)/;

  function debounce(fn, wait) {
    var timer;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, wait);
    };
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : []; });
  }

  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) { return; }
    var withCodes = input.dataset.autocompleteCodes === "true";
    var lastQuery = "";
    var refresh = debounce(function () {
      var query = input.value.trim();
      if (query.length < 2 || query === lastQuery || (withCodes && COR_CODE.test(query))) {
        return;
      }
      lastQuery = query;
      getJson(input.dataset.autocompleteUrl + "?q=" + encodeURIComponent(query))
        .then(function (items) {
          if (!Array.isArray(items)) { return; }
          list.replaceChildren.apply(list, items.map(function (item) {
            var option = document.createElement("option");
            option.value = withCodes && item.code ? item.code + " " + item.label : item.label;
            return option;
          }));
        })
        .catch(function () { /* suggestions are a convenience; typing still works */ });
    }, 200);
    input.addEventListener("input", refresh);
  }

  function attachEscoChoice(select) {
    var input = document.getElementById(select.dataset.corInput);
    if (!input) { return; }
    var pageLanguage = document.documentElement.lang;
    var lastCode = (COR_CODE.exec(input.value.trim()) || [])[1];
    function refill() {
      var match = COR_CODE.exec(input.value.trim());
      if (!match || match[1] === lastCode) { return; }
      lastCode = match[1];
      getJson(select.dataset.optionsUrl.replace("000000", match[1]))
        .then(function (items) {
          if (!Array.isArray(items)) { return; }
          var closest = select.options[0];
          select.replaceChildren(closest);
          items.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.id;
            option.textContent = item.label;
            if (item.lang && item.lang !== pageLanguage) { option.lang = item.lang; }
            select.appendChild(option);
          });
          select.value = "";
        })
        .catch(function () { /* the server chooses the closest one */ });
    }
    input.addEventListener("input", debounce(refill, 200));
    input.addEventListener("change", refill);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-autocomplete-url]").forEach(attach);
    document.querySelectorAll("select[data-cor-input]").forEach(attachEscoChoice);
  });
})();
