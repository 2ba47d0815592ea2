import {
  Button,
  Card,
  CardBody,
  CardTitle,
  Checkbox,
  Form,
  FormGroup,
  TextArea,
} from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceView, VmDetails } from '../../../shared/api/vmDetailsTypes';
import { FormField } from '../../components/forms/FormField';
import { FormError } from '../vm-details/cards/FormError';
import type { DetailsState } from '../vm-details/useVmDetails';

/** One argument per line; an empty last line is not an argument. */
const argsOf = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

/** An LXC container's init command and arguments (<os><init>, <initarg>). */
export function ContainerInitCard({ details, state }: { details: VmDetails; state: DetailsState }) {
  const { t } = useTranslation('nativeConfig');
  const fromXml = details.container;
  const [init, setInit] = useState(fromXml?.init ?? '');
  const [args, setArgs] = useState((fromXml?.args ?? []).join('\n'));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const xmlKey = JSON.stringify(fromXml);
  useEffect(() => {
    setInit(fromXml?.init ?? '');
    setArgs((fromXml?.args ?? []).join('\n'));
    // Reset when the XML's values change, not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [xmlKey]);
  const save = async () => {
    setBusy(true);
    setError(await state.edit({ kind: 'containerInit', init, args: argsOf(args) }));
    setBusy(false);
  };
  return (
    <Card component="article" isCompact aria-label={t('container.title')}>
      <CardTitle>{t('container.title')}</CardTitle>
      <CardBody>
        <Form onSubmit={(e) => e.preventDefault()}>
          <FormField
            id="vd-container-init"
            label={t('container.init')}
            value={init}
            onChange={setInit}
          />
          <FormGroup label={t('container.args')} fieldId="vd-container-args">
            <TextArea
              id="vd-container-args"
              rows={3}
              value={args}
              onChange={(_e, v) => setArgs(v)}
            />
          </FormGroup>
          <Button variant="secondary" size="sm" isDisabled={busy} onClick={() => void save()}>
            {t('container.save')}
          </Button>
          <FormError message={error} />
        </Form>
      </CardBody>
    </Card>
  );
}

/** A host directory mount's form: adds one (no `device`) or changes the one given. */
function MountForm({ device, state }: { device?: DeviceView; state: DetailsState }) {
  const { t } = useTranslation('nativeConfig');
  const fs = device?.kind === 'filesystem' ? device : undefined;
  const id = `vd-mount-${(fs?.key ?? 'new').replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const [source, setSource] = useState(fs?.source ?? '');
  const [target, setTarget] = useState(fs?.target ?? '');
  // Unknown for an existing mount (the card does not read it): sent only once ticked or cleared.
  const [readonly, setReadonly] = useState<boolean>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    const failed = await state.edit({
      kind: 'mountFilesystem',
      ...(fs ? { key: fs.key } : {}),
      source,
      target,
      ...(readonly === undefined ? {} : { readonly }),
    });
    setError(failed);
    if (!failed && !fs) {
      setSource('');
      setTarget('');
    }
    setBusy(false);
  };
  return (
    <Form onSubmit={(e) => e.preventDefault()} aria-label={fs ? fs.target : t('container.add')}>
      <FormField
        id={`${id}-source`}
        label={t('container.source')}
        value={source}
        onChange={setSource}
      />
      <FormField
        id={`${id}-target`}
        label={t('container.target')}
        value={target}
        onChange={setTarget}
      />
      <Checkbox
        id={`${id}-readonly`}
        label={t('container.readonly')}
        isChecked={readonly ?? false}
        onChange={(_e, v) => setReadonly(v)}
      />
      <Button variant="secondary" size="sm" isDisabled={busy} onClick={() => void save()}>
        {fs ? t('container.edit') : t('container.add')}
      </Button>
      <FormError message={error} />
    </Form>
  );
}

/** Host directories mounted into the container: change each, add another. */
export function ContainerMountsCard({
  details,
  state,
}: {
  details: VmDetails;
  state: DetailsState;
}) {
  const { t } = useTranslation('nativeConfig');
  // The root file system (target "/") is the container itself: changed by its own form, not here.
  const mounts = details.devices.filter(
    (d) => d.kind === 'filesystem' && d.target !== undefined && d.target !== '/',
  );
  return (
    <Card component="article" isCompact aria-label={t('container.mounts')}>
      <CardTitle>{t('container.mounts')}</CardTitle>
      <CardBody>
        {mounts.length === 0 && <p className="vd-muted">{t('container.none')}</p>}
        {mounts.map((d) => (
          <MountForm key={`${d.key}:${JSON.stringify(d)}`} device={d} state={state} />
        ))}
        <MountForm state={state} />
      </CardBody>
    </Card>
  );
}
