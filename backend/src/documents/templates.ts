import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ROOT_DIR } from '../config/config';
import { capitals, chineseDate, count, money, percent } from './format';

export const TEMPLATES_DIR = resolve(ROOT_DIR, 'templates');

/** What every document template receives: `title` heads each page of the PDF. */
export interface DocumentData {
  title: string;
  [key: string]: unknown;
}

/**
 * The Handlebars templates of templates/: `partials/*.hbs` are registered as partials and every other
 * `*.hbs` is a document template, all compiled once when the set is built. Each set has its own
 * Handlebars environment, so its helpers and partials cannot leak into or collide with another's.
 */
export class TemplateSet {
  private readonly hbs = Handlebars.create();
  private readonly templates = new Map<string, Handlebars.TemplateDelegate>();

  constructor(dir = TEMPLATES_DIR) {
    this.hbs.registerHelper({
      money: (v: string | number) => money(v),
      capitals: (v: string | number) => capitals(v),
      percent: (v: string | number) => percent(v),
      count: (v: number) => count(v),
      chineseDate: (v: string | Date) => chineseDate(v),
      join: (items: unknown[], separator: unknown) => items.join(typeof separator === 'string' ? separator : '、'),
      split: (text: string, separator: string) => text.split(separator),
      inc: (i: number) => i + 1,
      eq: (a: unknown, b: unknown) => a === b,
    });
    const hbsFiles = (d: string) => readdirSync(d).filter((f) => f.endsWith('.hbs'));
    for (const file of hbsFiles(join(dir, 'partials'))) {
      this.hbs.registerPartial(basename(file, '.hbs'), readFileSync(join(dir, 'partials', file), 'utf8'));
    }
    for (const file of hbsFiles(dir)) {
      // strict: a field the template names but the data lacks is an error, not a silently empty blank.
      this.templates.set(basename(file, '.hbs'), this.hbs.compile(readFileSync(join(dir, file), 'utf8'), { strict: true }));
    }
  }

  render(name: string, data: DocumentData): string {
    const template = this.templates.get(name);
    if (!template) throw new Error(`unknown document template / 文书模板不存在: ${name}`);
    return template(data);
  }

  /** Text for the PDF page header, escaped as Chromium inserts it as HTML. */
  escape(text: string): string {
    return this.hbs.escapeExpression(text);
  }
}
