import { ProgramDefinition } from '../program-definition';

/**
 * Whether an award on this track carries money: a grant program's award does, except on its list tracks
 * (`award.listTracks`); a certification never does. The one answer the decisions, the final list, the payments and
 * the award documents ask.
 */
export function awardCarriesMoney(def: Pick<ProgramDefinition, 'award'>, track: string | null): boolean {
  if (def.award.kind !== 'grant') return false;
  return !(track && def.award.listTracks?.includes(track));
}

/**
 * Whether an award on this track is a place on a published list without money (a recommendation list, the 一带一路
 * list): no money and an award notice (入选通知书) rather than a certificate. A certification with a certificate (认定)
 * is not a list: its certificates are the outcome.
 */
export function awardIsListEntry(def: Pick<ProgramDefinition, 'award'>, track: string | null): boolean {
  return !awardCarriesMoney(def, track) && (def.award.kind === 'grant' || def.award.document === 'notice');
}

/** The (program, track) pairs whose awards are list entries, `track` null for every track of the program. */
export function listOutcomes(
  defs: Pick<ProgramDefinition, 'code' | 'award' | 'tracks'>[],
): { program: string; track: string | null }[] {
  const out: { program: string; track: string | null }[] = [];
  for (const def of defs) {
    if (def.award.kind === 'certification') {
      if (def.award.document === 'notice') out.push({ program: def.code, track: null });
    } else for (const track of def.award.listTracks ?? []) out.push({ program: def.code, track });
  }
  return out;
}
