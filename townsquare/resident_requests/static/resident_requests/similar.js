/* 我要留言: while the resident writes, ask the server for open public requests about the same problem
   (same category, similar words, or a map point within 50 m) and show them above the rest of the form.
   Without this script the form works as before. */
(function () {
  "use strict";
  var box = document.getElementById("similar-requests");
  var form = document.querySelector(".liuyan-form");
  if (!box || !form || !window.fetch || !window.FormData) { return; }
  var names = ["category", "title", "details", "lat", "long"];
  var timer = null;
  var last = "";
  var ask = function () {
    var data = new FormData();
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) { data.append("csrfmiddlewaretoken", token.value); }
    var signature = "";
    names.forEach(function (name) {
      var field = form.elements[name];
      var value = field ? field.value : "";
      data.append(name, value);
      signature += name + "=" + value + "\n";
    });
    if (signature === last) { return; }
    last = signature;
    fetch(box.getAttribute("data-url"), {method: "POST", body: data, credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        box.innerHTML = html;
        box.hidden = !html.trim();
      })
      .catch(function () {});
  };
  var later = function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, 700);
  };
  names.forEach(function (name) {
    var field = form.elements[name];
    if (field) {
      field.addEventListener("input", later);
      field.addEventListener("change", later);
    }
  });
  if (form.elements.title && (form.elements.title.value || form.elements.details.value)) { ask(); }
})();
