/**
 * The expert draw (抽取评审专家) as an assignment problem: pure TypeScript, no database.
 *
 * ## Model
 * Bipartite flow network  s → application a (capacity `needed_a`) → expert e (capacity 1 per eligible pair)
 * → t (capacity `capacity_e − load_e`, unlimited when the expert has no capacity).
 * Expert e is *eligible* for application a when
 *   - one of e's fields equals a.programCode or `${a.programCode}/${a.track}`,
 *   - e.employerCreditCode ≠ a.creditCode,
 *   - a.creditCode is not among e.conflictCreditCodes,
 *   - e.id is not in a.excludedExpertIds (already assigned, or declined, for this application),
 *   - and, when `regionRecusal` is on, e.provinceCode ≠ a.provinceCode.
 * Existing assignments are never moved: they enter only through `excludedExpertIds` (the pair is taken)
 * and `load` (the expert's count in this call). The result lists NEW assignments only.
 *
 * ## What the draw guarantees
 * 1. No assignment is ever ineligible (no conflict, no employer, no excluded, no same province under recusal).
 * 2. Maximum cardinality: the number of new assignments is the maximum flow of the network above.
 *    Without capacities that is simply Σ min(needed_a, |eligible_a|); with capacities (expert availability)
 *    it is a real max-flow, and greedy picking can fall short of it.
 * 3. Balanced load — precise definition. Let L_e = load_e + (new assignments of e) be e's final load.
 *    A draw D is *balanced* when there are no two experts e, e' such that
 *        L_e ≥ L_e' + 2   and   one of e's NEW assignments can be handed on towards e',
 *    where "handed on towards e'" means: there is an alternating chain
 *        e —(new assignment)— a1 —(eligible, not assigned)— e1 —(new assignment)— a2 — … — e'
 *    (a1 leaves e for e1, a2 leaves e1 for e2, …, the last application takes e'), with e' below its capacity;
 *    the chain may also pass through the source, i.e. leave one application short in exchange for filling
 *    another one (at a maximum draw that never reaches an expert with spare capacity, but the check allows it).
 *    Equivalently (the set of per-expert new-load vectors of maximum draws is an integral polymatroid base set,
 *    i.e. M-convex, so local = global optimality; Frank & Murota, "Discrete decreasing minimization"):
 *      - D minimises Σ_e L_e² among all maximum draws that keep the existing assignments, and
 *      - D is *decreasingly minimal*: the final loads sorted in decreasing order are lexicographically smallest
 *        (the largest load is as small as possible, then as few experts as possible carry it, and so on).
 *    In the common case — experts eligible for the same applications and equal existing loads — this is exactly
 *    "no eligible expert more than one above another" (max L − min L ≤ 1). When eligibility sets differ, an
 *    expert whose only eligible applications are few can stay far below the others: no application could be
 *    moved to them, so nothing "feasibility allows" is left undone. Experts with old load above everybody
 *    else never receive new work while someone eligible is lower.
 * 4. Reproducible: same input (in any order: applications and experts are processed sorted by id, and
 *    lists inside them are treated as sets) and the same seed give the identical output; another seed gives,
 *    in general, another draw. The output is sorted by application id, then expert id.
 *
 * ## Method (exact, implicit graph — the dense bipartite graph is never materialised as edge objects)
 * Eligibility is one bit per (application, expert) in a row-per-application bitset (10,000 × 2,000 = 2.5 MB),
 * built from class masks (fields), province masks, employer and conflict inverted indexes.
 * The flow is grown by the greedy algorithm for separable convex costs over a polymatroid (Federgruen &
 * Groenevelt 1986), organised in *levels*: with H = 1 + the smallest final load among experts that can
 * still take work, every expert is capped at H and a max-flow is completed incrementally:
 *   (a) a quick pass: deficient applications, in seeded random order, take directly any open expert
 *       (an expert at level H−1) that is eligible — each such pick is an augmenting path of length 1;
 *   (b) repair: multi-source BFS from all deficient applications over the residual graph
 *       (application → eligible unassigned expert; expert → application currently newly assigned to it),
 *       using per-(field class, province) buckets of unvisited experts so that each scan costs only the
 *       ineligible pairs it skips; vertex-disjoint augmenting paths from the BFS forest are applied until
 *       no open expert is reachable (then the flow at cap H is maximum).
 * Open experts that could not be reached are *frozen*: no augmenting path can ever reach them again
 * (independence in a polymatroid is down-closed), so they are left out of every later search.
 * Every augmentation raises an expert of minimum load among those that can be raised, which is exactly
 * the greedy step; the greedy algorithm is optimal for separable convex costs over polymatroid bases,
 * and it ends at a base, i.e. a maximum flow. Random tie-breaking (application order, expert order
 * in buckets, where a scan starts) comes from a seeded PRNG (sfc32 seeded by splitmix32).
 */

