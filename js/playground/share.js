// Share links: the whole input (every file with its name and kind, the open one, the configuration)
// lives in the URL fragment, deflated and base64url-encoded, so a link reproduces the view and no server
// ever sees it. Links from before the playground held several files (`v: 1`, one file) still open.

const PREFIX = '#share=';

/** Share links longer than this are refused: browsers and chat tools cut or reject longer URLs. */
export const MAX_LINK_CHARS = 1_000_000;

async function transform(bytes, stream) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}

function toBase64Url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The fragment (with its `#`) for a state `{files: [{name, text, kind}], current, config}`. */
export async function encodeState({ files, current, config }) {
  const json = JSON.stringify({ v: 2, files: files.map(({ name, text, kind }) => ({ name, text, kind })), current, config });
  return PREFIX + toBase64Url(await transform(new TextEncoder().encode(json), new CompressionStream('deflate-raw')));
}

/** Whether a fragment is a share link at all (other fragments are left alone). */
export const isShareFragment = (fragment) => fragment.startsWith(PREFIX);

const isKind = (kind) => kind === null || typeof kind === 'string';
const isFile = (file) => typeof file?.name === 'string' && typeof file.text === 'string' && isKind(file.kind);

/** The state in a share fragment; throws an Error saying what is wrong with a damaged one. */
export async function decodeState(fragment) {
  let state;
  try {
    const bytes = await transform(fromBase64Url(fragment.slice(PREFIX.length)), new DecompressionStream('deflate-raw'));
    state = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new Error('the link is damaged or incomplete (it does not decode)');
  }
  if (typeof state?.config === 'string') {
    // One file: the playground before it held several.
    if (state.v === 1 && isFile(state)) return { files: [{ name: state.name, text: state.text, kind: state.kind }], current: 0, config: state.config };
    const files = state.files;
    if (state.v === 2 && Array.isArray(files) && files.length > 0 && files.every(isFile) && Number.isInteger(state.current) && state.current >= 0 && state.current < files.length) {
      return { files: files.map(({ name, text, kind }) => ({ name, text, kind })), current: state.current, config: state.config };
    }
  }
  throw new Error('the link does not hold a playground state this version understands');
}
