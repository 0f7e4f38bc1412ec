import { Injectable } from '@nestjs/common';
import { ExpertProfiles, NewExpertProfile } from '@portal/identity';
import { Tx } from '@portal/platform';
import { ExpertProfile } from './expert.entity';

/** Review's answer to identity's EXPERT_PROFILES port: an administrator's new expert gets a profile and conflicts. */
@Injectable()
export class ExpertProfilesWriter implements ExpertProfiles {
  async create(tx: Tx, userId: string, p: NewExpertProfile): Promise<void> {
    const m = tx.manager;
    await m.save(
      m.create(ExpertProfile, {
        userId,
        fields: p.fields,
        employerCreditCode: p.employerCreditCode,
        regionCode: p.regionCode,
        provinceCode: p.provinceCode,
      }),
    );
    for (const c of p.conflicts)
      await m.query(
        `INSERT INTO expert_conflict (expert_id, credit_code, note) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [userId, c.creditCode, c.note],
      );
  }
}
