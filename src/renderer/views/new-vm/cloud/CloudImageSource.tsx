/**
 * The cloud image source on the Source page: the base image (a file or volume on the host, a URL
 * fetched on the host, or an upload from this computer into a pool), overlay or full copy, and
 * what cloud-init sets up (user, password, SSH keys from a file, pasted or from the agent,
 * hostname), or the user's own user-data. The backend checks every field (newVm.check).
 */
import {
  Alert,
  Button,
  FileUpload,
  FormGroup,
  Radio,
  Switch,
  TextArea,
  TextInput,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/apiError';
import { FieldError } from '../../../components/forms/formErrors';
import { useClient } from '../../../state/context';
import { HostFileBrowser } from '../HostFileBrowser';
import type { StepProps } from '../stepProps';
import { UploadIntoPool } from '../UploadIntoPool';
import { imageFormatOf, userDataTemplate, type CloudForm } from './cloudForm';

export function CloudImageSource(props: StepProps) {
  const { t } = useTranslation('newVmCloud');
  const client = useClient();
  const { form, update, errors, connectionId, facts } = props;
  const cloud = form.cloud;
  const set = (patch: Partial<CloudForm>) => update({ cloud: { ...cloud, ...patch } });
  const [browsing, setBrowsing] = useState(false);
  const [keysError, setKeysError] = useState<string>();

  const addKeys = (text: string) => {
    const now = cloud.keysText.trimEnd();
    set({ keysText: `${now ? `${now}\n` : ''}${text.trim()}\n` });
  };
  const fromAgent = async () => {
    setKeysError(undefined);
    try {
      const keys = await client.call('newVm.agentKeys', {});
      if (keys.length === 0) setKeysError(t('keys.agentEmpty'));
      else addKeys(keys.map((k) => k.line).join('\n'));
    } catch (err) {
      setKeysError(errorMessage(err));
    }
  };

  const froms = ['path', 'url', 'upload'] as const;
  return (
    <section aria-label={t('region')}>
      <FormGroup role="radiogroup" isStack label={t('image.label')} fieldId="vd-cloud-from">
        {froms.map((from) => (
          <Radio
            key={from}
            id={`vd-cloud-from-${from}`}
            name="vd-cloud-from"
            label={t(`image.${from}`)}
            isChecked={cloud.imageFrom === from}
            onChange={() => set({ imageFrom: from })}
          />
        ))}
      </FormGroup>
      {cloud.imageFrom === 'path' && (
        <FormGroup label={t('image.pathLabel')} fieldId="vd-cloud-image">
          <TextInput
            id="vd-cloud-image"
            value={cloud.imagePath}
            validated={errors.cloudImage ? 'error' : 'default'}
            onChange={(_e, v) => set({ imagePath: v })}
          />
          <FieldError message={errors.cloudImage} />
          <Button variant="secondary" onClick={() => setBrowsing((b) => !b)}>
            {t('image.browse')}
          </Button>
          {browsing && (
            <HostFileBrowser
              connectionId={connectionId}
              start={facts?.pools.find((p) => p.path)?.path ?? '/'}
              onPick={(path) => {
                setBrowsing(false);
                set({ imagePath: path });
              }}
            />
          )}
        </FormGroup>
      )}
      {cloud.imageFrom === 'url' && (
        <FormGroup label={t('image.urlLabel')} fieldId="vd-cloud-url">
          <TextInput
            id="vd-cloud-url"
            value={cloud.imageUrl}
            validated={errors.cloudUrl ? 'error' : 'default'}
            onChange={(_e, v) => set({ imageUrl: v })}
          />
          <FieldError message={errors.cloudUrl} />
        </FormGroup>
      )}
      {cloud.imageFrom === 'upload' && (
        <>
          <UploadIntoPool
            {...props}
            title={t('image.uploadTitle')}
            formatOf={imageFormatOf}
            onUploaded={(path) => set({ imageFrom: 'path', imagePath: path })}
          />
          <FieldError message={errors.cloudImage} />
        </>
      )}
      <FormGroup role="radiogroup" isStack label={t('disk.label')} fieldId="vd-cloud-mode">
        {(['overlay', 'copy'] as const).map((mode) => (
          <Radio
            key={mode}
            id={`vd-cloud-mode-${mode}`}
            name="vd-cloud-mode"
            label={t(`disk.${mode}`)}
            isChecked={cloud.diskMode === mode}
            onChange={() => set({ diskMode: mode })}
          />
        ))}
        <FieldError message={errors.cloudDiskMode} />
      </FormGroup>

      <h3>{t('init.title')}</h3>
      <Switch
        id="vd-cloud-edit-user-data"
        label={t('init.editUserData')}
        isChecked={cloud.editUserData}
        onChange={(_e, on) =>
          set({
            editUserData: on,
            userData: on && !cloud.userData.trim() ? userDataTemplate(cloud) : cloud.userData,
          })
        }
      />
      {cloud.editUserData ? (
        <FormGroup label={t('init.userData')} fieldId="vd-cloud-user-data">
          <TextArea
            id="vd-cloud-user-data"
            value={cloud.userData}
            rows={14}
            resizeOrientation="vertical"
            className="vd-cloud-text"
            validated={errors.cloudUserData ? 'error' : 'default'}
            onChange={(_e, v) => set({ userData: v })}
          />
          <p className="vd-hint">{t('init.userDataHint')}</p>
          <FieldError message={errors.cloudUserData} />
        </FormGroup>
      ) : (
        <>
          <FormGroup label={t('init.user')} fieldId="vd-cloud-user">
            <TextInput
              id="vd-cloud-user"
              value={cloud.userName}
              autoComplete="off"
              validated={errors.cloudUser ? 'error' : 'default'}
              onChange={(_e, v) => set({ userName: v })}
            />
            <p className="vd-hint">{t('init.userHint')}</p>
            <FieldError message={errors.cloudUser} />
          </FormGroup>
          <FormGroup label={t('init.password')} fieldId="vd-cloud-password">
            <TextInput
              id="vd-cloud-password"
              type="password"
              autoComplete="new-password"
              value={cloud.password}
              validated={errors.cloudPassword ? 'error' : 'default'}
              onChange={(_e, v) => set({ password: v })}
            />
            <p className="vd-hint">{t('init.passwordHint')}</p>
            <FieldError message={errors.cloudPassword} />
          </FormGroup>
          <FormGroup label={t('keys.label')} fieldId="vd-cloud-keys">
            <TextArea
              id="vd-cloud-keys"
              value={cloud.keysText}
              rows={4}
              resizeOrientation="vertical"
              className="vd-cloud-text"
              placeholder="ssh-ed25519 AAAA... user@host"
              validated={errors.cloudKeys ? 'error' : 'default'}
              onChange={(_e, v) => set({ keysText: v })}
            />
            <FieldError message={errors.cloudKeys} />
            <FileUpload
              id="vd-cloud-key-file"
              filename=""
              browseButtonText={t('keys.fromFile')}
              hideDefaultPreview
              onFileInputChange={(_e, file) => {
                void file.text().then(addKeys, (err: unknown) => setKeysError(errorMessage(err)));
              }}
            />
            <Button variant="secondary" onClick={() => void fromAgent()}>
              {t('keys.fromAgent')}
            </Button>
            {keysError && <Alert isInline variant="warning" title={keysError} />}
          </FormGroup>
          <FormGroup label={t('init.hostname')} fieldId="vd-cloud-hostname">
            <TextInput
              id="vd-cloud-hostname"
              value={cloud.hostname}
              placeholder={t('init.hostnamePlaceholder')}
              validated={errors.cloudHostname ? 'error' : 'default'}
              onChange={(_e, v) => set({ hostname: v })}
            />
            <FieldError message={errors.cloudHostname} />
          </FormGroup>
        </>
      )}
    </section>
  );
}

/** The cloud choices the Summary page lists (never the password). */
export function useCloudSummaryRows(cloud: CloudForm): [string, string][] {
  const { t } = useTranslation('newVmCloud');
  const keyCount = cloud.keysText
    .split('\n')
    .filter((l) => l.trim() && !l.trim().startsWith('#')).length;
  const image = cloud.imageFrom === 'url' ? cloud.imageUrl : cloud.imagePath;
  const rows: [string, string][] = [
    [t('summary.image'), `${image} (${t(`summary.${cloud.diskMode}`)})`],
  ];
  if (cloud.editUserData) return [...rows, [t('summary.cloudInit'), t('summary.ownUserData')]];
  return [
    ...rows,
    [t('summary.user'), cloud.userName.trim() || t('summary.defaultUser')],
    [t('summary.password'), cloud.password ? t('summary.passwordSet') : t('summary.noPassword')],
    [t('summary.keys'), t('summary.keyCount', { count: keyCount })],
    [t('summary.hostname'), cloud.hostname.trim() || t('summary.hostnameFromName')],
  ];
}
