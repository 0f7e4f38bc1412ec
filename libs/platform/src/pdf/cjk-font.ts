import { readFileSync } from 'fs';

let fontCache: Buffer | null = null;

/**
 * The CJK font of every PDF the portal writes (certificates, notices of award, task agreements, dossiers): Noto Sans SC
 * from the npm package @expo-google-fonts/noto-sans-sc, read once per process, never downloaded at run time.
 */
export function cjkFont(): Buffer {
  if (!fontCache)
    fontCache = readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'));
  return fontCache;
}
