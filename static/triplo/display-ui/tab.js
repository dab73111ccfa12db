// The Display & UI tab: colour scheme, indicator, window sizes and languages: every control
// comes from the catalogue.

import { $ } from "../dom.js";
import { renderSettingsForm } from "../settings-form/form.js";

export function startDisplayUi() {
  renderSettingsForm($("#panel-display-ui"), ["display"]);
}
