/**
 * The programs lib's error codes. The lib is pure (no HTTP): its only error is a program definition the registry
 * refuses at start-up — never an answer to a request, so it is a plain Error with a stable code, not a DomainError.
 * Request-facing program faults (unknown program, payload errors, failing rules) are reported by the libs that serve
 * the request (applications), with their own codes.
 */
export const PROGRAM_ERROR_CODES = {
  /** A definition is inconsistent (rubric weights ≠ 100, unnamed rule …), or a code, prefix or test program clashes. */
  INVALID_DEFINITION: 'PROGRAM.INVALID_DEFINITION',
} as const;

/** Thrown at start-up; the message lists every problem of the definition. */
export class ProgramDefinitionError extends Error {
  readonly code = PROGRAM_ERROR_CODES.INVALID_DEFINITION;
}
