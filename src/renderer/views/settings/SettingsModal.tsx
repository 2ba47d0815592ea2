import {
  Button,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { Language, Settings } from '../../../shared/api/types';
import { useClient, useSlice, useStore } from '../../state/context';
import { saveSettings } from './saveSettings';
import { ShortcutList } from './ShortcutList';
import { ThemeField } from './ThemeField';

/** Language names are written in their own language, so anyone can find theirs. */
const LANGUAGES: readonly { value: Language; name: string }[] = [
  { value: 'en', name: 'English' },
  { value: 'ar', name: 'العربية' },
  { value: 'ru', name: 'Русский' },
  { value: 'de', name: 'Deutsch' },
  { value: 'et', name: 'Eesti' },
  { value: 'hr', name: 'Hrvatski' },
];

export function SettingsModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('settings');
  const client = useClient();
  const store = useStore();
  const language = useSlice(store.settings, (s) => s?.language ?? 'en');

  const save = (patch: Partial<Settings>) => saveSettings(client, store, patch);
  const change = (next: Language) => save({ language: next });

  return (
    <Modal isOpen variant="small" onEscapePress={onClose} aria-labelledby="vd-settings-title">
      <ModalHeader title={t('title')} labelId="vd-settings-title" />
      <ModalBody>
        <Form onSubmit={(e) => e.preventDefault()}>
          <FormGroup label={t('language')} fieldId="vd-settings-language">
            <FormSelect
              id="vd-settings-language"
              value={language}
              onChange={(_e, v) => change(v as Language)}
            >
              {LANGUAGES.map((l) => (
                <FormSelectOption key={l.value} value={l.value} label={l.name} />
              ))}
            </FormSelect>
          </FormGroup>
          <ThemeField onChange={(theme) => save({ theme })} />
        </Form>
        <ShortcutList />
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={onClose}>
          {t('common:close')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
