/**
 * The package as a portal gets it: `npm pack` in a clean copy of the sources (so `prepack` must build
 * everything itself), the tarball's files checked, then installed into the consumer project of test/consumer
 * and type-checked there under --strict without skipLibCheck, and its server entry run.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

let work: string;
let pack: PackResult;
let installed: string;
let consumer: string;

/** The sources a contributor's clone has (tracked or new, not ignored), without the tests and their fixtures. */
function copySources(target: string): void {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  for (const file of listed.split('\0')) {
    if (!file || file.startsWith('test/') || !existsSync(join(ROOT, file))) continue;
    mkdirSync(dirname(join(target, file)), { recursive: true });
    cpSync(join(ROOT, file), join(target, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(target, 'node_modules'), 'dir');
}

/**
 * Installs the tarball into `project`, as npm would unpack it, with the package's declared dependencies (and
 * the consumer's own: TypeScript, Node's types) linked from this repository's node_modules, so nothing is
 * fetched. Only what the package declares is reachable from it: a missing dependency fails the type check.
 */
function install(tarball: string, project: string, own: string[]): string {
  const target = join(project, 'node_modules/face-liveness');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
  const { dependencies = {} } = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const name of [...Object.keys(dependencies), ...own]) {
    const link = join(project, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), link, 'dir');
  }
  return target;
}

function typeCheck(project: string, config: string): { ok: boolean; output: string } {
  try {
    return { ok: true, output: execFileSync(process.execPath, [TSC, '-p', config, '--pretty', 'false'], { cwd: project, encoding: 'utf8' }) };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${stdout}${stderr}` };
  }
}

before(() => {
  work = mkdtempSync(join(tmpdir(), 'face-liveness-pack-'));
  const source = join(work, 'source');
  copySources(source);
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: source, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  // npm prints the build's own output before the JSON.
  [pack] = JSON.parse(output.slice(output.indexOf('[\n'))) as PackResult[];
  consumer = join(work, 'consumer');
  cpSync(join(ROOT, 'test/consumer'), consumer, { recursive: true });
  installed = install(join(work, pack.filename), consumer, ['typescript', '@types/node']);
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('holds the bundles, the models, the WASM binaries, the types, the custom-elements manifest, README and LICENSE', (t) => {
    const paths = new Set(pack.files.map((file) => file.path));
    const expected = [
      'package.json', 'README.md', 'LICENSE', 'custom-elements.json',
      'dist/index.js', 'dist/face-liveness.js', 'dist/face-liveness.iife.js', 'dist/face-liveness.worker.js',
      'dist/server.js', 'dist/server-analyzer-thread.js',
      ...['facemesh-detection-short', 'facemesh', 'faceres'].flatMap((model) => [`dist/models/${model}.json`, `dist/models/${model}.bin`]),
      'dist/wasm/tfjs-backend-wasm.wasm', 'dist/wasm/tfjs-backend-wasm-simd.wasm',
      'types/src/index.d.ts', 'types/src/define.d.ts', 'types/src/server/index.d.ts', 'types/src/element/face-liveness.d.ts',
    ];
    for (const path of expected) assert.ok(paths.has(path), `${path} is packed`);
    for (const backend of ['webgl', 'wasm', 'cpu']) {
      assert.ok([...paths].some((path) => path.startsWith(`dist/worker/backend-${backend}-`)), `the worker's ${backend} chunk is packed`);
    }
    t.diagnostic(`${pack.files.length} files, ${(pack.size / 1e6).toFixed(2)} MB packed, ${(pack.unpackedSize / 1e6).toFixed(2)} MB unpacked`);
    const models = pack.files.filter((file) => file.path.startsWith('dist/models/')).reduce((sum, file) => sum + file.size, 0);
    t.diagnostic(`of which models ${(models / 1e6).toFixed(2)} MB`);
  });

  it('holds nothing else: no tests, fixtures, build info or source files', () => {
    for (const { path } of pack.files) {
      assert.match(path, /^(dist\/|types\/src\/|package\.json$|README\.md$|LICENSE$|custom-elements\.json$)/, `${path} belongs in the package`);
      assert.doesNotMatch(path, /(^|\/)(test|tests|fixtures|tsbuildinfo)(\/|$)|\.tsbuildinfo$|\.test\.|\.mp4$|\.jpg$/, `${path} is no test file`);
      if (path.startsWith('types/')) assert.match(path, /\.d\.ts$/, `${path} is a declaration`);
    }
  });

  it('points every entry of package.json exports at a packed file', () => {
    const { exports, main, types } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
      exports: Record<string, string | Record<string, string>>;
      main: string;
      types: string;
    };
    const targets = [main, types, ...Object.values(exports).flatMap((entry) => (typeof entry === 'string' ? [entry] : Object.values(entry)))];
    for (const target of targets) assert.ok(existsSync(join(installed, target)), `${target} exists`);
    assert.ok(typeof exports['./define'] === 'object' && exports['./define'].types, 'face-liveness/define has types');
  });

  it('has source maps only with relative sources and their content, and no comment pointing at a missing map', () => {
    const scripts = pack.files.map((file) => file.path).filter((path) => path.endsWith('.js'));
    for (const path of scripts) {
      const mapped = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(installed, path), 'utf8'))?.[1];
      if (mapped) assert.ok(existsSync(join(installed, dirname(path), mapped)), `${path}'s map ${mapped} is packed`);
    }
    for (const { path } of pack.files.filter((file) => file.path.endsWith('.map'))) {
      const map = JSON.parse(readFileSync(join(installed, path), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
      for (const source of map.sources) assert.doesNotMatch(source, /^(\/|[a-z]+:|[A-Za-z]:\\)/i, `${path}: ${source} is relative`);
      assert.equal(map.sourcesContent?.filter((content) => typeof content === 'string').length, map.sources.length, `${path} carries its sources`);
    }
  });

  it('carries the Apache-2.0 licence in full, as package.json says', () => {
    const licence = readFileSync(join(installed, 'LICENSE'), 'utf8');
    assert.match(licence, /Apache License\s+Version 2\.0, January 2004/);
    assert.match(licence, /END OF TERMS AND CONDITIONS/);
    assert.equal((JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { license: string }).license, 'Apache-2.0');
  });
});

