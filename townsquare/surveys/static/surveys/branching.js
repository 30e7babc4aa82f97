/* Hide a question asked only after a given choice while that choice is not made. The server decides the same
   without this script (every question is shown, with its condition written beside it). */
(function () {
  var form = document.querySelector(".survey-form");
  if (!form) { return; }
  var conditional = form.querySelectorAll("[data-show-if]");
  function chosen(name, value) {
    var inputs = form.querySelectorAll("input[name='" + name + "']");
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].checked && inputs[i].value === value) { return true; }
    }
    return false;
  }
  function update() {
    for (var i = 0; i < conditional.length; i++) {
      var box = conditional[i];
      box.hidden = !chosen(box.getAttribute("data-show-if"), box.getAttribute("data-show-value"));
    }
  }
  for (var i = 0; i < conditional.length; i++) {
    var note = conditional[i].querySelector(".q-condition");
    if (note) { note.hidden = true; }
  }
  form.addEventListener("change", update);
  update();
})();
