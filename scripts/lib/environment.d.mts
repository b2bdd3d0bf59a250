export function chromiumPath(): string;
export function chromiumArgs(): string[];
export function fixturesDir(): string;
export function fakeCameraFile(video: string, options?: { from?: number; shrink?: number }): string;
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | null;
