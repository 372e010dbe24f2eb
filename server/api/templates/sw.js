// The tracking page's service worker (scope /t/): shows the messages the server pushes
// ("your turn is near", "please go to counter N") and opens the ticket's page on a tap.
"use strict";
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (e) { e.waitUntil(self.clients.claim()); });
self.addEventListener("push", function (e) {
  var d = {};
  try { d = e.data ? e.data.json() : {}; } catch (x) { d = {body: e.data ? e.data.text() : ""}; }
  e.waitUntil(self.registration.showNotification(d.title || "MotCua", {
    body: d.body || "",
    tag: "motcua-" + (d.number || "") + "-" + (d.kind || ""),
    renotify: true,
    requireInteraction: d.kind === "called",
    vibrate: [300, 150, 300],
    data: {url: d.url || "/"}
  }));
});
self.addEventListener("notificationclick", function (e) {
  e.notification.close();
  var url = (e.notification.data && e.notification.data.url) || "/";
  var path = url.split("?")[0];
  e.waitUntil(self.clients.matchAll({type: "window", includeUncontrolled: true}).then(function (cs) {
    for (var i = 0; i < cs.length; i++) {
      if (cs[i].url.indexOf(path) >= 0 && "focus" in cs[i]) return cs[i].focus();
    }
    return self.clients.openWindow(url);
  }));
});
