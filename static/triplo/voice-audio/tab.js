// The Voice & Audio tab: sounds, voice features and the voice that reads answers aloud, its
// model and speed: every control comes from the catalogue.

import { $ } from "../dom.js";
import { renderSettingsForm } from "../settings-form/form.js";

export function startVoiceAudio() {
  renderSettingsForm($("#panel-voice-audio"), ["voice"]);
}
