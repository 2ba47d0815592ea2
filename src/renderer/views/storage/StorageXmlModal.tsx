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
import { useApiQuery } from '../../state/queries';

/** A pool's or volume's XML as libvirt returns it, read-only. */
export function StorageXmlModal(props: {
  title: string;
  connectionId: string;
  /** The pool, or a volume of it. */
  of: { pool: string; volume?: string };
  onClose(): void;
}) {
  const { t } = useTranslation('storage');
  const { connectionId, of } = props;
  const poolXml = useApiQuery(
    'storage.pools.xml',
    of.volume === undefined ? { connectionId, pool: of.pool } : undefined,
  );
  const volumeXml = useApiQuery(
    'storage.volumes.xml',
    of.volume === undefined ? undefined : { connectionId, pool: of.pool, name: of.volume },
  );
  const { data: xml, error } = of.volume === undefined ? poolXml : volumeXml;
  return (
    <Modal isOpen variant="large" onClose={props.onClose} aria-labelledby="vd-storage-xml-title">
      <ModalHeader title={props.title} labelId="vd-storage-xml-title" />
      <ModalBody>
        {error && <Alert variant="danger" isInline title={error} />}
        {xml === undefined && !error && <Spinner size="lg" aria-label={props.title} />}
        {xml !== undefined && (
          <TextArea
            aria-label={props.title}
            className="vd-xml"
            value={xml}
            rows={24}
            wrap="off"
            readOnlyVariant="default"
          />
        )}
      </ModalBody>
      <ModalFooter>
        <Button variant="link" onClick={props.onClose}>
          {t('xml.close')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
