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
import snapshotCreate from './locales/en/snapshotCreate.json';
import ssh from './locales/en/ssh.json';
import vmDelete from './locales/en/vmDelete.json';
import xen from './locales/en/xen.json';
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
  snapshotCreate,
  ssh,
  vmDelete,
  xen,
  xml,
};
