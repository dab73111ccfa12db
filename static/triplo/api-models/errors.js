// The editor's error messages: each under its field (the API's 400 names the field), the rest
// in the banner above the form. A credential's field wins over the profile's field of the
// same name when the error came from saving the credential.

import { $ } from "../dom.js";
import { firstMessage } from "../request.js";

const FIELD_INPUTS = {
  name: "#f-name",
  provider: "#f-provider",
  model: "#f-model",
  temperature: "#f-temperature",
  presence_penalty: "#f-presence",
  options: "#f-max-tokens",
};

// The API names options by key; people see their labels.
const OPTION_LABELS = { max_tokens: "Max tokens", json_mode: "JSON mode", stream: "Stream responses" };

// A message as people read it: the field's visible label instead of a key, a capital first.
export function readable(message, label) {
  let text = String(message);
  for (const [key, name] of Object.entries(OPTION_LABELS)) text = text.replaceAll(key, name);
  if (label && /^(must|is|may|at most|cannot) /.test(text)) text = `${label} ${text}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function labelOf(input) {
  const label = input && input.id ? document.querySelector(`label[for="${input.id}"]`) : null;
  return label ? label.textContent.trim() : "";
}

export function clearErrors() {
  document.querySelectorAll(".field-error").forEach((node) => (node.textContent = ""));
  document.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
  $("#form-error").hidden = true;
}

function banner(text) {
  $("#form-error").textContent = text;
  $("#form-error").hidden = false;
}

// Marks each field's input invalid, opens what hides it (the Advanced card, a stored secret's
// input) and focuses the first one.
export function showErrors(data, credentialPrefix = "", status = 400) {
  if (!data || typeof data !== "object" || status !== 400) {
    banner(firstMessage(data));
    return;
  }
  const loose = [];
  let focusTarget = null;
  let firstSlot = null;
  for (const [field, raw] of Object.entries(data)) {
    const list = Array.isArray(raw) ? raw : [raw];
    const credentialSlot = $(`#err-c-${field}`);
    const slot = credentialPrefix && credentialSlot ? credentialSlot : $(`#err-${field}`) || credentialSlot;
    if (!slot || field === "non_field_errors" || field === "detail") {
      const messages = list.map((m) => readable(m)).join(" ");
      loose.push(field === "non_field_errors" || field === "detail" ? messages : `${OPTION_LABELS[field] || field}: ${messages}`);
      continue;
    }
    let input = slot === credentialSlot ? $(`#c-${field}`) : $(FIELD_INPUTS[field] || `#f-${field}`);
    if (field === "model" && $("#model-custom-wrap").hidden) input = $("#f-model-select");
    const label = field === "options" ? "" : labelOf(input);
    slot.textContent = list.map((m) => readable(m, label)).join(" ");
    firstSlot = firstSlot || slot;
    if (input) {
      input.setAttribute("aria-invalid", "true");
      if (input.closest("details")) input.closest("details").open = true;
      if (input.closest("[hidden]") && slot === credentialSlot) {
        input.closest(".field").querySelector(".secret-stored [type=button]")?.click();
      }
      focusTarget = focusTarget || input;
    }
  }
  if (loose.length) banner(loose.join(" "));
  if (focusTarget) focusTarget.focus();
  else if (firstSlot) firstSlot.scrollIntoView({ block: "center", behavior: "smooth" });
  else if (loose.length) $("#form-error").scrollIntoView({ block: "center", behavior: "smooth" });
}
