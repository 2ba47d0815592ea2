import {
  Alert,
  AlertActionLink,
  Button,
  Flex,
  FormGroup,
  HelperText,
  HelperTextItem,
  TextArea,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/apiError';
import { useClient } from '../../state/context';
import { useApiQuery } from '../../state/queries';
import { CLIPBOARD_LIMIT_BYTES, cutClipboard } from './clipboard';

interface Props {
  connectionId: string;
  uuid: string;
  /** The guest's clipboard as the last ServerCutText gave it (already cut to the limit). */
  guestText: string | undefined;
  guestCut: boolean;
  connected: boolean;
  onSend(text: string): void;
}

/**
 * The VNC console's clipboard, both ways, through QEMU's vdagent channel and the guest's
 * spice-vdagent: text sent to the guest (typed here or taken from the browser's clipboard where
 * the browser permits), and the guest's clipboard shown and copied out. Says when the VM has no
 * channel (with a button to add it) or the guest runs no agent.
 */
export function ClipboardPanel(props: Props) {
  const { t } = useTranslation('consoleTools');
  const client = useClient();
  const [text, setText] = useState('');
  const [sentCut, setSentCut] = useState(false);
  const [adding, setAdding] = useState(false);
  const [addError, setAddError] = useState<string>();
  const [browserError, setBrowserError] = useState<string>();
  const agent = useApiQuery('consoleTools.clipboardAgent', {
    connectionId: props.connectionId,
    uuid: props.uuid,
  });
  const limit = Math.round(CLIPBOARD_LIMIT_BYTES / 1024);

  const send = (value: string) => {
    const { text: sent, cut } = cutClipboard(value);
    setSentCut(cut);
    props.onSend(sent);
  };

  const fromBrowser = async () => {
    setBrowserError(undefined);
    try {
      const value = await navigator.clipboard.readText();
      setText(value);
      send(value);
    } catch {
      setBrowserError(t('clipboard.browserDenied'));
    }
  };

  const toBrowser = async () => {
    setBrowserError(undefined);
    try {
      await navigator.clipboard.writeText(props.guestText ?? '');
    } catch {
      setBrowserError(t('clipboard.browserDenied'));
    }
  };

  const addChannel = async () => {
    setAdding(true);
    setAddError(undefined);
    try {
      const { needsRestart } = await client.call('vms.edit', {
        connectionId: props.connectionId,
        uuid: props.uuid,
        edit: { kind: 'addDevice', device: { kind: 'channel', type: 'qemu-vdagent' } },
      });
      if (needsRestart) setAddError(t('clipboard.addedAfterRestart'));
    } catch (err) {
      setAddError(errorMessage(err));
    } finally {
      setAdding(false);
      agent.reload();
    }
  };

  return (
    <div className="vd-console-clipboard" role="region" aria-label={t('clipboard.title')}>
      {agent.data === 'none' && (
        <Alert
          isInline
          variant="info"
          title={t('clipboard.noChannel')}
          actionLinks={
            <AlertActionLink onClick={() => void addChannel()} isDisabled={adding}>
              {t('clipboard.addChannel')}
            </AlertActionLink>
          }
        >
          {t('clipboard.noChannelText')}
        </Alert>
      )}
      {agent.data === 'disconnected' && (
        <Alert isInline variant="info" title={t('clipboard.noAgent')}>
          {t('clipboard.noAgentText')}
        </Alert>
      )}
      {addError && <Alert isInline variant="warning" title={addError} />}
      <Flex>
        <FormGroup label={t('clipboard.toGuest')} fieldId="vd-clipboard-send" className="vd-grow">
          <TextArea
            id="vd-clipboard-send"
            value={text}
            onChange={(_e, value) => setText(value)}
            rows={3}
            resizeOrientation="vertical"
          />
          {sentCut && (
            <HelperText>
              <HelperTextItem variant="warning">{t('clipboard.cut', { limit })}</HelperTextItem>
            </HelperText>
          )}
          <Flex>
            <Button
              variant="secondary"
              isDisabled={!props.connected || !text}
              onClick={() => send(text)}
            >
              {t('clipboard.send')}
            </Button>
            <Button variant="link" isDisabled={!props.connected} onClick={() => void fromBrowser()}>
              {t('clipboard.fromBrowser')}
            </Button>
          </Flex>
        </FormGroup>
        <FormGroup
          label={t('clipboard.fromGuest')}
          fieldId="vd-clipboard-guest"
          className="vd-grow"
        >
          <TextArea
            id="vd-clipboard-guest"
            value={props.guestText ?? ''}
            placeholder={t('clipboard.nothingYet')}
            readOnlyVariant="default"
            rows={3}
            resizeOrientation="vertical"
          />
          {props.guestCut && (
            <HelperText>
              <HelperTextItem variant="warning">{t('clipboard.cut', { limit })}</HelperTextItem>
            </HelperText>
          )}
          <Button variant="link" isDisabled={!props.guestText} onClick={() => void toBrowser()}>
            {t('clipboard.toBrowser')}
          </Button>
        </FormGroup>
      </Flex>
      {browserError && (
        <HelperText>
          <HelperTextItem variant="warning">{browserError}</HelperTextItem>
        </HelperText>
      )}
    </div>
  );
}
