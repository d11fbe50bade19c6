// Program page: the filters start folded on phones (ideas first) and open on wide screens.
(function () {
  "use strict";
  var details = document.getElementById("filter-details");
  if (details && window.matchMedia("(min-width: 992px)").matches) {
    details.open = true;
  }
})();
