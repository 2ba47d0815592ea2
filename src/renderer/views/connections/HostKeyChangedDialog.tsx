import {
  Button,
  ClipboardCopy,
  Content,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { useSlice, useStore } from '../../state/context';
import { connectionLabel } from './hostState';
import { sshKeygenRemoveCommand } from './hostKeyFix';

/**
 * Shown once when a host is refused because its key differs from the one in known_hosts: the
 * app never offers to accept it, only explains how to fix known_hosts if the change is expected.
 */
export function HostKeyChangedDialog() {
  const { t } = useTranslation('connections');
  const store = useStore();
  const id = useSlice(store.hostKeyAlerts, (list) => list[0]);
  const connection = useSlice(store.connections, (list) => list.find((c) => c.id === id));
  if (!id) return null;
  const close = () => store.dismissHostKeyAlert(id);
  const described = connection ? connectionLabel(connection) : undefined;
  const name = described
    ? (described.label ??
      t('labelFromUri', { hypervisor: described.hypervisor, where: described.where }))
    : id;
  const command = connection ? sshKeygenRemoveCommand(connection.uri) : undefined;
  return (
    <Modal isOpen variant="medium" onClose={close} aria-labelledby="vd-hostkey-title">
      <ModalHeader
        title={t('hostKeyChanged.title')}
        labelId="vd-hostkey-title"
        titleIconVariant="danger"
      />
      <ModalBody>
        <Content>
          <p>{t('hostKeyChanged.refused', { name })}</p>
          <p>{t('hostKeyChanged.mitm')}</p>
          <p>{t('hostKeyChanged.fix')}</p>
        </Content>
        {command && (
          <ClipboardCopy isReadOnly hoverTip={t('common:copy')} clickTip={t('common:copied')}>
            {command}
          </ClipboardCopy>
        )}
        <Content component="p" className="vd-after-code">
          {t('hostKeyChanged.then')}
        </Content>
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={close}>
          {t('common:close')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
