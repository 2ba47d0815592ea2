/**
 * Every translation, bundled (no request at start): the renderer's namespaces, one JSON per screen
 * and language in ./locales/<language>/<namespace>.json, and the backend's messages (namespace
 * `backend`, one JSON per area in src/shared/messages/locales/<language>/<area>.json, see
 * shared/messages/message.ts). A new file is picked up by its path: nothing to register here.
 */
import { LANGUAGES, type Language } from '../../shared/api/types';

type Texts = { [key: string]: string | Texts };

const screens = import.meta.glob<Texts>('./locales/*/*.json', { eager: true, import: 'default' });
const backend = import.meta.glob<Texts>('../../shared/messages/locales/*/*.json', {
  eager: true,
  import: 'default',
});

/** `.../<language>/<name>.json` -> [language, name]. */
function pathParts(path: string): [string, string] {
  const [language = '', file = ''] = path.split('/').slice(-2);
  return [language, file.replace(/\.json$/, '')];
}

function build(): Record<Language, Record<string, Texts>> {
  const out = Object.fromEntries(LANGUAGES.map((l) => [l, { backend: {} }])) as Record<
    Language,
    Record<string, Texts> & { backend: Texts }
  >;
  for (const [path, texts] of Object.entries(screens)) {
    const [language, namespace] = pathParts(path);
    const into = out[language as Language];
    if (into) into[namespace] = texts;
  }
  // The backend's areas are one namespace: a message key is `<area>.<name>`.
  for (const [path, texts] of Object.entries(backend)) {
    const [language, area] = pathParts(path);
    const into = out[language as Language];
    if (into) into.backend[area] = texts;
  }
  return out;
}

export const resources = build();

export const NAMESPACES = Object.keys(resources.en);
