/**
 * Console extras (issue 18): "Open in remote-viewer" (a loopback forward and a .vv file) and
 * whether a VNC console's clipboard has an agent to talk to. (The serial history needs no method:
 * the gateway keeps it, and a serial console's ticket starts with it.)
 */
import * as v from 'valibot';
import { flag, text, vmRef, type MethodsOf, type ResultSchemas } from '../schema';

const clipboardAgentState = v.picklist(['none', 'disconnected', 'connected', 'unknown']);
/**
 * QEMU's vdagent channel in the live XML: 'none' (no channel), 'disconnected' (the guest runs no
 * spice-vdagent), 'connected', or 'unknown' (libvirt does not say).
 */
export type ClipboardAgentState = v.InferOutput<typeof clipboardAgentState>;

export const consoleToolsParams = {
  /** The clipboard agent channel of a running VM (for the VNC console's clipboard panel). */
  'consoleTools.clipboardAgent': v.object(vmRef),
  /**
   * Opens a loopback port forwarded to the display `targetId` for one remote-viewer and makes its
   * .vv file; `launch`: start remote-viewer here (Electron) rather than return the file.
   */
  'consoleTools.remoteViewer': v.object({ ...vmRef, targetId: text('targetId'), launch: flag() }),
};

export const consoleToolsResults = {
  'consoleTools.clipboardAgent': clipboardAgentState,
  /** `file`: the .vv text to offer as a download (when not launched here). */
  'consoleTools.remoteViewer': v.object({
    port: v.number(),
    launched: v.boolean(),
    file: v.optional(v.string()),
  }),
} satisfies ResultSchemas<typeof consoleToolsParams>;

export type ConsoleToolsMethods = MethodsOf<typeof consoleToolsParams, typeof consoleToolsResults>;
