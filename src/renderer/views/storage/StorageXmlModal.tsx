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
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/apiError';

/** A pool's or volume's XML as libvirt returns it, read-only. */
export function StorageXmlModal(props: {
  title: string;
  load(): Promise<string>;
  onClose(): void;
}) {
  const { t } = useTranslation('storage');
  const [xml, setXml] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let current = true;
    props.load().then(
      (text) => current && setXml(text),
      (err: unknown) => current && setError(errorMessage(err)),
    );
    return () => {
      current = false;
    };
    // Loaded once per dialog: `load` is a fresh closure per render.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per dialog
  }, []);
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
