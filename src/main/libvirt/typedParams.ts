import type { RemoteTypedParam } from './rpc/generated/remoteProtocol';

export type TypedValue = number | string | boolean;

/**
 * libvirt's typed parameters (stats, job info) as a plain record. 64-bit counters become numbers:
 * they lose precision only above 2^53, far beyond any counter's useful resolution for rates.
 */
export function typedParamsToRecord(
  params: readonly RemoteTypedParam[],
): Record<string, TypedValue> {
  const out: Record<string, TypedValue> = {};
  for (const { field, value } of params) {
    switch (value.type) {
      case 1:
        out[field] = value.i;
        break;
      case 2:
        out[field] = value.ui;
        break;
      case 3:
        out[field] = Number(value.l);
        break;
      case 4:
        out[field] = Number(value.ul);
        break;
      case 5:
        out[field] = value.d;
        break;
      case 6:
        out[field] = value.b !== 0;
        break;
      case 7:
        out[field] = value.s;
        break;
    }
  }
  return out;
}