describe('a strict TypeScript project that installs the tarball', () => {
  it('type-checks its page code (the class, the tag, properties, events, misuse refused) without skipLibCheck', () => {
    const { ok, output } = typeCheck(consumer, 'tsconfig.json');
    assert.ok(ok, output);
  });

  it('type-checks its server code (challenges, verification, stores) under NodeNext without skipLibCheck', () => {
    const { ok, output } = typeCheck(consumer, 'tsconfig.node.json');
    assert.ok(ok, output);
  });

  it('reports a misuse the type tests expect (the checks are live)', () => {
    const page = join(consumer, 'browser.ts');
    const source = readFileSync(page, 'utf8');
    writeFileSync(page, source.replace('// @ts-expect-error action-count is a number\n', ''));
    try {
      const { ok, output } = typeCheck(consumer, 'tsconfig.json');
      assert.equal(ok, false);
      assert.match(output, /browser\.ts\(\d+,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/);
    } finally {
      writeFileSync(page, source);
    }
  });

  it('runs face-liveness/server from the installed package: a challenge, and a typed refusal of a bad token', () => {
    const script = `
      import { createChallenge, verifyToken } from 'face-liveness/server';
      const secret = ${JSON.stringify('consumer-secret-0123456789-abcdefghijklmnop')};
      const challenge = createChallenge({ secret, actions: ['blink'], count: 1 });
      const result = await verifyToken('not.a.token', { secret, analyzer: false });
      console.log(JSON.stringify({ actions: challenge.actions, result }));`;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer, encoding: 'utf8' });
    const { actions, result } = JSON.parse(output) as { actions: string[]; result: { success: boolean; errorCodes: string[] } };
    assert.deepEqual(actions, ['blink']);
    assert.deepEqual([result.success, result.errorCodes], [false, ['malformed-token']]);
    assert.ok(readdirSync(join(installed, 'dist/models')).includes('faceres.bin'));
  });
});
