import { inject } from '@angular/core';
import { Routes } from '@angular/router';
import { guestGuard, roleGuard } from './core/auth.guard';
import { AuthService } from './core/auth.service';
import { Login } from './login/login';
import { Shell } from './shell/shell';

export const routes: Routes = [
  { path: 'login', component: Login, canActivate: [guestGuard] },
  {
    path: '',
    component: Shell,
    children: [
      { path: '', pathMatch: 'full', redirectTo: () => inject(AuthService).home() },
      {
        path: 'admin',
        canActivate: [roleGuard],
        data: { role: 'admin' },
        loadComponent: () => import('./admin/users').then((m) => m.Users),
      },
      {
        path: 'procurement',
        canActivate: [roleGuard],
        data: { role: 'procurement' },
        children: [
          {
            path: '',
            loadComponent: () => import('./procurement/procurement-home').then((m) => m.ProcurementHome),
          },
          {
            path: 'tenders/new',
            loadComponent: () => import('./procurement/tender-form').then((m) => m.TenderForm),
          },
          {
            path: 'tenders/:id/edit',
            loadComponent: () => import('./procurement/tender-form').then((m) => m.TenderForm),
          },
          {
            path: 'tenders/:id/results',
            loadComponent: () => import('./procurement/tender-results').then((m) => m.TenderResults),
          },
          {
            path: 'tenders/:id',
            loadComponent: () => import('./procurement/tender-detail').then((m) => m.TenderDetail),
          },
          // Bidders are registered per tender (the 投标人 tab of a tender).
          { path: 'bidders', redirectTo: '' },
          {
            path: 'evaluation',
            loadComponent: () => import('./procurement/evaluation').then((m) => m.Evaluation),
          },
          {
            path: 'import',
            loadComponent: () => import('./procurement/import-dossier').then((m) => m.ImportDossier),
          },
        ],
      },
      {
        path: 'expert',
        canActivate: [roleGuard],
        data: { role: 'expert' },
        children: [
          { path: '', loadComponent: () => import('./expert/expert-home').then((m) => m.ExpertHome) },
          {
            path: 'tenders/:id',
            loadComponent: () => import('./expert/expert-tender').then((m) => m.ExpertTender),
          },
          {
            path: 'tenders/:id/lots/:lotNo',
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
            loadComponent: () => import('./bureau/bureau-home').then((m) => m.BureauHome),
          },
          {
            path: 'contracts/:id',
            loadComponent: () => import('./bureau/contract-detail').then((m) => m.ContractDetail),
          },
          {
            path: 'assessments',
            loadComponent: () => import('./bureau/assessments').then((m) => m.BureauAssessments),
          },
          {
            path: 'assessments/:id',
            loadComponent: () => import('./bureau/assessment-detail').then((m) => m.BureauAssessmentDetail),
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
            loadComponent: () => import('./insurer/insurer-home').then((m) => m.InsurerHome),
          },
          {
            path: 'bids',
            loadComponent: () => import('./insurer/insurer-home').then((m) => m.InsurerHome),
          },
          {
            path: 'contracts',
            loadComponent: () => import('./insurer/insurer-contracts').then((m) => m.InsurerContracts),
          },
          {
            path: 'assessments',
            loadComponent: () => import('./insurer/insurer-assessments').then((m) => m.InsurerAssessments),
          },
          {
            path: 'assessments/:id',
            loadComponent: () => import('./insurer/insurer-assessment').then((m) => m.InsurerAssessment),
          },
        ],
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
