import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/api/types';
import { setFormatLanguage } from '../format';
import { NAMESPACES, resources } from './resources';

const RTL: readonly Language[] = ['ar'];

export function initI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources,
    lng: 'en',
    fallbackLng: 'en',
    ns: NAMESPACES,
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}

/** Switches the UI language and mirrors the whole layout for right-to-left scripts. */
export function applyLanguage(language: Language): void {
  // Numbers and dates first: the re-render changeLanguage causes writes them in `language`.
  setFormatLanguage(language);
  if (i18next.language !== language) void i18next.changeLanguage(language);
  const root = document.documentElement;
  root.lang = language;
  root.dir = RTL.includes(language) ? 'rtl' : 'ltr';
}
