/**
 * Oversight in the second half: a routine re-check (回头看) of the grassroots courts with spot
 * checks of closed problems; an unannounced inspection (明察暗访) whose targets are drawn from a
 * seed committed before the visits and revealed after; at a drawn court a spot check finds that a
 * closure the court claimed in its Q3 report is false: the problem is reopened, a falsification
 * case is proposed, its facts established, a circulated criticism (通报批评) decided by the leading
 * group, published and closed. At the end of the year the reactions propose overdue cases.
 */
import { drawTargets, seedCommitment } from '../campaign/inspection/draw';
import { addDays, type Agenda } from './agenda';
import type { DemoContext, DemoProblem } from './context';
import { INTERMEDIATE, departmentPerson, grassrootsCourts } from './organization';
import { INSPECTOR } from './first-half';
import { responsiblePerson } from './rectification';
import { LEADER, OFFICE, taskId } from './setup';

const DISCIPLINE = `${INTERMEDIATE}-discipline-1`;
/** The id of the unannounced inspection. */
export const UNANNOUNCED = 'U-2019-01';
/** The id of the falsification case. */
export const FALSIFICATION_CASE = 'AC-2019-001';

/** What the oversight found, for the summary. */
export interface OversightOutcome {
  /** The courts drawn for the unannounced inspection. */
  drawn: string[];
  /** The problem whose claimed closure the spot check found false. */
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
    const day = addDays('2019-09-17', i);
    agenda.add(day, '10:00', `re-check ${court.courtId}`, async () => {
      await ctx.step(`re-check visit ${court.courtId}`, I.recordVisit(INSPECTOR, { inspectionId: id, courtId: court.courtId, visitedOn: day }));
      const closed = ctx.problems.filter((p) => p.courtId === court.courtId && p.status === 'closed');
      if (closed.length < 2) return; // the earliest closure is left for the unannounced inspection
      const p = closed[closed.length - 1] as DemoProblem; // the latest closure
      outcome.checked.add(p.problemId);
      await ctx.step(`re-check spot check ${p.problemId}`, I.recordSpotCheck(INSPECTOR, {
        inspectionId: id, checkId: `S-${p.problemId}`, problemId: p.problemId, passed: true, note: '现场核查，整改到位。',
      }));
    });
  }
  agenda.add('2019-09-23', '16:00', 'conclude re-check', async () => {
    await ctx.step('conclude re-check', I.conclude(INSPECTOR, { inspectionId: id, summary: '回头看完成，抽查问题整改到位。' }));
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
      await ctx.step(`monthly progress ${c}`, ctx.ledger.task.reportProgress(`${c}-president`, { taskId: taskId(34), courtId: c, percent: 70, summary: '月度进展：按计划推进。' }));
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
      // A closure the court claimed in its Q3 report (closed by 30 September), else any closure.
      const closed = ctx.problems
        .filter((p) => p.courtId === court && p.status === 'closed' && !outcome.checked.has(p.problemId))
        .sort((a, b) => ((a.closedOn ?? '') < (b.closedOn ?? '') ? -1 : 1));
      const target = closed[0];
      if (target === undefined) return;
      const fails = outcome.falsified === undefined;
      if (fails && (target.closedOn ?? '') > '2019-09-30') throw new Error(`the falsified closure of ${target.problemId} must be one the Q3 report claimed`);
      if (fails) outcome.falsified = target;
      outcome.checked.add(target.problemId);
      await ctx.step(`spot check ${target.problemId}`, I.recordSpotCheck(INSPECTOR, {
        inspectionId: UNANNOUNCED, checkId: `S-${target.problemId}`, problemId: target.problemId, passed: !fails,
        note: fails ? '暗访发现：该问题已报销号，但现场情况与佐证材料不符，整改未落实。' : '暗访核查，整改到位。',
      }));
    });
  }
  agenda.add('2019-11-08', '10:00', 'reveal seed', async () => {
    await ctx.step('reveal seed', I.revealSeed(INSPECTOR, { inspectionId: UNANNOUNCED, seed }));
    await ctx.step('conclude unannounced inspection', I.conclude(INSPECTOR, { inspectionId: UNANNOUNCED, summary: '明察暗访完成，发现一起虚报整改问题。' }));
  });
};

