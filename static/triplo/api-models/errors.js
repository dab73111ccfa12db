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
    const messages = (Array.isArray(raw) ? raw : [raw]).map(String).join(" ");
    const credentialSlot = $(`#err-c-${field}`);
    const slot = credentialPrefix && credentialSlot ? credentialSlot : $(`#err-${field}`) || credentialSlot;
    if (!slot || field === "non_field_errors" || field === "detail") {
      loose.push(field === "non_field_errors" || field === "detail" ? messages : `${field}: ${messages}`);
      continue;
    }
    slot.textContent = messages;
    firstSlot = firstSlot || slot;
    let input = slot === credentialSlot ? $(`#c-${field}`) : $(FIELD_INPUTS[field] || `#f-${field}`);
    if (field === "model" && $("#model-custom-wrap").hidden) input = $("#f-model-select");
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
