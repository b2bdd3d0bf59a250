/** Helpers for tests of the built element (dist/face-liveness.js), as a portal loads it. */
import type { CaptureClaims } from '../../src/core/claims.js';
import type { FaceLivenessEventMap } from '../../src/element/events.js';
import type { FaceLiveness } from '../../src/element/face-liveness.js';
import type {} from '../../src/define.js';
import { openVideo } from './fixtures.js';

export async function defineElement(): Promise<void> {
  await import(/* @vite-ignore */ new URL('/dist/face-liveness.js', location.href).href);
}

/** A `<face-liveness>` added to the page with these attributes (and no voice: headless has none). */
export function createElement(attributes: Record<string, string | true> = {}): FaceLiveness {
  const element = document.createElement('face-liveness');
  element.setAttribute('no-voice', '');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value === true ? '' : value);
  document.body.append(element);
  return element;
}

/**
 * A fixture clip playing from `from` seconds, as a camera-like MediaStream (the element's `stream`).
 * It loops unless `once`; `rate` below 1 stretches a short clip without adding anything to it.
 */
export async function fixtureStream(
  video: string,
  from = 0,
  { once = false, rate = 1 } = {},
): Promise<{ stream: MediaStream; stop(): void; seek(seconds: number): Promise<void> }> {
  const element = await openVideo(video);
  element.currentTime = from;
  element.loop = !once;
  element.playbackRate = rate;
  await element.play();
  const stream = (element as HTMLVideoElement & { captureStream(): MediaStream }).captureStream();
  return {
    stream,
    async seek(seconds) {
      const seeked = new Promise((resolve) => element.addEventListener('seeked', resolve, { once: true }));
      element.currentTime = seconds;
      await seeked;
    },
    stop() {
      element.pause();
      for (const track of stream.getTracks()) track.stop();
    },
  };
}

export function nextEvent<K extends keyof FaceLivenessEventMap>(element: HTMLElement, type: K, timeoutMs = 120_000): Promise<FaceLivenessEventMap[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} within ${timeoutMs} ms`)), timeoutMs);
    element.addEventListener(
      type,
      (event) => {
        clearTimeout(timer);
        resolve(event as FaceLivenessEventMap[K]);
      },
      { once: true },
    );
  });
}

export function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (condition()) resolve();
      else if (performance.now() - start > timeoutMs) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(poll, 50);
    };
    poll();
  });
}

const base64url = (text: string) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

/**
 * Checks the token's ES256 signature against the public key in its own header with WebCrypto (no
 * library), and returns the header and claims.
 */
export async function verifyJws(token: string): Promise<{ header: { alg: string; typ: string; jwk: JsonWebKey }; claims: CaptureClaims }> {
  const [header, payload, signature] = token.split('.');
  const decoded = JSON.parse(new TextDecoder().decode(base64url(header!)));
  const key = await crypto.subtle.importKey('jwk', decoded.jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  const valid = await crypto.subtle.verify(
    { name: 'ECDSA', hash: 'SHA-256' },
    key,
    base64url(signature!),
    new TextEncoder().encode(`${header}.${payload}`),
  );
  if (!valid) throw new Error('the JWS signature does not verify against its header key');
  return { header: decoded, claims: JSON.parse(new TextDecoder().decode(base64url(payload!))) };
}

/** Decodes an evidence JPEG (base64) into an image. */
export function decodeJpeg(base64: string): Promise<ImageBitmap> {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
}

interface AxeResults {
  violations: { id: string; help: string; nodes: { target: unknown[] }[] }[];
}

/**
 * Runs axe-core on the element, shadow DOM included, with the WCAG A/AA rules and AAA contrast (7:1,
 * what elderly users need). Returns the violations as readable lines.
 */
export async function axeViolations(element: HTMLElement): Promise<string[]> {
  const global = window as unknown as { axe?: { run(context: unknown, options: unknown): Promise<AxeResults> } };
  if (!global.axe) {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/node_modules/axe-core/axe.min.js';
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('axe-core could not be loaded'));
      document.head.append(script);
    });
  }
  const results = await global.axe!.run(element, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag2aaa'] },
    resultTypes: ['violations'],
  });
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
}

/** The element's shadow root, for looking at what a person sees. */
export function shadow(element: HTMLElement): ShadowRoot {
  return element.shadowRoot!;
}
