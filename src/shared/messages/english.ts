/**
 * The backend's messages in English, by area: what `VirtdeckError.message`, logs and job steps
 * say on this side (the renderer shows the user's language from the same keys, see
 * renderer/i18n/resources.ts). One JSON per area; an area is added here and in every language's
 * folder (the parity test checks that each language has every key with the same placeholders).
 */
import api from './locales/en/api.json';
import clone from './locales/en/clone.json';
import common from './locales/en/common.json';
import consoleGateway from './locales/en/consoleGateway.json';
import consoles from './locales/en/consoles.json';
import host from './locales/en/host.json';
import lxc from './locales/en/lxc.json';
import newVm from './locales/en/newVm.json';
import rpc from './locales/en/rpc.json';
import snapshot from './locales/en/snapshot.json';
import ssh from './locales/en/ssh.json';
import vmDelete from './locales/en/vmDelete.json';
import xen from './locales/en/xen.json';
import appliances from './locales/en/appliances.json';
import consoleTargets from './locales/en/consoleTargets.json';
import hostInfo from './locales/en/hostInfo.json';
import install from './locales/en/install.json';
import lifecycle from './locales/en/lifecycle.json';
import migration from './locales/en/migration.json';
import networks from './locales/en/networks.json';
import snapshotOps from './locales/en/snapshotOps.json';
import storage from './locales/en/storage.json';
import vmDetails from './locales/en/vmDetails.json';
import xml from './locales/en/xml.json';

export const ENGLISH_MESSAGES = {
  api,
  clone,
  common,
  consoleGateway,
  consoles,
  host,
  lxc,
  newVm,
  rpc,
  snapshot,
  ssh,
  vmDelete,
  xen,
  appliances,
  consoleTargets,
  hostInfo,
  install,
  lifecycle,
  migration,
  networks,
  snapshotOps,
  storage,
  vmDetails,
  xml,
};
