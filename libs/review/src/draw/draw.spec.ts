import { DrawApplication, DrawExpert, DrawResult, createRng, drawExperts, greedyDraw } from './draw';

// ---------------------------------------------------------------------------------------------------------------
// Independent references (explicit graphs; deliberately simple and slow)

function eligibleRef(a: DrawApplication, e: DrawExpert, recusal: boolean): boolean {
  const okField =
    e.fields.includes(a.programCode) || (a.track != null && e.fields.includes(`${a.programCode}/${a.track}`));
  return (
    okField &&
    e.employerCreditCode !== a.creditCode &&
    !new Set(e.conflictCreditCodes).has(a.creditCode) &&
    !new Set(a.excludedExpertIds).has(e.id) &&
    !(recusal && e.provinceCode === a.provinceCode)
  );
}

const capOf = (e: DrawExpert): number => (e.capacity == null ? Number.MAX_SAFE_INTEGER : e.capacity);

/** Min-cost max-flow with convex expert costs (unit arcs of cost 2L+1), Bellman–Ford SSP. Returns max flow and min Σ L². */
function bruteForce(
  apps: DrawApplication[],
  experts: DrawExpert[],
  recusal: boolean,
): { flow: number; sumSquares: number } {
  const nA = apps.length;
  const nE = experts.length;
  const S = 0;
  const T = 1 + nA + nE;
  type Arc = { to: number; cap: number; cost: number; rev: number };
  const g: Arc[][] = Array.from({ length: T + 1 }, () => []);
  const add = (u: number, v: number, cap: number, cost: number): void => {
    g[u].push({ to: v, cap, cost, rev: g[v].length });
    g[v].push({ to: u, cap: 0, cost: -cost, rev: g[u].length - 1 });
  };
  const total = apps.reduce((s, a) => s + a.needed, 0);
  apps.forEach((a, i) => add(S, 1 + i, a.needed, 0));
  apps.forEach((a, i) => experts.forEach((e, j) => eligibleRef(a, e, recusal) && add(1 + i, 1 + nA + j, 1, 0)));
  experts.forEach((e, j) => {
    const units = Math.min(capOf(e) - e.load, total);
    for (let k = 0; k < units; k++) add(1 + nA + j, T, 1, 2 * (e.load + k) + 1);
  });
  let flow = 0;
  let cost = 0;
  for (;;) {
    const dist = new Array(T + 1).fill(Infinity);
    const prev: [number, number][] = new Array(T + 1);
    dist[S] = 0;
    for (let it = 0; it <= T; it++) {
      let changed = false;
      for (let u = 0; u <= T; u++) {
        if (dist[u] === Infinity) continue;
        g[u].forEach((arc, k) => {
          if (arc.cap > 0 && dist[u] + arc.cost < dist[arc.to]) {
            dist[arc.to] = dist[u] + arc.cost;
            prev[arc.to] = [u, k];
            changed = true;
          }
        });
      }
      if (!changed) break;
    }
    if (dist[T] === Infinity) break;
    for (let v = T; v !== S;) {
      const [u, k] = prev[v];
      g[u][k].cap -= 1;
      g[v][g[u][k].rev].cap += 1;
      v = u;
    }
    flow += 1;
    cost += dist[T];
  }
  const base = experts.reduce((s, e) => s + e.load * e.load, 0);
  return { flow, sumSquares: base + cost };
}

function finalLoads(experts: DrawExpert[], r: DrawResult): Map<string, number> {
  const m = new Map(experts.map((e) => [e.id, e.load]));
  for (const x of r.assignments) m.set(x.expertId, m.get(x.expertId)! + 1);
  return m;
}

/**
 * The balance definition of draw.ts, checked literally: no expert e with a NEW assignment from which an
 * alternating residual path (e → its app → another eligible expert …, possibly through the source) reaches
 * an expert e' below capacity with L_e ≥ L_e' + 2. Returns the violations found.
 */
