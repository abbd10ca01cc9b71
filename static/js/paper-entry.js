// Paper-sheet entry (progressive enhancement): only 0–5 are taken, the digit's meaning is echoed
// beside its box, a valid digit moves on to the next box, and no keystroke is lost: a refused key
// leaves the box empty for the next one, a digit typed over another replaces it.
(function () {
  "use strict";
  var form = document.querySelector("form.paper-entry");
  if (!form) {
    return;
  }
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input.paper-mark"));
  var refused = form.getAttribute("data-refused") || "";

  function meaningOf(box) {
    return document.getElementById(box.id + "-meaning");
  }

  function say(box, text, isError) {
    var meaning = meaningOf(box);
    if (meaning) {
      meaning.textContent = text;
      meaning.classList.toggle("text-danger", isError);
    }
    if (isError) {
      box.setAttribute("aria-invalid", "true");
    } else {
      box.removeAttribute("aria-invalid");
    }
  }

  boxes.forEach(function (box, index) {
    box.addEventListener("input", function (event) {
      var typed = event.data || box.value.slice(-1);
      if (box.value === "") {
        say(box, "", false);
        return;
      }
      if (/^[0-5]$/.test(typed)) {
        box.value = typed;
        say(box, form.getAttribute("data-meaning-" + typed) || "", false);
        if (index + 1 < boxes.length) {
          boxes[index + 1].focus();
          boxes[index + 1].select();
        }
      } else {
        box.value = "";
        say(box, refused.replace("{typed}", typed), true);
      }
    });
  });

  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  } else if (boxes.length) {
    boxes[0].focus();
  }
})();
