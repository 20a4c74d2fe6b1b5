/** The learner's drill settings in this browser (desired retention, session length, new cards). */
import { settingsArea, type SrsSettings } from '../lib/srs/schedule';
import { load, save } from './browser-store';

/** Reads the settings (defaults when none are saved; damaged ones are reported and backed up). */
export function loadSettings(): SrsSettings {
  return load(settingsArea);
}

/** Saves the settings; false (and a visible notice) if the browser refuses. */
export function saveSettings(settings: SrsSettings): boolean {
  return save(settingsArea, settings);
}
