/* 我要留言: while a 咨询 is typed, the knowledge base's answers to similar questions (progressive enhancement:
   without this script the form works as before). Counts — numbers only, no cookie, no text — go to the
   server with sendBeacon: suggestions shown, one opened, an arrival through 没解决？继续留言; each once per visit (sessionStorage, never sent). A draft is kept in sessionStorage when
   the resident leaves for a full answer, and filled in again when they come back to write on. */
(function () {
  "use strict";
  var box = document.getElementById("answer-suggestions");
  var form = document.querySelector(".liuyan-form");
  if (!box || !form || !window.fetch) { return; }
  var list = document.getElementById("answer-suggestion-list");
  var status = document.getElementById("answer-suggestions-status");
  var title = document.getElementById("id_title");
  var details = document.getElementById("id_details");
  var category = document.getElementById("id_category");
  var store = (function () { try { return window.sessionStorage; } catch (e) { return null; } })();
  var PREFIX = "knowledge:";
  var timer = null;
  var lastText = "";

  function once(event) {
    if (store && store.getItem(PREFIX + event)) { return; }
    if (store) { store.setItem(PREFIX + event, "1"); }
    var body = new URLSearchParams({event: event});
    if (navigator.sendBeacon) { navigator.sendBeacon(box.getAttribute("data-count-url"), body); }
    else { fetch(box.getAttribute("data-count-url"), {method: "POST", body: body, keepalive: true}); }
  }

  function chosenType() {
    var checked = form.querySelector("input[name=request_type]:checked");
    return checked ? checked.value : "";
  }

  function saveDraft() {
    if (!store) { return; }
    store.setItem(PREFIX + "draft", JSON.stringify({
      type: chosenType(), category: category ? category.value : "",
      title: title ? title.value : "", details: details ? details.value : ""
    }));
  }

  function restoreDraft() {
    var params = new URLSearchParams(window.location.search);
    if (params.get("from") !== "zhishi") { return; }
    once("continued");
    var raw = store && store.getItem(PREFIX + "draft");
    if (!raw) { return; }
    store.removeItem(PREFIX + "draft");
    var draft;
    try { draft = JSON.parse(raw); } catch (e) { return; }
    if (draft.title && title) { title.value = draft.title; }
    if (draft.details && details && !details.value.trim()) { details.value = draft.details; }
    if (draft.category && category && !category.value) { category.value = draft.category; }
    var radio = draft.type && form.querySelector("input[name=request_type][value='" + draft.type.replace(/[^a-z]/g, "") + "']");
    if (radio) { radio.checked = true; }
  }

  function item(entry) {
    var li = document.createElement("li");
    var more = document.createElement("details");
    var summary = document.createElement("summary");
    summary.textContent = entry.question;
    var answer = document.createElement("p");
    answer.textContent = entry.answer;
    var meta = document.createElement("p");
    meta.className = "hint";
    var link = document.createElement("a");
    link.href = entry.url;
    link.textContent = "看完整回答";
    link.addEventListener("click", saveDraft);
    meta.appendChild(document.createTextNode(entry.unit + "解答 · "));
    meta.appendChild(link);
    more.appendChild(summary);
    more.appendChild(answer);
    more.appendChild(meta);
    more.addEventListener("toggle", function () { if (more.open) { once("opened"); } });
    li.appendChild(more);
    return li;
  }

  function show(entries) {
    list.textContent = "";
    entries.forEach(function (entry) { list.appendChild(item(entry)); });
    box.hidden = entries.length === 0;
    status.textContent = entries.length ? "找到" + entries.length + "条相近问题的回答，在内容框下方。" : "";
    if (entries.length) { once("suggested"); }
  }

  function ask() {
    if (chosenType() !== "consult") { show([]); lastText = ""; return; }
    var text = ((title ? title.value : "") + " " + (details ? details.value : "")).trim();
    if (text === lastText) { return; }
    lastText = text;
    fetch(box.getAttribute("data-suggest-url") + "?" + new URLSearchParams({text: text}), {headers: {Accept: "application/json"}})
      .then(function (response) { return response.ok ? response.json() : {entries: []}; })
      .then(function (data) { if (text === lastText) { show(data.entries || []); } })
      .catch(function () { /* suggestions are a help, never in the way */ });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, 500);
  }

  restoreDraft();
  [title, details].forEach(function (field) { if (field) { field.addEventListener("input", later); } });
  form.addEventListener("change", function (event) { if (event.target.name === "request_type") { later(); } });
  form.addEventListener("submit", function () {
    var opened = document.getElementById("knowledge-opened");
    if (opened && store && store.getItem(PREFIX + "opened")) { opened.value = "1"; }
    if (store) { ["suggested", "opened", "sent_after_open", "continued", "draft"].forEach(function (key) { store.removeItem(PREFIX + key); }); }
  });
  ask();
})();
