// Fails fast with a readable message on old Node. Must itself run on ANY Node
// (18, 20, ...), so: plain JS, no dependencies, no recent syntax.
// Without it, Node 20 dies later inside msw 3 / vitest 5 with cryptic errors.
import process from 'node:process';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const tooOld = major < 22 || (major === 22 && minor < 12);

if (tooOld) {
  console.error(
    'AuthLab needs Node >= 22.12 (msw 3 and vitest 5 fail at run time on older Node). ' +
      'You have v' + process.versions.node + '. ' +
      'Use `nvm use` (see .nvmrc) or install Node 24.',
  );
  process.exit(1);
}
