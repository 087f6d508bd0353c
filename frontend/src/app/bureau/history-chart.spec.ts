import { TestBed } from '@angular/core/testing';
import { AssessmentHistorySchema, type AssessmentHistory } from '@domain/wire/assessments';
import { historyEntry } from '../testing/assessments';
import { answer } from '../testing/wire';
import { useChartStubs } from '../testing/charts';
import { chartReferences, HistoryChart, historyChartOptions } from './history-chart';

const entry = (year: number, score: string, grade: string | null, passed: boolean, kind: 'points' | 'deduction' = 'points') =>
  historyEntry({
    assessmentId: year * 10 + Number(score.slice(0, 1)),
    year,
    schemeCode: kind === 'points' ? 'SY-17' : 'NB-PERF',
    schemeName: kind === 'points' ? '计分制考核' : '扣分制考核',
    kind,
    passMark: kind === 'points' ? '85.00' : null,
    bands:
      kind === 'points'
        ? null
        : [
            { min: '90', grade: '优秀' },
            { min: '80', grade: '良好' },
            { min: '70', grade: '合格' },
            { min: '60', grade: '较差' },
            { min: '0', grade: '不合格' },
          ],
    score,
    grade,
    passed,
  });

const histories = answer(AssessmentHistorySchema.array(), [
  {
    organization: { id: 11, code: 'A', name: '甲保险' },
    entries: [entry(2024, '84.90', '不达标', false), entry(2023, '80.00', '不达标', false), entry(2025, '90.00', '达标', true)],
    repeatedFailures: { failedYears: [2023, 2024] },
  },
  {
    organization: { id: 12, code: 'B', name: '乙保险' },
    entries: [entry(2023, '92.00', '优秀', true, 'deduction'), entry(2024, '59.90', '不合格', false, 'deduction')],
    repeatedFailures: null,
  },
]);

/** The parts of the options the chart is read from. */
interface Options {
  xAxis: { data: string[] };
  yAxis: { min: number; max: number };
  series: {
    name: string;
    data: { value: [string, number]; label: { formatter: string }; itemStyle: { color: string } }[];
    markLine?: { data: { yAxis: number; name: string; lineStyle: { type: string } }[] };
  }[];
}
const options = (data: AssessmentHistory[]) => historyChartOptions(data) as unknown as Options;

describe('HistoryChart', () => {
  useChartStubs();

  async function render(data: AssessmentHistory[]) {
    const fixture = TestBed.createComponent(HistoryChart);
    fixture.componentRef.setInput('histories', data);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('draws one line per insurer over the years, each point with its grade, a failed year hollow', () => {
    const o = options(histories);
    expect(o.xAxis.data).toEqual(['2023', '2024', '2025']);
    expect(o.yAxis).toMatchObject({ min: 0, max: 100 });
    expect(o.series.map((s) => s.name)).toEqual(['甲保险', '乙保险']);
    expect(o.series[0].data.map((d) => d.value)).toEqual([
      ['2023', 80],
      ['2024', 84.9],
      ['2025', 90],
    ]);
    expect(o.series[0].data.map((d) => d.label.formatter)).toEqual(['80 不达标', '84.9 不达标', '90 达标']);
    expect(o.series[1].data.map((d) => d.label.formatter)).toEqual(['92 优秀', '59.9 不合格']);
    expect(o.series[0].data.map((d) => d.itemStyle.color)).toEqual(['#fff', '#fff', '#1f5fa8']);
  });

  it('marks the pass mark at 85 (dashed) and the grade bands at 90/80/70/60 (dotted), once', () => {
    const o = options(histories);
    const lines = o.series[0].markLine!.data;
    expect(lines.map((l) => [l.yAxis, l.name, l.lineStyle.type])).toEqual([
      [90, '≥90 优秀', 'dotted'],
      [85, '85 计分制达标线', 'dashed'],
      [80, '≥80 良好', 'dotted'],
      [70, '≥70 合格', 'dotted'],
      [60, '≥60 较差', 'dotted'],
    ]);
    expect(o.series[1].markLine).toBeUndefined();
  });

  it('draws only the thresholds of the schemes shown: the pass mark for points, the bands for deduction', () => {
    const [pointsOnly, deductionOnly] = histories;
    expect(chartReferences([pointsOnly])).toEqual([{ value: 85, label: '85 计分制达标线', pass: true }]);
    expect(chartReferences([deductionOnly])).toEqual([
      { value: 90, label: '≥90 优秀', pass: false },
      { value: 80, label: '≥80 良好', pass: false },
      { value: 70, label: '≥70 合格', pass: false },
      { value: 60, label: '≥60 较差', pass: false },
    ]);
    expect(chartReferences([])).toEqual([]);
    expect(options([deductionOnly]).series[0].markLine!.data.map((l) => l.yAxis)).toEqual([90, 80, 70, 60]);
  });

  it('names every insurer in the legend and flags repeated failures', async () => {
    const page = await render(histories);
    expect(page.querySelector('.history-chart[echarts]')).not.toBeNull();
    const legend = [...page.querySelectorAll('.legend-item')];
    expect(legend.map((l) => l.textContent?.trim().slice(0, 3))).toEqual(['甲保险', '乙保险']);
    expect(legend[0].querySelector('.repeated-failures')?.textContent).toContain('2023、2024年不达标');
    expect(legend[1].querySelector('.repeated-failures')).toBeNull();
  });

  it('says so when there is no final result yet', async () => {
    const page = await render([]);
    expect(page.querySelector('.history-chart')).toBeNull();
    expect(page.querySelector('.no-history')?.textContent).toContain('尚无');
  });
});
