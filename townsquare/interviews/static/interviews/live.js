/* 在线访谈, live page: ask for lines posted since the last one shown and add them to the list (whose
   aria-live region reads them out). Without this script the page shows everything so far and a 刷新 link. */
(function () {
  "use strict";
  var list = document.getElementById("interview-lines");
  if (!list || !list.dataset.updates || !window.fetch) { return; }
  var after = list.dataset.after || "0";
  var seconds = Math.max(parseInt(list.dataset.seconds, 10) || 5, 2);
  var hint = document.getElementById("live-hint");
  var failures = 0;

  function add(items) {
    items.forEach(function (item) {
      if (document.getElementById("line-" + item.id)) { return; }
      var holder = document.createElement("template");
      holder.innerHTML = item.html.trim();
      list.appendChild(holder.content);
    });
    var empty = document.getElementById("no-lines");
    if (items.length && empty) { empty.remove(); }
  }

  function ended(label) {
    var badge = document.getElementById("interview-stage");
    if (badge) { badge.textContent = label; }
    if (hint) { hint.textContent = "访谈已经结束，谢谢收看。"; }
  }

  function poll() {
    fetch(list.dataset.updates + "?after=" + encodeURIComponent(after), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (data) {
        failures = 0;
        add(data.lines || []);
        after = String(data.after || after);
        if (data.stage === "ended") { ended(data.stage_label); return; }
        window.setTimeout(poll, seconds * 1000);
      })
      .catch(function () {
        failures += 1;  // a weak network: wait longer each time, the 刷新 link still works
        window.setTimeout(poll, seconds * 1000 * Math.min(failures + 1, 6));
      });
  }

  window.setTimeout(poll, seconds * 1000);
})();
