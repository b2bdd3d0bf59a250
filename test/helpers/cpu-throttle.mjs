// A server command for browser tests: slows the test page's CPU as a cheap phone's (Chrome DevTools Protocol
// `Emulation.setCPUThrottlingRate`; the protocol takes it for pages only, and Chromium applies it to the page's
// renderer).

/** `throttle-cpu` with payload `{ rate }` (1 turns it off). */
export function cpuThrottle() {
  const sessions = new Map();
  return {
    name: 'face-liveness-cpu-throttle',
    async executeCommand({ command, payload, session }) {
      if (command !== 'throttle-cpu') return undefined;
      const page = session.browser.getPage(session.id);
      if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
      await sessions.get(page).send('Emulation.setCPUThrottlingRate', { rate: payload.rate });
      return true;
    },
  };
}
