/**
 * A province-sized campaign trail for the benchmarks (`npm run bench:province`): one high court, 9
 * intermediate courts and 70 grassroots courts running the management-year plan from its issue
 * (2019-05-20) to the end of 2021, deterministic from a seed. It holds what the demo holds, in its
 * proportions: the organization (courts, departments, people, posts), the campaign (categories,
 * phases, report periods, leading group, first responsible persons), the plan's 37 tasks decomposed
 * to every court with their progress, problems with measures, progress, extensions, closure,
 * verification (some returned, withdrawn or long-term), quarterly reports (some returned) and their
 * consolidation, routine inspections with findings and spot checks, supervision items, rules made or
 * revised after rectifications (制度建设), warnings and
 * escalations of overdue problems and the accountability cases that follow.
 *
 * The trail is written day by day through the store's own append (every event checked against the
 * campaign registry, sealed and chained): each day's events are grouped per stream, one append per
 * stream at its exact expected revision, the day's appends issued together (SQLite commits them as
 * one group). Nothing but the open entities is kept in memory. Writing stops at exactly `events`
 * events (the density of the province is chosen so that three years would hold a little more).
 *
 * The model knows two court levels; the high court is registered at the top of the hierarchy with
 * the upper one (`intermediate`, no parent), the intermediate courts under it.
 */
import { defaultLedgerNumber } from '../src/campaign/numbering';
import { campaignStreams, type CampaignStreams } from '../src/campaign/streams';
import { supervisionNumberStream } from '../src/campaign/supervision/numbering';
import { createRandom, type Random } from '../src/demo/random';
import type { EventStore, ExpectedRevision, NewEvent } from '../src/eventsourcing/index';
import { isDepartmentGroup, managementYearPlan, planDepartments } from '../src/plans/index';
import { orThrow } from '../src/eventsourcing/runnable';

/** Options of {@link generateProvince}. */
export interface ProvinceOptions {
  /** Exactly this many events are written (at least 1). */
  readonly events: number;
  /** Seed of every choice and id. Default 2019. */
  readonly seed?: number;
  /** Campaign namespace. Default `province`. */
  readonly namespace?: string;
  /** Called after every simulated day with the number of events written so far. */
  readonly onProgress?: (events: number) => void;
}

/** What {@link generateProvince} wrote. */
export interface ProvinceSummary {
  readonly namespace: string;
  readonly events: number;
  readonly courts: number;
  readonly problems: number;
  readonly supervisionItems: number;
  readonly accountabilityCases: number;
  /** The last day written (ISO date) and the last event's recorded time. */
  readonly lastDay: string;
  readonly lastRecordedAt: string;
  /** Problems each court opens per month (the density chosen for `events`). */
  readonly problemsPerCourtMonth: number;
}

interface Actor { readonly id: string; readonly posts: readonly string[]; readonly unit?: string }
interface Court {
  readonly courtId: string; readonly name: string; readonly level: 'high' | 'intermediate' | 'grassroots';
  readonly parentCourtId?: string; readonly departments: readonly string[];
}

