/**
 * Oversight in the second half: a routine re-check (回头看) of the grassroots courts with spot
 * checks of closed problems; a special check of the court whose Q3 report claimed more closures
 * than its ledger: a spot check finds that a closure the report claimed is false, the problem is
 * reopened, and the chain answers for it — the clerk who asked for the closure, the verifier who
 * certified it and the responsible leader — while the court is dealt with under the plan's
 * 弄虚作假 rule (对活动开展不力、弄虚作假的进行通报批评，对相关领导严肃追责问责): facts established by the
 * discipline office, sanctions decided by the leading group, a circular published, cases closed.
 * An unannounced inspection (明察暗访) draws its targets from a seed committed before the visits and
 * revealed after. At the end of the year the reactions run once more.
 */
import { addWorkingDays } from '../campaign/calendar';
import type { CaseSubject, Sanction } from '../campaign/accountability/events';
import { drawTargets, seedCommitment } from '../campaign/inspection/draw';
import { type Agenda } from './agenda';
import type { DemoContext, DemoProblem } from './context';
import { INTERMEDIATE, departmentPerson, grassrootsCourts } from './organization';
import { INSPECTOR } from './first-half';
import { responsiblePerson, verifierFor } from './rectification';
import { LEADER, OFFICE, taskId } from './setup';

const DISCIPLINE = `${INTERMEDIATE}-discipline-1`;
/** The id of the unannounced inspection. */
export const UNANNOUNCED = 'U-2019-01';
/** The id of the special check of the court whose Q3 report overstated its closures. */
export const SPECIAL_CHECK = 'I-2019-S1';
/** The case against the clerk who asked for the false closure (the first of the chain). */
export const FALSIFICATION_CASE = 'AC-2019-001';

/** Who answers for the false closure, and how (the plan: 通报批评, and 追责问责 of the leaders concerned). */
const CHAIN: readonly { readonly caseId: string; readonly who: string; readonly sanction: Sanction }[] = [
  { caseId: FALSIFICATION_CASE, who: 'clerk', sanction: 'circulated_criticism' },
  { caseId: 'AC-2019-002', who: 'verifier', sanction: 'circulated_criticism' },
  { caseId: 'AC-2019-003', who: 'leader', sanction: 'accountability' },
  { caseId: 'AC-2019-004', who: 'court', sanction: 'circulated_criticism' },
];

/** What each subject says in its defence (陈述申辩). */
const DEFENCE: Readonly<Record<string, string>> = {
  clerk: '对事实无异议，系对销号标准理解有误，今后严格按要求整改。',
  verifier: '对事实无异议，核查时仅审阅了书面材料，未到现场核实。',
  leader: '对事实无异议，对整改把关不严负有领导责任。',
  court: '对事实无异议，本院已重新核实全部销号问题并如实报告。',
};

/** The ids of the falsification cases, in the order of the chain. */
export const FALSIFICATION_CASES: readonly string[] = CHAIN.map((c) => c.caseId);

/** What the oversight found, for the summary. */
export interface OversightOutcome {
  /** The courts drawn for the unannounced inspection. */
  drawn: string[];
  /** The problem whose claimed closure the special check found false. */
  falsified?: DemoProblem;
  /** Problems spot-checked so far. */
  readonly checked: Set<string>;
}

