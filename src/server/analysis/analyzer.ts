/**
 * `createAnalyzer()`: the server's own eyes. It decodes an image and reports its faces, their measures and
 * the main face's identity descriptor; `verifyToken` judges evidence with it. Loaded once per process (or once
 * per worker thread with `threads`).
 */
import { createAnalyzerPool } from './analyzer-pool.js';
import { validateAnalyzerOptions, type Analyzer, type AnalyzerOptions } from './analyzer-types.js';
import { createLocalAnalyzer } from './local-analyzer.js';
import { defaultAssetsDir } from './models.js';

export { AnalyzerLoadError, type Analyzer, type AnalyzerBackend, type AnalyzerOptions, type ImageAnalysis } from './analyzer-types.js';

/**
 * Loads the models and returns an analyzer. Rejects with {@link AnalyzerLoadError} when the backend or a model
 * file cannot be loaded, naming the folder, so a misconfigured server fails at start-up rather than on a token.
 */
export async function createAnalyzer(options: AnalyzerOptions = {}): Promise<Analyzer> {
  const complete = validateAnalyzerOptions(options ?? {}, defaultAssetsDir);
  return complete.threads > 0 ? createAnalyzerPool(complete) : createLocalAnalyzer(complete);
}
