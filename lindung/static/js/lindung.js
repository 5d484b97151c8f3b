/* Lindung: the few behaviours htmx does not cover. Every page works without this file. */
(function () {
  "use strict";

  // <input type="checkbox" data-select-all="NAME"> ticks or clears every checkbox named NAME in its form.
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[data-select-all]")) return;
    var form = box.form || document;
    var name = box.getAttribute("data-select-all");
    form.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (other) {
      if (!other.disabled) other.checked = box.checked;
    });
  });

  // After htmx swaps new content in, move focus to a region that asks for it (data-focus-after-swap),
  // so keyboard and screen-reader users land on the result rather than at the top of the page.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (target && target.hasAttribute && target.hasAttribute("data-focus-after-swap")) {
      target.focus();
    }
  });
})();
