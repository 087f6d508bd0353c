import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { labelOptions } from '@domain/labels';
import type { OrganizationKind } from '@domain/organizations';
import type { Organization } from '@domain/wire/users';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzGridModule } from 'ng-zorro-antd/grid';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { ApiError, toApiError } from '../core/api-error';
import { ErrorBox } from '../shared/api-errors';
import { FIELD_STATUS } from '../shared/field-status';
import { LabelPipe } from '../shared/label.pipe';
import { UsersApi } from './users-api';

/**
 * 机构管理 (/admin/organizations): the insurers, bureaus and procurement centres user accounts belong
 * to. The administrator creates them and edits their name; the kind only while no user or bidder is
 * bound (the API refuses otherwise). Every change is audited.
 */
@Component({
  selector: 'app-organizations',
  imports: [
    NzFlexModule,
    FormsModule,
    NzTableModule,
    NzButtonModule,
    NzCardModule,
    NzFormModule,
    NzGridModule,
    NzInputModule,
    NzSelectModule,
    NzAlertModule,
    NzTypographyModule,
    LabelPipe,
    FIELD_STATUS,
    ErrorBox,
  ],
  template: `
    <h1>机构管理</h1>
    @if (pageError()) {
      <nz-alert nzType="error" [nzMessage]="pageError()" role="alert" />
    }
    @if (notice()) {
      <nz-alert nzType="success" [nzMessage]="notice()" role="status" />
    }

    <div nz-flex nzVertical nzGap="middle">
      <nz-card nzTitle="新建机构" nzSize="small">
        <form nz-form nzLayout="vertical" (ngSubmit)="create()">
          <div nz-row [nzGutter]="16">
            <nz-form-item nz-col nzXs="24" nzSm="8">
              <nz-form-label nzFor="org-code">机构代码</nz-form-label>
              <nz-form-control [nzValidateStatus]="createError() | fieldStatus: 'code'" [nzErrorTip]="createError() | fieldTip: 'code'">
                <input nz-input id="org-code" name="code" [(ngModel)]="code" autocomplete="off" placeholder="如：PICC" />
              </nz-form-control>
            </nz-form-item>
            <nz-form-item nz-col nzXs="24" nzSm="8">
              <nz-form-label nzFor="org-name">机构名称</nz-form-label>
              <nz-form-control [nzValidateStatus]="createError() | fieldStatus: 'name'" [nzErrorTip]="createError() | fieldTip: 'name'">
                <input nz-input id="org-name" name="name" [(ngModel)]="name" autocomplete="off" />
              </nz-form-control>
            </nz-form-item>
            <nz-form-item nz-col nzXs="24" nzSm="8">
              <nz-form-label nzFor="org-kind">机构类型</nz-form-label>
              <nz-form-control [nzValidateStatus]="createError() | fieldStatus: 'kind'" [nzErrorTip]="createError() | fieldTip: 'kind'">
                <nz-select nzId="org-kind" name="kind" [(ngModel)]="kind">
                  @for (option of kinds; track option.value) {
                    <nz-option [nzValue]="option.value" [nzLabel]="option.label" />
                  }
                </nz-select>
              </nz-form-control>
            </nz-form-item>
          </div>
          <app-error-box [error]="createError()" [shown]="['code', 'name', 'kind']" />
          <button nz-button nzType="primary" id="create-organization" type="submit" [disabled]="busy()">创建</button>
        </form>
      </nz-card>

      <nz-table
        #table
        id="organization-table"
        [nzData]="organizations()"
        [nzShowPagination]="false"
        [nzFrontPagination]="false"
        nzSize="small"
      >
        <thead>
          <tr>
            <th>机构代码</th>
            <th>机构名称</th>
            <th>机构类型</th>
            <th>用户数</th>
            <th>操作</th>
          </tr>
        </thead>
        <tbody>
          @for (org of table.data; track org.id) {
            <tr class="organization-row" [attr.data-code]="org.code">
              <td>{{ org.code }}</td>
              @if (editing() === org.id) {
                <td>
                  <nz-form-item>
                    <nz-form-control [nzValidateStatus]="editError() | fieldStatus: 'name'" [nzErrorTip]="editError() | fieldTip: 'name'">
                      <input nz-input class="edit-name" aria-label="机构名称" [(ngModel)]="editName" />
                    </nz-form-control>
                  </nz-form-item>
                </td>
                <td>
                  <nz-form-item>
                    <nz-form-control [nzValidateStatus]="editError() | fieldStatus: 'kind'" [nzErrorTip]="editError() | fieldTip: 'kind'">
                      <nz-select class="edit-kind" aria-label="机构类型" [(ngModel)]="editKind" [nzDisabled]="org.usersCount > 0">
                        @for (option of kinds; track option.value) {
                          <nz-option [nzValue]="option.value" [nzLabel]="option.label" />
                        }
                      </nz-select>
                    </nz-form-control>
                  </nz-form-item>
                </td>
                <td>{{ org.usersCount }}</td>
                <td>
                  <button
                    nz-button
                    nzType="primary"
                    nzSize="small"
                    class="save-organization"
                    type="button"
                    [disabled]="busy()"
                    (click)="save(org)"
                  >
                    保存
                  </button>
                  <button nz-button nzSize="small" type="button" (click)="editing.set(null)">取消</button>
                  <app-error-box [error]="editError()" [shown]="['name', 'kind']" />
                </td>
              } @else {
                <td>{{ org.name }}</td>
                <td>{{ org.kind | label: 'organizationKind' }}</td>
                <td>{{ org.usersCount }}</td>
                <td>
                  <button nz-button nzSize="small" class="edit-organization" type="button" (click)="edit(org)">编辑</button>
                </td>
              }
            </tr>
          }
        </tbody>
      </nz-table>
    </div>
    @if (!organizations().length) {
      <p nz-typography nzType="secondary">暂无机构</p>
    }
  `,
})
export class Organizations {
  private readonly api = inject(UsersApi);

