/**
 * How SshHost asks the user something while connecting. The app shows these as dialogs through
 * the API; null / false means the user cancelled.
 */
export interface SshPrompter {
  password(req: { host: string; user: string; attempt: number }): Promise<string | null>;
  passphrase(req: { keyPath: string; attempt: number }): Promise<string | null>;
  keyboardInteractive(req: {
    host: string;
    user: string;
    name: string;
    instructions: string;
    prompts: { prompt: string; echo: boolean }[];
  }): Promise<string[] | null>;
  confirmHostKey(req: {
    host: string;
    port: number;
    keyType: string;
    fingerprint: string;
  }): Promise<boolean>;
}
