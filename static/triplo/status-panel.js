// The header's status: Triplo's process and config.json. Each pill is a button that opens what
// lies behind it: the fields changed outside triplo-config (drift), settled either way through
// /api/config/resolve, or the last restart and its reason. A config.json that cannot be read or
// written gets a banner under the header (a failed write with a Retry). A server whose
// /api/status has no `export` or `config_error` key (an older version) shows no banner for it.

import { $, askDialog, el, formatTime, notify } from "./dom.js";
import { api, firstMessage } from "./request.js";

const POLL_MS = 20000;
const NOTICE_KEY = "triplo-status-notice";
// Servers without `config_error` report an unreadable file as drift of this one pseudo-field.
const WHOLE_FILE = "config.json";
const TAIL_TITLES = { stderr_tail: "Error output (stderr)", stdout_tail: "Output (stdout)" };

let current = null; // the newest /api/status answer; null when it could not be loaded
let alertsKey = "";

export async function loadStatus() {
  const { ok, data } = await api("GET", "/api/status");
  current = ok && data ? data : null;
  renderTriplo();
  renderConfig();
  renderAlerts();
  if ($("#drift-panel").open) renderDrift();
  if ($("#restart-panel").open) renderRestart();
}

export function startStatus() {
  $("#config-state").addEventListener("click", () => openPanel("#drift-panel", renderDrift));
  $("#triplo-state").addEventListener("click", () => openPanel("#restart-panel", renderRestart));
  $("#keep-database").addEventListener("click", () => resolve("database"));
  $("#keep-file").addEventListener("click", () => resolve("file"));
  $("#restart").addEventListener("click", restart);
  const notice = sessionStorage.getItem(NOTICE_KEY);
  if (notice) {
    sessionStorage.removeItem(NOTICE_KEY);
    notify(notice);
  }
  setInterval(loadStatus, POLL_MS);
  return loadStatus();
}

function openPanel(selector, render) {
  const dialog = $(selector);
  dialog.querySelectorAll(".status-result").forEach((node) => (node.textContent = ""));
  render();
  askDialog(dialog, dialog.querySelector("button[value=cancel]"));
  loadStatus(); // what the panel shows may be up to one poll old
}

// The pills sit in a live region: only a real change is written (and so announced).
function setPill(pill, text, kind) {
  if (pill.textContent !== text) pill.textContent = text;
  pill.className = `pill pill-${kind}`;
}

function when(iso) {
  const date = new Date(iso);
  return iso && !Number.isNaN(date.getTime()) ? date.toLocaleString() : "";
}

// ---------------------------------------------------------------- Triplo and its restarts

function renderTriplo() {
  const pill = $("#triplo-state");
  if (!current) {
    setPill(pill, "Triplo: status unavailable", "muted");
    return;
  }
  const { running = null, last_restart: last = null } = current.triplo || {};
  let text = running === true ? "Triplo running" : running === false ? "Triplo stopped" : "Triplo state unknown";
  let kind = running === true ? "ok" : running === false ? "warn" : "muted";
  const at = last ? formatTime(last.ended_at || last.started_at) : "";
  if (last && last.ok === false) {
    text += ` · restart failed ${at}`;
    kind = "warn";
  } else if (last && !last.ended_at) {
    text += " · restarting…";
  } else if (at) {
    text += ` · restarted ${at}`;
  }
  setPill(pill, text.trim(), kind);
}

function restartOutcome(last) {
  if (!last) return "No restart recorded yet.";
  if (last.ok === true) return "The last restart succeeded.";
  if (last.ok === false) return "The last restart failed.";
  return last.ended_at ? "The last restart ended without a result." : "A restart is running now.";
}