  protected readonly kinds = labelOptions('organizationKind');
  protected readonly organizations = signal<Organization[]>([]);
  protected readonly pageError = signal('');
  protected readonly notice = signal('');
  protected readonly busy = signal(false);
  protected readonly createError = signal<ApiError | null>(null);
  protected readonly editing = signal<number | null>(null);
  protected readonly editError = signal<ApiError | null>(null);

  protected code = '';
  protected name = '';
  protected kind: OrganizationKind = 'insurer';
  protected editName = '';
  protected editKind: OrganizationKind = 'insurer';

  constructor() {
    this.load();
  }

  protected create(): void {
    this.createError.set(null);
    this.notice.set('');
    this.busy.set(true);
    this.api.createOrganization({ code: this.code.trim(), name: this.name.trim(), kind: this.kind }).subscribe({
      next: (created) => {
        this.busy.set(false);
        this.notice.set(`已创建机构 ${created.name}`);
        this.code = '';
        this.name = '';
        this.load();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.createError.set(toApiError(err));
      },
    });
  }

  protected edit(org: Organization): void {
    this.editName = org.name;
    this.editKind = org.kind;
    this.editError.set(null);
    this.editing.set(org.id);
  }

  protected save(org: Organization): void {
    this.notice.set('');
    this.busy.set(true);
    const changes = { name: this.editName.trim(), ...(this.editKind !== org.kind ? { kind: this.editKind } : {}) };
    this.api.updateOrganization(org.id, changes).subscribe({
      next: (saved) => {
        this.busy.set(false);
        this.editing.set(null);
        this.notice.set(`已保存机构 ${saved.name}`);
        this.load();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.editError.set(toApiError(err));
      },
    });
  }

  private load(): void {
    this.api.organizations().subscribe({
      next: (organizations) => {
        this.organizations.set(organizations);
        this.pageError.set('');
      },
      error: (err: unknown) => this.pageError.set(toApiError(err).message),
    });
  }
}
