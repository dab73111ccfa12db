// The Access tab: your own password (Django's validators say what is wrong, under the field),
// your API tokens (a new one is shown once; listed by their first characters and date;
// revoke after a confirmation), signing out of your other sessions and, in the Triplo image,
// the remote-desktop switch (remote-desktop.js).

import { $, confirmDialog, el, formatTime, notify } from "../dom.js";
import { api, firstMessage } from "../request.js";
import { startRemoteDesktop } from "./remote-desktop.js";

async function changePassword(event) {
  event.preventDefault();
  for (const line of document.querySelectorAll("#password-form .field-error")) line.textContent = "";
  const body = { current_password: $("#current-password").value, new_password: $("#new-password").value };
  const { ok, data } = await api("POST", "/api/account/password", body);
  if (ok) {
    $("#password-form").reset();
    notify("Password changed. Your other sessions are signed out.");
    return;
  }
  let shown = false;
  for (const [field, messages] of Object.entries(data || {})) {
    const line = $(`#err-${field}`);
    if (line) {
      line.textContent = [].concat(messages).join(" ");
      shown = true;
    }
  }
  if (!shown) notify(firstMessage(data), "error");
  $(data && data.current_password ? "#current-password" : "#new-password").focus();
}

function renderTokens(tokens) {
  $("#token-list").replaceChildren(
    ...tokens.map((token) => {
      const revoke = el("button", { type: "button", class: "btn btn-danger-ghost btn-small", text: "Revoke", "aria-label": `Revoke token ${token.id}…` });
      revoke.addEventListener("click", () => revokeToken(token));
      return el(
        "li",
        { class: "row" },
        el("code", { text: `${token.id}…` }),
        el("span", { class: "hint", text: `created ${formatTime(token.created)}` }),
        revoke,
      );
    }),
  );
  $("#no-tokens").hidden = tokens.length > 0;
}

async function loadTokens() {
  const { ok, data } = await api("GET", "/api/account/tokens");
  if (ok) renderTokens(data);
}

async function createToken() {
  const { ok, data } = await api("POST", "/api/account/tokens");
  if (!ok) {
    notify(firstMessage(data), "error");
    return;
  }
  $("#new-token-value").textContent = data.token;
  $("#new-token").hidden = false;
  await loadTokens();
}

async function revokeToken(token) {
  const sure = await confirmDialog(`Scripts using the token ${token.id}… stop working at once.`, {
    title: "Revoke this API token?",
    ok: "Revoke",
    danger: true,
  });
  if (!sure) return;
  const { ok, data } = await api("DELETE", `/api/account/tokens/${encodeURIComponent(token.id)}`);
  notify(ok ? "Token revoked." : firstMessage(data), ok ? "ok" : "error");
  await loadTokens();
}

async function signOutOthers() {
  const { ok, data } = await api("POST", "/api/account/sessions/sign-out-others");
  notify(ok ? `Signed out of ${data.ended} other session(s).` : firstMessage(data), ok ? "ok" : "error");
}

export async function startAccess() {
  $("#password-form").addEventListener("submit", changePassword);
  $("#create-token").addEventListener("click", createToken);
  $("#sign-out-others").addEventListener("click", signOutOthers);
  await Promise.all([loadTokens(), startRemoteDesktop()]);
}
