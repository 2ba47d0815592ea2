import { Alert } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { NativeFormat } from '../../../shared/nativeConfig';
import { ReadOnlyText, TextModal } from '../../components/TextModal';
import { useApiQuery } from '../../state/queries';

/** "Show as xl.cfg": the VM's persistent config in its driver's native format, read-only. */
export function ShowNativeConfigModal({
  connectionId,
  uuid,
  format,
  onClose,
}: {
  connectionId: string;
  uuid: string;
  format: NativeFormat;
  onClose(): void;
}) {
  const { t } = useTranslation('nativeConfig');
  const loaded = useApiQuery('nativeConfig.fromVm', { connectionId, uuid, format });
  return (
    <TextModal
      id="vd-native-config"
      title={t('show.title', { format: t(`format.${format}`) })}
      loading={!loaded.data && !loaded.error}
      loadingLabel={t('show.loading')}
      closeLabel={t('show.close')}
      onClose={onClose}
    >
      {loaded.error && <Alert variant="danger" isInline title={loaded.error} role="alert" />}
      {loaded.data && (
        <ReadOnlyText
          label={t('show.label', { format: t(`format.${format}`) })}
          value={loaded.data.config}
        />
      )}
    </TextModal>
  );
}
