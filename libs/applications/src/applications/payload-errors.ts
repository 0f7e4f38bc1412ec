import { DomainError, ErrorDetail } from '@portal/platform';
import { APPLICATION_ERRORS } from '../errors';
import { ProgramDefinition, RuleResult, validatePayload } from '@portal/programs';

/** Draft mode: fields present must have the right type, range and enum value (else 400 with their paths). */
export function assertDraftPayload(def: ProgramDefinition, track: string | null, payload: unknown): void {
  const { details } = validatePayload(def, track, payload, 'draft');
  if (details.length) throw APPLICATION_ERRORS['APPLICATION.PAYLOAD_INVALID']({ details });
}

/**
 * Submit mode: the missing or invalid fields (`payload.…`) and every failing eligibility rule (path = the rule's
 * key, e.g. `rending.main-income-share`, with its bilingual detail) — empty when the application may be submitted.
 */
export function submitProblems(
  def: ProgramDefinition,
  track: string | null,
  payload: unknown,
  checks: RuleResult[],
): ErrorDetail[] {
  const fields: ErrorDetail[] = validatePayload(def, track, payload, 'submit').details;
  const rules = checks
    .filter((c) => !c.passed)
    .map((c) => ({ path: c.rule, rule: c.rule, message: c.detail }) as ErrorDetail);
  return [...fields, ...rules];
}

export function incomplete(details: ErrorDetail[]): DomainError {
  return APPLICATION_ERRORS['APPLICATION.INCOMPLETE']({ details });
}
