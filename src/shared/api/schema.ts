/**
 * The building blocks of the methods' schemas (./methods/). Parameters cross a trust boundary (a
 * page could send anything): the backend checks them against these once, where a call enters, and
 * a failure becomes invalid-input with the field paths at fault. The messages are the ones users
 * saw before the schemas, so each block takes the field's name. Results are described with the
 * same library (plain valibot, no messages: a wrong result is the backend's bug, not the user's),
 * and `MethodsOf` joins an area's two maps into its methods' types.
 */
import * as v from 'valibot';

/** A non-empty string. */
export const text = (name: string) =>
  v.pipe(v.string(`Missing or invalid "${name}"`), v.minLength(1, `Missing or invalid "${name}"`));

/** A non-empty string, or nothing (null is read as not given). */
export const optionalText = (name: string) =>
  v.pipe(
    v.nullish(text(name)),
    v.transform((value) => value ?? undefined),
  );

/** A string, or nothing for absent, null and empty (an empty form field means "not given"). */
export const optionalFormText = (name: string) =>
  v.pipe(
    v.nullish(v.string(`Missing or invalid "${name}"`)),
    v.transform((value) => (value === '' || value === null ? undefined : value)),
  );

/**
 * A form's text, typed as the string a caller sends; anything else a page sends reads as '' (a
 * field left empty), which the service refuses naming the field.
 */
export const formText = () =>
  v.pipe(
    v.custom<string>(() => true),
    // Typed string for callers, but the value is whatever the page sent.
    v.transform((value: string) => (typeof value === 'string' ? value : '')),
  );

/** A finite number within [min, max]; the message names the field and the bounds. */
export const numberIn = (name: string, min = 0, max = Number.MAX_SAFE_INTEGER) => {
  const message = `"${name}" must be a number from ${min} to ${max}`;
  return v.pipe(
    v.number(message),
    v.finite(message),
    v.minValue(min, message),
    v.maxValue(max, message),
  );
};

/** One of the values in `allowed`. */
export const oneOf = <const T extends readonly [string, ...string[]]>(allowed: T, name: string) =>
  v.picklist(allowed, (issue) => `Unknown ${name} "${String(issue.input)}"`);

/** A switch: true or false, or absent (read as false). */
export const flag = () => v.optional(v.boolean('Expected true or false'), false);

/** An object with these entries; anything else (an array, null...) is `Missing <name>`. */
export const record = <const E extends v.ObjectEntries>(entries: E, name: string) =>
  v.object(entries, `Missing ${name}`);

/** The connection a call is on. */
export const connectionId = text('connectionId');

/** A VM of a connection. */
export const vmRef = { connectionId, uuid: text('uuid') };

/** The parameters of methods that take none (whatever is sent is ignored). */
export const none = v.custom<void>(() => true);

/** The result of methods that return nothing (the reply carries null). */
export const nothing = v.void();

/** Every method of an area (its params map's keys) with its result's schema, no other name. */
export type ResultSchemas<P> = { [M in keyof P]: v.GenericSchema };

/**
 * An area's methods as the contract types them: each one's parameters as a caller sends them and
 * its result as the handler returns it, both inferred from the area's two maps (the doc comment
 * of each method is on its params entry, which this mapping keeps).
 */
export type MethodsOf<P extends Record<string, v.GenericSchema>, R extends ResultSchemas<P>> = {
  [M in keyof P]: { params: v.InferInput<P[M]>; result: v.InferOutput<R[M]> };
};

/** What a caller sends: the schema's input type. */
export type ParamsIn<S extends v.GenericSchema> = v.InferInput<S>;
/** What a handler gets once the schema has checked (and, for form fields, normalised) it. */
export type ParamsOut<S extends v.GenericSchema> = v.InferOutput<S>;

/**
 * The message of a discriminated union (v.variant) whose key has a value nobody knows:
 * `Unknown <what> "<value>"`. The issue's input is the key's value, or the whole input when that
 * is no object at all.
 */
export const unknownKind =
  (what: string, key: string) =>
  (issue: { input: unknown }): string => {
    const { input } = issue;
    const value =
      typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[key] : input;
    return `Unknown ${what} "${String(value)}"`;
  };