function balanceViolations(apps: DrawApplication[], experts: DrawExpert[], recusal: boolean, r: DrawResult): string[] {
  const L = finalLoads(experts, r);
  const assigned = new Map<string, Set<string>>(apps.map((a) => [a.id, new Set<string>()]));
  const byExpert = new Map<string, string[]>(experts.map((e) => [e.id, []]));
  for (const x of r.assignments) {
    assigned.get(x.applicationId)!.add(x.expertId);
    byExpert.get(x.expertId)!.push(x.applicationId);
  }
  const appById = new Map(apps.map((a) => [a.id, a]));
  const out: string[] = [];
  for (const e of experts) {
    if (byExpert.get(e.id)!.length === 0) continue;
    const seenE = new Set([e.id]);
    const seenA = new Set<string>();
    let sourceSeen = false;
    const qa: string[] = [...byExpert.get(e.id)!];
    qa.forEach((a) => seenA.add(a));
    while (qa.length) {
      const aid = qa.shift()!;
      const a = appById.get(aid)!;
      // a → s (a has a new assignment) → any app with spare demand
      if (!sourceSeen && assigned.get(aid)!.size > 0) {
        sourceSeen = true;
        for (const b of apps)
          if (assigned.get(b.id)!.size < b.needed && !seenA.has(b.id)) {
            seenA.add(b.id);
            qa.push(b.id);
          }
      }
      for (const x of experts) {
        if (seenE.has(x.id) || assigned.get(aid)!.has(x.id) || !eligibleRef(a, x, recusal)) continue;
        seenE.add(x.id);
        if (L.get(x.id)! < capOf(x) && L.get(e.id)! >= L.get(x.id)! + 2)
          out.push(`${e.id}(${L.get(e.id)}) → ${x.id}(${L.get(x.id)})`);
        for (const b of byExpert.get(x.id)!)
          if (!seenA.has(b)) {
            seenA.add(b);
            qa.push(b);
          }
      }
    }
  }
  return out;
}

function checkNoConflict(apps: DrawApplication[], experts: DrawExpert[], recusal: boolean, r: DrawResult): void {
  const appById = new Map(apps.map((a) => [a.id, a]));
  const expById = new Map(experts.map((e) => [e.id, e]));
  const pairs = new Set<string>();
  for (const x of r.assignments) {
    expect(eligibleRef(appById.get(x.applicationId)!, expById.get(x.expertId)!, recusal)).toBe(true);
    const k = `${x.applicationId}|${x.expertId}`;
    expect(pairs.has(k)).toBe(false);
    pairs.add(k);
  }
  const count = new Map<string, number>();
  for (const x of r.assignments) count.set(x.applicationId, (count.get(x.applicationId) ?? 0) + 1);
  for (const a of apps) expect(count.get(a.id) ?? 0).toBeLessThanOrEqual(a.needed);
  for (const e of experts) expect(finalLoads(experts, r).get(e.id)!).toBeLessThanOrEqual(capOf(e));
  const missing = new Map(r.shortfalls.map((s) => [s.applicationId, s.missing]));
  for (const a of apps) expect(missing.get(a.id) ?? 0).toBe(a.needed - (count.get(a.id) ?? 0));
  for (const s of r.shortfalls) expect(s.missing).toBeGreaterThan(0);
}

// ---------------------------------------------------------------------------------------------------------------
// Random pools

interface PoolSpec {
  apps: number;
  experts: number;
  orgs: number;
  needed: [number, number];
  conflict: number; // probability an expert declares a conflict with an org
  capacity?: [number, number]; // availability range, absent = unlimited
  load?: [number, number];
  fieldsSpread?: boolean; // several programs/tracks
  excluded?: number; // probability an app already excludes an expert
}

const PROVINCES = ['11', '31', '44', '51'];
const code = (i: number): string => `91${String(i).padStart(16, '0')}`;

