// The editor's Advanced card: temperature, presence penalty and max tokens take their ranges
// from the provider's catalogue entry, and each number has a slider kept in step with it.

import { $ } from "../dom.js";

function formatNumber(value) {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
}

// A provider without a presence penalty (range 0 to 0, or `supported: false`) hides the field.
export function applyRanges(provider) {
  if (!provider) return;
  const t = provider.temperature;
  for (const input of [$("#f-temperature"), $("#f-temperature-range")]) {
    input.min = t.min;
    input.max = t.max;
  }
  $("#temperature-help").textContent = `${provider.label}: ${formatNumber(t.min)} to ${formatNumber(t.max)}. Lower is more focused, higher more varied.`;
  const p = provider.presence_penalty;
  const supported = p.supported !== false && !(p.min === 0 && p.max === 0);
  $("#presence-wrap").hidden = !supported;
  for (const input of [$("#f-presence"), $("#f-presence-range")]) {
    input.min = p.min;
    input.max = p.max;
  }
  $("#presence-help").textContent = `${formatNumber(p.min)} to ${formatNumber(p.max)}. Positive values nudge the model toward new topics.`;
  const maxTokens = provider.options && provider.options.max_tokens;
  if (maxTokens) {
    $("#f-max-tokens").min = maxTokens.min;
    $("#f-max-tokens").max = maxTokens.max;
  }
}

// The slider's own input event reaches the form's listener after this one has copied its value.
export function syncRange(numberInput, rangeInput) {
  numberInput.addEventListener("input", () => {
    const value = parseFloat(numberInput.value);
    if (!Number.isNaN(value)) rangeInput.value = value;
  });
  rangeInput.addEventListener("input", () => {
    numberInput.value = rangeInput.value;
  });
}
