/* The offline page (/luring/): a worker form that saves to the outbox, and the queue with each record's
   state. The outbox itself (storage, sending, the server's answers) is js/offline.js. */
(function () {
  "use strict";

  var FIELDS = ["nik", "full_name", "birth_date", "gender", "village_code", "address", "phone",
    "occupation_1", "category", "wage_status"];
  var form = document.getElementById("offline-worker-form");
  var list = document.getElementById("offline-outbox");
  var summary = document.getElementById("offline-summary");
  var connection = document.getElementById("offline-connection");
  var formError = document.getElementById("offline-form-error");
  var title = document.getElementById("offline-form-title");
  if (!form || !list || !window.LindungOutbox) return;
  var outbox = window.LindungOutbox;

  function text(tag, content, className) {
    var node = document.createElement(tag);
    node.textContent = content;
    if (className) node.className = className;
    return node;
  }

  function showConnection() {
    connection.textContent = navigator.onLine ? connection.dataset.online : connection.dataset.offline;
  }

  function formData() {
    var data = {};
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      data[name] = field ? field.value.trim() : "";
    });
    data.nik = data.nik.replace(/\D/g, "");
    if (!data.birth_date) data.birth_date = null;
    if (!data.wage_status) data.wage_status = "BPU";
    return data;
  }

  function startOver() {
    form.reset();
    form.elements.entry.value = "";
    title.textContent = title.dataset.new;
    formError.hidden = true;
  }

  form.addEventListener("reset", function () {
    form.elements.entry.value = "";
    title.textContent = title.dataset.new;
  });

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    var missing = ["nik", "full_name", "village_code", "occupation_1"].filter(function (name) {
      return !form.elements[name].value.trim();
    });
    if (missing.length) {
      formError.hidden = false;
      formError.textContent = "";
      missing.forEach(function (name) {
        var label = form.querySelector('label[for="' + form.elements[name].id + '"]');
        var item = text("span", (label ? label.firstChild.textContent.trim() : name) + ": " + formError.dataset.required, "error");
        formError.appendChild(item);
      });
      form.elements[missing[0]].focus();
      return;
    }
    var entry = form.elements.entry.value;
    if (entry) {
      await outbox.edit(Number(entry), formData());
    } else {
      await outbox.add("worker.create", formData());
    }
    startOver();
    form.elements.nik.focus();
  });

  function editEntry(entry) {
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      if (field) field.value = entry.data[name] || "";
    });
    form.elements.entry.value = String(entry.id);
    title.textContent = title.dataset.edit;
    form.scrollIntoView();
    form.elements.nik.focus();
  }

  function button(label, className, onClick) {
    var node = text("button", label, className);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  function item(entry) {
    var li = document.createElement("li");
    li.className = entry.status;
    li.dataset.entry = String(entry.id);
    var head = document.createElement("p");
    head.appendChild(text("strong", entry.data.full_name || "–"));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(text("span", entry.data.nik || "", "nik"));
    head.appendChild(document.createTextNode(" "));
    var badgeClass = { waiting: "badge proposed", sent: "badge active", conflict: "badge error" }[entry.status];
    head.appendChild(text("span", list.dataset["status" + entry.status.charAt(0).toUpperCase() + entry.status.slice(1)], badgeClass));
    li.appendChild(head);
    if (entry.status === "conflict") {
      if (!entry.findings || !entry.findings.length) li.appendChild(text("p", entry.message, "reason"));
      else {
        var findings = document.createElement("ul");
        findings.className = "findings";
        entry.findings.forEach(function (finding) {
          findings.appendChild(text("li", finding.message, finding.severity === "error" ? "error" : ""));
        });
        li.appendChild(findings);
      }
    }
    var actions = document.createElement("div");
    actions.className = "actions";
    if (entry.status === "sent" && entry.result_id) {
      var open = text("a", list.dataset.open, "button secondary");
      open.href = list.dataset.workerUrl + entry.result_id + "/";
      actions.appendChild(open);
    } else {
      actions.appendChild(button(list.dataset.edit, "secondary", function () { editEntry(entry); }));
      actions.appendChild(button(list.dataset.delete, "danger", function () {
        if (window.confirm(list.dataset.deleteConfirm)) outbox.remove(entry.id);
      }));
    }
    li.appendChild(actions);
    return li;
  }

  async function render() {
    var entries = (await outbox.list()).sort(function (a, b) { return a.created_at - b.created_at; });
    list.textContent = "";
    entries.forEach(function (entry) { list.appendChild(item(entry)); });
    var counts = { sent: 0, waiting: 0, conflict: 0 };
    entries.forEach(function (entry) { counts[entry.status] = (counts[entry.status] || 0) + 1; });
    var parts = ["sent", "waiting", "conflict"].filter(function (status) { return counts[status]; })
      .map(function (status) { return summary.dataset[status].replace("%(n)s", counts[status]); });
    summary.textContent = parts.length ? parts.join(" · ") : summary.dataset.empty;
    showConnection();
  }

  document.getElementById("offline-send").addEventListener("click", function () { outbox.sync(); });
  document.getElementById("offline-clear").addEventListener("click", async function () {
    var entries = await outbox.list();
    for (var i = 0; i < entries.length; i += 1) {
      if (entries[i].status === "sent") await outbox.remove(entries[i].id);
    }
  });
  document.addEventListener("lindung:outbox", render);
  window.addEventListener("online", showConnection);
  window.addEventListener("offline", showConnection);
  render();
})();
