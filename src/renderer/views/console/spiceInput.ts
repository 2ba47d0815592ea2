import { Constants } from '@spice-project/spice-html5/src/enums.js';
import type { SpiceMainConn } from '@spice-project/spice-html5/src/main.js';
import {
  SpiceMiniData,
  SpiceMsgcKeyDown,
  SpiceMsgcKeyUp,
} from '@spice-project/spice-html5/src/spicemsg.js';
import type { KeyStroke } from './keysyms';
import { spiceKeyCode } from './spiceKeys';

/**
 * Sends key presses on a SPICE session's inputs channel, as spice-html5's own key handlers do
 * (its sendCtrlAltDel helper reads a global the library never sets). False when the inputs
 * channel is not open yet, or a key has no scan code here.
 */
export function sendSpiceStrokes(conn: SpiceMainConn, strokes: readonly KeyStroke[]): boolean {
  const inputs = conn.inputs;
  if (!inputs || inputs.state !== 'ready') return false;
  const codes = strokes.map(spiceKeyCode);
  if (codes.some((c) => c === undefined)) return false;
  strokes.forEach((stroke, i) => {
    const key = stroke.down ? new SpiceMsgcKeyDown() : new SpiceMsgcKeyUp();
    key.code = codes[i] ?? 0;
    const msg = new SpiceMiniData();
    msg.build_msg(
      stroke.down ? Constants.SPICE_MSGC_INPUTS_KEY_DOWN : Constants.SPICE_MSGC_INPUTS_KEY_UP,
      key,
    );
    inputs.send_msg(msg);
  });
  return true;
}