function randomPool(seed: number, spec: PoolSpec): { apps: DrawApplication[]; experts: DrawExpert[] } {
  const rng = createRng(seed);
  const u = (): number => rng() / 4294967296;
  const int = (lo: number, hi: number): number => lo + Math.floor(u() * (hi - lo + 1));
  const programs = spec.fieldsSpread ? ['jingpin', 'yuandongli'] : ['jingpin'];
  const tracks: Record<string, string[]> = { jingpin: ['idea', 'product'], yuandongli: ['web-comic', 'web-animation'] };
  const orgProv = Array.from({ length: spec.orgs }, () => PROVINCES[int(0, PROVINCES.length - 1)]);
  const experts: DrawExpert[] = Array.from({ length: spec.experts }, (_, j) => {
    const fields = spec.fieldsSpread
      ? programs.flatMap((p) => (u() < 0.5 ? [p] : u() < 0.5 ? [`${p}/${tracks[p][int(0, 1)]}`] : []))
      : ['jingpin'];
    if (fields.length === 0) fields.push(`${programs[0]}/${tracks[programs[0]][int(0, 1)]}`);
    const conflicts: string[] = [];
    for (let o = 0; o < spec.orgs; o++) if (u() < spec.conflict) conflicts.push(code(o));
    const load = spec.load ? int(spec.load[0], spec.load[1]) : 0;
    return {
      id: `e${String(j).padStart(3, '0')}`,
      fields,
      employerCreditCode: u() < 0.3 ? code(int(0, spec.orgs - 1)) : null,
      provinceCode: PROVINCES[int(0, PROVINCES.length - 1)],
      conflictCreditCodes: conflicts,
      load,
      capacity: spec.capacity ? load + int(spec.capacity[0], spec.capacity[1]) : undefined,
    };
  });
  const apps: DrawApplication[] = Array.from({ length: spec.apps }, (_, i) => {
    const org = int(0, spec.orgs - 1);
    const programCode = programs[int(0, programs.length - 1)];
    return {
      id: `a${String(i).padStart(3, '0')}`,
      creditCode: code(org),
      provinceCode: orgProv[org],
      programCode,
      track: tracks[programCode][int(0, 1)],
      excludedExpertIds: experts.filter(() => u() < (spec.excluded ?? 0)).map((e) => e.id),
      needed: int(spec.needed[0], spec.needed[1]),
    };
  });
  return { apps, experts };
}

const SPECS: Record<string, PoolSpec> = {
  'dense conflicts': { apps: 12, experts: 10, orgs: 6, needed: [1, 4], conflict: 0.45 },
  'tight capacity': { apps: 12, experts: 9, orgs: 8, needed: [2, 3], conflict: 0.25, capacity: [1, 4] },
  'existing loads': { apps: 10, experts: 10, orgs: 6, needed: [1, 3], conflict: 0.3, load: [0, 4], excluded: 0.1 },
  'fields and tracks': {
    apps: 12,
    experts: 12,
    orgs: 7,
    needed: [1, 3],
    conflict: 0.2,
    fieldsSpread: true,
    capacity: [1, 5],
  },
};

// ---------------------------------------------------------------------------------------------------------------

