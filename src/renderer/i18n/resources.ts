import arCommon from './locales/ar/common.json';
import arConnections from './locales/ar/connections.json';
import arConsole from './locales/ar/console.json';
import arHost from './locales/ar/host.json';
import arNetworks from './locales/ar/networks.json';
import arNewVm from './locales/ar/newVm.json';
import arNewVmCloud from './locales/ar/newVmCloud.json';
import arNewVmAppliance from './locales/ar/newVmAppliance.json';
import arNewVmDiskImport from './locales/ar/newVmDiskImport.json';
import arPrompts from './locales/ar/prompts.json';
import arSettings from './locales/ar/settings.json';
import arSnapshots from './locales/ar/snapshots.json';
import arStorage from './locales/ar/storage.json';
import arTemplates from './locales/ar/templates.json';
import arVm from './locales/ar/vm.json';
import arVmClone from './locales/ar/vmClone.json';
import arVmDelete from './locales/ar/vmDelete.json';
import arVmMigrate from './locales/ar/vmMigrate.json';
import arVmList from './locales/ar/vmList.json';
import arVmDetails from './locales/ar/vmDetails.json';
import enCommon from './locales/en/common.json';
import enConnections from './locales/en/connections.json';
import enConsole from './locales/en/console.json';
import enHost from './locales/en/host.json';
import enNetworks from './locales/en/networks.json';
import enNewVm from './locales/en/newVm.json';
import enNewVmCloud from './locales/en/newVmCloud.json';
import enNewVmAppliance from './locales/en/newVmAppliance.json';
import enNewVmDiskImport from './locales/en/newVmDiskImport.json';
import enPrompts from './locales/en/prompts.json';
import enSettings from './locales/en/settings.json';
import enSnapshots from './locales/en/snapshots.json';
import enStorage from './locales/en/storage.json';
import enTemplates from './locales/en/templates.json';
import enVm from './locales/en/vm.json';
import enVmClone from './locales/en/vmClone.json';
import enVmDelete from './locales/en/vmDelete.json';
import enVmMigrate from './locales/en/vmMigrate.json';
import enVmList from './locales/en/vmList.json';
import enVmDetails from './locales/en/vmDetails.json';

/** One JSON per screen namespace and language; bundled, so no request is made at start. */
export const resources = {
  en: {
    common: enCommon,
    connections: enConnections,
    console: enConsole,
    host: enHost,
    networks: enNetworks,
    newVm: enNewVm,
    newVmCloud: enNewVmCloud,
    newVmAppliance: enNewVmAppliance,
    newVmDiskImport: enNewVmDiskImport,
    prompts: enPrompts,
    settings: enSettings,
    snapshots: enSnapshots,
    storage: enStorage,
    templates: enTemplates,
    vm: enVm,
    vmClone: enVmClone,
    vmDelete: enVmDelete,
    vmMigrate: enVmMigrate,
    vmList: enVmList,
    vmDetails: enVmDetails,
  },
  ar: {
    common: arCommon,
    connections: arConnections,
    console: arConsole,
    host: arHost,
    networks: arNetworks,
    newVm: arNewVm,
    newVmCloud: arNewVmCloud,
    newVmAppliance: arNewVmAppliance,
    newVmDiskImport: arNewVmDiskImport,
    prompts: arPrompts,
    settings: arSettings,
    snapshots: arSnapshots,
    storage: arStorage,
    templates: arTemplates,
    vm: arVm,
    vmClone: arVmClone,
    vmDelete: arVmDelete,
    vmMigrate: arVmMigrate,
    vmList: arVmList,
    vmDetails: arVmDetails,
  },
} as const;

export const NAMESPACES = Object.keys(resources.en) as (keyof typeof resources.en)[];
