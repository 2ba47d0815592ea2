import { Button, FormGroup, Radio, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../state/context';
import { FieldError } from '../../components/forms/formErrors';
import { HostFileBrowser } from './HostFileBrowser';
import { PoolVolumeBrowser } from './PoolVolumeBrowser';
import type { StepProps } from './stepProps';
import { TemplateSource } from './TemplateSource';
import { ApplianceSource } from './appliance/ApplianceSource';
import { CloudImageSource } from './cloud/CloudImageSource';
import { ImportSource } from './ImportSource';
import { UploadIntoPool } from './UploadIntoPool';

/**
 * The install source: an ISO on the host (path, browse, or upload from here), a URL, an image,
 * PXE; or a template to clone.
 */
export function SourceStep(props: StepProps) {
  const { t } = useTranslation('newVm');
  const client = useClient();
  const { form, update, errors, connectionId } = props;
  const [browsing, setBrowsing] = useState<'files' | 'pools'>();

  const pickIso = (path: string) => {
    setBrowsing(undefined);
    update({ isoPath: path });
    void client
      .call('newVm.detectOs', { connectionId, path })
      .then((d) =>
        update({
          detectedOsId: d.shortId,
          volumeLabel: d.volumeLabel,
          ...(d.shortId ? { osId: d.shortId } : {}),
        }),
      )
      .catch(() => {});
  };

  const kinds = ['iso', 'url', 'cloud', 'appliance', 'import', 'pxe', 'template'] as const;
  return (
    <>
      <FormGroup role="radiogroup" isStack label={t('source.label')} fieldId="vd-source">
        {kinds.map((k) => (
          <Radio
            key={k}
            id={`vd-source-${k}`}
            name="vd-source"
            label={t(`source.${k}`)}
            isChecked={form.sourceKind === k}
            onChange={() => update({ sourceKind: k })}
          />
        ))}
      </FormGroup>
      {form.sourceKind === 'iso' && (
        <>
          <FormGroup label={t('source.isoPath')} fieldId="vd-iso-path">
            <TextInput
              id="vd-iso-path"
              value={form.isoPath}
              validated={errors.path ? 'error' : 'default'}
              onChange={(_e, v) => update({ isoPath: v })}
              onBlur={() => form.isoPath && pickIso(form.isoPath)}
            />
            <FieldError message={errors.path} />
          </FormGroup>
          <div className="vd-source-browse">
            <Button
              variant="secondary"
              aria-expanded={browsing === 'pools'}
              onClick={() => setBrowsing((b) => (b === 'pools' ? undefined : 'pools'))}
            >
              {t('source.browsePools')}
            </Button>{' '}
            <Button
              variant="secondary"
              aria-expanded={browsing === 'files'}
              onClick={() => setBrowsing((b) => (b === 'files' ? undefined : 'files'))}
            >
              {t('source.browse')}
            </Button>
          </div>
          {browsing === 'pools' && (
            <PoolVolumeBrowser connectionId={connectionId} onPick={pickIso} />
          )}
          {browsing === 'files' && <HostFileBrowser connectionId={connectionId} onPick={pickIso} />}
          <UploadIntoPool {...props} onUploaded={pickIso} />
        </>
      )}
      {form.sourceKind === 'url' && (
        <>
          <FormGroup label={t('source.urlLabel')} fieldId="vd-url">
            <TextInput
              id="vd-url"
              value={form.url}
              validated={errors.url ? 'error' : 'default'}
              onChange={(_e, v) => update({ url: v })}
            />
            <FieldError message={errors.url} />
          </FormGroup>
          <FormGroup label={t('source.kernelArgs')} fieldId="vd-kernel-args">
            <TextInput
              id="vd-kernel-args"
              value={form.kernelArgs}
              onChange={(_e, v) => update({ kernelArgs: v })}
            />
            <p className="vd-hint">{t('source.kernelArgsHint')}</p>
            <FieldError message={errors.kernelArgs} />
          </FormGroup>
        </>
      )}
      {form.sourceKind === 'template' && <TemplateSource {...props} />}
      {form.sourceKind === 'cloud' && <CloudImageSource {...props} />}
      {form.sourceKind === 'appliance' && <ApplianceSource {...props} />}
      {form.sourceKind === 'import' && <ImportSource {...props} />}
    </>
  );
}
