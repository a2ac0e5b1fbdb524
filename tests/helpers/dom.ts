import { type ComponentChild, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach } from 'vitest';

/**
 * A fresh container per test (happy-dom), unmounted after it. Call at the top of a component
 * test file: `const { mount, waitFor } = domRoot();`.
 */
export function domRoot() {
  let root!: HTMLElement;
  beforeEach(() => {
    root = document.body.appendChild(document.createElement('div'));
  });
  afterEach(async () => {
    await act(() => render(null, root));
    root.remove();
  });
  const mount = async (vnode: ComponentChild): Promise<HTMLElement> => {
    await act(() => render(vnode, root));
    return root;
  };
  /** Lets Dexie's liveQuery and Preact settle until `probe` finds something. */
  async function waitFor<T>(probe: () => T | null | undefined | false): Promise<T> {
    const end = Date.now() + 3000;
    for (;;) {
      const v = probe();
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out; DOM: ${root.innerHTML.slice(0, 500)}`);
      await act(() => new Promise<void>((r) => setTimeout(r, 10)));
    }
  }
  return { mount, waitFor };
}
