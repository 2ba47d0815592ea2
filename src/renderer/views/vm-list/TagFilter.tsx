import { FormSelect, FormSelectOption, ToolbarItem } from '@patternfly/react-core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSlice, useStore } from '../../state/context';
import { allTags, type FilterUpdate, type VmFilter } from './filterSort';

/** Filter the list by one of the tags set on the details page; hidden while no VM has a tag. */
export function TagFilter({ tag, onFilter }: { tag: VmFilter['tag']; onFilter: FilterUpdate }) {
  const { t } = useTranslation('vmList');
  const vms = useSlice(useStore().vms);
  const tags = useMemo(() => allTags(vms.values()), [vms]);
  if (tags.length === 0 && (tag ?? 'all') === 'all') return null;
  return (
    <ToolbarItem>
      <FormSelect
        aria-label={t('tagFilter')}
        value={tag ?? 'all'}
        onChange={(_e, next) => onFilter((f) => ({ ...f, tag: next }))}
        className="vd-select"
      >
        <FormSelectOption value="all" label={t('allTags')} />
        {tags.map((tag) => (
          <FormSelectOption key={tag} value={tag} label={tag} />
        ))}
      </FormSelect>
    </ToolbarItem>
  );
}
