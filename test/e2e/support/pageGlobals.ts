/**
 * The few browser globals the e2e tests read inside page.evaluate: the tests are type-checked
 * without the DOM's types, so what they touch is named here. Cast `globalThis` to it inside the
 * evaluated function (which runs in the page and can reach no import).
 */
export interface FocusedElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
}

export interface PageGlobals {
  document: {
    activeElement: FocusedElement | null;
    documentElement: { classList: { contains(name: string): boolean } };
  };
  location: { hash: string };
}
