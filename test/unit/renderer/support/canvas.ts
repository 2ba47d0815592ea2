/**
 * happy-dom has no 2D canvas. A stand-in that draws nothing but keeps the text drawn on it, so a
 * test reads what a user would read on a uPlot graph (axis labels). Installed per test file.
 */
export function recordCanvasText(): { texts: string[]; restore(): void } {
  const texts: string[] = [];
  const original = HTMLCanvasElement.prototype.getContext;
  const state: Record<string | symbol, unknown> = {};
  const context = new Proxy(state, {
    get(target, prop) {
      if (prop === 'fillText') return (text: string) => void texts.push(String(text));
      if (prop === 'measureText') return (text: string) => ({ width: String(text).length * 7 });
      if (prop in target) return target[prop];
      return () => undefined;
    },
    set(target, prop, value) {
      target[prop] = value;
      return true;
    },
  });
  HTMLCanvasElement.prototype.getContext = function getContext() {
    return context;
  } as unknown as typeof original;
  // uPlot builds its lines as Path2D objects: a path that takes every call and draws nothing.
  const hadPath2D = 'Path2D' in globalThis;
  if (!hadPath2D) {
    Object.assign(globalThis, {
      Path2D: function Path2D() {
        return new Proxy({}, { get: () => () => undefined });
      },
    });
  }
  return {
    texts,
    restore() {
      HTMLCanvasElement.prototype.getContext = original;
      if (!hadPath2D) Reflect.deleteProperty(globalThis, 'Path2D');
    },
  };
}
