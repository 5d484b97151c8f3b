/* Region pickers as a type-ahead search (issue 16).

   A <select> of regions (its option values are Kemendagri codes such as 62.03.17.2002) with more than a
   handful of options, or any <select data-region-picker>, gets a search box above a short list of matches:
   type part of a name or a code, pick with a tap or the arrow keys and Enter. The server already limits
   the options to the user's own scope, so the search never offers a region the user cannot use.
   Progressive enhancement: the <select> stays in the form and keeps the value that is submitted; without
   this script it is used as it is. No inline script or style (CSP): hiding is done with classes. */
(function () {
  "use strict";

  var CODE = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;
  var MIN_OPTIONS = 12;
  var MAX_SHOWN = 50;
  var TEXT = {
    id: {
      placeholder: "Ketik nama atau kode wilayah",
      found: function (n, shown) { return shown < n ? n + " wilayah cocok, " + shown + " pertama ditampilkan" : n + " wilayah cocok"; },
      none: "Tidak ada wilayah yang cocok",
    },
    en: {
      placeholder: "Type a region name or code",
      found: function (n, shown) { return shown < n ? n + " regions match, first " + shown + " shown" : n + " regions match"; },
      none: "No region matches",
    },
  };
  var counter = 0;

  function words() {
    var lang = (document.documentElement.lang || "id").slice(0, 2);
    return TEXT[lang] || TEXT.id;
  }

  function fold(text) {
    return text.replace(/\u00a0/g, " ").trim().toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function isRegionSelect(select) {
    if (select.multiple || select.closest(".region-picker")) return false;
    if (select.hasAttribute("data-region-picker")) return true;
    var options = select.options;
    if (options.length <= MIN_OPTIONS) return false;
    for (var i = 0; i < options.length; i++) {
      if (options[i].value && !CODE.test(options[i].value)) return false;
    }
    return true;
  }

  function enhance(select) {
    var t = words();
    var id = "region-picker-" + (++counter);
    var wrapper = document.createElement("div");
    wrapper.className = "region-picker";
    var input = document.createElement("input");
    input.type = "search";
    input.id = select.id ? select.id + "-search" : id + "-search";
    input.autocomplete = "off";
    input.placeholder = t.placeholder;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id + "-list");
    var list = document.createElement("ul");
    list.id = id + "-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "picker-status";
    status.setAttribute("aria-live", "polite");
    status.id = id + "-status";
    input.setAttribute("aria-describedby", status.id);

    // The select's own label now names the search box; the select leaves the tab order and the tree.
    var label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
    if (label) label.htmlFor = input.id;
    else if (select.getAttribute("aria-label")) input.setAttribute("aria-label", select.getAttribute("aria-label"));
    select.classList.add("picker-source");
    select.tabIndex = -1;
    select.setAttribute("aria-hidden", "true");
    select.parentNode.insertBefore(wrapper, select);
    wrapper.appendChild(input);
    wrapper.appendChild(list);
    wrapper.appendChild(status);
    wrapper.appendChild(select);

    var matches = [];
    var active = -1;

    function current() {
      var option = select.options[select.selectedIndex];
      return option && option.value ? option.text.replace(/\u00a0/g, " ").trim() : "";
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function mark(index) {
      var items = list.children;
      for (var i = 0; i < items.length; i++) items[i].setAttribute("aria-selected", i === index ? "true" : "false");
      active = index;
      if (index >= 0 && items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      }
    }

    function choose(option) {
      select.value = option.value;
      input.value = option.value ? option.text.replace(/\u00a0/g, " ").trim() : "";
      close();
      status.textContent = "";
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function show() {
      var query = fold(input.value);
      matches = [];
      for (var i = 0; i < select.options.length; i++) {
        var option = select.options[i];
        if (!query || fold(option.text).indexOf(query) >= 0 || option.value.indexOf(query) === 0) matches.push(option);
      }
      list.textContent = "";
      var shown = Math.min(matches.length, MAX_SHOWN);
      for (var j = 0; j < shown; j++) {
        var item = document.createElement("li");
        item.id = list.id + "-" + j;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = matches[j].text.replace(/\u00a0/g, " ").trim();
        item.setAttribute("data-index", String(j));
        list.appendChild(item);
      }
      list.hidden = shown === 0;
      input.setAttribute("aria-expanded", shown ? "true" : "false");
      status.textContent = matches.length ? t.found(matches.length, shown) : t.none;
      active = -1;
    }

    input.value = current();
    input.addEventListener("input", show);
    input.addEventListener("focus", function () { if (input.value === current()) input.select(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (list.hidden) show();
        var step = event.key === "ArrowDown" ? 1 : -1;
        mark(Math.max(0, Math.min(list.children.length - 1, active + step)));
        event.preventDefault();
      } else if (event.key === "Enter" && !list.hidden) {
        var pick = active >= 0 ? active : (matches.length === 1 ? 0 : -1);
        if (pick >= 0) { choose(matches[pick]); event.preventDefault(); }
      } else if (event.key === "Escape") {
        input.value = current();
        close();
      }
    });
    // mousedown, not click: it comes before the input's blur, which would close the list first.
    list.addEventListener("mousedown", function (event) {
      var item = event.target.closest("[role=option]");
      if (!item) return;
      event.preventDefault();
      choose(matches[Number(item.getAttribute("data-index"))]);
    });
    input.addEventListener("blur", function () {
      if (!input.value.trim() && select.options[0] && !select.options[0].value && select.value) {
        choose(select.options[0]);  // a cleared box means "all regions" when the list offers that
        return;
      }
      input.value = current();
      close();
    });
    select.addEventListener("change", function () { if (document.activeElement !== input) input.value = current(); });
  }

  function enhanceAll(root) {
    var selects = (root || document).querySelectorAll("select");
    for (var i = 0; i < selects.length; i++) {
      if (isRegionSelect(selects[i])) enhance(selects[i]);
    }
  }

  document.addEventListener("DOMContentLoaded", function () { enhanceAll(document); });
  // Forms that htmx swaps in get the same search.
  document.addEventListener("htmx:afterSwap", function (event) { enhanceAll(event.detail && event.detail.target); });
})();
