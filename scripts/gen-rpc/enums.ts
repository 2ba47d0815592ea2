/**
 * The libvirt enums Virtdeck names, by their typedef names in libvirt's API description
 * (libvirt-api.xml). `npm run gen:rpc` emits one `as const` object per typedef into
 * src/main/libvirt/rpc/generated/libvirtEnums.ts, keyed by libvirt's own member names.
 * To use another enum: add its typedef here, refresh the trimmed copy of the API description
 * (libvirt-api.xml here, see its header) and run `npm run gen:rpc`.
 */
export const ENUMS = [
  // domains
  'virConnectListAllDomainsFlags',
  'virDomainXMLFlags',
  'virDomainDefineFlags',
  'virDomainUndefineFlagsValues',
  'virDomainModificationImpact',
  'virDomainMetadataType',
  'virDomainBlockResizeFlags',
  'virDomainConsoleFlags',
  'virDomainStatsTypes',
  'virConnectGetAllDomainStatsFlags',
  'virDomainEventID',
  'virConnectDomainEventAgentLifecycleState',
  'virDomainEventStoppedDetailType',
  'virDomainShutoffReason',
  'virDomainJobType',
  // migration
  'virDomainMigrateFlags',
  'virConnectCompareCPUFlags',
  'virCPUCompareResult',
  'virDomainGetJobStatsFlags',
  // snapshots
  'virDomainSnapshotCreateFlags',
  'virDomainSnapshotRevertFlags',
  'virDomainSnapshotDeleteFlags',
  // networks
  'virNetworkXMLFlags',
  'virNetworkUpdateCommand',
  'virNetworkUpdateSection',
  'virNetworkUpdateFlags',
  'virNetworkEventID',
  'virIPAddrType',
  // storage
  'virStorageXMLFlags',
  'virStorageVolResizeFlags',
  'virStoragePoolEventID',
  // host devices
  'virConnectListAllNodeDeviceFlags',
] as const;

/**
 * virErrorNumber has over a hundred codes; only those the app acts on are emitted (as the
 * `virErrorNumber` object, beside the enums above).
 */
export const ERROR_NUMBERS = [
  'VIR_ERR_NO_DOMAIN',
  'VIR_ERR_NO_NETWORK',
  'VIR_ERR_NO_STORAGE_POOL',
  'VIR_ERR_NO_STORAGE_VOL',
  'VIR_ERR_CONFIG_UNSUPPORTED',
  'VIR_ERR_NO_DOMAIN_METADATA',
  'VIR_ERR_OPERATION_UNSUPPORTED',
  'VIR_ERR_NO_SUPPORT',
  'VIR_ERR_OPERATION_TIMEOUT',
  'VIR_ERR_NO_DOMAIN_SNAPSHOT',
  'VIR_ERR_SNAPSHOT_REVERT_RISKY',
  'VIR_ERR_INVALID_ARG',
] as const;
