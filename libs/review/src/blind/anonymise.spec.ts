import {
  anonymiseApplication,
  anonymiseAttachments,
  anonymousFileName,
  anonymiseTitle,
  ApplicationView,
  organizationNameVariants,
  REDACTED,
  textScrubber,
} from './anonymise';

const facts = {
  organizationName: '星火动画（福州）有限公司',
  creditCode: '91350100M000100Y43',
  personNames: ['林晓东', '陈静'],
  otherTerms: ['lin@xinghuo.test', '13800138000', '福州市软件大道 89 号'],
};

function view(): ApplicationView {
  return {
    id: 'app-1',
    number: 'JP-2026-000001',
    title: '星火动画《山海》',
    programCode: 'jingpin',
    track: 'product',
    status: 'under_review',
    organization: { name: facts.organizationName, creditCode: facts.creditCode },
    payload: {
      workTitle: '山海',
      synopsis: '由星火动画出品，导演王小明执导，联系林晓东 13800138000。组织机构代码 M000100Y4。',
      creators: [
        { name: '王小明', role: '导演' },
        { name: '赵丽', role: '编剧', education: '硕士' },
      ],
      ipRights: [{ kind: 'copyright', number: '国作登字-2025-F-00012345', grantedOn: '2025-01-01' }],
      products: [{ name: '山海', category: 'animation' }],
      contact: { name: '陈静', phone: '13900000000' },
      legalRepresentative: '林晓东',
      income: { totalFen: 100 },
    },
    attachments: [
      {
        id: 'f2',
        kind: 'work-sample',
        fileName: '星火动画-山海样片.MP4',
        size: 10,
        mimeType: 'video/mp4',
        createdAt: '2026-03-02T00:00:00Z',
        sha256: 'abc',
        createdBy: 'u1',
      },
      {
        id: 'f1',
        kind: 'business-license',
        fileName: '星火动画营业执照 91350100M000100Y43.pdf',
        size: 5,
        mimeType: 'application/pdf',
        createdAt: '2026-03-01T00:00:00Z',
      },
      {
        id: 'f3',
        kind: 'work-sample',
        fileName: '林晓东',
        size: 7,
        mimeType: 'video/mp4',
        createdAt: '2026-03-03T00:00:00Z',
      },
    ],
    history: [
      {
        at: '2026-03-05T00:00:00Z',
        actor: { id: 'u1', name: '林晓东' },
        from: 'draft',
        to: 'submitted',
        comment: null,
      },
      {
        at: '2026-03-06T00:00:00Z',
        actor: { id: 'o1', name: '审核员' },
        from: 'submitted',
        to: 'under_review',
        comment: '星火动画材料齐全',
      },
    ],
  };
}

describe('anonymiseApplication (blind review)', () => {
  it('leaves no organization name, credit code, person name or contact anywhere in the JSON', () => {
    const out = anonymiseApplication(view(), facts);
    const json = JSON.stringify(out);
    for (const term of [
      '星火动画',
      '福州',
      facts.creditCode,
      'M000100Y4',
      '林晓东',
      '陈静',
      '王小明',
      '赵丽',
      '13800138000',
      '13900000000',
      '国作登字',
      'u1',
      '审核员',
    ]) {
      expect(json).not.toContain(term);
    }
    expect(out).not.toHaveProperty('organization');
    expect(out.blind).toBe(true);
  });

  it('keeps what the expert needs to judge the work', () => {
    const out = anonymiseApplication(view(), facts);
    expect(out.number).toBe('JP-2026-000001');
    expect(out.title).toBe(`${REDACTED}《山海》`);
    expect(out.payload.workTitle).toBe('山海');
    type Rows = Record<string, unknown>[];
    expect((out.payload.creators as Rows)[0]).toEqual({ name: REDACTED, role: '导演' });
    expect((out.payload.creators as Rows)[1].education).toBe('硕士');
    expect((out.payload.products as Rows)[0].name).toBe('山海'); // a product's name is not a person's
    expect((out.payload.ipRights as Rows)[0]).toEqual({
      kind: 'copyright',
      number: REDACTED,
      grantedOn: '2025-01-01',
    });
    expect(out.payload.income).toEqual({ totalFen: 100 });
    expect(out.payload.synopsis).toContain('导演');
    expect(out.history).toEqual([
      { at: '2026-03-05T00:00:00Z', from: 'draft', to: 'submitted', comment: null },
      { at: '2026-03-06T00:00:00Z', from: 'submitted', to: 'under_review', comment: `${REDACTED}材料齐全` },
    ]);
  });

  it('renames attachments <kind>-<n>.<ext> in upload order per kind and drops checksums and uploaders', () => {
    const out = anonymiseApplication(view(), facts);
    expect(out.attachments).toEqual([
      { id: 'f2', kind: 'work-sample', fileName: 'work-sample-1.mp4', size: 10, mimeType: 'video/mp4' },
      { id: 'f1', kind: 'business-license', fileName: 'business-license-1.pdf', size: 5, mimeType: 'application/pdf' },
      { id: 'f3', kind: 'work-sample', fileName: 'work-sample-2.mp4', size: 7, mimeType: 'video/mp4' },
    ]);
  });

  it('does not modify its input', () => {
    const v = view();
    const before = JSON.stringify(v);
    anonymiseApplication(v, facts);
    expect(JSON.stringify(v)).toBe(before);
  });
});

describe('helpers', () => {
  it('knows the short forms of a company name', () => {
    expect(organizationNameVariants('星火动画（福州）有限公司')).toEqual(
      expect.arrayContaining(['星火动画（福州）有限公司', '星火动画有限公司', '星火动画（福州）', '星火动画']),
    );
    expect(organizationNameVariants('测试动画公司7号')).toEqual(['测试动画公司7号']);
    expect(organizationNameVariants('Bright Frames Co., Ltd.')).toEqual(expect.arrayContaining(['Bright Frames']));
    expect(organizationNameVariants('')).toEqual([]);
  });

  it('masks terms case-insensitively and longest first; ignores one-character names', () => {
    const scrub = textScrubber({
      organizationName: 'Bright Frames Ltd',
      creditCode: '',
      personNames: ['李', 'Ann Lee'],
    });
    expect(scrub('made by BRIGHT FRAMES with ann lee, 李白')).toBe(`made by ${REDACTED} with ${REDACTED}, 李白`);
  });

  it('masks a credit code and its organisation code', () => {
    const scrub = textScrubber({ organizationName: 'X', creditCode: '91350100M000100Y43', personNames: [] });
    expect(scrub('代码 91350100M000100Y43 或 M000100Y4')).toBe(`代码 ${REDACTED} 或 ${REDACTED}`);
  });

  it('names files from the original extension, else the MIME type', () => {
    expect(anonymousFileName('work-sample', 3, 'a.b.MOV', 'video/quicktime')).toBe('work-sample-3.mov');
    expect(anonymousFileName('plan', 1, '计划书', 'application/pdf')).toBe('plan-1.pdf');
    expect(anonymousFileName('plan', 1, 'x', 'application/x-unknown')).toBe('plan-1.bin');
    expect(anonymousFileName('../evil', 1, 'x.pdf', 'application/pdf')).toBe('evil-1.pdf');
    expect(anonymiseAttachments([])).toEqual([]);
  });

  it('masks a title with the people named in the payload', () => {
    expect(
      anonymiseTitle(
        '王小明作品集',
        { organizationName: 'X公司', creditCode: '', personNames: [] },
        { creators: [{ name: '王小明' }] },
      ),
    ).toBe(`${REDACTED}作品集`);
  });
});
