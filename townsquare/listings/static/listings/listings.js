// Contact reveal in place: the form still works without JavaScript (it opens its own page).
(function () {
  "use strict";
  document.querySelectorAll("form[data-contact-reveal]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var result = form.parentNode.querySelector(".contact-result");
      if (!window.fetch || !result) return;
      event.preventDefault();
      var button = form.querySelector("button");
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "X-Requested-With": "fetch" },
        credentials: "same-origin",
      })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          result.innerHTML = html;
          form.hidden = true;
        })
        .catch(function () { form.submit(); });
    });
  });
})();
