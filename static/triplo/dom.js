// DOM helpers shared by the page's modules: finding and building elements, the corner notice,
// modal dialogs, and short times.

export const $ = (selector) => document.querySelector(selector);

let noticeTimer = null;
export function notify(text, kind = "ok") {
  const box = $("#notice");
  box.textContent = text;
  box.className = `notice notice-${kind}`;
  box.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => (box.hidden = true), kind === "error" ? 8000 : 4000);
}

// Opens a modal <dialog> whose OK button closes it with returnValue "ok"; resolves to whether
// it was confirmed, and gives focus back to what had it before.
export function askDialog(dialog, focus) {
  const opener = document.activeElement;
  return new Promise((resolve) => {
    dialog.addEventListener(
      "close",
      () => {
        if (opener && opener.isConnected) opener.focus();
        resolve(dialog.returnValue === "ok");
      },
      { once: true },
    );
    dialog.returnValue = "cancel";
    dialog.showModal();
    focus.focus();
  });
}

// Asks through the page's one confirmation <dialog> (#confirm-dialog); `cancel: null` makes it a
// notice with only an OK button.
export function confirmDialog(text, { title = "Are you sure?", ok = "OK", cancel = "Cancel", danger = false } = {}) {
  $("#confirm-title").textContent = title;
  $("#confirm-text").textContent = text;
  $("#confirm-ok").textContent = ok;
  $("#confirm-ok").className = `btn ${danger ? "btn-danger" : "btn-primary"}`;
  $("#confirm-cancel").textContent = cancel;
  $("#confirm-cancel").hidden = cancel === null;
  return askDialog($("#confirm-dialog"), cancel === null ? $("#confirm-ok") : $("#confirm-cancel"));
}

export function formatTime(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const sameDay = date.toDateString() === new Date().toDateString();
  const time = date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return sameDay ? time : `${date.toLocaleDateString()} ${time}`;
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}