const routineRecheck = (ctx: DemoContext, agenda: Agenda, outcome: OversightOutcome) => {
  const I = ctx.ledger.inspection;
  const id = 'I-2019-R2';
  agenda.add('2019-09-16', '09:00', 'plan re-check', async () => {
    await ctx.step('plan re-check', I.plan(INSPECTOR, { inspectionId: id, kind: 'routine', title: '整改情况回头看', targets: grassrootsCourts.map((c) => c.courtId), periodId: '2019-Q3' }));
  });
  for (const [i, court] of grassrootsCourts.entries()) {
    const day = addWorkingDays('2019-09-17', Math.floor(i / 2));
    agenda.add(day, '10:00', `re-check ${court.courtId}`, async () => {
      await ctx.step(`re-check visit ${court.courtId}`, I.recordVisit(INSPECTOR, { inspectionId: id, courtId: court.courtId, visitedOn: day }));
      const closed = ctx.problems.filter((p) => p.courtId === court.courtId && p.status === 'closed');
      if (closed.length < 2) return; // the earliest closure is left for the later checks
      const p = closed[closed.length - 1] as DemoProblem; // the latest closure
      outcome.checked.add(p.problemId);
      await ctx.step(`re-check spot check ${p.problemId}`, I.recordSpotCheck(INSPECTOR, {
        inspectionId: id, checkId: `S-${p.problemId}`, problemId: p.problemId, passed: true, note: '现场核查，整改到位。',
      }));
    });
  }
  agenda.add('2019-09-24', '16:00', 'conclude re-check', async () => {
    await ctx.step('conclude re-check', I.conclude(INSPECTOR, { inspectionId: id, summary: '回头看完成，抽查问题整改到位。' }));
  });
};

/** The earliest closure of a court not checked yet. */
const earliestClosure = (ctx: DemoContext, outcome: OversightOutcome, courtId: string): DemoProblem | undefined => ctx.problems
  .filter((p) => p.courtId === courtId && p.status === 'closed' && !outcome.checked.has(p.problemId))
  .sort((a, b) => ((a.closedOn ?? '') < (b.closedOn ?? '') ? -1 : (a.closedOn ?? '') > (b.closedOn ?? '') ? 1 : a.problemId < b.problemId ? -1 : 1))[0];

/** The office returned the Q3 report for figures that do not match the ledger; the inspectors check the court's claimed closures on site. */
const specialCheck = (ctx: DemoContext, agenda: Agenda, outcome: OversightOutcome, court: string) => {
  const I = ctx.ledger.inspection;
  agenda.add('2019-10-15', '09:00', 'plan special check', async () => {
    await ctx.step('plan special check', I.plan(INSPECTOR, {
      inspectionId: SPECIAL_CHECK, kind: 'routine', title: '第三季度报告数据核查（专项检查）', targets: [court], periodId: '2019-Q3',
    }));
  });
  agenda.add('2019-10-16', '10:00', 'special check visit', async () => {
    await ctx.step('special check visit', I.recordVisit(INSPECTOR, { inspectionId: SPECIAL_CHECK, courtId: court, visitedOn: '2019-10-16' }));
    const target = earliestClosure(ctx, outcome, court);
    if (target === undefined) throw new Error(`the special check found no closure of ${court} to check`);
    if ((target.closedOn ?? '') > '2019-09-30') throw new Error(`the falsified closure of ${target.problemId} must be one the Q3 report claimed`);
    outcome.falsified = target;
    outcome.checked.add(target.problemId);
    await ctx.step(`spot check ${target.problemId}`, I.recordSpotCheck(INSPECTOR, {
      inspectionId: SPECIAL_CHECK, checkId: `S-${target.problemId}`, problemId: target.problemId, passed: false,
      note: '现场核查发现：该问题已报销号并计入第三季度报告，但现场情况与佐证材料不符，整改未落实。',
    }));
  });
  agenda.add('2019-10-17', '10:00', 'conclude special check', async () => {
    await ctx.step('conclude special check', I.conclude(INSPECTOR, { inspectionId: SPECIAL_CHECK, summary: '核查发现一起虚报整改销号问题，移送追责。' }));
  });
};

