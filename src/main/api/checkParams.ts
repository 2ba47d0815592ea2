/**
 * The one check of what a page sent: a method's parameters against its schema
 * (shared/api/methods/), where the call enters the backend. A failure is invalid-input naming the
 * fields at fault by their path in the parameters (`edit.maximumKiB`, `spec.ipv4.hosts.2.mac`).
 */
import * as v from 'valibot';
import { PARAM_SCHEMAS, type CheckedParams, type MethodName } from '../../shared/api/contract';
import { InvalidInputError } from '../../shared/errors';

export function checkParams<M extends MethodName>(method: M, params: unknown): CheckedParams<M> {
  const checked = v.safeParse(PARAM_SCHEMAS[method], params);
  if (checked.success) return checked.output;
  const fields: Record<string, string> = {};
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
function messageOf(issue: v.BaseIssue<unknown>): string {
  const last = issue.path?.at(-1);
  const missingKey =
    issue.kind === 'schema' && last?.origin === 'key' && issue.received === 'undefined';
  return missingKey ? `Missing or invalid "${String(last.key)}"` : issue.message;
}