export interface DrawApplication {
  id: string;
  creditCode: string;
  /** First two digits of the region part of the credit code (or any province key shared with experts). */
  provinceCode: string;
  programCode: string;
  track: string | null;
  /** Experts already assigned to, or declined for, this application. */
  excludedExpertIds: string[];
  /** How many NEW experts it still needs. */
  needed: number;
}

export interface DrawExpert {
  id: string;
  /** Program codes, or `program/track` for a single track. */
  fields: string[];
  employerCreditCode: string | null;
  provinceCode: string;
  conflictCreditCodes: string[];
  /** Assignments already held in this call (kept, never moved). */
  load: number;
  /** Optional availability: the most assignments this expert may hold in this call, existing ones included. */
  capacity?: number | null;
}

export interface DrawOptions {
  regionRecusal: boolean;
  seed: number;
}

export interface DrawAssignment {
  applicationId: string;
  expertId: string;
}

export interface DrawShortfall {
  applicationId: string;
  missing: number;
}

export interface DrawResult {
  assignments: DrawAssignment[];
  shortfalls: DrawShortfall[];
}

/** The eligibility predicate, on the plain input (reference version; the draw uses a bitset built from the same rules). */
export function isEligible(app: DrawApplication, expert: DrawExpert, regionRecusal: boolean): boolean {
  const trackField = app.track ? `${app.programCode}/${app.track}` : null;
  if (!expert.fields.some((f) => f === app.programCode || (trackField !== null && f === trackField))) return false;
  if (expert.employerCreditCode != null && expert.employerCreditCode === app.creditCode) return false;
  if (expert.conflictCreditCodes.includes(app.creditCode)) return false;
  if (app.excludedExpertIds.includes(expert.id)) return false;
  if (regionRecusal && expert.provinceCode === app.provinceCode) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Seeded PRNG

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** sfc32 seeded from any safe integer via splitmix32; returns uint32 values. */
export function createRng(seed: number): () => number {
  if (!Number.isFinite(seed)) throw new RangeError('seed must be a finite number');
  const s = Math.trunc(seed);
  const lo = s >>> 0;
  const hi = Math.floor(s / 4294967296) >>> 0;
  const st = { s: (lo ^ Math.imul(hi, 0x27d4eb2f) ^ 0x5bd1e995) | 0 };
  let a = splitmix32(st) | 0;
  let b = splitmix32(st) | 0;
  let c = splitmix32(st) | 0;
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

function randBelow(rng: () => number, n: number): number {
  return Math.floor((rng() / 4294967296) * n);
}

function shuffleInPlace(arr: Int32Array, len: number, rng: () => number): void {
  for (let i = len - 1; i > 0; i--) {
    const j = randBelow(rng, i + 1);
    const t = arr[i];
    arr[i] = arr[j];
    arr[j] = t;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Instance: sorted, indexed, eligibility bitsets

const UNLIMITED = 0x3fffffff;

interface Instance {
  A: number;
  E: number;
  W: number;
  appIds: string[];
  expIds: string[];
  /** A×W words; bit e of row a set ⇔ e eligible for a and not (yet) assigned to a. */
  elig: Uint32Array;
  needed: Int32Array;
  eligCount: Int32Array;
  appClass: Int32Array;
  appProv: Int32Array; // -1 when no expert shares the province
  load: Int32Array;
  cap: Int32Array;
  regionRecusal: boolean;
  // bucket layout: a group is (class, province); experts appear once per class they match
  numGroups: number;
  groupBase: Int32Array;
  groupSize: Int32Array;
  groupProv: Int32Array;
  classGroups: Int32Array[]; // non-empty group ids per class
  slotStart: Int32Array; // E+1: slots of expert e are slotStart[e] .. slotStart[e+1]-1
  slotGroup: Int32Array;
  slotExpert: Int32Array;
}

function checkCount(v: number, what: string): number {
  if (!Number.isInteger(v) || v < 0) throw new RangeError(`${what} must be a non-negative integer, got ${v}`);
  return v;
}

function buildInstance(apps: DrawApplication[], experts: DrawExpert[], options: DrawOptions): Instance {
  const byId = <T extends { id: string }>(x: T, y: T): number => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  const sApps = [...apps].sort(byId);
  const sExps = [...experts].sort(byId);
  for (let i = 1; i < sApps.length; i++)
    if (sApps[i].id === sApps[i - 1].id) throw new Error(`duplicate application id ${sApps[i].id}`);
  for (let i = 1; i < sExps.length; i++)
    if (sExps[i].id === sExps[i - 1].id) throw new Error(`duplicate expert id ${sExps[i].id}`);

  const A = sApps.length;
  const E = sExps.length;
  const W = Math.max(1, Math.ceil(E / 32));
  const expIndex = new Map<string, number>();
  sExps.forEach((e, i) => expIndex.set(e.id, i));

  const load = new Int32Array(E);
  const cap = new Int32Array(E);
  for (let e = 0; e < E; e++) {
    const x = sExps[e];
    load[e] = checkCount(x.load, `load of expert ${x.id}`);
    cap[e] = x.capacity == null ? UNLIMITED : Math.min(UNLIMITED, checkCount(x.capacity, `capacity of expert ${x.id}`));
  }

  // provinces
  const provIndex = new Map<string, number>();
  const expProv = new Int32Array(E);
  for (let e = 0; e < E; e++) {
    const p = sExps[e].provinceCode;
    let i = provIndex.get(p);
    if (i === undefined) provIndex.set(p, (i = provIndex.size));
    expProv[e] = i;
  }
  const P = provIndex.size;
  const appProv = new Int32Array(A);
  for (let a = 0; a < A; a++) appProv[a] = provIndex.get(sApps[a].provinceCode) ?? -1;

  // field classes: (program, track) of the applications
  const classIndex = new Map<string, number>();
  const classDefs: { program: string; trackField: string | null }[] = [];
  const appClass = new Int32Array(A);
  for (let a = 0; a < A; a++) {
    const x = sApps[a];
    const key = `${x.programCode}\u0000${x.track ?? ''}`;
    let c = classIndex.get(key);
    if (c === undefined) {
      classIndex.set(key, (c = classDefs.length));
      classDefs.push({ program: x.programCode, trackField: x.track ? `${x.programCode}/${x.track}` : null });
    }
    appClass[a] = c;
  }
  const C = classDefs.length;
  const classMask: Uint32Array[] = [];
  const expClasses: number[][] = Array.from({ length: E }, () => []);
  for (let c = 0; c < C; c++) {
    const m = new Uint32Array(W);
    const { program, trackField } = classDefs[c];
    for (let e = 0; e < E; e++) {
      const fs = sExps[e].fields;
      let ok = false;
      for (let k = 0; k < fs.length && !ok; k++)
        ok = fs[k] === program || (trackField !== null && fs[k] === trackField);
      if (ok) {
        m[e >>> 5] |= 1 << (e & 31);
        expClasses[e].push(c);
      }
    }
    classMask.push(m);
  }

  // groups (class, province)
  const groupIdOf = new Int32Array(C * Math.max(1, P)).fill(-1);
  const groupSizeTmp: number[] = [];
  const groupProvTmp: number[] = [];
  for (let e = 0; e < E; e++) {
    for (const c of expClasses[e]) {
      const k = c * P + expProv[e];
      if (groupIdOf[k] < 0) {
        groupIdOf[k] = groupSizeTmp.length;
        groupSizeTmp.push(0);
        groupProvTmp.push(expProv[e]);
      }
      groupSizeTmp[groupIdOf[k]]++;
    }
  }
  const G = groupSizeTmp.length;
  const groupSize = Int32Array.from(groupSizeTmp);
  const groupProv = Int32Array.from(groupProvTmp);
  const groupBase = new Int32Array(G);
  for (let g = 1; g < G; g++) groupBase[g] = groupBase[g - 1] + groupSize[g - 1];
  const classGroups: Int32Array[] = [];
  for (let c = 0; c < C; c++) {
    const ids: number[] = [];
    for (let p = 0; p < P; p++) if (groupIdOf[c * P + p] >= 0) ids.push(groupIdOf[c * P + p]);
    classGroups.push(Int32Array.from(ids));
  }
  const slotStart = new Int32Array(E + 1);
  for (let e = 0; e < E; e++) slotStart[e + 1] = slotStart[e] + expClasses[e].length;
  const slotGroup = new Int32Array(slotStart[E]);
  const slotExpert = new Int32Array(slotStart[E]);
  for (let e = 0; e < E; e++) {
    let s = slotStart[e];
    for (const c of expClasses[e]) {
      slotGroup[s] = groupIdOf[c * P + expProv[e]];
      slotExpert[s] = e;
      s++;
    }
  }

  // eligibility rows
  const elig = new Uint32Array(A * W);
  const provMask: Uint32Array[] = [];
  if (options.regionRecusal) {
    for (let p = 0; p < P; p++) provMask.push(new Uint32Array(W));
    for (let e = 0; e < E; e++) provMask[expProv[e]][e >>> 5] |= 1 << (e & 31);
  }
  const appsByCode = new Map<string, number[]>();
  const needed = new Int32Array(A);
  for (let a = 0; a < A; a++) {
    const x = sApps[a];
    needed[a] = checkCount(x.needed, `needed of application ${x.id}`);
    const row = a * W;
    const cm = classMask[appClass[a]];
    if (options.regionRecusal && appProv[a] >= 0) {
      const pm = provMask[appProv[a]];
      for (let w = 0; w < W; w++) elig[row + w] = cm[w] & ~pm[w];
    } else {
      elig.set(cm, row);
    }
    let list = appsByCode.get(x.creditCode);
    if (!list) appsByCode.set(x.creditCode, (list = []));
    list.push(a);
    for (const id of x.excludedExpertIds) {
      const e = expIndex.get(id);
      if (e !== undefined) elig[row + (e >>> 5)] &= ~(1 << (e & 31));
    }
  }
  for (let e = 0; e < E; e++) {
    const x = sExps[e];
    const word = e >>> 5;
    const clear = ~(1 << (e & 31));
    if (x.employerCreditCode != null) {
      const l = appsByCode.get(x.employerCreditCode);
      if (l) for (const a of l) elig[a * W + word] &= clear;
    }
    const cc = x.conflictCreditCodes;
    for (let k = 0; k < cc.length; k++) {
      const l = appsByCode.get(cc[k]);
      if (l) for (const a of l) elig[a * W + word] &= clear;
    }
  }
  const eligCount = new Int32Array(A);
  for (let a = 0; a < A; a++) {
    let n = 0;
    for (let w = a * W, end = w + W; w < end; w++) {
      let v = elig[w];
      v = v - ((v >>> 1) & 0x55555555);
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      n += Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
    }
    eligCount[a] = n;
  }

  return {
    A,
    E,
    W,
    appIds: sApps.map((x) => x.id),
    expIds: sExps.map((x) => x.id),
    elig,
    needed,
    eligCount,
    appClass,
    appProv,
    load,
    cap,
    regionRecusal: options.regionRecusal,
    numGroups: G,
    groupBase,
    groupSize,
    groupProv,
    classGroups,
    slotStart,
    slotGroup,
    slotExpert,
  };
}

/** A set of experts kept in (class, province) buckets, with O(#classes of e) add/remove. */
class Buckets {
  readonly items: Int32Array; // slot ids
  readonly len: Int32Array;
  readonly pos: Int32Array; // slot → index in items
  readonly member: Uint8Array;
  count = 0;
  constructor(private readonly inst: Instance) {
    this.items = new Int32Array(inst.slotGroup.length);
    this.len = new Int32Array(inst.numGroups);
    this.pos = new Int32Array(inst.slotGroup.length);
    this.member = new Uint8Array(inst.E);
  }
  clear(): void {
    this.len.fill(0);
    this.member.fill(0);
    this.count = 0;
  }
  add(e: number): void {
    if (this.member[e]) return;
    this.member[e] = 1;
    this.count++;
    const { slotStart, slotGroup, groupBase } = this.inst;
    for (let s = slotStart[e]; s < slotStart[e + 1]; s++) {
      const g = slotGroup[s];
      const i = groupBase[g] + this.len[g]++;
      this.items[i] = s;
      this.pos[s] = i;
    }
  }
  remove(e: number): void {
    if (!this.member[e]) return;
    this.member[e] = 0;
    this.count--;
    const { slotStart, slotGroup, groupBase } = this.inst;
    for (let s = slotStart[e]; s < slotStart[e + 1]; s++) {
      const g = slotGroup[s];
      const i = this.pos[s];
      const last = groupBase[g] + --this.len[g];
      const moved = this.items[last];
      this.items[i] = moved;
      this.pos[moved] = i;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The exact draw

/**
 * Draws experts for every application's gap: maximum number of conflict-free assignments, with the
 * decreasingly-minimal (Σ L² minimal) final loads, reproducible from `seed`. See the file header.
 */
export function drawExperts(apps: DrawApplication[], experts: DrawExpert[], options: DrawOptions): DrawResult {
  const rng = createRng(options.seed);
  const inst = buildInstance(apps, experts, options);
  const { A, E, W, elig, appClass, appProv, load, cap, classGroups, groupBase, groupProv, slotExpert } = inst;
  const recusal = inst.regionRecusal;
  const L = Int32Array.from(load);
  const newAssign: number[][] = Array.from({ length: E }, () => []);
  const deficit = new Int32Array(A);
  for (let a = 0; a < A; a++) deficit[a] = Math.min(inst.needed[a], inst.eligCount[a]);
  const frozen = new Uint8Array(E);
  const open = new Uint8Array(E);

  // Seeded expert order, used whenever buckets are (re)filled.
  const expOrder = new Int32Array(E);
  for (let e = 0; e < E; e++) expOrder[e] = e;
  shuffleInPlace(expOrder, E, rng);

  const defList = new Int32Array(A);
  let defLen = 0;
  for (let a = 0; a < A; a++) if (deficit[a] > 0) defList[defLen++] = a;

  const openB = new Buckets(inst);
  const unvisited = new Buckets(inst);
  const visA = new Int32Array(A);
  const distA = new Int32Array(A);
  const parE = new Int32Array(A); // expert through whose reverse arc the app was reached (-1 = root)
  const parA = new Int32Array(E); // app through which the expert was reached
  const usedA = new Int32Array(A);
  const usedE = new Int32Array(E);
  const queue = new Int32Array(A);
  let stamp = 0;

  const assign = (a: number, e: number): void => {
    elig[a * W + (e >>> 5)] &= ~(1 << (e & 31));
    newAssign[e].push(a);
  };
  const unassign = (a: number, e: number): void => {
    elig[a * W + (e >>> 5)] |= 1 << (e & 31);
    const l = newAssign[e];
    const i = l.indexOf(a);
    l[i] = l[l.length - 1];
    l.pop();
  };
  const closeOpen = (e: number): void => {
    open[e] = 0;
    openB.remove(e);
  };

  while (defLen > 0) {
    // level H: one above the lowest load among experts that can still take work
    let minL = UNLIMITED;
    for (let e = 0; e < E; e++) if (!frozen[e] && L[e] < cap[e] && L[e] < minL) minL = L[e];
    if (minL === UNLIMITED) break;
    const H = minL + 1;
    openB.clear();
    for (let k = 0; k < E; k++) {
      const e = expOrder[k];
      if (!frozen[e] && L[e] < H && L[e] < cap[e]) {
        open[e] = 1;
        openB.add(e);
      }
    }
    shuffleInPlace(expOrder, E, rng); // next phase fills buckets in another order

    // (a) quick pass: direct picks
    shuffleInPlace(defList, defLen, rng);
    for (let k = 0; k < defLen && openB.count > 0; k++) {
      const a = defList[k];
      const row = a * W;
      const gs = classGroups[appClass[a]];
      const ng = gs.length;
      const start = ng > 1 ? randBelow(rng, ng) : 0;
      for (let gi = 0; gi < ng && deficit[a] > 0; gi++) {
        const g = gs[(start + gi) % ng];
        if (recusal && groupProv[g] === appProv[a]) continue;
        const base = groupBase[g];
        for (let i = base + openB.len[g] - 1; i >= base; i--) {
          const e = slotExpert[openB.items[i]];
          if ((elig[row + (e >>> 5)] >>> (e & 31)) & 1) {
            assign(a, e);
            L[e]++;
            closeOpen(e); // residual at level H was exactly 1
            if (--deficit[a] === 0) break;
          }
        }
      }
    }
    let w = 0;
    for (let k = 0; k < defLen; k++) if (deficit[defList[k]] > 0) defList[w++] = defList[k];
    defLen = w;

    // (b) repair: BFS over the residual graph from all deficient applications, augment disjoint paths
    while (defLen > 0 && openB.count > 0) {
      stamp++;
      unvisited.clear();
      for (let k = 0; k < E; k++) if (!frozen[expOrder[k]]) unvisited.add(expOrder[k]);
      let head = 0;
      let tail = 0;
      for (let k = 0; k < defLen; k++) {
        const a = defList[k];
        visA[a] = stamp;
        distA[a] = 0;
        parE[a] = -1;
        queue[tail++] = a;
      }
      const targets: number[] = [];
      let targetLevel = -1;
      while (head < tail) {
        const a = queue[head++];
        if (targetLevel >= 0 && distA[a] > targetLevel) break;
        const row = a * W;
        const gs = classGroups[appClass[a]];
        const ng = gs.length;
        const start = ng > 1 ? randBelow(rng, ng) : 0;
        for (let gi = 0; gi < ng; gi++) {
          const g = gs[(start + gi) % ng];
          if (recusal && groupProv[g] === appProv[a]) continue;
          const base = groupBase[g];
          for (let i = base + unvisited.len[g] - 1; i >= base; i--) {
            const e = slotExpert[unvisited.items[i]];
            if (!((elig[row + (e >>> 5)] >>> (e & 31)) & 1)) continue;
            unvisited.remove(e); // swaps an already-scanned item into i
            parA[e] = a;
            if (open[e]) {
              targets.push(e);
              targetLevel = distA[a];
            } else if (targetLevel < 0) {
              const l = newAssign[e];
              for (let j = 0; j < l.length; j++) {
                const a2 = l[j];
                if (visA[a2] !== stamp) {
                  visA[a2] = stamp;
                  distA[a2] = distA[a] + 1;
                  parE[a2] = e;
                  queue[tail++] = a2;
                }
              }
            }
          }
        }
      }
      if (targets.length === 0) break; // flow at level H is maximum

      for (const t of targets) {
        if (!open[t]) continue;
        // check the path is still intact (vertex-disjoint from paths applied in this round)
        let ok = true;
        let e = t;
        let a = parA[e];
        for (;;) {
          if (parE[a] < 0) {
            if (deficit[a] === 0) ok = false;
            break;
          }
          if (usedA[a] === stamp) {
            ok = false;
            break;
          }
          e = parE[a];
          if (usedE[e] === stamp) {
            ok = false;
            break;
          }
          a = parA[e];
        }
        if (!ok) continue;
        e = t;
        a = parA[e];
        usedE[t] = stamp;
        for (;;) {
          assign(a, e);
          const prev = parE[a];
          if (prev < 0) break;
          unassign(a, prev);
          usedA[a] = stamp;
          usedE[prev] = stamp;
          e = prev;
          a = parA[e];
        }
        deficit[a]--;
        L[t]++;
        closeOpen(t);
        if (openB.count === 0) break;
      }
      w = 0;
      for (let k = 0; k < defLen; k++) if (deficit[defList[k]] > 0) defList[w++] = defList[k];
      defLen = w;
    }

    // open experts left at H−1 cannot be reached now, nor ever later
    for (let e = 0; e < E; e++) {
      if (open[e]) {
        frozen[e] = 1;
        open[e] = 0;
      }
    }
  }

  return collect(inst, newAssign);
}

function collect(inst: Instance, newAssign: number[][]): DrawResult {
  const { A, E } = inst;
  const perApp: number[][] = Array.from({ length: A }, () => []);
  for (let e = 0; e < E; e++) for (const a of newAssign[e]) perApp[a].push(e);
  const assignments: DrawAssignment[] = [];
  const shortfalls: DrawShortfall[] = [];
  for (let a = 0; a < A; a++) {
    const l = perApp[a].sort((x, y) => x - y);
    for (const e of l) assignments.push({ applicationId: inst.appIds[a], expertId: inst.expIds[e] });
    const missing = inst.needed[a] - l.length;
    if (missing > 0) shortfalls.push({ applicationId: inst.appIds[a], missing });
  }
  return { assignments, shortfalls };
}

// ---------------------------------------------------------------------------------------------------------------
// The naive greedy draw, for comparison

/**
 * Naive greedy: applications in id order; each picks its `needed` eligible experts with the lowest current
 * load (below capacity), ties broken by a seeded random rotation of the expert list. No look-ahead, no repair.
 */
export function greedyDraw(apps: DrawApplication[], experts: DrawExpert[], options: DrawOptions): DrawResult {
  const rng = createRng(options.seed);
  const inst = buildInstance(apps, experts, options);
  const { A, E, W, elig, cap } = inst;
  const L = Int32Array.from(inst.load);
  const order = new Int32Array(E);
  for (let e = 0; e < E; e++) order[e] = e;
  shuffleInPlace(order, E, rng);
  const newAssign: number[][] = Array.from({ length: E }, () => []);
  const best: number[] = [];
  for (let a = 0; a < A; a++) {
    const k = inst.needed[a];
    if (k === 0 || E === 0) continue;
    best.length = 0;
    const row = a * W;
    const start = randBelow(rng, E);
    for (let j = 0; j < E; j++) {
      const e = order[(start + j) % E];
      if (!((elig[row + (e >>> 5)] >>> (e & 31)) & 1) || L[e] >= cap[e]) continue;
      if (best.length === k && L[best[k - 1]] <= L[e]) continue;
      let i = best.length < k ? best.length : k - 1;
      best[i] = e;
      while (i > 0 && L[best[i - 1]] > L[e]) {
        best[i] = best[i - 1];
        best[i - 1] = e;
        i--;
      }
    }
    for (const e of best) {
      newAssign[e].push(a);
      L[e]++;
    }
  }
  return collect(inst, newAssign);
}
