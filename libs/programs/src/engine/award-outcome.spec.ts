import { assertValidDefinition } from '../program-registry';
import { ProgramDefinition } from '../program-definition';
import { awardCarriesMoney, awardIsListEntry, listOutcomes } from './award-outcome';
import { TUIYOU_PROGRAM } from '../tuiyou/tuiyou.definition';
import { YDYL_PROGRAM } from '../ydyl/ydyl.definition';
import { RENDING_PROGRAM } from '../rending/rending.definition';

describe('award outcomes: money, lists without money', () => {
  it('推优: the yearly selection carries money, the quarterly recommendations are a list without money', () => {
    expect(awardCarriesMoney(TUIYOU_PROGRAM, 'yearly')).toBe(true);
    expect(awardCarriesMoney(TUIYOU_PROGRAM, 'quarterly')).toBe(false);
    expect(awardIsListEntry(TUIYOU_PROGRAM, 'yearly')).toBe(false);
    expect(awardIsListEntry(TUIYOU_PROGRAM, 'quarterly')).toBe(true);
  });

  it('the 一带一路 list is a list on every track; 认定 certificates are not a list', () => {
    expect(awardIsListEntry(YDYL_PROGRAM, 'enterprise')).toBe(true);
    expect(awardIsListEntry(YDYL_PROGRAM, 'project')).toBe(true);
    expect(awardCarriesMoney(RENDING_PROGRAM, 'enterprise')).toBe(false);
    expect(awardIsListEntry(RENDING_PROGRAM, 'enterprise')).toBe(false);
    expect(listOutcomes([TUIYOU_PROGRAM, YDYL_PROGRAM, RENDING_PROGRAM])).toEqual([
      { program: 'tuiyou', track: 'quarterly' },
      { program: 'ydyl', track: null },
    ]);
  });

  it('the registry refuses a list track the program does not have, and list tracks on a certification', () => {
    const problems = (def: ProgramDefinition) => {
      try {
        assertValidDefinition(def);
        return '';
      } catch (err) {
        return String((err as Error).message);
      }
    };
    expect(problems(TUIYOU_PROGRAM)).toBe('');
    expect(problems({ ...TUIYOU_PROGRAM, award: { ...TUIYOU_PROGRAM.award, listTracks: ['monthly'] } })).toContain(
      'list track monthly is not a track of the program',
    );
    expect(problems({ ...YDYL_PROGRAM, award: { ...YDYL_PROGRAM.award, listTracks: ['enterprise'] } })).toContain(
      'only a grant program has list tracks',
    );
  });
});
