import i18next from 'i18next';
import type { ApiErrorData, FieldErrors, JobProgress } from '../../shared/api/types';
import type { ErrorCode } from '../../shared/errors';
import type { Message } from '../../shared/messages/message';

/**
 * A failed API call as the views see it: a code to act on, a message to show, no stack. The
 * message and the fields are in the user's language when the backend said them as keys
 * (`text`, `fieldTexts`), else the backend's words as they came.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;
  /** libvirt's virErrorNumber and virErrorDomain, when libvirt refused. */
  readonly libvirt?: ApiErrorData['libvirt'];
  /** Words kept beside the message, untranslated (libvirt's own, a host tool's stderr). */
  readonly detail?: string;

  constructor(data: ApiErrorData) {
    super(apiErrorText(data));
    this.name = 'ApiError';
    this.code = data.code;
    this.fields = data.fields && {
      ...data.fields,
      ...Object.fromEntries(
        Object.entries(data.fieldTexts ?? {}).map(([field, said]) => [field, backendText(said)]),
      ),
    };
    this.libvirt = data.libvirt;
    this.detail = data.detail;
  }
}

/** A backend message (a key and parameters) in the user's language. */
export function backendText(said: Message): string {
  return i18next.t(said.key, { ...said.params, ns: 'backend', defaultValue: said.key });
}

/**
 * An error's message in the user's language: its key when it has one; else, for invalid input
 * whose every field was said as a key, those fields' messages; else the backend's words.
 */
export function apiErrorText(data: ApiErrorData): string {
  if (data.text) return backendText(data.text);
  const fields = Object.keys(data.fields ?? {});
  const texts = data.fieldTexts ?? {};
  if (fields.length > 0 && fields.every((f) => texts[f] !== undefined)) {
    return fields.map((f) => backendText(texts[f] as Message)).join('; ');
  }
  return data.message;
}

/** A job's title in the user's language (English when the job named it in words). */
export function jobTitleText(job: Pick<JobProgress, 'title' | 'titleText'>): string {
  return job.titleText ? backendText(job.titleText) : job.title;
}

/** The job's running (or failed) step in the user's language; undefined before its first. */
export function jobStepText(job: Pick<JobProgress, 'step' | 'stepText'>): string | undefined {
  return job.stepText ? backendText(job.stepText) : job.step;
}

/** The message to show for anything a call rejected with. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
