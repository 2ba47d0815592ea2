/**
 * The one check of what a page sent: a method's parameters against its schema
 * (shared/api/methods/), where the call enters the backend. A failure is invalid-input naming the
 * fields at fault by their path in the parameters (`edit.maximumKiB`, `spec.ipv4.hosts.2.mac`).
 */
import * as v from 'valibot';
import { PARAM_SCHEMAS, type CheckedParams, type MethodName } from '../../shared/api/contract';
import { InvalidInputError } from '../../shared/errors';
import { msg, type Message } from '../../shared/messages/message';

export function checkParams<M extends MethodName>(method: M, params: unknown): CheckedParams<M> {
  const checked = v.safeParse(PARAM_SCHEMAS[method], params);
  if (checked.success) return checked.output;
  const fields: Record<string, string | Message> = {};
  for (const issue of checked.issues) {
    const path = v.getDotPath(issue);
    if (path && !(path in fields)) fields[path] = messageOf(issue);
  }
  // The first fault is the message, as a form's first invalid field is the one a user fixes first.
  throw new InvalidInputError(messageOf(checked.issues[0]), fields);
}

/**
 * An issue's message. A key that is missing altogether is reported by its object, not by the
 * key's own schema, so it gets the message the readers gave a missing value.
 */
function messageOf(issue: v.BaseIssue<unknown>): string | Message {
  const last = issue.path?.at(-1);
  const missingKey =
    issue.kind === 'schema' && last?.origin === 'key' && issue.received === 'undefined';
  return missingKey ? msg('common.missingParam', { name: String(last.key) }) : said(issue.message);
}

/**
 * The schemas' messages (shared/api/schema.ts and the methods' own) as keys: they are English in
 * valibot, in a handful of shapes, each with the field's name or the value as a parameter. A
 * message of no known shape goes as it is.
 */
const SHAPES: [RegExp, (m: string[]) => Message][] = [
  [/^Missing or invalid "(.*)"$/s, (m) => msg('common.missingParam', { name: m[1] ?? '' })],
  [
    /^"(.*)" must be a number from (\S+) to (\S+)$/s,
    (m) => msg('common.numberRange', { name: m[1] ?? '', min: m[2] ?? '', max: m[3] ?? '' }),
  ],
  [
    /^Unknown (.*) "(.*)"$/s,
    (m) => msg('common.unknownValue', { what: m[1] ?? '', value: m[2] ?? '' }),
  ],
  [/^Unknown (.*)$/s, (m) => msg('common.unknownChoice', { what: m[1] ?? '' })],
  [/^Missing (.*)$/s, (m) => msg('common.missingThing', { name: m[1] ?? '' })],
  [/^Expected true or false$/, () => msg('common.expectedBoolean')],
  [/^Expected text$/, () => msg('common.expectedText')],
];

function said(message: string): string | Message {
  for (const [shape, toMessage] of SHAPES) {
    const m = shape.exec(message);
    if (m) return toMessage([...m]);
  }
  return message;
}
