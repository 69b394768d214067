import { accountingSettingsBodySchema, accountingSettingsSchema } from '@kassa/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  readAccountingSettings,
  saveAccountingSettings,
} from '../../commands/accounting-settings.js';
import { accountPlanRefusal } from '../../accounting/sie-export.js';
import { commandContext } from '../context.js';

/**
 * Bokföring: the account plan of the SIE export (module `exports`). Admins and managers read it;
 * only admins change it. See docs/protocols/backoffice-api.md.
 */
export const accountingSettingsRoutes: FastifyPluginAsyncZod = (app) => {
  const { database, clock } = app.deps;

  app.get(
    '/api/settings/accounting',
    {
      config: { kassa: { access: ['admin', 'manager'], module: 'exports' } },
      schema: {
        tags: ['exports'],
        summary: 'The accounts the SIE export books to (the BAS defaults until changed)',
        response: { 200: accountingSettingsSchema },
      },
    },
    (request) => readAccountingSettings(database.db, request.tenant?.id ?? ''),
  );

  app.put(
    '/api/settings/accounting',
    {
      config: { kassa: { access: ['admin'], module: 'exports' } },
      schema: {
        tags: ['exports'],
        summary: 'Change the accounts the SIE export books to (audit-logged)',
        body: accountingSettingsBodySchema,
        response: { 200: accountingSettingsSchema },
      },
    },
    async (request) => {
      const result = await database.db.transaction((tx) =>
        saveAccountingSettings(commandContext(request, tx, clock.now()), request.body.accounts),
      );
      if (!result.ok) throw accountPlanRefusal(result);
      return result.value;
    },
  );
  return Promise.resolve();
};
