import {
  Alert,
  Checkbox,
  ExpandableSection,
  List,
  ListItem,
  Spinner,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MigrationOptions } from '../../../shared/api/methods/migration';
import type { VmSummary } from '../../../shared/api/types';
import { FormField } from '../../components/forms/FormField';
import { useFormErrors } from '../../components/forms/formErrors';
import { FormModal } from '../../components/forms/FormModal';
import { SelectField } from '../../components/forms/SelectField';
import { useSubmit } from '../../components/forms/useSubmit';
import { formatBytes } from '../../format';
import { useClient, useSlice, useStore } from '../../state/context';
import { useApiQuery } from '../../state/queries';
import { vmKey } from '../../state/vmKey';
import { useConnectionName } from './connectionName';
import {
  defaultTargetAddress,
  initialForm,
  isMigrationField,
  migrationMode,
  migrationOptionsOf,
  migrationTargets,
  problemsByField,
  readBandwidth,
  transportsFor,
  type MigrationField,
  type MigrationForm,
} from './migrationForm';
import { MigrationProgressModal } from './MigrationProgressModal';
import './vmMigrate.css';

const ID = 'vd-vm-migrate';

/**
 * Migrate one VM to another of the app's connected hosts (virt-manager's Migrate dialog, with
 * copied storage and a move through Virtdeck for hosts that cannot reach each other). Every
 * change of a choice asks the backend's checks again; their problems stand beside the fields
 * they are about and Migrate waits until there is none. Once started, the dialog follows the job.
 */
