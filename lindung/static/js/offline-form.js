/* The offline page (/luring/): a worker form that saves to the outbox (a new person, a correction of one of
   the operator's people kept on the page, and a proposal for either), and the queue with each record's
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
  var workersList = document.getElementById("offline-workers");
  var workersSearch = document.getElementById("offline-workers-search");
  var keptNode = document.getElementById("offline-kept-workers");
  if (!form || !list || !window.LindungOutbox) return;
  var outbox = window.LindungOutbox;
  var kept = keptNode ? JSON.parse(keptNode.textContent) : [];
  var SHOWN = 20;
  // What the form holds: a new person, an outbox entry being fixed, or a person kept on the page.
  var editing = { entry: null, worker: null };

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

  function plainForm() {
    form.elements.entry.value = "";
    form.elements.worker.value = "";
    form.elements.nik.readOnly = false;
    editing = { entry: null, worker: null };
    title.textContent = title.dataset.new;
  }

  function startOver() {
    form.reset();
    plainForm();
    formError.hidden = true;
  }

  form.addEventListener("reset", plainForm);

  function chosenProgramme() {
    var select = form.elements.programme;
    if (!select || !select.value) return null;
    return { code: select.value, name: select.options[select.selectedIndex].textContent };
  }

  // A correction sends the whole record (PUT): the fields kept on the page, with the form's on top.
  function correction(base) {
    var data = Object.assign({}, base, formData());
    data.nik = base.nik;
    delete data.id;
    if (data.fixed_income === "" || data.fixed_income === undefined) data.fixed_income = null;
    var changed = FIELDS.filter(function (name) { return String(data[name] || "") !== String(base[name] || ""); });
    return { data: data, changed: changed };
  }

  async function propose(programme, display, workerId, after) {
    await outbox.add("enrolment.propose", { worker: workerId || null, programme: programme.code }, workerId, {
      url: list.dataset.apiPropose, after: after || null, orphan: list.dataset.orphan,
      display: { full_name: display.full_name, nik: display.nik, programme: programme.name },
    });
  }

  async function store() {
    var programme = chosenProgramme();
    if (editing.worker) {
      var fix = correction(editing.worker);
      if (fix.changed.length) {
        await outbox.add("worker.update", fix.data, editing.worker.id, { changed: fix.changed });
      }
      if (programme) await propose(programme, editing.worker, editing.worker.id);
      return;
    }
    if (editing.entry) {
      var data = editing.entry.kind === "worker.update" ? correction(editing.entry.data).data : formData();
      await outbox.edit(editing.entry.id, data);
      if (programme) {
        if (editing.entry.kind === "worker.update") await propose(programme, data, editing.entry.worker_id);
        else await propose(programme, data, null, editing.entry.id);
      }
      return;
    }
    var created = await outbox.add("worker.create", formData(), null, { hold: !!programme });
    if (programme) await propose(programme, formData(), null, created);
  }

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
    await store();
    startOver();
    form.elements.nik.focus();
  });

  function fill(data) {
    form.reset();
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      if (field) field.value = data[name] || "";
    });
  }

  function editEntry(entry) {
    fill(entry.data);
    editing = { entry: entry, worker: null };
    form.elements.entry.value = String(entry.id);
    form.elements.nik.readOnly = entry.kind === "worker.update";
    title.textContent = title.dataset.edit;
    form.scrollIntoView();
    form.elements.full_name.focus();
  }

  function chooseWorker(worker) {
    fill(worker);
    editing = { entry: null, worker: worker };
    form.elements.worker.value = String(worker.id);
    form.elements.nik.readOnly = true;
    title.textContent = title.dataset.existing;
    form.scrollIntoView();
    form.elements.full_name.focus();
  }

  function button(label, className, onClick) {
    var node = text("button", label, className);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  function who(entry) {
    return entry.kind === "enrolment.propose" ? entry.display || {} : entry.data;
  }

  function kindLine(entry) {
    if (entry.kind === "worker.update") return text("p", list.dataset.kindUpdate, "muted");
    if (entry.kind !== "enrolment.propose") return null;
    var line = text("p", list.dataset.kindPropose.replace("{programme}", (entry.display || {}).programme || ""), "muted");
    if (entry.status === "waiting" && entry.after) line.textContent += " " + list.dataset.after;
    return line;
  }

  function actionsFor(entry) {
    var actions = document.createElement("div");
    actions.className = "actions";
    var workerId = entry.kind === "worker.create" ? entry.result_id : entry.worker_id;
    if (entry.status === "sent" && workerId) {
      var open = text("a", list.dataset.open, "button secondary");
      open.href = list.dataset.workerUrl + workerId + "/";
      actions.appendChild(open);
      return actions;
    }
    if (entry.kind === "enrolment.propose") {
      if (entry.status === "conflict") {
        actions.appendChild(button(list.dataset.retry, "secondary", function () { outbox.retry(entry.id); }));
      }
    } else {
      actions.appendChild(button(list.dataset.edit, "secondary", function () { editEntry(entry); }));
    }
    actions.appendChild(button(list.dataset.delete, "danger", function () {
      if (window.confirm(list.dataset.deleteConfirm)) outbox.remove(entry.id);
    }));
    return actions;
  }

  function item(entry) {
    var li = document.createElement("li");
    li.className = entry.status;
    li.dataset.entry = String(entry.id);
    li.dataset.kind = entry.kind;
    var head = document.createElement("p");
    var person = who(entry);
    head.appendChild(text("strong", person.full_name || "–"));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(text("span", person.nik || "", "nik"));
    head.appendChild(document.createTextNode(" "));
    var badgeClass = { waiting: "badge proposed", sent: "badge active", conflict: "badge error" }[entry.status];
    head.appendChild(text("span", list.dataset["status" + entry.status.charAt(0).toUpperCase() + entry.status.slice(1)], badgeClass));
    li.appendChild(head);
    var line = kindLine(entry);
    if (line) li.appendChild(line);
    if (entry.status === "conflict") {
      var own = entry.kind === "enrolment.propose";
      if (own || !entry.findings || !entry.findings.length) li.appendChild(text("p", entry.message, "reason"));
      else {
        var findings = document.createElement("ul");
        findings.className = "findings";
        entry.findings.forEach(function (finding) {
          findings.appendChild(text("li", finding.message, finding.severity === "error" ? "error" : ""));
        });
        li.appendChild(findings);
      }
    }
    li.appendChild(actionsFor(entry));
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

  function showWorkers() {
    if (!workersList) return;
    var wanted = (workersSearch.value || "").trim().toLowerCase();
    var found = kept.filter(function (worker) {
      return !wanted || worker.full_name.toLowerCase().indexOf(wanted) >= 0 || worker.nik.indexOf(wanted) >= 0;
    });
    workersList.textContent = "";
    if (!found.length) workersList.appendChild(text("li", workersList.dataset.none, "muted"));
    found.slice(0, SHOWN).forEach(function (worker) {
      var li = document.createElement("li");
      li.dataset.worker = String(worker.id);
      var head = document.createElement("p");
      head.appendChild(text("strong", worker.full_name));
      head.appendChild(document.createTextNode(" "));
      head.appendChild(text("span", worker.nik, "nik"));
      li.appendChild(head);
      var actions = document.createElement("div");
      actions.className = "actions";
      actions.appendChild(button(workersList.dataset.choose, "secondary", function () { chooseWorker(worker); }));
      li.appendChild(actions);
      workersList.appendChild(li);
    });
    if (found.length > SHOWN) {
      workersList.appendChild(text("li", workersList.dataset.more.replace("%(n)s", found.length - SHOWN), "muted"));
    }
  }

  if (workersSearch) workersSearch.addEventListener("input", showWorkers);
  showWorkers();

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
