import { Button, Card, CardBody, CardTitle, Switch, Title } from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceView, VmDetails } from '../../../../shared/api/vmDetailsTypes';
import type { DetailsState } from '../useVmDetails';
import { FormError } from './FormError';
import { OrderedChecklist, type ChecklistEntry } from './OrderedChecklist';
import { SettingsForm, changedValues } from './SettingsForm';
import { BOOT_DEVS } from '../deviceChoices';
import { listed } from '../../../../shared/deviceOptions';

const BOOTABLE = ['disk', 'interface', 'hostdev', 'redirdev', 'filesystem'];
type BootDev = (typeof BOOT_DEVS)[number];

/** Devices with a boot order first (in it), then the other bootable ones, unticked. */
function deviceEntries(devices: DeviceView[]): ChecklistEntry[] {
  const bootable = devices.filter((d) => d.inConfig && BOOTABLE.includes(d.element));
  const ordered = bootable
    .filter((d) => d.bootOrder !== undefined)
    .sort((a, b) => (a.bootOrder ?? 0) - (b.bootOrder ?? 0));
  const rest = bootable.filter((d) => d.bootOrder === undefined);
  return [...ordered, ...rest].map((d) => ({
    key: d.key,
    label: `${d.kind} ${d.label}`,
    enabled: d.bootOrder !== undefined,
  }));
}

/** The <os><boot dev> list: the guest's entries in order, then the other types, unticked. */
function typeEntries(devs: string[], label: (dev: BootDev) => string): ChecklistEntry[] {
  const known = devs.flatMap((d) => listed(BOOT_DEVS, d) ?? []);
  const rest = BOOT_DEVS.filter((d) => !devs.includes(d));
  return [...known, ...rest].map((d) => ({ key: d, label: label(d), enabled: devs.includes(d) }));
}

/**
 * Boot options: the order by device (drag or Up / Down, tick, Apply), or, while no device has an
 * order of its own, by device type (libvirt takes one or the other); the boot menu; direct
 * kernel boot (kernel, initrd, arguments).
 */
export function BootCard({ details, state }: { details: VmDetails; state: DetailsState }) {
  const { t } = useTranslation('vmDetails');
  const { boot } = details;
  const typeLabel = (dev: BootDev) => t(`boot.devs.${dev}`);
  const [list, setList] = useState(() => deviceEntries(details.devices));
  const [types, setTypes] = useState(() => typeEntries(boot.devices, typeLabel));
  const [error, setError] = useState<string>();
  useEffect(() => setList(deviceEntries(details.devices)), [details.devices]);
  // Reset from the XML when it changes; typeLabel is a fresh closure per render, and watching it
  // would undo the user's unapplied reordering at every render.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- reset by boot.devices only
  useEffect(() => setTypes(typeEntries(boot.devices, typeLabel)), [boot.devices]);
  const byDevice = details.devices.some((d) => d.bootOrder !== undefined);
  const enabled = (entries: ChecklistEntry[]) => entries.filter((e) => e.enabled).map((e) => e.key);
  return (
    <Card component="article" isCompact aria-label={t('boot.title')}>
      <CardTitle>{t('boot.title')}</CardTitle>
      <CardBody>
        <OrderedChecklist label={t('boot.order')} entries={list} onChange={setList} />
        <Button
          variant="primary"
          onClick={() =>
            void state.edit({ kind: 'bootOrder', devices: enabled(list) }).then(setError)
          }
        >
          {t('boot.apply')}
        </Button>
        {!byDevice && (
          <>
            <Title headingLevel="h3" size="md">
              {t('boot.byTypeTitle')}
            </Title>
            <OrderedChecklist label={t('boot.typeOrder')} entries={types} onChange={setTypes} />
            <Button
              variant="secondary"
              onClick={() =>
                void state
                  .edit({
                    kind: 'bootDevs',
                    devs: enabled(types).flatMap((d) => listed(BOOT_DEVS, d) ?? []),
                  })
                  .then(setError)
              }
            >
              {t('boot.applyTypes')}
            </Button>
          </>
        )}
        <Switch
          id="vd-boot-menu"
          label={t('boot.menu')}
          isChecked={boot.menu}
          onChange={(_e, on) => void state.edit({ kind: 'bootMenu', enabled: on }).then(setError)}
        />
        <FormError message={error} />
        <Title headingLevel="h3" size="md">
          {t('boot.kernelTitle')}
        </Title>
        <SettingsForm<{ kernel: string; initrd: string; cmdline: string }>
          formId="kernel-boot"
          state={state}
          applyLabel={t('boot.applyKernel')}
          fields={[
            { id: 'kernel', label: t('boot.kernel'), value: boot.kernel ?? '' },
            { id: 'initrd', label: t('boot.initrd'), value: boot.initrd ?? '' },
            { id: 'cmdline', label: t('boot.cmdline'), value: boot.cmdline ?? '' },
          ]}
          toEdit={(v, initial) => {
            const changed = changedValues(v, initial);
            return (
              changed && {
                kind: 'kernelBoot',
                kernel: changed.kernel,
                initrd: changed.initrd,
                cmdline: changed.cmdline,
              }
            );
          }}
        />
      </CardBody>
    </Card>
  );
}
