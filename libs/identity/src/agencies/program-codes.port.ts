/**
 * A port: an agency names the programs it handles, but the programs are the program engine's (a higher lib). Identity
 * checks an agency's `programs` against the codes this port gives; the review module (global, already the provider of
 * identity's ports) binds it to the program registry. Absent (a context without the engine), only the codes' shape is
 * checked.
 */
export const PROGRAM_CODES = Symbol('identity.ProgramCodes');

export interface ProgramCodes {
  /** The program codes the portal runs (e.g. `jingpin`, `rending`). */
  codes(): string[];
}
