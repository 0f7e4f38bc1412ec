import { Type } from '@nestjs/common';

/** The feature modules the API serves, one line each. */
export const FEATURE_MODULES: Type<unknown>[] = [];
