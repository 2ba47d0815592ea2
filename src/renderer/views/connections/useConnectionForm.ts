import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionForm, FieldErrors } from '../../../shared/api/types';
import { connectionUri, validateConnectionForm } from '../../../shared/connectionForm';
import { uriHasPassword } from '../../../shared/libvirtUri';
import { useClient } from '../../state/context';
import { useApiQuery } from '../../state/queries';

export type FieldName = keyof FieldErrors;

const INITIAL: ConnectionForm = {
  hypervisor: 'qemu-system',
  remote: false,
  user: '',
  host: '',
  port: '',
  customUri: '',
  autoconnect: true,
};

const CHECK_DELAY_MS = 400;

/**
 * The Add connection form's state. Local checks run on every keystroke; the backend's checks
 * (an unknown ~/.ssh/config alias, a host that does not resolve) run once typing pauses. A field's
 * error shows once the user has touched it, or after a submit.
 */
export function useConnectionForm() {
  const client = useClient();
  const { t } = useTranslation('connections');
  const [form, setForm] = useState<ConnectionForm>(INITIAL);
  const [touched, setTouched] = useState<ReadonlySet<FieldName>>(new Set());
  // The backend's errors of the last submit; any change of the form drops them.
  const [submitErrors, setSubmitErrors] = useState<FieldErrors>();
  // The form as it stood when typing paused: the backend checks that one.
  const [paused, setPaused] = useState<ConnectionForm>();

  const localErrors = useMemo(() => validateConnectionForm(form), [form]);
  const uri = useMemo(() => {
    try {
      return connectionUri(form);
    } catch {
      return '';
    }
  }, [form]);

  const checkable = uri !== '' && (form.remote || Boolean(form.customUri?.trim()));
  useEffect(() => {
    if (!checkable) return;
    const timer = setTimeout(() => setPaused(form), CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [form, checkable]);
  // Only the check of the form as it is now counts: none while the user types.
  const check = useApiQuery(
    'connections.check',
    checkable && paused === form ? paused : undefined,
    { keepPrevious: false },
  );
  const remoteErrors = submitErrors ?? check.data ?? {};

  const touch = (field: FieldName) => setTouched((s) => (s.has(field) ? s : new Set(s).add(field)));
  const update = (patch: Partial<ConnectionForm>, field?: FieldName) => {
    setForm((f) => ({ ...f, ...patch }));
    setSubmitErrors(undefined);
    if (field) touch(field);
  };

  const errors: FieldErrors = { ...remoteErrors, ...localErrors };
  const visibleError = (field: FieldName): string | undefined => {
    if (!touched.has(field)) return undefined;
    // The one URI error that is about the user's secret gets the user's language.
    if (field === 'customUri' && errors.customUri && uriHasPassword(form.customUri ?? '')) {
      return t('add.passwordInUri');
    }
    return errors[field];
  };

  return {
    form,
    uri,
    update,
    touch,
    localErrors,
    visibleError,
    touchAll: () => setTouched(new Set<FieldName>(['host', 'port', 'user', 'customUri'])),
    /** Shows the backend's field errors of a submit (until the form changes). */
    setRemoteErrors: setSubmitErrors,
    /** Runs the backend's checks now; resolves to every error the form has. */
    async checkNow(): Promise<FieldErrors> {
      const remote = await client.call('connections.check', form);
      setSubmitErrors(remote);
      return { ...remote, ...validateConnectionForm(form) };
    },
  };
}
