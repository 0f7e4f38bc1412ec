import { defineErrors } from '@portal/platform';

/** Every error code the dossier throws, each defined once. */
export const DOSSIER_ERRORS = defineErrors({
  'DOSSIER.NOT_FOUND': { kind: 'not-found', zh: '申报不存在', en: 'application not found' },
  'DOSSIER.NOT_SUBMITTED': {
    kind: 'conflict',
    zh: '申报尚未提交，没有申报编号，不能打印申报书',
    en: 'The application has not been submitted: no number, no printable form yet',
  },
  'DOSSIER.CHECK_NOT_FOUND': {
    kind: 'not-found',
    zh: '未找到该申报编号，或核验码不正确',
    en: 'No application with this number, or the check code is wrong',
  },
  'DOSSIER.CHECK_RATE_LIMITED': {
    kind: 'rate-limited',
    zh: '核验过于频繁，请稍后再试',
    en: 'Too many checks from this address; try again later',
  },
});
