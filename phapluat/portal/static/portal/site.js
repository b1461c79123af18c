// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll("button.copy-link").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = location.href.split("#")[0] + "#" + button.dataset.anchor;
      navigator.clipboard.writeText(url).then(function () {
        button.textContent = "Đã sao chép";
        setTimeout(function () { button.textContent = "Chép liên kết"; }, 2000);
      });
    });
  });
})();
