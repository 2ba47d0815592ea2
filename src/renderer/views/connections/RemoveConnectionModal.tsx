import { Button, Modal, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';

export function RemoveConnectionModal({
  label,
  onConfirm,
  onCancel,
}: {
  label: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('connections');
  return (
    <Modal isOpen variant="small" onEscapePress={onCancel} aria-labelledby="vd-remove-title">
      <ModalHeader title={t('remove.title')} labelId="vd-remove-title" titleIconVariant="warning" />
      <ModalBody>{t('remove.text', { label })}</ModalBody>
      <ModalFooter>
        <Button variant="danger" onClick={onConfirm}>
          {t('remove.confirm')}
        </Button>
        <Button variant="link" onClick={onCancel}>
          {t('common:cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
