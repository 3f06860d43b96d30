import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isRight } from 'fp-ts/Either';
import {
  departmentAliases,
  departmentGroups,
  departments,
  expandDepartments,
  managementYearPlan as plan,
} from '../../src/plans/management-year';

const raw = readFileSync(new URL('../fixtures/management-year-plan.txt', import.meta.url), 'utf8');
const pages = raw.split('\n').filter((line) => line.trim() !== '');
/** The plan text with the page markers ("N、" opening each page) and all whitespace removed. */
const text = pages
  .map((line) => line.replace(/^\d+、/, ''))
  .join('')
  .replace(/\s+/g, '');

const numerals: readonly string[] = ['一', '二', '三', '四'];
const DAY = 86_400_000;
const toTime = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

describe('management-year plan: counts and ranges', () => {
  it('has the four categories with the ranges 1–15, 16–23, 24–33, 34–37', () => {
    expect(plan.categories.map((c) => c.id)).toEqual([1, 2, 3, 4]);
    expect(plan.categories.map((c) => c.taskRange)).toEqual([
      [1, 15],
      [16, 23],
      [24, 33],
      [34, 37],
    ]);
  });

  it('has 37 tasks numbered 1..37 without gaps, in order', () => {
    expect(plan.tasks).toHaveLength(37);
    expect(plan.tasks.map((t) => t.number)).toEqual(Array.from({ length: 37 }, (_, i) => i + 1));
  });

  it('puts each task in the category whose range contains its number', () => {
    for (const t of plan.tasks) {
      const holders = plan.categories.filter(
        (c) => t.number >= c.taskRange[0] && t.number <= c.taskRange[1],
      );
      expect(holders.map((c) => c.id), `task ${t.number}`).toEqual([t.categoryId]);
    }
  });

  it('gives every task one lead (牵头) department, the first-listed, the others co-responsible (协办), marked as assumed', () => {
    expect(plan.tasks.find((t) => t.number === 30)).toMatchObject({ leadDepartments: ['监察室'], coDepartments: ['干部处', '审管办', '各审判执行部门'], leadAssumed: true });
    expect(plan.tasks.find((t) => t.number === 2)).toMatchObject({ leadDepartments: ['审管办'], coDepartments: [] });
    for (const t of plan.tasks) {
      expect(t.leadDepartments, `task ${t.number}`).toHaveLength(1);
      expect(t.leadAssumed, `task ${t.number}`).toBe(true);
    }
  });

  it('gives every task a lead department and a title in both languages', () => {
    for (const t of plan.tasks) {
      expect(t.leadDepartments.length, `task ${t.number}`).toBeGreaterThan(0);
      expect(t.title.trim(), `task ${t.number}`).not.toBe('');
      expect(t.titleEn.trim(), `task ${t.number}`).not.toBe('');
    }
  });

  it('uses only department names that are listed departments, aliases or groups', () => {
    const known = new Set([
      ...departments.map((d) => d.name),
      ...departmentAliases.map((a) => a.alias),
      ...departmentGroups.map((g) => g.name),
    ]);
    for (const t of plan.tasks) {
      for (const name of [...t.leadDepartments, ...t.coDepartments]) {
        expect(known.has(name), `task ${t.number}: ${name}`).toBe(true);
      }
      expect(isRight(expandDepartments([...t.leadDepartments, ...t.coDepartments]))).toBe(true);
    }
    expect(plan.departments).toBe(departments);
    expect(plan.departmentGroups).toBe(departmentGroups);
    expect(plan.departmentAliases).toBe(departmentAliases);
  });

  it('is deeply frozen', () => {
    expect(Object.isFrozen(plan)).toBe(true);
    expect(Object.isFrozen(plan.tasks)).toBe(true);
    expect(Object.isFrozen(plan.tasks[0]?.leadDepartments)).toBe(true);
    expect(Object.isFrozen(plan.departmentGroups[0]?.members)).toBe(true);
    expect(Object.isFrozen(plan.phases[0]?.goals)).toBe(true);
  });
});

