import {
  FormGroup,
  Label,
  Menu,
  MenuContent,
  MenuItem,
  MenuList,
  SearchInput,
} from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OsEntry } from '../../../shared/api/newVmTypes';
import type { StepProps } from './stepProps';

const SHOWN = 60;

/** The OS: what the media said (when it said), and a searchable list of every known OS. */
export function OsStep(props: StepProps & { oses: readonly OsEntry[] }) {
  const { t } = useTranslation('newVm');
  const { form, update, oses } = props;
  const [query, setQuery] = useState('');
  const chosen = oses.find((o) => o.shortId === form.osId);
  const detected = oses.find((o) => o.shortId === form.detectedOsId);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    const list = q
      ? oses.filter((o) => o.name.toLowerCase().includes(q) || o.shortId.includes(q))
      : oses;
    return list.slice(0, SHOWN);
  }, [oses, query]);
  return (
    <>
      <p>
        {detected
          ? t('os.detected', { name: detected.name })
          : form.volumeLabel
            ? t('os.notDetectedLabel', { label: form.volumeLabel })
            : t('os.notDetected')}
      </p>
      <p>
        {t('os.chosen')} <Label color="blue">{chosen?.name ?? form.osId}</Label>
      </p>
      <FormGroup label={t('os.search')} fieldId="vd-os-search">
        <SearchInput
          id="vd-os-search"
          aria-label={t('os.search')}
          value={query}
          onChange={(_e, v) => setQuery(v)}
          onClear={() => setQuery('')}
        />
      </FormGroup>
      <Menu aria-label={t('os.list')} isScrollable className="vd-os-menu">
        <MenuContent maxMenuHeight="260px">
          <MenuList aria-label={t('os.list')}>
            {matches.map((o) => (
              <MenuItem
                key={o.shortId}
                itemId={o.shortId}
                isSelected={o.shortId === form.osId}
                description={o.shortId}
                onClick={() => update({ osId: o.shortId })}
              >
                {o.name}
              </MenuItem>
            ))}
          </MenuList>
        </MenuContent>
      </Menu>
    </>
  );
}
