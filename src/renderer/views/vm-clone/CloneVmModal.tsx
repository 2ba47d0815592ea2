import { Alert, Checkbox, List, ListItem, Spinner, Stack, Title } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClonePlan } from '../../../shared/api/methods/vmClone';
import type { CreateVmStarted } from '../../../shared/api/newVmTypes';
import type { VmSummary } from '../../../shared/api/types';
import { actionApplies } from '../../../shared/vmActions';
import { FieldError, useFormErrors, type FormErrors } from '../../components/forms/formErrors';
import { FormField } from '../../components/forms/FormField';
import { FormModal } from '../../components/forms/FormModal';
import { useSubmit } from '../../components/forms/useSubmit';
import { useClient, useSlice, useStore } from '../../state/context';
import { useApiQuery } from '../../state/queries';
import { vmKey } from '../../state/vmKey';
import {
  anyLinked,
  cloneName,
  cloneParams,
  isCloneField,
  modeOf,
  modesOffered,
  NO_CHOICES,
  volumeOf,
  type CloneChoices,
} from './cloneChoices';
import { CloneDiskRow } from './CloneDiskRow';
import { CloneProgressModal } from './CloneProgressModal';
import { IdentityResetFields } from './IdentityResetFields';
import './vmClone.css';

/**
 * Clone one VM (virt-manager's Clone dialog, with linked clones and volume names of one's own):
 * the plan from the backend, the user's choices over it, then `vms.clone`'s job followed to the
 * end, with a link to the clone.
 */
export function CloneVmModal({ vm, onClose }: { vm: VmSummary; onClose(): void }) {
  const { t } = useTranslation('vmClone');
  const client = useClient();
  const store = useStore();
  const ref = { connectionId: vm.connectionId, uuid: vm.uuid };
  const plan = useApiQuery('vms.clonePlan', ref);
  // The VM as the list has it now: it may have been started since the dialog opened.
  const current = useSlice(store.vms, (vms) => vms.get(vmKey(vm.connectionId, vm.uuid))) ?? vm;
  const [choices, setChoices] = useState<CloneChoices>(NO_CHOICES);
  const [started, setStarted] = useState<CreateVmStarted>();
  const errors = useFormErrors(isCloneField);
  const { busy, run } = useSubmit((err) => {
    errors.fail(err);
    // A refusal is often news about the host (the name taken meanwhile): show the plan as now.
    plan.reload();
  });

  if (started) {
    return (
      <CloneProgressModal
        connectionId={vm.connectionId}
        source={vm.name}
        started={started}
        onClose={onClose}
      />
    );
  }

  const loaded = plan.data;
  const active = (loaded?.active ?? false) || actionApplies('forceOff', current);
  const choose = (patch: Partial<CloneChoices>) => setChoices((c) => ({ ...c, ...patch }));

  const submit = () => {
    if (!loaded) return;
    errors.clear();
    void run(async () => {
      setStarted(await client.call('vms.clone', cloneParams(ref, loaded, choices, active)));
    });
  };

  return (
    <FormModal
      id="vd-vm-clone"
      title={t('title')}
      variant="medium"
      onClose={onClose}
      error={errors.general}
      errorDetail={errors.detail}
      errorTitle={t('failed', { name: vm.name })}
      onSubmit={submit}
      submitLabel={t('submit')}
      busy={busy}
      submitDisabled={!loaded || (active && !choices.pauseSource)}
    >
      <p>{t('body', { name: vm.name })}</p>
      {plan.error && (
        <Alert variant="danger" isInline title={t('loadFailed')}>
          {plan.error}
        </Alert>
      )}
      {!loaded && !plan.error && <Spinner size="lg" aria-label={t('common:loading')} />}
      {loaded && (
        <ClonePlanFields
          plan={loaded}
          vmName={vm.name}
          choices={choices}
          choose={choose}
          active={active}
          errors={errors}
        />
      )}
    </FormModal>
  );
}

/** The form over a loaded plan: name, running source, disks, what is copied, identity, start. */
function ClonePlanFields({
  plan,
  vmName,
  choices,
  choose,
  active,
  errors,
}: {
  plan: ClonePlan;
  vmName: string;
  choices: CloneChoices;
  choose(patch: Partial<CloneChoices>): void;
  active: boolean;
  errors: FormErrors;
}) {
  const { t } = useTranslation('vmClone');
  const name = cloneName(plan, choices);
  const alsoCopied = [plan.nvram && t('nvram', { path: plan.nvram }), plan.tpm && t('tpm')].filter(
    (item): item is string => typeof item === 'string',
  );
  return (
    <>
      <FormField
        id="vd-vm-clone-name"
        label={t('name')}
        isRequired
        value={name}
        autoComplete="off"
        onChange={errors.clearing('name', (value: string) => choose({ name: value }))}
        error={errors.error('name')}
      />
      {active && (
        <>
          <Alert variant="warning" isInline title={t('running.warning', { name: vmName })} />
          <Checkbox
            id="vd-vm-clone-pause"
            label={t('running.pause')}
            description={t('running.pauseRequired')}
            isRequired
            isChecked={choices.pauseSource}
            onChange={(_e, on) =>
              errors.clearing('pauseSource', (pauseSource: boolean) => choose({ pauseSource }))(on)
            }
          />
          <FieldError message={errors.error('pauseSource')} />
        </>
      )}
      <Title headingLevel="h3" size="md">
        {t('disks')}
      </Title>
      {plan.disks.length === 0 && <p>{t('noDisks')}</p>}
      <Stack hasGutter>
        {plan.disks.map((disk, index) => (
          <CloneDiskRow
            key={disk.target}
            disk={disk}
            index={index}
            offered={modesOffered(disk, active)}
            mode={modeOf(disk, choices, active)}
            volume={volumeOf(plan, disk, choices)}
            active={active}
            onMode={(mode) => choose({ modes: new Map(choices.modes).set(disk.target, mode) })}
            onVolume={(volume) =>
              choose({ volumes: new Map(choices.volumes).set(disk.target, volume) })
            }
            errors={errors}
          />
        ))}
      </Stack>
      {anyLinked(plan, choices, active) && (
        <Alert variant="info" isInline isPlain title={t('linkedTemplate', { name: vmName })} />
      )}
      {alsoCopied.length > 0 && (
        <section>
          <Title headingLevel="h3" size="md">
            {t('alsoCopied')}
          </Title>
          <List aria-label={t('alsoCopied')}>
            {alsoCopied.map((item) => (
              <ListItem key={item}>{item}</ListItem>
            ))}
          </List>
        </section>
      )}
      <IdentityResetFields
        identityReset={plan.identityReset}
        chosen={choices.identity}
        onToggle={(operation, on) => {
          const identity = new Set(choices.identity);
          if (on) identity.add(operation);
          else identity.delete(operation);
          choose({ identity });
        }}
        hostname={choices.hostname}
        onHostname={errors.clearing('identityReset.hostname', (hostname: string) =>
          choose({ hostname }),
        )}
        cloneName={name}
        hostnameError={errors.error('identityReset.hostname')}
      />
      <Checkbox
        id="vd-vm-clone-start"
        label={t('start')}
        isChecked={choices.start}
        onChange={(_e, start) => choose({ start })}
      />
    </>
  );
}
