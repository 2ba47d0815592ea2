import {
  Button,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  TextArea,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { textStrokes } from './keysyms';

/**
 * Text typed into the guest as key presses: works before any guest agent or clipboard sharing
 * exists (installers, boot prompts), which is when users need it most.
 */
export function PasteKeysModal({
  onClose,
  onType,
}: {
  onClose(): void;
  onType(text: string): void;
}) {
  const { t } = useTranslation('console');
  const [text, setText] = useState('');
  const { skipped } = textStrokes(text);
  return (
    <Modal isOpen variant="small" onEscapePress={onClose} aria-labelledby="vd-paste-title">
      <ModalHeader title={t('paste.title')} labelId="vd-paste-title" />
      <ModalBody>
        <Form
          id="vd-paste-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (text) onType(text);
          }}
        >
          <FormGroup label={t('paste.text')} fieldId="vd-paste-text">
            <TextArea
              id="vd-paste-text"
              value={text}
              onChange={(_e, value) => setText(value)}
              autoFocus
              resizeOrientation="vertical"
              rows={6}
            />
            <FormHelperText>
              <HelperText>
                <HelperTextItem variant={skipped ? 'warning' : 'default'}>
                  {skipped ? t('paste.skipped', { count: skipped }) : t('paste.help')}
                </HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button type="submit" form="vd-paste-form" isDisabled={!text}>
          {t('paste.type')}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('paste.cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
