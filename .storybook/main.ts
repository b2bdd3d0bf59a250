// Storybook for the element's screens, rendered from the pure view (src/element/view.ts): no camera,
// no worker, no network. `npm run storybook` serves it, `npm run build-storybook` writes storybook-static/.
import { readFileSync } from 'node:fs';
import type { StorybookConfig } from '@storybook/web-components-vite';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal(viteConfig) {
    viteConfig.define = { ...viteConfig.define, __FACE_LIVENESS_VERSION__: JSON.stringify(version) };
    return viteConfig;
  },
};

export default config;
