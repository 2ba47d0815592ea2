import { Button, Form, Modal, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Prompt, PromptAnswer } from '../../../shared/api/types';
import { errorMessage } from '../../api/apiError';
import { useClient, useSlice, useStore } from '../../state/context';
import { HostKeyText, RememberField, SecretFields } from './PromptBodies';

/**
 * The backend's questions (host key, password, passphrase, 2FA), one at a time, oldest first.
 * Typed secrets live only in this dialog's state and are cleared as soon as they are sent.
 */
export function PromptDialog() {
  const store = useStore();
  const prompt = useSlice(store.prompts, (list) => list[0]);
  if (!prompt) return null;
  // Keyed by id: a new prompt starts with empty fields, never the previous one's values.
  return <PromptModal key={prompt.id} prompt={prompt} />;
}

function PromptModal({ prompt }: { prompt: Prompt }) {
  const { t } = useTranslation('prompts');
  const client = useClient();
  const store = useStore();
  const fieldCount = prompt.kind === 'keyboard-interactive' ? prompt.fields.length : 1;
  const [values, setValues] = useState<string[]>(() => new Array<string>(fieldCount).fill(''));
  const [busy, setBusy] = useState(false);
  const [remember, setRemember] = useState(false);

  const answer = (reply: PromptAnswer) => {
    setBusy(true);
    setValues((v) => v.map(() => ''));
    client
      .call('prompts.answer', { id: prompt.id, answer: reply })
      .then(() => store.promptClosed(prompt.id))
      .catch((err: unknown) => {
        store.notify({
          variant: 'danger',
          titleKey: 'prompts:answerFailed',
          message: errorMessage(err),
        });
        store.promptClosed(prompt.id);
      });
  };
  const cancel = () => answer(prompt.kind === 'host-key' ? { accept: false } : { cancelled: true });
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    answer(
      prompt.kind === 'host-key'
        ? { accept: true }
        : 'remember' in prompt && prompt.remember === 'offered'
          ? { values, remember }
          : { values },
    );
  };

  const isHostKey = prompt.kind === 'host-key';
  const title = isHostKey ? t('hostKey.title') : t('auth.title');
  return (
    <Modal
      isOpen
      variant="small"
      onEscapePress={cancel}
      aria-labelledby="vd-prompt-title"
      aria-describedby="vd-prompt-body"
    >
      <ModalHeader
        title={title}
        labelId="vd-prompt-title"
        titleIconVariant={isHostKey ? 'warning' : undefined}
      />
      <ModalBody id="vd-prompt-body">
        <Form id="vd-prompt-form" onSubmit={submit}>
          {prompt.kind === 'host-key' ? (
            <HostKeyText prompt={prompt} />
          ) : (
            <>
              <SecretFields prompt={prompt} values={values} onChange={setValues} />
              {'remember' in prompt && (
                <RememberField mode={prompt.remember} checked={remember} onChange={setRemember} />
              )}
            </>
          )}
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" type="submit" form="vd-prompt-form" isDisabled={busy}>
          {isHostKey ? t('hostKey.accept') : t('auth.login')}
        </Button>
        <Button variant="link" onClick={cancel} isDisabled={busy}>
          {t('common:cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
