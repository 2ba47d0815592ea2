import { Alert } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { ReadOnlyText, TextModal } from '../../components/TextModal';
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
    <TextModal
      id="vd-storage-xml"
      title={props.title}
      loading={xml === undefined && !error}
      loadingLabel={props.title}
      closeLabel={t('xml.close')}
      onClose={props.onClose}
    >
      {error && <Alert variant="danger" isInline title={error} />}
      {xml !== undefined && <ReadOnlyText label={props.title} value={xml} wrap="off" />}
    </TextModal>
  );
}
