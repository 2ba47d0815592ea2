import { Alert, Button, Flex, FormGroup, TextArea, Title } from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../state/context';
import type { DetailsState } from './useVmDetails';

/**
 * The persistent XML, editable and defined with libvirt's validation (its message shown as it
 * is, nothing changed on an error), and the live XML of a running guest, read-only.
 */
export function XmlTab({
  state,
  connectionId,
  uuid,
}: {
  state: DetailsState;
  connectionId: string;
  uuid: string;
}) {
  const { t } = useTranslation('vmDetails');
  const client = useClient();
  const { details } = state;
  const [text, setText] = useState(details?.inactiveXml ?? '');
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!dirty && details) setText(details.inactiveXml);
  }, [details, dirty]);
  if (!details) return null;
  const define = async () => {
    setSaved(false);
    const failed = await state.run(() =>
      client.call('vms.defineXml', { connectionId, uuid, xml: text }),
    );
    setError(failed);
    if (!failed) {
      setDirty(false);
      setSaved(true);
    }
  };
  return (
    <div className="vd-xml-tab">
      <FormGroup label={t('xml.persistent')} fieldId="vd-xml-config">
        <TextArea
          id="vd-xml-config"
          className="vd-xml"
          value={text}
          rows={24}
          resizeOrientation="vertical"
          spellCheck={false}
          onChange={(_e, v) => {
            setText(v);
            setDirty(true);
          }}
        />
      </FormGroup>
      <Flex>
        <Button variant="primary" isDisabled={!dirty} onClick={() => void define()}>
          {t('xml.define')}
        </Button>
        <Button
          variant="link"
          isDisabled={!dirty}
          onClick={() => {
            setText(details.inactiveXml);
            setDirty(false);
            setError(undefined);
          }}
        >
          {t('xml.revert')}
        </Button>
      </Flex>
      {error && (
        <Alert variant="danger" isInline title={t('xml.refused')} role="alert">
          <pre className="vd-xml-error">{error}</pre>
        </Alert>
      )}
      {saved && <Alert variant="success" isInline title={t('xml.defined')} />}
      {details.liveXml !== undefined && (
        <>
          <Title headingLevel="h2" size="lg">
            {t('xml.live')}
          </Title>
          <TextArea
            aria-label={t('xml.live')}
            className="vd-xml"
            value={details.liveXml}
            rows={16}
            readOnlyVariant="default"
          />
        </>
      )}
    </div>
  );
}
