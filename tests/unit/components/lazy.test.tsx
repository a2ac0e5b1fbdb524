// @vitest-environment happy-dom
import { h, options, render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lazyComponent } from '@/components/lazy';

/**
 * components/lazy.ts: a view whose code loads on first use (the record detail, the job view…).
 * Preact runs effects after paint, so the code may finish loading between a render (which showed
 * the fallback) and that render's effect: the view must still appear. Found by the Firefox suite
 * under CI load: a record stayed on "Loading record…" for good.
 */
const Loaded = () => h('p', null, 'the record');
const fallback = () => h('p', null, 'Loading record…');
/**
 * Frames the test paints by hand: Preact runs its after-paint effects through
 * `options.requestAnimationFrame` when set (as preact/test-utils' act does), so effects run
 * exactly when the test says the browser painted, and no real time is waited on.
 */
let frames: (() => void)[] = [];
const raf = options.requestAnimationFrame;
beforeEach(() => {
  frames = [];
  options.requestAnimationFrame = (cb) => frames.push(cb);
});
afterEach(() => {
  if (raf) options.requestAnimationFrame = raf;
  else delete options.requestAnimationFrame;
});
/** The browser paints: the effects waiting for it run, then what they set renders (a microtask). */
const afterPaint = async (): Promise<void> => {
  for (const frame of frames.splice(0)) frame();
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe('lazyComponent', () => {
  it('shows the fallback, then the component once its code has loaded', async () => {
    let resolve!: (c: typeof Loaded) => void;
    const Lazy = lazyComponent(() => new Promise<typeof Loaded>((r) => (resolve = r)), fallback);
    const root = document.createElement('div');
    render(h(Lazy, {}), root);
    expect(root.textContent).toBe('Loading record…');
    await afterPaint();
    resolve(Loaded);
    await afterPaint();
    expect(root.textContent).toBe('the record');
  });

  it('the code loads between the render and its effect (a preload after first paint): the component still appears', async () => {
    let resolve!: (c: typeof Loaded) => void;
    const Lazy = lazyComponent(() => new Promise<typeof Loaded>((r) => (resolve = r)), fallback);
    const preloading = Lazy.preload(); // what the side panel starts after its first paint
    const root = document.createElement('div');
    render(h(Lazy, {}), root); // the seller opens a record: the fallback, its effect not run yet
    expect(root.textContent).toBe('Loading record…');
    resolve(Loaded);
    await preloading; // loaded before the effect runs
    await afterPaint();
    await afterPaint();
    expect(root.textContent).toBe('the record');
  });

  it('a failed load may be tried again (an update replaced the files)', async () => {
    let calls = 0;
    const Lazy = lazyComponent(() => (++calls === 1 ? Promise.reject(new Error('gone')) : Promise.resolve(Loaded)), fallback);
    await expect(Lazy.preload()).rejects.toThrow('gone');
    await Lazy.preload();
    const root = document.createElement('div');
    render(h(Lazy, {}), root);
    expect(root.textContent).toBe('the record');
    expect(calls).toBe(2);
  });
});
