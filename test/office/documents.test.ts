/**
 * The documents offices circulate, built from the demo (with supervision items added) and read back
 * from the .docx: the elements of an official document in order (发文机关, 发文字号, 标题, 主送机关,
 * 正文, 落款, 成文日期), the page as GB/T 9704-2012 sets it, and bad ids refused by name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocument, circular, periodicReport, supervisionNotice } from '../../src/office/documents';
import { officialDocx, type OfficialDocument } from '../../src/office/official';
import { chineseDate } from '../../src/office/text';
import { endOfLocalDayMs } from '../../src/campaign/time';
import { campaignZone } from '../../src/readmodels/clock';
import { InvalidQuery } from '../../src/readmodels/errors';
import { pmGet, pmList } from '../../src/readmodels/pmap';
import { figuresAt } from '../../src/readmodels/reported';
import type { ReadModelState } from '../../src/readmodels/state';
import { paragraphsOf, unzip } from '../support/zip';
import { ITEMS, supervisedDemoState } from './supervised';

let state: ReadModelState;

beforeAll(async () => { state = (await supervisedDemoState()).state; }, 180_000);

const xmlOf = async (doc: OfficialDocument): Promise<string> => {
  const entries = unzip(await officialDocx(doc));
  expect([...entries.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/footer1.xml']));
  return entries.get('word/document.xml')!.toString('utf8');
};

/** The paragraphs, and the index of the first paragraph at or after `from` that equals (or starts with) each expected text. */
const expectInOrder = (paragraphs: readonly string[], expected: readonly string[]): void => {
  let from = 0;
  for (const text of expected) {
    const i = paragraphs.findIndex((p, n) => n >= from && (p === text || p.startsWith(text)));
    expect(i, `"${text}" after paragraph ${from} in:\n${paragraphs.join('\n')}`).toBeGreaterThanOrEqual(from);
    from = i + 1;
  }
};

const elements = (d: OfficialDocument): string[] =>
  [d.issuer, d.number, d.title, `${d.addressee}：`, (d.body[0] as { text: string }).text, d.signature, chineseDate(d.date)];