export function MigrateVmModal({ vm, onClose }: { vm: VmSummary; onClose(): void }) {
  const { t } = useTranslation('vmMigrate');
  const client = useClient();
  const store = useStore();
  const connectionName = useConnectionName();
  const connections = useSlice(store.connections, (list) => list);
  const hosts = useSlice(store.hosts, (map) => map);
  // The VM as the list has it now: it may have been started or shut off since the dialog opened.
  const current = useSlice(store.vms, (vms) => vms.get(vmKey(vm.connectionId, vm.uuid))) ?? vm;
  const targets = migrationTargets(connections, hosts, vm.connectionId);
  // Only what the user changed; the rest follows the defaults (the first target while none picked).
  const [edited, setEdited] = useState<Partial<MigrationForm>>({});
  const [started, setStarted] = useState<{ jobId: string; options: MigrationOptions }>();
  const errors = useFormErrors(isMigrationField);
  const { busy, run } = useSubmit(errors.fail);

  const defaults = initialForm(targets);
  const picked = targets.some((x) => x.connection.id === edited.targetConnectionId);
  const form: MigrationForm = {
    ...defaults,
    ...edited,
    targetConnectionId: picked ? (edited.targetConnectionId ?? '') : defaults.targetConnectionId,
  };
  const mode = migrationMode(current);
  const options = migrationOptionsOf(current, form);
  const check = useApiQuery('vms.migrationCheck', options, { keepPrevious: true });

  if (started) {
    return (
      <MigrationProgressModal
        vm={vm}
        jobId={started.jobId}
        targetConnectionId={started.options.targetConnectionId}
        onClose={onClose}
      />
    );
  }

  // A field's change: kept as edited, and the refusal said under it is cleared.
  const set = <K extends keyof MigrationForm>(key: K, errorField: MigrationField) =>
    errors.clearing(errorField, (value: MigrationForm[K]) =>
      setEdited((before) => ({ ...before, [key]: value })),
    );
  const problems = problemsByField(check.data);
  const bandwidthInvalid = readBandwidth(form.bandwidth).invalid;
  const fieldError = (field: MigrationField) =>
    errors.error(field) ??
    (field === 'bandwidthMiBs' && bandwidthInvalid ? t('bandwidth.invalid') : undefined) ??
    problems.onField[field];
  const problemCount = check.data?.problems.length ?? 0;
  const canMigrate =
    options !== undefined && check.data !== undefined && !check.loading && problemCount === 0;
  const target = targets.find((x) => x.connection.id === form.targetConnectionId);

  const migrate = async () => {
    if (!options || !canMigrate) return;
    errors.clear();
    await run(async () => {
      const { jobId } = await client.call('vms.migrate', options);
      setStarted({ jobId, options });
    });
  };

  const transports = transportsFor(mode);
  return (
    <FormModal
      id={ID}
      title={t('title', { name: vm.name })}
      variant="medium"
      onClose={onClose}
      error={errors.general}
      errorDetail={errors.detail}
      errorTitle={t('failed', { name: vm.name })}
      onSubmit={() => void migrate()}
      submitLabel={t('migrate')}
      busy={busy}
      submitDisabled={!canMigrate}
    >
      {targets.length === 0 ? (
        <Alert variant="info" isInline isPlain title={t('noTargets')} />
      ) : (
        <SelectField
          id={`${ID}-target`}
          label={t('target.label')}
          value={form.targetConnectionId}
          options={targets.map((x) => {
            const name = connectionName(x.connection);
            const version = x.status.libvirtVersion;
            const label = version
              ? t('target.option', { name, hypervisor: x.status.hypervisor ?? '', version })
              : name;
            return [x.connection.id, label] as const;
          })}
          onChange={set('targetConnectionId', 'targetConnectionId')}
          error={fieldError('targetConnectionId')}
        />
      )}
      <FormField
        id={`${ID}-mode`}
        label={t('mode.label')}
        error={fieldError('mode')}
        help={t(`mode.${mode}Help`)}
      >
        <output id={`${ID}-mode`}>{t(`mode.${mode}`)}</output>
      </FormField>
      <SelectField
        id={`${ID}-storage`}
        label={t('storage.label')}
        value={form.storage}
        options={(['copy', 'shared'] as const).map((s) => [s, t(`storage.${s}`)] as const)}
        onChange={set('storage', 'storage')}
        error={fieldError('storage')}
        help={t(`storage.${form.storage}Help`)}
      />
      <SelectField
        id={`${ID}-transport`}
        label={t('transport.label')}
        value={transports.includes(form.transport) ? form.transport : 'direct'}
        options={transports.map((x) => [x, t(`transport.${x}`)] as const)}
        onChange={set('transport', 'transport')}
        error={fieldError('transport')}
        help={t(`transport.${options?.transport ?? 'direct'}Help`)}
      />
      {options?.transport === 'tunnelled' && (
        <FormField
          id={`${ID}-tunnel-uri`}
          label={t('tunnelUri.label')}
          value={form.tunnelUri}
          placeholder={target?.connection.uri}
          onChange={set('tunnelUri', 'tunnelUri')}
          error={fieldError('tunnelUri')}
          help={t('tunnelUri.help')}
        />
      )}
      <Checkbox
        id={`${ID}-keep-source`}
        label={t('keepSource.label')}
        description={t('keepSource.help')}
        isChecked={form.keepSource}
        onChange={(_e, keep) => setEdited((before) => ({ ...before, keepSource: keep }))}
      />
      <FormField
        id={`${ID}-bandwidth`}
        label={t('bandwidth.label')}
        value={form.bandwidth}
        onChange={set('bandwidth', 'bandwidthMiBs')}
        error={fieldError('bandwidthMiBs')}
        help={t('bandwidth.help')}
      />
      <ExpandableSection toggleText={t('advanced')}>
        <FormField
          id={`${ID}-target-address`}
          label={t('targetAddress.label')}
          value={form.targetAddress}
          placeholder={defaultTargetAddress(target)}
          onChange={set('targetAddress', 'targetAddress')}
          error={fieldError('targetAddress')}
          help={t('targetAddress.help')}
        />
      </ExpandableSection>
      <CheckSummary
        loading={check.loading && !check.data}
        error={check.error}
        general={problems.general}
        disks={check.data?.disks}
        storage={form.storage}
      />
    </FormModal>
  );
}

/** What the checks said: problems that name no field, and what will be copied. */
function CheckSummary(props: {
  loading: boolean;
  error?: string;
  general: readonly string[];
  disks?: readonly { target: string; path: string; bytes: number }[];
  storage: MigrationForm['storage'];
}) {
  const { t } = useTranslation('vmMigrate');
  if (props.error) {
    return (
      <Alert variant="danger" isInline title={t('checkFailed')}>
        {props.error}
      </Alert>
    );
  }
  if (props.loading) return <Spinner size="md" aria-label={t('checking')} />;
  return (
    <>
      {props.general.length > 0 && (
        <Alert variant="danger" isInline title={t('problems')}>
          <List>
            {props.general.map((message) => (
              <ListItem key={message}>{message}</ListItem>
            ))}
          </List>
        </Alert>
      )}
      {props.disks && (
        <section aria-label={t('copied.title')}>
          <p>
            <strong>{t('copied.title')}</strong>
          </p>
          {props.disks.length === 0 ? (
            <p>{t(props.storage === 'copy' ? 'copied.none' : 'copied.shared')}</p>
          ) : (
            <List className="vd-migrate-disks">
              {props.disks.map((d) => (
                <ListItem key={`${d.target}:${d.path}`}>
                  {t('copied.disk', { target: d.target, path: d.path, size: formatBytes(d.bytes) })}
                </ListItem>
              ))}
            </List>
          )}
        </section>
      )}
    </>
  );
}
