/**
 * A message for the user from the backend, as a key and its parameters, never as English words:
 * errors (VirtdeckError's `text`), invalid-input fields and job steps carry one, and the renderer
 * shows it in the user's language (namespace `backend`, key `<area>.<name>`). English is rendered
 * here too, for logs and for `Error.message`.
 *
 *   throw new VirtdeckError('not-found', msg('lxc.rootfsMissing', { path }));
 *   job.step(msg('lxc.debootstrap', { suite }));
 *
 * Plurals follow i18next: `name_one` / `name_other` (and each language's own CLDR forms) with a
 * numeric `count` parameter; the key given to msg() is `area.name` without the suffix.
 */
import * as v from 'valibot';
import { ENGLISH_MESSAGES } from './english';

type Catalog = typeof ENGLISH_MESSAGES;
type WithoutPlural<K extends string> = K extends `${infer Base}_${'one' | 'other'}` ? Base : K;

type Area = Extract<keyof Catalog, string>;

/** Every key the English catalog has: `area.name`. */
export type MessageKey = {
  [A in Area]: `${A}.${WithoutPlural<Extract<keyof Catalog[A], string>>}`;
}[Area];

export const messageParams = v.record(v.string(), v.union([v.string(), v.number()]));
export type MessageParams = v.InferOutput<typeof messageParams>;

export const message = v.object({ key: v.string(), params: v.optional(messageParams) });
export type Message = v.InferOutput<typeof message>;

export function msg(key: MessageKey, params?: MessageParams): Message {
  return params === undefined ? { key } : { key, params };
}

/** The message in English, with its parameters filled in; the key itself if the catalog lacks it. */
export function englishText(m: Message): string {
  const [area = '', name = ''] = m.key.split(/\.(.*)/s);
  const texts = (ENGLISH_MESSAGES as Record<string, Record<string, string> | undefined>)[area];
  const count = m.params?.count;
  const plural =
    typeof count === 'number' ? texts?.[`${name}_${count === 1 ? 'one' : 'other'}`] : undefined;
  const template = plural ?? texts?.[name];
  if (template === undefined) return m.key;
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, param: string) => {
    const value = m.params?.[param];
    return value === undefined ? whole : String(value);
  });
}
