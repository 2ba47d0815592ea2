import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { COLUMNS } from './columns';
import type { SortColumn, SortSpec } from './filterSort';

/** Column headers; a click sorts by that column, a second click reverses the order. */
export const GridHeader = memo(function GridHeader({
  sort,
  onSort,
}: {
  sort: SortSpec;
  onSort: (column: SortColumn) => void;
}) {
  const { t } = useTranslation('vmList');
  return (
    <div role="rowgroup" className="vd-grid-head">
      <div role="row" aria-rowindex={1} className="vd-row vd-row--head">
        {COLUMNS.map(({ column, labelKey }) => {
          const sorted = sort.column === column;
          return (
            <div
              key={column}
              role="columnheader"
              aria-sort={sorted ? sort.direction : 'none'}
              className={`vd-cell vd-colhead vd-col--${column}`}
            >
              <button type="button" className="vd-sort-button" onClick={() => onSort(column)}>
                {t(labelKey)}
                <span className="vd-sort-arrow" aria-hidden="true">
                  {sorted ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
                </span>
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
});
