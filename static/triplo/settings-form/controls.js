// One labelled control per catalogue field: a switch for a bool, a select for choices, a number
// box with the field's range, a text box (its length and form), a textarea (one entry a line)
// for a list, and a masked box replaced through "Update" for a secret. Each control has its
// help line and an error line under it, both tied to it by aria-describedby.

import { el } from "../dom.js";

export const controlId = (key) => `ts-${key}`;
export const errorId = (key) => `ts-err-${key}`;

function described(field) {
  return [field.help ? `ts-help-${field.key}` : "", errorId(field.key)].filter(Boolean).join(" ");
}

function input(field) {
  const common = { id: controlId(field.key), name: field.key, "aria-describedby": described(field) };
  if (field.kind === "bool") return el("input", { ...common, type: "checkbox", role: "switch" });
  if (field.choices.length) {
    return el("select", common, ...field.choices.map((c) => el("option", { value: c, text: c })));
  }
  if (field.kind === "number") {
    return el("input", { ...common, type: "number", min: field.minimum, max: field.maximum, step: "any", required: true });
  }
  if (field.kind === "list") return el("textarea", { ...common, rows: "3", spellcheck: "false" });
  return el("input", {
    ...common,
    type: "text",
    maxlength: field.max_length,
    spellcheck: "false",
    autocomplete: "off",
    readonly: field.secret,
  });
}

// The field's wrapper; `extra` (a button row) goes between the control and its help line.
export function renderField(field, extra = null) {
  const control = input(field);
  const help = field.help ? el("p", { class: "hint", id: `ts-help-${field.key}`, text: field.help }) : null;
  const error = el("p", { class: "field-error", id: errorId(field.key), "aria-live": "polite" });
  if (field.kind === "bool") {
    const label = el("label", { class: "switch switch-field", for: control.id }, control, ` ${field.label}`);
    return el("div", { class: "field", "data-key": field.key }, label, help, error);
  }
  const label = el("label", { for: control.id, text: field.label });
  const row = extra ? el("div", { class: "row" }, control, extra) : control;
  return el("div", { class: "field", "data-key": field.key }, label, row, help, error);
}

export function setValue(field, control, value) {
  if (field.kind === "bool") control.checked = Boolean(value);
  else if (field.kind === "list") control.value = (value || []).join("\n");
  else control.value = value === null || value === undefined ? "" : String(value);
}

// The control's value in the type the API expects ("" for an empty number: the server says why).
export function readValue(field, control) {
  if (field.kind === "bool") return control.checked;
  if (field.kind === "list") return control.value.split("\n").map((s) => s.trim()).filter(Boolean);
  if (field.kind === "number") return control.value === "" ? "" : Number(control.value);
  return control.value;
}
