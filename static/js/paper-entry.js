// Paper-sheet entry: after a valid digit, move to the next mark box (progressive enhancement).
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input.paper-mark"));
  boxes.forEach(function (box, index) {
    box.addEventListener("input", function () {
      if (/^[0-5]$/.test(box.value) && index + 1 < boxes.length) {
        boxes[index + 1].focus();
        boxes[index + 1].select();
      }
    });
  });
  if (boxes.length && !document.querySelector(".error-summary")) {
    boxes[0].focus();
  }
})();
