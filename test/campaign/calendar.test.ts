/**
 * The PRC working-day calendar against the State Council's notices (国办发明电〔2018〕15号 for 2019,
 * 〔2019〕16号 and 〔2020〕1号 for 2020, 〔2020〕27号 for 2021), its coverage, and the campaign setting
 * that makes deadlines working days.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CALENDAR_COVERAGE, CalendarRangeError, WORKING_DAYS, addWorkingDays, calendarFor, deadlineProblem, isWorkingDay, workingDaysBetween,
} from '../../src/campaign/calendar';
import { campaignAggregate } from '../../src/campaign/campaign/decider';
import { problemAggregate } from '../../src/campaign/problem/decider';
import { taskAggregate } from '../../src/campaign/task/decider';
import { NATURAL_DAYS, addDays, daysUntil } from '../../src/campaign/time';
import { assigned, identified } from './support/problems';
import { NS, actor, campaign, campaignEventsList, org, specOf } from './support/world';

const off = (...dates: string[]) => dates.forEach((d) => expect(isWorkingDay(d), `${d} is a rest day`).toBe(false));
const on = (...dates: string[]) => dates.forEach((d) => expect(isWorkingDay(d), `${d} is a working day`).toBe(true));

describe('calendar: the State Council notices', () => {
  it('2019: National Day Oct 1–7 off, Sep 29 and Oct 12 worked; Spring Festival; the 4-day Labour Day of 〔2019〕3号', () => {
    off('2019-10-01', '2019-10-02', '2019-10-03', '2019-10-04', '2019-10-05', '2019-10-06', '2019-10-07');
    on('2019-09-29', '2019-10-12', '2019-09-30', '2019-10-08');
    off('2019-02-04', '2019-02-10', '2019-05-01', '2019-05-02', '2019-05-03', '2019-05-04', '2019-04-05', '2019-06-07', '2019-09-13');
    on('2019-02-02', '2019-02-03', '2019-04-28', '2019-05-05');
    off('2019-01-01');
    on('2018-12-29');
  });
  it('2020: Spring Festival extended to Feb 2 (〔2020〕1号): Jan 31 and the Saturday Feb 1 rest, work resumes Feb 3', () => {
    off('2020-01-24', '2020-01-30', '2020-01-31', '2020-02-01', '2020-02-02');
    on('2020-01-19', '2020-02-03');
    off('2020-05-01', '2020-05-05', '2020-06-25', '2020-06-27', '2020-10-01', '2020-10-08');
    on('2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10');
  });
  it('2021: New Year, Spring Festival, Labour Day, Mid-Autumn and National Day with their worked weekends', () => {
    off('2021-01-01', '2021-01-03', '2021-02-11', '2021-02-17', '2021-05-01', '2021-05-05', '2021-09-19', '2021-09-21', '2021-10-01', '2021-10-07');
    on('2021-02-07', '2021-02-20', '2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26', '2021-10-09');
    off('2021-06-12', '2021-06-14', '2021-04-03', '2021-04-05');
  });
  it('an ordinary Saturday rests and an ordinary Wednesday works', () => {
    off('2019-06-08');
    on('2019-06-05');
  });
});

describe('calendar: coverage', () => {
  it('knows every year 2019–2026 (each has holidays on weekdays and its National Day off), and refuses the years it does not know', () => {
    expect(CALENDAR_COVERAGE.firstYear).toBeLessThanOrEqual(2019);
    expect(CALENDAR_COVERAGE.lastYear).toBeGreaterThanOrEqual(2026);
    for (let y = 2019; y <= 2026; y++) {
      off(`${y}-10-01`, `${y}-01-01`);
      let weekdayHolidays = 0;
      for (let d = `${y}-01-01`; d <= `${y}-12-31`; d = addDays(d, 1)) {
        const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
        if (dow >= 1 && dow <= 5 && !isWorkingDay(d)) weekdayHolidays++;
      }
      expect(weekdayHolidays, `${y}`).toBeGreaterThanOrEqual(17);
    }
    expect(() => isWorkingDay(`${CALENDAR_COVERAGE.lastYear + 1}-03-03`)).toThrow(CalendarRangeError);
    expect(deadlineProblem('2030-03-04', 'working')).toContain('outside');
  });
});

describe('calendar: counting', () => {
  it('adds working days across the 2019 National Day week', () => {
    expect(addWorkingDays('2019-09-27', 1)).toBe('2019-09-29');
    expect(addWorkingDays('2019-09-30', 1)).toBe('2019-10-08');
    expect(addWorkingDays('2019-10-08', -1)).toBe('2019-09-30');
    expect(addWorkingDays('2019-10-03', 0)).toBe('2019-10-08');
    expect(addWorkingDays('2019-09-30', 5)).toBe('2019-10-12');
  });
  it('counts working days left under the Calendar hook: the holiday week is not counted; overdue stays overdue', () => {
    expect(workingDaysBetween('2019-09-30', '2019-10-08')).toBe(1);
    expect(NATURAL_DAYS.daysBetween('2019-09-30', '2019-10-08')).toBe(8);
    expect(workingDaysBetween('2019-10-08', '2019-09-30')).toBe(-1);
    expect(daysUntil('2019-09-30T02:00:00.000Z', '2019-10-12', 480, WORKING_DAYS)).toBe(5);
    expect(calendarFor(undefined)).toBe(NATURAL_DAYS);
    expect(calendarFor('working')).toBe(WORKING_DAYS);
  });
  it('property: the sign follows the natural order, 0 only for the same day, and adding n working days is n days away', () => {
    const day = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2019-01-01', n));
    fc.assert(fc.property(day, day, (a, b) => {
      const w = workingDaysBetween(a, b);
      expect(Math.sign(w)).toBe(Math.sign(NATURAL_DAYS.daysBetween(a, b)));
    }), { seed: 1914, numRuns: 200 });
    fc.assert(fc.property(day, fc.integer({ min: 1, max: 40 }), (a, n) => {
      const b = addWorkingDays(a, n);
      expect(isWorkingDay(b)).toBe(true);
      expect(workingDaysBetween(a, b)).toBe(n);
    }), { seed: 2019, numRuns: 200 });
  });
});

describe('calendar: the campaign setting', () => {
  const cspec = specOf(campaignAggregate, { namespace: NS, org });
  const chosen = { type: 'campaign.day_count_chosen' as const, data: { dayCount: 'working' as const } };
  it('natural days until the office chooses working days; choosing the same twice is refused; a stranger changes nothing', () => {
    expect(campaign.dayCount).toBe('natural');
    const s = cspec.given(campaignEventsList).when({ type: 'chooseDayCount', dayCount: 'working' }, { actor: actor('office1') }).thenEmits([chosen]);
    expect(s.dayCount).toBe('working');
    cspec.given([...campaignEventsList, chosen]).when({ type: 'chooseDayCount', dayCount: 'working' }, { actor: actor('office1') })
      .thenRefused('campaign.day_count.unchanged');
    cspec.given(campaignEventsList).when({ type: 'chooseDayCount', dayCount: 'working' }, { actor: actor('ng-staff') })
      .thenNotAuthorized('campaign.chooseDayCount');
  });
  const working = { ...campaign, dayCount: 'working' as const };
  it('a measure deadline on a holiday is refused when the campaign counts working days, and accepted when it counts natural days', () => {
    const plan = { type: 'planMeasure' as const, problemId: 'P-1', measureId: 'M1', content: '清理案款', deadline: '2019-10-01' };
    specOf(problemAggregate, { org, campaign: working }).given([identified, assigned]).when(plan, { actor: actor('ng-staff') })
      .thenRefused('calendar.deadline_not_working_day');
    specOf(problemAggregate, { org, campaign: working }).given([identified, assigned]).when({ ...plan, deadline: '2019-10-12' }, { actor: actor('ng-staff') })
      .thenEmitsTypes('problem.measure_planned');
    specOf(problemAggregate, { org, campaign }).given([identified, assigned]).when(plan, { actor: actor('ng-staff') })
      .thenEmitsTypes('problem.measure_planned');
  });
  it('a task due on a Sunday is refused when the campaign counts working days', () => {
    const issue = {
      type: 'issue' as const, taskId: 'T-1', number: 1, categoryId: '1', title: '健全审判管理', content: '建立审判管理制度',
      leadDepartments: ['审管办'], scopeCourts: ['NANGUAN'], dueDate: '2019-06-30',
    };
    specOf(taskAggregate, { org, campaign: working }).given([]).when(issue, { actor: actor('office1') }).thenRefused('calendar.deadline_not_working_day');
    specOf(taskAggregate, { org, campaign: working }).given([]).when({ ...issue, dueDate: '2019-06-28' }, { actor: actor('office1') }).thenEmitsTypes('task.issued');
  });
});