const falsification = (ctx: DemoContext, agenda: Agenda, outcome: OversightOutcome) => {
  const A = ctx.ledger.accountability;
  const f = () => {
    if (outcome.falsified === undefined) throw new Error('the unannounced inspection found no closed problem to check at the drawn courts');
    return outcome.falsified;
  };
  agenda.add('2019-11-08', '11:00', 'reopen', async () => {
    const p = f();
    await ctx.step(`reopen ${p.problemId}`, ctx.ledger.problem.reopen(INSPECTOR, { problemId: p.problemId, inspectionId: UNANNOUNCED, reason: '明察暗访回头看发现整改不实，重新打开。' }));
    p.status = 'open';
  });
  agenda.add('2019-11-11', '09:00', 'propose case', async () => {
    const p = f();
    const report = await ctx.step('load Q3 report', ctx.ledger.load.report('2019-Q3', p.courtId));
    await ctx.step('propose falsification case', A.propose(INSPECTOR, {
      caseId: FALSIFICATION_CASE, subject: { kind: 'person', personId: responsiblePerson(p) }, grounds: 'falsification',
      summary: `${p.courtId}在第三季度报告中将问题“${p.title}”报为已整改销号，明察暗访发现整改未落实，涉嫌虚报整改。`,
      evidence: [
        { kind: 'spot_check', inspectionId: UNANNOUNCED, checkId: `S-${p.problemId}` },
        { kind: 'report', periodId: '2019-Q3', courtId: p.courtId, version: report.state.versions.length },
        { kind: 'problem', problemId: p.problemId },
      ],
    }));
  });
  agenda.add('2019-11-12', '10:00', 'replan', async () => {
    const p = f();
    await ctx.step(`replan ${p.problemId}`, ctx.ledger.problem.planMeasure(responsiblePerson(p), {
      problemId: p.problemId, measureId: 'M-R1', content: '重新制定整改措施，逐项落实并接受复查。', deadline: '2020-03-31',
    }));
  });
  agenda.add('2019-11-18', '15:00', 'establish facts', async () => {
    await ctx.step('establish facts', A.establishFacts(DISCIPLINE, { caseId: FALSIFICATION_CASE, facts: '经调查核实，责任人在整改未完成的情况下提交不实佐证材料申请销号，所在法院据此在季度报告中上报，情况属实。' }));
  });
  // The subject is told the facts and may state a defence (陈述申辩) before the decision.
  agenda.add('2019-11-19', '10:00', 'notify subject', async () => {
    await ctx.step('notify subject', A.notifySubject(DISCIPLINE, { caseId: FALSIFICATION_CASE, defenceDays: 3 }));
  });
  agenda.add('2019-11-20', '16:00', 'state defence', async () => {
    await ctx.step('state defence', A.stateDefence(responsiblePerson(f()), { caseId: FALSIFICATION_CASE, statement: '对事实无异议，系对销号标准理解有误，今后严格按要求整改。' }));
  });
  // 通报批评 is a collective decision of the leading group: more than half of its seven members present.
  agenda.add('2019-11-25', '10:00', 'decide sanction', async () => {
    const present = [LEADER, `${INTERMEDIATE}-vp`, ...['办公室', '审管办', '政治部'].map((d) => departmentPerson(INTERMEDIATE, d).personId)];
    await ctx.step('decide sanction', A.decideSanction(LEADER, {
      caseId: FALSIFICATION_CASE, sanction: 'circulated_criticism', present, rationale: '虚报整改情况，造成不良影响，经领导小组研究决定予以通报批评。',
    }));
  });
  agenda.add('2019-11-27', '10:00', 'publish', async () => {
    await ctx.step('publish', A.publish(OFFICE, { caseId: FALSIFICATION_CASE, channel: '全市法院“加强管理年”活动通报（2019年第5期）' }));
  });
  agenda.add('2019-12-02', '15:00', 'close case', async () => {
    await ctx.step('close case', A.close(DISCIPLINE, { caseId: FALSIFICATION_CASE, summary: '通报批评已执行，问题已重新纳入台账整改。' }));
  });
};

/** Adds the oversight actions to the agenda; the outcome is filled in as they run. */
export const planOversight = (ctx: DemoContext, agenda: Agenda): OversightOutcome => {
  const outcome: OversightOutcome = { drawn: [], checked: new Set() };
  routineRecheck(ctx, agenda, outcome);
  unannounced(ctx, agenda, outcome);
  falsification(ctx, agenda, outcome);
  agenda.add('2019-12-31', '17:00', 'year-end reactions', async () => {
    await ctx.step('year-end reactions', ctx.ledger.reactions.run());
  });
  return outcome;
};