const unannounced = (ctx: DemoContext, agenda: Agenda, outcome: OversightOutcome) => {
  const I = ctx.ledger.inspection;
  const candidates = grassrootsCourts.map((c) => c.courtId);
  const seed = ctx.random.hex(32);
  agenda.add('2019-11-04', '09:00', 'plan unannounced inspection', async () => {
    await ctx.step('plan unannounced inspection', I.plan(INSPECTOR, { inspectionId: UNANNOUNCED, kind: 'unannounced', title: '明察暗访（随机抽取两个基层法院）' }));
    await ctx.step('commit seed', I.commitSeed(INSPECTOR, { inspectionId: UNANNOUNCED, commitment: seedCommitment(seed), candidates, count: 2 }));
  });
  // The courts' monthly progress on task 34 on 5 November: the first of these events is the beacon.
  for (const c of candidates) {
    agenda.add('2019-11-05', '09:00', `monthly progress ${c}`, async () => {
      await ctx.step(`monthly progress ${c}`, ctx.ledger.task.reportProgress(`${c}-president`, { taskId: taskId(34), courtId: c, percent: 30, summary: '月度进展：按三年规划推进。' }));
    });
  }
  for (const [k, day] of ['2019-11-06', '2019-11-07'].entries()) {
    agenda.add(day, '10:00', `unannounced visit ${k + 1}`, async () => {
      if (k === 0) {
        const beacon = await ctx.step('load beacon', ctx.ledger.load.beacon(UNANNOUNCED));
        if (beacon === undefined) throw new Error('no beacon after the commitment: the scenario must record an event the next day');
        outcome.drawn = drawTargets(seed, beacon.hash, candidates, 2);
      }
      const court = outcome.drawn[k] as string;
      await ctx.step(`unannounced visit ${court}`, I.recordVisit(INSPECTOR, { inspectionId: UNANNOUNCED, courtId: court, visitedOn: day }));
      const target = earliestClosure(ctx, outcome, court);
      if (target === undefined) return;
      outcome.checked.add(target.problemId);
      await ctx.step(`spot check ${target.problemId}`, I.recordSpotCheck(INSPECTOR, {
        inspectionId: UNANNOUNCED, checkId: `S-${target.problemId}`, problemId: target.problemId, passed: true, note: '暗访核查，整改到位。',
      }));
    });
  }
  agenda.add('2019-11-08', '10:00', 'reveal seed', async () => {
    await ctx.step('reveal seed', I.revealSeed(INSPECTOR, { inspectionId: UNANNOUNCED, seed }));
    await ctx.step('conclude unannounced inspection', I.conclude(INSPECTOR, { inspectionId: UNANNOUNCED, summary: '明察暗访完成，抽查问题整改到位。' }));
  });
};

