import { PROVINCES } from '@portal/platform';

/**
 * The names of the 31 provinces with a provincial agency are the platform's PROVINCES (one list); these regions have
 * their own systems and no agency, but a record registered there still shows its name.
 */
const OTHER_REGIONS: Record<string, { zh: string; en: string }> = {
  '71': { zh: '台湾', en: 'Taiwan' },
  '81': { zh: '香港', en: 'Hong Kong' },
  '82': { zh: '澳门', en: 'Macao' },
};

export interface ProvinceView {
  code: string;
  zh: string;
  en: string;
}

/** A province code with its names; an unknown code keeps itself as its name (never null for a code). */
export function provinceView(code: string): ProvinceView;
export function provinceView(code: string | null): ProvinceView | null;
export function provinceView(code: string | null): ProvinceView | null {
  if (code === null) return null;
  const p = PROVINCES[code] ?? OTHER_REGIONS[code];
  return p ? { code, zh: p.zh, en: p.en } : { code, zh: code, en: code };
}

/** One of the 31 provinces that have a provincial agency. */
export function isProvinceCode(code: string): boolean {
  return Object.hasOwn(PROVINCES, code);
}
