import { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PortalConfig } from '@portal/platform';
import { BankFileRail } from './bank-file.rail';
import { HttpRail } from './http.rail';
import { PAYMENT_RAIL, PaymentRail } from './rail';
import { SandboxRail } from './sandbox.rail';

/** The rail PAYMENT_RAIL names; `http` needs PAYMENT_RAIL_URL (boot fails with one clear line otherwise). */
export function createRail(config: PortalConfig, ds: DataSource): PaymentRail {
  switch (config.PAYMENT_RAIL) {
    case 'http':
      if (!config.PAYMENT_RAIL_URL)
        throw new Error('Configuration error: PAYMENT_RAIL=http needs PAYMENT_RAIL_URL (the bank API base URL)');
      return new HttpRail(config.PAYMENT_RAIL_URL, config.PAYMENT_RAIL_TIMEOUT_MS);
    case 'bank-file':
      return new BankFileRail();
    default:
      return new SandboxRail(ds);
  }
}

export const railProvider: Provider = {
  provide: PAYMENT_RAIL,
  useFactory: createRail,
  inject: [PortalConfig, DataSource],
};
