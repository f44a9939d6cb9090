// The slices of Electron's IPC objects the adapters use, declared structurally so the adapters
// run against fakes in tests and Electron's real ipcMain / WebContents satisfy them in main.ts.

export interface IpcSender {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

export interface IpcEvent {
  /** The frame that sent the message; null once it has navigated away or been destroyed. */
  readonly senderFrame: { readonly url: string } | null;
  readonly sender: IpcSender;
}

export interface IpcMainPort {
  handle(channel: string, listener: (event: IpcEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcEvent, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcEvent, ...args: unknown[]) => void): unknown;
}

/** Answers only frames showing the app's own page (app-url.ts); everything else is refused unheard. */
export type TrustedSenderCheck = (event: IpcEvent) => boolean;

export class UntrustedSenderError extends Error {
  constructor(channel: string, url: string | undefined) {
    super(`IPC on ${channel} refused: sender ${url ?? '(no frame)'} is not the app`);
    this.name = 'UntrustedSenderError';
  }
}
