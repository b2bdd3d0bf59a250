import { createAnalyzer, type Analyzer } from './analyzer.js';

let processAnalyzer: Promise<Analyzer> | undefined;

/**
 * The analyzer `verifyToken` and `compareFaces` use unless given one: made on first use and shared by the
 * whole process. A failed load is not kept, so the next call tries again (and fails again, loudly, until the
 * models are there).
 */
export function defaultAnalyzer(): Promise<Analyzer> {
  processAnalyzer ??= createAnalyzer().catch((error: unknown) => {
    processAnalyzer = undefined;
    throw error;
  });
  return processAnalyzer;
}
