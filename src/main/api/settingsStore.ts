import { join } from 'node:path';
import {
  LANGUAGES,
  THEMES,
  type Language,
  type Settings,
  type Theme,
} from '../../shared/api/types';
import { VirtdeckError } from '../../shared/errors';
import { msg } from '../../shared/messages/message';
import { readJsonFile, writeJsonFile } from './jsonFile';

export const DEFAULT_SETTINGS: Settings = {
  language: 'en',
  statsIntervalMs: 1000,
  theme: 'system',
};

/**
 * The user's settings (language, stats interval): settings.json in the config directory. A language
 * is only written once chosen: until then `languageChosen` is false, and the renderer, which knows
 * the system's languages, chooses one on the first start (i18n/systemLanguage.ts).
 */
export class SettingsStore {
  private settings: Settings = { ...DEFAULT_SETTINGS };
  private languageChosen = false;
  private readonly path: string;

  constructor(configDir: string) {
    this.path = join(configDir, 'settings.json');
  }

  async load(): Promise<void> {
    const stored = await readJsonFile<Partial<Settings>>(this.path, {});
    const checked = sanitize(stored);
    this.settings = { ...DEFAULT_SETTINGS, ...checked };
    this.languageChosen = checked.language !== undefined;
  }

  get(): Settings {
    return { ...this.settings, languageChosen: this.languageChosen };
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    const checked = sanitize(patch);
    if (patch.language !== undefined && checked.language === undefined) {
      throw new VirtdeckError(
        'invalid-input',
        msg('api.unknownLanguage', { value: String(patch.language) }),
      );
    }
    if (patch.theme !== undefined && checked.theme === undefined) {
      throw new VirtdeckError(
        'invalid-input',
        msg('api.unknownTheme', { value: String(patch.theme) }),
      );
    }
    if (patch.statsIntervalMs !== undefined && checked.statsIntervalMs === undefined) {
      throw new VirtdeckError('invalid-input', msg('api.statsInterval'));
    }
    this.settings = { ...this.settings, ...checked };
    if (checked.language) this.languageChosen = true;
    await writeJsonFile(
      this.path,
      this.languageChosen ? this.settings : withoutLanguage(this.settings),
    );
    return this.get();
  }
}

function withoutLanguage(settings: Settings): Partial<Settings> {
  const kept: Partial<Settings> = { ...settings };
  delete kept.language;
  return kept;
}

function sanitize(value: Partial<Settings>): Partial<Settings> {
  const out: Partial<Settings> = {};
  if (LANGUAGES.includes(value.language as Language)) out.language = value.language;
  if (THEMES.includes(value.theme as Theme)) out.theme = value.theme;
  const interval = value.statsIntervalMs;
  if (typeof interval === 'number' && interval >= 250 && interval <= 60_000) {
    out.statsIntervalMs = interval;
  }
  return out;
}
