import { activeNavItem, breadcrumbs } from './navigation';
import { DESKS } from './roles';

describe('navigation', () => {
  it('gives every role a home that is one of its menu entries', () => {
    for (const desk of Object.values(DESKS)) expect(desk.nav.map((item) => item.path)).toContain(desk.home);
  });

  it('finds the menu entry a page falls under by the longest matching path', () => {
    expect(activeNavItem('bureau', '/bureau')?.label).toBe('合同');
    expect(activeNavItem('bureau', '/bureau/contracts/7')?.label).toBe('合同');
    expect(activeNavItem('bureau', '/bureau/assessments/4?tab=items')?.label).toBe('年度考核');
    expect(activeNavItem('insurer', '/bureau')).toBeNull();
  });

  it('draws role › menu entry › page', () => {
    expect(breadcrumbs('bureau', '/bureau/assessments/4', '考核详情')).toEqual([
      { label: '医保局', link: '/bureau' },
      { label: '年度考核', link: '/bureau/assessments' },
      { label: '考核详情', link: null },
    ]);
    expect(breadcrumbs('procurement', '/procurement', '招标项目')).toEqual([
      { label: '采购中心', link: '/procurement' },
      { label: '招标项目', link: null },
    ]);
  });
});
