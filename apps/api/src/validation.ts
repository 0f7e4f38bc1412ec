import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorDetail, PLATFORM_ERRORS } from '@portal/platform';

function flatten(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) {
      const msgs = Object.entries(e.constraints).map(([k, v]) =>
        k === 'whitelistValidation' ? `unknown field / 未知字段: ${path}` : v,
      );
      out.push({ path, message: msgs.join('; ') });
    }
    if (e.children?.length) out.push(...flatten(e.children, path));
  }
  return out;
}

/** Whitelisted bodies: unknown fields are 400, never dropped silently. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => PLATFORM_ERRORS['VALIDATION.MALFORMED']({ details: flatten(errors) }),
});
