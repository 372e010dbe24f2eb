// The tracking page's "notify me" button (issue 14): web push for this ticket, in the
// page's language. Shown only where the browser can receive push (a secure context:
// https, or the server itself); the page works the same without it.
(function () {
  "use strict";
  var m = /^\/t\/([A-Za-z0-9_-]{6,32})\/?$/.exec(location.pathname);
  if (!m || !("serviceWorker" in navigator) || !("PushManager" in window) || !window.isSecureContext) return;
  var CODE = m[1], KEY = "motcua.push." + CODE;
  var T = {
    vi: {ask: "Báo cho tôi khi sắp đến lượt", working: "Đang bật thông báo…",
         on: "Điện thoại này sẽ nhận thông báo khi sắp đến lượt và khi được mời đến quầy.",
         denied: "Trình duyệt đang chặn thông báo của trang này.",
         fail: "Chưa bật được thông báo, hãy thử lại."},
    en: {ask: "Notify me when my turn is near", working: "Turning on notifications…",
         on: "This phone will be notified when your turn is near and when you are called.",
         denied: "The browser blocks notifications from this page.",
         fail: "Could not turn on notifications, please try again."}
  };
  var css = document.createElement("style");
  css.textContent =
    ".push{margin-top:14px;text-align:center}" +
    ".push button{font:inherit;font-size:17px;font-weight:700;color:#fff;background:#0b4f8a;border:0;" +
    "border-radius:12px;padding:12px 16px;min-height:48px;width:100%}" +
    ".push button[disabled]{opacity:.6}.push .msg{margin-top:8px;font-size:15px;color:#334e68}" +
    ".push.hide,.push button.hide{display:none}";
  document.head.appendChild(css);
  var box = document.createElement("div");
  box.className = "push"; box.id = "push";
  box.innerHTML = '<button type="button" id="push-on"></button><div class="msg" id="push-msg" role="status"></div>';
  var anchor = document.querySelector(".grid");
  anchor.parentNode.insertBefore(box, anchor);
  var btn = document.getElementById("push-on"), msg = document.getElementById("push-msg");
  var state = "idle", subscribedLang = null;
  try { subscribedLang = localStorage.getItem(KEY); } catch (e) {}
  if (subscribedLang) state = "on";
  if (typeof Notification !== "undefined" && Notification.permission === "denied") state = "denied";

  function lang() { return document.documentElement.lang === "en" ? "en" : "vi"; }
  function render() {
    var t = T[lang()];
    btn.textContent = t.ask;
    btn.disabled = state === "working";
    btn.className = state === "on" || state === "denied" ? "hide" : "";
    msg.textContent = state === "idle" ? "" : t[state];
  }
  function b64(s) {
    s = s.replace(/-/g, "+").replace(/_/g, "/");
    while (s.length % 4) s += "=";
    var raw = atob(s), out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }
  function json(url, opts) {
    return fetch(url, opts).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    });
  }
  function subscribe() {
    var reg;
    return navigator.serviceWorker.register("/t/sw.js", {scope: "/t/"})
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (r) { reg = r; return reg.pushManager.getSubscription(); })
      .then(function (sub) {
        if (sub) return sub;
        return json("/api/v1/public/push-key").then(function (k) {
          return reg.pushManager.subscribe({userVisibleOnly: true, applicationServerKey: b64(k.public_key)});
        });
      })
      .then(function (sub) {
        var body = sub.toJSON();
        body.lang = lang();
        return json("/api/v1/public/tickets/" + encodeURIComponent(CODE) + "/push", {
          method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)
        });
      })
      .then(function (answer) {
        subscribedLang = answer.lang;
        try { localStorage.setItem(KEY, answer.lang); } catch (e) {}
      });
  }
  btn.addEventListener("click", function () {
    state = "working"; render();
    var asked = typeof Notification !== "undefined" && Notification.requestPermission
      ? Promise.resolve(Notification.requestPermission()) : Promise.resolve("granted");
    asked.then(function (p) {
      if (p !== "granted") { state = "denied"; render(); return; }
      return subscribe().then(function () { state = "on"; render(); });
    }).catch(function () { state = "fail"; render(); });
  });
  // The page's language button: the messages follow it; a finished ticket needs none.
  new MutationObserver(function () {
    render();
    if (state === "on" && subscribedLang && subscribedLang !== lang()) subscribe().catch(function () {});
  }).observe(document.documentElement, {attributes: true, attributeFilter: ["lang"]});
  var status = document.getElementById("status");
  new MutationObserver(function () {
    if (/\b(done|cancelled)\b/.test(status.className)) box.className = "push hide";
  }).observe(status, {attributes: true, attributeFilter: ["class"]});
  render();
})();
