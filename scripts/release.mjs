// `npm run release`: packs the package as it will be published (after `npm run build`) and writes its
// version and its tarball's integrity into the GitLab component's defaults, so that the component runs
// that tarball and no other. Publish the tarball this leaves in target/npm/ (`npm publish <tarball>`): it
// is byte for byte the one the component trusts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const template = `${root}/templates/fixity.yml`;
const destination = `${root}/target/npm`;

mkdirSync(destination, { recursive: true });
const [{ filename, version, integrity }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', destination], { cwd: root, encoding: 'utf8' }));

/** `text` with the default of the spec input `name` set to `value`. */
function withDefault(text, name, value) {
  const input = new RegExp(`^(    ${name}:\\n(?:      .*\\n)*?      default: ).*$`, 'm');
  if (!input.test(text)) throw new Error(`${template} has no default for the input \`${name}\``);
  return text.replace(input, `$1${value}`);
}

writeFileSync(template, withDefault(withDefault(readFileSync(template, 'utf8'), 'version', version), 'integrity', integrity));
console.log(`templates/fixity.yml runs fixity@${version} with integrity ${integrity}\npublish: npm publish target/npm/${filename}`);