describe('drawExperts — properties on random pools', () => {
  for (const [name, spec] of Object.entries(SPECS)) {
    for (const recusal of [false, true]) {
      it(`${name}${recusal ? ', region recusal' : ''}: no conflict, maximum, balanced (Σ L² = brute force), shortfalls`, () => {
        for (let s = 1; s <= 25; s++) {
          const { apps, experts } = randomPool(1000 * s + (recusal ? 7 : 0), spec);
          const r = drawExperts(apps, experts, { regionRecusal: recusal, seed: s });
          checkNoConflict(apps, experts, recusal, r);
          const ref = bruteForce(apps, experts, recusal);
          expect(r.assignments.length).toBe(ref.flow);
          const needed = apps.reduce((x, a) => x + a.needed, 0);
          expect(r.shortfalls.reduce((x, f) => x + f.missing, 0)).toBe(needed - ref.flow);
          const L = finalLoads(experts, r);
          expect([...L.values()].reduce((x, l) => x + l * l, 0)).toBe(ref.sumSquares);
          expect(balanceViolations(apps, experts, recusal, r)).toEqual([]);
        }
      });
    }
  }

  it('without capacities, each shortfall is exactly needed − |eligible experts|', () => {
    for (let s = 1; s <= 20; s++) {
      const { apps, experts } = randomPool(77 + s, { apps: 15, experts: 8, orgs: 6, needed: [2, 6], conflict: 0.5 });
      const r = drawExperts(apps, experts, { regionRecusal: true, seed: s });
      const missing = new Map(r.shortfalls.map((x) => [x.applicationId, x.missing]));
      for (const a of apps) {
        const elig = experts.filter((e) => eligibleRef(a, e, true)).length;
        expect(missing.get(a.id) ?? 0).toBe(Math.max(0, a.needed - elig));
      }
    }
  });

  it('spread ≤ 1 literally when every expert is eligible everywhere and loads start equal', () => {
    for (let s = 1; s <= 10; s++) {
      const { apps, experts } = randomPool(500 + s, { apps: 97, experts: 23, orgs: 200, needed: [1, 5], conflict: 0 });
      for (const e of experts) e.employerCreditCode = null;
      const r = drawExperts(apps, experts, { regionRecusal: false, seed: s });
      expect(r.shortfalls).toEqual([]);
      const loads = [...finalLoads(experts, r).values()];
      expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    }
  });

  it('the balance checker itself flags a hand-over chain e → a1 → e1 → a2 → e2 with L_e ≥ L_e2 + 2', () => {
    const mk = (id: string, i: number): DrawApplication => ({
      id,
      creditCode: code(i),
      provinceCode: '11',
      programCode: 'jingpin',
      track: null,
      excludedExpertIds: [],
      needed: 1,
    });
    const ex = (id: string, conflicts: number[], load: number): DrawExpert => ({
      id,
      fields: ['jingpin'],
      employerCreditCode: null,
      provinceCode: '31',
      conflictCreditCodes: conflicts.map(code),
      load,
    });
    const apps = [mk('a1', 1), mk('a2', 2)];
    // e can take a1 only… e1 a1 and a2, e2 a2 only
    const experts = [ex('e', [2], 3), ex('e1', [], 3), ex('e2', [1], 0)];
    const unbalanced: DrawResult = {
      assignments: [
        { applicationId: 'a1', expertId: 'e' },
        { applicationId: 'a2', expertId: 'e1' },
      ],
      shortfalls: [],
    };
    expect(balanceViolations(apps, experts, false, unbalanced)).toEqual(['e(4) → e2(0)', 'e1(4) → e2(0)']);
    const r = drawExperts(apps, experts, { regionRecusal: false, seed: 1 });
    expect(balanceViolations(apps, experts, false, r)).toEqual([]);
    expect(r.assignments).toEqual([
      { applicationId: 'a1', expertId: 'e1' },
      { applicationId: 'a2', expertId: 'e2' },
    ]);
  });

  it('an expert eligible for little stays low without breaking the definition; a heavily pre-loaded one gets nothing', () => {
    const apps: DrawApplication[] = ['a1', 'a2', 'a3', 'a4'].map((id, i) => ({
      id,
      creditCode: code(i),
      provinceCode: '11',
      programCode: 'jingpin',
      track: 'idea',
      excludedExpertIds: [],
      needed: 2,
    }));
    const experts: DrawExpert[] = [
      {
        id: 'busy',
        fields: ['jingpin'],
        employerCreditCode: null,
        provinceCode: '31',
        conflictCreditCodes: [],
        load: 9,
      },
      { id: 'x', fields: ['jingpin'], employerCreditCode: null, provinceCode: '31', conflictCreditCodes: [], load: 0 },
      { id: 'y', fields: ['jingpin'], employerCreditCode: null, provinceCode: '31', conflictCreditCodes: [], load: 0 },
      { id: 'z', fields: ['jingpin'], employerCreditCode: null, provinceCode: '31', conflictCreditCodes: [], load: 0 },
      // only eligible for a1
      {
        id: 'narrow',
        fields: ['jingpin'],
        employerCreditCode: null,
        provinceCode: '31',
        conflictCreditCodes: [code(1), code(2), code(3)],
        load: 0,
      },
    ];
    const r = drawExperts(apps, experts, { regionRecusal: false, seed: 3 });
    const L = finalLoads(experts, r);
    expect(L.get('busy')).toBe(9);
    expect(L.get('narrow')).toBe(1);
    expect([L.get('x'), L.get('y'), L.get('z')].sort()).toEqual([2, 2, 3]);
    expect(balanceViolations(apps, experts, false, r)).toEqual([]);
  });
});