function renderRestart() {
  const triplo = (current && current.triplo) || {};
  const last = triplo.last_restart || null;
  const running = { true: "Triplo is running.", false: "Triplo is not running." }[triplo.running];
  $("#restart-summary").textContent = current
    ? `${running || "Triplo's state is unknown (no status command)."} ${restartOutcome(last)}`
    : "The status could not be loaded.";
  const facts = [
    ["Started", last && when(last.started_at)],
    ["Ended", last && when(last.ended_at)],
    ["Exit code", last && last.exit_code !== null && last.exit_code !== undefined ? String(last.exit_code) : ""],
    ["Reason", last && last.error],
  ].filter(([, value]) => value);
  $("#restart-facts").replaceChildren(
    ...facts.flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { text: value })]),
  );
  // Every stream tail the restart kept (stderr_tail, stdout_tail, ...): supervisorctl prints
  // its own errors ("refused connection") on stdout.
  const outputs = Object.entries(last || {})
    .filter(([key, text]) => key.endsWith("_tail") && typeof text === "string" && text.trim())
    .map(([key, text]) => [TAIL_TITLES[key] || key, text]);
  const box = $("#restart-output");
  box.replaceChildren(
    ...outputs.map(([title, text]) =>
      el("section", { class: "status-output" }, el("h3", { text: title }), el("pre", { tabindex: "0", "aria-label": title, text })),
    ),
  );
  if (last && last.ok === false && !outputs.length && !last.error) {
    box.append(el("p", { class: "hint", text: "The restart command printed nothing." }));
  }
}

async function restart() {
  const button = $("#restart");
  button.disabled = true;
  const { ok, data } = await api("POST", "/api/restart");
  button.disabled = false;
  notify(ok ? "Restart requested. Triplo will reload its configuration." : firstMessage(data), ok ? "ok" : "error");
  setTimeout(loadStatus, 2000);
}

// ---------------------------------------------------------------- config.json

function driftEntries() {
  const drift = (current && current.config_drift) || {};
  return Object.entries(drift).filter(([key]) => key !== WHOLE_FILE);
}

// Why config.json cannot be read, from either kind of server; "" when it can.
function unreadable() {
  if (!current) return "";
  const whole = (current.config_drift || {})[WHOLE_FILE];
  return current.config_error || (whole && whole.file) || "";
}

function renderConfig() {
  const pill = $("#config-state");
  pill.hidden = !current;
  if (!current) return;
  let text = "config.json in sync";
  let kind = "ok";
  if (current.credentials && current.credentials.readable === false) [text, kind] = ["Stored keys unreadable", "warn"];
  // In the order of the banners: a failed write outranks a read failure that only drift saw.
  else if (current.config_error) [text, kind] = ["config.json unreadable", "danger"];
  else if (current.export && current.export.ok === false) [text, kind] = ["config.json not written", "warn"];
  else if (unreadable()) [text, kind] = ["config.json unreadable", "danger"];
  else if (driftEntries().length) [text, kind] = ["config.json changed outside", "warn"];
  setPill(pill, text, kind);
}

