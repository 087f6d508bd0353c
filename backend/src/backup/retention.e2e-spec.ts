import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { startApp, TestApp } from '../../test/harness';

/**
 * Retention (README, "Backup and recovery"): procurement files are kept at least 15 years and audit
 * and security records at least 180 days, so no route deletes anything. A DELETE route added later
 * fails here until its reason is written down below and in the README's retention policy.
 */
const ALLOWED_DELETES: Record<string, string> = {
  // Reference data the administrator keeps (a day entered as a holiday by mistake), not a record of any procedure.
  'DELETE /api/calendar/holidays/:date': 'the holiday table: reference data, every change audited',
};

describe('retention: no route deletes records', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('has no DELETE route', () => {
    const scanner = t.app.get(MetadataScanner);
    const deletes: string[] = [];
    for (const { instance, metatype } of t.app.get(DiscoveryService).getControllers()) {
      if (!instance || !metatype) continue;
      for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const handler = instance[name];
        if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.DELETE) continue;
        deletes.push(`DELETE /api/${Reflect.getMetadata(PATH_METADATA, metatype)}/${Reflect.getMetadata(PATH_METADATA, handler)}`);
      }
    }
    expect(deletes.filter((route) => !(route in ALLOWED_DELETES))).toEqual([]);
  });
});
