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

  export class SpiceMainConn {
    constructor(options: SpiceOptions);
    stop(): void;
  }
}
