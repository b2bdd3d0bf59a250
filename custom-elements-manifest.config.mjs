// `npm run build` writes custom-elements.json (for IDEs, Storybook's docs and framework tooling) from the
// element's JSDoc: @event, @slot, @csspart, @cssproperty, @attribute and the property comments.
// test/node/custom-elements-manifest.test.ts checks it against what the class really declares.

/**
 * The manifest describes the public API: private members, the attributes the analyzer gives internal state,
 * and static fields (lit's and the form-association flag) go; static methods (registerTranslation) stay.
 */
function publicApiOnly() {
  return {
    name: 'public-api-only',
    moduleLinkPhase({ moduleDoc }) {
      for (const declaration of moduleDoc.declarations ?? []) {
        const hidden = new Set(
          (declaration.members ?? [])
            .filter((member) => member.privacy === 'private' || member.privacy === 'protected' || (member.static && member.kind === 'field'))
            .map((member) => member.name),
        );
        declaration.members = declaration.members?.filter((member) => !hidden.has(member.name));
        declaration.attributes = declaration.attributes?.filter((attribute) => !hidden.has(attribute.fieldName));
      }
    },
  };
}

export default {
  globs: ['src/element/face-liveness.ts'],
  outdir: '.',
  litelement: true,
  // package.json's `customElements` field is kept by hand, not rewritten on every build.
  packagejson: false,
  plugins: [publicApiOnly()],
};