describe('drawExperts — reproducibility', () => {
  const { apps, experts } = randomPool(4242, {
    apps: 60,
    experts: 25,
    orgs: 30,
    needed: [2, 4],
    conflict: 0.3,
    fieldsSpread: true,
  });

  it('same input and seed → identical output, whatever the input order', () => {
    const r1 = drawExperts(apps, experts, { regionRecusal: true, seed: 99 });
    const r2 = drawExperts(apps, experts, { regionRecusal: true, seed: 99 });
    expect(r2).toEqual(r1);
    const shuffled = (xs: DrawExpert[]): DrawExpert[] =>
      [...xs].reverse().map((x) => ({
        ...x,
        conflictCreditCodes: [...x.conflictCreditCodes].reverse(),
        fields: [...x.fields].reverse(),
      }));
    const appsR = [...apps].reverse();
    const r3 = drawExperts(appsR, shuffled(experts), { regionRecusal: true, seed: 99 });
    expect(r3).toEqual(r1);
  });

  it('different seeds give different draws (same quality)', () => {
    const results = [1, 2, 3, 4, 5].map((seed) => drawExperts(apps, experts, { regionRecusal: true, seed }));
    const keys = new Set(results.map((r) => JSON.stringify(r.assignments)));
    expect(keys.size).toBeGreaterThanOrEqual(4);
    const sq = results.map((r) => [...finalLoads(experts, r).values()].reduce((x, l) => x + l * l, 0));
    expect(new Set(sq).size).toBe(1);
    expect(new Set(results.map((r) => r.assignments.length)).size).toBe(1);
  });

  it('accepts negative and large seeds', () => {
    const a = drawExperts(apps, experts, { regionRecusal: false, seed: -5 });
    const b = drawExperts(apps, experts, { regionRecusal: false, seed: 2 ** 40 + 3 });
    expect(a.assignments.length).toBe(b.assignments.length);
  });
});

