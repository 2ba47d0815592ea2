import {
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  Label,
  LabelGroup,
  TextArea,
  TextInput,
} from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../state/context';
import { FormError } from './cards/FormError';
import type { VmTabProps } from './useVmDetails';

/** Name (rename when shut off), title, description, tags and the machine's facts. */
export function OverviewDetails({ state, connectionId, uuid }: VmTabProps) {
  const { t } = useTranslation('vmDetails');
  const client = useClient();
  const d = state.details;
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState('');
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!d) return;
    setName(d.name);
    setTitle(d.title);
    setDescription(d.description);
    setTags(d.tags.join(', '));
  }, [d]);
  if (!d) return null;
  const rename = async () =>
    setError(await state.run(() => client.call('vms.rename', { connectionId, uuid, name })));
  const saveText = async () => setError(await state.edit({ kind: 'metadata', title, description }));
  const saveTags = async () =>
    setError(
      await state.run(() =>
        client.call('vms.setTags', {
          connectionId,
          uuid,
          tags: tags
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== ''),
        }),
      ),
    );
  const fact = (term: string, value: string | undefined) => (
    <DescriptionListGroup>
      <DescriptionListTerm>{t(term)}</DescriptionListTerm>
      <DescriptionListDescription>{value ?? '—'}</DescriptionListDescription>
    </DescriptionListGroup>
  );
  return (
    <div className="vd-overview-details">
      <DescriptionList isHorizontal isCompact columnModifier={{ default: '2Col' }}>
        {fact('overview.hypervisor', d.hypervisor)}
        {fact('overview.machine', [d.arch, d.machine].filter(Boolean).join(' · '))}
        {fact('overview.firmware', d.firmware)}
        {fact('overview.state', d.state)}
      </DescriptionList>
      <Flex>
        <TextInput aria-label={t('overview.name')} value={name} onChange={(_e, v) => setName(v)} />
        <Button
          variant="secondary"
          isDisabled={d.running || name === d.name}
          onClick={() => void rename()}
        >
          {t('overview.rename')}
        </Button>
      </Flex>
      <TextInput
        aria-label={t('overview.title')}
        placeholder={t('overview.title')}
        value={title}
        onChange={(_e, v) => setTitle(v)}
      />
      <TextArea
        aria-label={t('overview.description')}
        placeholder={t('overview.description')}
        value={description}
        onChange={(_e, v) => setDescription(v)}
      />
      <Button variant="secondary" onClick={() => void saveText()}>
        {t('overview.saveText')}
      </Button>
      <Flex>
        <TextInput
          aria-label={t('overview.tags')}
          placeholder={t('overview.tagsHint')}
          value={tags}
          onChange={(_e, v) => setTags(v)}
        />
        <Button variant="secondary" onClick={() => void saveTags()}>
          {t('overview.saveTags')}
        </Button>
      </Flex>
      {d.tags.length > 0 && (
        <LabelGroup>
          {d.tags.map((tag) => (
            <Label key={tag}>{tag}</Label>
          ))}
        </LabelGroup>
      )}
      <FormError message={error} />
    </div>
  );
}
