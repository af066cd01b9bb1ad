// Share links: the whole input (content, file name, kind, configuration) lives in the URL fragment,
// deflated and base64url-encoded, so a link reproduces the view and no server ever sees it.

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

/** The fragment (with its `#`) for a state `{text, name, kind, config}`. */
export async function encodeState({ text, name, kind, config }) {
  const json = JSON.stringify({ v: 1, text, name, kind, config });
  return PREFIX + toBase64Url(await transform(new TextEncoder().encode(json), new CompressionStream('deflate-raw')));
}

/** Whether a fragment is a share link at all (other fragments are left alone). */
export const isShareFragment = (fragment) => fragment.startsWith(PREFIX);

/** The state in a share fragment; throws an Error saying what is wrong with a damaged one. */
export async function decodeState(fragment) {
  let state;
  try {
    const bytes = await transform(fromBase64Url(fragment.slice(PREFIX.length)), new DecompressionStream('deflate-raw'));
    state = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new Error('the link is damaged or incomplete (it does not decode)');
  }
  const strings = ['text', 'name', 'config'].every((key) => typeof state?.[key] === 'string');
  if (state?.v !== 1 || !strings || !(state.kind === null || typeof state.kind === 'string')) {
    throw new Error('the link does not hold a playground state this version understands');
  }
  return { text: state.text, name: state.name, kind: state.kind, config: state.config };
}
