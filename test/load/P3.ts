/**
 * P3 — the expert draw at scale: 5 experts for each of 10,000 applications from a pool of 2,000 experts with
 * 5% of (expert, applicant organisation) pairs declared as conflicts (conflictCreditCodes). Goal: ≤ 5 s,
 * 0 conflicts, load spread ≤ 1. Also: the naive greedy draw's time on the same pool, and how often greedy
 * fails where the exact draw succeeds over 20 smaller tight instances (expert capacity exactly equal to demand,
 * dense conflicts, region recusal, a planted feasible assignment so a full draw is known to exist).
 * ratio = 5 s / time of the exact draw (cold, first call in the process), goal ≥ 1.
 */
import {
  DrawApplication,
  DrawExpert,
  DrawResult,
  createRng,
  drawExperts,
  greedyDraw,
} from '../../libs/review/src/draw/draw';
import { fmt, timeMs, verdict } from './bench-util';

const PROVINCES = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
];
const orgCode = (prov: string, i: number): string => `91${prov}0000${String(i).padStart(9, '0')}X`;

function bigPool(seed: number, nApps: number, nExperts: number, perApp: number, conflictRate: number) {
  const rng = createRng(seed);
  const u = (): number => (rng() + 0.5) / 4294967296;
  const pick = <T>(xs: T[]): T => xs[Math.floor(u() * xs.length)];
  const apps: DrawApplication[] = [];
  for (let i = 0; i < nApps; i++) {
    const prov = pick(PROVINCES);
    apps.push({
      id: `app-${String(i).padStart(5, '0')}`,
      creditCode: orgCode(prov, i),
      provinceCode: prov,
      programCode: 'jingpin',
      track: u() < 0.5 ? 'idea' : 'product',
      excludedExpertIds: [],
      needed: perApp,
    });
  }
  const experts: DrawExpert[] = [];
  let conflictPairs = 0;
  const logq = Math.log(1 - conflictRate);
  for (let j = 0; j < nExperts; j++) {
    const conflicts: string[] = [];
    // every applicant organisation independently with probability conflictRate (geometric skips)
    for (let i = Math.floor(Math.log(u()) / logq); i < nApps; i += 1 + Math.floor(Math.log(u()) / logq))
      conflicts.push(apps[i].creditCode);
    conflictPairs += conflicts.length;
    const prov = pick(PROVINCES);
    experts.push({
      id: `exp-${String(j).padStart(4, '0')}`,
      fields: u() < 0.8 ? ['jingpin'] : ['jingpin/idea', 'jingpin/product'],
      employerCreditCode: orgCode(prov, 900000 + j), // not an applicant
      provinceCode: prov,
      conflictCreditCodes: conflicts,
      load: 0,
    });
  }
  return { apps, experts, conflictPairs };
}

/** Independent check of a draw against the plain input: returns the number of violations of each kind. */
function independentCheck(apps: DrawApplication[], experts: DrawExpert[], r: DrawResult, recusal: boolean) {
  const appById = new Map(apps.map((a) => [a.id, a]));
  const expById = new Map(experts.map((e) => [e.id, { e, conflicts: new Set(e.conflictCreditCodes) }]));
  let conflicts = 0;
  let wrongField = 0;
  let employer = 0;
  let region = 0;
  let duplicates = 0;
  const seen = new Set<string>();
  const perApp = new Map<string, number>();
  const load = new Map<string, number>(experts.map((e) => [e.id, e.load]));
  for (const x of r.assignments) {
    const a = appById.get(x.applicationId)!;
    const { e, conflicts: cs } = expById.get(x.expertId)!;
    if (cs.has(a.creditCode)) conflicts++;
    if (e.employerCreditCode === a.creditCode) employer++;
    if (!e.fields.includes(a.programCode) && !e.fields.includes(`${a.programCode}/${a.track}`)) wrongField++;
    if (recusal && e.provinceCode === a.provinceCode) region++;
    const k = `${x.applicationId}|${x.expertId}`;
    if (seen.has(k)) duplicates++;
    seen.add(k);
    perApp.set(a.id, (perApp.get(a.id) ?? 0) + 1);
    load.set(e.id, load.get(e.id)! + 1);
  }
  const loads = [...load.values()];
  const full = apps.filter((a) => (perApp.get(a.id) ?? 0) === a.needed).length;
  return {
    conflicts,
    employer,
    wrongField,
    region,
    duplicates,
    full,
    maxLoad: Math.max(...loads),
    minLoad: Math.min(...loads),
  };
}

