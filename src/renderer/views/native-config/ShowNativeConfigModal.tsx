import {
  Alert,
  Button,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Spinner,
  TextArea,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { NativeFormat } from '../../../shared/nativeConfig';
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
    <Modal isOpen variant="large" onClose={onClose} aria-labelledby="vd-native-config-title">
      <ModalHeader
        title={t('show.title', { format: t(`format.${format}`) })}
        labelId="vd-native-config-title"
      />
      <ModalBody>
        {!loaded.data && !loaded.error && <Spinner size="lg" aria-label={t('show.loading')} />}
        {loaded.error && <Alert variant="danger" isInline title={loaded.error} role="alert" />}
        {loaded.data && (
          <TextArea
            aria-label={t('show.label', { format: t(`format.${format}`) })}
            className="vd-xml"
            value={loaded.data.config}
            rows={24}
            readOnlyVariant="default"
          />
        )}
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={onClose}>
          {t('show.close')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