const falsification = (ctx: DemoContext, agenda: Agenda, outcome: OversightOutcome) => {
  const A = ctx.ledger.accountability;
  const f = () => {
    if (outcome.falsified === undefined) throw new Error('the special check found no false closure');
    return outcome.falsified;
  };
  const subjectOf = (who: string, p: DemoProblem): CaseSubject => {
    switch (who) {
      case 'clerk': return { kind: 'person', personId: responsiblePerson(p) };
      case 'verifier': return { kind: 'person', personId: verifierFor(p) };
      case 'leader': return { kind: 'person', personId: `${p.courtId}-vp` };
      default: return { kind: 'unit', courtId: p.courtId };
    }
  };
  const summaryOf = (who: string, p: DemoProblem): string => {
    const base = `问题“${p.title}”（${p.problemId}）整改未落实即申请销号，${p.courtId}在第三季度报告中报为已整改`;
    switch (who) {
      case 'clerk': return `${base}；责任人提交不实佐证材料申请销号。`;
      case 'verifier': return `${base}；核查人员未经实地核查即出具整改属实的核查意见。`;
      case 'leader': return `${base}；责任领导对整改把关不严，对虚报负有领导责任。`;
      default: return `${base}，上报数据与台账不符，属弄虚作假。`;
    }
  };
  agenda.add('2019-10-17', '11:00', 'reopen', async () => {
    const p = f();
    await ctx.step(`reopen ${p.problemId}`, ctx.ledger.problem.reopen(INSPECTOR, { problemId: p.problemId, inspectionId: SPECIAL_CHECK, reason: '专项检查发现整改不实，重新打开。' }));
    p.status = 'open';
  });
  agenda.add('2019-10-18', '09:00', 'propose cases', async () => {
    const p = f();
    // Version 1 of the Q3 report is the one returned for overstated closures.
    for (const c of CHAIN) {
      await ctx.step(`propose ${c.caseId}`, A.propose(INSPECTOR, {
        caseId: c.caseId, subject: subjectOf(c.who, p), grounds: 'falsification', summary: summaryOf(c.who, p),
        evidence: [
          { kind: 'spot_check', inspectionId: SPECIAL_CHECK, checkId: `S-${p.problemId}` },
          { kind: 'report', periodId: '2019-Q3', courtId: p.courtId, version: 1 },
          { kind: 'problem', problemId: p.problemId },
        ],
      }));
    }
  });
  agenda.add('2019-10-21', '10:00', 'replan', async () => {
    const p = f();
    await ctx.step(`replan ${p.problemId}`, ctx.ledger.problem.planMeasure(responsiblePerson(p), {
      problemId: p.problemId, measureId: 'M-R1', content: '重新制定整改措施，逐项落实并接受复查。', deadline: '2020-03-31',
    }));
  });
  agenda.add('2019-10-25', '15:00', 'establish facts', async () => {
    for (const c of CHAIN) {
      await ctx.step(`establish facts ${c.caseId}`, A.establishFacts(DISCIPLINE, { caseId: c.caseId, facts: `经调查核实：${summaryOf(c.who, f())}情况属实。` }));
    }
  });
  // Each subject is told the facts and may state a defence (陈述申辩) before the decision; for the
  // court, its president speaks.
  agenda.add('2019-10-25', '16:30', 'notify subjects', async () => {
    for (const c of CHAIN) await ctx.step(`notify ${c.caseId}`, A.notifySubject(DISCIPLINE, { caseId: c.caseId, defenceDays: 5 }));
  });
  agenda.add('2019-10-28', '16:00', 'state defences', async () => {
    const p = f();
    for (const c of CHAIN) {
      const subject = subjectOf(c.who, p);
      const speaker = subject.kind === 'person' ? subject.personId : `${p.courtId}-president`;
      await ctx.step(`defence ${c.caseId}`, A.stateDefence(speaker, { caseId: c.caseId, statement: DEFENCE[c.who] ?? '对事实无异议。' }));
    }
  });
  // 通报批评 and 追责问责 are collective decisions of the leading group: more than half of its seven members present.
  agenda.add('2019-11-01', '10:00', 'decide sanctions', async () => {
    const present = [LEADER, `${INTERMEDIATE}-vp`, ...['办公室', '审管办', '政治部'].map((d) => departmentPerson(INTERMEDIATE, d).personId)];
    for (const c of CHAIN) {
      await ctx.step(`decide ${c.caseId}`, A.decideSanction(LEADER, {
        caseId: c.caseId, sanction: c.sanction, present,
        rationale: c.sanction === 'accountability'
          ? '依照实施方案“对相关领导严肃追责问责”的规定，经领导小组研究决定予以追责问责。'
          : '依照实施方案“对活动开展不力、弄虚作假的进行通报批评”的规定，经领导小组研究决定予以通报批评。',
      }));
    }
  });
  agenda.add('2019-11-05', '15:00', 'publish', async () => {
    for (const c of CHAIN) await ctx.step(`publish ${c.caseId}`, A.publish(OFFICE, { caseId: c.caseId, channel: '全市法院“加强管理年”活动通报（2019年第5期）' }));
  });
  agenda.add('2019-11-15', '15:00', 'close cases', async () => {
    for (const c of CHAIN) await ctx.step(`close ${c.caseId}`, A.close(DISCIPLINE, { caseId: c.caseId, summary: '处理决定已执行，问题已重新纳入台账整改。' }));
  });
};

/** Adds the oversight actions to the agenda; the outcome is filled in as they run. */
export const planOversight = (ctx: DemoContext, agenda: Agenda, overstated: string): OversightOutcome => {
  const outcome: OversightOutcome = { drawn: [], checked: new Set() };
  routineRecheck(ctx, agenda, outcome);
  specialCheck(ctx, agenda, outcome, overstated);
  falsification(ctx, agenda, outcome);
  unannounced(ctx, agenda, outcome);
  agenda.add('2019-12-31', '17:00', 'year-end reactions', async () => {
    await ctx.step('year-end reactions', ctx.ledger.reactions.run());
  });
  return outcome;
};
