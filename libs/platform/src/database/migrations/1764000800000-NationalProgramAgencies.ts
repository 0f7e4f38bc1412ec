import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12, item 1: the national agencies of the programs (each program's `agency` in its module): the Ministry of
 * Culture and Tourism for 精品工程 and 推广计划, the National Press and Publication Administration for 原动力, and the
 * three ministries' joint certification office for 认定. The `national` office (every program) stays the agency of
 * officers made without one (API.md's POST /api/users). An officer of one of these sees only its programs.
 * The names are the modules' `agency` texts; the agencies e2e checks that they agree.
 */
export const NATIONAL_PROGRAM_AGENCIES: [
  code: string,
  zh: string,
  en: string,
  descZh: string,
  descEn: string,
  programs: string[],
][] = [
  [
    'national-mct',
    '文化和旅游部',
    'Ministry of Culture and Tourism',
    '国家动漫精品工程、原创动漫推广计划的国家级主管部门：审核各省推荐的申报，组织评审，公示并公布名单',
    'National agency of the jingpin and tuiguang programs: reviews what the provinces forward, runs the review, ' +
      'publishes the notice and the list',
    ['jingpin', 'tuiguang'],
  ],
  [
    'national-nppa',
    '国家新闻出版署',
    'National Press and Publication Administration',
    '原动力中国原创动漫出版扶持计划的国家级主管部门',
    'National agency of the 原动力 publishing plan',
    ['yuandongli'],
  ],
  [
    'national-rending',
    '文化和旅游部、财政部、国家税务总局',
    'Ministry of Culture and Tourism, Ministry of Finance, State Taxation Administration',
    '动漫企业认定的国家级主管部门（全国动漫企业认定管理工作办公室）：审核省级认定机构报送的申请，公布认定名单',
    'National agency of animation enterprise certification (national certification office): reviews what the ' +
      'provincial certification bodies forward and publishes the list',
    ['rending'],
  ],
];

export class NationalProgramAgencies1764000800000 implements MigrationInterface {
  name = 'NationalProgramAgencies1764000800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO agency (code, name_zh, name_en, description_zh, description_en, level, programs)
       SELECT a.code, a.zh, a.en, a.dzh, a.den, 'national', string_to_array(a.programs, ',')
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS a(code, zh, en, dzh, den, programs)
       ON CONFLICT (code) DO NOTHING`,
      [0, 1, 2, 3, 4]
        .map((i) => NATIONAL_PROGRAM_AGENCIES.map((a) => a[i]))
        .concat([NATIONAL_PROGRAM_AGENCIES.map((a) => a[5].join(','))]),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM agency WHERE code = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.agency_id = agency.id)`,
      [NATIONAL_PROGRAM_AGENCIES.map((a) => a[0])],
    );
  }
}
