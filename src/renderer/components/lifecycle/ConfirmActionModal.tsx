import { Button, Modal, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { LifecycleAction, VmSummary } from '../../../shared/api/types';

/** virt-manager's question before an action that can lose the guest's unsaved work. */
export function ConfirmActionModal({
  action,
  vms,
  onConfirm,
  onCancel,
}: {
  action: LifecycleAction;
  vms: readonly VmSummary[];
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('common');
  const single = vms.length === 1 ? vms[0] : undefined;
  const text = single
    ? t(`confirm.${action}.one`, { name: single.name })
    : t(`confirm.${action}.several`, { count: vms.length });
  return (
    <Modal
      isOpen
      variant="small"
      onEscapePress={onCancel}
      aria-labelledby="vd-confirm-title"
      aria-describedby="vd-confirm-text"
    >
      <ModalHeader
        title={t(`confirm.${action}.title`)}
        labelId="vd-confirm-title"
        titleIconVariant="warning"
      />
      <ModalBody id="vd-confirm-text">{text}</ModalBody>
      <ModalFooter>
        <Button variant={action === 'save' ? 'primary' : 'danger'} onClick={onConfirm}>
          {t(`action.${action}`)}
        </Button>
        <Button variant="link" onClick={onCancel}>
          {t('cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
