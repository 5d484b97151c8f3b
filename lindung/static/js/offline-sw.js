/* Lindung's service worker. Served at /sw.js by lindung/portal/offline.py, which sets self.LINDUNG above
   this line: { static: "/static/", shell: [...], pages: [...], never: [...] }.
   Pages are network first: with a connection the operator always sees the server's page; without one, the
   copy kept last time. Nothing is ever written from here: the outbox (js/offline.js) sends the work. */
/* global workbox */
"use strict";

importScripts(self.LINDUNG.static + "vendor/workbox/workbox-sw.js");
workbox.setConfig({ modulePathPrefix: self.LINDUNG.static + "vendor/workbox/", debug: false });
// A service worker may import scripts only while it is first evaluated, so load every module now.
workbox.loadModule("workbox-core");
workbox.loadModule("workbox-routing");
workbox.loadModule("workbox-strategies");

var PAGES = "lindung-pages";
var STATIC = "lindung-static";

self.skipWaiting();
workbox.core.clientsClaim();

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(STATIC).then(function (cache) { return cache.addAll(self.LINDUNG.shell); }));
});

function kept(url) {
  if (url.origin !== self.location.origin) return false;
  return !self.LINDUNG.never.some(function (prefix) { return url.pathname.indexOf(prefix) === 0; });
}

// Django varies its pages on Cookie and Accept-Language; the copy kept on the device is this user's own.
var matchOptions = { ignoreVary: true };

workbox.routing.registerRoute(
  function (options) { return options.request.mode === "navigate" && kept(options.url); },
  new workbox.strategies.NetworkFirst({ cacheName: PAGES, networkTimeoutSeconds: 8, matchOptions: matchOptions })
);
workbox.routing.registerRoute(
  function (options) {
    return options.url.origin === self.location.origin && options.url.pathname.indexOf(self.LINDUNG.static) === 0;
  },
  new workbox.strategies.StaleWhileRevalidate({ cacheName: STATIC })
);

// The page asks for the operator's pages to be kept ("warm") after sign-in, and for them to be dropped
// ("forget") on sign-out, so the next person on a shared phone does not find them.
self.addEventListener("message", function (event) {
  var kind = event.data && event.data.kind;
  if (kind === "warm") {
    event.waitUntil(caches.open(PAGES).then(function (cache) {
      return Promise.all(self.LINDUNG.pages.map(function (url) {
        return fetch(url, { credentials: "same-origin", redirect: "manual" }).then(function (response) {
          if (response.ok) return cache.put(url, response);
          return undefined;
        }).catch(function () { return undefined; });
      }));
    }));
  } else if (kind === "forget") {
    event.waitUntil(caches.delete(PAGES));
  }
});
