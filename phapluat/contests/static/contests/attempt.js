// Enhancement only: a live countdown, and the choices kept on this device while the attempt is open (a
// cheap phone that reloads the page or loses the network mid-contest must not lose the answers). The server
// keeps the real clock and refuses late submissions; without JavaScript the form works as before.
(function () {
  "use strict";
  var form = document.getElementById("bai-thi");
  var sent = false;
  if (form) form.addEventListener("submit", function () { sent = true; });

  function keepChoices() {
    var key = form && form.dataset.autosave;
    var until = form && parseInt(form.dataset.autosaveUntil, 10) * 1000;
    if (!key || !until) return;
    var store;
    try { store = window.localStorage; store.setItem(key + "-thu", "1"); store.removeItem(key + "-thu"); }
    catch (e) { return; }  // storage off (private mode, full): the form still works
    var saved;
    try { saved = JSON.parse(store.getItem(key) || "{}"); } catch (e) { saved = {}; }
    if (!saved.answers || !(saved.until > Date.now())) saved = { answers: {} };
    // A choice the page already shows (the browser's own restore) wins over the kept one.
    var radios = form.querySelectorAll('input[type="radio"]'), shown = {}, i;
    for (i = 0; i < radios.length; i++) if (radios[i].checked) shown[radios[i].name] = true;
    for (i = 0; i < radios.length; i++) {
      if (!shown[radios[i].name] && saved.answers[radios[i].name] === radios[i].value) radios[i].checked = true;
    }
    form.addEventListener("change", function (event) {
      var input = event.target;
      if (input.type !== "radio") return;
      saved.answers[input.name] = input.value;
      saved.until = until;
      try { store.setItem(key, JSON.stringify(saved)); } catch (e) { /* full: keep going without it */ }
    });
    var note = document.getElementById("luu-tam");
    if (note) note.hidden = false;
  }

  function countdown() {
    var el = document.querySelector("[data-seconds-left]");
    if (!el) return;
    var end = Date.now() + parseInt(el.dataset.secondsLeft, 10) * 1000;
    var box = el.closest(".timer");
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
  }

  keepChoices();
  countdown();
})();
