import PDFDocument from 'pdfkit';
import { cjkFont } from '@portal/platform';
import { yuan } from '@portal/notifications';

/** What the task agreement (任务书) says: the award's facts, the program's clauses and the approved changes. */
export interface AgreementPdfData {
  version: number;
  agency: string;
  organization: string;
  creditCode: string;
  programName: string;
  callTitle: string;
  trackName: string | null;
  applicationNumber: string | null;
  /** The title as changed by approved title changes; `originalTitle` the application's. */
  title: string;
  originalTitle: string;
  tier: string | null;
  amountFen: number;
  awardedOn: string;
  planEndsOn: string;
  instalments: { instalmentNo: number; percent: number; amountFen: number; condition: string }[];
  deliverables: string[];
  duties: string[];
  changes: { agreementVersion: number; kind: string; summary: string; reason: string; decidedOn: string }[];
  /** The moment the agreement was issued: the PDF's CreationDate, so the same state gives the same bytes (sha256). */
  issuedAt: Date;
}

function dateZh(d: string): string {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
}

/** The agreement as a PDF in Chinese; the same data gives the same bytes. */
export function renderAgreement(a: AgreementPdfData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 64,
    info: {
      Title: `任务书 ${a.applicationNumber ?? ''}`.trim(),
      Producer: '动漫扶持申报平台',
      Creator: '动漫扶持申报平台',
      CreationDate: a.issuedAt,
      ModDate: a.issuedAt,
    },
  });
  doc.registerFont('cjk', cjkFont());
  doc.font('cjk');
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const h = (t: string) => doc.moveDown(0.8).fontSize(13).fillColor('#000').text(t);
  const p = (t: string, indent = 16) => doc.fontSize(11).fillColor('#000').text(t, { indent, lineGap: 4 });

  doc.fontSize(22).text(`${a.programName}项目任务书`, { align: 'center', characterSpacing: 2 });
  doc
    .moveDown(0.4)
    .fontSize(10)
    .fillColor('#333')
    .text(`申报编号：${a.applicationNumber ?? '—'}　任务书版本：第 ${a.version} 版`, { align: 'center' });

  h('一、合同双方');
  p(`甲方（项目主管单位）：${a.agency}`);
  p(`乙方（项目承担单位）：${a.organization}　统一社会信用代码：${a.creditCode}`);

  h('二、项目');
  p(`项目名称：${a.title}${a.title !== a.originalTitle ? `（原申报名称：${a.originalTitle}）` : ''}`);
  p(`申报编号：${a.applicationNumber ?? '—'}　所属批次：${a.callTitle}`);
  if (a.trackName) p(`申报类别：${a.trackName}${a.tier ? `　扶持等级：${a.tier}` : ''}`);
  else if (a.tier) p(`扶持等级：${a.tier}`);
  p(`立项日期：${dateZh(a.awardedOn)}　计划完成日期：${dateZh(a.planEndsOn)}`);

  h('三、扶持资金与拨付计划');
  p(`扶持资金总额：${yuan(a.amountFen)}`);
  for (const i of a.instalments)
    p(`第 ${i.instalmentNo} 期　${i.percent}%　${yuan(i.amountFen)}　拨付条件：${i.condition}`, 32);
  p('任务书经乙方确认、甲方会签后方可拨付首期资金；后续各期在对应节点经甲方验收通过后拨付。');

  h('四、交付成果');
  a.deliverables.forEach((d, n) => p(`${n + 1}. ${d}`));

  h('五、乙方义务');
  a.duties.forEach((d, n) => p(`${n + 1}. ${d}`));

  h('六、撤销与追回');
  p(
    '乙方有弄虚作假、挪用扶持资金、无正当理由未按期完成任务或绩效评价不合格等情形的，甲方可撤销项目扶持，' +
      '停止拨付尚未拨付的资金，并追回已拨付资金的全部或部分；情节严重的，记入信用记录并在规定期限内不再受理其申报。',
  );

  h('七、变更记录');
  if (!a.changes.length) p('无。');
  for (const c of a.changes)
    p(`第 ${c.agreementVersion} 版（${dateZh(c.decidedOn)} 批准）　${c.kind}：${c.summary}。变更理由：${c.reason}`);

  doc.moveDown(2).fontSize(12).text(`甲方：${a.agency}`, { align: 'left' });
  doc.moveDown(0.3).text(`乙方：${a.organization}`, { align: 'left' });
  doc
    .moveDown(0.3)
    .fontSize(10)
    .fillColor('#333')
    .text(
      '本任务书由乙方在线确认、甲方在线会签，确认与会签记录（确认人、时间、地址及本文件的 SHA-256 摘要）由平台留存。',
    );
  doc.end();
  return done;
}
