import { EntityManager } from 'typeorm';

/** A text in both of the portal's languages (structurally the programs' I18nText). */
export interface DossierText {
  zh: string;
  en: string;
}

/**
 * Who the dossier is made for. `applicant`: the owner organization's copy — experts anonymised (专家1..n), no expert's or
 * objector's identity, nothing the applicant may not yet see. `officer`: an officer whose scope covers the application.
 */
export interface DossierViewer {
  audience: 'applicant' | 'officer';
  userId: string;
}

/**
 * One printable line of a section. The renderer lays them out in order; values are plain text (Chinese first: the
 * dossier is the paper file of the real process).
 */
export type DossierLine =
  /** A sub-heading inside the section. */
  | { kind: 'heading'; text: string }
  /** A label and its value, e.g. 申报编号：JP-2026-0001. */
  | { kind: 'field'; label: string; value: string }
  /** A paragraph. */
  | { kind: 'text'; text: string }
  /** A table; every row has one cell per column. `widths` are relative column widths (default: equal). */
  | { kind: 'table'; columns: string[]; rows: string[][]; widths?: number[] };

/**
 * A part of the dossier provided by another feature (the extension point for followup's agreement, reports, changes,
 * evaluation and annual review). The dossier renders the sections of `DOSSIER_SECTIONS` in their order after its
 * award section and before payments and the history; a section whose `lines` returns [] is left out.
 *
 * `lines` reads through its own lib's readers with `m` (a read-only manager) and must apply the viewer's audience
 * itself (e.g. an evaluating expert's name only in the officer's copy). It is called only after the dossier checked
 * that the viewer may read the application (owner or officer in scope; anyone else got 404).
 *
 * A lib below the dossier (followup) need not import this type: any object of this shape fits (TypeScript's
 * structural typing), so the provider is wired in dossier.module.ts — see DOSSIER_SECTIONS.
 */
export interface DossierSection {
  key: string;
  title: DossierText;
  lines(m: EntityManager, applicationId: string, viewer: DossierViewer): Promise<DossierLine[]>;
}

/**
 * Injection token of the extra sections, an ordered array of DossierSection. DossierModule provides `[]`; to add
 * followup's parts replace it there with a factory over followup's exported providers, e.g.
 *
 *   { provide: DOSSIER_SECTIONS, inject: [AgreementDossier, ReportsDossier],
 *     useFactory: (a: AgreementDossier, r: ReportsDossier): DossierSection[] => [a.section, r.section] }
 *
 * (and import FollowupModule in DossierModule).
 */
export const DOSSIER_SECTIONS = Symbol('DOSSIER_SECTIONS');
