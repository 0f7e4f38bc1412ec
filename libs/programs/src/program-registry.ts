import { Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import {
  AwardShape,
  I18nText,
  InstalmentShare,
  OrganizationFlagFacts,
  ProgramDefinition,
  ProvincialQuota,
  ProvincialStage,
} from './program-definition';
import { FormLayout, layoutFields } from './form-layout';
import { ProgramDefinitionProvider, ProgramDefinitionSource } from './program-definition.provider';
import { dtoToJsonSchema, JsonSchema, programFormSchema } from './engine/form-schema';
import { COMMON_RULE_KEYS, COMMON_RULE_NAMES } from './engine/common-rules';
import { testPrograms } from './testing/test-programs';
import { ProgramDefinitionError } from './errors';

/** One item of `GET /api/programs`. */
export interface ProgramPublicJson {
  code: string;
  name: I18nText;
  agency: I18nText;
  prefix: string;
  tracks: { code: string; name: I18nText }[];
  rubric: { key: string; name: I18nText; weight: number; max: number }[];
  attachmentKinds: {
    kind: string;
    name: I18nText;
    required: string[];
    mimeTypes: string[];
    identityBearing: boolean;
  }[];
  formSchema: JsonSchema;
  /** The payload's JSON Schema per track (one item with `track: null` for a program without tracks). */
  forms: { track: string | null; schema: JsonSchema; layout: FormLayout | null }[];
  /** Every rule the eligibility report may show: the common ones first; `tracks` null = every track. */
  rules: { key: string; name: I18nText; tracks: string[] | null; common: boolean }[];
  /** What an award is: money in instalments (`grant`, `money: true`) or a certificate without money. */
  award: {
    kind: AwardShape['kind'];
    money: boolean;
    document: AwardShape['document'];
    titles: Record<string, I18nText>;
    instalments: { instalmentNo: number; percent: number; milestone: InstalmentShare['milestone']; name: I18nText }[];
    /** The program's tiers of money ([] = none): where the officer's fill by ranking starts. */
    tiers: { name: I18nText; count: number; amountFen: number; track: string | null }[];
    /** Tracks whose awards are places on a list without money (推优's quarterly recommendations). */
    listTracks: string[];
  };
  /** Defaults of a call's settings (null = the call has no such setting by default). */
  callDefaults: {
    requestSharePercent: number | null;
    provincialStage: ProvincialStage;
    provincialQuota: ProvincialQuota | null;
    agreementRequired: boolean;
    reportsRequired: boolean;
    annualReview: boolean;
    deliberation: boolean;
  };
  /** Issue 15: the province whose agency runs the program (null: national). */
  officeProvince: string | null;
  /** What a credit-record flag means for the program's applications. */
  flagNotes: { kind: OrganizationFlagFacts['kind']; text: I18nText }[];
  /** Reports after the award (issue 13), in the order they fall due ([] = none). */
  reports: ProgramReportJson[];
  /** 绩效评价 at closing (issue 13), null when the program has none. */
  evaluation: {
    rubric: { key: string; name: I18nText; weight: number; max: number }[];
    gradeFloors: { excellent: number; good: number; pass: number };
    failRecoveryPercent: number;
    failBarYears: number;
  } | null;
}

/** One report of a program's schedule as `GET /api/programs` shows it. */
export interface ProgramReportJson {
  kind: string;
  name: I18nText;
  due: { monthsAfterAward: number | null; atPlanEnd: boolean };
  releasesInstalmentNo: number | null;
  closing: boolean;
  formSchema: JsonSchema;
  attachmentKinds: { kind: string; name: I18nText; required: string[]; mimeTypes: string[]; maxBytes: number }[];
}

export { ProgramDefinitionError } from './errors';

function dupes(values: string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

/** Checks a definition's internal consistency; throws ProgramDefinitionError listing every problem. */
export function assertValidDefinition(def: ProgramDefinition): void {
  const problems: string[] = [];
  const where = `program ${def.code}`;
  if (!/^[a-z][a-z0-9-]*$/.test(def.code)) problems.push(`code "${def.code}" must be lower-case kebab`);
  if (!/^[A-Z]{2,4}$/.test(def.prefix)) problems.push(`prefix "${def.prefix}" must be 2–4 capital letters`);
  const trackCodes = def.tracks.map((t) => t.code);
  for (const d of dupes(trackCodes)) problems.push(`track ${d} appears twice`);
  const knownTrack = (t: string) => trackCodes.includes(t);

  const ruleKeys = def.rules.map((r) => r.key);
  for (const d of dupes(ruleKeys)) problems.push(`rule ${d} appears twice`);
  for (const k of ruleKeys) if (!def.ruleNames?.[k]) problems.push(`rule ${k} has no name in ruleNames`);
  for (const r of def.rules) {
    if (!r.key.startsWith(`${def.code}.`)) problems.push(`rule ${r.key} must start with "${def.code}."`);
    if ((COMMON_RULE_KEYS as readonly string[]).includes(r.key)) problems.push(`rule ${r.key} is a common rule`);
    for (const t of r.tracks ?? []) if (!knownTrack(t)) problems.push(`rule ${r.key} names unknown track ${t}`);
  }

  if (def.rubric.length === 0) problems.push('rubric is empty');
  for (const d of dupes(def.rubric.map((c) => c.key))) problems.push(`rubric key ${d} appears twice`);
  const weights = def.rubric.reduce((s, c) => s + c.weight, 0);
  if (weights !== 100) problems.push(`rubric weights sum to ${weights}, not 100`);
  for (const c of def.rubric)
    if (!(c.max > 0) || !(c.weight > 0)) problems.push(`rubric ${c.key} needs weight > 0 and max > 0`);

  for (const d of dupes(def.attachmentKinds.map((k) => k.kind))) problems.push(`attachment kind ${d} appears twice`);
  for (const k of def.attachmentKinds) {
    if (k.mimeTypes.length === 0) problems.push(`attachment kind ${k.kind} accepts no type`);
    if (typeof k.identityBearing !== 'boolean')
      problems.push(`attachment kind ${k.kind} must say whether it is identity-bearing`);
    if (!Number.isSafeInteger(k.maxBytes) || k.maxBytes <= 0)
      problems.push(`attachment kind ${k.kind} needs maxBytes > 0 (bytes)`);
    for (const t of k.required) if (!knownTrack(t)) problems.push(`attachment kind ${k.kind} names unknown track ${t}`);
  }

  const { award } = def;
  if (award.kind === 'grant') {
    const total = award.instalments.reduce((s, i) => s + i.percent, 0);
    if (total !== 100) problems.push(`instalment shares sum to ${total}, not 100`);
    award.instalments.forEach((i, idx) => {
      if (i.instalmentNo !== idx + 1) problems.push(`instalment ${idx + 1} is numbered ${i.instalmentNo}`);
    });
  } else if (award.instalments.length) {
    problems.push('a certification carries no instalments');
  }
  if (award.tiers?.length && award.kind !== 'grant') problems.push('only a grant has tiers of money');
  if (def.office && !/^[0-9]{2}$/.test(def.office.provinceCode))
    problems.push(`office.provinceCode "${def.office.provinceCode}" must be a GB/T 2260 two-digit province code`);
  for (const t of award.listTracks ?? []) {
    if (award.kind !== 'grant')
      problems.push(`list track ${t}: only a grant program has list tracks (a certification carries no money anyway)`);
    if (!knownTrack(t)) problems.push(`list track ${t} is not a track of the program`);
  }
  for (const [i, tier] of (award.tiers ?? []).entries())
    if (
      !Number.isSafeInteger(tier.count) ||
      tier.count < 1 ||
      !Number.isSafeInteger(tier.amountFen) ||
      tier.amountFen < 1
    )
      problems.push(`tier ${i + 1} needs a count ≥ 1 and an amount ≥ 1 fen (integers)`);
  for (const [i, tier] of (award.tiers ?? []).entries())
    if (tier.track !== undefined && !knownTrack(tier.track))
      problems.push(`tier ${i + 1} names unknown track ${tier.track}`);
  for (const t of Object.keys(award.titles))
    if (trackCodes.length && !knownTrack(t)) problems.push(`award title for unknown track ${t}`);

  for (const t of trackCodes.length ? trackCodes : [null]) {
    const dto = def.payloadDto(t);
    if (typeof dto !== 'function') {
      problems.push(`no payload DTO for track ${t}`);
      continue;
    }
    const layout = def.formLayout?.(t);
    if (!layout) continue;
    const props = Object.keys((dtoToJsonSchema(dto).properties as Record<string, unknown> | undefined) ?? {});
    for (const f of [...layoutFields(layout), ...(layout.omit ?? [])])
      if (!props.includes(f)) problems.push(`form of track ${t} shows ${f}, which the payload does not have`);
  }
  const reports = def.reports ?? [];
  for (const d of dupes(reports.map((r) => r.kind))) problems.push(`report ${d} appears twice`);
  for (const r of reports) {
    if (
      r.releasesInstalmentNo !== undefined &&
      !award.instalments.some((i) => i.instalmentNo === r.releasesInstalmentNo)
    )
      problems.push(`report ${r.kind} releases instalment ${r.releasesInstalmentNo}, which the plan does not have`);
    if (typeof r.payloadDto !== 'function') problems.push(`report ${r.kind} has no form DTO`);
  }
  if (def.evaluation) {
    const w = def.evaluation.rubric.reduce((sum, c) => sum + c.weight, 0);
    if (w !== 100) problems.push(`evaluation rubric weights sum to ${w}, not 100`);
    const f = def.evaluation.gradeFloors;
    if (!(f.excellent > f.good && f.good > f.pass && f.pass > 0)) problems.push('evaluation grade floors must fall');
    const pct = def.evaluation.failRecoveryPercent;
    if (!Number.isInteger(pct) || pct < 0 || pct > 100)
      problems.push(`evaluation failRecoveryPercent ${pct} must be a whole percent 0–100`);
  }
  if (problems.length) throw new ProgramDefinitionError(`${where}: ${problems.join('; ')}`);
}

/**
 * The programs the portal knows. Program modules provide their definition with
 * `@ProgramDefinitionProvider()`; the registry discovers them on first use. Tests and scripts may
 * build one by hand: `ProgramRegistry.of([JINGPIN_PROGRAM, ...])`.
 */
@Injectable()
export class ProgramRegistry implements OnModuleInit {
  private readonly byCode = new Map<string, ProgramDefinition>();
  private readonly schemas = new WeakMap<ProgramDefinition, JsonSchema>();
  private readonly forms = new WeakMap<ProgramDefinition, ProgramPublicJson['forms']>();
  private readonly reports = new WeakMap<ProgramDefinition, ProgramReportJson[]>();
  private discovered = false;

  constructor(@Optional() private readonly discovery?: DiscoveryService) {}

  static of(defs: ProgramDefinition[]): ProgramRegistry {
    const registry = new ProgramRegistry();
    defs.forEach((d) => registry.register(d));
    return registry;
  }

  onModuleInit(): void {
    this.discover();
  }

  /** Adds a program; throws on an invalid definition or a code or prefix already taken. */
  register(def: ProgramDefinition): void {
    const existing = this.byCode.get(def.code);
    if (existing === def) return;
    assertValidDefinition(def);
    if (existing) throw new ProgramDefinitionError(`program code ${def.code} is registered twice`);
    const samePrefix = [...this.byCode.values()].find((d) => d.prefix === def.prefix);
    if (samePrefix)
      throw new ProgramDefinitionError(`prefix ${def.prefix} of ${def.code} is taken by ${samePrefix.code}`);
    this.byCode.set(def.code, def);
  }

  /** The program, or undefined for an unknown code. */
  get(code: string): ProgramDefinition | undefined {
    this.discover();
    return typeof code === 'string' ? this.byCode.get(code) : undefined;
  }

  /** Every program, in registration order. */
  list(): ProgramDefinition[] {
    this.discover();
    return [...this.byCode.values()];
  }

  /** The program as `GET /api/programs` shows it. */
  toPublicJson(def: ProgramDefinition): ProgramPublicJson {
    return {
      code: def.code,
      name: { ...def.name },
      agency: { ...def.agency },
      prefix: def.prefix,
      tracks: def.tracks.map((t) => ({ code: t.code, name: { ...t.name } })),
      rubric: def.rubric.map((c) => ({ key: c.key, name: { ...c.name }, weight: c.weight, max: c.max })),
      attachmentKinds: def.attachmentKinds.map((k) => ({
        kind: k.kind,
        name: { ...k.name },
        required: [...k.required],
        mimeTypes: [...k.mimeTypes],
        identityBearing: k.identityBearing,
      })),
      formSchema: this.formSchema(def),
      forms: this.trackForms(def),
      rules: [
        ...COMMON_RULE_KEYS.map((key) => ({ key, name: { ...COMMON_RULE_NAMES[key] }, tracks: null, common: true })),
        ...def.rules.map((r) => ({
          key: r.key,
          name: { ...def.ruleNames[r.key] },
          tracks: r.tracks ? [...r.tracks] : null,
          common: false,
        })),
      ],
      award: {
        kind: def.award.kind,
        money: def.award.kind === 'grant',
        document: def.award.document,
        titles: Object.fromEntries(Object.entries(def.award.titles).map(([k, v]) => [k, { ...v }])),
        instalments: def.award.instalments.map((i) => ({
          instalmentNo: i.instalmentNo,
          percent: i.percent,
          milestone: i.milestone,
          name: { ...i.name },
        })),
        tiers: (def.award.tiers ?? []).map((x) => ({
          name: { ...x.name },
          count: x.count,
          amountFen: x.amountFen,
          track: x.track ?? null,
        })),
        listTracks: [...(def.award.listTracks ?? [])],
      },
      officeProvince: def.office?.provinceCode ?? null,
      callDefaults: {
        requestSharePercent: def.callDefaults?.requestSharePercent ?? null,
        provincialStage: def.callDefaults?.provincialStage ?? 'none',
        provincialQuota: def.callDefaults?.provincialQuota ?? null,
        agreementRequired: def.callDefaults?.agreementRequired ?? false,
        reportsRequired: def.callDefaults?.reportsRequired ?? false,
        annualReview: def.callDefaults?.annualReview ?? false,
        deliberation: def.callDefaults?.deliberation ?? false,
      },
      flagNotes: (def.flagNotes ?? []).map((n) => ({ kind: n.kind, text: { ...n.text } })),
      reports: this.reportsJson(def),
      evaluation: def.evaluation
        ? {
            rubric: def.evaluation.rubric.map((c) => ({
              key: c.key,
              name: { ...c.name },
              weight: c.weight,
              max: c.max,
            })),
            gradeFloors: { ...def.evaluation.gradeFloors },
            failRecoveryPercent: def.evaluation.failRecoveryPercent,
            failBarYears: def.evaluation.failBarYears,
          }
        : null,
    };
  }

  /** The program's report schedule with each form's JSON Schema, computed once per program. */
  reportsJson(def: ProgramDefinition): ProgramReportJson[] {
    let out = this.reports.get(def);
    if (!out) {
      out = (def.reports ?? []).map((r) => ({
        kind: r.kind,
        name: { ...r.name },
        due:
          'atPlanEnd' in r.due
            ? { monthsAfterAward: null, atPlanEnd: true }
            : { monthsAfterAward: r.due.monthsAfterAward, atPlanEnd: false },
        releasesInstalmentNo: r.releasesInstalmentNo ?? null,
        closing: r.closing === true,
        formSchema: dtoToJsonSchema(r.payloadDto),
        attachmentKinds: r.attachmentKinds.map((k) => ({
          kind: k.kind,
          name: { ...k.name },
          required: [...k.required],
          mimeTypes: [...k.mimeTypes],
          maxBytes: k.maxBytes,
        })),
      }));
      this.reports.set(def, out);
    }
    return out;
  }

  /** JSON Schema of the program's payload DTO(s), computed once per program. */
  formSchema(def: ProgramDefinition): JsonSchema {
    let schema = this.schemas.get(def);
    if (!schema) {
      schema = programFormSchema(def);
      this.schemas.set(def, schema);
    }
    return schema;
  }

  /** The payload schema of each track (or of the program, track null), computed once per program. */
  trackForms(def: ProgramDefinition): ProgramPublicJson['forms'] {
    let forms = this.forms.get(def);
    if (!forms) {
      forms = (def.tracks.length ? def.tracks.map((t) => t.code) : [null]).map((track) => ({
        track,
        schema: dtoToJsonSchema(def.payloadDto(track)),
        layout: def.formLayout?.(track) ?? null,
      }));
      this.forms.set(def, forms);
    }
    return forms;
  }

  private discover(): void {
    if (this.discovered || !this.discovery) return;
    const wrappers = this.discovery.getProviders({ metadataKey: ProgramDefinitionProvider.KEY });
    const sources = wrappers.map((w) => w.instance as ProgramDefinitionSource | undefined);
    if (sources.some((s) => !s)) return; // not instantiated yet: try again on the next call
    for (const source of sources) this.register(source!.definition);
    for (const def of testPrograms()) this.register(def);
    this.discovered = true;
  }
}
