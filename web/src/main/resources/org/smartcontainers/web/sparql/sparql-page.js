// The SPARQL page: YASGUI over this endpoint. Its settings come from the page's JSON data block, not an
// inline script, so the page's Content-Security-Policy can allow script from this server alone.
(function () {
  "use strict";
  var settings = JSON.parse(document.getElementById("sparql-settings").textContent);

  // The page reaches this server alone: prefix completion from our prefixes instead of prefix.cc, and no
  // class or property completion (it asks LOV). Set on the defaults: Yasqe merges a tab's list into them.
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  Yasgui.Yasqe.defaults.prefixCcApi = settings.prefixCompletions;

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: settings.endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    // Only this endpoint: the page is for this store, and its policy lets it reach no other.
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: settings.endpoint }]; } },
    persistenceId: "smartcontainers-sparql",
    yasqe: { value: settings.defaultQuery, prefixCcApi: settings.prefixCompletions }
  });

  function currentYasqe() {
    return yasgui.getTab().getYasqe();
  }

  Array.prototype.forEach.call(document.querySelectorAll(".sparql-example"), function (button) {
    button.addEventListener("click", function () {
      currentYasqe().setValue(settings.examples[Number(button.dataset.example)].query);
      showDownloads();
    });
  });

  // Links to the current query's results as files, in the formats the endpoint speaks for its form.
  var downloads = document.getElementById("sparql-downloads");
  function showDownloads() {
    var yasqe = currentYasqe();
    if (!yasqe) {
      return;
    }
    var type = yasqe.getQueryType();
    var names = type === "CONSTRUCT" || type === "DESCRIBE" ? settings.downloads.graphs : settings.downloads.results;
    var query = encodeURIComponent(yasqe.getValue());
    downloads.textContent = "";
    names.forEach(function (name) {
      var link = document.createElement("a");
      link.href = settings.endpoint + "?query=" + query + "&download=" + name;
      link.textContent = name.toUpperCase();
      link.className = "sparql-download";
      downloads.appendChild(link);
    });
  }
  yasgui.on("tabChange", function () { showDownloads(); });
  yasgui.on("query", function () { showDownloads(); });
  document.addEventListener("keyup", showDownloads);
  showDownloads();
})();
