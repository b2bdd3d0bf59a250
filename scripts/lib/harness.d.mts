import type { Page } from 'puppeteer-core';

export function withHarnessPage<T>(body: (page: Page) => Promise<T>, options?: { args?: string[]; root?: string }): Promise<T>;
export function startStaticServer(options?: { root?: string; fixtures?: string }): Promise<{ url: string; close(): void }>;
