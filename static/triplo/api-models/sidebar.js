// The sidebar: the profile list in the user's order (a draft shows at its end), moved by drag
// and drop or by each row's arrow buttons, and hidden when Multi-provider mode is off.
// Choosing a profile is the editor's business: startSidebar receives what to call.

import { $, el, notify } from "../dom.js";
import { api, firstMessage } from "../request.js";
import * as store from "./store.js";

let onSelect = () => {};
let draftName = () => "New profile";
let dragId = null;

// onSelect(id): open a profile in the editor. name(): the draft's name as typed so far.
export function startSidebar({ select, name }) {
  onSelect = select;
  draftName = () => name() || "New profile";
}

export function renderLayout() {
  $("#layout").classList.toggle("single", !store.isMulti());
  $("#sidebar").hidden = !store.isMulti();
  // With the list hidden, a new profile is still one click away (and says where the rest are).
  $("#new-profile-single").hidden = store.isMulti();
  $("#new-profile-single-help").hidden = store.isMulti();
}

export function renderDraftName() {
  const draft = $(".profile-item.is-draft .profile-name");
  if (draft) draft.textContent = draftName();
}

export function renderSidebar() {
  const profiles = store.profiles();
  const items = profiles.map((profile, index) => profileItem(profile, index, profiles.length));
  if (store.selectedId() === store.NEW) {
    items.push(
      el(
        "li",
        { class: "profile-item is-selected is-draft" },
        el("span", { class: "drag-handle", "aria-hidden": "true" }),
        el(
          "button",
          { type: "button", class: "profile-select", "aria-current": "true" },
          el("span", { class: "profile-name", text: draftName() }),
          el("span", { class: "profile-meta", text: "Not saved yet" }),
        ),
      ),
    );
  }
  if (!items.length) {
    items.push(el("li", { class: "empty", text: "No profiles yet." }));
  }
  $("#profile-list").replaceChildren(...items);
  const selected = store.findProfile(store.selectedId());
  $("#duplicate-profile").disabled = !selected;
  $("#delete-profile").disabled = !selected;
}

function profileItem(profile, index, count) {
  const selected = profile.id === store.selectedId();
  const label = store.providerLabel(profile.provider);
  const item = el(
    "li",
    {
      class: `profile-item${selected ? " is-selected" : ""}${profile.is_active ? " is-active" : ""}`,
      draggable: "true",
      "data-id": profile.id,
    },
    el("span", { class: "drag-handle", "aria-hidden": "true", text: "⋮⋮" }),
    el(
      "button",
      {
        type: "button",
        class: "profile-select",
        "aria-current": selected ? "true" : null,
        onclick: () => onSelect(profile.id),
      },
      el("span", { class: "profile-name", text: profile.name }),
      el(
        "span",
        { class: "profile-meta" },
        profile.is_active ? el("span", { class: "badge badge-active", text: "Active" }) : null,
        profile.credential_configured === false
          ? el("span", { class: "badge badge-warn", title: "Its provider's credential is incomplete", text: "No key" })
          : null,
        el("span", { class: "profile-meta-text", text: `${label} · ${profile.model}` }),
      ),
    ),
    el(
      "span",
      { class: "move-buttons" },
      moveButton(profile, "up", index === 0),
      moveButton(profile, "down", index === count - 1),
    ),
  );
  wireDrag(item);
  return item;
}

function moveButton(profile, direction, disabled) {
  return el("button", {
    type: "button",
    class: "icon-btn",
    "aria-label": `Move ${profile.name} ${direction}`,
    "data-move": direction,
    disabled,
    text: direction === "up" ? "↑" : "↓",
    onclick: () => moveProfile(profile.id, direction === "up" ? -1 : 1),
  });
}

// The list shows the new order at once; a refused order is replaced by the server's.
async function saveOrder(ids, focusSelector) {
  store.reorder(ids);
  const { ok, data } = await api("POST", "/api/llm/profiles/reorder", { order: ids });
  if (!ok) {
    notify(firstMessage(data, "The new order could not be saved."), "error");
    await store.loadProfiles();
  } else {
    store.setProfiles(Array.isArray(data) ? data : data.results || store.profiles());
    notify("Order saved.");
  }
  renderSidebar();
  if (focusSelector) {
    const target = $(focusSelector);
    if (target && !target.disabled) target.focus();
    else if (target) target.parentElement.querySelector("button:not([disabled])")?.focus();
  }
}

function moveProfile(id, step) {
  const ids = store.profiles().map((p) => p.id);
  const from = ids.indexOf(id);
  const to = from + step;
  if (from < 0 || to < 0 || to >= ids.length) return;
  ids.splice(to, 0, ids.splice(from, 1)[0]);
  saveOrder(ids, `.profile-item[data-id="${id}"] [data-move="${step < 0 ? "up" : "down"}"]`);
}

function wireDrag(item) {
  item.addEventListener("dragstart", (event) => {
    dragId = item.dataset.id;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.dataset.id);
    item.classList.add("is-dragging");
  });
  item.addEventListener("dragend", () => {
    item.classList.remove("is-dragging");
    document.querySelectorAll(".drop-before, .drop-after").forEach((n) => n.classList.remove("drop-before", "drop-after"));
  });
  item.addEventListener("dragover", (event) => {
    if (!dragId || dragId === item.dataset.id) return;
    event.preventDefault();
    const box = item.getBoundingClientRect();
    const after = event.clientY > box.top + box.height / 2;
    item.classList.toggle("drop-after", after);
    item.classList.toggle("drop-before", !after);
  });
  item.addEventListener("dragleave", () => item.classList.remove("drop-before", "drop-after"));
  item.addEventListener("drop", (event) => {
    event.preventDefault();
    const dragged = dragId;
    dragId = null;
    const after = item.classList.contains("drop-after");
    item.classList.remove("drop-before", "drop-after");
    if (!dragged || dragged === item.dataset.id) return;
    const ids = store.profiles().map((p) => p.id).filter((i) => i !== dragged);
    const index = ids.indexOf(item.dataset.id) + (after ? 1 : 0);
    ids.splice(index, 0, dragged);
    saveOrder(ids);
  });
}
