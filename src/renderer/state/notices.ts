/**
 * A toast: errors from actions, and the few confirmations worth showing. The title is an i18n key
 * with its values, so that a toast already on screen follows a language switch.
 */
export interface Notice {
  id: number;
  variant: 'danger' | 'warning' | 'success' | 'info';
  titleKey: string;
  params?: Record<string, string | number>;
  /** Already in the user's words (libvirt's or the backend's message); shown as is. */
  message?: string;
}
