/** `campaign-ledger document`: a Word document (.docx) an office circulates, laid out as an official document. */
import { DOCUMENT_KINDS, buildDocument } from '../../office/documents';
import { officialDocx } from '../../office/official';
import { oneOf, required, str, write, type Command } from '../command';
import { usageError } from '../errors';
import { pathOf, writeFileAtomic } from '../files';
import { withStore } from '../open-store';
import { createProgress } from '../progress';
import { loadReadModel, query } from '../readmodel';
import { campaignOption, storeOptions, storeSpecOf } from './common';

const NAME = 'document';

/** The `document` command. */
export const documentCommand: Command = {
  name: NAME,
  summary: 'write a supervision notice (督办通知), a circular (通报) or a periodic report (报告) as a Word document',
  usage: 'document --store S [--campaign NS] --kind supervision-notice|circular|report --id ID [--number TEXT] --out FILE.docx',
  details: [
    'The document has the elements of an official document (GB/T 9704-2012): 发文机关, 发文字号, 标题, 主送机关,',
    '正文, 落款, 成文日期, and the 版记 (抄送, 印发). The kinds and their --id:',
    '  supervision-notice  a supervision item that has been assigned (交办): the notice to its lead unit, numbered as the item (督〔2019〕12号)',
    '  circular            an accountability case with a decided sanction: the 通报 to every court',
    '  report              PERIOD@COURT (e.g. 2019-Q3@xc): the court\'s report with its problems at the period\'s end in three',
    '                      tables (已整改, 正在整改, 长期坚持) and its reported figures beside the ledger\'s',
    'A circular or a report carries --number as its 发文字号, or a draft number with the year to fill in when issued.',
    'The whole trail is read (the document shows the latest facts); the file is written whole or not at all.',
  ].join('\n'),
  options: {
    ...storeOptions,
    campaign: campaignOption,
    kind: { type: 'string', value: DOCUMENT_KINDS.join('|'), description: 'which document' },
    id: { type: 'string', value: 'ID', description: 'the supervision item, the accountability case, or PERIOD@COURT' },
    number: { type: 'string', value: 'TEXT', description: 'circular and report: the 发文字号, e.g. 示法〔2019〕5号' },
    out: { type: 'string', value: 'FILE', description: 'the .docx file to write (whole or not at all)' },
  },
  async run(values, io) {
    required(values, 'kind', NAME);
    const kind = oneOf(values, 'kind', DOCUMENT_KINDS, 'report', NAME);
    const id = required(values, 'id', NAME);
    const out = pathOf(required(values, 'out', NAME), io.cwd);
    const number = str(values, 'number');
    if (number !== undefined && kind === 'supervision-notice') throw usageError('--number is for a circular or a report (a supervision notice carries its item\'s number)', NAME);
    if (number !== undefined && number.trim() === '') throw usageError('--number must not be empty', NAME);
    const spec = storeSpecOf(values, io, NAME);
    const namespace = str(values, 'campaign');
    const loaded = await withStore(spec, { mode: 'read', command: NAME }, ({ store }) =>
      loadReadModel(store, { command: NAME, progress: createProgress(io.stderr, 'reading'), ...(namespace === undefined ? {} : { namespace }) }));
    const doc = query(NAME, () => buildDocument(loaded.state, kind, id, number === undefined ? {} : { number }));
    writeFileAtomic(out, await officialDocx(doc));
    await write(io.stdout, `${doc.title} (${doc.number}) written to ${out}\n`);
    return 0;
  },
};
