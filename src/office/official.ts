/**
 * An official document (公文) laid out after GB/T 9704-2012 《党政机关公文格式》, as a Word file:
 * the header (版头: 发文机关标志 in red, 发文字号 centred above a red rule), the body (主体: 标题,
 * 主送机关, 正文 with its numbered levels and tables, 落款 and 成文日期 right-aligned four characters
 * in), and the footer (版记: 抄送, 印发机关 and 印发日期 between rules). A4 with the standard's margins
 * (天头 37 mm, 订口 28 mm, 版心 156 × 225 mm), 3号仿宋 text on 28-point lines, page numbers
 * "— 1 —" in 4号宋体. Every text goes through `officeText`, so nothing typed by a user can break the file.
 */
import {
  AlignmentType, BorderStyle, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, Tab, Table, TableCell, TableRow, TextRun,
  VerticalAlign, WidthType, type IParagraphOptions,
} from 'docx';
import { chineseDate, officeText } from './text';

/** A block of the body: a paragraph (level 1 一、 in 黑体, level 2 （一） in 楷体, else plain), or a table. */
export type OfficialBlock =
  | { readonly kind: 'paragraph'; readonly text: string; readonly level?: 0 | 1 | 2 }
  | { readonly kind: 'table'; readonly headers: readonly string[]; readonly rows: readonly (readonly string[])[]; readonly widths: readonly number[] };

/** The elements of an official document, in the order they are laid out. */
export interface OfficialDocument {
  /** 发文机关标志, e.g. 示例市中级人民法院. */
  readonly issuer: string;
  /** 发文字号, e.g. 督〔2019〕12号. */
  readonly number: string;
  /** 签发人, required on a document sent upward (上行文): the number then sits left, the signer right. */
  readonly signer?: string;
  /** 标题. */
  readonly title: string;
  /** 主送机关 (the colon is added). */
  readonly addressee: string;
  /** 正文. */
  readonly body: readonly OfficialBlock[];
  /** 落款 (署名). */
  readonly signature: string;
  /** 成文日期, `YYYY-MM-DD`. */
  readonly date: string;
  /** 抄送 (版记), if any. */
  readonly copyTo?: string;
  /** 印发机关 (版记); the 印发日期 is the 成文日期. */
  readonly printedBy: string;
}

const MM = 56.7;
const twips = (mm: number): number => Math.round(mm * MM);
/** Font names as offices have them (the standard names only 小标宋/仿宋/黑体/楷体). */
const FONTS = { title: '方正小标宋简体', text: '仿宋_GB2312', heading: '黑体', sub: '楷体_GB2312', page: '宋体' } as const;
/** Sizes in half-points: 2号 22pt, 3号 16pt, 4号 14pt; the issuer's mark 26pt. */
const SIZE = { mark: 52, title: 44, text: 32, small: 28, table: 24 } as const;
const RED = 'FF0000';
const LINE = { line: 560, lineRule: LineRuleType.EXACT } as const;
const CHAR = 320; // one character of 3号 (16 pt), in twips

const run = (text: string, font: string, size: number, extra: { color?: string } = {}): TextRun =>
  new TextRun({ text: officeText(text), font: { ascii: font, eastAsia: font, hAnsi: font }, size, ...extra });

/** A run that starts with a tab (`w:tab`, to the paragraph's right tab stop), then `text`. */
const tabbed = (text: string, font: string, size: number): TextRun =>
  new TextRun({ children: [new Tab(), officeText(text)], font: { ascii: font, eastAsia: font, hAnsi: font }, size });

const para = (children: TextRun[], o: Omit<IParagraphOptions, 'children'> = {}): Paragraph =>
  new Paragraph({ spacing: LINE, ...o, children });

/** Lines of text: a paragraph per line, each indented two characters. */
const textParagraphs = (text: string, font: string = FONTS.text): Paragraph[] =>
  text.split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => para([run(l, font, SIZE.text)], { indent: { firstLine: 2 * CHAR }, alignment: AlignmentType.JUSTIFIED }));

const cell = (text: string, width: number, header: boolean): TableCell =>
  new TableCell({
    width: { size: width, type: WidthType.DXA }, verticalAlign: VerticalAlign.CENTER,
    children: officeText(text).split(/\r?\n/).map((l) => new Paragraph({
      alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT, spacing: { line: 360, lineRule: LineRuleType.AT_LEAST },
      children: [run(l, header ? FONTS.heading : FONTS.text, SIZE.table)],
    })),
  });

