import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionForm, FieldErrors } from '../../../shared/api/types';
import { connectionUri, validateConnectionForm } from '../../../shared/connectionForm';
import { uriHasPassword } from '../../../shared/libvirtUri';
import { useClient } from '../../state/context';

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
  const [remoteErrors, setRemoteErrors] = useState<FieldErrors>({});
  const checkSeq = useRef(0);

  const localErrors = useMemo(() => validateConnectionForm(form), [form]);
  const uri = useMemo(() => {
    try {
      return connectionUri(form);
    } catch {
      return '';
    }
  }, [form]);

  useEffect(() => {
    setRemoteErrors({});
    if (uri === '' || !(form.remote || form.customUri?.trim())) return;
    const seq = ++checkSeq.current;
    const timer = setTimeout(() => {
      client.call('connections.check', form).then(
        (errors) => seq === checkSeq.current && setRemoteErrors(errors),
        () => {},
      );
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [client, form, uri]);

  const touch = (field: FieldName) => setTouched((s) => (s.has(field) ? s : new Set(s).add(field)));
  const update = (patch: Partial<ConnectionForm>, field?: FieldName) => {
    setForm((f) => ({ ...f, ...patch }));
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
    setRemoteErrors,
    /** Runs the backend's checks now; resolves to every error the form has. */
    async checkNow(): Promise<FieldErrors> {
      checkSeq.current++;
      const remote = await client.call('connections.check', form);
      setRemoteErrors(remote);
      return { ...remote, ...validateConnectionForm(form) };
    },
  };
}