/** A tight instance: Σ capacity = Σ demand, conflicts dense, recusal on, with a planted feasible draw. */
function tightPool(seed: number, nApps: number, perApp: number, nExperts: number, slack: number, conflictRate: number) {
  const rng = createRng(seed);
  const u = (): number => rng() / 4294967296;
  const provs = PROVINCES.slice(0, 8);
  const cap = Math.ceil((nApps * perApp) / nExperts);
  // planted: deal expert slots (each expert `cap` times, trimmed to demand) to applications, no repeats within one
  const slots: number[] = [];
  for (let j = 0; j < nExperts; j++) for (let k = 0; k < cap; k++) slots.push(j);
  for (let i = slots.length - 1; i > 0; i--) {
    const k = Math.floor(u() * (i + 1));
    [slots[i], slots[k]] = [slots[k], slots[i]];
  }
  slots.length = nApps * perApp;
  for (let pass = 0; pass < 100; pass++) {
    let bad = 0;
    for (let a = 0; a < nApps; a++) {
      for (let k = 0; k < perApp; k++) {
        const i = a * perApp + k;
        const dup = slots.slice(a * perApp, a * perApp + perApp).filter((x) => x === slots[i]).length > 1;
        if (dup) {
          bad++;
          const o = Math.floor(u() * slots.length);
          [slots[i], slots[o]] = [slots[o], slots[i]];
        }
      }
    }
    if (bad === 0) break;
  }
  const expProv = Array.from({ length: nExperts }, () => provs[Math.floor(u() * provs.length)]);
  const planted = new Set<string>();
  const apps: DrawApplication[] = [];
  for (let a = 0; a < nApps; a++) {
    const mine = slots.slice(a * perApp, (a + 1) * perApp);
    mine.forEach((j) => planted.add(`${a}|${j}`));
    const allowed = provs.filter((p) => !mine.some((j) => expProv[j] === p));
    const prov = allowed[Math.floor(u() * allowed.length)];
    apps.push({
      id: `t${String(a).padStart(4, '0')}`,
      creditCode: orgCode(prov, a),
      provinceCode: prov,
      programCode: 'yuandongli',
      track: 'web-comic',
      excludedExpertIds: [],
      needed: perApp,
    });
  }
  const experts: DrawExpert[] = Array.from({ length: nExperts }, (_, j) => ({
    id: `x${String(j).padStart(3, '0')}`,
    fields: ['yuandongli'],
    employerCreditCode: null,
    provinceCode: expProv[j],
    conflictCreditCodes: apps
      .filter((_, a) => !planted.has(`${a}|${j}`) && u() < conflictRate)
      .map((x) => x.creditCode),
    load: 0,
    capacity: cap + slack,
  }));
  return { apps, experts };
}

