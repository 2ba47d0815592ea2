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
 * Shown once when a host is refused because its key differs from the one in known_hosts (or is
 * of another type than the known one): the app never offers to accept it, only explains how to
 * fix known_hosts if the change is expected.
 */
export function HostKeyChangedDialog() {
  const { t } = useTranslation('connections');
  const store = useStore();
  const alerts = useSlice(store.hostKeyAlerts);
  const connections = useSlice(store.connections);
  const hosts = useSlice(store.hosts);
  // An alert waits until its connection is known (and is moot once the connection is removed).
  const connection = connections.find((c) => alerts.includes(c.id));
  if (!connection) return null;
  const close = () => store.dismissHostKeyAlert(connection.id);
  const described = connectionLabel(connection);
  const name =
    described.label ??
    t('labelFromUri', { hypervisor: described.hypervisor, where: described.where });
  const command = sshKeygenRemoveCommand(connection.uri);
  const otherType = hosts.get(connection.id)?.errorCode === 'host-key-other-type';
  const texts = otherType ? 'hostKeyOtherType' : 'hostKeyChanged';
  return (
    <Modal isOpen variant="medium" onEscapePress={close} aria-labelledby="vd-hostkey-title">
      <ModalHeader
        title={t(`${texts}.title`)}
        labelId="vd-hostkey-title"
        titleIconVariant="danger"
      />
      <ModalBody>
        <Content>
          <p>{t(`${texts}.refused`, { name })}</p>
          <p>{t('hostKeyChanged.mitm')}</p>
          <p>{t(`${texts}.fix`)}</p>
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
