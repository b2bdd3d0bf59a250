// Browser tests in Debian's headless Chromium. Frames come from the real-face fixtures in
// test/fixtures (served under /fixtures/); the "camera" group's browser gets Chromium's fake
// camera fed with a fixture video converted by ffmpeg.
import { existsSync, readFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, chromiumPath, fakeCameraFile, fixturesDir, serveFixtures } from './scripts/lib/environment.mjs';
import { faultMiddleware } from './test/helpers/fault-middleware.mjs';
import { cpuThrottle } from './test/helpers/cpu-throttle.mjs';
import { verifier } from './test/helpers/verifier.mjs';

const executablePath = chromiumPath();
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
if (!existsSync('dist/face-liveness.worker.js')) {
  console.error('The browser tests load the built bundles: run `npm run build` first (`npm test` does).');
  process.exit(1);
}

const browser = (extraArgs = []) =>
  chromeLauncher({ launchOptions: { executablePath, headless: true, args: [...chromiumArgs(), ...extraArgs] } });

/** The video Chromium's fake camera plays in the "camera" group: a man who blinks often, frontal. */
const CAMERA_VIDEO = 'blink-man-glasses.mp4';
/** The "camera-turn" group's: a woman turning her head left and right, never still (fake-camera turns end to end). */
const TURN_VIDEO = 'head-turn-woman.mp4';

const fakeCamera = (video) => browser([
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${fakeCameraFile(video)}`,
]);

/** The built `face-liveness/server`, issuing challenges and verifying tokens for the end-to-end tests. */
const theVerifier = verifier();

export default {
  rootDir: '.',
  nodeResolve: { browser: true },
  // One test file at a time; `npm run test:browser` also runs the groups one after another, since on 2
  // cores browsers running side by side starve each other's camera of frames.
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 120_000,
  testsFinishTimeout: 900_000,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', define: { __FACE_LIVENESS_VERSION__: JSON.stringify(version) } }), theVerifier.plugin, cpuThrottle()],
  middleware: [serveFixtures(fixturesDir()), faultMiddleware('dist'), theVerifier.middleware],
  testFramework: { config: { timeout: 180_000 } },
  browsers: [browser()],
  groups: [
    { name: 'browser', files: 'test/browser/**/*.test.ts' },
    {
      // A camera exists but permission prompts are refused, as when a person taps "Block".
      name: 'camera-denied',
      files: 'test/camera-denied/**/*.test.ts',
      browsers: [browser(['--use-fake-device-for-media-stream', '--deny-permission-prompts'])],
    },
    { name: 'camera', files: 'test/camera/**/*.test.ts', browsers: [fakeCamera(CAMERA_VIDEO)] },
    { name: 'camera-turn', files: 'test/camera-turn/**/*.test.ts', browsers: [fakeCamera(TURN_VIDEO)] },
  ],
};
