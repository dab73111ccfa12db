// The Preferences tab: Triplo's behaviour switches, hotkeys and trigger, and the license key
// (masked, replaced through "Update"): every control comes from the catalogue.

import { $ } from "../dom.js";
import { renderSettingsForm } from "../settings-form/form.js";

export function startPreferences() {
  renderSettingsForm($("#panel-preferences"), ["preferences", "license"]);
}
