/**
 * The check of what a handler returns against its method's result schema (shared/api/methods/),
 * made when the backend is built with `checkResults` (the tests' backends are): a handler that
 * returns another shape than the contract says fails its call, naming the method and the first
 * fault's path, instead of reaching a page that trusts the type.
 */
import * as v from 'valibot';
import { EVENT_SCHEMAS, RESULT_SCHEMAS, type MethodName } from '../../shared/api/contract';

/** A handler's result or an event's payload does not have the shape the contract says. */
export class ContractBreachError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractBreachError';
  }
}

function check(schema: v.GenericSchema, value: unknown, what: string): void {
  const checked = v.safeParse(schema, value);
  if (checked.success) return;
  const issue = checked.issues[0];
  const path = v.getDotPath(issue) ?? '(the whole value)';
  throw new ContractBreachError(`${what} does not match its schema at ${path}: ${issue.message}`);
}

/** Throws when `method`'s result has another shape than its schema. */
export function checkResult(method: MethodName, result: unknown): void {
  check(RESULT_SCHEMAS[method], result, `The result of ${method}`);
}

/** Throws when an event's payload has another shape than its schema. */
export function checkEventPayload(name: keyof typeof EVENT_SCHEMAS, payload: unknown): void {
  check(EVENT_SCHEMAS[name], payload, `The payload of event ${name}`);
}
