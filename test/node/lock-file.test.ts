import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

interface LockEntry {
  version: string;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
}

const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
};

/** Native packages the build needs, whose binary comes as one optional package per platform. */
const NATIVE = [
  { main: 'rollup', platform: (name: string) => `@rollup/rollup-${name}` },
  { main: 'esbuild', platform: (name: string) => `@esbuild/${name}` },
];
/** The platforms a contributor or a portal's build server is likely to run. */
const PLATFORMS = {
  rollup: ['linux-x64-gnu', 'linux-arm64-gnu', 'linux-x64-musl', 'darwin-arm64', 'darwin-x64', 'win32-x64-msvc'],
  esbuild: ['linux-x64', 'linux-arm64', 'darwin-arm64', 'darwin-x64', 'win32-x64'],
} as const;

describe('package-lock.json', () => {
  it('is a lock npm ci reads (version 3)', () => {
    assert.equal(lock.lockfileVersion, 3);
  });

  for (const { main, platform } of NATIVE) {
    it(`holds ${main}'s native package for every common platform, at ${main}'s own version`, () => {
      const version = lock.packages[`node_modules/${main}`]?.version;
      assert.ok(version, `${main} is locked`);
      for (const name of PLATFORMS[main as keyof typeof PLATFORMS]) {
        const entry = lock.packages[`node_modules/${platform(name)}`];
        assert.ok(entry, `${platform(name)} is in the lock`);
        assert.equal(entry.version, version, `${platform(name)} is locked at ${main}'s version`);
        assert.equal(entry.optional, true, `${platform(name)} is optional`);
      }
    });
  }
});
