import type { SortColumn } from './filterSort';

/** The list's columns, in order; widths live in app.css (`.vd-col--<column>`, on header and row cells). */
export const COLUMNS: readonly { column: SortColumn; labelKey: string }[] = [
  { column: 'name', labelKey: 'column.name' },
  { column: 'state', labelKey: 'column.state' },
  { column: 'cpu', labelKey: 'column.cpu' },
  { column: 'memory', labelKey: 'column.memory' },
  { column: 'vcpus', labelKey: 'column.vcpus' },
  { column: 'memorySize', labelKey: 'column.memorySize' },
  { column: 'autostart', labelKey: 'column.autostart' },
];

/** Fixed row height: the virtualiser places rows by index, with no measuring (no layout thrash). */
export const ROW_HEIGHT = 44;
export const HEADER_HEIGHT = 40;
