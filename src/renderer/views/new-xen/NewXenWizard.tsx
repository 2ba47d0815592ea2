import {
  Alert,
  Button,
  CodeBlock,
  CodeBlockCode,
  Form,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
} from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormErrors } from '../../components/forms/formErrors';
import { consoleHash, vmHash } from '../../routes';
import { useClient } from '../../state/context';
import { useApiQuery } from '../../state/queries';
import { HostPicker, type HostWizardProps } from '../new-vm/HostPicker';
import { XenFields } from './XenFields';
import { INITIAL_FORM, toXenOptions, withHostDefaults, type XenForm } from './xenForm';

const FIELDS = [
  'name',
  'kernel',
  'initrd',
  'cmdline',
  'bootloader',
  'iso',
  'memoryMiB',
  'vcpus',
  'disk',
  'network.name',
  'network.mac',
];

/**
 * The New VM wizard on a Xen connection (libvirt's libxl driver): a PV guest booting a kernel
 * from the host or through pygrub, or an HVM guest installing from an ISO with a VNC display.
 * Next has the backend check every field (each problem on its field, nothing defined) and shows
 * the XML; Create defines it (and starts it), then the guest's console or page opens.
 */
export function NewXenWizard(props: HostWizardProps) {
  const { t } = useTranslation('xen');
  const client = useClient();
  const { connectionId } = props;
  const facts = useApiQuery('xen.hostFacts', { connectionId }, { keepPrevious: false });
  const [form, setForm] = useState<XenForm>(INITIAL_FORM);
  // The previewed XML and its UUID, which Create sends so that what was shown is defined.
  const [preview, setPreview] = useState<{ xml: string; uuid: string }>();
  const xml = preview?.xml;
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  useEffect(() => {
    if (facts.data) setForm((f) => withHostDefaults(f, facts.data!));
  }, [facts.data]);

  const update = (patch: Partial<XenForm>, field: string) => {
    setForm((f) => ({ ...f, ...patch }));
    errors.clear(field);
  };

  const run = async (action: () => Promise<void>) => {
    errors.clear();
    setBusy(true);
    try {
      await action();
    } catch (err) {
      errors.fail(err);
      setPreview(undefined);
    } finally {
      setBusy(false);
    }
  };

  const next = () =>
    run(async () => {
      setPreview(await client.call('xen.previewXml', toXenOptions(connectionId, form)));
    });

  const create = () =>
    run(async () => {
      const made = await client.call('xen.create', {
        ...toXenOptions(connectionId, form),
        uuid: preview?.uuid,
      });
      props.onClose();
      window.location.hash = form.start
        ? consoleHash(connectionId, made.uuid)
        : vmHash(connectionId, made.uuid);
    });

  return (
    <Modal
      isOpen
      variant="large"
      onEscapePress={busy ? undefined : props.onClose}
      aria-labelledby="vd-new-xen-title"
      className="vd-new-vm"
    >
      <ModalHeader
        title={t('title')}
        labelId="vd-new-xen-title"
        description={xml ? t('summary') : t('description')}
      />
      <ModalBody>
        <Form onSubmit={(e) => e.preventDefault()}>
          {(errors.general ?? facts.error) && (
            <Alert isInline variant="danger" title={errors.general ?? facts.error} />
          )}
          {xml === undefined ? (
            <>
              <HostPicker {...props} />
              <XenFields form={form} update={update} facts={facts.data} errors={errors} />
            </>
          ) : (
            <CodeBlock aria-label={t('xml')}>
              <CodeBlockCode>{xml}</CodeBlockCode>
            </CodeBlock>
          )}
        </Form>
      </ModalBody>
      <ModalFooter>
        {xml === undefined ? (
          <Button onClick={() => void next()} isLoading={busy} isDisabled={busy}>
            {t('next')}
          </Button>
        ) : (
          <Button onClick={() => void create()} isLoading={busy} isDisabled={busy}>
            {t('create')}
          </Button>
        )}
        <Button
          variant="secondary"
          onClick={() => setPreview(undefined)}
          isDisabled={xml === undefined || busy}
        >
          {t('back')}
        </Button>
        <Button variant="link" onClick={props.onClose} isDisabled={busy}>
          {t('common:cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
