/**
 * libvirt's virErrorNumber (include/libvirt/virterror.h): the values the app acts on, named as
 * libvirt names them, so that a table generated from libvirt's API description can replace this
 * definition without touching its users.
 */
export const virErrorNumber = {
  VIR_ERR_INVALID_ARG: 8,
  VIR_ERR_NO_DOMAIN: 42,
  VIR_ERR_NO_NETWORK: 43,
  VIR_ERR_NO_STORAGE_POOL: 49,
  VIR_ERR_NO_STORAGE_VOL: 50,
  VIR_ERR_CONFIG_UNSUPPORTED: 67,
  VIR_ERR_NO_DOMAIN_METADATA: 80,
  VIR_ERR_OPERATION_UNSUPPORTED: 84,
} as const;