describe('the official document', () => {
  it('lays the elements out in order on an A4 page with the standard margins, the issuer in red above a red rule, page numbers in the footer', async () => {
    const d = supervisionNotice(state, ITEMS.instruction);
    const entries = unzip(await officialDocx(d));
    const xml = entries.get('word/document.xml')!.toString('utf8');
    expectInOrder(paragraphsOf(xml), [...elements(d), `${d.printedBy}\t${chineseDate(d.date)}印发`]);
    expect(xml).not.toMatch(/<w:t(?: [^>]*)?>[^<]*\t/); // tabs are w:tab elements, never a character in the text
    expect(xml).toMatch(/<w:pgSz w:w="11907" w:h="16840"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1985" w:left="1588"/);
    const issuerRun = xml.slice(0, xml.indexOf(d.issuer));
    expect(issuerRun.slice(issuerRun.lastIndexOf('<w:r>'))).toMatch(/<w:color w:val="FF0000"\/>[\s\S]*<w:sz w:val="52"\/>/);
    const numberParagraph = xml.slice(xml.lastIndexOf('<w:p>', xml.indexOf(d.number)), xml.indexOf(d.number));
    expect(numberParagraph).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
    expect(entries.get('word/footer1.xml')!.toString('utf8')).toMatch(/PAGE/);
  });

  it('writes hostile text as visible escapes, never as markup or a raw control character', async () => {
    const d = supervisionNotice(state, ITEMS.instruction);
    const xml = await xmlOf({ ...d, title: '<w:p>标题\u0000\u202e</w:p>&' });
    expect(paragraphsOf(xml)).toContain('<w:p>标题\\u0000\\u202E</w:p>&');
    expect(xml).not.toMatch(/[\u0000\u202e]/);
  });
});

describe('the builders, as docs/domain.md shows them', () => {
  it('builds each kind from the read models and writes it as a Word file', async () => {
    // sample:documents
    const notice = supervisionNotice(state, ITEMS.instruction); // 督办通知 of an assigned item
    expect(notice).toMatchObject({ title: '关于督办“清理长期未结执行案件”的通知', date: '2020-01-06' });
    expect(notice.number).toMatch(/^督〔2020〕\d+号$/); // the item's number, as opened (立项)
    const decision = circular(state, 'AC-2019-001', { number: '示督〔2019〕5号' }); // 通报 of a decided case
    expect(decision.title).toMatch(/^关于对示例市.+同志予以通报批评的通报$/);
    const report = periodicReport(state, '2019-Q3@xc'); // a court's report: 已整改 / 正在整改 / 长期坚持
    expect(report.addressee).toBe('全市法院“加强管理年”活动领导小组办公室');
    const bytes = await officialDocx(notice); // the .docx file (a ZIP of WordprocessingML)
    expect(unzip(bytes).has('word/document.xml')).toBe(true);
    expect(() => supervisionNotice(state, 'SV-NOPE')).toThrow(InvalidQuery); // path 'id', with the reason
    // sample:end
  });
});

describe('督办通知 from a supervision item', () => {
  it('is numbered as the item, sent to the lead unit with the co-responsible unit copied, dated the day it was assigned', async () => {
    const item = pmGet(state.supervision, ITEMS.instruction)!;
    const d = supervisionNotice(state, ITEMS.instruction);
    expect(d.number).toBe(item.number);
    expect(d.number).toMatch(/^督〔2020〕\d+号$/);
    expect(d.addressee).toBe(`${state.catalog.courts.xc!.name}执行局`);
    expect(d.copyTo).toBe(`${state.catalog.courts.xc!.name}立案庭`);
    expect(d.signer).toBeUndefined(); // sent downward: the number alone, centred
    expect(d.date).toBe(item.assignment!.assignedOn);
    const paragraphs = paragraphsOf(await xmlOf(d));
    expectInOrder(paragraphs, [...elements(d).slice(0, 5), '一、督办事项', item.content, '二、承办单位', '三、办理时限和反馈要求', d.signature, `抄送：${d.copyTo}。`]);
    const president = pmGet(state.catalog.people, 'zy-president')!.name;
    expect(paragraphs.join('\n')).toContain(`${president}同志于2020年1月3日批示：“长期未结案件要逐案过堂，限期清理。”`);
    expect(paragraphs.join('\n')).toContain('请于2020年3月31日前办结');
  });

  it('can be issued for every assigned item of the trail (the demo\'s own included), numbered as the item, to its lead unit', async () => {
    const assigned = pmList(state.supervision).filter((i) => i.assignment !== undefined);
    expect(assigned.length).toBeGreaterThan(2);
    for (const item of assigned) {
      const d = supervisionNotice(state, item.itemId);
      expect(d.number).toBe(item.number);
      expect(d.addressee).toBe(`${state.catalog.courts[item.assignment!.lead.courtId]!.name}${item.assignment!.lead.department ?? ''}`);
      expectInOrder(paragraphsOf(await xmlOf(d)), elements(d));
    }
  });

  it('names a leading-group decision as the source; refuses an unknown item and one not assigned yet', () => {
    expect((supervisionNotice(state, ITEMS.decision).body[0] as { text: string }).text).toMatch(/^根据领导小组第三次会议（2019年12月30日）的决定/);
    expect(() => supervisionNotice(state, 'SV-NOPE')).toThrow(InvalidQuery);
    expect(() => supervisionNotice(state, 'SV-NOPE')).toThrow(/id: no supervision item "SV-NOPE"/);
    expect(() => supervisionNotice(state, ITEMS.proposed)).toThrow(/has not been assigned \(交办\) yet \(it is proposed\)/);
  });
});

describe('通报 from an accountability decision', () => {
  it('circulates the decided sanction with the case\'s facts, issued by the body that decided it, dated the decision', async () => {
    const sanctioned = pmList(state.cases).filter((c) => c.sanction !== undefined);
    expect(sanctioned.length).toBeGreaterThan(0);
    for (const c of sanctioned) {
      const d = circular(state, c.caseId, { number: '示督〔2019〕5号' });
      expect(d.number).toBe('示督〔2019〕5号');
      expect(d.title).toMatch(/^关于对.+(予以通报批评|进行约谈|追责问责)的通报$/);
      const person = c.subject.kind === 'person' ? pmGet(state.catalog.people, c.subject.personId)!.name : '';
      expect(d.title).toContain(person);
      expect(d.issuer).toBe(c.sanction!.body === 'leading_group' ? '全市法院“加强管理年”活动领导小组' : expect.any(String));
      const text = paragraphsOf(await xmlOf(d));
      expectInOrder(text, [...elements(d), d.printedBy]);
      expect(text.join('\n')).toContain(c.facts!);
      expect(d.date).toBe(new Date(Date.parse(c.sanction!.at) + 8 * 3600_000).toISOString().slice(0, 10));
    }
  });

  it('gives a draft number with the year when none is given; refuses an unknown case and one without a decision', () => {
    const c = pmList(state.cases).find((x) => x.sanction !== undefined)!;
    expect(circular(state, c.caseId).number).toBe('〔2019〕  号');
    expect(() => circular(state, 'AC-NOPE')).toThrow(/id: no accountability case "AC-NOPE" \(known: /);
    const undecided = pmList(state.cases).find((x) => x.sanction === undefined);
    if (undecided !== undefined) expect(() => circular(state, undecided.caseId)).toThrow(/has no sanction decided/);
  });
});

describe('the periodic report', () => {
  it('puts every problem of the court at the period\'s end in one of three tables, agreeing with the reported-vs-computed figures', async () => {
    for (const reportId of ['2019-Q3@xc', '2019-H1@dc']) {
      const [periodId, courtId] = reportId.split('@') as [string, string];
      const d = periodicReport(state, reportId);
      const period = state.catalog.periods[periodId]!;
      const computed = figuresAt(state, new Set([courtId]), endOfLocalDayMs(period.to, campaignZone(state.catalog)), period.to);
      const counts = d.body.flatMap((b) => (b.kind === 'paragraph' && b.level === 2 ? [Number(/（(\d+)项）/.exec(b.text)![1])] : []));
      expect(counts).toHaveLength(3);
      expect(counts[0]).toBe(computed.problemsClosed);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(computed.problemsFound);
      const version = pmGet(state.reports, reportId)!.versions.at(-1)!;
      const figures = d.body.find((b) => b.kind === 'table' && b.headers[1] === '本院报告数');
      expect(figures?.kind === 'table' && figures.rows[0]).toEqual(['发现问题数', String(version.figures.problemsFound), String(computed.problemsFound)]);
      const paragraphs = paragraphsOf(await xmlOf(d));
      expectInOrder(paragraphs, [...elements(d).slice(0, 5), '一、工作开展情况', '二、主要数据', '项目', '三、问题整改明细',
        `（一）已整改问题（${counts[0]}项）`, `（二）正在整改问题（${counts[1]}项）`, `（三）长期坚持问题（${counts[2]}项）`, '特此报告。', d.signature, chineseDate(d.date)]);
      expect(d.date).toBe(new Date(Date.parse(version.submittedAt) + 8 * 3600_000).toISOString().slice(0, 10));
      const president = pmList(state.catalog.people).find((x) => x.courtId === courtId && x.posts.includes('court_president'))!;
      expect(d.signer).toBe(president.name); // sent upward (上行文): 签发人 beside the number
      expect(paragraphs.find((p) => p.startsWith(d.number))).toBe(`${d.number}\t签发人：${president.name}`);
    }
  });

  it('refuses a malformed id, an unknown period or court, and a court that does not report for the period', () => {
    expect(() => periodicReport(state, '2019-Q3')).toThrow(/id: a report is named "PERIOD@COURT"/);
    expect(() => periodicReport(state, '2030-Q1@xc')).toThrow(/id: no report period "2030-Q1"/);
    expect(() => periodicReport(state, '2019-Q3@nowhere')).toThrow(/id: no court "nowhere"/);
    expect(() => buildDocument(state, 'report', '2019-Q3@nowhere')).toThrow(InvalidQuery);
  });
});
