/**
 * custom-elements.json (written by `npm run build` from the element's JSDoc) against what the element
 * really declares: its observed attributes and their properties, the events of its typed event map
 * (each really dispatched), the slots and parts its view renders, the custom properties its styles set.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { FaceLiveness } from '../../src/element/face-liveness.js';
import { styles } from '../../src/element/face-liveness.styles.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ELEMENT_DIR = join(ROOT, 'src/element');

interface Named {
  name: string;
  fieldName?: string;
  type?: { text: string };
}
interface ManifestElement {
  tagName: string;
  customElement: boolean;
  attributes: Named[];
  events: Named[];
  slots: Named[];
  cssParts: Named[];
  cssProperties: Named[];
  members: (Named & { kind: string; static?: boolean; privacy?: string })[];
}

const MANIFEST = join(ROOT, 'custom-elements.json');

function manifestElement(): ManifestElement {
  assert.ok(existsSync(MANIFEST), 'custom-elements.json is missing: `npm run build` (or `npm run manifest`) writes it');
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { modules: { declarations: ManifestElement[] }[] };
  const elements = manifest.modules.flatMap((module) => module.declarations).filter((declaration) => declaration.customElement);
  assert.equal(elements.length, 1, 'one custom element');
  return elements[0]!;
}

const names = (items: Named[] | undefined) => (items ?? []).map((item) => item.name).sort();

/** The element's source files as text (the element, its view, and whatever they are split into). */
function elementSources(): string {
  return readdirSync(ELEMENT_DIR)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(join(ELEMENT_DIR, file), 'utf8'))
    .join('\n');
}

/** The keys of `FaceLivenessEventMap` in src/element/events.ts, read by the TypeScript parser. */
function eventMapKeys(): string[] {
  const file = join(ELEMENT_DIR, 'events.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const map = source.statements.find((node): node is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(node) && node.name.text === 'FaceLivenessEventMap');
  assert.ok(map, 'events.ts declares FaceLivenessEventMap');
  return map.members.map((member) => (member.name as ts.StringLiteral).text).sort();
}

/** Global HTML attributes the element reads, which it therefore documents, though it does not observe them. */
const GLOBAL_ATTRIBUTES = ['lang'];

describe('custom-elements.json', () => {
  const element = manifestElement();

  it('is what package.json points to, and ships in the package', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { customElements: string; files: string[] };
    assert.equal(pkg.customElements, 'custom-elements.json');
    assert.ok(pkg.files.includes('custom-elements.json'));
  });

  it('names the tag', () => {
    assert.equal(element.tagName, 'face-liveness');
  });

  it('lists exactly the attributes the element observes, each with its property, plus lang', () => {
    const observed = [...(FaceLiveness as unknown as { observedAttributes: string[] }).observedAttributes];
    assert.ok(observed.includes('challenge-url') && observed.includes('max-attempts'), 'the class really was read');
    assert.deepEqual(names(element.attributes), [...observed, ...GLOBAL_ATTRIBUTES].sort());
    const properties = (FaceLiveness as unknown as { elementProperties: Map<string, { attribute?: string | boolean }> }).elementProperties;
    for (const attribute of element.attributes.filter((item) => !GLOBAL_ATTRIBUTES.includes(item.name))) {
      const declared = properties.get(attribute.fieldName!);
      assert.ok(declared, `${attribute.name}: property ${attribute.fieldName} exists`);
      const name = typeof declared.attribute === 'string' ? declared.attribute : attribute.fieldName!.toLowerCase();
      assert.equal(name, attribute.name, `property ${attribute.fieldName} has attribute ${attribute.name}`);
    }
  });

  it('lists exactly the events of FaceLivenessEventMap, each typed, and each one the element dispatches', () => {
    const events = eventMapKeys();
    assert.ok(events.includes('liveness-success'));
    assert.deepEqual(names(element.events), events);
    for (const event of element.events) assert.match(event.type?.text ?? '', /^Liveness\w+Event$/, `${event.name} has its event type`);
    const sources = elementSources();
    for (const event of events) assert.ok(sources.includes(`livenessEvent('${event}'`), `${event} is dispatched`);
  });

  it('lists exactly the slots and parts the view renders', () => {
    const sources = elementSources();
    const slots = [...new Set([...sources.matchAll(/<slot name="([\w-]+)"/g)].map((match) => match[1]))].sort();
    const parts = [...new Set([...sources.matchAll(/\bpart="([\w\s-]+)"/g)].flatMap((match) => match[1]!.trim().split(/\s+/)))].sort();
    assert.ok(parts.includes('prompt'));
    assert.deepEqual(names(element.slots), slots);
    assert.deepEqual(names(element.cssParts), parts);
  });

  it('lists exactly the custom properties the styles give defaults on :host', () => {
    const declared = [...new Set([...styles.cssText.matchAll(/(--face-liveness-[\w-]+)\s*:/g)].map((match) => match[1]))].sort();
    assert.ok(declared.includes('--face-liveness-accent'));
    assert.deepEqual(names(element.cssProperties), declared);
  });

  it('documents the public methods, the static registerTranslation, and no private member', () => {
    const members = new Map(element.members.map((member) => [member.name, member]));
    for (const method of ['start', 'stop', 'reset']) assert.equal(members.get(method)?.kind, 'method', method);
    assert.equal(members.get('registerTranslation')?.static, true);
    assert.deepEqual(element.members.filter((member) => member.privacy === 'private' || member.privacy === 'protected'), []);
  });
});
