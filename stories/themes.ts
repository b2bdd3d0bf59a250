/**
 * The element's theming custom properties (the `@cssproperty` tags of src/element/face-liveness.ts,
 * defaults in face-liveness.styles.ts) and two themes a portal can copy: high contrast (light text on
 * black, at least 7:1 everywhere) and large text.
 */
export const CUSTOM_PROPERTIES = {
  '--face-liveness-accent': 'color',
  '--face-liveness-on-accent': 'color',
  '--face-liveness-text': 'color',
  '--face-liveness-muted': 'color',
  '--face-liveness-background': 'color',
  '--face-liveness-font-size': 'text',
  '--face-liveness-prompt-size': 'text',
} as const;

export type CustomProperty = keyof typeof CUSTOM_PROPERTIES;
export type Theming = Partial<Record<CustomProperty, string>>;

export const THEMES = {
  default: {},
  'high-contrast': {
    '--face-liveness-accent': '#ffd60a',
    '--face-liveness-on-accent': '#000000',
    '--face-liveness-text': '#ffffff',
    '--face-liveness-muted': '#e8e8e8',
    '--face-liveness-background': '#000000',
  },
  'large-text': {
    '--face-liveness-font-size': '26px',
    '--face-liveness-prompt-size': '36px',
  },
} satisfies Record<string, Theming>;

export type ThemeName = keyof typeof THEMES;

/** The custom properties of `theme`, overridden by whatever the story's controls set. */
export function themingStyle(theme: ThemeName, overrides: Theming): string {
  const values: Theming = { ...THEMES[theme] };
  for (const [name, value] of Object.entries(overrides) as [CustomProperty, string | undefined][]) {
    if (value) values[name] = value;
  }
  return Object.entries(values)
    .map(([name, value]) => `${name}: ${value}`)
    .join('; ');
}