export async function run(): Promise<void> {
  const N_APPS = 10_000;
  const PER_APP = 5;
  const N_EXPERTS = 2_000;
  const GOAL_MS = 5_000;
  console.log(
    `P3: draw ${PER_APP} experts for each of ${N_APPS} applications from ${N_EXPERTS} experts, 5% of pairs in conflict`,
  );
  const gen = await timeMs(() => bigPool(20261123, N_APPS, N_EXPERTS, PER_APP, 0.05));
  const { apps, experts, conflictPairs } = gen.value;
  console.log(
    `pool built in ${fmt(gen.ms)}: ${conflictPairs} conflict pairs ` +
      `= ${((100 * conflictPairs) / (N_APPS * N_EXPERTS)).toFixed(2)}% of ${N_APPS * N_EXPERTS} pairs`,
  );

  const exact = await timeMs(() => drawExperts(apps, experts, { regionRecusal: false, seed: 1 }));
  const ce = independentCheck(apps, experts, exact.value, false);
  console.log(
    `exact draw (cold): ${fmt(exact.ms)}; assignments ${exact.value.assignments.length}, ` +
      `shortfalls ${exact.value.shortfalls.length}, full applications ${ce.full}/${N_APPS}`,
  );
  console.log(
    `independent check: conflicts found ${ce.conflicts}, employer ${ce.employer}, wrong field ${ce.wrongField}, duplicate pairs ${ce.duplicates}`,
  );
  console.log(`load: min ${ce.minLoad}, max ${ce.maxLoad}, spread ${ce.maxLoad - ce.minLoad}`);

  const again = await timeMs(() => drawExperts(apps, experts, { regionRecusal: false, seed: 1 }));
  const same = JSON.stringify(again.value) === JSON.stringify(exact.value);
  const other = drawExperts(apps, experts, { regionRecusal: false, seed: 2 });
  const differs = other.assignments.filter((x, i) => x.expertId !== exact.value.assignments[i].expertId).length;
  console.log(
    `exact draw (warm, same seed): ${fmt(again.ms)}; identical output: ${same}; seed 2 differs in ${differs} of ${other.assignments.length} assignments`,
  );

  const recusal = await timeMs(() => drawExperts(apps, experts, { regionRecusal: true, seed: 1 }));
  const cr = independentCheck(apps, experts, recusal.value, true);
  console.log(
    `exact draw with region recusal: ${fmt(recusal.ms)}; conflicts ${cr.conflicts}, same-province ${cr.region}, ` +
      `shortfalls ${recusal.value.shortfalls.length}, load spread ${cr.maxLoad - cr.minLoad}`,
  );

  const greedy = await timeMs(() => greedyDraw(apps, experts, { regionRecusal: false, seed: 1 }));
  const cg = independentCheck(apps, experts, greedy.value, false);
  console.log(
    `greedy draw: ${fmt(greedy.ms)}; conflicts ${cg.conflicts}, shortfalls ${greedy.value.shortfalls.length}, load spread ${cg.maxLoad - cg.minLoad}`,
  );

  for (const slack of [0, 1]) {
    let exactFull = 0;
    let greedyFailed = 0;
    let exactMs = 0;
    let greedyMissing = 0;
    const runs = 20;
    for (let s = 1; s <= runs; s++) {
      const { apps: ta, experts: te } = tightPool(7000 + s, 300, 3, 60, slack, 0.3);
      const t = await timeMs(() => drawExperts(ta, te, { regionRecusal: true, seed: s }));
      exactMs += t.ms;
      const g = greedyDraw(ta, te, { regionRecusal: true, seed: s });
      const ok = t.value.shortfalls.length === 0 && independentCheck(ta, te, t.value, true).conflicts === 0;
      if (ok) exactFull++;
      if (ok && g.shortfalls.length > 0) greedyFailed++;
      greedyMissing += g.shortfalls.reduce((x, f) => x + f.missing, 0);
    }
    console.log(
      `tight instances (300 apps × 3 from 60 experts, capacity ${slack === 0 ? '= demand exactly' : 'demand + 1 per expert'}, 30% conflicts, recusal): ` +
        `exact full in ${exactFull}/${runs} (avg ${fmt(exactMs / runs)}), ` +
        `greedy failed in ${greedyFailed}/${runs} (avg ${(greedyMissing / runs).toFixed(1)} assignments missing)`,
    );
  }

  const okChecks =
    ce.conflicts === 0 &&
    ce.employer === 0 &&
    ce.wrongField === 0 &&
    ce.duplicates === 0 &&
    ce.maxLoad - ce.minLoad <= 1 &&
    exact.value.shortfalls.length === 0 &&
    same;
  const ratio = okChecks ? GOAL_MS / exact.ms : 0;
  if (!okChecks) console.log('a correctness check failed: ratio forced to 0');
  verdict('P3', ratio, 1);
}
