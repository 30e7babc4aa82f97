/* 材料清单: remember ticked materials on this device (localStorage); print button.
   Progressive enhancement: without this script the list still shows and can be ticked. */
(function () {
  "use strict";
  function store() {
    try { var k = "__ts"; window.localStorage.setItem(k, k); window.localStorage.removeItem(k); return window.localStorage; }
    catch (e) { return null; }
  }
  function setUp(form) {
    var storage = store();
    var key = "townsquare:checklist:" + form.getAttribute("data-checklist");
    var boxes = Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"]'));
    var progress = form.querySelector(".checklist-progress");
    var reset = form.querySelector("[data-checklist-reset]");
    var saved = [];
    if (storage) {
      try { saved = JSON.parse(storage.getItem(key) || "[]"); } catch (e) { saved = []; }
    }
    boxes.forEach(function (box) { box.checked = saved.indexOf(box.value) !== -1; });
    function update() {
      var ticked = boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
      if (storage) {
        if (ticked.length) { storage.setItem(key, JSON.stringify(ticked)); } else { storage.removeItem(key); }
      }
      if (progress) {
        progress.hidden = false;
        progress.textContent = ticked.length === boxes.length
          ? "材料都备齐了，共 " + boxes.length + " 样。"
          : "已备好 " + ticked.length + " 样，还差 " + (boxes.length - ticked.length) + " 样。";
      }
    }
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (reset) {
      reset.hidden = false;
      form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    }
    update();
  }
  function ready() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-checklist]"), setUp);
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", ready); } else { ready(); }
})();
