import { Checkbox, Content, FormGroup, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { Prompt, RememberMode } from '../../../shared/api/types';

type HostKeyPrompt = Extract<Prompt, { kind: 'host-key' }>;
type SecretPrompt = Exclude<Prompt, HostKeyPrompt>;

/** Trust on first use: what the user needs to compare against the host's real key. */
export function HostKeyText({ prompt }: { prompt: HostKeyPrompt }) {
  const { t } = useTranslation('prompts');
  return (
    <Content>
      <p>{t('hostKey.text', { host: prompt.host, port: prompt.port, keyType: prompt.keyType })}</p>
      <p>
        {t('hostKey.fingerprint')} <code className="vd-fingerprint">{prompt.fingerprint}</code>
      </p>
      <p>{t('hostKey.question')}</p>
    </Content>
  );
}

/**
 * "Remember" under a password or passphrase: a checkbox where the secret can be kept (Electron
 * with a keychain), else one line saying why nothing is remembered.
 */
export function RememberField({
  mode,
  checked,
  onChange,
}: {
  mode: RememberMode;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const { t } = useTranslation('credentials');
  if (mode !== 'offered') {
    return (
      <Content component="small" className="vd-remember-note">
        {t(mode === 'browser-mode' ? 'notInBrowser' : 'noKeychain')}
      </Content>
    );
  }
  return (
    <Checkbox
      id="vd-prompt-remember"
      label={t('remember')}
      description={t('rememberHint')}
      isChecked={checked}
      onChange={(_e, value) => onChange(value)}
    />
  );
}

/** Password, key passphrase, or the server's keyboard-interactive questions (2FA). */
export function SecretFields({
  prompt,
  values,
  onChange,
}: {
  prompt: SecretPrompt;
  values: string[];
  onChange: (values: string[]) => void;
}) {
  const { t } = useTranslation('prompts');
  const set = (i: number, v: string) => onChange(values.map((old, j) => (j === i ? v : old)));
  const field = (i: number, label: string, masked: boolean, autoFocus: boolean) => (
    <FormGroup key={i} label={label} fieldId={`vd-prompt-${i}`}>
      <TextInput
        id={`vd-prompt-${i}`}
        type={masked ? 'password' : 'text'}
        value={values[i] ?? ''}
        autoComplete="off"
        autoFocus={autoFocus}
        onChange={(_e, v) => set(i, v)}
      />
    </FormGroup>
  );
  switch (prompt.kind) {
    case 'password':
      return (
        <>
          <Content component="p">
            {t('auth.passwordText', { user: prompt.user, host: prompt.hostLabel })}
          </Content>
          {prompt.attempt > 1 && (
            <Content component="p" className="vd-error-text">
              {t('auth.retry')}
            </Content>
          )}
          {field(0, t('auth.password'), true, true)}
        </>
      );
    case 'passphrase':
      return (
        <>
          <Content component="p">
            {t('auth.passphraseText', { keyPath: prompt.keyPath, host: prompt.hostLabel })}
          </Content>
          {prompt.attempt > 1 && (
            <Content component="p" className="vd-error-text">
              {t('auth.retry')}
            </Content>
          )}
          {field(0, t('auth.passphrase'), true, true)}
        </>
      );
    case 'keyboard-interactive':
      return (
        <>
          <Content component="p">
            {t('auth.interactiveText', { user: prompt.user, host: prompt.hostLabel })}
          </Content>
          {prompt.name && <Content component="h3">{prompt.name}</Content>}
          {prompt.instructions && <Content component="p">{prompt.instructions}</Content>}
          {prompt.fields.map((f, i) => field(i, f.prompt, !f.echo, i === 0))}
        </>
      );
  }
}
