// 这个页面对您有帮助吗？ in place: the answer and the 缺少什么 text are sent without leaving the page.
// Without this script the same forms post and come back (see feedback/views.py).
(function () {
  "use strict";
  var box = document.querySelector("[data-page-feedback]");
  if (!box || !window.fetch || !window.FormData) return;
  var answer = box.querySelector("[data-feedback-answer]");
  var status = box.querySelector("[data-feedback-status]");
  var template = box.querySelector("template[data-feedback-missing]");
  if (!answer || !status || !template) return;

  function send(url, data) {
    return fetch(url, {
      method: "POST",
      body: data,
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().then(function (body) {
        body.status = response.status;
        return body;
      });
    });
  }

  function done(text) {
    box.querySelectorAll("form").forEach(function (form) { form.remove(); });
    status.textContent = text || "谢谢您的回答！我们会照着改进这个页面。";
    status.setAttribute("tabindex", "-1");
    status.focus();
  }

  function askMissing(url) {
    var form = template.content.firstElementChild.cloneNode(true);
    form.action = url;
    answer.replaceWith(form);
    status.textContent = "收到了。能告诉我们缺少什么吗？";
    var text = form.querySelector("textarea");
    text.focus();
    form.querySelector("[data-feedback-skip]").addEventListener("click", function () { done(); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!text.value.trim()) { done(); return; }
      var data = new FormData(form);
      send(url, data).then(function (body) {
        if (body.error) { status.textContent = body.error; text.focus(); return; }
        done();
      }).catch(function () { form.submit(); });
    });
  }

  answer.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || !button.value) return; // an old browser: the plain post works
    event.preventDefault();
    var data = new FormData(answer);
    data.append("helpful", button.value);
    answer.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    send(answer.action, data).then(function (body) {
      if (body.missing_url) { askMissing(body.missing_url); return; }
      done(body.error);
    }).catch(function () {
      var field = document.createElement("input");
      field.type = "hidden";
      field.name = "helpful";
      field.value = button.value;
      answer.appendChild(field);
      answer.submit();
    });
  });
})();
