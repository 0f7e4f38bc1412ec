import { DataSource } from 'typeorm';
import { ApplicationRepository } from '@portal/applications';
import { ProgramRegistry } from '@portal/programs';
import { ReviewRepository } from '../review.repository';
import { REDACTED, withoutPersonalNumbers } from '../blind/anonymise';
import { ReviewAccess } from './review-access';

const access = (query: (sql: string, params: unknown[]) => Promise<unknown>) =>
  new ReviewAccess(
    { query } as unknown as DataSource,
    {} as ApplicationRepository,
    ProgramRegistry.of([]),
    {} as ReviewRepository,
  );

describe('ReviewAccess: the one answer to "may this expert read this application"', () => {
  it('lets a database error through (a 5xx), never turning it into "no assignment" (a 404)', async () => {
    const down = Object.assign(new Error('connection terminated'), { code: '57P01' });
    await expect(access(() => Promise.reject(down)).assignment('u', 'a')).rejects.toBe(down);
  });

  it('counts only live assignments: pending, or submitted while the round is open', async () => {
    const rows = (r: { status: string; closed: boolean; blind: boolean }[]) => access(async () => r);
    expect(await rows([{ status: 'pending', closed: false, blind: true }]).assignment('u', 'a')).toEqual({
      blind: true,
    });
    expect(await rows([{ status: 'submitted', closed: false, blind: false }]).assignment('u', 'a')).toEqual({
      blind: false,
    });
    for (const dead of [
      { status: 'declined', closed: false, blind: true },
      { status: 'expired', closed: true, blind: true },
      { status: 'submitted', closed: true, blind: true },
    ])
      expect(await rows([dead]).assignment('u', 'a')).toBeNull();
    expect(await rows([]).assignment('u', 'a')).toBeNull();
  });

  it('names a file for an expert of an open call as their JSON does: the uploaded name, numbers masked', async () => {
    const file = { id: 'f', applicationId: 'a', kind: 'other', fileName: '法人-11010519900307123X-13912345678.pdf' };
    const noDb = access(() => Promise.reject(new Error('no query expected')));
    expect(await noDb.expertFileName(file, false)).toBe(`法人-${REDACTED}-${REDACTED}.pdf`);
    expect(await noDb.expertFileName({ ...file, fileName: '长河样章.pdf' }, false)).toBe('长河样章.pdf');
  });
});

describe('withoutPersonalNumbers: what any expert may see of a payload', () => {
  it('replaces ID-number and phone fields and masks such numbers in texts, leaving the rest as it was', () => {
    const payload = {
      workTitle: '长河',
      budgetFen: 13912345678,
      creators: [{ name: '欧阳明', idNumber: '11010519900307123X', phone: '13912345678', role: '导演' }],
      contacts: [{ mobile: { iv: 'x', data: 'y' }, telephone: null }],
      synopsis: '电话 139 1234 5678，身份证 11010519900307123X，座机 (010)62345678，登记号 2023SR123456。',
      ipRights: [{ kind: 'copyright', number: '2023SR123456', grantedOn: '2024-01-01' }],
    };
    const before = JSON.stringify(payload);
    expect(withoutPersonalNumbers(payload)).toEqual({
      workTitle: '长河',
      budgetFen: 13912345678,
      creators: [{ name: '欧阳明', idNumber: REDACTED, phone: REDACTED, role: '导演' }],
      contacts: [{ mobile: REDACTED, telephone: null }],
      synopsis: `电话 ${REDACTED}，身份证 ${REDACTED}，座机 ${REDACTED}，登记号 2023SR123456。`,
      ipRights: [{ kind: 'copyright', number: '2023SR123456', grantedOn: '2024-01-01' }],
    });
    expect(JSON.stringify(payload)).toBe(before);
  });
});
