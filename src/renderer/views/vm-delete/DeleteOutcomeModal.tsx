import {
  Alert,
  Button,
  List,
  ListItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Title,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { DeleteItem, VmDeleteOutcome } from '../../../shared/api/methods/vmDelete';
import { itemText } from './deleteText';

function Items({ title, items }: { title: string; items: readonly DeleteItem[] }) {
  const { t } = useTranslation('vmDelete');
  return (
    <section aria-label={title}>
      <Title headingLevel="h3" size="md">
        {title}
      </Title>
      {items.length === 0 ? (
        <p>{t('outcome.none')}</p>
      ) : (
        <List className="vd-delete-outcome-list">
          {items.map((item) => (
            <ListItem key={`${item.kind}:${item.what}`}>{itemText(t, item)}</ListItem>
          ))}
        </List>
      )}
    </section>
  );
}

/**
 * A delete that stopped part way: what was being done and libvirt's or the host's message, what
 * was deleted and what is still there. It stays until the user closes it.
 */
export function DeleteOutcomeModal({
  name,
  outcome,
  onClose,
}: {
  name: string;
  outcome: VmDeleteOutcome;
  onClose(): void;
}) {
  const { t } = useTranslation('vmDelete');
  const failed = outcome.failed;
  return (
    <Modal isOpen variant="medium" onEscapePress={onClose} aria-labelledby="vd-vm-deleted-title">
      <ModalHeader
        title={t('outcome.title', { name })}
        labelId="vd-vm-deleted-title"
        titleIconVariant="danger"
      />
      <ModalBody>
        {failed && (
          <Alert
            variant="danger"
            isInline
            title={t('outcome.failedAt', { item: itemText(t, failed) })}
            className="vd-form-alert"
          >
            {failed.message}
          </Alert>
        )}
        <Items title={t('outcome.deleted')} items={outcome.deleted} />
        <Items title={t('outcome.remaining')} items={outcome.remaining} />
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={onClose}>
          {t('common:close')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
