import { FormGroup, Radio, TextArea } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionConfig } from '../../../shared/api/types';
import { parseLibvirtUri } from '../../../shared/libvirtUri';
import { nativeFormatsOf, type NativeFormat } from '../../../shared/nativeConfig';
import { ApiError } from '../../api/apiError';
import { FormField } from '../../components/forms/FormField';
import { FormModal } from '../../components/forms/FormModal';
import { SelectField } from '../../components/forms/SelectField';
import { useFormErrors } from '../../components/forms/formErrors';
import { useSubmit } from '../../components/forms/useSubmit';
import { useClient } from '../../state/context';
import { connectionLabel } from '../connections/hostState';

/** The formats a connection imports, from its URI's driver (none for a bad URI). */
export function importFormats(connection: ConnectionConfig): readonly NativeFormat[] {
  try {
    return nativeFormatsOf(parseLibvirtUri(connection.uri).driver).from;
  } catch {
    return [];
  }
}

const FIELDS = ['connectionId', 'format', 'source.text', 'source.hostPath', 'xml'];

/**
 * "Import config": an lxc-tools config or an xl.cfg, pasted or read from a file on the host
 * (/var/lib/lxc/NAME/config), converted by the connection's libvirt and shown as domain XML
 * before anything is defined; Define then makes it a VM. libvirt's own words are shown when it
 * cannot read the config; nothing is defined then.
 */
export function ImportConfigModal({
  connections,
  onDefined,
  onClose,
}: {
  /** Connected connections whose driver imports a native format. */
  connections: readonly ConnectionConfig[];
  onDefined(vm: { connectionId: string; uuid: string }): void;
  onClose(): void;
}) {
  const { t } = useTranslation('nativeConfig');
  const client = useClient();
  const errors = useFormErrors(FIELDS);
  const [detail, setDetail] = useState<string>();
  const fail = (err: unknown) => {
    errors.fail(err);
    setDetail(err instanceof ApiError ? err.detail : undefined);
  };
  const { busy, run } = useSubmit(fail);
  const [connectionId, setConnectionId] = useState(connections[0]?.id ?? '');
  const connection = connections.find((c) => c.id === connectionId);
  const formats = connection ? importFormats(connection) : [];
  const [format, setFormat] = useState<NativeFormat>(formats[0] ?? 'lxc-tools');
  const [from, setFrom] = useState<'text' | 'hostPath'>('hostPath');
  const [text, setText] = useState('');
  const [hostPath, setHostPath] = useState('');
  const [preview, setPreview] = useState<{ xml: string; name: string }>();
  // Any change to what is converted makes the preview stale: it must be made again.
  const changing =
    <T,>(field: string, set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPreview(undefined);
      setDetail(undefined);
      errors.clear(field);
    };

  const submit = () =>
    run(async () => {
      errors.clear();
      setDetail(undefined);
      if (!preview) {
        const source = from === 'text' ? { text } : { hostPath };
        setPreview(await client.call('nativeConfig.toXml', { connectionId, format, source }));
        return;
      }
      const vm = await client.call('nativeConfig.define', { connectionId, xml: preview.xml });
      onDefined({ connectionId, uuid: vm.uuid });
    });

  return (
    <FormModal
      id="vd-import-config"
      variant="medium"
      title={t('import.title')}
      description={t('import.description')}
      onClose={onClose}
      error={errors.general}
      errorTitle={detail ? errors.general : undefined}
      onSubmit={() => void submit()}
      submitLabel={preview ? t('import.define', { name: preview.name }) : t('import.preview')}
      busy={busy}
      submitDisabled={!connection || formats.length === 0}
    >
      {detail && (
        <pre className="vd-xml-error" aria-label={t('import.libvirtSaid')}>
          {detail}
        </pre>
      )}
      <SelectField
        id="vd-import-config-connection"
        label={t('import.connection')}
        value={connectionId}
        options={connections.map((c) => [c.id, connectionLabel(c).label ?? c.uri] as const)}
        onChange={changing('connectionId', (id: string) => {
          setConnectionId(id);
          const next = connections.find((c) => c.id === id);
          setFormat((next && importFormats(next)[0]) ?? 'lxc-tools');
        })}
        error={errors.error('connectionId')}
      />
      <SelectField
        id="vd-import-config-format"
        label={t('import.format')}
        value={format}
        options={formats.map((f) => [f, t(`format.${f}`)] as const)}
        onChange={changing('format', setFormat)}
        error={errors.error('format')}
      />
      <FormGroup role="radiogroup" label={t('import.from')} fieldId="vd-import-config-from">
        <Radio
          id="vd-import-config-from-path"
          name="vd-import-config-from"
          label={t('import.fromHostPath')}
          isChecked={from === 'hostPath'}
          onChange={() => changing('source.hostPath', setFrom)('hostPath')}
        />
        <Radio
          id="vd-import-config-from-text"
          name="vd-import-config-from"
          label={t('import.fromText')}
          isChecked={from === 'text'}
          onChange={() => changing('source.text', setFrom)('text')}
        />
      </FormGroup>
      {from === 'hostPath' ? (
        <FormField
          id="vd-import-config-path"
          label={t('import.hostPath')}
          placeholder={format === 'lxc-tools' ? '/var/lib/lxc/NAME/config' : '/etc/xen/NAME.cfg'}
          value={hostPath}
          onChange={changing('source.hostPath', setHostPath)}
          error={errors.error('source.hostPath')}
        />
      ) : (
        <FormField
          id="vd-import-config-text"
          label={t('import.text')}
          error={errors.error('source.text')}
        >
          <TextArea
            id="vd-import-config-text"
            className="vd-xml"
            rows={10}
            value={text}
            validated={errors.validated('source.text')}
            onChange={(_e, v) => changing('source.text', setText)(v)}
          />
        </FormField>
      )}
      {preview && (
        <FormField id="vd-import-config-xml" label={t('import.xml')} error={errors.error('xml')}>
          <TextArea
            id="vd-import-config-xml"
            className="vd-xml"
            rows={16}
            value={preview.xml}
            readOnlyVariant="default"
          />
        </FormField>
      )}
    </FormModal>
  );
}
