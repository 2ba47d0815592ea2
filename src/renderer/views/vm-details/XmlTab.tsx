import { Alert, Button, Flex, FormGroup, TextArea, Title } from '@patternfly/react-core';
import { XmlEditor } from './XmlEditor';
import { locateXmlError } from './xmlErrorLocation';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../state/context';
import type { VmTabProps } from './useVmDetails';

/**
 * The persistent XML, editable and defined with libvirt's validation (its message shown as it
 * is, nothing changed on an error), and the live XML of a running guest, read-only.
 */
export function XmlTab({ state, connectionId, uuid }: VmTabProps) {
  const { t } = useTranslation('vmDetails');
  const client = useClient();
  const { details } = state;
  // What the user typed; undefined while the text is the definition as read (and read again
  // after every change, so it follows the XML until the user types).
  const [edited, setEdited] = useState<string>();
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  // Located against the text that was defined, not what is typed since.
  const [problem, setProblem] = useState<ReturnType<typeof locateXmlError>>();
  if (!details) return null;
  const text = edited ?? details.inactiveXml;
  const dirty = edited !== undefined;
  const define = async () => {
    setSaved(false);
    const failed = await state.run(() =>
      client.call('vms.defineXml', { connectionId, uuid, xml: text }),
    );
    setError(failed);
    setProblem(failed ? locateXmlError(failed, text, details.inactiveXml) : undefined);
    if (!failed) {
      setEdited(undefined);
      setSaved(true);
    }
  };
  return (
    <div className="vd-xml-tab">
      <FormGroup label={t('xml.persistent')} fieldId="vd-xml-config">
        <XmlEditor
          id="vd-xml-config"
          value={text}
          problem={
            problem && error
              ? {
                  ...problem,
                  message: firstLine(error),
                  label: t('xml.problemAt', { line: problem.line }),
                }
              : undefined
          }
          onChange={setEdited}
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
            setEdited(undefined);
            setError(undefined);
            setProblem(undefined);
          }}
        >
          {t('xml.revert')}
        </Button>
      </Flex>
      {error && (
        <Alert variant="danger" isInline title={t('xml.refused')} role="alert">
          {problem && <p>{t('xml.problemAt', { line: problem.line })}</p>}
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

/** The most specific line of libvirt's message (schema errors name the failing element last). */
function firstLine(message: string): string {
  const lines = message.split('\n').filter((l) => l.trim() !== '');
  return (
    lines.find((l) => /element|line/i.test(l) && !/^XML document failed/.test(l)) ??
    lines[0] ??
    message
  );
}
