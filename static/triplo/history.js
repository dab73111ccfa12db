// The History panel of the API & Models page: versions, their changes, and rolling back.
// Talks only to /api/config/history* and /api/config/rollback; the page reloads after a rollback
// so every other part of it shows the restored state. Requests go through the page's own
// queue (request.js), so the panel never races the editor.

import { $, askDialog, el } from "./dom.js";
import { api, firstMessage } from "./request.js";

const PAGE_SIZE = 10;
const NOTICE_KEY = "triplo-history-notice";
const panel = { page: 1, latest: null, notice: "" };

function status(text, isError = false) {
  const box = $("#history-status");
  box.textContent = text;
  box.setAttribute("role", isError ? "alert" : "status");
  box.classList.toggle("field-error", isError);
}

function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleString();
}

function fillLines(list, lines) {
  list.replaceChildren(...lines.map((line) => el("li", { text: line })));
}

async function showChanges(version) {
  const box = $("#history-diff");
  $("#history-diff-title").textContent = `Changes in version ${version.number}: ${version.summary}`;
  box.hidden = false;
  if (version.number === 1) {
    fillLines($("#history-diff-lines"), ["The first recorded version: nothing to compare it with."]);
    return;
  }
  const answer = await api("GET", `/api/config/history/${version.number - 1}/diff/${version.number}`);
  const lines = answer.ok
    ? answer.data.lines
    : [answer.status === 404 ? "The version before it is no longer kept." : firstMessage(answer.data)];
  fillLines($("#history-diff-lines"), lines);
}

function confirmRollback(version, lines) {
  const dialog = $("#history-confirm");
  $("#history-confirm-title").textContent = `Roll back to version ${version.number}?`;
  $("#history-confirm-text").textContent =
    `“${version.summary}”. This records a new version, rewrites config.json and restarts ` +
    "Triplo. Compared with now, it will:";
  fillLines($("#history-confirm-lines"), lines);
  return askDialog(dialog, $("#history-confirm-cancel"));
}

async function rollback(version) {
  const preview = await api("GET", `/api/config/history/${panel.latest}/diff/${version.number}`);
  if (!preview.ok) return status(firstMessage(preview.data), true);
  if (!(await confirmRollback(version, preview.data.lines))) return;
  const answer = await api("POST", "/api/config/rollback", { version: version.number });
  if (!answer.ok) return status(firstMessage(answer.data), true);
  sessionStorage.setItem(
    NOTICE_KEY,
    `Rolled back to version ${version.number} (recorded as version ${answer.data.number}).`,
  );
  window.location.reload();
}

function row(version) {
  const actions = el(
    "div",
    { class: "history-actions" },
    el("button", {
      type: "button",
      class: "btn btn-ghost btn-small",
      text: "Changes",
      "aria-label": `Show the changes in version ${version.number}`,
      onclick: () => showChanges(version),
    }),
  );
  if (version.number !== panel.latest) {
    actions.append(
      el("button", {
        type: "button",
        class: "btn btn-secondary btn-small",
        text: "Roll back",
        "aria-label": `Roll back to version ${version.number}`,
        onclick: () => rollback(version),
      }),
    );
  }
  const meta = `${when(version.created_at)} · ${version.actor} · ${version.face}`;
  return el(
    "li",
    { class: "history-item", "data-version": String(version.number) },
    el("span", { class: "history-number", text: `#${version.number}` }),
    el(
      "div",
      {},
      el("span", { class: "history-summary", text: version.summary }),
      el("span", { class: "history-meta", text: meta }),
    ),
    actions,
  );
}

async function load(page = 1) {
  status("Loading…");
  const answer = await api("GET", `/api/config/history?page=${page}&page_size=${PAGE_SIZE}`);
  if (!answer.ok) return status(firstMessage(answer.data), true);
  const { results, count, next, previous } = answer.data;
  if (page === 1) panel.latest = results.length ? results[0].number : null;
  panel.page = page;
  $("#history-list").replaceChildren(...results.map(row));
  $("#history-newer").hidden = !previous;
  $("#history-older").hidden = !next;
  const summary = count ? `${count} versions kept, newest first.` : "No changes recorded yet.";
  status(panel.notice ? `${panel.notice} ${summary}` : summary);
  panel.notice = "";
}

function start() {
  const details = $("#history");
  if (!details) return;
  details.addEventListener("toggle", () => details.open && load(1));
  $("#history-refresh").addEventListener("click", () => load(1));
  $("#history-newer").addEventListener("click", () => load(panel.page - 1));
  $("#history-older").addEventListener("click", () => load(panel.page + 1));
  panel.notice = sessionStorage.getItem(NOTICE_KEY) || "";
  if (panel.notice) {
    sessionStorage.removeItem(NOTICE_KEY);
    details.open = true;
  }
}

start();
