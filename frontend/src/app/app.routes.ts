import { inject } from '@angular/core';
import { Routes } from '@angular/router';
import { guestGuard, roleGuard, signedInGuard } from './core/auth.guard';
import { AuthService } from './core/auth.service';

export const routes: Routes = [
  { path: 'login', title: '登录', canActivate: [guestGuard], loadComponent: () => import('./login/login').then((m) => m.Login) },
  {
    path: '',
    loadComponent: () => import('./shell/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', redirectTo: () => inject(AuthService).home() },
      {
        path: 'admin',
        canActivate: [roleGuard],
        data: { role: 'admin' },
        children: [
          { path: '', title: '用户管理', loadComponent: () => import('./admin/users').then((m) => m.Users) },
          {
            path: 'organizations',
            title: '机构管理',
            loadComponent: () => import('./admin/organizations').then((m) => m.Organizations),
          },
          { path: 'holidays', title: '节假日与调休', loadComponent: () => import('./admin/holidays').then((m) => m.Holidays) },
        ],
      },
      {
        path: 'security',
        canActivate: [roleGuard],
        data: { role: 'security-admin' },
        title: '角色与解锁',
        loadComponent: () => import('./security/security-users').then((m) => m.SecurityUsers),
      },
      {
        path: 'password',
        canActivate: [signedInGuard],
        title: '修改密码',
        loadComponent: () => import('./account/password').then((m) => m.PasswordChange),
      },
      {
        path: 'audit',
        canActivate: [roleGuard],
        data: { role: 'audit-admin' },
        title: '日志审计',
        loadComponent: () => import('./audit/audit-logs').then((m) => m.AuditLogs),
      },
      {
        path: 'procurement',
        canActivate: [roleGuard],
        data: { role: 'procurement' },
        children: [
          {
            path: '',
            title: '招标项目',
            loadComponent: () => import('./procurement/procurement-home').then((m) => m.ProcurementHome),
          },
          {
            path: 'tenders/new',
            title: '新建招标项目',
            loadComponent: () => import('./procurement/tender-form').then((m) => m.TenderForm),
          },
          {
            path: 'tenders/:id/edit',
            title: '编辑招标项目',
            loadComponent: () => import('./procurement/tender-form').then((m) => m.TenderForm),
          },
          {
            path: 'tenders/:id/results',
            title: '评审结果',
            loadComponent: () => import('./procurement/tender-results').then((m) => m.TenderResults),
          },
          {
            path: 'tenders/:id',
            title: '招标项目详情',
            loadComponent: () => import('./procurement/tender-detail').then((m) => m.TenderDetail),
          },
          // Bidders are registered per tender (the 投标人 tab of a tender).
          { path: 'bidders', redirectTo: '' },
          {
            path: 'evaluation',
            title: '评标',
            loadComponent: () => import('./procurement/evaluation').then((m) => m.Evaluation),
          },
          {
            path: 'import',
            title: '导入档案',
            loadComponent: () => import('./procurement/import-dossier').then((m) => m.ImportDossier),
          },
        ],
      },
      {
        path: 'expert',
        canActivate: [roleGuard],
        data: { role: 'expert' },
        children: [
          { path: '', title: '我的评审', loadComponent: () => import('./expert/expert-home').then((m) => m.ExpertHome) },
          {
            path: 'tenders/:id',
            title: '评审项目',
            loadComponent: () => import('./expert/expert-tender').then((m) => m.ExpertTender),
          },
          {
            path: 'tenders/:id/lots/:lotNo',
            title: '评分表',
            loadComponent: () => import('./expert/score-sheet').then((m) => m.ScoreSheet),
          },
        ],
      },
      {
        path: 'bureau',
        canActivate: [roleGuard],
        data: { role: 'bureau' },
        children: [
          {
            path: '',
            title: '合同管理',
            loadComponent: () => import('./bureau/bureau-home').then((m) => m.BureauHome),
          },
          {
            path: 'contracts/:id',
            title: '合同详情',
            loadComponent: () => import('./bureau/contract-detail').then((m) => m.ContractDetail),
          },
          {
            path: 'assessments',
            title: '年度考核',
            loadComponent: () => import('./bureau/assessments').then((m) => m.BureauAssessments),
          },
          {
            path: 'assessments/:id',
            title: '考核详情',
            loadComponent: () => import('./bureau/assessment-detail').then((m) => m.BureauAssessmentDetail),
          },
          {
            path: 'reports',
            title: '定期报告',
            loadComponent: () => import('./shared/periodic-reports').then((m) => m.PeriodicReports),
          },
        ],
      },
      {
        path: 'insurer',
        canActivate: [roleGuard],
        data: { role: 'insurer' },
        children: [
          {
            path: '',
            title: '我的投标',
            loadComponent: () => import('./insurer/insurer-home').then((m) => m.InsurerHome),
          },
          {
            path: 'bids',
            title: '我的投标',
            loadComponent: () => import('./insurer/insurer-home').then((m) => m.InsurerHome),
          },
          {
            path: 'tenders/:id/bid',
            title: '电子投标',
            loadComponent: () => import('./insurer/insurer-bid').then((m) => m.InsurerBid),
          },
          {
            path: 'contracts',
            title: '我的合同',
            loadComponent: () => import('./insurer/insurer-contracts').then((m) => m.InsurerContracts),
          },
          {
            path: 'reports',
            title: '定期报告',
            loadComponent: () => import('./shared/periodic-reports').then((m) => m.PeriodicReports),
          },
          {
            path: 'contracts/:id/settlement',
            title: '年度清算',
            loadComponent: () => import('./insurer/insurer-settlement').then((m) => m.InsurerSettlement),
          },
          {
            path: 'assessments',
            title: '我的考核',
            loadComponent: () => import('./insurer/insurer-assessments').then((m) => m.InsurerAssessments),
          },
          {
            path: 'assessments/:id',
            title: '考核详情',
            loadComponent: () => import('./insurer/insurer-assessment').then((m) => m.InsurerAssessment),
          },
        ],
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
