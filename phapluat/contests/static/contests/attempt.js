// Enhancement only: a live countdown. The server keeps the real clock and refuses late submissions.
(function () {
  "use strict";
  var el = document.querySelector("[data-seconds-left]");
  if (!el) return;
  var end = Date.now() + parseInt(el.dataset.secondsLeft, 10) * 1000;
  var box = el.closest(".timer");
  var form = document.getElementById("bai-thi");
  var sent = false;
  if (form) form.addEventListener("submit", function () { sent = true; });
  function tick() {
    var left = Math.max(0, Math.round((end - Date.now()) / 1000));
    var m = Math.floor(left / 60), s = left % 60;
    el.textContent = "(còn " + m + " phút " + (s < 10 ? "0" : "") + s + " giây)";
    if (left <= 60 && box) box.classList.add("is-low");
    if (left === 0) {
      if (form && !sent) { sent = true; form.submit(); }
      return;
    }
    setTimeout(tick, 1000);
  }
  tick();
})();
