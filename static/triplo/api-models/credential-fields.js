// The editor's credential fields, drawn from the provider's `credential_fields` in the catalogue.
// A stored secret shows only as its hint; "Update" reveals an empty input, and "Cancel" hides it
// again. One credential serves every profile of a provider, so the card says who shares it.

import { $, el } from "../dom.js";
import * as store from "./store.js";

export function renderCredentialFields(providerId) {
  const provider = store.provider(providerId);
  const credential = store.credentialFor(providerId);
  const fields = provider ? provider.credential_fields : [];
  $("#credential-fields").replaceChildren(...fields.map((field) => fieldBox(field, credential)));
  const users = store.profiles().filter((p) => p.provider === providerId && p.id !== store.selectedId()).length;
  $("#credential-shared").textContent = provider
    ? `Shared by every ${provider.label} profile${users ? ` (${users} other${users > 1 ? "s" : ""})` : ""}.`
    : "";
  $("#test-result").textContent = "";
  $("#test-result").className = "test-result";
}

// The values as typed: a secret only when its input is open and not empty (else the stored one
// stays), a list as its comma-separated items.
export function readCredential() {
  const values = {};
  document.querySelectorAll("[data-credential]").forEach((input) => {
    const name = input.dataset.credential;
    if (input.dataset.secret) {
      if (!input.closest(".secret-input").hidden && input.value !== "") values[name] = input.value;
    } else if (input.dataset.kind === "list") {
      values[name] = input.value.split(",").map((v) => v.trim()).filter(Boolean);
    } else {
      values[name] = input.value.trim();
    }
  });
  return values;
}

// The fields whose value differs from `before` (what readCredential gave for the stored state).
export function credentialChanges(before) {
  const changes = {};
  for (const [name, value] of Object.entries(readCredential())) {
    if (JSON.stringify(value) !== JSON.stringify(before[name])) changes[name] = value;
  }
  return changes;
}

function fieldBox(field, credential) {
  const id = `c-${field.name}`;
  const errorId = `err-c-${field.name}`;
  const label = el("label", { for: id, text: field.label }, field.required ? null : el("span", { class: "optional", text: " (optional)" }));
  const error = el("p", { class: "field-error", id: errorId });
  if (field.secret) return el("div", { class: "field" }, label, ...secretRows(field, credential, id, errorId), error);
  const value = field.kind === "list" ? (credential[field.name] || []).join(", ") : credential[field.name] || "";
  const input = el("input", {
    id,
    type: field.kind === "url" ? "url" : "text",
    value,
    spellcheck: "false",
    "data-credential": field.name,
    "data-kind": field.kind,
    placeholder: field.kind === "url" ? "http://host:port" : field.kind === "list" ? "llama3, mistral" : "",
    "aria-describedby": errorId,
  });
  input.value = value;
  const hint = field.kind === "list" ? el("p", { class: "hint", text: "Comma-separated." }) : null;
  return el("div", { class: "field" }, label, input, hint, error);
}

function secretRows(field, credential, id, errorId) {
  const hint = credential[`${field.name}_hint`];
  const input = el("input", {
    id,
    type: "password",
    autocomplete: "off",
    spellcheck: "false",
    "data-credential": field.name,
    "data-secret": "true",
    placeholder: hint ? `New ${field.label}` : `Paste the ${field.label}`,
    "aria-describedby": `${id}-stored ${errorId}`,
  });
  const inputRow = el("div", { class: "row secret-input", hidden: Boolean(hint) }, input);
  const stored = el("div", { class: "row secret-stored", id: `${id}-stored`, hidden: !hint });
  if (!hint) return [stored, inputRow];
  const update = el("button", {
    type: "button",
    class: "btn btn-secondary btn-small",
    "aria-label": `Update the stored ${field.label}`,
    text: "Update",
    onclick: () => {
      stored.hidden = true;
      inputRow.hidden = false;
      input.focus();
    },
  });
  const cancel = el("button", {
    type: "button",
    class: "btn btn-ghost btn-small",
    "aria-label": `Keep the stored ${field.label}`,
    text: "Cancel",
    onclick: () => {
      input.value = "";
      inputRow.hidden = true;
      stored.hidden = false;
      update.focus();
      // Reported like typing, so the form's listener re-counts its unsaved changes.
      input.dispatchEvent(new Event("input", { bubbles: true }));
    },
  });
  inputRow.append(cancel);
  stored.append(el("code", { class: "secret-hint", text: hint }), el("span", { class: "hint", text: "stored" }), update);
  return [stored, inputRow];
}
