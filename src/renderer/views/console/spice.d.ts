// spice-html5 ships no TypeScript types; this declares only what the console view uses
// (see node_modules/@spice-project/spice-html5/src/main.js and spiceconn.js).
declare module '@spice-project/spice-html5/src/main.js' {
  export interface SpiceOptions {
    uri: string;
    password?: string;
    /** id of the element the display canvas is appended to */
    screen_id: string;
    /** id of an element where spice-html5 appends its own (English) log lines */
    message_id?: string;
    onerror?: (error: Error) => void;
    onsuccess?: () => void;
    onagent?: () => void;
  }

  /** The inputs channel, once the server opened it ("ready" once linked). */
  export interface SpiceInputsConn {
    state: string;
    send_msg(msg: unknown): void;
  }

  export class SpiceMainConn {
    constructor(options: SpiceOptions);
    inputs?: SpiceInputsConn;
    stop(): void;
  }
}

declare module '@spice-project/spice-html5/src/spicemsg.js' {
  interface SpiceKeyMessage {
    /** scan code bytes, lowest first */
    code: number;
  }
  export const SpiceMsgcKeyDown: new () => SpiceKeyMessage;
  export const SpiceMsgcKeyUp: new () => SpiceKeyMessage;
  export const SpiceMiniData: new () => { build_msg(type: number, payload: SpiceKeyMessage): void };
}

declare module '@spice-project/spice-html5/src/enums.js' {
  export const Constants: {
    SPICE_MSGC_INPUTS_KEY_DOWN: number;
    SPICE_MSGC_INPUTS_KEY_UP: number;
  };
}
