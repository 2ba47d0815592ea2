/**
 * libvirt's virErrorNumber (include/libvirt/virterror.h): the values the app acts on, named as
 * libvirt names them, so that a table generated from libvirt's API description can replace this
 * definition without touching its users.
 */
export const virErrorNumber = {
  VIR_ERR_NO_DOMAIN: 42,
  VIR_ERR_NO_NETWORK: 43,
  VIR_ERR_NO_STORAGE_POOL: 49,
  VIR_ERR_NO_STORAGE_VOL: 50,
  VIR_ERR_CONFIG_UNSUPPORTED: 67,
  VIR_ERR_OPERATION_INVALID: 55,
  VIR_ERR_OPERATION_TIMEOUT: 68,
  VIR_ERR_INVALID_DOMAIN_SNAPSHOT: 71,
  VIR_ERR_NO_DOMAIN_SNAPSHOT: 72,
  VIR_ERR_SNAPSHOT_REVERT_RISKY: 77,
  VIR_ERR_NO_DOMAIN_METADATA: 80,
  VIR_ERR_OPERATION_UNSUPPORTED: 84,
} as const;