function shown(value) {
  if (value === null || value === undefined) return "(not set)";
  if (value === "") return "(empty)";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function renderDrift() {
  const entries = driftEntries();
  const problem = unreadable();
  const keysUnreadable = current && current.credentials && current.credentials.readable === false;
  let summary = "The status could not be loaded.";
  if (keysUnreadable) summary = current.credentials.detail;
  else if (problem) summary = problem;
  else if (entries.length) {
    summary = `${entries.length === 1 ? "One field" : `${entries.length} fields`} of config.json changed since triplo-config last wrote it. Choose which side to keep.`;
  } else if (current) {
    const at = when(current.config_exported_at);
    summary = `config.json matches triplo-config${at ? ` (last written ${at})` : ""}.`;
  }
  $("#drift-summary").textContent = summary;
  $("#drift-path").textContent = current ? current.config_path || "" : "";
  $("#drift-rows").replaceChildren(
    ...entries.map(([key, values]) =>
      el(
        "tr",
        {},
        el("th", { scope: "row" }, el("code", { text: key })),
        el("td", {}, el("code", { text: shown(values.file) })),
        el("td", {}, el("code", { text: shown(values.exported) })),
      ),
    ),
  );
  const choose = entries.length > 0 && !problem && !keysUnreadable;
  $("#drift-fields").hidden = !entries.length;
  for (const id of ["#drift-choices", "#keep-file", "#keep-database"]) $(id).hidden = !choose;
  const overwritten = current && current.last_overwritten_drift;
  const names = overwritten && overwritten.fields ? Object.keys(overwritten.fields) : [];
  $("#drift-overwritten").hidden = !names.length;
  $("#drift-overwritten").textContent = names.length
    ? `Last time triplo-config replaced changes made outside (${when(overwritten.at)}): ${names.join(", ")}.`
    : "";
}

async function resolve(keep) {
  const buttons = [$("#keep-file"), $("#keep-database")];
  const result = $("#drift-result");
  buttons.forEach((button) => (button.disabled = true));
  result.classList.remove("field-error");
  result.textContent = "Working…";
  const { ok, data } = await api("POST", "/api/config/resolve", { keep });
  buttons.forEach((button) => (button.disabled = false));
  if (!ok) {
    result.classList.add("field-error");
    result.textContent = firstMessage(data, "The change could not be settled.");
    return;
  }
  const remaining = Object.keys((data && data.drift) || {});
  const done = keep === "file" ? "Kept the file's values." : "Rewrote config.json from triplo-config.";
  const text = remaining.length ? `${done} Still different: ${remaining.join(", ")}.` : done;
  if (keep === "file") {
    // The active profile and credentials changed: reload so the editor shows them.
    sessionStorage.setItem(NOTICE_KEY, text);
    window.location.reload();
    return;
  }
  result.textContent = text;
  notify(text);
  await loadStatus();
  if ($("#keep-database").hidden) $("#drift-close").focus(); // the pressed button is gone
}

// ---------------------------------------------------------------- banners

function renderAlerts() {
  const problem = current ? current.config_error || "" : "";
  const written = (current && current.export) || {};
  const failed = written.ok === false;
  const key = JSON.stringify([problem, failed && written.error, failed && written.at]);
  if (key === alertsKey) return; // unchanged: keep focus and do not announce it again
  alertsKey = key;
  const box = $("#config-alerts");
  const hadFocus = box.contains(document.activeElement);
  const alerts = [];
  if (problem) {
    alerts.push(
      el(
        "div",
        { class: "banner banner-error", role: "alert", id: "config-error" },
        el("strong", { text: problem }),
        el("span", { text: "Nothing writes config.json until it parses again: fix the file. Profiles can still be edited." }),
      ),
    );
  }
  if (failed) {
    const at = formatTime(written.at);
    alerts.push(
      el(
        "div",
        { class: "banner banner-warn", role: "alert", id: "export-error" },
        el("strong", { text: `config.json not written: ${written.error || "unknown error"}` }),
        at ? el("span", { class: "hint", text: `(${at})` }) : null,
        el("button", { type: "button", class: "btn btn-secondary btn-small", id: "export-retry", text: "Retry", "aria-label": "Retry writing config.json", onclick: retryExport }),
      ),
    );
  }
  box.replaceChildren(...alerts);
  if (hadFocus) ($("#export-retry") || $("#config-state")).focus();
}

async function retryExport(event) {
  const button = event.currentTarget;
  const hadFocus = document.activeElement === button; // disabling it drops the focus
  button.disabled = true;
  const { ok, status, data } = await api("POST", "/api/config/export");
  button.disabled = false;
  const error = data && data.export && data.export.error;
  if (ok) notify("config.json written.");
  else notify(error ? `config.json not written: ${error}` : firstMessage(data, `Retry failed (HTTP ${status}).`), "error");
  alertsKey = ""; // show the newest outcome even if it reads the same
  await loadStatus();
  if (hadFocus) ($("#export-retry") || $("#config-state")).focus();
}
