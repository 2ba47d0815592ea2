import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormErrors } from '../../components/forms/formErrors';
import { useSubmit } from '../../components/forms/useSubmit';
import { newGuestHash } from '../../routes';
import { useClient } from '../../state/context';
import { useApiQuery } from '../../state/queries';
import type { HostWizardProps } from '../new-vm/HostPicker';
import { PreviewWizard } from '../new-vm/PreviewWizard';
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
  const errors = useFormErrors(FIELDS);
  const { busy, run } = useSubmit((err) => {
    errors.fail(err);
    setPreview(undefined);
  });

  useEffect(() => {
    if (facts.data) setForm((f) => withHostDefaults(f, facts.data!));
  }, [facts.data]);

  const update = (patch: Partial<XenForm>, field: string) => {
    setForm((f) => ({ ...f, ...patch }));
    errors.clear(field);
  };

  const next = () =>
    run(async () => {
      errors.clear();
      setPreview(await client.call('xen.previewXml', toXenOptions(connectionId, form)));
    });

  const create = () =>
    run(async () => {
      errors.clear();
      const made = await client.call('xen.create', {
        ...toXenOptions(connectionId, form),
        uuid: preview?.uuid,
      });
      props.onClose();
      window.location.hash = newGuestHash(connectionId, made.uuid, form.start);
    });

  return (
    <PreviewWizard
      {...props}
      id="vd-new-xen"
      ns="xen"
      description={t('description')}
      errors={errors}
      factsError={facts.error}
      fields={<XenFields form={form} update={update} facts={facts.data} errors={errors} />}
      xml={preview?.xml}
      busy={busy}
      onNext={() => void next()}
      onCreate={() => void create()}
      onBack={() => setPreview(undefined)}
    />
  );
}