describe('management-year plan: phases', () => {
  it('are valid ISO dates, each ending on or after its start', () => {
    for (const p of plan.phases) {
      for (const d of [p.start, p.end]) {
        expect(d, p.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(new Date(toTime(d)).toISOString().slice(0, 10), p.id).toBe(d);
      }
      expect(toTime(p.end)).toBeGreaterThanOrEqual(toTime(p.start));
      expect(p.goals.length).toBeGreaterThan(0);
      expect(p.goalsEn).toHaveLength(p.goals.length);
    }
  });

  it('start on the date of issue, the first ending 2019-06-30, then follow each other day by day', () => {
    expect(plan.issuedOn).toBe('2019-05-20');
    const [first] = plan.phases;
    expect(first?.start).toBe(plan.issuedOn);
    expect(first?.end).toBe('2019-06-30');
    for (let i = 1; i < plan.phases.length; i++) {
      const prev = plan.phases[i - 1];
      const cur = plan.phases[i];
      if (prev === undefined || cur === undefined) throw new Error('unreachable');
      expect(toTime(cur.start) - toTime(prev.end), cur.id).toBe(DAY);
    }
  });

  it('cover the three years 2019–2021, ending on the last day of 2021', () => {
    expect(plan.years).toEqual([2019, 2020, 2021]);
    const startYears = new Set(plan.phases.map((p) => Number(p.start.slice(0, 4))));
    expect([...startYears]).toEqual([...plan.years]);
    expect(plan.phases.at(-1)?.end).toBe('2021-12-31');
  });

  it('mark the dates the plan does not state as assumed', () => {
    expect(plan.phases.map((p) => [p.id, p.datesAssumed])).toEqual([
      ['2019-h1', false],
      ['2019-h2', false],
      ['2020', true],
      ['2021', true],
    ]);
  });
});

describe('management-year plan: checked against the plan text', () => {
  it('reads the fixture as 26 pages, each opening with its page marker', () => {
    expect(pages).toHaveLength(26);
    pages.forEach((line, i) => expect(line.startsWith(`${i + 1}、`), `page ${i + 1}`).toBe(true));
  });

  it('names each category heading and its focus as the plan does (the 4th lacks its bracket)', () => {
    for (const c of plan.categories) {
      const heading = new RegExp(`\\(${numerals[c.id - 1] ?? '_'}\\)?${c.name}。${c.focus}`);
      expect(text, `category ${c.id}`).toMatch(heading);
    }
  });

  it('has exactly 37 responsibility lists, one per task', () => {
    expect(text.split('责任部门:').length - 1).toBe(37);
  });

  it("matches each task's number, title and complete department list to the text, in order", () => {
    let cursor = 0;
    for (const t of plan.tasks) {
      const start = text.indexOf(`${t.number}.`, cursor);
      expect(start, `task ${t.number} number`).toBeGreaterThanOrEqual(0);
      const listAt = text.indexOf('责任部门:', start);
      const segment = text.slice(start, listAt);
      let at = 0;
      for (const piece of t.title.split('……')) {
        const found = segment.indexOf(piece, at);
        expect(found, `task ${t.number} title piece ${piece}`).toBeGreaterThanOrEqual(0);
        at = found + piece.length;
      }
      const list = `责任部门:${[...t.leadDepartments, ...t.coDepartments].join('、')}`;
      expect(text.slice(listAt, listAt + list.length), `task ${t.number}`).toBe(list);
      const category = plan.categories.find((c) => c.id === t.categoryId);
      const last = category?.taskRange[1] === t.number;
      const next =
        t.number === 37 ? '四、活动安排' : last ? `(${numerals[t.categoryId] ?? ''}` : `${t.number + 1}.`;
      const after = text.slice(listAt + list.length, listAt + list.length + next.length);
      expect(after, `what follows task ${t.number}'s list`).toBe(next);
      cursor = listAt + list.length;
    }
  });

  it('finds every plan department, used alias and group name in the text, and no assumed one', () => {
    for (const d of departments) expect(text.includes(d.name), d.name).toBe(!d.assumed);
    for (const a of departmentAliases) expect(text.includes(a.alias), a.alias).toBe(!a.assumed);
    for (const g of departmentGroups) expect(text.includes(g.name), g.name).toBe(true);
  });

  it('finds the title, issuer, date, schedule and phase goals in the text', () => {
    expect(text.startsWith(plan.title)).toBe(true);
    expect(text).toContain(`${plan.issuer}2019年5月20日印发`);
    expect(text).toContain(plan.approach);
    expect(text).toContain(`上半年,${plan.phases[0]?.goals.join('、')}`);
    expect(text).toContain(`下半年,${plan.phases[1]?.goals.join('、')}`);
    for (const p of plan.phases.slice(2)) {
      expect(text).toContain(p.name);
      for (const g of p.goals) expect(text).toContain(g);
    }
  });

  it('finds the leading group, its office and the implementation rules in the text', () => {
    const g = plan.leadingGroup;
    expect(text).toContain(`市中院成立由${g.leader.holder}`);
    expect(text).toContain(`${g.deputies.holder}为副组长`);
    expect(text).toContain(`${g.members.holder}为成员的${g.name}`);
    expect(text).toContain(`${plan.office.name}设在${plan.office.location}`);
    expect(text).toContain(`统筹协调、组织实施、督察督办工作`);
    expect(plan.office.duties.join('、')).toBe('统筹协调、组织实施、督察督办');
    const impl = plan.implementation;
    for (const s of [impl.firstResponsible, impl.leadershipDuty, impl.reporting, impl.inspectionPrinciple]) {
      expect(text).toContain(s);
    }
    expect(text).toContain(`${impl.coordinatingDepartment}作为综合协调部门`);
    for (const s of impl.sanctions) expect(text).toContain(s);
  });
});