describe('drawExperts — re-run after declines fills the gaps only', () => {
  for (const [name, spec] of Object.entries(SPECS)) {
    it(`${name}`, () => {
      for (let s = 1; s <= 15; s++) {
        const { apps, experts } = randomPool(31 * s, spec);
        const r1 = drawExperts(apps, experts, { regionRecusal: true, seed: s });
        const rng = createRng(s);
        const declined = r1.assignments.filter(() => rng() % 4 === 0);
        const declinedKeys = new Set(declined.map((x) => `${x.applicationId}|${x.expertId}`));
        const kept = r1.assignments.filter((x) => !declinedKeys.has(`${x.applicationId}|${x.expertId}`));
        // the service's view for the re-run: kept and declined experts excluded, loads = kept assignments
        const apps2 = apps.map((a) => {
          const mine = r1.assignments.filter((x) => x.applicationId === a.id).map((x) => x.expertId);
          const keptHere = kept.filter((x) => x.applicationId === a.id).length;
          return { ...a, excludedExpertIds: [...a.excludedExpertIds, ...mine], needed: a.needed - keptHere };
        });
        const experts2 = experts.map((e) => ({ ...e, load: e.load + kept.filter((x) => x.expertId === e.id).length }));
        const r2 = drawExperts(apps2, experts2, { regionRecusal: true, seed: s + 1 });
        checkNoConflict(apps2, experts2, true, r2);
        // nobody kept is touched, nobody declined comes back, only apps with gaps receive someone
        const keptKeys = new Set(kept.map((x) => `${x.applicationId}|${x.expertId}`));
        for (const x of r2.assignments) {
          const k = `${x.applicationId}|${x.expertId}`;
          expect(keptKeys.has(k) || declinedKeys.has(k)).toBe(false);
          expect(apps2.find((a) => a.id === x.applicationId)!.needed).toBeGreaterThan(0);
        }
        const ref = bruteForce(apps2, experts2, true);
        expect(r2.assignments.length).toBe(ref.flow);
        expect(balanceViolations(apps2, experts2, true, r2)).toEqual([]);
      }
    });
  }

  it('a re-run right after a draw (nothing declined) adds nothing and reports the same shortfalls', () => {
    for (let s = 1; s <= 10; s++) {
      const { apps, experts } = randomPool(9000 + s, SPECS['tight capacity']);
      const r1 = drawExperts(apps, experts, { regionRecusal: false, seed: s });
      const apps2 = apps.map((a) => {
        const mine = r1.assignments.filter((x) => x.applicationId === a.id).map((x) => x.expertId);
        return { ...a, excludedExpertIds: [...a.excludedExpertIds, ...mine], needed: a.needed - mine.length };
      });
      const experts2 = experts.map((e) => ({
        ...e,
        load: e.load + r1.assignments.filter((x) => x.expertId === e.id).length,
      }));
      const r2 = drawExperts(apps2, experts2, { regionRecusal: false, seed: s + 100 });
      expect(r2.assignments).toEqual([]);
      expect(r2.shortfalls).toEqual(r1.shortfalls);
    }
  });
});

describe('drawExperts vs greedyDraw', () => {
  it('greedy leaves a shortfall that the exact draw avoids (hand-made)', () => {
    const apps: DrawApplication[] = [
      {
        id: 'a1',
        creditCode: code(1),
        provinceCode: '11',
        programCode: 'jingpin',
        track: 'idea',
        excludedExpertIds: [],
        needed: 1,
      },
      {
        id: 'a2',
        creditCode: code(2),
        provinceCode: '11',
        programCode: 'jingpin',
        track: 'idea',
        excludedExpertIds: [],
        needed: 1,
      },
    ];
    const experts: DrawExpert[] = [
      {
        id: 'A',
        fields: ['jingpin'],
        employerCreditCode: null,
        provinceCode: '31',
        conflictCreditCodes: [],
        load: 0,
        capacity: 1,
      },
      {
        id: 'B',
        fields: ['jingpin/idea'],
        employerCreditCode: null,
        provinceCode: '31',
        conflictCreditCodes: [code(2)],
        load: 1,
        capacity: 2,
      },
    ];
    for (let seed = 0; seed < 5; seed++) {
      const g = greedyDraw(apps, experts, { regionRecusal: false, seed });
      expect(g.shortfalls).toEqual([{ applicationId: 'a2', missing: 1 }]);
      const x = drawExperts(apps, experts, { regionRecusal: false, seed });
      expect(x.shortfalls).toEqual([]);
      expect(x.assignments).toEqual([
        { applicationId: 'a1', expertId: 'B' },
        { applicationId: 'a2', expertId: 'A' },
      ]);
    }
  });

  it('on random tight pools the exact draw is never worse and greedy sometimes fails', () => {
    let greedyShort = 0;
    let greedyUnbalanced = 0;
    for (let s = 1; s <= 40; s++) {
      const { apps, experts } = randomPool(70000 + s, {
        apps: 14,
        experts: 9,
        orgs: 10,
        needed: [2, 3],
        conflict: 0.35,
        capacity: [2, 5],
      });
      const x = drawExperts(apps, experts, { regionRecusal: true, seed: s });
      const g = greedyDraw(apps, experts, { regionRecusal: true, seed: s });
      checkNoConflict(apps, experts, true, g);
      expect(x.assignments.length).toBeGreaterThanOrEqual(g.assignments.length);
      if (x.assignments.length > g.assignments.length) greedyShort++;
      else if (balanceViolations(apps, experts, true, g).length > 0) greedyUnbalanced++;
    }
    expect(greedyShort).toBeGreaterThan(0);
    expect(greedyShort + greedyUnbalanced).toBeGreaterThan(0);
  });
});

