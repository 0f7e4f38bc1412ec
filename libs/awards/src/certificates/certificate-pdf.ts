import PDFDocument from 'pdfkit';
import { cjkFont } from '@portal/platform';
import { yuan } from '@portal/notifications';

export interface CertifiedProduct {
  name: string;
  category: string;
  selfDeveloped: boolean | null;
}

/** 认定证书 (rending): a certificate with its number and the certified products. */
export interface CertificateData {
  kind: 'certificate';
  heading: string; // e.g. 动漫企业认定证书
  certificateNo: string;
  organization: string;
  creditCode: string;
  tier: string;
  year: number;
  products: CertifiedProduct[];
  /** The national office whose list names the enterprise (the program's agency). */
  agency: string;
  /** The provincial agency of the organization's province that issues the certificate (null: the national office). */
  issuer: string | null;
  /** 发证日期: the day of the latest issue (YYYY-MM-DD): the reissue's day, or the award's day. */
  issuedOn: string;
  /** Set when reissued (换发, same number): the day it was first issued (the award's day). */
  firstIssuedOn?: string | null;
}

/** 立项通知 (grants): the notice of award with the instalment plan. */
export interface AwardNoticeData {
  kind: 'notice';
  heading: string; // 立项通知书, or 入选通知书 for a list without money
  number: string | null;
  organization: string;
  creditCode: string;
  programName: string;
  callTitle: string;
  title: string;
  tier: string | null;
  /** null: a list without money (issue 15: the 一带一路 list, recommendation lists): no amount, no instalments. */
  amountFen: number | null;
  instalments: { instalmentNo: number; percent: number; amountFen: number; condition: string }[];
  agency: string;
  issuedOn: string;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function newDoc(title: string): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 64,
    info: { Title: title, Producer: '动漫扶持申报平台', Creator: '动漫扶持申报平台' },
  });
  doc.registerFont('cjk', cjkFont());
  doc.font('cjk');
  return doc;
}

function dateZh(d: string): string {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
}

export function renderCertificate(c: CertificateData): Promise<Buffer> {
  const doc = newDoc(c.heading);
  const done = collect(doc);
  doc
    .rect(40, 40, doc.page.width - 80, doc.page.height - 80)
    .lineWidth(2)
    .stroke('#b22222');
  doc.moveDown(2).fontSize(26).fillColor('#b22222').text(c.heading, { align: 'center', characterSpacing: 4 });
  doc
    .moveDown(0.5)
    .fontSize(11)
    .fillColor('#333')
    .text(`证书编号（全国认定名单编号）：${c.certificateNo}`, { align: 'center' });
  doc.moveDown(2).fontSize(14).fillColor('#000');
  doc.text(`${c.organization}：`);
  doc
    .moveDown(0.5)
    .text(
      `经审核，你单位（统一社会信用代码 ${c.creditCode}）符合动漫企业认定的有关规定，列入${c.agency}公布的${c.year} 年度认定名单（名单编号 ${c.certificateNo}），认定为${c.tier}。认定年度：${c.year} 年。`,
      { lineGap: 6 },
    );
  if (c.products.length) {
    doc.moveDown(1).fontSize(13).text('认定产品：');
    doc.fontSize(11);
    c.products.forEach((p, i) => {
      const own = p.selfDeveloped === null ? '' : p.selfDeveloped ? '（自主研发）' : '（非自主研发）';
      doc.text(`${i + 1}. ${p.name}　类别：${p.category}${own}`, { indent: 16, lineGap: 4 });
    });
  }
  doc
    .moveDown(1)
    .fontSize(11)
    .text(`发证日期：${dateZh(c.issuedOn)}`);
  if (c.firstIssuedOn)
    doc.text(`换发日期：${dateZh(c.issuedOn)}（换发，证书编号不变，首次发证日期 ${dateZh(c.firstIssuedOn)}）`);
  doc
    .moveDown(2)
    .fontSize(13)
    .text(c.issuer ? `${c.issuer}（发证机关）` : c.agency, { align: 'right' });
  doc.moveDown(0.3).text(dateZh(c.issuedOn), { align: 'right' });
  doc.end();
  return done;
}

export function renderAwardNotice(n: AwardNoticeData): Promise<Buffer> {
  const doc = newDoc(n.heading);
  const tier = n.tier ? `（${n.tier}）` : '';
  const done = collect(doc);
  doc.fontSize(24).text(n.heading, { align: 'center', characterSpacing: 4 });
  if (n.number) doc.moveDown(0.5).fontSize(11).fillColor('#333').text(`申报编号：${n.number}`, { align: 'center' });
  doc.moveDown(2).fontSize(14).fillColor('#000').text(`${n.organization}：`);
  doc
    .moveDown(0.5)
    .text(
      `你单位（统一社会信用代码 ${n.creditCode}）申报的“${n.title}”，经专家评审、社会公示，列入“${n.callTitle}”` +
        (n.amountFen === null
          ? `${n.programName}名单${tier}。`
          : `${n.programName}扶持项目${tier}，支持资金 ${yuan(n.amountFen)}。`),
      { lineGap: 6 },
    );
  if (n.instalments.length) {
    doc.moveDown(1).fontSize(13).text('资金分期拨付计划：');
    doc.fontSize(11);
    for (const i of n.instalments)
      doc.text(`第 ${i.instalmentNo} 期　${i.percent}%　${yuan(i.amountFen)}　${i.condition}`, {
        indent: 16,
        lineGap: 4,
      });
  }
  doc
    .moveDown(1)
    .fontSize(12)
    .text(
      n.amountFen === null
        ? '请按申报内容推进实施，名单实行动态管理。'
        : '请按项目计划组织实施，按期报送进度与资金使用情况，接受中期检查和结项验收。',
      { lineGap: 6 },
    );
  doc.moveDown(3).fontSize(13).text(n.agency, { align: 'right' });
  doc.moveDown(0.3).text(dateZh(n.issuedOn), { align: 'right' });
  doc.end();
  return done;
}
