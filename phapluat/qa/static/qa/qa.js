// Progressive enhancement only: the question form works without this file.
(function () {
  "use strict";
  // Move focus to the error summary so screen-reader and keyboard users hear the errors first.
  var summary = document.getElementById("loi");
  if (summary) summary.focus();
})();
