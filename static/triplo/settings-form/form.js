// The generic settings form every catalogue tab uses: it builds a card per catalogue group,
// shows config.json's values, sends only what changed on Save (PATCH /api/triplo/settings) and
// puts each refusal under its field. A tab adds its own parts through `extras`.

import { $, el, notify } from "../dom.js";
import { firstMessage } from "../request.js";
import { controlId, errorId, readValue, renderField, setValue } from "./controls.js";
import * as store from "./store.js";

function fieldsOf(groupIds) {
  return groupIds.flatMap((id) => store.group(id).fields);
}

// A secret is shown masked and read-only; "Update" empties it for a new value, "Cancel" puts
// the masked value back (unchanged: the server keeps the stored secret).
function secretButton(field) {
  const button = el("button", { type: "button", class: "btn btn-secondary btn-small", text: "Update" });
  button.setAttribute("aria-label", `Update ${field.label}`);
  button.addEventListener("click", () => {
    const control = $(`#${controlId(field.key)}`);
    const editing = control.readOnly;
    control.readOnly = !editing;
    button.textContent = editing ? "Cancel" : "Update";
    if (editing) {
      control.value = "";
      control.focus();
    } else {
      setValue(field, control, store.value(field.key));
    }
  });
  return button;
}

function fill(groupIds) {
  for (const field of fieldsOf(groupIds)) {
    const control = $(`#${controlId(field.key)}`);
    setValue(field, control, store.value(field.key));
    if (field.secret) control.readOnly = true;
    const reason = store.locked(field.key);
    control.disabled = Boolean(reason);
    if (reason) control.title = reason;
    $(`#${errorId(field.key)}`).textContent = reason || "";
  }
}

function changes(groupIds) {
  const changed = {};
  for (const field of fieldsOf(groupIds)) {
    const control = $(`#${controlId(field.key)}`);
    if (control.disabled || (field.secret && control.readOnly)) continue;
    const value = readValue(field, control);
    if (JSON.stringify(value) !== JSON.stringify(store.value(field.key))) changed[field.key] = value;
  }
  return changed;
}

async function save(form, groupIds) {
  for (const field of fieldsOf(groupIds)) $(`#${errorId(field.key)}`).textContent = "";
  const changed = changes(groupIds);
  if (!Object.keys(changed).length) {
    notify("Nothing to save: no setting was changed.");
    return;
  }
  const { ok, errors } = await store.save(changed);
  if (!ok) {
    let first = null;
    for (const [key, messages] of Object.entries(errors)) {
      const line = $(`#${errorId(key)}`);
      if (!line) continue;
      line.textContent = [].concat(messages).join(" ");
      first = first || $(`#${controlId(key)}`);
    }
    notify(first ? "Some settings were not saved: see the messages under them." : firstMessage(errors), "error");
    if (first) first.focus();
    return;
  }
  fill(groupIds);
  for (const button of form.querySelectorAll(".btn-update-secret")) button.textContent = "Update";
  notify("Saved. Triplo restarts to use the new settings.");
}

// Fills `panel` with a form for the catalogue groups `groupIds`; `extras[key]` is an element put
// beside that field's control (e.g. the local-LLM key's Regenerate button). Returns `refill`,
// which shows the store's values again (after a change made outside the form).
export function renderSettingsForm(panel, groupIds, extras = {}) {
  const form = el("form", { class: "settings-form", novalidate: true });
  for (const id of groupIds) {
    const group = store.group(id);
    const heading = el("h3", { id: `ts-group-${id}`, text: group.title });
    const fields = group.fields.map((field) => {
      const extra = extras[field.key] || (field.secret ? secretButton(field) : null);
      if (extra && field.secret && !extras[field.key]) extra.classList.add("btn-update-secret");
      return renderField(field, extra);
    });
    form.append(el("section", { class: "card", "aria-labelledby": heading.id }, heading, el("div", { class: "grid-2" }, ...fields)));
  }
  const saveButton = el("button", { type: "submit", class: "btn btn-primary", text: "Save" });
  form.append(el("div", { class: "editor-foot" }, saveButton));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    save(form, groupIds);
  });
  panel.append(form);
  fill(groupIds);
  return () => fill(groupIds);
}
