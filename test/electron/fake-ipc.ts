// An in-memory stand-in for Electron's IPC: a main side (IpcMainPort) and renderer sides
// (IpcRendererPort) joined like the real thing, arguments structured-cloned on the way through.
import type { IpcEvent, IpcMainPort, IpcSender } from '../../src-main/electron/ipc-types.js';
import type { IpcRendererPort } from '../../src-main/electron/preload-bridge.js';

type MainListener = (event: IpcEvent, ...args: unknown[]) => void;
type RendererListener = (event: unknown, ...args: unknown[]) => void;

export class FakeIpcMain implements IpcMainPort {
  readonly handlers = new Map<string, (event: IpcEvent, ...args: unknown[]) => unknown>();
  readonly listeners = new Map<string, Set<MainListener>>();

  handle(channel: string, listener: (event: IpcEvent, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  on(channel: string, listener: MainListener): this {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
    return this;
  }

  removeListener(channel: string, listener: MainListener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }

  listenerCount(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  }

  async invoke(channel: string, event: IpcEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...structuredClone(args));
  }

  emit(channel: string, event: IpcEvent, ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(event, ...structuredClone(args));
  }
}

let nextSenderId = 1;

/** A webContents: records what main sends it and can be destroyed. */
export class FakeSender implements IpcSender {
  readonly id = nextSenderId++;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  readonly rendererListeners = new Map<string, Set<RendererListener>>();
  private destroyed = false;
  private readonly onDestroyed: (() => void)[] = [];

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
    for (const listener of this.rendererListeners.get(channel) ?? []) listener({}, ...structuredClone(args));
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  once(_event: 'destroyed', listener: () => void): this {
    this.onDestroyed.push(listener);
    return this;
  }

  destroyedListenerCount(): number {
    return this.onDestroyed.length;
  }

  destroy(): void {
    this.destroyed = true;
    this.onDestroyed.splice(0).forEach((listener) => listener());
  }
}

export const APP_URL = 'file:///opt/Sampledex/resources/app.asar/out/renderer/index.html';

export function ipcEvent(sender: FakeSender, frameUrl: string | null = APP_URL): IpcEvent {
  return { sender, senderFrame: frameUrl === null ? null : { url: frameUrl } };
}

/** The renderer end of one window, wired to `main` as that window's preload would be. */
export function connectRenderer(main: FakeIpcMain, sender = new FakeSender(), frameUrl: string = APP_URL): IpcRendererPort & { sender: FakeSender } {
  const event = (): IpcEvent => ipcEvent(sender, frameUrl);
  return {
    sender,
    invoke: (channel, ...args) => main.invoke(channel, event(), ...args),
    send: (channel, ...args) => main.emit(channel, event(), ...args),
    on(channel, listener) {
      if (!sender.rendererListeners.has(channel)) sender.rendererListeners.set(channel, new Set());
      sender.rendererListeners.get(channel)!.add(listener);
      return this;
    },
    removeListener(channel, listener) {
      sender.rendererListeners.get(channel)?.delete(listener);
      return this;
    },
  };
}
