import { useEffect, useMemo, useRef, useState } from 'react';
import type { ConnectionForm, FieldErrors } from '../../../shared/api/types';
import { connectionUri, validateConnectionForm } from '../../../shared/connectionForm';
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
  const visibleError = (field: FieldName): string | undefined =>
    touched.has(field) ? errors[field] : undefined;

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
