import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';
import { ug } from '../demo/public/translations/ug.js';
import { registerTranslation } from '../src/element/i18n/registry.js';
import { CUSTOM_PROPERTIES, THEMES } from '../stories/themes.js';

// The docs' tables of attributes, properties, events, slots, parts and custom properties.
setCustomElementsManifest(manifest);
// The sample of a host's own language (right to left); `FaceLiveness.registerTranslation` delegates here.
registerTranslation('ug', ug, { dir: 'rtl' });

const preview: Preview = {
  globalTypes: {
    locale: {
      description: 'The language of the screens',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'zh-CN', title: '中文 (zh-CN)' },
          { value: 'en', title: 'English (en)' },
          { value: 'ug', title: 'ئۇيغۇرچە (ug, registered, right to left)' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'A theme of the custom properties',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: Object.keys(THEMES).map((value) => ({ value, title: value })),
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'zh-CN', theme: 'default' },
  argTypes: Object.fromEntries(
    Object.entries(CUSTOM_PROPERTIES).map(([name, control]) => [
      name,
      { control, description: 'Overrides the theme’s value', table: { category: 'css custom properties' } },
    ]),
  ),
  parameters: {
    // Only the theming custom properties act on a screen; the element's attributes are in the docs.
    controls: { include: Object.keys(CUSTOM_PROPERTIES), expanded: true },
    layout: 'centered',
  },
};

export default preview;
