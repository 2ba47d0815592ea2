import { Alert, Button } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkEditResult, NetworkSummary } from '../../../shared/api/networkTypes';
import { errorMessage } from '../../api/apiError';
import { ReadOnlyText, TextModal } from '../../components/TextModal';
import { useClient } from '../../state/context';
import { useApiQuery } from '../../state/queries';
import { XmlEditor } from '../vm-details/XmlEditor';
import { locateXmlError } from '../vm-details/xmlErrorLocation';

/**
 * The network's XML as libvirt returns it (the persistent definition), editable and defined as
 * typed: libvirt's own message is shown when it refuses, the line it points at marked, and
 * nothing changes. A transient network has no definition: its XML is read-only.
 */
export function NetworkXmlModal({
  connectionId,
  network,
  onDefined,
  onClose,
}: {
  connectionId: string;
  network: NetworkSummary;
  onDefined(result: NetworkEditResult): void;
  onClose(): void;
}) {
  const { t } = useTranslation('networks');
  const client = useClient();
  const loaded = useApiQuery('networks.xml', { connectionId, name: network.name });
  const original = loaded.data;
  // What the user typed; undefined while the text is libvirt's.
  const [edited, setEdited] = useState<string>();
  const text = edited ?? original ?? '';
  const [refusal, setRefusal] = useState<string>();
  const error = refusal ?? loaded.error;
  const [problem, setProblem] = useState<ReturnType<typeof locateXmlError>>();
  const [busy, setBusy] = useState(false);

  const define = async () => {
    setBusy(true);
    setRefusal(undefined);
    setProblem(undefined);
    try {
      onDefined(
        await client.call('networks.defineXml', { connectionId, name: network.name, xml: text }),
      );
    } catch (err) {
      const message = errorMessage(err);
      setRefusal(message);
      setProblem(locateXmlError(message, text, original ?? ''));
      setBusy(false);
    }
  };

  const dirty = original !== undefined && edited !== undefined && edited !== original;
  return (
    <TextModal
      id="vd-net-xml"
      title={t('xml.title', { name: network.name })}
      loading={original === undefined && !error}
      loadingLabel={t('form.loading')}
      closeLabel={t('xml.close')}
      onClose={onClose}
      actions={
        network.persistent && (
          <>
            <Button
              variant="primary"
              isDisabled={!dirty || busy}
              isLoading={busy}
              onClick={() => void define()}
            >
              {t('xml.define')}
            </Button>
            <Button
              variant="link"
              isDisabled={!dirty || busy}
              onClick={() => {
                setEdited(undefined);
                setRefusal(undefined);
                setProblem(undefined);
              }}
            >
              {t('xml.revert')}
            </Button>
          </>
        )
      }
    >
      {original !== undefined && !network.persistent && (
        <>
          <Alert variant="info" isInline title={t('xml.transient')} />
          <ReadOnlyText label={t('xml.label')} value={original} />
        </>
      )}
      {original !== undefined && network.persistent && (
        <XmlEditor
          id="vd-net-xml"
          value={text}
          onChange={setEdited}
          problem={
            problem && error
              ? { ...problem, message: error, label: t('xml.problemAt', { line: problem.line }) }
              : undefined
          }
        />
      )}
      {error && (
        <Alert variant="danger" isInline title={t('xml.refused')} role="alert">
          <pre className="vd-xml-error">{error}</pre>
        </Alert>
      )}
    </TextModal>
  );
}
