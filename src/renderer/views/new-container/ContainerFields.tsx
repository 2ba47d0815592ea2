import { Checkbox, FormGroup, Grid, GridItem, Radio, TextArea } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { ContainerHostFacts } from '../../../shared/api/methods/lxc';
import { FormField } from '../../components/forms/FormField';
import { FieldError, type FormErrors } from '../../components/forms/formErrors';
import { SelectField } from '../../components/forms/SelectField';
import { defaultBuildTarget, IDMAP_FIELDS, type ContainerForm } from './containerForm';

/** Every field of a new container; each backend error shows under the field it names. */
export function ContainerFields(props: {
  form: ContainerForm;
  update(patch: Partial<ContainerForm>, field: string): void;
  facts?: ContainerHostFacts;
  errors: FormErrors;
}) {
  const { t } = useTranslation('lxc');
  const { form, update, facts, errors } = props;
  const set =
    (field: keyof ContainerForm, errorField: string = field) =>
    (value: string) =>
      update({ [field]: value }, errorField);
  const building = form.kind === 'os' && form.rootfsSource === 'debootstrap';
  // Why debootstrap cannot run on this host, when it cannot.
  const buildUnavailable = !facts
    ? undefined
    : !facts.debootstrap
      ? t('tools.noDebootstrap')
      : !facts.root
        ? t('tools.notRoot')
        : undefined;
  const sources = form.netKind === 'bridge' ? (facts?.bridges ?? []) : (facts?.networks ?? []);
  return (
    <>
      <FormGroup role="radiogroup" isStack label={t('kind.label')} fieldId="vd-lxc-kind">
        {(['app', 'os'] as const).map((kind) => (
          <Radio
            key={kind}
            id={`vd-lxc-kind-${kind}`}
            name="vd-lxc-kind"
            label={t(`kind.${kind}`)}
            description={t(`kind.${kind}Help`)}
            isChecked={form.kind === kind}
            onChange={() =>
              update({ kind, init: kind === 'os' ? '/sbin/init' : '/bin/sh' }, 'init')
            }
          />
        ))}
      </FormGroup>
      <FormField
        id="vd-lxc-name"
        label={t('name')}
        value={form.name}
        onChange={set('name')}
        error={errors.error('name')}
      />
      {form.kind === 'os' && (
        <FormGroup
          role="radiogroup"
          isStack
          label={t('rootfsSource.label')}
          fieldId="vd-lxc-rootfs-source"
        >
          <Radio
            id="vd-lxc-rootfs-source-existing"
            name="vd-lxc-rootfs-source"
            label={t('rootfsSource.existing')}
            isChecked={form.rootfsSource === 'existing'}
            onChange={() => update({ rootfsSource: 'existing' }, 'rootfs')}
          />
          <Radio
            id="vd-lxc-rootfs-source-debootstrap"
            name="vd-lxc-rootfs-source"
            label={t('rootfsSource.debootstrap')}
            description={buildUnavailable ?? t('rootfsSource.debootstrapHelp')}
            isDisabled={buildUnavailable !== undefined}
            isChecked={building}
            onChange={() => update({ rootfsSource: 'debootstrap' }, 'rootfs')}
          />
        </FormGroup>
      )}
      <FormField
        id="vd-lxc-rootfs"
        label={building ? t('build.target') : t('rootfs')}
        isRequired={form.kind === 'os' && !building}
        value={form.rootfs}
        onChange={set('rootfs')}
        placeholder={building ? defaultBuildTarget(form.name) : '/var/lib/lxc/NAME/rootfs'}
        help={
          building
            ? t('build.targetHelp')
            : form.kind === 'app'
              ? t('rootfsAppHelp')
              : t('rootfsOsHelp')
        }
        error={errors.error('rootfs')}
      />
      {building && (
        <>
          <FormField
            id="vd-lxc-suite"
            label={t('build.suite')}
            value={form.suite}
            onChange={set('suite', 'build.suite')}
            help={t('build.suiteHelp')}
            error={errors.error('build.suite')}
          />
          <FormField
            id="vd-lxc-mirror"
            label={t('build.mirror')}
            value={form.mirror}
            onChange={set('mirror', 'build.mirror')}
            help={t('build.mirrorHelp')}
            error={errors.error('build.mirror')}
          />
          <SelectField
            id="vd-lxc-variant"
            label={t('build.variant')}
            value={form.variant}
            options={[
              ['minbase', t('build.minbase')],
              ['default', t('build.default')],
            ]}
            onChange={(variant) => update({ variant }, 'build.variant')}
          />
        </>
      )}
      {form.kind === 'os' && !building && facts && (
        <p className="vd-hint">
          {facts.debootstrap ? t('tools.debootstrap') : t('tools.noDebootstrap')}{' '}
          {facts.lxcCreate && t('tools.lxcCreate')} {!facts.root && t('tools.notRoot')}
        </p>
      )}
      <FormField
        id="vd-lxc-init"
        label={form.kind === 'app' ? t('command') : t('init')}
        isRequired={form.kind === 'app'}
        value={form.init}
        onChange={set('init')}
        error={errors.error('init')}
      />
      <FormField id="vd-lxc-args" label={t('args')} help={t('argsHelp')}>
        <TextArea
          id="vd-lxc-args"
          value={form.initArgs}
          onChange={(_e, v) => update({ initArgs: v }, 'initArgs')}
          rows={2}
        />
      </FormField>
      <FormField
        id="vd-lxc-memory"
        label={t('memory')}
        type="number"
        value={form.memoryMiB}
        onChange={set('memoryMiB')}
        help={facts && t('hostMemory', { mib: facts.memoryMiB })}
        error={errors.error('memoryMiB')}
      />
      <FormField
        id="vd-lxc-vcpus"
        label={t('vcpus')}
        type="number"
        value={form.vcpus}
        onChange={set('vcpus')}
        help={facts && t('hostCpus', { cpus: facts.cpus })}
        error={errors.error('vcpus')}
      />
      <SelectField
        id="vd-lxc-net-kind"
        label={t('network.label')}
        value={form.netKind}
        options={[
          ['network', t('network.network')],
          ['bridge', t('network.bridge')],
          ['none', t('network.none')],
        ]}
        onChange={(netKind) =>
          update(
            {
              netKind,
              netChosen: true,
              netName: (netKind === 'bridge' ? facts?.bridges[0] : facts?.networks[0]) ?? '',
            },
            'network.name',
          )
        }
      />
      {form.netKind !== 'none' && (
        <>
          <FormField
            id="vd-lxc-net-name"
            label={form.netKind === 'bridge' ? t('network.bridgeName') : t('network.networkName')}
            value={form.netName}
            onChange={set('netName', 'network.name')}
            help={sources.length > 0 ? sources.join(', ') : undefined}
            error={errors.error('network.name')}
          />
          <FormField
            id="vd-lxc-mac"
            label={t('network.mac')}
            value={form.mac}
            onChange={set('mac', 'network.mac')}
            error={errors.error('network.mac')}
          />
        </>
      )}
      {facts?.idmap && (
        <FormGroup fieldId="vd-lxc-idmap">
          <Checkbox
            id="vd-lxc-idmap"
            label={t('idmap', {
              uid: facts.idmap.uid.start,
              ids: facts.idmap.uid.count,
            })}
            isChecked={form.idmap}
            onChange={(_e, idmap) => update({ idmap }, 'idmap')}
          />
          <FieldError message={errors.error('idmap')} />
        </FormGroup>
      )}
      {facts?.idmap && form.idmap && (
        <Grid hasGutter md={4}>
          {IDMAP_FIELDS.map((field) => {
            const [kind, part] = field.split('.') as ['uid' | 'gid', 'start' | 'target' | 'count'];
            return (
              <GridItem key={field}>
                <FormField
                  id={`vd-lxc-idmap-${kind}-${part}`}
                  label={t(`idmapRange.${kind}.${part}`)}
                  type="number"
                  value={form.idmapRanges[field]}
                  onChange={(value) =>
                    update(
                      { idmapRanges: { ...form.idmapRanges, [field]: value } },
                      `idmap.${field}`,
                    )
                  }
                  error={errors.error(`idmap.${field}`)}
                />
              </GridItem>
            );
          })}
        </Grid>
      )}
      <Checkbox
        id="vd-lxc-start"
        label={t('start')}
        isChecked={form.start}
        onChange={(_e, start) => update({ start }, 'start')}
      />
    </>
  );
}
