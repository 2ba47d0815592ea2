import { describe, expect, it } from 'vitest';
import { systemLanguage } from '../../../src/renderer/i18n/systemLanguage';

describe('systemLanguage', () => {
  it('takes the first system language Virtdeck speaks, by primary subtag', () => {
    expect(systemLanguage(['de-AT', 'en-US'])).toBe('de');
    expect(systemLanguage(['fr-FR', 'hr-HR', 'ru'])).toBe('hr');
    expect(systemLanguage(['ET'])).toBe('et');
    expect(systemLanguage(['ar_EG'])).toBe('ar');
    expect(systemLanguage(['en-GB', 'ru-RU'])).toBe('en');
  });

  it('falls back to English when none is spoken', () => {
    expect(systemLanguage(['fr-FR', 'ja'])).toBe('en');
    expect(systemLanguage([])).toBe('en');
  });
});