const WIDTH = twips(156);

const table = (b: Extract<OfficialBlock, { kind: 'table' }>): Table => {
  const total = b.widths.reduce((x, y) => x + y, 0) || 1;
  const widths = b.widths.map((w) => Math.floor((w / total) * WIDTH));
  return new Table({
    width: { size: WIDTH, type: WidthType.DXA }, columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: b.headers.map((h, i) => cell(h, widths[i] ?? 0, true)) }),
      ...b.rows.map((r) => new TableRow({ cantSplit: true, children: b.headers.map((_, i) => cell(r[i] ?? '', widths[i] ?? 0, false)) })),
    ],
  });
};

const block = (b: OfficialBlock): (Paragraph | Table)[] => {
  if (b.kind === 'table') return [table(b), para([])];
  if (b.level === 1) return textParagraphs(b.text, FONTS.heading);
  if (b.level === 2) return textParagraphs(b.text, FONTS.sub);
  return textParagraphs(b.text);
};

const redRule = { style: BorderStyle.SINGLE, size: 16, color: RED, space: 6 } as const;
const rule = (size: number) => ({ style: BorderStyle.SINGLE, size, color: '000000', space: 1 });

/** The paragraphs and tables of a document, in order (the header, the body, the footer). */
const content = (d: OfficialDocument): (Paragraph | Table)[] => [
  para([run(d.issuer, FONTS.title, SIZE.mark, { color: RED })], { alignment: AlignmentType.CENTER, spacing: { before: twips(35) - 560, line: 800, lineRule: LineRuleType.AT_LEAST } }),
  para([]),
  d.signer === undefined
    ? para([run(d.number, FONTS.text, SIZE.text)], { alignment: AlignmentType.CENTER, border: { bottom: redRule } })
    : new Paragraph({
      spacing: LINE, indent: { left: CHAR, right: CHAR }, tabStops: [{ type: 'right', position: WIDTH - 2 * CHAR }], border: { bottom: redRule },
      children: [run(d.number, FONTS.text, SIZE.text), tabbed('签发人：', FONTS.text, SIZE.text), run(d.signer, FONTS.sub, SIZE.text)],
    }),
  para([]),
  para([run(d.title, FONTS.title, SIZE.title)], { alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.AT_LEAST } }),
  para([]),
  para([run(`${d.addressee}：`, FONTS.text, SIZE.text)]),
  ...d.body.flatMap(block),
  para([]),
  para([run(d.signature, FONTS.text, SIZE.text)], { alignment: AlignmentType.RIGHT, indent: { right: 4 * CHAR } }),
  para([run(chineseDate(d.date), FONTS.text, SIZE.text)], { alignment: AlignmentType.RIGHT, indent: { right: 4 * CHAR } }),
  para([]),
  ...(d.copyTo === undefined ? [] : [para([run(`抄送：${d.copyTo}。`, FONTS.text, SIZE.small)], {
    indent: { left: CHAR, right: CHAR }, border: { top: rule(8), bottom: rule(4) },
  })]),
  new Paragraph({
    spacing: LINE, indent: { left: CHAR, right: CHAR }, tabStops: [{ type: 'right', position: WIDTH - 2 * CHAR }],
    border: { ...(d.copyTo === undefined ? { top: rule(8) } : {}), bottom: rule(8) },
    children: [run(d.printedBy, FONTS.text, SIZE.small), tabbed(`${chineseDate(d.date)}印发`, FONTS.text, SIZE.small)],
  }),
];

const footer = (): Footer => new Footer({
  children: [new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: { ascii: FONTS.page, eastAsia: FONTS.page, hAnsi: FONTS.page }, size: SIZE.small })],
  })],
});

/** The document as a Word file (.docx bytes). */
export const officialDocx = async (d: OfficialDocument): Promise<Uint8Array> => {
  const doc = new Document({
    creator: officeText(d.issuer), title: officeText(d.title), lastModifiedBy: officeText(d.issuer),
    styles: { default: { document: { run: { font: { ascii: FONTS.text, eastAsia: FONTS.text, hAnsi: FONTS.text }, size: SIZE.text } } } },
    sections: [{
      properties: {
        page: {
          size: { width: twips(210), height: twips(297) },
          margin: { top: twips(37), bottom: twips(35), left: twips(28), right: twips(26), header: twips(15), footer: twips(28) },
        },
      },
      footers: { default: footer() },
      children: content(d),
    }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
};
