import { Button, Modal, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';

export function DeleteNetworkModal({
  name,
  onConfirm,
  onCancel,
}: {
  name: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation('networks');
  return (
    <Modal isOpen variant="small" onClose={onCancel} aria-labelledby="vd-net-delete-title">
      <ModalHeader
        title={t('deleteConfirm.title', { name })}
        labelId="vd-net-delete-title"
        titleIconVariant="warning"
      />
      <ModalBody>{t('deleteConfirm.text')}</ModalBody>
      <ModalFooter>
        <Button variant="danger" onClick={onConfirm}>
          {t('deleteConfirm.confirm')}
        </Button>
        <Button variant="link" onClick={onCancel}>
          {t('common:cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
