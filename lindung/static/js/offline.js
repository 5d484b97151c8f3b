/* Lindung offline: the service worker, the outbox of work done without a connection, and its counter.
   Work done offline is kept in this device's IndexedDB (through the vendored idb library) and sent, when the
   connection returns, to the same JSON API the pages use, so every server check runs on it. A record the
   server refuses stays on the device, marked as a conflict with the server's reason, until the operator
   fixes or deletes it: nothing is lost. Settings and words come from <script id="lindung-offline">.
   Kinds: "worker.create" (POST /api/people/), "worker.update" (PUT /api/people/<id>) and "enrolment.propose"
   (POST to the entry's own url, /api/enrolments/propose). A proposal for a person registered offline names
   that registration in `after` and is sent once the registration has been accepted. */
/* global idb */
(function () {
  "use strict";

  var configNode = document.getElementById("lindung-offline");
  if (!configNode || !window.indexedDB || !window.idb) return;
  var config = JSON.parse(configNode.textContent);
  var words = config.words;
  var syncing = false;
  var again = false;
  var dbPromise = idb.openDB("lindung", 1, {
    upgrade: function (db) {
      db.createObjectStore("outbox", { keyPath: "id", autoIncrement: true });
    },
  });

  function changed() {
    document.dispatchEvent(new CustomEvent("lindung:outbox"));
  }

  function mine(entries) {
    return entries.filter(function (entry) { return entry.owner === config.user; });
  }

  async function list() {
    var db = await dbPromise;
    return mine(await db.getAll("outbox"));
  }

  async function save(entry) {
    var db = await dbPromise;
    entry.updated_at = Date.now();
    var id = await db.put("outbox", entry);
    changed();
    return id;
  }

  async function add(kind, data, workerId, extra) {
    var entry = {
      owner: config.user, kind: kind, worker_id: workerId || null, data: data,
      status: "waiting", message: "", findings: [], created_at: Date.now(),
    };
    Object.keys(extra || {}).forEach(function (key) { entry[key] = extra[key]; });
    var id = await save(entry);
    if (!(extra && extra.hold)) sync();
    return id;
  }

  async function retry(id) {
    var db = await dbPromise;
    var entry = await db.get("outbox", id);
    if (!entry || entry.owner !== config.user || entry.status !== "conflict") return;
    entry.status = "waiting";
    entry.message = "";
    entry.findings = [];
    await save(entry);
    sync();
  }

  async function edit(id, data) {
    var db = await dbPromise;
    var entry = await db.get("outbox", id);
    if (!entry || entry.owner !== config.user || entry.status === "sent") return;
    entry.data = data;
    entry.status = "waiting";
    entry.message = "";
    entry.findings = [];
    await save(entry);
    sync();
  }

  async function remove(id) {
    var db = await dbPromise;
    var entry = await db.get("outbox", id);
    if (entry && entry.owner === config.user) await db.delete("outbox", id);
    changed();
  }

  function reason(body) {
    var text = typeof (body && body.detail) === "string" ? body.detail : words.refused;
    if (body && Array.isArray(body.errors) && body.errors.length) {
      text += " " + body.errors.map(function (error) {
        return (error.field ? error.field + ": " : "") + (error.message || "");
      }).join("; ");
    }
    return text;
  }

  // Where a proposal waits on a registration made offline: the worker id once it is sent, "wait" while it is
  // not, "gone" when the registration was deleted from the device.
  async function registered(entry) {
    if (!entry.after) return entry.worker_id;
    var db = await dbPromise;
    var first = await db.get("outbox", entry.after);
    if (!first || first.owner !== config.user) return "gone";
    return first.status === "sent" && first.result_id ? first.result_id : "wait";
  }

  async function request(entry) {
    if (entry.kind === "enrolment.propose") {
      var worker = await registered(entry);
      if (worker === "wait") return null;
      if (worker === "gone") return { status: "orphan" };
      entry.worker_id = worker;
      entry.data.worker = worker;
      return { url: entry.url, method: "POST" };
    }
    var update = entry.kind === "worker.update";
    return { url: update ? config.api_people + entry.worker_id : config.api_people, method: update ? "PUT" : "POST" };
  }

  async function send(entry, token) {
    var target = await request(entry);
    if (target === null) return true; // its registration is not on the server yet: it waits, unchanged
    if (target.status === "orphan") {
      entry.status = "conflict";
      entry.message = entry.orphan || words.refused;
      await save(entry);
      return true;
    }
    var response = await fetch(target.url, {
      method: target.method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": token },
      body: JSON.stringify(entry.data),
    });
    var body = {};
    try { body = await response.json(); } catch (error) { body = {}; }
    if (response.status === 200 || response.status === 201) {
      entry.status = "sent";
      entry.result_id = body.id;
      entry.message = "";
      entry.findings = body.findings || [];
    } else if (response.status === 401 || response.status === 429 || response.status >= 500) {
      return false; // signed out, throttled or the server is down: try again later, unchanged
    } else {
      entry.status = "conflict";
      entry.message = reason(body);
      entry.findings = body.findings || [];
    }
    await save(entry);
    return true;
  }

  async function sync() {
    if (!navigator.onLine || !config.user) return;
    if (syncing) { again = true; return; } // work added while sending goes in the next round, not in 30 s
    syncing = true;
    try {
      var waiting = (await list()).filter(function (entry) { return entry.status === "waiting"; })
        .sort(function (a, b) { return a.id - b.id; });
      if (!waiting.length) return;
      var answer = await fetch(config.token_url, {
        credentials: "same-origin", headers: { Accept: "application/json" }, redirect: "manual",
      });
      if (!answer.ok) return;
      var session = await answer.json();
      if (session.user !== config.user) return;
      var db = await dbPromise;
      for (var i = 0; i < waiting.length; i += 1) {
        // Read again: a registration sent a moment ago in this loop gives its proposal the worker id.
        var entry = await db.get("outbox", waiting[i].id);
        if (!entry || entry.status !== "waiting") continue;
        if (!(await send(entry, session.csrf))) break;
      }
    } catch (error) {
      // The connection dropped again: what was not sent stays waiting.
    } finally {
      syncing = false;
      changed();
      if (again) { again = false; setTimeout(sync, 0); }
    }
  }

  async function showCounter() {
    var main = document.getElementById("main");
    if (!main) return;
    var entries = await list();
    var waiting = entries.filter(function (e) { return e.status === "waiting"; }).length;
    var conflicts = entries.filter(function (e) { return e.status === "conflict"; }).length;
    var node = document.getElementById("outbox-counter");
    if (!node) {
      node = document.createElement("p");
      node.id = "outbox-counter";
      node.className = "outbox-counter";
      node.setAttribute("role", "status");
      main.insertBefore(node, main.firstChild);
    }
    node.hidden = !waiting && !conflicts;
    node.textContent = "";
    var link = document.createElement("a");
    link.href = config.offline_url;
    var parts = [];
    if (waiting) parts.push(words.waiting.replace("%(n)s", waiting));
    if (conflicts) parts.push(words.conflicts.replace("%(n)s", conflicts));
    link.textContent = parts.join(" · ");
    node.appendChild(link);
  }

  function keepPages() {
    if (!("serviceWorker" in navigator)) return;
    if (!config.user) {
      // Signed out: the pages kept for the last user go, the outbox stays (it is sent on their next sign-in).
      if (window.caches) caches.delete("lindung-pages");
      return;
    }
    if (sessionStorage.getItem("lindung-kept") === config.user) return;
    navigator.serviceWorker.ready.then(function (registration) {
      registration.active.postMessage({ kind: "warm" });
      sessionStorage.setItem("lindung-kept", config.user);
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.action && new URL(form.action, location.href).pathname === config.logout_url && window.caches) {
      sessionStorage.removeItem("lindung-kept");
      caches.delete("lindung-pages");
    }
  });

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(config.worker_url, { scope: "/" }).then(keepPages, function () {});
  }
  document.addEventListener("lindung:outbox", showCounter);
  window.addEventListener("online", sync);
  window.addEventListener("offline", changed);
  setInterval(sync, 30000);
  window.LindungOutbox = {
    add: add, edit: edit, retry: retry, remove: remove, list: list, sync: sync, config: config,
  };
  showCounter();
  sync();
})();
