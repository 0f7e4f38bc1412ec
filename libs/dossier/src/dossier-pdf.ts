import PDFDocument from 'pdfkit';
import { cjkFont } from '@portal/platform';
import { DossierLine } from './dossier-section';

export interface PrintedSection {
  title: string;
  lines: DossierLine[];
}

export interface PrintedDocument {
  /** The document's title, e.g. 申报档案 or 申报书. */
  heading: string;
  /** Label-value lines under the heading (number, program, organization…). */
  facts: { label: string; value: string }[];
  sections: PrintedSection[];
  /** Printed at the foot of every page with the page number. */
  footer: string;
  /** The 申报书's check: a QR code (PNG) opening `url`, with the code printed beside it. */
  check?: { png: Buffer; url: string; code: string };
  /** The 申报书's closing block (signature and seal). */
  closing?: string[];
}

const MARGIN = 56;
const BODY = 10;

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function bottom(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom;
}

function ensureRoom(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function table(doc: PDFKit.PDFDocument, columns: string[], rows: string[][], widths?: number[]): void {
  const left = doc.page.margins.left;
  const full = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const rel = widths && widths.length === columns.length ? widths : columns.map(() => 1);
  const sum = rel.reduce((s, w) => s + w, 0);
  const w = rel.map((r) => (full * r) / sum);
  const pad = 3;
  const drawRow = (cells: string[], header: boolean) => {
    doc.fontSize(header ? 9 : 8.5).fillColor(header ? '#333' : '#000');
    const heights = cells.map((c, i) => doc.heightOfString(c || ' ', { width: w[i] - 2 * pad }));
    const h = Math.max(...heights) + 2 * pad;
    if (doc.y + h > bottom(doc)) {
      doc.addPage();
      if (!header) drawRow(columns, true);
    }
    const y = doc.y;
    let x = left;
    if (header) doc.rect(left, y, full, h).fill('#eeeeee').fillColor('#333');
    cells.forEach((c, i) => {
      doc.text(c || ' ', x + pad, y + pad, { width: w[i] - 2 * pad, lineBreak: true });
      x += w[i];
    });
    doc
      .moveTo(left, y + h)
      .lineTo(left + full, y + h)
      .lineWidth(0.4)
      .stroke('#999999');
    doc.x = left;
    doc.y = y + h;
  };
  drawRow(columns, true);
  for (const r of rows) drawRow(r, false);
  doc.fontSize(BODY).fillColor('#000');
  doc.moveDown(0.5);
}

function writeLines(doc: PDFKit.PDFDocument, lines: DossierLine[]): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  for (const line of lines) {
    doc.x = left;
    switch (line.kind) {
      case 'heading':
        ensureRoom(doc, 40);
        doc.moveDown(0.4).fontSize(11.5).fillColor('#1f3a5f').text(line.text, { width });
        doc.fontSize(BODY).fillColor('#000').moveDown(0.2);
        break;
      case 'field':
        ensureRoom(doc, 16);
        doc
          .fontSize(BODY)
          .fillColor('#555')
          .text(`${line.label}：`, { continued: true, width })
          .fillColor('#000')
          .text(line.value || '—', { lineGap: 2 });
        break;
      case 'text':
        ensureRoom(doc, 16);
        doc.fontSize(BODY).fillColor('#000').text(line.text, { width, lineGap: 2 });
        break;
      case 'table':
        if (!line.rows.length) {
          doc.fontSize(BODY).fillColor('#777').text('（无）', { width });
          doc.fillColor('#000');
        } else table(doc, line.columns, line.rows, line.widths);
        break;
    }
  }
}

/** Renders a dossier or a 申报书 with pdfkit (A4, the CJK font, page numbers at the foot). */
export function renderDocument(d: PrintedDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: d.heading, Producer: '动漫扶持申报平台', Creator: '动漫扶持申报平台' },
  });
  doc.registerFont('cjk', cjkFont());
  doc.font('cjk');
  const done = collect(doc);
  const width = doc.page.width - 2 * MARGIN;

  doc.fontSize(22).fillColor('#000').text(d.heading, { align: 'center', characterSpacing: 4, width });
  doc.moveDown(0.8);
  const factsTop = doc.y;
  const qrSize = 110;
  const factsWidth = d.check ? width - qrSize - 16 : width;
  for (const f of d.facts)
    doc
      .fontSize(11)
      .fillColor('#555')
      .text(`${f.label}：`, MARGIN, doc.y, { continued: true, width: factsWidth })
      .fillColor('#000')
      .text(f.value || '—', { lineGap: 3 });
  if (d.check) {
    const x = MARGIN + width - qrSize;
    doc.image(d.check.png, x, factsTop, { width: qrSize, height: qrSize });
    const afterFacts = doc.y;
    doc
      .fontSize(8)
      .fillColor('#333')
      .text(`扫码核验 · 核验码 ${d.check.code}`, x - 20, factsTop + qrSize + 2, {
        width: qrSize + 20,
        align: 'center',
      });
    doc.y = Math.max(afterFacts, factsTop + qrSize + 16);
    doc.x = MARGIN;
    doc.fontSize(8).fillColor('#333').text(`核验地址：${d.check.url}`, MARGIN, doc.y, { width });
  }
  doc.fillColor('#000').moveDown(0.6);

  d.sections.forEach((s, i) => {
    ensureRoom(doc, 60);
    doc.x = MARGIN;
    doc
      .moveDown(0.6)
      .fontSize(14)
      .fillColor('#b22222')
      .text(`${toChineseNumeral(i + 1)}、${s.title}`, MARGIN, doc.y, { width });
    doc
      .moveTo(MARGIN, doc.y + 2)
      .lineTo(MARGIN + width, doc.y + 2)
      .lineWidth(0.8)
      .stroke('#b22222');
    doc.moveDown(0.5).fontSize(BODY).fillColor('#000');
    writeLines(doc, s.lines);
  });

  if (d.closing?.length) {
    ensureRoom(doc, 140);
    doc.moveDown(2);
    for (const c of d.closing) doc.fontSize(12).fillColor('#000').text(c, MARGIN, doc.y, { width, lineGap: 14 });
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .fillColor('#777')
      .text(`${d.footer} · 第 ${i + 1} / ${range.count} 页`, MARGIN, doc.page.height - 36, { width, align: 'center' });
    doc.page.margins.bottom = keep;
  }
  doc.end();
  return done;
}

const DIGITS = '〇一二三四五六七八九';
/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (sections never reach 100). */
export function toChineseNumeral(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}
