/**
 * Everything the web knows about programs comes from GET /api/programs: names, tracks, forms, rule names, attachment
 * kinds and the award shape (money or a certificate). Loaded once per page load and shared by every page; a new
 * program (a new module on the server) appears here with no web edit.
 */
import { useEffect, useState } from 'react';
import { api, type Program } from './api';
import { useI18n, type I18nText } from './i18n';

let loaded: Program[] | null = null;
let loading: Promise<Program[]> | null = null;

function loadPrograms(): Promise<Program[]> {
  loading ??= api.programs().then(
    (list) => (loaded = list),
    (err) => {
      loading = null; // try again on the next page that asks
      throw err;
    },
  );
  return loading;
}

export interface ProgramCatalogue {
  /** Every program, in the server's order ([] until loaded). */
  programs: Program[];
  program(code: string | null | undefined): Program | undefined;
  /** The program's name in the current language (its code until the list has loaded). */
  programName(code: string | null | undefined): string;
  /** A track's name in the current language; without a program, looked up in every program. */
  trackName(programCode: string | null | undefined, track: string | null | undefined): string;
  /** An eligibility rule's name (common and program rules), its key when unknown. */
  ruleName(key: string): string;
  /** An attachment kind's label; `programCode` narrows the search to one program. */
  kindName(kind: string, programCode?: string | null): string;
  /**
   * Whether the program's awards carry money (grants) or only a certificate; undefined until loaded. With `tracks`
   * (a call's tracks, or one application's): whether any of them does — a list track (推优's quarterly) carries none.
   */
  awardsMoney(code: string | null | undefined, tracks?: (string | null)[] | null): boolean | undefined;
}

function catalogue(programs: Program[], pick: (t: I18nText | string | null | undefined) => string): ProgramCatalogue {
  const program = (code: string | null | undefined) => programs.find((p) => p.code === code);
  return {
    programs,
    program,
    programName: (code) => {
      const p = program(code);
      return p ? pick(p.name) : (code ?? '');
    },
    trackName: (programCode, track) => {
      if (!track) return '';
      const pool = programCode ? [program(programCode)].filter((p): p is Program => !!p) : programs;
      for (const p of pool) {
        const t = p.tracks.find((x) => x.code === track);
        if (t) return pick(t.name);
      }
      return track;
    },
    ruleName: (key) => {
      for (const p of programs) {
        const r = p.rules.find((x) => x.key === key);
        if (r) return pick(r.name);
      }
      return key;
    },
    kindName: (kind, programCode) => {
      const pool = programCode ? programs.filter((p) => p.code === programCode) : programs;
      for (const p of [...pool, ...programs]) {
        const k = p.attachmentKinds.find((x) => x.kind === kind);
        if (k) return pick(k.name);
      }
      return kind;
    },
    awardsMoney: (code, tracks) => {
      const award = program(code)?.award;
      if (!award || !award.money || !tracks?.length) return award?.money;
      return tracks.some((t) => !t || !award.listTracks.includes(t));
    },
  };
}

/** The program catalogue; re-renders once the list has loaded. */
export function usePrograms(): ProgramCatalogue & { loaded: boolean; error: unknown } {
  const { pick } = useI18n();
  const [programs, setPrograms] = useState<Program[] | null>(loaded);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (programs) return;
    let live = true;
    loadPrograms().then(
      (list) => live && setPrograms(list),
      (err) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [programs]);
  return { ...catalogue(programs ?? [], pick), loaded: !!programs, error };
}