describe('drawExperts — input checks and scale', () => {
  it('rejects duplicate ids and bad counts', () => {
    const a: DrawApplication = {
      id: 'a',
      creditCode: code(1),
      provinceCode: '11',
      programCode: 'jingpin',
      track: null,
      excludedExpertIds: [],
      needed: 1,
    };
    const e: DrawExpert = {
      id: 'e',
      fields: ['jingpin'],
      employerCreditCode: null,
      provinceCode: '31',
      conflictCreditCodes: [],
      load: 0,
    };
    expect(() => drawExperts([a, a], [e], { regionRecusal: false, seed: 1 })).toThrow(/duplicate application/);
    expect(() => drawExperts([a], [e, e], { regionRecusal: false, seed: 1 })).toThrow(/duplicate expert/);
    expect(() => drawExperts([{ ...a, needed: -1 }], [e], { regionRecusal: false, seed: 1 })).toThrow(RangeError);
    expect(() => drawExperts([a], [{ ...e, load: 1.5 }], { regionRecusal: false, seed: 1 })).toThrow(RangeError);
    expect(drawExperts([], [e], { regionRecusal: false, seed: 1 })).toEqual({ assignments: [], shortfalls: [] });
    expect(drawExperts([a], [], { regionRecusal: false, seed: 1 })).toEqual({
      assignments: [],
      shortfalls: [{ applicationId: 'a', missing: 1 }],
    });
    // track null matches only program-level fields
    expect(
      drawExperts([a], [{ ...e, fields: ['jingpin/idea'] }], { regionRecusal: false, seed: 1 }).shortfalls,
    ).toEqual([{ applicationId: 'a', missing: 1 }]);
  });

  // its speed is benchmark P3's (test/load/P3.ts), not a timed assertion here
  it('2,000 applications × 3 from 400 experts with 10% conflicts and recusal: no shortfall, loads within 1', () => {
    const rng = createRng(5);
    const experts: DrawExpert[] = Array.from({ length: 400 }, (_, j) => ({
      id: `e${j}`,
      fields: ['jingpin'],
      employerCreditCode: null,
      provinceCode: PROVINCES[j % 4],
      conflictCreditCodes: Array.from({ length: 2000 }, (_, o) => o)
        .filter(() => rng() % 10 === 0)
        .map(code),
      load: 0,
    }));
    const apps: DrawApplication[] = Array.from({ length: 2000 }, (_, i) => ({
      id: `a${i}`,
      creditCode: code(i),
      provinceCode: PROVINCES[i % 4],
      programCode: 'jingpin',
      track: 'idea',
      excludedExpertIds: [],
      needed: 3,
    }));
    const r = drawExperts(apps, experts, { regionRecusal: true, seed: 1 });
    expect(r.shortfalls).toEqual([]);
    const loads = [...finalLoads(experts, r).values()];
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  });
});
