import { LANGUAGES, type Language } from '../../shared/api/types';

/**
 * The first of the system's languages (navigator.languages: in Electron the OS locale, in a
 * browser its language list) that Virtdeck speaks, matched by primary subtag (de-AT -> de);
 * English when none is.
 */
export function systemLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.split(/[-_]/)[0]?.toLowerCase();
    const match = LANGUAGES.find((language) => language === primary);
    if (match) return match;
  }
  return 'en';
}
