/* Maps the @portal/<lib> imports onto the compiled dist/ tree (tsc does not rewrite path aliases). */
import { resolve } from 'path';
import { register } from 'tsconfig-paths';

const distRoot = resolve(__dirname, '..', '..', '..');
const libs = [
  'platform',
  'identity',
  'programs',
  'applications',
  'review',
  'awards',
  'payments',
  'notifications',
  'storage',
  'followup',
  'dossier',
  'statistics',
];
register({ baseUrl: distRoot, paths: Object.fromEntries(libs.map((l) => [`@portal/${l}`, [`libs/${l}/src`]])) });