const START = '2019-05-20';
const END = '2021-12-31';
const DAY_MS = 86_400_000;
const dayIndex = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${START}T00:00:00Z`)) / DAY_MS);
const dateOf = (day: number) => new Date(Date.parse(`${START}T00:00:00Z`) + day * DAY_MS).toISOString().slice(0, 10);
const LAST_DAY = dayIndex(END);
const isWeekend = (day: number) => {
  const w = new Date(Date.parse(`${START}T00:00:00Z`) + day * DAY_MS).getUTCDay();
  return w === 0 || w === 6;
};
const SHA = (r: Random) => r.hex(32);

const GRASSROOTS_DEPARTMENTS = ['办公室', '政治部', '审管办', '立案庭', '刑事审判庭', '民事审判庭', '执行局', '监察室'] as const;
const UPPER_DEPARTMENTS = planDepartments.map((d) => d.name);

/** The province: the high court, 9 intermediate courts, 70 grassroots courts (8 under each of the first seven, 7 under the last two). */
export const provinceCourts = (): readonly Court[] => {
  const courts: Court[] = [{ courtId: 'gy', name: '示例省高级人民法院（虚构）', level: 'high', departments: UPPER_DEPARTMENTS }];
  for (let i = 1; i <= 9; i++) {
    const zy = `zy${i}`;
    courts.push({ courtId: zy, name: `示例省第${i}中级人民法院（虚构）`, level: 'intermediate', parentCourtId: 'gy', departments: UPPER_DEPARTMENTS });
  }
  for (let i = 1; i <= 9; i++) {
    for (let j = 1; j <= (i <= 7 ? 8 : 7); j++) {
      courts.push({ courtId: `zy${i}-j${j}`, name: `示例省第${i}中院辖区第${j}基层人民法院（虚构）`, level: 'grassroots', parentCourtId: `zy${i}`, departments: GRASSROOTS_DEPARTMENTS });
    }
  }
  return courts;
};

/** The most events of one stream in one append (the stores bound an append's size). */
const CHUNK = 500;

/** Events one simulated day holds, grouped per stream, appended at the end of the day. */
class DayWriter {
  private readonly heads = new Map<string, bigint>();
  private pending = new Map<string, { type: string; data: unknown; actor: Actor }[]>();
  private forgotten: string[] = [];
  written = 0;
  private queued = 0;
  lastRecordedAt = '';

  constructor(private readonly store: EventStore, private readonly limit: number, private readonly idPrefix: string) {}

  get full(): boolean {
    return this.written + this.queued >= this.limit;
  }

  /** Queues one event of the day; ignored once the trail has its size. */
  emit(streamId: string, type: string, data: unknown, actor: Actor): void {
    if (this.full) return;
    let list = this.pending.get(streamId);
    if (list === undefined) this.pending.set(streamId, (list = []));
    list.push({ type, data, actor });
    this.queued++;
  }

  /** Drops the head of a stream nothing will append to again (after the day's appends). */
  forget(streamId: string): void {
    this.forgotten.push(streamId);
  }

  /** Appends the day's events: one append per stream, all issued together; recorded times rise through the day. */
  async flush(day: number): Promise<void> {
    if (this.queued === 0) return;
    const base = Date.parse(`${dateOf(day)}T01:00:00.000Z`);
    const step = Math.max(1, Math.min(1000, Math.floor(50_400_000 / this.queued)));
    let k = 0;
    const appends: Promise<void>[] = [];
    for (const [streamId, list] of this.pending) {
      const events: NewEvent[] = [];
      let correlationId = '';
      for (const x of list) {
        const n = this.written + k;
        const eventId = `${this.idPrefix}-${Math.floor(n / 2 ** 32).toString(16).padStart(4, '0')}-4000-8000-${(n % 2 ** 32).toString(16).padStart(12, '0')}`;
        if (correlationId === '') correlationId = eventId;
        const at = new Date(base + k * step).toISOString();
        events.push({ eventId, type: x.type, schemaVersion: 1, data: x.data, metadata: { actor: x.actor, correlationId, causationId: correlationId, recordedAt: at, effectiveAt: at } });
        this.lastRecordedAt = at;
        k++;
      }
      if (events.length <= CHUNK) {
        appends.push(this.append(streamId, events));
      } else {
        // A stream with more events than one append takes: what came before it first, then its chunks in order.
        await Promise.all(appends.splice(0));
        for (let i = 0; i < events.length; i += CHUNK) await this.append(streamId, events.slice(i, i + CHUNK));
      }
    }
    this.pending = new Map();
    this.written += this.queued;
    this.queued = 0;
    await Promise.all(appends);
    for (const streamId of this.forgotten) this.heads.delete(streamId);
    this.forgotten = [];
  }

  private async append(streamId: string, events: readonly NewEvent[]): Promise<void> {
    const head = this.heads.get(streamId);
    const expected: ExpectedRevision = head === undefined ? 'no_stream' : head;
    const r = await this.store.append(streamId, events, expected)();
    if (r._tag === 'Left') throw new Error(`append to ${streamId} failed: ${r.left.message}`);
    this.heads.set(streamId, r.right.lastRevision);
  }
}

/** Things to do on later days (a bucket per day; weekend work moves to the Monday). */
class Agenda {
  private readonly days: (Array<() => void> | undefined)[] = [];
  at(day: number, work: () => void): void {
    let d = Math.max(0, Math.round(day));
    while (isWeekend(d)) d++;
    if (d > LAST_DAY) return;
    (this.days[d] ??= []).push(work);
  }
  take(day: number): Array<() => void> {
    const list = this.days[day] ?? [];
    this.days[day] = undefined;
    return list;
  }
}

/** Fixed events of the province (organization, campaign, tasks, reports) and events per unit of density, measured from the generator. */
const FIXED_EVENTS = 9_000;
const EVENTS_PER_PROBLEM_UNIT = 15.6;

/**
 * Writes the province trail into `store` (which must hold no stream of the namespace). Rejects
 * with the store's failure if an append is refused.
 */
export async function generateProvince(store: EventStore, options: ProvinceOptions): Promise<ProvinceSummary> {
  const limit = options.events;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`events must be a positive integer, got ${limit}`);
  const seed = options.seed ?? 2019;
  const ns = options.namespace ?? 'province';
  const s: CampaignStreams = orThrow(campaignStreams(ns));
  const r = createRandom(seed);
  const w = new DayWriter(store, limit, (seed % 2 ** 32).toString(16).padStart(8, '0'));
  const agenda = new Agenda();
  /** The simulated day being written (work scheduled on the agenda runs on it). */
  let dayOfWork = 0;
  const courts = provinceCourts();
  const subordinates = courts.filter((c) => c.level !== 'high');
  const months = (LAST_DAY + 1) / 30.44;
  // Problems per court per month: three years would hold more than `events` (denser trails hold a little
  // fewer events per problem than the estimate; the trail ends when it has its size).
  const density = Math.max(0.05, ((limit - FIXED_EVENTS) * 1.2) / (courts.length * months * EVENTS_PER_PROBLEM_UNIT));
  const perWeekday = (density * 12) / 261;

  // ---- people ----------------------------------------------------------------------------
  const actor = (courtId: string, key: string, posts: readonly string[], department?: string): Actor =>
    ({ id: `${courtId}-${key}`, posts, ...(department === undefined ? {} : { unit: `${courtId}/${department}` }) });
  const president = (c: string) => actor(c, 'president', ['court_president']);
  const vp = (c: string) => actor(c, 'vp', ['court_leadership']);
  const deptIndex = (c: Court, dept: string) => c.departments.indexOf(dept) + 1;
  const head = (c: Court, dept: string) => actor(c.courtId, `d${deptIndex(c, dept)}-head`, ['department_head'], dept);
  const staff = (c: Court, dept: string) => actor(c.courtId, `d${deptIndex(c, dept)}-staff`, ['staff'], dept);
  const verifier = (c: Court) => actor(c.courtId, 'verifier', ['staff', 'verifier'], '审管办');
  const system = actor('gy', 'admin', ['system'], '办公室');
  const office = actor('gy', `d${UPPER_DEPARTMENTS.indexOf('办公室') + 1}-staff`, ['staff', 'campaign_office'], '办公室');
  const courtById = new Map(courts.map((c) => [c.courtId, c]));
  const parentOf = (c: Court) => courtById.get(c.parentCourtId ?? 'gy') as Court;

  // ---- day 0: organization and campaign ------------------------------------------------------
  const org = (type: string, data: unknown) => w.emit(s.organization, `organization.${type}`, data, system);
  for (const c of courts) {
    org('court_registered', { courtId: c.courtId, name: c.name, level: c.level === 'grassroots' ? 'grassroots' : 'intermediate', ...(c.parentCourtId === undefined ? {} : { parentCourtId: c.parentCourtId }) });
    for (const d of c.departments) org('department_registered', { courtId: c.courtId, department: d });
    const person = (key: string, name: string, posts: readonly string[], department?: string) => {
      org('person_registered', { personId: `${c.courtId}-${key}`, name, courtId: c.courtId, ...(department === undefined ? {} : { department }) });
      for (const post of posts) org('post_assigned', { personId: `${c.courtId}-${key}`, post });
    };
    if (c.courtId === 'gy') person('admin', '系统管理员（虚构）', ['system'], '办公室');
    person('president', `${c.courtId}院长（虚构）`, ['court_president']);
    person('vp', `${c.courtId}副院长（虚构）`, ['court_leadership']);
    c.departments.forEach((d, i) => {
      person(`d${i + 1}-head`, `${c.courtId}部门${i + 1}负责人（虚构）`, ['department_head'], d);
      person(`d${i + 1}-staff`, `${c.courtId}部门${i + 1}干警（虚构）`, ['staff'], d);
    });
    person('verifier', `${c.courtId}核查员（虚构）`, ['staff', 'verifier'], '审管办');
  }
  const camp = (type: string, data: unknown) => w.emit(s.campaign, `campaign.${type}`, data, office);
  const plan = managementYearPlan;
  camp('launched', { campaignId: ns, name: '全省法院“加强管理年”活动（虚构）', organizerCourtId: 'gy', startYear: 2019, endYear: 2021, utcOffsetMinutes: 480 });
  camp('office_established', { courtId: 'gy', department: '办公室', name: '领导小组办公室' });
  camp('plan_adopted', { planId: plan.id, title: plan.title, issuedOn: plan.issuedOn, documentSha256: SHA(r) });
  for (const c of plan.categories) camp('category_defined', { categoryId: String(c.id), name: c.name, firstTask: c.taskRange[0], lastTask: c.taskRange[1] });
  for (const p of plan.phases) camp('phase_defined', { phaseId: p.id, name: p.name, start: p.start, end: p.end, goals: p.goals });
  camp('leading_group_member_appointed', { personId: 'gy-president', role: 'leader' });
  camp('leading_group_member_appointed', { personId: 'gy-vp', role: 'deputy' });
  for (const c of courts) camp('first_responsible_designated', { courtId: c.courtId, personId: `${c.courtId}-president` });
  // Quarterly report periods: every subordinate court reports 10 days after the quarter, the high court consolidates 5 days later.
  const periods: { periodId: string; from: string; to: string; deadline: string }[] = [];
  for (let y = 2019; y <= 2021; y++) {
    for (let q = 1; q <= 4; q++) {
      if (y === 2019 && q === 1) continue;
      const from = y === 2019 && q === 2 ? START : `${y}-${String(q * 3 - 2).padStart(2, '0')}-01`;
      const to = dateOf(dayIndex(`${q === 4 ? y + 1 : y}-${String(q === 4 ? 1 : q * 3 + 1).padStart(2, '0')}-01`) - 1);
      const deadline = dateOf(dayIndex(to) + 10);
      periods.push({ periodId: `${y}-Q${q}`, from, to, deadline });
      camp('report_period_defined', { periodId: `${y}-Q${q}`, name: `${y}年第${q}季度`, from, to, deadline, consolidatedDeadline: dateOf(dayIndex(to) + 15), courts: subordinates.map((c) => c.courtId) });
    }
  }
  // The plan's tasks, issued by the office to every court, accepted by the lead department of the high court.
  const gy = courtById.get('gy') as Court;
  const taskIds: string[] = [];
  const taskDue = '2021-11-30';
  for (const t of plan.tasks) {
    const taskId = `T-${String(t.number).padStart(2, '0')}`;
    taskIds.push(taskId);
    const named = [...t.leadDepartments, ...t.coDepartments].filter((d) => !isDepartmentGroup(d) && UPPER_DEPARTMENTS.includes(d));
    const lead = named[0] ?? '审管办';
    w.emit(s.task(taskId), 'task.issued', {
      taskId, number: t.number, categoryId: String(t.categoryId), title: t.title, leadDepartments: [lead], coDepartments: named.slice(1),
      scopeCourts: courts.map((c) => c.courtId), dueDate: taskDue,
    }, office);
    w.emit(s.task(taskId), 'task.accepted', { taskId, courtId: 'gy', department: lead }, head(gy, lead));
  }
  await w.flush(0);
  options.onProgress?.(w.written);

  // Decomposition to every subordinate court over the first working days.
  for (const [i, taskId] of taskIds.entries()) {
    agenda.at(1 + (i % 5), () => {
      for (const c of subordinates) {
        w.emit(s.task(taskId), 'task.decomposed', { taskId, courtId: c.courtId, assignment: `${c.name}对照任务${taskId}制定本院落实方案，明确责任部门和时限，按期报告进展。`, dueDate: taskDue }, office);
      }
    });
  }

  // ---- problems ---------------------------------------------------------------------------
  let problems = 0;
  const ledgerSequence = new Map<string, number>();
  let cases = 0;
  let regulations = 0;
  const stats = new Map(courts.map((c) => [c.courtId, { found: 0, closed: 0, overdue: 0 }]));
  /** A few recently closed problems per court, for spot checks (their streams' heads are kept meanwhile). */
  const recentlyClosed = new Map<string, string[]>(courts.map((c) => [c.courtId, []]));
  const closedRecently = (courtId: string, problemId: string) => {
    const list = recentlyClosed.get(courtId) as string[];
    list.push(problemId);
    if (list.length > 4) w.forget(s.problem(list.shift() as string));
  };
  const deptOfProblem = (c: Court) => c.departments[r.int(0, c.departments.length - 1)] as string;
  const plusDays = (day: number, n: number) => dateOf(day + n);

  const openProblem = (day: number, c: Court, source: { kind: 'self' } | { kind: 'inspection'; inspectionId: string; findingId: string }, department = deptOfProblem(c)) => {
    const id = `${c.courtId}-P${++problems}`;
    const stream = s.problem(id);
    const st = stats.get(c.courtId) as { found: number; closed: number; overdue: number };
    st.found++;
    const taskId = r.pick(taskIds);
    const upper = parentOf(c);
    const rectifier = staff(c, department);
    w.emit(stream, 'problem.identified', {
      problemId: id, courtId: c.courtId, department, taskId,
      source: source.kind === 'self' ? 'self_inspection' : 'routine_inspection',
      ...(source.kind === 'inspection' ? { inspectionId: source.inspectionId, findingId: source.findingId } : {}),
      title: `${department}工作不规范问题${problems}`, description: `对照${taskId}自查发现：${department}相关工作制度执行不到位，台账记录不完整，需限期整改。`,
      criterion: `任务${taskId}工作要求`, severity: r.pick(['minor', 'moderate', 'moderate', 'serious']), evidence: [],
    }, source.kind === 'self' ? head(c, department) : office);
    // The court's ledger numbers of the year come from its own counter stream.
    const year = Number(dateOf(day).slice(0, 4));
    const counter = `${c.courtId}@${year}`;
    const sequence = (ledgerSequence.get(counter) ?? 0) + 1;
    ledgerSequence.set(counter, sequence);
    const ledgerNumber = defaultLedgerNumber(c.courtId, year, sequence);
    w.emit(s.ledgerNumbers(c.courtId, year), 'ledger_number.reserved', { problemId: id, courtId: c.courtId, year, sequence, ledgerNumber }, office);
    w.emit(stream, 'problem.registered', { problemId: id, ledgerNumber, sequence }, office);
    const measures = r.int(1, 3);
    const deadlines: string[] = [];
    agenda.at(day + r.int(1, 3), () => {
      w.emit(stream, 'problem.responsibility_assigned', { problemId: id, leaderId: `${c.courtId}-vp`, courtId: c.courtId, department, personId: rectifier.id }, head(c, department));
    });
    agenda.at(day + r.int(4, 10), () => {
      const today = dayOfWork;
      if (r.chance(0.025)) {
        w.emit(stream, 'problem.withdrawn', { problemId: id, approvedBy: `${c.courtId}-president`, reason: '经复核，该问题与本院已登记的同类问题重复，予以撤销。' }, president(c.courtId));
        w.forget(stream);
        st.found--;
        return;
      }
      for (let m = 1; m <= measures; m++) {
        const deadline = plusDays(today, r.int(30, 120));
        deadlines.push(deadline);
        w.emit(stream, 'problem.measure_planned', { problemId: id, measureId: `M${m}`, content: `整改措施${m}：完善制度、逐项整改、建立长效机制。`, deadline }, rectifier);
      }
      const longTerm = r.chance(0.02);
      if (longTerm) {
        w.emit(stream, 'problem.marked_long_term', {
          problemId: id, reason: '该问题涉及系统建设，需长期整改。',
          milestones: [{ milestoneId: 'MS1', content: '完成方案论证', due: plusDays(today, 90) }, { milestoneId: 'MS2', content: '全面实现整改目标', due: plusDays(today, 240) }],
        }, head(c, department));
        agenda.at(today + 80, () => w.emit(stream, 'problem.milestone_reached', { problemId: id, milestoneId: 'MS1', note: '方案已论证。' }, rectifier));
      }
      // Every later step of the problem is planned now, so none falls after its closure
      // (`busy`: the last day planned; the agenda may move a day past a weekend).
      let busy = longTerm ? today + 82 : today;
      const plan = (day: number, work: () => void) => {
        busy = Math.max(busy, day + 2);
        agenda.at(day, work);
      };
      for (let m = 1; m <= measures; m++) {
        if (r.chance(0.6)) plan(today + r.int(10, 30), () => w.emit(stream, 'problem.progress_recorded', { problemId: id, measureId: `M${m}`, note: '已召开专题会议，制定整改方案，正在推进。' }, rectifier));
      }
      // An extension asked for the first measure now and then, granted mostly.
      const first = dayIndex(deadlines[0] as string);
      if (r.chance(0.12)) {
        const previous = deadlines[0] as string;
        const requested = plusDays(first, r.int(20, 45));
        const asked = Math.max(today + 1, first - r.int(5, 10));
        const granted = r.chance(0.8);
        plan(asked, () => w.emit(stream, 'problem.extension_requested', { problemId: id, measureId: 'M1', requestId: `X-${id}`, currentDeadline: previous, requestedDeadline: requested, reason: '涉及跨部门协调，申请延期。' }, rectifier));
        plan(asked + 3 + r.int(1, 4), () => w.emit(stream, granted ? 'problem.extension_granted' : 'problem.extension_denied', granted
          ? { problemId: id, measureId: 'M1', requestId: `X-${id}`, previousDeadline: previous, newDeadline: requested }
          : { problemId: id, measureId: 'M1', requestId: `X-${id}`, reason: '延期理由不充分，应按原定时限完成。' }, president(c.courtId)));
        if (granted) deadlines[0] = requested;
      }
      // Completion: most before the latest deadline, some after it (warned, escalated, now and then a case).
      const latest = Math.max(...deadlines.map(dayIndex)) + (longTerm ? 200 : 0);
      const late = r.chance(0.12);
      const done = Math.max(busy + 1, late ? latest + r.int(5, 60) : latest - r.int(0, 25));
      if (done > latest) overdue(latest + 1, c, id, department, rectifier, latest, done);
      agenda.at(done, () => requestClosure(c, id, taskId, stream, measures, rectifier, department, 0));
    });
  };

  const requestClosure = (c: Court, id: string, taskId: string, stream: string, measures: number, rectifier: Actor, department: string, attempt: number) => {
    if (attempt === 0) {
      for (let m = 1; m <= measures; m++) w.emit(stream, 'problem.measure_completed', { problemId: id, measureId: `M${m}`, completedBy: rectifier.id, note: '按计划完成整改措施。' }, rectifier);
    }
    w.emit(stream, 'problem.evidence_attached', { problemId: id, evidence: { description: `整改台账及佐证材料（${department}）`, sha256: SHA(r) } }, rectifier);
    w.emit(stream, 'problem.closure_requested', { problemId: id, summary: '整改措施已全部完成，申请销号。' }, head(c, department));
    const check = c.level === 'grassroots' ? verifier(parentOf(c)) : verifier(c);
    agenda.at(dayOfWork + r.int(3, 15), () => {
      if (attempt === 0 && r.chance(0.1)) {
        w.emit(stream, 'problem.verification_returned', { problemId: id, verifierId: check.id, reason: '佐证材料不足，退回补充。' }, check);
        agenda.at(dayOfWork + r.int(5, 15), () => requestClosure(c, id, taskId, stream, measures, rectifier, department, 1));
        return;
      }
      w.emit(stream, 'problem.verified', { problemId: id, verifierId: check.id, note: '经现场核查和材料审核，整改属实。' }, check);
      w.emit(stream, 'problem.closed', { problemId: id, verifierId: check.id }, check);
      (stats.get(c.courtId) as { closed: number }).closed++;
      closedRecently(c.courtId, id);
      // Now and then the rectification leaves a rule made, revised or cleared (制度建设).
      if (r.chance(0.08)) {
        const regulationId = `RG-${++regulations}`;
        w.emit(s.regulation(regulationId), 'regulation.recorded', {
          regulationId, courtId: c.courtId, title: `${department}工作规范（${regulationId}）`, action: r.pick(['made', 'revised', 'revised', 'cleared']),
          on: dateOf(dayOfWork), summary: '针对整改中发现的问题，建立健全长效机制。', problemIds: [id], taskIds: [taskId], recordedBy: head(c, department).id,
        }, head(c, department));
      }
    });
  };

  const overdue = (day: number, c: Court, id: string, department: string, rectifier: Actor, deadline: number, done: number) => {
    const stream = s.followUp('problem', id);
    const st = stats.get(c.courtId) as { overdue: number };
    const unit = { courtId: c.courtId, department };
    agenda.at(day, () => {
      st.overdue++;
      w.emit(stream, 'follow_up.warned', { subject: { kind: 'problem', problemId: id }, colour: 'red', rule: 'warning.red', deadline: dateOf(deadline), day: dateOf(dayOfWork), addressedTo: unit, givenBy: system.id, personId: rectifier.id }, system);
    });
    agenda.at(done, () => { st.overdue--; });
    if (done - deadline > 20) {
      agenda.at(day + 15, () => {
        w.emit(stream, 'follow_up.escalated', { subject: { kind: 'problem', problemId: id }, step: 'accountability', rule: 'overdue.accountability', deadline: dateOf(deadline), day: dateOf(dayOfWork), addressedTo: unit, givenBy: system.id, personId: rectifier.id }, system);
        if (r.chance(0.5)) accountability(id, rectifier);
      });
    }
  };

  const accountability = (problemId: string, subject: Actor) => {
    const caseId = `AC-${++cases}`;
    const stream = s.accountability(caseId);
    const discipline = staff(gy, '监察室');
    w.emit(stream, 'accountability.case_proposed', {
      caseId, subject: { kind: 'person', personId: subject.id }, grounds: 'overdue_rectification', summary: `整改逾期：问题${problemId}未按期整改。`,
      evidence: [{ kind: 'problem', problemId }], confirmed: ['overdue'],
    }, discipline);
    agenda.at(dayOfWork + 10, () => {
      w.emit(stream, 'accountability.facts_established', { caseId, facts: '经调查核实，责任人未按期完成整改，情况属实。' }, discipline);
      agenda.at(dayOfWork + 10, () => {
        w.emit(stream, 'accountability.sanction_decided', { caseId, sanction: r.pick(['circulated_criticism', 'admonition_talk']), decidedBy: 'gy-president', body: 'leading_group', rationale: '整改逾期，经领导小组研究决定。' }, president('gy'));
        agenda.at(dayOfWork + 3, () => {
          w.emit(stream, 'accountability.published', { caseId, channel: '全省法院“加强管理年”活动通报' }, office);
          w.emit(stream, 'accountability.closed', { caseId, summary: '处理决定已执行。' }, discipline);
          w.forget(stream);
        });
      });
    });
  };

  // ---- supervision items (督办事项) of the high court and the intermediate courts ----------------------
  let items = 0;
  const supervisionSequence = new Map<string, number>();
  const supervise = (day: number, issuer: Court) => {
    const itemId = `SV-${++items}`;
    const stream = s.supervision(itemId);
    const target = r.pick(courts.filter((c) => c.parentCourtId === issuer.courtId || c === issuer));
    const year = Number(dateOf(day).slice(0, 4));
    const officeName = issuer.courtId === 'gy' ? '督' : `${issuer.courtId}督`;
    const seqKey = `${officeName}@${year}`;
    const sequence = (supervisionSequence.get(seqKey) ?? 0) + 1;
    supervisionSequence.set(seqKey, sequence);
    const number = `${officeName}〔${year}〕${sequence}号`;
    const proposer = staff(issuer, '办公室');
    const lead = { courtId: target.courtId, department: '审管办' };
    const assignee = head(target, '审管办');
    w.emit(stream, 'supervision.proposed', { itemId, title: `督办事项${items}`, content: '对照实施方案，督促落实整改责任。', source: { kind: 'leading_group_decision', decision: '领导小组会议决定督办。' }, proposedBy: proposer.id }, proposer);
    w.emit(supervisionNumberStream(s.prefix, officeName, year), 'supervision_number.reserved', { itemId, office: officeName, year, sequence, number }, proposer);
    w.emit(stream, 'supervision.opened', { itemId, office: officeName, year, sequence, number, openedBy: proposer.id }, proposer);
    agenda.at(day + 1, () => {
      w.emit(stream, 'supervision.approved', { itemId, approvedBy: `${issuer.courtId}-vp` }, vp(issuer.courtId));
      const deadline = dayOfWork + r.int(30, 60);
      w.emit(stream, 'supervision.assigned', { itemId, lead, co: [], deadline: dateOf(deadline), feedbackEveryDays: 10, assignedOn: dateOf(dayOfWork), assignedBy: proposer.id }, proposer);
      agenda.at(dayOfWork + 1, () => w.emit(stream, 'supervision.received', { itemId, receivedBy: assignee.id, receivedOn: dateOf(dayOfWork) }, assignee));
      const feedbacks = Math.max(1, Math.floor((deadline - dayOfWork) / 14));
      for (let k = 1; k <= feedbacks; k++) {
        agenda.at(dayOfWork + k * 14 - r.int(0, 3), () => {
          const final = k === feedbacks;
          w.emit(stream, 'supervision.feedback_given', { itemId, period: k, summary: final ? '督办事项已办理完毕，申请办结。' : '正在按要求办理。', final, givenBy: assignee.id, givenOn: dateOf(dayOfWork) }, assignee);
          if (!final && r.chance(0.1)) w.emit(stream, 'supervision.reminded', { itemId, remindedUnit: lead, remindedBy: proposer.id, rule: 'feedback.due', day: dateOf(dayOfWork) }, proposer);
          if (final) {
            agenda.at(dayOfWork + r.int(2, 6), () => {
              w.emit(stream, 'supervision.review_passed', { itemId, reviewedBy: `${issuer.courtId}-vp` }, vp(issuer.courtId));
              w.emit(stream, 'supervision.closed', { itemId, closedBy: proposer.id, closedOn: dateOf(dayOfWork) }, proposer);
              w.forget(stream);
            });
          }
        });
      }
    });
  };

  // ---- reports: every subordinate court each quarter, consolidated by the high court -----------
  for (const p of periods) {
    const deadline = dayIndex(p.deadline);
    const accepted = new Map<string, { version: number; figures: unknown }>();
    for (const c of subordinates) {
      const stream = s.report(p.periodId, c.courtId);
      const reportId = `${p.periodId}@${c.courtId}`;
      const submit = (version: number) => {
        const st = stats.get(c.courtId) as { found: number; closed: number; overdue: number };
        const figures = { problemsFound: st.found, problemsClosed: st.closed, overdue: Math.max(0, st.overdue), rectificationRatePercent: st.found === 0 ? 0 : Math.round((1000 * st.closed) / st.found) / 10 };
        w.emit(stream, 'report.submitted', {
          reportId, periodId: p.periodId, courtId: c.courtId, version, deadline: p.deadline, onTime: dayOfWork <= deadline, figures, consolidated: [],
          found: `${p.periodId}，本院共查找问题${st.found}个，全部录入台账。`, measures: '逐项明确责任领导、责任部门、责任人和整改时限。', results: `已整改销号${st.closed}个。`,
        }, president(c.courtId));
        agenda.at(dayOfWork + r.int(1, 3), () => {
          if (version === 1 && r.chance(0.1)) {
            w.emit(stream, 'report.returned', { reportId, version, reason: '上报数据与台账不符，请核实后重新报送。' }, office);
            agenda.at(dayOfWork + 2, () => submit(2));
          } else {
            w.emit(stream, 'report.accepted', { reportId, version, note: '收悉，已审核。' }, office);
            accepted.set(c.courtId, { version, figures });
          }
        });
      };
      agenda.at(deadline - r.int(0, 6), () => submit(1));
    }
    agenda.at(deadline + 5, () => {
      const sources = subordinates.filter((c) => accepted.has(c.courtId)).map((c) => ({ courtId: c.courtId, ...(accepted.get(c.courtId) as object) }));
      if (sources.length > 0) w.emit(s.report(p.periodId, 'gy'), 'report.consolidated', { reportId: `${p.periodId}@gy`, sources }, office);
    });
  }

  // ---- routine inspections twice a year: each upper court inspects the courts under it -------------
  let inspections = 0;
  const inspect = (day: number, host: Court, periodId: string) => {
    const inspectionId = `I-${++inspections}`;
    const stream = s.inspection(inspectionId);
    const targets = courts.filter((c) => c.parentCourtId === host.courtId);
    const inspector = staff(host, '监察室');
    agenda.at(day, () => w.emit(stream, 'inspection.planned', { inspectionId, kind: 'routine', periodId, targets: targets.map((c) => c.courtId), title: `${periodId}常规检查` }, inspector));
    targets.forEach((c, i) => {
      agenda.at(day + 3 + i, () => {
        w.emit(stream, 'inspection.visit_recorded', { inspectionId, courtId: c.courtId, visitedOn: dateOf(dayOfWork) }, inspector);
        for (let f = 1; f <= r.int(1, 2); f++) {
          const findingId = `F-${c.courtId}-${f}`;
          const department = deptOfProblem(c);
          w.emit(stream, 'inspection.finding_recorded', {
            inspectionId, findingId, courtId: c.courtId, department, title: `检查发现${department}工作问题`, description: '常规检查发现：相关制度执行不到位。',
            criterion: '实施方案工作要求', severity: 'minor', evidence: [],
          }, inspector);
          const before = problems;
          openProblem(dayOfWork, c, { kind: 'inspection', inspectionId, findingId }, department);
          w.emit(stream, 'inspection.finding_linked', { inspectionId, findingId, problemId: `${c.courtId}-P${before + 1}` }, inspector);
        }
        const closed = recentlyClosed.get(c.courtId) as string[];
        const checked = closed[closed.length - 1];
        if (checked !== undefined) {
          const passed = !r.chance(0.05);
          w.emit(stream, 'inspection.spot_check_recorded', { inspectionId, checkId: `S-${checked}`, problemId: checked, courtId: c.courtId, problemStatus: 'closed', passed, note: passed ? '现场核查，整改到位。' : '现场核查，整改不实。' }, inspector);
          if (!passed) closed.pop();
          if (!passed) w.emit(s.problem(checked), 'problem.reopened', { problemId: checked, inspectionId, reason: '回头看发现整改不实，重新打开。' }, inspector);
        }
      });
    });
    agenda.at(day + 4 + targets.length, () => {
      w.emit(stream, 'inspection.concluded', { inspectionId, summary: '检查完成，发现问题已移交台账。' }, inspector);
      w.forget(stream);
    });
  };
  for (const p of periods) {
    if (!p.periodId.endsWith('Q2') && !p.periodId.endsWith('Q4')) continue;
    const day = dayIndex(p.to) - 25;
    for (const host of courts.filter((c) => c.level !== 'grassroots')) inspect(day, host, p.periodId);
  }

  // ---- the days -----------------------------------------------------------------------------
  const sample = (rate: number) => Math.floor(rate) + (r.chance(rate - Math.floor(rate)) ? 1 : 0);
  for (dayOfWork = 1; dayOfWork <= LAST_DAY && !w.full; dayOfWork++) {
    if (!isWeekend(dayOfWork) && dayOfWork >= 3) {
      for (const c of courts) {
        for (let k = sample(perWeekday); k > 0; k--) openProblem(dayOfWork, c, { kind: 'self' });
        if (c.level !== 'high' && dayOfWork >= 8) {
          for (let k = sample(perWeekday * 0.8); k > 0; k--) {
            const taskId = r.pick(taskIds);
            const percent = Math.min(100, Math.round((100 * dayOfWork) / LAST_DAY) + r.int(-5, 5));
            w.emit(s.task(taskId), 'task.progress_reported', { taskId, courtId: c.courtId, percent: Math.max(0, percent), summary: `本院已完成任务进度${Math.max(0, percent)}%，正在推进。` }, head(c, '审管办'));
          }
        }
        if (c.level !== 'grassroots') for (let k = sample(perWeekday * 0.5); k > 0; k--) supervise(dayOfWork, c);
      }
    }
    for (const work of agenda.take(dayOfWork)) work();
    if (dateOf(dayOfWork) === '2021-11-25') {
      // Completion of the plan's tasks, then their evaluation (a few returned first).
      for (const taskId of taskIds) {
        w.emit(s.task(taskId), 'task.completion_reported', { taskId, summary: '任务已按方案完成，各法院分解任务均已落实。', evidence: [{ description: '任务完成情况报告', sha256: SHA(r) }] }, office);
        agenda.at(dayOfWork + 10, () => w.emit(s.task(taskId), 'task.evaluated', { taskId, rating: r.pick(['excellent', 'good', 'good', 'adequate']), comment: '经考评，任务完成情况符合要求。' }, president('gy')));
      }
    }
    await w.flush(dayOfWork);
    options.onProgress?.(w.written);
  }
  return {
    namespace: ns, events: w.written, courts: courts.length, problems, supervisionItems: items, accountabilityCases: cases,
    lastDay: dateOf(Math.min(dayOfWork - 1, LAST_DAY)), lastRecordedAt: w.lastRecordedAt, problemsPerCourtMonth: Math.round(density * 100) / 100,
  };
}
